//! `goseam callsites TARGET…`: every call site of the targets.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, Result};
use goseam_analyzers::callsites::{
    find_call_sites, resolve_short, CallSite, CallSiteOptions, Status, Target,
};
use goseam_engine::resolve::query::prepare;
use goseam_engine::resolve::universe::Toolchain;

use super::{emit, print_json, scan_options};
use crate::args::{CallSiteFormat, TreeArgs};

pub fn run(
    targets: &[String],
    tree: &TreeArgs,
    threads: usize,
    quiet: bool,
    format: CallSiteFormat,
    include_tests: bool,
    include_unresolved: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let parsed = targets
        .iter()
        .map(|t| Target::parse(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow!("bad target {e}"))?;
    let (options, _) = scan_options(tree, threads)?;
    let prepared = prepare(&options, Toolchain::detect())?;
    let targets = resolve_short(&prepared, parsed).map_err(|e| anyhow!(e))?;
    let report = find_call_sites(
        &prepared,
        &targets,
        CallSiteOptions {
            include_tests,
            include_unresolved,
            include_vendor: tree.include_vendor,
        },
    );
    match format {
        CallSiteFormat::Json => print_json(&report.sites)?,
        CallSiteFormat::Sarif => print_json(&crate::sarif::call_sites(
            &targets.iter().map(|t| t.full_name()).collect::<Vec<_>>(),
            &report.sites,
        ))?,
        CallSiteFormat::Jsonl => {
            let mut out = std::io::BufWriter::new(crate::output::stdout());
            for s in &report.sites {
                serde_json::to_writer(&mut out, s)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
        CallSiteFormat::Text => emit(&render_text(&report.sites))?,
    }
    if !quiet {
        let (packages, files, bytes) = prepared.universe.stats();
        eprintln!(
            "goseam: declarations loaded from {packages} packages ({files} files, {:.1} MB)",
            bytes as f64 / 1e6
        );
        let unresolved = report
            .sites
            .iter()
            .filter(|s| s.status == Status::Unresolved)
            .count();
        eprintln!(
            "goseam: {} sites ({} resolved, {} unresolved) of {} in {} of {} files read, {:.2}s",
            report.sites.len(),
            report.sites.len() - unresolved,
            unresolved,
            targets
                .iter()
                .map(|t| t.full_name())
                .collect::<Vec<_>>()
                .join(", "),
            report.files_candidate,
            report.files_total,
            started.elapsed().as_secs_f64()
        );
    }
    super::leave_for_exit(prepared);
    Ok(ExitCode::SUCCESS)
}

/// Sites grouped by package, with counts.
fn render_text(sites: &[CallSite]) -> String {
    let mut by_pkg: BTreeMap<&str, Vec<&CallSite>> = BTreeMap::new();
    for s in sites {
        by_pkg.entry(&s.package).or_default().push(s);
    }
    let mut out = String::new();
    for (pkg, list) in by_pkg {
        out.push_str(&format!("{pkg} ({} sites)\n", list.len()));
        for s in list {
            let status = match &s.reason {
                Some(r) => format!(" UNRESOLVED: {r}"),
                None => String::new(),
            };
            let kind = match s.kind {
                goseam_analyzers::callsites::CallKind::Call => "",
                goseam_analyzers::callsites::CallKind::Reference => " (reference)",
            };
            out.push_str(&format!(
                "  {}:{}:{}  {}  in {}{kind}{status}\n",
                s.file, s.line, s.column, s.target, s.function
            ));
        }
    }
    out
}
