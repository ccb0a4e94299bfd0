//! The `goseam` binary: parses arguments and wires the engine and analyzer
//! libraries together. No analysis logic lives here.

mod args;
mod commands;
mod progress;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("goseam: error: {err:#}");
            ExitCode::from(1)
        }
    }
}
