//! Invariant checks: gates for CI and for agents between migration steps.
//!
//! Each check is a pure function over analyzer results that returns a
//! [`CheckResult`]: the violating sites, the unresolved items that could hide
//! a violation, and a [`Verdict`]:
//! - `violated` when at least one violation was found, whatever else is
//!   unresolved: a violation found is a fact, and no unresolved item can
//!   undo it (violations trump undecidable);
//! - `undecidable` when nothing violates the invariant but something the
//!   analyzers could not resolve (dynamic SQL, an insert that lists no
//!   columns, a call whose callee is unknown, a file the scan skipped) could
//!   hide a violation;
//! - `holds` otherwise.
//!
//! The invariants:
//! - [`writes_set`]: every insert-like write of a table (insert, upsert,
//!   REPLACE, MERGE, COPY) lists a column;
//! - [`no_calls`]: no call site of the targets remains;
//! - [`only_writer`]: no other domain writes a table;
//! - [`no_new_writers`]: a table's writers (package, function, operation)
//!   are a subset of a stored [`Baseline`];
//! - [`no_cycles`]: no import cycle at the package or domain level.
//!
//! What it cannot do: it judges only what the analyzers report. Unresolved
//! production SQL may touch any table, so every table invariant is at best
//! `undecidable` while any remains. Writers are keyed by function name, so
//! a closure renumbered by an edit (`F.func1` → `F.func2`) is a new writer.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use goseam_engine::discover::SkippedPath;

use crate::callsites::{CallSite, Status as SiteStatus};
use crate::deps::{DepsReport, PackageImport};
use crate::sql::Operation;
use crate::tables::{TableAccess, TableOwnership, TablesReport};

/// The outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Holds,
    Violated,
    Undecidable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Violated => "violated",
            Verdict::Undecidable => "undecidable",
        }
    }

    /// Violations trump unresolved items; unresolved items make an
    /// otherwise holding invariant undecidable.
    pub fn of(violations: &[Finding], unresolved: &[Finding]) -> Verdict {
        if !violations.is_empty() {
            Verdict::Violated
        } else if !unresolved.is_empty() {
            Verdict::Undecidable
        } else {
            Verdict::Holds
        }
    }
}

/// One violation or unresolved item. Sites have a file, line and column;
/// cycles have their edges instead.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// What is wrong, or why it could hide a violation.
    pub detail: String,
    /// A cycle's edges (`no-cycles`), sorted by (from, to).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edges: Vec<CycleEdge>,
}

/// One edge of an import cycle, with the import specs that form it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CycleEdge {
    pub from: String,
    pub to: String,
    pub imports: Vec<ImportSpec>,
}

/// An import spec: `file:line`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ImportSpec {
    pub file: String,
    pub line: u32,
}

/// A check's result. Findings are sorted by file, line, column, then the
/// rest, so the output is deterministic.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// The invariant as checked, canonical: `writes-set ledger_entries.kind`.
    pub invariant: String,
    pub verdict: Verdict,
    pub violations: Vec<Finding>,
    pub unresolved: Vec<Finding>,
}

impl CheckResult {
    fn new(invariant: String, mut violations: Vec<Finding>, mut unresolved: Vec<Finding>) -> Self {
        violations.sort();
        violations.dedup();
        unresolved.sort();
        unresolved.dedup();
        CheckResult {
            verdict: Verdict::of(&violations, &unresolved),
            invariant,
            violations,
            unresolved,
        }
    }
}

/// A check that cannot run as asked: an unknown table, column or domain, a
/// malformed argument or baseline. Front ends report it as a usage error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl Finding {
    fn site(file: &str, line: u32, column: u32, detail: String) -> Finding {
        Finding {
            file: Some(file.to_string()),
            line: Some(line),
            column: Some(column),
            package: None,
            function: None,
            domain: None,
            detail,
            edges: Vec::new(),
        }
    }

    fn access(a: &TableAccess, detail: String) -> Finding {
        Finding {
            package: Some(a.package.clone()),
            function: Some(a.function.clone()),
            domain: Some(a.domain.clone()),
            ..Finding::site(&a.file, a.line, a.column, detail)
        }
    }

    /// A file the scan skipped: it may hold anything.
    pub fn skipped(s: &SkippedPath) -> Finding {
        Finding {
            file: Some(s.path.clone()),
            line: None,
            column: None,
            package: None,
            function: None,
            domain: None,
            detail: format!(
                "file not analyzed ({}): it may hold anything",
                s.reason.code()
            ),
            edges: Vec::new(),
        }
    }
}

