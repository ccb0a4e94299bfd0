//! `goseam scan` on the Go distribution's own source, checked against the
//! filesystem (find and wc), not against constants.

mod common;

use std::process::Command;

use common::{goseam, gostd_root};
use serde_json::Value;

/// The files the go tool would see, listed by `find` (outside testdata and
/// `_`/`.` directories, not starting with `_` or `.`), and their line and
/// byte totals from `wc`.
fn find_and_wc(root: &std::path::Path) -> (u64, u64, u64) {
    let script = r#"
        find . \( -type d \( -name testdata -o -name '_*' -o -name '.*' \) ! -name . -prune \) \
            -o -type f -name '*.go' ! -name '_*' ! -name '.*' -print0 > "$LIST"
        tr -cd '\0' < "$LIST" | wc -c
        xargs -0 cat < "$LIST" | wc -l
        xargs -0 cat < "$LIST" | wc -c
    "#;
    let list = tempfile::NamedTempFile::new().expect("temp file");
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("LIST", list.path())
        .current_dir(root)
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nums: Vec<u64> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    (nums[0], nums[1], nums[2])
}

#[test]
fn totals_match_find_and_wc() {
    let Some(root) = gostd_root() else { return };
    let out = goseam(&[
        "scan",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ]);
    let summary: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let (files, lines, bytes) = find_and_wc(&root);
    let totals = &summary["totals"];
    assert_eq!(totals["files"].as_u64(), Some(files), "file count");
    assert_eq!(totals["lines"].as_u64(), Some(lines), "line count");
    assert_eq!(totals["bytes"].as_u64(), Some(bytes), "byte count");
    assert_eq!(summary["skipped"]["files"].as_u64(), Some(0));
    // The kinds partition the files.
    let kinds = &summary["files_by_kind"];
    let sum: u64 = ["production", "test", "generated", "vendor"]
        .iter()
        .map(|k| kinds[k]["files"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, files);
}

#[test]
fn std_and_cmd_import_paths() {
    let Some(root) = gostd_root() else { return };
    let out = goseam(&[
        "scan",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "-q",
        "--include-vendor",
    ]);
    let summary: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let modules: Vec<(&str, &str)> = summary["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["dir"].as_str().unwrap(), m["path"].as_str().unwrap()))
        .collect();
    assert_eq!(modules, vec![(".", "std"), ("cmd", "cmd")]);
    let packages = summary["packages"].as_array().unwrap();
    let find = |path: &str| {
        packages
            .iter()
            .find(|p| p["import_path"] == path)
            .unwrap_or_else(|| panic!("package {path} missing"))
    };
    assert_eq!(find("net/http")["dir"], "net/http");
    assert_eq!(find("net/http")["module"], "std");
    assert_eq!(find("cmd/go")["dir"], "cmd/go");
    assert_eq!(find("cmd/go")["module"], "cmd");
    assert_eq!(find("net/http_test")["external_test"], true);
    let dns = find("golang.org/x/net/dns/dnsmessage");
    assert_eq!(dns["dir"], "vendor/golang.org/x/net/dns/dnsmessage");
    assert_eq!(dns["vendored"], true);
    let arch = find("golang.org/x/arch/x86/x86asm");
    assert_eq!(arch["dir"], "cmd/vendor/golang.org/x/arch/x86/x86asm");
    assert_eq!(arch["module"], "cmd");
    // Without --include-vendor, vendored packages are counted, not listed.
    let out = goseam(&[
        "scan",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
        "-q",
    ]);
    let plain: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(plain["packages"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["vendored"] == false));
    assert_eq!(plain["totals"], summary["totals"]);
}

#[test]
fn json_is_identical_across_thread_counts() {
    let Some(root) = gostd_root() else { return };
    let root = root.to_str().unwrap();
    let one = goseam(&[
        "--threads",
        "1",
        "scan",
        "--root",
        root,
        "--format",
        "json",
        "-q",
    ]);
    let two = goseam(&[
        "--threads",
        "2",
        "scan",
        "--root",
        root,
        "--format",
        "json",
        "-q",
    ]);
    assert!(!one.stdout.is_empty());
    assert!(
        one.stdout == two.stdout,
        "scan JSON differs between --threads 1 and 2"
    );
}

#[test]
fn callsites_are_identical_across_thread_counts() {
    let Some(root) = gostd_root() else { return };
    let root = root.to_str().unwrap();
    let run = |t: &str| {
        goseam(&[
            "--threads",
            t,
            "callsites",
            "-q",
            "--format",
            "jsonl",
            "--include-vendor",
            "--root",
            root,
            "(*sync.Mutex).Lock",
            "fmt.Sprintf",
        ])
        .stdout
    };
    let one = run("1");
    assert!(one.len() > 1000);
    assert!(
        one == run("2"),
        "callsites output differs between --threads 1 and 2"
    );
}
