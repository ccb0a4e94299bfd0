//! Dependencies: the package and domain graphs, their cycles, coupling per
//! domain, and an order in which to extract domains.
//!
//! What it finds:
//! - **Package level**: the in-tree import graph of [`crate::imports`], each
//!   edge with its import specs (file:line, each marked `test` when it sits
//!   in a `_test.go` file) and marked `test_only` when only test files form
//!   it. Cycles are the strongly connected components of more than one
//!   package (or a package importing itself): `cycles` over production
//!   imports (Go forbids them, but the model counts an import from every
//!   build-constrained file), `test_cycles` for the components that exist
//!   only once test imports are added. Each cycle lists the edges inside it.
//! - **Domain level**: domains come from [`DomainMap`] (`goseam.toml`
//!   `[[domain]]` entries, else CODEOWNERS, else the directory convention,
//!   reported as such in `domain_source`); code outside every domain is the
//!   domain [`UNASSIGNED`], as in [`crate::tables`]. An edge A → B means a
//!   production (non-`_test.go`) file of A has an import spec naming a
//!   package of B, A ≠ B; the edge carries the import count and the specs.
//!   A package's domains are those of its production files (of all its
//!   files if it has none); a package whose files fall in several domains
//!   is listed in `split_packages`, and an import of it counts toward each.
//!   Imports of vendored packages are third-party code, not domain edges.
//!   Domain cycles are the strongly connected components of this graph.
//!   Per domain: afferent coupling Ca (the domains with an edge to it),
//!   efferent coupling Ce (the domains it has an edge to), instability
//!   Ce / (Ca + Ce) (`null` when both are 0), the tables it writes whose
//!   status is `shared` (with the other writing domains) and the tables it
//!   reads that another domain owns (status `read-shared`), from
//!   [`Tables`].
//! - **Extraction order**: every domain except [`UNASSIGNED`] (code no
//!   domain claims is not a unit to extract; it still counts as a
//!   dependent), sorted by the key `(blocked, Ca, name)`, where `blocked`
//!   means the domain is in a domain cycle or writes a `shared` table:
//!   unblocked domains first, then those fewer domains depend on, then by
//!   name. Names are unique, so the order is total. Each step lists its
//!   blockers: its cycle, its shared writes with the other writing domains,
//!   and every domain that depends on it.
//!
//! - **Calls across domains**: from the [`CallGraphAnalyzer`], every call
//!   or function reference in a production file of domain A whose callee is
//!   declared in domain B ≠ A, counted per (A, B) by how it is known
//!   (`static`, `interface`: an interface call that may dispatch to a
//!   method of B, `reference`), with the first sites as examples. A domain
//!   can depend on another through calls without importing it (an
//!   interface declared elsewhere, implemented in B): these edges show it.
//!
//! What it cannot do: coupling counts imports; calls through function
//! values and calls that could not be resolved are not attributed to a
//! domain (the call graph lists them), and reflection and wiring at run
//! time are not seen. Build constraints are not evaluated: an
//! import from any file counts. Table facts are exactly those of
//! [`Tables`]: when it is incomplete (`tables_complete: false`) an
//! unresolved SQL write could hide a shared table and so a blocker.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::analysis::{AnalysisError, Analyzer, DynAnalyzer, Pass};
use crate::callgraph::{CallGraph, CallGraphAnalyzer, EdgeKind, FuncId, Mode};
use crate::domains::{DomainMap, DomainSource, DomainWarning};
use crate::imports::Imports;
use crate::register_analyzer;
use crate::tables::{Status, Tables, UNASSIGNED};

/// The `deps` analyzer (see the module documentation).
pub struct Deps;

register_analyzer!(Deps);

/// The dependency report.
#[derive(Debug, Clone, Serialize)]
pub struct DepsReport {
    /// Where the domain assignment comes from; `directory` is a convention,
    /// not a declaration.
    pub domain_source: DomainSource,
    pub domain_warnings: Vec<DomainWarning>,
    /// The tables analyzer's `complete`: false when unresolved production
    /// SQL could hide a shared write.
    pub tables_complete: bool,
    pub package_graph: PackageGraph,
    pub domain_graph: DomainGraph,
    pub extraction_order: Vec<ExtractionStep>,
}

