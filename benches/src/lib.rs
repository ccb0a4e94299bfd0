//! Shared helpers for goseam's benchmarks: the corpora ([`corpus`]), the
//! stages measured on each ([`stages`]), and the parse-only baseline that
//! the engine's overhead is measured against.

pub mod corpus;
pub mod stages;

use std::path::{Path, PathBuf};
use std::process::Command;

use goseam_engine::discover::{discover, DiscoveredKind, DiscoveryOptions};
use rayon::prelude::*;

/// The `goseam` binary's allocator, so that the figures are the binary's.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Have tree-sitter allocate through jemalloc too, as the `goseam` binary
/// does ([`goseam_engine::parse::allocate_through_jemalloc`]): first in
/// `main` or in the benchmark function, before any syntax tree exists.
pub fn allocate_like_the_binary() {
    goseam_engine::parse::allocate_through_jemalloc();
}

/// The Go distribution's source tree (`$(go env GOROOT)/src`), if installed.
pub fn gostd_root() -> Option<PathBuf> {
    let out = Command::new("go").args(["env", "GOROOT"]).output().ok()?;
    let root = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim()).join("src");
    root.join("go.mod").is_file().then_some(root)
}

/// The Go files of a tree, exactly as a scan would discover them.
pub fn go_files(root: &Path) -> Vec<PathBuf> {
    let root = std::fs::canonicalize(root).expect("corpus root exists");
    discover(
        &root,
        DiscoveryOptions {
            include_testdata: false,
            follow_symlinks: false,
            threads: 2,
            ..Default::default()
        },
    )
    .files
    .into_iter()
    .filter(|f| f.kind == DiscoveredKind::GoSource)
    .map(|f| f.abs)
    .collect()
}

/// The total (bytes, lines) of `files`, lines counted as the scan counts
/// them (newlines).
pub fn size(files: &[PathBuf]) -> (u64, u64) {
    files.iter().fold((0, 0), |(b, l), f| {
        let src = std::fs::read(f).unwrap_or_default();
        (
            b + src.len() as u64,
            l + goseam_engine::source::count_lines(&src),
        )
    })
}

/// The baseline: read and tree-sitter-parse every file on `pool`, one
/// parser per worker, nothing else. Returns (files, bytes) as a checksum.
pub fn parse_only(pool: &rayon::ThreadPool, files: &[PathBuf]) -> (usize, usize) {
    pool.install(|| {
        // Largest first, one at a time, as the scan schedules its files:
        // the baseline must not lose to a worse schedule.
        goseam_engine::scan::largest_first(files, |p| p.as_path())
            .into_iter()
            .par_bridge()
            .map(|i| {
                let src = std::fs::read(&files[i]).unwrap_or_default();
                let tree = goseam_engine::parse::parse_go(&src);
                (tree.is_some() as usize, src.len())
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    })
}

/// Criterion's mean estimate (seconds) of a benchmark just run, read from
/// its output directory, so a bench can print ratios between benchmarks.
pub fn mean_seconds(group: &str, bench: &str) -> Option<f64> {
    let path = corpus::target_dir()
        .join("criterion")
        .join(group)
        .join(bench)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let estimates: serde_json::Value = serde_json::from_str(&text).ok()?;
    let nanos = estimates["mean"]["point_estimate"].as_f64()?;
    Some(nanos / 1e9)
}
