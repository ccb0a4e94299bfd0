//! The database schema a repository's migrations build: which tables exist
//! after replaying every migration in order, with their columns.
//!
//! Why: table ownership needs to know what the tables *are* (a query naming
//! `ledger_entries.memo` after migration 0007 renamed it is stale; a table no
//! code touches is dead). The schema lives in migration files, so this module
//! finds them, orders them the way migration tools do and replays the DDL.
//!
//! # Finding migrations ([`discover_migrations`])
//!
//! With configured `schema_paths` (paths relative to the root, `/`-separated;
//! a directory means every `.sql` file below it, a file means that file),
//! exactly those are read. Otherwise a `.sql` file (extension compared
//! case-insensitively) is a migration when one of the directories on its
//! path relative to the root is named (case-insensitively) one of
//! [`MIGRATION_DIR_NAMES`] (`migrations`, `migration`, `migrate`, `schema`,
//! `schemas`), or when its own name is one of [`SCHEMA_FILE_NAMES`]
//! (`schema.sql`, `structure.sql`). Directories named `vendor`,
//! `node_modules` or `testdata`, and names starting with `.` or `_`, are not
//! entered (a configured path itself is always entered). The walk uses
//! `std::fs`, never follows symlinked directories (symlinked files are
//! read), stops [`MAX_WALK_DEPTH`] levels down and sorts what it finds.
//! Unreadable, non-UTF-8, binary (NUL bytes) and huge
//! (> [`MAX_MIGRATION_FILE_BYTES`]) files are [`SchemaProblem`]s.
//!
//! Down migrations are never read: golang-migrate `*.down.sql` and Flyway
//! `U<version>__*.sql` files are skipped. Inside a file, tool markers select
//! the part that migrates up:
//! - goose `-- +goose Up` / `-- +goose Down` and sql-migrate `-- +migrate Up`
//!   / `-- +migrate Down`: only Up sections apply; `StatementBegin` /
//!   `StatementEnd` enclose one statement that is not split at `;`;
//! - dbmate `-- migrate:up` / `-- migrate:down`;
//! - tern `---- create above / drop below ----`: only the text above applies.
//!
//! When a file has an Up marker, text before the first marker is ignored;
//! when it has no marker at all, the whole file applies. Statements are split
//! at `;` (or a MySQL `DELIMITER`) outside quotes, `--` and `/* */`
//! comments and `$tag$` dollar quotes; `BEGIN … END` inside `CREATE TRIGGER`
//! is kept whole ([`split_statements`]).
//!
//! # Order ([`OrderKey`])
//!
//! A file name gives the key ([`OrderKey::for_path`]); its directory is its
//! *sequence*. Files apply in three phases:
//! 1. **Baselines**: files without a version (`schema.sql`, `init.sql`,
//!    `structure.sql`), in path order. A plain schema dump is the state the
//!    migrations start from.
//! 2. **Versioned migrations**: a name starting with digits followed by `_`
//!    (golang-migrate `0001_x.up.sql`, goose/dbmate/atlas/tern `20240101_x.sql`)
//!    or only digits, or Flyway `V1_2__x.sql` / `V1.2__x.sql`; grouped by
//!    sequence (directory, in path order), then by numeric version (2 < 10;
//!    leading zeros ignored; timestamps of any length), then by path. Two
//!    files with the same version in one sequence are a problem; both apply,
//!    in path order.
//! 3. **Repeatables**: Flyway `R__x.sql`, in path order.
//!
//! Statements from Go code (goose Go migrations, `tx.Exec("ALTER TABLE …")`)
//! join the replay as [`MigrationSource`]s whose key the caller builds, e.g.
//! with [`OrderKey::for_path`] on `migrations/00005_backfill.go` so they land
//! at their version in the sequence of the directory they live in.
//!
//! # Replay ([`replay`], [`MigrationSet::replay`])
//!
//! Each statement is parsed with `sqlparser` in the configured dialect or in
//! Postgres, MySQL and SQLite in turn. Applied: `CREATE TABLE` (columns, `IF
//! NOT EXISTS`, `OR REPLACE`, `LIKE`, `INHERITS`, `PARTITION OF`; `AS SELECT`
//! and SQLite `CREATE VIRTUAL TABLE` give a table whose columns are not
//! known), `ALTER TABLE` `ADD` / `DROP` / `RENAME COLUMN`, `RENAME TO`,
//! `ALTER COLUMN … SET/DROP NOT NULL` and `… TYPE`, MySQL `CHANGE` / `MODIFY`
//! (and `FIRST` / `AFTER` positions), `ADD PRIMARY KEY` (marks columns not
//! null), MySQL `RENAME TABLE`, and `DROP TABLE`. Every other statement
//! (indexes, constraints, views, functions, seed `INSERT`s, comments …) is
//! counted as ignored. A statement that does not parse in any dialect is a
//! problem with its file and line and the replay continues; if it visibly
//! starts `CREATE TABLE name`, the table is still created, with
//! `columns_known: false`. `TEMPORARY` tables are ignored. A replay step that
//! contradicts the state (a second `CREATE TABLE` without `IF NOT EXISTS`,
//! `ALTER` of an unknown table or column) is a problem and is skipped, as the
//! database would refuse it.
//!
//! Names are kept as written with quotes removed (`public.users`). Two names
//! denote the same table or column when they are equal after lower-casing
//! the unquoted parts (`Users` = `users` = `"users"`, but `"Users"` ≠
//! `users`), which is the Postgres rule and matches MySQL and SQLite on
//! consistently written migrations. A table keeps the spelling of its
//! creation. There is no search path: `public.users` and `users` are two
//! tables. `ALTER TABLE s.t RENAME TO u` renames to `s.u` (the Postgres
//! rule).
//!
//! `not_null` means declared `NOT NULL` or part of a primary key (SQLite
//! allows NULL in non-integer primary keys; that quirk is not modelled).
//! Column types are printed by `sqlparser` (`TEXT`, `TIMESTAMPTZ`,
//! `VARCHAR(20)`), so spelling and case may differ from the file.
//!
//! What it cannot do:
//! - Views, triggers, functions, sequences, types and rules are not modelled.
//! - Dynamic DDL (built in `DO` blocks, `EXECUTE`, stored procedures, Go
//!   string formatting) is invisible, and so are ORM auto-migrations (GORM
//!   `AutoMigrate`, ent) that derive tables from Go types at run time.
//! - Migrations in other languages, or in directories the discovery rule
//!   misses, are not read unless `schema_paths` names them.
//! - Which migrations ran against which database is unknown: everything
//!   found is applied, and several sequences in one repository (one per
//!   service or per database engine) are replayed into one schema.
//! - Dialect quirks: `sqlparser` accepts a large common subset; statements
//!   outside it are parse problems. MySQL backslash escapes in strings are
//!   honoured when the dialect is MySQL or the text contains a backtick.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};
use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnDef, ColumnOption, CreateTable,
    CreateTableLikeKind, DataType, Expr, MySQLColumnPosition, ObjectName, ObjectType,
    RenameTableNameKind, Statement, TableConstraint,
};
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

use crate::sql::{Dialect, DialectChoice, MAX_PARSER_NESTING};

/// Files larger than this are reported, not read.
pub const MAX_MIGRATION_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Directories deeper than this below the root (or a configured path) are
/// not searched.
pub const MAX_WALK_DEPTH: usize = 32;

/// A `.sql` file below a directory with one of these names is a migration
/// (when no `schema_paths` are configured).
pub const MIGRATION_DIR_NAMES: &[&str] =
    &["migrations", "migration", "migrate", "schema", "schemas"];

/// A `.sql` file with one of these names is a migration wherever it is.
pub const SCHEMA_FILE_NAMES: &[&str] = &["schema.sql", "structure.sql"];

/// Directories the discovery walk never enters (besides `.*` and `_*`).
const SKIPPED_DIRS: &[&str] = &["vendor", "node_modules", "testdata"];

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/// A migration version: numeric components (`20240101120000`, or Flyway's
/// `1.2`), compared numerically component by component; leading zeros do not
/// count (`0002` = `2` < `10`). Any number of digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    /// Decimal digits without leading zeros (`"0"` for zero).
    parts: Vec<String>,
}

