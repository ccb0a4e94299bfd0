//! Time the parse-only baseline once: `cargo run --release -p goseam-benches --example parse_only [ROOT] [THREADS]`.
fn main() {
    goseam_benches::allocate_like_the_binary();
    let mut args = std::env::args().skip(1);
    let root = args
        .next()
        .map(std::path::PathBuf::from)
        .or_else(goseam_benches::gostd_root)
        .expect("give a root or install the Go corpus (corpus/gostd.sh)");
    let threads: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(2);
    let files = goseam_benches::go_files(&root);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let start = std::time::Instant::now();
    let (n, bytes) = goseam_benches::parse_only(&pool, &files);
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "parse-only: {n} files, {bytes} bytes in {secs:.2}s ({:.1} MB/s)",
        bytes as f64 / 1e6 / secs
    );
}
