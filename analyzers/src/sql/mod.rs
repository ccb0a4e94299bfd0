//! Table ownership facts for ONE SQL statement string: which tables it reads
//! and writes, which columns it writes, and what kind of statement it is.
//!
//! Why: goseam attributes database tables to the Go code that touches them.
//! Go programs carry SQL as string literals, so the caller hands every
//! candidate string to [`analyze_statement`]; [`NotSql`] tells it the string
//! is ordinary text, anything else is a statement (parsed or not).
//!
//! How: the string is parsed with `sqlparser` in the configured dialect, or
//! in Postgres, MySQL and SQLite in turn ([`DialectChoice::Any`]). Bind
//! placeholders a dialect does not accept (`?`, `$1`, `:name`, `@name`) are
//! rewritten to the literal `1` and the parse retried. When no dialect parses
//! the string, a tolerant token scan produces the facts with
//! `parsed: false`.
//!
//! What it cannot do:
//! - It sees one string. SQL assembled at run time (`fmt.Sprintf("... %s")`,
//!   string concatenation, query builders) is only as good as the literal:
//!   a `%s` table name yields no table.
//! - Names are reported as written (`public.users`, `users`, `Users` are three
//!   names); there is no schema search path or case folding.
//! - A CTE name hides a real table of the same unqualified name anywhere in
//!   the statement, not only inside the CTE's scope.
//! - Views, triggers, rules and foreign keys are not followed: writing a view
//!   is reported as writing the view's name.
//! - A multi-statement string is parsed as a whole: if one statement fails in
//!   every dialect, the whole string goes to the token scan.
//! - The token scan is a heuristic: it finds table names after `INTO`,
//!   `UPDATE … SET`, `DELETE FROM`, `FROM`, `JOIN`, `USING`, `TRUNCATE`,
//!   `COPY` and DDL `TABLE`/`ON`, and only `INSERT` column lists.

mod parsed;
mod scan;

use serde::Serialize;

/// Maximum parenthesis nesting handed to `sqlparser`. Deeper strings go
/// straight to the (iterative) token scan so that a hostile or generated
/// string cannot exhaust the stack.
pub const MAX_PARSER_NESTING: usize = 200;

/// An SQL dialect `sqlparser` can parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Postgres,
    MySql,
    Sqlite,
}

/// Which dialect(s) to try: a configured one, or each in turn (Postgres,
/// MySQL, SQLite) until one parses.
///
/// `Any` reports the first dialect that accepts the string, which is not
/// necessarily the database the code talks to (plain ANSI SQL parses as
/// Postgres).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DialectChoice {
    Only(Dialect),
    Any,
}

/// The kind of the top-level statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    Select,
    Insert,
    Update,
    Delete,
    /// `INSERT … ON CONFLICT …` (Postgres, SQLite), `INSERT … ON DUPLICATE
    /// KEY UPDATE` (MySQL), `UPSERT INTO` (token scan only).
    Upsert,
    /// `REPLACE INTO` (MySQL, SQLite) and SQLite `INSERT OR REPLACE`.
    Replace,
    Merge,
    Copy,
    Truncate,
    /// CREATE / ALTER / DROP and any other statement that is not DML.
    Ddl,
}

/// Whether a statement reads or writes a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Read,
    Write,
}

/// One table a statement touches. A table both read and written appears
/// twice, once per access.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TableRef {
    /// Schema-qualified as written, quotes removed: `public.users`.
    pub name: String,
    pub access: Access,
}

/// What one SQL string does to tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementFacts {
    /// Kind of the top-level statement; for several `;`-separated statements,
    /// the first one's.
    pub operation: Operation,
    /// Sorted by (name, access) and deduplicated. CTE names are not tables;
    /// aliases are resolved to the table; subqueries, joins and `INSERT …
    /// SELECT` sources are included as reads. Merged over all statements.
    pub tables: Vec<TableRef>,
    /// Unqualified column names written: the INSERT column list, UPDATE /
    /// upsert / MERGE SET targets, COPY FROM column lists. Sorted and
    /// deduplicated; empty when the statement does not name them (`INSERT
    /// INTO t VALUES …`).
    pub columns_written: Vec<String>,
    /// False when `sqlparser` failed in every dialect tried and the tolerant
    /// token scan produced the result.
    pub parsed: bool,
    /// The dialect that parsed the string (None when `parsed` is false).
    pub dialect: Option<Dialect>,
    /// The parser error from the first dialect tried, when `parsed` is false.
    pub error: Option<String>,
}

