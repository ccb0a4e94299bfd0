//! `goseam tables`: which code reads and writes each table, which domain
//! owns it, which tables are shared.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, Result};
use goseam_analyzers::sqluse::SqlOptions;
use goseam_analyzers::tables::{analyze_tables, TableAccess, TablesReport};
use goseam_engine::resolve::query::prepare;
use goseam_engine::resolve::universe::Toolchain;

use super::{emit, print_json, scan_options};
use crate::args::{TablesFormat, TreeArgs};

pub struct TablesArgs<'a> {
    pub tree: &'a TreeArgs,
    pub table: Option<&'a str>,
    pub format: TablesFormat,
    pub include_tests: bool,
}

pub fn run(args: TablesArgs, threads: usize, quiet: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let (scan, config) = scan_options(args.tree, threads)?;
    let prepared = prepare(&scan, Toolchain::detect())?;
    let options = SqlOptions::from_config(&config, &prepared, args.tree.include_vendor)
        .map_err(anyhow::Error::msg)?;
    let mut report = analyze_tables(&prepared, &config, &options).map_err(anyhow::Error::msg)?;
    if !args.include_tests {
        for t in &mut report.tables {
            t.reads.retain(|a| !a.test);
            t.writes.retain(|a| !a.test);
        }
        report.unresolved.retain(|u| !u.test);
    }
    if let Some(name) = args.table {
        let found = report
            .tables
            .iter()
            .position(|t| t.name == name)
            .or_else(|| {
                let matches: Vec<usize> = (0..report.tables.len())
                    .filter(|&i| report.tables[i].name.eq_ignore_ascii_case(name))
                    .collect();
                (matches.len() == 1).then(|| matches[0])
            });
        let Some(i) = found else {
            let known: Vec<&str> = report.tables.iter().map(|t| t.name.as_str()).collect();
            return Err(anyhow!(
                "no table {name:?} in the code or the schema; known tables: {}",
                known.join(", ")
            ));
        };
        let t = report.tables.swap_remove(i);
        report.tables = vec![t];
    }
    match args.format {
        TablesFormat::Json => print_json(&report)?,
        TablesFormat::Text => emit(&render_text(&report, args.table.is_some()))?,
        TablesFormat::Markdown => emit(&render_markdown(&report, args.table.is_some()))?,
    }
    if !quiet {
        eprintln!(
            "goseam: {} tables, {} unresolved SQL uses, {:.2}s",
            report.tables.len(),
            report.unresolved.len(),
            started.elapsed().as_secs_f64()
        );
    }
    super::leave_for_exit(prepared);
    Ok(ExitCode::SUCCESS)
}

fn render_access(out: &mut String, verb: &str, a: &TableAccess) {
    let op = a
        .operation
        .map(|o| format!("{o:?}").to_lowercase())
        .unwrap_or_else(|| "table".to_string());
    let columns = if a.columns.is_empty() {
        String::new()
    } else {
        format!(" ({})", a.columns.join(", "))
    };
    let _ = writeln!(
        out,
        "  {verb:5} {:14} {}:{}:{}  {op}{columns}  in {}{}{}",
        a.domain,
        a.file,
        a.line,
        a.column,
        a.function,
        if a.test { " [test]" } else { "" },
        if a.inferred {
            " [inferred table name]"
        } else {
            ""
        },
    );
}

fn render_text(report: &TablesReport, single: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "domains from: {}", report.domains);
    if !report.complete {
        let n = report.unresolved.iter().filter(|u| !u.test).count();
        let _ = writeln!(
            out,
            "INCOMPLETE: {n} SQL {} in production code could not be resolved (listed below); any table may have more readers or writers",
            if n == 1 { "use" } else { "uses" }
        );
    }
    for t in &report.tables {
        let _ = writeln!(out);
        let owner = match &t.owner {
            Some(o) => format!("  owner: {o}"),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{}  {}{owner}  writers: [{}]  readers: [{}]{}",
            t.name,
            t.status.as_str().to_uppercase(),
            t.writing_domains.join(", "),
            t.reading_domains.join(", "),
            if t.in_schema { "" } else { "  NOT IN SCHEMA" },
        );
        if let Some(cols) = &t.columns {
            let _ = writeln!(out, "  columns: {}", cols.join(", "));
        }
        for w in &t.writes {
            render_access(&mut out, "write", w);
        }
        for r in &t.reads {
            render_access(&mut out, "read", r);
        }
    }
    if !single {
        if !report.not_in_schema.is_empty() {
            let _ = writeln!(
                out,
                "\naccessed in code, absent from the schema: {}",
                report.not_in_schema.join(", ")
            );
        }
        if !report.never_accessed.is_empty() {
            let _ = writeln!(
                out,
                "\nin the schema, never accessed: {}",
                report.never_accessed.join(", ")
            );
        }
        if !report.unused_constants.is_empty() {
            let _ = writeln!(out, "\nSQL constants nothing uses:");
            for c in &report.unused_constants {
                let _ = writeln!(out, "  {}:{}  {}.{}", c.file, c.line, c.package, c.name);
            }
        }
        for p in &report.schema_problems {
            let _ = writeln!(
                out,
                "\nschema problem: {}",
                serde_json::to_string(p).unwrap_or_default()
            );
        }
    }
    if !report.unresolved.is_empty() {
        let _ = writeln!(out, "\nunresolved:");
        for u in &report.unresolved {
            let _ = writeln!(
                out,
                "  {}:{}:{}  in {}{}: {}: {}",
                u.file,
                u.line,
                u.column,
                u.function,
                if u.test { " [test]" } else { "" },
                u.reason,
                u.template.as_deref().unwrap_or(&u.expression)
            );
        }
    }
    out
}

