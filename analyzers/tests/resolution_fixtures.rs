//! Resolution fixtures: one tiny Go module per resolution rule under
//! `corpus/fixtures/resolve/`, with the expected call sites written inline
//! as `// want` comments. Every fixture is run through goseam's call-site
//! resolution for the targets its comments mention, and the sites found
//! must equal the sites expected, exactly (a missing site is a false
//! negative, an unexpected one a false positive).
//!
//! Comment syntax, on the line of the called or referenced identifier:
//!
//! ```text
//! // want "TARGET"                      a resolved call of TARGET
//! // want ref "TARGET"                  a resolved reference (method value,
//!                                       function value, method expression)
//! // want unresolved "TARGET"           the name matches TARGET but the
//!                                       site cannot be resolved (status
//!                                       only; the reason is not checked)
//! // want "a.F" ref "(*a.T).M"          several sites on one line; a
//!                                       keyword applies to the next string
//! // want "TARGET" func="F.func1"       also check the site's `function`
//! ```
//!
//! TARGET is go/types' `Func.FullName()` spelling, as goseam prints it for
//! resolved sites (`(*example.com/g.List[T]).Push`). For unresolved sites
//! goseam prints the target as parsed (type parameters dropped), and both
//! sides are compared in that form. A line with no `want` must produce no
//! site of any target of its fixture. Files under `vendor/` and `testdata/`
//! are not read for expectations (vendored sites are not reported).
//!
//! Set `GOSEAM_FIXTURE=name[,name…]` to run only some fixtures.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use goseam_analyzers::callsites::{
    find_call_sites, resolve_short, CallKind, CallSiteOptions, Status, Target,
};
use goseam_engine::resolve::query::{prepare, resolve_names, Prepared};
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::ScanOptions;

const MIN_FIXTURES: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Call,
    Ref,
    Unresolved,
}

/// One expected site.
#[derive(Debug, Clone)]
struct Want {
    file: String,
    line: u32,
    kind: Kind,
    target: String,
    function: Option<String>,
}

/// What is compared: file, line, target, call/reference, status.
type Key = (String, u32, String, &'static str, &'static str);

fn kind_str(k: CallKind) -> &'static str {
    match k {
        CallKind::Call => "call",
        CallKind::Reference => "reference",
    }
}

fn status_str(s: Status) -> &'static str {
    match s {
        Status::Resolved => "resolved",
        Status::Unresolved => "unresolved",
    }
}

fn show(k: &Key) -> String {
    format!("{}:{}  {} {} {}", k.0, k.1, k.4, k.3, k.2)
}

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/fixtures/resolve")
}

/// The `.go` files of a fixture (relative, `/`-separated), without
/// `vendor/`, `testdata/` and `_`/`.` directories, as the go tool skips them.
fn go_files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            if path.is_dir() {
                if name == "vendor"
                    || name == "testdata"
                    || name.starts_with('_')
                    || name.starts_with('.')
                {
                    continue;
                }
                walk(root, &path, out);
            } else if name.ends_with(".go") {
                let rel = path.strip_prefix(root).expect("under the root");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A double-quoted string at the start of `s`: (contents, rest).
fn quoted(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix('"')?;
    let end = s.find('"')?;
    Some((&s[..end], &s[end + 1..]))
}

/// Parse what follows `// want` on one line.
fn parse_want(file: &str, line: u32, text: &str) -> Result<Vec<Want>, String> {
    let mut out: Vec<Want> = Vec::new();
    let mut rest = text.trim_start();
    let err = |msg: &str| format!("{file}:{line}: bad want comment ({msg}): {text:?}");
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("func=") {
            let (f, r) = quoted(r).ok_or_else(|| err("func= needs a quoted name"))?;
            let last = out
                .last_mut()
                .ok_or_else(|| err("func= must follow a target"))?;
            if last.function.is_some() {
                return Err(err("two func= for one target"));
            }
            last.function = Some(f.to_string());
            rest = r.trim_start();
            continue;
        }
        let (kind, r) = if let Some(r) = rest.strip_prefix("ref ") {
            (Kind::Ref, r.trim_start())
        } else if let Some(r) = rest.strip_prefix("unresolved ") {
            (Kind::Unresolved, r.trim_start())
        } else {
            (Kind::Call, rest)
        };
        let (target, r) = quoted(r).ok_or_else(|| err("expected a quoted target"))?;
        if target.is_empty() {
            return Err(err("empty target"));
        }
        out.push(Want {
            file: file.to_string(),
            line,
            kind,
            target: target.to_string(),
            function: None,
        });
        rest = r.trim_start();
    }
    if out.is_empty() {
        return Err(err("no target"));
    }
    Ok(out)
}

