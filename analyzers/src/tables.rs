//! Table ownership: which domains, packages and functions read and write
//! each table, which domain owns it, and which tables are shared.
//!
//! What it finds: for every table the SQL use sites name (see
//! [`crate::sqluse`]) and every table the migrations create (see
//! [`crate::schema`]), its writers and readers with file:line, operation and
//! columns, grouped by domain (see [`crate::domains`]); its status:
//! - `owned`: exactly one domain writes it and no other domain reads it;
//! - `read-shared`: one domain writes it, other domains read it;
//! - `shared`: more than one domain writes it: no single team can move it;
//! - `read-only`: code reads it, nothing in the code writes it;
//! - `test-only`: only test code touches it;
//! - `unaccessed`: the schema has it, no code touches it.
//!
//! Status is computed from production code; test sites are listed (marked)
//! but do not make a table shared. Code outside every domain counts as the
//! domain `(unassigned)`, so it is never silently folded into an owner.
//!
//! What it cannot do: SQL it could not resolve (dynamic table names, queries
//! built at run time) is listed under `unresolved` with its reason, and the
//! report says it is `complete: false`: an unresolved write could make an
//! `owned` table shared. DDL in Go code is schema, not ownership: it feeds
//! the schema replay when it sits in a migrations directory and is
//! otherwise listed by `goseam sql` only. Table names are matched to the
//! schema exactly, else case-insensitively; `public.t` and `t` are
//! different names.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use goseam_engine::resolve::query::Prepared;

use crate::analysis::{AnalysisError, Analyzer, DynAnalyzer, Pass};
use crate::config::Config;
use crate::domains::{DomainMap, DomainSource};
use crate::register_analyzer;
use crate::schema::{discover_migrations, MigrationSource, OrderKey, Schema, SchemaProblem};
use crate::sql::{Access, Operation};
use crate::sqluse::{
    find_sql_sites, SiteKind, Sql, SqlOptions, SqlReport, Unresolved, UnusedConstant,
};

/// The domain name given to code no domain claims.
pub const UNASSIGNED: &str = "(unassigned)";

/// A table's ownership status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Owned,
    ReadShared,
    Shared,
    ReadOnly,
    TestOnly,
    Unaccessed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Owned => "owned",
            Status::ReadShared => "read-shared",
            Status::Shared => "shared",
            Status::ReadOnly => "read-only",
            Status::TestOnly => "test-only",
            Status::Unaccessed => "unaccessed",
        }
    }
}

/// One read or write of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableAccess {
    pub domain: String,
    pub package: String,
    pub function: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    /// Columns written (writes only; empty when the statement names none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    pub kind: SiteKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    pub test: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

/// Everything known about one table.
#[derive(Debug, Clone, Serialize)]
pub struct TableOwnership {
    pub name: String,
    pub status: Status,
    /// The one writing domain (`owned`, `read-shared`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Domains whose production code writes it, sorted.
    pub writing_domains: Vec<String>,
    /// Domains whose production code reads it, sorted.
    pub reading_domains: Vec<String>,
    pub in_schema: bool,
    /// Columns after the migrations, in declaration order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    /// Sorted by file, line, column.
    pub writes: Vec<TableAccess>,
    pub reads: Vec<TableAccess>,
}

/// The ownership report.
#[derive(Debug, Clone, Serialize)]
pub struct TablesReport {
    pub domains: DomainSource,
    /// False when unresolved SQL in production code could touch any table.
    pub complete: bool,
    /// Sorted by name.
    pub tables: Vec<TableOwnership>,
    /// Tables accessed in code but absent from the schema.
    pub not_in_schema: Vec<String>,
    /// Tables in the schema that no code (production or test) accesses.
    pub never_accessed: Vec<String>,
    pub unresolved: Vec<Unresolved>,
    pub unused_constants: Vec<UnusedConstant>,
    /// Migrations applied, in order.
    pub schema_files: Vec<String>,
    pub schema_problems: Vec<SchemaProblem>,
}

/// The `tables` analyzer: ownership per table (see the module
/// documentation).
pub struct Tables;

register_analyzer!(Tables);

impl Analyzer for Tables {
    type Result = TablesReport;
    const NAME: &'static str = "tables";
    const DOC: &'static str =
        "which domains read and write each table; owned, shared and unaccessed tables

For every table the SQL use sites name and every table the migrations create:
writers and readers by domain, package and function with file:line, operation
and columns; status owned (one writing domain), read-shared (one writer, other
readers), shared (several writing domains), read-only, test-only or
unaccessed. Domains come from goseam.toml [[domain]] globs, else CODEOWNERS,
else the directory convention; columns from replaying the migrations.

Status counts production code only. Unresolved SQL (dynamic table names) is
listed and marks the report incomplete: it could make an owned table shared.
Table names match the schema exactly, else case-insensitively; schema search
paths are not modelled.";

    fn requires(&self) -> Vec<&'static dyn DynAnalyzer> {
        vec![&Sql]
    }

    fn run(&self, pass: &Pass<'_>) -> Result<Self::Result, AnalysisError> {
        let report = pass.result_of::<Sql>()?;
        let config = &pass.options.config;
        tables_from_sites(
            pass.prepared()?,
            config,
            report,
            config.sql.dialect_choice(),
        )
        .map_err(|message| AnalysisError::Failed {
            analyzer: Self::NAME.to_string(),
            message,
        })
    }
}

