//! Resolving every body of a tree: the input of whole-tree analyses (the
//! call graph). Each file of the tree is read, parsed and walked once, its
//! sites (and whatever its hooks collected) kept, its syntax tree dropped;
//! [`scan_and_resolve`] also scans the tree from the same parses.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::discover::{DiscoveredFile, SkippedPath};
use crate::modules::PackageLocation;
use crate::parse::parse_go;
use crate::scan::{
    analyze_parsed, assemble_scan, largest_first, locate_dirs, open_tree, OpenTree, Scan,
    ScanError, ScanObserver, ScanOptions, SourceFile,
};
use crate::source::read_source;

use super::check::Checker;
use super::query::{resolve_parsed, resolve_source, FileHeader, Prepared, SiteFile};
use super::universe::{
    with_facts_provider, FactsProvider, Package, Toolchain, TreeLayout, Universe,
};
use super::walk::BodyHooks;

/// The sites of every file of a tree, with what each file's hooks
/// collected.
pub struct TreeSites<H> {
    /// Sorted by path.
    pub files: Vec<(SiteFile, H)>,
    /// Files that could not be read, sorted by path.
    pub skipped: Vec<SkippedPath>,
}

/// Resolve the sites of the names `want` accepts in every file of the tree
/// (vendored files included: callers decide what to report), running fresh
/// hooks from `make_hooks` over each file.
pub fn resolve_tree<H, W, M>(prepared: &Prepared, want: &W, make_hooks: &M) -> TreeSites<H>
where
    H: BodyHooks + Send,
    W: Fn(&str) -> bool + Sync,
    M: Fn(&str) -> H + Sync,
{
    let u = &prepared.universe;
    let mut files: Vec<(&str, &std::path::Path)> = u
        .tree
        .dirs
        .values()
        .flatten()
        .map(|f| (f.path.as_str(), f.abs.as_path()))
        .collect();
    files.sort_unstable();
    let checker = Checker::new(u);
    let outcomes: Vec<Result<Option<(SiteFile, H)>, SkippedPath>> = prepared.pool.install(|| {
        files
            .par_iter()
            .map(|&(path, abs)| {
                let src =
                    read_source(abs, prepared.max_file_size).map_err(|reason| SkippedPath {
                        path: path.to_string(),
                        reason,
                    })?;
                let mut hooks = make_hooks(path);
                let file = resolve_source(&checker, path, &src, None, want, Some(&mut hooks));
                Ok(file.map(|f| (f, hooks)))
            })
            .collect()
    });
    let mut out = TreeSites {
        files: Vec::new(),
        skipped: Vec::new(),
    };
    for o in outcomes {
        match o {
            Ok(Some(f)) => out.files.push(f),
            Ok(None) => {}
            Err(s) => out.skipped.push(s),
        }
    }
    out.skipped.sort();
    out
}

/// A scan of a tree and the sites of every file, from one parse of each
/// file (see [`scan_and_resolve`]).
pub struct ScannedSites<H> {
    pub scan: Scan,
    pub prepared: Prepared,
    pub sites: TreeSites<H>,
}

/// What became of one file of the tree.
enum Outcome<T> {
    File(Box<SourceFile>, T),
    Skipped(SkippedPath),
}

/// Scan the tree and resolve the sites of the names `want` accepts in every
/// file, parsing each file once: the same [`Scan`] as
/// [`crate::scan::scan`] and the same sites as [`resolve_tree`] over it.
pub fn scan_and_resolve<H, W, M>(
    opts: &ScanOptions,
    toolchain: Toolchain,
    observer: &dyn ScanObserver,
    want: &W,
    make_hooks: &M,
) -> Result<ScannedSites<H>, ScanError>
where
    H: BodyHooks + Send,
    W: Fn(&str) -> bool + Sync,
    M: Fn(&str) -> H + Sync,
{
    let ScannedEach {
        scan,
        prepared,
        files,
    } = scan_and_resolve_each(opts, toolchain, observer, want, make_hooks, &|_, sites| {
        sites
    })?;
    Ok(ScannedSites {
        scan,
        prepared,
        sites: TreeSites {
            files: files.into_iter().flatten().collect(),
            skipped: Vec::new(),
        },
    })
}

