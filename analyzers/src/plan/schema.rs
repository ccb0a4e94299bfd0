//! Schema change plans: expand/contract steps in the only safe order.
//!
//! Adding a required column: (1) a migration adds it nullable; (2) every
//! insert path into the table sets it — listed from the tables and
//! write-path analyses, gate `goseam check writes-set T.C`; (3) deploy;
//! (4) backfill, allowed only once gate 2 holds; (5) switch reads; (6)
//! enforce NOT NULL. Renaming and dropping get dual-write, dual-read and
//! contract phases; moving a table to a domain gets a coordination gate per
//! other domain that touches it. On a shared table every plan names all
//! writing domains and asks who approves for each.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::callgraph::names::{enclosing_full_name, ReceiverParams};
use crate::callgraph::query::Walk;
use crate::callgraph::CallGraph;
use crate::plan::{Escalation, Gate, OpenQuestion, SiteRef, Step};
use crate::sql::Operation;
use crate::tables::{Status, TableAccess, TableOwnership, TablesReport};
use crate::writepaths::{write_paths, WriteOp, WriteQuery};

/// The change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum SchemaChange {
    AddColumn { column: String, not_null: bool },
    RenameColumn { from: String, to: String },
    DropColumn { column: String },
    MoveTo { domain: String },
}

/// A schema plan request, with the facts code cannot tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaRequest {
    pub table: String,
    #[serde(flatten)]
    pub change: SchemaChange,
    /// The value (or format of the identifiers) new rows get for an added
    /// column.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub new_value: Option<String>,
    /// The expression existing rows are backfilled with.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub backfill: Option<String>,
    /// `DOMAIN=WHO`: who approves the change for each writing domain of a
    /// shared table (and each domain touching a moved table).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub approvers: Vec<String>,
}

/// The parts of a schema plan (see [`crate::plan::finish`]).
pub struct SchemaPlan {
    pub title: String,
    pub summary: Vec<String>,
    pub steps: Vec<Step>,
    pub open_questions: Vec<OpenQuestion>,
    pub escalations: Vec<Escalation>,
}

fn op_name(op: Option<Operation>) -> String {
    op.map(|o| format!("{o:?}").to_lowercase())
        .unwrap_or_else(|| "access".to_string())
}

/// The call graph's name of the function a site is in (closures belong to
/// their declaration).
fn function_name(package: &str, function: &str) -> String {
    enclosing_full_name(package, function, &ReceiverParams::empty())
}

fn site(a: &TableAccess, note: &str) -> SiteRef {
    let cols = if a.columns.is_empty() {
        String::new()
    } else {
        format!(" ({})", a.columns.join(", "))
    };
    SiteRef {
        file: a.file.clone(),
        line: a.line,
        column: a.column,
        function: function_name(&a.package, &a.function),
        what: format!("{}{cols} [{}]{note}", op_name(a.operation), a.domain),
    }
}

fn is_insert(a: &TableAccess) -> bool {
    matches!(
        a.operation,
        Some(
            Operation::Insert
                | Operation::Upsert
                | Operation::Replace
                | Operation::Merge
                | Operation::Copy
        )
    )
}

fn packages(sites: &[&TableAccess]) -> Vec<String> {
    let set: BTreeSet<String> = sites
        .iter()
        .map(|a| a.package.trim_end_matches("_test").to_string())
        .collect();
    set.into_iter().collect()
}

fn files(sites: &[&TableAccess]) -> Vec<String> {
    let set: BTreeSet<String> = sites.iter().map(|a| a.file.clone()).collect();
    set.into_iter().collect()
}

fn go_commands(packages: &[String]) -> Vec<String> {
    if packages.is_empty() {
        return Vec::new();
    }
    let list = packages.join(" ");
    vec![
        format!("go build {list}"),
        format!("go vet {list}"),
        format!("go test {list}"),
    ]
}

