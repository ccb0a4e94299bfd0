//! Whole-output snapshots of goseam on the bundled fixture monolith. The
//! snapshots live in the repository's `snapshots/` directory and are
//! reviewed like code (`cargo insta review`).

mod common;

use common::{monolith, snapshot_settings, stdout};

#[test]
fn scan_json_on_the_monolith() {
    let root = monolith();
    let json = stdout(&[
        "scan",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ]);
    snapshot_settings().bind(|| insta::assert_snapshot!("scan_monolith_json", json));
}

#[test]
fn scan_text_on_the_monolith() {
    let root = monolith();
    let text = stdout(&["scan", "--root", root.to_str().unwrap(), "-q"]);
    snapshot_settings().bind(|| insta::assert_snapshot!("scan_monolith_text", text));
}

#[test]
fn packages_and_imports_on_the_monolith() {
    let root = monolith();
    let json = stdout(&[
        "analyze",
        "packages",
        "imports",
        "--root",
        root.to_str().unwrap(),
        "-q",
    ]);
    snapshot_settings().bind(|| insta::assert_snapshot!("analyze_monolith_packages_imports", json));
}

#[test]
fn analyzers_listing() {
    let text = stdout(&["analyzers"]);
    // Every tool `goseam mcp` serves is documented with its inputs.
    for tool in [
        "list_analyzers",
        "scan_summary",
        "find_callsites",
        "sql_sites",
        "table_ownership",
        "write_paths",
        "callers",
        "callees",
        "package_deps",
        "plan_call_migration",
        "plan_schema_change",
        "check_invariant",
    ] {
        assert!(text.contains(&format!("\n{tool} — ")), "{tool} missing");
    }
    assert!(text.contains("    targets (array, required): "));
    snapshot_settings().bind(|| insta::assert_snapshot!("analyzers_text", text));
}

#[test]
fn monolith_output_is_identical_across_thread_counts_and_runs() {
    let root = monolith();
    let root = root.to_str().unwrap();
    let args = |t: &'static str| {
        [
            "--threads",
            t,
            "scan",
            "--root",
            root,
            "--format",
            "json",
            "-q",
        ]
    };
    let a = stdout(&args("1"));
    let b = stdout(&args("2"));
    let c = stdout(&args("2"));
    assert_eq!(a, b);
    assert_eq!(b, c);
}

#[test]
fn scan_from_inside_the_root_uses_relative_paths() {
    // The same tree scanned by absolute path and from its own directory.
    let root = monolith();
    let by_path = stdout(&[
        "scan",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(["scan", "--format", "json", "-q"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), by_path);
    assert!(!by_path.contains(root.to_str().unwrap()));
}

#[test]
fn transaction_helper_call_sites_on_the_monolith() {
    let root = monolith();
    let jsonl = stdout(&[
        "callsites",
        "-q",
        "--format",
        "jsonl",
        "--root",
        root.to_str().unwrap(),
        "github.com/acme/monolith/internal/platform/db.WithTx",
        "(*github.com/jmoiron/sqlx.DB).MustBegin",
    ]);
    snapshot_settings()
        .bind(|| insta::assert_snapshot!("callsites_monolith_tx_helpers_jsonl", jsonl));
    let text = stdout(&[
        "callsites",
        "-q",
        "--root",
        root.to_str().unwrap(),
        "db.WithTx",
        "sqlx.DB.MustBegin",
    ]);
    snapshot_settings()
        .bind(|| insta::assert_snapshot!("callsites_monolith_tx_helpers_text", text));
}
