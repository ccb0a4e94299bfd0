//! The on-disk cache, end to end: a warm run prints exactly what a run
//! without the cache prints, parses only changed files, and never trusts a
//! damaged, foreign or stale cache.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use goseam_engine::cache::facts::{CachedFile, FactsCache};
use goseam_engine::cache::CacheConfig;

use common::goseam as run;

/// A private copy of the fixture monolith, without any cache.
fn monolith_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("monolith");
    copy_dir(&common::monolith(), &root);
    (dir, root)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() == ".goseam" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The commands whose output a warm run must reproduce byte for byte.
fn commands(root: &str) -> Vec<Vec<String>> {
    let c = |args: &[&str]| -> Vec<String> {
        args.iter()
            .map(|a| a.to_string())
            .chain(["--root".to_string(), root.to_string()])
            .collect()
    };
    vec![
        c(&["scan", "--format", "json"]),
        c(&["tables", "--format", "json"]),
        c(&["callsites", "fmt.Sprintf", "--format", "json"]),
        c(&["deps", "--format", "json"]),
        c(&["callgraph", "--format", "jsonl"]),
        c(&["check", "no-cycles", "--level", "package"]),
    ]
}

#[test]
fn warm_runs_print_what_uncached_runs_print() {
    let (_tmp, root) = monolith_copy();
    let root_s = root.to_str().unwrap();
    for args in commands(root_s) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut uncached = args.clone();
        uncached.push("--no-cache");
        let reference = run(&uncached);
        let cold = run(&args);
        let warm = run(&args);
        assert_eq!(cold.stdout, reference.stdout, "cold {args:?}");
        assert_eq!(warm.stdout, reference.stdout, "warm {args:?}");
        assert_eq!(warm.status.code(), reference.status.code());
        assert!(
            stderr(&warm).contains("tree unchanged"),
            "{args:?} was not served from the cache: {}",
            stderr(&warm)
        );
        assert!(!stderr(&cold).contains("tree unchanged"));
    }
    assert!(root.join(".goseam/facts.bin").is_file());
}

#[test]
fn no_cache_leaves_no_trace_and_cache_dir_moves_it() {
    let (tmp, root) = monolith_copy();
    let root_s = root.to_str().unwrap();
    run(&["scan", "--root", root_s, "--no-cache"]);
    assert!(!root.join(".goseam").exists());
    let elsewhere = tmp.path().join("elsewhere");
    run(&[
        "scan",
        "--root",
        root_s,
        "--cache-dir",
        elsewhere.to_str().unwrap(),
    ]);
    assert!(!root.join(".goseam").exists());
    assert!(elsewhere.join("facts.bin").is_file());
}

#[test]
fn a_changed_file_is_parsed_again_and_results_follow_the_tree() {
    let (_tmp, root) = monolith_copy();
    let root_s = root.to_str().unwrap();
    let tables = ["tables", "--format", "json", "--root", root_s];
    run(&["scan", "--root", root_s]);
    let before = run(&tables);

    // A new file that writes a new table.
    let dir = root.join("internal/billing");
    assert!(dir.is_dir(), "the fixture has a billing package");
    let pkg = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let text = fs::read_to_string(e.unwrap().path()).ok()?;
            let line = text.lines().find(|l| l.starts_with("package "))?;
            Some(line.to_string())
        })
        .next()
        .expect("a Go file in billing");
    fs::write(
        dir.join("cache_probe.go"),
        format!(
            "{pkg}\n\nimport \"database/sql\"\n\nfunc cacheProbe(db *sql.DB) {{\n\tdb.Exec(\"INSERT INTO cache_probe (id) VALUES (1)\")\n}}\n"
        ),
    )
    .unwrap();

    let scan = run(&["scan", "--root", root_s]);
    assert!(
        stderr(&scan).contains(" reused, 1 parsed"),
        "only the new file is parsed: {}",
        stderr(&scan)
    );
    let after = run(&tables);
    assert!(!stderr(&after).contains("tree unchanged"));
    assert_ne!(after.stdout, before.stdout);
    assert!(String::from_utf8_lossy(&after.stdout).contains("cache_probe"));
    let mut uncached = tables.to_vec();
    uncached.push("--no-cache");
    assert_eq!(after.stdout, run(&uncached).stdout);

    // Back to the first state: the first result is computed again (its
    // entry was replaced), and equals the first output.
    fs::remove_file(dir.join("cache_probe.go")).unwrap();
    assert_eq!(run(&tables).stdout, before.stdout);
}

