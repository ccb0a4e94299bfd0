//! Migration plans: deterministic, reviewable manifests built from analyzer
//! results. A plan lists steps in the only safe order; each step names its
//! scope (packages, files, sites), the commands that verify it, the gate
//! that must hold before the next step and its stop conditions. Facts a
//! plan needs but cannot know from code (the value new rows get, a backfill
//! expression, who approves a change to a shared table) are flags: when one
//! is missing the plan is still emitted, the steps that need it are blocked
//! and the question is listed in `open_questions`. Unresolved sites are
//! escalations: the step containing one is blocked until a person decides.
//! goseam never fills a gap with a guess.
//!
//! Every plan records goseam's version, the request that produced it and a
//! digest of its inputs (the analyzed Go files, the migrations, the
//! configuration), so [`verify`] can recompute it and report drift.

pub mod calls;
pub mod schema;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use goseam_engine::Scan;

/// The version of the plan JSON format.
pub const PLAN_SCHEMA: &str = "goseam.plan/v1";

/// What a plan was asked for: enough to compute it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    Calls(calls::CallsRequest),
    Schema(schema::SchemaRequest),
}

/// A site a step covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SiteRef {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub function: String,
    /// What is there: `call (*pkg.T).M`, `insert (a, b)`, `unresolved: …`.
    pub what: String,
}

impl SiteRef {
    /// The site without its position, which shifts with unrelated edits.
    fn identity(&self) -> (&str, &str, &str) {
        (&self.file, &self.function, &self.what)
    }
}

/// A condition checked by a command; the plan proceeds only when it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gate {
    pub description: String,
    /// The command that checks it (exit 0: holds); none when a person
    /// confirms it (a deploy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

/// One step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// `1`, `2`, …
    pub id: String,
    pub title: String,
    /// What to do, in a sentence or two.
    pub action: String,
    /// Steps that must be done (and their gates hold) first.
    pub after: Vec<String>,
    pub packages: Vec<String>,
    pub files: Vec<String>,
    pub sites: Vec<SiteRef>,
    /// Commands that verify the step's own work.
    pub verify: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gate: Option<Gate>,
    pub stop_conditions: Vec<String>,
    /// Open questions and escalations (by id) that block it.
    pub blocked_by: Vec<String>,
}

/// A fact the plan needs that code cannot tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenQuestion {
    /// `Q1`, `Q2`, …
    pub id: String,
    pub question: String,
    /// The flag that answers it.
    pub flag: String,
    pub blocks: Vec<String>,
}

/// Something a person must decide: an unresolved site, a shared table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    /// `E1`, `E2`, …
    pub id: String,
    pub reason: String,
    pub sites: Vec<SiteRef>,
    pub blocks: Vec<String>,
}

/// What the plan was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    /// blake3 of every analyzed Go file's path and contents, the migrations
    /// and the configuration, in path order.
    pub digest: String,
    pub go_files: usize,
    pub other_files: usize,
}

/// A plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub schema: String,
    pub goseam_version: String,
    pub title: String,
    pub request: Request,
    pub inputs: Inputs,
    /// `ready`, or `blocked` while an open question or escalation stands.
    pub status: String,
    pub summary: Vec<String>,
    pub steps: Vec<Step>,
    pub open_questions: Vec<OpenQuestion>,
    pub escalations: Vec<Escalation>,
}

impl Plan {
    pub fn is_blocked(&self) -> bool {
        !self.open_questions.is_empty() || !self.escalations.is_empty()
    }

    /// Every site the plan covers, in its steps and escalations.
    pub fn sites(&self) -> BTreeSet<&SiteRef> {
        self.steps
            .iter()
            .flat_map(|s| &s.sites)
            .chain(self.escalations.iter().flat_map(|e| &e.sites))
            .collect()
    }
}

/// Assemble a plan: number questions and escalations, mark the steps they
/// block, set the status.
pub(crate) fn finish(
    title: String,
    request: Request,
    inputs: Inputs,
    summary: Vec<String>,
    steps: Vec<Step>,
    open_questions: Vec<OpenQuestion>,
    escalations: Vec<Escalation>,
) -> Plan {
    let mut steps = steps;
    for q in &open_questions {
        for s in steps.iter_mut().filter(|s| q.blocks.contains(&s.id)) {
            s.blocked_by.push(q.id.clone());
        }
    }
    for e in &escalations {
        for s in steps.iter_mut().filter(|s| e.blocks.contains(&s.id)) {
            s.blocked_by.push(e.id.clone());
        }
    }
    // A step after a blocked step is blocked too.
    for i in 0..steps.len() {
        let inherited: Vec<String> = steps[i]
            .after
            .iter()
            .filter_map(|a| steps.iter().find(|s| &s.id == a))
            .flat_map(|s| s.blocked_by.clone())
            .collect();
        let own = &mut steps[i].blocked_by;
        own.extend(inherited);
        own.sort();
        own.dedup();
    }
    let blocked = !open_questions.is_empty() || !escalations.is_empty();
    Plan {
        schema: PLAN_SCHEMA.to_string(),
        goseam_version: env!("CARGO_PKG_VERSION").to_string(),
        title,
        request,
        inputs,
        status: if blocked { "blocked" } else { "ready" }.to_string(),
        summary,
        steps,
        open_questions,
        escalations,
    }
}

