//! The build's identity for goseam's on-disk cache: a digest of the sources
//! the binary is built from (the engine, the analyzers, the CLI and the
//! lock file), so that a binary built from other sources, even at the same
//! version, never trusts facts or results another build wrote.

use std::path::{Path, PathBuf};

const INPUTS: &[&str] = &[
    "engine/src",
    "engine/stubs",
    "engine/Cargo.toml",
    "analyzers/src",
    "analyzers/Cargo.toml",
    "cli/src",
    "cli/Cargo.toml",
    "Cargo.lock",
];

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace = manifest.parent().unwrap_or(&manifest).to_path_buf();
    let mut files = Vec::new();
    for input in INPUTS {
        let path = workspace.join(input);
        println!("cargo:rerun-if-changed={}", path.display());
        collect(&path, &mut files);
    }
    files.sort();
    let mut hasher = blake3::Hasher::new();
    for file in &files {
        let rel = file.strip_prefix(&workspace).unwrap_or(file);
        let bytes = std::fs::read(file).unwrap_or_default();
        hasher.update(rel.to_string_lossy().replace('\\', "/").as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    let digest = hasher.finalize().to_hex();
    println!("cargo:rustc-env=GOSEAM_SOURCE_DIGEST={}", &digest[..16]);
}

/// Every file under `path` (or `path` itself), following no links.
fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    let Ok(meta) = path.symlink_metadata() else {
        return;
    };
    if meta.is_file() {
        out.push(path.to_path_buf());
    } else if meta.is_dir() {
        if let Ok(read) = std::fs::read_dir(path) {
            for entry in read.flatten() {
                collect(&entry.path(), out);
            }
        }
    }
}
