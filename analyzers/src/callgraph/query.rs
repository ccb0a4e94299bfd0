//! Queries over the call graph: the callers or callees of functions to a
//! depth, as a deduplicated subgraph (each function once, each edge once:
//! never an exponential list of paths), cycle-safe, with the entry points
//! reached and a few example paths.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

use serde::Serialize;

use super::{is_zero, CallGraph, Edge, EdgeKind, EntryKind, FuncId, Mode};

/// How a query walks the graph.
#[derive(Debug, Clone, Copy)]
pub struct Walk {
    /// Functions at most this many calls away are included.
    pub depth: u32,
    /// Walk through functions declared in `_test.go` files, and count tests
    /// as entry points.
    pub include_tests: bool,
    /// Example paths to keep (callers: one per entry point, shortest first).
    pub examples: usize,
}

impl Default for Walk {
    fn default() -> Self {
        Walk {
            depth: 16,
            include_tests: false,
            examples: 5,
        }
    }
}

/// How a subgraph edge's callee is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// A direct call.
    Call,
    /// A call of an interface method that may dispatch to the callee
    /// (class-hierarchy analysis: a possible route, not a certain one).
    Interface,
    /// The callee is used as a function value there; the call through the
    /// value is not statically known.
    FunctionValue,
    /// A call through a function value or that could not be resolved (the
    /// callee is unknown).
    Unknown,
}

/// One edge of a subgraph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SubEdge {
    pub caller: FuncId,
    /// None for a call whose callee is unknown (callees queries).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callee: Option<FuncId>,
    pub route: Route,
    /// For `interface` routes: the interface method called.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interface: Option<FuncId>,
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A function in a subgraph, with its distance from the query's functions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SubNode {
    pub depth: u32,
    pub function: FuncId,
}

/// An entry point reached.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Reached {
    pub function: FuncId,
    pub depth: u32,
    pub kinds: Vec<EntryKind>,
}

/// What a callers or callees query finds.
#[derive(Debug, Clone, Serialize)]
pub struct Subgraph {
    pub roots: Vec<FuncId>,
    /// Sorted by depth, then id (ids are sorted by name).
    pub nodes: Vec<SubNode>,
    /// Sorted by caller, callee, site.
    pub edges: Vec<SubEdge>,
    /// Some function at the depth limit has edges beyond it.
    pub truncated: bool,
    /// Callers queries: the entry points reached, by depth then id.
    pub entries: Vec<Reached>,
    /// Callers queries: functions reached that nothing in the tree calls
    /// and that are not entry points (dead code, or called through a
    /// function value or from outside the tree).
    pub without_callers: Vec<FuncId>,
    /// Callers queries: unresolved calls elsewhere in the tree whose called
    /// name is that of a function in the subgraph: each may be a further
    /// caller.
    pub unresolved_same_name: Vec<SubEdge>,
    /// Callers queries: up to [`Walk::examples`] paths from an entry point
    /// to a root, shortest first, each a list of edges in call order.
    pub examples: Vec<Vec<SubEdge>>,
}

impl Route {
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Call => "call",
            Route::Interface => "interface",
            Route::FunctionValue => "function_value",
            Route::Unknown => "unknown",
        }
    }
}

impl Subgraph {
    /// The routes the subgraph's edges take.
    pub fn routes(&self) -> BTreeSet<Route> {
        self.edges.iter().map(|e| e.route).collect()
    }
}

fn sub_edge(e: &Edge, callee: Option<FuncId>, route: Route, interface: Option<FuncId>) -> SubEdge {
    SubEdge {
        caller: e.caller,
        callee,
        route,
        interface,
        file: Arc::clone(&e.file),
        line: e.line,
        column: e.column,
        reason: e.reason().map(str::to_string),
    }
}

/// The edges that reach `f` directly: its calls and references, and calls
/// of the interface methods it implements.
fn incoming(graph: &CallGraph, f: FuncId) -> Vec<SubEdge> {
    let mut out = Vec::new();
    for e in graph.in_edges(f) {
        let route = match (e.kind, e.mode) {
            (EdgeKind::Reference, _) => Route::FunctionValue,
            (_, Mode::Interface) => Route::Interface,
            _ => Route::Call,
        };
        let interface = (route == Route::Interface).then_some(f);
        out.push(sub_edge(e, Some(f), route, interface));
    }
    for iface in graph.implemented(f) {
        for e in graph.in_edges(iface) {
            let route = match e.kind {
                EdgeKind::Reference => Route::FunctionValue,
                EdgeKind::Call => Route::Interface,
            };
            out.push(sub_edge(e, Some(f), route, Some(iface)));
        }
    }
    out
}

