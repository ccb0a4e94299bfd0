//! The `goseam` binary: parses arguments and wires the engine and analyzer
//! libraries together. No analysis logic lives here.

mod args;
mod cached;
mod commands;
mod mcp;
mod output;
mod progress;
mod sarif;

use std::process::ExitCode;

#[cfg(feature = "jemalloc")]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use clap::Parser;

fn main() -> ExitCode {
    #[cfg(feature = "jemalloc")]
    goseam_engine::parse::allocate_through_jemalloc();
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        // A closed pipe (`goseam … | head`) ends the output, not in error.
        Err(err)
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .map(|e| e.kind())
                    .or_else(|| {
                        e.downcast_ref::<serde_json::Error>()
                            .and_then(|e| e.io_error_kind())
                    })
                    == Some(std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("goseam: error: {err:#}");
            ExitCode::from(1)
        }
    }
}
