//! Resolve every call and function reference in a tree and print how many,
//! how many are unresolved, and the time: the baseline for a whole-tree call
//! graph (issue 5). `cargo run --release -p goseam-engine --example allcalls
//! -- "$(go env GOROOT)/src"`.
use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let root = std::env::args().nth(1).expect("root");
    let t = Instant::now();
    let mut opts = goseam_engine::ScanOptions::new(&root);
    opts.threads = 2;
    let prepared = goseam_engine::resolve::query::prepare(
        &opts,
        goseam_engine::resolve::universe::Toolchain::detect(),
    )
    .unwrap();
    let u = &prepared.universe;
    let checker = goseam_engine::resolve::check::Checker::new(u);
    let files: Vec<_> = u
        .tree
        .dirs
        .values()
        .flatten()
        .map(|f| (f.path.clone(), f.abs.clone()))
        .collect();
    let counts: Vec<(usize, usize)> = prepared.pool.install(|| {
        files
            .par_iter()
            .map(|(path, abs)| {
                let Ok(src) = goseam_engine::source::read_source(abs, prepared.max_file_size)
                else {
                    return (0, 0);
                };
                match goseam_engine::resolve::query::resolve_source(
                    &checker,
                    path,
                    &src,
                    None,
                    &|_| true,
                    None,
                ) {
                    Some(f) => {
                        let unresolved = f
                            .sites
                            .iter()
                            .filter(|s| {
                                matches!(
                                    s.callee,
                                    goseam_engine::resolve::check::Callee::Unresolved { .. }
                                )
                            })
                            .count();
                        (f.sites.len(), unresolved)
                    }
                    None => (0, 0),
                }
            })
            .collect()
    });
    let sites: usize = counts.iter().map(|c| c.0).sum();
    let unresolved: usize = counts.iter().map(|c| c.1).sum();
    eprintln!(
        "{} files, {sites} sites, {unresolved} unresolved, {:.2}s",
        files.len(),
        t.elapsed().as_secs_f64()
    );
}