/// Every `// want` of a fixture.
fn parse_fixture(dir: &Path) -> Result<Vec<Want>, Vec<String>> {
    let mut wants = Vec::new();
    let mut errors = Vec::new();
    for file in go_files(dir) {
        let src = match std::fs::read_to_string(dir.join(&file)) {
            Ok(s) => s,
            Err(e) => {
                errors.push(format!("{file}: {e}"));
                continue;
            }
        };
        for (i, text) in src.lines().enumerate() {
            let line = i as u32 + 1;
            let Some(at) = text.find("// want") else {
                continue;
            };
            let after = &text[at + "// want".len()..];
            if !(after.is_empty() || after.starts_with(' ')) {
                continue; // `// wanted …`: prose
            }
            match parse_want(&file, line, after) {
                Ok(ws) => {
                    // The called name must be on the line (catches wants
                    // that drifted off their call).
                    let code = &text[..at];
                    for w in &ws {
                        match Target::parse(&w.target) {
                            Ok(t) if code.contains(t.name()) => {}
                            Ok(t) => errors.push(format!(
                                "{file}:{line}: want {:?}, but the line does not mention {}",
                                w.target,
                                t.name()
                            )),
                            Err(e) => errors.push(format!("{file}:{line}: bad target {e}")),
                        }
                    }
                    wants.extend(ws);
                }
                Err(e) => errors.push(e),
            }
        }
    }
    if errors.is_empty() {
        Ok(wants)
    } else {
        Err(errors)
    }
}

/// How goseam prints an unresolved site's target: the parsed target's full
/// name (type parameters dropped).
fn unresolved_spelling(target: &str) -> String {
    Target::parse(target)
        .map(|t| t.full_name())
        .unwrap_or_else(|_| target.to_string())
}

fn expected_key(w: &Want) -> Key {
    let (target, kind, status) = match w.kind {
        Kind::Call => (w.target.clone(), "call", "resolved"),
        Kind::Ref => (w.target.clone(), "reference", "resolved"),
        // Unresolved sites are calls or references; the want does not say
        // which, so the comparison below matches either.
        Kind::Unresolved => (unresolved_spelling(&w.target), "*", "unresolved"),
    };
    (w.file.clone(), w.line, target, kind, status)
}

/// What goseam resolved every site of `names` on a line to, for the
/// failure report (also sites that are not any target's).
fn raw_sites(prepared: &Prepared, names: &[String]) -> BTreeMap<(String, u32), Vec<String>> {
    let mut out: BTreeMap<(String, u32), Vec<String>> = BTreeMap::new();
    for f in resolve_names(prepared, names).files {
        for s in f.sites {
            out.entry((f.path.clone(), s.position.line))
                .or_default()
                .push(format!(
                    "{} {:?} at col {} in {}: {:?}",
                    s.name, s.kind, s.position.column, s.function, s.callee
                ));
        }
    }
    out
}

/// Run one fixture; the failure report, if it fails.
fn run_fixture(name: &str, dir: &Path, toolchain: &Toolchain) -> Result<usize, String> {
    let wants = parse_fixture(dir).map_err(|errs| errs.join("\n"))?;
    if wants.is_empty() {
        return Err("no `// want` comments".to_string());
    }
    let mut spellings: Vec<String> = wants.iter().map(|w| w.target.clone()).collect();
    spellings.sort();
    spellings.dedup();
    let mut targets: Vec<Target> = spellings
        .iter()
        .map(|s| Target::parse(s))
        .collect::<Result<_, _>>()?;
    targets.sort();
    targets.dedup();
    let prepared = prepare(&ScanOptions::new(dir), toolchain.clone())
        .map_err(|e| format!("prepare failed: {e}"))?;
    let targets = resolve_short(&prepared, targets)?;
    let report = find_call_sites(
        &prepared,
        &targets,
        CallSiteOptions {
            include_tests: true,
            include_unresolved: true,
            include_vendor: false,
        },
    );

    let mut got: BTreeMap<Key, Vec<&goseam_analyzers::callsites::CallSite>> = BTreeMap::new();
    for s in &report.sites {
        let key: Key = (
            s.file.clone(),
            s.line,
            s.target.clone(),
            kind_str(s.kind),
            status_str(s.status),
        );
        got.entry(key).or_default().push(s);
    }
    let expected: Vec<(Key, &Want)> = wants.iter().map(|w| (expected_key(w), w)).collect();

    // Match expectations against what goseam found.
    let mut used: BTreeSet<Key> = BTreeSet::new();
    let mut missing: Vec<(Key, &Want)> = Vec::new();
    let mut wrong_function: Vec<String> = Vec::new();
    for (k, w) in &expected {
        let candidates: Vec<&Key> = got
            .keys()
            .filter(|g| {
                g.0 == k.0 && g.1 == k.1 && g.2 == k.2 && g.4 == k.4 && (k.3 == "*" || g.3 == k.3)
            })
            .collect();
        match candidates.first() {
            None => missing.push((k.clone(), w)),
            Some(g) => {
                let g = (*g).clone();
                if let Some(f) = &w.function {
                    let functions: Vec<&str> =
                        got[&g].iter().map(|s| s.function.as_str()).collect();
                    if !functions.contains(&f.as_str()) {
                        wrong_function.push(format!(
                            "{}: function {:?}, want {f:?}",
                            show(&g),
                            functions
                        ));
                    }
                }
                used.insert(g);
            }
        }
    }
    let unexpected: Vec<&Key> = got.keys().filter(|g| !used.contains(*g)).collect();
    if missing.is_empty() && unexpected.is_empty() && wrong_function.is_empty() {
        return Ok(expected.len());
    }

    // Context for the report: what goseam made of the names on those lines.
    let names: Vec<String> = {
        let mut v: Vec<String> = targets.iter().map(|t| t.name().to_string()).collect();
        v.sort();
        v.dedup();
        v
    };
    let raw = raw_sites(&prepared, &names);
    let mut msg = String::new();
    let _ = writeln!(
        msg,
        "{name}: {} expected, {} found: {} missing, {} unexpected, {} wrong function",
        expected.len(),
        report.sites.len(),
        missing.len(),
        unexpected.len(),
        wrong_function.len()
    );
    for (k, w) in &missing {
        let _ = writeln!(msg, "  missing     {}", show(k));
        let on_line = raw.get(&(w.file.clone(), w.line));
        match on_line {
            Some(list) => {
                for s in list {
                    let _ = writeln!(msg, "                goseam: {s}");
                }
            }
            None => {
                let _ = writeln!(
                    msg,
                    "                goseam: no site of these names on the line"
                );
            }
        }
    }
    for g in &unexpected {
        let _ = writeln!(msg, "  unexpected  {}", show(g));
        for s in &got[*g] {
            if let Some(r) = &s.reason {
                let _ = writeln!(msg, "                reason: {r}");
            }
        }
    }
    for f in &wrong_function {
        let _ = writeln!(msg, "  function    {f}");
    }
    Err(msg)
}

