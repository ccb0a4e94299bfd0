//! Call migration plans: every call site of a function, resolved and
//! unresolved, in batches of packages ordered by the in-tree import graph
//! (a package after the packages it imports, so each batch builds against
//! finished ones), a package's tests in its batch. Unresolved sites are
//! escalations: their batch is blocked until a person decides them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::callsites::{CallKind, CallSite, Status};
use crate::imports::ImportGraph;
use crate::plan::{Escalation, Gate, OpenQuestion, SiteRef, Step};

/// A call migration request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallsRequest {
    /// The function whose calls migrate, in the call-site target syntax.
    pub from: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub to: Option<String>,
    /// Packages per batch.
    pub batch_size: usize,
}

/// The parts of a calls plan (see [`crate::plan::finish`]).
pub struct CallsPlan {
    pub title: String,
    pub summary: Vec<String>,
    pub steps: Vec<Step>,
    pub open_questions: Vec<OpenQuestion>,
    pub escalations: Vec<Escalation>,
}

/// A package's batch key: external test packages go with their package.
fn home(package: &str) -> &str {
    package.strip_suffix("_test").unwrap_or(package)
}

/// For each of `packages`, the others it depends on through production
/// imports, directly or through packages outside the set: a package that
/// builds against another through a third must still come after it.
fn dependencies<'a>(
    packages: &'a BTreeSet<String>,
    imports: &'a ImportGraph,
) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in imports.edges.iter().filter(|e| !e.test_only) {
        let (from, to) = (home(&e.from), home(&e.to));
        if from != to {
            graph.entry(from).or_default().insert(to);
        }
    }
    packages
        .iter()
        .map(|p| {
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let mut stack = vec![p.as_str()];
            while let Some(q) = stack.pop() {
                for &next in graph.get(q).into_iter().flatten() {
                    if seen.insert(next) {
                        stack.push(next);
                    }
                }
            }
            let deps = seen
                .into_iter()
                .filter(|d| *d != p.as_str() && packages.contains(*d))
                .collect();
            (p.as_str(), deps)
        })
        .collect()
}

/// Packages in dependency order: each after the in-tree packages it
/// depends on (production imports, directly or transitively), ties and
/// cycles broken by name.
fn dependency_order(deps: &BTreeMap<&str, BTreeSet<&str>>) -> Vec<String> {
    let mut order = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    while done.len() < deps.len() {
        let ready: Vec<&str> = deps
            .iter()
            .filter(|(p, d)| !done.contains(*p) && d.iter().all(|x| done.contains(x)))
            .map(|(p, _)| *p)
            .collect();
        // A cycle: take the first remaining package by name.
        let next: Vec<&str> = if ready.is_empty() {
            deps.keys()
                .filter(|p| !done.contains(*p))
                .take(1)
                .copied()
                .collect()
        } else {
            ready
        };
        for p in next {
            done.insert(p);
            order.push(p.to_string());
        }
    }
    order
}

fn site_ref(s: &CallSite) -> SiteRef {
    SiteRef {
        file: s.file.clone(),
        line: s.line,
        column: s.column,
        function: crate::callgraph::names::enclosing_full_name(
            &s.package,
            &s.function,
            &crate::callgraph::names::ReceiverParams::empty(),
        ),
        what: match s.status {
            Status::Resolved => match s.kind {
                CallKind::Call => format!("call of {}", s.target),
                CallKind::Reference => format!("reference to {}", s.target),
            },
            Status::Unresolved => format!(
                "unresolved {}: {}",
                s.target,
                s.reason.as_deref().unwrap_or("")
            ),
        },
    }
}

