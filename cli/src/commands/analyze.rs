//! `goseam analyze NAME…`: run analyzers and print their results.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Result;
use goseam_analyzers::{lookup, run_analyzers, PassOptions};

use super::{print_json, scan_tree};
use crate::args::TreeArgs;

pub fn run(names: &[String], tree: &TreeArgs, threads: usize, quiet: bool) -> Result<ExitCode> {
    // Unknown names are a usage error before any work is done.
    let analyzers = names
        .iter()
        .map(|n| lookup(n))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("{e} (see `goseam analyzers`)"))?;
    let (scan, config) = scan_tree(tree, threads, quiet)?;
    let results = run_analyzers(
        &scan,
        &analyzers,
        PassOptions {
            include_vendor: tree.include_vendor,
            config,
            toolchain: goseam_engine::resolve::universe::Toolchain::detect(),
            threads,
        },
    )?;
    let mut out = BTreeMap::new();
    for a in &analyzers {
        if let Some(r) = results.get(a.name()) {
            out.insert(a.name(), r.to_json());
        }
    }
    print_json(&out)?;
    Ok(ExitCode::SUCCESS)
}
