//! Property tests of `goseam tables` on generated Go monoliths, and a fuzz
//! test of the SQL path.
//!
//! The generator (`gen/mod.rs`) writes a module with 2–5 domains whose
//! functions read and write tables through `database/sql` in the styles
//! goseam must handle, and records every access goseam must report. The
//! properties check that the report has exactly those accesses (100 %
//! precision and recall, with domain, package, function, file, line, column,
//! operation, columns and the test flag), the statuses the documentation
//! gives them, the unresolved uses, the unused constants, and that the
//! output does not depend on the thread count.
//!
//! A fuzz test puts arbitrary strings (random bytes as Go escapes,
//! unbalanced quotes and parentheses, 10 000-deep nesting, `$$`, comments,
//! 1 MB statements) everywhere goseam reads SQL, and another adds garbage
//! Go files to generated trees: `goseam sql` and `goseam tables` must exit 0
//! with JSON every time. Smaller tests pin the cases the properties found.
//!
//! The CLI's tests have no `proptest` dependency, so cases come from a
//! seeded splitmix64 generator: every run tests the same trees.
//! `PROPTEST_CASES` sets the number of cases of each seeded test, and
//! `GOSEAM_GEN_SEED=<seed>` runs that one case. A failing case is shrunk
//! (uses, functions, files, packages removed while it still fails) and its
//! files are printed and kept on disk. `GOSEAM_GEN_VET=1` also runs `go vet`
//! on each generated tree, to check that the generator writes valid Go;
//! `GOSEAM_GEN_DUMP=<dir>` writes each tree to `<dir>/<seed>`.

mod common;
mod gen;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use gen::{Access, ExpUnresolved, ExpUnused, Expected, Model, Rendered, Rng};
use serde_json::Value;

const STATIC_SEED: u64 = 0x5EA4_7AB1_E500_0001;
const DYNAMIC_SEED: u64 = 0x5EA4_7AB1_E500_0002;
const FUZZ_SEED: u64 = 0x5EA4_7AB1_E500_0003;
const GARBAGE_SEED: u64 = 0x5EA4_7AB1_E500_0004;

const INVALID_GO: &str = "the generator wrote invalid Go";

/// How long one goseam run may take before it counts as a hang.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

fn cases(default: u64) -> u64 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The seeds of a property: the one in `GOSEAM_GEN_SEED`, else `n` fixed
/// ones.
fn seeds(base: u64, default_cases: u64) -> Vec<u64> {
    if let Some(s) = std::env::var("GOSEAM_GEN_SEED")
        .ok()
        .and_then(|v| parse_seed(&v))
    {
        return vec![s];
    }
    (0..cases(default_cases))
        .map(|i| gen::case_seed(base, i))
        .collect()
}

fn parse_seed(v: &str) -> Option<u64> {
    match v.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16).ok(),
        None => v.parse().ok(),
    }
}

/// `$GOROOT`, so that `database/sql` resolves; None when the test is to be
/// skipped (see `common::gostd_root`).
fn goroot() -> Option<PathBuf> {
    common::gostd_root().map(|src| src.parent().unwrap().to_path_buf())
}

/// Run goseam with a timeout; never panics on its failure.
fn run_goseam(goroot: &Path, args: &[&str]) -> Result<Output, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(args)
        .env("GOROOT", goroot)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("goseam does not start: {e}"))?;
    // Drain the pipes while waiting, or a large output blocks the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).map(|_| v)
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).map(|_| v)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if started.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "goseam {args:?} did not finish in {}s",
                RUN_TIMEOUT.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ok(Output {
        status,
        stdout: out_reader.join().unwrap().map_err(|e| e.to_string())?,
        stderr: err_reader.join().unwrap().map_err(|e| e.to_string())?,
    })
}

/// Run goseam; Err unless it exits 0 with JSON on stdout.
fn run_json(goroot: &Path, args: &[&str]) -> Result<(Vec<u8>, Value), String> {
    let out = run_goseam(goroot, args)?;
    if !out.status.success() {
        return Err(format!(
            "goseam {args:?} failed ({}):\n{}",
            out.status,
            tail(&String::from_utf8_lossy(&out.stderr), 4000)
        ));
    }
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "goseam {args:?} printed invalid JSON ({e}):\n{}",
            tail(&String::from_utf8_lossy(&out.stdout), 2000)
        )
    })?;
    Ok((out.stdout, v))
}

fn tail(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    format!("…{}", &s[start..])
}

// ---------------------------------------------------------------------------
// Reading the report

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(s).collect())
        .unwrap_or_default()
}

fn actual_accesses(report: &Value) -> Vec<Access> {
    let mut out = Vec::new();
    for t in report["tables"].as_array().into_iter().flatten() {
        for (key, write) in [("writes", true), ("reads", false)] {
            for a in t[key].as_array().into_iter().flatten() {
                out.push(Access {
                    table: s(&t["name"]),
                    write,
                    domain: s(&a["domain"]),
                    package: s(&a["package"]),
                    function: s(&a["function"]),
                    file: s(&a["file"]),
                    line: a["line"].as_u64().unwrap_or(0),
                    column: a["column"].as_u64().unwrap_or(0),
                    operation: s(&a["operation"]),
                    columns: strings(&a["columns"]),
                    test: a["test"].as_bool().unwrap_or(false),
                });
            }
        }
    }
    out
}

fn actual_unresolved(report: &Value) -> Vec<ExpUnresolved> {
    report["unresolved"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|u| ExpUnresolved {
            file: s(&u["file"]),
            line: u["line"].as_u64().unwrap_or(0),
            column: u["column"].as_u64().unwrap_or(0),
            package: s(&u["package"]),
            function: s(&u["function"]),
            test: u["test"].as_bool().unwrap_or(false),
            template: u["template"].as_str().map(str::to_string),
        })
        .collect()
}

fn fmt_access(a: &Access) -> String {
    format!(
        "{}:{}:{} {} {} {} [{}] in {} ({}, domain {}){}",
        a.file,
        a.line,
        a.column,
        if a.write { "WRITE" } else { "read " },
        a.table,
        a.operation,
        a.columns.join(","),
        a.function,
        a.package,
        a.domain,
        if a.test { " [test]" } else { "" }
    )
}

fn fmt_unresolved(u: &ExpUnresolved) -> String {
    format!(
        "{}:{}:{} in {} ({}){} template {:?}",
        u.file,
        u.line,
        u.column,
        u.function,
        u.package,
        if u.test { " [test]" } else { "" },
        u.template
    )
}