/// The edges out of `f`: its calls (interface calls once per
/// implementation, and to the interface method) and references.
fn outgoing(graph: &CallGraph, f: FuncId) -> Vec<SubEdge> {
    let mut out = Vec::new();
    for e in graph.out_edges(f) {
        match (e.kind, e.mode, e.callee) {
            (EdgeKind::Reference, _, Some(c)) => {
                out.push(sub_edge(e, Some(c), Route::FunctionValue, None))
            }
            (_, Mode::Interface, Some(iface)) => {
                out.push(sub_edge(e, Some(iface), Route::Interface, Some(iface)));
                for &m in graph.dispatch_targets(iface) {
                    out.push(sub_edge(e, Some(m), Route::Interface, Some(iface)));
                }
            }
            (_, Mode::Static, Some(c)) => out.push(sub_edge(e, Some(c), Route::Call, None)),
            _ => out.push(sub_edge(e, None, Route::Unknown, None)),
        }
    }
    out
}

fn walkable(graph: &CallGraph, f: FuncId, walk: &Walk) -> bool {
    walk.include_tests || !graph.function(f).test
}

/// Breadth-first from `roots` along `step`, to `walk.depth`.
fn explore(
    graph: &CallGraph,
    roots: &[FuncId],
    walk: &Walk,
    step: impl Fn(&CallGraph, FuncId) -> Vec<SubEdge>,
    upward: bool,
) -> (Subgraph, BTreeMap<FuncId, u32>, BTreeMap<FuncId, SubEdge>) {
    let mut depth_of: BTreeMap<FuncId, u32> = BTreeMap::new();
    // The first edge that reached each function (a shortest path back).
    let mut parent: BTreeMap<FuncId, SubEdge> = BTreeMap::new();
    let mut edges: BTreeSet<SubEdge> = BTreeSet::new();
    let mut queue: VecDeque<FuncId> = VecDeque::new();
    let mut truncated = false;
    let mut roots: Vec<FuncId> = roots.to_vec();
    roots.sort_unstable();
    roots.dedup();
    for &r in &roots {
        depth_of.insert(r, 0);
        queue.push_back(r);
    }
    while let Some(f) = queue.pop_front() {
        let d = depth_of[&f];
        let mut next = step(graph, f);
        next.sort();
        for e in next {
            let other = if upward { Some(e.caller) } else { e.callee };
            if let Some(o) = other {
                if !walkable(graph, o, walk) {
                    continue;
                }
            }
            if d >= walk.depth {
                truncated = true;
                break;
            }
            if let Some(o) = other {
                if let std::collections::btree_map::Entry::Vacant(slot) = depth_of.entry(o) {
                    slot.insert(d + 1);
                    parent.insert(o, e.clone());
                    queue.push_back(o);
                }
            }
            edges.insert(e);
        }
    }
    let mut nodes: Vec<SubNode> = depth_of
        .iter()
        .map(|(&function, &depth)| SubNode { depth, function })
        .collect();
    nodes.sort();
    let sub = Subgraph {
        roots,
        nodes,
        edges: edges.into_iter().collect(),
        truncated,
        entries: Vec::new(),
        without_callers: Vec::new(),
        unresolved_same_name: Vec::new(),
        examples: Vec::new(),
    };
    (sub, depth_of, parent)
}

