//! A generator of Go monoliths that use SQL through `database/sql`, with the
//! table accesses goseam must report for them (see `tables_generated.rs`).
//!
//! Generation has two stages, so that a failing case can be shrunk:
//! [`Model::generate`] draws a [`Model`] (domains, packages, files,
//! functions, and the SQL uses in them) from a seed with [`Rng`]; then
//! [`Model::render`] writes the Go code line by line and records, for every
//! use, the exact file, line, column and function of the site goseam must
//! report, and what the statement reads and writes.
//!
//! The shapes of SQL use it writes, each a site in the function that uses
//! the string or the constant:
//! - a literal in the call (interpreted, with `\n` escapes, raw, raw over
//!   several lines, a `+` of literals over several lines, and a long `+`
//!   chain of more than 32 literals, as long queries are written);
//! - a package constant declared in another file, used by one or several
//!   functions; a constant folded from two constants; a constant whose
//!   column list is another constant; a constant of a named string type
//!   passed as `string(q)`; constants named alike in different packages;
//! - an exported constant of the shared package `internal/sqlq`, used
//!   qualified;
//! - a local `q := "…"` (or `q := someConst`, or `var q string` assigned
//!   later, in an `if`/`else`) passed to the call later, also captured by a
//!   closure;
//! - calls on the `*sql.DB` (parameter, field, embedded), the `*sql.Tx`, a
//!   `Begin`/`BeginTx` result and a `*sql.Conn`: `Exec`, `Query`,
//!   `QueryRow`, `Prepare` and their `Context` forms;
//! - in closures and nested closures (`F.func1`, `F.func2.1`), pointer and
//!   value methods, test files (in-package and external);
//! - statements: INSERT with a column list, INSERT … SELECT, UPDATE … SET
//!   (with a subquery, or FROM), DELETE (with a subquery, or USING), SELECT
//!   with JOINs and subqueries, UNION and derived tables, upserts (ON
//!   CONFLICT … DO UPDATE / DO NOTHING, ON DUPLICATE KEY UPDATE), WITH …
//!   SELECT, a data-modifying CTE, TRUNCATE; `$n` or `?` placeholders,
//!   sometimes a leading `/* … */` comment or `RETURNING`;
//! - with `dynamic`, SQL that cannot be resolved (`fmt.Sprintf` with a table
//!   verb, in place, through a local or a constant template; a constant
//!   prefix `+` a run-time name) and `fmt.Sprintf` templates whose verbs are
//!   not tables.
//!
//! Expectations follow the documentation (`ARCHITECTURE.md`,
//! `analyzers/src/sqluse/mod.rs`, `analyzers/src/tables.rs`), not the
//! implementation: a site's line and column are where its string literal,
//! constant name or `pkg.Name` starts; a write carries the statement's
//! written columns; the `via` of a driver call is go/types' spelling of the
//! method.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

/// The generator the synthetic corpus uses (splitmix64), one copy for both.
pub use goseam_synth::rng::Rng;

/// The seed of case `i` of a property whose base seed is `base`.
pub fn case_seed(base: u64, i: u64) -> u64 {
    Rng::new(base ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
}

pub const MODULE: &str = "example.com/mono";

// ---------------------------------------------------------------------------
// Statements

/// One SQL statement and what it does to tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stmt {
    /// Clauses; the statement is their concatenation with whitespace.
    pub clauses: Vec<String>,
    /// goseam's spelling of the operation.
    pub operation: &'static str,
    /// (table, written), sorted, deduplicated.
    pub tables: Vec<(String, bool)>,
    /// Columns written, sorted, deduplicated.
    pub columns: Vec<String>,
    /// The text of the INSERT column list (for the constant-column-list
    /// style).
    pub col_list: Option<String>,
}

impl Stmt {
    pub fn one_line(&self) -> String {
        self.clauses.join(" ")
    }

    fn new(
        clauses: Vec<String>,
        operation: &'static str,
        tables: Vec<(String, bool)>,
        columns: Vec<String>,
        col_list: Option<String>,
    ) -> Stmt {
        let mut tables = tables;
        tables.sort();
        tables.dedup();
        let mut columns = columns;
        columns.sort();
        columns.dedup();
        Stmt {
            clauses,
            operation,
            tables,
            columns,
            col_list,
        }
    }

    /// A `fmt.Sprintf` template of this statement whose verb is a value,
    /// not a table: the first placeholder becomes `%d`, or a SELECT gets
    /// `LIMIT %d`.
    fn with_value_verb(&self) -> Stmt {
        let mut s = self.clauses.clone();
        if self.operation == "select" {
            s.push("LIMIT %d".to_string());
        } else if let Some(c) = s.iter_mut().find(|c| c.contains("$1")) {
            *c = c.replacen("$1", "%d", 1);
        } else if let Some(c) = s.iter_mut().find(|c| c.contains('?')) {
            *c = c.replacen('?', "%d", 1);
        }
        Stmt {
            clauses: s,
            ..self.clone()
        }
    }
}

const COLUMNS: &[&str] = &["c1", "c2", "c3", "c4", "c5"];
const CTE_NAMES: &[&str] = &["recent", "picked", "latest"];

fn pick_columns(rng: &mut Rng, max: usize) -> Vec<String> {
    let mut all: Vec<&str> = COLUMNS.to_vec();
    let n = rng.range(1, max);
    let mut out = Vec::new();
    for _ in 0..n {
        let i = rng.below(all.len());
        out.push(all.remove(i).to_string());
    }
    out
}

/// A random statement over tables `t0..t{ntables-1}` (`ntables >= 2`),
/// sometimes after a `/* … */` comment, sometimes with `RETURNING`.
pub fn gen_stmt(rng: &mut Rng, ntables: usize) -> Stmt {
    let mut stmt = gen_stmt_plain(rng, ntables);
    if stmt.operation != "select" && stmt.operation != "truncate" && rng.chance(1, 8) {
        stmt.clauses.push("RETURNING id".to_string());
    }
    if rng.chance(1, 12) {
        stmt.clauses[0] = format!(
            "/* {} */ {}",
            rng.pick(&["audit", "hot path"]),
            stmt.clauses[0]
        );
    }
    stmt
}

