//! `goseam callsites` flags and target forms on the fixture monolith.

mod common;

use std::process::Command;

use common::{goseam, monolith};
use serde_json::Value;

fn jsonl(args: &[&str]) -> Vec<Value> {
    let root = monolith();
    let mut all = vec![
        "callsites",
        "-q",
        "--format",
        "jsonl",
        "--root",
        root.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    String::from_utf8(goseam(&all).stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn short_forms_resolve_to_the_same_sites_as_full_names() {
    let full = jsonl(&["github.com/acme/monolith/internal/platform/db.WithTx"]);
    assert_eq!(full.len(), 14, "FIXTURE.md lists 14 call sites of WithTx");
    assert_eq!(jsonl(&["db.WithTx"]), full);
    let method = jsonl(&["(*github.com/jmoiron/sqlx.DB).MustBegin"]);
    assert_eq!(method.len(), 4);
    assert_eq!(jsonl(&["(*sqlx.DB).MustBegin"]), method);
    let lines = |v: &[Value]| {
        v.iter()
            .map(|s| (s["file"].clone(), s["line"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&jsonl(&["DB.MustBegin"])), lines(&method));
}

#[test]
fn an_ambiguous_short_form_lists_its_candidates() {
    let out = Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args([
            "callsites",
            "-q",
            "--root",
            monolith().to_str().unwrap(),
            "Sender.Send",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ambiguous"), "{err}");
    assert!(err.contains("notifications/email.Sender).Send"), "{err}");
    assert!(err.contains("notifications/sms.Sender).Send"), "{err}");
}

#[test]
fn no_tests_leaves_out_test_files() {
    let all = jsonl(&["db.WithTx"]);
    let prod = jsonl(&["--no-tests", "db.WithTx"]);
    assert!(all.iter().any(|s| s["test"] == true));
    assert!(prod.iter().all(|s| s["test"] == false));
    assert_eq!(
        prod.len(),
        all.iter().filter(|s| s["test"] == false).count()
    );
}

#[test]
fn bad_targets_are_usage_errors() {
    let out = Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args([
            "callsites",
            "-q",
            "--root",
            monolith().to_str().unwrap(),
            "(*broken",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad target"));
}

#[test]
fn output_is_identical_across_thread_counts() {
    let root = monolith();
    let run = |t: &str| {
        goseam(&[
            "--threads",
            t,
            "callsites",
            "-q",
            "--format",
            "jsonl",
            "--root",
            root.to_str().unwrap(),
            "db.WithTx",
            "(*sqlx.DB).MustBegin",
        ])
        .stdout
    };
    assert_eq!(run("1"), run("2"));
}
