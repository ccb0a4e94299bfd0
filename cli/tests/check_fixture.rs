//! `goseam check` on the fixture monolith (`corpus/fixtures/monolith`,
//! mapped in its FIXTURE.md) and on copies of it: every exit code path.
//!
//! - 0 holds, 1 violated (with the violating sites), 3 undecidable (the
//!   fixture's unresolved SQL at internal/admin/reports.go:37 could hide a
//!   write), 0 again with `--allow-unresolved`, 2 for a usage error.
//! - Violations trump undecidable: `only-writer ledger_entries billing` is
//!   violated (vault writes it) although the unresolved SQL is still listed.
//! - A copy of the fixture whose unresolved SQL is made static decides the
//!   table invariants; an insert added in a new function is a new writer
//!   (`no-new-writers` against a baseline stored with `goseam tables`) and,
//!   as it omits `kind`, a violation of `writes-set ledger_entries.kind`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{monolith, stdout};
use serde_json::Value;

/// Run `goseam check ARGS… --root ROOT -q`: (exit code, stdout, stderr).
fn check(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_goseam"))
        .arg("check")
        .args(args)
        .arg("--root")
        .arg(root)
        .arg("-q")
        .output()
        .expect("goseam runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

/// The JSON result and the exit code.
fn check_json(root: &Path, args: &[&str]) -> (i32, Value) {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let (code, out, err) = check(root, &args);
    let json = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, json)
}

/// `file:line:column function` of each finding in a JSON list.
fn sites(findings: &Value) -> Vec<String> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f["file"].as_str().unwrap_or(""),
                f["line"],
                f["column"],
                f["function"].as_str().unwrap_or("")
            )
        })
        .collect()
}

const UNRESOLVED_SQL: &str = "internal/admin/reports.go:37:23 (*Reporter).CountSince";

#[test]
fn writes_set_violated_lists_the_inserts_without_the_column() {
    let (code, json) = check_json(&monolith(), &["writes-set", "ledger_entries.invoice_id"]);
    assert_eq!(code, 1);
    assert_eq!(json["invariant"], "writes-set ledger_entries.invoice_id");
    assert_eq!(json["verdict"], "violated");
    assert_eq!(
        sites(&json["violations"]),
        [
            "internal/billing/store/ledger.go:83:27 (*Store).Reverse",
            "internal/vault/capture.go:52:35 (*Capturer).Capture.func1",
        ]
    );
    // Violations trump undecidable; the unresolved SQL is still listed.
    assert_eq!(sites(&json["unresolved"]), [UNRESOLVED_SQL]);

    let (code, text, _) = check(&monolith(), &["writes-set", "ledger_entries.invoice_id"]);
    assert_eq!(code, 1);
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("violated  "), "{text}");
    assert!(
        text.contains(
            "  internal/vault/capture.go:52:35  (*Capturer).Capture.func1  insert (account_id, amount_cents, created_at, description, kind) does not set invoice_id\n"
        ),
        "{text}"
    );
}

#[test]
fn writes_set_every_insert_lists_the_column_but_sql_is_unresolved() {
    let (code, json) = check_json(&monolith(), &["writes-set", "ledger_entries.kind"]);
    assert_eq!(code, 3, "{json}");
    assert_eq!(json["verdict"], "undecidable");
    assert_eq!(json["violations"], Value::Array(vec![]));
    assert_eq!(sites(&json["unresolved"]), [UNRESOLVED_SQL]);

    // --allow-unresolved: exit 0, the verdict and the unresolved items stay.
    let (code, text, _) = check(
        &monolith(),
        &["writes-set", "ledger_entries.kind", "--allow-unresolved"],
    );
    assert_eq!(code, 0);
    assert!(text.starts_with("undecidable  "), "{text}");
    assert!(text.contains("internal/admin/reports.go:37:23"), "{text}");
    // It never turns a violation into success.
    let (code, _, _) = check(
        &monolith(),
        &[
            "writes-set",
            "ledger_entries.invoice_id",
            "--allow-unresolved",
        ],
    );
    assert_eq!(code, 1);
}