#[test]
fn damaged_or_foreign_caches_are_rebuilt_not_trusted() {
    let (_tmp, root) = monolith_copy();
    let root_s = root.to_str().unwrap();
    let scan = ["scan", "--format", "json", "--root", root_s];
    let reference = run(&["scan", "--format", "json", "--root", root_s, "--no-cache"]).stdout;
    run(&scan);
    let facts = root.join(".goseam/facts.bin");
    let results = root.join(".goseam/results");
    let good = fs::read(&facts).unwrap();

    // Results are stored per request; remove them so the scan runs.
    let clear_results = || fs::remove_dir_all(&results).unwrap();

    // Truncated.
    clear_results();
    fs::write(&facts, &good[..good.len() / 2]).unwrap();
    let out = run(&scan);
    assert_eq!(out.stdout, reference);
    assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 files reused"));
    assert_eq!(fs::read(&facts).unwrap(), good, "rebuilt whole");

    // One flipped byte.
    clear_results();
    let mut bad = good.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x20;
    fs::write(&facts, &bad).unwrap();
    let out = run(&scan);
    assert_eq!(out.stdout, reference);
    assert!(stderr(&out).contains("corrupt"), "{}", stderr(&out));

    // Garbage, and an empty file.
    for junk in [
        &b"not a cache at all, just some text that is long enough"[..],
        b"",
    ] {
        clear_results();
        fs::write(&facts, junk).unwrap();
        let out = run(&scan);
        assert_eq!(out.stdout, reference);
        assert!(stderr(&out).contains("not used"), "{}", stderr(&out));
    }

    // Written by another build: a well-formed file whose facts are wrong
    // for this build must not be read.
    clear_results();
    let other = CacheConfig {
        dir: root.join(".goseam"),
        tool: "goseam 0.0.0+another-build".into(),
    };
    let lie = CachedFile {
        lines: 1,
        bytes: 1,
        invalid_utf8: None,
        facts: Default::default(),
    }
    .encode();
    let digests: Vec<[u8; 32]> = walk_go(&root)
        .iter()
        .map(|p| goseam_engine::cache::digest(&fs::read(p).unwrap()))
        .collect();
    let live = digests.iter().map(|d| (*d, &lie[..])).collect();
    FactsCache::open(&other).save(&live).unwrap();
    let out = run(&scan);
    assert_eq!(out.stdout, reference);
    assert!(
        stderr(&out).contains("another goseam build"),
        "{}",
        stderr(&out)
    );

    // A stored result of another build is not served either.
    let out = run(&scan);
    assert!(stderr(&out).contains("tree unchanged"));
    for entry in fs::read_dir(&results).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = fs::read(&path).unwrap();
        let n = bytes.len();
        bytes[n - 1] ^= 1;
        fs::write(&path, bytes).unwrap();
    }
    let out = run(&scan);
    assert_eq!(out.stdout, reference);
    assert!(
        stderr(&out).contains("stored result not used"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unwritable_cache_is_reported_and_the_run_goes_on() {
    let (tmp, root) = monolith_copy();
    let root_s = root.to_str().unwrap();
    // A regular file where the cache directory should be.
    let blocked = tmp.path().join("blocked");
    fs::write(&blocked, "x").unwrap();
    let args = ["tables", "--format", "json", "--root", root_s];
    let reference = run(&[&args[..], &["--no-cache"]].concat()).stdout;
    let mut with_cache = args.to_vec();
    with_cache.extend(["--cache-dir", blocked.to_str().unwrap()]);
    let out = run(&with_cache);
    assert_eq!(out.stdout, reference);
    assert!(stderr(&out).contains("cannot store"), "{}", stderr(&out));
    let scan = run(&[
        "scan",
        "--root",
        root_s,
        "--cache-dir",
        blocked.to_str().unwrap(),
    ]);
    assert!(
        stderr(&scan).contains("cannot write the facts file"),
        "{}",
        stderr(&scan)
    );
}

#[test]
fn concurrent_runs_never_corrupt_the_cache() {
    let (_tmp, root) = monolith_copy();
    let root_s = root.to_str().unwrap();
    let scan = ["scan", "--format", "json", "--root", root_s];
    let tables = ["tables", "--format", "json", "--root", root_s];
    let scan_ref = run(&[&scan[..], &["--no-cache"]].concat()).stdout;
    let tables_ref = run(&[&tables[..], &["--no-cache"]].concat()).stdout;
    let children: Vec<_> = (0..6)
        .map(|i| {
            let args: &[&str] = if i % 2 == 0 { &scan } else { &tables };
            (
                i,
                Command::new(env!("CARGO_BIN_EXE_goseam"))
                    .args(args)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap(),
            )
        })
        .collect();
    for (i, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let expected = if i % 2 == 0 { &scan_ref } else { &tables_ref };
        assert_eq!(&out.stdout, expected, "run {i}");
    }
    // What they left is whole: the next runs are served from it.
    let out = run(&scan);
    assert_eq!(out.stdout, scan_ref);
    assert!(stderr(&out).contains("tree unchanged"), "{}", stderr(&out));
    let names: Vec<String> = fs::read_dir(root.join(".goseam"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains(".tmp-")),
        "temporary files left: {names:?}"
    );
}

fn walk_go(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with('_') || name == "testdata" {
            continue;
        }
        if path.is_dir() {
            out.extend(walk_go(&path));
        } else if name.ends_with(".go") {
            out.push(path);
        }
    }
    out
}
