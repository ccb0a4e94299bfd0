//! The index of a root: its scan and the analyzers' results, built once and
//! shared by every tool call until the tree changes. Before each call the
//! tree's fingerprint (every path with its size and modification time) is
//! taken again; a different fingerprint rebuilds the index, so an answer
//! never comes from a stale tree.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use goseam_analyzers::analysis::{prepare_from_scan, Results};
use goseam_analyzers::callgraph::{CallGraph, CallGraphAnalyzer};
use goseam_analyzers::config::Config;
use goseam_analyzers::deps::{Deps, DepsReport};
use goseam_analyzers::sqluse::SqlReport;
use goseam_analyzers::tables::{Tables, TablesReport};
use goseam_analyzers::{run_analyzers, PassOptions};
use goseam_engine::resolve::query::Prepared;
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::Scan;

use super::confine::{Root, Roots};
use crate::args::TreeArgs;

/// A cheap summary of a tree's state: a hash of every entry's path, kind,
/// size and modification time (nanoseconds), and the entry count. `.git`
/// directories are left out: nothing goseam reads lives there, and they
/// change on every git command; so is goseam's own cache (`.goseam`), which
/// the index's scan writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    hash: u64,
    entries: u64,
}

impl Fingerprint {
    pub fn of(root: &Path) -> Result<Fingerprint, String> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut entries = 0u64;
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let read = match std::fs::read_dir(&dir) {
                Ok(r) => r,
                // A directory that vanished or cannot be read: its absence
                // is part of the state (the scan reports it the same way).
                Err(e) if dir != root => {
                    dir.hash(&mut hasher);
                    e.kind().hash(&mut hasher);
                    continue;
                }
                Err(e) => return Err(format!("reading {}: {e}", root.display())),
            };
            let mut children: Vec<(PathBuf, std::fs::Metadata)> = Vec::new();
            for entry in read.flatten() {
                // symlink_metadata: a link is fingerprinted as a link, never
                // followed out of the root.
                if let Ok(meta) = entry.path().symlink_metadata() {
                    children.push((entry.path(), meta));
                }
            }
            children.sort_by(|a, b| a.0.cmp(&b.0));
            for (path, meta) in children {
                if meta.is_dir()
                    && path
                        .file_name()
                        .is_some_and(|n| n == ".git" || n == goseam_engine::cache::DEFAULT_DIR_NAME)
                {
                    continue;
                }
                entries += 1;
                path.hash(&mut hasher);
                meta.len().hash(&mut hasher);
                meta.is_dir().hash(&mut hasher);
                meta.file_type().is_symlink().hash(&mut hasher);
                if let Ok(m) = meta.modified() {
                    m.hash(&mut hasher);
                }
                if meta.file_type().is_symlink() {
                    if let Ok(target) = std::fs::read_link(&path) {
                        target.hash(&mut hasher);
                    }
                } else if meta.is_dir() {
                    stack.push(path);
                }
            }
        }
        Ok(Fingerprint {
            hash: hasher.finish(),
            entries,
        })
    }
}

/// A root's scan and, computed on first use, what the tools ask of it.
pub struct Index {
    pub root: Root,
    pub scan: Scan,
    pub config: Config,
    /// The `goseam.toml` the configuration came from (plans digest it).
    pub config_path: Option<PathBuf>,
    fingerprint: Fingerprint,
    threads: usize,
    toolchain: Toolchain,
    prepared: OnceLock<Result<Prepared, String>>,
    tables: OnceLock<Result<Results, String>>,
    graph: OnceLock<Result<Results, String>>,
    deps: OnceLock<Result<Results, String>>,
}

impl Index {
    fn build(root: &Root, fingerprint: Fingerprint, threads: usize) -> Result<Index, String> {
        let tree = TreeArgs {
            root: root.path.clone(),
            include_testdata: false,
            include_vendor: false,
            follow_symlinks: false,
            max_file_size: None,
            config: None,
            cache_dir: None,
            no_cache: false,
        };
        let (options, config) =
            crate::commands::scan_options(&tree, threads).map_err(|e| format!("{e:#}"))?;
        let (_, config_path) = Config::load(&root.path, None).map_err(|e| e.to_string())?;
        let progress = crate::progress::Progress::new(true);
        let scan = goseam_engine::scan(&options, &progress)
            .map_err(|e| format!("scanning {}: {e}", root.name))?;
        Ok(Index {
            root: root.clone(),
            scan,
            config,
            config_path,
            fingerprint,
            threads,
            toolchain: Toolchain::detect(),
            prepared: OnceLock::new(),
            tables: OnceLock::new(),
            graph: OnceLock::new(),
            deps: OnceLock::new(),
        })
    }