impl DepsReport {
    /// The report without test code: external test packages, imports only
    /// test files make, and cycles only they close. What `goseam deps`
    /// shows without `--tests`, and the MCP server without include_tests.
    pub fn without_tests(&mut self) {
        let g = &mut self.package_graph;
        g.packages.retain(|p| !p.external_test);
        g.edges.retain(|e| !e.test_only);
        for e in &mut g.edges {
            e.imports.retain(|s| !s.test);
        }
        g.test_cycles.clear();
    }
}

/// The in-tree import graph.
#[derive(Debug, Clone, Serialize)]
pub struct PackageGraph {
    /// Sorted by import path.
    pub packages: Vec<PackageNode>,
    /// Sorted by (from, to).
    pub edges: Vec<PackageEdge>,
    /// Cycles of production imports, sorted by their package lists.
    pub cycles: Vec<PackageCycle>,
    /// Cycles that exist only with test imports.
    pub test_cycles: Vec<PackageCycle>,
}

/// A package and its domains.
#[derive(Debug, Clone, Serialize)]
pub struct PackageNode {
    pub import_path: String,
    pub dir: String,
    /// Usually one; sorted. See the module documentation.
    pub domains: Vec<String>,
    pub external_test: bool,
    pub vendored: bool,
}

/// `from` imports `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageEdge {
    pub from: String,
    pub to: String,
    /// Only `_test.go` files import it.
    pub test_only: bool,
    /// The import specs, sorted by file and line.
    pub imports: Vec<PackageImport>,
}

/// One import spec of a package edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PackageImport {
    pub file: String,
    pub line: u32,
    pub test: bool,
}

/// A strongly connected component of the package graph.
#[derive(Debug, Clone, Serialize)]
pub struct PackageCycle {
    /// Sorted.
    pub packages: Vec<String>,
    /// The edges between its packages, sorted by (from, to).
    pub edges: Vec<PackageEdge>,
}

/// The domain graph.
#[derive(Debug, Clone, Serialize)]
pub struct DomainGraph {
    /// Sorted by name.
    pub domains: Vec<DomainNode>,
    /// Sorted by (from, to).
    pub edges: Vec<DomainEdge>,
    /// Sorted by their domain lists.
    pub cycles: Vec<DomainCycle>,
    /// Packages whose files belong to several domains.
    pub split_packages: Vec<SplitPackage>,
    /// Calls from production code of one domain to functions declared in
    /// another, sorted by (from, to).
    pub calls: Vec<DomainCalls>,
}

/// Calls from production code of `from` to functions of `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainCalls {
    pub from: String,
    pub to: String,
    /// Direct calls of functions and concrete methods of `to`.
    pub static_calls: usize,
    /// Interface calls that may dispatch to a method of `to`.
    pub interface_calls: usize,
    /// Functions of `to` used as values.
    pub references: usize,
    /// The first sites, sorted by file, line, column.
    pub examples: Vec<DomainCall>,
}

/// One call behind a [`DomainCalls`] edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DomainCall {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub caller: String,
    pub callee: String,
}

/// Examples kept per domain pair.
const CALL_EXAMPLES: usize = 5;