#[test]
fn usage_errors_exit_2() {
    let root = monolith();
    let (code, out, err) = check(&root, &["writes-set", "ledger_entries"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("TABLE.COLUMN"), "{err}");

    let (code, _, err) = check(&root, &["writes-set", "ledger_entries.nope"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "its columns: id, account_id, amount_cents, kind, description, invoice_id, created_at"
        ),
        "{err}"
    );

    let (code, _, err) = check(&root, &["writes-set", "ledgers.kind"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("known tables: accounts, admin_actions"),
        "{err}"
    );

    let (code, _, err) = check(&root, &["only-writer", "ledger_entries", "payments"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "known domains: (unassigned), accounts, admin, billing, notifications, platform, vault"
        ),
        "{err}"
    );

    let (code, _, err) = check(&root, &["no-calls", "(*broken"]);
    assert_eq!(code, 2, "{err}");

    // A check that cannot run is not a violation.
    let (code, _, err) = check(Path::new("/nonexistent/goseam/root"), &["no-cycles"]);
    assert_eq!(code, 2, "{err}");

    // clap's own usage errors.
    assert_eq!(check(&root, &["no-cycles", "--level", "galaxy"]).0, 2);
    assert_eq!(check(&root, &["always-true"]).0, 2);

    // Baselines: missing, not JSON of `goseam tables`, without the table.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let (code, _, err) = check(
        &root,
        &[
            "no-new-writers",
            "ledger_entries",
            "--baseline",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the baseline"), "{err}");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[1, 2]").unwrap();
    let (code, _, err) = check(
        &root,
        &[
            "no-new-writers",
            "ledger_entries",
            "--baseline",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("goseam tables --table T --format json"),
        "{err}"
    );
    let other = dir.path().join("other.json");
    std::fs::write(
        &other,
        r#"{"tables": [{"name": "invoices", "writes": []}]}"#,
    )
    .unwrap();
    let (code, _, err) = check(
        &root,
        &[
            "no-new-writers",
            "ledger_entries",
            "--baseline",
            other.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("no table \"ledger_entries\"; it has: invoices"),
        "{err}"
    );
}

#[test]
fn only_writer() {
    // FIXTURE.md: ledger_entries is written by billing and by vault.
    let (code, json) = check_json(&monolith(), &["only-writer", "ledger_entries", "billing"]);
    assert_eq!(code, 1, "violations trump undecidable: {json}");
    assert_eq!(
        sites(&json["violations"]),
        ["internal/vault/capture.go:52:35 (*Capturer).Capture.func1"]
    );
    assert_eq!(json["violations"][0]["domain"], "vault");
    assert_eq!(sites(&json["unresolved"]), [UNRESOLVED_SQL]);

    // vault_holds has one writer, but the unresolved SQL could write it.
    let (code, json) = check_json(&monolith(), &["only-writer", "vault_holds", "vault"]);
    assert_eq!(code, 3);
    assert_eq!(json["verdict"], "undecidable");
}

#[test]
fn no_calls() {
    let root = monolith();
    // WithTx: production and test sites (tests count unless --no-tests).
    let (code, json) = check_json(&root, &["no-calls", "db.WithTx"]);
    assert_eq!(code, 1);
    assert_eq!(
        json["invariant"],
        "no-calls github.com/acme/monolith/internal/platform/db.WithTx"
    );
    let found = sites(&json["violations"]);
    assert!(found.contains(&"internal/vault/capture.go:38:20 (*Capturer).Capture".to_string()));
    assert!(found
        .contains(&"internal/platform/db/tx_test.go:17:9 TestWithTxCanceledContext".to_string()));

    // Cents.String is called from a test only.
    let (code, json) = check_json(&root, &["no-calls", "money.Cents.String"]);
    assert_eq!(code, 1);
    assert_eq!(
        sites(&json["violations"]),
        ["internal/platform/money/money_test.go:8:16 TestCentsString"]
    );
    let (code, text, _) = check(&root, &["no-calls", "money.Cents.String", "--no-tests"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        text,
        "holds  no-calls (github.com/acme/monolith/internal/platform/money.Cents).String: no violation\n"
    );
}

#[test]
fn no_calls_only_unresolved_sites_is_undecidable() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "go.mod", "module example.com/m\n\ngo 1.21\n");
    write(
        root,
        "p/p.go",
        "package p\n\ntype T struct{}\n\nfunc (T) Old() {}\n",
    );
    write(
        root,
        "q/q.go",
        "package q\n\nimport \"example.com/gone/thing\"\n\nfunc Use() {\n\tthing.Make().Old()\n}\n",
    );
    let (code, json) = check_json(root, &["no-calls", "(example.com/m/p.T).Old"]);
    assert_eq!(code, 3, "{json}");
    assert_eq!(json["violations"], Value::Array(vec![]));
    assert_eq!(sites(&json["unresolved"]), ["q/q.go:6:15 Use"]);
    let (code, _) = check_json(
        root,
        &["no-calls", "(example.com/m/p.T).Old", "--allow-unresolved"],
    );
    assert_eq!(code, 0);
}

#[test]
fn no_cycles() {
    // FIXTURE.md: accounts ⇄ notifications; no package cycle (valid Go).
    let (code, json) = check_json(&monolith(), &["no-cycles"]);
    assert_eq!(code, 1);
    assert_eq!(json["invariant"], "no-cycles --level domain");
    let cycle = &json["violations"][0];
    assert_eq!(cycle["detail"], "domain cycle: accounts, notifications");
    let edges: Vec<String> = cycle["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} -> {} {}:{}",
                e["from"].as_str().unwrap(),
                e["to"].as_str().unwrap(),
                e["imports"][0]["file"].as_str().unwrap(),
                e["imports"][0]["line"]
            )
        })
        .collect();
    assert_eq!(
        edges,
        [
            "accounts -> notifications internal/accounts/service.go:9",
            "notifications -> accounts internal/notifications/email/account.go:4",
        ]
    );
    let (_, text, _) = check(&monolith(), &["no-cycles", "--level", "domain"]);
    assert!(
        text.contains("    notifications -> accounts  internal/notifications/email/account.go:4\n"),
        "{text}"
    );

    // Imports are syntax: nothing unresolved can hide a package cycle here.
    let (code, text, _) = check(&monolith(), &["no-cycles", "--level", "package"]);
    assert_eq!(code, 0);
    assert_eq!(text, "holds  no-cycles --level package: no violation\n");
}

#[test]
fn json_is_deterministic_across_threads() {
    let root = monolith();
    assert_eq!(
        check_json_threads(&root, "1"),
        check_json_threads(&root, "2")
    );
}

/// `only-writer ledger_entries billing --format json` (exit 1) on N threads.
fn check_json_threads(root: &Path, threads: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args([
            "--threads",
            threads,
            "check",
            "only-writer",
            "ledger_entries",
            "billing",
        ])
        .arg("--root")
        .arg(root)
        .args(["--format", "json", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Copy a directory tree.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the fixture whose one unresolved SQL use is made static, so
/// the table invariants are decidable.
fn decidable_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("monolith");
    std::fs::create_dir_all(&root).unwrap();
    copy_tree(&monolith(), &root);
    let reports = root.join("internal/admin/reports.go");
    let text = std::fs::read_to_string(&reports).unwrap();
    let dynamic = r#"fmt.Sprintf("SELECT count(*) FROM %s WHERE created_at >= $1", table)"#;
    assert!(text.contains(dynamic));
    std::fs::write(
        &reports,
        text.replace(
            dynamic,
            r#""SELECT count(*) FROM accounts WHERE created_at >= $1""#,
        ),
    )
    .unwrap();
    (dir, root)
}

#[test]
fn a_new_insert_is_a_new_writer_and_breaks_writes_set() {
    let (dir, root) = decidable_copy();
    // The baseline, stored as CI would: one `goseam tables` command.
    let baseline = dir.path().join("ledger_entries.baseline.json");
    std::fs::write(
        &baseline,
        stdout(&[
            "tables",
            "--table",
            "ledger_entries",
            "--format",
            "json",
            "--root",
            root.to_str().unwrap(),
            "-q",
        ]),
    )
    .unwrap();
    let baseline = baseline.to_str().unwrap();

    // Decidable now: every invariant the fixture keeps holds.
    for args in [
        &["writes-set", "ledger_entries.kind"][..],
        &["only-writer", "vault_holds", "vault"],
        &["no-new-writers", "ledger_entries", "--baseline", baseline],
    ] {
        let (code, text, err) = check(&root, args);
        assert_eq!(code, 0, "{args:?}: {text}{err}");
        assert!(text.starts_with("holds  "), "{text}");
    }

    // A new function inserts into ledger_entries without `kind`.
    write(
        &root,
        "internal/billing/store/adjust.go",
        r#"package store

import "context"

// Adjust books a manual correction.
func (s *Store) Adjust(ctx context.Context, accountID string, cents int64) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO ledger_entries (account_id, amount_cents, description, created_at) VALUES ($1, $2, 'adjustment', now())`,
		accountID, cents)
	return err
}
"#,
    );

    let (code, json) = check_json(
        &root,
        &["no-new-writers", "ledger_entries", "--baseline", baseline],
    );
    assert_eq!(code, 1, "{json}");
    assert_eq!(json["invariant"], "no-new-writers ledger_entries");
    assert_eq!(
        sites(&json["violations"]),
        ["internal/billing/store/adjust.go:8:3 (*Store).Adjust"]
    );
    assert_eq!(json["unresolved"], Value::Array(vec![]));
    let (_, text, _) = check(
        &root,
        &["no-new-writers", "ledger_entries", "--baseline", baseline],
    );
    assert!(
        text.contains("(*Store).Adjust  new writer: insert ledger_entries in github.com/acme/monolith/internal/billing/store.(*Store).Adjust (not in the baseline)"),
        "{text}"
    );

    let (code, json) = check_json(&root, &["writes-set", "ledger_entries.kind"]);
    assert_eq!(code, 1);
    assert_eq!(
        sites(&json["violations"]),
        ["internal/billing/store/adjust.go:8:3 (*Store).Adjust"]
    );
    // billing stays the domain of the new writer: vault still violates.
    let (code, json) = check_json(&root, &["only-writer", "ledger_entries", "billing"]);
    assert_eq!(code, 1);
    assert_eq!(
        sites(&json["violations"]),
        ["internal/vault/capture.go:52:35 (*Capturer).Capture.func1"]
    );
}
