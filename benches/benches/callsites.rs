//! A cold single-target call-site query on the real corpus, beside
//! ast-grep finding the same call on the same tree.
//!
//! `cargo bench -p goseam-benches --bench callsites`
//!
//! goseam: `fmt.Sprintf` resolved in the Go distribution's source
//! (discovery, text prefilter, parsing of the bodies that mention it, lazy
//! loading of the declarations resolution reaches), from nothing cached in
//! the process. ast-grep (`pip install ast-grep-cli`): the rule the issue
//! prescribes, `context: 'func t() { fmt.Sprintf($$$A) }'` with `selector:
//! call_expression`, on the same root with the same thread count. When
//! ast-grep is not installed its benchmark is left out, with a note.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use goseam_analyzers::callsites::{find_call_sites, resolve_short, CallSiteOptions, Target};
use goseam_engine::resolve::query::prepare;
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::ScanOptions;

const RULE: &str = "id: sprintf\nlanguage: go\nrule:\n  pattern:\n    context: 'func t() { fmt.Sprintf($$$A) }'\n    selector: call_expression\n";

fn threads() -> usize {
    std::env::var("GOSEAM_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2)
}

fn goseam_query(root: &PathBuf, threads: usize) -> usize {
    let mut opts = ScanOptions::new(root);
    opts.threads = threads;
    let prepared = prepare(&opts, Toolchain::detect()).expect("prepare");
    let targets = resolve_short(&prepared, vec![Target::parse("fmt.Sprintf").unwrap()]).unwrap();
    let report = find_call_sites(
        &prepared,
        &targets,
        CallSiteOptions {
            include_tests: true,
            include_unresolved: true,
            include_vendor: true,
        },
    );
    report.sites.len()
}

fn ast_grep(rule: &std::path::Path, root: &PathBuf, threads: usize) -> usize {
    let out = Command::new("ast-grep")
        .args(["scan", "--json=stream", "-j", &threads.to_string(), "-r"])
        .arg(rule)
        .arg(root)
        .stderr(Stdio::null())
        .output()
        .expect("ast-grep runs");
    out.stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

fn bench(c: &mut Criterion) {
    let Some(root) = goseam_benches::gostd_root() else {
        eprintln!(
            "note: Go corpus not installed (bash corpus/gostd.sh); callsites benchmark skipped"
        );
        return;
    };
    let threads = threads();
    let group_name = format!("callsites_stdlib_t{threads}");
    let mut group = c.benchmark_group(&group_name);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(30));
    let sites = goseam_query(&root, threads);
    eprintln!("goseam: {sites} sites of fmt.Sprintf");
    group.bench_function("goseam_cold_fmt_Sprintf", |b| {
        b.iter(|| goseam_query(&root, threads))
    });

    let have_ast_grep = Command::new("ast-grep")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let rule = std::env::temp_dir().join("goseam-bench-sprintf.yml");
    if have_ast_grep && std::fs::write(&rule, RULE).is_ok() {
        eprintln!(
            "ast-grep: {} matches of fmt.Sprintf",
            ast_grep(&rule, &root, threads)
        );
        group.bench_function("ast_grep_fmt_Sprintf", |b| {
            b.iter(|| ast_grep(&rule, &root, threads))
        });
    } else {
        eprintln!(
            "note: ast-grep not installed (pip install ast-grep-cli); its benchmark is left out"
        );
    }
    group.finish();
    if let (Some(g), Some(a)) = (
        goseam_benches::mean_seconds(&group_name, "goseam_cold_fmt_Sprintf"),
        goseam_benches::mean_seconds(&group_name, "ast_grep_fmt_Sprintf"),
    ) {
        eprintln!(
            "{group_name}: goseam {g:.3}s, ast-grep {a:.3}s, ast-grep / goseam = {:.2}x",
            a / g
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