fn gen_stmt_plain(rng: &mut Rng, ntables: usize) -> Stmt {
    // Two different tables.
    let two = |rng: &mut Rng| {
        let t = rng.below(ntables);
        let u = (t + rng.range(1, ntables - 1)) % ntables;
        (format!("t{t}"), format!("t{u}"))
    };
    let table = |rng: &mut Rng| format!("t{}", rng.below(ntables));
    let dollar = rng.chance(3, 4);
    let ph = |i: usize| {
        if dollar {
            format!("${i}")
        } else {
            "?".to_string()
        }
    };
    let phs = |n: usize| (1..=n).map(ph).collect::<Vec<_>>().join(", ");
    let c = |s: &str| s.to_string();
    match rng.below(17) {
        // INSERT with a column list.
        0 => {
            let t = table(rng);
            let cols = pick_columns(rng, 3);
            let list = cols.join(", ");
            Stmt::new(
                vec![
                    format!("INSERT INTO {t} ({list})"),
                    format!("VALUES ({})", phs(cols.len())),
                ],
                "insert",
                vec![(t, true)],
                cols,
                Some(list),
            )
        }
        // INSERT … SELECT.
        1 => {
            let (t, u) = (table(rng), table(rng));
            let cols = pick_columns(rng, 3);
            let list = cols.join(", ");
            Stmt::new(
                vec![
                    format!("INSERT INTO {t} ({list})"),
                    format!("SELECT {list} FROM {u}"),
                    format!("WHERE id > {}", ph(1)),
                ],
                "insert",
                vec![(t, true), (u, false)],
                cols,
                Some(list),
            )
        }
        // UPDATE … SET, maybe with a subquery.
        2 | 3 => {
            let t = table(rng);
            let cols = pick_columns(rng, 3);
            let set: Vec<String> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = {}", ph(i + 1)))
                .collect();
            let k = cols.len() + 1;
            let mut tables = vec![(t.clone(), true)];
            let cond = if rng.chance(1, 2) {
                let u = table(rng);
                tables.push((u.clone(), false));
                format!("WHERE id IN (SELECT id FROM {u} WHERE c1 = {})", ph(k))
            } else {
                format!("WHERE id = {}", ph(k))
            };
            Stmt::new(
                vec![
                    format!("UPDATE {t}"),
                    format!("SET {}", set.join(", ")),
                    cond,
                ],
                "update",
                tables,
                cols,
                None,
            )
        }
        // DELETE, maybe with a subquery.
        4 => {
            let t = table(rng);
            let mut tables = vec![(t.clone(), true)];
            let cond = if rng.chance(1, 2) {
                let u = table(rng);
                tables.push((u.clone(), false));
                format!("WHERE c1 IN (SELECT c1 FROM {u} WHERE c2 = {})", ph(1))
            } else {
                format!("WHERE id = {}", ph(1))
            };
            Stmt::new(
                vec![format!("DELETE FROM {t}"), cond],
                "delete",
                tables,
                Vec::new(),
                None,
            )
        }
        // SELECT with a JOIN and a subquery.
        5 | 6 => {
            let (t, u, v) = (table(rng), table(rng), table(rng));
            let join = *rng.pick(&["JOIN", "LEFT JOIN", "INNER JOIN"]);
            let sub = if rng.chance(1, 2) {
                format!("WHERE a.c3 IN (SELECT c3 FROM {v} WHERE c4 = {})", ph(1))
            } else {
                format!(
                    "WHERE EXISTS (SELECT 1 FROM {v} x WHERE x.id = a.id AND x.c4 = {})",
                    ph(1)
                )
            };
            Stmt::new(
                vec![
                    c("SELECT a.c1, b.c2"),
                    format!("FROM {t} a"),
                    format!("{join} {u} b ON b.id = a.id"),
                    sub,
                ],
                "select",
                vec![(t, false), (u, false), (v, false)],
                Vec::new(),
                None,
            )
        }
        // A plain SELECT.
        7 => {
            let t = table(rng);
            Stmt::new(
                vec![
                    c("SELECT id, c1, c2"),
                    format!("FROM {t}"),
                    format!("WHERE c3 = {}", ph(1)),
                ],
                "select",
                vec![(t, false)],
                Vec::new(),
                None,
            )
        }
        // INSERT … ON CONFLICT / ON DUPLICATE KEY UPDATE.
        8 | 9 => {
            let t = table(rng);
            let cols = pick_columns(rng, 3);
            let list = format!("id, {}", cols.join(", "));
            let mut written = cols.clone();
            written.push(c("id"));
            let n = cols.len() + 1;
            let clauses = if dollar {
                let set: Vec<String> = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect();
                vec![
                    format!("INSERT INTO {t} ({list})"),
                    format!("VALUES ({})", phs(n)),
                    format!("ON CONFLICT (id) DO UPDATE SET {}", set.join(", ")),
                ]
            } else {
                let set: Vec<String> = cols.iter().map(|c| format!("{c} = VALUES({c})")).collect();
                vec![
                    format!("INSERT INTO {t} ({list})"),
                    format!("VALUES ({})", phs(n)),
                    format!("ON DUPLICATE KEY UPDATE {}", set.join(", ")),
                ]
            };
            Stmt::new(clauses, "upsert", vec![(t, true)], written, Some(list))
        }
        // UPDATE … FROM (Postgres).
        11 => {
            let (t, u) = two(rng);
            let cols = pick_columns(rng, 2);
            let set: Vec<String> = cols.iter().map(|c| format!("{c} = x.{c}")).collect();
            Stmt::new(
                vec![
                    format!("UPDATE {t} SET {}", set.join(", ")),
                    format!("FROM {u} x"),
                    format!("WHERE x.id = {t}.id AND x.c5 = {}", ph(1)),
                ],
                "update",
                vec![(t, true), (u, false)],
                cols,
                None,
            )
        }
        // DELETE … USING (Postgres).
        12 => {
            let (t, u) = two(rng);
            Stmt::new(
                vec![
                    format!("DELETE FROM {t} USING {u}"),
                    format!("WHERE {u}.id = {t}.id AND {u}.c1 = {}", ph(1)),
                ],
                "delete",
                vec![(t, true), (u, false)],
                Vec::new(),
                None,
            )
        }
        // UNION, and a derived table.
        13 => {
            let (t, u) = (table(rng), table(rng));
            let v = table(rng);
            let all = *rng.pick(&["UNION", "UNION ALL"]);
            Stmt::new(
                vec![
                    format!("SELECT c1 FROM {t} WHERE c2 = {}", ph(1)),
                    format!("{all} SELECT s.c1 FROM (SELECT c1 FROM {u}) s"),
                    format!("JOIN {v} w ON w.c1 = s.c1"),
                ],
                "select",
                vec![(t, false), (u, false), (v, false)],
                Vec::new(),
                None,
            )
        }
        // INSERT … ON CONFLICT DO NOTHING.
        14 => {
            let t = table(rng);
            let cols = pick_columns(rng, 3);
            let list = cols.join(", ");
            Stmt::new(
                vec![
                    format!("INSERT INTO {t} ({list})"),
                    format!("VALUES ({})", phs(cols.len())),
                    "ON CONFLICT DO NOTHING".to_string(),
                ],
                "upsert",
                vec![(t, true)],
                cols,
                Some(list),
            )
        }
        // A data-modifying CTE (Postgres): two writes.
        15 => {
            let (t, u) = two(rng);
            Stmt::new(
                vec![
                    format!(
                        "WITH moved AS (DELETE FROM {t} WHERE c1 = {} RETURNING id, c1)",
                        ph(1)
                    ),
                    format!("INSERT INTO {u} (id, c1)"),
                    "SELECT id, c1 FROM moved".to_string(),
                ],
                "insert",
                vec![(t, true), (u, true)],
                vec![c("c1"), c("id")],
                None,
            )
        }
        // TRUNCATE.
        16 => {
            let t = table(rng);
            Stmt::new(
                vec![format!("TRUNCATE {t}")],
                "truncate",
                vec![(t, true)],
                Vec::new(),
                None,
            )
        }
        // WITH cte AS (…) SELECT.
        _ => {
            let (t, u) = (table(rng), table(rng));
            let cte = *rng.pick(CTE_NAMES);
            Stmt::new(
                vec![
                    format!(
                        "WITH {cte} AS (SELECT id, c1 FROM {t} WHERE c2 > {})",
                        ph(1)
                    ),
                    format!("SELECT r.c1, b.c2 FROM {cte} r"),
                    format!("JOIN {u} b ON b.id = r.id"),
                ],
                "select",
                vec![(t, false), (u, false)],
                Vec::new(),
                None,
            )
        }
    }
}

