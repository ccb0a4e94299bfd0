//! `goseam deps` on the fixture monolith: whole-output snapshots, plus
//! explicit checks of the facts hand-derived in
//! `corpus/fixtures/monolith/FIXTURE.md` ("Dependencies"): the
//! accounts ⇄ notifications cycle with its import specs and the extraction
//! order, so a snapshot accepted in a hurry cannot silently change them.
//! A small generated tree covers the directory convention and package
//! cycles, which the (valid Go) fixture does not have.

mod common;

use std::path::Path;

use common::{monolith, snapshot_settings, stdout};
use serde_json::{json, Value};

fn deps(root: &Path, threads: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "--threads",
        threads,
        "deps",
        "--root",
        root.to_str().unwrap(),
        "-q",
    ];
    args.extend_from_slice(extra);
    stdout(&args)
}

fn deps_json(root: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&deps(root, "2", &args)).expect("JSON output")
}

/// `(from, to, ["file:line", …])` of domain edges.
fn domain_edges(edges: &Value) -> Vec<(String, String, Vec<String>)> {
    edges
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap().to_string(),
                e["to"].as_str().unwrap().to_string(),
                e["via"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| format!("{}:{}", s["file"].as_str().unwrap(), s["line"]))
                    .collect(),
            )
        })
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn deps_snapshots() {
    let root = monolith();
    let text = deps(&root, "2", &[]);
    snapshot_settings().bind(|| insta::assert_snapshot!("deps_monolith_text", text));
    let json = deps(&root, "2", &["--format", "json"]);
    snapshot_settings().bind(|| insta::assert_snapshot!("deps_monolith_json", json));
    let packages = deps(&root, "2", &["--level", "package"]);
    snapshot_settings().bind(|| insta::assert_snapshot!("deps_monolith_packages_text", packages));
    let packages_json = deps(
        &root,
        "2",
        &["--level", "package", "--tests", "--format", "json"],
    );
    snapshot_settings()
        .bind(|| insta::assert_snapshot!("deps_monolith_packages_json", packages_json));
}

