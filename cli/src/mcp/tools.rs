//! The tools: each one's input (a JSON Schema derived from its argument
//! struct), and how it answers from a root's index. Every answer is one
//! JSON document (structured content) with its main list paginated, plus a
//! one-line summary for the agent to read first. Answers depend only on the
//! tree and the arguments: no timings, paths relative to the root with `/`.

use goseam_analyzers::callgraph::query::{callees, callers, find_functions, Walk};
use goseam_analyzers::callsites::{
    find_call_sites, resolve_short, CallSiteOptions, Status, Target,
};
use goseam_analyzers::check::{self, Baseline, CheckResult, CycleLevel, Verdict};
use goseam_analyzers::plan::calls::CallsRequest;
use goseam_analyzers::plan::schema::{SchemaChange, SchemaRequest};
use goseam_analyzers::plan::{compute, Request};
use goseam_analyzers::writepaths::{write_paths, WriteOp, WriteQuery};
use goseam_engine::{ScanSummary, SummaryOptions};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::confine::{under, Root};
use super::index::{Index, IndexCache};
use super::page::Page;

/// What a tool answers: structured content and a short summary.
pub struct Answer {
    pub summary: String,
    pub structured: Value,
}

/// Why a tool gave no answer.
#[derive(Debug)]
pub enum ToolError {
    /// No tool of that name (a protocol error: the agent's client is off).
    Unknown(String),
    /// Bad arguments, a refused path, or an analysis that could not run:
    /// reported to the agent as a tool error it can act on.
    Failed(String),
}

impl From<String> for ToolError {
    fn from(message: String) -> Self {
        ToolError::Failed(message)
    }
}

/// A tool as `tools/list` shows it.
pub struct ToolSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub schema: fn() -> schemars::Schema,
}

macro_rules! spec {
    ($name:literal, $title:literal, $args:ty, $description:literal) => {
        ToolSpec {
            name: $name,
            title: $title,
            description: $description,
            schema: || schemars::schema_for!($args),
        }
    };
}

/// Every tool, in the order `tools/list` gives them.
pub fn specs() -> Vec<ToolSpec> {
    vec![
        spec!("list_analyzers", "List analyzers", ListAnalyzersArgs,
            "The registered analyzers with their documentation and what each requires. Paginates `analyzers`."),
        spec!("scan_summary", "Scan summary", ScanSummaryArgs,
            "Summary of a root: modules, packages, files by kind, lines, declarations, parse errors, skipped files. Paginates `packages`."),
        spec!("find_callsites", "Find call sites", FindCallsitesArgs,
            "Every call of, and reference to, functions or methods (go/types spelling: `fmt.Sprintf`, `(*net/http.Client).Do`; short forms like `db.WithTx` are looked up), resolved from source; unresolved sites carry the reason. Paginates `sites`."),
        spec!("sql_sites", "SQL use sites", SqlSitesArgs,
            "Every SQL use site: the statement's operation, tables and columns, the enclosing function; unresolved dynamic SQL with reasons; unused SQL constants. Paginates `sites`."),
        spec!("table_ownership", "Table ownership", TableOwnershipArgs,
            "Which domains read and write each table, its owner, and whether it is shared; tables missing from the schema or never accessed; unresolved SQL that makes the report incomplete. Paginates `tables`."),
        spec!("write_paths", "Write paths", WritePathsArgs,
            "Every write of a table (optionally one column or operation) with the call paths from entry points (HTTP handlers, main, consumers) that reach it. Paginates `writes`."),
        spec!("callers", "Callers", CallGraphArgs,
            "The functions that call a function, transitively up to a depth, with the entry points reached and example paths. Interface dispatch is class-hierarchy analysis: possible, not certain, routes. Paginates `edges`."),
        spec!("callees", "Callees", CallGraphArgs,
            "The functions a function calls, transitively up to a depth, including calls through interfaces and function values and calls whose callee is unknown. Paginates `edges`."),
        spec!("package_deps", "Package dependencies", PackageDepsArgs,
            "The package import graph with its cycles (level `package`), or the domain graph with coupling, cross-domain calls and an extraction order (level `domain`). Paginates the graph's `edges`."),
        spec!("plan_call_migration", "Plan a call migration", PlanCallsArgs,
            "A deterministic plan to migrate (or remove) every call of a function: batches of packages, dependencies first; unresolved sites are escalated. `blocked` is true when it has open questions or escalations. Paginates `steps`."),
        spec!("plan_schema_change", "Plan a schema change", PlanSchemaArgs,
            "A deterministic expand/contract plan for adding, renaming or dropping a column or moving a table to a domain, with gates between steps; facts code cannot tell are open questions. Paginates `steps`."),
        spec!("check_invariant", "Check an invariant", CheckInvariantArgs,
            "A gate between migration steps: writes_set, only_writer, no_new_writers, no_calls or no_cycles. The verdict is holds, violated, or undecidable (unresolved items could hide a violation). Paginates `violations`."),
    ]
}

