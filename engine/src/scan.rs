//! One pass over a repository: discover, read, parse, reduce to facts, index.
//!
//! Files are processed in parallel on a rayon pool of the requested size.
//! Each worker reads a file, parses it with its own parser, extracts the
//! file's facts, inserts its symbols into the shared index and drops the
//! tree, so at most one tree per worker is alive at any time. Results are
//! collected in discovery order (sorted by path), which makes everything
//! downstream independent of the thread count.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::facts::{CachedFile, FactsCache, FactsCacheReport};
use crate::cache::{CacheConfig, Digest};
use crate::discover::{discover, DiscoveredFile, DiscoveredKind, DiscoveryOptions, SkippedPath};
use crate::extract::extract;
use crate::facts::FileFacts;
use crate::index::{FileId, SymbolIndex};
use crate::modules::{ModuleFileSource, ModuleMap, PackageLocation};
use crate::parse::parse_go;
use crate::paths::slash_dir;
use crate::source::{count_lines, describe_io_error, read_source, SkipReason};

/// Default limit on the size of a source file: 8 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub root: PathBuf,
    /// Worker threads; 0 means one per available core.
    pub threads: usize,
    /// Walk `testdata` directories too.
    pub include_testdata: bool,
    pub follow_symlinks: bool,
    /// Files larger than this are skipped and reported.
    pub max_file_size: u64,
    /// gitignore-style globs of paths to leave out.
    pub exclude: Vec<String>,
    /// Reuse and update per-file facts in this cache (`None`: parse every
    /// file).
    pub cache: Option<CacheConfig>,
}

impl ScanOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ScanOptions {
            root: root.into(),
            threads: 0,
            include_testdata: false,
            follow_symlinks: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            exclude: Vec::new(),
            cache: None,
        }
    }
}

/// Progress callbacks, for a front end's progress bar. Called from worker
/// threads; implementations must be cheap and lock-free.
pub trait ScanObserver: Sync {
    /// Discovery finished: this many Go files will be read.
    fn discovered(&self, _files: u64) {}
    /// One file was processed (parsed or skipped).
    fn file_done(&self) {}
}

/// An observer that ignores everything.
pub struct NoObserver;
impl ScanObserver for NoObserver {}

/// A scan that could not start at all. Problems with individual files are
/// never errors; they are reported in the [`Scan`].
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot open root {path}: {reason}")]
    Root { path: PathBuf, reason: String },
    #[error("root {0} is not a directory")]
    RootNotDirectory(PathBuf),
    #[error("cannot start {threads} worker threads: {reason}")]
    ThreadPool { threads: usize, reason: String },
    #[error("{0}")]
    Exclude(String),
}

/// How a file counts in summaries. Exactly one per file; the first that
/// applies wins: vendor, generated, test, production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Production,
    Test,
    Generated,
    Vendor,
}

/// One analyzed Go file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub location: Arc<PackageLocation>,
    pub kind: FileKind,
    /// A `_test.go` file.
    pub test: bool,
    pub lines: u64,
    pub bytes: u64,
    /// Offset of the first byte that is not valid UTF-8, if any. The file is
    /// still analyzed (invalid bytes become U+FFFD in names and strings).
    pub invalid_utf8: Option<u64>,
    /// Shared with the resolution universe's view of the file (the call
    /// graph resolves bodies against the same declarations).
    pub facts: Arc<FileFacts>,
}

impl SourceFile {
    /// The directory part of `path`.
    pub fn dir(&self) -> &str {
        slash_dir(&self.path)
    }

    /// A `_test.go` file in an external test package (`package x_test`).
    pub fn external_test(&self) -> bool {
        self.test
            && self
                .facts
                .package
                .as_deref()
                .is_some_and(|p| p.ends_with("_test"))
    }

    /// The import path of the package this file belongs to: the directory's,
    /// with `_test` appended for an external test package.
    pub fn package_path(&self) -> String {
        if self.external_test() {
            format!("{}_test", self.location.import_path)
        } else {
            self.location.import_path.clone()
        }
    }
}

/// A Go package: the files of one directory sharing a package clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    /// Import path (`x_test` suffix for an external test package).
    pub import_path: String,
    pub name: String,
    pub dir: String,
    /// Index into [`ModuleMap::modules`].
    pub module: Option<usize>,
    pub external_test: bool,
    pub vendored: bool,
    /// The import path is the local `_/dir` form: no module names it.
    pub local: bool,
    pub files: Vec<FileId>,
}

