//! `goseam.toml`: the project's configuration file.
//!
//! goseam reads `<root>/goseam.toml` when it exists, or the file named on
//! the command line (a relative explicit path is relative to the current
//! directory, like any command-line path). A missing file at the default
//! location means the default configuration; a missing explicit file is an
//! error. Every key is optional; an empty file is the default configuration.
//!
//! Unknown keys, values of the wrong type and values that fail validation
//! are errors that name the file, line and column (`goseam.toml:12:8: …`).
//! Nothing is silently ignored or corrected. When several values are invalid,
//! the one nearest the top of the file is reported.
//!
//! # Keys
//!
//! ```toml
//! [sql]
//! # SQL dialect used to parse query text: "postgres", "mysql" or "sqlite".
//! # Default: unset, meaning each dialect is tried in turn.
//! dialect = "postgres"
//!
//! [domains]
//! # The fallback convention when neither [[domain]] entries nor a CODEOWNERS
//! # file assign domains: a file's domain is its module directory plus the
//! # first `depth` components of its directory relative to the module root
//! # (`internal/billing/store/x.go` -> `internal/billing`). An integer >= 1.
//! # Default: 2 (`internal/<domain>`, `pkg/<domain>`, `services/<domain>`).
//! depth = 2
//!
//! # A domain (a team or bounded context). Repeatable; order matters: a file
//! # belongs to the first domain whose globs match it.
//! [[domain]]
//! # Required, non-empty, unique among [[domain]] entries.
//! name = "billing"
//! # Required, at least one glob. See "Path globs" below.
//! paths = ["internal/billing/**"]
//!
//! # A project function that runs SQL or names a table, so calls to it count
//! # as database access. Repeatable.
//! [[query_function]]
//! # Required. goseam call-site target syntax (go/types' Func.FullName):
//! # `pkg/path.Func` or `(*pkg/path.Type).Method`; kept as a string here.
//! target = "github.com/acme/monolith/internal/platform/db.MustQuery"
//! # Required. 0-based index of the argument that carries the SQL text or the
//! # table name; 0..=32. (target, arg) pairs must be unique.
//! arg = 1
//! # Required. "sql": the argument is SQL text; "table": it is a table name.
//! kind = "sql"
//! # Required when kind = "table", not allowed when kind = "sql":
//! # "read" or "write", what a call does to the named table.
//! # access = "write"
//!
//! [schema]
//! # Files or directories (relative to the root) holding the migrations or
//! # schema. Default: empty, meaning discovered.
//! paths = ["db/migrations"]
//!
//! [scan]
//! # Path globs (see below) of files and directories to leave out of the scan.
//! # Default: empty.
//! exclude = ["third_party/**"]
//! # Largest source file read, in bytes; an integer >= 1.
//! # Default: unset, meaning the engine's default (8 MiB).
//! max_file_size = 8388608
//! ```
//!
//! # Path globs
//!
//! `[[domain]] paths` and `[scan] exclude` are globs over `/`-separated
//! paths relative to the scanned root (globset syntax): `*` and `?` do not
//! match `/`, `**` matches any number of directories, `{a,b}` and `[ab]` work
//! as usual. A leading `./` or `/` and a trailing `/` are ignored (paths are
//! always root-relative). A glob matches a file when it matches the file's
//! path **or the path of any directory containing it**, as in `.gitignore`:
//! `internal/billing`, `internal/billing/` and `internal/billing/**` all match
//! `internal/billing/store/ledger.go`. An empty glob, one that does not
//! compile, or one with a `..` component is an error naming the glob.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};

/// The file name looked for in the root.
pub const CONFIG_FILE_NAME: &str = "goseam.toml";
/// `[domains] depth` when unset.
pub const DEFAULT_DOMAIN_DEPTH: usize = 2;
/// The largest `[[query_function]] arg` accepted.
pub const MAX_QUERY_ARG: usize = 32;