/// Calls across domains (see the module documentation).
fn domain_calls(graph: &CallGraph, domain_of: &dyn Fn(&str) -> String) -> Vec<DomainCalls> {
    let mut out: BTreeMap<(String, String), DomainCalls> = BTreeMap::new();
    fn entry(
        out: &mut BTreeMap<(String, String), DomainCalls>,
        from: String,
        to: String,
    ) -> &mut DomainCalls {
        out.entry((from.clone(), to.clone()))
            .or_insert_with(|| DomainCalls {
                from,
                to,
                static_calls: 0,
                interface_calls: 0,
                references: 0,
                examples: Vec::new(),
            })
    }
    fn add_example(entry: &mut DomainCalls, call: DomainCall) {
        if entry.examples.len() < CALL_EXAMPLES && !entry.examples.contains(&call) {
            entry.examples.push(call);
        }
    }
    // The domain of a function of the tree's production code.
    let target_domain = |target: FuncId| -> Option<String> {
        let f = graph.function(target);
        let file = f.file.as_deref().filter(|_| f.in_tree && !f.test)?;
        Some(domain_of(file))
    };
    // Each dispatch set's methods by domain, in order: computed once per
    // set, not once per interface call (a set can hold thousands).
    let mut set_domains: HashMap<u32, Vec<(String, Vec<FuncId>)>> = HashMap::new();
    for e in &graph.edges {
        if e.file.ends_with("_test.go")
            || e.file.starts_with("vendor/")
            || e.file.contains("/vendor/")
        {
            continue;
        }
        let Some(callee) = e.callee else { continue };
        let from = domain_of(&e.file);
        let caller = &graph.function(e.caller).name;
        let call = |target: FuncId| DomainCall {
            file: e.file.to_string(),
            line: e.line,
            column: e.column,
            caller: caller.clone(),
            callee: graph.function(target).name.clone(),
        };
        let kind = match (e.kind, e.mode) {
            (EdgeKind::Reference, _) => 2,
            (_, Mode::Interface) => 1,
            (_, Mode::Static) => 0,
            _ => continue,
        };
        if kind != 1 {
            if let Some(to) = target_domain(callee).filter(|to| *to != from) {
                let entry = entry(&mut out, from, to);
                match kind {
                    0 => entry.static_calls += 1,
                    _ => entry.references += 1,
                }
                add_example(entry, call(callee));
            }
            continue;
        }
        let Some((number, set)) = graph.dispatch_set_of(callee) else {
            continue;
        };
        let by_domain = set_domains.entry(number).or_insert_with(|| {
            let mut by_domain: Vec<(String, Vec<FuncId>)> = Vec::new();
            for &m in &set.methods {
                let Some(to) = target_domain(m) else { continue };
                match by_domain.iter_mut().find(|(d, _)| *d == to) {
                    Some((_, ms)) => ms.push(m),
                    None => by_domain.push((to, vec![m])),
                }
            }
            by_domain
        });
        for (to, methods) in by_domain.iter() {
            if *to == from {
                continue;
            }
            let entry = entry(&mut out, from.clone(), to.clone());
            entry.interface_calls += methods.len();
            for &m in methods {
                if entry.examples.len() >= CALL_EXAMPLES {
                    break;
                }
                add_example(entry, call(m));
            }
        }
    }
    out.into_values().collect()
}

/// A domain with its coupling and table facts.
#[derive(Debug, Clone, Serialize)]
pub struct DomainNode {
    pub name: String,
    /// Packages with production files in it, sorted.
    pub packages: Vec<String>,
    /// Afferent coupling: how many domains depend on it.
    pub ca: usize,
    /// Efferent coupling: how many domains it depends on.
    pub ce: usize,
    /// Ce / (Ca + Ce); `None` when both are 0.
    pub instability: Option<f64>,
    /// The domains that depend on it, sorted.
    pub afferent: Vec<String>,
    /// The domains it depends on, sorted.
    pub efferent: Vec<String>,
    /// Tables it writes that other domains write too, sorted by table.
    pub shared_writes: Vec<SharedWrite>,
    /// Tables it reads that another domain owns, sorted by table.
    pub foreign_reads: Vec<ForeignRead>,
}

/// A `shared` table a domain writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedWrite {
    pub table: String,
    /// The other domains whose production code writes it, sorted.
    pub other_writers: Vec<String>,
}

/// A table a domain reads and another domain owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForeignRead {
    pub table: String,
    pub owner: String,
}

/// Production code of `from` imports packages of `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainEdge {
    pub from: String,
    pub to: String,
    /// Number of import specs.
    pub imports: usize,
    /// Sorted by file, line, then packages.
    pub via: Vec<DomainImport>,
}

/// One import spec behind a domain edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DomainImport {
    pub file: String,
    pub line: u32,
    pub from_package: String,
    pub to_package: String,
}

/// A strongly connected component of the domain graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainCycle {
    /// Sorted.
    pub domains: Vec<String>,
    /// The edges between its domains, sorted by (from, to).
    pub edges: Vec<DomainEdge>,
}

/// A package whose files belong to several domains.
#[derive(Debug, Clone, Serialize)]
pub struct SplitPackage {
    pub package: String,
    pub domains: Vec<String>,
}

/// One domain's place in the extraction order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtractionStep {
    /// 1-based.
    pub position: usize,
    pub domain: String,
    /// In a domain cycle or writes a shared table.
    pub blocked: bool,
    /// Ca: how many domains depend on it.
    pub afferent: usize,
    pub blockers: Blockers,
}

/// What stands in the way of extracting a domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blockers {
    /// The domain cycle it is part of (sorted domains), if any.
    pub cycle: Option<Vec<String>>,
    /// The shared tables it writes, with the other writing domains.
    pub shared_writes: Vec<SharedWrite>,
    /// Every domain that depends on it, sorted.
    pub dependents: Vec<String>,
}

