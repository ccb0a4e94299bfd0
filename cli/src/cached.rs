//! Commands over a tree, served from the result cache when the tree has not
//! changed since the same command last ran.
//!
//! A request is the parsed command line (every argument but `--threads` and
//! `--quiet`, which change neither the result nor the bytes printed) plus
//! the contents of the files it names outside the tree (`--config`,
//! `--baseline`, a plan to verify). Its output is valid for the
//! [`TreeState`] it was computed from; the state is taken before the command
//! runs and again after, and the output is stored only when the two agree,
//! so a tree edited during a run never gets that run's output attached to
//! either state. Errors are never stored.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use goseam_engine::cache::results::{CachedResult, Miss, ResultCache};
use goseam_engine::cache::state::tree_state;
use goseam_engine::cache::{digest, CacheConfig, Digest};
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::ScanOptions;

use crate::args::{Command, Invariant, PlanCommand, TreeArgs};

/// The identity of this build, for the cache: the version and a digest of
/// the sources it was built from (`build.rs`), so that a rebuilt binary
/// never trusts what another build wrote.
pub fn tool_identity() -> String {
    format!(
        "goseam {}+{}",
        env!("CARGO_PKG_VERSION"),
        env!("GOSEAM_SOURCE_DIGEST")
    )
}

/// The cache configuration for a tree, or `None` under `--no-cache`.
pub fn config(tree: &TreeArgs) -> Option<CacheConfig> {
    if tree.no_cache {
        return None;
    }
    let root = std::fs::canonicalize(&tree.root).unwrap_or_else(|_| tree.root.clone());
    Some(CacheConfig::new(
        &root,
        tree.cache_dir.as_deref(),
        tool_identity(),
    ))
}

/// Run `compute` for `command`, or print its stored output when the tree is
/// in the state it was computed from.
pub fn run(
    command: Command,
    threads: usize,
    quiet: bool,
    compute: impl FnOnce(Command) -> Result<ExitCode>,
) -> Result<ExitCode> {
    let Some(tree) = tree_args(&command) else {
        return compute(command);
    };
    let Some(config) = config(tree) else {
        return compute(command);
    };
    // A configuration the command cannot load makes it fail on its own.
    let Ok((options, _)) = crate::commands::scan_options(tree, threads) else {
        return compute(command);
    };
    let note = |msg: String| {
        if !quiet {
            eprintln!("goseam: cache: {msg}");
        }
    };
    // Inputs the command cannot read make it fail on its own, uncached.
    let Ok(extra) = extra_inputs(&command) else {
        return compute(command);
    };
    let started = Instant::now();
    let toolchain = Toolchain::detect();
    let state = |opts: &ScanOptions| tree_state(opts, &toolchain, Some(&config.dir), &extra);
    let Ok(before) = state(&options) else {
        return compute(command);
    };
    if let Some(why) = &before.uncacheable {
        note(format!("results not cached: {why}"));
        return compute(command);
    }
    let request = request_digest(&command);
    let results = ResultCache::new(&config);
    match results.get(&request, &before.digest) {
        Ok(hit) => {
            use std::io::Write;
            let mut out = crate::output::stdout();
            out.write_all(&hit.output)?;
            out.flush()?;
            note(format!(
                "tree unchanged ({} files read, {} other entries); output from {} in {:.2}s",
                before.files_read,
                before.entries_stat,
                config.dir.display(),
                started.elapsed().as_secs_f64()
            ));
            return Ok(ExitCode::from(hit.exit_code as u8));
        }
        Err(Miss::Rejected(why)) => note(format!("stored result not used: {why}")),
        Err(Miss::Missing | Miss::Stale) => {}
    }

    let copy = crate::output::Copy::start();
    let code = compute(command)?;
    let output = copy.finish();
    let Some(exit_code) = (0..=255u8).find(|&n| ExitCode::from(n) == code) else {
        return Ok(code);
    };
    match state(&options) {
        Ok(after) if after.digest == before.digest => {
            let stored = CachedResult {
                exit_code: exit_code.into(),
                output,
            };
            if let Err(e) = results.put(&request, &before.digest, &stored) {
                note(format!(
                    "cannot store the result in {}: {e}",
                    config.dir.display()
                ));
            }
        }
        Ok(_) => note("the tree changed during the run; result not stored".into()),
        Err(_) => {}
    }
    Ok(code)
}

/// The tree a command reads, if it reads one.
fn tree_args(command: &Command) -> Option<&TreeArgs> {
    match command {
        Command::Scan { tree, .. }
        | Command::Callsites { tree, .. }
        | Command::Tables { tree, .. }
        | Command::Sql { tree, .. }
        | Command::Deps { tree, .. }
        | Command::Callgraph { tree, .. }
        | Command::Callers { tree, .. }
        | Command::Callees { tree, .. }
        | Command::Writepaths { tree, .. }
        | Command::Analyze { tree, .. } => Some(tree),
        Command::Plan { plan } => Some(match plan {
            PlanCommand::Calls { tree, .. }
            | PlanCommand::Schema { tree, .. }
            | PlanCommand::Verify { tree, .. } => tree,
        }),
        Command::Check { invariant } => Some(&invariant.common().tree),
        Command::Analyzers { .. } | Command::Mcp { .. } => None,
    }
}

/// Files outside the tree that the command reads, with their contents.
fn extra_inputs(command: &Command) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut files: Vec<&Path> = Vec::new();
    if let Some(config) = tree_args(command).and_then(|t| t.config.as_deref()) {
        files.push(config);
    }
    match command {
        Command::Check {
            invariant: Invariant::NoNewWriters { baseline, .. },
        } => files.push(baseline),
        Command::Plan {
            plan: PlanCommand::Verify { plan, .. },
        } => files.push(plan),
        _ => {}
    }
    files
        .into_iter()
        .map(|f| Ok((PathBuf::from(f).display().to_string(), std::fs::read(f)?)))
        .collect()
}

/// The digest that names a request: the parsed command, which holds every
/// argument that can change what is printed.
fn request_digest(command: &Command) -> Digest {
    digest(format!("goseam request 1\n{command:?}").as_bytes())
}