/// The whole of `goseam.toml`. `Default` is the configuration used when there
/// is no file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub sql: SqlConfig,
    pub domains: DomainSettings,
    /// `[[domain]]` entries, in file order (the order decides overlaps).
    pub domain: Vec<DomainSpec>,
    /// `[[query_function]]` entries, in file order.
    pub query_function: Vec<QueryFunction>,
    pub schema: SchemaConfig,
    pub scan: ScanConfig,
}

/// `[sql]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SqlConfig {
    /// `None`: try each dialect in turn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dialect: Option<SqlDialect>,
}

impl SqlConfig {
    /// The dialects the SQL parser tries: the configured one, else each in
    /// turn.
    pub fn dialect_choice(&self) -> crate::sql::DialectChoice {
        use crate::sql::{Dialect, DialectChoice};
        match self.dialect {
            None => DialectChoice::Any,
            Some(SqlDialect::Postgres) => DialectChoice::Only(Dialect::Postgres),
            Some(SqlDialect::MySql) => DialectChoice::Only(Dialect::MySql),
            Some(SqlDialect::Sqlite) => DialectChoice::Only(Dialect::Sqlite),
        }
    }
}

/// A SQL dialect goseam can parse. The SQL analyzers map it to their parser's
/// dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SqlDialect {
    Postgres,
    MySql,
    Sqlite,
}

impl SqlDialect {
    /// The spelling used in `goseam.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            SqlDialect::Postgres => "postgres",
            SqlDialect::MySql => "mysql",
            SqlDialect::Sqlite => "sqlite",
        }
    }
}

impl fmt::Display for SqlDialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `[domains]`: settings of the directory convention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DomainSettings {
    /// Directory components (below the module root) that name a domain.
    pub depth: usize,
}

impl Default for DomainSettings {
    fn default() -> Self {
        DomainSettings {
            depth: DEFAULT_DOMAIN_DEPTH,
        }
    }
}

/// One `[[domain]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainSpec {
    pub name: String,
    /// Path globs (see the module documentation).
    pub paths: Vec<String>,
}

/// One `[[query_function]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryFunction {
    /// Call-site target, go/types spelling (`pkg/path.Func`,
    /// `(*pkg/path.Type).Method`).
    pub target: String,
    /// 0-based index of the argument carrying the SQL or the table name.
    pub arg: usize,
    pub kind: QueryKind,
    /// Set exactly when `kind` is [`QueryKind::Table`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<Access>,
}

/// What a query function's argument carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueryKind {
    /// SQL text.
    Sql,
    /// A table name.
    Table,
}

/// What a table-kind query function does to its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Read,
    Write,
}

/// `[schema]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SchemaConfig {
    /// Root-relative files or directories; empty: discover.
    pub paths: Vec<String>,
}

/// `[scan]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScanConfig {
    /// Path globs of files and directories to leave out.
    pub exclude: Vec<String>,
    /// Bytes; `None`: the engine's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_file_size: Option<u64>,
}

/// A line and column (both 1-based, the column in characters) in a
/// configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// Why a configuration could not be loaded. `Display` starts with the file
/// (and, where known, `:line:column`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read (missing explicit file, permissions, ...).
    #[error("{file}: cannot read: {message}")]
    Read { file: String, message: String },
    /// The file was read but is not a valid configuration.
    #[error("{file}{}: {message}", location.map(|l| format!(":{}:{}", l.line, l.column)).unwrap_or_default())]
    Invalid {
        file: String,
        location: Option<Location>,
        message: String,
    },
}

impl ConfigError {
    /// The file named by the error.
    pub fn file(&self) -> &str {
        match self {
            ConfigError::Read { file, .. } | ConfigError::Invalid { file, .. } => file,
        }
    }

