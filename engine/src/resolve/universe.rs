//! The universe of packages resolution can see, loaded lazily.
//!
//! A package is loaded the first time resolution needs it, from the first
//! place that has its source: the scanned tree (its own modules, then the
//! importing module's `vendor/`), the Go distribution (`$GOROOT/src`, and
//! its `vendor/` directories for the standard library's own imports), or
//! the module cache at the version the main module requires; and, only when
//! none of those has it, a bundled API stub for exactly that import path
//! (`stubs`: a few database libraries whose calls matter most). Loading
//! parses with function bodies blanked out (`strip`): resolution needs
//! declarations, not bodies. A package found nowhere is `None`, and
//! resolution reports what depended on it as unresolved, with that reason.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use dashmap::DashMap;

use crate::declscan::DeclNames;
use crate::discover::DiscoveredFile;
use crate::facts::{FileFacts, FuncDecl, ImportName, TypeDecl, TypeExpr, ValueDecl};
use crate::modules::ModuleMap;
use crate::paths::slash_dir;

use super::buildtags::matches_default_platform;

/// Where the Go toolchain and module cache are, for external sources.
#[derive(Debug, Clone, Default)]
pub struct Toolchain {
    /// `$GOROOT/src`.
    pub goroot_src: Option<PathBuf>,
    /// `$GOMODCACHE`.
    pub modcache: Option<PathBuf>,
}

impl Toolchain {
    /// Find GOROOT and GOMODCACHE from the environment and the `go` binary on
    /// PATH, without running it (goseam starts no processes).
    pub fn detect() -> Toolchain {
        let env = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let goroot = env("GOROOT").or_else(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path).find_map(|dir| {
                let go = std::fs::canonicalize(dir.join("go")).ok()?;
                // …/bin/go → GOROOT
                let root = go.parent()?.parent()?.to_path_buf();
                root.join("src/go.mod").is_file().then_some(root)
            })
        });
        let modcache = env("GOMODCACHE")
            .or_else(|| env("GOPATH").map(|p| p.join("pkg/mod")))
            .or_else(|| env("HOME").map(|h| h.join("go/pkg/mod")));
        Toolchain {
            goroot_src: goroot
                .map(|r| r.join("src"))
                .and_then(|p| std::fs::canonicalize(p).ok()),
            modcache: modcache.filter(|p| p.is_dir()),
        }
    }
}

/// Where a loaded package came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// In the scanned tree, in this module (index into the module map).
    Tree { dir: String, module: Option<usize> },
    /// The Go distribution's source; `cmd` packages vendor from cmd/vendor.
    Goroot { cmd: bool },
    /// The module cache.
    ModCache,
    /// A bundled API stub (`stubs`), used because the real source of the
    /// import path was not found anywhere; its imports resolve as the
    /// module cache's do.
    Stub,
}

/// Where a declaration is: file index in [`Package::files`] and index in
/// that file's facts list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeclRef {
    pub file: usize,
    pub index: usize,
}

/// One file of a loaded package: the names it declares (from a token
/// scan) and, parsed on first use, its full declarations.
#[derive(Debug)]
pub struct PackageFile {
    pub name: String,
    pub decls: DeclNames,
    /// Size of the source.
    pub bytes: usize,
    source: FileSource,
    facts: OnceLock<Arc<FileFacts>>,
    /// Value name → first index in the facts' values, for files with many
    /// (tables), built on first lookup.
    value_index: OnceLock<HashMap<Box<str>, usize>>,
}

/// Where a package file's source is read from when its declarations are
/// first needed.
#[derive(Debug)]
enum FileSource {
    /// A file on disk, read again (within the size limit) on first use so
    /// that only the token scan's names stay in memory until then.
    Disk { abs: PathBuf, limit: u64 },
    /// Source embedded in the binary (a bundled stub).
    Embedded(&'static str),
}

impl PackageFile {
    /// Give the file the declarations a full parse of it found (the same
    /// facts [`PackageFile::facts`] would parse from the stripped source),
    /// so that it is not parsed again. No effect once they are known.
    pub fn seed(&self, facts: Arc<FileFacts>) {
        let _ = self.facts.set(facts);
    }

    /// The file's declarations, parsed (bodies stripped) on first use,
    /// unless the thread's [`FactsProvider`] parses the file in full for
    /// its own purposes and seeds them first.
    pub fn facts(&self) -> &FileFacts {
        if let Some(facts) = self.facts.get() {
            return facts;
        }
        if let FileSource::Disk { abs, .. } = &self.source {
            provide_facts(abs);
            if let Some(facts) = self.facts.get() {
                return facts;
            }
        }
        self.facts.get_or_init(|| {
            Arc::new(match &self.source {
                FileSource::Disk { abs, limit } => match crate::source::read_source(abs, *limit) {
                    Ok(src) => declarations(&src),
                    Err(_) => FileFacts::default(),
                },
                FileSource::Embedded(src) => declarations(src.as_bytes()),
            })
        })
    }