/// Skipped files as unresolved items; test files only with `include_tests`.
pub fn skipped_findings(skipped: &[SkippedPath], include_tests: bool) -> Vec<Finding> {
    skipped
        .iter()
        .filter(|s| include_tests || !s.path.ends_with("_test.go"))
        .map(Finding::skipped)
        .collect()
}

/// Add files the scan skipped to a result's unresolved items (any of them
/// could hold a violation) and take the verdict again.
pub fn add_skipped(result: &mut CheckResult, skipped: &[SkippedPath], include_tests: bool) {
    let skipped = skipped_findings(skipped, include_tests);
    if !skipped.is_empty() {
        let mut unresolved = std::mem::take(&mut result.unresolved);
        unresolved.extend(skipped);
        unresolved.sort();
        unresolved.dedup();
        result.verdict = Verdict::of(&result.violations, &unresolved);
        result.unresolved = unresolved;
    }
}

/// Every domain a `DOMAIN` argument may name: the declared ones, those of
/// the tree's Go files, those the tables report names, and `(unassigned)`.
/// A domain outside this list is a typo, not a domain that writes nothing.
pub fn known_domains(
    prepared: &goseam_engine::resolve::query::Prepared,
    config: &crate::config::Config,
    report: &TablesReport,
) -> Result<Vec<String>, String> {
    let tree = &prepared.universe.tree;
    let modules: Vec<(String, String)> = tree
        .modules
        .modules
        .iter()
        .filter_map(|m| Some((m.dir.clone(), m.path.clone()?)))
        .collect();
    let map = crate::domains::DomainMap::build(&tree.root, config, &modules)
        .map_err(|e| e.to_string())?;
    let mut known: Vec<String> = map.names().to_vec();
    for f in tree.dirs.values().flatten() {
        known.push(
            map.domain_of(&f.path)
                .unwrap_or(crate::tables::UNASSIGNED)
                .to_string(),
        );
    }
    for t in &report.tables {
        known.extend(t.writes.iter().chain(&t.reads).map(|a| a.domain.clone()));
    }
    known.push(crate::tables::UNASSIGNED.to_string());
    known.sort();
    known.dedup();
    Ok(known)
}

/// Find a table by name: exactly, else case-insensitively when that is
/// unambiguous.
pub fn find_table<'a>(tables: &'a TablesReport, name: &str) -> Option<&'a TableOwnership> {
    tables.tables.iter().find(|t| t.name == name).or_else(|| {
        let mut matches = tables
            .tables
            .iter()
            .filter(|t| t.name.eq_ignore_ascii_case(name));
        match (matches.next(), matches.next()) {
            (Some(t), None) => Some(t),
            _ => None,
        }
    })
}

fn unknown_table(tables: &TablesReport, name: &str) -> UsageError {
    let known: Vec<&str> = tables.tables.iter().map(|t| t.name.as_str()).collect();
    UsageError(format!(
        "no table {name:?} in the code or the schema; known tables: {}",
        if known.is_empty() {
            "none".to_string()
        } else {
            known.join(", ")
        }
    ))
}

/// The unresolved SQL of the report as findings (production only unless
/// `include_tests`): each may touch any table.
fn unresolved_sql(tables: &TablesReport, include_tests: bool) -> Vec<Finding> {
    tables
        .unresolved
        .iter()
        .filter(|u| include_tests || !u.test)
        .map(|u| Finding {
            package: Some(u.package.clone()),
            function: Some(u.function.clone()),
            ..Finding::site(
                &u.file,
                u.line,
                u.column,
                format!(
                    "unresolved SQL ({}): {}",
                    u.reason,
                    u.template.as_deref().unwrap_or(&u.expression)
                ),
            )
        })
        .collect()
}

fn operation_name(op: Option<Operation>) -> String {
    op.and_then(|o| serde_json::to_value(o).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "write".to_string())
}

/// Insert-like operations: the ones that create rows and so must provide
/// every required column (the grouping of `writepaths`' `--op insert`).
fn inserts(op: Operation) -> bool {
    matches!(
        op,
        Operation::Insert
            | Operation::Upsert
            | Operation::Replace
            | Operation::Merge
            | Operation::Copy
    )
}

/// Split `T.C` at its last dot (`public.users.email` is table
/// `public.users`, column `email`).
pub fn parse_table_column(arg: &str) -> Result<(&str, &str), UsageError> {
    match arg.rsplit_once('.') {
        Some((t, c)) if !t.is_empty() && !c.is_empty() => Ok((t, c)),
        _ => Err(UsageError(format!(
            "expected TABLE.COLUMN (as in `writes-set ledger_entries.kind`), got {arg:?}"
        ))),
    }
}

