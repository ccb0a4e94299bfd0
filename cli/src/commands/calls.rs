//! `goseam callgraph`, `goseam callers`, `goseam callees` and
//! `goseam writepaths`: the call graph and the queries over it.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, bail, Result};
use goseam_analyzers::callgraph::query::{
    callees, callers, find_functions, NamedEdge, NamedNode, NamedSubgraph, Route, Walk,
};
use goseam_analyzers::callgraph::{scan_and_build, CallGraph, EdgeKind, Mode};
use goseam_analyzers::config::Config;
use goseam_analyzers::tables::Tables;
use goseam_analyzers::writepaths::{write_paths, WritePaths, WriteQuery};
use goseam_analyzers::{run_analyzers, PassOptions};
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::Scan;
use serde::Serialize;

use super::{emit, print_json, scan_options};
use crate::args::{Format, SiteFormat, TreeArgs};
use crate::progress::Progress;

/// Scan the tree and build its call graph, parsing each file once (the
/// same graph as the callgraph analyzer over a scan).
fn scan_graph(tree: &TreeArgs, threads: usize, quiet: bool) -> Result<(Scan, CallGraph, Config)> {
    let (options, config) = scan_options(tree, threads)?;
    let progress = Progress::new(quiet);
    let (scan, prepared, graph) = scan_and_build(&options, Toolchain::detect(), &progress)?;
    // The universe (every package's declarations, a second time) is not
    // needed any more, and the process ends after the command: freeing
    // it piece by piece would only add a serial pass to the run.
    std::mem::forget(prepared);
    progress.finish(&scan);
    Ok((scan, graph, config))
}

/// Whether an edge in this file is reported.
fn shown(file: &str, include_vendor: bool) -> bool {
    include_vendor || !(file.starts_with("vendor/") || file.contains("/vendor/"))
}

/// One line of `goseam callgraph --format jsonl`.
#[derive(Serialize)]
struct EdgeLine<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    caller: &'a str,
    callee: &'a str,
    kind: EdgeKind,
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    interface: Option<&'a str>,
    /// An interface call's dispatch set (a [`DispatchSetLine`]'s number).
    #[serde(skip_serializing_if = "Option::is_none")]
    dispatch_set: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

/// The methods interface calls may reach, once per distinct set.
#[derive(Serialize)]
struct DispatchSetLine<'a> {
    dispatch_set: u32,
    methods: Vec<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    by_name_only: bool,
}

fn dispatch_set_lines(graph: &CallGraph) -> Vec<DispatchSetLine<'_>> {
    graph
        .dispatch_sets
        .iter()
        .enumerate()
        .map(|(i, set)| DispatchSetLine {
            dispatch_set: i as u32,
            methods: set
                .methods
                .iter()
                .map(|&m| graph.function(m).name.as_str())
                .collect(),
            by_name_only: set.by_name_only,
        })
        .collect()
}

/// The edges of the graph as lines; with `expand_dispatch`, interface
/// calls followed by one `dispatch` line per implementation.
fn edge_lines<'g>(
    graph: &'g CallGraph,
    include_tests: bool,
    include_vendor: bool,
    expand_dispatch: bool,
) -> Vec<EdgeLine<'g>> {
    let mut out = Vec::with_capacity(graph.edges.len());
    for e in &graph.edges {
        if !shown(&e.file, include_vendor) || (!include_tests && e.file.ends_with("_test.go")) {
            continue;
        }
        let caller = graph.function(e.caller).name.as_str();
        let callee = e.callee.map_or("", |c| graph.function(c).name.as_str());
        let mode = match e.mode {
            Mode::Static => "static",
            Mode::Interface => "interface",
            Mode::Dynamic => "dynamic",
            Mode::Unresolved => "unresolved",
        };
        out.push(EdgeLine {
            file: &e.file,
            line: e.line,
            column: e.column,
            caller,
            callee,
            kind: e.kind,
            mode,
            interface: None,
            dispatch_set: match (e.mode, e.callee) {
                (Mode::Interface, Some(iface)) => graph.dispatch_set_of(iface).map(|(n, _)| n),
                _ => None,
            },
            reason: e.reason(),
        });
        if expand_dispatch && e.mode == Mode::Interface {
            if let Some(iface) = e.callee {
                for &m in graph.dispatch_targets(iface) {
                    out.push(EdgeLine {
                        file: &e.file,
                        line: e.line,
                        column: e.column,
                        caller,
                        callee: graph.function(m).name.as_str(),
                        kind: e.kind,
                        mode: "dispatch",
                        interface: Some(callee),
                        dispatch_set: None,
                        reason: None,
                    });
                }
            }
        }
    }
    out
}