    /// The type of type declaration `index`, shared.
    pub fn shared_type(&self, index: usize) -> Option<Arc<TypeExpr>> {
        self.facts().types.get(index).map(|t| Arc::clone(&t.ty))
    }

    /// The index of the first value declaration named `name`.
    fn value_position(&self, name: &str) -> Option<usize> {
        /// Below this many values a linear search is as quick.
        const INDEXED: usize = 32;
        let values = &self.facts().values;
        if values.len() < INDEXED {
            return values.iter().position(|v| v.name == name);
        }
        self.value_index
            .get_or_init(|| {
                let mut index = HashMap::with_capacity(values.len());
                for (i, v) in values.iter().enumerate() {
                    index.entry(Box::from(v.name.as_str())).or_insert(i);
                }
                index
            })
            .get(name)
            .copied()
    }
}

/// Whoever is about to parse some files of the tree in full (their
/// scan needs it) and can do so on demand: asked for a file's
/// declarations before the file's turn has come, it parses it at once
/// and seeds the package's file with the facts, instead of the separate
/// stripped parse [`PackageFile::facts`] would otherwise make. The call
/// graph's pipeline walks each file right after parsing it, while its
/// syntax tree is still in cache; the declarations of the siblings the
/// walk meets first are what it provides.
pub trait FactsProvider {
    /// Parse the file at `abs` now if it is one of the provider's, and
    /// seed its package's file; a file it does not know is left alone.
    fn provide(&self, abs: &Path);
}

thread_local! {
    /// The provider installed on this thread by [`with_facts_provider`]:
    /// a lifetime-erased pointer, valid while that call runs.
    static PROVIDER: std::cell::Cell<Option<*const (dyn FactsProvider + 'static)>> =
        const { std::cell::Cell::new(None) };
}

/// Run `f` with `provider` answering this thread's [`PackageFile::facts`]
/// misses, then restore whatever was installed before (also on unwind).
pub fn with_facts_provider<R>(provider: &dyn FactsProvider, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<*const (dyn FactsProvider + 'static)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            PROVIDER.with(|p| p.set(self.0));
        }
    }
    // SAFETY: only the lifetime is erased. The pointer is read by
    // `provide_facts` on this thread alone, and only until `Restore` puts
    // back the previous one when this call returns or unwinds, while
    // `provider` is still borrowed.
    let erased: *const (dyn FactsProvider + 'static) = unsafe {
        std::mem::transmute::<*const (dyn FactsProvider + '_), *const (dyn FactsProvider + 'static)>(
            provider,
        )
    };
    let _restore = Restore(PROVIDER.with(|p| p.replace(Some(erased))));
    f()
}

/// Ask this thread's provider, if any, for the file at `abs`.
fn provide_facts(abs: &Path) {
    if let Some(provider) = PROVIDER.with(|p| p.get()) {
        // SAFETY: see `with_facts_provider`: installed for the duration of
        // a call that is still running on this thread.
        unsafe { &*provider }.provide(abs);
    }
}

/// A file's declarations: bodies blanked, parsed, reduced to facts.
fn declarations(src: &[u8]) -> FileFacts {
    let stripped = crate::strip::strip_function_bodies(src);
    match crate::parse::parse_go(&stripped) {
        Some(tree) => crate::extract::extract(&tree, &stripped),
        None => FileFacts::default(),
    }
}

/// The declarations of one package.
#[derive(Debug)]
pub struct Package {
    /// Import path, as go/types prints it in full names.
    pub path: Arc<str>,
    pub name: String,
    /// The package's directory; empty for a bundled stub, which has none.
    pub dir: PathBuf,
    pub origin: Origin,
    pub files: Vec<PackageFile>,
    /// Source bytes read to load it.
    pub bytes: usize,
    names: DeclTable,
}

/// A package's declared names and the file declaring each, sorted for
/// binary search: one copy of each name and no map per receiver type (the
/// packages of a large tree hold millions of names for the whole run).
/// The first file in the package's file order wins a name declared twice.
/// Functions, types and values are ordered by [`DeclTable::key`] (length,
/// then bytes): most probes of a lookup are then told apart by length
/// without comparing bytes.
#[derive(Debug, Default)]
struct DeclTable {
    funcs: Vec<(Box<str>, usize)>,
    types: Vec<(Box<str>, usize)>,
    values: Vec<(Box<str>, usize)>,
    /// `(receiver type name, method name, file)`, by receiver then name.
    methods: Vec<(Box<str>, Box<str>, usize)>,
    /// Indices into `methods`, by method name then receiver.
    methods_by_name: Vec<u32>,
    /// The types declared as aliases, sorted: a method of an alias is its
    /// target's, which lookups of a method not declared on a type try, and
    /// most packages have none.
    aliases: Vec<Box<str>>,
}

impl DeclTable {
    /// The table of a package's files, taking their scanned function,
    /// type, method and alias names (nothing else reads them; the values'
    /// names stay for the SQL constant prefilter).
    fn build(files: &mut [PackageFile]) -> DeclTable {
        let mut t = DeclTable::default();
        for (fi, f) in files.iter_mut().enumerate() {
            let d = &mut f.decls;
            let own = |n: String| (n.into_boxed_str(), fi);
            t.funcs.extend(
                std::mem::take(&mut d.funcs)
                    .into_iter()
                    .filter(|n| n != "init")
                    .map(own),
            );
            t.types
                .extend(std::mem::take(&mut d.types).into_iter().map(own));
            t.values
                .extend(d.values.iter().map(|n| (Box::from(n.as_str()), fi)));
            t.methods.extend(
                std::mem::take(&mut d.methods)
                    .into_iter()
                    .map(|(r, n)| (r.into_boxed_str(), n.into_boxed_str(), fi)),
            );
            t.aliases.extend(
                std::mem::take(&mut d.aliases)
                    .into_iter()
                    .map(String::into_boxed_str),
            );
        }
        t.aliases.sort_unstable();
        t.aliases.dedup();
        t.aliases.shrink_to_fit();
        // Stable sorts keep file order among duplicates; dedup keeps the
        // first.
        for list in [&mut t.funcs, &mut t.types, &mut t.values] {
            list.sort_by(|a, b| Self::key(&a.0).cmp(&Self::key(&b.0)));
            list.dedup_by(|b, a| a.0 == b.0);
            list.shrink_to_fit();
        }
        t.methods.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        t.methods.dedup_by(|b, a| (&a.0, &a.1) == (&b.0, &b.1));
        t.methods.shrink_to_fit();
        let mut by_name: Vec<u32> = (0..t.methods.len() as u32).collect();
        by_name.sort_by(|&a, &b| {
            let (a, b) = (&t.methods[a as usize], &t.methods[b as usize]);
            (&a.1, &a.0).cmp(&(&b.1, &b.0))
        });
        t.methods_by_name = by_name;
        t
    }

