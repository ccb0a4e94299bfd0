//! The one benchmark function both bench targets run per corpus: the
//! stages they name, in one criterion group per corpus, then the ratios
//! and lines/s from criterion's own estimates.

use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use goseam_benches::corpus::Corpus;
use goseam_benches::stages::{self, AstGrep};

/// A stage of issue 8, each as the CLI runs it, cold (nothing cached in
/// the process).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Read and tree-sitter-parse every file, nothing else: the baseline.
    ParseOnly,
    /// `goseam scan`.
    Scan,
    /// `goseam tables` (the SQL pass and table ownership).
    Tables,
    /// `goseam callgraph` (scan included).
    Callgraph,
    /// `goseam callsites TARGET` for the corpus's target.
    CallsitesCold,
    /// ast-grep finding the same call (left out when not installed).
    AstGrep,
    // Warm runs (scan and call-site query over an unchanged tree, a scan
    // with every file's facts cached) need a primed cache: benches/warm.rs.
}

impl Stage {
    fn id(self) -> &'static str {
        match self {
            Stage::ParseOnly => "parse_only",
            Stage::Scan => "scan",
            Stage::Tables => "tables",
            Stage::Callgraph => "callgraph",
            Stage::CallsitesCold => "goseam_cold",
            Stage::AstGrep => "ast_grep",
        }
    }
}

/// Benchmark `stages` on `corpus` in the group `<prefix><corpus>_t<threads>`.
///
/// Flat sampling, 10 samples (criterion's minimum): a stage of tens of
/// seconds runs 10 times plus one warm-up, not the 55 times linear
/// sampling would need.
pub fn bench_corpus(c: &mut Criterion, prefix: &str, corpus: &Corpus, stages: &[Stage]) {
    let threads = stages::threads();
    let files = goseam_benches::go_files(&corpus.root);
    let (bytes, lines) = goseam_benches::size(&files);
    let (options, config) = stages::scan_options(&corpus.root, threads);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let ast_grep = if stages.contains(&Stage::AstGrep) {
        let a = AstGrep::new(&corpus.call);
        if a.is_none() {
            eprintln!(
                "note: ast-grep not installed (pip install ast-grep-cli); its benchmark is left out"
            );
        }
        a
    } else {
        None
    };

    // What the query finds, once, outside the timing (and, on a synthetic
    // corpus, exactly the manifest's count).
    if stages.contains(&Stage::CallsitesCold) {
        let (_, report) = stages::callsites(&options, &corpus.target);
        eprintln!(
            "{}: goseam: {} sites of {}",
            corpus.name,
            report.sites.len(),
            corpus.target
        );
        if let Some(expected) = corpus.expected_sites() {
            assert_eq!(report.sites.len(), expected, "the manifest's count");
        }
    }
    if let Some(a) = &ast_grep {
        eprintln!(
            "{}: ast-grep: {} matches of {}",
            corpus.name,
            a.run(&corpus.root, threads),
            corpus.call
        );
    }

    let group_name = format!("{prefix}{}_t{threads}", corpus.name);
    let mut group = c.benchmark_group(&group_name);
    group.throughput(Throughput::Elements(lines));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    // Per sample about a tenth of this; criterion warns and takes longer
    // when one run is slower.
    group.measurement_time(Duration::from_secs(20));
    for &stage in stages {
        match stage {
            Stage::ParseOnly => group.bench_function(stage.id(), |b| {
                b.iter(|| goseam_benches::parse_only(&pool, &files))
            }),
            // Freeing the results afterwards is not the stage: leave the
            // drop out of the timing (criterion drops outputs after the
            // clock stops).
            Stage::Scan => group.bench_function(stage.id(), |b| {
                b.iter_with_large_drop(|| stages::scan(&options))
            }),
            Stage::Tables => group.bench_function(stage.id(), |b| {
                b.iter_with_large_drop(|| stages::tables(&options, &config))
            }),
            Stage::Callgraph => group.bench_function(stage.id(), |b| {
                b.iter_with_large_drop(|| stages::callgraph(&options))
            }),
            Stage::CallsitesCold => group.bench_function(stage.id(), |b| {
                b.iter_with_large_drop(|| stages::callsites(&options, &corpus.target))
            }),
            Stage::AstGrep => match &ast_grep {
                Some(a) => {
                    group.bench_function(stage.id(), |b| b.iter(|| a.run(&corpus.root, threads)))
                }
                None => continue,
            },
        };
    }
    group.finish();

    // The summary, from criterion's mean estimates.
    let mean = |s: Stage| {
        stages
            .contains(&s)
            .then(|| goseam_benches::mean_seconds(&group_name, s.id()))
            .flatten()
    };
    eprintln!(
        "{group_name}: {} files, {lines} lines, {:.1} MB",
        files.len(),
        bytes as f64 / 1e6
    );
    for &s in stages {
        if let Some(secs) = mean(s) {
            eprintln!(
                "  {:12} {secs:8.3}s  {:>10.0} lines/s  {:6.1} MB/s",
                s.id(),
                lines as f64 / secs,
                bytes as f64 / 1e6 / secs
            );
        }
    }
    let ratio = |what: &str, a: Option<f64>, b: Option<f64>| {
        if let (Some(a), Some(b)) = (a, b) {
            eprintln!("  {what} = {:.3}", a / b);
        }
    };
    let scan = mean(Stage::Scan);
    ratio("scan / parse_only", scan, mean(Stage::ParseOnly));
    ratio(
        "(scan + tables) / scan",
        scan.zip(mean(Stage::Tables)).map(|(s, t)| s + t),
        scan,
    );
    ratio("callgraph / scan", mean(Stage::Callgraph), scan);
    ratio(
        "ast_grep / goseam_cold",
        mean(Stage::AstGrep),
        mean(Stage::CallsitesCold),
    );
}