/// A scan of a tree and what a sink made of each file's sites (see
/// [`scan_and_resolve_each`]).
pub struct ScannedEach<T> {
    pub scan: Scan,
    pub prepared: Prepared,
    /// One per file of the scan, in its order (by path).
    pub files: Vec<T>,
}

/// [`scan_and_resolve`], handing each file's sites (None when its body
/// could not be walked) to `sink` on the worker that walked it, as soon as
/// they are known, so that the sites of the whole tree are never held at
/// once: a whole-tree analysis keeps only what it makes of them. The sink
/// is called once per scanned file, in no particular order.
///
/// A directory's package is a unit of work: each of its files is read and
/// parsed, its declarations extracted (the scan's facts) and handed to the
/// universe's package, its bodies walked while its tree is still in cache,
/// and the tree dropped (see `run_unit`).
/// Units run in import order, in parallel once the tree packages they
/// import are done, so that resolution finds those packages' declarations
/// already known instead of parsing their files again; files of a
/// directory outside its package (external tests, `ignore` programs) are a
/// unit of their own that waits for the package and for what they import.
/// The order only saves work: a package that is not done yet is
/// loaded lazily as in [`resolve_tree`], with the same declarations. A
/// unit's files are parsed and walked in parallel too (a large package
/// would otherwise hold up its importers on one worker); a tree lives only
/// from its parse to its walk.
pub fn scan_and_resolve_each<H, T, W, M, S>(
    opts: &ScanOptions,
    toolchain: Toolchain,
    observer: &dyn ScanObserver,
    want: &W,
    make_hooks: &M,
    sink: &S,
) -> Result<ScannedEach<T>, ScanError>
where
    H: BodyHooks + Send,
    T: Send,
    W: Fn(&str) -> bool + Sync,
    M: Fn(&str) -> H + Sync,
    S: Fn(&SourceFile, Option<(SiteFile, H)>) -> T + Sync,
{
    let OpenTree {
        root,
        pool,
        go_files,
        modules,
        skipped: discovery_skipped,
    } = open_tree(opts)?;
    observer.discovered(go_files.len() as u64);
    let locations: BTreeMap<String, Arc<PackageLocation>> = locate_dirs(&modules, &go_files)
        .into_iter()
        .map(|(d, l)| (d.to_string(), l))
        .collect();
    let layout = TreeLayout::new(root.clone(), modules.clone(), go_files);
    let limit = opts.max_file_size;
    let universe = Universe::new(layout, toolchain, limit);
    let u = &universe;
    let checker = Checker::new(u);

    // Units: each directory's package, then the rest of its files.
    let dirs: Vec<&str> = u.tree.dirs.keys().map(|d| d.as_str()).collect();
    let dir_index: HashMap<&str, usize> = dirs.iter().enumerate().map(|(i, &d)| (d, i)).collect();
    let packages: Vec<Option<Arc<Package>>> =
        pool.install(|| dirs.par_iter().map(|d| u.tree_package(d)).collect());
    let (main_files, other_files): (Vec<Vec<&DiscoveredFile>>, Vec<Vec<&DiscoveredFile>>) = dirs
        .iter()
        .zip(&packages)
        .map(|(d, p)| {
            u.tree.dirs[*d].iter().partition(|f| {
                let name = f.path.rsplit('/').next().unwrap_or(&f.path);
                p.as_ref()
                    .is_some_and(|p| p.files.iter().any(|pf| pf.name == name))
            })
        })
        .unzip();
    // Unit `i < n` is directory i's package, unit `n + i` the rest of its
    // files, which wait for the package and for what they import.
    let n = dirs.len();
    let others: Vec<(Vec<&str>, usize)> = dirs.iter().map(|d| u.tree_other_imports(d)).collect();
    let mut imports: Vec<Vec<usize>> = packages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let Some(p) = p else { return Vec::new() };
            let mut out: BTreeSet<usize> = BTreeSet::new();
            for f in &p.files {
                for (_, path) in &f.decls.imports {
                    if let Some(&j) = u.tree_import_dir(p, path).and_then(|d| dir_index.get(d)) {
                        if j != i {
                            out.insert(j);
                        }
                    }
                }
            }
            out.into_iter().collect()
        })
        .collect();
    imports.extend(others.iter().enumerate().map(|(i, (dirs, _))| {
        let mut out: BTreeSet<usize> = dirs
            .iter()
            .filter_map(|d| dir_index.get(d).copied())
            .collect();
        out.insert(i);
        out.into_iter().collect()
    }));
    let deps = acyclic(&imports);

    let run = |dir: &str, files: &[&DiscoveredFile]| -> Vec<Outcome<T>> {
        run_unit(
            &checker,
            dir,
            files,
            &locations[dir],
            limit,
            observer,
            want,
            make_hooks,
            sink,
        )
    };
    let dependents = dependents_of(&deps);
    // Longest chains first: a unit's priority is its source size plus the
    // largest priority of a unit waiting for it, so that workers start on
    // the packages the most work waits behind (runtime, reflect, …) and
    // the end of the schedule is not one long chain on one worker.
    let weights: Vec<usize> = packages
        .iter()
        .map(|p| {
            p.as_ref()
                .map_or(1, |p| p.files.iter().map(|f| f.bytes).sum::<usize>().max(1))
        })
        .chain(others.iter().map(|(_, bytes)| (*bytes).max(1)))
        .collect();
    let priority = critical_paths(&dependents, &weights);
    let results = pool.install(|| {
        run_scheduled(&deps, &dependents, &priority, &|i: usize| {
            if i < n {
                run(dirs[i], &main_files[i])
            } else {
                run(dirs[i - n], &other_files[i - n])
            }
        })
    });
    let mut done = Vec::new();
    let mut skipped = discovery_skipped;
    let outcomes = results.into_iter().flatten().flatten();
    for o in outcomes {
        match o {
            Outcome::File(f, made) => done.push((*f, made)),
            Outcome::Skipped(s) => skipped.push(s),
        }
    }
    done.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let (files, made): (Vec<SourceFile>, Vec<T>) = done.into_iter().unzip();
    let scan = assemble_scan(root, modules, files, skipped, pool.current_num_threads());
    let prepared = Prepared {
        universe,
        skipped: scan.skipped.clone(),
        pool,
        max_file_size: limit,
    };
    Ok(ScannedEach {
        scan,
        prepared,
        files: made,
    })
}

