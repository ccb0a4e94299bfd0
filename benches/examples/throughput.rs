//! A throughput smoke for CI: every stage of issue 8 once per corpus,
//! cold, with files, lines, seconds and lines/s on stdout.
//!
//! `cargo run --release -p goseam-benches --example throughput [CORPUS…]`
//!
//! Corpora as the benches name them (default `stdlib synth200k`; `stdlib`
//! is left out with a note when the Go source is not installed; synthetic
//! trees are generated once under `GOSEAM_SYNTH_DIR`, default
//! `<target dir>/synth`). Stages: `parse_only` (read and parse, the
//! baseline), `scan`, `callsites` (the corpus's target: `fmt.Sprintf`, or
//! the manifest's `email.Send`), `tables`, `callgraph`, each as the CLI
//! runs it, on `GOSEAM_BENCH_THREADS` threads (default 2). Lines and
//! lines/s are the whole tree's, for every stage.
//!
//! Nothing is asserted about time. It asserts that every stage found
//! something, and on a synthetic corpus that the scan's files and lines,
//! the call sites and the tables are exactly the manifest's. The output's
//! format is fixed; only the figures change between runs and machines.

use std::time::Instant;

use goseam_benches::corpus::Corpus;
use goseam_benches::stages;

fn main() {
    goseam_benches::allocate_like_the_binary();
    let mut names: Vec<String> = std::env::args().skip(1).collect();
    if names.is_empty() {
        names = vec!["stdlib".into(), "synth200k".into()];
    }
    let threads = stages::threads();
    println!(
        "{:<10} {:<10} {:>7} {:>9} {:>8} {:>10}  result",
        "corpus", "stage", "files", "lines", "seconds", "lines/s"
    );
    for name in &names {
        let corpus = match Corpus::by_name(name) {
            Ok(Some(c)) => c,
            Ok(None) => {
                eprintln!("note: Go corpus not installed (bash corpus/gostd.sh); {name} left out");
                continue;
            }
            Err(e) => panic!("{e}"),
        };
        run(&corpus, threads);
    }
}

fn run(corpus: &Corpus, threads: usize) {
    let files = goseam_benches::go_files(&corpus.root);
    let (_, lines) = goseam_benches::size(&files);
    let (options, config) = stages::scan_options(&corpus.root, threads);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let row = |stage: &str, secs: f64, result: String| {
        println!(
            "{:<10} {:<10} {:>7} {:>9} {:>8.3} {:>10.0}  {result}",
            corpus.name,
            stage,
            files.len(),
            lines,
            secs,
            lines as f64 / secs
        );
    };
    let manifest = corpus.manifest.as_ref();

    let t = Instant::now();
    let (parsed, _) = goseam_benches::parse_only(&pool, &files);
    row(
        "parse_only",
        t.elapsed().as_secs_f64(),
        format!("{parsed} trees"),
    );
    assert_eq!(parsed, files.len(), "every file parses");

    let t = Instant::now();
    let scan = stages::scan(&options);
    let secs = t.elapsed().as_secs_f64();
    let scanned_lines: u64 = scan.files.iter().map(|f| f.lines).sum();
    row(
        "scan",
        secs,
        format!(
            "{} files, {} packages",
            scan.files.len(),
            scan.packages.len()
        ),
    );
    assert!(!scan.files.is_empty(), "the scan found files");
    if let Some(m) = manifest {
        assert_eq!(scan.files.len() as u64, m.go_files, "the manifest's files");
        assert_eq!(scanned_lines, m.lines, "the manifest's lines");
    }
    drop(scan);

    let t = Instant::now();
    let (prepared, report) = stages::callsites(&options, &corpus.target);
    let secs = t.elapsed().as_secs_f64();
    row(
        "callsites",
        secs,
        format!("{} sites of {}", report.sites.len(), corpus.target),
    );
    assert!(!report.sites.is_empty(), "the query found sites");
    if let Some(expected) = corpus.expected_sites() {
        assert_eq!(report.sites.len(), expected, "the manifest's call sites");
    }
    drop((prepared, report));

    let t = Instant::now();
    let (prepared, report) = stages::tables(&options, &config);
    let secs = t.elapsed().as_secs_f64();
    let accesses: usize = report
        .tables
        .iter()
        .map(|t| t.reads.len() + t.writes.len())
        .sum();
    row(
        "tables",
        secs,
        format!("{} tables, {accesses} accesses", report.tables.len()),
    );
    if let Some(m) = manifest {
        let names: Vec<&str> = report.tables.iter().map(|t| t.name.as_str()).collect();
        let expected: Vec<&str> = m.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, expected, "the manifest's tables");
        assert!(report.complete, "every SQL use resolved");
    }
    drop((prepared, report));

    let t = Instant::now();
    let (scan, prepared, graph) = stages::callgraph(&options);
    let secs = t.elapsed().as_secs_f64();
    row(
        "callgraph",
        secs,
        format!(
            "{} functions, {} edges",
            graph.functions.len(),
            graph.edges.len()
        ),
    );
    assert!(!graph.edges.is_empty(), "the call graph has edges");
    drop((scan, prepared, graph));
}