/// A Markdown table cell: pipes escaped, newlines folded.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown, for review: a summary table of every table,
/// then each table's accesses, then what the report could not resolve.
fn render_markdown(report: &TablesReport, single: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Tables\n");
    let _ = writeln!(out, "Domains from: {}\n", report.domains);
    if !report.complete {
        let n = report.unresolved.iter().filter(|u| !u.test).count();
        let _ = writeln!(
            out,
            "**Incomplete:** {n} SQL {} in production code could not be resolved (see *Unresolved*); any table may have more readers or writers.\n",
            if n == 1 { "use" } else { "uses" }
        );
    }
    let _ = writeln!(
        out,
        "| table | status | owner | writers | readers | in schema |\n|---|---|---|---|---|---|"
    );
    for t in &report.tables {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            t.name,
            t.status.as_str(),
            t.owner.as_deref().unwrap_or("—"),
            t.writing_domains.join(", "),
            t.reading_domains.join(", "),
            if t.in_schema { "yes" } else { "**no**" },
        );
    }
    for t in &report.tables {
        let _ = writeln!(out, "\n## `{}` — {}\n", t.name, t.status.as_str());
        if let Some(cols) = &t.columns {
            let _ = writeln!(out, "Columns: {}\n", cols.join(", "));
        }
        if t.writes.is_empty() && t.reads.is_empty() {
            let _ = writeln!(out, "No code reads or writes it.");
            continue;
        }
        let _ = writeln!(
            out,
            "| access | domain | site | operation | columns | function |\n|---|---|---|---|---|---|"
        );
        let rows = t
            .writes
            .iter()
            .map(|a| ("write", a))
            .chain(t.reads.iter().map(|a| ("read", a)));
        for (verb, a) in rows {
            let op = a
                .operation
                .map(|o| format!("{o:?}").to_lowercase())
                .unwrap_or_else(|| "table".to_string());
            let mut notes = String::new();
            if a.test {
                notes.push_str(" (test)");
            }
            if a.inferred {
                notes.push_str(" (inferred table name)");
            }
            let _ = writeln!(
                out,
                "| {verb}{notes} | {} | `{}:{}:{}` | {op} | {} | `{}` |",
                a.domain,
                a.file,
                a.line,
                a.column,
                cell(&a.columns.join(", ")),
                a.function,
            );
        }
    }
    if !single {
        if !report.not_in_schema.is_empty() {
            let _ = writeln!(
                out,
                "\nAccessed in code, absent from the schema: {}",
                report.not_in_schema.join(", ")
            );
        }
        if !report.never_accessed.is_empty() {
            let _ = writeln!(
                out,
                "\nIn the schema, never accessed: {}",
                report.never_accessed.join(", ")
            );
        }
        if !report.unused_constants.is_empty() {
            let _ = writeln!(out, "\n## SQL constants nothing uses\n");
            for c in &report.unused_constants {
                let _ = writeln!(out, "- `{}:{}` `{}.{}`", c.file, c.line, c.package, c.name);
            }
        }
        if !report.schema_problems.is_empty() {
            let _ = writeln!(out, "\n## Schema problems\n");
            for p in &report.schema_problems {
                let _ = writeln!(out, "- `{}`", serde_json::to_string(p).unwrap_or_default());
            }
        }
    }
    if !report.unresolved.is_empty() {
        let _ = writeln!(
            out,
            "\n## Unresolved\n\n| site | function | reason | SQL |\n|---|---|---|---|"
        );
        for u in &report.unresolved {
            let _ = writeln!(
                out,
                "| `{}:{}:{}`{} | `{}` | {} | `{}` |",
                u.file,
                u.line,
                u.column,
                if u.test { " (test)" } else { "" },
                u.function,
                cell(&u.reason),
                cell(u.template.as_deref().unwrap_or(&u.expression)),
            );
        }
    }
    out
}
