//! The analyzer registry and driver: every analyzer is well-formed, and the
//! driver runs requirements first, once, and enforces `requires`.

use goseam_analyzers::analysis::{doc_title, AnalysisError, Analyzer, Pass, PassOptions};
use goseam_analyzers::imports::{ImportGraph, Imports};
use goseam_analyzers::packages::Packages;
use goseam_analyzers::{lookup, registry, run_analyzers};
use goseam_engine::{scan, NoObserver, ScanOptions};

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[test]
fn every_registered_analyzer_is_well_formed() {
    let all = registry();
    assert!(all.len() >= 2, "packages and imports are registered");
    let mut names: Vec<&str> = all.iter().map(|a| a.name()).collect();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "names are unique");
    for a in &all {
        assert!(is_identifier(a.name()), "{} is not an identifier", a.name());
        let mut lines = a.doc().lines();
        let title = lines.next().unwrap_or("");
        assert!(
            !title.trim().is_empty(),
            "{}: doc needs a title line",
            a.name()
        );
        assert_eq!(
            lines.next(),
            Some(""),
            "{}: blank line after the title",
            a.name()
        );
        assert!(lines.next().is_some(), "{}: doc needs detail", a.name());
        assert_eq!(doc_title(a.doc()), title.trim());
        for r in a.requires() {
            assert!(
                lookup(r.name()).is_ok(),
                "{} requires unregistered {}",
                a.name(),
                r.name()
            );
        }
    }
}

fn monolith_scan() -> goseam_engine::Scan {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/fixtures/monolith");
    scan(&ScanOptions::new(root), &NoObserver).expect("fixture scans")
}

#[test]
fn the_driver_runs_requirements_first() {
    let scan = monolith_scan();
    let results = run_analyzers(&scan, &[&Imports], PassOptions::default()).expect("runs");
    let packages = results
        .of::<Packages>()
        .expect("packages ran as a requirement");
    assert_eq!(
        packages.len(),
        23,
        "20 packages and 3 external test packages"
    );
    let graph: &ImportGraph = results.of::<Imports>().expect("imports ran");
    // cmd/server wires the domains together, so it imports in-tree packages.
    assert!(graph
        .edges
        .iter()
        .any(|e| e.from == "github.com/acme/monolith/cmd/server"
            && e.to == "github.com/acme/monolith/internal/accounts"));
    assert!(graph
        .external
        .iter()
        .any(|x| x.path == "github.com/jmoiron/sqlx" && !x.standard_library));
    assert!(graph
        .external
        .iter()
        .any(|x| x.path == "context" && x.standard_library));
    // Edges are sorted and name only in-tree packages.
    let keys: Vec<(&str, &str)> = graph
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

/// An analyzer that reads a result it did not declare.
struct Sneaky;

impl Analyzer for Sneaky {
    type Result = usize;
    const NAME: &'static str = "sneaky";
    const DOC: &'static str = "reads what it does not require\n\nA test double.";
    fn run(&self, pass: &Pass<'_>) -> Result<usize, AnalysisError> {
        Ok(pass.result_of::<Packages>()?.len())
    }
}

#[test]
fn reading_an_undeclared_result_is_an_error() {
    let scan = monolith_scan();
    let err = run_analyzers(&scan, &[&Sneaky], PassOptions::default())
        .err()
        .expect("must fail");
    assert!(matches!(
        err,
        AnalysisError::NotRequired {
            analyzer: "sneaky",
            required: "packages"
        }
    ));
}

#[test]
fn unknown_analyzers_are_named_in_the_error() {
    let err = lookup("nosuch").err().expect("unknown");
    assert_eq!(err.to_string(), "unknown analyzer \"nosuch\"");
}