#[test]
fn want_comments_parse() {
    let ws = parse_want(
        "a.go",
        3,
        r#" "a.F" ref "(*a.T).M" unresolved "b.G" func="F.func1""#,
    )
    .unwrap();
    assert_eq!(ws.len(), 3);
    assert_eq!((ws[0].kind, ws[0].target.as_str()), (Kind::Call, "a.F"));
    assert_eq!((ws[1].kind, ws[1].target.as_str()), (Kind::Ref, "(*a.T).M"));
    assert_eq!(ws[2].kind, Kind::Unresolved);
    assert_eq!(ws[2].function.as_deref(), Some("F.func1"));
    assert!(parse_want("a.go", 1, "").is_err());
    assert!(parse_want("a.go", 1, r#" "a.F" oops"#).is_err());
    assert!(parse_want("a.go", 1, r#" func="F""#).is_err());
    assert_eq!(
        unresolved_spelling("(*example.com/g.List[T]).Push"),
        "(*example.com/g.List).Push"
    );
}

#[test]
fn resolution_fixtures() {
    let root = fixtures_root();
    let mut dirs: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= MIN_FIXTURES,
        "{} fixtures under {}, expected at least {MIN_FIXTURES}",
        dirs.len(),
        root.display()
    );
    // GOROOT as goseam finds it; no module cache: the fixtures are
    // self-contained (standard library, their own packages, vendor/), and
    // external_nosource depends on its required module being unavailable.
    let toolchain = Toolchain {
        modcache: None,
        ..Toolchain::detect()
    };
    assert!(
        toolchain.goroot_src.is_some(),
        "GOROOT/src not found (set GOROOT or put `go` on PATH): fixtures resolve standard-library calls"
    );
    let only: Option<Vec<String>> = std::env::var("GOSEAM_FIXTURE")
        .ok()
        .filter(|s| !s.is_empty())
        .map(|s| s.split(',').map(|x| x.trim().to_string()).collect());
    if let Some(only) = &only {
        for o in only {
            assert!(
                dirs.iter().any(|(n, _)| n == o),
                "GOSEAM_FIXTURE: no fixture {o}"
            );
        }
    }

    let mut failures: Vec<String> = Vec::new();
    let mut passed: Vec<String> = Vec::new();
    for (name, dir) in &dirs {
        if only.as_ref().is_some_and(|o| !o.contains(name)) {
            continue;
        }
        match run_fixture(name, dir, &toolchain) {
            Ok(n) => passed.push(format!("{name} ({n})")),
            Err(e) => failures.push(if e.starts_with(name.as_str()) {
                e
            } else {
                format!("{name}: {e}")
            }),
        }
    }
    eprintln!("passed: {}", passed.join(", "));
    if !failures.is_empty() {
        panic!(
            "{} of {} resolution fixtures failed:\n\n{}",
            failures.len(),
            failures.len() + passed.len(),
            failures.join("\n")
        );
    }
}
