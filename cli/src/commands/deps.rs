//! `goseam deps`: the package and domain dependency graphs, their cycles,
//! coupling per domain and an extraction order.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, Result};
use goseam_analyzers::deps::{
    Deps, DepsReport, DomainGraph, ExtractionStep, PackageCycle, PackageGraph, PackageImport,
};
use goseam_analyzers::domains::{DomainSource, DomainWarning};
use goseam_analyzers::{run_analyzers, PassOptions};
use goseam_engine::resolve::universe::Toolchain;
use serde::Serialize;

use super::{emit, print_json, scan_tree};
use crate::args::{Format, Level, TreeArgs};

/// What `--level package --format json` prints.
#[derive(Serialize)]
struct PackageView<'a> {
    domain_source: &'a DomainSource,
    domain_warnings: &'a [DomainWarning],
    package_graph: &'a PackageGraph,
}

/// What `--level domain --format json` prints.
#[derive(Serialize)]
struct DomainView<'a> {
    domain_source: &'a DomainSource,
    domain_warnings: &'a [DomainWarning],
    tables_complete: bool,
    domain_graph: &'a DomainGraph,
    extraction_order: &'a [ExtractionStep],
}

pub fn run(
    tree: &TreeArgs,
    level: Level,
    format: Format,
    include_tests: bool,
    threads: usize,
    quiet: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let (scan, config) = scan_tree(tree, threads, quiet)?;
    let results = run_analyzers(
        &scan,
        &[&Deps],
        PassOptions {
            include_vendor: tree.include_vendor,
            config,
            toolchain: Toolchain::detect(),
            threads,
        },
    )?;
    let mut report = results
        .of::<Deps>()
        .ok_or_else(|| anyhow!("the deps analyzer gave no result"))?
        .clone();
    if !include_tests {
        report.without_tests();
    }
    match (level, format) {
        (Level::Package, Format::Json) => print_json(&PackageView {
            domain_source: &report.domain_source,
            domain_warnings: &report.domain_warnings,
            package_graph: &report.package_graph,
        })?,
        (Level::Domain, Format::Json) => print_json(&DomainView {
            domain_source: &report.domain_source,
            domain_warnings: &report.domain_warnings,
            tables_complete: report.tables_complete,
            domain_graph: &report.domain_graph,
            extraction_order: &report.extraction_order,
        })?,
        (Level::Package, Format::Text) => emit(&render_packages(&report, include_tests))?,
        (Level::Domain, Format::Text) => emit(&render_domains(&report))?,
    }
    if !quiet {
        let cycles = match level {
            Level::Package => {
                report.package_graph.cycles.len() + report.package_graph.test_cycles.len()
            }
            Level::Domain => report.domain_graph.cycles.len(),
        };
        eprintln!(
            "goseam: {} packages, {} domains, {cycles} cycles, {:.2}s",
            report.package_graph.packages.len(),
            report.domain_graph.domains.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn header(out: &mut String, report: &DepsReport) {
    let caveat = match &report.domain_source {
        DomainSource::Directory { .. } => {
            ": a convention, not a declaration (no [[domain]] in goseam.toml, no CODEOWNERS); \
             domains are named by directories"
        }
        _ => "",
    };
    let _ = writeln!(out, "domains from: {}{caveat}", report.domain_source);
    for w in &report.domain_warnings {
        let _ = writeln!(out, "domain warning: {w}");
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn render_packages(report: &DepsReport, include_tests: bool) -> String {
    let g = &report.package_graph;
    let mut out = String::new();
    header(&mut out, report);
    let _ = writeln!(
        out,
        "packages: {}  import edges: {} ({})  cycles: {}{}",
        g.packages.len(),
        g.edges.len(),
        if include_tests {
            "production and test"
        } else {
            "production; --tests adds test-only imports"
        },
        g.cycles.len(),
        if include_tests {
            format!("  test-only cycles: {}", g.test_cycles.len())
        } else {
            String::new()
        },
    );
    for p in &g.packages {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}  [{}]{}",
            p.import_path,
            p.domains.join(", "),
            if p.vendored { "  vendored" } else { "" }
        );
        for e in g.edges.iter().filter(|e| e.from == p.import_path) {
            let _ = writeln!(
                out,
                "  -> {}{}  {}",
                e.to,
                if e.test_only { " [test]" } else { "" },
                import_sites(&e.imports, !e.test_only)
            );
        }
    }
    render_package_cycles(&mut out, "cycles", &g.cycles);
    if include_tests {
        render_package_cycles(&mut out, "cycles only through test imports", &g.test_cycles);
    }
    out
}

/// `file:line` of each import spec, comma-separated; with `mark_tests`,
/// test-file specs are marked `[test]`.
fn import_sites(imports: &[PackageImport], mark_tests: bool) -> String {
    imports
        .iter()
        .map(|s| {
            let mark = if mark_tests && s.test { " [test]" } else { "" };
            format!("{}:{}{mark}", s.file, s.line)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn render_package_cycles(out: &mut String, title: &str, cycles: &[PackageCycle]) {
    let _ = writeln!(out);
    if cycles.is_empty() {
        let _ = writeln!(out, "{title}: none");
        return;
    }
    let _ = writeln!(out, "{title}: {}", cycles.len());
    for (i, c) in cycles.iter().enumerate() {
        let _ = writeln!(out, "  cycle {}: {}", i + 1, c.packages.join(", "));
        for e in &c.edges {
            let _ = writeln!(
                out,
                "    {} -> {}  {}",
                e.from,
                e.to,
                import_sites(&e.imports, true)
            );
        }
    }
}

fn render_domains(report: &DepsReport) -> String {
    let g = &report.domain_graph;
    let mut out = String::new();
    header(&mut out, report);
    if !report.tables_complete {
        let _ = writeln!(
            out,
            "INCOMPLETE: some production SQL could not be resolved (see `goseam tables`); \
             a write it hides could share a table and block a domain below"
        );
    }

    let _ = writeln!(out, "\nedges (production imports between domains):");
    if g.edges.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for e in &g.edges {
        let _ = writeln!(
            out,
            "  {} -> {}  {}",
            e.from,
            e.to,
            plural(e.imports, "import", "imports")
        );
        for s in &e.via {
            let _ = writeln!(
                out,
                "    {}:{}  {} -> {}",
                s.file, s.line, s.from_package, s.to_package
            );
        }
    }

    let _ = writeln!(
        out,
        "\ncalls across domains (production code; interface calls that may dispatch there):"
    );
    if g.calls.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for c in &g.calls {
        let _ = writeln!(
            out,
            "  {} -> {}  {} static, {} interface, {}",
            c.from,
            c.to,
            c.static_calls,
            c.interface_calls,
            plural(c.references, "reference", "references")
        );
        for s in &c.examples {
            let _ = writeln!(
                out,
                "    {}:{}:{}  {} -> {}",
                s.file, s.line, s.column, s.caller, s.callee
            );
        }
    }

    let _ = writeln!(out);
    if g.cycles.is_empty() {
        let _ = writeln!(out, "cycles: none");
    } else {
        let _ = writeln!(out, "cycles: {}", g.cycles.len());
    }
    for (i, c) in g.cycles.iter().enumerate() {
        let _ = writeln!(out, "  cycle {}: {}", i + 1, c.domains.join(", "));
        for e in &c.edges {
            let sites: Vec<String> = e
                .via
                .iter()
                .map(|s| format!("{}:{}", s.file, s.line))
                .collect();
            let _ = writeln!(out, "    {} -> {}  {}", e.from, e.to, sites.join(", "));
        }
    }
    for p in &g.split_packages {
        let _ = writeln!(
            out,
            "\npackage in several domains: {} [{}]; an import of it counts toward each",
            p.package,
            p.domains.join(", ")
        );
    }

    let width = g
        .domains
        .iter()
        .map(|d| d.name.len())
        .max()
        .unwrap_or(0)
        .max(16);
    let _ = writeln!(
        out,
        "\n{:width$} {:>3} {:>3}  instability",
        "domain", "Ca", "Ce"
    );
    for d in &g.domains {
        let instability = d
            .instability
            .map_or_else(|| "-".to_string(), |i| format!("{i:.2}"));
        let _ = writeln!(
            out,
            "{:width$} {:>3} {:>3}  {instability}",
            d.name, d.ca, d.ce
        );
        if !d.afferent.is_empty() {
            let _ = writeln!(out, "  depended on by: {}", d.afferent.join(", "));
        }
        if !d.efferent.is_empty() {
            let _ = writeln!(out, "  depends on: {}", d.efferent.join(", "));
        }
        for w in &d.shared_writes {
            let _ = writeln!(
                out,
                "  writes shared table {} (also written by {})",
                w.table,
                w.other_writers.join(", ")
            );
        }
        for r in &d.foreign_reads {
            let _ = writeln!(out, "  reads {} (owned by {})", r.table, r.owner);
        }
    }

    let _ = writeln!(
        out,
        "\nextraction order, by (blocked, Ca, name): unblocked first, then fewer dependents, \
         then name; blocked = in a domain cycle or writes a shared table"
    );
    for s in &report.extraction_order {
        let _ = writeln!(
            out,
            "  {}. {:width$} Ca {}{}",
            s.position,
            s.domain,
            s.afferent,
            if s.blocked { "  BLOCKED" } else { "" }
        );
        if let Some(cycle) = &s.blockers.cycle {
            let _ = writeln!(out, "       cycle: {}", cycle.join(", "));
        }
        for w in &s.blockers.shared_writes {
            let _ = writeln!(
                out,
                "       shared table: {} (also written by {})",
                w.table,
                w.other_writers.join(", ")
            );
        }
        if !s.blockers.dependents.is_empty() {
            let _ = writeln!(
                out,
                "       dependents: {}",
                s.blockers.dependents.join(", ")
            );
        }
    }
    out
}