impl Analyzer for Deps {
    type Result = DepsReport;
    const NAME: &'static str = "deps";
    const DOC: &'static str =
        "package and domain dependency graphs, cycles, coupling and an extraction order

Packages: the in-tree import graph with the import specs (file:line) of each
edge, test-only edges marked; cycles (strongly connected components) of the
production imports, and those that exist only through test imports, with the
edges that form them. Domains (goseam.toml [[domain]], else CODEOWNERS, else
the directory convention, reported as such; code outside every domain is
`(unassigned)`): A -> B when a production file of A imports a package of B,
with the import count and specs; domain cycles with their edges; per domain
afferent coupling Ca, efferent coupling Ce, instability Ce/(Ca+Ce), the
`shared` tables it writes and the tables it reads that another domain owns.

Extraction order: every domain but `(unassigned)`, sorted by (blocked, Ca,
name), blocked meaning in a domain cycle or writing a shared table; each step
lists its cycle, shared writes (with the other writers) and dependents.

Calls across domains (from the call graph): per (A, B), the static calls,
interface calls that may dispatch into B and references from production code
of A to functions declared in B, with example sites. Calls through function
values and unresolved calls are not attributed. Build constraints are not evaluated: an
import from any file counts. Imports of vendored packages are not domain
edges. Table facts are those of `tables`: when it is incomplete, unresolved
SQL could hide a shared write.";

    fn requires(&self) -> Vec<&'static dyn DynAnalyzer> {
        vec![&Imports, &Tables, &CallGraphAnalyzer]
    }

    fn run(&self, pass: &Pass<'_>) -> Result<Self::Result, AnalysisError> {
        let graph = pass.result_of::<Imports>()?;
        let tables = pass.result_of::<Tables>()?;
        let scan = pass.scan;
        let modules: Vec<(String, String)> = scan
            .modules
            .modules
            .iter()
            .filter_map(|m| Some((m.dir.clone(), m.path.clone()?)))
            .collect();
        let domains =
            DomainMap::build(&scan.root, &pass.options.config, &modules).map_err(|e| {
                AnalysisError::Failed {
                    analyzer: Self::NAME.to_string(),
                    message: e.to_string(),
                }
            })?;
        let domain_of = |path: &str| domains.domain_of(path).unwrap_or(UNASSIGNED).to_string();
        let is_test = |path: &str| scan.file_by_path(path).is_some_and(|f| f.test);

        // Packages and their domains.
        let edge_ends: BTreeSet<&str> = graph
            .edges
            .iter()
            .flat_map(|e| [e.from.as_str(), e.to.as_str()])
            .collect();
        let mut nodes: BTreeMap<String, PackageNode> = BTreeMap::new();
        let mut with_production: BTreeSet<String> = BTreeSet::new();
        for p in &scan.packages {
            let listed = !p.vendored || pass.options.include_vendor;
            if !listed && !edge_ends.contains(p.import_path.as_str()) {
                continue;
            }
            let files: Vec<&goseam_engine::SourceFile> =
                p.files.iter().map(|&id| scan.file(id)).collect();
            let production: BTreeSet<String> = files
                .iter()
                .filter(|f| !f.test)
                .map(|f| domain_of(&f.path))
                .collect();
            let package_domains = if production.is_empty() {
                files.iter().map(|f| domain_of(&f.path)).collect()
            } else {
                with_production.insert(p.import_path.clone());
                production
            };
            let node = nodes
                .entry(p.import_path.clone())
                .or_insert_with(|| PackageNode {
                    import_path: p.import_path.clone(),
                    dir: p.dir.clone(),
                    domains: Vec::new(),
                    external_test: p.external_test,
                    vendored: p.vendored,
                });
            // A directory may hold two package clauses under one path.
            let merged: BTreeSet<String> = node.domains.drain(..).chain(package_domains).collect();
            node.domains = merged.into_iter().collect();
        }

        // Package edges, and the domain imports they carry.
        let mut edges = Vec::new();
        let mut domain_imports = Vec::new();
        for e in &graph.edges {
            let imports: Vec<PackageImport> = e
                .via
                .iter()
                .map(|s| PackageImport {
                    file: s.file.clone(),
                    line: s.line,
                    test: is_test(&s.file),
                })
                .collect();
            let target = nodes.get(&e.to);
            let to_vendored = target.is_some_and(|n| n.vendored);
            let from_vendored = nodes.get(&e.from).is_some_and(|n| n.vendored);
            if !to_vendored && !from_vendored {
                let target_domains = target.map(|n| n.domains.as_slice()).unwrap_or(&[]);
                for s in imports.iter().filter(|s| !s.test) {
                    let from_domain = domain_of(&s.file);
                    for to_domain in target_domains {
                        if *to_domain != from_domain {
                            domain_imports.push((
                                from_domain.clone(),
                                to_domain.clone(),
                                DomainImport {
                                    file: s.file.clone(),
                                    line: s.line,
                                    from_package: e.from.clone(),
                                    to_package: e.to.clone(),
                                },
                            ));
                        }
                    }
                }
            }
            edges.push(PackageEdge {
                from: e.from.clone(),
                to: e.to.clone(),
                test_only: e.test_only,
                imports,
            });
        }
        edges.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
        let (cycles, test_cycles) = package_cycles(&edges);

        // Domains: declared names, package domains, table domains.
        let mut names: BTreeSet<String> = domains.names().iter().cloned().collect();
        let mut packages_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut split_packages = Vec::new();
        for n in nodes.values() {
            if n.vendored {
                continue;
            }
            names.extend(n.domains.iter().cloned());
            if n.domains.len() > 1 {
                split_packages.push(SplitPackage {
                    package: n.import_path.clone(),
                    domains: n.domains.clone(),
                });
            }
            if with_production.contains(&n.import_path) {
                for d in &n.domains {
                    packages_of
                        .entry(d.clone())
                        .or_default()
                        .insert(n.import_path.clone());
                }
            }
        }
        let roles: Vec<TableRoles<'_>> = tables
            .tables
            .iter()
            .map(|t| TableRoles {
                name: &t.name,
                shared: t.status == Status::Shared,
                owner: t.owner.as_deref(),
                writers: &t.writing_domains,
                readers: &t.reading_domains,
            })
            .collect();
        for t in &roles {
            names.extend(t.writers.iter().cloned());
            names.extend(t.readers.iter().cloned());
        }
        let (mut domain_graph, extraction_order) =
            domain_level(names, &packages_of, domain_imports, &roles, split_packages);
        domain_graph.calls = domain_calls(pass.result_of::<CallGraphAnalyzer>()?, &domain_of);

        Ok(DepsReport {
            domain_source: domains.source(),
            domain_warnings: domains.warnings().to_vec(),
            tables_complete: tables.complete,
            package_graph: PackageGraph {
                packages: nodes.into_values().collect(),
                edges,
                cycles,
                test_cycles,
            },
            domain_graph,
            extraction_order,
        })
    }
}

