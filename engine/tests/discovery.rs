//! Discovery: which files of a tree the engine sees, as the go tool would.

mod common;

use common::{file_paths, package_keys, scan_with, skipped, Tree, GO_MOD};
use goseam_engine::discover::{discover, DiscoveredKind, DiscoveryOptions};
use goseam_engine::{ScanOptions, ScanSummary, SkipReason, SummaryOptions};

#[test]
fn gitignore_and_ignore_files_are_honoured_outside_a_git_checkout() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write(".gitignore", "/build/\n*_gen.go\n!keep_gen.go\n")
        .write(".ignore", "scratch.go\n")
        .write("main.go", "package main\n")
        .write("build/out.go", "package build\n")
        .write("api_gen.go", "package main\n")
        .write("keep_gen.go", "package main\n")
        .write("scratch.go", "package main\n")
        .write("pkg/.gitignore", "local.go\n")
        .write("pkg/local.go", "package pkg\n")
        .write("pkg/kept.go", "package pkg\n")
        .write("pkg/scratch.go", "package pkg\n")
        // Anchored `/build/` only matches at the root.
        .write("pkg/build/b.go", "package build\n");
    assert!(
        !t.path(".git").exists(),
        "the tree must not be a git checkout"
    );
    let scan = t.scan();
    assert_eq!(
        file_paths(&scan),
        vec!["keep_gen.go", "main.go", "pkg/build/b.go", "pkg/kept.go"]
    );
    assert_eq!(skipped(&scan), vec![]);
    assert_eq!(scan.modules.modules.len(), 1);
}

#[test]
fn dot_and_underscore_entries_and_git_are_skipped() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write(".git/config", "[core]\n")
        .write(".git/hooks/hook.go", "package hooks\n")
        .write(".hidden/h.go", "package hidden\n")
        .write("_vendor_old/u.go", "package u\n")
        .write("_skip.go", "package main\n")
        .write(".skip.go", "package main\n")
        .write("pkg/_x.go", "package pkg\n")
        .write("pkg/.x.go", "package pkg\n")
        .write("pkg/_sub/s.go", "package s\n")
        .write("pkg/.sub/s.go", "package s\n")
        .write("pkg/sub_/s.go", "package s\n")
        .write("pkg/p.go", "package pkg\n")
        .write("main.go", "package main\n")
        // Only names ending in .go (and go.mod / go.work) are collected.
        .write("README.md", "# x\n")
        .write("pkg/p.go.orig", "package pkg\n");
    let scan = t.scan();
    assert_eq!(
        file_paths(&scan),
        vec!["main.go", "pkg/p.go", "pkg/sub_/s.go"]
    );
    assert_eq!(skipped(&scan), vec![]);
}

#[test]
fn a_go_mod_under_an_ignored_directory_is_not_a_module() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("_old/go.mod", "module example.com/old\n")
        .write("_old/x.go", "package x\n")
        .write(".cache/go.mod", "module example.com/cache\n")
        .write("a/a.go", "package a\n");
    let scan = t.scan();
    let dirs: Vec<&str> = scan
        .modules
        .modules
        .iter()
        .map(|m| m.dir.as_str())
        .collect();
    assert_eq!(dirs, vec!["."]);
    assert_eq!(file_paths(&scan), vec!["a/a.go"]);
}

#[test]
fn testdata_is_skipped_unless_asked_for() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("testdata/top.go", "package top\n")
        .write("pkg/testdata/fixture.go", "package fixture\n")
        .write("pkg/testdata/deeper/d.go", "package d\n")
        .write("pkg/p.go", "package pkg\n")
        // A file named like the directory is an ordinary file.
        .write("pkg/testdata.go", "package pkg\n")
        .write("pkg/testdata_test.go", "package pkg\n");
    let default = t.scan();
    assert_eq!(
        file_paths(&default),
        vec!["pkg/p.go", "pkg/testdata.go", "pkg/testdata_test.go"]
    );
    assert_eq!(skipped(&default), vec![]);

    let with = scan_with(&ScanOptions {
        include_testdata: true,
        ..t.options()
    });
    assert_eq!(
        file_paths(&with),
        vec![
            "pkg/p.go",
            "pkg/testdata.go",
            "pkg/testdata/deeper/d.go",
            "pkg/testdata/fixture.go",
            "pkg/testdata_test.go",
            "testdata/top.go",
        ]
    );
    assert_eq!(
        with.file_by_path("pkg/testdata/fixture.go")
            .unwrap()
            .location
            .import_path,
        "example.com/app/pkg/testdata"
    );
}

