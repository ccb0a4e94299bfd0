//! The call graph: every function and method of the tree, every call and
//! function reference in their bodies, with its call site.
//!
//! What it finds: static calls (package functions, concrete methods,
//! method expressions); calls of interface methods, each kept as an edge
//! to the interface method and expanded by class-hierarchy analysis to
//! every concrete type of the tree whose method set (pointer receiver,
//! promoted through embedding) has the interface's methods (see [`cha`]);
//! function values taken (`reference` edges: a handler passed to a router,
//! a callback); entry points (see [`entries`]). Function literals belong
//! to the function that contains them; package-level initializers belong
//! to `pkg.init`. Functions are named as go/types' `Func.FullName()`
//! prints them.
//!
//! What it cannot do: a call through a function value (a variable, a
//! field, a parameter, a call's result) has no static callee: it is an edge
//! with mode `dynamic` and the reason, never a guess (a function literal
//! called in place is not one: its body is part of the enclosing
//! function's); a call whose receiver
//! or package cannot be determined is `unresolved` with the reason.
//! Interface expansion matches method names, not full signatures, and
//! considers only types declared in the tree: an implementation outside the
//! tree (a dependency's type) is not listed.

pub mod cha;
pub mod entries;
pub mod names;
pub mod query;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::sync::Arc;

use serde::Serialize;

use goseam_engine::resolve::check::{Callee, Checker};
use goseam_engine::resolve::pipeline::{
    resolve_tree, scan_and_resolve_each, ScannedEach, TreeSites,
};
use goseam_engine::resolve::query::Prepared;
use goseam_engine::resolve::query::SiteFile;
use goseam_engine::resolve::walk::{Site, SiteKind};
use goseam_engine::Scan;
use goseam_engine::SourceFile;

use crate::analysis::{AnalysisError, Analyzer, Pass};
use crate::register_analyzer;

pub use entries::{Entry, EntryKind};

/// Index of a function in [`CallGraph::functions`].
pub type FuncId = u32;

/// The analyzer.
pub struct CallGraphAnalyzer;

register_analyzer!(CallGraphAnalyzer);

impl Analyzer for CallGraphAnalyzer {
    type Result = CallGraph;
    const NAME: &'static str = "callgraph";
    const DOC: &'static str = "every call between the tree's functions, with interface calls expanded and entry points\n\n\
Lists every function and method of the tree (named as go/types' FullName), every call \
and function reference in their bodies with its file:line:column, interface calls with \
the concrete methods of the tree they can reach (class-hierarchy analysis), and entry \
points: main, init, HTTP handlers registered with net/http, gorilla/mux, chi, gin or \
echo, exported functions nothing in the tree calls, and tests. Calls through function \
values are edges without a callee (mode dynamic), with the reason; calls that cannot be \
resolved are listed as unresolved. Implementations outside the tree are not listed.";

    fn run(&self, pass: &Pass<'_>) -> Result<CallGraph, AnalysisError> {
        let prepared = pass.prepared()?;
        Ok(build(pass.scan, prepared))
    }
}

/// What a function node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    Func,
    Method,
    /// An interface's method: calls of it dispatch to implementations.
    InterfaceMethod,
    /// `pkg.init`: the package's `init` functions and variable
    /// initializers.
    Initializer,
}

/// A function or method: declared in the tree, or called from it.
#[derive(Debug, Clone, Serialize)]
pub struct Function {
    /// go/types `FullName()`: `pkg.F`, `(*pkg.T).M`, `(pkg.I).M`.
    pub name: String,
    /// Import path (`_test` suffix for external test packages), shared by
    /// the package's functions.
    pub package: Arc<str>,
    pub kind: FunctionKind,
    /// Declared in a file of the tree.
    pub in_tree: bool,
    /// Where it is declared (tree functions; the first `init` for
    /// initializers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    #[serde(skip_serializing_if = "is_zero")]
    pub line: u32,
    /// Declared in a `_test.go` file.
    pub test: bool,
}

/// For `skip_serializing_if`: a line or column that is not known.
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Whether an edge is a call or another use of a function as a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    Call,
    /// The function is used as a value (passed, stored, a method value):
    /// it may be called later through that value.
    Reference,
}

/// How an edge's callee is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A package function or concrete method: exactly this callee.
    Static,
    /// An interface method: any implementation (see
    /// [`CallGraph::implementations`]).
    Interface,
    /// A call through a function value: no static callee.
    Dynamic,
    /// The callee could not be determined.
    Unresolved,
}