/// Everything one scan learned about a tree.
#[derive(Debug)]
pub struct Scan {
    /// The canonical root that was scanned.
    pub root: PathBuf,
    pub modules: ModuleMap,
    /// Analyzed Go files, sorted by path; a [`FileId`] indexes this.
    pub files: Vec<SourceFile>,
    /// Sorted by import path, then name.
    pub packages: Vec<Package>,
    /// Files that could not be analyzed, sorted by path.
    pub skipped: Vec<SkippedPath>,
    /// Built on first use ([`Scan::index`]).
    index: OnceLock<SymbolIndex>,
    /// The scan's worker count, which building the index keeps to.
    threads: usize,
    /// How the facts cache was used, when the scan had one (for the front
    /// end to report; never part of a result).
    pub cache: Option<FactsCacheReport>,
}

impl Scan {
    /// Every top-level declaration by package and name, indexed on first
    /// use: resolution and the analyzers read the facts through the
    /// universe and never ask, and on a large tree the index is a large
    /// share of a scan's memory.
    ///
    /// Built with as many workers as the scan had (`--threads`), in a pool
    /// of its own: the scan's pool is gone by then.
    pub fn index(&self) -> &SymbolIndex {
        self.index.get_or_init(|| {
            let pool = match self.threads {
                0 | 1 => None,
                n => thread_pool(n).ok(),
            };
            match pool {
                Some(pool) => pool.install(|| index_files(&self.files, true)),
                // One worker, or no threads to be had: the same index.
                None => index_files(&self.files, false),
            }
        })
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id as usize]
    }

    /// The analyzed file at a root-relative path (files are sorted by path).
    pub fn file_by_path(&self, path: &str) -> Option<&SourceFile> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }
}

/// Scan a tree. Fails only if the root itself is unusable.
pub fn scan(opts: &ScanOptions, observer: &dyn ScanObserver) -> Result<Scan, ScanError> {
    let OpenTree {
        root,
        pool,
        go_files,
        modules,
        skipped: discovery_skipped,
    } = open_tree(opts)?;
    observer.discovered(go_files.len() as u64);

    let locations = locate_dirs(&modules, &go_files);
    let limit = opts.max_file_size;
    let cache = opts.cache.as_ref().map(FactsCache::open);
    type Outcome = Result<(SourceFile, Option<CacheUse>), SkippedPath>;
    let outcomes: Vec<Outcome> = pool.install(|| {
        // Handed out one at a time, largest first (see `largest_first`);
        // results are put back in path order.
        let mut done: Vec<(usize, Outcome)> = largest_first(&go_files, |f| &f.abs)
            .into_iter()
            .par_bridge()
            .map(|i| {
                let f = &go_files[i];
                let location = Arc::clone(&locations[slash_dir(&f.path)]);
                let outcome = analyze_file_cached(f, location, limit, cache.as_ref());
                observer.file_done();
                let outcome = outcome.map_err(|reason| SkippedPath {
                    path: f.path.clone(),
                    reason,
                });
                (i, outcome)
            })
            .collect();
        done.sort_unstable_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, o)| o).collect()
    });

    let mut files = Vec::with_capacity(outcomes.len());
    let mut uses = Vec::new();
    let mut skipped = discovery_skipped;
    for outcome in outcomes {
        match outcome {
            Ok((file, cache_use)) => {
                files.push(file);
                uses.extend(cache_use);
            }
            Err(s) => skipped.push(s),
        }
    }
    let report = cache.map(|cache| update_cache(&cache, &uses));
    let mut scan = assemble_scan(root, modules, files, skipped, pool.current_num_threads());
    scan.cache = report;
    Ok(scan)
}

/// How one file used the facts cache: its digest, and its new payload when
/// it was parsed (a miss).
struct CacheUse {
    digest: Digest,
    parsed: Option<Vec<u8>>,
}

/// Write the cache again when the scanned files' digests differ from what
/// it holds; report hits and misses.
fn update_cache(cache: &FactsCache, uses: &[CacheUse]) -> FactsCacheReport {
    let mut report = cache.report();
    let mut live: HashMap<Digest, &[u8]> = HashMap::with_capacity(uses.len());
    for u in uses {
        let payload = match &u.parsed {
            Some(p) => {
                report.misses += 1;
                Some(p.as_slice())
            }
            None => {
                report.hits += 1;
                cache.payload(&u.digest)
            }
        };
        if let Some(p) = payload {
            live.insert(u.digest, p);
        }
    }
    if cache.stale(&live) {
        match cache.save(&live) {
            Ok(n) => report.written = Some(n),
            Err(e) => report.write_error = Some(describe_io_error(&e)),
        }
    }
    report
}