/// Run the SQL pass, replay the schema and compute ownership.
pub fn analyze_tables(
    prepared: &Prepared,
    config: &Config,
    sql: &SqlOptions,
) -> Result<TablesReport, String> {
    let report = find_sql_sites(prepared, sql);
    tables_from_sites(prepared, config, &report, sql.dialect)
}

/// Ownership from the SQL pass's report: domains, the replayed schema
/// (with Go migrations from `report`), statuses.
pub fn tables_from_sites(
    prepared: &Prepared,
    config: &Config,
    report: &SqlReport,
    dialect: crate::sql::DialectChoice,
) -> Result<TablesReport, String> {
    let tree = &prepared.universe.tree;
    let modules: Vec<(String, String)> = tree
        .modules
        .modules
        .iter()
        .filter_map(|m| Some((m.dir.clone(), m.path.clone()?)))
        .collect();
    let domains = DomainMap::build(&tree.root, config, &modules).map_err(|e| e.to_string())?;
    let mut migrations = discover_migrations(&tree.root, &config.schema.paths);
    migrations.sources.extend(go_migrations(report));
    let schema = migrations.replay(dialect);
    Ok(ownership(report, &schema, &domains))
}

/// DDL in Go files under a migrations directory, as migration sources
/// ordered by their file name's version (goose Go migrations).
fn go_migrations(report: &SqlReport) -> Vec<MigrationSource> {
    let mut by_file: BTreeMap<&str, Vec<(u32, String)>> = BTreeMap::new();
    for s in &report.sites {
        let in_migrations = s
            .file
            .split('/')
            .rev()
            .skip(1)
            .any(|d| matches!(d, "migrations" | "migration"));
        if in_migrations && !s.test && s.operation == Some(Operation::Ddl) {
            by_file
                .entry(&s.file)
                .or_default()
                .push((s.line, s.sql.clone()));
        }
    }
    by_file
        .into_iter()
        .map(|(path, statements)| MigrationSource {
            path: path.to_string(),
            order_key: OrderKey::for_path(path),
            statements,
        })
        .collect()
}

/// Group the sites by table and decide each table's status.
pub fn ownership(report: &SqlReport, schema: &Schema, domains: &DomainMap) -> TablesReport {
    let mut tables: BTreeMap<String, (Vec<TableAccess>, Vec<TableAccess>)> = BTreeMap::new();
    for s in &report.sites {
        if s.operation == Some(Operation::Ddl) {
            continue;
        }
        let domain = domains.domain_of(&s.file).unwrap_or(UNASSIGNED).to_string();
        for t in &s.tables {
            let name = schema
                .table(&t.name)
                .map(|st| st.name.clone())
                .unwrap_or_else(|| t.name.clone());
            let access = TableAccess {
                domain: domain.clone(),
                package: s.package.clone(),
                function: s.function.clone(),
                file: s.file.clone(),
                line: s.line,
                column: s.column,
                operation: s.operation,
                columns: if t.access == Access::Write {
                    s.columns_written.clone()
                } else {
                    Vec::new()
                },
                kind: s.kind.clone(),
                via: s.via.clone(),
                test: s.test,
                inferred: s.inferred,
            };
            let entry = tables.entry(name).or_default();
            match t.access {
                Access::Write => entry.1.push(access),
                Access::Read => entry.0.push(access),
            }
        }
    }
    for name in schema.tables.keys() {
        tables.entry(name.clone()).or_default();
    }

    let mut out = Vec::new();
    let mut not_in_schema = Vec::new();
    let mut never_accessed = Vec::new();
    for (name, (mut reads, mut writes)) in tables {
        let order = |a: &TableAccess, b: &TableAccess| {
            (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column))
        };
        reads.sort_by(order);
        reads.dedup();
        writes.sort_by(order);
        writes.dedup();
        let production = |v: &[TableAccess]| -> Vec<String> {
            v.iter()
                .filter(|a| !a.test)
                .map(|a| a.domain.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let writing_domains = production(&writes);
        let reading_domains = production(&reads);
        let accessed = !reads.is_empty() || !writes.is_empty();
        let status = match writing_domains.len() {
            0 if !reading_domains.is_empty() => Status::ReadOnly,
            0 if accessed => Status::TestOnly,
            0 => Status::Unaccessed,
            1 if reading_domains.iter().any(|d| *d != writing_domains[0]) => Status::ReadShared,
            1 => Status::Owned,
            _ => Status::Shared,
        };
        let owner = (writing_domains.len() == 1).then(|| writing_domains[0].clone());
        let in_schema = schema.tables.contains_key(&name);
        if !in_schema {
            not_in_schema.push(name.clone());
        }
        if !accessed {
            never_accessed.push(name.clone());
        }
        out.push(TableOwnership {
            columns: schema
                .tables
                .get(&name)
                .map(|t| t.columns.iter().map(|c| c.name.clone()).collect()),
            name,
            status,
            owner,
            writing_domains,
            reading_domains,
            in_schema,
            writes,
            reads,
        });
    }
    TablesReport {
        domains: domains.source(),
        complete: report.unresolved.iter().all(|u| u.test),
        tables: out,
        not_in_schema,
        never_accessed,
        unresolved: report.unresolved.clone(),
        unused_constants: report.unused_constants.clone(),
        schema_files: schema.files.clone(),
        schema_problems: schema.problems.clone(),
    }
}