impl Version {
    /// Digits, optionally in components separated by `.` or `_`
    /// (`"0007"`, `"1.2"`, `"1_2"`). None for anything else.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = Vec::new();
        for part in text.split(['.', '_']) {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let trimmed = part.trim_start_matches('0');
            parts.push(if trimmed.is_empty() { "0" } else { trimmed }.to_string());
        }
        Some(Version { parts })
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        for (a, b) in self.parts.iter().zip(&other.parts) {
            let o = a.len().cmp(&b.len()).then_with(|| a.cmp(b));
            if o != Ordering::Equal {
                return o;
            }
        }
        self.parts.len().cmp(&other.parts.len())
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.parts.join("."))
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The three phases of a replay, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Unversioned files (schema dumps, `init.sql`): applied first.
    Baseline,
    /// Files with a version: applied per sequence in version order.
    Versioned,
    /// Flyway `R__*.sql`: applied last.
    Repeatable,
}

/// Where a source goes in the replay. Sources are applied in the order of
/// (`phase`, `sequence`, `version`), ties broken by path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OrderKey {
    pub phase: Phase,
    /// The migration sequence: the directory holding the file (relative,
    /// `/`-separated, `""` for the root). Versions are compared, and
    /// duplicates detected, within one sequence.
    pub sequence: String,
    /// Set exactly when `phase` is `Versioned`.
    pub version: Option<Version>,
}

impl OrderKey {
    /// The key a migration tool would give the file at `path` (relative,
    /// `/`-separated; any extension, so `00005_backfill.go` works too). See
    /// the module documentation for the naming rules.
    pub fn for_path(path: &str) -> OrderKey {
        let (sequence, file) = match path.rsplit_once('/') {
            Some((dir, file)) => (dir.to_string(), file),
            None => (String::new(), path),
        };
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let stem = strip_suffix_ci(stem, ".up").unwrap_or(stem);
        let (phase, version) = if let Some(v) = leading_version(stem) {
            (Phase::Versioned, Some(v))
        } else if let Some(v) = flyway_version(stem, 'V') {
            (Phase::Versioned, Some(v))
        } else if stem.starts_with("R__") {
            (Phase::Repeatable, None)
        } else {
            (Phase::Baseline, None)
        };
        OrderKey {
            phase,
            sequence,
            version,
        }
    }
}

/// Whether the file at `path` is a down (undo) migration, which is never
/// applied: golang-migrate `*.down.<ext>` or Flyway `U<version>__*`.
pub fn is_down_migration(path: &str) -> bool {
    let file = path.rsplit_once('/').map_or(path, |(_, f)| f);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    strip_suffix_ci(stem, ".down").is_some() || flyway_version(stem, 'U').is_some()
}

/// One file's (or one Go migration's) statements, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MigrationSource {
    /// Relative to the scanned root, `/`-separated.
    pub path: String,
    pub order_key: OrderKey,
    /// (1-based line of the statement's first token, statement text). A text
    /// may hold several `;`-separated statements; the replay splits it when
    /// it does not parse whole.
    pub statements: Vec<(u32, String)>,
}

/// What [`discover_migrations`] found: the `.sql` sources (sorted by path)
/// and the problems met reading them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MigrationSet {
    pub sources: Vec<MigrationSource>,
    pub problems: Vec<SchemaProblem>,
}

impl MigrationSet {
    /// Replay [`Self::sources`] (the caller may first add sources of its
    /// own, e.g. Go migrations) and merge the discovery problems into the
    /// result.
    pub fn replay(&self, dialect: DialectChoice) -> Schema {
        let mut schema = replay(&self.sources, dialect);
        schema.problems.extend(self.problems.iter().cloned());
        schema.problems.sort();
        schema.problems.dedup();
        schema
    }
}

/// The kind of a [`SchemaProblem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A configured schema path is absolute, leaves the root or is missing.
    BadSchemaPath,
    /// A directory or file could not be listed or read.
    Unreadable,
    /// A directory deeper than [`MAX_WALK_DEPTH`] was not searched.
    TooDeep,
    /// A file larger than [`MAX_MIGRATION_FILE_BYTES`].
    TooLarge,
    /// A file that is not UTF-8.
    NotUtf8,
    /// A UTF-8 file with NUL bytes.
    Binary,
    /// Unbalanced `StatementBegin` / `StatementEnd` markers.
    Markers,
    /// Two sources with the same version in one sequence.
    DuplicateVersion,
    /// A statement no dialect parses, or nested too deep to hand to the
    /// parser.
    Parse,
    /// A statement names a table that does not exist at that point.
    UnknownTable,
    /// A statement names a column the table does not have.
    UnknownColumn,
    /// A table or column is created (or renamed to a name) that exists.
    AlreadyExists,
}

/// Something that kept part of the migrations from being read or replayed.
/// Never fatal: the replay goes on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SchemaProblem {
    /// Relative path of the file (or directory, or configured path).
    pub file: String,
    /// 1-based line, when the problem is one statement's.
    pub line: Option<u32>,
    pub kind: ProblemKind,
    /// What went wrong, without absolute paths or OS error numbers.
    pub error: String,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnSchema {
    /// As written, quotes removed.
    pub name: String,
    /// As `sqlparser` prints it; empty when unknown (`CREATE TABLE t (a, b)
    /// AS SELECT …`).
    pub data_type: String,
    /// Declared `NOT NULL` or part of a primary key.
    pub not_null: bool,
}

/// A table after the replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableSchema {
    /// As written at creation (or at the last rename), quotes removed.
    pub name: String,
    /// In declaration order (MySQL `FIRST` / `AFTER` honoured).
    pub columns: Vec<ColumnSchema>,
    /// `path:line` of the `CREATE TABLE`.
    pub created_in: String,
    /// False when the columns cannot be known from the DDL (`AS SELECT`,
    /// virtual tables, `LIKE` / `INHERITS` of an unknown table, a `CREATE
    /// TABLE` that did not parse); `columns` then lists only what later
    /// statements added or named.
    pub columns_known: bool,
    /// Every change in replay order, `path:line what`, e.g.
    /// `migrations/0007_rename_ledger_memo.up.sql:1 rename column memo to
    /// description`. Kept across table renames.
    pub history: Vec<String>,
}

/// A table that a `DROP TABLE` removed, as it was when dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedTable {
    pub name: String,
    /// `path:line` of the `DROP TABLE`.
    pub dropped_in: String,
    pub table: TableSchema,
}

/// How many statements the replay saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatementCounts {
    /// Parsed table DDL: `CREATE` / `ALTER` / `DROP` / `RENAME TABLE`
    /// (including steps skipped as problems).
    pub applied: usize,
    /// Parsed statements that do not define tables.
    pub ignored: usize,
    /// Statements that did not parse.
    pub failed: usize,
}

/// The replayed schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Schema {
    /// Existing tables by name.
    pub tables: BTreeMap<String, TableSchema>,
    /// Dropped tables, in the order they were dropped. A name dropped and
    /// created again appears here and in `tables`.
    pub dropped: Vec<DroppedTable>,
    /// Sorted by (file, line, kind, error).
    pub problems: Vec<SchemaProblem>,
    /// Source paths in the order they were applied.
    pub files: Vec<String>,
    pub statements: StatementCounts,
}