    /// The order of the name lists.
    fn key(name: &str) -> (usize, &[u8]) {
        (name.len(), name.as_bytes())
    }

    fn find(list: &[(Box<str>, usize)], name: &str) -> Option<usize> {
        let key = Self::key(name);
        list.binary_search_by(|(n, _)| Self::key(n).cmp(&key))
            .ok()
            .map(|i| list[i].1)
    }

    fn method(&self, type_name: &str, name: &str) -> Option<usize> {
        self.methods
            .binary_search_by(|(r, n, _)| (&**r, &**n).cmp(&(type_name, name)))
            .ok()
            .map(|i| self.methods[i].2)
    }

    /// The methods declared on a receiver type name, sorted by name.
    fn methods_of(&self, type_name: &str) -> &[(Box<str>, Box<str>, usize)] {
        let start = self.methods.partition_point(|(r, _, _)| &**r < type_name);
        let end = self.methods.partition_point(|(r, _, _)| &**r <= type_name);
        &self.methods[start..end]
    }

    /// The receiver type names declaring a method name, sorted.
    fn receivers_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let m = &self.methods;
        let start = self
            .methods_by_name
            .partition_point(|&i| &*m[i as usize].1 < name);
        self.methods_by_name[start..]
            .iter()
            .map(move |&i| &m[i as usize])
            .take_while(move |e| &*e.1 == name)
            .map(|e| &*e.0)
    }
}

impl Package {
    /// A package with nothing in it (the context of predeclared types).
    pub fn empty() -> Package {
        Package {
            path: Arc::from(""),
            name: String::new(),
            dir: PathBuf::new(),
            origin: Origin::ModCache,
            files: Vec::new(),
            bytes: 0,
            names: DeclTable::default(),
        }
    }

