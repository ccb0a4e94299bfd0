//! Scan throughput on the real corpus, beside a parse-only baseline.
//!
//! `cargo bench -p goseam-benches --bench scan`
//!
//! Corpus: the Go distribution's source (`$(go env GOROOT)/src`, installed by
//! `corpus/gostd.sh`); without it, the bundled fixture monolith, with a note
//! on stderr. Both benchmarks use the same files and the same thread count
//! (GOSEAM_BENCH_THREADS, default 2). `parse_only` reads and tree-sitter-
//! parses each file and drops the tree; `scan` is a full cold
//! `goseam_engine::scan`; `sql_facts` is the SQL pass of `goseam sql` /
//! `goseam tables` (discovery, prefilter, parse and resolve the files that
//! can hold SQL); `callgraph` is `goseam callgraph`'s work: the scan and
//! the whole-tree call graph from one parse of each file
//! (`callgraph::scan_and_build`). After the group, the ratios scan /
//! parse_only, (scan + sql_facts) / scan and callgraph / scan and the
//! lines/s are printed from criterion's own estimates.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use goseam_engine::{NoObserver, ScanOptions};

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

fn threads() -> usize {
    std::env::var("GOSEAM_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2)
}

fn bench_scan(c: &mut Criterion) {
    let (name, root) = corpus();
    let threads = threads();
    let files = goseam_benches::go_files(&root);
    let (bytes, lines) = files.iter().fold((0u64, 0u64), |(b, l), f| {
        let src = std::fs::read(f).unwrap_or_default();
        (
            b + src.len() as u64,
            l + goseam_engine::source::count_lines(&src),
        )
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let mut options = ScanOptions::new(&root);
    options.threads = threads;

    let group_name = format!("{name}_t{threads}");
    let mut group = c.benchmark_group(&group_name);
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("parse_only", |b| {
        b.iter(|| goseam_benches::parse_only(&pool, &files))
    });
    // Freeing the scan's facts afterwards is not scanning: leave the drop
    // out of the timing (criterion drops outputs after the clock stops).
    group.bench_function("scan", |b| {
        b.iter_with_large_drop(|| goseam_engine::scan(&options, &NoObserver).expect("scan"))
    });
    let toolchain = goseam_engine::resolve::universe::Toolchain::detect();
    group.bench_function("sql_facts", |b| {
        b.iter_with_large_drop(|| {
            let prepared = goseam_engine::resolve::query::prepare(&options, toolchain.clone())
                .expect("prepare");
            let report = goseam_analyzers::sqluse::find_sql_sites(
                &prepared,
                &goseam_analyzers::sqluse::SqlOptions::default(),
            );
            (prepared, report)
        })
    });
    group.bench_function("callgraph", |b| {
        b.iter_with_large_drop(|| {
            goseam_analyzers::callgraph::scan_and_build(&options, toolchain.clone(), &NoObserver)
                .expect("callgraph")
        })
    });
    group.finish();

    let parse = goseam_benches::mean_seconds(&group_name, "parse_only");
    let scan = goseam_benches::mean_seconds(&group_name, "scan");
    if let (Some(scan), Some(sql)) = (scan, goseam_benches::mean_seconds(&group_name, "sql_facts"))
    {
        eprintln!(
            "{group_name}: sql_facts {sql:.3}s; (scan + sql_facts) / scan = {:.3}",
            (scan + sql) / scan
        );
    }
    if let (Some(scan), Some(graph)) =
        (scan, goseam_benches::mean_seconds(&group_name, "callgraph"))
    {
        eprintln!(
            "{group_name}: callgraph (scan included) {graph:.3}s; callgraph / scan = {:.3}",
            graph / scan
        );
    }
    if let (Some(parse), Some(scan)) = (parse, scan) {
        eprintln!(
            "{group_name}: {} files, {lines} lines, {bytes} bytes\n  parse_only {parse:.3}s ({:.0} lines/s, {:.1} MB/s)\n  scan       {scan:.3}s ({:.0} lines/s, {:.1} MB/s)\n  scan / parse_only = {:.3}",
            files.len(),
            lines as f64 / parse,
            bytes as f64 / 1e6 / parse,
            lines as f64 / scan,
            bytes as f64 / 1e6 / scan,
            scan / parse
        );
    }
}

criterion_group!(benches, bench_scan);
criterion_main!(benches);