#[test]
fn the_accounts_notifications_cycle_is_reported_with_its_imports() {
    let report = deps_json(&monolith(), &[]);
    assert_eq!(report["domain_source"], json!({ "kind": "config" }));
    let cycles = report["domain_graph"]["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 1, "one domain cycle: {cycles:?}");
    assert_eq!(cycles[0]["domains"], json!(["accounts", "notifications"]));
    assert_eq!(
        domain_edges(&cycles[0]["edges"]),
        vec![
            (
                "accounts".to_string(),
                "notifications".to_string(),
                vec!["internal/accounts/service.go:9".to_string()]
            ),
            (
                "notifications".to_string(),
                "accounts".to_string(),
                vec!["internal/notifications/email/account.go:4".to_string()]
            ),
        ]
    );
    let via = &cycles[0]["edges"][1]["via"][0];
    assert_eq!(
        via["from_package"],
        "github.com/acme/monolith/internal/notifications/email"
    );
    assert_eq!(
        via["to_package"],
        "github.com/acme/monolith/internal/accounts"
    );

    // Valid Go: no package cycle, with or without test imports.
    let packages = deps_json(&monolith(), &["--level", "package", "--tests"]);
    assert_eq!(packages["package_graph"]["cycles"], json!([]));
    assert_eq!(packages["package_graph"]["test_cycles"], json!([]));
}

#[test]
fn coupling_and_tables_match_the_hand_derived_table() {
    let report = deps_json(&monolith(), &[]);
    let domains = report["domain_graph"]["domains"].as_array().unwrap();
    let row = |name: &str| {
        domains
            .iter()
            .find(|d| d["name"] == name)
            .unwrap_or_else(|| panic!("no domain {name}"))
    };
    // (name, Ca, Ce) from FIXTURE.md.
    for (name, ca, ce) in [
        ("(unassigned)", 0, 6),
        ("accounts", 2, 2),
        ("admin", 1, 1),
        ("billing", 1, 2),
        ("notifications", 3, 2),
        ("platform", 6, 0),
        ("vault", 1, 1),
    ] {
        let d = row(name);
        assert_eq!(
            (d["ca"].as_u64(), d["ce"].as_u64()),
            (Some(ca), Some(ce)),
            "{name}"
        );
        let instability = d["instability"].as_f64().unwrap();
        assert!((instability - ce as f64 / (ca + ce) as f64).abs() < 1e-12);
    }
    assert_eq!(
        strings(&row("platform")["afferent"]),
        [
            "(unassigned)",
            "accounts",
            "admin",
            "billing",
            "notifications",
            "vault"
        ]
    );
    assert_eq!(
        row("billing")["shared_writes"],
        json!([{ "table": "ledger_entries", "other_writers": ["vault"] }])
    );
    assert_eq!(
        row("vault")["shared_writes"],
        json!([{ "table": "ledger_entries", "other_writers": ["billing"] }])
    );
    assert_eq!(
        row("admin")["foreign_reads"],
        json!([
            { "table": "accounts", "owner": "accounts" },
            { "table": "invoices", "owner": "billing" },
            { "table": "notification_log", "owner": "notifications" },
        ])
    );
    assert_eq!(
        row("billing")["foreign_reads"],
        json!([{ "table": "accounts", "owner": "accounts" }])
    );
    // 14 domain edges; billing -> platform is the heaviest.
    let edges = report["domain_graph"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 14);
    let heaviest = edges.iter().max_by_key(|e| e["imports"].as_u64()).unwrap();
    assert_eq!(
        (&heaviest["from"], &heaviest["to"], &heaviest["imports"]),
        (&json!("billing"), &json!("platform"), &json!(9))
    );
    // The fixture's one unresolved dynamic query makes the table facts
    // incomplete, and the output says so.
    assert_eq!(report["tables_complete"], false);
}

#[test]
fn the_extraction_order_equals_the_hand_derived_order() {
    let report = deps_json(&monolith(), &[]);
    let order = report["extraction_order"].as_array().unwrap();
    let got: Vec<(u64, &str, bool, u64)> = order
        .iter()
        .map(|s| {
            (
                s["position"].as_u64().unwrap(),
                s["domain"].as_str().unwrap(),
                s["blocked"].as_bool().unwrap(),
                s["afferent"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (1, "admin", false, 1),
            (2, "platform", false, 6),
            (3, "billing", true, 1),
            (4, "vault", true, 1),
            (5, "accounts", true, 2),
            (6, "notifications", true, 3),
        ]
    );
    let blockers = |i: usize| &order[i]["blockers"];
    assert_eq!(blockers(0)["cycle"], Value::Null);
    assert_eq!(strings(&blockers(0)["dependents"]), ["(unassigned)"]);
    assert_eq!(
        blockers(2)["shared_writes"],
        json!([{ "table": "ledger_entries", "other_writers": ["vault"] }])
    );
    assert_eq!(blockers(4)["cycle"], json!(["accounts", "notifications"]));
    assert_eq!(
        strings(&blockers(4)["dependents"]),
        ["(unassigned)", "notifications"]
    );
    assert_eq!(blockers(5)["cycle"], json!(["accounts", "notifications"]));
    assert_eq!(
        strings(&blockers(5)["dependents"]),
        ["(unassigned)", "accounts", "billing"]
    );
    // The text lists calls across domains and says what is incomplete.
    let text = deps(&monolith(), "2", &[]);
    assert!(text.contains("calls across domains"));
    assert!(text.contains("  accounts -> notifications  0 static, 3 interface, 0 references"));
    assert!(text.starts_with("domains from: goseam.toml [[domain]] entries\nINCOMPLETE:"));
}

#[test]
fn output_is_identical_across_thread_counts() {
    let root = monolith();
    for extra in [
        &["--format", "json"][..],
        &[][..],
        &["--level", "package", "--tests"][..],
        &["--level", "package", "--tests", "--format", "json"][..],
    ] {
        let one = deps(&root, "1", extra);
        let two = deps(&root, "2", extra);
        assert_eq!(one, two, "deps {extra:?} differs between --threads 1 and 2");
    }
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Domains by directory: a -> b (b's test imports a: a package cycle only
/// with tests); c <-> d (a production package cycle, which the go command
/// rejects but the source has).
fn small_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "go.mod", "module example.com/m\n\ngo 1.19\n");
    write(
        root,
        "a/a.go",
        "package a\n\nimport \"example.com/m/b\"\n\nvar X = b.Y\n",
    );
    write(root, "b/b.go", "package b\n\nvar Y = 1\n");
    write(
        root,
        "b/b_test.go",
        "package b\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/a\"\n)\n\nfunc TestX(t *testing.T) { _ = a.X }\n",
    );
    write(
        root,
        "c/c.go",
        "package c\n\nimport \"example.com/m/d\"\n\nvar C = d.D\n",
    );
    write(
        root,
        "d/d.go",
        "package d\n\nimport \"example.com/m/c\"\n\nvar D = c.C\n",
    );
    dir
}

#[test]
fn directory_domains_and_package_cycles_on_a_small_tree() {
    let tree = small_tree();
    let root = tree.path();
    let report = deps_json(root, &[]);
    assert_eq!(
        report["domain_source"],
        json!({ "kind": "directory", "depth": 2 })
    );
    let text = deps(root, "2", &[]);
    assert!(
        text.starts_with(
            "domains from: directory convention, depth 2: a convention, not a declaration"
        ),
        "{text}"
    );
    // Test imports make no domain edge: a -> b only, and the c/d cycle.
    assert_eq!(
        domain_edges(&report["domain_graph"]["edges"]),
        vec![
            (
                "a".to_string(),
                "b".to_string(),
                vec!["a/a.go:3".to_string()]
            ),
            (
                "c".to_string(),
                "d".to_string(),
                vec!["c/c.go:3".to_string()]
            ),
            (
                "d".to_string(),
                "c".to_string(),
                vec!["d/d.go:3".to_string()]
            ),
        ]
    );
    assert_eq!(
        report["domain_graph"]["cycles"][0]["domains"],
        json!(["c", "d"])
    );
    let order: Vec<&str> = report["extraction_order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["domain"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["a", "b", "c", "d"]);

    let packages = deps_json(root, &["--level", "package", "--tests"]);
    let g = &packages["package_graph"];
    let members = |cycles: &Value| -> Vec<Value> {
        cycles
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["packages"].clone())
            .collect()
    };
    assert_eq!(
        members(&g["cycles"]),
        [json!(["example.com/m/c", "example.com/m/d"])]
    );
    assert_eq!(
        members(&g["test_cycles"]),
        [json!(["example.com/m/a", "example.com/m/b"])]
    );
    let back = &g["test_cycles"][0]["edges"][1];
    assert_eq!(back["from"], "example.com/m/b");
    assert_eq!(back["test_only"], true);
    assert_eq!(
        back["imports"],
        json!([{ "file": "b/b_test.go", "line": 6, "test": true }])
    );
    // Without --tests, test-only imports and the cycles they form are left out.
    let production = deps_json(root, &["--level", "package"]);
    assert_eq!(production["package_graph"]["test_cycles"], json!([]));
    assert_eq!(
        production["package_graph"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}