/// [`analyze_file`], taking the facts from `cache` when it has the file's
/// digest.
fn analyze_file_cached(
    file: &DiscoveredFile,
    location: Arc<PackageLocation>,
    limit: u64,
    cache: Option<&FactsCache>,
) -> Result<(SourceFile, Option<CacheUse>), SkipReason> {
    let src = read_source(&file.abs, limit)?;
    let Some(cache) = cache else {
        return Ok((analyze_source(file.path.clone(), &src, location), None));
    };
    let digest = crate::cache::digest(&src);
    if let Some(hit) = cache.get(&digest) {
        let f = source_file(file.path.clone(), location, hit);
        return Ok((
            f,
            Some(CacheUse {
                digest,
                parsed: None,
            }),
        ));
    }
    let f = analyze_source(file.path.clone(), &src, location);
    let payload = crate::cache::facts::encode(f.lines, f.bytes, f.invalid_utf8, &f.facts);
    Ok((
        f,
        Some(CacheUse {
            digest,
            parsed: Some(payload),
        }),
    ))
}

/// The location of every directory of `go_files`, computed once, before a
/// parallel stage that then only reads them.
pub(crate) fn locate_dirs<'f>(
    modules: &ModuleMap,
    go_files: &'f [DiscoveredFile],
) -> BTreeMap<&'f str, Arc<PackageLocation>> {
    let mut locations: BTreeMap<&str, Arc<PackageLocation>> = BTreeMap::new();
    for f in go_files {
        let dir = slash_dir(&f.path);
        locations
            .entry(dir)
            .or_insert_with(|| Arc::new(modules.locate(dir)));
    }
    locations
}

/// A [`Scan`] from its analyzed files (in path order) and skipped paths:
/// group the packages.
pub(crate) fn assemble_scan(
    root: PathBuf,
    modules: ModuleMap,
    files: Vec<SourceFile>,
    mut skipped: Vec<SkippedPath>,
    threads: usize,
) -> Scan {
    skipped.sort();
    let packages = group_packages(&files);
    Scan {
        root,
        modules,
        files,
        packages,
        skipped,
        index: OnceLock::new(),
        threads,
        cache: None,
    }
}

/// The indexes of `files`, largest file first (by size on disk; an
/// unreadable file counts as empty), for handing out one at a time: a
/// tree's few huge files (generated tables, rewrite rules) would otherwise
/// be parsed last by one worker while the others wait. In the current pool.
pub fn largest_first<T: Sync>(files: &[T], path: impl Fn(&T) -> &Path + Sync) -> Vec<usize> {
    let mut order: Vec<(u64, usize)> = files
        .par_iter()
        .enumerate()
        .map(|(i, f)| (std::fs::metadata(path(f)).map_or(0, |m| m.len()), i))
        .collect();
    order.sort_unstable_by(|a, b| b.cmp(a));
    order.into_iter().map(|(_, i)| i).collect()
}

/// The symbol index of a scan's files (ids are their positions), in the
/// current pool when `parallel`: the map is sharded, not one lock; lookups
/// sort what they find.
fn index_files(files: &[SourceFile], parallel: bool) -> SymbolIndex {
    let package_keys: BTreeMap<String, Arc<str>> = files
        .iter()
        .flat_map(|f| {
            let p = f.location.import_path.clone();
            [p.clone(), format!("{p}_test")]
        })
        .map(|p| {
            let key: Arc<str> = Arc::from(p.as_str());
            (p, key)
        })
        .collect();
    let index = SymbolIndex::new();
    let insert = |(id, f): (usize, &SourceFile)| {
        if let Some(key) = package_keys.get(&f.package_path()) {
            index.insert_file(key, id as FileId, &f.facts);
        }
    };
    if parallel {
        files.par_iter().enumerate().for_each(insert);
    } else {
        files.iter().enumerate().for_each(insert);
    }
    index
}

/// A tree opened for work: its canonical root, a worker pool, its Go files
/// (sorted) and its modules; nothing parsed yet.
pub struct OpenTree {
    pub root: PathBuf,
    pub pool: rayon::ThreadPool,
    pub go_files: Vec<DiscoveredFile>,
    pub modules: ModuleMap,
    /// Paths discovery could not take.
    pub skipped: Vec<SkippedPath>,
}

/// Check the root, start the pool, discover files and read go.mod/go.work.
/// Fails only if the root itself is unusable.
pub fn open_tree(opts: &ScanOptions) -> Result<OpenTree, ScanError> {
    let (root, pool, discovery) = discover_tree(opts)?;
    let (go_files, module_files): (Vec<_>, Vec<_>) = discovery
        .files
        .into_iter()
        .partition(|f| f.kind == DiscoveredKind::GoSource);
    let modules = load_modules(&root, &module_files, opts.max_file_size);
    Ok(OpenTree {
        root,
        pool,
        go_files,
        modules,
        skipped: discovery.skipped,
    })
}