/// The digest of a plan's inputs: every analyzed Go file (path and
/// contents), the migration files and the configuration file, in path
/// order. A file that cannot be read counts as such, not as empty.
pub fn digest_inputs(scan: &Scan, others: &[String], config: Option<&Path>) -> Inputs {
    let mut h = blake3::Hasher::new();
    let mut add = |label: &str, path: &Path| {
        h.update(label.as_bytes());
        h.update(&[0]);
        match std::fs::read(path) {
            Ok(bytes) => {
                h.update(blake3::hash(&bytes).as_bytes());
            }
            Err(_) => {
                h.update(b"<unreadable>");
            }
        }
    };
    for f in &scan.files {
        add(&f.path, &scan.root.join(&f.path));
    }
    let mut others: Vec<&String> = others.iter().collect();
    others.sort();
    others.dedup();
    for o in &others {
        add(o, &scan.root.join(o));
    }
    if let Some(c) = config {
        add("<config>", c);
    }
    Inputs {
        digest: h.finalize().to_hex().to_string(),
        go_files: scan.files.len(),
        other_files: others.len() + usize::from(config.is_some()),
    }
}

/// How a plan differs from the same request computed again.
#[derive(Debug, Clone, Serialize)]
pub struct Drift {
    pub digest_changed: bool,
    pub version_changed: bool,
    /// Sites the tree has now that the plan does not list.
    pub added: Vec<SiteRef>,
    /// Sites the plan lists that the tree no longer has.
    pub gone: Vec<SiteRef>,
    /// Steps, questions or escalations differ beyond their sites.
    pub steps_changed: bool,
}

impl Drift {
    pub fn any(&self) -> bool {
        self.digest_changed
            || self.version_changed
            || !self.added.is_empty()
            || !self.gone.is_empty()
            || self.steps_changed
    }
}

/// Compare a stored plan with the plan computed again from its request.
pub fn verify(stored: &Plan, current: &Plan) -> Drift {
    let key = |s: &&SiteRef| {
        (
            s.identity().0.to_string(),
            s.identity().1.to_string(),
            s.identity().2.to_string(),
        )
    };
    let old: BTreeSet<(String, String, String)> = stored.sites().iter().map(key).collect();
    let new: BTreeSet<(String, String, String)> = current.sites().iter().map(key).collect();
    let added = current
        .sites()
        .into_iter()
        .filter(|s| !old.contains(&key(s)))
        .cloned()
        .collect();
    let gone = stored
        .sites()
        .into_iter()
        .filter(|s| !new.contains(&key(s)))
        .cloned()
        .collect();
    /// The parts of a plan beyond its sites, comparable.
    fn shape(p: &Plan) -> String {
        let steps: Vec<_> = p
            .steps
            .iter()
            .map(|s| (&s.id, &s.title, &s.gate, &s.blocked_by))
            .collect();
        let questions: Vec<&String> = p.open_questions.iter().map(|q| &q.question).collect();
        format!("{steps:?} {questions:?} {}", p.escalations.len())
    }
    Drift {
        digest_changed: stored.inputs.digest != current.inputs.digest,
        version_changed: stored.goseam_version != current.goseam_version,
        added,
        gone,
        steps_changed: shape(stored) != shape(current),
    }
}