/// The units that list each unit among their dependencies in `deps`.
fn dependents_of(deps: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); deps.len()];
    for (i, d) in deps.iter().enumerate() {
        for &j in d {
            dependents[j].push(i);
        }
    }
    dependents
}

/// Run every unit once, in the current pool, each after the units `deps`
/// lists for it (`dependents` is [`dependents_of`] them), the ready unit of
/// highest `priority` first. Results by unit: None only for a unit that
/// never ran, which `deps` without cycles rules out.
fn run_scheduled<T: Send>(
    deps: &[Vec<usize>],
    dependents: &[Vec<usize>],
    priority: &[usize],
    run: &(dyn Fn(usize) -> T + Sync),
) -> Vec<Option<T>> {
    let waiting: Vec<AtomicUsize> = deps.iter().map(|d| AtomicUsize::new(d.len())).collect();
    let results: Vec<Mutex<Option<T>>> = deps.iter().map(|_| Mutex::new(None)).collect();
    let schedule = Schedule {
        dependents,
        waiting: &waiting,
        priority,
        ready: Mutex::new(BinaryHeap::new()),
        results: &results,
        run,
    };
    rayon::scope_fifo(|s| {
        for i in (0..deps.len()).filter(|&i| deps[i].is_empty()) {
            schedule.spawn(s, i);
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

/// Units in import order: each is ready once the units it depends on are
/// done, and then waits among the ready units by priority.
struct Schedule<'a, T> {
    dependents: &'a [Vec<usize>],
    waiting: &'a [AtomicUsize],
    priority: &'a [usize],
    /// Ready units not yet started, highest priority first (ties by
    /// index): as many as there are spawned tasks not yet started.
    ready: Mutex<BinaryHeap<(usize, Reverse<usize>)>>,
    /// One slot per unit, written once by the unit's task: never contended.
    results: &'a [Mutex<Option<T>>],
    run: &'a (dyn Fn(usize) -> T + Sync),
}

impl<T: Send> Schedule<'_, T> {
    /// Make unit `i` ready and spawn a task for it. The task runs whichever
    /// ready unit has the highest priority when it starts, not necessarily
    /// `i`: tasks start in the order they were spawned, and a unit on the
    /// critical path made ready late would otherwise wait behind every
    /// lesser unit made ready before it (the compiler's `ssa`, the largest
    /// package of the stdlib, then started in the last seconds).
    fn spawn<'s>(&'s self, s: &rayon::ScopeFifo<'s>, i: usize) {
        lock(&self.ready).push((self.priority[i], Reverse(i)));
        s.spawn_fifo(move |s| {
            // One entry per task not yet started: never empty here.
            let Some((_, Reverse(i))) = lock(&self.ready).pop() else {
                return;
            };
            let out = (self.run)(i);
            *lock(&self.results[i]) = Some(out);
            for &d in &self.dependents[i] {
                if self.waiting[d].fetch_sub(1, Ordering::AcqRel) == 1 {
                    self.spawn(s, d);
                }
            }
        });
    }
}

/// The schedule's locks, poisoning ignored: a unit that panics does so
/// outside them, and the panic leaves the scope anyway.
fn lock<V>(m: &Mutex<V>) -> std::sync::MutexGuard<'_, V> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Each unit's weight plus the heaviest chain of units that wait for it
/// (`dependents` has no cycles).
fn critical_paths(dependents: &[Vec<usize>], weights: &[usize]) -> Vec<usize> {
    let mut out: Vec<Option<usize>> = vec![None; dependents.len()];
    for start in 0..dependents.len() {
        let mut stack = vec![start];
        while let Some(&v) = stack.last() {
            if out[v].is_some() {
                stack.pop();
                continue;
            }
            let pending: Vec<usize> = dependents[v]
                .iter()
                .copied()
                .filter(|&d| out[d].is_none())
                .collect();
            if pending.is_empty() {
                let longest = dependents[v].iter().filter_map(|&d| out[d]).max();
                out[v] = Some(weights[v].saturating_add(longest.unwrap_or(0)));
                stack.pop();
            } else {
                stack.extend(pending);
            }
        }
    }
    out.into_iter().map(|w| w.unwrap_or(0)).collect()
}

/// The import edges without those that close a cycle (a depth-first
/// search drops each edge back to a unit still on its stack), so that the
/// schedule never waits forever on a broken tree.
fn acyclic(imports: &[Vec<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; imports.len()];
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); imports.len()];
    for start in 0..imports.len() {
        if mark[start] != Mark::New {
            continue;
        }
        mark[start] = Mark::Open;
        let mut stack = vec![(start, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (v, next) = (top.0, top.1);
            if next == imports[v].len() {
                mark[v] = Mark::Done;
                stack.pop();
                continue;
            }
            top.1 += 1;
            let w = imports[v][next];
            match mark[w] {
                Mark::Open => {}
                Mark::Done => kept[v].push(w),
                Mark::New => {
                    kept[v].push(w);
                    mark[w] = Mark::Open;
                    stack.push((w, 0));
                }
            }
        }
    }
    kept
}

