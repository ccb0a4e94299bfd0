//! The generator's own guarantees: determinism, size, valid Go (tree-sitter,
//! gofmt, go vet), and a manifest whose positions point at what they name.
//! That goseam finds exactly the manifest's answers is
//! `cli/tests/synth_exact.rs`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use goseam_synth::{ensure, generate, read_sql_accesses, Manifest, MANIFEST_FILE};

/// Every file under `root` (relative path with `/` → bytes), sorted.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let path = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn go_files(t: &BTreeMap<String, Vec<u8>>) -> impl Iterator<Item = (&String, &Vec<u8>)> {
    t.iter().filter(|(p, _)| p.ends_with(".go"))
}

fn gen(seed: u64, lines: u64) -> (tempfile::TempDir, Manifest) {
    let dir = tempfile::tempdir().unwrap();
    let m = generate(seed, lines, dir.path()).unwrap();
    (dir, m)
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let (a, ma) = gen(7, 40_000);
    let (b, mb) = gen(7, 40_000);
    let (c, _) = gen(8, 40_000);
    let (ta, tb, tc) = (tree(a.path()), tree(b.path()), tree(c.path()));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "same seed, different file lists"
    );
    for (path, bytes) in &ta {
        assert!(tb[path] == *bytes, "same seed, {path} differs");
    }
    assert_eq!(ma, mb);
    assert_ne!(ta, tc, "seeds 7 and 8 wrote the same tree");
}

#[test]
fn the_output_directory_must_be_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("stale.go"), "package stale\n").unwrap();
    assert!(generate(1, 10_000, dir.path()).is_err());
}

#[test]
fn size_is_within_five_percent_and_the_manifest_counts_it() {
    for (seed, lines) in [(1, 20_000), (2, 100_000), (3, 400_000)] {
        let (dir, m) = gen(seed, lines);
        let t = tree(dir.path());
        let (mut n, mut bytes, mut files) = (0u64, 0u64, 0u64);
        for (_, b) in go_files(&t) {
            n += b.iter().filter(|&&c| c == b'\n').count() as u64;
            bytes += b.len() as u64;
            files += 1;
        }
        assert_eq!((m.lines, m.bytes, m.go_files), (n, bytes, files));
        let err = (n as f64 - lines as f64).abs() / lines as f64;
        assert!(
            err <= 0.05,
            "asked for {lines} lines, got {n} ({:.1}%)",
            err * 100.0
        );
        assert_eq!(m.requested_lines, lines);
        // Larger trees have more domains, components and sites.
        assert!(m.components >= m.domains.len() as u64);
        assert!(m
            .targets
            .iter()
            .all(|t| t.count == t.sites.len() && t.count > 0));
        let on_disk: Manifest =
            serde_json::from_slice(&fs::read(dir.path().join(MANIFEST_FILE)).unwrap()).unwrap();
        assert_eq!(on_disk, m);
    }
}

#[test]
fn the_tree_has_what_a_monolith_has() {
    let (dir, m) = gen(11, 100_000);
    let t = tree(dir.path());
    assert!(t.contains_key("go.mod") && t.contains_key("goseam.toml"));
    assert!(t.contains_key("cmd/server/main.go"));
    assert!(m.domains.len() >= 3);
    assert!(m.test_files > 0 && m.generated_files > 0);
    assert!(m.routes >= 5 * m.components);
    assert!(!m.cross_domain_imports.is_empty());
    for e in &m.cross_domain_imports {
        assert_ne!(e.from_domain, e.to_domain);
        let text = String::from_utf8(t[&e.file].clone()).unwrap();
        let line = text.lines().nth(e.line as usize - 1).unwrap();
        assert!(
            line.ends_with(&format!("\"{}\"", e.to)),
            "{}:{} is not the import of {}: {line:?}",
            e.file,
            e.line,
            e.to
        );
    }
    let statuses: std::collections::BTreeSet<&str> =
        m.tables.iter().map(|t| t.status.as_str()).collect();
    for s in ["owned", "read-shared", "test-only", "unaccessed"] {
        assert!(statuses.contains(s), "no {s} table: {statuses:?}");
    }
    assert!(!m.never_accessed.is_empty());
    let sites = m.all_sites();
    assert!(sites.iter().any(|s| s.test) && sites.iter().any(|s| s.generated));
    assert!(sites.iter().any(|s| s.kind == "reference"));
    assert!(sites.iter().any(|s| s.package.ends_with("_test")));
    assert!(sites.iter().any(|s| s.function.contains(".func")));
}