impl Schema {
    /// The table called `name`: the exact name, else the one table whose
    /// name equals `name` ignoring ASCII case (None when several do).
    pub fn table(&self, name: &str) -> Option<&TableSchema> {
        if let Some(t) = self.tables.get(name) {
            return Some(t);
        }
        let mut found = self
            .tables
            .values()
            .filter(|t| t.name.eq_ignore_ascii_case(name));
        match (found.next(), found.next()) {
            (Some(t), None) => Some(t),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------

/// Find and read the `.sql` migrations under `root` (see the module
/// documentation for the rules), split into statements. Never panics; every
/// file or directory that cannot be used is a problem in the result.
pub fn discover_migrations(root: &Path, schema_paths: &[String]) -> MigrationSet {
    let mut files: Vec<String> = Vec::new();
    let mut problems: Vec<SchemaProblem> = Vec::new();

    if schema_paths.is_empty() {
        walk(root, "", &mut files, &mut problems, &|rel| {
            is_sql(rel) && is_auto_migration(rel)
        });
    } else {
        for configured in schema_paths {
            let Some(rel) = normalize_schema_path(configured) else {
                problems.push(SchemaProblem {
                    file: configured.clone(),
                    line: None,
                    kind: ProblemKind::BadSchemaPath,
                    error: "schema path must be relative to the root and stay inside it"
                        .to_string(),
                });
                continue;
            };
            match fs::metadata(join(root, &rel)) {
                Ok(meta) if meta.is_dir() => {
                    walk(root, &rel, &mut files, &mut problems, &|p| is_sql(p));
                }
                Ok(_) => files.push(rel),
                Err(e) => problems.push(SchemaProblem {
                    file: configured.clone(),
                    line: None,
                    kind: ProblemKind::BadSchemaPath,
                    error: format!("schema path unusable: {}", e.kind()),
                }),
            }
        }
    }
    files.sort();
    files.dedup();

    let mut sources = Vec::new();
    for rel in files {
        if is_down_migration(&rel) {
            continue;
        }
        match read_source(root, &rel) {
            Ok(text) => {
                let (statements, mut file_problems) = migration_statements(&rel, &text);
                problems.append(&mut file_problems);
                sources.push(MigrationSource {
                    order_key: OrderKey::for_path(&rel),
                    path: rel,
                    statements,
                });
            }
            Err(p) => problems.push(p),
        }
    }
    problems.sort();
    problems.dedup();
    MigrationSet { sources, problems }
}

fn is_sql(rel: &str) -> bool {
    let file = rel.rsplit_once('/').map_or(rel, |(_, f)| f);
    file.len() > 4
        && file
            .get(file.len() - 4..)
            .is_some_and(|e| e.eq_ignore_ascii_case(".sql"))
}

fn is_auto_migration(rel: &str) -> bool {
    let (dirs, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    SCHEMA_FILE_NAMES
        .iter()
        .any(|n| file.eq_ignore_ascii_case(n))
        || dirs.split('/').any(|d| {
            MIGRATION_DIR_NAMES
                .iter()
                .any(|n| d.eq_ignore_ascii_case(n))
        })
}

/// `./db//migrations/` → `db/migrations`; None for absolute paths and `..`.
fn normalize_schema_path(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') || Path::new(&path).is_absolute() {
        return None;
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn join(root: &Path, rel: &str) -> PathBuf {
    let mut p = root.to_path_buf();
    for part in rel.split('/').filter(|s| !s.is_empty()) {
        p.push(part);
    }
    p
}

fn rel_join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Depth-first walk from `start` (relative to `root`), collecting files
/// `accept` takes. Symlinked directories are not followed.
fn walk(
    root: &Path,
    start: &str,
    out: &mut Vec<String>,
    problems: &mut Vec<SchemaProblem>,
    accept: &dyn Fn(&str) -> bool,
) {
    let mut stack: Vec<(String, usize)> = vec![(start.to_string(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let entries = match fs::read_dir(join(root, &dir)) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(SchemaProblem {
                    file: if dir.is_empty() { ".".into() } else { dir },
                    line: None,
                    kind: ProblemKind::Unreadable,
                    error: format!("cannot list directory: {}", e.kind()),
                });
                continue;
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems.push(SchemaProblem {
                        file: if dir.is_empty() {
                            ".".into()
                        } else {
                            dir.clone()
                        },
                        line: None,
                        kind: ProblemKind::Unreadable,
                        error: format!("cannot list directory: {}", e.kind()),
                    });
                    continue;
                }
            };
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                let lossy = name.to_string_lossy().into_owned();
                if accept(&rel_join(&dir, &lossy)) {
                    problems.push(SchemaProblem {
                        file: rel_join(&dir, &lossy),
                        line: None,
                        kind: ProblemKind::Unreadable,
                        error: "file name is not valid UTF-8".to_string(),
                    });
                }
                continue;
            };
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            names.push((name.to_string(), file_type));
        }
        names.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, file_type) in names {
            let rel = rel_join(&dir, &name);
            if file_type.is_dir() {
                if name.starts_with('.')
                    || name.starts_with('_')
                    || SKIPPED_DIRS.contains(&name.as_str())
                {
                    continue;
                }
                if depth + 1 > MAX_WALK_DEPTH {
                    problems.push(SchemaProblem {
                        file: rel,
                        line: None,
                        kind: ProblemKind::TooDeep,
                        error: format!(
                            "directory deeper than {MAX_WALK_DEPTH} levels not searched"
                        ),
                    });
                    continue;
                }
                stack.push((rel, depth + 1));
            } else if accept(&rel) {
                // Files, and symlinks to files; a symlinked directory is
                // not followed (read_source reports a non-file).
                if file_type.is_symlink()
                    && fs::metadata(join(root, &rel)).is_ok_and(|m| m.is_dir())
                {
                    continue;
                }
                out.push(rel);
            }
        }
    }
}

/// Read one file with the size limit; problems say why not.
fn read_source(root: &Path, rel: &str) -> Result<String, SchemaProblem> {
    let problem = |kind, error: String| SchemaProblem {
        file: rel.to_string(),
        line: None,
        kind,
        error,
    };
    let path = join(root, rel);
    let meta = fs::metadata(&path).map_err(|e| {
        problem(
            ProblemKind::Unreadable,
            format!("cannot read: {}", e.kind()),
        )
    })?;
    if !meta.is_file() {
        return Err(problem(
            ProblemKind::Unreadable,
            "not a regular file".to_string(),
        ));
    }
    let too_large = || {
        problem(
            ProblemKind::TooLarge,
            format!("larger than {MAX_MIGRATION_FILE_BYTES} bytes; not read"),
        )
    };
    if meta.len() > MAX_MIGRATION_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    fs::File::open(&path)
        .and_then(|f| f.take(MAX_MIGRATION_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            problem(
                ProblemKind::Unreadable,
                format!("cannot read: {}", e.kind()),
            )
        })?;
    if bytes.len() as u64 > MAX_MIGRATION_FILE_BYTES {
        return Err(too_large());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        problem(
            ProblemKind::NotUtf8,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.contains('\0') {
        return Err(problem(
            ProblemKind::Binary,
            "contains NUL bytes; not an SQL file".to_string(),
        ));
    }
    Ok(text)
}

// ---------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

/// `0001_name`, `20240101120000_name`, `0001`.
fn leading_version(stem: &str) -> Option<Version> {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    match stem.as_bytes().get(digits) {
        None | Some(b'_') => Version::parse(&stem[..digits]),
        _ => None,
    }
}

/// Flyway `V1__name`, `V1_2__name`, `V1.2__name` (or `U…` for undo).
fn flyway_version(stem: &str, prefix: char) -> Option<Version> {
    let rest = stem.strip_prefix(prefix)?;
    let (version, _) = rest.split_once("__")?;
    Version::parse(version)
}

// ---------------------------------------------------------------------------
// Files into statements
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Up,
    Down,
    Begin,
    End,
}

/// A migration-tool marker on this line, if any.
fn marker(line: &str) -> Option<Marker> {
    let t = line.trim();
    if t.len() >= 4 && t.starts_with("----") {
        let words: Vec<String> = t
            .trim_matches('-')
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        if words == ["create", "above", "/", "drop", "below"] {
            return Some(Marker::Down);
        }
        return None;
    }
    let rest = t.strip_prefix("--")?.trim_start();
    let lower = rest.to_ascii_lowercase();
    if let Some(cmd) = lower
        .strip_prefix("+goose")
        .or_else(|| lower.strip_prefix("+migrate"))
    {
        return match cmd.split_whitespace().next()? {
            "up" => Some(Marker::Up),
            "down" => Some(Marker::Down),
            "statementbegin" => Some(Marker::Begin),
            "statementend" => Some(Marker::End),
            _ => None,
        };
    }
    match lower.split_whitespace().next()? {
        "migrate:up" => Some(Marker::Up),
        "migrate:down" => Some(Marker::Down),
        _ => None,
    }
}

/// The statements of one migration file's up part, with their lines, and
/// marker problems. `path` is only used in problems.
pub fn migration_statements(path: &str, text: &str) -> (Vec<(u32, String)>, Vec<SchemaProblem>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let backslash = text.contains('`');
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let explicit_up = text.lines().any(|l| marker(l) == Some(Marker::Up));
    let mut in_up = !explicit_up;

    // Text of the current region (split at `;`) or block (one statement).
    let mut region = String::new();
    let mut region_line = 1u32;
    let mut block: Option<(u32, String)> = None;

    let flush = |region: &mut String, region_line: u32, out: &mut Vec<(u32, String)>| {
        if !region.is_empty() {
            out.extend(
                split_impl(region, region_line, backslash)
                    .into_iter()
                    .map(|p| (p.line, p.text)),
            );
            region.clear();
        }
    };

    let mut line_no = 0u32;
    for line in text.split_inclusive('\n') {
        line_no = line_no.saturating_add(1);
        let found = marker(line);
        match found {
            Some(Marker::Up) | Some(Marker::Down) => {
                flush(&mut region, region_line, &mut out);
                close_unended_block(path, &mut block, &mut out, &mut problems);
                in_up = found == Some(Marker::Up);
            }
            Some(Marker::Begin) => {
                if in_up {
                    flush(&mut region, region_line, &mut out);
                    close_unended_block(path, &mut block, &mut out, &mut problems);
                    block = Some((line_no.saturating_add(1), String::new()));
                }
            }
            Some(Marker::End) => {
                if in_up {
                    match block.take() {
                        Some((start, b)) => push_block(start, &b, &mut out),
                        None => problems.push(SchemaProblem {
                            file: path.to_string(),
                            line: Some(line_no),
                            kind: ProblemKind::Markers,
                            error: "StatementEnd without StatementBegin".to_string(),
                        }),
                    }
                }
            }
            None => {
                if !in_up {
                    continue;
                }
                if let Some((_, b)) = block.as_mut() {
                    b.push_str(line);
                } else {
                    if region.is_empty() {
                        region_line = line_no;
                    }
                    region.push_str(line);
                }
            }
        }
    }
    flush(&mut region, region_line, &mut out);
    close_unended_block(path, &mut block, &mut out, &mut problems);
    (out, problems)
}

/// A `StatementBegin` block still open where another marker or the file's
/// end closes it: a problem, and its text is kept as one statement.
fn close_unended_block(
    path: &str,
    block: &mut Option<(u32, String)>,
    out: &mut Vec<(u32, String)>,
    problems: &mut Vec<SchemaProblem>,
) {
    if let Some((start, b)) = block.take() {
        problems.push(SchemaProblem {
            file: path.to_string(),
            line: Some(start),
            kind: ProblemKind::Markers,
            error: "StatementBegin without StatementEnd".to_string(),
        });
        push_block(start, &b, out);
    }
}

/// A `StatementBegin … StatementEnd` block is one statement; its line is the
/// first line with SQL on it.
fn push_block(start: u32, block: &str, out: &mut Vec<(u32, String)>) {
    let mut line = start;
    for l in block.lines() {
        let t = l.trim();
        if !t.is_empty() && !t.starts_with("--") {
            break;
        }
        line = line.saturating_add(1);
    }
    let text = block.trim();
    if !text.is_empty() && has_sql(text) {
        out.push((line, text.to_string()));
    }
}

/// Whether `text` has anything but whitespace, comments and `;`.
fn has_sql(text: &str) -> bool {
    !split_impl(text, 1, false).is_empty()
}

/// Split SQL text into statements at `;` outside quotes (`'…'`, `E'…'`,
/// `"…"`, `` `…` ``), comments (`--`, nested `/* */`) and `$tag$` dollar
/// quotes. A `DELIMITER x` line between statements (MySQL client syntax)
/// changes the terminator; `BEGIN … END` inside `CREATE TRIGGER` is kept
/// whole. Returns (line of the first token, text without the terminator);
/// pieces with only comments are dropped. `first_line` is the line of the
/// text's first character. Backslash escapes in `'…'` count when the text
/// contains a backtick (MySQL).
pub fn split_statements(text: &str, first_line: u32) -> Vec<(u32, String)> {
    split_impl(text, first_line, text.contains('`'))
        .into_iter()
        .map(|p| (p.line, p.text))
        .collect()
}

struct Piece {
    line: u32,
    text: String,
    /// Deepest parenthesis nesting outside quotes and comments.
    depth: usize,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Index just past a quoted run opened at `i` by `quote`, counting newlines.
fn skip_quoted(bytes: &[u8], mut i: usize, quote: u8, backslash: bool, line: &mut u32) -> usize {
    i += 1;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            *line = line.saturating_add(1);
        }
        if backslash && b == b'\\' {
            if bytes.get(i + 1) == Some(&b'\n') {
                *line = line.saturating_add(1);
            }
            i += 2;
            continue;
        }
        if b == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

/// The dollar-quote tag opening at `i` (`$$`, `$body$`), as its length.
fn dollar_tag(bytes: &[u8], i: usize) -> Option<usize> {
    if i > 0 && is_ident_byte(bytes[i - 1]) {
        return None;
    }
    let mut j = i + 1;
    if let Some(&b) = bytes.get(j) {
        if b.is_ascii_alphabetic() || b == b'_' {
            j += 1;
            while bytes
                .get(j)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                j += 1;
            }
        }
    }
    (bytes.get(j) == Some(&b'$')).then_some(j + 1 - i)
}

fn word_at(bytes: &[u8], i: usize) -> &[u8] {
    let end = bytes[i..]
        .iter()
        .position(|b| !is_ident_byte(*b))
        .map_or(bytes.len(), |n| i + n);
    &bytes[i..end]
}

/// The next word after position `i`, skipping whitespace only.
fn next_word(bytes: &[u8], mut i: usize) -> &[u8] {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if i < bytes.len() && is_ident_byte(bytes[i]) {
        word_at(bytes, i)
    } else {
        &[]
    }
}

fn split_impl(text: &str, first_line: u32, backslash: bool) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut delimiter: Vec<u8> = b";".to_vec();
    let mut line = first_line;
    let mut i = 0;

    // The current statement.
    let mut start: Option<(usize, u32)> = None;
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut words = 0usize;
    let mut first_is_create = false;
    let mut trigger = false;
    let mut block = 0usize;

    let mut finish = |start: &mut Option<(usize, u32)>, end: usize, max_depth: usize| {
        if let Some((s, l)) = start.take() {
            let piece = text[s..end].trim_end();
            if !piece.is_empty() {
                pieces.push(Piece {
                    line: l,
                    text: piece.to_string(),
                    depth: max_depth,
                });
            }
        }
    };

    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line = line.saturating_add(1);
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b == b'-' && bytes.get(i + 1) == Some(&b'-') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let (comment_start, comment_line) = (i, line);
            let mut nest = 0usize;
            while i < bytes.len() {
                if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
                    nest += 1;
                    i += 2;
                } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
                    nest -= 1;
                    i += 2;
                    if nest == 0 {
                        break;
                    }
                } else {
                    if bytes[i] == b'\n' {
                        line = line.saturating_add(1);
                    }
                    i += 1;
                }
            }
            if nest > 0 && start.is_none() {
                // Unterminated: keep it as a piece so that the parser
                // reports it, rather than losing the rest of the text.
                start = Some((comment_start, comment_line));
            }
            continue;
        }
        if start.is_none() && word_at(bytes, i).eq_ignore_ascii_case(b"DELIMITER") {
            let after = i + "DELIMITER".len();
            if bytes.get(after).is_some_and(|c| *c == b' ' || *c == b'\t') {
                let eol = bytes[after..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(bytes.len(), |n| after + n);
                let token = text[after..eol].trim();
                if !token.is_empty() {
                    delimiter = token.as_bytes().to_vec();
                }
                i = eol;
                continue;
            }
        }
        // Significant text: a statement starts here if none has.
        if start.is_none() {
            start = Some((i, line));
            depth = 0;
            max_depth = 0;
            words = 0;
            first_is_create = false;
            trigger = false;
            block = 0;
        }
        if delimiter != b";" && bytes[i..].starts_with(&delimiter) {
            finish(&mut start, i, max_depth);
            i += delimiter.len();
            continue;
        }
        match b {
            b';' if delimiter == b";" && block == 0 => {
                finish(&mut start, i, max_depth);
                i += 1;
            }
            b'\'' => {
                let e_string = i > 0
                    && (bytes[i - 1] == b'E' || bytes[i - 1] == b'e')
                    && (i < 2 || !is_ident_byte(bytes[i - 2]));
                i = skip_quoted(bytes, i, b'\'', backslash || e_string, &mut line);
            }
            b'"' | b'`' => i = skip_quoted(bytes, i, b, false, &mut line),
            b'$' => match dollar_tag(bytes, i) {
                Some(len) => {
                    let tag = &bytes[i..i + len];
                    let body = i + len;
                    let end = bytes[body..]
                        .windows(len)
                        .position(|w| w == tag)
                        .map_or(bytes.len(), |n| body + n + len);
                    line = line.saturating_add(
                        u32::try_from(bytes[i..end].iter().filter(|c| **c == b'\n').count())
                            .unwrap_or(u32::MAX),
                    );
                    i = end;
                }
                None => i += 1,
            },
            b'(' => {
                depth += 1;
                max_depth = max_depth.max(depth);
                i += 1;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ if is_ident_byte(b) => {
                let word = word_at(bytes, i);
                let len = word.len();
                if words == 0 {
                    first_is_create = word.eq_ignore_ascii_case(b"CREATE");
                } else if first_is_create && words < 6 && word.eq_ignore_ascii_case(b"TRIGGER") {
                    trigger = true;
                }
                if trigger {
                    let opens = word.eq_ignore_ascii_case(b"BEGIN")
                        || (word.eq_ignore_ascii_case(b"CASE") && block > 0);
                    if opens {
                        block += 1;
                    } else if word.eq_ignore_ascii_case(b"END") {
                        let next = next_word(bytes, i + len);
                        let closes_other = [&b"IF"[..], b"LOOP", b"WHILE", b"REPEAT"]
                            .iter()
                            .any(|w| next.eq_ignore_ascii_case(w));
                        if !closes_other {
                            block = block.saturating_sub(1);
                        }
                        if next.eq_ignore_ascii_case(b"CASE") {
                            // `END CASE`: skip the CASE so it opens nothing.
                            let mut j = i + len;
                            while bytes[j].is_ascii_whitespace() {
                                if bytes[j] == b'\n' {
                                    line = line.saturating_add(1);
                                }
                                j += 1;
                            }
                            words += 2;
                            i = j + next.len();
                            continue;
                        }
                    }
                }
                words += 1;
                i += len;
            }
            _ => i += 1,
        }
    }
    finish(&mut start, bytes.len(), max_depth);
    pieces
}