/// The string does not start (after whitespace and `--` / `/* */` comments)
/// with a statement keyword: SELECT, INSERT, UPDATE, DELETE, WITH, REPLACE,
/// MERGE, COPY, TRUNCATE, CREATE, ALTER, DROP, UPSERT. The keyword must be
/// followed by whitespace, `(`, `*` or `;` and by some further text, so
/// `select-box` and a bare `Delete` are not SQL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("not an SQL statement: no statement keyword at the start")]
pub struct NotSql;

/// Analyze one SQL string (possibly several `;`-separated statements, whose
/// facts are merged; the operation is the first statement's).
///
/// Never panics; strings nested deeper than [`MAX_PARSER_NESTING`]
/// parentheses skip the parser. Prose that happens to start with a keyword
/// (`"Update failed: %v"`) is not `NotSql`; it comes back with
/// `parsed: false` and usually no tables.
pub fn analyze_statement(sql: &str, dialect: DialectChoice) -> Result<StatementFacts, NotSql> {
    let lead = scan::leading_operation(sql).ok_or(NotSql)?;
    let dialects: &[Dialect] = match dialect {
        DialectChoice::Only(Dialect::Postgres) => &[Dialect::Postgres],
        DialectChoice::Only(Dialect::MySql) => &[Dialect::MySql],
        DialectChoice::Only(Dialect::Sqlite) => &[Dialect::Sqlite],
        DialectChoice::Any => &[Dialect::Postgres, Dialect::MySql, Dialect::Sqlite],
    };

    let depth = scan::max_paren_depth(sql);
    if depth > MAX_PARSER_NESTING {
        let error =
            format!("parenthesis nesting {depth} exceeds {MAX_PARSER_NESTING}; parser not run");
        return Ok(scan::token_scan(sql, lead, error));
    }

    let mut first_error: Option<String> = None;
    let mut neutral: Option<String> = None;
    for &d in dialects {
        match parsed::parse(sql, d) {
            Ok(facts) => return Ok(facts),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
        let rewritten = neutral.get_or_insert_with(|| scan::neutralize_placeholders(sql));
        if rewritten != sql {
            if let Ok(facts) = parsed::parse(rewritten, d) {
                return Ok(facts);
            }
        }
    }
    Ok(scan::token_scan(
        sql,
        lead,
        first_error.unwrap_or_else(|| "no statement parsed".to_string()),
    ))
}

/// The tables read and written, unqualified CTE names left out (a CTE
/// name is not a table).
fn table_refs(
    reads: Vec<String>,
    writes: Vec<String>,
    ctes: &std::collections::HashSet<String>,
) -> Vec<TableRef> {
    let is_table = |n: &String| n.contains('.') || !ctes.contains(&n.to_lowercase());
    let refs = |names: Vec<String>, access: Access| {
        names
            .into_iter()
            .filter(is_table)
            .map(move |name| TableRef { name, access })
    };
    refs(reads, Access::Read)
        .chain(refs(writes, Access::Write))
        .collect()
}

/// Sort and deduplicate the collected facts.
fn finish(
    operation: Operation,
    mut tables: Vec<TableRef>,
    mut columns_written: Vec<String>,
    parsed: bool,
    dialect: Option<Dialect>,
    error: Option<String>,
) -> StatementFacts {
    tables.retain(|t| !t.name.is_empty());
    tables.sort();
    tables.dedup();
    columns_written.retain(|c| !c.is_empty());
    columns_written.sort();
    columns_written.dedup();
    StatementFacts {
        operation,
        tables,
        columns_written,
        parsed,
        dialect,
        error,
    }
}