/// Everything wrong with `report` against `exp`; empty when it is right.
fn compare(report: &Value, exp: &Expected) -> Vec<String> {
    let mut problems = Vec::new();

    // Accesses: exactly the expected ones, each once.
    let actual = actual_accesses(report);
    let mut counts: BTreeMap<&Access, usize> = BTreeMap::new();
    for a in &actual {
        *counts.entry(a).or_default() += 1;
    }
    for (a, n) in &counts {
        if *n > 1 {
            problems.push(format!("reported {n} times: {}", fmt_access(a)));
        }
    }
    let actual_set: BTreeSet<Access> = actual.iter().cloned().collect();
    let missing: Vec<&Access> = exp.accesses.difference(&actual_set).collect();
    let unexpected: Vec<&Access> = actual_set.difference(&exp.accesses).collect();
    if !missing.is_empty() || !unexpected.is_empty() {
        let precision =
            100.0 * (actual_set.len() - unexpected.len()) as f64 / actual_set.len().max(1) as f64;
        let recall =
            100.0 * (exp.accesses.len() - missing.len()) as f64 / exp.accesses.len().max(1) as f64;
        problems.push(format!(
            "accesses: precision {precision:.1}%, recall {recall:.1}% ({} expected, {} reported)",
            exp.accesses.len(),
            actual_set.len()
        ));
        for a in &missing {
            problems.push(format!("  missing:    {}", fmt_access(a)));
        }
        for a in &unexpected {
            problems.push(format!("  unexpected: {}", fmt_access(a)));
        }
    }

    // The call each driver site's statement goes to.
    for t in report["tables"].as_array().into_iter().flatten() {
        for a in ["writes", "reads"]
            .iter()
            .flat_map(|k| t[*k].as_array().into_iter().flatten())
        {
            let at = (
                s(&a["file"]),
                a["line"].as_u64().unwrap_or(0),
                a["column"].as_u64().unwrap_or(0),
            );
            if let Some(want) = exp.via.get(&at) {
                if a["via"].as_str() != Some(want.as_str()) {
                    problems.push(format!(
                        "{}:{}:{}: via {}, expected {want:?} (kind {})",
                        at.0, at.1, at.2, a["via"], a["kind"]
                    ));
                }
            }
        }
    }

    // Tables, their statuses and domains.
    let tables = gen::expected_tables(exp);
    let mut seen = BTreeSet::new();
    for t in report["tables"].as_array().into_iter().flatten() {
        let name = s(&t["name"]);
        seen.insert(name.clone());
        if name.contains('%') || name.contains("__goseam") {
            problems.push(format!("a formatting verb became table {name:?}"));
        }
        let Some((writers, readers, prod)) = tables.get(&name) else {
            problems.push(format!("table {name:?} is not in the generated code"));
            continue;
        };
        let want_status = gen::expected_status(writers, readers, *prod);
        let writing: BTreeSet<String> = strings(&t["writing_domains"]).into_iter().collect();
        let reading: BTreeSet<String> = strings(&t["reading_domains"]).into_iter().collect();
        if s(&t["status"]) != want_status {
            problems.push(format!(
                "table {name}: status {:?}, expected {want_status:?} (writers {writers:?}, readers {readers:?})",
                s(&t["status"])
            ));
        }
        if &writing != writers {
            problems.push(format!(
                "table {name}: writing_domains {writing:?}, expected {writers:?}"
            ));
        }
        if &reading != readers {
            problems.push(format!(
                "table {name}: reading_domains {reading:?}, expected {readers:?}"
            ));
        }
        let want_owner = (writers.len() == 1).then(|| writers.iter().next().unwrap().clone());
        let owner = t["owner"].as_str().map(str::to_string);
        if owner != want_owner {
            problems.push(format!(
                "table {name}: owner {owner:?}, expected {want_owner:?}"
            ));
        }
    }
    for name in tables.keys() {
        if !seen.contains(name) {
            problems.push(format!("table {name} is missing from the report"));
        }
    }
    let names: Vec<String> = tables.keys().cloned().collect();
    if strings(&report["not_in_schema"]) != names {
        problems.push(format!(
            "not_in_schema {:?}, expected {names:?} (there is no schema)",
            strings(&report["not_in_schema"])
        ));
    }
    if !strings(&report["never_accessed"]).is_empty() {
        problems.push(format!(
            "never_accessed {:?}, expected none",
            strings(&report["never_accessed"])
        ));
    }

    // Unresolved uses: exactly the dynamic ones, never also a table site.
    let unresolved = actual_unresolved(report);
    let unresolved_set: BTreeSet<ExpUnresolved> = unresolved.iter().cloned().collect();
    for u in exp.unresolved.difference(&unresolved_set) {
        problems.push(format!("unresolved missing:    {}", fmt_unresolved(u)));
    }
    for u in unresolved_set.difference(&exp.unresolved) {
        problems.push(format!("unresolved unexpected: {}", fmt_unresolved(u)));
    }
    if unresolved.len() != unresolved_set.len() {
        problems.push("an unresolved use is reported more than once".to_string());
    }
    let dynamic_at: BTreeSet<(&str, u64, u64)> = exp
        .unresolved
        .iter()
        .map(|u| (u.file.as_str(), u.line, u.column))
        .collect();
    for a in &actual {
        if dynamic_at.contains(&(a.file.as_str(), a.line, a.column)) {
            problems.push(format!(
                "dynamic SQL reported as a table site: {}",
                fmt_access(a)
            ));
        }
    }
    let complete = !exp.unresolved.iter().any(|u| !u.test);
    if report["complete"].as_bool() != Some(complete) {
        problems.push(format!(
            "complete is {}, expected {complete}",
            report["complete"]
        ));
    }

    // Unused constants.
    let unused: BTreeSet<ExpUnused> = report["unused_constants"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| ExpUnused {
            package: s(&c["package"]),
            name: s(&c["name"]),
            file: s(&c["file"]),
            line: c["line"].as_u64().unwrap_or(0),
        })
        .collect();
    for c in exp.unused.difference(&unused) {
        problems.push(format!(
            "unused constant not reported: {}.{} at {}:{}",
            c.package, c.name, c.file, c.line
        ));
    }
    for c in unused.difference(&exp.unused) {
        if !exp
            .unused_tolerated
            .contains(&(c.package.clone(), c.name.clone()))
        {
            problems.push(format!(
                "reported unused but used (or not SQL): {}.{} at {}:{}",
                c.package, c.name, c.file, c.line
            ));
        }
    }
    problems
}

// ---------------------------------------------------------------------------
// Checking a model, shrinking a failing one

/// Write the model, run `goseam tables` with 1 and 2 threads, and compare.
fn check(model: &Model, goroot: &Path) -> (Result<(), Vec<String>>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let rendered = model.render();
    rendered.write_to(dir.path());
    let result = check_rendered(&rendered, dir.path(), goroot);
    (result, dir)
}

