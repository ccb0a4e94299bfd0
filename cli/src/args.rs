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
        #[arg(long, value_enum, default_value_t = SiteFormat::Text)]
        format: SiteFormat,
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
    /// Run analyzers (and what they require) and print their results as JSON.
    Analyze {
        /// Analyzer names, as `goseam analyzers` lists them.
        #[arg(required = true, value_name = "ANALYZER")]
        names: Vec<String>,
        #[command(flatten)]
        tree: TreeArgs,
    },
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
    /// Skip and report files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = goseam_engine::scan::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SiteFormat {
    Text,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}
