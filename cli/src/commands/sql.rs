//! `goseam sql`: every SQL use site, with what it parsed to.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use goseam_analyzers::sqluse::{find_sql_sites, SqlReport};
use goseam_engine::resolve::query::prepare;
use goseam_engine::resolve::universe::Toolchain;

use goseam_analyzers::sqluse::SqlOptions;

use super::{emit, print_json, scan_options};
use crate::args::{SiteFormat, TreeArgs};

pub fn run(
    tree: &TreeArgs,
    threads: usize,
    quiet: bool,
    format: SiteFormat,
    include_tests: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let (scan, config) = scan_options(tree, threads)?;
    let prepared = prepare(&scan, Toolchain::detect())?;
    let options = SqlOptions::from_config(&config, &prepared, tree.include_vendor)
        .map_err(anyhow::Error::msg)?;
    let mut report = find_sql_sites(&prepared, &options);
    if !include_tests {
        report.sites.retain(|s| !s.test);
        report.unresolved.retain(|u| !u.test);
    }
    match format {
        SiteFormat::Json => print_json(&report)?,
        SiteFormat::Jsonl => {
            let mut out = std::io::BufWriter::new(crate::output::stdout());
            for s in &report.sites {
                serde_json::to_writer(&mut out, s)?;
                out.write_all(b"\n")?;
            }
            for u in &report.unresolved {
                serde_json::to_writer(&mut out, &serde_json::json!({ "unresolved": u }))?;
                out.write_all(b"\n")?;
            }
            for c in &report.unused_constants {
                serde_json::to_writer(&mut out, &serde_json::json!({ "unused_constant": c }))?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
        SiteFormat::Text => emit(&render_text(&report))?,
    }
    if !quiet {
        eprintln!(
            "goseam: {} SQL sites, {} unresolved, {} unused constants; {} of {} files read, {:.2}s",
            report.sites.len(),
            report.unresolved.len(),
            report.unused_constants.len(),
            report.files_candidate,
            report.files_total,
            started.elapsed().as_secs_f64()
        );
    }
    super::leave_for_exit(prepared);
    Ok(ExitCode::SUCCESS)
}

fn render_text(report: &SqlReport) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for s in &report.sites {
        let tables: Vec<String> = s
            .tables
            .iter()
            .map(|t| {
                let access = match t.access {
                    goseam_analyzers::sql::Access::Read => "r",
                    goseam_analyzers::sql::Access::Write => "w",
                };
                format!("{}({access})", t.name)
            })
            .collect();
        let op = s
            .operation
            .map(|o| format!("{o:?}").to_lowercase())
            .unwrap_or_else(|| "table".to_string());
        let _ = writeln!(
            out,
            "{}:{}:{}  {op} {}  in {}{}{}{}",
            s.file,
            s.line,
            s.column,
            tables.join(" "),
            s.function,
            if s.test { " [test]" } else { "" },
            if s.parsed { "" } else { " [not parsed]" },
            if s.inferred { " [inferred]" } else { "" },
        );
    }
    for u in &report.unresolved {
        let _ = writeln!(
            out,
            "{}:{}:{}  UNRESOLVED in {}: {}: {}",
            u.file, u.line, u.column, u.function, u.reason, u.expression
        );
    }
    for c in &report.unused_constants {
        let _ = writeln!(
            out,
            "{}:{}  UNUSED constant {}.{}",
            c.file, c.line, c.package, c.name
        );
    }
    out
}