/// Read, parse and reduce a unit's files, give their declarations to their
/// packages, walk their bodies and hand each file's sites to `sink`.
///
/// Each file is walked right after it is parsed, while its syntax tree is
/// still in cache, and its tree dropped then: a unit no longer holds every
/// tree of a large package at once (the stdlib call graph's peak memory
/// fell by a quarter; its last-level cache misses by a third, though no
/// gain in time showed on a noisy VM). A walk that needs the declarations
/// of a sibling not parsed yet has the sibling parsed in full there and
/// then (see [`UnitFiles`]), which its scan needs anyway, and walks it
/// next. Every file is parsed once and walked once.
#[allow(clippy::too_many_arguments)]
fn run_unit<H, T, W, M, S>(
    checker: &Checker,
    dir: &str,
    files: &[&DiscoveredFile],
    location: &Arc<PackageLocation>,
    limit: u64,
    observer: &dyn ScanObserver,
    want: &W,
    make_hooks: &M,
    sink: &S,
) -> Vec<Outcome<T>>
where
    H: BodyHooks + Send,
    T: Send,
    W: Fn(&str) -> bool + Sync,
    M: Fn(&str) -> H + Sync,
    S: Fn(&SourceFile, Option<(SiteFile, H)>) -> T + Sync,
{
    let unit = UnitFiles {
        checker,
        dir,
        files,
        by_abs: files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.abs.as_path(), i))
            .collect(),
        location,
        limit,
        observer,
        parsed: files.iter().map(|_| OnceLock::new()).collect(),
        waiting: Mutex::new(Vec::new()),
    };
    let walk = |parsed: Parsed| -> Outcome<T> {
        let (src, tree, file) = match parsed {
            Ok(p) => p,
            Err(skipped) => return Outcome::Skipped(skipped),
        };
        let sites = tree.and_then(|tree| {
            let mut hooks = make_hooks(&file.path);
            let header = FileHeader {
                package: file.facts.package.as_deref(),
                generated: file.facts.generated,
            };
            resolve_parsed(
                checker,
                &file.path,
                tree.root_node(),
                &src,
                header,
                want,
                Some(&mut hooks),
            )
            .map(|f| (f, hooks))
        });
        let made = sink(&file, sites);
        Outcome::File(Box::new(file), made)
    };
    // Within a unit too, files are parsed and walked in parallel: a large
    // package (runtime, the compiler's ssa) would otherwise hold up every
    // package that imports it on one worker. They are handed out one at a
    // time, largest first (see `largest_first`): split into a few runs of
    // neighbouring files, as a plain parallel iterator does, a package
    // whose big generated files sort together (syscall's `zerrors_*`,
    // ssa's `rewrite*`) kept one worker busy with them while the other,
    // with nothing else ready, sat idle. A task whose file another walk
    // already parsed walks whatever parsed tree is waiting instead.
    let walked: Vec<Vec<Outcome<T>>> = largest_first(files, |f| &f.abs)
        .into_par_iter()
        .with_max_len(1)
        .map(|i| {
            let task = UnitTask {
                unit: &unit,
                parsed_here: RefCell::new(Vec::new()),
            };
            with_facts_provider(&task, || {
                unit.parse(i, &task.parsed_here);
                let mut out = Vec::new();
                loop {
                    // This task's own parses first, the latest first (the
                    // hottest tree), then any that another task left
                    // waiting.
                    let own = task.parsed_here.borrow_mut().pop();
                    let Some(j) = own.or_else(|| lock(&unit.waiting).pop()) else {
                        break;
                    };
                    let parsed = unit.parsed[j].get().and_then(|p| lock(p).take());
                    if let Some(parsed) = parsed {
                        out.push(walk(parsed));
                    }
                }
                out
            })
        })
        .collect();
    walked.into_iter().flatten().collect()
}

