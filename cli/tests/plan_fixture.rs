//! `goseam plan` on the fixture monolith: an add-column plan on its shared
//! table (`ledger_entries`, written by billing and vault) and a call
//! migration plan, checked fact by fact and snapshotted as JSON and
//! Markdown; determinism across thread counts; `plan verify` on a copy of
//! the fixture that gains an insert.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{monolith, snapshot_settings};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(args)
        .output()
        .expect("goseam runs")
}

fn add_column(root: &Path, threads: &str, format: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "--threads",
        threads,
        "plan",
        "schema",
        "--table",
        "ledger_entries",
        "--add-column",
        "external_id",
        "--not-null",
        "--root",
        root.to_str().unwrap(),
        "-q",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn step<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no step {id}"))
}

#[test]
fn add_column_on_a_shared_table() {
    let root = monolith();
    let out = add_column(&root, "2", "json", &[]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a plan with open questions exits 3"
    );
    let json = String::from_utf8(out.stdout).unwrap();
    let plan: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(plan["schema"], "goseam.plan/v1");
    assert_eq!(plan["status"], "blocked");

    // Step 2 lists both writing domains' insert paths.
    let inserts = step(&plan, "2");
    let sites: Vec<String> = inserts["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{}:{}", s["file"].as_str().unwrap(), s["line"]))
        .collect();
    assert_eq!(
        sites,
        [
            "internal/billing/store/ledger.go:55",
            "internal/billing/store/ledger.go:83",
            "internal/vault/capture.go:52"
        ]
    );
    let whats: Vec<&str> = inserts["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["what"].as_str().unwrap())
        .collect();
    assert!(whats[0].contains("[billing]") && whats[2].contains("[vault]"));
    assert_eq!(
        inserts["gate"]["command"],
        "goseam check writes-set ledger_entries.external_id"
    );
    // The backfill comes after the gate of step 2 and the deploy.
    assert_eq!(step(&plan, "3")["after"][0], "2");
    let backfill = step(&plan, "4");
    assert!(backfill["title"].as_str().unwrap().contains("Backfill"));
    assert_eq!(backfill["after"][0], "3");
    assert!(step(&plan, "6")["title"]
        .as_str()
        .unwrap()
        .contains("NOT NULL"));

    // Facts code cannot tell are questions, never guesses.
    let questions: Vec<(&str, &str)> = plan["open_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["flag"].as_str().unwrap(),
                q["blocks"][0].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        questions,
        [
            ("--approver billing=NAME", "1"),
            ("--approver vault=NAME", "1"),
            ("--new-value VALUE", "2"),
            ("--backfill EXPR", "4"),
        ]
    );
    assert!(step(&plan, "2")["blocked_by"]
        .as_array()
        .unwrap()
        .contains(&Value::from("Q3")));
    // The unresolved Sprintf query could insert too: an escalation.
    assert_eq!(
        plan["escalations"][0]["sites"][0]["file"],
        "internal/admin/reports.go"
    );

    let md = String::from_utf8(add_column(&root, "2", "markdown", &[]).stdout).unwrap();
    assert!(md.contains("## Open questions"));
    snapshot_settings().bind(|| insta::assert_snapshot!("plan_add_column_json", json));
    snapshot_settings().bind(|| insta::assert_snapshot!("plan_add_column_markdown", md));
}

#[test]
fn answered_questions_unblock_their_steps() {
    let root = monolith();
    let out = add_column(
        &root,
        "2",
        "json",
        &[
            "--new-value",
            "uuidv7",
            "--backfill",
            "gen_random_uuid()",
            "--approver",
            "billing=ana",
            "--approver",
            "vault=bo",
        ],
    );
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["open_questions"].as_array().unwrap().len(), 0);
    assert!(step(&plan, "1")["blocked_by"]
        .as_array()
        .unwrap()
        .is_empty());
    // The unresolved SQL still blocks step 2 and what follows: exit 3.
    assert_eq!(step(&plan, "2")["blocked_by"][0], "E1");
    assert_eq!(out.status.code(), Some(3));
    assert!(step(&plan, "4")["action"]
        .as_str()
        .unwrap()
        .contains("gen_random_uuid()"));
}