/// What the domain level needs to know about one table.
struct TableRoles<'a> {
    name: &'a str,
    shared: bool,
    owner: Option<&'a str>,
    writers: &'a [String],
    readers: &'a [String],
}

/// Production cycles and cycles that need test imports, from sorted edges.
fn package_cycles(edges: &[PackageEdge]) -> (Vec<PackageCycle>, Vec<PackageCycle>) {
    let production: Vec<PackageEdge> = edges
        .iter()
        .filter_map(|e| {
            let imports: Vec<PackageImport> =
                e.imports.iter().filter(|s| !s.test).cloned().collect();
            (!imports.is_empty()).then(|| PackageEdge {
                imports,
                test_only: false,
                ..e.clone()
            })
        })
        .collect();
    let cycles = cycles_of(&production);
    let known: BTreeSet<&Vec<String>> = cycles.iter().map(|c| &c.packages).collect();
    let test_cycles = cycles_of(edges)
        .into_iter()
        .filter(|c| !known.contains(&c.packages))
        .collect();
    (cycles, test_cycles)
}

/// The cycles of a package graph given by sorted edges.
fn cycles_of(edges: &[PackageEdge]) -> Vec<PackageCycle> {
    let names: Vec<&str> = edges
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index = |n: &str| names.binary_search(&n).expect("every end is named");
    let mut adj = vec![Vec::new(); names.len()];
    for e in edges {
        adj[index(&e.from)].push(index(&e.to));
    }
    let mut out: Vec<PackageCycle> = cycles(&adj)
        .into_iter()
        .map(|members| {
            let packages: Vec<String> = members.iter().map(|&i| names[i].to_string()).collect();
            let inside: BTreeSet<&str> = packages.iter().map(String::as_str).collect();
            let edges = edges
                .iter()
                .filter(|e| inside.contains(e.from.as_str()) && inside.contains(e.to.as_str()))
                .cloned()
                .collect();
            PackageCycle { packages, edges }
        })
        .collect();
    out.sort_by(|a, b| a.packages.cmp(&b.packages));
    out
}

