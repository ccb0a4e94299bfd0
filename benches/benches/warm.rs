//! Warm runs: what a second run over an unchanged tree costs with the
//! on-disk cache (`engine/src/cache`).
//!
//! `cargo bench -p goseam-benches --bench warm`
//!
//! On the Go distribution's source (the fixture monolith without it):
//!
//! - `state`: the tree state alone (discovery, every Go file read and
//!   digested, every other entry stat'ed) — the floor of any warm run;
//! - `scan_unchanged`: `goseam scan` over an unchanged tree: the state, then
//!   the stored output read back (what the CLI does before printing it);
//! - `callsites_unchanged`: the same for `goseam callsites fmt.Sprintf`;
//! - `scan_facts_reused`: a scan whose every file's facts come from the facts
//!   cache (what a scan costs after an edit that invalidated the stored
//!   result: only the edited files are parsed).
//!
//! The stored outputs are the real outputs, computed once before timing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use goseam_analyzers::callsites::{find_call_sites, resolve_short, CallSiteOptions, Target};
use goseam_engine::cache::results::{CachedResult, ResultCache};
use goseam_engine::cache::state::tree_state;
use goseam_engine::cache::{digest, CacheConfig};
use goseam_engine::resolve::query::prepare;
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::{NoObserver, ScanOptions, ScanSummary, SummaryOptions};

fn corpus() -> (&'static str, PathBuf) {
    match goseam_benches::gostd_root() {
        Some(root) => ("stdlib", root),
        None => {
            eprintln!("note: Go corpus not installed (bash corpus/gostd.sh); benchmarking the fixture monolith");
            (
                "monolith",
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/fixtures/monolith"),
            )
        }
    }
}

fn bench_warm(c: &mut Criterion) {
    goseam_benches::allocate_like_the_binary();
    let (name, root) = corpus();
    let threads = std::env::var("GOSEAM_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    let cache_dir = tempfile::tempdir().expect("temporary cache directory");
    let config = CacheConfig {
        dir: cache_dir.path().to_path_buf(),
        tool: "goseam-benches warm".into(),
    };
    let mut opts = ScanOptions::new(&root);
    opts.threads = threads;
    opts.cache = Some(config.clone());
    let toolchain = Toolchain::detect();

    // Prime both layers with real outputs.
    let scan = goseam_engine::scan(&opts, &NoObserver).expect("scan");
    let summary = serde_json::to_vec(&ScanSummary::new(&scan, SummaryOptions::default()))
        .expect("summary serializes");
    drop(scan);
    let prepared = prepare(&opts, toolchain.clone()).expect("prepare");
    let targets = resolve_short(&prepared, vec![Target::parse("fmt.Sprintf").unwrap()])
        .expect("fmt.Sprintf resolves");
    let sites = find_call_sites(&prepared, &targets, CallSiteOptions::default()).sites;
    let sites = serde_json::to_vec(&sites).expect("sites serialize");
    drop(prepared);
    let state = tree_state(&opts, &toolchain, Some(cache_dir.path()), &[]).expect("state");
    let results = ResultCache::new(&config);
    let (scan_key, sites_key) = (digest(b"scan"), digest(b"callsites fmt.Sprintf"));
    for (key, output) in [(&scan_key, summary), (&sites_key, sites)] {
        let stored = CachedResult {
            exit_code: 0,
            output,
        };
        assert!(results.put(key, &state.digest, &stored).expect("stored"));
    }

    let mut group = c.benchmark_group(format!("warm_{name}_t{threads}"));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    let unchanged = |key| {
        let now = tree_state(&opts, &toolchain, Some(cache_dir.path()), &[]).expect("state");
        results
            .get(key, &now.digest)
            .expect("served from the cache")
    };
    group.bench_function("state", |b| {
        b.iter(|| tree_state(&opts, &toolchain, Some(cache_dir.path()), &[]).expect("state"))
    });
    group.bench_function("scan_unchanged", |b| b.iter(|| unchanged(&scan_key)));
    group.bench_function("callsites_unchanged", |b| b.iter(|| unchanged(&sites_key)));
    group.bench_function("scan_facts_reused", |b| {
        b.iter_with_large_drop(|| {
            let scan = goseam_engine::scan(&opts, &NoObserver).expect("scan");
            assert_eq!(scan.cache.as_ref().map(|c| c.misses), Some(0));
            scan
        })
    });
    group.finish();
}

criterion_group!(benches, bench_warm);
criterion_main!(benches);