// ---------------------------------------------------------------------------
// Replay
// ---------------------------------------------------------------------------

/// Apply `sources` in [`OrderKey`] order (ties by path) and return the
/// resulting schema. Never panics, whatever the statements contain.
pub fn replay(sources: &[MigrationSource], dialect: DialectChoice) -> Schema {
    let mut order: Vec<&MigrationSource> = sources.iter().collect();
    order.sort_by(|a, b| {
        a.order_key
            .cmp(&b.order_key)
            .then_with(|| a.path.cmp(&b.path))
    });

    let dialects: &[Dialect] = match dialect {
        DialectChoice::Only(Dialect::Postgres) => &[Dialect::Postgres],
        DialectChoice::Only(Dialect::MySql) => &[Dialect::MySql],
        DialectChoice::Only(Dialect::Sqlite) => &[Dialect::Sqlite],
        DialectChoice::Any => &[Dialect::Postgres, Dialect::MySql, Dialect::Sqlite],
    };
    let mut r = Replayer {
        dialects,
        mysql_only: dialect == DialectChoice::Only(Dialect::MySql),
        tables: BTreeMap::new(),
        dropped: Vec::new(),
        problems: Vec::new(),
        counts: StatementCounts::default(),
    };

    let mut files = Vec::with_capacity(order.len());
    let mut first_of_version: Option<(&OrderKey, &str)> = None;
    for source in order {
        if source.order_key.phase == Phase::Versioned {
            match first_of_version {
                Some((key, first)) if key == &source.order_key && first != source.path => {
                    r.problems.push(SchemaProblem {
                        file: source.path.clone(),
                        line: None,
                        kind: ProblemKind::DuplicateVersion,
                        error: format!(
                            "version {} also used by {first}",
                            source
                                .order_key
                                .version
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default()
                        ),
                    });
                }
                Some((key, _)) if key == &source.order_key => {}
                _ => first_of_version = Some((&source.order_key, &source.path)),
            }
        }
        files.push(source.path.clone());
        for (line, text) in &source.statements {
            r.text(&source.path, *line, text);
        }
    }

    let mut tables = BTreeMap::new();
    for (_, state) in std::mem::take(&mut r.tables) {
        let name = state.schema.name.clone();
        if let Some(existing) = tables.get(&name) {
            let existing: &TableSchema = existing;
            r.problems.push(SchemaProblem {
                file: state.created.0.clone(),
                line: Some(state.created.1),
                kind: ProblemKind::AlreadyExists,
                error: format!(
                    "table {name} differs only in quoting from the table created in {}; left out",
                    existing.created_in
                ),
            });
            continue;
        }
        tables.insert(name, state.schema);
    }
    r.problems.sort();
    r.problems.dedup();
    Schema {
        tables,
        dropped: r.dropped,
        problems: r.problems,
        files,
        statements: r.counts,
    }
}

