//! The analyzer API, modelled on golang.org/x/tools/go/analysis.
//!
//! An [`Analyzer`] is a plain value with a `NAME` (a valid identifier, usable
//! as a command-line word), a `DOC` (a title line, a blank line, then
//! detail: what it finds and what it cannot), the analyzers it `requires`,
//! and a typed, serializable `Result`. A [`Pass`] is the single interface
//! between an analyzer and the driver: it gives the engine's scan and the
//! results of required analyzers, typed. Analyzers register themselves with
//! [`register_analyzer!`], so adding one means adding a module, a fixture and
//! a snapshot, never editing a central list.

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use goseam_engine::discover::{DiscoveredFile, DiscoveredKind};
use goseam_engine::resolve::query::Prepared;
use goseam_engine::resolve::universe::{Toolchain, TreeLayout, Universe};
use goseam_engine::Scan;
use serde::Serialize;

use crate::config::Config;

/// An analysis over a scanned tree.
pub trait Analyzer: Send + Sync + 'static {
    /// What the analyzer computes. Serializable, so front ends can print it
    /// and a cache can store it.
    type Result: Serialize + Send + Sync + 'static;

    /// A valid Go/Rust identifier, unique among analyzers.
    const NAME: &'static str;
    /// Title line, blank line, detail (what it finds, what it cannot).
    const DOC: &'static str;

    /// Analyzers whose results [`Analyzer::run`] reads through the pass.
    fn requires(&self) -> Vec<&'static dyn DynAnalyzer> {
        Vec::new()
    }

    fn run(&self, pass: &Pass<'_>) -> Result<Self::Result, AnalysisError>;
}

/// An analysis that could not produce its result.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("unknown analyzer {0:?}")]
    Unknown(String),
    #[error("analyzers require each other in a cycle: {0}")]
    Cycle(String),
    #[error("analyzer {analyzer} failed: {message}")]
    Failed { analyzer: String, message: String },
    #[error("analyzer {analyzer} read the result of {required}, which it does not require")]
    NotRequired {
        analyzer: &'static str,
        required: &'static str,
    },
}

/// Options every analyzer sees.
#[derive(Debug, Clone, Default)]
pub struct PassOptions {
    /// Report findings in vendor/ (always indexed for resolution).
    pub include_vendor: bool,
    /// The tree's `goseam.toml` (or the default configuration).
    pub config: Config,
    /// Where `$GOROOT/src` and the module cache are, for resolution.
    pub toolchain: Toolchain,
    /// Worker threads for analyzers that resolve (0: one per core).
    pub threads: usize,
}

/// What an analyzer is given when it runs.
pub struct Pass<'a> {
    pub analyzer: &'static str,
    pub scan: &'a Scan,
    pub options: &'a PassOptions,
    results: &'a BTreeMap<&'static str, AnyResult>,
    prepared: &'a OnceLock<Result<Prepared, String>>,
}

impl Pass<'_> {
    /// The scanned tree ready for resolution (declarations loaded lazily,
    /// bodies parsed on demand), built on first use and shared by every
    /// analyzer of the run.
    pub fn prepared(&self) -> Result<&Prepared, AnalysisError> {
        self.prepared
            .get_or_init(|| prepare_from_scan(self.scan, self.options))
            .as_ref()
            .map_err(|message| AnalysisError::Failed {
                analyzer: self.analyzer.to_string(),
                message: message.clone(),
            })
    }

    /// The result of a required analyzer, typed.
    pub fn result_of<A: Analyzer>(&self) -> Result<&A::Result, AnalysisError> {
        self.results
            .get(A::NAME)
            .and_then(|r| r.value.downcast_ref::<A::Result>())
            .ok_or(AnalysisError::NotRequired {
                analyzer: self.analyzer,
                required: A::NAME,
            })
    }
}

/// A result with its type erased, as the driver stores it.
#[derive(Clone)]
pub struct AnyResult {
    value: Arc<dyn Any + Send + Sync>,
    to_json: fn(&(dyn Any + Send + Sync)) -> serde_json::Value,
}

impl AnyResult {
    fn new<R: Serialize + Send + Sync + 'static>(value: R) -> Self {
        AnyResult {
            value: Arc::new(value),
            to_json: |v| {
                let r = v.downcast_ref::<R>().expect("to_json is built for R");
                serde_json::to_value(r).unwrap_or_else(
                    |e| serde_json::json!({ "error": format!("result not serializable: {e}") }),
                )
            },
        }
    }

    pub fn downcast_ref<R: 'static>(&self) -> Option<&R> {
        self.value.downcast_ref::<R>()
    }

    pub fn to_json(&self) -> serde_json::Value {
        (self.to_json)(self.value.as_ref())
    }
}