#[allow(clippy::too_many_arguments)]
fn step(
    id: usize,
    title: String,
    action: String,
    after: &[usize],
    sites: &[&TableAccess],
    notes: &dyn Fn(&TableAccess) -> String,
    gate: Option<Gate>,
    stop: Vec<String>,
) -> Step {
    let pkgs = packages(sites);
    Step {
        id: id.to_string(),
        title,
        action,
        after: after.iter().map(|a| a.to_string()).collect(),
        verify: go_commands(&pkgs),
        packages: pkgs,
        files: files(sites),
        sites: sites.iter().map(|a| site(a, &notes(a))).collect(),
        gate,
        stop_conditions: stop,
        blocked_by: Vec::new(),
    }
}

fn gate(description: &str, command: Option<String>) -> Option<Gate> {
    Some(Gate {
        description: description.to_string(),
        command,
    })
}

/// Unresolved production SQL may touch the table: an escalation that
/// blocks `blocks`, when there is any.
fn escalate_unresolved(
    escalations: &mut Vec<Escalation>,
    unresolved: &[SiteRef],
    what: String,
    blocks: &[usize],
) {
    if !unresolved.is_empty() {
        escalations.push(Escalation {
            id: String::new(),
            reason: format!("production SQL goseam could not resolve: it may {what}"),
            sites: unresolved.to_vec(),
            blocks: blocks.iter().map(|b| b.to_string()).collect(),
        });
    }
}