/// `writes-set T.C`: every insert-like write of `table` lists `column`.
///
/// A write whose statement lists no columns (`INSERT INTO t SELECT …`, an
/// ORM call) or whose kind is unknown (a table-level query function) is
/// unresolved: it may or may not set the column. Unresolved SQL is too.
pub fn writes_set(
    tables: &TablesReport,
    table: &str,
    column: &str,
    include_tests: bool,
) -> Result<CheckResult, UsageError> {
    let t = find_table(tables, table).ok_or_else(|| unknown_table(tables, table))?;
    let column = match &t.columns {
        Some(cols) => cols
            .iter()
            .find(|c| *c == column)
            .or_else(|| cols.iter().find(|c| c.eq_ignore_ascii_case(column)))
            .ok_or_else(|| {
                UsageError(format!(
                    "table {} has no column {column:?} in the schema; its columns: {}",
                    t.name,
                    cols.join(", ")
                ))
            })?
            .as_str(),
        None => column,
    };
    let mut violations = Vec::new();
    let mut unresolved = unresolved_sql(tables, include_tests);
    for w in t.writes.iter().filter(|w| include_tests || !w.test) {
        match w.operation {
            Some(op) if inserts(op) => {
                let op = operation_name(Some(op));
                if w.columns.is_empty() {
                    unresolved.push(Finding::access(
                        w,
                        format!("{op} lists no columns: it may not set {column}"),
                    ));
                } else if !w.columns.iter().any(|c| c.eq_ignore_ascii_case(column)) {
                    violations.push(Finding::access(
                        w,
                        format!("{op} ({}) does not set {column}", w.columns.join(", ")),
                    ));
                }
            }
            Some(_) => {}
            None => unresolved.push(Finding::access(
                w,
                format!("write of unknown kind: it may insert without {column}"),
            )),
        }
    }
    Ok(CheckResult::new(
        format!("writes-set {}.{column}", t.name),
        violations,
        unresolved,
    ))
}

/// `no-calls TARGET…`: no call site (or reference) of the targets. Sites
/// whose callee could not be determined are unresolved.
pub fn no_calls(targets: &[String], sites: &[CallSite]) -> CheckResult {
    let mut violations = Vec::new();
    let mut unresolved = Vec::new();
    for s in sites {
        let finding = Finding {
            package: Some(s.package.clone()),
            function: Some(s.function.clone()),
            ..Finding::site(
                &s.file,
                s.line,
                s.column,
                match (&s.status, &s.reason) {
                    (SiteStatus::Unresolved, Some(r)) => format!("may call {}: {r}", s.target),
                    (SiteStatus::Unresolved, None) => format!("may call {}", s.target),
                    (SiteStatus::Resolved, _) => match s.kind {
                        crate::callsites::CallKind::Call => format!("calls {}", s.target),
                        crate::callsites::CallKind::Reference => {
                            format!("refers to {}", s.target)
                        }
                    },
                },
            )
        };
        match s.status {
            SiteStatus::Resolved => violations.push(finding),
            SiteStatus::Unresolved => unresolved.push(finding),
        }
    }
    CheckResult::new(
        format!("no-calls {}", targets.join(" ")),
        violations,
        unresolved,
    )
}

/// `only-writer T DOMAIN`: every write of `table` is in `domain`
/// (`(unassigned)` counts as another domain). `known_domains` names the
/// domains a `DOMAIN` argument may be.
pub fn only_writer(
    tables: &TablesReport,
    table: &str,
    domain: &str,
    known_domains: &[String],
    include_tests: bool,
) -> Result<CheckResult, UsageError> {
    let t = find_table(tables, table).ok_or_else(|| unknown_table(tables, table))?;
    if !known_domains.iter().any(|d| d == domain) {
        return Err(UsageError(format!(
            "no domain {domain:?}; known domains: {}",
            known_domains.join(", ")
        )));
    }
    let violations = t
        .writes
        .iter()
        .filter(|w| (include_tests || !w.test) && w.domain != domain)
        .map(|w| {
            Finding::access(
                w,
                format!("{} {} {}", w.domain, operation_name(w.operation), t.name),
            )
        })
        .collect();
    Ok(CheckResult::new(
        format!("only-writer {} {domain}", t.name),
        violations,
        unresolved_sql(tables, include_tests),
    ))
}

/// A writer, as a baseline records it: not file:line, which shifts with
/// every edit above it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Writer {
    pub package: String,
    pub function: String,
    pub operation: String,
}

/// The writers of one table, from the JSON `goseam tables --format json`
/// prints (with or without `--table T`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    pub table: String,
    /// Production writers.
    pub writers: BTreeSet<Writer>,
    /// Writers in test code.
    pub test_writers: BTreeSet<Writer>,
}