/// A file read and parsed, its scan done: its source, its tree (None when
/// tree-sitter gave none) and the scan's file; or why it was skipped.
type Parsed = Result<(Vec<u8>, Option<tree_sitter::Tree>, SourceFile), SkippedPath>;

/// The files of one unit, each parsed once by whichever task needs it
/// first: the task whose turn it is, or a walk that needs its declarations.
struct UnitFiles<'a> {
    checker: &'a Checker<'a>,
    dir: &'a str,
    files: &'a [&'a DiscoveredFile],
    by_abs: HashMap<&'a std::path::Path, usize>,
    location: &'a Arc<PackageLocation>,
    limit: u64,
    observer: &'a dyn ScanObserver,
    /// Each file once parsed (and its package's file seeded), until a
    /// task takes it to walk.
    parsed: Vec<OnceLock<Mutex<Option<Parsed>>>>,
    /// Every parsed file in the order parsed, for a task with nothing of
    /// its own left to walk (an entry whose file was walked is skipped).
    waiting: Mutex<Vec<usize>>,
}

impl UnitFiles<'_> {
    /// Parse file `i` unless it already was (waiting, if another task is
    /// parsing it, until it is done); a parse made here is pushed on `here`.
    fn parse(&self, i: usize, here: &RefCell<Vec<usize>>) {
        self.parsed[i].get_or_init(|| {
            let parsed = self.read_and_parse(self.files[i]);
            lock(&self.waiting).push(i);
            here.borrow_mut().push(i);
            Mutex::new(Some(parsed))
        });
    }

    /// Read, parse and scan one file and give its declarations to its
    /// package's file, so that resolution does not parse it again.
    fn read_and_parse(&self, f: &DiscoveredFile) -> Parsed {
        let src = read_source(&f.abs, self.limit);
        self.observer.file_done();
        let src = src.map_err(|reason| SkippedPath {
            path: f.path.clone(),
            reason,
        })?;
        let tree = parse_go(&src);
        let file = analyze_parsed(
            f.path.clone(),
            &src,
            tree.as_ref(),
            Arc::clone(self.location),
        );
        self.seed(&file);
        Ok((src, tree, file))
    }

    /// Hand a scanned file's declarations to the package its clause names.
    fn seed(&self, file: &SourceFile) {
        let Some(name) = file.facts.package.as_deref() else {
            return;
        };
        let Some(pkg) = self.checker.u.tree_package_named(self.dir, name) else {
            return;
        };
        let file_name = file.path.rsplit('/').next().unwrap_or(&file.path);
        if let Some(pf) = pkg.files.iter().find(|pf| pf.name == file_name) {
            pf.seed(Arc::clone(&file.facts));
        }
    }
}

