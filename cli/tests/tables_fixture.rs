//! `goseam tables` and `goseam sql` on the fixture monolith: whole-output
//! snapshots (hand-checked against the table in
//! `corpus/fixtures/monolith/FIXTURE.md`), plus explicit checks of the facts
//! the tables issue is about, so a snapshot accepted in a hurry cannot
//! silently drop them.

mod common;

use common::{monolith, snapshot_settings, stdout};
use serde_json::Value;

fn tables_json(threads: &str) -> String {
    let root = monolith();
    stdout(&[
        "--threads",
        threads,
        "tables",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ])
}

fn table<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no table {name}"))
}

/// `(file:line, function)` of a table's writes or reads, production only.
fn sites(t: &Value, which: &str) -> Vec<(String, String)> {
    t[which]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["test"] == false)
        .map(|a| {
            (
                format!("{}:{}", a["file"].as_str().unwrap(), a["line"]),
                a["function"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn tables_snapshots() {
    let root = monolith();
    let root = root.to_str().unwrap();
    let json = tables_json("2");
    snapshot_settings().bind(|| insta::assert_snapshot!("tables_monolith_json", json));
    let text = stdout(&["tables", "--root", root, "-q"]);
    snapshot_settings().bind(|| insta::assert_snapshot!("tables_monolith_text", text));
    let one = stdout(&[
        "tables",
        "--root",
        root,
        "--table",
        "ledger_entries",
        "--no-tests",
        "-q",
    ]);
    snapshot_settings().bind(|| insta::assert_snapshot!("tables_monolith_ledger_entries", one));
    let sql = stdout(&["sql", "--root", root, "-q"]);
    snapshot_settings().bind(|| insta::assert_snapshot!("sql_monolith_text", sql));
}

#[test]
fn the_shared_table_is_shared_by_both_writing_domains() {
    let report: Value = serde_json::from_str(&tables_json("2")).unwrap();
    let ledger = table(&report, "ledger_entries");
    assert_eq!(ledger["status"], "shared");
    assert_eq!(
        ledger["writing_domains"],
        serde_json::json!(["billing", "vault"])
    );
    assert!(ledger.get("owner").is_none());
    assert_eq!(
        sites(ledger, "writes"),
        vec![
            (
                "internal/billing/store/ledger.go:55".to_string(),
                "insertLedgerEntry".to_string()
            ),
            (
                "internal/billing/store/ledger.go:83".to_string(),
                "(*Store).Reverse".to_string()
            ),
            (
                "internal/vault/capture.go:52".to_string(),
                "(*Capturer).Capture.func1".to_string()
            ),
        ]
    );
    // Owned and read-shared tables name their owner.
    let accounts = table(&report, "accounts");
    assert_eq!(accounts["status"], "read-shared");
    assert_eq!(accounts["owner"], "accounts");
    assert_eq!(
        accounts["reading_domains"],
        serde_json::json!(["accounts", "admin", "billing"])
    );
    assert_eq!(table(&report, "vault_holds")["status"], "owned");
}

#[test]
fn dynamic_sql_is_unresolved_with_its_template() {
    let report: Value = serde_json::from_str(&tables_json("2")).unwrap();
    assert_eq!(report["complete"], false);
    let unresolved = report["unresolved"].as_array().unwrap();
    assert_eq!(unresolved.len(), 1, "{unresolved:#?}");
    let u = &unresolved[0];
    assert_eq!(u["file"], "internal/admin/reports.go");
    assert_eq!(u["line"], 37);
    assert_eq!(u["function"], "(*Reporter).CountSince");
    assert_eq!(
        u["template"],
        "SELECT count(*) FROM %s WHERE created_at >= $1"
    );
}

#[test]
fn builders_copy_and_constants() {
    let report: Value = serde_json::from_str(&tables_json("2")).unwrap();
    // squirrel writes: the package function and the package-level builder.
    let log = table(&report, "notification_log");
    let sms = log["writes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["file"] == "internal/notifications/sms/sms.go")
        .expect("the squirrel insert into notification_log");
    assert_eq!(sms["kind"], "builder");
    assert_eq!(sms["operation"], "insert");
    assert_eq!(sms["via"], "github.com/Masterminds/squirrel.Insert");
    let invoices = table(&report, "invoices");
    assert!(sites(invoices, "writes").contains(&(
        "internal/billing/store/invoices.go:23".to_string(),
        "(*Store).CreateInvoice.func1".to_string()
    )));
    // pgx CopyFrom, with the columns from a package-level variable.
    let access_log = table(&report, "vault_access_log");
    let copy = &access_log["writes"][0];
    assert_eq!(copy["kind"], "copy");
    assert_eq!(copy["line"], 74);
    assert_eq!(
        copy["columns"],
        serde_json::json!(["account_id", "action", "actor", "hold_id", "occurred_at"])
    );
    // The concatenated constant: one site per function that uses it.
    let ledger = table(&report, "ledger_entries");
    let readers = sites(ledger, "reads");
    for f in ["(*Store).Ledger", "(*Store).LedgerEntry"] {
        assert!(
            readers.iter().any(|(_, func)| func == f),
            "{f}: {readers:?}"
        );
    }
    // The never-accessed schema table, and the unused constant.
    assert_eq!(
        report["never_accessed"],
        serde_json::json!(["audit_archive"])
    );
    assert_eq!(report["not_in_schema"], serde_json::json!([]));
    let unused = report["unused_constants"].as_array().unwrap();
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0]["name"], "purgeAllActions");
    assert_eq!(unused[0]["line"], 117);
}

#[test]
fn the_constants_a_site_was_built_from_are_listed() {
    let root = monolith();
    let json = stdout(&[
        "sql",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ]);
    let report: Value = serde_json::from_str(&json).unwrap();
    let ledger_sites: Vec<&Value> = report["sites"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["file"] == "internal/billing/store/ledger.go" && s["line"] == 35)
        .collect();
    assert_eq!(ledger_sites.len(), 1);
    assert_eq!(
        ledger_sites[0]["constants"],
        serde_json::json!([
            "github.com/acme/monolith/internal/billing/store.ledgerColumns",
            "github.com/acme/monolith/internal/billing/store.ledgerTable",
            "github.com/acme/monolith/internal/billing/store.selectLedger"
        ])
    );
    assert_eq!(
        ledger_sites[0]["sql"],
        "SELECT id, account_id, amount_cents, kind, description, invoice_id, created_at FROM ledger_entries WHERE id = $1"
    );
}

#[test]
fn output_is_identical_across_thread_counts_and_runs() {
    let a = tables_json("1");
    let b = tables_json("2");
    let c = tables_json("2");
    assert_eq!(a, b);
    assert_eq!(b, c);
}

#[test]
fn the_registered_analyzer_agrees_with_the_command() {
    let root = monolith();
    let analyzed: Value = serde_json::from_str(&stdout(&[
        "analyze",
        "tables",
        "--root",
        root.to_str().unwrap(),
        "-q",
    ]))
    .unwrap();
    let direct: Value = serde_json::from_str(&tables_json("2")).unwrap();
    assert_eq!(analyzed["tables"], direct);
}