/// A name as written (quotes removed) and its matching key (unquoted parts
/// lower-cased).
#[derive(Debug, Clone)]
struct Name {
    parts: Vec<(String, String)>,
}

impl Name {
    fn of_object(name: &ObjectName) -> Name {
        Name {
            parts: name
                .0
                .iter()
                .map(|part| match part.as_ident() {
                    Some(ident) => ident_parts(&ident.value, ident.quote_style.is_some()),
                    None => {
                        let s = part.to_string();
                        (s.clone(), s)
                    }
                })
                .collect(),
        }
    }

    fn display(&self) -> String {
        self.parts
            .iter()
            .map(|(d, _)| d.as_str())
            .collect::<Vec<_>>()
            .join(".")
    }

    fn key(&self) -> String {
        self.parts
            .iter()
            .map(|(_, k)| k.as_str())
            .collect::<Vec<_>>()
            .join(".")
    }
}

fn ident_parts(value: &str, quoted: bool) -> (String, String) {
    let key = if quoted {
        value.to_string()
    } else {
        value.to_lowercase()
    };
    (value.to_string(), key)
}

fn ident_key(ident: &sqlparser::ast::Ident) -> String {
    ident_parts(&ident.value, ident.quote_style.is_some()).1
}

struct TableState {
    name: Name,
    /// File and line of the creation, for problems.
    created: (String, u32),
    schema: TableSchema,
    /// Matching keys of `schema.columns`, index for index.
    keys: Vec<String>,
}

impl TableState {
    fn column(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k == key)
    }

    fn push_column(&mut self, at: usize, key: String, column: ColumnSchema) {
        let at = at.min(self.keys.len());
        self.keys.insert(at, key);
        self.schema.columns.insert(at, column);
    }

    fn remove_column(&mut self, at: usize) -> (String, ColumnSchema) {
        (self.keys.remove(at), self.schema.columns.remove(at))
    }
}

struct Replayer<'a> {
    dialects: &'a [Dialect],
    mysql_only: bool,
    /// By matching key.
    tables: BTreeMap<String, TableState>,
    dropped: Vec<DroppedTable>,
    problems: Vec<SchemaProblem>,
    counts: StatementCounts,
}

fn parse_in(text: &str, dialect: Dialect) -> Result<Vec<Statement>, String> {
    match dialect {
        Dialect::Postgres => Parser::parse_sql(&PostgreSqlDialect {}, text),
        Dialect::MySql => Parser::parse_sql(&MySqlDialect {}, text),
        Dialect::Sqlite => Parser::parse_sql(&SQLiteDialect {}, text),
    }
    .map_err(|e| e.to_string())
}

