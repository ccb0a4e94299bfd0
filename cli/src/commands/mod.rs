//! One module per subcommand.

mod analyze;
mod analyzers;
mod callsites;
mod scan;

use std::process::ExitCode;

use anyhow::Result;
use goseam_engine::{Scan, ScanOptions};

use crate::args::{Cli, Command, TreeArgs};
use crate::progress::Progress;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let threads = cli.threads.unwrap_or(0);
    match cli.command {
        Command::Scan { tree, format } => scan::run(&tree, threads, cli.quiet, format),
        Command::Analyzers { format } => analyzers::run(format),
        Command::Analyze { names, tree } => analyze::run(&names, &tree, threads, cli.quiet),
        Command::Callsites {
            targets,
            tree,
            format,
            no_tests,
            resolved_only,
            include_unresolved: _,
        } => callsites::run(
            &targets,
            &tree,
            threads,
            cli.quiet,
            format,
            !no_tests,
            !resolved_only,
        ),
    }
}

/// Scan options from the tree arguments.
fn scan_options(tree: &TreeArgs, threads: usize) -> ScanOptions {
    ScanOptions {
        threads,
        include_testdata: tree.include_testdata,
        follow_symlinks: tree.follow_symlinks,
        max_file_size: tree.max_file_size,
        ..ScanOptions::new(&tree.root)
    }
}

/// Scan the tree the arguments name, with progress on stderr.
fn scan_tree(tree: &TreeArgs, threads: usize, quiet: bool) -> Result<Scan> {
    let options = scan_options(tree, threads);
    let progress = Progress::new(quiet);
    let scan = goseam_engine::scan(&options, &progress)?;
    progress.finish(&scan);
    Ok(scan)
}

/// Print a value as pretty JSON with a trailing newline.
fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
