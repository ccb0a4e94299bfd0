//! The `imports` analyzer: the in-tree import graph.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::{AnalysisError, Analyzer, DynAnalyzer, Pass};
use crate::packages::Packages;
use crate::register_analyzer;

/// Builds the import graph between the tree's own packages.
pub struct Imports;

register_analyzer!(Imports);

/// The import graph.
#[derive(Debug, Clone, Serialize)]
pub struct ImportGraph {
    /// Imports of one in-tree package by another, sorted by (from, to).
    pub edges: Vec<ImportEdge>,
    /// Packages imported from outside the tree, sorted by path.
    pub external: Vec<ExternalImport>,
}

/// `from` imports `to`; both are in the tree.
#[derive(Debug, Clone, Serialize)]
pub struct ImportEdge {
    pub from: String,
    pub to: String,
    /// Only `_test.go` files import it.
    pub test_only: bool,
    /// Each import spec that forms the edge.
    pub via: Vec<ImportSite>,
}

/// Where an import spec is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ImportSite {
    pub file: String,
    pub line: u32,
}

/// An import path with no package in the tree.
#[derive(Debug, Clone, Serialize)]
pub struct ExternalImport {
    pub path: String,
    /// The first path element has no dot: the go command reserves such
    /// paths for the standard library.
    pub standard_library: bool,
    /// In-tree packages importing it.
    pub importers: u64,
}

impl Analyzer for Imports {
    type Result = ImportGraph;
    const NAME: &'static str = "imports";
    const DOC: &'static str = "build the import graph between the tree's packages

Edges from each listed package to each in-tree package it imports, with
the import specs that form the edge, marked test-only when only `_test.go`
files import it; every other imported path is listed as external with its
importer count.

It resolves import paths exactly, by the package model (module paths,
`std`, `vendor/`): it cannot tell which build-constrained files a build
would include, so an import from any file counts.";

    fn requires(&self) -> Vec<&'static dyn DynAnalyzer> {
        vec![&Packages]
    }

    fn run(&self, pass: &Pass<'_>) -> Result<Self::Result, AnalysisError> {
        let packages = pass.result_of::<Packages>()?;
        // Every in-tree package, vendored included: an import resolves to
        // vendor/ even when vendored packages are not reported.
        let in_tree: BTreeSet<&str> = pass
            .scan
            .packages
            .iter()
            .filter(|p| !p.external_test)
            .map(|p| p.import_path.as_str())
            .collect();
        let mut edges: BTreeMap<(String, String), (bool, BTreeSet<ImportSite>)> = BTreeMap::new();
        let mut external: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for p in packages {
            for path in &p.files {
                let Some(file) = pass.scan.file_by_path(&path.path) else {
                    continue;
                };
                for imp in &file.facts.imports {
                    if in_tree.contains(imp.path.as_str()) {
                        let entry = edges
                            .entry((p.import_path.clone(), imp.path.clone()))
                            .or_insert((true, BTreeSet::new()));
                        entry.0 &= file.test;
                        entry.1.insert(ImportSite {
                            file: file.path.clone(),
                            line: imp.position.line,
                        });
                    } else {
                        external
                            .entry(imp.path.clone())
                            .or_default()
                            .insert(p.import_path.clone());
                    }
                }
            }
        }
        Ok(ImportGraph {
            edges: edges
                .into_iter()
                .map(|((from, to), (test_only, via))| ImportEdge {
                    from,
                    to,
                    test_only,
                    via: via.into_iter().collect(),
                })
                .collect(),
            external: external
                .into_iter()
                .map(|(path, importers)| external_import(path, importers.len()))
                .collect(),
        })
    }
}

fn external_import(path: String, importers: usize) -> ExternalImport {
    let first = path.split('/').next().unwrap_or("");
    ExternalImport {
        standard_library: !first.contains('.'),
        path,
        importers: importers as u64,
    }
}