fn check_rendered(rendered: &Rendered, root: &Path, goroot: &Path) -> Result<(), Vec<String>> {
    if std::env::var_os("GOSEAM_GEN_VET").is_some()
        && rendered.files.keys().any(|p| p.ends_with(".go"))
    {
        let out = Command::new("go")
            .args(["vet", "./..."])
            .current_dir(root)
            .env("GOFLAGS", "-mod=mod")
            .env("GOTOOLCHAIN", "local")
            .output()
            .expect("go runs");
        if !out.status.success() {
            return Err(vec![format!(
                "{INVALID_GO}:\n{}",
                String::from_utf8_lossy(&out.stderr)
            )]);
        }
    }
    let root_s = root.to_str().unwrap();
    let args = |threads: &'static str| {
        vec![
            "tables",
            "--root",
            root_s,
            "--format",
            "json",
            "-q",
            "--threads",
            threads,
        ]
    };
    let (bytes1, report) = run_json(goroot, &args("1")).map_err(|e| vec![e])?;
    let (bytes2, _) = run_json(goroot, &args("2")).map_err(|e| vec![e])?;
    let mut problems = compare(&report, &rendered.expected);
    if bytes1 != bytes2 {
        problems.push("the JSON differs between --threads 1 and --threads 2".to_string());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Names of the constants some use refers to, as (shared, name).
fn referenced_consts(m: &Model) -> BTreeSet<(bool, String)> {
    let mut out = BTreeSet::new();
    for p in &m.packages {
        for u in p.files.iter().flat_map(|f| &f.funcs).flat_map(|g| &g.uses) {
            match &u.src {
                gen::Src::Const(n)
                | gen::Src::TypedConst(n)
                | gen::Src::DynSprintfConst { name: n, .. } => {
                    out.insert((false, format!("{}/{n}", p.dir)));
                }
                gen::Src::Shared(n) => {
                    out.insert((true, n.clone()));
                }
                gen::Src::LocalConst { name, shared } => {
                    if *shared {
                        out.insert((true, name.clone()));
                    } else {
                        out.insert((false, format!("{}/{name}", p.dir)));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Smaller variants of a model, most reducing first.
fn shrink_candidates(m: &Model) -> Vec<Model> {
    let mut out = Vec::new();
    for i in 0..m.packages.len() {
        let mut c = m.clone();
        c.packages.remove(i);
        out.push(c);
    }
    let max_domain = m.packages.iter().filter_map(|p| p.domain).max();
    if m.domains.len() > max_domain.map_or(0, |d| d + 1) {
        let mut c = m.clone();
        c.domains.pop();
        out.push(c);
    }
    for (i, p) in m.packages.iter().enumerate() {
        for j in 0..p.files.len() {
            let mut c = m.clone();
            c.packages[i].files.remove(j);
            out.push(c);
        }
    }
    for (i, p) in m.packages.iter().enumerate() {
        for (j, f) in p.files.iter().enumerate() {
            for k in 0..f.funcs.len() {
                let mut c = m.clone();
                c.packages[i].files[j].funcs.remove(k);
                out.push(c);
            }
        }
    }
    for (i, p) in m.packages.iter().enumerate() {
        for (j, f) in p.files.iter().enumerate() {
            for (k, g) in f.funcs.iter().enumerate() {
                for (n, u) in g.uses.iter().enumerate() {
                    let mut c = m.clone();
                    c.packages[i].files[j].funcs[k].uses.remove(n);
                    out.push(c);
                    if u.closure != gen::Closure::None {
                        let mut c = m.clone();
                        c.packages[i].files[j].funcs[k].uses[n].closure = gen::Closure::None;
                        out.push(c);
                    }
                    if let gen::Src::Lit(_, style) | gen::Src::Local(_, style) = &u.src {
                        if *style != gen::LitStyle::Interp {
                            let mut c = m.clone();
                            if let gen::Src::Lit(_, st) | gen::Src::Local(_, st) =
                                &mut c.packages[i].files[j].funcs[k].uses[n].src
                            {
                                *st = gen::LitStyle::Interp;
                            }
                            out.push(c);
                        }
                    }
                }
            }
        }
    }
    let referenced = referenced_consts(m);
    for (i, p) in m.packages.iter().enumerate() {
        for (j, k) in p.consts.iter().enumerate() {
            if !referenced.contains(&(false, format!("{}/{}", p.dir, k.name))) {
                let mut c = m.clone();
                c.packages[i].consts.remove(j);
                out.push(c);
            }
        }
    }
    for (j, k) in m.shared.iter().enumerate() {
        if !referenced.contains(&(true, k.name.clone())) {
            let mut c = m.clone();
            c.shared.remove(j);
            out.push(c);
        }
    }
    out
}

/// The kind of a problem, to shrink towards the same failure: its text up
/// to the first path or name.
fn problem_kind(p: &str) -> String {
    let words: Vec<&str> = p.split_whitespace().filter(|w| !w.contains('/')).collect();
    match words.as_slice() {
        ["table", _, what, ..] => format!("table {what}"),
        [a, ..] if a.ends_with(':') => a.to_string(),
        [a, b, ..] => format!("{a} {b}"),
        [a] => a.to_string(),
        [] => String::new(),
    }
}

/// Whether a problem says something specific (not a consequence of
/// another, like a precision summary or `complete`).
fn is_specific(kind: &str) -> bool {
    !matches!(kind, "accesses:" | "complete is")
}

/// Greedily shrink a failing model while it still fails in one of the ways
/// it failed.
fn shrink(mut m: Model, problems: &[String], goroot: &Path) -> Model {
    let kinds: BTreeSet<String> = problems
        .iter()
        .map(|p| problem_kind(p))
        .filter(|k| is_specific(k))
        .collect();
    let started = Instant::now();
    let mut tries = 0;
    'outer: loop {
        for c in shrink_candidates(&m) {
            if tries >= 600 || started.elapsed() > Duration::from_secs(45) {
                break 'outer;
            }
            tries += 1;
            if let Err(ps) = check(&c, goroot).0 {
                if ps.iter().any(|p| kinds.contains(&problem_kind(p)))
                    && !ps.iter().any(|p| p.starts_with(INVALID_GO))
                {
                    m = c;
                    continue 'outer;
                }
            }
        }
        break;
    }
    m
}

fn show_files(r: &Rendered) -> String {
    let mut out = String::new();
    for (path, text) in &r.files {
        out.push_str(&format!("--- {path}\n"));
        for (i, line) in text.lines().enumerate() {
            out.push_str(&format!("{:4} {line}\n", i + 1));
        }
    }
    out
}

/// Check every seed's model; shrink and report the first failure.
fn property(base: u64, default_cases: u64, dynamic: bool) {
    let Some(goroot) = goroot() else { return };
    let mut checked = 0;
    let mut expected_accesses = 0;
    let mut expected_unresolved = 0;
    let mut failing: Vec<(u64, Model, Vec<String>, PathBuf)> = Vec::new();
    for seed in seeds(base, default_cases) {
        let model = Model::generate(seed, dynamic);
        let (result, dir) = check(&model, &goroot);
        let r = model.render();
        if let Some(dump) = std::env::var_os("GOSEAM_GEN_DUMP") {
            r.write_to(&Path::new(&dump).join(format!("{seed:#x}")));
        }
        expected_accesses += r.expected.accesses.len();
        expected_unresolved += r.expected.unresolved.len();
        checked += 1;
        let Err(problems) = result else { continue };
        if problems.iter().any(|p| p.starts_with(INVALID_GO)) {
            panic!(
                "seed {seed:#x}: {}\n(tree kept in {})",
                problems.join("\n"),
                dir.keep().display()
            );
        }
        let kept = if failing.is_empty() {
            dir.keep()
        } else {
            PathBuf::new()
        };
        failing.push((seed, model, problems, kept));
    }
    if let Some((seed, model, problems, whole)) = failing.first() {
        let seeds: Vec<String> = failing.iter().map(|f| format!("{:#x}", f.0)).collect();
        let small = shrink(model.clone(), problems, &goroot);
        let (small_result, small_dir) = check(&small, &goroot);
        let small_problems = small_result.err().unwrap_or_default();
        let kept = small_dir.keep();
        panic!(
            "{} of {checked} generated trees (dynamic: {dynamic}) fail: seeds {}\n\
             the first, {seed:#x} (rerun it with GOSEAM_GEN_SEED={seed:#x}), has {} problems \
             (tree kept in {}):\n{}\n\n\
             shrunk to this tree (kept in {}):\n{}\nwhere goseam gets:\n{}",
            failing.len(),
            seeds.join(", "),
            problems.len(),
            whole.display(),
            problems
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
            kept.display(),
            show_files(&small.render()),
            small_problems.join("\n"),
        );
    }
    eprintln!(
        "{checked} generated trees, {expected_accesses} table accesses, \
         {expected_unresolved} unresolved uses: all reported exactly"
    );
}

#[test]
fn generated_trees_report_every_access_exactly() {
    property(STATIC_SEED, 24, false);
}

#[test]
fn generated_dynamic_sql_is_unresolved_never_a_table() {
    property(DYNAMIC_SEED, 24, true);
}

// ---------------------------------------------------------------------------
// The smallest cases of what the properties found, one test each

/// A model of one domain, one package, one function with these uses, and
/// these package constants.
fn one_function(uses: Vec<gen::Src>, consts: Vec<gen::ConstM>) -> Model {
    Model {
        seed: 0,
        dynamic: false,
        domains: vec!["d0".to_string()],
        shared: Vec::new(),
        packages: vec![gen::PackageM {
            dir: "internal/d0/store".to_string(),
            domain: Some(0),
            consts,
            grouped: false,
            files: vec![gen::FileM {
                name: "f0.go".to_string(),
                test: gen::TestKind::No,
                funcs: vec![gen::FuncM {
                    name: "F1".to_string(),
                    recv: gen::Receiver::None,
                    uses: uses
                        .into_iter()
                        .map(|src| gen::UseM {
                            src,
                            method: "Exec",
                            recv: gen::DbRecv::Db,
                            closure: gen::Closure::None,
                        })
                        .collect(),
                }],
            }],
        }],
    }
}

fn stmt(clauses: &[&str], operation: &'static str, tables: &[(&str, bool)]) -> gen::Stmt {
    gen::Stmt {
        clauses: clauses.iter().map(|c| c.to_string()).collect(),
        operation,
        tables: tables.iter().map(|(t, w)| (t.to_string(), *w)).collect(),
        columns: Vec::new(),
        col_list: None,
    }
}

fn assert_model(m: &Model) {
    let Some(goroot) = goroot() else { return };
    let (result, dir) = check(m, &goroot);
    if let Err(problems) = result {
        let kept = dir.keep();
        panic!(
            "{}\n\nin this tree (kept in {}):\n{}",
            problems.join("\n"),
            kept.display(),
            show_files(&m.render())
        );
    }
}

/// A long query written as a `+` chain of 33 or more literals (one per
/// line) is a constant like any other.
#[test]
fn a_long_chain_of_literals_is_one_constant() {
    let mut clauses = vec!["SELECT id,".to_string()];
    clauses.extend((1..=30).map(|i| format!("c{i},")));
    clauses.extend(["c31", "FROM t1", "WHERE id = $1"].map(String::from));
    let q = gen::Stmt {
        clauses,
        operation: "select",
        tables: vec![("t1".to_string(), false)],
        columns: Vec::new(),
        col_list: None,
    };
    let set: Vec<String> = (1..=12).map(|i| format!("c{i} = ${i},")).collect();
    let mut clauses: Vec<&str> = vec!["UPDATE t2 SET"];
    clauses.extend(set.iter().map(String::as_str));
    clauses.push("updated_at = now() WHERE id = $13");
    let unused = gen::ConstM {
        name: "q1".to_string(),
        def: gen::ConstDef::Plain(
            stmt(&clauses, "update", &[("t2", true)]),
            gen::LitStyle::LongConcat,
        ),
    };
    assert_model(&one_function(
        vec![gen::Src::Lit(q, gen::LitStyle::LongConcat)],
        vec![unused],
    ));
}

/// `var q string` then `q = "…"` (in one place, or in both branches of an
/// `if`): every value is a reported constant, so the call is not
/// unresolved.
#[test]
fn a_var_assigned_constants_later_is_not_unresolved() {
    let a = stmt(
        &["DELETE FROM t1", "WHERE id = $1"],
        "delete",
        &[("t1", true)],
    );
    let b = stmt(&["SELECT c1 FROM t2"], "select", &[("t2", false)]);
    assert_model(&one_function(
        vec![
            gen::Src::LocalAssigned(vec![(a.clone(), gen::LitStyle::Interp)]),
            gen::Src::LocalAssigned(vec![(a, gen::LitStyle::Interp), (b, gen::LitStyle::Interp)]),
        ],
        Vec::new(),
    ));
}

/// `db.Exec(string(q))` with `const q Query = "…"` (`type Query string`):
/// the constant is reported, so the call is not unresolved.
#[test]
fn a_typed_query_constant_converted_to_string_is_not_unresolved() {
    let q = gen::ConstM {
        name: "q1".to_string(),
        def: gen::ConstDef::Typed(
            stmt(&["DELETE FROM t1"], "delete", &[("t1", true)]),
            gen::LitStyle::Interp,
        ),
    };
    assert_model(&one_function(
        vec![gen::Src::TypedConst("q1".to_string())],
        vec![q],
    ));
}

/// SQL after a leading `/* … */` or `--` comment is SQL (the statement
/// analysis skips comments): found in a file with no other SQL, and listed
/// when unused.
#[test]
fn sql_after_a_leading_comment_is_found_in_any_file() {
    let Some(goroot) = goroot() else { return };
    let unused = gen::ConstM {
        name: "q1".to_string(),
        def: gen::ConstDef::Plain(
            stmt(&["/* audit */ TRUNCATE t2"], "truncate", &[("t2", true)]),
            gen::LitStyle::Interp,
        ),
    };
    let mut m = one_function(Vec::new(), vec![unused]);
    m.packages[0].files.clear();
    let mut rendered = m.render();
    // A helper that returns the statement, in a file with no database
    // import.
    rendered.files.insert(
        "internal/d0/store/queries.go".to_string(),
        "package store\n\nfunc deleteAll() string { return \"-- name: DeleteAll :exec\\nDELETE FROM t3\" }\n"
            .to_string(),
    );
    rendered.expected.accesses.insert(Access {
        table: "t3".to_string(),
        write: true,
        domain: "d0".to_string(),
        package: format!("{}/internal/d0/store", gen::MODULE),
        function: "deleteAll".to_string(),
        file: "internal/d0/store/queries.go".to_string(),
        line: 3,
        column: 34,
        operation: "delete".to_string(),
        columns: Vec::new(),
        test: false,
    });
    let dir = tempfile::tempdir().unwrap();
    rendered.write_to(dir.path());
    if let Err(problems) = check_rendered(&rendered, dir.path(), &goroot) {
        let kept = dir.keep();
        panic!(
            "{}\n\nin this tree (kept in {}):\n{}",
            problems.join("\n"),
            kept.display(),
            show_files(&rendered)
        );
    }
}

/// SQL in code nested deeper than the body walk descends is not silently
/// dropped: it is reported, or the report lists it as unresolved and says
/// it is incomplete.
#[test]
fn sql_in_code_nested_too_deep_is_never_dropped_silently() {
    let Some(goroot) = goroot() else { return };
    for (what, open, close) in [
        ("nested blocks", "if n > 0 {", "}"),
        ("nested closures", "func() {", "}()"),
    ] {
        let depth = 150;
        let dir = tempfile::tempdir().unwrap();
        let files: BTreeMap<String, Vec<u8>> = [
            ("go.mod", format!("module {}\n\ngo 1.21\n", gen::MODULE)),
            (
                "goseam.toml",
                "[[domain]]\nname = \"d0\"\npaths = [\"internal/d0/**\"]\n".to_string(),
            ),
            (
                "internal/d0/store/deep.go",
                format!(
                    "package store\n\nimport \"database/sql\"\n\nfunc F(db *sql.DB, n int) {{\n\t{}_, _ = db.Exec(\"DELETE FROM t5\"){}\n}}\n",
                    open.repeat(depth),
                    close.repeat(depth)
                ),
            ),
        ]
        .into_iter()
        .map(|(p, t)| (p.to_string(), t.into_bytes()))
        .collect();
        write_files(dir.path(), &files);
        let root = dir.path().to_str().unwrap();
        let (_, report) = run_json(
            &goroot,
            &["tables", "--root", root, "--format", "json", "-q"],
        )
        .unwrap();
        let found = actual_accesses(&report).iter().any(|a| a.table == "t5");
        let unresolved = !actual_unresolved(&report).is_empty();
        let complete = report["complete"].as_bool();
        assert!(
            found || (unresolved && complete == Some(false)),
            "{what} {depth} deep: the write of t5 is neither reported nor unresolved \
             (complete: {complete:?}, unresolved: {})",
            report["unresolved"]
        );
    }
}

// ---------------------------------------------------------------------------
// Fuzz: arbitrary strings on the SQL path, garbage Go files

const KEYWORDS: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE", "MERGE", "COPY", "TRUNCATE",
    "CREATE", "ALTER", "DROP", "UPSERT", "select", "Insert",
];

const SQL_TOKENS: &[&str] = &[
    "SELECT",
    "FROM",
    "WHERE",
    "INTO",
    "VALUES",
    "SET",
    "JOIN",
    "ON",
    "USING",
    "TABLE",
    "AS",
    "WITH",
    "RECURSIVE",
    "UNION",
    "ALL",
    "CONFLICT",
    "DO",
    "NOTHING",
    "DUPLICATE",
    "KEY",
    "RETURNING",
    "NOT",
    "AND",
    "OR",
    "IN",
    "EXISTS",
    "CASE",
    "WHEN",
    "THEN",
    "END",
    "LIMIT",
    "OFFSET",
    "t0",
    "t1",
    "public.t2",
    "\"Quoted\"",
    "`bq`",
    "[br]",
    "a",
    "b.c",
    "*",
    "(",
    ")",
    "(",
    ")",
    ",",
    ";",
    ".",
    "=",
    "<>",
    "||",
    "::",
    "'",
    "''",
    "\"",
    "`",
    "$$",
    "$tag$",
    "$1",
    "$99999999999999999999",
    "?",
    ":name",
    "@p1",
    "%s",
    "%d",
    "%[2]s",
    "%%",
    "%",
    "%!",
    "%*d",
    "-- comment\n",
    "--",
    "/*",
    "*/",
    "/* c */",
    "\\",
    "\\'",
    "E'\\x'",
    "0x1F",
    "1e309",
    "-",
    "+",
    "NULL",
    "TRUE",
    "é",
    "€",
    "😀",
    "\u{202e}",
    "\u{feff}",
    "\u{0}",
    "\t",
    "\n",
    "\r\n",
    " ",
    " ",
    " ",
];

/// An arbitrary byte string for the SQL path.
fn fuzz_sql(rng: &mut Rng) -> Vec<u8> {
    let lead = |rng: &mut Rng| -> String {
        if rng.chance(4, 5) {
            format!("{} ", rng.pick(KEYWORDS))
        } else {
            String::new()
        }
    };
    match rng.below(10) {
        // Token soup.
        0..=2 => {
            let mut s = lead(rng);
            for _ in 0..rng.range(0, 60) {
                s.push_str(rng.pick_str(SQL_TOKENS));
                if rng.chance(2, 3) {
                    s.push(' ');
                }
            }
            s.into_bytes()
        }
        // Random bytes.
        3 => {
            let mut v = lead(rng).into_bytes();
            for _ in 0..rng.range(0, 200) {
                v.push(rng.next_u64() as u8);
            }
            v
        }
        // Deep or unbalanced nesting.
        4 => {
            let k = *rng.pick(&[199, 200, 201, 1000, 10_000, 50_000]);
            let open = *rng.pick(&["(", "((SELECT 1 FROM t1 WHERE a IN ", "CASE WHEN "]);
            let mut s = lead(rng);
            s.push_str(&open.repeat(k));
            s.push('1');
            let close = match rng.below(3) {
                0 => k,
                1 => k / 2,
                _ => k + 7,
            };
            s.push_str(&")".repeat(close));
            s.into_bytes()
        }
        // Long flat chains.
        5 => {
            let k = rng.range(1_000, 40_000);
            let piece = *rng.pick(&["a = 1 AND ", "1 + ", "NOT ", "- ", "'a' || ", "t1, "]);
            format!("SELECT a FROM t1 WHERE {}1", piece.repeat(k)).into_bytes()
        }
        // Dollar quotes, comments, quotes left open.
        6 => {
            let mut s = lead(rng);
            let parts = [
                "$$", "$tag$", "$ta", "/*", "/* /* */", "--", "'", "\"", "`", "E'\\", "[", "$1",
                "::", "\\",
            ];
            for _ in 0..rng.range(1, 20) {
                s.push_str(rng.pick_str(&parts));
                s.push_str(rng.pick_str(&["x", " ", "FROM t1", "\n", ""]));
            }
            s.into_bytes()
        }
        // A generated statement, mutated.
        7 => {
            let mut v = gen::gen_stmt(rng, 5).one_line().into_bytes();
            for _ in 0..rng.range(1, 6) {
                let i = rng.below(v.len() + 1);
                match rng.below(3) {
                    0 if i < v.len() => {
                        v.remove(i);
                    }
                    1 => v.insert(i, *rng.pick(b"()'\"`$;%\\\x00\xff")),
                    _ => v.truncate(i),
                }
            }
            v
        }
        // Formatting verbs everywhere.
        8 => {
            let mut s = lead(rng);
            for _ in 0..rng.range(1, 20) {
                s.push_str(rng.pick_str(&[
                    "%", "%s", "%[1]s", "%[", "%[0]d", "%!", "%-*.*f", "%v", "%%", "%[99]s",
                    "FROM ", "t1 ", "%q", "%x",
                ]));
            }
            s.into_bytes()
        }
        // Unicode and control characters.
        _ => {
            let mut s = lead(rng);
            let chars = [
                'a', 'é', 'ß', '€', '😀', '\u{202e}', '\u{feff}', '\u{0}', '\u{1}', '\u{7f}',
                '\u{85}', '\u{2028}', '\u{fffd}', '字', ' ', '(', ')', '\'',
            ];
            for _ in 0..rng.range(1, 80) {
                s.push(*rng.pick(&chars));
            }
            s.into_bytes()
        }
    }
}

/// A Go interpreted string literal of `bytes`: escapes for what must be
/// escaped, and sometimes for everything else too.
fn go_interpreted(rng: &mut Rng, bytes: &[u8]) -> String {
    let escape_all = rng.chance(1, 4);
    let mut out = String::from("\"");
    let text = String::from_utf8_lossy(bytes);
    let valid = std::str::from_utf8(bytes).is_ok();
    if valid && !escape_all {
        for ch in text.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{0}' => out.push_str("\\x00"),
                c if (c as u32) < 0x20 || c == '\u{7f}' => {
                    out.push_str(&format!("\\x{:02x}", c as u32))
                }
                c if (c as u32) > 0xffff => out.push_str(&format!("\\U{:08x}", c as u32)),
                c if (c as u32) > 0x7f && rng.chance(1, 3) => {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                }
                c => out.push(c),
            }
        }
    } else {
        for &b in bytes {
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                0x20..=0x7e if !escape_all || b.is_ascii_alphanumeric() || b == b' ' => {
                    out.push(b as char)
                }
                _ if rng.chance(1, 8) => out.push_str(&format!("\\{b:03o}")),
                _ => out.push_str(&format!("\\x{b:02x}")),
            }
        }
    }
    out.push('"');
    out
}

/// A Go raw string literal of `bytes` (backquotes and invalid UTF-8
/// dropped; carriage returns kept, which Go discards).
fn go_raw(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).replace(['`', '\u{0}'], "");
    format!("`{text}`")
}

/// A tree whose SQL strings are `strings`, embedded every way goseam
/// reads SQL.
fn fuzz_tree(rng: &mut Rng, strings: &[Vec<u8>]) -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert(
        "go.mod".into(),
        format!("module {}\n\ngo 1.21\n", gen::MODULE).into_bytes(),
    );
    files.insert(
        "goseam.toml".into(),
        b"[[domain]]\nname = \"d0\"\npaths = [\"internal/d0/**\"]\n".to_vec(),
    );
    let mut decl = String::from("package p\n\n");
    let mut shared = String::from("package sqlq\n\nconst Anchor = 0\n\n");
    let mut body = String::new();
    for (i, bytes) in strings.iter().enumerate() {
        let big = bytes.len() > 64 * 1024;
        let lit = go_interpreted(rng, bytes);
        decl.push_str(&format!("const fz{i} = {lit}\n"));
        body.push_str(&format!("\t_, _ = db.Exec({lit})\n"));
        body.push_str(&format!("\t_, _ = db.Query(fz{i})\n"));
        if big {
            continue;
        }
        let raw = go_raw(bytes);
        decl.push_str(&format!("const fr{i} = {raw}\n"));
        shared.push_str(&format!("const FZ{i} = {lit}\n"));
        body.push_str(&format!("\t_ = tx.QueryRowContext(ctx, fr{i})\n"));
        body.push_str(&format!("\t_, _ = db.ExecContext(ctx, {raw})\n"));
        body.push_str(&format!("\t_, _ = db.Exec(sqlq.FZ{i})\n"));
        body.push_str(&format!("\tlq{i} := {lit}\n\t_, _ = tx.Exec(lq{i})\n"));
        body.push_str(&format!("\t_, _ = db.Query(fmt.Sprintf({lit}, name, n))\n"));
        body.push_str(&format!("\t_, _ = db.Query(fmt.Sprintf(fz{i}, name))\n"));
        body.push_str(&format!("\t_, _ = db.Query({lit} + name)\n"));
        body.push_str(&format!("\t_, _ = db.Query(fz{i} + {lit})\n"));
        body.push_str(&format!(
            "\tfunc() {{ _, _ = db.Exec(\"SELECT a FROM t1 \" + fz{i}) }}()\n"
        ));
    }
    files.insert("internal/d0/p/decl.go".into(), decl.into_bytes());
    files.insert("internal/sqlq/queries.go".into(), shared.into_bytes());
    files.insert(
        "internal/d0/p/use.go".into(),
        format!(
            "package p\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"fmt\"\n\n\t\"{}/internal/sqlq\"\n)\n\n\
             var _ = fmt.Sprintf\nvar _ = sqlq.Anchor\n\n\
             func F(ctx context.Context, db *sql.DB, tx *sql.Tx, name string, n int) {{\n{body}}}\n",
            gen::MODULE
        )
        .into_bytes(),
    );
    files
}

