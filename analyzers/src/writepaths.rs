//! Write paths: for each write of a table (from the tables analyzer), every
//! route from an entry point to it, as the deduplicated graph of its
//! callers (see [`crate::callgraph::query`]).
//!
//! What it finds: the write sites of a table, optionally only those that
//! write a column (inserts and updates that list it; writes whose column
//! list is unknown are kept and marked) or of one kind; for each, its
//! callers to a depth, the entry points they reach (main, init, HTTP
//! handlers, exported API; tests only on request), up to K example paths,
//! and how the routes are known: `call` routes are certain, `interface`
//! routes are class-hierarchy possibilities, `function_value` routes go
//! through a function used as a value.
//!
//! What it cannot do: a write in SQL the tables analyzer could not resolve
//! is not a write site; the report lists production unresolved SQL and is
//! `complete: false` while there is any. A caller whose call could not be
//! resolved is not an edge: calls of the same name that could not be
//! resolved are listed per write (`unresolved_same_name`).

use serde::Serialize;

use goseam_engine::Scan;

use crate::callgraph::names::{enclosing_full_name, ReceiverParams};
use crate::callgraph::query::{callers, NamedSubgraph, Walk};
use crate::callgraph::CallGraph;
use crate::sql::Operation;
use crate::sqluse::Unresolved;
use crate::tables::{TableAccess, TablesReport};

/// Which writes a query is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteOp {
    /// INSERT, upserts, REPLACE, MERGE and COPY.
    Insert,
    /// UPDATE, upserts and MERGE.
    Update,
    /// DELETE and TRUNCATE.
    Delete,
}

impl WriteOp {
    fn matches(self, op: Option<Operation>) -> bool {
        use Operation::*;
        matches!(
            (self, op),
            (
                WriteOp::Insert,
                Some(Insert | Upsert | Replace | Merge | Copy)
            ) | (WriteOp::Update, Some(Update | Upsert | Merge))
                | (WriteOp::Delete, Some(Delete | Truncate))
        )
    }
}

/// A write-paths query.
#[derive(Debug, Clone)]
pub struct WriteQuery {
    pub table: String,
    pub column: Option<String>,
    pub op: Option<WriteOp>,
    pub walk: Walk,
}

/// The routes to one write.
#[derive(Debug, Clone, Serialize)]
pub struct WriteRoutes {
    pub write: TableAccess,
    /// The statement lists no columns (`INSERT INTO t SELECT …`, an ORM
    /// call): it may write the column asked about.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub columns_unknown: bool,
    /// The function the write is in, as the call graph names it.
    pub function: String,
    /// Distinct entry points that reach it.
    pub entry_points: usize,
    pub callers: NamedSubgraph,
}

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct WritePaths {
    pub table: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<WriteOp>,
    pub depth: u32,
    /// False when production SQL could not be resolved (it may write the
    /// table), or a caller graph was cut at the depth limit.
    pub complete: bool,
    /// The table is known to the code or the schema.
    pub known_table: bool,
    /// Sorted by file, line, column.
    pub writes: Vec<WriteRoutes>,
    /// Distinct entry points over all writes.
    pub entry_points: usize,
    /// Production SQL the tables analyzer could not resolve.
    pub unresolved_sql: Vec<Unresolved>,
}

/// Answer a write-paths query.
pub fn write_paths(
    scan: &Scan,
    graph: &CallGraph,
    tables: &TablesReport,
    query: &WriteQuery,
) -> WritePaths {
    let table = tables.tables.iter().find(|t| t.name == query.table);
    let mut writes = Vec::new();
    let mut all_entries = std::collections::BTreeSet::new();
    let mut truncated = false;
    for w in table.map(|t| t.writes.as_slice()).unwrap_or(&[]) {
        if w.test && !query.walk.include_tests {
            continue;
        }
        if let Some(op) = query.op {
            if !op.matches(w.operation) {
                continue;
            }
        }
        let columns_unknown = w.columns.is_empty();
        if let Some(c) = &query.column {
            let deletes = matches!(w.operation, Some(Operation::Delete | Operation::Truncate));
            if deletes && query.op != Some(WriteOp::Delete) {
                continue;
            }
            if !deletes && !columns_unknown && !w.columns.iter().any(|x| x.eq_ignore_ascii_case(c))
            {
                continue;
            }
        }
        let params = ReceiverParams::of_path(scan, &w.file);
        let function = enclosing_full_name(&w.package, &w.function, &params);
        let sub = match graph.id(&function) {
            Some(id) => callers(graph, &[id], &query.walk),
            None => callers(graph, &[], &query.walk),
        };
        truncated |= sub.truncated;
        all_entries.extend(sub.entries.iter().map(|r| r.function));
        writes.push(WriteRoutes {
            write: w.clone(),
            columns_unknown: columns_unknown && query.column.is_some(),
            function,
            entry_points: sub.entries.len(),
            callers: sub.named(graph, &query.walk),
        });
    }
    let unresolved_sql: Vec<Unresolved> = tables
        .unresolved
        .iter()
        .filter(|u| query.walk.include_tests || !u.test)
        .cloned()
        .collect();
    WritePaths {
        table: query.table.clone(),
        column: query.column.clone(),
        op: query.op,
        depth: query.walk.depth,
        complete: unresolved_sql.is_empty() && !truncated,
        known_table: table.is_some(),
        writes,
        entry_points: all_entries.len(),
        unresolved_sql,
    }
}