#[test]
fn symlinked_go_file_is_reported_not_followed_by_default() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("real/a.go", "package real\n\nfunc A() {}\n")
        .symlink("real/a.go", "link.go")
        .symlink("../real", "pkg/linkdir")
        .symlink("missing.go", "dangling.go");
    let scan = t.scan();
    assert_eq!(file_paths(&scan), vec!["real/a.go"]);
    assert_eq!(
        skipped(&scan),
        vec![
            ("dangling.go", &SkipReason::SymlinkNotFollowed),
            ("link.go", &SkipReason::SymlinkNotFollowed),
        ]
    );
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.skipped.files, 2);
    assert_eq!(
        summary.skipped.by_reason.get("symlink_not_followed"),
        Some(&2)
    );

    // Followed, the linked file and the linked directory are read through
    // the link's own path.
    let followed = scan_with(&ScanOptions {
        follow_symlinks: true,
        ..t.options()
    });
    assert_eq!(
        file_paths(&followed),
        vec!["link.go", "pkg/linkdir/a.go", "real/a.go"]
    );
    assert_eq!(
        followed
            .file_by_path("pkg/linkdir/a.go")
            .unwrap()
            .location
            .import_path,
        "example.com/app/pkg/linkdir"
    );
    // A dangling link cannot be followed: its target is missing, which is
    // reported (as a vanished file), not fatal.
    assert_eq!(
        skipped(&followed),
        vec![("dangling.go", &SkipReason::Vanished)]
    );
}

#[test]
fn directory_symlink_loop_terminates_and_is_reported() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("x.go", "package app\n")
        .write("a/y.go", "package a\n")
        .symlink("..", "a/loop");
    for threads in [1, 4] {
        let opts = ScanOptions {
            follow_symlinks: true,
            threads,
            ..t.options()
        };
        let scan = common::within(60, "scan of a symlink loop", move || scan_with(&opts));
        assert_eq!(
            file_paths(&scan),
            vec!["a/y.go", "x.go"],
            "threads {threads}"
        );
        assert_eq!(
            skipped(&scan),
            vec![(
                "a/loop",
                &SkipReason::SymlinkLoop {
                    ancestor: ".".to_string()
                }
            )],
            "threads {threads}"
        );
        assert_eq!(scan.modules.modules.len(), 1, "go.mod found once");
    }
    // Not following links, the loop is never entered and not reported.
    let scan = t.scan();
    assert_eq!(file_paths(&scan), vec!["a/y.go", "x.go"]);
    assert_eq!(skipped(&scan), vec![]);
}

#[test]
fn deeper_symlink_loop_names_its_ancestor() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("a/b/c/z.go", "package c\n")
        .symlink("../..", "a/b/c/up");
    let opts = ScanOptions {
        follow_symlinks: true,
        ..t.options()
    };
    let scan = common::within(60, "scan of a symlink loop", move || scan_with(&opts));
    assert_eq!(file_paths(&scan), vec!["a/b/c/z.go"]);
    assert_eq!(
        skipped(&scan),
        vec![(
            "a/b/c/up",
            &SkipReason::SymlinkLoop {
                ancestor: "a".to_string()
            }
        )]
    );
}

/// A tree with a bit of everything, big enough that several walker and
/// worker threads take part.
fn busy_tree() -> Tree {
    let t = Tree::new();
    t.write("go.mod", GO_MOD);
    for p in 0..24 {
        for f in 0..6 {
            t.write(
                &format!("pkg{p:02}/sub{}/f{f}.go", p % 3),
                format!(
                    "package sub{}\n\nfunc F{p}_{f}() {{}}\n\ntype T{f} struct{{}}\n",
                    p % 3
                ),
            );
        }
        t.write(
            &format!("pkg{p:02}/sub{}/x_test.go", p % 3),
            format!("package sub{}_test\n", p % 3),
        );
    }
    t.write("inner/go.mod", "module example.com/inner\n")
        .write("inner/i.go", "package inner\n\nfunc I() {}\n")
        .write("vendor/github.com/v/w/w.go", "package w\n")
        .write("bin.go", b"package app\n\x00")
        .write("broken.go", "package app\n\nfunc (\n")
        .symlink("inner/i.go", "link.go");
    t
}

#[test]
fn results_are_sorted_and_independent_of_thread_count() {
    let t = busy_tree();
    let one = scan_with(&ScanOptions {
        threads: 1,
        ..t.options()
    });
    let four = scan_with(&ScanOptions {
        threads: 4,
        ..t.options()
    });
    assert_eq!(one.files.len(), 24 * 7 + 3, "{:?}", file_paths(&one));
    let paths = file_paths(&one);
    assert!(
        paths.windows(2).all(|w| w[0] < w[1]),
        "files not sorted: {paths:?}"
    );
    assert_eq!(paths, file_paths(&four));
    assert_eq!(
        skipped(&one),
        vec![
            ("bin.go", &SkipReason::Binary { offset: 12 }),
            ("link.go", &SkipReason::SymlinkNotFollowed),
        ]
    );
    assert_eq!(skipped(&one), skipped(&four));
    assert_eq!(one.packages, four.packages);
    let keys = package_keys(&one);
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    assert_eq!(
        one.index().sorted_entries(),
        four.index().sorted_entries(),
        "symbol index differs between thread counts"
    );
    let json = |s| serde_json::to_string(&ScanSummary::new(s, SummaryOptions::default())).unwrap();
    assert_eq!(json(&one), json(&four));
    // And a second run gives the same again.
    let again = scan_with(&ScanOptions {
        threads: 4,
        ..t.options()
    });
    assert_eq!(json(&four), json(&again));
}