fn write_files(root: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for (path, bytes) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

/// Run `goseam sql` and `goseam tables` on a tree: they must exit 0 with
/// JSON. With `both_thread_counts`, `sql` runs with 1 and 2 threads and
/// must print the same bytes.
fn must_survive(root: &Path, goroot: &Path, both_thread_counts: bool) -> Result<(), String> {
    let r = root.to_str().unwrap();
    let sql = |threads| {
        [
            "sql",
            "--root",
            r,
            "--format",
            "json",
            "-q",
            "--threads",
            threads,
        ]
    };
    let (a, _) = run_json(goroot, &sql("2"))?;
    if both_thread_counts {
        let (b, _) = run_json(goroot, &sql("1"))?;
        if a != b {
            return Err("goseam sql output differs between 1 and 2 threads".to_string());
        }
    }
    let tables = [
        "tables",
        "--root",
        r,
        "--format",
        "json",
        "-q",
        "--threads",
        "1",
    ];
    run_json(goroot, &tables)?;
    Ok(())
}

/// On a failure, find the smallest set of the tree's Go files (one, if
/// possible) that still fails, and report it.
fn fail_with(
    what: &str,
    seed: u64,
    files: &BTreeMap<String, Vec<u8>>,
    err: String,
    goroot: &Path,
) -> ! {
    let base: BTreeMap<String, Vec<u8>> = files
        .iter()
        .filter(|(p, _)| !p.ends_with(".go"))
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect();
    let mut culprit = None;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".go")) {
        let mut one = base.clone();
        one.insert(path.clone(), bytes.clone());
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &one);
        if let Err(e) = must_survive(dir.path(), goroot, true) {
            culprit = Some((path.clone(), e, dir.keep()));
            break;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    let kept = dir.keep();
    match culprit {
        Some((path, e, one_dir)) => panic!(
            "{what}: seed {seed:#x} fails (tree kept in {}): {err}\n\
             {path} alone fails (kept in {}): {e}\nits first 2000 bytes: {:?}",
            kept.display(),
            one_dir.display(),
            String::from_utf8_lossy(&files[&path][..files[&path].len().min(2000)])
        ),
        None => panic!(
            "{what}: seed {seed:#x} fails (tree kept in {}): {err}",
            kept.display()
        ),
    }
}