/// Build the steps of a schema plan.
pub fn plan_schema(
    scan: &goseam_engine::Scan,
    tables: &TablesReport,
    graph: &CallGraph,
    req: &SchemaRequest,
) -> Result<SchemaPlan, String> {
    let t: &TableOwnership = tables.tables.iter().find(|t| t.name == req.table).ok_or_else(|| {
        let known: Vec<&str> = tables.tables.iter().map(|t| t.name.as_str()).collect();
        format!(
            "table {:?} is not accessed in the code nor created by the migrations; known tables: {}",
            req.table,
            known.join(", ")
        )
    })?;
    let tt = &req.table;
    let production = |a: &&TableAccess| !a.test;
    let writes: Vec<&TableAccess> = t.writes.iter().filter(production).collect();
    let reads: Vec<&TableAccess> = t.reads.iter().filter(production).collect();
    let inserts: Vec<&TableAccess> = writes.iter().copied().filter(|a| is_insert(a)).collect();

    // Entry points per insert site, from the write paths.
    let paths = write_paths(
        scan,
        graph,
        tables,
        &WriteQuery {
            table: req.table.clone(),
            column: None,
            op: Some(WriteOp::Insert),
            walk: Walk::default(),
        },
    );
    let entry_note = |a: &TableAccess| {
        paths
            .writes
            .iter()
            .find(|w| {
                w.write.file == a.file && w.write.line == a.line && w.write.column == a.column
            })
            .map(|w| {
                let names: Vec<String> = w
                    .callers
                    .entries
                    .iter()
                    .map(|e| e.function.clone())
                    .collect();
                format!(
                    " — reached from {} entry points: {}",
                    w.entry_points,
                    names.join(", ")
                )
            })
            .unwrap_or_default()
    };
    let none = |_: &TableAccess| String::new();

    let mut summary = vec![
        format!(
            "table {tt}: {} ({} production writes, {} production reads)",
            t.status.as_str(),
            writes.len(),
            reads.len()
        ),
        format!(
            "writing domains: {}",
            if t.writing_domains.is_empty() {
                "none".to_string()
            } else {
                t.writing_domains.join(", ")
            }
        ),
    ];
    if let Some(cols) = &t.columns {
        summary.push(format!("columns in the schema: {}", cols.join(", ")));
    }
    let mut questions: Vec<OpenQuestion> = Vec::new();
    let mut escalations: Vec<Escalation> = Vec::new();
    // One question per flag: a domain asked to approve a shared table is
    // not asked again for the same approval elsewhere in the plan; the
    // steps it blocks are added to the first question.
    let mut ask = |question: String, flag: String, blocks: Vec<usize>| {
        let blocks = blocks.iter().map(|b| b.to_string());
        match questions.iter_mut().find(|q| q.flag == flag) {
            Some(q) => {
                q.blocks.extend(blocks);
                q.blocks
                    .sort_by_key(|b| b.parse::<usize>().unwrap_or(usize::MAX));
                q.blocks.dedup();
            }
            None => questions.push(OpenQuestion {
                id: String::new(),
                question,
                flag,
                blocks: blocks.collect(),
            }),
        }
    };

    // Approvals: every writing domain of a shared table (every other domain
    // touching a moved table is asked below).
    let approver = |d: &str| {
        req.approvers.iter().find_map(|a| {
            a.split_once('=')
                .filter(|(k, _)| *k == d)
                .map(|(_, v)| v.to_string())
        })
    };
    let shared = t.status == Status::Shared;
    if shared {
        summary.push(format!(
            "{tt} is shared: {} write it; each must approve and take part",
            t.writing_domains.join(", ")
        ));
        for d in &t.writing_domains {
            match approver(d) {
                Some(who) => summary.push(format!("approver for {d}: {who}")),
                None => ask(
                    format!("Who approves this change of the shared table {tt} for domain {d}, which writes it?"),
                    format!("--approver {d}=NAME"),
                    vec![1],
                ),
            }
        }
    }

    // Unresolved SQL could be a further writer.
    let unresolved: Vec<SiteRef> = tables
        .unresolved
        .iter()
        .filter(|u| !u.test)
        .map(|u| SiteRef {
            file: u.file.clone(),
            line: u.line,
            column: u.column,
            function: function_name(&u.package, &u.function),
            what: format!("unresolved SQL: {}", u.reason),
        })
        .collect();

    let mut steps = Vec::new();
    let title;
    match &req.change {
        SchemaChange::AddColumn {
            column: c,
            not_null,
        } => {
            title = format!(
                "Add column {c} to {tt}{}",
                if *not_null { " (NOT NULL)" } else { "" }
            );
            if t.columns
                .as_ref()
                .is_some_and(|cols| cols.iter().any(|x| x.eq_ignore_ascii_case(c)))
            {
                return Err(format!("{tt} already has a column {c} in the schema"));
            }
            let writes_set = format!("goseam check writes-set {tt}.{c}");
            steps.push(step(1, format!("Add {c} to {tt}, nullable"),
                format!("Write a migration that adds {c} to {tt} as a nullable column (no default that rewrites the table). Nothing reads or writes it yet."),
                &[], &[], &none, None,
                vec!["the migration fails, or locks the table longer than allowed".to_string()]));
            let unknown_cols: Vec<&TableAccess> = inserts
                .iter()
                .copied()
                .filter(|a| a.columns.is_empty())
                .collect();
            steps.push(step(2, format!("Every insert path into {tt} sets {c}"),
                format!("Change each insert below (and the code paths that reach it) to write {c}: {}.",
                    req.new_value.as_deref().map(|v| format!("new rows get {v}")).unwrap_or_else(|| "the value new rows get is an open question".to_string())),
                &[1], &inserts, &entry_note,
                gate(&format!("every insert and upsert into {tt} provides {c}"), Some(writes_set.clone())),
                vec![format!("`{writes_set}` exits 1 (an insert without {c}) or 3 (undecidable)"), "a test of the listed packages fails".to_string()]));
            if req.new_value.is_none() {
                ask(format!("What value do new rows of {tt} get for {c} (for an identifier: its format)? goseam cannot know it from the code."),
                    "--new-value VALUE".to_string(), vec![2]);
            }
            if !unknown_cols.is_empty() {
                escalations.push(Escalation { id: String::new(),
                    reason: format!("inserts into {tt} whose column list goseam cannot see: they may or may not set {c}"),
                    sites: unknown_cols.iter().map(|a| site(a, "")).collect(), blocks: vec!["2".to_string()] });
            }
            steps.push(step(3, "Deploy the code of step 2".to_string(),
                format!("Deploy every service that contains an insert path into {tt}, so that no running code inserts without {c}."),
                &[2], &[], &none,
                gate("every running instance runs the code of step 2", None),
                vec!["any instance still runs older code".to_string()]));
            steps.push(step(4, format!("Backfill {c}"),
                match &req.backfill {
                    Some(e) => format!("UPDATE {tt} SET {c} = {e} WHERE {c} IS NULL, in batches. Allowed only once the gate of step 2 holds and step 3 is deployed."),
                    None => format!("Backfill existing rows of {tt} (the expression is an open question). Allowed only once the gate of step 2 holds and step 3 is deployed."),
                },
                &[3], &[], &none,
                gate(&format!("no row of {tt} has {c} NULL, and inserts still set it"), Some(writes_set.clone())),
                vec![format!("`{writes_set}` no longer exits 0"), format!("rows with {c} NULL remain after the backfill")]));
            if req.backfill.is_none() {
                ask(
                    format!("What are existing rows of {tt} backfilled with for {c}?"),
                    "--backfill EXPR".to_string(),
                    vec![4],
                );
            }
            steps.push(step(
                5,
                format!("Switch reads of {tt} to use {c}"),
                format!("Change the reads below that need {c}."),
                &[4],
                &reads,
                &none,
                None,
                vec!["a test of the listed packages fails".to_string()],
            ));
            if *not_null {
                steps.push(step(
                    6,
                    format!("Enforce NOT NULL on {tt}.{c}"),
                    format!("Write a migration: ALTER TABLE {tt} ALTER COLUMN {c} SET NOT NULL."),
                    &[4, 5],
                    &[],
                    &none,
                    gate(
                        &format!("no row of {tt} has {c} NULL, and every insert sets it"),
                        Some(writes_set),
                    ),
                    vec!["the migration fails".to_string()],
                ));
            }
            escalate_unresolved(
                &mut escalations,
                &unresolved,
                format!("insert into {tt} without {c}"),
                &[2],
            );
        }
        SchemaChange::RenameColumn { from: a, to: b } => {
            title = format!("Rename {tt}.{a} to {b}");
            let writing_a: Vec<&TableAccess> = writes
                .iter()
                .copied()
                .filter(|w| {
                    w.columns.is_empty() || w.columns.iter().any(|x| x.eq_ignore_ascii_case(a))
                })
                .collect();
            steps.push(step(
                1,
                format!("Add {b} to {tt}, nullable"),
                format!("Migration: add {b} beside {a}."),
                &[],
                &[],
                &none,
                None,
                vec!["the migration fails".to_string()],
            ));
            steps.push(step(
                2,
                format!("Dual-write {a} and {b}"),
                format!("Every write below that writes {a} also writes {b} with the same value."),
                &[1],
                &writing_a,
                &entry_note,
                gate(
                    &format!("every insert into {tt} provides {b}"),
                    Some(format!("goseam check writes-set {tt}.{b}")),
                ),
                vec!["a write sets one column and not the other".to_string()],
            ));
            steps.push(step(
                3,
                "Deploy the dual writes".to_string(),
                "Deploy every service of step 2.".to_string(),
                &[2],
                &[],
                &none,
                gate("every running instance dual-writes", None),
                vec![],
            ));
            steps.push(step(
                4,
                format!("Backfill {b} from {a}"),
                format!("UPDATE {tt} SET {b} = {a} WHERE {b} IS NULL, in batches."),
                &[3],
                &[],
                &none,
                gate(
                    &format!("no row of {tt} has {b} NULL where {a} is not NULL"),
                    None,
                ),
                vec![format!("rows with {b} NULL remain")],
            ));
            steps.push(step(
                5,
                format!("Dual-read: read {b} instead of {a}"),
                format!("Switch the reads below from {a} to {b}, then deploy. Both columns stay written (step 2) while old and new instances run side by side."),
                &[4],
                &reads,
                &none,
                // Contracting before every instance reads the new column
                // breaks the instances still reading the old one.
                gate(&format!("every running instance reads {b}, none reads {a}"), None),
                vec![],
            ));
            steps.push(step(
                6,
                format!("Stop writing {a}"),
                format!("Contract: remove {a} from the writes of step 2, then deploy."),
                &[5],
                &writing_a,
                &none,
                gate(&format!("no running instance writes {a}"), None),
                vec![],
            ));
            steps.push(step(
                7,
                format!("Drop {tt}.{a}"),
                format!("Migration: drop {a}."),
                &[6],
                &[],
                &none,
                None,
                vec!["the migration fails".to_string()],
            ));
            escalate_unresolved(
                &mut escalations,
                &unresolved,
                format!("read or write {tt}.{a}"),
                &[2, 6],
            );
        }
        SchemaChange::DropColumn { column: c } => {
            title = format!("Drop {tt}.{c}");
            let writing: Vec<&TableAccess> = writes
                .iter()
                .copied()
                .filter(|w| w.columns.iter().any(|x| x.eq_ignore_ascii_case(c)))
                .collect();
            steps.push(step(1, format!("Stop reading {c}"), format!("goseam lists reads of {tt}, not the columns each selects: check every read below for {c}."), &[], &reads, &none, None, vec![]));
            steps.push(step(
                2,
                format!("Stop writing {c}"),
                format!("Remove {c} from the writes below. If {c} is NOT NULL without a default, a migration first drops the constraint (or adds a default), or these writes fail."),
                &[1],
                &writing,
                &entry_note,
                None,
                vec![],
            ));
            steps.push(step(
                3,
                "Deploy".to_string(),
                "Deploy every service of steps 1 and 2.".to_string(),
                &[2],
                &[],
                &none,
                gate(
                    "every running instance runs the code of steps 1 and 2",
                    None,
                ),
                vec![],
            ));
            steps.push(step(
                4,
                format!("Drop {tt}.{c}"),
                format!("Migration: drop {c}."),
                &[3],
                &[],
                &none,
                None,
                vec!["the migration fails".to_string()],
            ));
            escalate_unresolved(&mut escalations, &unresolved, format!("use {tt}.{c}"), &[4]);
        }
        SchemaChange::MoveTo { domain } => {
            title = format!("Move {tt} to domain {domain}");
            let others: BTreeSet<&str> = writes
                .iter()
                .chain(reads.iter())
                .map(|a| a.domain.as_str())
                .filter(|d| d != domain)
                .collect();
            let mut n = 0;
            for d in &others {
                n += 1;
                let theirs: Vec<&TableAccess> = writes
                    .iter()
                    .chain(reads.iter())
                    .copied()
                    .filter(|a| a.domain == *d)
                    .collect();
                steps.push(step(
                    n,
                    format!("Coordinate with {d}"),
                    format!(
                        "{d} reads or writes {tt}: route those accesses through {domain}'s API."
                    ),
                    &[],
                    &theirs,
                    &none,
                    gate(
                        &format!("{d} agrees and no longer accesses {tt} directly"),
                        None,
                    ),
                    vec![],
                ));
                if approver(d).is_none() {
                    ask(
                        format!(
                            "Who approves moving {tt} to {domain} for domain {d}, which uses it?"
                        ),
                        format!("--approver {d}=NAME"),
                        vec![n],
                    );
                }
            }
            let after: Vec<usize> = (1..=n).collect();
            n += 1;
            steps.push(step(
                n,
                format!("{domain} owns {tt}"),
                format!("Only {domain} writes {tt}."),
                &after,
                &[],
                &none,
                gate(
                    &format!("{domain} is the only writer of {tt}"),
                    Some(format!("goseam check only-writer {tt} {domain}")),
                ),
                vec![],
            ));
            escalate_unresolved(&mut escalations, &unresolved, format!("access {tt}"), &[n]);
        }
    }
    for (i, q) in questions.iter_mut().enumerate() {
        q.id = format!("Q{}", i + 1);
    }
    for (i, e) in escalations.iter_mut().enumerate() {
        e.id = format!("E{}", i + 1);
    }
    Ok(SchemaPlan {
        title,
        summary,
        steps,
        open_questions: questions,
        escalations,
    })
}