/// Run a tool. Blocking: analysis runs on the caller's thread.
pub fn call(
    cache: &IndexCache,
    name: &str,
    args: serde_json::Map<String, Value>,
) -> Result<Answer, ToolError> {
    let args = Value::Object(args);
    match name {
        "list_analyzers" => list_analyzers(parse(name, args)?),
        "scan_summary" => with_index(cache, parse::<ScanSummaryArgs>(name, args)?, scan_summary),
        "find_callsites" => with_index(
            cache,
            parse::<FindCallsitesArgs>(name, args)?,
            find_callsites,
        ),
        "sql_sites" => with_index(cache, parse::<SqlSitesArgs>(name, args)?, sql_sites),
        "table_ownership" => with_index(
            cache,
            parse::<TableOwnershipArgs>(name, args)?,
            table_ownership,
        ),
        "write_paths" => with_index(
            cache,
            parse::<WritePathsArgs>(name, args)?,
            write_paths_tool,
        ),
        "callers" => with_index(cache, parse::<CallGraphArgs>(name, args)?, |i, a| {
            call_graph(i, a, true)
        }),
        "callees" => with_index(cache, parse::<CallGraphArgs>(name, args)?, |i, a| {
            call_graph(i, a, false)
        }),
        "package_deps" => with_index(cache, parse::<PackageDepsArgs>(name, args)?, package_deps),
        "plan_call_migration" => with_index(cache, parse::<PlanCallsArgs>(name, args)?, plan_calls),
        "plan_schema_change" => {
            with_index(cache, parse::<PlanSchemaArgs>(name, args)?, plan_schema)
        }
        "check_invariant" => with_index(
            cache,
            parse::<CheckInvariantArgs>(name, args)?,
            check_invariant,
        ),
        _ => Err(ToolError::Unknown(name.to_string())),
    }
}

fn parse<T: DeserializeOwned>(tool: &str, args: Value) -> Result<T, ToolError> {
    serde_json::from_value(args)
        .map_err(|e| ToolError::Failed(format!("invalid arguments for {tool}: {e}")))
}

/// Arguments every tool over a tree takes.
trait OnRoot {
    fn root(&self) -> Option<&str>;
}

/// Select the root (confined), bring its index up to date, run the tool.
fn with_index<A: OnRoot>(
    cache: &IndexCache,
    args: A,
    tool: impl FnOnce(&Index, A) -> Result<Answer, String>,
) -> Result<Answer, ToolError> {
    let root = cache.roots().select(args.root())?.clone();
    let index = cache.index(&root)?;
    Ok(tool(&index, args)?)
}

fn to_value<T: Serialize>(value: &T) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|e| format!("internal error: serializing the result: {e}"))
}

/// The `root` argument, documented once.
macro_rules! root_args {
    ($($ty:ty),*) => {$(
        impl OnRoot for $ty {
            fn root(&self) -> Option<&str> {
                self.root.as_deref()
            }
        }
    )*};
}