/// One call or reference.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub caller: FuncId,
    /// None for dynamic and unresolved edges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callee: Option<FuncId>,
    pub kind: EdgeKind,
    pub mode: Mode,
    /// Why there is no callee, for the few edges without one: boxed, so
    /// that the graph's million static edges do not each carry room for
    /// it.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<Box<NoCallee>>,
}

/// Why a dynamic or unresolved edge has no callee.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct NoCallee {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For unresolved edges, the name called (`Send` in `x.Send()`): a call
    /// that may hide an edge to any function of that name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl NoCallee {
    fn of(reason: Option<String>, name: Option<String>) -> Option<Box<NoCallee>> {
        (reason.is_some() || name.is_some()).then(|| Box::new(NoCallee { reason, name }))
    }
}

impl Edge {
    /// What makes an edge distinct: its site, kind and callee (a site
    /// resolved twice to the same callee is one edge).
    #[allow(clippy::type_complexity)]
    fn site_key(&self) -> (&str, u32, u32, EdgeKind, Option<FuncId>, Mode, Option<&str>) {
        (
            &self.file,
            self.line,
            self.column,
            self.kind,
            self.callee,
            self.mode,
            self.reason(),
        )
    }

    /// Why a dynamic or unresolved edge has no callee.
    pub fn reason(&self) -> Option<&str> {
        self.unknown.as_ref()?.reason.as_deref()
    }

    /// For unresolved edges, the name called.
    pub fn name(&self) -> Option<&str> {
        self.unknown.as_ref()?.name.as_deref()
    }
}

/// Concrete methods that interface methods dispatch to. Interface methods
/// that require the same method names and the same signature reach the
/// same methods and share one set: a tree that declares the same small
/// interface in a thousand packages would otherwise hold a thousand copies
/// of a thousand-method list.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DispatchSet {
    /// Sorted by name.
    pub methods: Vec<FuncId>,
    /// The interfaces' method set could not be read completely: the
    /// expansion matched on the called method's name alone
    /// (over-approximates).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub by_name_only: bool,
}

/// The concrete methods an interface method dispatches to.
#[derive(Debug, Clone, Serialize)]
pub struct Implementations {
    pub interface_method: FuncId,
    /// Index into [`CallGraph::dispatch_sets`].
    pub dispatch_set: u32,
}

/// Counts, for summaries.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GraphStats {
    pub files: usize,
    pub functions_in_tree: usize,
    pub edges: usize,
    pub static_calls: usize,
    pub interface_calls: usize,
    pub dynamic_calls: usize,
    pub unresolved: usize,
    pub references: usize,
    /// Concrete callees of interface calls, summed over interface methods.
    pub dispatch_targets: usize,
    /// Distinct sets of them ([`CallGraph::dispatch_sets`]).
    pub dispatch_sets: usize,
}

/// The whole-tree call graph.
#[derive(Debug, Clone, Serialize)]
pub struct CallGraph {
    /// Sorted by name; a [`FuncId`] indexes this.
    pub functions: Vec<Function>,
    /// Sorted by file, line, column, callee name.
    pub edges: Vec<Edge>,
    /// Sorted by interface method name.
    pub implementations: Vec<Implementations>,
    /// What interface methods dispatch to, shared; sorted.
    pub dispatch_sets: Vec<DispatchSet>,
    /// Sorted by function name, kind, site.
    pub entries: Vec<Entry>,
    /// Files that could not be read.
    pub skipped: Vec<goseam_engine::discover::SkippedPath>,
    pub stats: GraphStats,
    #[serde(skip)]
    index: GraphIndex,
}

/// Adjacency, built once the graph is final.
#[derive(Debug, Clone, Default)]
struct GraphIndex {
    /// Edge indices by caller and by callee.
    out_edges: Lists,
    in_edges: Lists,
    /// The dispatch sets a concrete method is in.
    member_of: Lists,
    /// The interface methods that dispatch to each set.
    set_interfaces: Lists,
    /// The dispatch set of an interface method.
    dispatch: Vec<Option<u32>>,
    /// Entry indices by function.
    entries: Lists,
    /// Unresolved edges by the name they call.
    unresolved_by_name: HashMap<String, Vec<u32>>,
}

impl CallGraph {
    pub fn function(&self, id: FuncId) -> &Function {
        &self.functions[id as usize]
    }

    /// The function of a go/types full name (functions are sorted by their
    /// unique names: no second copy of every name in a map).
    pub fn id(&self, name: &str) -> Option<FuncId> {
        self.functions
            .binary_search_by(|f| f.name.as_str().cmp(name))
            .ok()
            .map(|i| i as FuncId)
    }

    /// Edges out of a function (its calls and references), by index.
    pub fn out_edges(&self, f: FuncId) -> impl Iterator<Item = &Edge> {
        self.index
            .out_edges
            .get(f)
            .iter()
            .map(|&e| &self.edges[e as usize])
    }

