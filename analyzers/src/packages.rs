//! The `packages` analyzer: the package inventory of the tree.

use std::collections::BTreeSet;

use goseam_engine::FileKind;
use serde::Serialize;

use crate::analysis::{AnalysisError, Analyzer, Pass};
use crate::register_analyzer;

/// Lists every Go package with its files and imports.
pub struct Packages;

register_analyzer!(Packages);

/// One package of the tree.
#[derive(Debug, Clone, Serialize)]
pub struct PackageInfo {
    pub import_path: String,
    pub name: String,
    pub dir: String,
    /// Path of the enclosing module; `None` outside any named module.
    pub module: Option<String>,
    pub external_test: bool,
    pub vendored: bool,
    pub files: Vec<PackageFile>,
    /// Distinct import paths of its non-test files, sorted.
    pub imports: Vec<String>,
    /// Distinct import paths only its `_test.go` files add, sorted.
    pub test_imports: Vec<String>,
}

/// A file of a package.
#[derive(Debug, Clone, Serialize)]
pub struct PackageFile {
    pub path: String,
    pub kind: FileKind,
    pub test: bool,
    pub generated: bool,
    /// The `//go:build` expression, unevaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_constraint: Option<String>,
}

impl Analyzer for Packages {
    type Result = Vec<PackageInfo>;
    const NAME: &'static str = "packages";
    const DOC: &'static str = "list packages with their files and imports

Every package clause group of every directory: import path (module path +
directory; `std` packages by bare directory; `vendor/X` as `X`), package
name, module, files with kind (production, test, generated, vendor) and
build constraint, and the imports of its production and test files.

It cannot evaluate build constraints: files for every GOOS/GOARCH and tag
are listed together, each with its constraint, so a directory may show two
package names (a `//go:build ignore` program beside the package). Vendored
packages are listed only with --include-vendor.";

    fn run(&self, pass: &Pass<'_>) -> Result<Self::Result, AnalysisError> {
        let scan = pass.scan;
        let mut out = Vec::new();
        for p in &scan.packages {
            if p.vendored && !pass.options.include_vendor {
                continue;
            }
            let mut imports = BTreeSet::new();
            let mut test_imports = BTreeSet::new();
            let mut files = Vec::new();
            for &id in &p.files {
                let f = scan.file(id);
                let set = if f.test {
                    &mut test_imports
                } else {
                    &mut imports
                };
                for i in &f.facts.imports {
                    set.insert(i.path.clone());
                }
                files.push(PackageFile {
                    path: f.path.clone(),
                    kind: f.kind,
                    test: f.test,
                    generated: f.facts.generated,
                    build_constraint: f.facts.build_constraint.clone(),
                });
            }
            let test_imports = test_imports.difference(&imports).cloned().collect();
            out.push(PackageInfo {
                import_path: p.import_path.clone(),
                name: p.name.clone(),
                dir: p.dir.clone(),
                module: p.module.and_then(|m| scan.modules.modules[m].path.clone()),
                external_test: p.external_test,
                vendored: p.vendored,
                files,
                imports: imports.into_iter().collect(),
                test_imports,
            });
        }
        Ok(out)
    }
}
