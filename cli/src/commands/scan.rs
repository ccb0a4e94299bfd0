//! `goseam scan`: the summary of a tree.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use goseam_engine::summary::{Counts, ScanSummary};
use goseam_engine::SummaryOptions;

use super::{emit, print_json, scan_tree};
use crate::args::{Format, TreeArgs};

pub fn run(tree: &TreeArgs, threads: usize, quiet: bool, format: Format) -> Result<ExitCode> {
    let (scan, _) = scan_tree(tree, threads, quiet)?;
    let summary = ScanSummary::new(
        &scan,
        SummaryOptions {
            include_vendor: tree.include_vendor,
            ..SummaryOptions::default()
        },
    );
    match format {
        Format::Json => print_json(&summary)?,
        Format::Text => emit(&render_text(&summary))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn counts_line(label: &str, c: &Counts) -> String {
    format!(
        "  {label:<11} {:>8} files {:>10} lines {:>12} bytes\n",
        c.files, c.lines, c.bytes
    )
}

/// The human-readable summary.
pub fn render_text(s: &ScanSummary) -> String {
    let mut out = String::new();
    let t = &s.totals;
    let _ = writeln!(out, "modules: {}", s.modules.len());
    for m in &s.modules {
        let _ = writeln!(
            out,
            "  {:<40} {:<20} {:>5} packages {:>6} files{}",
            m.path.as_deref().unwrap_or("(no module path)"),
            m.dir,
            m.packages,
            m.files,
            if m.in_workspace { "  (go.work)" } else { "" }
        );
    }
    if let Some(w) = &s.workspace {
        let _ = writeln!(out, "workspace: {} uses {}", w.file, w.uses.join(", "));
    }
    let _ = writeln!(
        out,
        "packages: {} ({} external test, {} vendored)",
        t.packages, t.external_test_packages, t.vendor_packages
    );
    let _ = writeln!(
        out,
        "files: {}  lines: {}  bytes: {}",
        t.files, t.lines, t.bytes
    );
    out.push_str(&counts_line("production", &s.files_by_kind.production));
    out.push_str(&counts_line("test", &s.files_by_kind.test));
    out.push_str(&counts_line("generated", &s.files_by_kind.generated));
    out.push_str(&counts_line("vendor", &s.files_by_kind.vendor));
    let d = &s.declarations;
    let _ = writeln!(
        out,
        "declarations: {} funcs, {} methods, {} types, {} consts, {} vars",
        d.funcs, d.methods, d.types, d.consts, d.vars
    );
    let _ = writeln!(
        out,
        "build-constrained files: {}",
        s.build_constrained_files
    );
    let _ = writeln!(
        out,
        "files with parse errors: {} ({} errors)",
        s.parse_errors.files, s.parse_errors.errors
    );
    for e in &s.parse_errors.examples {
        let _ = writeln!(
            out,
            "  {}:{}:{} ({} errors)",
            e.file, e.line, e.column, e.errors
        );
    }
    if s.invalid_utf8.files > 0 {
        let _ = writeln!(out, "files with invalid UTF-8: {}", s.invalid_utf8.files);
        for e in &s.invalid_utf8.examples {
            let _ = writeln!(out, "  {} (byte {})", e.file, e.offset);
        }
    }
    let _ = writeln!(out, "skipped files: {}", s.skipped.files);
    for e in &s.skipped.list {
        let _ = writeln!(out, "  {}: {}", e.path, e.reason);
    }
    if !s.module_errors.is_empty() {
        let _ = writeln!(out, "go.mod/go.work problems: {}", s.module_errors.len());
        for e in &s.module_errors {
            let _ = writeln!(out, "  {}:{}: {}", e.file, e.line, e.message);
        }
    }
    out
}
