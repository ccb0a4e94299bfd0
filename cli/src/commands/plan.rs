//! `goseam plan calls|schema|verify`: migration plans, and their drift.

use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use goseam_analyzers::config::Config;
use goseam_analyzers::plan::{compute, markdown, verify, Plan, Request};
use goseam_analyzers::PassOptions;
use goseam_engine::resolve::universe::Toolchain;

use super::{emit, print_json, scan_tree};
use crate::args::{PlanFormat, TreeArgs};

/// Exit code of a plan blocked by open questions or escalations.
const BLOCKED: u8 = 3;

fn compute_plan(tree: &TreeArgs, request: &Request, threads: usize, quiet: bool) -> Result<Plan> {
    let (scan, config) = scan_tree(tree, threads, quiet)?;
    let (_, config_path) = Config::load(&tree.root, tree.config.as_deref())?;
    compute(
        &scan,
        PassOptions {
            include_vendor: tree.include_vendor,
            config,
            toolchain: Toolchain::detect(),
            threads,
        },
        config_path.as_deref(),
        request,
    )
    .map_err(|e| anyhow!(e))
}

/// Print a plan; exit 3 when it is blocked.
pub fn run(
    tree: &TreeArgs,
    request: Request,
    format: PlanFormat,
    threads: usize,
    quiet: bool,
) -> Result<ExitCode> {
    let plan = compute_plan(tree, &request, threads, quiet)?;
    match format {
        PlanFormat::Json => print_json(&plan)?,
        PlanFormat::Markdown => emit(&markdown(&plan))?,
    }
    if plan.is_blocked() {
        if !quiet {
            eprintln!(
                "goseam: plan blocked: {} open questions, {} escalations",
                plan.open_questions.len(),
                plan.escalations.len()
            );
        }
        return Ok(ExitCode::from(BLOCKED));
    }
    Ok(ExitCode::SUCCESS)
}

/// Recompute a stored plan and report drift (exit 1).
pub fn verify_plan(
    tree: &TreeArgs,
    file: &std::path::Path,
    threads: usize,
    quiet: bool,
) -> Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let stored: Plan = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a goseam plan", file.display()))?;
    if stored.schema != goseam_analyzers::plan::PLAN_SCHEMA {
        bail!(
            "{}: plan format {:?}, this goseam reads {:?}",
            file.display(),
            stored.schema,
            goseam_analyzers::plan::PLAN_SCHEMA
        );
    }
    let current = compute_plan(tree, &stored.request, threads, quiet)?;
    let drift = verify(&stored, &current);
    let mut out = String::new();
    if !drift.any() {
        out.push_str("no drift: the plan matches the tree\n");
    } else {
        out.push_str("drift:\n");
        if drift.digest_changed {
            out.push_str(&format!(
                "  inputs changed: digest {} -> {}\n",
                stored.inputs.digest, current.inputs.digest
            ));
        }
        if drift.version_changed {
            out.push_str(&format!(
                "  goseam version {} -> {}\n",
                stored.goseam_version, current.goseam_version
            ));
        }
        for s in &drift.added {
            out.push_str(&format!(
                "  added: {}:{}:{} {} {}\n",
                s.file, s.line, s.column, s.function, s.what
            ));
        }
        for s in &drift.gone {
            out.push_str(&format!(
                "  gone: {}:{}:{} {} {}\n",
                s.file, s.line, s.column, s.function, s.what
            ));
        }
        if drift.steps_changed {
            out.push_str("  steps, gates, questions or escalations changed\n");
        }
    }
    emit(&out)?;
    Ok(if drift.any() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