    pub fn func(&self, name: &str) -> Option<(&PackageFile, &FuncDecl)> {
        let r = self.func_ref(name)?;
        let f = &self.files[r.file];
        Some((f, &f.facts().funcs[r.index]))
    }
    pub fn func_ref(&self, name: &str) -> Option<DeclRef> {
        let file = DeclTable::find(&self.names.funcs, name)?;
        let index = self.files[file]
            .facts()
            .funcs
            .iter()
            .position(|f| f.receiver.is_none() && f.name == name)?;
        Some(DeclRef { file, index })
    }
    pub fn method(&self, type_name: &str, name: &str) -> Option<(DeclRef, &FuncDecl)> {
        let file = match self.names.method(type_name, name) {
            Some(f) => f,
            // `func (A) M()` with `type A = T` declares T's method.
            None => return self.method_via_alias(type_name, name),
        };
        let facts = self.files[file].facts();
        let index = facts.funcs.iter().position(|f| {
            f.name == name
                && f.receiver
                    .as_ref()
                    .is_some_and(|r| r.type_name == type_name)
        })?;
        Some((DeclRef { file, index }, &facts.funcs[index]))
    }
    fn method_via_alias(&self, type_name: &str, name: &str) -> Option<(DeclRef, &FuncDecl)> {
        let aliases = &self.names.aliases;
        if aliases.is_empty() {
            return None;
        }
        let receivers: Vec<&str> = self
            .names
            .receivers_of(name)
            .filter(|recv| {
                *recv != type_name && aliases.binary_search_by(|a| (**a).cmp(recv)).is_ok()
            })
            .collect();
        for recv in receivers {
            let Some((_, decl)) = self.type_decl(recv) else {
                continue;
            };
            let aliases_it = decl.alias
                && matches!(&*decl.ty, crate::facts::TypeExpr::Named { package: None, name: n, .. } if n == type_name);
            if aliases_it {
                return self.method(recv, name);
            }
        }
        None
    }

    pub fn type_decl(&self, name: &str) -> Option<(DeclRef, &TypeDecl)> {
        let file = DeclTable::find(&self.names.types, name)?;
        let facts = self.files[file].facts();
        let index = facts.types.iter().position(|t| t.name == name)?;
        Some((DeclRef { file, index }, &facts.types[index]))
    }
    pub fn value(&self, name: &str) -> Option<(DeclRef, &ValueDecl)> {
        let file = DeclTable::find(&self.names.values, name)?;
        let index = self.files[file].value_position(name)?;
        Some((
            DeclRef { file, index },
            &self.files[file].facts().values[index],
        ))
    }

    /// Whether package-level value `name` may be a constant string (from
    /// the token scan; no file is parsed). False for names not declared.
    pub fn may_be_string(&self, name: &str) -> bool {
        DeclTable::find(&self.names.values, name)
            .is_some_and(|f| self.files[f].decls.string_values.iter().any(|v| v == name))
    }

    /// Methods declared on a type name (either receiver form), sorted.
    pub fn methods_of(&self, type_name: &str) -> impl Iterator<Item = &str> {
        self.names
            .methods_of(type_name)
            .iter()
            .map(|(_, n, _)| &**n)
    }
    /// Every type name declared in the package, sorted.
    pub fn type_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.names.types.iter().map(|(n, _)| &**n).collect();
        names.sort_unstable();
        names
    }
}

/// The scanned tree's Go directories, as resolution needs them.
#[derive(Debug, Default)]
pub struct TreeLayout {
    pub root: PathBuf,
    pub modules: ModuleMap,
    /// Relative dir → its Go files (sorted).
    pub dirs: BTreeMap<String, Vec<DiscoveredFile>>,
    /// Non-vendored import path → relative dir.
    by_path: HashMap<String, String>,
    /// (module, vendored import path) → relative dir.
    vendored: HashMap<(usize, String), String>,
}

impl TreeLayout {
    pub fn new(root: PathBuf, modules: ModuleMap, files: Vec<DiscoveredFile>) -> Self {
        let mut dirs: BTreeMap<String, Vec<DiscoveredFile>> = BTreeMap::new();
        for f in files {
            dirs.entry(slash_dir(&f.path).to_string())
                .or_default()
                .push(f);
        }
        let mut by_path = HashMap::new();
        let mut vendored = HashMap::new();
        for dir in dirs.keys() {
            let loc = modules.locate(dir);
            if loc.vendored {
                if let Some(m) = loc.module {
                    vendored.insert((m, loc.import_path), dir.clone());
                }
            } else {
                by_path
                    .entry(loc.import_path)
                    .or_insert_with(|| dir.clone());
            }
        }
        TreeLayout {
            root,
            modules,
            dirs,
            by_path,
            vendored,
        }
    }

    /// Whether the tree is the Go distribution's `src` (module `std`).
    pub fn is_goroot(&self) -> bool {
        self.modules
            .modules
            .iter()
            .any(|m| m.dir == "." && m.path.as_deref() == Some("std"))
    }
}

type Slot = Arc<OnceLock<Option<Arc<Package>>>>;