/// Say which cases are slow (information only: no test asserts a time).
fn note_slow(seed: u64, started: Instant, files: &BTreeMap<String, Vec<u8>>) {
    let t = started.elapsed();
    if t > Duration::from_secs(2) {
        let bytes: usize = files.values().map(Vec::len).sum();
        eprintln!(
            "slow: seed {seed:#x} took {:.1}s ({bytes} bytes of files)",
            t.as_secs_f64()
        );
        for (path, b) in files.iter().filter(|(p, _)| p.contains("garbage")) {
            let head = String::from_utf8_lossy(&b[..b.len().min(300)]).replace('\n', "⏎");
            eprintln!("  {path}: {} bytes: {head:?}", b.len());
        }
    }
}

#[test]
fn fuzzed_sql_strings_never_break_goseam_sql() {
    let Some(goroot) = goroot() else { return };
    let fixed: Vec<Vec<u8>> = vec![
        // About 1 MB of statement.
        format!("SELECT a FROM t1 WHERE id IN ({}1)", "1, ".repeat(260_000)).into_bytes(),
        format!("SELECT {}1{}", "(".repeat(10_000), ")".repeat(10_000)).into_bytes(),
        format!("SELECT {}", "(".repeat(10_000)).into_bytes(),
        format!("DELETE FROM t1 WHERE {}", ")".repeat(10_000)).into_bytes(),
        b"SELECT $$ unterminated".to_vec(),
        b"INSERT INTO t1 (a) VALUES ('unterminated".to_vec(),
        b"UPDATE /* unterminated comment".to_vec(),
        b"SELECT \xff\xfe\x00 FROM t1".to_vec(),
        "x".repeat(1 << 20).into_bytes(),
    ];
    let n = seeds(FUZZ_SEED, 48).len();
    let mut total = 0;
    for (i, seed) in seeds(FUZZ_SEED, 48).into_iter().enumerate() {
        let mut rng = Rng::new(seed);
        let strings: Vec<Vec<u8>> = if i < fixed.len() && n > 1 {
            vec![fixed[i].clone(), fuzz_sql(&mut rng)]
        } else {
            (0..rng.range(1, 4)).map(|_| fuzz_sql(&mut rng)).collect()
        };
        let files = fuzz_tree(&mut rng, &strings);
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &files);
        let started = Instant::now();
        if let Err(e) = must_survive(dir.path(), &goroot, false) {
            fail_with("fuzzed SQL strings", seed, &files, e, &goroot);
        }
        note_slow(seed, started, &files);
        total += strings.len();
    }
    eprintln!("{n} trees, {total} fuzzed SQL strings: goseam sql and tables exit 0 with JSON");
}