/// Everything that calls (or references, or may dispatch to) `roots`, up to
/// `walk.depth` calls away, with the entry points reached.
pub fn callers(graph: &CallGraph, roots: &[FuncId], walk: &Walk) -> Subgraph {
    let (mut sub, depth_of, parent) = explore(graph, roots, walk, incoming, true);
    let mut with_callers: BTreeSet<FuncId> = BTreeSet::new();
    for e in &sub.edges {
        with_callers.insert(e.callee.expect("callers edges have callees"));
    }
    for n in &sub.nodes {
        let kinds: Vec<EntryKind> = {
            let mut k: Vec<EntryKind> = graph
                .entries_of(n.function)
                .map(|e| e.kind)
                .filter(|&k| walk.include_tests || k != EntryKind::Test)
                .collect();
            k.sort();
            k.dedup();
            k
        };
        if !kinds.is_empty() {
            sub.entries.push(Reached {
                function: n.function,
                depth: n.depth,
                kinds,
            });
        } else if !with_callers.contains(&n.function) && n.depth < walk.depth {
            sub.without_callers.push(n.function);
        }
        let name = simple_name(&graph.function(n.function).name);
        for e in graph.unresolved_calls_of(name) {
            if walkable(graph, e.caller, walk) {
                sub.unresolved_same_name
                    .push(sub_edge(e, Some(n.function), Route::Unknown, None));
            }
        }
    }
    sub.entries.sort_by_key(|r| (r.depth, r.function));
    sub.unresolved_same_name.sort();
    sub.unresolved_same_name.dedup();
    // Example paths: from the nearest entry points, along first edges.
    for r in sub.entries.iter().take(walk.examples) {
        let mut path = Vec::new();
        let mut at = r.function;
        while depth_of[&at] > 0 {
            let Some(e) = parent.get(&at) else { break };
            path.push(e.clone());
            at = e.callee.expect("callers edges have callees");
        }
        sub.examples.push(path);
    }
    sub
}

/// Everything `roots` call, up to `walk.depth` calls away (interface calls
/// to every implementation; calls with unknown callees listed as such).
pub fn callees(graph: &CallGraph, roots: &[FuncId], walk: &Walk) -> Subgraph {
    explore(graph, roots, walk, outgoing, false).0
}

/// The called name of a full name: `M` of `(*p.T).M`, `F` of `p.F`.
pub fn simple_name(full: &str) -> &str {
    let tail = full.rsplit(')').next().unwrap_or(full);
    let tail = &tail[tail.rfind('/').map_or(0, |i| i + 1)..];
    tail.rsplit('.').next().unwrap_or(tail)
}

#[cfg(test)]
mod tests {
    use super::simple_name;

    #[test]
    fn simple_names() {
        assert_eq!(simple_name("(*example.com/a.b/p.T).M"), "M");
        assert_eq!(simple_name("example.com/a.b/p.F"), "F");
        assert_eq!(simple_name("fmt.Sprintf"), "Sprintf");
        assert_eq!(simple_name("(error).Error"), "Error");
    }
}

/// A subgraph edge with functions by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct NamedEdge {
    pub caller: String,
    /// Empty when the callee is unknown.
    pub callee: String,
    pub route: Route,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interface: Option<String>,
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A subgraph function with what is known about it.
#[derive(Debug, Clone, Serialize)]
pub struct NamedNode {
    pub function: String,
    pub depth: u32,
    pub package: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    #[serde(skip_serializing_if = "is_zero")]
    pub line: u32,
    pub in_tree: bool,
    pub test: bool,
    /// Entry points it is, with how (`chi POST /invoices (handler)`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<String>,
}

/// A [`Subgraph`] with functions by name, for output.
#[derive(Debug, Clone, Serialize)]
pub struct NamedSubgraph {
    pub roots: Vec<String>,
    pub nodes: Vec<NamedNode>,
    pub edges: Vec<NamedEdge>,
    pub truncated: bool,
    /// The routes the edges take (`call`, `interface`, `function_value`,
    /// `unknown`): anything but `call` is a possible route, not a certain
    /// one.
    pub routes: BTreeSet<Route>,
    /// Entry points reached (callers queries), nearest first.
    pub entries: Vec<NamedNode>,
    pub without_callers: Vec<String>,
    pub unresolved_same_name: Vec<NamedEdge>,
    pub examples: Vec<Vec<NamedEdge>>,
}

