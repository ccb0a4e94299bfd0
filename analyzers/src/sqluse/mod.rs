//! SQL use sites: every place in the code where an SQL statement (or a
//! table name for a query builder) is used, with what it parses to.
//!
//! What it finds:
//! - constant SQL strings in code that runs: literals, `const` and
//!   package-level `var` strings, `+` concatenations folded across
//!   declarations and packages. A use site is the function where the string
//!   or the constant naming it is used, not where the constant is declared:
//!   a constant used in three functions gives three sites;
//! - the statements passed to database/sql, sqlx, pgx and gorm, matched on
//!   what the call resolves to (see [`apis`]), and configured query
//!   functions;
//! - squirrel statements (`Insert("t")`, `Update("t")`, `Delete("t")`,
//!   `Select(…).From("t")` and their joins) and gorm models (`Table("t")`,
//!   `Model(&T{})`, a `TableName()` method, else a name inferred from the
//!   struct name, marked `inferred`);
//! - pgx `CopyFrom(ctx, pgx.Identifier{"t"}, cols, rows)` as a write;
//! - package-level SQL constants that nothing uses.
//!
//! What it cannot do, reported as unresolved with the reason, never
//! dropped: `fmt.Sprintf` templates whose table part is a verb; queries held
//! in parameters, fields, or variables assigned more than once; statements
//! concatenated with run-time values when the constant prefix names no
//! table; squirrel `Select`s whose `From` is in a later statement; gorm
//! calls with no table or model in view. Not seen at all: SQL assembled by
//! helpers that take no constant (`strings.Join` of fragments), SQL read
//! from files at run time, and ORMs other than gorm.
//!
//! How: a text prefilter picks the files that can hold SQL (a string
//! starting with a statement keyword, a use of a package's SQL constant, a
//! call of a known API in a package that imports a database library); those
//! files are parsed and their bodies walked with the engine's resolver,
//! through [`BodyHooks`](goseam_engine::resolve::walk::BodyHooks).

pub mod apis;
mod builders;
mod hooks;
mod prefilter;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use goseam_engine::discover::SkippedPath;
use goseam_engine::resolve::check::Checker;
use goseam_engine::resolve::query::{resolve_source, Prepared};
use goseam_engine::source::read_source;

use crate::sql::{DialectChoice, Operation, TableRef};

pub use apis::{Api, ApiKind, ApiTable};

use crate::analysis::{AnalysisError, Analyzer, Pass};
use crate::register_analyzer;

/// The `sql` analyzer: every SQL use site (see the module documentation).
pub struct Sql;

register_analyzer!(Sql);

impl Analyzer for Sql {
    type Result = SqlReport;
    const NAME: &'static str = "sql";
    const DOC: &'static str = "find every SQL use site, with its tables, operation and columns

Constant SQL strings (literals, consts and package vars, `+` folded across
declarations and packages) at the function that uses them; statements passed
to database/sql, sqlx, pgx (CopyFrom with pgx.Identifier as a write) and gorm,
matched on what the call resolves to; squirrel statements and gorm models;
configured [[query_function]]s; package SQL constants nothing uses.

It cannot know SQL built at run time: fmt.Sprintf templates with a verb where
a table name goes, queries held in parameters or computed variables, builders
continued in later statements. Those are reported unresolved with the reason,
never dropped. SQL read from files at run time and ORMs other than gorm are not
seen.";

    fn run(&self, pass: &Pass<'_>) -> Result<Self::Result, AnalysisError> {
        let prepared = pass.prepared()?;
        let options =
            SqlOptions::from_config(&pass.options.config, prepared, pass.options.include_vendor)
                .map_err(|message| AnalysisError::Failed {
                    analyzer: Self::NAME.to_string(),
                    message,
                })?;
        Ok(find_sql_sites(prepared, &options))
    }
}

/// How a site's SQL reached the database, as far as the code shows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    /// A constant SQL string used in a function, not (visibly) passed to a
    /// known API in the same expression.
    String,
    /// The statement argument of a known driver call.
    Driver,
    /// A `fmt.Sprintf` template whose verbs are not table names.
    Template,
    /// A concatenation whose constant prefix names the tables.
    Prefix,
    /// A query builder statement (squirrel).
    Builder,
    /// An ORM statement (gorm).
    Orm,
    /// pgx `CopyFrom`.
    Copy,
    /// A configured query function.
    Configured,
}

