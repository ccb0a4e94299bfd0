//! The Go module model: which module a directory belongs to and the import
//! path of the package it holds.
//!
//! Rules, as the go command applies them:
//! - a directory belongs to the nearest enclosing directory with a go.mod
//!   (nested modules cut their subtree out of the outer one); when the
//!   scanned root has none, its ancestors are searched;
//! - its import path is the module path joined with the relative directory;
//! - the Go distribution's `src/go.mod` says `module std`, whose packages
//!   are imported by their bare relative directory (`net/http`);
//!   `src/cmd/go.mod` says `module cmd` and follows the normal rule;
//! - `<module>/vendor/X` holds the package imported as `X`;
//! - a directory in no module, or in one whose go.mod names no path, has no
//!   knowable import path: it gets the go command's local form `_/<dir>` and
//!   is marked so, never a guessed path.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::gomod::{parse_mod_file, ModFile, ModFileKind};
use crate::paths::{relative_slash_path, slash_join};
use crate::scan::DEFAULT_MAX_FILE_SIZE;
use crate::source::{read_source, SkipReason};

/// One go.mod file and what it declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Module {
    /// Directory of the go.mod relative to the root (`.` for the root); for a
    /// module found above the root, the path from the root to it (`../..`).
    pub dir: String,
    /// The module path, when the go.mod declares a valid one.
    pub path: Option<String>,
    pub go_version: Option<String>,
    pub requires: Vec<crate::gomod::Requirement>,
    pub replaces: Vec<crate::gomod::Replacement>,
    /// Listed in go.work's `use` directives.
    pub in_workspace: bool,
}

/// A go.work file at the root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub file: String,
    pub go_version: Option<String>,
    pub uses: Vec<String>,
}

/// A problem in a go.mod or go.work file. The scan goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ModuleError {
    pub file: String,
    /// 0 when the problem is the file as a whole (no module directive).
    pub line: u32,
    pub message: String,
}

/// Where a directory's package sits in the module model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageLocation {
    /// How the package is imported (`net/http`, `github.com/acme/x/y`, or
    /// `_/<dir>` when unknowable).
    pub import_path: String,
    /// Index into [`ModuleMap::modules`].
    pub module: Option<usize>,
    /// Under a module's `vendor/` directory.
    pub vendored: bool,
    /// The import path is the go command's local form, not a real one.
    pub local: bool,
}

/// Every module of a scanned tree.
#[derive(Debug, Default, Clone)]
pub struct ModuleMap {
    /// Sorted by `dir`.
    pub modules: Vec<Module>,
    pub workspace: Option<Workspace>,
    pub errors: Vec<ModuleError>,
    by_dir: HashMap<String, usize>,
    /// The module enclosing the root from above, with the root's path
    /// relative to that module's directory.
    outer: Option<(usize, String)>,
}

/// A go.mod or go.work file's contents, read by the caller.
pub struct ModuleFileSource<'a> {
    pub path: &'a str,
    pub contents: Result<Vec<u8>, String>,
}