/// How a string literal is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LitStyle {
    /// `"a b c"`
    Interp,
    /// `"a\n\tb\n\tc"`
    InterpEscapes,
    /// `` `a b c` ``
    Raw,
    /// A raw string over several lines.
    RawLines,
    /// `"a " +` / `"b " +` / `"c"` over several lines.
    Concat,
    /// A `+` chain of 33 to 48 literals, one per line (long queries are
    /// written like this).
    LongConcat,
}

fn gen_style(rng: &mut Rng) -> LitStyle {
    match rng.weighted(&[6, 2, 2, 4, 4, 1]) {
        0 => LitStyle::Interp,
        1 => LitStyle::InterpEscapes,
        2 => LitStyle::Raw,
        3 => LitStyle::RawLines,
        4 => LitStyle::Concat,
        _ => LitStyle::LongConcat,
    }
}

/// The lines of a literal for `text`'s clauses, continuation lines
/// indented with `indent` plus a tab. The first line goes after whatever
/// precedes the literal; the caller appends what follows to the last.
fn render_lit(clauses: &[String], style: LitStyle, indent: &str) -> Vec<String> {
    let cont = format!("{indent}\t");
    match style {
        LitStyle::Interp => vec![format!("\"{}\"", clauses.join(" "))],
        LitStyle::InterpEscapes => vec![format!("\"{}\"", clauses.join("\\n\\t"))],
        LitStyle::Raw => vec![format!("`{}`", clauses.join(" "))],
        LitStyle::RawLines => {
            let mut out = Vec::new();
            for (i, c) in clauses.iter().enumerate() {
                let open = if i == 0 { "`" } else { "" };
                let lead = if i == 0 { "" } else { cont.as_str() };
                let close = if i + 1 == clauses.len() { "`" } else { "" };
                out.push(format!("{lead}{open}{c}{close}"));
            }
            out
        }
        LitStyle::Concat => concat_lines(
            &clauses
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i + 1 == clauses.len() {
                        c.clone()
                    } else {
                        format!("{c} ")
                    }
                })
                .collect::<Vec<_>>(),
            &cont,
        ),
        LitStyle::LongConcat => {
            let text = clauses.join(" ");
            // Split at spaces, then halve the longest pieces until there
            // are 33 + (len % 16) of them.
            let target = 33 + text.len() % 16;
            let mut pieces: Vec<String> = Vec::new();
            let mut cur = String::new();
            for ch in text.chars() {
                cur.push(ch);
                if ch == ' ' {
                    pieces.push(std::mem::take(&mut cur));
                }
            }
            if !cur.is_empty() {
                pieces.push(cur);
            }
            while pieces.len() < target {
                let (i, _) = pieces
                    .iter()
                    .enumerate()
                    .max_by_key(|(i, p)| (p.len(), usize::MAX - i))
                    .unwrap();
                if pieces[i].len() < 2 {
                    break;
                }
                let p = pieces.remove(i);
                let mid = p.len() / 2;
                pieces.insert(i, p[mid..].to_string());
                pieces.insert(i, p[..mid].to_string());
            }
            concat_lines(&pieces, &cont)
        }
    }
}