/// One task of a unit: the files it parsed, to walk before anything else.
struct UnitTask<'a> {
    unit: &'a UnitFiles<'a>,
    parsed_here: RefCell<Vec<usize>>,
}

impl FactsProvider for UnitTask<'_> {
    fn provide(&self, abs: &std::path::Path) {
        if let Some(&i) = self.unit.by_abs.get(abs) {
            self.unit.parse(i, &self.parsed_here);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn critical_paths_add_the_heaviest_chain_of_dependents() {
        // 0 ← 1 ← 3, 0 ← 2 (1 and 2 import 0, 3 imports 1).
        let dependents = vec![vec![1, 2], vec![3], vec![], vec![]];
        let weights = vec![1, 10, 5, 100];
        assert_eq!(
            critical_paths(&dependents, &weights),
            vec![111, 110, 5, 100]
        );
    }

    #[test]
    fn acyclic_drops_the_edge_closing_a_cycle() {
        let imports = vec![vec![1], vec![0], vec![0]];
        assert_eq!(acyclic(&imports), vec![vec![1], vec![], vec![0]]);
    }

    /// Runs a schedule of units on `threads` workers; returns the order
    /// they ran in and each unit's result.
    fn run_schedule(
        deps: &[Vec<usize>],
        priority: &[usize],
        threads: usize,
    ) -> (Vec<usize>, Vec<Option<usize>>) {
        let order = Mutex::new(Vec::new());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        let results = pool.install(|| {
            run_scheduled(deps, &dependents_of(deps), priority, &|i: usize| {
                lock(&order).push(i);
                i * 10
            })
        });
        let order = lock(&order).clone();
        (order, results)
    }

    #[test]
    fn schedule_runs_each_unit_once_after_what_it_imports() {
        // 0 and 1 are roots; 2 imports 0; 3 imports 1 and 2; 4 imports 3.
        let deps = vec![vec![], vec![], vec![0], vec![1, 2], vec![3]];
        let priority = vec![5, 1, 4, 3, 2];
        for threads in [1, 2, 4] {
            let (order, results) = run_schedule(&deps, &priority, threads);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2, 3, 4], "{threads} threads: {order:?}");
            let at = |u: usize| order.iter().position(|&x| x == u);
            for (i, d) in deps.iter().enumerate() {
                for &j in d {
                    assert!(
                        at(j) < at(i),
                        "{threads} threads: {j} before {i} in {order:?}"
                    );
                }
            }
            let expected: Vec<Option<usize>> = (0..5).map(|i| Some(i * 10)).collect();
            assert_eq!(results, expected);
        }
    }

    #[test]
    fn schedule_starts_the_ready_unit_of_highest_priority() {
        // On one worker, 1 (low priority) is spawned before 2 becomes
        // ready, yet 2, on the critical path, runs first once 0 is done.
        let deps = vec![vec![], vec![], vec![0], vec![2]];
        let priority = vec![10, 1, 9, 8];
        let (order, _) = run_schedule(&deps, &priority, 1);
        assert_eq!(order, vec![0, 2, 3, 1]);
    }
}