/// The domain graph and the extraction order from facts already attributed
/// to domains: the domain names, each domain's packages, every cross-domain
/// production import (from, to, spec), the tables' roles.
fn domain_level(
    names: BTreeSet<String>,
    packages_of: &BTreeMap<String, BTreeSet<String>>,
    imports: Vec<(String, String, DomainImport)>,
    tables: &[TableRoles<'_>],
    split_packages: Vec<SplitPackage>,
) -> (DomainGraph, Vec<ExtractionStep>) {
    let mut by_edge: BTreeMap<(String, String), BTreeSet<DomainImport>> = BTreeMap::new();
    for (from, to, spec) in imports {
        if from != to {
            by_edge.entry((from, to)).or_default().insert(spec);
        }
    }
    let mut names = names;
    for (from, to) in by_edge.keys() {
        names.insert(from.clone());
        names.insert(to.clone());
    }
    let names: Vec<String> = names.into_iter().collect();
    let index = |n: &str| {
        names
            .binary_search_by(|x| x.as_str().cmp(n))
            .expect("every domain is named")
    };
    let edges: Vec<DomainEdge> = by_edge
        .into_iter()
        .map(|((from, to), via)| DomainEdge {
            from,
            to,
            imports: via.len(),
            via: via.into_iter().collect(),
        })
        .collect();
    let mut adj = vec![Vec::new(); names.len()];
    let mut afferent = vec![Vec::new(); names.len()];
    let mut efferent = vec![Vec::new(); names.len()];
    for e in &edges {
        let (f, t) = (index(&e.from), index(&e.to));
        adj[f].push(t);
        efferent[f].push(e.to.clone());
        afferent[t].push(e.from.clone());
    }
    let mut domain_cycles: Vec<DomainCycle> = cycles(&adj)
        .into_iter()
        .map(|members| {
            let domains: Vec<String> = members.iter().map(|&i| names[i].clone()).collect();
            let edges = edges
                .iter()
                .filter(|e| domains.contains(&e.from) && domains.contains(&e.to))
                .cloned()
                .collect();
            DomainCycle { domains, edges }
        })
        .collect();
    domain_cycles.sort_by(|a, b| a.domains.cmp(&b.domains));

    let nodes: Vec<DomainNode> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (ca, ce) = (afferent[i].len(), efferent[i].len());
            let shared_writes = tables
                .iter()
                .filter(|t| t.shared && t.writers.contains(name))
                .map(|t| SharedWrite {
                    table: t.name.to_string(),
                    other_writers: t.writers.iter().filter(|w| *w != name).cloned().collect(),
                })
                .collect();
            let foreign_reads = tables
                .iter()
                .filter(|t| t.readers.contains(name))
                .filter_map(|t| {
                    let owner = t.owner.filter(|o| *o != name)?;
                    Some(ForeignRead {
                        table: t.name.to_string(),
                        owner: owner.to_string(),
                    })
                })
                .collect();
            DomainNode {
                name: name.clone(),
                packages: packages_of
                    .get(name)
                    .map(|p| p.iter().cloned().collect())
                    .unwrap_or_default(),
                ca,
                ce,
                instability: (ca + ce > 0).then(|| ce as f64 / (ca + ce) as f64),
                afferent: afferent[i].clone(),
                efferent: efferent[i].clone(),
                shared_writes,
                foreign_reads,
            }
        })
        .collect();
    let order = extraction_order(&nodes, &domain_cycles);
    (
        DomainGraph {
            domains: nodes,
            edges,
            cycles: domain_cycles,
            split_packages,
            calls: Vec::new(),
        },
        order,
    )
}