fn concat_lines(pieces: &[String], cont: &str) -> Vec<String> {
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let lead = if i == 0 { "" } else { cont };
            let plus = if i + 1 == pieces.len() { "" } else { " +" };
            format!("{lead}\"{p}\"{plus}")
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The model

#[derive(Debug, Clone)]
pub struct Model {
    pub seed: u64,
    pub dynamic: bool,
    pub domains: Vec<String>,
    /// Exported constants of `internal/sqlq`.
    pub shared: Vec<ConstM>,
    pub packages: Vec<PackageM>,
}

#[derive(Debug, Clone)]
pub struct PackageM {
    /// Relative directory, `internal/d0/store`.
    pub dir: String,
    /// Index into `Model::domains`; None: outside every domain.
    pub domain: Option<usize>,
    pub consts: Vec<ConstM>,
    /// Constants in one `const ( … )` block.
    pub grouped: bool,
    pub files: Vec<FileM>,
}

impl PackageM {
    pub fn name(&self) -> &str {
        self.dir.rsplit('/').next().unwrap()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestKind {
    No,
    /// `x_test.go` in the package.
    Internal,
    /// `x_test.go` in `package x_test`.
    External,
}

#[derive(Debug, Clone)]
pub struct FileM {
    pub name: String,
    pub test: TestKind,
    pub funcs: Vec<FuncM>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Receiver {
    None,
    Ptr(&'static str),
    Val(&'static str),
}

#[derive(Debug, Clone)]
pub struct FuncM {
    pub name: String,
    pub recv: Receiver,
    pub uses: Vec<UseM>,
}

impl FuncM {
    /// The name as goseam spells it.
    pub fn spelled(&self) -> String {
        match self.recv {
            Receiver::None => self.name.clone(),
            Receiver::Ptr(t) => format!("(*{t}).{}", self.name),
            Receiver::Val(t) => format!("{t}.{}", self.name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure {
    None,
    /// `func() { use }()`
    One,
    /// `func() { func() { use }() }()`
    Nested,
    /// The local is assigned outside, the call is made in a closure.
    Capture,
}

#[derive(Debug, Clone)]
pub struct UseM {
    pub src: Src,
    /// `Exec`, `QueryContext`, …
    pub method: &'static str,
    pub recv: DbRecv,
    pub closure: Closure,
}

/// What the method is called on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbRecv {
    /// The `*sql.DB`: a parameter, a field (`s.db`), or embedded (`d.Exec`).
    Db,
    /// The `*sql.Tx` parameter.
    Tx,
    /// `btx, _ := db.Begin()` (or `BeginTx`) just before.
    Begin,
    /// `conn, _ := db.Conn(ctx)` just before (a `*sql.Conn`).
    Conn,
}

/// Where the statement of a use comes from.
#[derive(Debug, Clone)]
pub enum Src {
    /// A literal in the call.
    Lit(Stmt, LitStyle),
    /// A constant of the package.
    Const(String),
    /// `sqlq.Name`.
    Shared(String),
    /// `lq := <literal>`, then the call.
    Local(Stmt, LitStyle),
    /// `lq := qName` (or `lq := sqlq.Name` when `shared`), then the call.
    LocalConst { name: String, shared: bool },
    /// `var lq string`, then `lq = <literal>` (or an `if`/`else` assigning
    /// one of two literals), then the call.
    LocalAssigned(Vec<(Stmt, LitStyle)>),
    /// `string(qName)`, where `const qName Query = "…"` has a named string
    /// type.
    TypedConst(String),
    /// `fmt.Sprintf("<template>", args…)` in the call: unresolved.
    DynSprintf(DynTemplate),
    /// `lq := fmt.Sprintf(…)`, then the call: unresolved.
    DynSprintfLocal(DynTemplate),
    /// `fmt.Sprintf(tplName, args…)` with a package constant template.
    DynSprintfConst { name: String, args: &'static str },
    /// `"<prefix>" + name` (or `+ name + " WHERE …"`): unresolved.
    DynConcat { prefix: &'static str, suffix: bool },
    /// `fmt.Sprintf("<statement with %d>", n)`: a template site.
    StaticTemplate(Stmt),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DynTemplate {
    pub template: &'static str,
    /// The Go argument list after the template.
    pub args: &'static str,
}

pub const DYN_TEMPLATES: &[DynTemplate] = &[
    DynTemplate {
        template: "SELECT * FROM %s",
        args: "name",
    },
    DynTemplate {
        template: "SELECT c1 FROM %s WHERE id = $1",
        args: "name",
    },
    DynTemplate {
        template: "DELETE FROM %s WHERE id = $1",
        args: "name",
    },
    DynTemplate {
        template: "INSERT INTO %s (c1) VALUES ($1)",
        args: "name",
    },
    DynTemplate {
        template: "UPDATE %s SET c1 = $1 WHERE id = $2",
        args: "name",
    },
    DynTemplate {
        template: "SELECT a.c1 FROM %s a JOIN %s b ON a.id = b.id",
        args: "name, name",
    },
    DynTemplate {
        template: "SELECT * FROM %[1]s WHERE c1 = %[2]d",
        args: "name, n",
    },
];

pub const DYN_PREFIXES: &[&str] = &[
    "SELECT * FROM ",
    "SELECT c1, c2 FROM ",
    "DELETE FROM ",
    "INSERT INTO ",
];

#[derive(Debug, Clone)]
pub struct ConstM {
    pub name: String,
    pub def: ConstDef,
}

#[derive(Debug, Clone)]
pub enum ConstDef {
    /// `const q = <literal>`
    Plain(Stmt, LitStyle),
    /// `const qh = "<first clause> "`, `const qt = "<rest>"`,
    /// `const q = qh + qt`.
    Split(Stmt),
    /// `const qcols = "a, b"`,
    /// `const q = "INSERT INTO t (" + qcols + ") VALUES …"`.
    Cols(Stmt),
    /// A `fmt.Sprintf` template with a table verb.
    Template(&'static str),
    /// `const q Query = <literal>` (`type Query string`).
    Typed(Stmt, LitStyle),
}

impl ConstM {
    pub fn stmt(&self) -> Option<&Stmt> {
        match &self.def {
            ConstDef::Plain(s, _)
            | ConstDef::Split(s)
            | ConstDef::Cols(s)
            | ConstDef::Typed(s, _) => Some(s),
            ConstDef::Template(_) => None,
        }
    }
}

const PKG_NAMES: &[&str] = &[
    "store",
    "repo",
    "ledger",
    "svc/orders",
    "api/v1",
    "jobs",
    "audit",
    "core/users",
];
const METHODS: &[&str] = &[
    "Exec",
    "ExecContext",
    "Query",
    "QueryContext",
    "QueryRow",
    "QueryRowContext",
    "Exec",
    "ExecContext",
    "Query",
    "QueryContext",
    "QueryRow",
    "QueryRowContext",
    "Prepare",
    "PrepareContext",
];
/// The methods of `*sql.Conn`, which all take a context.
const CONN_METHODS: &[&str] = &[
    "ExecContext",
    "QueryContext",
    "QueryRowContext",
    "PrepareContext",
];

/// Counters for names: constants and functions are numbered per package
/// (so packages share names, as real ones do), `sqlq` constants globally.
#[derive(Default)]
struct Names {
    consts: usize,
    funcs: usize,
    shared: usize,
}

impl Model {
    /// Draw a model from `seed`. With `dynamic`, functions also hold SQL
    /// whose tables are chosen at run time.
    pub fn generate(seed: u64, dynamic: bool) -> Model {
        let mut rng = Rng::new(seed);
        let rng = &mut rng;
        let ntables = rng.range(3, 10);
        let ndomains = rng.range(2, 5);
        let domains: Vec<String> = (0..ndomains).map(|i| format!("d{i}")).collect();
        let mut names = Names::default();
        let mut shared: Vec<ConstM> = Vec::new();
        let mut packages = Vec::new();
        let mut dirs: Vec<(String, Option<usize>)> = Vec::new();
        for d in 0..ndomains {
            let mut avail: Vec<&str> = PKG_NAMES.to_vec();
            for _ in 0..rng.range(1, 3) {
                let p = avail.remove(rng.below(avail.len()));
                dirs.push((format!("internal/d{d}/{p}"), Some(d)));
            }
        }
        if rng.chance(1, 2) {
            dirs.push(("internal/platform/tool".to_string(), None));
        }
        for (dir, domain) in dirs {
            names.consts = 0;
            names.funcs = 0;
            let mut pkg = PackageM {
                dir,
                domain,
                consts: Vec::new(),
                grouped: rng.chance(1, 3),
                files: Vec::new(),
            };
            for f in 0..rng.range(1, 3) {
                let mut file = FileM {
                    name: format!("f{f}.go"),
                    test: TestKind::No,
                    funcs: Vec::new(),
                };
                for _ in 0..rng.range(1, 3) {
                    names.funcs += 1;
                    let recv = match rng.below(4) {
                        0 => Receiver::None,
                        1 => Receiver::Ptr("Store"),
                        2 => Receiver::Ptr("Dao"),
                        _ => Receiver::Val("Repo"),
                    };
                    let name = match recv {
                        Receiver::None => format!("F{}", names.funcs),
                        _ => format!("M{}", names.funcs),
                    };
                    let mut func = FuncM {
                        name,
                        recv,
                        uses: Vec::new(),
                    };
                    for _ in 0..rng.range(1, 4) {
                        let u = gen_use(
                            rng,
                            ntables,
                            &mut names,
                            &mut pkg.consts,
                            &mut shared,
                            TestKind::No,
                            dynamic,
                        );
                        func.uses.push(u);
                    }
                    file.funcs.push(func);
                }
                pkg.files.push(file);
            }
            if rng.chance(1, 3) {
                let kind = if rng.chance(1, 2) {
                    TestKind::Internal
                } else {
                    TestKind::External
                };
                let mut file = FileM {
                    name: match kind {
                        TestKind::External => "ext_test.go".to_string(),
                        _ => "int_test.go".to_string(),
                    },
                    test: kind,
                    funcs: Vec::new(),
                };
                for _ in 0..rng.range(1, 2) {
                    names.funcs += 1;
                    let mut func = FuncM {
                        name: format!("TestF{}", names.funcs),
                        recv: Receiver::None,
                        uses: Vec::new(),
                    };
                    for _ in 0..rng.range(1, 2) {
                        let u = gen_use(
                            rng,
                            ntables,
                            &mut names,
                            &mut pkg.consts,
                            &mut shared,
                            kind,
                            false,
                        );
                        func.uses.push(u);
                    }
                    file.funcs.push(func);
                }
                pkg.files.push(file);
            }
            // A constant nothing uses.
            if rng.chance(1, 4) {
                names.consts += 1;
                let stmt = gen_stmt(rng, ntables);
                let style = gen_style(rng);
                pkg.consts.push(ConstM {
                    name: format!("q{}", names.consts),
                    def: ConstDef::Plain(stmt, style),
                });
            }
            packages.push(pkg);
        }
        if rng.chance(1, 3) {
            names.shared += 1;
            let stmt = gen_stmt(rng, ntables);
            shared.push(ConstM {
                name: format!("Q{}", names.shared),
                def: ConstDef::Plain(stmt, LitStyle::Interp),
            });
        }
        Model {
            seed,
            dynamic,
            domains,
            shared,
            packages,
        }
    }
}

fn new_const(rng: &mut Rng, ntables: usize, names: &mut Names, exported: bool) -> ConstM {
    let name = if exported {
        names.shared += 1;
        format!("Q{}", names.shared)
    } else {
        names.consts += 1;
        format!("q{}", names.consts)
    };
    let stmt = gen_stmt(rng, ntables);
    let def = match rng.below(5) {
        0 => ConstDef::Split(stmt),
        1 if stmt.col_list.is_some() => ConstDef::Cols(stmt),
        _ => ConstDef::Plain(stmt, gen_style(rng)),
    };
    ConstM { name, def }
}

/// An existing SQL constant (to be used again) or a new one.
fn sql_const(
    rng: &mut Rng,
    ntables: usize,
    names: &mut Names,
    consts: &mut Vec<ConstM>,
    exported: bool,
) -> String {
    let existing: Vec<&ConstM> = consts
        .iter()
        .filter(|c| {
            matches!(
                c.def,
                ConstDef::Plain(..) | ConstDef::Split(_) | ConstDef::Cols(_)
            )
        })
        .collect();
    if !existing.is_empty() && rng.chance(1, 2) {
        return rng.pick(&existing).name.clone();
    }
    let c = new_const(rng, ntables, names, exported);
    let name = c.name.clone();
    consts.push(c);
    name
}

fn gen_use(
    rng: &mut Rng,
    ntables: usize,
    names: &mut Names,
    consts: &mut Vec<ConstM>,
    shared: &mut Vec<ConstM>,
    test: TestKind,
    dynamic: bool,
) -> UseM {
    let own_consts = test != TestKind::External;
    // Lit, Const, Shared, Local, LocalConst, dynamic kinds, static
    // template, LocalAssigned, TypedConst.
    let weights = [
        4,
        if own_consts { 4 } else { 0 },
        2,
        2,
        if own_consts { 1 } else { 0 },
        if dynamic { 3 } else { 0 },
        if dynamic { 1 } else { 0 },
        1,
        if own_consts { 1 } else { 0 },
    ];
    let src = match rng.weighted(&weights) {
        0 => Src::Lit(gen_stmt(rng, ntables), gen_style(rng)),
        1 => Src::Const(sql_const(rng, ntables, names, consts, false)),
        2 => Src::Shared(sql_const(rng, ntables, names, shared, true)),
        3 => Src::Local(gen_stmt(rng, ntables), gen_style(rng)),
        4 => {
            if rng.chance(1, 2) {
                Src::LocalConst {
                    name: sql_const(rng, ntables, names, consts, false),
                    shared: false,
                }
            } else {
                Src::LocalConst {
                    name: sql_const(rng, ntables, names, shared, true),
                    shared: true,
                }
            }
        }
        5 => match rng.below(4) {
            0 => Src::DynSprintf(*rng.pick(DYN_TEMPLATES)),
            1 => Src::DynSprintfLocal(*rng.pick(DYN_TEMPLATES)),
            2 => {
                let t = *rng.pick(DYN_TEMPLATES);
                names.consts += 1;
                let name = format!("tpl{}", names.consts);
                consts.push(ConstM {
                    name: name.clone(),
                    def: ConstDef::Template(t.template),
                });
                Src::DynSprintfConst { name, args: t.args }
            }
            _ => Src::DynConcat {
                prefix: rng.pick_str(DYN_PREFIXES),
                suffix: rng.chance(1, 2),
            },
        },
        6 => Src::StaticTemplate(loop {
            // TRUNCATE has no value to format.
            let s = gen_stmt(rng, ntables).with_value_verb();
            if s.one_line().contains("%d") {
                break s;
            }
        }),
        7 => Src::LocalAssigned(
            (0..rng.range(1, 2))
                .map(|_| (gen_stmt(rng, ntables), gen_style(rng)))
                .collect(),
        ),
        _ => {
            let existing: Vec<&ConstM> = consts
                .iter()
                .filter(|c| matches!(c.def, ConstDef::Typed(..)))
                .collect();
            if !existing.is_empty() && rng.chance(1, 2) {
                Src::TypedConst(rng.pick(&existing).name.clone())
            } else {
                names.consts += 1;
                let name = format!("q{}", names.consts);
                consts.push(ConstM {
                    name: name.clone(),
                    def: ConstDef::Typed(gen_stmt(rng, ntables), gen_style(rng)),
                });
                Src::TypedConst(name)
            }
        }
    };
    let local = matches!(
        src,
        Src::Local(..) | Src::LocalConst { .. } | Src::DynSprintfLocal(_) | Src::LocalAssigned(_)
    );
    let closure = match rng.below(10) {
        0 => Closure::One,
        1 => Closure::Nested,
        2 if local => Closure::Capture,
        _ => Closure::None,
    };
    let recv = match rng.weighted(&[6, 3, 1, 1]) {
        0 => DbRecv::Db,
        1 => DbRecv::Tx,
        2 => DbRecv::Begin,
        _ => DbRecv::Conn,
    };
    let method = if recv == DbRecv::Conn {
        *rng.pick(CONN_METHODS)
    } else {
        *rng.pick(METHODS)
    };
    UseM {
        src,
        method,
        recv,
        closure,
    }
}

// ---------------------------------------------------------------------------
// Rendering

/// One table access goseam must report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Access {
    pub table: String,
    pub write: bool,
    pub domain: String,
    pub package: String,
    pub function: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub operation: String,
    pub columns: Vec<String>,
    pub test: bool,
}

/// One unresolved SQL use goseam must report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExpUnresolved {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub package: String,
    pub function: String,
    pub test: bool,
    pub template: Option<String>,
}

/// A package-level SQL constant nothing uses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExpUnused {
    pub package: String,
    pub name: String,
    pub file: String,
    pub line: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Expected {
    pub accesses: BTreeSet<Access>,
    pub unresolved: BTreeSet<ExpUnresolved>,
    pub unused: BTreeSet<ExpUnused>,
    /// The call each driver site is the statement argument of, by (file,
    /// line, column); sites made of locals are not listed.
    pub via: BTreeMap<(String, u64, u64), String>,
    /// Constants that may or may not be listed as unused: the parts of a
    /// folded constant nothing uses, templates nothing uses.
    pub unused_tolerated: BTreeSet<(String, String)>,
}

/// The files of a rendered model (relative path → contents) and what
/// goseam must find in them.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub files: BTreeMap<String, String>,
    pub expected: Expected,
}

impl Rendered {
    pub fn write_to(&self, root: &std::path::Path) {
        for (path, text) in &self.files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }
}

/// Lines of one file being written.
#[derive(Default)]
struct Lines(Vec<String>);

impl Lines {
    /// The 1-based number the next line gets.
    fn next(&self) -> u64 {
        self.0.len() as u64 + 1
    }
    fn push(&mut self, s: impl Into<String>) {
        self.0.push(s.into());
    }
    /// Push `prefix` + the literal's lines + `suffix`; returns the line and
    /// column where the literal starts.
    fn push_lit(&mut self, prefix: &str, lit: &[String], suffix: &str) -> (u64, u64) {
        let at = (self.next(), prefix.len() as u64 + 1);
        for (i, l) in lit.iter().enumerate() {
            let mut s = String::new();
            if i == 0 {
                s.push_str(prefix);
            }
            s.push_str(l);
            if i + 1 == lit.len() {
                s.push_str(suffix);
            }
            self.push(s);
        }
        at
    }
    fn text(&self) -> String {
        let mut s = self.0.join("\n");
        s.push('\n');
        s
    }
}

/// Where a use's site is, for the expectations.
struct SiteCx<'a> {
    domain: &'a str,
    package: String,
    file: String,
    test: bool,
}

struct Renderer<'a> {
    model: &'a Model,
    exp: Expected,
    /// Constants some use names, as (import path, name).
    used: BTreeSet<(String, String)>,
}

fn go_import_block(imports: &BTreeSet<&str>) -> Vec<String> {
    let mut out = vec!["import (".to_string()];
    let (std, local): (Vec<&str>, Vec<&str>) = imports.iter().partition(|i| !i.contains('.'));
    for i in &std {
        out.push(format!("\t\"{i}\""));
    }
    if !std.is_empty() && !local.is_empty() {
        out.push(String::new());
    }
    for i in &local {
        out.push(format!("\t\"{i}\""));
    }
    out.push(")".to_string());
    out
}

impl Model {
    pub fn goseam_toml(&self) -> String {
        let mut s = String::from("# generated by cli/tests/gen\n");
        for d in &self.domains {
            s.push_str(&format!(
                "\n[[domain]]\nname = \"{d}\"\npaths = [\"internal/{d}/**\"]\n"
            ));
        }
        s
    }

    fn shared_const(&self, name: &str) -> Option<&ConstM> {
        self.shared.iter().find(|c| c.name == name)
    }

    pub fn render(&self) -> Rendered {
        let mut r = Renderer {
            model: self,
            exp: Expected::default(),
            used: BTreeSet::new(),
        };
        let mut files = BTreeMap::new();
        files.insert(
            "go.mod".to_string(),
            format!("module {MODULE}\n\ngo 1.21\n"),
        );
        files.insert("goseam.toml".to_string(), self.goseam_toml());
        for pkg in &self.packages {
            for f in &pkg.files {
                let text = r.func_file(pkg, f);
                files.insert(format!("{}/{}", pkg.dir, f.name), text);
            }
        }
        // Declarations last: which constants are used is known now.
        for pkg in &self.packages {
            let text = r.decl_file(
                &pkg.dir,
                pkg.name(),
                &pkg.consts,
                pkg.grouped,
                pkg.files.iter().any(|f| {
                    f.test != TestKind::External && f.funcs.iter().any(|g| g.recv != Receiver::None)
                }),
            );
            files.insert(format!("{}/decl.go", pkg.dir), text);
        }
        if !self.shared.is_empty() {
            let text = r.decl_file("internal/sqlq", "sqlq", &self.shared, false, false);
            files.insert("internal/sqlq/queries.go".to_string(), text);
        }
        Rendered {
            files,
            expected: r.exp,
        }
    }
}

impl Renderer<'_> {
    fn import_path(dir: &str) -> String {
        format!("{MODULE}/{dir}")
    }

    /// `decl.go`: the types the methods need and the package's constants.
    fn decl_file(
        &mut self,
        dir: &str,
        name: &str,
        consts: &[ConstM],
        grouped: bool,
        types: bool,
    ) -> String {
        let mut l = Lines::default();
        let file = format!(
            "{dir}/{}",
            if name == "sqlq" {
                "queries.go"
            } else {
                "decl.go"
            }
        );
        let pkg = Self::import_path(dir);
        l.push(format!("package {name}"));
        l.push("");
        if types {
            l.push("import \"database/sql\"");
            l.push("");
            l.push("type Store struct{ db *sql.DB }");
            l.push("");
            l.push("type Repo struct{ db *sql.DB }");
            l.push("");
            l.push("type Dao struct{ *sql.DB }");
            l.push("");
        }
        if consts.iter().any(|c| matches!(c.def, ConstDef::Typed(..))) {
            l.push("type Query string");
            l.push("");
        }
        if consts.is_empty() {
            return l.text();
        }
        let (lead, kw) = if grouped {
            l.push("const (");
            ("\t", "")
        } else {
            ("", "const ")
        };
        for c in consts {
            let used = self.used.contains(&(pkg.clone(), c.name.clone()));
            let decl = |l: &mut Lines, n: &str, lit: &[String]| -> u64 {
                let line = l.next();
                l.push_lit(&format!("{lead}{kw}{n} = "), lit, "");
                line
            };
            match &c.def {
                ConstDef::Plain(stmt, style) => {
                    let line = decl(&mut l, &c.name, &render_lit(&stmt.clauses, *style, lead));
                    if !used {
                        self.exp.unused.insert(ExpUnused {
                            package: pkg.clone(),
                            name: c.name.clone(),
                            file: file.clone(),
                            line,
                        });
                    }
                }
                ConstDef::Split(stmt) => {
                    let (h, t) = (format!("{}h", c.name), format!("{}t", c.name));
                    let head = format!("\"{} \"", stmt.clauses[0]);
                    let tail = format!("\"{}\"", stmt.clauses[1..].join(" "));
                    decl(&mut l, &h, &[head]);
                    decl(&mut l, &t, &[tail]);
                    decl(&mut l, &c.name, &[format!("{h} + {t}")]);
                    if !used {
                        for n in [&h, &t, &c.name] {
                            self.exp.unused_tolerated.insert((pkg.clone(), n.clone()));
                        }
                    }
                }
                ConstDef::Cols(stmt) => {
                    let cols = stmt.col_list.as_deref().unwrap();
                    let text = stmt.one_line();
                    let at = text.find(&format!("({cols})")).unwrap() + 1;
                    let n = format!("{}cols", c.name);
                    decl(&mut l, &n, &[format!("\"{cols}\"")]);
                    decl(
                        &mut l,
                        &c.name,
                        &[format!(
                            "\"{}\" + {n} + \"{}\"",
                            &text[..at],
                            &text[at + cols.len()..]
                        )],
                    );
                    if !used {
                        for n in [&n, &c.name] {
                            self.exp.unused_tolerated.insert((pkg.clone(), n.clone()));
                        }
                    }
                }
                ConstDef::Typed(stmt, style) => {
                    let lit = render_lit(&stmt.clauses, *style, lead);
                    decl(&mut l, &format!("{} Query", c.name), &lit);
                    if !used {
                        self.exp
                            .unused_tolerated
                            .insert((pkg.clone(), c.name.clone()));
                    }
                }
                ConstDef::Template(t) => {
                    decl(&mut l, &c.name, &[format!("\"{t}\"")]);
                    if !used {
                        self.exp
                            .unused_tolerated
                            .insert((pkg.clone(), c.name.clone()));
                    }
                }
            }
        }
        if grouped {
            l.push(")");
        }
        l.text()
    }

    fn func_file(&mut self, pkg: &PackageM, f: &FileM) -> String {
        let mut imports: BTreeSet<&str> = ["context", "database/sql"].into_iter().collect();
        let mut uses_fmt = false;
        let mut uses_sqlq = false;
        for u in f.funcs.iter().flat_map(|g| &g.uses) {
            match &u.src {
                Src::Shared(_) | Src::LocalConst { shared: true, .. } => uses_sqlq = true,
                Src::DynSprintf(_)
                | Src::DynSprintfLocal(_)
                | Src::DynSprintfConst { .. }
                | Src::StaticTemplate(_) => uses_fmt = true,
                _ => {}
            }
        }
        let sqlq = format!("{MODULE}/internal/sqlq");
        if uses_fmt {
            imports.insert("fmt");
        }
        if uses_sqlq {
            imports.insert(&sqlq);
        }
        if f.test != TestKind::No {
            imports.insert("testing");
        }
        let mut l = Lines::default();
        let (pkg_name, pkg_path) = match f.test {
            TestKind::External => (
                format!("{}_test", pkg.name()),
                format!("{}_test", Self::import_path(&pkg.dir)),
            ),
            _ => (pkg.name().to_string(), Self::import_path(&pkg.dir)),
        };
        l.push(format!("package {pkg_name}"));
        l.push("");
        for i in go_import_block(&imports) {
            l.push(i);
        }
        let domain = match pkg.domain {
            Some(d) => self.model.domains[d].as_str(),
            None => "(unassigned)",
        };
        let cx = SiteCx {
            domain,
            package: pkg_path,
            file: format!("{}/{}", pkg.dir, f.name),
            test: f.test != TestKind::No,
        };
        for func in &f.funcs {
            l.push("");
            let db = match func.recv {
                Receiver::None => {
                    if f.test == TestKind::No {
                        l.push(format!(
                            "func {}(ctx context.Context, db *sql.DB, tx *sql.Tx, name string, n int) {{",
                            func.name
                        ));
                    } else {
                        l.push(format!("func {}(t *testing.T) {{", func.name));
                        l.push("\tctx := context.Background()");
                        l.push("\tvar db *sql.DB");
                        l.push("\tvar tx *sql.Tx");
                        l.push("\t_, _, _ = ctx, db, tx");
                    }
                    "db"
                }
                Receiver::Ptr(t) => {
                    let (var, db) = if t == "Dao" {
                        ("d", "d")
                    } else {
                        ("s", "s.db")
                    };
                    l.push(format!(
                        "func ({var} *{t}) {}(ctx context.Context, tx *sql.Tx, name string, n int) {{",
                        func.name
                    ));
                    db
                }
                Receiver::Val(t) => {
                    l.push(format!(
                        "func (r {t}) {}(ctx context.Context, tx *sql.Tx, name string, n int) {{",
                        func.name
                    ));
                    "r.db"
                }
            };
            let spelled = func.spelled();
            let mut closures = 0;
            let mut locals = 0;
            for u in &func.uses {
                self.render_use(
                    &mut l,
                    &cx,
                    pkg,
                    u,
                    &spelled,
                    db,
                    &mut closures,
                    &mut locals,
                );
            }
            l.push("}");
        }
        l.text()
    }

    /// The statement of a constant, and marks it used.
    fn const_stmt(&mut self, pkg: &PackageM, name: &str, shared: bool) -> Option<Stmt> {
        let (path, c) = if shared {
            (
                Self::import_path("internal/sqlq"),
                self.model.shared_const(name),
            )
        } else {
            (
                Self::import_path(&pkg.dir),
                pkg.consts.iter().find(|c| c.name == name),
            )
        };
        let c = c.unwrap_or_else(|| panic!("constant {name} is declared"));
        self.used.insert((path, name.to_string()));
        c.stmt().cloned()
    }

    fn expect_site(
        &mut self,
        cx: &SiteCx,
        function: &str,
        at: (u64, u64),
        stmt: &Stmt,
        via: Option<&str>,
    ) {
        if let Some(via) = via {
            self.exp
                .via
                .insert((cx.file.clone(), at.0, at.1), via.to_string());
        }
        for (table, write) in &stmt.tables {
            self.exp.accesses.insert(Access {
                table: table.clone(),
                write: *write,
                domain: cx.domain.to_string(),
                package: cx.package.clone(),
                function: function.to_string(),
                file: cx.file.clone(),
                line: at.0,
                column: at.1,
                operation: stmt.operation.to_string(),
                columns: if *write {
                    stmt.columns.clone()
                } else {
                    Vec::new()
                },
                test: cx.test,
            });
        }
    }

    fn expect_unresolved(
        &mut self,
        cx: &SiteCx,
        function: &str,
        at: (u64, u64),
        template: Option<&str>,
    ) {
        self.exp.unresolved.insert(ExpUnresolved {
            file: cx.file.clone(),
            line: at.0,
            column: at.1,
            package: cx.package.clone(),
            function: function.to_string(),
            test: cx.test,
            template: template.map(str::to_string),
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn render_use(
        &mut self,
        l: &mut Lines,
        cx: &SiteCx,
        pkg: &PackageM,
        u: &UseM,
        func: &str,
        db: &str,
        closures: &mut usize,
        locals: &mut usize,
    ) {
        // Open the closures; `inner` is the function the call is in.
        let mut indent = "\t".to_string();
        let outer = func.to_string();
        let mut inner = func.to_string();
        let mut open = 0;
        if u.closure != Closure::None {
            *closures += 1;
            inner = format!("{func}.func{}", *closures);
        }
        if matches!(u.closure, Closure::One | Closure::Nested) {
            l.push(format!("{indent}func() {{"));
            indent.push('\t');
            open += 1;
            if u.closure == Closure::Nested {
                l.push(format!("{indent}func() {{"));
                indent.push('\t');
                open += 1;
                inner.push_str(".1");
            }
        }
        // The receiver, maybe from a local made just before the call.
        let recv_type = match u.recv {
            DbRecv::Db => "DB",
            DbRecv::Tx | DbRecv::Begin => "Tx",
            DbRecv::Conn => "Conn",
        };
        let via = format!("(*database/sql.{recv_type}).{}", u.method);
        let recv_local = |l: &mut Lines, indent: &str, locals: &mut usize| -> String {
            match u.recv {
                DbRecv::Db => db.to_string(),
                DbRecv::Tx => "tx".to_string(),
                DbRecv::Begin => {
                    *locals += 1;
                    let begin = if locals.is_multiple_of(2) {
                        "BeginTx(ctx, nil)"
                    } else {
                        "Begin()"
                    };
                    l.push(format!("{indent}btx{}, _ := {db}.{begin}", *locals));
                    format!("btx{}", *locals)
                }
                DbRecv::Conn => {
                    *locals += 1;
                    l.push(format!("{indent}conn{}, _ := {db}.Conn(ctx)", *locals));
                    format!("conn{}", *locals)
                }
            }
        };
        let assign = if u.method.starts_with("QueryRow") {
            "_ = "
        } else {
            "_, _ = "
        };
        let ctx = if u.method.ends_with("Context") {
            "ctx, "
        } else {
            ""
        };
        let call = |l: &mut Lines, indent: &str, locals: &mut usize| {
            let recv = recv_local(l, indent, locals);
            format!("{indent}{assign}{recv}.{}({ctx}", u.method)
        };
        match &u.src {
            Src::Lit(stmt, style) => {
                let lit = render_lit(&stmt.clauses, *style, &indent);
                let prefix = call(l, &indent, locals);
                let at = l.push_lit(&prefix, &lit, ")");
                self.expect_site(cx, &inner, at, stmt, Some(&via));
            }
            Src::Const(name) => {
                let stmt = self.const_stmt(pkg, name, false).unwrap();
                let prefix = call(l, &indent, locals);
                let at = l.push_lit(&prefix, std::slice::from_ref(name), ")");
                self.expect_site(cx, &inner, at, &stmt, Some(&via));
            }
            Src::Shared(name) => {
                let stmt = self.const_stmt(pkg, name, true).unwrap();
                let prefix = call(l, &indent, locals);
                let at = l.push_lit(&prefix, &[format!("sqlq.{name}")], ")");
                self.expect_site(cx, &inner, at, &stmt, Some(&via));
            }
            Src::TypedConst(name) => {
                let stmt = self.const_stmt(pkg, name, false).unwrap();
                let prefix = format!("{}string(", call(l, &indent, locals));
                let at = l.push_lit(&prefix, std::slice::from_ref(name), "))");
                self.expect_site(cx, &inner, at, &stmt, None);
            }
            Src::StaticTemplate(stmt) => {
                let lit = render_lit(&stmt.clauses, LitStyle::Interp, &indent);
                let prefix = format!("{}fmt.Sprintf(", call(l, &indent, locals));
                let at = l.push_lit(&prefix, &lit, ", n))");
                self.expect_site(cx, &inner, at, stmt, Some("fmt.Sprintf"));
            }
            Src::DynSprintf(t) => {
                let prefix = format!("{}fmt.Sprintf(", call(l, &indent, locals));
                let at = l.push_lit(
                    &prefix,
                    &[format!("\"{}\"", t.template)],
                    &format!(", {}))", t.args),
                );
                self.expect_unresolved(cx, &inner, at, Some(t.template));
            }
            Src::DynSprintfConst { name, args } => {
                let c = pkg.consts.iter().find(|c| &c.name == name).unwrap();
                let ConstDef::Template(template) = c.def else {
                    panic!("{name} is a template")
                };
                self.used
                    .insert((Self::import_path(&pkg.dir), name.clone()));
                let prefix = format!("{}fmt.Sprintf(", call(l, &indent, locals));
                let at = l.push_lit(&prefix, std::slice::from_ref(name), &format!(", {args}))"));
                self.expect_unresolved(cx, &inner, at, Some(template));
            }
            Src::DynConcat { prefix, suffix } => {
                let rest = if *suffix {
                    " + name + \" WHERE id = $1\")"
                } else {
                    " + name)"
                };
                let call = call(l, &indent, locals);
                let at = l.push_lit(&call, &[format!("\"{prefix}\"")], rest);
                self.expect_unresolved(cx, &inner, at, Some(prefix));
            }
            Src::Local(..)
            | Src::LocalConst { .. }
            | Src::DynSprintfLocal(_)
            | Src::LocalAssigned(_) => {
                // The assignment, then (maybe in a closure) the call.
                *locals += 1;
                let var = format!("lq{}", *locals);
                let assign_prefix = format!("{indent}{var} := ");
                // The assignment is in `inner` unless the closure only
                // captures it.
                let site_fn = if u.closure == Closure::Capture {
                    outer.clone()
                } else {
                    inner.clone()
                };
                match &u.src {
                    Src::Local(stmt, style) => {
                        let lit = render_lit(&stmt.clauses, *style, &indent);
                        let at = l.push_lit(&assign_prefix, &lit, "");
                        self.expect_site(cx, &site_fn, at, stmt, None);
                    }
                    Src::LocalConst { name, shared } => {
                        let stmt = self.const_stmt(pkg, name, *shared).unwrap();
                        let text = if *shared {
                            format!("sqlq.{name}")
                        } else {
                            name.clone()
                        };
                        let at = l.push_lit(&assign_prefix, &[text], "");
                        self.expect_site(cx, &site_fn, at, &stmt, None);
                    }
                    Src::DynSprintfLocal(t) => {
                        let at = l.push_lit(
                            &format!("{assign_prefix}fmt.Sprintf("),
                            &[format!("\"{}\"", t.template)],
                            &format!(", {})", t.args),
                        );
                        self.expect_unresolved(cx, &site_fn, at, Some(t.template));
                    }
                    Src::LocalAssigned(stmts) => {
                        l.push(format!("{indent}var {var} string"));
                        let branches = stmts.len() > 1;
                        let inner_indent = if branches {
                            l.push(format!("{indent}if ctx != nil {{"));
                            format!("{indent}\t")
                        } else {
                            indent.clone()
                        };
                        for (i, (stmt, style)) in stmts.iter().enumerate() {
                            if i > 0 {
                                l.push(format!("{indent}}} else {{"));
                            }
                            let lit = render_lit(&stmt.clauses, *style, &inner_indent);
                            let at = l.push_lit(&format!("{inner_indent}{var} = "), &lit, "");
                            self.expect_site(cx, &site_fn, at, stmt, None);
                        }
                        if branches {
                            l.push(format!("{indent}}}"));
                        }
                    }
                    _ => unreachable!(),
                }
                if u.closure == Closure::Capture {
                    l.push(format!("{indent}func() {{"));
                    indent.push('\t');
                    open += 1;
                } else {
                    l.push(format!("{indent}_ = ctx"));
                }
                let call = call(l, &indent, locals);
                l.push(format!("{call}{var})"));
            }
        }
        for _ in 0..open {
            indent.pop();
            l.push(format!("{indent}}}()"));
        }
    }
}

/// Every table name the model's expectations mention, with the domains
/// whose production code writes and reads it.
pub fn expected_tables(
    exp: &Expected,
) -> BTreeMap<String, (BTreeSet<String>, BTreeSet<String>, bool)> {
    let mut out: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>, bool)> = BTreeMap::new();
    for a in &exp.accesses {
        let e = out.entry(a.table.clone()).or_default();
        if a.test {
            continue;
        }
        e.2 = true;
        if a.write {
            e.0.insert(a.domain.clone());
        } else {
            e.1.insert(a.domain.clone());
        }
    }
    out
}

/// The status the documentation gives a table, from its production writers
/// and readers (`prod`: some production code touches it).
pub fn expected_status(
    writers: &BTreeSet<String>,
    readers: &BTreeSet<String>,
    prod: bool,
) -> &'static str {
    match writers.len() {
        0 if !readers.is_empty() => "read-only",
        0 if !prod => "test-only",
        0 => "unaccessed",
        1 => {
            let w = writers.iter().next().unwrap();
            if readers.iter().any(|r| r != w) {
                "read-shared"
            } else {
                "owned"
            }
        }
        _ => "shared",
    }
}