const GO_TOKENS: &[&str] = &[
    "package",
    "p",
    "import",
    "\"database/sql\"",
    "func",
    "F",
    "(",
    ")",
    "{",
    "}",
    "db",
    ".",
    "Exec",
    "Query",
    "\"SELECT a FROM t1\"",
    "`INSERT INTO t2 (a) VALUES (1)`",
    "`",
    "const",
    "q",
    "=",
    "+",
    ",",
    ";",
    "\n",
    "//",
    "/*",
    "*/",
    "var",
    "type",
    "struct",
    "interface",
    "[",
    "]",
    "*",
    "sql.DB",
    "go",
    "defer",
    "fmt.Sprintf",
    "\"%s\"",
    "<-",
    "chan",
    "map",
    "...",
    ":=",
    "'",
    "0x",
    "1e9",
    "\"",
    "\\",
    "func()",
    "return",
    "if",
    "for",
    "range",
    "switch",
    "case",
    "default",
    ":",
    "[]string{",
    "sqlq.Q1",
    "tx",
    "ctx",
    "name",
    "~",
    "|",
    "&",
];

/// A Go file that is garbage in one of many ways, some of them hostile to
/// recursive code.
fn garbage_go(rng: &mut Rng, valid: &[&Vec<u8>]) -> Vec<u8> {
    const HEAD: &str = "package p\n\nimport \"database/sql\"\n\n";
    let deep = |body: &str| format!("{HEAD}func G(db *sql.DB, name string) {{\n{body}\n}}\n");
    let k = *rng.pick(&[100, 500, 2_000, 10_000]);
    match rng.below(8) {
        0 => (0..rng.range(0, 4096))
            .map(|_| rng.next_u64() as u8)
            .collect(),
        1 => {
            let mut s = String::new();
            for _ in 0..rng.range(1, 400) {
                s.push_str(rng.pick_str(GO_TOKENS));
                s.push(' ');
            }
            s.into_bytes()
        }
        2 | 3 => {
            let mut v = rng.pick(valid).to_vec();
            for _ in 0..rng.range(1, 8) {
                let i = rng.below(v.len() + 1);
                let j = (i + rng.range(0, 64)).min(v.len());
                match rng.below(5) {
                    0 => v.truncate(i),
                    1 => {
                        v.drain(i..j);
                    }
                    2 => {
                        let dup = v[i..j].to_vec();
                        v.splice(i..i, dup);
                    }
                    3 => v.insert(i, *rng.pick(b"\"`'(){}[]\x00\xff\n+")),
                    _ => {
                        for b in &mut v[i..j] {
                            *b ^= 1 << rng.below(8);
                        }
                    }
                }
            }
            v
        }
        4 => match rng.below(9) {
            0 => deep(&format!(
                "\t_, _ = db.Exec({}\"SELECT a FROM t1\"{})",
                "(".repeat(k),
                ")".repeat(k)
            )),
            1 => deep(&format!(
                "\t_, _ = db.Exec(\"SELECT a FROM t1\"{})",
                " + \"x\"".repeat(k)
            )),
            2 => deep(&format!(
                "\t_, _ = db.Exec({}\"SELECT a FROM t1\")",
                "name + ".repeat(k)
            )),
            3 => deep(&format!(
                "\t{}_, _ = db.Exec(\"DELETE FROM t1\"){}",
                "func() {".repeat(k.min(2_000)),
                "}()".repeat(k.min(2_000))
            )),
            4 => deep(&format!(
                "\t{}_, _ = db.Exec(\"DELETE FROM t1\"){}",
                "{".repeat(k),
                "}".repeat(k)
            )),
            5 => deep(&format!(
                "\t_ = {}db.Exec(\"DELETE FROM t1\"){}",
                "[]interface{}{".repeat(k),
                "}".repeat(k)
            )),
            6 => deep(&format!(
                "\t_, _ = db{}.Exec(\"DELETE FROM t1\")",
                ".x".repeat(k)
            )),
            7 => deep(&format!(
                "\t_, _ = db.Exec({}\"SELECT a FROM t1\"{})",
                "fmt.Sprint(".repeat(k),
                ")".repeat(k)
            )),
            _ => deep(&format!("\tvar x {}int\n\t_ = x", "[]*".repeat(k))),
        }
        .into_bytes(),
        5 => {
            // Constants that fold into something huge, or never.
            let mut s = String::from(HEAD);
            s.push_str("const c0 = \"SELECT a FROM t1 \"\n");
            // c16 folds to 1 MiB, c17 to twice that; c40 never ends.
            let n = *rng.pick(&[8, 12, 16, 17, 40]);
            for i in 1..=n {
                s.push_str(&format!("const c{i} = c{} + c{}\n", i - 1, i - 1));
            }
            s.push_str("const x = y + \"SELECT\"\nconst y = x\n");
            s.push_str(&format!(
                "func G(db *sql.DB) {{\n\t_, _ = db.Exec(c{n})\n\t_, _ = db.Exec(x)\n}}\n"
            ));
            s.into_bytes()
        }
        6 => {
            // Odd encodings: BOM, CRLF, lone CR, NUL, invalid UTF-8.
            let mut v = Vec::new();
            if rng.chance(1, 2) {
                v.extend_from_slice(b"\xef\xbb\xbf");
            }
            let text = rng.pick(valid).to_vec();
            for b in text {
                match b {
                    b'\n' if rng.chance(1, 2) => v.extend_from_slice(b"\r\n"),
                    b'\n' if rng.chance(1, 8) => v.push(b'\r'),
                    b'"' if rng.chance(1, 16) => v.extend_from_slice(b"\"\xff\x00"),
                    b => v.push(b),
                }
            }
            v
        }
        _ => match rng.below(4) {
            0 => Vec::new(),
            1 => b"package".to_vec(),
            2 => b"package p\nfunc".to_vec(),
            _ => b"package p\n\nfunc F() { db.Exec(\"SELECT a FROM t1".to_vec(),
        },
    }
}

