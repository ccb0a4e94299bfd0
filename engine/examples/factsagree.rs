//! Check that a file's declarations read from its full parse (what a scan
//! keeps) equal those read from its body-stripped parse (what the resolver's
//! universe loads), syntax errors aside:
//! `cargo run --release -p goseam-engine --example factsagree -- DIR`.
use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).expect("root");
    let files = goseam_engine::discover::discover(
        std::path::Path::new(&root),
        goseam_engine::discover::DiscoveryOptions {
            threads: 2,
            ..Default::default()
        },
    )
    .files;
    let differ: Vec<String> = files
        .par_iter()
        .filter(|f| f.kind == goseam_engine::discover::DiscoveredKind::GoSource)
        .filter_map(|f| {
            let src = std::fs::read(&f.abs).ok()?;
            let full = goseam_engine::parse::parse_go(&src)
                .map(|t| goseam_engine::extract::extract(&t, &src))
                .unwrap_or_default();
            let stripped = goseam_engine::strip::strip_function_bodies(&src);
            let decl = goseam_engine::parse::parse_go(&stripped)
                .map(|t| goseam_engine::extract::extract(&t, &stripped))
                .unwrap_or_default();
            let mut a = full;
            let mut b = decl;
            a.syntax_errors = Default::default();
            b.syntax_errors = Default::default();
            if a == b {
                return None;
            }
            let da = format!("{a:#?}");
            let db = format!("{b:#?}");
            let first = da
                .lines()
                .zip(db.lines())
                .enumerate()
                .find(|(_, (x, y))| x != y)
                .map(|(i, (x, y))| format!("line {i}: {x} | {y}"))
                .unwrap_or_default();
            Some(format!("{}: {first}", f.path))
        })
        .collect();
    eprintln!("{} files; {} differ", files.len(), differ.len());
    for d in differ.iter().take(20) {
        eprintln!("  {d}");
    }
}