    /// Edges into a function (its call sites and references), by index.
    pub fn in_edges(&self, f: FuncId) -> impl Iterator<Item = &Edge> {
        self.index
            .in_edges
            .get(f)
            .iter()
            .map(|&e| &self.edges[e as usize])
    }

    /// The interface methods a concrete method implements (sorted).
    pub fn implemented(&self, f: FuncId) -> Vec<FuncId> {
        let mut out: Vec<FuncId> = self
            .index
            .member_of
            .get(f)
            .iter()
            .flat_map(|&s| self.index.set_interfaces.get(s).iter().copied())
            .collect();
        out.sort_unstable();
        out
    }

    /// The concrete methods an interface method dispatches to (sorted).
    pub fn dispatch_targets(&self, f: FuncId) -> &[FuncId] {
        self.dispatch_set_of(f).map_or(&[], |(_, s)| &s.methods)
    }

    /// The dispatch set of an interface method, and its number.
    pub fn dispatch_set_of(&self, f: FuncId) -> Option<(u32, &DispatchSet)> {
        self.index.dispatch[f as usize].map(|s| (s, &self.dispatch_sets[s as usize]))
    }

    /// Unresolved edges that call a name: calls that may reach any function
    /// so named.
    pub fn unresolved_calls_of(&self, name: &str) -> impl Iterator<Item = &Edge> {
        self.index
            .unresolved_by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&e| &self.edges[e as usize])
    }

    /// The entry points a function is.
    pub fn entries_of(&self, f: FuncId) -> impl Iterator<Item = &Entry> {
        self.index
            .entries
            .get(f)
            .iter()
            .map(|&e| &self.entries[e as usize])
    }

    fn build_index(&mut self) {
        let n = self.functions.len();
        let edges = || self.edges.iter().enumerate().map(|(i, e)| (e, i as u32));
        let mut unresolved_by_name: HashMap<String, Vec<u32>> = HashMap::new();
        for (e, i) in edges() {
            if let Some(name) = e.name() {
                unresolved_by_name
                    .entry(name.to_string())
                    .or_default()
                    .push(i);
            }
        }
        let mut dispatch = vec![None; n];
        for imp in &self.implementations {
            dispatch[imp.interface_method as usize] = Some(imp.dispatch_set);
        }
        let sets = || self.dispatch_sets.iter().zip(0u32..);
        self.index = GraphIndex {
            out_edges: Lists::build(n, || edges().map(|(e, i)| (e.caller, i))),
            in_edges: Lists::build(n, || edges().filter_map(|(e, i)| Some((e.callee?, i)))),
            member_of: Lists::build(n, || {
                sets().flat_map(|(set, i)| set.methods.iter().map(move |&m| (m, i)))
            }),
            set_interfaces: Lists::build(self.dispatch_sets.len(), || {
                self.implementations
                    .iter()
                    .map(|imp| (imp.dispatch_set, imp.interface_method))
            }),
            dispatch,
            entries: Lists::build(n, || {
                self.entries
                    .iter()
                    .zip(0u32..)
                    .map(|(e, i)| (e.function, i))
            }),
            unresolved_by_name,
        };
    }
}

/// Lists of numbers by a dense key, all in one allocation: a graph of a
/// million functions would otherwise hold a million small vectors per
/// direction.
#[derive(Debug, Clone, Default)]
struct Lists {
    /// Key `k`'s list is `items[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// Keys below `n`; each list in the order `pairs` yields it (it is
    /// walked twice: once to count, once to fill).
    fn build<I: Iterator<Item = (u32, u32)>>(n: usize, pairs: impl Fn() -> I) -> Lists {
        let mut starts = vec![0u32; n + 1];
        for (k, _) in pairs() {
            starts[k as usize + 1] += 1;
        }
        for k in 0..n {
            starts[k + 1] += starts[k];
        }
        let mut next: Vec<u32> = starts[..n].to_vec();
        let mut items = vec![0u32; starts[n] as usize];
        for (k, v) in pairs() {
            let at = &mut next[k as usize];
            items[*at as usize] = v;
            *at += 1;
        }
        Lists { starts, items }
    }

