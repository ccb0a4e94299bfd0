//! The call graph's differential test against go/types on the Go
//! distribution's source.
//!
//! `corpus/gotypes` type-checks `std` and `cmd` with their tests
//! (GOOS=linux, GOARCH=amd64, CGO_ENABLED=0) and lists every call site and
//! function reference with its callee's and its caller's `FullName()`.
//! `goseam callgraph` lists every edge of the whole tree's call graph. On the
//! files go/types checked, both are compared site by site — (file, line,
//! column) of the callee identifier — with names normalized (no `vendor/`
//! prefixes, no type parameter lists). Required:
//!
//! - static calls: >= 98% recall (go/types static calls that goseam reports
//!   as a static edge to the same callee) and >= 98% precision (goseam static
//!   edges that go/types reports as a static call to the same callee);
//! - callers: at the sites both report, goseam's caller is go/types' for
//!   >= 98% of them;
//! - `goseam callers TARGET… --include-tests --depth 1`, for a dozen
//!   targets: the set of distinct callers by static call agrees with
//!   go/types' (recall and precision of the caller set >= 98%); go/types
//!   checked the tests, hence `--include-tests`.
//!
//! Interface calls, static references and dynamic calls (goseam: dynamic or
//! unresolved) are compared and reported, without a threshold. The table of figures and the disagreements,
//! grouped into classes ranked by count with three examples each, are printed
//! (run with `--nocapture`) and written to `target/callgraph-differential.md`.

mod common;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{gostd_root, gotypes_calls, normalize, repo_root};
use serde::Deserialize;

const MIN_AGREEMENT: f64 = 0.98;

/// Targets of `goseam callers`: package functions (cross-package and
/// same-package), pointer and value methods, a method mostly reached through
/// embedding, a promoted method and a vendored package's method.
const CALLERS_TARGETS: &[&str] = &[
    "fmt.Sprintf",
    "strings.HasPrefix",
    "errors.New",
    "runtime.throw",
    "go/types.under",
    "(*bytes.Buffer).WriteString",
    "(*os.File).Close",
    "(*sync.Mutex).Lock",
    "(reflect.Value).Kind",
    "(*go/types.Checker).errorf",
    "(*testing.common).Fatalf",
    "(*golang.org/x/crypto/cryptobyte.Builder).AddUint16",
];

/// Disagreement classes shown per comparison, and examples per class.
const CLASSES_SHOWN: usize = 20;
const EXAMPLES_PER_CLASS: usize = 3;

/// One line of `corpus/gotypes`' output.
#[derive(Deserialize)]
struct TruthRecord<'a> {
    #[serde(borrow)]
    file: Cow<'a, str>,
    line: u32,
    column: u32,
    #[serde(borrow)]
    callee: Cow<'a, str>,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    mode: Cow<'a, str>,
    #[serde(borrow, default)]
    via: Cow<'a, str>,
    #[serde(default)]
    promoted: bool,
    #[serde(borrow)]
    caller: Cow<'a, str>,
}

/// One line of `goseam callgraph --format jsonl`.
#[derive(Deserialize)]
struct EdgeRecord<'a> {
    #[serde(borrow)]
    file: Cow<'a, str>,
    line: u32,
    column: u32,
    #[serde(borrow)]
    caller: Cow<'a, str>,
    #[serde(borrow)]
    callee: Cow<'a, str>,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    mode: Cow<'a, str>,
    #[serde(borrow, default)]
    interface: Cow<'a, str>,
    #[serde(borrow, default)]
    reason: Cow<'a, str>,
}

/// One line of `goseam callers --format jsonl`.
#[derive(Deserialize)]
struct CallerEdgeRecord<'a> {
    #[serde(borrow)]
    target: Cow<'a, str>,
    depth: u32,
    #[serde(borrow)]
    caller: Cow<'a, str>,
    #[serde(borrow)]
    callee: Cow<'a, str>,
    #[serde(borrow)]
    file: Cow<'a, str>,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    mode: Cow<'a, str>,
}

/// Strings seen once each: file paths verbatim, function names normalized.
#[derive(Default)]
struct Names {
    ids: HashMap<String, u32>,
    names: Vec<String>,
    /// Raw spelling -> id of its normalized form.
    normalized: HashMap<String, u32>,
}

