//! Quick A/B of scan against the parse-only baseline, and of the SQL pass
//! and the call graph (scan included, as `goseam callgraph` runs it)
//! against the scan (min of N runs each, alternating):
//! `cargo run --release -p goseam-benches --example ratio [RUNS]`.
//! The criterion bench is the reference; this is for iterating.
use std::time::Instant;

fn main() {
    goseam_benches::allocate_like_the_binary();
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let root = goseam_benches::gostd_root().expect("install the Go corpus: bash corpus/gostd.sh");
    let files = goseam_benches::go_files(&root);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let mut opts = goseam_engine::ScanOptions::new(&root);
    opts.threads = 2;
    let (mut best_parse, mut best_scan, mut best_sql) = (f64::MAX, f64::MAX, f64::MAX);
    let mut best_graph = f64::MAX;
    let toolchain = goseam_engine::resolve::universe::Toolchain::detect();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(goseam_benches::parse_only(&pool, &files));
        best_parse = best_parse.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let scan = goseam_engine::scan(&opts, &goseam_engine::NoObserver).unwrap();
        let scanned = t.elapsed().as_secs_f64();
        drop(scan);
        best_scan = best_scan.min(scanned);
        eprintln!(
            "  scan {scanned:.3}s, with drop {:.3}s",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let prepared = goseam_engine::resolve::query::prepare(&opts, toolchain.clone()).unwrap();
        let report = goseam_analyzers::sqluse::find_sql_sites(
            &prepared,
            &goseam_analyzers::sqluse::SqlOptions::default(),
        );
        best_sql = best_sql.min(t.elapsed().as_secs_f64());
        std::hint::black_box(report);
        let t = Instant::now();
        let graph = goseam_analyzers::callgraph::scan_and_build(
            &opts,
            toolchain.clone(),
            &goseam_engine::NoObserver,
        )
        .unwrap();
        let built = t.elapsed().as_secs_f64();
        best_graph = best_graph.min(built);
        eprintln!("  callgraph (scan included) {built:.3}s");
        drop(graph);
    }
    eprintln!(
        "parse_only {best_parse:.3}s  scan {best_scan:.3}s  ratio {:.3}",
        best_scan / best_parse
    );
    eprintln!(
        "sql_facts {best_sql:.3}s  (scan + sql_facts) / scan {:.3}",
        (best_scan + best_sql) / best_scan
    );
    eprintln!(
        "callgraph (scan included) {best_graph:.3}s  callgraph / scan {:.3}",
        best_graph / best_scan
    );
}