/// Every domain but [`UNASSIGNED`], sorted by (blocked, Ca, name).
fn extraction_order(nodes: &[DomainNode], cycles: &[DomainCycle]) -> Vec<ExtractionStep> {
    let mut steps: Vec<ExtractionStep> = nodes
        .iter()
        .filter(|d| d.name != UNASSIGNED)
        .map(|d| {
            let cycle = cycles
                .iter()
                .find(|c| c.domains.contains(&d.name))
                .map(|c| c.domains.clone());
            ExtractionStep {
                position: 0,
                domain: d.name.clone(),
                blocked: cycle.is_some() || !d.shared_writes.is_empty(),
                afferent: d.ca,
                blockers: Blockers {
                    cycle,
                    shared_writes: d.shared_writes.clone(),
                    dependents: d.afferent.clone(),
                },
            }
        })
        .collect();
    steps.sort_by(|a, b| {
        (a.blocked, a.afferent, &a.domain).cmp(&(b.blocked, b.afferent, &b.domain))
    });
    for (i, s) in steps.iter_mut().enumerate() {
        s.position = i + 1;
    }
    steps
}

/// The cycles of a graph given by adjacency lists over nodes `0..adj.len()`:
/// its strongly connected components with more than one node, or one node
/// with an edge to itself. Each is sorted; they come in the order of their
/// smallest node.
pub fn cycles(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = strongly_connected_components(adj)
        .into_iter()
        .filter(|c| c.len() > 1 || adj[c[0]].contains(&c[0]))
        .collect();
    out.sort();
    out
}

