//! `goseam check INVARIANT`: a gate for CI and for agents between migration
//! steps. Exit 0 holds, 1 violated, 3 undecidable (unresolved items could
//! hide a violation; 0 with `--allow-unresolved`), 2 usage error or a check
//! that could not run.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, Result};
use goseam_analyzers::callsites::{find_call_sites, resolve_short, CallSiteOptions, Target};
use goseam_analyzers::check::{
    self, skipped_findings, Baseline, CheckResult, CycleLevel, Finding, UsageError, Verdict,
};
use goseam_analyzers::deps::Deps;
use goseam_analyzers::sqluse::SqlOptions;
use goseam_analyzers::tables::{analyze_tables, TablesReport};
use goseam_analyzers::{run_analyzers, PassOptions};
use goseam_engine::resolve::query::{prepare, Prepared};
use goseam_engine::resolve::universe::Toolchain;
use serde::Serialize;

use super::{emit, print_json, scan_options, scan_tree};
use crate::args::{CheckArgs, CheckFormat, Invariant, Level};

/// Exit code of a usage error (clap's for bad flags).
const USAGE: u8 = 2;
/// Exit code of an undecidable invariant.
const UNDECIDABLE: u8 = 3;

pub fn run(invariant: &Invariant, threads: usize, quiet: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let common = invariant.common();
    let outcome = match invariant {
        Invariant::WritesSet {
            target,
            include_tests,
            common,
        } => check::parse_table_column(target)
            .map_err(Failure::Usage)
            .and_then(|(table, column)| {
                let (prepared, report) = tables(common, threads)?;
                let mut result = check::writes_set(&report, table, column, *include_tests)?;
                add_skipped(&mut result, &prepared, *include_tests);
                Ok(result)
            }),
        Invariant::OnlyWriter {
            table,
            domain,
            include_tests,
            common,
        } => tables(common, threads).and_then(|(prepared, report)| {
            let known = known_domains(common, &prepared, &report)?;
            let mut result = check::only_writer(&report, table, domain, &known, *include_tests)?;
            add_skipped(&mut result, &prepared, *include_tests);
            Ok(result)
        }),
        Invariant::NoNewWriters {
            table,
            baseline,
            include_tests,
            common,
        } => std::fs::read_to_string(baseline)
            .map_err(|e| {
                Failure::Usage(UsageError(format!(
                    "cannot read the baseline {}: {e}",
                    baseline.display()
                )))
            })
            .and_then(|text| {
                Baseline::from_tables_json(&text, table).map_err(|e| {
                    Failure::Usage(UsageError(format!("baseline {}: {e}", baseline.display())))
                })
            })
            .and_then(|baseline| {
                let (prepared, report) = tables(common, threads)?;
                let mut result = check::no_new_writers(&report, &baseline, *include_tests);
                add_skipped(&mut result, &prepared, *include_tests);
                Ok(result)
            }),
        Invariant::NoCalls {
            targets,
            no_tests,
            common,
        } => no_calls(targets, !*no_tests, common, threads),
        Invariant::NoCycles { level, common } => no_cycles(*level, common, threads, quiet),
    };
    let result = match outcome {
        Ok(result) => result,
        Err(Failure::Usage(e)) => {
            eprintln!("goseam: error: {e}");
            return Ok(ExitCode::from(USAGE));
        }
        // A check that could not run (no such root, a bad goseam.toml) is
        // not a violation: exit 1 always means violated.
        Err(Failure::Other(e)) => {
            eprintln!("goseam: error: {e:#}");
            return Ok(ExitCode::from(USAGE));
        }
    };
    match common.format {
        CheckFormat::Sarif => print_json(&crate::sarif::check(&result))?,
        CheckFormat::Json => print_json(&JsonView {
            result: &result,
            allow_unresolved: common.allow_unresolved,
        })?,
        CheckFormat::Text => emit(&render_text(&result, common.allow_unresolved))?,
    }
    if !quiet {
        eprintln!(
            "goseam: {}: {}, {:.2}s",
            result.invariant,
            result.verdict.as_str(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::from(exit_code(
        result.verdict,
        common.allow_unresolved,
    )))
}

/// The exit code of a verdict.
fn exit_code(verdict: Verdict, allow_unresolved: bool) -> u8 {
    match verdict {
        Verdict::Holds => 0,
        Verdict::Violated => 1,
        Verdict::Undecidable if allow_unresolved => 0,
        Verdict::Undecidable => UNDECIDABLE,
    }
}

/// Why a check did not give a result: a usage error, or a failure to run
/// (both exit 2).
enum Failure {
    Usage(UsageError),
    Other(anyhow::Error),
}

impl From<UsageError> for Failure {
    fn from(e: UsageError) -> Self {
        Failure::Usage(e)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// The tables report, tests included (each check filters them).
fn tables(common: &CheckArgs, threads: usize) -> Result<(Prepared, TablesReport), Failure> {
    let (options, config) = scan_options(&common.tree, threads)?;
    let prepared = prepare(&options, Toolchain::detect()).map_err(anyhow::Error::from)?;
    let sql = SqlOptions::from_config(&config, &prepared, common.tree.include_vendor)
        .map_err(anyhow::Error::msg)?;
    let report = analyze_tables(&prepared, &config, &sql).map_err(anyhow::Error::msg)?;
    Ok((prepared, report))
}

/// Files discovery skipped could hold any write.
fn add_skipped(result: &mut CheckResult, prepared: &Prepared, include_tests: bool) {
    check::add_skipped(result, &prepared.skipped, include_tests);
}

/// Every domain a `DOMAIN` argument may name: the declared ones, those of
/// the tree's Go files, those the tables report names, and `(unassigned)`.
fn known_domains(
    common: &CheckArgs,
    prepared: &Prepared,
    report: &TablesReport,
) -> Result<Vec<String>, Failure> {
    let (config, _) =
        goseam_analyzers::config::Config::load(&common.tree.root, common.tree.config.as_deref())
            .map_err(anyhow::Error::from)?;
    Ok(check::known_domains(prepared, &config, report).map_err(|e| anyhow!(e))?)
}

fn no_calls(
    targets: &[String],
    include_tests: bool,
    common: &CheckArgs,
    threads: usize,
) -> Result<CheckResult, Failure> {
    let parsed = targets
        .iter()
        .map(|t| Target::parse(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| UsageError(format!("bad target {e}")))?;
    let (options, _) = scan_options(&common.tree, threads)?;
    let prepared = prepare(&options, Toolchain::detect()).map_err(anyhow::Error::from)?;
    let targets = resolve_short(&prepared, parsed).map_err(UsageError)?;
    let report = find_call_sites(
        &prepared,
        &targets,
        CallSiteOptions {
            include_tests,
            include_unresolved: true,
            include_vendor: common.tree.include_vendor,
        },
    );
    let names: Vec<String> = targets.iter().map(|t| t.full_name()).collect();
    let mut result = check::no_calls(&names, &report.sites);
    let mut skipped = report.skipped.clone();
    skipped.extend(prepared.skipped.iter().cloned());
    check::add_skipped(&mut result, &skipped, include_tests);
    Ok(result)
}

fn no_cycles(
    level: Level,
    common: &CheckArgs,
    threads: usize,
    quiet: bool,
) -> Result<CheckResult, Failure> {
    let (scan, config) = scan_tree(&common.tree, threads, quiet)?;
    let results = run_analyzers(
        &scan,
        &[&Deps],
        PassOptions {
            include_vendor: common.tree.include_vendor,
            config,
            toolchain: Toolchain::detect(),
            threads,
        },
    )
    .map_err(anyhow::Error::from)?;
    let deps = results
        .of::<Deps>()
        .ok_or_else(|| anyhow!("the deps analyzer gave no result"))?;
    let level = match level {
        Level::Package => CycleLevel::Package,
        Level::Domain => CycleLevel::Domain,
    };
    // Test files cannot form production cycles.
    Ok(check::no_cycles(
        deps,
        level,
        skipped_findings(&scan.skipped, false),
    ))
}

/// What `--format json` prints.
#[derive(Serialize)]
struct JsonView<'a> {
    #[serde(flatten)]
    result: &'a CheckResult,
    /// `--allow-unresolved` was given: undecidable exits 0.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    allow_unresolved: bool,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn render_text(result: &CheckResult, allow_unresolved: bool) -> String {
    let mut out = String::new();
    let v = result.violations.len();
    let u = result.unresolved.len();
    let summary = match result.verdict {
        Verdict::Holds => "no violation".to_string(),
        Verdict::Violated if u == 0 => plural(v, "violation", "violations"),
        Verdict::Violated => format!(
            "{}; {} could hide more",
            plural(v, "violation", "violations"),
            plural(u, "unresolved item", "unresolved items")
        ),
        Verdict::Undecidable => format!(
            "no violation found, but {} could hide one{}",
            plural(u, "unresolved item", "unresolved items"),
            if allow_unresolved {
                " (allowed by --allow-unresolved: exit 0)"
            } else {
                ""
            }
        ),
    };
    let _ = writeln!(
        out,
        "{}  {}: {summary}",
        result.verdict.as_str(),
        result.invariant
    );
    if !result.violations.is_empty() {
        let _ = writeln!(out, "\nviolations:");
        for f in &result.violations {
            render_finding(&mut out, f);
        }
    }
    if !result.unresolved.is_empty() {
        let _ = writeln!(out, "\nunresolved (each could hide a violation):");
        for f in &result.unresolved {
            render_finding(&mut out, f);
        }
    }
    out
}

/// `file:line:column  function  detail`; a cycle with its edges' imports.
fn render_finding(out: &mut String, f: &Finding) {
    let location = match (&f.file, f.line, f.column) {
        (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        (Some(file), Some(line), None) => format!("{file}:{line}"),
        (Some(file), None, _) => file.clone(),
        (None, ..) => String::new(),
    };
    let mut fields: Vec<&str> = Vec::new();
    if !location.is_empty() {
        fields.push(&location);
    }
    if let Some(function) = &f.function {
        fields.push(function);
    }
    fields.push(&f.detail);
    let _ = writeln!(out, "  {}", fields.join("  "));
    for e in &f.edges {
        let specs: Vec<String> = e
            .imports
            .iter()
            .map(|s| format!("{}:{}", s.file, s.line))
            .collect();
        let _ = writeln!(out, "    {} -> {}  {}", e.from, e.to, specs.join(", "));
    }
}