impl Names {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }

    fn function(&mut self, raw: &str) -> u32 {
        if let Some(&id) = self.normalized.get(raw) {
            return id;
        }
        let id = self.id(&normalize(raw));
        self.normalized.insert(raw.to_string(), id);
        id
    }

    fn get(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Kind {
    Call,
    Reference,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        match s {
            "call" => Some(Kind::Call),
            "reference" => Some(Kind::Reference),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Call => "call",
            Kind::Reference => "reference",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Mode {
    Static,
    Interface,
    Dispatch,
    Dynamic,
    Unresolved,
}

impl Mode {
    fn parse(s: &str) -> Option<Mode> {
        match s {
            "static" => Some(Mode::Static),
            "interface" => Some(Mode::Interface),
            "dispatch" => Some(Mode::Dispatch),
            "dynamic" => Some(Mode::Dynamic),
            "unresolved" => Some(Mode::Unresolved),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Mode::Static => "static",
            Mode::Interface => "interface",
            Mode::Dispatch => "dispatch",
            Mode::Dynamic => "dynamic",
            Mode::Unresolved => "unresolved",
        }
    }
}

/// (file id, line, column, kind): go/types has at most one record there.
type Site = (u32, u32, u32, Kind);

/// What go/types says of a site.
struct Fact {
    mode: Mode,
    callee: u32,
    caller: u32,
    /// What a dynamic callee is (`local`, `field`, …).
    via: u32,
    promoted: bool,
    /// The callee as go/types spells it, for classifying disagreements.
    raw_callee: u32,
}

/// One goseam edge (dispatch edges are only counted).
struct Edge {
    mode: Mode,
    callee: u32,
    caller: u32,
    reason: u32,
}

struct Truth {
    names: Names,
    checked: BTreeSet<String>,
    facts: HashMap<Site, Fact>,
    /// Every function go/types names, as a callee or as a caller.
    functions: HashSet<u32>,
}

impl Truth {
    /// Sites in file, line, column order, so that reports do not depend on
    /// hashing.
    fn sorted<'s>(&self, sites: impl Iterator<Item = &'s Site>) -> Vec<Site> {
        let mut v: Vec<Site> = sites.copied().collect();
        v.sort_by(|a, b| {
            (self.names.get(a.0), a.1, a.2, a.3).cmp(&(self.names.get(b.0), b.1, b.2, b.3))
        });
        v
    }
}

fn read_truth(calls: &Path) -> Truth {
    let mut names = Names::default();
    let list = calls.with_file_name("calls.files.txt");
    let checked: BTreeSet<String> = std::fs::read_to_string(&list)
        .unwrap_or_else(|e| panic!("{}: {e}", list.display()))
        .lines()
        .map(str::to_string)
        .collect();
    let mut facts = HashMap::new();
    let mut functions = HashSet::new();
    let text = std::fs::read_to_string(calls).unwrap();
    for line in text.lines() {
        let r: TruthRecord =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("go/types record {line}: {e}"));
        let kind = Kind::parse(&r.kind).unwrap_or_else(|| panic!("unknown kind: {line}"));
        let mode = Mode::parse(&r.mode).unwrap_or_else(|| panic!("unknown mode: {line}"));
        let site = (names.id(&r.file), r.line, r.column, kind);
        let fact = Fact {
            mode,
            callee: names.function(&r.callee),
            caller: names.function(&r.caller),
            via: names.id(&r.via),
            promoted: r.promoted,
            raw_callee: names.id(&r.callee),
        };
        functions.insert(fact.caller);
        if matches!(mode, Mode::Static | Mode::Interface) {
            functions.insert(fact.callee);
        }
        assert!(
            facts.insert(site, fact).is_none(),
            "two go/types records at {line}"
        );
    }
    Truth {
        names,
        checked,
        facts,
        functions,
    }
}

/// Runs goseam with its standard output going to `out` (the call graph of
/// the whole tree is too big to hold twice in memory); panics with its
/// stderr if it fails.
fn goseam_to_file(args: &[&str], out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(args)
        .stdout(File::create(out).unwrap())
        .stderr(Stdio::piped())
        .output()
        .expect("goseam binary runs");
    assert!(
        status.status.success(),
        "goseam {args:?} failed ({}):\n{}",
        status.status,
        String::from_utf8_lossy(&status.stderr)
    );
}

/// goseam's edges in the files go/types checked, by site.
#[derive(Default)]
struct Graph {
    edges: HashMap<Site, Vec<Edge>>,
    by_mode: BTreeMap<(Kind, Mode), usize>,
    /// Edges in files go/types did not check (other platforms, testdata…).
    outside: usize,
    /// Dispatch edges: how many, at how many sites, how many without an
    /// `interface` edge at the same site, how many without `interface` field.
    dispatch_sites: BTreeSet<Site>,
    /// Lines listing a dispatch set.
    dispatch_sets: usize,
    dispatch_without_interface_field: usize,
    /// Dispatch edges whose callee's method name is not the interface
    /// method's.
    dispatch_renamed: usize,
    /// Sites whose edges name different callers.
    inconsistent_callers: Vec<Site>,
    /// Per site, the caller goseam names.
    callers: HashMap<Site, u32>,
}

fn read_graph(path: &Path, truth: &mut Truth) -> Graph {
    let mut g = Graph::default();
    let file = BufReader::with_capacity(1 << 20, File::open(path).unwrap());
    let mut checked_ids: HashMap<String, Option<u32>> = HashMap::new();
    for line in file.lines() {
        let line = line.unwrap();
        // The dispatch sets follow the edges; with `--expand-dispatch`
        // the edges already hold what they say, site by site.
        if line.starts_with("{\"dispatch_set\":") {
            g.dispatch_sets += 1;
            continue;
        }
        let r: EdgeRecord = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("goseam callgraph line {line}: {e}"));
        let file_id = match checked_ids.get(r.file.as_ref()) {
            Some(id) => *id,
            None => {
                let id = truth
                    .checked
                    .contains(r.file.as_ref())
                    .then(|| truth.names.id(&r.file));
                checked_ids.insert(r.file.to_string(), id);
                id
            }
        };
        let Some(file_id) = file_id else {
            g.outside += 1;
            continue;
        };
        let kind = Kind::parse(&r.kind)
            .unwrap_or_else(|| panic!("goseam callgraph: unknown kind: {line}"));
        let mode = Mode::parse(&r.mode)
            .unwrap_or_else(|| panic!("goseam callgraph: unknown mode: {line}"));
        let site = (file_id, r.line, r.column, kind);
        *g.by_mode.entry((kind, mode)).or_default() += 1;
        let caller = truth.names.function(&r.caller);
        match g.callers.get(&site) {
            None => {
                g.callers.insert(site, caller);
            }
            Some(&c) if c != caller => g.inconsistent_callers.push(site),
            Some(_) => {}
        }
        if mode == Mode::Dispatch {
            g.dispatch_sites.insert(site);
            if r.interface.is_empty() {
                g.dispatch_without_interface_field += 1;
            } else if last_name(&r.callee) != last_name(&r.interface) {
                g.dispatch_renamed += 1;
            }
            continue;
        }
        let edge = Edge {
            mode,
            callee: truth.names.function(&r.callee),
            caller,
            reason: truth.names.id(&reason_class(&r.reason)),
        };
        g.edges.entry(site).or_default().push(edge);
    }
    g
}

