//! Helpers shared by the CLI's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root (the workspace).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

/// The bundled fixture monolith.
pub fn monolith() -> PathBuf {
    repo_root().join("corpus/fixtures/monolith")
}

/// Run the goseam binary; panics with its stderr if it fails.
pub fn goseam(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(args)
        .output()
        .expect("goseam binary runs");
    assert!(
        out.status.success(),
        "goseam {args:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The goseam binary's standard output (it must succeed).
pub fn stdout(args: &[&str]) -> String {
    String::from_utf8(goseam(args).stdout).expect("UTF-8 output")
}

/// insta settings for whole-output snapshots: the repository's
/// `snapshots/` directory, snapshot names without the test module.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo_root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// `$(go env GOROOT)/src`. Tests that need the real corpus call this: it
/// fails loudly when the Go toolchain is missing. Outside CI a developer may
/// set GOSEAM_ALLOW_MISSING_GO=1 to skip such tests, with a message.
pub fn gostd_root() -> Option<PathBuf> {
    let found = Command::new("go")
        .args(["env", "GOROOT"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()).join("src"))
        .filter(|p| p.join("go.mod").is_file());
    if found.is_some() {
        return found;
    }
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    if !in_ci && std::env::var_os("GOSEAM_ALLOW_MISSING_GO").is_some() {
        eprintln!("SKIPPED: Go toolchain not found and GOSEAM_ALLOW_MISSING_GO is set");
        return None;
    }
    panic!(
        "this test needs the Go distribution's source tree: `go env GOROOT` did not give a \
         directory with src/go.mod. Install it with `bash corpus/gostd.sh` \
         (Debian's golang-1.19-src and golang-go)."
    );
}

/// Builds `corpus/gotypes` into `dir` and runs it on the Go distribution's
/// tree (`std` and `cmd` with their tests, GOOS=linux GOARCH=amd64
/// CGO_ENABLED=0): the go/types ground truth, one JSON object per call site
/// or function reference. Returns the JSONL file; the files go/types checked
/// are listed next to it, one a line, in `calls.files.txt`.
pub fn gotypes_calls(dir: &Path) -> PathBuf {
    let tool = dir.join("gotypes");
    let out = Command::new("go")
        .args(["build", "-o"])
        .arg(&tool)
        .arg(".")
        .current_dir(repo_root().join("corpus/gotypes"))
        .env("GOFLAGS", "")
        .env("GOWORK", "off")
        .env("GO111MODULE", "on")
        .output()
        .expect("go runs");
    assert!(
        out.status.success(),
        "building corpus/gotypes failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let calls = dir.join("calls.jsonl");
    let out = Command::new(&tool)
        .arg("-o")
        .arg(&calls)
        .output()
        .expect("gotypes runs");
    assert!(
        out.status.success(),
        "corpus/gotypes failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    calls
}

/// The go/types ground truth (see [`gotypes_calls`]), parsed.
pub fn ground_truth(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(gotypes_calls(dir))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Compare names, not spellings of vendoring or type parameter lists:
/// go/types prints `vendor/golang.org/x/…` for the standard library's
/// vendored packages and `cmd/vendor/…` for cmd's (as its importer names
/// them); goseam prints the import path. `[T any]` lists are dropped.
pub fn normalize(name: &str) -> String {
    let name = name.replace("cmd/vendor/", "").replace("vendor/", "");
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