    /// Where in the file the problem is, when known.
    pub fn location(&self) -> Option<Location> {
        match self {
            ConfigError::Read { .. } => None,
            ConfigError::Invalid { location, .. } => *location,
        }
    }
}

impl Config {
    /// Load `explicit` if given (a missing file is an error), else
    /// `<root>/goseam.toml` if it exists, else the default configuration.
    /// Returns the configuration and the file it came from.
    ///
    /// Errors name an explicit file as given and the default file as
    /// `goseam.toml`, so messages hold no absolute paths.
    pub fn load(
        root: &Path,
        explicit: Option<&Path>,
    ) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let (path, label) = match explicit {
            Some(path) => (path.to_path_buf(), path.display().to_string()),
            None => (root.join(CONFIG_FILE_NAME), CONFIG_FILE_NAME.to_string()),
        };
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
                return Ok((Config::default(), None));
            }
            Err(e) => {
                let message = match e.kind() {
                    std::io::ErrorKind::NotFound => "not found".to_string(),
                    kind => kind.to_string(),
                };
                return Err(ConfigError::Read {
                    file: label,
                    message,
                });
            }
        };
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text,
            Err(e) => {
                // Locate the first bad byte in the valid prefix's terms.
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
                return Err(ConfigError::Invalid {
                    file: label,
                    location: Some(location_of(valid, valid.len())),
                    message: "not valid UTF-8".to_string(),
                });
            }
        };
        let config = Config::from_str(text, &label)?;
        Ok((config, Some(path)))
    }

    /// Parse and validate configuration text; `file_label` names the file in
    /// errors.
    pub fn from_str(text: &str, file_label: &str) -> Result<Config, ConfigError> {
        let invalid = |span: Option<Range<usize>>, message: String| ConfigError::Invalid {
            file: file_label.to_string(),
            location: span.map(|s| location_of(text, s.start)),
            message,
        };
        let config: Config =
            toml::from_str(text).map_err(|e| invalid(e.span(), humanize(e.message())))?;
        // The same text parsed again as a spanned document, to place
        // validation errors. It parsed above, so this succeeds.
        let doc = DeTable::parse(text)
            .map(|t| DeValue::Table(t.into_inner()))
            .map_err(|e| invalid(e.span(), e.message().to_string()))?;
        let problems = config.problems();
        let first = problems
            .into_iter()
            .map(|p| {
                let span = span_at(&doc, &p.at);
                (span, p.render(Some((&doc, text, file_label))))
            })
            // Earliest in the file first; unplaced problems last.
            .min_by_key(|(span, _)| span.as_ref().map_or(usize::MAX, |s| s.start));
        match first {
            Some((span, message)) => Err(invalid(span, message)),
            None => Ok(config),
        }
    }

    /// Check a configuration built in code (no file, so no locations); the
    /// file name used in the error is `goseam.toml`.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match self.problems().into_iter().next() {
            Some(p) => Err(ConfigError::Invalid {
                file: CONFIG_FILE_NAME.to_string(),
                location: None,
                message: p.render(None),
            }),
            None => Ok(()),
        }
    }

    /// Every validation problem, each with the key path it is about.
    fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.domains.depth == 0 {
            out.push(Problem::new(
                vec![Key::Name("domains"), Key::Name("depth")],
                "`depth` must be at least 1".to_string(),
            ));
        }

        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, d) in self.domain.iter().enumerate() {
            let at = |k: &'static str| vec![Key::Name("domain"), Key::Index(i), Key::Name(k)];
            if d.name.trim().is_empty() {
                out.push(Problem::new(
                    at("name"),
                    "domain `name` must not be empty".to_string(),
                ));
            } else if let Some(&first) = seen.get(d.name.as_str()) {
                out.push(
                    Problem::new(at("name"), format!("duplicate domain `{}`", d.name)).first(
                        vec![Key::Name("domain"), Key::Index(first), Key::Name("name")],
                        format!("[[domain]] entry {}", first + 1),
                    ),
                );
            } else {
                seen.insert(&d.name, i);
            }
            if d.paths.is_empty() {
                out.push(Problem::new(
                    at("paths"),
                    format!("domain `{}` needs at least one path glob", d.name),
                ));
            }
            for (j, glob) in d.paths.iter().enumerate() {
                if let Err(e) = compile_path_glob(glob) {
                    let mut key = at("paths");
                    key.push(Key::Index(j));
                    out.push(Problem::new(key, e.to_string()));
                }
            }
        }

        let mut targets: BTreeMap<(&str, usize), usize> = BTreeMap::new();
        for (i, q) in self.query_function.iter().enumerate() {
            let at =
                |k: &'static str| vec![Key::Name("query_function"), Key::Index(i), Key::Name(k)];
            if q.target.trim().is_empty() {
                out.push(Problem::new(
                    at("target"),
                    "query function `target` must not be empty".to_string(),
                ));
            } else if let Some(&first) = targets.get(&(q.target.as_str(), q.arg)) {
                out.push(
                    Problem::new(
                        at("target"),
                        format!("duplicate query function `{}` argument {}", q.target, q.arg),
                    )
                    .first(
                        vec![
                            Key::Name("query_function"),
                            Key::Index(first),
                            Key::Name("target"),
                        ],
                        format!("[[query_function]] entry {}", first + 1),
                    ),
                );
            } else {
                targets.insert((&q.target, q.arg), i);
            }
            if q.arg > MAX_QUERY_ARG {
                out.push(Problem::new(
                    at("arg"),
                    format!("`arg` must be between 0 and {MAX_QUERY_ARG}, not {}", q.arg),
                ));
            }
            match (q.kind, q.access) {
                (QueryKind::Table, None) => out.push(Problem::new(
                    at("kind"),
                    "kind = \"table\" needs `access` (\"read\" or \"write\")".to_string(),
                )),
                (QueryKind::Sql, Some(_)) => out.push(Problem::new(
                    at("access"),
                    "`access` is only allowed with kind = \"table\" (the SQL text says what a kind = \"sql\" call does)"
                        .to_string(),
                )),
                _ => {}
            }
        }

        for (j, path) in self.schema.paths.iter().enumerate() {
            if path.trim().is_empty() {
                out.push(Problem::new(
                    vec![Key::Name("schema"), Key::Name("paths"), Key::Index(j)],
                    "schema path must not be empty".to_string(),
                ));
            }
        }

        for (j, glob) in self.scan.exclude.iter().enumerate() {
            if let Err(e) = compile_path_glob(glob) {
                out.push(Problem::new(
                    vec![Key::Name("scan"), Key::Name("exclude"), Key::Index(j)],
                    e.to_string(),
                ));
            }
        }
        if self.scan.max_file_size == Some(0) {
            out.push(Problem::new(
                vec![Key::Name("scan"), Key::Name("max_file_size")],
                "`max_file_size` must be at least 1".to_string(),
            ));
        }
        out
    }
}