/// One use of SQL in the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SqlSite {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// Import path of the package (`_test` suffix for external tests).
    pub package: String,
    /// Enclosing function: `F`, `(*T).M`, `F.func1`; `init` for package
    /// initialization.
    pub function: String,
    pub test: bool,
    pub generated: bool,
    pub kind: SiteKind,
    /// The call that runs it, in go/types spelling, when one is visible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The statement text (for builders and ORMs, a description of the
    /// statement they build).
    pub sql: String,
    /// Package-level constants and variables the text was built from
    /// (`pkg.Name`), sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constants: Vec<String>,
    /// None when the code names a table without a statement (a
    /// configured table function).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    pub tables: Vec<TableRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns_written: Vec<String>,
    /// False when the statement did not parse and the token scan produced
    /// the tables.
    pub parsed: bool,
    /// True when a table name was inferred (gorm: from a struct name by
    /// gorm's naming convention) rather than written in the code.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

/// A place where SQL is used but what it touches cannot be known
/// statically.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unresolved {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub package: String,
    pub function: String,
    pub test: bool,
    pub reason: String,
    /// The expression as written.
    pub expression: String,
    /// The constant template or prefix, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// A package-level SQL constant or variable (no code uses it, when
/// reported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnusedConstant {
    pub package: String,
    pub name: String,
    pub file: String,
    pub line: u32,
    pub sql: String,
    pub operation: Operation,
    pub tables: Vec<TableRef>,
}

/// Everything the SQL pass found.
#[derive(Debug, Clone, Serialize)]
pub struct SqlReport {
    /// Sorted by file, line, column.
    pub sites: Vec<SqlSite>,
    pub unresolved: Vec<Unresolved>,
    pub unused_constants: Vec<UnusedConstant>,
    /// Go files that could not be read.
    pub skipped: Vec<SkippedPath>,
    pub files_total: usize,
    /// Files the prefilter passed (and that were parsed).
    pub files_candidate: usize,
}

/// Options of the SQL pass.
#[derive(Debug, Clone)]
pub struct SqlOptions {
    pub dialect: DialectChoice,
    /// Configured query functions, added to the built-in APIs.
    pub extra_apis: Vec<Api>,
    /// Report sites in vendor/ (off: vendored code is not the monolith's).
    pub include_vendor: bool,
}

impl Default for SqlOptions {
    fn default() -> Self {
        SqlOptions {
            dialect: DialectChoice::Any,
            extra_apis: Vec::new(),
            include_vendor: false,
        }
    }
}

/// A Go file of the tree, as the SQL pass sees it.
pub(crate) struct TreeFile<'a> {
    pub path: &'a str,
    pub abs: std::path::PathBuf,
    pub marks: prefilter::Marks,
    /// Its package imports a database library (or a configured query
    /// function's package), so calls of API names are worth resolving.
    pub db_package: bool,
    pub candidate: bool,
}

