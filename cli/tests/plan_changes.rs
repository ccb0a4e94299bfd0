//! The plans `plan_fixture.rs` does not cover: rename, drop and move-to on
//! the fixture's shared table (phases in order, every writing domain named,
//! the unresolved `Sprintf` query as an escalation), and a call migration
//! with an unresolved site on a small generated tree (the escalation blocks
//! its batch and the batches built on it, not the others).

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::monolith;
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(args)
        .output()
        .expect("goseam runs")
}

fn schema_plan(change: &[&str], extra: &[&str]) -> (Option<i32>, Value) {
    let root = monolith();
    let mut args = vec![
        "plan",
        "schema",
        "--table",
        "ledger_entries",
        "--root",
        root.to_str().unwrap(),
        "-q",
    ];
    args.extend_from_slice(change);
    args.extend_from_slice(extra);
    let out = run(&args);
    let plan = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("plan JSON: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), plan)
}

fn steps(plan: &Value) -> &Vec<Value> {
    plan["steps"].as_array().unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn site_files(step: &Value) -> Vec<String> {
    step["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap().to_string())
        .collect()
}

/// The flags that answer the plan's open questions, in order.
fn question_flags(plan: &Value) -> Vec<&str> {
    plan["open_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["flag"].as_str().unwrap())
        .collect()
}

/// Each step comes after the one before it, the first after none.
fn assert_chain(plan: &Value) {
    for (i, s) in steps(plan).iter().enumerate() {
        let want: Vec<String> = if i == 0 { vec![] } else { vec![i.to_string()] };
        assert_eq!(strings(&s["after"]), want, "step {}", s["id"]);
    }
}

/// The escalation of the fixture's unresolved `Sprintf` query.
fn sprintf_escalation(plan: &Value) -> &Value {
    let e = &plan["escalations"][0];
    assert_eq!(e["sites"][0]["file"], "internal/admin/reports.go");
    assert_eq!(e["sites"][0]["line"], 37);
    e
}

#[test]
fn rename_expands_dual_writes_dual_reads_then_contracts() {
    let (code, plan) = schema_plan(&["--rename-column", "kind:entry_kind"], &[]);
    assert_eq!(
        code,
        Some(3),
        "approvers missing and unresolved SQL: blocked"
    );
    assert_eq!(plan["status"], "blocked");
    let titles: Vec<&str> = steps(&plan)
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Add entry_kind to ledger_entries, nullable",
            "Dual-write kind and entry_kind",
            "Deploy the dual writes",
            "Backfill entry_kind from kind",
            "Dual-read: read entry_kind instead of kind",
            "Stop writing kind",
            "Drop ledger_entries.kind",
        ]
    );
    assert_chain(&plan);
    // Both writing domains' inserts are dual-written, gated by writes-set.
    let dual = &steps(&plan)[1];
    let files = site_files(dual);
    assert!(files.contains(&"internal/billing/store/ledger.go".to_string()));
    assert!(files.contains(&"internal/vault/capture.go".to_string()));
    assert_eq!(
        dual["gate"]["command"],
        "goseam check writes-set ledger_entries.entry_kind"
    );
    // Contracting waits until every instance reads the new column.
    assert!(steps(&plan)[4]["gate"]["description"]
        .as_str()
        .unwrap()
        .contains("every running instance reads entry_kind"));
    // A shared table: one approval per writing domain.
    assert_eq!(
        question_flags(&plan),
        ["--approver billing=NAME", "--approver vault=NAME"]
    );
    let e = sprintf_escalation(&plan);
    assert_eq!(strings(&e["blocks"]), ["2", "6"]);

    // Approvals given: the questions go, the escalation still blocks from
    // step 2 on, and step 1 may proceed.
    let (code, plan) = schema_plan(
        &["--rename-column", "kind:entry_kind"],
        &["--approver", "billing=ann", "--approver", "vault=bo"],
    );
    assert_eq!(code, Some(3));
    assert!(plan["open_questions"].as_array().unwrap().is_empty());
    assert!(steps(&plan)[0]["blocked_by"].as_array().unwrap().is_empty());
    for s in &steps(&plan)[1..] {
        assert_eq!(strings(&s["blocked_by"]), ["E1"], "step {}", s["id"]);
    }
    assert!(plan["summary"]
        .as_array()
        .unwrap()
        .contains(&Value::from("approver for billing: ann")));
}

#[test]
fn drop_stops_reads_and_writes_before_the_migration() {
    let (code, plan) = schema_plan(&["--drop-column", "description"], &[]);
    assert_eq!(code, Some(3));
    let titles: Vec<&str> = steps(&plan)
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Stop reading description",
            "Stop writing description",
            "Deploy",
            "Drop ledger_entries.description",
        ]
    );
    assert_chain(&plan);
    // Every write that sets description, in both domains.
    let files = site_files(&steps(&plan)[1]);
    assert!(files.contains(&"internal/billing/store/ledger.go".to_string()));
    assert!(files.contains(&"internal/vault/capture.go".to_string()));
    assert!(steps(&plan)[2]["gate"].is_object(), "the deploy is a gate");
    // The unresolved query may read description: the drop waits for it.
    let e = sprintf_escalation(&plan);
    assert_eq!(strings(&e["blocks"]), ["4"]);
    assert!(strings(&steps(&plan)[3]["blocked_by"]).contains(&"E1".to_string()));
}