root_args!(
    ScanSummaryArgs,
    FindCallsitesArgs,
    SqlSitesArgs,
    TableOwnershipArgs,
    WritePathsArgs,
    CallGraphArgs,
    PackageDepsArgs,
    PlanCallsArgs,
    PlanSchemaArgs,
    CheckInvariantArgs
);

fn yes() -> bool {
    true
}

fn depth16() -> u32 {
    16
}

fn examples5() -> usize {
    5
}

fn one() -> usize {
    1
}

// ---- list_analyzers ----------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListAnalyzersArgs {
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn list_analyzers(args: ListAnalyzersArgs) -> Result<Answer, ToolError> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    let analyzers: Vec<Value> = goseam_analyzers::registry()
        .into_iter()
        .map(|a| {
            let mut requires: Vec<&'static str> = a.requires().iter().map(|r| r.name()).collect();
            requires.sort();
            json!({
                "name": a.name(),
                "title": goseam_analyzers::analysis::doc_title(a.doc()),
                "doc": a.doc(),
                "requires": requires,
            })
        })
        .collect();
    let names: Vec<&str> = analyzers
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    let summary = format!("{} analyzers: {}", names.len(), names.join(", "));
    let mut doc = json!({ "analyzers": analyzers });
    page.apply(&mut doc, "/analyzers")?;
    Ok(Answer {
        summary,
        structured: doc,
    })
}

// ---- scan_summary ------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanSummaryArgs {
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn scan_summary(index: &Index, args: ScanSummaryArgs) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    let s = ScanSummary::new(&index.scan, SummaryOptions::default());
    let summary = format!(
        "root {}: {} modules, {} packages, {} files, {} lines",
        index.root.name,
        s.modules.len(),
        s.totals.packages,
        s.totals.files,
        s.totals.lines
    );
    let mut doc = to_value(&s)?;
    page.apply(&mut doc, "/packages")?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}

/// Name the root an answer is about.
fn with_root(mut doc: Value, root: &Root) -> Value {
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("root".to_string(), Value::from(root.name.clone()));
    }
    doc
}

// ---- find_callsites ----------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindCallsitesArgs {
    /// Functions or methods in go/types spelling (`fmt.Sprintf`,
    /// `(*net/http.Client).Do`, `(io.Writer).Write`) or a short form that
    /// names one (`db.WithTx`, `sqlx.DB.MustBegin`).
    pub targets: Vec<String>,
    /// Only sites in this file or directory (relative to the root).
    pub path: Option<String>,
    /// Sites in _test.go files too (default true).
    #[serde(default = "yes")]
    pub include_tests: bool,
    /// Unresolved sites, with reasons (default true).
    #[serde(default = "yes")]
    pub include_unresolved: bool,
    /// Sites in vendor/ too (default false).
    #[serde(default)]
    pub include_vendor: bool,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn find_callsites(index: &Index, args: FindCallsitesArgs) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    if args.targets.is_empty() {
        return Err("targets: give at least one function or method".to_string());
    }
    let prefix = path_filter(&index.root, args.path.as_deref())?;
    let parsed = args
        .targets
        .iter()
        .map(|t| Target::parse(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("bad target {e}"))?;
    let prepared = index.prepared()?;
    let targets = resolve_short(prepared, parsed)?;
    let mut report = find_call_sites(
        prepared,
        &targets,
        CallSiteOptions {
            include_tests: args.include_tests,
            include_unresolved: args.include_unresolved,
            include_vendor: args.include_vendor,
        },
    );
    report.sites.retain(|s| under(&s.file, &prefix));
    let unresolved = report
        .sites
        .iter()
        .filter(|s| s.status == Status::Unresolved)
        .count();
    let names: Vec<String> = targets.iter().map(|t| t.full_name()).collect();
    let summary = format!(
        "{} sites ({} resolved, {unresolved} unresolved) of {}",
        report.sites.len(),
        report.sites.len() - unresolved,
        names.join(", ")
    );
    let mut doc = json!({
        "targets": names,
        "resolved": report.sites.len() - unresolved,
        "unresolved": unresolved,
        "sites": to_value(&report.sites)?,
    });
    page.apply(&mut doc, "/sites")?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}

