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

/// Have tree-sitter's C library allocate through jemalloc as well: the
/// parser allocates stack nodes and subtrees for every token, and glibc's
/// `malloc` (arena locks, consolidation of freed chunks) made that a large
/// part of parsing: the cold scan of the Go distribution took a quarter
/// less CPU time once tree-sitter allocated through jemalloc.
#[cfg(feature = "jemalloc")]
fn share_allocator_with_tree_sitter() {
    use tikv_jemalloc_sys as je;
    // SAFETY: called first thing in `main`, before any tree-sitter object
    // exists, so nothing allocated by one allocator is freed by the other.
    unsafe {
        tree_sitter::set_allocator(
            Some(je::malloc),
            Some(je::calloc),
            Some(je::realloc),
            Some(je::free),
        );
    }
}

fn main() -> ExitCode {
    #[cfg(feature = "jemalloc")]
    share_allocator_with_tree_sitter();
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