/// All packages resolution can reach, loaded on first use.
pub struct Universe {
    pub tree: TreeLayout,
    pub toolchain: Toolchain,
    limit: u64,
    loaded: DashMap<PathBuf, Slot>,
    /// The files of a tree directory whose package clause is not the
    /// directory's package's (external tests, `ignore` programs), kept
    /// from loading the directory's package so that their packages are
    /// assembled without reading the directory again; with the bytes read.
    other_clauses: DashMap<PathBuf, OtherClauses>,
    /// Bundled stubs loaded so far, by import path.
    stubs: DashMap<String, Slot>,
    stats: LoadStats,
}

/// The files of a tree directory outside its package.
struct OtherClauses {
    /// Taken out as their packages are assembled.
    files: Mutex<Vec<PackageFile>>,
    /// Bytes read from the directory (its package's files too).
    dir_bytes: usize,
    /// What the files import, and their size.
    imports: Vec<String>,
    bytes: usize,
}

/// What loading declarations cost, for the stderr summary.
#[derive(Debug, Default)]
pub struct LoadStats {
    pub packages: std::sync::atomic::AtomicUsize,
    pub files: std::sync::atomic::AtomicUsize,
    pub bytes: std::sync::atomic::AtomicUsize,
}

impl Universe {
    pub fn new(tree: TreeLayout, toolchain: Toolchain, limit: u64) -> Self {
        Universe {
            tree,
            toolchain,
            limit,
            loaded: DashMap::new(),
            other_clauses: DashMap::new(),
            stubs: DashMap::new(),
            stats: LoadStats::default(),
        }
    }

    /// Packages, files and bytes loaded so far.
    pub fn stats(&self) -> (usize, usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (
            self.stats.packages.load(Relaxed),
            self.stats.files.load(Relaxed),
            self.stats.bytes.load(Relaxed),
        )
    }