/// A `path` argument as a confined root-relative prefix ("" for none).
fn path_filter(root: &Root, path: Option<&str>) -> Result<String, String> {
    match path {
        None => Ok(String::new()),
        Some(p) => root.relative(p),
    }
}

// ---- sql_sites ---------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SqlSitesArgs {
    /// Only sites in this file or directory (relative to the root).
    pub path: Option<String>,
    /// Sites in _test.go files too (default true).
    #[serde(default = "yes")]
    pub include_tests: bool,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn sql_sites(index: &Index, args: SqlSitesArgs) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    let prefix = path_filter(&index.root, args.path.as_deref())?;
    let mut report = index.sql()?.clone();
    report
        .sites
        .retain(|s| (args.include_tests || !s.test) && under(&s.file, &prefix));
    report
        .unresolved
        .retain(|u| (args.include_tests || !u.test) && under(&u.file, &prefix));
    report.unused_constants.retain(|c| under(&c.file, &prefix));
    let summary = format!(
        "{} SQL sites, {} unresolved, {} unused constants",
        report.sites.len(),
        report.unresolved.len(),
        report.unused_constants.len()
    );
    let mut doc = to_value(&report)?;
    page.apply(&mut doc, "/sites")?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}

// ---- table_ownership ---------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableOwnershipArgs {
    /// Only this table (exact name, else case-insensitive when unambiguous).
    pub table: Option<String>,
    /// Test code's reads and writes too (default true; status never counts them).
    #[serde(default = "yes")]
    pub include_tests: bool,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn table_ownership(index: &Index, args: TableOwnershipArgs) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    let full = index.tables()?;
    let mut report = full.clone();
    if let Some(name) = &args.table {
        let Some(table) = check::find_table(full, name) else {
            let known: Vec<&str> = full.tables.iter().map(|t| t.name.as_str()).collect();
            return Err(format!(
                "no table {name:?} in the code or the schema; known tables: {}",
                known.join(", ")
            ));
        };
        report.tables = vec![table.clone()];
    }
    if !args.include_tests {
        for t in &mut report.tables {
            t.reads.retain(|a| !a.test);
            t.writes.retain(|a| !a.test);
        }
        report.unresolved.retain(|u| !u.test);
    }
    let shared: Vec<&str> = report
        .tables
        .iter()
        .filter(|t| t.status.as_str() == "shared")
        .map(|t| t.name.as_str())
        .collect();
    let summary = format!(
        "{} tables, {} shared{}{}",
        report.tables.len(),
        shared.len(),
        if shared.is_empty() {
            String::new()
        } else {
            format!(" ({})", shared.join(", "))
        },
        if report.complete {
            ""
        } else {
            "; incomplete: unresolved SQL could touch any table"
        }
    );
    let mut doc = to_value(&report)?;
    page.apply(&mut doc, "/tables")?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}

// ---- write_paths -------------------------------------------------------

/// A kind of write.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WriteOpArg {
    Insert,
    Update,
    Delete,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WritePathsArgs {
    /// The table.
    pub table: String,
    /// Only writes that may set this column.
    pub column: Option<String>,
    /// Only this kind of write.
    pub op: Option<WriteOpArg>,
    /// Follow calls at most this many levels (default 16).
    #[serde(default = "depth16")]
    pub depth: u32,
    /// Walk through test functions and count tests as entry points (default false).
    #[serde(default)]
    pub include_tests: bool,
    /// Example paths per write (default 5).
    #[serde(default = "examples5")]
    pub examples: usize,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn write_paths_tool(index: &Index, args: WritePathsArgs) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    let tables = index.tables()?;
    let graph = index.graph()?;
    let query = WriteQuery {
        table: args.table.clone(),
        column: args.column.clone(),
        op: args.op.map(|o| match o {
            WriteOpArg::Insert => WriteOp::Insert,
            WriteOpArg::Update => WriteOp::Update,
            WriteOpArg::Delete => WriteOp::Delete,
        }),
        walk: Walk {
            depth: args.depth,
            include_tests: args.include_tests,
            examples: args.examples,
        },
    };
    let report = write_paths(&index.scan, graph, tables, &query);
    if !report.known_table {
        let mut known: Vec<&str> = tables.tables.iter().map(|t| t.name.as_str()).collect();
        known.sort_unstable();
        return Err(format!(
            "table {:?} is not accessed in the code nor created by the migrations; known tables: {}",
            report.table,
            known.join(", ")
        ));
    }
    let summary = format!(
        "{} write sites of {}, {} distinct entry points{}",
        report.writes.len(),
        report.table,
        report.entry_points,
        if report.complete { "" } else { " (incomplete)" }
    );
    let mut doc = to_value(&report)?;
    page.apply(&mut doc, "/writes")?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}