/// Write lines as JSON Lines to stdout: blocks of lines are serialized on
/// `threads` threads (0: one per core) and written in order, through one
/// buffer (stdout alone is line-buffered: a write per line). Each thread
/// keeps its buffer from block to block: fresh ones, grown as they fill,
/// cost the call graph's output (65 MB for the stdlib) a page fault per
/// 4 KiB written and a copy at each growth.
fn write_jsonl<T: Serialize + Sync>(lines: &[T], threads: usize) -> Result<()> {
    const BLOCK: usize = 1 << 15;
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let serialize = |part: &[T], buf: &mut Vec<u8>| -> serde_json::Result<()> {
        buf.clear();
        for l in part {
            serde_json::to_writer(&mut *buf, l)?;
            buf.push(b'\n');
        }
        Ok(())
    };
    let mut bufs: Vec<Vec<u8>> = vec![Vec::new(); threads];
    let mut out = std::io::BufWriter::with_capacity(1 << 16, crate::output::stdout());
    for block in lines.chunks(BLOCK * threads) {
        let done: Vec<serde_json::Result<()>> = std::thread::scope(|s| {
            let handles: Vec<_> = block
                .chunks(BLOCK)
                .zip(bufs.iter_mut())
                .map(|(part, buf)| s.spawn(move || serialize(part, buf)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (result, buf) in done.into_iter().zip(&bufs) {
            result?;
            out.write_all(buf)?;
        }
    }
    out.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct EntryLine<'a> {
    function: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
}

#[derive(Serialize)]
struct ImplementationLine<'a> {
    interface_method: &'a str,
    dispatch_set: u32,
}

#[derive(Serialize)]
struct GraphView<'a> {
    stats: &'a goseam_analyzers::callgraph::GraphStats,
    entries: Vec<EntryLine<'a>>,
    implementations: Vec<ImplementationLine<'a>>,
    dispatch_sets: Vec<DispatchSetLine<'a>>,
    edges: Vec<EdgeLine<'a>>,
}

fn entry_lines(graph: &CallGraph, include_tests: bool) -> Vec<EntryLine<'_>> {
    graph
        .entries
        .iter()
        .filter(|e| include_tests || e.kind != goseam_analyzers::callgraph::EntryKind::Test)
        .map(|e| EntryLine {
            function: &graph.function(e.function).name,
            kind: e.kind.as_str(),
            file: e.file.as_deref(),
            line: (e.line > 0).then_some(e.line),
            detail: e.detail.as_deref(),
        })
        .collect()
}

pub fn callgraph(
    tree: &TreeArgs,
    format: SiteFormat,
    include_tests: bool,
    expand_dispatch: bool,
    threads: usize,
    quiet: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let (scan, graph, _) = scan_graph(tree, threads, quiet)?;
    // Left to the process's exit, like the universe (see scan_graph).
    let _scan = std::mem::ManuallyDrop::new(scan);
    let graph = std::mem::ManuallyDrop::new(graph);
    let graph = &*graph;
    match format {
        SiteFormat::Jsonl => {
            let lines = edge_lines(graph, include_tests, tree.include_vendor, expand_dispatch);
            write_jsonl(&lines, threads)?;
            write_jsonl(&dispatch_set_lines(graph), threads)?;
        }
        SiteFormat::Json => print_json(&GraphView {
            stats: &graph.stats,
            entries: entry_lines(graph, include_tests),
            implementations: graph
                .implementations
                .iter()
                .map(|i| ImplementationLine {
                    interface_method: &graph.function(i.interface_method).name,
                    dispatch_set: i.dispatch_set,
                })
                .collect(),
            dispatch_sets: dispatch_set_lines(graph),
            edges: edge_lines(graph, include_tests, tree.include_vendor, expand_dispatch),
        })?,
        SiteFormat::Text => {
            let s = &graph.stats;
            let mut text = format!(
                "{} functions in the tree, {} edges: {} static calls, {} interface calls ({} implementations in {} dispatch sets), {} calls through function values, {} unresolved, {} references\n\nentry points:\n",
                s.functions_in_tree, s.edges, s.static_calls, s.interface_calls, s.dispatch_targets, s.dispatch_sets, s.dynamic_calls, s.unresolved, s.references
            );
            for e in entry_lines(graph, include_tests) {
                let _ = write!(text, "  {:<8} {}", e.kind, e.function);
                if let Some(d) = e.detail {
                    let _ = write!(text, "  [{d}]");
                }
                if let (Some(f), Some(l)) = (e.file, e.line) {
                    let _ = write!(text, "  {f}:{l}");
                }
                text.push('\n');
            }
            emit(&text)?;
        }
    }
    if !quiet {
        eprintln!(
            "goseam: call graph of {} files, {} edges, {:.2}s",
            graph.stats.files,
            graph.stats.edges,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Which way `callers`/`callees` walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Callers,
    Callees,
}

/// One line of `goseam callers|callees --format jsonl`.
#[derive(Serialize)]
struct QueryLine<'a> {
    target: &'a str,
    depth: u32,
    caller: &'a str,
    callee: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    kind: &'static str,
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    interface: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

fn kind_mode(e: &NamedEdge) -> (&'static str, &'static str) {
    match e.route {
        Route::Call => ("call", "static"),
        Route::Interface if e.interface.as_deref() == Some(e.callee.as_str()) => {
            ("call", "interface")
        }
        Route::Interface => ("call", "dispatch"),
        Route::FunctionValue => ("reference", "static"),
        Route::Unknown => ("call", "unresolved"),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn query(
    direction: Direction,
    targets: &[String],
    tree: &TreeArgs,
    walk: Walk,
    format: SiteFormat,
    threads: usize,
    quiet: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let (_, graph, _) = scan_graph(tree, threads, quiet)?;
    let graph = &graph;
    let mut answers: Vec<(String, NamedSubgraph)> = Vec::new();
    for t in targets {
        let ids = find_functions(graph, t).map_err(|e| anyhow!(e))?;
        let sub = match direction {
            Direction::Callers => callers(graph, &ids, &walk),
            Direction::Callees => callees(graph, &ids, &walk),
        };
        answers.push((t.clone(), sub.named(graph, &walk)));
    }
    match format {
        SiteFormat::Json => {
            #[derive(Serialize)]
            struct Answer<'a> {
                target: &'a str,
                #[serde(flatten)]
                graph: &'a NamedSubgraph,
            }
            let view: Vec<Answer> = answers
                .iter()
                .map(|(t, g)| Answer {
                    target: t,
                    graph: g,
                })
                .collect();
            print_json(&view)?;
        }
        SiteFormat::Jsonl => {
            let mut out = std::io::BufWriter::new(crate::output::stdout());
            for (t, g) in &answers {
                let depth_of: std::collections::HashMap<&str, u32> = g
                    .nodes
                    .iter()
                    .map(|n| (n.function.as_str(), n.depth))
                    .collect();
                for e in &g.edges {
                    let (kind, mode) = kind_mode(e);
                    let far = match direction {
                        Direction::Callers => &e.caller,
                        Direction::Callees => &e.callee,
                    };
                    let near = match direction {
                        Direction::Callers => &e.callee,
                        Direction::Callees => &e.caller,
                    };
                    let depth = depth_of
                        .get(far.as_str())
                        .copied()
                        .unwrap_or_else(|| depth_of.get(near.as_str()).map_or(0, |d| d + 1));
                    serde_json::to_writer(
                        &mut out,
                        &QueryLine {
                            target: t,
                            depth,
                            caller: &e.caller,
                            callee: &e.callee,
                            file: &e.file,
                            line: e.line,
                            column: e.column,
                            kind,
                            mode,
                            interface: e.interface.as_deref(),
                            reason: e.reason.as_deref(),
                        },
                    )?;
                    out.write_all(b"\n")?;
                }
            }
            out.flush()?;
        }
        SiteFormat::Text => {
            let mut text = String::new();
            for (t, g) in &answers {
                render_subgraph(&mut text, t, g, direction, &walk);
            }
            emit(&text)?;
        }
    }
    if !quiet {
        eprintln!("goseam: {:.2}s", started.elapsed().as_secs_f64());
    }
    Ok(ExitCode::SUCCESS)
}

fn route_note(e: &NamedEdge) -> String {
    match (e.route, &e.interface) {
        (Route::Interface, Some(i)) if *i != e.callee => format!("  [interface {i}]"),
        (Route::Interface, _) => "  [interface]".to_string(),
        (Route::FunctionValue, _) => "  [function value]".to_string(),
        (Route::Unknown, _) => format!("  [unknown callee: {}]", e.reason.as_deref().unwrap_or("")),
        (Route::Call, _) => String::new(),
    }
}

fn node_line(n: &NamedNode) -> String {
    let mut s = n.function.clone();
    if n.test {
        s.push_str("  (test)");
    }
    if !n.entry.is_empty() {
        let _ = write!(s, "  <- entry: {}", n.entry.join("; "));
    }
    s
}

fn render_subgraph(
    text: &mut String,
    target: &str,
    g: &NamedSubgraph,
    direction: Direction,
    walk: &Walk,
) {
    let what = match direction {
        Direction::Callers => "callers",
        Direction::Callees => "callees",
    };
    let _ = writeln!(
        text,
        "{what} of {target} ({}): {} functions, {} edges, depth <= {}{}",
        g.roots.join(", "),
        g.nodes.len().saturating_sub(g.roots.len()),
        g.edges.len(),
        walk.depth,
        if g.truncated {
            " (cut at the depth limit)"
        } else {
            ""
        }
    );
    let mut by_depth: std::collections::BTreeMap<u32, Vec<&NamedNode>> = Default::default();
    for n in &g.nodes {
        by_depth.entry(n.depth).or_default().push(n);
    }
    for (d, nodes) in &by_depth {
        if *d == 0 {
            continue;
        }
        let _ = writeln!(text, "  depth {d}:");
        for n in nodes {
            let _ = writeln!(text, "    {}", node_line(n));
            for e in g.edges.iter().filter(|e| match direction {
                Direction::Callers => e.caller == n.function,
                Direction::Callees => e.callee == n.function,
            }) {
                let other = match direction {
                    Direction::Callers => &e.callee,
                    Direction::Callees => &e.caller,
                };
                let arrow = match direction {
                    Direction::Callers => "calls",
                    Direction::Callees => "called by",
                };
                let _ = writeln!(
                    text,
                    "      {arrow} {other} at {}:{}:{}{}",
                    e.file,
                    e.line,
                    e.column,
                    route_note(e)
                );
            }
        }
    }
    if direction == Direction::Callees {
        let unknown: Vec<&NamedEdge> = g.edges.iter().filter(|e| e.callee.is_empty()).collect();
        if !unknown.is_empty() {
            let _ = writeln!(text, "  calls with unknown callees: {}", unknown.len());
            for e in unknown {
                let _ = writeln!(
                    text,
                    "    in {} at {}:{}:{}{}",
                    e.caller,
                    e.file,
                    e.line,
                    e.column,
                    route_note(e)
                );
            }
        }
    }
    if direction == Direction::Callers {
        render_reach(text, g, "  ");
    }
    text.push('\n');
}

fn render_reach(text: &mut String, g: &NamedSubgraph, indent: &str) {
    let _ = writeln!(text, "{indent}entry points reached: {}", g.entries.len());
    for n in &g.entries {
        let _ = writeln!(
            text,
            "{indent}  {} (depth {})  {}",
            n.function,
            n.depth,
            n.entry.join("; ")
        );
    }
    if !g.without_callers.is_empty() {
        let _ = writeln!(
            text,
            "{indent}no callers and not an entry point (called through a function value, from outside the tree, or dead): {}",
            g.without_callers.join(", ")
        );
    }
    if !g.unresolved_same_name.is_empty() {
        let _ = writeln!(
            text,
            "{indent}unresolved calls of the same names (possible further callers): {}",
            g.unresolved_same_name.len()
        );
        for e in g.unresolved_same_name.iter().take(10) {
            let _ = writeln!(
                text,
                "{indent}  in {} at {}:{}:{}",
                e.caller, e.file, e.line, e.column
            );
        }
    }
    for (i, path) in g.examples.iter().enumerate() {
        let Some(first) = path.first() else { continue };
        let mut line = first.caller.clone();
        for e in path {
            let _ = write!(
                line,
                " -> {} ({}:{}){}",
                e.callee,
                e.file,
                e.line,
                route_note(e)
            );
        }
        let _ = writeln!(text, "{indent}example {}: {line}", i + 1);
    }
}

pub struct WritePathArgs<'a> {
    pub tree: &'a TreeArgs,
    pub query: WriteQuery,
    pub format: Format,
}

pub fn writepaths(args: WritePathArgs, threads: usize, quiet: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let (scan, graph, config) = scan_graph(args.tree, threads, quiet)?;
    let graph = &graph;
    let results = run_analyzers(
        &scan,
        &[&Tables],
        PassOptions {
            include_vendor: args.tree.include_vendor,
            config,
            toolchain: Toolchain::detect(),
            threads,
        },
    )?;
    let tables = results
        .of::<Tables>()
        .ok_or_else(|| anyhow!("the tables analyzer gave no result"))?;
    let report = write_paths(&scan, graph, tables, &args.query);
    if !report.known_table {
        let mut known: Vec<&str> = tables.tables.iter().map(|t| t.name.as_str()).collect();
        known.sort_unstable();
        bail!(
            "table {:?} is not accessed in the code nor created by the migrations; known tables: {}",
            report.table,
            known.join(", ")
        );
    }
    match args.format {
        Format::Json => print_json(&report)?,
        Format::Text => emit(&render_writepaths(&report))?,
    }
    if !quiet {
        eprintln!("goseam: {:.2}s", started.elapsed().as_secs_f64());
    }
    Ok(ExitCode::SUCCESS)
}

fn render_writepaths(r: &WritePaths) -> String {
    let mut text = String::new();
    let mut what = r.table.clone();
    if let Some(c) = &r.column {
        let _ = write!(what, ".{c}");
    }
    if let Some(op) = r.op {
        let _ = write!(what, " ({op:?})");
    }
    let _ = writeln!(
        text,
        "writes to {what}: {} write sites, {} distinct entry points{}",
        r.writes.len(),
        r.entry_points,
        if r.complete {
            ""
        } else {
            " (incomplete: see below)"
        }
    );
    for w in &r.writes {
        let a = &w.write;
        let op = a
            .operation
            .map(|o| format!("{o:?}").to_lowercase())
            .unwrap_or_default();
        let cols = if a.columns.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.columns.join(", "))
        };
        let _ = writeln!(
            text,
            "\n{op}{cols} at {}:{}:{} in {} [{}]{}",
            a.file,
            a.line,
            a.column,
            w.function,
            a.domain,
            if w.columns_unknown {
                " (columns not listed: may write it)"
            } else {
                ""
            }
        );
        let g = &w.callers;
        let routes: Vec<&str> = g.routes.iter().map(|r| r.as_str()).collect();
        let _ = writeln!(
            text,
            "  {} callers, {} edges, routes: {}{}",
            g.nodes.len().saturating_sub(1),
            g.edges.len(),
            if routes.is_empty() {
                "none".to_string()
            } else {
                routes.join(", ")
            },
            if g.truncated {
                " (cut at the depth limit)"
            } else {
                ""
            }
        );
        for e in &g.edges {
            let _ = writeln!(
                text,
                "    {} -> {} at {}:{}:{}{}",
                e.caller,
                e.callee,
                e.file,
                e.line,
                e.column,
                route_note(e)
            );
        }
        render_reach(&mut text, g, "  ");
    }
    if !r.unresolved_sql.is_empty() {
        let _ = writeln!(text, "\nunresolved SQL that may write {} too:", r.table);
        for u in &r.unresolved_sql {
            let _ = writeln!(
                text,
                "  {}:{}:{} in {}: {}",
                u.file, u.line, u.column, u.function, u.reason
            );
        }
    }
    text
}