/// Each position the manifest gives is where the name it names starts.
#[test]
fn manifest_positions_point_at_the_names() {
    let (dir, m) = gen(5, 60_000);
    let t = tree(dir.path());
    let line_at = |file: &str, line: u32| -> String {
        let text = std::str::from_utf8(&t[file]).unwrap();
        text.lines().nth(line as usize - 1).unwrap().to_string()
    };
    for s in m.all_sites() {
        let l = line_at(&s.file, s.line);
        let name = if s.target.ends_with(".Send") {
            "Send"
        } else {
            "Record"
        };
        assert!(
            l[s.column as usize - 1..].starts_with(name),
            "{}:{}:{} is not {name}: {l:?}",
            s.file,
            s.line,
            s.column
        );
    }
    let accesses = read_sql_accesses(dir.path()).unwrap();
    assert!(!accesses.is_empty());
    for a in &accesses {
        let l = line_at(&a.file, a.line);
        let at = &l[a.column as usize - 1..];
        assert!(
            at.starts_with('"')
                || at.starts_with('`')
                || at.starts_with("insertEventSQL")
                || at.starts_with("listSQL"),
            "{}:{}:{} is not SQL: {l:?}",
            a.file,
            a.line,
            a.column
        );
    }
    let total: u64 = m
        .tables
        .iter()
        .flat_map(|t| t.writes.iter().chain(&t.reads))
        .map(|g| g.sites)
        .sum();
    assert_eq!(total, accesses.len() as u64);
}

#[test]
fn every_go_file_parses_without_errors() {
    let (dir, _) = gen(3, 100_000);
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_go::LANGUAGE.into())
        .unwrap();
    let mut n = 0;
    for (path, bytes) in go_files(&tree(dir.path())) {
        let parsed = parser.parse(bytes, None).unwrap();
        assert!(
            !parsed.root_node().has_error(),
            "{path} has syntax errors: {}",
            parsed.root_node().to_sexp()
        );
        n += 1;
    }
    assert!(n > 100);
}

/// `$(go env GOROOT)/bin`, or None when the test is to be skipped: outside
/// CI, with GOSEAM_ALLOW_MISSING_GO set (the README's convention).
fn go_bin() -> Option<PathBuf> {
    let found = Command::new("go")
        .args(["env", "GOROOT"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()).join("bin"))
        .filter(|b| b.join("gofmt").is_file() && b.join("go").is_file());
    if found.is_some() {
        return found;
    }
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    if !in_ci && std::env::var_os("GOSEAM_ALLOW_MISSING_GO").is_some() {
        eprintln!("SKIPPED: Go toolchain not found and GOSEAM_ALLOW_MISSING_GO is set");
        return None;
    }
    panic!(
        "this test needs the Go toolchain (`go env GOROOT` with bin/go and bin/gofmt). \
         Install it with `bash corpus/gostd.sh`, or set GOSEAM_ALLOW_MISSING_GO=1 outside CI."
    );
}

#[test]
fn a_small_tree_is_gofmt_clean_and_passes_go_vet() {
    let Some(bin) = go_bin() else { return };
    let (dir, _) = gen(9, 30_000);
    let out = Command::new(bin.join("gofmt"))
        .arg("-l")
        .arg(".")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "gofmt would change:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = Command::new(bin.join("go"))
        .args(["vet", "./..."])
        .current_dir(dir.path())
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOWORK", "off")
        .env("GO111MODULE", "on")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "go vet failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn ensure_generates_once_then_reuses() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("tree");
    let m = ensure(4, 15_000, &dir).unwrap();
    assert!(dir.join("go.mod").is_file());
    let stamp = fs::metadata(dir.join("go.mod"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(ensure(4, 15_000, &dir).unwrap(), m);
    assert_eq!(
        fs::metadata(dir.join("go.mod"))
            .unwrap()
            .modified()
            .unwrap(),
        stamp
    );
    assert!(
        ensure(5, 15_000, &dir).is_err(),
        "another seed reused the tree"
    );
    let names: Vec<_> = fs::read_dir(parent.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "a partial directory was left behind");
}