fn type_string(data_type: &DataType) -> String {
    match data_type {
        DataType::Unspecified => String::new(),
        t => t.to_string(),
    }
}

fn options_not_null<'o>(options: impl IntoIterator<Item = &'o ColumnOption>) -> bool {
    options
        .into_iter()
        .any(|o| matches!(o, ColumnOption::NotNull | ColumnOption::PrimaryKey(_)))
}

fn column_of(def: &ColumnDef) -> (String, ColumnSchema) {
    (
        ident_key(&def.name),
        ColumnSchema {
            name: def.name.value.clone(),
            data_type: type_string(&def.data_type),
            not_null: options_not_null(def.options.iter().map(|o| &o.option)),
        },
    )
}

impl Replayer<'_> {
    fn problem(&mut self, file: &str, line: u32, kind: ProblemKind, error: String) {
        self.problems.push(SchemaProblem {
            file: file.to_string(),
            line: Some(line),
            kind,
            error,
        });
    }

    fn parse(&self, text: &str) -> Result<Vec<Statement>, String> {
        let mut first_error = None;
        for &d in self.dialects {
            match parse_in(text, d) {
                Ok(statements) => return Ok(statements),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or_else(|| "no dialect to parse with".to_string()))
    }

    /// One statement text (possibly several statements).
    fn text(&mut self, path: &str, line: u32, text: &str) {
        let backslash = self.mysql_only || text.contains('`');
        let pieces = split_impl(text, line, backslash);
        if pieces.is_empty() {
            return;
        }
        let depth = pieces.iter().map(|p| p.depth).max().unwrap_or(0);
        if depth <= MAX_PARSER_NESTING {
            match self.parse(text) {
                Ok(statements) if !statements.is_empty() => {
                    let lines: Vec<u32> = if pieces.len() == statements.len() {
                        pieces.iter().map(|p| p.line).collect()
                    } else {
                        vec![pieces[0].line; statements.len()]
                    };
                    for (statement, l) in statements.iter().zip(lines) {
                        self.apply(statement, path, l);
                    }
                    return;
                }
                Err(error) if pieces.len() == 1 => {
                    self.failed(path, &pieces[0], error);
                    return;
                }
                _ => {}
            }
        }
        for piece in &pieces {
            self.piece(path, piece);
        }
    }

    fn failed(&mut self, path: &str, piece: &Piece, error: String) {
        self.counts.failed += 1;
        self.problem(path, piece.line, ProblemKind::Parse, error);
        self.unparsed_create(path, piece.line, &piece.text);
    }

    /// One statement the splitter isolated.
    fn piece(&mut self, path: &str, piece: &Piece) {
        if piece.depth > MAX_PARSER_NESTING {
            let error = format!(
                "parenthesis nesting {} exceeds {MAX_PARSER_NESTING}; not parsed",
                piece.depth
            );
            self.failed(path, piece, error);
            return;
        }
        match self.parse(&piece.text) {
            // Only an unterminated comment gives a piece with no statement.
            Ok(statements) if statements.is_empty() => self.failed(
                path,
                piece,
                "unterminated /* comment: the text after it is not read".to_string(),
            ),
            Ok(statements) => {
                for statement in &statements {
                    self.apply(statement, path, piece.line);
                }
            }
            Err(error) => self.failed(path, piece, error),
        }
    }

    /// A `CREATE TABLE name …` that did not parse still creates `name`.
    fn unparsed_create(&mut self, path: &str, line: u32, text: &str) {
        let Some((name, if_not_exists)) = create_table_head(text) else {
            return;
        };
        let loc = format!("{path}:{line}");
        let key = name.key();
        if self.tables.contains_key(&key) {
            if !if_not_exists {
                self.problem(
                    path,
                    line,
                    ProblemKind::AlreadyExists,
                    format!("table {} already exists", name.display()),
                );
            }
            return;
        }
        self.tables.insert(
            key,
            TableState {
                name: name.clone(),
                created: (path.to_string(), line),
                schema: TableSchema {
                    name: name.display(),
                    columns: Vec::new(),
                    created_in: loc.clone(),
                    columns_known: false,
                    history: vec![format!(
                        "{loc} create table (statement did not parse; columns unknown)"
                    )],
                },
                keys: Vec::new(),
            },
        );
    }

    fn apply(&mut self, statement: &Statement, path: &str, line: u32) {
        let loc = format!("{path}:{line}");
        match statement {
            Statement::CreateTable(create) => {
                if create.temporary {
                    self.counts.ignored += 1;
                    return;
                }
                self.counts.applied += 1;
                self.create_table(create, path, line, &loc);
            }
            Statement::CreateVirtualTable {
                name,
                if_not_exists,
                module_name,
                ..
            } => {
                self.counts.applied += 1;
                let name = Name::of_object(name);
                let detail = format!("create virtual table using {}", module_name.value);
                self.create(
                    &name,
                    *if_not_exists,
                    false,
                    (Vec::new(), Vec::new(), false),
                    detail,
                    path,
                    line,
                    &loc,
                );
            }
            Statement::AlterTable(alter) => {
                self.counts.applied += 1;
                let name = Name::of_object(&alter.name);
                let key = name.key();
                if !self.tables.contains_key(&key) {
                    if !alter.if_exists {
                        self.problem(
                            path,
                            line,
                            ProblemKind::UnknownTable,
                            format!("ALTER TABLE {}: no such table", name.display()),
                        );
                    }
                    return;
                }
                let mut key = key;
                for op in &alter.operations {
                    key = self.alter(&key, &name, op, path, line, &loc);
                }
            }
            Statement::RenameTable(renames) => {
                self.counts.applied += 1;
                for rename in renames {
                    let old = Name::of_object(&rename.old_name);
                    let new = Name::of_object(&rename.new_name);
                    self.rename_table(&old, &new, path, line, &loc);
                }
            }
            Statement::Drop {
                object_type: ObjectType::Table,
                if_exists,
                names,
                ..
            } => {
                self.counts.applied += 1;
                for name in names {
                    let name = Name::of_object(name);
                    match self.tables.remove(&name.key()) {
                        Some(mut state) => {
                            state.schema.history.push(format!("{loc} drop table"));
                            self.dropped.push(DroppedTable {
                                name: state.schema.name.clone(),
                                dropped_in: loc.clone(),
                                table: state.schema,
                            });
                        }
                        None if !*if_exists => self.problem(
                            path,
                            line,
                            ProblemKind::UnknownTable,
                            format!("DROP TABLE {}: no such table", name.display()),
                        ),
                        None => {}
                    }
                }
            }
            _ => self.counts.ignored += 1,
        }
    }

    /// Columns of another table, for LIKE / INHERITS / PARTITION OF.
    fn columns_from(
        &mut self,
        source: &ObjectName,
        path: &str,
        line: u32,
    ) -> Option<(Vec<String>, Vec<ColumnSchema>, bool)> {
        let name = Name::of_object(source);
        match self.tables.get(&name.key()) {
            Some(t) => Some((
                t.keys.clone(),
                t.schema.columns.clone(),
                t.schema.columns_known,
            )),
            None => {
                self.problem(
                    path,
                    line,
                    ProblemKind::UnknownTable,
                    format!("{}: no such table to copy columns from", name.display()),
                );
                None
            }
        }
    }

    fn create_table(&mut self, create: &CreateTable, path: &str, line: u32, loc: &str) {
        let name = Name::of_object(&create.name);
        let mut keys = Vec::new();
        let mut columns = Vec::new();
        let mut known = true;
        let mut detail = "create table".to_string();

        let like = match &create.like {
            Some(CreateTableLikeKind::Parenthesized(l) | CreateTableLikeKind::Plain(l)) => {
                Some(&l.name)
            }
            None => create.clone.as_ref(),
        };
        let parents: Vec<&ObjectName> = if let Some(like) = like {
            detail = format!("create table like {}", Name::of_object(like).display());
            vec![like]
        } else if let Some(parent) = &create.partition_of {
            detail = format!(
                "create table partition of {}",
                Name::of_object(parent).display()
            );
            vec![parent]
        } else if let Some(parents) = &create.inherits {
            let shown: Vec<String> = parents
                .iter()
                .map(|p| Name::of_object(p).display())
                .collect();
            detail = format!("create table inherits {}", shown.join(", "));
            parents.iter().collect()
        } else {
            Vec::new()
        };
        for parent in parents {
            match self.columns_from(parent, path, line) {
                Some((k, c, parent_known)) => {
                    for (k, c) in k.into_iter().zip(c) {
                        if !keys.contains(&k) {
                            keys.push(k);
                            columns.push(c);
                        }
                    }
                    known &= parent_known;
                }
                None => known = false,
            }
        }

        // A partition's own column list only adds constraints.
        let partition = create.partition_of.is_some();
        for def in &create.columns {
            let (key, column) = column_of(def);
            match keys.iter().position(|k| k == &key) {
                Some(i) => {
                    if partition {
                        columns[i].not_null |= column.not_null;
                    } else {
                        columns[i] = column;
                    }
                }
                None if partition => {}
                None => {
                    keys.push(key);
                    columns.push(column);
                }
            }
        }
        if create.query.is_some() {
            known = false;
            detail = "create table as select (columns unknown)".to_string();
        }
        for constraint in &create.constraints {
            if let TableConstraint::PrimaryKey(pk) = constraint {
                for c in &pk.columns {
                    if let Expr::Identifier(ident) = &c.column.expr {
                        if let Some(i) = keys.iter().position(|k| *k == ident_key(ident)) {
                            columns[i].not_null = true;
                        }
                    }
                }
            }
        }
        self.create(
            &name,
            create.if_not_exists,
            create.or_replace,
            (keys, columns, known),
            detail,
            path,
            line,
            loc,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn create(
        &mut self,
        name: &Name,
        if_not_exists: bool,
        or_replace: bool,
        (keys, columns, known): (Vec<String>, Vec<ColumnSchema>, bool),
        detail: String,
        path: &str,
        line: u32,
        loc: &str,
    ) {
        let key = name.key();
        let mut history = Vec::new();
        if let Some(existing) = self.tables.get_mut(&key) {
            if if_not_exists {
                existing.schema.history.push(format!(
                    "{loc} {detail} if not exists: already exists, unchanged"
                ));
                return;
            }
            if !or_replace {
                let created = existing.schema.created_in.clone();
                self.problem(
                    path,
                    line,
                    ProblemKind::AlreadyExists,
                    format!(
                        "CREATE TABLE {}: already exists (created in {created})",
                        name.display()
                    ),
                );
                return;
            }
            history = std::mem::take(&mut existing.schema.history);
        }
        let detail = if or_replace {
            detail.replacen("create table", "create or replace table", 1)
        } else {
            detail
        };
        history.push(format!("{loc} {detail}"));
        self.tables.insert(
            key,
            TableState {
                name: name.clone(),
                created: (path.to_string(), line),
                schema: TableSchema {
                    name: name.display(),
                    columns,
                    created_in: loc.to_string(),
                    columns_known: known,
                    history,
                },
                keys,
            },
        );
    }

    fn rename_table(&mut self, old: &Name, new: &Name, path: &str, line: u32, loc: &str) -> bool {
        let old_key = old.key();
        let new_key = new.key();
        if !self.tables.contains_key(&old_key) {
            self.problem(
                path,
                line,
                ProblemKind::UnknownTable,
                format!("rename of {}: no such table", old.display()),
            );
            return false;
        }
        if old_key == new_key {
            if let Some(state) = self.tables.get_mut(&old_key) {
                state.schema.history.push(format!(
                    "{loc} rename table {} to {}",
                    state.schema.name,
                    new.display()
                ));
                state.schema.name = new.display();
                state.name = new.clone();
            }
            return true;
        }
        if self.tables.contains_key(&new_key) {
            self.problem(
                path,
                line,
                ProblemKind::AlreadyExists,
                format!(
                    "rename of {} to {}: a table of that name exists",
                    old.display(),
                    new.display()
                ),
            );
            return false;
        }
        if let Some(mut state) = self.tables.remove(&old_key) {
            state.schema.history.push(format!(
                "{loc} rename table {} to {}",
                state.schema.name,
                new.display()
            ));
            state.schema.name = new.display();
            state.name = new.clone();
            self.tables.insert(new_key, state);
        }
        true
    }

    /// Apply one ALTER TABLE operation to the table at `key`; returns the
    /// table's key afterwards (changed by RENAME TO).
    fn alter(
        &mut self,
        key: &str,
        name: &Name,
        op: &AlterTableOperation,
        path: &str,
        line: u32,
        loc: &str,
    ) -> String {
        let mut problems: Vec<(ProblemKind, String)> = Vec::new();
        let shown = name.display();
        if let AlterTableOperation::RenameTable { table_name } = op {
            let (RenameTableNameKind::As(new) | RenameTableNameKind::To(new)) = table_name;
            let mut new = Name::of_object(new);
            let Some(current_name) = self.tables.get(key).map(|s| s.name.clone()) else {
                return key.to_string();
            };
            // Postgres: the new name is unqualified and stays in the schema.
            if new.parts.len() == 1 && current_name.parts.len() > 1 {
                let mut parts = current_name.parts[..current_name.parts.len() - 1].to_vec();
                parts.extend(new.parts);
                new = Name { parts };
            }
            let new_key = new.key();
            return if self.rename_table(&current_name, &new, path, line, loc) {
                new_key
            } else {
                key.to_string()
            };
        }
        let Some(t) = self.tables.get_mut(key) else {
            return key.to_string();
        };
        let known = t.schema.columns_known;
        match op {
            AlterTableOperation::AddColumn {
                if_not_exists,
                column_def,
                column_position,
                ..
            } => {
                let (ckey, column) = column_of(column_def);
                if t.column(&ckey).is_some() {
                    if !*if_not_exists {
                        problems.push((
                            ProblemKind::AlreadyExists,
                            format!("{shown}: column {} already exists", column.name),
                        ));
                    }
                } else {
                    let at = position(t, column_position.as_ref(), &mut problems, &shown);
                    t.schema
                        .history
                        .push(format!("{loc} add column {}", column.name));
                    t.push_column(at, ckey, column);
                }
            }
            AlterTableOperation::DropColumn {
                column_names,
                if_exists,
                ..
            } => {
                for c in column_names {
                    match t.column(&ident_key(c)) {
                        Some(i) => {
                            let (_, col) = t.remove_column(i);
                            t.schema
                                .history
                                .push(format!("{loc} drop column {}", col.name));
                        }
                        None if !known => t
                            .schema
                            .history
                            .push(format!("{loc} drop column {}", c.value)),
                        None if !*if_exists => problems.push((
                            ProblemKind::UnknownColumn,
                            format!("{shown}: no column {} to drop", c.value),
                        )),
                        None => {}
                    }
                }
            }
            AlterTableOperation::RenameColumn {
                old_column_name,
                new_column_name,
            } => {
                rename_column(
                    t,
                    old_column_name,
                    new_column_name,
                    None,
                    &mut problems,
                    &shown,
                    loc,
                );
            }
            AlterTableOperation::ChangeColumn {
                old_name,
                new_name,
                data_type,
                options,
                column_position,
            } => {
                let change = (type_string(data_type), options_not_null(options));
                if rename_column(
                    t,
                    old_name,
                    new_name,
                    Some(change),
                    &mut problems,
                    &shown,
                    loc,
                ) && column_position.is_some()
                {
                    move_column(
                        t,
                        &ident_key(new_name),
                        column_position.as_ref(),
                        &mut problems,
                        &shown,
                    );
                }
            }
            AlterTableOperation::ModifyColumn {
                col_name,
                data_type,
                options,
                column_position,
            } => match t.column(&ident_key(col_name)) {
                Some(i) => {
                    let c = &mut t.schema.columns[i];
                    c.data_type = type_string(data_type);
                    c.not_null = options_not_null(options);
                    let entry = format!("{loc} modify column {} {}", c.name, c.data_type);
                    t.schema.history.push(entry);
                    if column_position.is_some() {
                        move_column(
                            t,
                            &ident_key(col_name),
                            column_position.as_ref(),
                            &mut problems,
                            &shown,
                        );
                    }
                }
                None if known => problems.push((
                    ProblemKind::UnknownColumn,
                    format!("{shown}: no column {} to modify", col_name.value),
                )),
                None => {}
            },
            AlterTableOperation::AlterColumn { column_name, op } => {
                match t.column(&ident_key(column_name)) {
                    Some(i) => {
                        let c = &mut t.schema.columns[i];
                        let entry = match op {
                            AlterColumnOperation::SetNotNull => {
                                c.not_null = true;
                                Some(format!("{loc} alter column {} set not null", c.name))
                            }
                            AlterColumnOperation::DropNotNull => {
                                c.not_null = false;
                                Some(format!("{loc} alter column {} drop not null", c.name))
                            }
                            AlterColumnOperation::SetDataType { data_type, .. } => {
                                c.data_type = type_string(data_type);
                                Some(format!(
                                    "{loc} alter column {} type {}",
                                    c.name, c.data_type
                                ))
                            }
                            _ => None,
                        };
                        t.schema.history.extend(entry);
                    }
                    None if known => problems.push((
                        ProblemKind::UnknownColumn,
                        format!("{shown}: no column {} to alter", column_name.value),
                    )),
                    None => {}
                }
            }
            AlterTableOperation::AddConstraint {
                constraint: TableConstraint::PrimaryKey(pk),
                ..
            } => {
                for c in &pk.columns {
                    if let Expr::Identifier(ident) = &c.column.expr {
                        match t.column(&ident_key(ident)) {
                            Some(i) => t.schema.columns[i].not_null = true,
                            None if known => problems.push((
                                ProblemKind::UnknownColumn,
                                format!("{shown}: no column {} for the primary key", ident.value),
                            )),
                            None => {}
                        }
                    }
                }
            }
            _ => {}
        }
        for (kind, error) in problems {
            self.problem(path, line, kind, error);
        }
        key.to_string()
    }
}

/// Where a MySQL `FIRST` / `AFTER c` puts a column (the end by default).
fn position(
    t: &TableState,
    pos: Option<&MySQLColumnPosition>,
    problems: &mut Vec<(ProblemKind, String)>,
    shown: &str,
) -> usize {
    match pos {
        None => t.keys.len(),
        Some(MySQLColumnPosition::First) => 0,
        Some(MySQLColumnPosition::After(after)) => match t.column(&ident_key(after)) {
            Some(i) => i + 1,
            None => {
                if t.schema.columns_known {
                    problems.push((
                        ProblemKind::UnknownColumn,
                        format!("{shown}: no column {} to place a column after", after.value),
                    ));
                }
                t.keys.len()
            }
        },
    }
}

fn move_column(
    t: &mut TableState,
    key: &str,
    pos: Option<&MySQLColumnPosition>,
    problems: &mut Vec<(ProblemKind, String)>,
    shown: &str,
) {
    if let Some(i) = t.column(key) {
        let (k, c) = t.remove_column(i);
        let at = position(t, pos, problems, shown);
        t.push_column(at, k, c);
    }
}

/// RENAME COLUMN, or MySQL CHANGE (with a new type and nullability).
/// Returns whether the column was found.
fn rename_column(
    t: &mut TableState,
    old: &sqlparser::ast::Ident,
    new: &sqlparser::ast::Ident,
    change: Option<(String, bool)>,
    problems: &mut Vec<(ProblemKind, String)>,
    shown: &str,
    loc: &str,
) -> bool {
    let old_key = ident_key(old);
    let new_key = ident_key(new);
    let Some(i) = t.column(&old_key) else {
        if t.schema.columns_known {
            problems.push((
                ProblemKind::UnknownColumn,
                format!("{shown}: no column {} to rename", old.value),
            ));
        } else {
            t.schema.history.push(format!(
                "{loc} rename column {} to {}",
                old.value, new.value
            ));
        }
        return false;
    };
    if new_key != old_key && t.column(&new_key).is_some() {
        problems.push((
            ProblemKind::AlreadyExists,
            format!(
                "{shown}: cannot rename column {} to {}: it exists",
                old.value, new.value
            ),
        ));
        return false;
    }
    let c = &mut t.schema.columns[i];
    let mut entry = if c.name == new.value {
        format!("{loc} change column {}", c.name)
    } else {
        format!("{loc} rename column {} to {}", c.name, new.value)
    };
    c.name = new.value.clone();
    if let Some((data_type, not_null)) = change {
        c.data_type = data_type;
        c.not_null = not_null;
        entry.push_str(&format!(" {}", c.data_type));
    }
    t.keys[i] = new_key;
    t.schema.history.push(entry);
    true
}

/// `CREATE [OR REPLACE] [UNLOGGED|GLOBAL|LOCAL]… TABLE [IF NOT EXISTS] name`
/// at the start of an unparsable statement: the name and IF NOT EXISTS.
/// None for anything else, temporary tables included.
fn create_table_head(text: &str) -> Option<(Name, bool)> {
    let mut tokens = HeadTokens {
        bytes: text.as_bytes(),
        text,
        i: 0,
    };
    let word = |t: &mut HeadTokens<'_>| match t.next() {
        Some(Tok::Word(w, false)) => Some(w.to_ascii_uppercase()),
        _ => None,
    };
    if word(&mut tokens)? != "CREATE" {
        return None;
    }
    let mut w = word(&mut tokens)?;
    if w == "OR" {
        if word(&mut tokens)? != "REPLACE" {
            return None;
        }
        w = word(&mut tokens)?;
    }
    while matches!(w.as_str(), "UNLOGGED" | "GLOBAL" | "LOCAL") {
        w = word(&mut tokens)?;
    }
    if w != "TABLE" {
        return None;
    }
    let save = tokens.i;
    let mut if_not_exists = false;
    if word(&mut tokens).as_deref() == Some("IF") {
        if word(&mut tokens)? != "NOT" || word(&mut tokens)? != "EXISTS" {
            return None;
        }
        if_not_exists = true;
    } else {
        tokens.i = save;
    }
    let mut parts = Vec::new();
    loop {
        match tokens.next()? {
            Tok::Word(w, quoted) => parts.push(ident_parts(&w, quoted)),
            Tok::Other => return None,
        }
        if tokens.bytes.get(tokens.i) == Some(&b'.') {
            tokens.i += 1;
        } else {
            break;
        }
    }
    Some((Name { parts }, if_not_exists))
}

enum Tok {
    /// A word, or a quoted identifier (true) without its quotes.
    Word(String, bool),
    Other,
}

struct HeadTokens<'a> {
    bytes: &'a [u8],
    text: &'a str,
    i: usize,
}

