//! Helpers shared by the CLI's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