/// Find every SQL use site in the prepared tree.
pub fn find_sql_sites(prepared: &Prepared, opts: &SqlOptions) -> SqlReport {
    let apis = ApiTable::builtin().with(opts.extra_apis.clone());
    let u = &prepared.universe;
    let checker = Checker::new(u);
    let mut files: Vec<TreeFile> = u
        .tree
        .dirs
        .values()
        .flatten()
        .map(|f| TreeFile {
            path: f.path.as_str(),
            abs: f.abs.clone(),
            marks: prefilter::Marks::default(),
            db_package: false,
            candidate: false,
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(b.path));
    let files_total = files.len();
    let filter = prefilter::Prefilter::new(&apis);

    // Pass 1: what each file may hold.
    let marks: Vec<Result<prefilter::Marks, SkippedPath>> = prepared.pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let src =
                    read_source(&f.abs, prepared.max_file_size).map_err(|reason| SkippedPath {
                        path: f.path.to_string(),
                        reason,
                    })?;
                Ok(filter.marks(&src))
            })
            .collect()
    });
    let mut skipped = Vec::new();
    let mut db_dirs: BTreeSet<&str> = BTreeSet::new();
    for (f, m) in files.iter_mut().zip(marks) {
        match m {
            Ok(m) => {
                if m.db_import {
                    db_dirs.insert(goseam_engine::paths::slash_dir(f.path));
                }
                f.marks = m;
            }
            Err(s) => skipped.push(s),
        }
    }
    for f in &mut files {
        f.db_package = db_dirs.contains(goseam_engine::paths::slash_dir(f.path));
        f.candidate = f.marks.sql_text
            || f.marks.table_name_method
            || f.marks.configured_name
            || f.marks.api_name && f.db_package;
    }

    // Pass 2: files that mention a package-level SQL constant.
    let constants = prepared
        .pool
        .install(|| prefilter::sql_constants(&checker, &files, opts.dialect));
    if !constants.is_empty() {
        let names = prefilter::NameFinder::new(constants.iter().map(|c| c.name.as_str()));
        let more: Vec<bool> = prepared.pool.install(|| {
            files
                .par_iter()
                .map(|f| {
                    !f.candidate
                        && read_source(&f.abs, prepared.max_file_size)
                            .is_ok_and(|src| names.matches(&src))
                })
                .collect()
        });
        for (f, m) in files.iter_mut().zip(more) {
            f.candidate |= m;
        }
    }

    // Pass 3: walk the candidates.
    let candidates: Vec<&TreeFile> = files.iter().filter(|f| f.candidate).collect();
    let findings: Vec<hooks::FileFindings> = prepared.pool.install(|| {
        candidates
            .par_iter()
            .filter_map(|f| {
                let src = read_source(&f.abs, prepared.max_file_size).ok()?;
                let mut h = hooks::SqlHooks::new(&apis, opts.dialect, f.db_package);
                let meta = resolve_source(&checker, f.path, &src, None, &|_| false, Some(&mut h))?;
                if meta.vendored && !opts.include_vendor {
                    return None;
                }
                Some(h.finish(&meta))
            })
            .collect()
    });

    let mut report = SqlReport {
        sites: Vec::new(),
        unresolved: Vec::new(),
        unused_constants: Vec::new(),
        skipped,
        files_total,
        files_candidate: candidates.len(),
    };
    let mut used: BTreeSet<(String, String)> = BTreeSet::new();
    let mut table_names: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut pending_models = Vec::new();
    for f in findings {
        report.sites.extend(f.sites);
        report.unresolved.extend(f.unresolved);
        used.extend(f.used_constants);
        table_names.extend(f.table_names);
        pending_models.extend(f.models);
    }
    for m in pending_models {
        report.sites.push(builders::finish_model(m, &table_names));
    }
    // The package SQL constants, minus those some code uses.
    report.unused_constants = constants
        .into_iter()
        .filter(|c| !used.contains(&(c.package.clone(), c.name.clone())))
        .collect();
    report
        .sites
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    report.unresolved.sort();
    report
        .unused_constants
        .sort_by(|a, b| (&a.package, &a.name, &a.file).cmp(&(&b.package, &b.name, &b.file)));
    report.skipped.sort();
    report
}

impl SqlOptions {
    /// The options a configuration asks for: its dialect and its query
    /// functions (targets in call-site syntax; short forms are looked up
    /// in the prepared tree).
    pub fn from_config(
        config: &crate::config::Config,
        prepared: &Prepared,
        include_vendor: bool,
    ) -> Result<SqlOptions, String> {
        use crate::callsites::{resolve_short, Target};
        use crate::config::QueryKind;
        let dialect = config.sql.dialect_choice();
        let mut extra_apis = Vec::new();
        for q in &config.query_function {
            let parsed = Target::parse(&q.target)
                .map_err(|e| format!("goseam.toml query_function target {e}"))?;
            let target = resolve_short(prepared, vec![parsed])
                .map_err(|e| format!("goseam.toml query_function target: {e}"))?
                .remove(0);
            let (pkg, type_name, name) = match target {
                Target::Func { pkg, name } => (pkg, String::new(), name),
                Target::Method {
                    pkg,
                    type_name,
                    name,
                    ..
                } => (pkg, type_name, name),
            };
            let kind = match (q.kind, q.access) {
                (QueryKind::Sql, _) => ApiKind::Sql { arg: q.arg },
                (QueryKind::Table, access) => ApiKind::Table {
                    arg: q.arg,
                    access: match access {
                        Some(crate::config::Access::Read) => crate::sql::Access::Read,
                        _ => crate::sql::Access::Write,
                    },
                },
            };
            extra_apis.push(Api {
                pkg,
                type_name,
                name,
                kind,
                library: "config",
            });
        }
        Ok(SqlOptions {
            dialect,
            extra_apis,
            include_vendor,
        })
    }
}
