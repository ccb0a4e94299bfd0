//! `goseam-synth --seed S --lines N --out DIR`: write a synthetic Go
//! monorepo and its manifest (`DIR/expected.json`, `DIR/expected_sql.jsonl`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Generate a deterministic synthetic Go monorepo with exact expected answers.
#[derive(Parser)]
#[command(name = "goseam-synth", version)]
struct Args {
    /// Seed: the same seed and size give a byte-identical tree.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Lines of Go to write (about; within a few percent).
    #[arg(long, default_value_t = 100_000)]
    lines: u64,
    /// Output directory (created; must be empty).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    match goseam_synth::generate(args.seed, args.lines, &args.out) {
        Ok(m) => {
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "goseam-synth: {} lines ({:.1} MB) in {} Go files, {} packages, {} domains, {} tables; \
                 {} call sites of the targets; {:.2}s ({:.0} lines/s)",
                m.lines,
                m.bytes as f64 / 1e6,
                m.go_files,
                m.packages,
                m.domains.len(),
                m.tables.len(),
                m.targets.iter().map(|t| t.count).sum::<usize>(),
                secs,
                m.lines as f64 / secs.max(1e-9)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("goseam-synth: {e}");
            ExitCode::FAILURE
        }
    }
}