impl Subgraph {
    pub fn named(&self, graph: &CallGraph, walk: &Walk) -> NamedSubgraph {
        let name = |f: FuncId| graph.function(f).name.clone();
        let edge = |e: &SubEdge| NamedEdge {
            caller: name(e.caller),
            callee: e.callee.map(name).unwrap_or_default(),
            route: e.route,
            interface: e.interface.map(name),
            file: Arc::clone(&e.file),
            line: e.line,
            column: e.column,
            reason: e.reason.clone(),
        };
        let node = |function: FuncId, depth: u32| {
            let f = graph.function(function);
            let mut entry: Vec<String> = graph
                .entries_of(function)
                .filter(|e| walk.include_tests || e.kind != EntryKind::Test)
                .map(|e| match &e.detail {
                    Some(d) => format!("{}: {d}", e.kind.as_str()),
                    None => e.kind.as_str().to_string(),
                })
                .collect();
            entry.sort();
            entry.dedup();
            NamedNode {
                function: f.name.clone(),
                depth,
                package: f.package.to_string(),
                file: f.file.clone(),
                line: f.line,
                in_tree: f.in_tree,
                test: f.test,
                entry,
            }
        };
        NamedSubgraph {
            roots: self.roots.iter().map(|&r| name(r)).collect(),
            nodes: self
                .nodes
                .iter()
                .map(|n| node(n.function, n.depth))
                .collect(),
            edges: self.edges.iter().map(edge).collect(),
            truncated: self.truncated,
            routes: self.routes(),
            entries: self
                .entries
                .iter()
                .map(|r| node(r.function, r.depth))
                .collect(),
            without_callers: self.without_callers.iter().map(|&f| name(f)).collect(),
            unresolved_same_name: self.unresolved_same_name.iter().map(edge).collect(),
            examples: self
                .examples
                .iter()
                .map(|p| p.iter().map(edge).collect())
                .collect(),
        }
    }
}

/// The functions a target names, in the call-site target syntax
/// (`pkg.F`, `(*pkg.T).M`, `(pkg.I).M`): the exact full name; else the
/// same name without type parameter lists, pointer marks and vendor
/// directories; else short forms whose package is a last path element
/// (`email.Send`, `(*email.Sender).Send`, `email.Sender.Send`). More than
/// one match for a short form is an error that lists them.
pub fn find_functions(graph: &CallGraph, target: &str) -> Result<Vec<FuncId>, String> {
    let target = target.trim();
    if let Some(id) = graph.id(target) {
        return Ok(vec![id]);
    }
    let want = Key::of(target)
        .ok_or_else(|| format!("{target}: expected pkg.Func or (pkg.Type).Method"))?;
    let mut exact = Vec::new();
    let mut short = Vec::new();
    for (i, f) in graph.functions.iter().enumerate() {
        let Some(k) = Key::of(&f.name) else { continue };
        if k.name != want.name || k.type_name != want.type_name {
            continue;
        }
        if k.pkg == want.pkg {
            exact.push(i as FuncId);
        } else if !want.pkg.contains('/') && k.pkg.rsplit('/').next() == Some(want.pkg.as_str()) {
            short.push(i as FuncId);
        }
    }
    // `pkg.T.M`: a method named with dots.
    if exact.is_empty() && short.is_empty() && want.type_name.is_none() {
        if let Some((pkg, ty)) = want.pkg.rsplit_once('.') {
            return find_functions(graph, &format!("({pkg}.{ty}).{}", want.name));
        }
    }
    match (exact.len(), short.len()) {
        (0, 0) => Err(format!(
            "{target}: no function or method of that name in the call graph"
        )),
        (0, 1) => Ok(short),
        (0, _) => Err(format!(
            "{target} is ambiguous; candidates: {}",
            short
                .iter()
                .map(|&f| graph.function(f).name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => Ok(exact),
    }
}

/// A full name without type parameter lists, pointer marks and vendor
/// directories, split.
struct Key {
    pkg: String,
    type_name: Option<String>,
    name: String,
}

impl Key {
    fn of(full: &str) -> Option<Key> {
        let mut plain = String::new();
        let mut depth = 0;
        for c in full.chars() {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                '*' if depth == 0 => {}
                c if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let plain = super::names::strip_vendor(&plain).to_string();
        if let Some(rest) = plain.strip_prefix('(') {
            let (recv, name) = rest.split_once(").")?;
            let (pkg, ty) = split_last_dot(recv).unwrap_or(("", recv));
            return Some(Key {
                pkg: pkg.to_string(),
                type_name: Some(ty.to_string()),
                name: name.to_string(),
            });
        }
        let (pkg, name) = split_last_dot(&plain)?;
        Some(Key {
            pkg: pkg.to_string(),
            type_name: None,
            name: name.to_string(),
        })
    }
}

fn split_last_dot(s: &str) -> Option<(&str, &str)> {
    let slash = s.rfind('/').map_or(0, |i| i + 1);
    let dot = s[slash..].rfind('.')? + slash;
    Some((&s[..dot], &s[dot + 1..]))
}