#[test]
fn move_to_coordinates_with_every_other_domain_and_asks_each_once() {
    let (code, plan) = schema_plan(&["--move-to", "vault"], &[]);
    assert_eq!(code, Some(3));
    let coordinate = &steps(&plan)[0];
    assert_eq!(coordinate["title"], "Coordinate with billing");
    assert!(coordinate["gate"]["description"]
        .as_str()
        .unwrap()
        .contains("billing agrees"));
    assert!(site_files(coordinate)
        .iter()
        .all(|f| f.starts_with("internal/billing/")));
    assert!(!site_files(coordinate).is_empty());
    let last = steps(&plan).last().unwrap();
    assert_eq!(
        last["gate"]["command"],
        "goseam check only-writer ledger_entries vault"
    );
    assert_eq!(strings(&last["after"]), ["1"]);
    // billing writes the shared table and uses the moved one: one question.
    assert_eq!(
        question_flags(&plan),
        ["--approver billing=NAME", "--approver vault=NAME"]
    );
    sprintf_escalation(&plan);
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// `a` declares the method; `b` calls it twice, once on a value whose type
/// comes from a module that is not in the tree; `d` builds on `b`; `c` is
/// independent of both.
fn tree_with_an_unresolved_call(root: &Path) {
    write(root, "go.mod", "module example.com/t\n\ngo 1.19\n");
    write(
        root,
        "a/a.go",
        "package a\n\n// Store keeps things.\ntype Store struct{}\n\n// Create makes a thing.\nfunc (s *Store) Create(name string) error { return nil }\n",
    );
    write(
        root,
        "b/b.go",
        "package b\n\nimport (\n\t\"example.com/t/a\"\n\t\"github.com/elsewhere/ext\"\n)\n\nfunc Direct() error {\n\ts := &a.Store{}\n\treturn s.Create(\"x\")\n}\n\nfunc Hidden() error {\n\ts := ext.Lookup()\n\treturn s.Create(\"y\")\n}\n",
    );
    write(
        root,
        "c/c.go",
        "package c\n\nimport \"example.com/t/a\"\n\nfunc Other() error {\n\tvar s a.Store\n\treturn s.Create(\"z\")\n}\n",
    );
    write(
        root,
        "d/d.go",
        "package d\n\nimport (\n\t\"example.com/t/a\"\n\t\"example.com/t/b\"\n)\n\nfunc Both() error {\n\tif err := b.Direct(); err != nil {\n\t\treturn err\n\t}\n\treturn new(a.Store).Create(\"w\")\n}\n",
    );
}

#[test]
fn an_unresolved_call_blocks_its_batch_and_the_batches_built_on_it() {
    let dir = tempfile::tempdir().unwrap();
    tree_with_an_unresolved_call(dir.path());
    let r = dir.path().to_str().unwrap();
    let plan_args = |format: &str| {
        run(&[
            "plan",
            "calls",
            "--from",
            "a.Store.Create",
            "--batch-size",
            "1",
            "--root",
            r,
            "-q",
            "--format",
            format,
        ])
    };
    let out = plan_args("json");
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The short target resolves to go/types' spelling of the method.
    let target = "(*example.com/t/a.Store).Create";
    assert_eq!(plan["title"], format!("Remove calls of {target}"));
    let batch = |pkg: &str| {
        steps(&plan)
            .iter()
            .find(|s| s["packages"] == serde_json::json!([pkg]))
            .unwrap_or_else(|| panic!("no batch of {pkg}"))
    };
    let (b, c, d) = (
        batch("example.com/t/b"),
        batch("example.com/t/c"),
        batch("example.com/t/d"),
    );
    assert_eq!(b["sites"].as_array().unwrap().len(), 2);
    let e = &plan["escalations"][0];
    assert_eq!(plan["escalations"].as_array().unwrap().len(), 1);
    assert_eq!(e["sites"][0]["file"], "b/b.go");
    assert_eq!(e["sites"][0]["line"], 15);
    assert!(e["sites"][0]["what"]
        .as_str()
        .unwrap()
        .contains("receiver type unknown"));
    assert_eq!(strings(&e["blocks"]), [b["id"].as_str().unwrap()]);
    assert_eq!(strings(&b["blocked_by"]), ["E1"]);
    // d imports b: it comes after b's batch and waits with it.
    assert_eq!(strings(&d["after"]), [b["id"].as_str().unwrap()]);
    assert_eq!(strings(&d["blocked_by"]), ["E1"]);
    // c does not build on b: it may proceed.
    assert!(c["after"].as_array().unwrap().is_empty());
    assert!(c["blocked_by"].as_array().unwrap().is_empty());
    // The final gate waits for every batch and is blocked by the escalation.
    let last = steps(&plan).last().unwrap();
    assert_eq!(strings(&last["after"]).len(), 3);
    assert_eq!(strings(&last["blocked_by"]), ["E1"]);
    assert_eq!(
        last["gate"]["command"],
        format!("goseam check no-calls {target}")
    );
    // The gate command works as written: calls remain, so it fails.
    let gate = run(&["check", "no-calls", target, "--root", r, "-q"]);
    assert_eq!(
        gate.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&gate.stdout)
    );

    let md = plan_args("markdown");
    assert_eq!(md.status.code(), Some(3));
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("Status: **blocked**"), "{md}");
    assert!(md.contains("## Escalations"), "{md}");
    assert!(md.contains("`b/b.go:15:11`"), "{md}");
    assert!(md.contains("— BLOCKED by E1"), "{md}");
    assert!(
        md.contains(&format!("`goseam check no-calls {target}`")),
        "{md}"
    );
}
