//! Acceptance test of `goseam mcp`: a real MCP client, the official Python
//! SDK, drives the server over stdio (tests/mcp/client.py). The SDK must be
//! installed (`pip install mcp`); without it this test fails, it never
//! skips.

use std::path::Path;
use std::process::Command;

#[test]
fn mcp_server_with_the_python_sdk() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = manifest.join("tests/mcp/client.py");
    let fixture = manifest.join("../corpus/fixtures/monolith");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let output = Command::new(&python)
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_goseam"))
        .arg(&fixture)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python} (needed for the MCP client test): {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the MCP client checks failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    assert!(
        stdout.contains("all MCP checks passed"),
        "{stdout}\n{stderr}"
    );
}