// ---- callers / callees -------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CallGraphArgs {
    /// The function or method (`pkg.F`, `(*pkg.T).M`, or a short form).
    pub target: String,
    /// Follow calls at most this many levels (default 16).
    #[serde(default = "depth16")]
    pub depth: u32,
    /// Walk through test functions and count tests as entry points (default false).
    #[serde(default)]
    pub include_tests: bool,
    /// Example paths to keep (default 5).
    #[serde(default = "examples5")]
    pub examples: usize,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn call_graph(index: &Index, args: CallGraphArgs, up: bool) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    let graph = index.graph()?;
    let walk = Walk {
        depth: args.depth,
        include_tests: args.include_tests,
        examples: args.examples,
    };
    let ids = find_functions(graph, &args.target)?;
    let sub = if up {
        callers(graph, &ids, &walk)
    } else {
        callees(graph, &ids, &walk)
    }
    .named(graph, &walk);
    let summary = format!(
        "{} of {}: {} functions, {} edges{}",
        if up { "callers" } else { "callees" },
        sub.roots.join(", "),
        sub.nodes.len().saturating_sub(sub.roots.len()),
        sub.edges.len(),
        if up {
            format!(", {} entry points reached", sub.entries.len())
        } else {
            String::new()
        }
    );
    let mut doc = to_value(&sub)?;
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("target".to_string(), Value::from(args.target.clone()));
    }
    page.apply(&mut doc, "/edges")?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}

// ---- package_deps ------------------------------------------------------

/// Which graph.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LevelArg {
    #[default]
    Package,
    Domain,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackageDepsArgs {
    /// `package` (the import graph, default) or `domain`.
    #[serde(default)]
    pub level: LevelArg,
    /// Test-only imports and external test packages too (default false).
    #[serde(default)]
    pub include_tests: bool,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn package_deps(index: &Index, args: PackageDepsArgs) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    let mut report = index.deps()?.clone();
    if !args.include_tests {
        report.without_tests();
    }
    let (summary, mut doc, pointer) = match args.level {
        LevelArg::Package => {
            let g = &report.package_graph;
            (
                format!(
                    "{} packages, {} import edges, {} cycles",
                    g.packages.len(),
                    g.edges.len(),
                    g.cycles.len()
                ),
                json!({
                    "domain_source": to_value(&report.domain_source)?,
                    "domain_warnings": to_value(&report.domain_warnings)?,
                    "package_graph": to_value(g)?,
                }),
                "/package_graph/edges",
            )
        }
        LevelArg::Domain => {
            let g = &report.domain_graph;
            (
                format!(
                    "{} domains, {} dependency edges, {} cycles",
                    g.domains.len(),
                    g.edges.len(),
                    g.cycles.len()
                ),
                json!({
                    "domain_source": to_value(&report.domain_source)?,
                    "domain_warnings": to_value(&report.domain_warnings)?,
                    "tables_complete": report.tables_complete,
                    "domain_graph": to_value(g)?,
                    "extraction_order": to_value(&report.extraction_order)?,
                }),
                "/domain_graph/edges",
            )
        }
    };
    page.apply(&mut doc, pointer)?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}

