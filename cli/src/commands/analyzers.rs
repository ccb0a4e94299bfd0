//! `goseam analyzers`: the registry, with each analyzer's doc, and the
//! tools `goseam mcp` serves with their inputs (from the same JSON Schemas
//! the server publishes, so the listing cannot drift from the server).

use std::process::ExitCode;

use anyhow::Result;
use goseam_analyzers::analysis::doc_title;
use serde::Serialize;

use super::{emit, print_json};
use crate::args::Format;

#[derive(Serialize)]
struct AnalyzerEntry {
    name: &'static str,
    title: String,
    doc: &'static str,
    requires: Vec<&'static str>,
}

/// An MCP tool and its inputs.
#[derive(Serialize)]
struct ToolEntry {
    name: &'static str,
    title: &'static str,
    description: &'static str,
    input_schema: serde_json::Value,
}

/// One input of a tool: `name (type, required): description`.
fn describe_inputs(schema: &serde_json::Value) -> Vec<String> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let Some(props) = schema["properties"].as_object() else {
        return Vec::new();
    };
    props
        .iter()
        .map(|(name, p)| {
            let ty = match &p["type"] {
                serde_json::Value::String(t) => t.clone(),
                serde_json::Value::Array(ts) => ts
                    .iter()
                    .filter_map(|t| t.as_str())
                    .filter(|t| *t != "null")
                    .collect::<Vec<_>>()
                    .join("|"),
                _ => referenced_type(schema, p),
            };
            let req = if required.contains(&name.as_str()) {
                ", required"
            } else {
                ""
            };
            let doc = p["description"]
                .as_str()
                .map(|d| format!(": {}", d.replace('\n', " ")))
                .unwrap_or_default();
            format!("{name} ({ty}{req}){doc}")
        })
        .collect()
}

/// The type of a property given by reference (`$ref`, or `anyOf` a
/// reference and null): an enum's values (`insert|update|delete`), the
/// kinds of a tagged union (`kind: add_column|…`), else `object`.
fn referenced_type(schema: &serde_json::Value, p: &serde_json::Value) -> String {
    let reference = p["$ref"].as_str().or_else(|| {
        p["anyOf"]
            .as_array()?
            .iter()
            .find_map(|v| v["$ref"].as_str())
    });
    let Some(name) = reference.and_then(|r| r.strip_prefix("#/$defs/")) else {
        return "object".to_string();
    };
    let def = &schema["$defs"][name];
    if let Some(values) = def["enum"].as_array() {
        return values
            .iter()
            .filter_map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join("|");
    }
    if let Some(variants) = def["oneOf"].as_array() {
        let kinds: Vec<&str> = variants
            .iter()
            .filter_map(|v| v["properties"]["kind"]["const"].as_str())
            .collect();
        return format!("object, kind: {}", kinds.join("|"));
    }
    "object".to_string()
}

pub fn run(format: Format) -> Result<ExitCode> {
    let tools: Vec<ToolEntry> = crate::mcp::tool_specs()
        .into_iter()
        .map(|t| ToolEntry {
            name: t.name,
            title: t.title,
            description: t.description,
            input_schema: serde_json::to_value((t.schema)()).unwrap_or_default(),
        })
        .collect();
    let entries: Vec<AnalyzerEntry> = goseam_analyzers::registry()
        .into_iter()
        .map(|a| {
            let mut requires: Vec<&'static str> = a.requires().iter().map(|r| r.name()).collect();
            requires.sort();
            AnalyzerEntry {
                name: a.name(),
                title: doc_title(a.doc()).to_string(),
                doc: a.doc(),
                requires,
            }
        })
        .collect();
    match format {
        Format::Json => print_json(&serde_json::json!({
            "analyzers": entries,
            "mcp_tools": tools,
        }))?,
        Format::Text => {
            use std::fmt::Write as _;
            let mut text = String::new();
            for (i, e) in entries.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                let _ = writeln!(text, "{} — {}", e.name, e.title);
                if !e.requires.is_empty() {
                    let _ = writeln!(text, "  requires: {}", e.requires.join(", "));
                }
                for line in e.doc.lines().skip(2) {
                    let _ = writeln!(text, "  {line}");
                }
            }
            let _ = writeln!(
                text,
                "\nMCP tools (`goseam mcp --root DIR`; every tool over a tree also takes `root`):"
            );
            for t in &tools {
                let _ = writeln!(text, "\n{} — {}", t.name, t.title);
                let _ = writeln!(text, "  {}", t.description);
                let inputs = describe_inputs(&t.input_schema);
                if inputs.is_empty() {
                    let _ = writeln!(text, "  inputs: none");
                } else {
                    let _ = writeln!(text, "  inputs:");
                    for i in inputs {
                        let _ = writeln!(text, "    {i}");
                    }
                }
            }
            emit(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