    /// Every package loaded so far (bundled stubs included), sorted by
    /// import path then directory, a directory's own package before the
    /// other package clauses of its files (an `ignore` program's `main`
    /// shares the directory's import path), then by name: what whole-tree
    /// analyses look types up in once resolution has reached them. The
    /// order never depends on the order of loading.
    pub fn loaded_packages(&self) -> Vec<Arc<Package>> {
        let mut out: Vec<(bool, Arc<Package>)> = self
            .loaded
            .iter()
            .filter_map(|slot| {
                let other_clause = slot
                    .key()
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('#'));
                Some((other_clause, slot.value().get().cloned().flatten()?))
            })
            .chain(
                self.stubs
                    .iter()
                    .filter_map(|slot| Some((false, slot.value().get().cloned().flatten()?))),
            )
            .collect();
        out.sort_by(|(oa, a), (ob, b)| {
            (&a.path, &a.dir, oa, &a.name).cmp(&(&b.path, &b.dir, ob, &b.name))
        });
        out.into_iter().map(|(_, p)| p).collect()
    }

    /// The package a tree file belongs to: the directory's package, or,
    /// for a file whose package clause differs (an external test package
    /// `x_test`, a `//go:build ignore` program), the files sharing its name.
    pub fn tree_package_named(&self, dir: &str, name: &str) -> Option<Arc<Package>> {
        let default = self.tree_package(dir);
        if default.as_ref().is_some_and(|p| p.name == name) {
            return default;
        }
        let loc = self.tree.modules.locate(dir);
        let path = if name.ends_with("_test") {
            format!("{}_test", loc.import_path)
        } else {
            loc.import_path.clone()
        };
        let mut key = self.tree.root.join(dir);
        key.push(format!("#{name}"));
        let slot: Slot = self
            .loaded
            .entry(key)
            .or_insert_with(|| Arc::new(OnceLock::new()))
            .clone();
        let abs = self.tree.root.join(dir);
        slot.get_or_init(|| {
            let origin = Origin::Tree {
                dir: dir.to_string(),
                module: loc.module,
            };
            let kept = self.other_clauses.get(&abs).and_then(|kept| {
                let mut files = kept.files.lock().ok()?;
                let mine = take_clause(&mut files, name);
                Some(assemble_package(
                    mine,
                    kept.dir_bytes,
                    abs.clone(),
                    path.clone(),
                    origin.clone(),
                    Some(name),
                ))
            });
            let pkg = match kept {
                Some(pkg) => pkg,
                None => load_package_named(&abs, path, origin, self.limit, Some(name)),
            };
            self.count(&pkg);
            pkg.map(Arc::new)
        })
        .clone()
    }

    /// The tree directories that the files of tree directory `dir` outside
    /// its package (external tests, `ignore` programs) import, as
    /// [`Universe::tree_import_dir`] finds them, and the size of those
    /// files; nothing is loaded (the directory's package is, first).
    pub fn tree_other_imports(&self, dir: &str) -> (Vec<&str>, usize) {
        self.tree_package(dir);
        let abs = self.tree.root.join(dir);
        let Some(kept) = self.other_clauses.get(&abs) else {
            return (Vec::new(), 0);
        };
        let module = self.tree.modules.locate(dir).module;
        let dirs = kept
            .imports
            .iter()
            .filter_map(|path| self.tree_import_dir_in(module, path))
            .collect();
        (dirs, kept.bytes)
    }

    /// The package in a tree directory (relative), if it has Go files.
    pub fn tree_package(&self, dir: &str) -> Option<Arc<Package>> {
        if !self.tree.dirs.contains_key(dir) {
            return None;
        }
        let loc = self.tree.modules.locate(dir);
        let abs = self.tree.root.join(dir);
        let cmd_std = self.tree.is_goroot() && (dir == "cmd" || dir.starts_with("cmd/"));
        let path = if loc.vendored && self.tree.is_goroot() && !cmd_std {
            // go/types names std's vendored packages by their directory.
            format!("vendor/{}", loc.import_path)
        } else {
            loc.import_path.clone()
        };
        let slot: Slot = self
            .loaded
            .entry(abs.clone())
            .or_insert_with(|| Arc::new(OnceLock::new()))
            .clone();
        slot.get_or_init(|| {
            let origin = Origin::Tree {
                dir: dir.to_string(),
                module: loc.module,
            };
            let (mut files, bytes) = read_package_files(&abs, true, self.limit)?;
            let pkg = assemble_package_from(&mut files, bytes, abs.clone(), path, origin, None);
            if !files.is_empty() {
                let other = OtherClauses {
                    imports: files
                        .iter()
                        .flat_map(|f| f.decls.imports.iter().map(|(_, p)| p.clone()))
                        .collect(),
                    bytes: files.iter().map(|f| f.bytes).sum(),
                    dir_bytes: bytes,
                    files: Mutex::new(files),
                };
                self.other_clauses.insert(abs.clone(), other);
            }
            self.count(&pkg);
            pkg.map(Arc::new)
        })
        .clone()
    }

    fn count(&self, pkg: &Option<Package>) {
        use std::sync::atomic::Ordering::Relaxed;
        if let Some(p) = pkg {
            self.stats.packages.fetch_add(1, Relaxed);
            self.stats.files.fetch_add(p.files.len(), Relaxed);
            self.stats.bytes.fetch_add(p.bytes, Relaxed);
        }
    }

    /// Resolve an import path as seen from package `from`.
    pub fn import(&self, from: &Package, path: &str) -> Option<Arc<Package>> {
        if path == "C" || path == "unsafe" {
            return None;
        }
        match &from.origin {
            Origin::Tree { module, .. } => {
                if let Some(m) = module {
                    if let Some(dir) = self.tree.vendored.get(&(*m, path.to_string())) {
                        return self.tree_package(&dir.clone());
                    }
                }
                if let Some(dir) = self.tree.by_path.get(path) {
                    return self.tree_package(&dir.clone());
                }
                if self.tree.is_goroot() {
                    return None;
                }
                self.external(path, module.and_then(Some))
            }
            Origin::Goroot { cmd } => self.goroot(path, *cmd),
            Origin::ModCache | Origin::Stub => self.external(path, self.main_module()),
        }
    }

    /// The tree directory an import of tree package `from` resolves to, as
    /// [`Universe::import`] finds it, without loading anything; `None` for
    /// imports from outside the tree.
    pub fn tree_import_dir(&self, from: &Package, path: &str) -> Option<&str> {
        let Origin::Tree { module, .. } = &from.origin else {
            return None;
        };
        self.tree_import_dir_in(*module, path)
    }

    /// [`Universe::tree_import_dir`] from a tree package of `module`.
    fn tree_import_dir_in(&self, module: Option<usize>, path: &str) -> Option<&str> {
        if path == "C" || path == "unsafe" {
            return None;
        }
        if let Some(m) = module {
            if let Some(dir) = self.tree.vendored.get(&(m, path.to_string())) {
                return Some(dir);
            }
        }
        self.tree.by_path.get(path).map(|d| d.as_str())
    }

    fn main_module(&self) -> Option<usize> {
        self.tree.modules.modules.iter().position(|m| m.dir == ".")
    }

    /// A package outside the tree: the standard library for paths without a
    /// dot in their first element; otherwise the module cache (or a local
    /// `replace`) at the version `module` (default: the main module)
    /// requires, and failing that a bundled stub of exactly that path.
    fn external(&self, path: &str, module: Option<usize>) -> Option<Arc<Package>> {
        let first = path.split('/').next().unwrap_or("");
        if !first.contains('.') {
            return self.goroot(path, false);
        }
        self.required_module(path, module)
            .or_else(|| self.stub(path))
    }

    /// `path` from the module that `module`'s go.mod requires for it, if its
    /// source is on disk.
    fn required_module(&self, path: &str, module: Option<usize>) -> Option<Arc<Package>> {
        let m = self
            .tree
            .modules
            .modules
            .get(module.or_else(|| self.main_module())?)?;
        // Longest required module path that prefixes the import path.
        let req = m
            .requires
            .iter()
            .filter(|r| path == r.path || path.starts_with(&format!("{}/", r.path)))
            .max_by_key(|r| r.path.len())?;
        let rest = path[req.path.len()..].trim_start_matches('/');
        if let Some(rep) = m.replaces.iter().find(|r| r.old == req.path) {
            if rep.new.starts_with('.') || rep.new.starts_with('/') {
                let dir = self.tree.root.join(&m.dir).join(&rep.new).join(rest);
                return self.load(dir, || (path.to_string(), Origin::ModCache));
            }
        }
        let modcache = self.toolchain.modcache.as_ref()?;
        let dir = modcache
            .join(format!("{}@{}", escape_module_path(&req.path), req.version))
            .join(rest);
        self.load(dir, || (path.to_string(), Origin::ModCache))
    }

    /// The bundled stub of exactly `path`, loaded (token scan only) on first
    /// use and cached like any other package.
    fn stub(&self, path: &str) -> Option<Arc<Package>> {
        let files = super::stubs::files(path);
        if files.is_empty() {
            return None;
        }
        let slot: Slot = self
            .stubs
            .entry(path.to_string())
            .or_insert_with(|| Arc::new(OnceLock::new()))
            .clone();
        slot.get_or_init(|| {
            let pkg = load_stub_package(path, files);
            self.count(&pkg);
            pkg.map(Arc::new)
        })
        .clone()
    }

    fn goroot(&self, path: &str, cmd: bool) -> Option<Arc<Package>> {
        let src = self.toolchain.goroot_src.as_ref()?;
        let vendor = if cmd { "cmd/vendor" } else { "vendor" };
        let vendored = src.join(vendor).join(path);
        if vendored.is_dir() {
            let printed = if cmd {
                path.to_string()
            } else {
                format!("vendor/{path}")
            };
            return self.load(vendored, || (printed.clone(), Origin::Goroot { cmd }));
        }
        let dir = src.join(path);
        let is_cmd = path == "cmd" || path.starts_with("cmd/");
        self.load(dir, || (path.to_string(), Origin::Goroot { cmd: is_cmd }))
    }

    fn load(
        &self,
        dir: PathBuf,
        describe: impl FnOnce() -> (String, Origin),
    ) -> Option<Arc<Package>> {
        let slot: Slot = self
            .loaded
            .entry(dir.clone())
            .or_insert_with(|| Arc::new(OnceLock::new()))
            .clone();
        slot.get_or_init(|| {
            let (path, origin) = describe();
            let pkg = load_package(&dir, path, origin, self.limit);
            self.count(&pkg);
            pkg.map(Arc::new)
        })
        .clone()
    }
}