// ---- plans -------------------------------------------------------------

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanCallsArgs {
    /// The function whose calls migrate, in the call-site target syntax.
    pub from: String,
    /// Its replacement, if any (omit to plan removing the calls).
    pub to: Option<String>,
    /// Packages per batch (default 1).
    #[serde(default = "one")]
    pub batch_size: usize,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn plan_calls(index: &Index, args: PlanCallsArgs) -> Result<Answer, String> {
    if args.batch_size == 0 {
        return Err("batch_size must be at least 1".to_string());
    }
    let request = Request::Calls(CallsRequest {
        from: args.from,
        to: args.to,
        batch_size: args.batch_size,
    });
    plan(
        index,
        &request,
        Page::new(args.limit, args.cursor.as_deref())?,
    )
}

/// The change a schema plan is for.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SchemaChangeArg {
    /// Add a column.
    AddColumn {
        column: String,
        /// The column is NOT NULL once the plan is done (default false).
        #[serde(default)]
        not_null: bool,
    },
    /// Rename a column.
    RenameColumn { from: String, to: String },
    /// Drop a column.
    DropColumn { column: String },
    /// Move the table to a domain.
    MoveTo { domain: String },
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSchemaArgs {
    /// The table.
    pub table: String,
    /// The change, e.g. `{"kind": "add_column", "column": "currency"}`.
    pub change: SchemaChangeArg,
    /// The value new rows get for an added column.
    pub new_value: Option<String>,
    /// The expression existing rows are backfilled with.
    pub backfill: Option<String>,
    /// `DOMAIN=NAME`: who approves the change for each domain involved.
    #[serde(default)]
    pub approvers: Vec<String>,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn plan_schema(index: &Index, args: PlanSchemaArgs) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    for a in &args.approvers {
        if !a
            .split_once('=')
            .is_some_and(|(d, n)| !d.is_empty() && !n.is_empty())
        {
            return Err(format!("approvers: want DOMAIN=NAME, got {a:?}"));
        }
    }
    let change = match args.change {
        SchemaChangeArg::AddColumn { column, not_null } => {
            SchemaChange::AddColumn { column, not_null }
        }
        SchemaChangeArg::RenameColumn { from, to } => SchemaChange::RenameColumn { from, to },
        SchemaChangeArg::DropColumn { column } => SchemaChange::DropColumn { column },
        SchemaChangeArg::MoveTo { domain } => SchemaChange::MoveTo { domain },
    };
    let request = Request::Schema(SchemaRequest {
        table: args.table,
        change,
        new_value: args.new_value,
        backfill: args.backfill,
        approvers: args.approvers,
    });
    plan(index, &request, page)
}

fn plan(index: &Index, request: &Request, page: Page) -> Result<Answer, String> {
    let plan = compute(
        &index.scan,
        index.pass_options(),
        index.config_path.as_deref(),
        request,
    )?;
    let blocked = plan.is_blocked();
    let summary = format!(
        "{}: {} steps, {} open questions, {} escalations{}",
        plan.title,
        plan.steps.len(),
        plan.open_questions.len(),
        plan.escalations.len(),
        if blocked { " (blocked)" } else { "" }
    );
    let mut doc = to_value(&plan)?;
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("blocked".to_string(), Value::from(blocked));
    }
    page.apply(&mut doc, "/steps")?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}

// ---- check_invariant ---------------------------------------------------

