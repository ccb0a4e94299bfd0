//! Whole-tree stages per corpus, beside a parse-only baseline.
//!
//! `cargo bench -p goseam-benches --bench scan`
//!
//! Corpora: `GOSEAM_BENCH_CORPORA`, comma-separated, default
//! `stdlib,synth1m`:
//! - `stdlib`: the Go distribution's source (`$(go env GOROOT)/src`,
//!   installed by `corpus/gostd.sh`; left out with a note when missing);
//! - `synth<N>[k|m]` (`synth1m`, `synth2m`, `synth10m`, …): the synthetic
//!   monorepo of `goseam-synth` with seed 1 and about N lines, generated
//!   once under `GOSEAM_SYNTH_DIR` (default `<target dir>/synth`) and
//!   reused. `synth10m` is opt-in: about 25 s to generate, 0.4 GB on disk,
//!   and each stage tens of seconds (10 samples each, several minutes a
//!   stage): `GOSEAM_BENCH_CORPORA=stdlib,synth1m,synth10m`.
//!
//! Per corpus, one group `<corpus>_t<threads>` (GOSEAM_BENCH_THREADS,
//! default 2), every stage on the same files and thread count, cold
//! (nothing cached in the process): `parse_only` reads and
//! tree-sitter-parses each file and drops the tree; `scan` is `goseam
//! scan`'s full scan; `tables` is `goseam tables`' work (discovery,
//! prefilter, parse and resolve the files that can hold SQL, table
//! ownership); `callgraph` is `goseam callgraph`'s (the scan and the
//! whole-tree call graph from one parse of each file). Throughput is in
//! lines (criterion's elem/s). After each group: seconds, lines/s and MB/s
//! per stage and the ratios scan / parse_only, (scan + tables) / scan and
//! callgraph / scan, from criterion's own estimates.
//!
//! Criterion's filter picks stages: `cargo bench -p goseam-benches --bench
//! scan -- 'synth1m_t2/(parse_only|scan|tables)'`. (A synthetic tree
//! declares the same one-method `Scorer` interface in every package and a
//! method of that signature beside it: class-hierarchy analysis expands
//! each distinct requirement once and the interfaces share the result
//! (a few dispatch sets), so `callgraph` grows with the tree although the
//! possible dispatches, interfaces × implementations, grow with its
//! square.)

mod common;

use common::{bench_corpus, Stage};
use criterion::{criterion_group, criterion_main, Criterion};
use goseam_benches::corpus::Corpus;

fn bench(c: &mut Criterion) {
    goseam_benches::allocate_like_the_binary();
    for corpus in Corpus::from_env() {
        bench_corpus(
            c,
            "",
            &corpus,
            &[
                Stage::ParseOnly,
                Stage::Scan,
                Stage::Tables,
                Stage::Callgraph,
            ],
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