    /// Options for the analyzers: vendored code is indexed, not reported.
    pub fn pass_options(&self) -> PassOptions {
        PassOptions {
            include_vendor: false,
            config: self.config.clone(),
            toolchain: self.toolchain.clone(),
            threads: self.threads,
        }
    }

    /// The tree ready for name resolution (call sites).
    pub fn prepared(&self) -> Result<&Prepared, String> {
        self.prepared
            .get_or_init(|| prepare_from_scan(&self.scan, &self.pass_options()))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn run<'a>(
        &'a self,
        cell: &'a OnceLock<Result<Results, String>>,
        roots: &[&'static dyn goseam_analyzers::analysis::DynAnalyzer],
    ) -> Result<&'a Results, String> {
        cell.get_or_init(|| {
            run_analyzers(&self.scan, roots, self.pass_options()).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    pub fn sql(&self) -> Result<&SqlReport, String> {
        self.run(&self.tables, &[&Tables])?
            .of::<goseam_analyzers::sqluse::Sql>()
            .ok_or_else(|| "the sql analyzer gave no result".to_string())
    }

    pub fn tables(&self) -> Result<&TablesReport, String> {
        self.run(&self.tables, &[&Tables])?
            .of::<Tables>()
            .ok_or_else(|| "the tables analyzer gave no result".to_string())
    }

    pub fn graph(&self) -> Result<&CallGraph, String> {
        self.run(&self.graph, &[&CallGraphAnalyzer])?
            .of::<CallGraphAnalyzer>()
            .ok_or_else(|| "the callgraph analyzer gave no result".to_string())
    }

    pub fn deps(&self) -> Result<&DepsReport, String> {
        self.run(&self.deps, &[&Deps])?
            .of::<Deps>()
            .ok_or_else(|| "the deps analyzer gave no result".to_string())
    }
}

/// One index per configured root, rebuilt when its tree changes.
pub struct IndexCache {
    roots: Roots,
    threads: usize,
    slots: Vec<Mutex<Option<Arc<Index>>>>,
}

impl IndexCache {
    pub fn new(roots: Roots, threads: usize) -> IndexCache {
        let slots = roots.all().iter().map(|_| Mutex::new(None)).collect();
        IndexCache {
            roots,
            threads,
            slots,
        }
    }

    pub fn roots(&self) -> &Roots {
        &self.roots
    }

    /// The current index of a root: the cached one when the tree's
    /// fingerprint is unchanged, else a new scan. Calls on one root wait
    /// for each other's check, so a tree is scanned once per change.
    pub fn index(&self, root: &Root) -> Result<Arc<Index>, String> {
        let i = self
            .roots
            .all()
            .iter()
            .position(|r| r == root)
            .ok_or_else(|| format!("internal error: {} is not a root", root.name))?;
        let mut slot = self.slots[i]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let fingerprint = Fingerprint::of(&root.path)?;
        if let Some(index) = slot.as_ref() {
            if index.fingerprint == fingerprint {
                return Ok(index.clone());
            }
        }
        let index = Arc::new(Index::build(root, fingerprint, self.threads)?);
        *slot = Some(index.clone());
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_changes_with_the_tree() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/x.go"), "package a\n").unwrap();
        let first = Fingerprint::of(dir.path()).unwrap();
        assert_eq!(first, Fingerprint::of(dir.path()).unwrap());
        std::fs::write(dir.path().join("a/x.go"), "package a // changed\n").unwrap();
        let second = Fingerprint::of(dir.path()).unwrap();
        assert_ne!(first, second);
        std::fs::write(dir.path().join("a/y.go"), "package a\n").unwrap();
        assert_ne!(second, Fingerprint::of(dir.path()).unwrap());
        // .git is not part of the tree's state.
        let before = Fingerprint::of(dir.path()).unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/HEAD"), "ref").unwrap();
        assert_eq!(before, Fingerprint::of(dir.path()).unwrap());
    }
}