/// A validation problem and the key path (into the TOML document) it is
/// about.
struct Problem {
    at: Vec<Key>,
    message: String,
    /// For duplicates: where the first declaration is, and how to name it
    /// when there is no file to point into.
    first: Option<(Vec<Key>, String)>,
}

impl Problem {
    fn new(at: Vec<Key>, message: String) -> Problem {
        Problem {
            at,
            message,
            first: None,
        }
    }

    fn first(mut self, at: Vec<Key>, entry: String) -> Problem {
        self.first = Some((at, entry));
        self
    }

    /// The message, with the first declaration placed in `doc` if given.
    fn render(self, doc: Option<(&DeValue<'_>, &str, &str)>) -> String {
        let Some((at, entry)) = self.first else {
            return self.message;
        };
        let placed = doc.and_then(|(doc, text, file)| {
            span_at(doc, &at).map(|s| format!("{file}:{}", location_of(text, s.start).line))
        });
        match placed {
            Some(place) => format!("{} (first declared at {place})", self.message),
            None => format!("{} (first declared by {entry})", self.message),
        }
    }
}

enum Key {
    Name(&'static str),
    Index(usize),
}

/// The span of the value at `path`, or of the nearest enclosing value that
/// exists.
fn span_at(doc: &DeValue<'_>, path: &[Key]) -> Option<Range<usize>> {
    let mut value = doc;
    let mut span = None;
    for key in path {
        let next = match key {
            Key::Name(name) => value.get(*name),
            Key::Index(i) => value.get(*i),
        };
        match next {
            Some(v) => {
                span = Some(v.span());
                value = v.get_ref();
            }
            None => break,
        }
    }
    span
}

/// A toml/serde message in words a user of `goseam.toml` knows.
fn humanize(message: &str) -> String {
    message
        .trim_end()
        .replace('\n', " ")
        .replace("expected usize", "expected a non-negative integer")
        .replace("expected u64", "expected a non-negative integer")
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn location_of(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Location { line, column }
}

/// A path glob that is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid glob `{glob}`: {reason}")]
pub struct GlobError {
    pub glob: String,
    pub reason: String,
}

/// The canonical form of a path glob: leading `./` and `/` and trailing `/`
/// removed.
fn normalize_glob(glob: &str) -> &str {
    let mut g = glob;
    loop {
        let before = g.len();
        g = g.strip_prefix("./").unwrap_or(g);
        g = g.trim_start_matches('/');
        if g.len() == before {
            break;
        }
    }
    g.trim_end_matches('/')
}

fn compile_path_glob(glob: &str) -> Result<globset::Glob, GlobError> {
    let err = |reason: &str| GlobError {
        glob: glob.to_string(),
        reason: reason.to_string(),
    };
    let g = normalize_glob(glob);
    if g.is_empty() || g == "." {
        return Err(err("empty glob (use `**` for everything)"));
    }
    if g.split('/').any(|c| c == "..") {
        return Err(err("`..` components never match root-relative paths"));
    }
    GlobBuilder::new(g)
        .literal_separator(true)
        .build()
        .map_err(|e| err(&e.kind().to_string()))
}

/// Compiled path globs with the semantics described in the module
/// documentation: a glob matches a file when it matches the file's path or
/// the path of a directory containing it.
#[derive(Debug, Clone)]
pub struct PathGlobs {
    set: GlobSet,
    len: usize,
}

impl PathGlobs {
    /// Compile `globs`; the first that does not compile is the error.
    pub fn new<S: AsRef<str>>(globs: &[S]) -> Result<PathGlobs, GlobError> {
        let mut builder = GlobSetBuilder::new();
        for g in globs {
            builder.add(compile_path_glob(g.as_ref())?);
        }
        let set = builder.build().map_err(|e| GlobError {
            glob: e.glob().unwrap_or("").to_string(),
            reason: e.kind().to_string(),
        })?;
        Ok(PathGlobs {
            set,
            len: globs.len(),
        })
    }

    /// How many globs.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The index of the first glob (in the order given) that matches `path`
    /// (a root-relative `/`-separated path) or one of its directories.
    pub fn first_match(&self, path: &str) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let mut best: Option<usize> = None;
        let mut hits = Vec::new();
        let mut candidate = path;
        loop {
            if !candidate.is_empty() {
                self.set.matches_into(candidate, &mut hits);
                if let Some(&m) = hits.iter().min() {
                    best = Some(best.map_or(m, |b| b.min(m)));
                }
            }
            match candidate.rfind('/') {
                Some(i) => candidate = &candidate[..i],
                None => break,
            }
        }
        best
    }

    /// Whether any glob matches `path` or one of its directories.
    pub fn is_match(&self, path: &str) -> bool {
        self.first_match(path).is_some()
    }
}