impl HeadTokens<'_> {
    fn next(&mut self) -> Option<Tok> {
        let b = self.bytes;
        loop {
            while self.i < b.len() && b[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
            if b.get(self.i) == Some(&b'-') && b.get(self.i + 1) == Some(&b'-') {
                while self.i < b.len() && b[self.i] != b'\n' {
                    self.i += 1;
                }
            } else if b.get(self.i) == Some(&b'/') && b.get(self.i + 1) == Some(&b'*') {
                let rest = &self.text[self.i + 2..];
                self.i = rest.find("*/").map_or(b.len(), |n| self.i + 2 + n + 2);
            } else {
                break;
            }
        }
        let c = *b.get(self.i)?;
        let close = match c {
            b'"' => b'"',
            b'`' => b'`',
            b'[' => b']',
            _ => 0,
        };
        if close != 0 {
            let start = self.i + 1;
            let end = b[start..].iter().position(|x| *x == close)? + start;
            self.i = end + 1;
            return Some(Tok::Word(self.text[start..end].to_string(), true));
        }
        if is_ident_byte(c) && c != b'$' {
            let w = word_at(b, self.i);
            self.i += w.len();
            return Some(Tok::Word(String::from_utf8_lossy(w).into_owned(), false));
        }
        self.i += 1;
        Some(Tok::Other)
    }
}
