//! A cold single-target call-site query per corpus, beside ast-grep
//! finding the same call on the same tree.
//!
//! `cargo bench -p goseam-benches --bench callsites`
//!
//! Corpora: `GOSEAM_BENCH_CORPORA` as in the `scan` bench (default
//! `stdlib,synth1m`; `synth10m` opt-in). The target: `fmt.Sprintf` on
//! `stdlib`, the manifest's `example.com/synth/platform/email.Send` on a
//! synthetic corpus (whose count is checked against the manifest before
//! timing).
//!
//! Per corpus, one group `callsites_<corpus>_t<threads>`: `goseam_cold` is
//! `goseam callsites TARGET` with the CLI's defaults (discovery, text
//! prefilter, parsing of the bodies that mention the name, lazy loading of
//! the declarations resolution reaches), from nothing cached in the
//! process; `ast_grep` is ast-grep (`pip install ast-grep-cli`; left out
//! with a note when missing) with the rule `context: 'func t() {
//! CALL($$$A) }'`, `selector: call_expression` (the plain pattern
//! `fmt.Sprintf($$$)` matches nothing in Go), on the same root with the
//! same thread count. The ratio ast_grep / goseam_cold is printed after
//! the group.

mod common;

use common::{bench_corpus, Stage};
use criterion::{criterion_group, criterion_main, Criterion};
use goseam_benches::corpus::Corpus;

fn bench(c: &mut Criterion) {
    goseam_benches::allocate_like_the_binary();
    for corpus in Corpus::from_env() {
        bench_corpus(
            c,
            "callsites_",
            &corpus,
            &[Stage::CallsitesCold, Stage::AstGrep],
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
