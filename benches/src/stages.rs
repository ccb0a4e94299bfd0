//! The stages issue 8 measures, each as the CLI command runs it, from
//! nothing cached in the process: one function per stage, shared by the
//! criterion benches and the examples.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use goseam_analyzers::callgraph::CallGraph;
use goseam_analyzers::callsites::{
    find_call_sites, resolve_short, CallSiteOptions, CallSiteReport, Target,
};
use goseam_analyzers::config::Config;
use goseam_analyzers::sqluse::SqlOptions;
use goseam_analyzers::tables::{analyze_tables, TablesReport};
use goseam_engine::resolve::query::{prepare, Prepared};
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::{NoObserver, Scan, ScanOptions};

/// `GOSEAM_BENCH_THREADS`, default 2 (the benchmark machine's size).
pub fn threads() -> usize {
    std::env::var("GOSEAM_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2)
}

/// Scan options and configuration as the CLI makes them for `--root ROOT
/// --threads N` (the root's `goseam.toml` if it has one).
pub fn scan_options(root: &Path, threads: usize) -> (ScanOptions, Config) {
    let (config, _) = Config::load(root, None).expect("configuration loads");
    let options = ScanOptions {
        threads,
        max_file_size: config
            .scan
            .max_file_size
            .unwrap_or(goseam_engine::scan::DEFAULT_MAX_FILE_SIZE),
        exclude: config.scan.exclude.clone(),
        ..ScanOptions::new(root)
    };
    (options, config)
}

/// `goseam scan`'s work: a full cold scan.
pub fn scan(options: &ScanOptions) -> Scan {
    goseam_engine::scan(options, &NoObserver).expect("scan")
}

/// `goseam callsites TARGET` (tests and unresolved sites included, vendor
/// left out, the CLI's defaults): prepare the tree, resolve the target,
/// find its sites.
pub fn callsites(options: &ScanOptions, target: &str) -> (Prepared, CallSiteReport) {
    let prepared = prepare(options, Toolchain::detect()).expect("prepare");
    let targets = resolve_short(
        &prepared,
        vec![Target::parse(target).expect("target parses")],
    )
    .expect("target resolves");
    let report = find_call_sites(
        &prepared,
        &targets,
        CallSiteOptions {
            include_tests: true,
            include_unresolved: true,
            include_vendor: false,
        },
    );
    (prepared, report)
}

/// `goseam tables`: the SQL pass and table ownership, with the root's
/// configuration (domains, query functions, dialect).
pub fn tables(options: &ScanOptions, config: &Config) -> (Prepared, TablesReport) {
    let prepared = prepare(options, Toolchain::detect()).expect("prepare");
    let sql = SqlOptions::from_config(config, &prepared, false).expect("SQL options");
    let report = analyze_tables(&prepared, config, &sql).expect("tables");
    (prepared, report)
}

/// `goseam callgraph`'s work: the scan and the whole-tree call graph from
/// one parse of each file.
pub fn callgraph(options: &ScanOptions) -> (Scan, Prepared, CallGraph) {
    goseam_analyzers::callgraph::scan_and_build(options, Toolchain::detect(), &NoObserver)
        .expect("callgraph")
}

/// ast-grep finding `call(...)` on `root` with `threads` threads; `None`
/// when ast-grep is not installed (`pip install ast-grep-cli`).
///
/// The plain pattern `fmt.Sprintf($$$)` matches nothing in Go (tree-sitter
/// parses a lone `a.b(...)` pattern differently), so the rule gives the
/// call a function body as context and selects the `call_expression`.
pub struct AstGrep {
    rule: PathBuf,
}

impl AstGrep {
    /// A rule file for `call` in the temporary directory.
    pub fn new(call: &str) -> Option<AstGrep> {
        let installed = Command::new("ast-grep")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            return None;
        }
        let rule = std::env::temp_dir().join(format!(
            "goseam-bench-{}-{}.yml",
            call.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
            std::process::id()
        ));
        std::fs::write(&rule, ast_grep_rule(call)).ok()?;
        Some(AstGrep { rule })
    }

    /// Run the rule on `root`; the number of matches.
    pub fn run(&self, root: &Path, threads: usize) -> usize {
        let out = Command::new("ast-grep")
            .args(["scan", "--json=stream", "-j", &threads.to_string(), "-r"])
            .arg(&self.rule)
            .arg(root)
            .stderr(Stdio::null())
            .output()
            .expect("ast-grep runs");
        out.stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count()
    }
}

impl Drop for AstGrep {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.rule);
    }
}

/// The rule the issue prescribes for one call.
pub fn ast_grep_rule(call: &str) -> String {
    format!(
        "id: call\nlanguage: go\nrule:\n  pattern:\n    context: 'func t() {{ {call}($$$A) }}'\n    selector: call_expression\n"
    )
}