/// The module cache escapes upper-case letters as `!` + lower case.
pub(crate) fn escape_module_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn load_package(dir: &Path, path: String, origin: Origin, limit: u64) -> Option<Package> {
    load_package_named(dir, path, origin, limit, None)
}

fn load_package_named(
    dir: &Path,
    path: String,
    origin: Origin,
    limit: u64,
    want_name: Option<&str>,
) -> Option<Package> {
    let include_tests = matches!(origin, Origin::Tree { .. });
    let (files, bytes) = read_package_files(dir, include_tests, limit)?;
    assemble_package(files, bytes, dir.to_path_buf(), path, origin, want_name)
}

/// The Go files of a directory (sorted by name), token-scanned, and the
/// bytes read.
fn read_package_files(
    dir: &Path,
    include_tests: bool,
    limit: u64,
) -> Option<(Vec<PackageFile>, usize)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".go") && !n.starts_with('_') && !n.starts_with('.'))
        .filter(|n| include_tests || !n.ends_with("_test.go"))
        .collect();
    names.sort();
    let mut files: Vec<PackageFile> = Vec::new();
    let mut bytes = 0;
    for name in names {
        let abs = dir.join(&name);
        let Ok(src) = crate::source::read_source(&abs, limit) else {
            continue;
        };
        bytes += src.len();
        files.push(PackageFile {
            name,
            decls: crate::declscan::scan_decls(&src),
            bytes: src.len(),
            source: FileSource::Disk { abs, limit },
            facts: OnceLock::new(),
            value_index: OnceLock::new(),
        });
    }
    Some((files, bytes))
}