#[test]
fn plans_are_deterministic() {
    let root = monolith();
    let one = add_column(&root, "1", "json", &[]).stdout;
    let two = add_column(&root, "2", "json", &[]).stdout;
    let again = add_column(&root, "2", "json", &[]).stdout;
    assert_eq!(one, two);
    assert_eq!(two, again);
    let calls = |threads: &str| {
        run(&[
            "--threads",
            threads,
            "plan",
            "calls",
            "--from",
            "db.WithTx",
            "--to",
            "db.WithTxOptions",
            "--batch-size",
            "2",
            "--root",
            root.to_str().unwrap(),
            "-q",
        ])
    };
    let a = calls("1");
    let b = calls("2");
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    let plan: Value = serde_json::from_slice(&a.stdout).unwrap();
    // platform/db is imported by the other packages: its batch comes first.
    assert_eq!(
        plan["steps"][0]["packages"][0],
        "github.com/acme/monolith/internal/platform/db"
    );
    let sites: usize = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sites"].as_array().unwrap().len())
        .sum();
    assert_eq!(sites, 14, "FIXTURE.md: 14 call sites of WithTx");
    let last = plan["steps"].as_array().unwrap().last().unwrap();
    assert_eq!(
        last["gate"]["command"],
        "goseam check no-calls github.com/acme/monolith/internal/platform/db.WithTx"
    );
    snapshot_settings().bind(|| {
        insta::assert_snapshot!(
            "plan_calls_withtx_json",
            String::from_utf8(a.stdout.clone()).unwrap()
        )
    });
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn plan_verify_reports_a_new_insert_as_drift() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("monolith");
    copy_dir(&monolith(), &root);
    let r = root.to_str().unwrap();
    let out = add_column(&root, "2", "json", &[]);
    let plan_file = dir.path().join("plan.json");
    std::fs::write(&plan_file, &out.stdout).unwrap();
    let p = plan_file.to_str().unwrap();

    let clean = run(&["plan", "verify", p, "--root", r, "-q"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    assert!(String::from_utf8_lossy(&clean.stdout).contains("no drift"));

    std::fs::write(
        root.join("internal/vault/adjust.go"),
        r#"package vault

import (
	"context"
	"database/sql"
)

// Adjust books a manual correction.
func Adjust(ctx context.Context, db *sql.DB, account int64, cents int64) error {
	_, err := db.ExecContext(ctx, `INSERT INTO ledger_entries (account_id, amount_cents, kind, created_at) VALUES ($1, $2, 'adjustment', now())`, account, cents)
	return err
}
"#,
    )
    .unwrap();
    let drift = run(&["plan", "verify", p, "--root", r, "-q"]);
    let text = String::from_utf8_lossy(&drift.stdout);
    assert_eq!(drift.status.code(), Some(1), "{text}");
    assert!(text.contains("inputs changed"), "{text}");
    assert!(
        text.contains("added: internal/vault/adjust.go:10:"),
        "{text}"
    );

    // A file that is not a plan is an error, not drift.
    let bad = run(&["plan", "verify", r, "--root", r, "-q"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("reading"));
}

#[test]
fn bad_plan_arguments_are_errors() {
    let root = monolith();
    let r = root.to_str().unwrap();
    let out = run(&[
        "plan",
        "schema",
        "--table",
        "ledger_entries",
        "--root",
        r,
        "-q",
    ]);
    assert_ne!(out.status.code(), Some(0));
    let out = run(&[
        "plan",
        "schema",
        "--table",
        "ledger_entries",
        "--rename-column",
        "kind",
        "--root",
        r,
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("OLD:NEW"));
    let out = run(&[
        "plan",
        "schema",
        "--table",
        "nope",
        "--drop-column",
        "x",
        "--root",
        r,
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("known tables"));
    let out = run(&[
        "plan",
        "schema",
        "--table",
        "ledger_entries",
        "--add-column",
        "kind",
        "--root",
        r,
        "-q",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has a column"));
}