/// The Markdown rendering of a plan, for review.
pub fn markdown(plan: &Plan) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", plan.title);
    let _ = writeln!(
        md,
        "Status: **{}** · plan format `{}` · goseam {} · inputs `{}` ({} Go files, {} other)\n",
        plan.status,
        plan.schema,
        plan.goseam_version,
        &plan.inputs.digest[..16.min(plan.inputs.digest.len())],
        plan.inputs.go_files,
        plan.inputs.other_files
    );
    for s in &plan.summary {
        let _ = writeln!(md, "- {s}");
    }
    if !plan.open_questions.is_empty() {
        let _ = writeln!(md, "\n## Open questions\n");
        let _ = writeln!(
            md,
            "| id | question | answer with | blocks steps |\n|---|---|---|---|"
        );
        for q in &plan.open_questions {
            let _ = writeln!(
                md,
                "| {} | {} | `{}` | {} |",
                q.id,
                q.question,
                q.flag,
                q.blocks.join(", ")
            );
        }
    }
    if !plan.escalations.is_empty() {
        let _ = writeln!(md, "\n## Escalations\n");
        for e in &plan.escalations {
            let _ = writeln!(
                md,
                "- **{}** (blocks {}): {}",
                e.id,
                e.blocks.join(", "),
                e.reason
            );
            for s in &e.sites {
                let _ = writeln!(
                    md,
                    "  - `{}:{}:{}` in `{}`: {}",
                    s.file, s.line, s.column, s.function, s.what
                );
            }
        }
    }
    let _ = writeln!(md, "\n## Steps");
    for s in &plan.steps {
        let blocked = if s.blocked_by.is_empty() {
            String::new()
        } else {
            format!(" — BLOCKED by {}", s.blocked_by.join(", "))
        };
        let _ = writeln!(md, "\n### {}. {}{}\n", s.id, s.title, blocked);
        let _ = writeln!(md, "{}\n", s.action);
        if !s.after.is_empty() {
            let _ = writeln!(md, "After: step {}\n", s.after.join(", "));
        }
        if !s.packages.is_empty() {
            let _ = writeln!(
                md,
                "Packages: {}\n",
                s.packages
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if !s.sites.is_empty() {
            let _ = writeln!(md, "| site | function | what |\n|---|---|---|");
            for x in &s.sites {
                let _ = writeln!(
                    md,
                    "| `{}:{}:{}` | `{}` | {} |",
                    x.file, x.line, x.column, x.function, x.what
                );
            }
            md.push('\n');
        }
        if !s.verify.is_empty() {
            let _ = writeln!(md, "Verify:\n");
            for c in &s.verify {
                let _ = writeln!(md, "    {c}");
            }
            md.push('\n');
        }
        if let Some(g) = &s.gate {
            match &g.command {
                Some(c) => {
                    let _ = writeln!(md, "Gate: {} — `{c}`\n", g.description);
                }
                None => {
                    let _ = writeln!(md, "Gate: {} (confirmed by a person)\n", g.description);
                }
            }
        }
        for c in &s.stop_conditions {
            let _ = writeln!(md, "- Stop if: {c}");
        }
    }
    md
}

/// Compute the plan a request asks for over a scanned tree: run the
/// analyzers it needs, digest the inputs, assemble the steps.
pub fn compute(
    scan: &Scan,
    options: crate::PassOptions,
    config_path: Option<&Path>,
    request: &Request,
) -> Result<Plan, String> {
    use crate::callgraph::CallGraphAnalyzer;
    use crate::callsites::{find_call_sites, resolve_short, CallSiteOptions, Target};
    use crate::imports::Imports;
    use crate::tables::Tables;

    let include_vendor = options.include_vendor;
    match request {
        Request::Schema(req) => {
            let results = crate::run_analyzers(scan, &[&Tables, &CallGraphAnalyzer], options)
                .map_err(|e| e.to_string())?;
            let tables = results
                .of::<Tables>()
                .ok_or("the tables analyzer gave no result")?;
            let graph = results
                .of::<CallGraphAnalyzer>()
                .ok_or("the callgraph analyzer gave no result")?;
            let parts = schema::plan_schema(scan, tables, graph, req)?;
            let inputs = digest_inputs(scan, &tables.schema_files, config_path);
            Ok(finish(
                parts.title,
                request.clone(),
                inputs,
                parts.summary,
                parts.steps,
                parts.open_questions,
                parts.escalations,
            ))
        }
        Request::Calls(req) => {
            let prepared = crate::analysis::prepare_from_scan(scan, &options)?;
            let results =
                crate::run_analyzers(scan, &[&Imports], options).map_err(|e| e.to_string())?;
            let imports = results
                .of::<Imports>()
                .ok_or("the imports analyzer gave no result")?;
            let parsed = Target::parse(&req.from).map_err(|e| format!("bad target {e}"))?;
            let targets = resolve_short(&prepared, vec![parsed])?;
            let report = find_call_sites(
                &prepared,
                &targets,
                CallSiteOptions {
                    include_tests: true,
                    include_unresolved: true,
                    include_vendor,
                },
            );
            let target = targets[0].full_name();
            let parts = calls::plan_calls(req, &target, &report.sites, imports);
            let inputs = digest_inputs(scan, &[], config_path);
            Ok(finish(
                parts.title,
                request.clone(),
                inputs,
                parts.summary,
                parts.steps,
                parts.open_questions,
                parts.escalations,
            ))
        }
    }
}