/// A bundled stub package: its embedded files, token-scanned now, parsed
/// on first use.
fn load_stub_package(path: &str, stubs: &'static [super::stubs::StubFile]) -> Option<Package> {
    let mut bytes = 0;
    let files: Vec<PackageFile> = stubs
        .iter()
        .map(|f| {
            bytes += f.source.len();
            PackageFile {
                name: f.name.to_string(),
                decls: crate::declscan::scan_decls(f.source.as_bytes()),
                bytes: f.source.len(),
                source: FileSource::Embedded(f.source),
                facts: OnceLock::new(),
                value_index: OnceLock::new(),
            }
        })
        .collect();
    assemble_package(
        files,
        bytes,
        PathBuf::new(),
        path.to_string(),
        Origin::Stub,
        None,
    )
}

/// A package from its files (sorted by name): keep the files of the
/// package's name and index what they declare.
fn assemble_package(
    mut files: Vec<PackageFile>,
    bytes: usize,
    dir: PathBuf,
    path: String,
    origin: Origin,
    want_name: Option<&str>,
) -> Option<Package> {
    assemble_package_from(&mut files, bytes, dir, path, origin, want_name)
}

/// The files of `files` whose package clause is `name`, in order; the
/// others stay.
fn take_clause(files: &mut Vec<PackageFile>, name: &str) -> Vec<PackageFile> {
    let (mine, rest) = std::mem::take(files)
        .into_iter()
        .partition(|f| f.decls.package.as_deref() == Some(name));
    *files = rest;
    mine
}

/// [`assemble_package`], taking the package's files out of `files` and
/// leaving the files of other package clauses (all of them when there is
/// no package).
fn assemble_package_from(
    all: &mut Vec<PackageFile>,
    bytes: usize,
    dir: PathBuf,
    path: String,
    origin: Origin,
    want_name: Option<&str>,
) -> Option<Package> {
    let files = &*all;
    // The package's name: the one most non-test files declare (ties: the
    // one matching the default platform first, then alphabetical).
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for f in files.iter() {
        let Some(n) = f.decls.package.as_deref() else {
            continue;
        };
        if f.name.ends_with("_test.go") || n.ends_with("_test") && n != "_test" {
            continue;
        }
        let e = counts.entry(n).or_default();
        e.0 += 1;
        e.1 += matches_default_platform(&f.name, f.decls.build_constraint.as_deref()) as usize;
    }
    let name = match want_name {
        Some(n) => n.to_string(),
        None => counts
            .iter()
            .max_by(|a, b| (a.1 .1, a.1 .0).cmp(&(b.1 .1, b.1 .0)).then(b.0.cmp(a.0)))
            .map(|(n, _)| n.to_string())?,
    };
    let mut files = take_clause(all, &name);
    // Prefer default-platform files for duplicate declarations.
    files.sort_by_key(|f| {
        (
            !matches_default_platform(&f.name, f.decls.build_constraint.as_deref()),
            f.name.ends_with("_test.go"),
            f.name.clone(),
        )
    });
    let names = DeclTable::build(&mut files);
    let pkg = Package {
        path: Arc::from(path.as_str()),
        name,
        dir,
        origin,
        files,
        bytes,
        names,
    };
    Some(pkg)
}

/// The name a file binds an import under, when the imported package is
/// known; `None` for blank imports.
pub fn import_binding(
    name: &ImportName,
    imported_name: Option<&str>,
    path: &str,
) -> Option<String> {
    match name {
        ImportName::Alias(a) => Some(a.clone()),
        ImportName::Blank => None,
        ImportName::Dot => Some(".".to_string()),
        ImportName::Default => Some(
            imported_name
                .map(|n| n.to_string())
                .unwrap_or_else(|| conventional_package_name(path)),
        ),
    }
}

/// The go command's convention when a package's source is not available:
/// the last path element, without a major-version suffix (`/v5`) or a
/// `.vN` / `go-` decoration. Only used when the source cannot be read.
pub fn conventional_package_name(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    if parts.len() > 1 {
        if let Some(last) = parts.last() {
            if last.len() > 1
                && last.starts_with('v')
                && last[1..].chars().all(|c| c.is_ascii_digit())
            {
                parts.pop();
            }
        }
    }
    let last = parts.last().copied().unwrap_or(path);
    let last = last.split(".v").next().unwrap_or(last);
    let last = last.strip_prefix("go-").unwrap_or(last);
    last.replace('-', "_")
}
