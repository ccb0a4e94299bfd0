//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Static facts about large Go monoliths, for safe migrations.
#[derive(Debug, Parser)]
#[command(name = "goseam", version, about, long_about = None)]
pub struct Cli {
    /// Worker threads (default: one per core). Output never depends on it.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar, no timing line on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan a tree and summarize its modules, packages and files.
    Scan {
        #[command(flatten)]
        tree: TreeArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List the registered analyzers with their docs.
    Analyzers {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Every call of (and reference to) functions or methods, resolved.
    Callsites {
        /// Targets in go/types spelling: `fmt.Sprintf`, `(*net/http.Client).Do`,
        /// `(io.Writer).Write`; short forms like `sqlx.Connect` are looked up.
        #[arg(required = true, value_name = "TARGET")]
        targets: Vec<String>,
        #[command(flatten)]
        tree: TreeArgs,
        #[arg(long, value_enum, default_value_t = CallSiteFormat::Text)]
        format: CallSiteFormat,
        /// Leave out call sites in _test.go files.
        #[arg(long)]
        no_tests: bool,
        /// Report only resolved sites (unresolved ones are reported by default).
        #[arg(long, conflicts_with = "include_unresolved")]
        resolved_only: bool,
        /// Report unresolved sites with their reasons (the default).
        #[arg(long)]
        include_unresolved: bool,
    },
    /// Which code reads and writes each table, which domain owns it, which
    /// tables are shared; tables missing from the schema or never accessed.
    Tables {
        #[command(flatten)]
        tree: TreeArgs,
        /// Only this table.
        #[arg(long, value_name = "TABLE")]
        table: Option<String>,
        #[arg(long, value_enum, default_value_t = TablesFormat::Text)]
        format: TablesFormat,
        /// Leave out test code's reads and writes (status never counts them).
        #[arg(long)]
        no_tests: bool,
    },
    /// Every SQL use site: the statement, its tables and columns, the call
    /// that runs it; unresolved dynamic SQL with reasons; unused SQL constants.
    Sql {
        #[command(flatten)]
        tree: TreeArgs,
        #[arg(long, value_enum, default_value_t = SiteFormat::Text)]
        format: SiteFormat,
        /// Leave out sites in _test.go files.
        #[arg(long)]
        no_tests: bool,
    },
    /// The package and domain dependency graphs: cycles with the imports
    /// that form them, coupling per domain, and an order to extract domains.
    Deps {
        #[command(flatten)]
        tree: TreeArgs,
        /// Print the package graph, or the domain graph with the extraction order.
        #[arg(long, value_enum, default_value_t = Level::Domain)]
        level: Level,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Package level: also show test-only imports and the cycles they form.
        #[arg(long)]
        tests: bool,
    },
    /// The call graph: every call and function reference with its callee
    /// (interface calls expanded to the tree's implementations), and the
    /// entry points.
    Callgraph {
        #[command(flatten)]
        tree: TreeArgs,
        #[arg(long, value_enum, default_value_t = SiteFormat::Text)]
        format: SiteFormat,
        /// Leave out edges in _test.go files and test entry points.
        #[arg(long)]
        no_tests: bool,
        /// After each interface call, print one `dispatch` edge per method
        /// it may reach. Without it each interface edge names its dispatch
        /// set, listed once: expanded at every call site, the output grows
        /// with call sites × implementations.
        #[arg(long)]
        expand_dispatch: bool,
    },
    /// Every function that calls the targets, to a depth, with the entry
    /// points reached and example paths.
    Callers {
        /// Functions in go/types spelling (`pkg.F`, `(*pkg.T).M`,
        /// `(pkg.I).M`); short forms (`email.Send`) are looked up.
        #[arg(required = true, value_name = "FUNC")]
        targets: Vec<String>,
        #[command(flatten)]
        tree: TreeArgs,
        #[command(flatten)]
        walk: WalkArgs,
        #[arg(long, value_enum, default_value_t = SiteFormat::Text)]
        format: SiteFormat,
    },
    /// Every function the targets call, to a depth.
    Callees {
        /// Functions in go/types spelling, as for `callers`.
        #[arg(required = true, value_name = "FUNC")]
        targets: Vec<String>,
        #[command(flatten)]
        tree: TreeArgs,
        #[command(flatten)]
        walk: WalkArgs,
        #[arg(long, value_enum, default_value_t = SiteFormat::Text)]
        format: SiteFormat,
    },
    /// Every route from an entry point to each write of a table.
    Writepaths {
        #[command(flatten)]
        tree: TreeArgs,
        /// The table.
        #[arg(long, value_name = "TABLE")]
        table: String,
        /// Only writes of this column (inserts and updates that list it, and
        /// writes that list no columns).
        #[arg(long, value_name = "COLUMN")]
        column: Option<String>,
        /// Only writes of this kind.
        #[arg(long, value_enum)]
        op: Option<WriteOpArg>,
        #[command(flatten)]
        walk: WalkArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Migration plans: ordered steps with gates, stop conditions, open
    /// questions and escalations (exit 3 while blocked); `verify` reports
    /// drift of a stored plan (exit 1).
    Plan {
        #[command(subcommand)]
        plan: PlanCommand,
    },
    /// Run analyzers (and what they require) and print their results as JSON.
    Analyze {
        /// Analyzer names, as `goseam analyzers` lists them.
        #[arg(required = true, value_name = "ANALYZER")]
        names: Vec<String>,
        #[command(flatten)]
        tree: TreeArgs,
    },
    /// Check an invariant, for CI and between migration steps: exit 0 holds,
    /// 1 violated, 3 undecidable (unresolved items could hide a violation),
    /// 2 usage error.
    Check {
        #[command(subcommand)]
        invariant: Invariant,
    },
    /// Serve every analyzer and plan as a read-only MCP tool over stdio,
    /// confined to the given roots.
    Mcp {
        /// A tree the tools may read (repeat for several; tools take a
        /// `root` argument, default the first).
        #[arg(long = "root", required = true, value_name = "DIR")]
        roots: Vec<PathBuf>,
    },
}

/// The invariants `goseam check` decides.
#[derive(Debug, Subcommand)]
pub enum Invariant {
    /// Every insert, upsert, REPLACE, MERGE and COPY into TABLE provides
    /// COLUMN.
    WritesSet {
        #[arg(value_name = "TABLE.COLUMN")]
        target: String,
        /// Check test code's writes too.
        #[arg(long)]
        include_tests: bool,
        #[command(flatten)]
        common: CheckArgs,
    },
    /// No call site of (or reference to) the targets remains.
    NoCalls {
        /// Targets as for `goseam callsites`.
        #[arg(required = true, value_name = "TARGET")]
        targets: Vec<String>,
        /// Leave out call sites in _test.go files.
        #[arg(long)]
        no_tests: bool,
        #[command(flatten)]
        common: CheckArgs,
    },
    /// No domain but DOMAIN writes TABLE in production code.
    OnlyWriter {
        #[arg(value_name = "TABLE")]
        table: String,
        #[arg(value_name = "DOMAIN")]
        domain: String,
        /// Count test code's writes too.
        #[arg(long)]
        include_tests: bool,
        #[command(flatten)]
        common: CheckArgs,
    },
    /// TABLE's writers (package, function, operation) are all in the
    /// baseline: the JSON of `goseam tables --table TABLE --format json`.
    NoNewWriters {
        #[arg(value_name = "TABLE")]
        table: String,
        #[arg(long, value_name = "FILE")]
        baseline: PathBuf,
        /// Count test code's writes too.
        #[arg(long)]
        include_tests: bool,
        #[command(flatten)]
        common: CheckArgs,
    },
    /// No cycle of production imports between packages or domains.
    NoCycles {
        #[arg(long, value_enum, default_value_t = Level::Domain)]
        level: Level,
        #[command(flatten)]
        common: CheckArgs,
    },
}

/// Options every invariant takes.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub tree: TreeArgs,
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Exit 0 when undecidable (the unresolved items are still listed).
    #[arg(long)]
    pub allow_unresolved: bool,
}

impl Invariant {
    pub fn common(&self) -> &CheckArgs {
        match self {
            Invariant::WritesSet { common, .. }
            | Invariant::NoCalls { common, .. }
            | Invariant::OnlyWriter { common, .. }
            | Invariant::NoNewWriters { common, .. }
            | Invariant::NoCycles { common, .. } => common,
        }
    }
}

/// Which tree to scan and which of its files count.
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Root of the tree to scan.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Walk testdata directories too (the go tool skips them).
    #[arg(long)]
    pub include_testdata: bool,
    /// Report findings in vendor/ (always indexed for resolution).
    #[arg(long)]
    pub include_vendor: bool,
    /// Follow symbolic links (loops are detected and reported).
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Skip and report files larger than this many bytes (default: the
    /// config's `[scan] max_file_size`, else 8 MiB).
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
    /// Configuration file (default: goseam.toml at the root, if present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Keep the cache (per-file facts and finished results) in DIR instead
    /// of `.goseam` in the root.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Neither read nor write the cache: parse and compute everything.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
}

/// The plans.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Migrate (or remove) every call of a function, in batches of
    /// packages, dependencies first.
    Calls {
        /// The function, in the call-site target syntax.
        #[arg(long, value_name = "OLD")]
        from: String,
        /// What replaces it.
        #[arg(long, value_name = "NEW")]
        to: Option<String>,
        /// Packages per batch.
        #[arg(long, default_value_t = 1, value_name = "N")]
        batch_size: usize,
        #[command(flatten)]
        tree: TreeArgs,
        #[arg(long, value_enum, default_value_t = PlanFormat::Json)]
        format: PlanFormat,
    },
    /// Change a table's schema (expand/contract), or move it to a domain.
    Schema {
        #[arg(long, value_name = "TABLE")]
        table: String,
        /// Add a column (nullable first; `--not-null` enforces it last).
        #[arg(long, value_name = "COLUMN", group = "change")]
        add_column: Option<String>,
        #[arg(long, requires = "add_column")]
        not_null: bool,
        /// Rename a column: `OLD:NEW`.
        #[arg(long, value_name = "OLD:NEW", group = "change")]
        rename_column: Option<String>,
        #[arg(long, value_name = "COLUMN", group = "change")]
        drop_column: Option<String>,
        /// Give the table to this domain.
        #[arg(long, value_name = "DOMAIN", group = "change")]
        move_to: Option<String>,
        /// The value (or identifier format) new rows get for an added column.
        #[arg(long, value_name = "VALUE")]
        new_value: Option<String>,
        /// The expression existing rows are backfilled with.
        #[arg(long, value_name = "EXPR")]
        backfill: Option<String>,
        /// Who approves for a domain: `DOMAIN=NAME` (repeatable).
        #[arg(long, value_name = "DOMAIN=NAME")]
        approver: Vec<String>,
        #[command(flatten)]
        tree: TreeArgs,
        #[arg(long, value_enum, default_value_t = PlanFormat::Json)]
        format: PlanFormat,
    },
    /// Recompute a stored plan and report drift (sites added or gone,
    /// inputs changed): exit 1 on drift.
    Verify {
        /// The plan's JSON.
        #[arg(value_name = "PLAN.json")]
        plan: PathBuf,
        #[command(flatten)]
        tree: TreeArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Json,
    Markdown,
}

/// How far call graph queries walk.
#[derive(Debug, Args)]
pub struct WalkArgs {
    /// Follow calls at most this many levels.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub depth: u32,
    /// Walk through test functions and count tests as entry points.
    #[arg(long)]
    pub include_tests: bool,
    /// Example paths to show per query.
    #[arg(long, default_value_t = 5, value_name = "K")]
    pub examples: usize,
}

/// A kind of write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WriteOpArg {
    Insert,
    Update,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SiteFormat {
    Text,
    Json,
    Jsonl,
}

/// `goseam callsites`: sites as text, JSON, JSON lines or a SARIF 2.1.0 log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CallSiteFormat {
    Text,
    Json,
    Jsonl,
    Sarif,
}

/// `goseam check`: the verdict and findings as text, JSON or a SARIF log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
}

/// `goseam tables`: text, JSON or a Markdown report for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TablesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Which graph `goseam deps` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Package,
    Domain,
}

impl WalkArgs {
    pub fn walk(&self) -> goseam_analyzers::callgraph::query::Walk {
        goseam_analyzers::callgraph::query::Walk {
            depth: self.depth,
            include_tests: self.include_tests,
            examples: self.examples,
        }
    }
}