/// Build the steps of a call migration plan from the sites of `from`.
pub fn plan_calls(
    req: &CallsRequest,
    target: &str,
    sites: &[CallSite],
    imports: &ImportGraph,
) -> CallsPlan {
    let mut by_package: BTreeMap<String, Vec<&CallSite>> = BTreeMap::new();
    for s in sites {
        by_package
            .entry(home(&s.package).to_string())
            .or_default()
            .push(s);
    }
    let packages: BTreeSet<String> = by_package.keys().cloned().collect();
    let deps = dependencies(&packages, imports);
    let order = dependency_order(&deps);
    let size = req.batch_size.max(1);
    let batch_of: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i / size + 1))
        .collect();
    let action = match &req.to {
        Some(to) => format!("Replace each call of {target} below with {to}."),
        None => format!("Remove each call of {target} below."),
    };
    let mut steps = Vec::new();
    let mut escalations = Vec::new();
    for (i, chunk) in order.chunks(size).enumerate() {
        let id = (i + 1).to_string();
        let chunk_sites: Vec<&CallSite> = chunk
            .iter()
            .flat_map(|p| by_package[p].iter().copied())
            .collect();
        let files: BTreeSet<String> = chunk_sites.iter().map(|s| s.file.clone()).collect();
        let list = chunk.join(" ");
        let unresolved: Vec<SiteRef> = chunk_sites
            .iter()
            .filter(|s| s.status == Status::Unresolved)
            .map(|s| site_ref(s))
            .collect();
        if !unresolved.is_empty() {
            escalations.push(Escalation {
                id: format!("E{}", escalations.len() + 1),
                reason: format!("calls goseam could not resolve: each may or may not be a call of {target}; a person decides"),
                sites: unresolved,
                blocks: vec![id.clone()],
            });
        }
        steps.push(Step {
            id: id.clone(),
            title: format!("Batch {id}: {}", chunk.join(", ")),
            action: action.clone(),
            // After the batches of its dependencies only: an escalation in
            // one batch does not hold up batches that do not build on it.
            after: chunk
                .iter()
                .flat_map(|p| deps[p.as_str()].iter().map(|d| batch_of[d]))
                .filter(|b| *b != i + 1)
                .collect::<BTreeSet<usize>>()
                .into_iter()
                .map(|b| b.to_string())
                .collect(),
            packages: chunk.to_vec(),
            files: files.into_iter().collect(),
            sites: chunk_sites.iter().map(|s| site_ref(s)).collect(),
            verify: vec![
                format!("go build {list}"),
                format!("go vet {list}"),
                format!("go test {list}"),
            ],
            gate: Some(Gate {
                description: format!("the batch's packages build and pass their tests with no call of {target} left in them"),
                command: Some(format!("go test {list}")),
            }),
            stop_conditions: vec![
                "a build, vet or test of the batch fails".to_string(),
                format!("a call of {target} remains in the batch's files"),
            ],
            blocked_by: Vec::new(),
        });
    }
    let n = steps.len();
    steps.push(Step {
        id: (n + 1).to_string(),
        title: format!("No call of {target} remains"),
        action: format!(
            "Confirm the migration is complete{}.",
            if req.to.is_some() {
                "; the old function can then be removed"
            } else {
                ""
            }
        ),
        after: (1..=n).map(|b| b.to_string()).collect(),
        packages: Vec::new(),
        files: Vec::new(),
        sites: Vec::new(),
        verify: Vec::new(),
        gate: Some(Gate {
            description: format!("no call site of {target} in the tree"),
            command: Some(format!("goseam check no-calls {target}")),
        }),
        stop_conditions: vec![format!("`goseam check no-calls {target}` exits 1 or 3")],
        blocked_by: Vec::new(),
    });
    let resolved = sites
        .iter()
        .filter(|s| s.status == Status::Resolved)
        .count();
    let summary = vec![
        format!(
            "{} call sites of {target}: {resolved} resolved, {} unresolved",
            sites.len(),
            sites.len() - resolved
        ),
        format!(
            "{} packages in {} batches of up to {size}, dependencies first",
            order.len(),
            n
        ),
    ];
    CallsPlan {
        title: match &req.to {
            Some(to) => format!("Migrate calls of {target} to {to}"),
            None => format!("Remove calls of {target}"),
        },
        summary,
        steps,
        open_questions: Vec::new(),
        escalations,
    }
}