/// A reason without its specifics (names in backticks or quotes), so that
/// reasons group into classes.
fn reason_class(reason: &str) -> String {
    let mut out = String::new();
    let mut quote = None;
    for c in reason.chars() {
        match quote {
            Some(q) if c == q => {
                out.push('…');
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None if c == '`' || c == '"' || c == '\'' => {
                out.push(c);
                quote = Some(c);
            }
            None => out.push(c),
        }
    }
    out.chars().take(100).collect()
}

/// Disagreements grouped into classes, with the first examples of each.
#[derive(Default)]
struct Classes {
    count: BTreeMap<String, usize>,
    examples: BTreeMap<String, Vec<String>>,
}

impl Classes {
    fn add(&mut self, class: String, example: impl FnOnce() -> String) {
        let n = self.count.entry(class.clone()).or_default();
        *n += 1;
        if *n <= EXAMPLES_PER_CLASS {
            self.examples.entry(class).or_default().push(example());
        }
    }

    fn total(&self) -> usize {
        self.count.values().sum()
    }

    /// The classes ranked by count, with examples, as Markdown.
    fn render(&self, title: &str) -> String {
        let mut out = format!("### {title}: {} in total\n\n", self.total());
        let mut ranked: Vec<(&String, &usize)> = self.count.iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (class, n) in ranked.iter().take(CLASSES_SHOWN) {
            let _ = writeln!(out, "- **{n}** × {class}");
            for ex in &self.examples[*class] {
                let _ = writeln!(out, "  - {ex}");
            }
        }
        if ranked.len() > CLASSES_SHOWN {
            let rest: usize = ranked[CLASSES_SHOWN..].iter().map(|(_, n)| **n).sum();
            let _ = writeln!(
                out,
                "- … {} more classes, {rest} disagreements",
                ranked.len() - CLASSES_SHOWN
            );
        }
        out.push('\n');
        out
    }
}

/// The shape of a callee as go/types spells it: what kind of function, and
/// what makes it hard (embedding, generics, vendoring).
fn callee_shape(raw: &str, promoted: bool) -> String {
    let mut shape = String::from(if raw.starts_with("(interface)") {
        "anonymous interface method"
    } else if raw.starts_with('(') {
        "method"
    } else {
        "function"
    });
    if promoted {
        shape.push_str(", promoted");
    }
    if raw.contains('[') {
        shape.push_str(", generic");
    }
    if raw.contains("vendor/") {
        shape.push_str(", vendored");
    }
    shape
}

/// A function name's package: `a/b` of `a/b.F`, `(*a/b.T).M`, `(a/b.T).M`.
fn package_of(name: &str) -> &str {
    let inner = match name.strip_prefix('(') {
        Some(rest) => rest
            .trim_start_matches('*')
            .split(')')
            .next()
            .unwrap_or(rest),
        None => name,
    };
    let slash = inner.rfind('/').map_or(0, |i| i + 1);
    match inner[slash..].find('.') {
        Some(dot) => &inner[..slash + dot],
        None => inner,
    }
}

/// The last name of a function: `M` of `(*p.T).M`, `F` of `p.F`.
fn last_name(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

fn caller_shape(name: &str) -> &'static str {
    if name.is_empty() {
        "empty"
    } else if name.ends_with(".init") {
        "package initializer"
    } else if name.starts_with('(') {
        "method"
    } else {
        "function"
    }
}

/// Why go/types may have no record where goseam has an edge to `callee`.
fn no_record_class(truth: &Truth, callee: u32) -> String {
    let name = truth.names.get(callee);
    let what = if name.starts_with("unsafe.") {
        format!("the callee is `{name}` (go/types: a conversion or a builtin)")
    } else if last_name(name) == "_" {
        "the callee is a blank identifier `_`".to_string()
    } else if name.is_empty() {
        "no callee".to_string()
    } else if !truth.functions.contains(&callee) {
        format!(
            "the callee is no function go/types knows (a variable, constant or type?) — {}",
            callee_shape(name, false)
        )
    } else {
        format!(
            "the callee is a function (a conversion, a builtin or not a use?) — {}",
            callee_shape(name, false)
        )
    };
    format!("no go/types record: {what}")
}

/// Site comparison of one (kind, mode) bucket.
struct Comparison {
    label: String,
    expected: usize,
    got: usize,
    recalled: usize,
    precise: usize,
    missed: Classes,
    extra: Classes,
}

impl Comparison {
    fn recall(&self) -> f64 {
        ratio(self.recalled, self.expected)
    }

    fn precision(&self) -> f64 {
        ratio(self.precise, self.got)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn site_text(names: &Names, site: &Site) -> String {
    format!("{}:{}:{}", names.get(site.0), site.1, site.2)
}

fn describe_fact(names: &Names, f: &Fact) -> String {
    match f.mode {
        Mode::Dynamic | Mode::Unresolved => format!(
            "go/types {} (via {}) in `{}`",
            f.mode.name(),
            names.get(f.via),
            names.get(f.caller)
        ),
        _ => format!(
            "go/types {} `{}` in `{}`",
            f.mode.name(),
            names.get(f.raw_callee),
            names.get(f.caller)
        ),
    }
}

fn describe_edges(names: &Names, edges: &[Edge]) -> String {
    if edges.is_empty() {
        return "goseam: no edge".into();
    }
    let parts: Vec<String> = edges
        .iter()
        .map(|e| match e.mode {
            Mode::Dynamic | Mode::Unresolved => format!(
                "{} ({}) in `{}`",
                e.mode.name(),
                names.get(e.reason),
                names.get(e.caller)
            ),
            _ => format!(
                "{} `{}` in `{}`",
                e.mode.name(),
                names.get(e.callee),
                names.get(e.caller)
            ),
        })
        .collect();
    format!("goseam: {}", parts.join("; "))
}

/// Compares the go/types records of `kind`/`mode` with goseam's edges of
/// the same kind and mode, site by site and callee by callee.
fn compare(truth: &Truth, graph: &Graph, kind: Kind, mode: Mode) -> Comparison {
    let names = &truth.names;
    let no_edges: &[Edge] = &[];
    let mut c = Comparison {
        label: format!("{} {}", mode.name(), kind.name()),
        expected: 0,
        got: 0,
        recalled: 0,
        precise: 0,
        missed: Classes::default(),
        extra: Classes::default(),
    };
    for site in &truth.sorted(truth.facts.keys()) {
        let fact = &truth.facts[site];
        if site.3 != kind || fact.mode != mode {
            continue;
        }
        c.expected += 1;
        let edges = graph.edges.get(site).map_or(no_edges, Vec::as_slice);
        if edges
            .iter()
            .any(|e| e.mode == mode && e.callee == fact.callee)
        {
            c.recalled += 1;
            continue;
        }
        let shape = callee_shape(names.get(fact.raw_callee), fact.promoted);
        let class = if edges.is_empty() {
            if graph.dispatch_sites.contains(site) {
                format!("goseam has only dispatch edges ({shape})")
            } else {
                format!("no goseam edge at the site ({shape})")
            }
        } else if let Some(e) = edges.iter().find(|e| e.mode == mode) {
            let other = names.get(e.callee);
            let expected = names.get(fact.callee);
            if last_name(other) == last_name(expected) {
                format!(
                    "goseam {}, same name on another receiver or package ({shape})",
                    mode.name()
                )
            } else if package_of(other) == package_of(expected) {
                format!(
                    "goseam {}, another function of the package ({shape})",
                    mode.name()
                )
            } else {
                format!("goseam {}, another callee ({shape})", mode.name())
            }
        } else {
            let e = &edges[0];
            match e.mode {
                Mode::Dynamic | Mode::Unresolved => format!(
                    "goseam {}: {} ({shape})",
                    e.mode.name(),
                    names.get(e.reason)
                ),
                m => format!("goseam {} ({shape})", m.name()),
            }
        };
        c.missed.add(class, || {
            format!(
                "{} — {} — {}",
                site_text(names, site),
                describe_fact(names, fact),
                describe_edges(names, edges)
            )
        });
    }
    for site in &truth.sorted(graph.edges.keys()) {
        let edges = &graph.edges[site];
        if site.3 != kind {
            continue;
        }
        for e in edges.iter().filter(|e| e.mode == mode) {
            c.got += 1;
            let fact = truth.facts.get(site);
            if fact.is_some_and(|f| f.mode == mode && f.callee == e.callee) {
                c.precise += 1;
                continue;
            }
            let callee = names.get(e.callee);
            let class = match fact {
                None => {
                    let other_kind = match kind {
                        Kind::Call => Kind::Reference,
                        Kind::Reference => Kind::Call,
                    };
                    if let Some(f) = truth.facts.get(&(site.0, site.1, site.2, other_kind)) {
                        format!("go/types: a {} {}", f.mode.name(), other_kind.name())
                    } else {
                        no_record_class(truth, e.callee)
                    }
                }
                Some(f) if f.mode == mode => {
                    let expected = names.get(f.callee);
                    let shape = callee_shape(names.get(f.raw_callee), f.promoted);
                    if last_name(callee) == last_name(expected) {
                        format!(
                            "go/types {}, same name on another receiver or package ({shape})",
                            mode.name()
                        )
                    } else {
                        format!("go/types {}, another callee ({shape})", mode.name())
                    }
                }
                Some(f) if matches!(f.mode, Mode::Dynamic | Mode::Unresolved) => {
                    format!("go/types {} via {}", f.mode.name(), names.get(f.via))
                }
                Some(f) => format!(
                    "go/types {} ({})",
                    f.mode.name(),
                    callee_shape(names.get(f.raw_callee), f.promoted)
                ),
            };
            c.extra.add(class, || {
                let told = fact.map_or("go/types: no record".to_string(), |f| {
                    describe_fact(names, f)
                });
                format!(
                    "{} — {} — {}",
                    site_text(names, site),
                    told,
                    describe_edges(names, edges)
                )
            });
        }
    }
    c
}

/// go/types' dynamic calls against goseam's dynamic and unresolved call
/// edges: a call through a function value has no callee, and goseam must
/// say so rather than drop the site.
fn compare_dynamic(truth: &Truth, graph: &Graph) -> Comparison {
    let names = &truth.names;
    let no_edges: &[Edge] = &[];
    let unknown = |e: &Edge| matches!(e.mode, Mode::Dynamic | Mode::Unresolved);
    let mut c = Comparison {
        label: "dynamic call (goseam: dynamic or unresolved)".into(),
        expected: 0,
        got: 0,
        recalled: 0,
        precise: 0,
        missed: Classes::default(),
        extra: Classes::default(),
    };
    for site in &truth.sorted(truth.facts.keys()) {
        let fact = &truth.facts[site];
        if site.3 != Kind::Call || fact.mode != Mode::Dynamic {
            continue;
        }
        c.expected += 1;
        let edges = graph.edges.get(site).map_or(no_edges, Vec::as_slice);
        if edges.iter().any(unknown) {
            c.recalled += 1;
            continue;
        }
        let goseam = match edges.first() {
            None => "no goseam edge at the site".to_string(),
            Some(e) => format!("goseam {}", e.mode.name()),
        };
        c.missed.add(
            format!("go/types via {}: {goseam}", names.get(fact.via)),
            || {
                format!(
                    "{} — {} — {}",
                    site_text(names, site),
                    describe_fact(names, fact),
                    describe_edges(names, edges)
                )
            },
        );
    }
    for site in &truth.sorted(graph.edges.keys()) {
        let edges = &graph.edges[site];
        if site.3 != Kind::Call {
            continue;
        }
        for e in edges.iter().filter(|e| unknown(e)) {
            c.got += 1;
            let fact = truth.facts.get(site);
            if fact.is_some_and(|f| f.mode == Mode::Dynamic) {
                c.precise += 1;
                continue;
            }
            let class = match fact {
                None => format!("goseam {}, no go/types record", e.mode.name()),
                Some(f) => format!(
                    "goseam {}: {} — go/types {} ({})",
                    e.mode.name(),
                    names.get(e.reason),
                    f.mode.name(),
                    callee_shape(names.get(f.raw_callee), f.promoted)
                ),
            };
            c.extra.add(class, || {
                let told = fact.map_or("go/types: no record".to_string(), |f| {
                    describe_fact(names, f)
                });
                format!(
                    "{} — {} — {}",
                    site_text(names, site),
                    told,
                    describe_edges(names, edges)
                )
            });
        }
    }
    c
}

/// Callers at the sites both report.
struct CallerAgreement {
    matched: usize,
    equal: usize,
    mismatches: Classes,
}

fn compare_callers(truth: &Truth, graph: &Graph) -> CallerAgreement {
    let names = &truth.names;
    let mut a = CallerAgreement {
        matched: 0,
        equal: 0,
        mismatches: Classes::default(),
    };
    for site in &truth.sorted(truth.facts.keys()) {
        let fact = &truth.facts[site];
        let Some(&caller) = graph.callers.get(site) else {
            continue;
        };
        a.matched += 1;
        if caller == fact.caller {
            a.equal += 1;
            continue;
        }
        let (want, got) = (names.get(fact.caller), names.get(caller));
        let (ws, gs) = (caller_shape(want), caller_shape(got));
        let detail = if ws != gs {
            ""
        } else if want.replace('*', "") == got.replace('*', "") {
            ", pointer/value receiver spelling"
        } else if got.starts_with(want) {
            ", goseam's name extends go/types'"
        } else if package_of(want) != package_of(got) {
            ", another package"
        } else if last_name(want) == last_name(got) {
            ", same name, another receiver"
        } else {
            ", another function of the package"
        };
        let test = if names.get(site.0).ends_with("_test.go") {
            " (_test.go)"
        } else {
            ""
        };
        let class = format!("go/types {ws} / goseam {gs}{detail}{test}");
        a.mismatches.add(class, || {
            format!(
                "{} {} — go/types `{want}` — goseam `{got}`",
                site_text(names, site),
                site.3.name()
            )
        });
    }
    a
}

/// `goseam callers TARGET --depth 1` against go/types' callers of TARGET.
struct CallerSet {
    target: String,
    expected: BTreeSet<String>,
    got: BTreeSet<String>,
}

impl CallerSet {
    fn common(&self) -> usize {
        self.expected.intersection(&self.got).count()
    }
}

fn callers_of_targets(truth: &Truth, root: &str, dir: &Path) -> Vec<CallerSet> {
    let names = &truth.names;
    let mut sets: Vec<CallerSet> = CALLERS_TARGETS
        .iter()
        .map(|t| CallerSet {
            target: t.to_string(),
            expected: BTreeSet::new(),
            got: BTreeSet::new(),
        })
        .collect();
    let index: HashMap<String, usize> = CALLERS_TARGETS
        .iter()
        .enumerate()
        .map(|(i, t)| (normalize(t), i))
        .collect();
    for (site, fact) in &truth.facts {
        if site.3 != Kind::Call || fact.mode != Mode::Static {
            continue;
        }
        if let Some(&i) = index.get(names.get(fact.callee)) {
            sets[i].expected.insert(names.get(fact.caller).to_string());
        }
    }
    // One run for all targets: each takes as long as the whole call graph.
    // go/types checked the tests too; goseam leaves callers in _test.go
    // files out unless asked.
    let out = dir.join("callers.jsonl");
    let mut args = vec!["callers"];
    args.extend(CALLERS_TARGETS.iter().copied());
    args.extend([
        "--include-tests",
        "--depth",
        "1",
        "--root",
        root,
        "--include-vendor",
        "-q",
        "--format",
        "jsonl",
    ]);
    goseam_to_file(&args, &out);
    for line in BufReader::new(File::open(&out).unwrap()).lines() {
        let line = line.unwrap();
        let r: CallerEdgeRecord = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("goseam callers line {line}: {e}"));
        let wanted = normalize(&r.target);
        let Some(&i) = index.get(&wanted) else {
            panic!("goseam callers: a line for a target not asked for: {line}");
        };
        if r.depth == 1
            && r.kind == "call"
            && r.mode == "static"
            && normalize(&r.callee) == wanted
            && truth.checked.contains(r.file.as_ref())
        {
            sets[i].got.insert(normalize(&r.caller));
        }
    }
    sets
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

#[test]
fn callgraph_agrees_with_go_types() {
    let Some(root) = gostd_root() else { return };
    let root_str = root.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut truth = read_truth(&gotypes_calls(tmp.path()));
    assert!(
        truth.facts.len() > 100_000,
        "go/types listed {} records",
        truth.facts.len()
    );

    let graph_path = tmp.path().join("callgraph.jsonl");
    goseam_to_file(
        &[
            "callgraph",
            "--root",
            root_str,
            "--include-vendor",
            "--expand-dispatch",
            "-q",
            "--format",
            "jsonl",
        ],
        &graph_path,
    );
    let graph = read_graph(&graph_path, &mut truth);
    let _ = std::fs::remove_file(&graph_path);

    let static_calls = compare(&truth, &graph, Kind::Call, Mode::Static);
    let interface_calls = compare(&truth, &graph, Kind::Call, Mode::Interface);
    let static_refs = compare(&truth, &graph, Kind::Reference, Mode::Static);
    let dynamic_calls = compare_dynamic(&truth, &graph);
    let callers = compare_callers(&truth, &graph);
    let caller_sets = callers_of_targets(&truth, root_str, tmp.path());

    // go/types calls goseam says nothing about.
    let mut silent: BTreeMap<Mode, usize> = BTreeMap::new();
    for (site, fact) in &truth.facts {
        if site.3 == Kind::Call
            && !graph.edges.contains_key(site)
            && !graph.dispatch_sites.contains(site)
        {
            *silent.entry(fact.mode).or_default() += 1;
        }
    }
    let dispatch_without_interface_edge = graph
        .dispatch_sites
        .iter()
        .filter(|s| {
            !graph
                .edges
                .get(*s)
                .is_some_and(|es| es.iter().any(|e| e.mode == Mode::Interface))
        })
        .count();

    let mut report = String::from(
        "## Call graph vs go/types (std and cmd with tests, linux/amd64)\n\n\
         | comparison | go/types | goseam | recall | precision | required |\n\
         |---|--:|--:|--:|--:|---|\n",
    );
    let required = format!(">= {}", pct(MIN_AGREEMENT));
    for (c, req) in [
        (&static_calls, required.as_str()),
        (&interface_calls, "reported"),
        (&static_refs, "reported"),
        (&dynamic_calls, "reported"),
    ] {
        let _ = writeln!(
            report,
            "| {} | {} | {} | {} | {} | {req} |",
            c.label,
            c.expected,
            c.got,
            pct(c.recall()),
            pct(c.precision())
        );
    }
    let _ = writeln!(
        report,
        "| callers at sites both report | {} sites | {} equal | {} | | {required} |",
        callers.matched,
        callers.equal,
        pct(ratio(callers.equal, callers.matched))
    );
    let _ = writeln!(
        report,
        "\ngo/types calls with no goseam edge at all at the site: {silent:?}\n\
         goseam edges in the checked files by (kind, mode): {:?}\n\
         goseam edges in files go/types did not check: {}\n\
         dispatch: {} sites, {dispatch_without_interface_edge} of them without an interface edge, \
         {} dispatch edges without an `interface` field, {} to a method of another name; \
         {} dispatch sets\n\
         sites whose goseam edges name different callers: {}{}\n",
        graph.by_mode,
        graph.outside,
        graph.dispatch_sites.len(),
        graph.dispatch_without_interface_field,
        graph.dispatch_renamed,
        graph.dispatch_sets,
        graph.inconsistent_callers.len(),
        graph
            .inconsistent_callers
            .iter()
            .take(3)
            .map(|s| format!(" {}", site_text(&truth.names, s)))
            .collect::<String>()
    );
    report.push_str(
        "### `goseam callers TARGET… --include-tests --depth 1`: distinct callers by static call\n\n\
         | target | go/types | goseam | common | recall | precision |\n|---|--:|--:|--:|--:|--:|\n",
    );
    for s in &caller_sets {
        let _ = writeln!(
            report,
            "| `{}` | {} | {} | {} | {} | {} |",
            s.target,
            s.expected.len(),
            s.got.len(),
            s.common(),
            pct(ratio(s.common(), s.expected.len())),
            pct(ratio(s.common(), s.got.len()))
        );
    }
    report.push('\n');
    report.push_str("## Disagreements, by class\n\n");
    report.push_str(&static_calls.missed.render(
        "go/types static calls goseam does not report as a static call to the same callee",
    ));
    report.push_str(&static_calls.extra.render(
        "goseam static call edges go/types does not report as a static call to the same callee",
    ));
    report.push_str(&callers.mismatches.render("callers that differ"));
    report.push_str(&interface_calls.missed.render(
        "go/types interface calls goseam does not report as an interface call to the same method",
    ));
    report.push_str(&interface_calls.extra.render(
        "goseam interface call edges go/types does not report as an interface call to the same method",
    ));
    report.push_str(
        &static_refs
            .missed
            .render("go/types static references goseam does not report as a static reference"),
    );
    report.push_str(
        &static_refs
            .extra
            .render("goseam static reference edges go/types does not report as a static reference"),
    );
    report.push_str(
        &dynamic_calls
            .missed
            .render("go/types dynamic calls goseam does not report as dynamic or unresolved"),
    );
    report.push_str(
        &dynamic_calls
            .extra
            .render("goseam dynamic or unresolved call edges where go/types has no dynamic call"),
    );
    for s in &caller_sets {
        let missing: Vec<&String> = s.expected.difference(&s.got).take(5).collect();
        let extra: Vec<&String> = s.got.difference(&s.expected).take(5).collect();
        if !missing.is_empty() || !extra.is_empty() {
            let _ = writeln!(
                report,
                "- callers of `{}`: missing {missing:?}, extra {extra:?}",
                s.target
            );
        }
    }
    eprintln!("{report}");
    let path = repo_root().join("target/callgraph-differential.md");
    let _ = std::fs::create_dir_all(path.parent().unwrap());
    let _ = std::fs::write(&path, &report);

    let mut failures = Vec::new();
    if static_calls.recall() < MIN_AGREEMENT || static_calls.precision() < MIN_AGREEMENT {
        failures.push(format!(
            "static calls: recall {}, precision {} (min {})",
            pct(static_calls.recall()),
            pct(static_calls.precision()),
            pct(MIN_AGREEMENT)
        ));
    }
    let agreement = ratio(callers.equal, callers.matched);
    if agreement < MIN_AGREEMENT || callers.matched == 0 {
        failures.push(format!(
            "callers: {} of {} sites agree ({}, min {})",
            callers.equal,
            callers.matched,
            pct(agreement),
            pct(MIN_AGREEMENT)
        ));
    }
    for s in &caller_sets {
        let (recall, precision) = (
            ratio(s.common(), s.expected.len()),
            ratio(s.common(), s.got.len()),
        );
        if s.expected.is_empty() {
            failures.push(format!(
                "{}: go/types found no callers; pick another target",
                s.target
            ));
        }
        if recall < MIN_AGREEMENT || precision < MIN_AGREEMENT {
            failures.push(format!(
                "callers of {}: recall {}, precision {} (min {})",
                s.target,
                pct(recall),
                pct(precision),
                pct(MIN_AGREEMENT)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(details above and in {})",
        failures.join("\n"),
        path.display()
    );
}
