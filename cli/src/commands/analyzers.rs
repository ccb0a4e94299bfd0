//! `goseam analyzers`: the registry, with each analyzer's doc.

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

pub fn run(format: Format) -> Result<ExitCode> {
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
        Format::Json => print_json(&entries)?,
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
            emit(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