#[derive(Deserialize)]
struct BaselineReport {
    tables: Vec<BaselineTable>,
}

#[derive(Deserialize)]
struct BaselineTable {
    name: String,
    writes: Vec<BaselineWrite>,
}

#[derive(Deserialize)]
struct BaselineWrite {
    package: String,
    function: String,
    #[serde(default)]
    operation: Option<String>,
    #[serde(default)]
    test: bool,
}

impl Baseline {
    /// Parse `goseam tables` JSON and take `table` from it.
    pub fn from_tables_json(text: &str, table: &str) -> Result<Baseline, UsageError> {
        let report: BaselineReport = serde_json::from_str(text).map_err(|e| {
            UsageError(format!(
                "not the JSON `goseam tables --table T --format json` prints: {e}"
            ))
        })?;
        let found = report
            .tables
            .iter()
            .position(|t| t.name == table)
            .or_else(|| {
                let m: Vec<usize> = (0..report.tables.len())
                    .filter(|&i| report.tables[i].name.eq_ignore_ascii_case(table))
                    .collect();
                (m.len() == 1).then(|| m[0])
            });
        let Some(i) = found else {
            let names: Vec<&str> = report.tables.iter().map(|t| t.name.as_str()).collect();
            return Err(UsageError(format!(
                "the baseline has no table {table:?}; it has: {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )));
        };
        let t = &report.tables[i];
        let mut baseline = Baseline {
            table: t.name.clone(),
            writers: BTreeSet::new(),
            test_writers: BTreeSet::new(),
        };
        for w in &t.writes {
            let writer = Writer {
                package: w.package.clone(),
                function: w.function.clone(),
                operation: w.operation.clone().unwrap_or_else(|| "write".to_string()),
            };
            if w.test {
                baseline.test_writers.insert(writer);
            } else {
                baseline.writers.insert(writer);
            }
        }
        Ok(baseline)
    }
}

/// `no-new-writers T --baseline FILE`: every writer of the baseline's table
/// (package, function, operation) is in the baseline. A table the tree no
/// longer has has no writers.
pub fn no_new_writers(
    tables: &TablesReport,
    baseline: &Baseline,
    include_tests: bool,
) -> CheckResult {
    let mut violations = Vec::new();
    if let Some(t) = find_table(tables, &baseline.table) {
        for w in t.writes.iter().filter(|w| include_tests || !w.test) {
            let writer = Writer {
                package: w.package.clone(),
                function: w.function.clone(),
                operation: operation_name(w.operation),
            };
            let known = baseline.writers.contains(&writer)
                || (w.test && baseline.test_writers.contains(&writer));
            if !known {
                violations.push(Finding::access(
                    w,
                    format!(
                        "new writer: {} {} in {}.{} (not in the baseline)",
                        writer.operation, t.name, writer.package, writer.function
                    ),
                ));
            }
        }
    }
    CheckResult::new(
        format!("no-new-writers {}", baseline.table),
        violations,
        unresolved_sql(tables, include_tests),
    )
}

/// The level of [`no_cycles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleLevel {
    Package,
    Domain,
}

fn specs(imports: &[PackageImport]) -> Vec<ImportSpec> {
    imports
        .iter()
        .filter(|s| !s.test)
        .map(|s| ImportSpec {
            file: s.file.clone(),
            line: s.line,
        })
        .collect()
}

/// `no-cycles`: no cycle of production imports at `level`. Imports are
/// syntax, so only files the scan skipped (pass them as `unresolved`) can
/// hide one.
pub fn no_cycles(deps: &DepsReport, level: CycleLevel, unresolved: Vec<Finding>) -> CheckResult {
    let (name, violations) = match level {
        CycleLevel::Package => (
            "package",
            deps.package_graph
                .cycles
                .iter()
                .map(|c| Finding {
                    file: None,
                    line: None,
                    column: None,
                    package: None,
                    function: None,
                    domain: None,
                    detail: format!("import cycle: {}", c.packages.join(", ")),
                    edges: c
                        .edges
                        .iter()
                        .map(|e| CycleEdge {
                            from: e.from.clone(),
                            to: e.to.clone(),
                            imports: specs(&e.imports),
                        })
                        .collect(),
                })
                .collect::<Vec<_>>(),
        ),
        CycleLevel::Domain => (
            "domain",
            deps.domain_graph
                .cycles
                .iter()
                .map(|c| Finding {
                    file: None,
                    line: None,
                    column: None,
                    package: None,
                    function: None,
                    domain: None,
                    detail: format!("domain cycle: {}", c.domains.join(", ")),
                    edges: c
                        .edges
                        .iter()
                        .map(|e| CycleEdge {
                            from: e.from.clone(),
                            to: e.to.clone(),
                            imports: e
                                .via
                                .iter()
                                .map(|s| ImportSpec {
                                    file: s.file.clone(),
                                    line: s.line,
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        ),
    };
    CheckResult::new(format!("no-cycles --level {name}"), violations, unresolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domains::DomainSource;
    use crate::sqluse::SiteKind;
    use crate::tables::Status;

    fn write(domain: &str, function: &str, line: u32, op: Operation, cols: &[&str]) -> TableAccess {
        TableAccess {
            domain: domain.to_string(),
            package: format!("example.com/m/{domain}"),
            function: function.to_string(),
            file: format!("{domain}/store.go"),
            line,
            column: 2,
            operation: Some(op),
            columns: cols.iter().map(|c| c.to_string()).collect(),
            kind: SiteKind::Driver,
            via: None,
            test: false,
            inferred: false,
        }
    }

    fn report(writes: Vec<TableAccess>) -> TablesReport {
        TablesReport {
            domains: DomainSource::Config,
            complete: true,
            tables: vec![TableOwnership {
                name: "t".to_string(),
                status: Status::Owned,
                owner: None,
                writing_domains: Vec::new(),
                reading_domains: Vec::new(),
                in_schema: true,
                columns: Some(vec!["id".to_string(), "c".to_string()]),
                writes,
                reads: Vec::new(),
            }],
            not_in_schema: Vec::new(),
            never_accessed: Vec::new(),
            unresolved: Vec::new(),
            unused_constants: Vec::new(),
            schema_files: Vec::new(),
            schema_problems: Vec::new(),
        }
    }

    #[test]
    fn writes_set_verdicts() {
        let r = report(vec![
            write("a", "F", 3, Operation::Insert, &["id", "c"]),
            write("a", "G", 9, Operation::Update, &["id"]),
        ]);
        assert_eq!(
            writes_set(&r, "t", "c", false).unwrap().verdict,
            Verdict::Holds
        );
        let r = report(vec![
            write("a", "F", 3, Operation::Insert, &["id", "c"]),
            write("a", "H", 5, Operation::Copy, &[]),
        ]);
        let res = writes_set(&r, "t", "C", false).unwrap();
        assert_eq!(res.verdict, Verdict::Undecidable);
        assert_eq!(res.invariant, "writes-set t.c");
        let r = report(vec![
            write("a", "H", 5, Operation::Copy, &[]),
            write("a", "U", 7, Operation::Upsert, &["id"]),
        ]);
        let res = writes_set(&r, "t", "c", false).unwrap();
        assert_eq!(
            res.verdict,
            Verdict::Violated,
            "violations trump undecidable"
        );
        assert_eq!(res.violations.len(), 1);
        assert_eq!(res.unresolved.len(), 1);
        assert!(writes_set(&r, "t", "nope", false).is_err());
        assert!(writes_set(&r, "nope", "c", false).is_err());
    }

    #[test]
    fn only_writer_and_baseline() {
        let r = report(vec![
            write("a", "F", 3, Operation::Insert, &["id"]),
            write("b", "G", 4, Operation::Delete, &[]),
        ]);
        let known = vec!["a".to_string(), "b".to_string()];
        let res = only_writer(&r, "t", "a", &known, false).unwrap();
        assert_eq!(res.verdict, Verdict::Violated);
        assert_eq!(res.violations[0].domain.as_deref(), Some("b"));
        assert!(only_writer(&r, "t", "zz", &known, false).is_err());

        let json = r#"{"tables":[{"name":"t","writes":[
            {"package":"example.com/m/a","function":"F","operation":"insert","test":false}]}]}"#;
        let baseline = Baseline::from_tables_json(json, "t").unwrap();
        let res = no_new_writers(&r, &baseline, false);
        assert_eq!(res.verdict, Verdict::Violated);
        assert_eq!(res.violations.len(), 1);
        assert!(res.violations[0]
            .detail
            .contains("delete t in example.com/m/b.G"));
        assert!(Baseline::from_tables_json("{}", "t").is_err());
        assert!(Baseline::from_tables_json(json, "u").is_err());
    }

    #[test]
    fn table_column_argument() {
        assert_eq!(parse_table_column("a.b").unwrap(), ("a", "b"));
        assert_eq!(parse_table_column("s.a.b").unwrap(), ("s.a", "b"));
        assert!(parse_table_column("ab").is_err());
        assert!(parse_table_column("a.").is_err());
    }
}