#[test]
fn garbage_go_files_never_break_goseam_sql() {
    let Some(goroot) = goroot() else { return };
    let mut n = 0;
    for seed in seeds(GARBAGE_SEED, 32) {
        let mut rng = Rng::new(seed);
        let model = Model::generate(rng.next_u64(), rng.chance(1, 2));
        let rendered = model.render();
        let mut files: BTreeMap<String, Vec<u8>> = rendered
            .files
            .iter()
            .map(|(p, t)| (p.clone(), t.clone().into_bytes()))
            .collect();
        let valid: Vec<&Vec<u8>> = files
            .iter()
            .filter(|(p, _)| p.ends_with(".go"))
            .map(|(_, b)| b)
            .collect();
        let dirs: Vec<String> = model.packages.iter().map(|p| p.dir.clone()).collect();
        let mut garbage = Vec::new();
        for i in 0..rng.range(1, 4) {
            let dir = if rng.chance(1, 4) {
                "internal/d0/junk".to_string()
            } else {
                rng.pick(&dirs).clone()
            };
            garbage.push((
                format!("{dir}/zz_garbage{i}.go"),
                garbage_go(&mut rng, &valid),
            ));
        }
        files.extend(garbage);
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &files);
        let started = Instant::now();
        if let Err(e) = must_survive(dir.path(), &goroot, true) {
            fail_with("garbage Go files", seed, &files, e, &goroot);
        }
        note_slow(seed, started, &files);
        n += 1;
    }
    eprintln!("{n} trees with garbage Go files: goseam sql and tables exit 0 with JSON");
}