/// The invariant to check.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum InvariantArg {
    /// Every insert-like write of the table lists the column.
    WritesSet {
        /// `TABLE.COLUMN`.
        target: String,
        /// Test code's writes too (default false).
        #[serde(default)]
        include_tests: bool,
    },
    /// No domain other than `domain` writes the table.
    OnlyWriter {
        table: String,
        domain: String,
        /// Test code's writes too (default false).
        #[serde(default)]
        include_tests: bool,
    },
    /// The table's writers are a subset of a baseline: a `table_ownership`
    /// or `goseam tables --format json` result stored under the root.
    NoNewWriters {
        table: String,
        /// The baseline file, relative to the root.
        baseline: String,
        /// Test code's writes too (default false).
        #[serde(default)]
        include_tests: bool,
    },
    /// No call site of the targets remains.
    NoCalls {
        targets: Vec<String>,
        /// Call sites in _test.go files count too (default true).
        #[serde(default = "yes")]
        include_tests: bool,
    },
    /// No import cycle at the level.
    NoCycles {
        #[serde(default)]
        level: LevelArg,
    },
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInvariantArgs {
    /// The invariant, e.g. `{"kind": "only_writer", "table": "invoices", "domain": "billing"}`.
    pub invariant: InvariantArg,
    /// Which configured root (its name or absolute path; default: the first).
    pub root: Option<String>,
    /// Items per page (default 100, at most 1000).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn check_invariant(index: &Index, args: CheckInvariantArgs) -> Result<Answer, String> {
    let page = Page::new(args.limit, args.cursor.as_deref())?;
    let usage = |e: check::UsageError| e.0;
    let result: CheckResult = match &args.invariant {
        InvariantArg::WritesSet {
            target,
            include_tests,
        } => {
            let (table, column) = check::parse_table_column(target).map_err(usage)?;
            let mut r =
                check::writes_set(index.tables()?, table, column, *include_tests).map_err(usage)?;
            check::add_skipped(&mut r, &index.scan.skipped, *include_tests);
            r
        }
        InvariantArg::OnlyWriter {
            table,
            domain,
            include_tests,
        } => {
            let report = index.tables()?;
            let known = check::known_domains(index.prepared()?, &index.config, report)?;
            let mut r =
                check::only_writer(report, table, domain, &known, *include_tests).map_err(usage)?;
            check::add_skipped(&mut r, &index.scan.skipped, *include_tests);
            r
        }
        InvariantArg::NoNewWriters {
            table,
            baseline,
            include_tests,
        } => {
            let path = index.root.resolve(baseline)?;
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read the baseline {baseline}: {e}"))?;
            let baseline = Baseline::from_tables_json(&text, table)
                .map_err(|e| format!("baseline {baseline}: {}", e.0))?;
            let mut r = check::no_new_writers(index.tables()?, &baseline, *include_tests);
            check::add_skipped(&mut r, &index.scan.skipped, *include_tests);
            r
        }
        InvariantArg::NoCalls {
            targets,
            include_tests,
        } => {
            if targets.is_empty() {
                return Err("targets: give at least one function or method".to_string());
            }
            let parsed = targets
                .iter()
                .map(|t| Target::parse(t))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("bad target {e}"))?;
            let prepared = index.prepared()?;
            let targets = resolve_short(prepared, parsed)?;
            let report = find_call_sites(
                prepared,
                &targets,
                CallSiteOptions {
                    include_tests: *include_tests,
                    include_unresolved: true,
                    include_vendor: false,
                },
            );
            let names: Vec<String> = targets.iter().map(|t| t.full_name()).collect();
            let mut r = check::no_calls(&names, &report.sites);
            let mut skipped = report.skipped.clone();
            skipped.extend(prepared.skipped.iter().cloned());
            check::add_skipped(&mut r, &skipped, *include_tests);
            r
        }
        InvariantArg::NoCycles { level } => {
            let level = match level {
                LevelArg::Package => CycleLevel::Package,
                LevelArg::Domain => CycleLevel::Domain,
            };
            // Test files cannot form production cycles.
            check::no_cycles(
                index.deps()?,
                level,
                check::skipped_findings(&index.scan.skipped, false),
            )
        }
    };
    let summary = format!(
        "{}: {} ({} violations, {} unresolved items{})",
        result.invariant,
        result.verdict.as_str(),
        result.violations.len(),
        result.unresolved.len(),
        if result.verdict == Verdict::Undecidable {
            " that could hide a violation"
        } else {
            ""
        }
    );
    let mut doc = to_value(&result)?;
    page.apply(&mut doc, "/violations")?;
    Ok(Answer {
        summary,
        structured: with_root(doc, &index.root),
    })
}