/// Tarjan's strongly connected components, iterative (an explicit stack,
/// so no input can overflow the call stack). Every node is in exactly one
/// component; each component is sorted; components come in reverse
/// topological order (a component before those that reach it).
pub fn strongly_connected_components(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = adj.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    // The DFS path: a node and how many of its successors have been tried.
    let mut path: Vec<(usize, usize)> = Vec::new();
    let mut next = 0;
    let mut out = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        path.push((root, 0));
        while let Some(&(v, tried)) = path.last() {
            if let Some(&w) = adj[v].get(tried) {
                if let Some(top) = path.last_mut() {
                    top.1 += 1;
                }
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    path.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                component.sort_unstable();
                out.push(component);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in edges {
            adj[a].push(b);
        }
        adj
    }

    #[test]
    fn a_three_cycle_is_one_component() {
        let adj = graph(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
        let mut sccs = strongly_connected_components(&adj);
        sccs.sort();
        assert_eq!(sccs, vec![vec![0, 1, 2], vec![3]]);
        assert_eq!(cycles(&adj), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_dag_has_no_cycles_and_singleton_components() {
        let adj = graph(5, &[(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)]);
        let sccs = strongly_connected_components(&adj);
        assert_eq!(sccs.len(), 5);
        assert!(sccs.iter().all(|c| c.len() == 1));
        // Reverse topological: a sink before what reaches it.
        let pos = |n: usize| sccs.iter().position(|c| c == &vec![n]).unwrap();
        assert!(pos(4) < pos(3) && pos(3) < pos(1) && pos(1) < pos(0));
        assert!(cycles(&adj).is_empty());
    }

    #[test]
    fn a_self_loop_is_a_cycle_and_two_cycles_stay_apart() {
        let adj = graph(6, &[(0, 0), (1, 2), (2, 1), (2, 3), (3, 4), (4, 5), (5, 3)]);
        assert_eq!(cycles(&adj), vec![vec![0], vec![1, 2], vec![3, 4, 5]]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 1_000_000;
        let mut adj: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        adj[n - 1] = vec![0];
        let c = cycles(&adj);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].len(), n);
    }

    fn spec(file: &str) -> DomainImport {
        DomainImport {
            file: file.to_string(),
            line: 1,
            from_package: String::new(),
            to_package: String::new(),
        }
    }

    fn order_of(
        names: &[&str],
        edges: &[(&str, &str)],
        tables: &[TableRoles<'_>],
    ) -> (DomainGraph, Vec<ExtractionStep>) {
        let imports = edges
            .iter()
            .enumerate()
            .map(|(i, (a, b))| (a.to_string(), b.to_string(), spec(&format!("f{i}.go"))))
            .collect();
        domain_level(
            names.iter().map(|s| s.to_string()).collect(),
            &BTreeMap::new(),
            imports,
            tables,
            Vec::new(),
        )
    }

    fn domains(order: &[ExtractionStep]) -> Vec<&str> {
        order.iter().map(|s| s.domain.as_str()).collect()
    }

    #[test]
    fn ties_are_broken_by_name_and_fewer_dependents_come_first() {
        // c and b have one dependent each (a); a has none; d is isolated.
        let (graph, order) = order_of(&["a", "b", "c", "d"], &[("a", "b"), ("a", "c")], &[]);
        assert_eq!(domains(&order), ["a", "d", "b", "c"]);
        assert_eq!(
            order.iter().map(|s| s.position).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        let a = &graph.domains[0];
        assert_eq!((a.ca, a.ce, a.instability), (0, 2, Some(1.0)));
        let d = &graph.domains[3];
        assert_eq!(d.instability, None);
        assert!(graph.cycles.is_empty());
    }

    #[test]
    fn cycles_and_shared_writes_block_whatever_their_coupling() {
        let writers = ["b".to_string(), "e".to_string()];
        let readers = ["a".to_string()];
        let tables = [TableRoles {
            name: "t",
            shared: true,
            owner: None,
            writers: &writers,
            readers: &readers,
        }];
        // a <-> c is a cycle; b and e share t; d depends on everything.
        let (graph, order) = order_of(
            &["a", "b", "c", "d", "e"],
            &[
                ("a", "c"),
                ("c", "a"),
                ("d", "a"),
                ("d", "b"),
                ("d", "c"),
                ("d", "e"),
            ],
            &tables,
        );
        // Unblocked: d (Ca 0). Blocked: b, e (Ca 1), a, c (Ca 2).
        assert_eq!(domains(&order), ["d", "b", "e", "a", "c"]);
        assert_eq!(graph.cycles.len(), 1);
        assert_eq!(graph.cycles[0].domains, ["a", "c"]);
        assert_eq!(graph.cycles[0].edges.len(), 2);
        let a = &order[3];
        assert!(a.blocked);
        assert_eq!(
            a.blockers.cycle.as_deref(),
            Some(&["a".into(), "c".into()][..])
        );
        assert_eq!(a.blockers.dependents, ["c", "d"]);
        let b = &order[1];
        assert_eq!(
            b.blockers.shared_writes,
            [SharedWrite {
                table: "t".into(),
                other_writers: vec!["e".into()]
            }]
        );
        // A shared table has no owner: reading it is not a foreign read.
        assert!(graph.domains[0].foreign_reads.is_empty());
    }

    #[test]
    fn unassigned_code_is_a_dependent_never_a_step() {
        let owner = ["a".to_string()];
        let readers = ["a".to_string(), "b".to_string()];
        let tables = [TableRoles {
            name: "t",
            shared: false,
            owner: Some("a"),
            writers: &owner,
            readers: &readers,
        }];
        let (graph, order) = order_of(
            &["a", "b"],
            &[(UNASSIGNED, "a"), (UNASSIGNED, "b"), ("b", "a"), ("b", "b")],
            &tables,
        );
        assert_eq!(domains(&order), ["b", "a"]);
        assert_eq!(order[1].blockers.dependents, [UNASSIGNED, "b"]);
        // Imports inside a domain are not edges.
        assert_eq!(graph.edges.len(), 3);
        let b = graph.domains.iter().find(|d| d.name == "b").unwrap();
        assert_eq!(
            b.foreign_reads,
            [ForeignRead {
                table: "t".into(),
                owner: "a".into()
            }]
        );
    }

    fn pkg_edge(from: &str, to: &str, tests: &[bool]) -> PackageEdge {
        PackageEdge {
            from: from.into(),
            to: to.into(),
            test_only: tests.iter().all(|&t| t),
            imports: tests
                .iter()
                .enumerate()
                .map(|(i, &test)| PackageImport {
                    file: format!("{from}/f{i}.go"),
                    line: 3,
                    test,
                })
                .collect(),
        }
    }

    #[test]
    fn test_imports_make_test_cycles_only() {
        let edges = vec![
            pkg_edge("a", "b", &[false]),
            pkg_edge("b", "a", &[true]),
            pkg_edge("c", "d", &[false, true]),
            pkg_edge("d", "c", &[false]),
        ];
        let (cycles, test_cycles) = package_cycles(&edges);
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles[0].packages, ["c", "d"]);
        // Production cycles list production specs only.
        assert_eq!(cycles[0].edges[0].imports.len(), 1);
        assert_eq!(test_cycles.len(), 1);
        assert_eq!(test_cycles[0].packages, ["a", "b"]);
        assert!(test_cycles[0].edges[1].test_only);
    }
}