/// Check the root, start the pool and discover its files, as `opts` say.
/// Fails only if the root itself (or an exclude glob) is unusable.
pub(crate) fn discover_tree(
    opts: &ScanOptions,
) -> Result<(PathBuf, rayon::ThreadPool, crate::discover::Discovery), ScanError> {
    let root = std::fs::canonicalize(&opts.root).map_err(|e| ScanError::Root {
        path: opts.root.clone(),
        reason: describe_io_error(&e),
    })?;
    if !root.is_dir() {
        return Err(ScanError::RootNotDirectory(opts.root.clone()));
    }
    crate::discover::exclude_overrides(&root, &opts.exclude).map_err(ScanError::Exclude)?;
    let threads = thread_count(opts.threads);
    let pool = thread_pool(threads)?;
    let discovery = discover(
        &root,
        DiscoveryOptions {
            include_testdata: opts.include_testdata,
            follow_symlinks: opts.follow_symlinks,
            threads,
            exclude: opts.exclude.clone(),
        },
    );
    Ok((root, pool, discovery))
}

/// The number of workers: `requested`, or one per core when 0.
pub fn thread_count(requested: usize) -> usize {
    if requested == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        requested
    }
}

/// A rayon pool of `threads` named workers.
pub fn thread_pool(threads: usize) -> Result<rayon::ThreadPool, ScanError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        // Resolution recurses over syntax; bounded, but give it room.
        .stack_size(16 * 1024 * 1024)
        .thread_name(|i| format!("goseam-worker-{i}"))
        .build()
        .map_err(|e| ScanError::ThreadPool {
            threads,
            reason: e.to_string(),
        })
}

/// Read the go.mod and go.work files discovery found into the module map.
pub fn load_modules(root: &Path, files: &[DiscoveredFile], limit: u64) -> ModuleMap {
    let sources = files
        .iter()
        .map(|f| ModuleFileSource {
            path: &f.path,
            contents: read_source(&f.abs, limit).map_err(|r| r.to_string()),
        })
        .collect();
    ModuleMap::build(root, sources)
}

/// Read, parse and reduce one file. The syntax tree lives only inside this
/// function.
pub fn analyze_file(
    file: &DiscoveredFile,
    location: Arc<PackageLocation>,
    limit: u64,
) -> Result<SourceFile, SkipReason> {
    let src = read_source(&file.abs, limit)?;
    Ok(analyze_source(file.path.clone(), &src, location))
}

/// Parse and reduce source bytes that are already in memory.
pub fn analyze_source(path: String, src: &[u8], location: Arc<PackageLocation>) -> SourceFile {
    analyze_parsed(path, src, parse_go(src).as_ref(), location)
}

/// Reduce a file already parsed (`tree` is `None` when tree-sitter gave
/// up) to a [`SourceFile`]; the caller keeps the tree.
pub fn analyze_parsed(
    path: String,
    src: &[u8],
    tree: Option<&tree_sitter::Tree>,
    location: Arc<PackageLocation>,
) -> SourceFile {
    let invalid_utf8 = std::str::from_utf8(src)
        .err()
        .map(|e| e.valid_up_to() as u64);
    let facts = match tree {
        Some(tree) => extract(tree, src),
        None => FileFacts::default(),
    };
    source_file(
        path,
        location,
        CachedFile {
            lines: count_lines(src),
            bytes: src.len() as u64,
            invalid_utf8,
            facts,
        },
    )
}

/// A [`SourceFile`] from what its bytes gave (parsed now, or cached).
fn source_file(path: String, location: Arc<PackageLocation>, from: CachedFile) -> SourceFile {
    let test = path.ends_with("_test.go");
    let kind = if location.vendored {
        FileKind::Vendor
    } else if from.facts.generated {
        FileKind::Generated
    } else if test {
        FileKind::Test
    } else {
        FileKind::Production
    };
    SourceFile {
        path,
        location,
        kind,
        test,
        lines: from.lines,
        bytes: from.bytes,
        invalid_utf8: from.invalid_utf8,
        facts: Arc::new(from.facts),
    }
}

fn group_packages(files: &[SourceFile]) -> Vec<Package> {
    let mut packages: BTreeMap<(String, String), Package> = BTreeMap::new();
    for (id, f) in files.iter().enumerate() {
        let Some(name) = f.facts.package.clone() else {
            continue;
        };
        let import_path = f.package_path();
        packages
            .entry((import_path.clone(), name.clone()))
            .or_insert_with(|| Package {
                import_path,
                name,
                dir: f.dir().to_string(),
                module: f.location.module,
                external_test: f.external_test(),
                vendored: f.location.vendored,
                local: f.location.local,
                files: Vec::new(),
            })
            .files
            .push(id as FileId);
    }
    packages.into_values().collect()
}
