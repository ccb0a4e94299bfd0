//! One module per subcommand.

mod analyze;
mod analyzers;
mod calls;
mod callsites;
mod check;
mod deps;
mod plan;
mod scan;
mod sql;
mod tables;

use std::process::ExitCode;

use anyhow::Result;
use goseam_analyzers::config::Config;
use goseam_engine::{Scan, ScanOptions};

use crate::args::{Cli, Command, TreeArgs};
use crate::progress::Progress;

/// Let go of a value without freeing it, when the command is about to
/// return and the process to exit. Exiting gives the memory back at once;
/// dropping a prepared tree frees each loaded package's declarations one
/// allocation at a time, on one thread: seconds on a 10M-line tree. Only
/// for one-shot commands (the MCP server drops what it replaces).
fn leave_for_exit<T>(value: T) {
    std::mem::forget(value);
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let threads = cli.threads.unwrap_or(0);
    let quiet = cli.quiet;
    crate::cached::run(cli.command, threads, quiet, |command| {
        dispatch(command, threads, quiet)
    })
}

fn dispatch(command: Command, threads: usize, quiet: bool) -> Result<ExitCode> {
    match command {
        Command::Scan { tree, format } => scan::run(&tree, threads, quiet, format),
        Command::Analyzers { format } => analyzers::run(format),
        Command::Analyze { names, tree } => analyze::run(&names, &tree, threads, quiet),
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
            quiet,
            format,
            !no_tests,
            !resolved_only,
        ),
        Command::Tables {
            tree,
            table,
            format,
            no_tests,
        } => tables::run(
            tables::TablesArgs {
                tree: &tree,
                table: table.as_deref(),
                format,
                include_tests: !no_tests,
            },
            threads,
            quiet,
        ),
        Command::Deps {
            tree,
            level,
            format,
            tests,
        } => deps::run(&tree, level, format, tests, threads, quiet),
        Command::Callgraph {
            tree,
            format,
            no_tests,
            expand_dispatch,
        } => calls::callgraph(&tree, format, !no_tests, expand_dispatch, threads, quiet),
        Command::Callers {
            targets,
            tree,
            walk,
            format,
        } => calls::query(
            calls::Direction::Callers,
            &targets,
            &tree,
            walk.walk(),
            format,
            threads,
            quiet,
        ),
        Command::Callees {
            targets,
            tree,
            walk,
            format,
        } => calls::query(
            calls::Direction::Callees,
            &targets,
            &tree,
            walk.walk(),
            format,
            threads,
            quiet,
        ),
        Command::Writepaths {
            tree,
            table,
            column,
            op,
            walk,
            format,
        } => calls::writepaths(
            calls::WritePathArgs {
                tree: &tree,
                query: goseam_analyzers::writepaths::WriteQuery {
                    table,
                    column,
                    op: op.map(|o| match o {
                        crate::args::WriteOpArg::Insert => {
                            goseam_analyzers::writepaths::WriteOp::Insert
                        }
                        crate::args::WriteOpArg::Update => {
                            goseam_analyzers::writepaths::WriteOp::Update
                        }
                        crate::args::WriteOpArg::Delete => {
                            goseam_analyzers::writepaths::WriteOp::Delete
                        }
                    }),
                    walk: walk.walk(),
                },
                format,
            },
            threads,
            quiet,
        ),
        Command::Plan { plan } => run_plan(plan, threads, quiet),
        Command::Sql {
            tree,
            format,
            no_tests,
        } => sql::run(&tree, threads, quiet, format, !no_tests),
        Command::Check { invariant } => check::run(&invariant, threads, quiet),
        Command::Mcp { roots } => crate::mcp::run(&roots, threads),
    }
}

fn run_plan(plan: crate::args::PlanCommand, threads: usize, quiet: bool) -> Result<ExitCode> {
    use crate::args::PlanCommand;
    use goseam_analyzers::plan::calls::CallsRequest;
    use goseam_analyzers::plan::schema::{SchemaChange, SchemaRequest};
    use goseam_analyzers::plan::Request;
    match plan {
        PlanCommand::Calls {
            from,
            to,
            batch_size,
            tree,
            format,
        } => plan::run(
            &tree,
            Request::Calls(CallsRequest {
                from,
                to,
                batch_size,
            }),
            format,
            threads,
            quiet,
        ),
        PlanCommand::Schema {
            table,
            add_column,
            not_null,
            rename_column,
            drop_column,
            move_to,
            new_value,
            backfill,
            approver,
            tree,
            format,
        } => {
            let change = if let Some(column) = add_column {
                SchemaChange::AddColumn { column, not_null }
            } else if let Some(r) = rename_column {
                let (from, to) = r
                    .split_once(':')
                    .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                    .ok_or_else(|| anyhow::anyhow!("--rename-column wants OLD:NEW, got {r:?}"))?;
                SchemaChange::RenameColumn {
                    from: from.to_string(),
                    to: to.to_string(),
                }
            } else if let Some(column) = drop_column {
                SchemaChange::DropColumn { column }
            } else if let Some(domain) = move_to {
                SchemaChange::MoveTo { domain }
            } else {
                anyhow::bail!("plan schema needs one of --add-column, --rename-column, --drop-column, --move-to");
            };
            for a in &approver {
                if !a.contains('=') {
                    anyhow::bail!("--approver wants DOMAIN=NAME, got {a:?}");
                }
            }
            plan::run(
                &tree,
                Request::Schema(SchemaRequest {
                    table,
                    change,
                    new_value,
                    backfill,
                    approvers: approver,
                }),
                format,
                threads,
                quiet,
            )
        }
        PlanCommand::Verify { plan: file, tree } => plan::verify_plan(&tree, &file, threads, quiet),
    }
}

/// Scan options from the tree arguments and the configuration they name
/// (`--config`, else `goseam.toml` at the root when there is one).
pub(crate) fn scan_options(tree: &TreeArgs, threads: usize) -> Result<(ScanOptions, Config)> {
    let (config, _) = Config::load(&tree.root, tree.config.as_deref())?;
    let options = ScanOptions {
        threads,
        include_testdata: tree.include_testdata,
        follow_symlinks: tree.follow_symlinks,
        max_file_size: tree
            .max_file_size
            .or(config.scan.max_file_size)
            .unwrap_or(goseam_engine::scan::DEFAULT_MAX_FILE_SIZE),
        exclude: config.scan.exclude.clone(),
        cache: crate::cached::config(tree),
        ..ScanOptions::new(&tree.root)
    };
    Ok((options, config))
}

/// Scan the tree the arguments name, with progress on stderr; also the
/// configuration the scan used.
fn scan_tree(tree: &TreeArgs, threads: usize, quiet: bool) -> Result<(Scan, Config)> {
    let (options, config) = scan_options(tree, threads)?;
    let progress = Progress::new(quiet);
    let scan = goseam_engine::scan(&options, &progress)?;
    progress.finish(&scan);
    Ok((scan, config))
}

/// Write text to stdout.
fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(crate::output::stdout());
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Print a value as pretty JSON with a trailing newline.
fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    use std::io::Write;
    let mut out = std::io::BufWriter::new(crate::output::stdout());
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