    fn get(&self, k: u32) -> &[u32] {
        let k = k as usize;
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Functions by name while the graph is built; ids are renumbered by name
/// at the end so that output never depends on discovery order.
///
/// Files may be added in any order (each as its walk finishes) and the
/// functions come out the same: a function declared in several files
/// (build-tagged variants) is described by the declaration in the first
/// file by path, and one the tree only names (a callee outside the tree,
/// `pkg.init` for initializers) by the first file by path that names it.
#[derive(Default)]
struct Registry {
    functions: Vec<Function>,
    /// Where each function's description comes from.
    origins: Vec<Origin>,
    /// Ids hashed by their function's name: the names are not copied.
    by_name: hashbrown::HashTable<FuncId>,
    /// foldhash, not SipHash: every call site looks up its callee.
    hasher: hashbrown::DefaultHashBuilder,
    packages: names::Interner,
}

/// Where a registered function's description comes from.
enum Origin {
    /// A declaration in the tree (the function's `file`).
    Declared,
    /// A site of this file named it (None: named after every file was
    /// added, by the class-hierarchy analysis or an entry point).
    Named(Option<Arc<str>>),
}

impl Registry {
    /// One shared copy of an import path.
    fn package(&mut self, path: &str) -> Arc<str> {
        self.packages.get(path)
    }

    fn reserve(&mut self, n: usize) {
        self.functions.reserve(n);
        self.origins.reserve(n);
        let (functions, hasher) = (&self.functions, &self.hasher);
        self.by_name.reserve(n, |&id| {
            hasher.hash_one(functions[id as usize].name.as_str())
        });
    }

    fn get(&self, name: &str) -> Option<FuncId> {
        let hash = self.hasher.hash_one(name);
        self.by_name
            .find(hash, |&id| self.functions[id as usize].name == name)
            .copied()
    }

    /// Register `name` from `origin`: the id, and whether `make` should
    /// (re)describe it — when it is new, or when `origin` comes before the
    /// description's (a declaration before any naming, then by file path).
    fn register(&mut self, name: &str, origin: &Origin) -> (FuncId, bool) {
        let hash = self.hasher.hash_one(name);
        let (functions, hasher) = (&self.functions, &self.hasher);
        match self.by_name.entry(
            hash,
            |&id| functions[id as usize].name == name,
            |&id| hasher.hash_one(functions[id as usize].name.as_str()),
        ) {
            hashbrown::hash_table::Entry::Occupied(e) => {
                let id = *e.get();
                let first = match (origin, &self.origins[id as usize]) {
                    (Origin::Declared, Origin::Declared) => {
                        // Both carry their file.
                        false
                    }
                    (Origin::Declared, Origin::Named(_)) => true,
                    (Origin::Named(_), Origin::Declared) => false,
                    (Origin::Named(new), Origin::Named(old)) => {
                        matches!((new, old), (Some(new), Some(old)) if new < old)
                    }
                };
                (id, first)
            }
            hashbrown::hash_table::Entry::Vacant(e) => {
                // The id is in the table before its function is: the
                // caller describes it next, with no lookup in between.
                let id = self.functions.len() as FuncId;
                e.insert(id);
                (id, true)
            }
        }
    }

    /// Describe function `id` (just registered, or registered again from an
    /// earlier origin).
    fn describe(&mut self, id: FuncId, f: Function, origin: Origin) {
        let i = id as usize;
        if i == self.functions.len() {
            // Grown by an eighth, not doubled: the tree's declarations
            // are reserved up front and callees outside the tree add few
            // more, so doubling would leave most of it unused.
            if self.functions.len() == self.functions.capacity() {
                let more = self.functions.len() / 8 + 64;
                self.functions.reserve_exact(more);
                self.origins.reserve_exact(more);
            }
            self.functions.push(f);
            self.origins.push(origin);
        } else {
            self.functions[i] = f;
            self.origins[i] = origin;
        }
    }

    /// A function the tree declares in `file`; of two declarations, the
    /// one in the first file by path describes it.
    fn declare(&mut self, f: Function) -> FuncId {
        let (id, new) = self.register(&f.name, &Origin::Declared);
        let earlier = !new
            && matches!(self.origins[id as usize], Origin::Declared)
            && f.file < self.functions[id as usize].file;
        if new || earlier {
            self.describe(id, f, Origin::Declared);
        }
        id
    }

    /// A function named by a site of `file` (None: after every file).
    fn named(
        &mut self,
        name: &str,
        file: Option<&Arc<str>>,
        make: impl FnOnce() -> Function,
    ) -> FuncId {
        let origin = Origin::Named(file.cloned());
        let (id, describe) = self.register(name, &origin);
        if describe {
            self.describe(id, make(), origin);
        }
        id
    }
}

/// The functions a file declares, so that every function has a node even
/// when nothing calls it and it calls nothing.
fn declare_file_functions(reg: &mut Registry, file: &SourceFile) {
    let package = reg.package(&names::file_package(file));
    let path: Arc<str> = Arc::from(file.path.as_str());
    for d in &file.facts.funcs {
        if d.name == "_" {
            continue;
        }
        let (name, kind) = match &d.receiver {
            Some(r) => (
                names::method_name(&package, &r.type_name, r.pointer, &r.type_params, &d.name),
                FunctionKind::Method,
            ),
            None => (
                names::func_name(&package, &d.name),
                match d.name.as_str() {
                    "init" => FunctionKind::Initializer,
                    _ => FunctionKind::Func,
                },
            ),
        };
        reg.declare(Function {
            name,
            package: Arc::clone(&package),
            kind,
            in_tree: true,
            file: Some(Arc::clone(&path)),
            line: d.position.line,
            test: file.test,
        });
    }
}

/// The node of a callee, added (as outside the tree) if the tree does not
/// declare it.
fn callee_node(reg: &mut Registry, callee: &Callee) -> Option<FuncId> {
    callee_node_in(reg, callee, None)
}

/// [`callee_node`] for a site of `file`.
fn callee_node_in(reg: &mut Registry, callee: &Callee, file: Option<&Arc<str>>) -> Option<FuncId> {
    let (name, package, kind) = match callee {
        Callee::Func { pkg, name, .. } => (
            names::func_name(names::strip_vendor(pkg), name),
            pkg,
            FunctionKind::Func,
        ),
        Callee::Method {
            pkg,
            type_name,
            type_params,
            pointer,
            name,
        } => (
            names::method_name(
                names::strip_vendor(pkg),
                type_name,
                *pointer,
                type_params,
                name,
            ),
            pkg,
            FunctionKind::Method,
        ),
        Callee::Interface {
            pkg,
            type_name,
            name,
        } => (
            names::interface_method_name(names::strip_vendor(pkg), type_name, name),
            pkg,
            FunctionKind::InterfaceMethod,
        ),
        _ => return None,
    };
    let package = reg.package(names::strip_vendor(package));
    Some(reg.named(&name, file, || Function {
        name: name.clone(),
        package,
        kind,
        in_tree: false,
        file: None,
        line: 0,
        test: false,
    }))
}

/// Build the call graph of a scanned tree.
pub fn build(scan: &Scan, prepared: &Prepared) -> CallGraph {
    let sites = resolve_tree(prepared, &wants_site, &site_hooks);
    build_from_sites(scan, prepared, sites)
}

/// Which sites the call graph resolves: all of them.
pub fn wants_site(_: &str) -> bool {
    true
}

/// The hooks the call graph runs over each file (handler registrations).
pub fn site_hooks(_: &str) -> entries::RegistrationHooks {
    entries::RegistrationHooks::default()
}

/// Scan a tree and build its call graph, parsing each file once
/// ([`scan_and_resolve_each`]): the same scan as `goseam_engine::scan` and
/// the same graph as [`build`] over it. Each file's sites become edges on
/// the worker that walked it, so the sites of the whole tree are never held
/// at once.
pub fn scan_and_build(
    opts: &goseam_engine::ScanOptions,
    toolchain: goseam_engine::resolve::universe::Toolchain,
    observer: &dyn goseam_engine::ScanObserver,
) -> Result<(Scan, Prepared, CallGraph), goseam_engine::ScanError> {
    let registry = std::sync::Mutex::new(Registry::default());
    let add = |file: &SourceFile, sites: Option<(SiteFile, entries::RegistrationHooks)>| {
        // One lock per file: turning a file's sites into edges is quick
        // beside walking it.
        let mut reg = registry.lock().unwrap_or_else(|e| e.into_inner());
        declare_file_functions(&mut reg, file);
        let params = names::ReceiverParams::of_file(file);
        sites.map(|(sites, hooks)| file_edges(&mut reg, sites, hooks, &params))
    };
    let ScannedEach {
        scan,
        prepared,
        files,
    } = scan_and_resolve_each(opts, toolchain, observer, &wants_site, &site_hooks, &add)?;
    let reg = registry.into_inner().unwrap_or_else(|e| e.into_inner());
    let graph = finish(
        &scan,
        &prepared,
        reg,
        files.into_iter().flatten().collect(),
        Vec::new(),
    );
    Ok((scan, prepared, graph))
}

/// The call graph from the resolved sites of every file of the tree
/// ([`resolve_tree`] or [`scan_and_resolve`] with [`wants_site`] and
/// [`site_hooks`]).
pub fn build_from_sites(
    scan: &Scan,
    prepared: &Prepared,
    sites: TreeSites<entries::RegistrationHooks>,
) -> CallGraph {
    let mut reg = Registry::default();
    reg.reserve(scan.files.iter().map(|f| f.facts.funcs.len()).sum());
    for file in &scan.files {
        declare_file_functions(&mut reg, file);
    }
    let TreeSites {
        files: site_files,
        skipped,
    } = sites;
    let mut edges = Vec::with_capacity(site_files.len());
    for (sites, hooks) in site_files {
        let params = names::ReceiverParams::of_path(scan, &sites.path);
        edges.push(file_edges(&mut reg, sites, hooks, &params));
    }
    finish(scan, prepared, reg, edges, skipped)
}

/// What a file adds to the graph.
struct FileEdges {
    edges: Vec<Edge>,
    registrations: Vec<(Arc<str>, entries::Registration)>,
}

/// A file's sites as edges (consumed: a file's sites are freed as its
/// edges are made).
fn file_edges(
    reg: &mut Registry,
    file: SiteFile,
    hooks: entries::RegistrationHooks,
    receiver_params: &names::ReceiverParams,
) -> FileEdges {
    let path: Arc<str> = Arc::from(file.path.as_str());
    let mut edges = Vec::with_capacity(file.sites.len());
    // A file's sites come in order, so consecutive sites mostly share
    // their enclosing function.
    let mut last_caller: Option<(String, FuncId)> = None;
    for site in file.sites.into_iter().filter(in_call_graph) {
        let Site {
            position,
            kind,
            name,
            callee,
            function,
        } = site;
        let caller = match &last_caller {
            Some((f, id)) if *f == function => *id,
            _ => {
                let id = caller_node(
                    reg,
                    &file.package,
                    &function,
                    receiver_params,
                    &path,
                    file.test,
                );
                last_caller = Some((function, id));
                id
            }
        };
        let (callee, mode, reason) = edge_callee(reg, callee, &path);
        edges.push(Edge {
            file: Arc::clone(&path),
            line: position.line,
            column: position.column,
            caller,
            callee,
            kind: match kind {
                SiteKind::Call => EdgeKind::Call,
                SiteKind::Reference => EdgeKind::Reference,
            },
            mode,
            unknown: NoCallee::of(
                reason,
                (mode == Mode::Unresolved && !name.is_empty()).then_some(name),
            ),
        });
    }
    edges.shrink_to_fit();
    let registrations = hooks
        .found
        .into_iter()
        .map(|r| (Arc::clone(&path), r))
        .collect();
    FileEdges {
        edges,
        registrations,
    }
}

/// The graph from every file's edges (in file order): interface calls
/// expanded, entry points found, functions numbered by name, everything
/// sorted.
fn finish(
    scan: &Scan,
    prepared: &Prepared,
    mut reg: Registry,
    files: Vec<FileEdges>,
    skipped: Vec<goseam_engine::discover::SkippedPath>,
) -> CallGraph {
    let checker = Checker::new(&prepared.universe);

    // Class-hierarchy analysis of the interface methods called (before
    // the files' edges are put together: what it frees is then reused).
    let called_interfaces: BTreeSet<FuncId> = files
        .iter()
        .flat_map(|f| &f.edges)
        .filter(|e| e.mode == Mode::Interface)
        .filter_map(|e| e.callee)
        .collect();
    // Interface methods with their dispatch sets, numbered in order of
    // first use here; an interface method can never be in its own set
    // (the tree's types expanded to are not interfaces).
    let mut implementations: Vec<(FuncId, u32)> = Vec::new();
    let mut sets: Vec<DispatchSet> = Vec::new();
    let mut expander = cha::Expander::new(&checker, cha::TreeTypes::collect(scan, &checker));
    // The dispatch set of each expansion, by its number.
    let mut set_of_expansion: Vec<Option<u32>> = Vec::new();
    // Two expansions can find the same methods.
    let mut set_by_content: HashMap<DispatchSet, u32> = HashMap::new();
    for iface in called_interfaces {
        let name = reg.functions[iface as usize].name.clone();
        let Some((n, expansion)) = expander.expand(&name) else {
            continue;
        };
        if let Some(expansion) = expansion {
            let mut methods: Vec<FuncId> = expansion
                .methods
                .iter()
                .filter_map(|c| callee_node(&mut reg, c))
                .collect();
            methods.sort_unstable();
            methods.dedup();
            let set = (!methods.is_empty()).then(|| {
                let set = DispatchSet {
                    methods,
                    by_name_only: expansion.by_name_only,
                };
                *set_by_content.entry(set.clone()).or_insert_with(|| {
                    sets.push(set);
                    sets.len() as u32 - 1
                })
            });
            debug_assert_eq!(set_of_expansion.len(), n);
            set_of_expansion.push(set);
        }
        if let Some(set) = set_of_expansion[n] {
            implementations.push((iface, set));
        }
    }
    // The expansions' method sets and memos are not needed past here.
    drop((set_by_content, set_of_expansion, expander));

    let mut edges: Vec<Edge> = Vec::with_capacity(files.iter().map(|f| f.edges.len()).sum());
    let mut registrations = Vec::new();
    let mut stats = GraphStats {
        files: files.len(),
        ..GraphStats::default()
    };
    for f in files {
        edges.extend(f.edges);
        registrations.extend(f.registrations);
    }

    let entries = entries::collect(scan, &mut reg, &edges, &sets, registrations);

    // Renumber by name.
    let mut order: Vec<FuncId> = (0..reg.functions.len() as FuncId).collect();
    order.sort_by(|&a, &b| {
        reg.functions[a as usize]
            .name
            .cmp(&reg.functions[b as usize].name)
    });
    let mut renumber = vec![0 as FuncId; order.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old as usize] = new as FuncId;
    }
    let r = |id: FuncId| renumber[id as usize];
    // Moved, not cloned: the registry's name map goes first.
    let mut slots: Vec<Option<Function>> = reg.functions.into_iter().map(Some).collect();
    let functions: Vec<Function> = order
        .iter()
        .filter_map(|&old| slots[old as usize].take())
        .collect();
    drop(slots);
    for e in &mut edges {
        e.caller = r(e.caller);
        e.callee = e.callee.map(r);
    }
    // Every field is in the order, so the unstable sort (which needs no
    // copy of the edges) is deterministic.
    edges.sort_unstable_by(|a, b| {
        (a.site_key(), a.caller, a.name()).cmp(&(b.site_key(), b.caller, b.name()))
    });
    edges.dedup_by(|a, b| a.site_key() == b.site_key());
    // Sets renumbered, sorted, numbered in that order.
    for set in &mut sets {
        for m in &mut set.methods {
            *m = r(*m);
        }
        set.methods.sort_unstable();
    }
    let mut set_order: Vec<u32> = (0..sets.len() as u32).collect();
    set_order.sort_by(|&a, &b| sets[a as usize].cmp(&sets[b as usize]));
    let mut set_number = vec![0u32; sets.len()];
    for (new, &old) in set_order.iter().enumerate() {
        set_number[old as usize] = new as u32;
    }
    let dispatch_sets: Vec<DispatchSet> = set_order
        .iter()
        .map(|&old| std::mem::take(&mut sets[old as usize]))
        .collect();
    let mut implementations: Vec<Implementations> = implementations
        .into_iter()
        .map(|(iface, set)| Implementations {
            interface_method: r(iface),
            dispatch_set: set_number[set as usize],
        })
        .collect();
    implementations.sort_by_key(|i| i.interface_method);
    let mut entries: Vec<Entry> = entries
        .into_iter()
        .map(|mut e| {
            e.function = r(e.function);
            e
        })
        .collect();
    entries.sort();
    entries.dedup();

    for e in &edges {
        match (e.kind, e.mode) {
            (EdgeKind::Reference, _) => stats.references += 1,
            (_, Mode::Static) => stats.static_calls += 1,
            (_, Mode::Interface) => stats.interface_calls += 1,
            (_, Mode::Dynamic) => stats.dynamic_calls += 1,
            (_, Mode::Unresolved) => stats.unresolved += 1,
        }
    }
    stats.edges = edges.len();
    stats.functions_in_tree = functions.iter().filter(|f| f.in_tree).count();
    stats.dispatch_targets = implementations
        .iter()
        .map(|i| dispatch_sets[i.dispatch_set as usize].methods.len())
        .sum();
    stats.dispatch_sets = dispatch_sets.len();
    let mut graph = CallGraph {
        functions,
        edges,
        implementations,
        dispatch_sets,
        entries,
        skipped,
        stats,
        index: GraphIndex::default(),
    };
    graph.build_index();
    graph
}

/// The node of the function a site is in (closures belong to their
/// enclosing function; package initialization to `pkg.init`).
fn caller_node(
    reg: &mut Registry,
    package: &str,
    function: &str,
    params: &names::ReceiverParams,
    file: &Arc<str>,
    test: bool,
) -> FuncId {
    let name = names::enclosing_full_name(package, function, params);
    let kind = if name.ends_with(".init") && !name.starts_with('(') {
        FunctionKind::Initializer
    } else if name.starts_with('(') {
        FunctionKind::Method
    } else {
        FunctionKind::Func
    };
    let package = reg.package(package);
    reg.named(&name, Some(file), || Function {
        name: name.clone(),
        package,
        kind,
        in_tree: true,
        file: Some(Arc::clone(file)),
        line: 0,
        test,
    })
}

/// Whether a resolved site is an edge: uses of the blank identifier are not
/// function references, and `unsafe`'s functions are builtins and
/// conversions (`unsafe.Pointer(p)`, `unsafe.Sizeof(x)`), not calls.
fn in_call_graph(site: &Site) -> bool {
    site.name != "_" && !matches!(&site.callee, Callee::Func { pkg, .. } if pkg == "unsafe")
}

/// An edge's callee, how it is known, and why not when it is not.
fn edge_callee(
    reg: &mut Registry,
    callee: Callee,
    file: &Arc<str>,
) -> (Option<FuncId>, Mode, Option<String>) {
    let mode = match &callee {
        Callee::Func { .. } | Callee::Method { .. } => Mode::Static,
        Callee::Interface { .. } => Mode::Interface,
        Callee::Opaque {
            pkg,
            type_name,
            name,
        } => {
            let reason =
                format!("{name} of {pkg}.{type_name}: the package's source is not available");
            return (None, Mode::Unresolved, Some(reason));
        }
        Callee::Dynamic { .. } => Mode::Dynamic,
        Callee::Unresolved { .. } => Mode::Unresolved,
    };
    match callee {
        Callee::Dynamic { reason } | Callee::Unresolved { reason } => (None, mode, Some(reason)),
        callee => (callee_node_in(reg, &callee, Some(file)), mode, None),
    }
}

/// Names of the functions of a graph, for printing.
pub fn function_names(graph: &CallGraph) -> BTreeMap<FuncId, &str> {
    graph
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| (i as FuncId, f.name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One way a file can register a function.
    #[derive(Clone)]
    enum Event {
        Declare(&'static str, &'static str, u32),
        Named(&'static str, Option<&'static str>),
    }

    fn apply(reg: &mut Registry, e: &Event) {
        match e {
            Event::Declare(name, file, line) => {
                reg.declare(Function {
                    name: name.to_string(),
                    package: Arc::from("p"),
                    kind: FunctionKind::Func,
                    in_tree: true,
                    file: Some(Arc::from(*file)),
                    line: *line,
                    test: false,
                });
            }
            Event::Named(name, file) => {
                let file: Option<Arc<str>> = file.map(Arc::from);
                reg.named(name, file.as_ref(), || Function {
                    name: name.to_string(),
                    package: Arc::from("p"),
                    kind: FunctionKind::Func,
                    in_tree: file.is_some(),
                    file: file.clone(),
                    line: 0,
                    test: false,
                });
            }
        }
    }

    fn described(reg: &Registry) -> Vec<(String, Option<String>, u32, bool)> {
        let mut out: Vec<_> = reg
            .functions
            .iter()
            .map(|f| {
                (
                    f.name.clone(),
                    f.file.as_deref().map(str::to_string),
                    f.line,
                    f.in_tree,
                )
            })
            .collect();
        out.sort();
        out
    }

    /// Files are added as their walks finish: every order of the same
    /// registrations describes the functions alike.
    #[test]
    fn the_registry_describes_functions_alike_in_any_order() {
        let events = [
            Event::Declare("p.F", "b.go", 5),
            Event::Declare("p.F", "a.go", 3),
            Event::Named("p.F", Some("0.go")),
            Event::Named("p.G", Some("b.go")),
            Event::Named("p.G", Some("a.go")),
            Event::Named("p.H", Some("c.go")),
        ];
        let mut expected = Registry::default();
        // File order: what the serial build does.
        for i in [1, 2, 0, 4, 3, 5] {
            apply(&mut expected, &events[i]);
        }
        let expected = described(&expected);
        assert_eq!(
            expected,
            vec![
                ("p.F".to_string(), Some("a.go".to_string()), 3, true),
                ("p.G".to_string(), Some("a.go".to_string()), 0, true),
                ("p.H".to_string(), Some("c.go".to_string()), 0, true),
            ]
        );
        // Every permutation of the six events (Heap's algorithm).
        let mut order: Vec<usize> = (0..events.len()).collect();
        let mut c = vec![0usize; order.len()];
        let check = |order: &[usize]| {
            let mut reg = Registry::default();
            for &i in order {
                apply(&mut reg, &events[i]);
            }
            assert_eq!(described(&reg), expected, "order {order:?}");
            for (i, f) in reg.functions.iter().enumerate() {
                assert_eq!(reg.get(&f.name), Some(i as FuncId));
            }
        };
        check(&order);
        let mut i = 0;
        while i < order.len() {
            if c[i] < i {
                order.swap(if i % 2 == 0 { 0 } else { c[i] }, i);
                check(&order);
                c[i] += 1;
                i = 0;
            } else {
                c[i] = 0;
                i += 1;
            }
        }
    }
}