#[test]
fn discover_alone_is_sorted_and_classifies_module_files() {
    let t = busy_tree();
    t.write("go.work", "go 1.22\nuse ./inner\n");
    let root = t.root();
    let run = |threads| {
        discover(
            &root,
            DiscoveryOptions {
                include_testdata: false,
                follow_symlinks: false,
                threads,
                ..Default::default()
            },
        )
    };
    let one = run(1);
    let eight = run(8);
    assert_eq!(one.files, eight.files);
    assert_eq!(one.skipped, eight.skipped);
    assert!(one.files.windows(2).all(|w| w[0] < w[1]));
    let module_files: Vec<(&str, DiscoveredKind)> = one
        .files
        .iter()
        .filter(|f| f.kind != DiscoveredKind::GoSource)
        .map(|f| (f.path.as_str(), f.kind))
        .collect();
    assert_eq!(
        module_files,
        vec![
            ("go.mod", DiscoveredKind::GoMod),
            ("go.work", DiscoveredKind::GoWork),
            ("inner/go.mod", DiscoveredKind::GoMod),
        ]
    );
    for f in &one.files {
        assert!(f.abs.is_absolute() && f.abs.starts_with(&root), "{f:?}");
        assert!(!f.path.starts_with('/') && !f.path.contains('\\'), "{f:?}");
    }
}

#[test]
fn a_directory_named_like_a_go_file_is_walked_not_read() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("weird.go/inner.go", "package inner\n");
    let scan = t.scan();
    assert_eq!(file_paths(&scan), vec!["weird.go/inner.go"]);
    assert_eq!(skipped(&scan), vec![]);
    assert_eq!(
        common::location_of(&scan, "weird.go/inner.go").import_path,
        "example.com/app/weird.go"
    );
}

#[test]
fn unusable_roots_are_errors() {
    let t = Tree::new();
    t.write("file.go", "package x\n");
    let missing = goseam_engine::scan(
        &ScanOptions::new(t.path("does-not-exist")),
        &goseam_engine::NoObserver,
    );
    assert!(
        matches!(missing, Err(goseam_engine::ScanError::Root { .. })),
        "{missing:?}"
    );
    let file = goseam_engine::scan(
        &ScanOptions::new(t.path("file.go")),
        &goseam_engine::NoObserver,
    );
    assert!(
        matches!(file, Err(goseam_engine::ScanError::RootNotDirectory(_))),
        "{file:?}"
    );
}

#[test]
fn a_broken_ignore_file_is_reported_and_its_good_lines_still_apply() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write(".gitignore", "gen/\n{broken\n*.pb.go\n")
        .write("a.go", "package app\n")
        .write("a.pb.go", "package app\n")
        .write("gen/g.go", "package gen\n")
        .write("sub/.ignore", "x\\\n")
        .write("sub/s.go", "package sub\n");
    let scan = t.scan();
    assert_eq!(file_paths(&scan), vec!["a.go", "sub/s.go"]);
    let reported: Vec<(&str, &str)> = scan
        .skipped
        .iter()
        .map(|s| match &s.reason {
            SkipReason::WalkError { error } => (s.path.as_str(), error.as_str()),
            other => panic!("unexpected {other:?} for {}", s.path),
        })
        .collect();
    assert_eq!(reported.len(), 2, "{reported:?}");
    assert_eq!(reported[0].0, ".gitignore");
    assert!(
        reported[0].1.starts_with("line 2: ") && reported[0].1.contains("{broken"),
        "{reported:?}"
    );
    assert_eq!(reported[1].0, "sub/.ignore");
    assert!(reported[1].1.starts_with("line 1: "), "{reported:?}");
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.skipped.by_reason.get("walk_error"), Some(&2));
}

#[test]
fn the_observer_sees_every_go_file_once() {
    use std::sync::atomic::{AtomicU64, Ordering};
    #[derive(Default)]
    struct Counter {
        discovered: AtomicU64,
        calls: AtomicU64,
        done: AtomicU64,
    }
    impl goseam_engine::ScanObserver for Counter {
        fn discovered(&self, files: u64) {
            self.discovered.fetch_add(files, Ordering::Relaxed);
            self.calls.fetch_add(1, Ordering::Relaxed);
        }
        fn file_done(&self) {
            self.done.fetch_add(1, Ordering::Relaxed);
        }
    }
    let t = busy_tree();
    let counter = Counter::default();
    let scan = goseam_engine::scan(
        &ScanOptions {
            threads: 4,
            ..t.options()
        },
        &counter,
    )
    .unwrap();
    // Every regular .go file is read, whether analyzed or then skipped (the
    // binary one); the symlink never reaches the workers.
    let read = scan.files.len() as u64 + 1;
    assert_eq!(counter.calls.load(Ordering::Relaxed), 1);
    assert_eq!(counter.discovered.load(Ordering::Relaxed), read);
    assert_eq!(counter.done.load(Ordering::Relaxed), read);
}
