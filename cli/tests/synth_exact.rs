//! `goseam callsites` and `goseam tables` on a synthetic monorepo
//! (`corpus/synth`, goseam-synth) must give exactly the generator's
//! expected answers: 100 % precision and recall, every field compared.
//!
//! The tree (about 100k lines, seed fixed) has call sites of
//! `platform/email.Send` and `(*platform/audit.Logger).Record` in every shape
//! the generator writes (direct, aliased import, closures, embedding
//! promotion, method and function values, call results, tests, external
//! tests, generated files) beside decoys (interface calls, another type's
//! `Record`, another package's `Send`, a local variable named `email`), and
//! SQL through `database/sql` (literals, raw strings, constants of another
//! file, transactions, JOINs, reads and writes of other domains' tables,
//! test-only and unaccessed tables). `GOSEAM_SYNTH_LINES` and
//! `GOSEAM_SYNTH_SEED` change the instance; `GOSEAM_SYNTH_KEEP=1` keeps it.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use goseam_synth::{generate, read_sql_accesses, CallSite, Manifest, SqlAccess};
use serde_json::Value;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Run goseam on `root` with `$GOROOT` set (database/sql resolves from it).
fn goseam_json(goroot: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(args)
        .env("GOROOT", goroot)
        .output()
        .expect("goseam runs");
    assert!(
        out.status.success(),
        "goseam {args:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// Precision and recall of `actual` against `expected`, with the first
/// differences; empty when they are equal.
fn diff<T: Ord + std::fmt::Debug>(what: &str, expected: &[T], actual: &[T]) -> Vec<String> {
    let e: BTreeSet<&T> = expected.iter().collect();
    let a: BTreeSet<&T> = actual.iter().collect();
    let mut problems = Vec::new();
    if a.len() != actual.len() {
        problems.push(format!(
            "{what}: {} reported more than once",
            actual.len() - a.len()
        ));
    }
    let missing: Vec<&&T> = e.difference(&a).collect();
    let unexpected: Vec<&&T> = a.difference(&e).collect();
    if !missing.is_empty() || !unexpected.is_empty() {
        problems.push(format!(
            "{what}: precision {:.2}%, recall {:.2}% ({} expected, {} reported)",
            100.0 * (a.len() - unexpected.len()) as f64 / a.len().max(1) as f64,
            100.0 * (e.len() - missing.len()) as f64 / e.len().max(1) as f64,
            e.len(),
            a.len()
        ));
        for m in missing.iter().take(10) {
            problems.push(format!("  missing:    {m:?}"));
        }
        for u in unexpected.iter().take(10) {
            problems.push(format!("  unexpected: {u:?}"));
        }
    }
    problems
}

fn check_callsites(root: &str, goroot: &Path, m: &Manifest) -> Vec<String> {
    let targets: Vec<&str> = m.targets.iter().map(|t| t.target.as_str()).collect();
    let mut args = vec!["callsites", "-q", "--root", root, "--format", "json"];
    args.extend(&targets);
    let report = goseam_json(goroot, &args);
    let actual: Vec<CallSite> = serde_json::from_value(report).expect("call sites");
    let mut problems = Vec::new();
    let expected = m.all_sites();
    problems.extend(diff("call sites", &expected, &actual));
    if problems.is_empty() && actual != expected {
        problems.push("call sites: the same set, in another order".into());
    }
    problems
}

fn check_tables(root: &str, goroot: &Path, m: &Manifest, expected: &[SqlAccess]) -> Vec<String> {
    let report = goseam_json(
        goroot,
        &["tables", "-q", "--root", root, "--format", "json"],
    );
    let mut problems = Vec::new();
    if report["complete"] != Value::Bool(true) {
        problems.push(format!(
            "tables: complete is {}, unresolved: {}",
            report["complete"], report["unresolved"]
        ));
    }
    let mut actual = Vec::new();
    for t in report["tables"].as_array().expect("tables") {
        for (key, access) in [("writes", "write"), ("reads", "read")] {
            for a in t[key].as_array().into_iter().flatten() {
                actual.push(SqlAccess {
                    table: s(&t["name"]),
                    access: access.to_string(),
                    domain: s(&a["domain"]),
                    package: s(&a["package"]),
                    function: s(&a["function"]),
                    file: s(&a["file"]),
                    line: a["line"].as_u64().unwrap_or(0) as u32,
                    column: a["column"].as_u64().unwrap_or(0) as u32,
                    operation: s(&a["operation"]),
                    columns: a["columns"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(s)
                        .collect(),
                    via: s(&a["via"]),
                    test: a["test"].as_bool().unwrap_or(false),
                });
            }
        }
    }
    let mut expected = expected.to_vec();
    expected.sort();
    actual.sort();
    problems.extend(diff("table accesses", &expected, &actual));

    // Per table: status, owner, domains, columns.
    type Summary = (
        String,
        String,
        String,
        Vec<String>,
        Vec<String>,
        Vec<String>,
    );
    let summary = |name: String, status: String, owner: String, w, r, c| -> Summary {
        (name, status, owner, w, r, c)
    };
    let strings =
        |v: &Value| -> Vec<String> { v.as_array().into_iter().flatten().map(s).collect() };
    let actual: Vec<Summary> = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            summary(
                s(&t["name"]),
                s(&t["status"]),
                s(&t["owner"]),
                strings(&t["writing_domains"]),
                strings(&t["reading_domains"]),
                strings(&t["columns"]),
            )
        })
        .collect();
    let expected: Vec<Summary> = m
        .tables
        .iter()
        .map(|t| {
            summary(
                t.name.clone(),
                t.status.clone(),
                t.owner.clone().unwrap_or_default(),
                t.writing_domains.clone(),
                t.reading_domains.clone(),
                t.columns.clone(),
            )
        })
        .collect();
    problems.extend(diff("tables", &expected, &actual));
    let never: Vec<String> = strings(&report["never_accessed"]);
    problems.extend(diff("never accessed", &m.never_accessed, &never));
    let not_in_schema = strings(&report["not_in_schema"]);
    if !not_in_schema.is_empty() {
        problems.push(format!("tables absent from the schema: {not_in_schema:?}"));
    }
    problems
}

#[test]
fn goseam_finds_exactly_the_synthetic_monorepos_answers() {
    let Some(gostd) = common::gostd_root() else {
        return;
    };
    let goroot = gostd.parent().unwrap().to_path_buf();
    let seed = env_u64("GOSEAM_SYNTH_SEED", 0x5EED_0008);
    let lines = env_u64("GOSEAM_SYNTH_LINES", 100_000);
    let dir = tempfile::tempdir().unwrap();
    let m = generate(seed, lines, dir.path()).expect("generate");
    let expected_sql = read_sql_accesses(dir.path()).unwrap();
    assert!(m.targets.iter().all(|t| t.count > 0));
    let root = dir.path().to_str().unwrap();

    let mut problems = check_callsites(root, &goroot, &m);
    problems.extend(check_tables(root, &goroot, &m, &expected_sql));
    let kept = if std::env::var_os("GOSEAM_SYNTH_KEEP").is_some() {
        format!("\n(tree kept at {})", dir.keep().display())
    } else {
        String::new()
    };
    assert!(
        problems.is_empty(),
        "goseam disagrees with the synthetic tree (seed {seed:#x}, {lines} lines):\n{}{kept}",
        problems.join("\n")
    );
    eprintln!(
        "synthetic tree: {} lines, {} call sites, {} table accesses, {} tables: all exact",
        m.lines,
        m.all_sites().len(),
        expected_sql.len(),
        m.tables.len()
    );
}