/// The object-safe face of [`Analyzer`], for registries and drivers.
pub trait DynAnalyzer: Send + Sync {
    fn name(&self) -> &'static str;
    fn doc(&self) -> &'static str;
    fn requires(&self) -> Vec<&'static dyn DynAnalyzer>;
    fn run_erased(&self, pass: &Pass<'_>) -> Result<AnyResult, AnalysisError>;
}

impl<A: Analyzer> DynAnalyzer for A {
    fn name(&self) -> &'static str {
        A::NAME
    }
    fn doc(&self) -> &'static str {
        A::DOC
    }
    fn requires(&self) -> Vec<&'static dyn DynAnalyzer> {
        Analyzer::requires(self)
    }
    fn run_erased(&self, pass: &Pass<'_>) -> Result<AnyResult, AnalysisError> {
        self.run(pass).map(AnyResult::new)
    }
}

/// The title line of an analyzer's doc.
pub fn doc_title(doc: &str) -> &str {
    doc.lines().next().unwrap_or("").trim()
}

/// An entry in the analyzer registry.
pub struct Registration(pub &'static dyn DynAnalyzer);

inventory::collect!(Registration);

/// Register an analyzer value with the registry.
#[macro_export]
macro_rules! register_analyzer {
    ($value:expr) => {
        inventory::submit! { $crate::analysis::Registration(&$value) }
    };
}

/// Every registered analyzer, sorted by name.
pub fn registry() -> Vec<&'static dyn DynAnalyzer> {
    let mut all: Vec<&'static dyn DynAnalyzer> = inventory::iter::<Registration>
        .into_iter()
        .map(|r| r.0)
        .collect();
    all.sort_by_key(|a| a.name());
    all
}

/// Look an analyzer up by name.
pub fn lookup(name: &str) -> Result<&'static dyn DynAnalyzer, AnalysisError> {
    registry()
        .into_iter()
        .find(|a| a.name() == name)
        .ok_or_else(|| AnalysisError::Unknown(name.to_string()))
}

/// Results of a driver run, by analyzer name.
pub struct Results {
    results: BTreeMap<&'static str, AnyResult>,
}

impl Results {
    pub fn get(&self, name: &str) -> Option<&AnyResult> {
        self.results.get(name)
    }

    /// The typed result of analyzer `A`, if it ran.
    pub fn of<A: Analyzer>(&self) -> Option<&A::Result> {
        self.results.get(A::NAME)?.downcast_ref::<A::Result>()
    }
}

/// Run `roots` and everything they require, each once, dependencies first.
/// The order is fixed by names, never by timing.
pub fn run_analyzers(
    scan: &Scan,
    roots: &[&'static dyn DynAnalyzer],
    options: PassOptions,
) -> Result<Results, AnalysisError> {
    let mut order: Vec<&'static dyn DynAnalyzer> = Vec::new();
    let mut visiting: Vec<&'static str> = Vec::new();
    for &root in roots {
        visit(root, &mut order, &mut visiting)?;
    }
    let mut results: BTreeMap<&'static str, AnyResult> = BTreeMap::new();
    let prepared = OnceLock::new();
    for analyzer in order {
        let pass = Pass {
            analyzer: analyzer.name(),
            scan,
            options: &options,
            results: &results,
            prepared: &prepared,
        };
        let result = analyzer.run_erased(&pass)?;
        results.insert(analyzer.name(), result);
    }
    Ok(Results { results })
}

/// A resolution-ready view of a finished scan: its files, modules and
/// skipped paths, without walking the tree again.
pub fn prepare_from_scan(scan: &Scan, options: &PassOptions) -> Result<Prepared, String> {
    let files: Vec<DiscoveredFile> = scan
        .files
        .iter()
        .map(|f| DiscoveredFile {
            path: f.path.clone(),
            kind: DiscoveredKind::GoSource,
            abs: scan.root.join(&f.path),
        })
        .collect();
    let layout = TreeLayout::new(scan.root.clone(), scan.modules.clone(), files);
    let threads = goseam_engine::scan::thread_count(options.threads);
    let pool = goseam_engine::scan::thread_pool(threads).map_err(|e| e.to_string())?;
    let max_file_size = options
        .config
        .scan
        .max_file_size
        .unwrap_or(goseam_engine::scan::DEFAULT_MAX_FILE_SIZE);
    Ok(Prepared {
        universe: Universe::new(layout, options.toolchain.clone(), max_file_size),
        skipped: scan.skipped.clone(),
        pool,
        max_file_size,
    })
}

fn visit(
    a: &'static dyn DynAnalyzer,
    order: &mut Vec<&'static dyn DynAnalyzer>,
    visiting: &mut Vec<&'static str>,
) -> Result<(), AnalysisError> {
    if order.iter().any(|o| o.name() == a.name()) {
        return Ok(());
    }
    if let Some(start) = visiting.iter().position(|&n| n == a.name()) {
        let mut cycle: Vec<&str> = visiting[start..].to_vec();
        cycle.push(a.name());
        return Err(AnalysisError::Cycle(cycle.join(" -> ")));
    }
    visiting.push(a.name());
    let mut requires = a.requires();
    requires.sort_by_key(|r| r.name());
    for r in requires {
        visit(r, order, visiting)?;
    }
    visiting.pop();
    order.push(a);
    Ok(())
}