impl ModuleMap {
    /// Build the map from the go.mod and go.work files found under `root`.
    pub fn build(root: &Path, files: Vec<ModuleFileSource>) -> ModuleMap {
        let mut map = ModuleMap::default();
        let mut work: Option<(String, ModFile)> = None;
        for file in files {
            let is_work = file.path.ends_with("go.work");
            let contents = match file.contents {
                Ok(c) => c,
                Err(message) => {
                    map.errors.push(ModuleError {
                        file: file.path.to_string(),
                        line: 0,
                        message,
                    });
                    if is_work {
                        continue;
                    }
                    Vec::new()
                }
            };
            let kind = if is_work {
                ModFileKind::GoWork
            } else {
                ModFileKind::GoMod
            };
            let parsed = parse_mod_file(&contents, kind);
            for e in &parsed.errors {
                map.errors.push(ModuleError {
                    file: file.path.to_string(),
                    line: e.line,
                    message: e.message.clone(),
                });
            }
            let dir = crate::paths::slash_dir(file.path).to_string();
            if is_work {
                // Only the root's go.work governs the tree.
                if dir == "." {
                    work = Some((file.path.to_string(), parsed));
                }
                continue;
            }
            if is_under_vendor(&dir) {
                continue;
            }
            map.modules.push(module_from(dir, parsed));
        }
        let outer = if map.modules.iter().any(|m| m.dir == ".") {
            None
        } else {
            map.find_outer_module(root)
        };
        if let Some((file, w)) = work {
            let uses: Vec<String> = w.uses.iter().map(|u| normalize_use(u)).collect();
            for m in &mut map.modules {
                m.in_workspace = uses.contains(&m.dir);
            }
            map.workspace = Some(Workspace {
                file,
                go_version: w.go,
                uses: w.uses,
            });
        }
        map.modules.sort_by(|a, b| a.dir.cmp(&b.dir));
        map.errors.sort();
        map.by_dir = map
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.dir.clone(), i))
            .collect();
        map.outer = outer.and_then(|(dir, rel)| Some((*map.by_dir.get(&dir)?, rel)));
        map
    }

    /// Scanning a subdirectory of a module: find its go.mod above the root.
    /// Returns the go.mod's directory relative to the root (`..`, `../..`)
    /// and the root's path relative to that directory.
    fn find_outer_module(&mut self, root: &Path) -> Option<(String, String)> {
        let mut up = String::from("..");
        let mut dir = root.parent();
        while let Some(d) = dir {
            let file = format!("{up}/go.mod");
            if let Some(contents) = read_outer_go_mod(&d.join("go.mod"), &file, &mut self.errors) {
                let parsed = parse_mod_file(&contents, ModFileKind::GoMod);
                for e in &parsed.errors {
                    self.errors.push(ModuleError {
                        file: file.clone(),
                        line: e.line,
                        message: e.message.clone(),
                    });
                }
                self.modules.push(module_from(up.clone(), parsed));
                return Some((up, relative_slash_path(d, root)));
            }
            up.push_str("/..");
            dir = d.parent();
        }
        None
    }

    /// Locate the package in directory `dir` (relative, `/`-separated).
    pub fn locate(&self, dir: &str) -> PackageLocation {
        let mut candidate = dir;
        loop {
            if let Some(&i) = self.by_dir.get(candidate) {
                let rel = strip_dir_prefix(dir, candidate);
                return self.located(i, rel, dir);
            }
            if candidate == "." {
                break;
            }
            candidate = crate::paths::slash_dir(candidate);
        }
        if let Some((i, prefix)) = &self.outer {
            let rel = slash_join(prefix, dir);
            return self.located(*i, &rel, dir);
        }
        local_location(dir, None)
    }

    /// `rel` is the directory relative to the module's, `dir` relative to
    /// the root.
    fn located(&self, module: usize, rel: &str, dir: &str) -> PackageLocation {
        let m = &self.modules[module];
        if let Some(vendored) = rel.strip_prefix("vendor/") {
            return PackageLocation {
                import_path: vendored.to_string(),
                module: Some(module),
                vendored: true,
                local: false,
            };
        }
        let Some(path) = &m.path else {
            // The local form names the directory from the root, as for a
            // directory in no module: built from `rel`, two pathless modules'
            // `pkg` directories both became `_/pkg`, merging their packages
            // and their symbols.
            return local_location(dir, Some(module));
        };
        let import_path = match (path.as_str(), rel) {
            (p, ".") => p.to_string(),
            ("std", r) => r.to_string(),
            (p, r) => format!("{p}/{r}"),
        };
        PackageLocation {
            import_path,
            module: Some(module),
            vendored: false,
            local: false,
        }
    }
}

/// The contents of a go.mod above the root, or `None` when there is no
/// go.mod file at `path`.
///
/// Read like any go.mod in the tree, through `read_source`: a plain `fs::read`
/// blocked forever on a FIFO named go.mod, and had no size limit. A directory
/// named go.mod is no module file (nor to the go command). An unreadable
/// go.mod still marks the module root, with the problem reported, as for the
/// go.mod files inside the tree.
fn read_outer_go_mod(path: &Path, file: &str, errors: &mut Vec<ModuleError>) -> Option<Vec<u8>> {
    if path.is_dir() {
        return None;
    }
    match read_source(path, DEFAULT_MAX_FILE_SIZE) {
        Ok(contents) => Some(contents),
        Err(SkipReason::Vanished) => None,
        Err(reason) => {
            errors.push(ModuleError {
                file: file.to_string(),
                line: 0,
                message: reason.to_string(),
            });
            Some(Vec::new())
        }
    }
}

fn local_location(dir: &str, module: Option<usize>) -> PackageLocation {
    PackageLocation {
        import_path: if dir == "." {
            "_".to_string()
        } else {
            format!("_/{dir}")
        },
        module,
        vendored: false,
        local: true,
    }
}

fn module_from(dir: String, parsed: ModFile) -> Module {
    Module {
        dir,
        path: parsed.module,
        go_version: parsed.go,
        requires: parsed.requires,
        replaces: parsed.replaces,
        in_workspace: false,
    }
}

fn is_under_vendor(dir: &str) -> bool {
    dir == "vendor"
        || dir.starts_with("vendor/")
        || dir.contains("/vendor/")
        || dir.ends_with("/vendor")
}

fn strip_dir_prefix<'a>(dir: &'a str, prefix: &str) -> &'a str {
    if prefix == "." {
        return dir;
    }
    match dir.strip_prefix(prefix) {
        Some("") => ".",
        Some(rest) => rest.strip_prefix('/').unwrap_or(rest),
        None => dir,
    }
}

fn normalize_use(u: &str) -> String {
    let t = u.trim_start_matches("./").trim_end_matches('/');
    if t.is_empty() || t == "." {
        ".".to_string()
    } else {
        t.to_string()
    }
}
