//! Bad input never aborts a scan: every problem is reported in
//! `Scan::skipped`, the file's facts or the module errors, and the summary.

mod common;

use std::sync::Arc;

use common::{file_paths, plain_location, scan_with, skipped, within, Tree, GO_MOD};
use goseam_engine::discover::{DiscoveredFile, DiscoveredKind};
use goseam_engine::gomod::{parse_mod_file, ModFileKind, Requirement};
use goseam_engine::scan::{analyze_file, analyze_source};
use goseam_engine::source::read_source;
use goseam_engine::{Position, ScanOptions, ScanSummary, SkipReason, SummaryOptions};

const BROKEN: &str = "package p

import \"fmt\"

const Greeting = \"hi\"

type Config struct {
\tName string
}

func Before() {}

func (c *Config) Method() {}

var broken = @

func After() {}
";

#[test]
fn syntax_errors_are_counted_and_what_parsed_is_kept() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD).write("broken.go", BROKEN);
    let scan = t.scan();
    assert_eq!(file_paths(&scan), vec!["broken.go"]);
    assert_eq!(skipped(&scan), vec![]);
    let f = scan.file_by_path("broken.go").unwrap();
    assert!(f.facts.syntax_errors.count > 0);
    assert_eq!(
        f.facts.syntax_errors.first,
        Some(Position {
            line: 15,
            column: 14
        })
    );
    assert_eq!(f.facts.package.as_deref(), Some("p"));
    let imports: Vec<&str> = f.facts.imports.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(imports, vec!["fmt"]);
    let funcs: Vec<String> = f.facts.funcs.iter().map(|x| x.symbol_name()).collect();
    assert!(
        funcs.starts_with(&["Before".to_string(), "Config.Method".to_string()]),
        "{funcs:?}"
    );
    let types: Vec<&str> = f.facts.types.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(types, vec!["Config"]);
    let greeting = &f.facts.values[0];
    assert_eq!(greeting.name, "Greeting");
    assert_eq!(greeting.string_value.as_deref(), Some("hi"));
    assert_eq!(
        scan.index()
            .lookup("example.com/app", "Config.Method")
            .len(),
        1
    );
    assert_eq!(f.lines, BROKEN.matches('\n').count() as u64);

    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.parse_errors.files, 1);
    assert_eq!(
        summary.parse_errors.errors,
        f.facts.syntax_errors.count as u64
    );
    let ex = &summary.parse_errors.examples[0];
    assert_eq!(
        (ex.file.as_str(), ex.line, ex.column),
        ("broken.go", 15, 14)
    );
    assert_eq!(summary.totals.files, 1);
}

#[test]
fn syntax_error_positions_are_exact() {
    let cases: &[(&str, u32, u32)] = &[
        ("package p\n\nfunc A() {}\n\n}\n\nfunc B() {}\n", 5, 1),
        ("package p\n\ntype T struct {\n\tA int\n\tB @\n}\n", 5, 4),
        ("package p\n\nvar x = 1 +\n\ntype U int\n", 3, 1),
    ];
    for &(src, line, column) in cases {
        let f = analyze_source("x.go".into(), src.as_bytes(), plain_location("x"));
        assert!(f.facts.syntax_errors.count > 0, "{src:?}");
        assert_eq!(
            f.facts.syntax_errors.first,
            Some(Position { line, column }),
            "{src:?}"
        );
    }
    let clean = analyze_source(
        "x.go".into(),
        b"package p\n\nfunc A() {}\n",
        plain_location("x"),
    );
    assert_eq!(clean.facts.syntax_errors.count, 0);
    assert_eq!(clean.facts.syntax_errors.first, None);
}

#[test]
fn invalid_utf8_is_analyzed_and_its_offset_reported() {
    let t = Tree::new();
    // "package p\n" (10) + "\n" (1) + "// caf" (6): the bad byte is at 17.
    let src: &[u8] = b"package p\n\n// caf\xe9\nfunc A() {}\n\nconst S = \"ok\"\n";
    t.write("go.mod", GO_MOD)
        .write("latin1.go", src)
        .write("good.go", "package p\n\n// café, in UTF-8\nfunc B() {}\n");
    let scan = t.scan();
    assert_eq!(file_paths(&scan), vec!["good.go", "latin1.go"]);
    assert_eq!(skipped(&scan), vec![]);
    let f = scan.file_by_path("latin1.go").unwrap();
    assert_eq!(f.invalid_utf8, Some(17));
    assert_eq!(f.bytes, src.len() as u64);
    assert_eq!(f.lines, 6);
    assert_eq!(f.facts.funcs[0].name, "A");
    assert_eq!(f.facts.values[0].string_value.as_deref(), Some("ok"));
    assert_eq!(scan.file_by_path("good.go").unwrap().invalid_utf8, None);

    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.invalid_utf8.files, 1);
    let ex = &summary.invalid_utf8.examples[0];
    assert_eq!((ex.file.as_str(), ex.offset), ("latin1.go", 17));

    // A truncated multi-byte sequence at the very end.
    let cut = "package p\n// é".as_bytes();
    let cut = &cut[..cut.len() - 1];
    let f = analyze_source("cut.go".into(), cut, plain_location("x"));
    assert_eq!(f.invalid_utf8, Some(cut.len() as u64 - 1));
}

#[test]
fn binary_files_are_skipped_with_the_nul_offset() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("bin.go", b"package p\n\nvar x = 1\x00\x01\x02")
        .write("nul_first.go", b"\x00package p\n")
        .write("ok.go", "package p\n");
    let scan = t.scan();
    assert_eq!(file_paths(&scan), vec!["ok.go"]);
    assert_eq!(
        skipped(&scan),
        vec![
            ("bin.go", &SkipReason::Binary { offset: 20 }),
            ("nul_first.go", &SkipReason::Binary { offset: 0 }),
        ]
    );
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.skipped.files, 2);
    assert_eq!(summary.skipped.by_reason.get("binary"), Some(&2));
    assert_eq!(summary.totals.files, 1);
}

#[test]
fn files_over_the_size_limit_are_skipped() {
    let t = Tree::new();
    let exactly = format!("package p\n{}\n", "/".repeat(64 - 11));
    assert_eq!(exactly.len(), 64);
    let over = format!("package p\n{}\n", "/".repeat(64 - 10));
    assert_eq!(over.len(), 65);
    t.write("go.mod", GO_MOD)
        .write("exactly.go", &exactly)
        .write("over.go", &over)
        .write("big.go", "package p\n".repeat(1000));
    let scan = scan_with(&ScanOptions {
        max_file_size: 64,
        ..t.options()
    });
    assert_eq!(file_paths(&scan), vec!["exactly.go"]);
    assert_eq!(
        skipped(&scan),
        vec![
            (
                "big.go",
                &SkipReason::TooLarge {
                    bytes: 10_000,
                    limit: 64
                }
            ),
            (
                "over.go",
                &SkipReason::TooLarge {
                    bytes: 65,
                    limit: 64
                }
            ),
        ]
    );
    // go.mod is small enough, so the module is still known.
    assert_eq!(
        scan.file_by_path("exactly.go")
            .unwrap()
            .location
            .import_path,
        "example.com/app"
    );
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.skipped.by_reason.get("too_large"), Some(&2));
}

#[test]
fn an_oversized_go_mod_is_a_module_error() {
    let t = Tree::new();
    t.write(
        "go.mod",
        format!("module example.com/big\n{}", "// pad\n".repeat(20)),
    )
    .write("a/a.go", "package a\n");
    let scan = scan_with(&ScanOptions {
        max_file_size: 32,
        ..t.options()
    });
    assert_eq!(scan.modules.modules.len(), 1);
    assert_eq!(scan.modules.modules[0].path, None);
    let errors: Vec<(&str, u32)> = scan
        .modules
        .errors
        .iter()
        .map(|e| (e.file.as_str(), e.line))
        .collect();
    assert_eq!(errors, vec![("go.mod", 0), ("go.mod", 0)]);
    assert!(
        scan.modules
            .errors
            .iter()
            .any(|e| e.message.starts_with("too large")),
        "{:?}",
        scan.modules.errors
    );
    assert!(scan.file_by_path("a/a.go").unwrap().location.local);
}

#[test]
fn an_empty_go_file_is_analyzed() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("empty.go", "")
        .write("blank.go", "\n\n\n")
        .write("p.go", "package p\n");
    let scan = t.scan();
    assert_eq!(file_paths(&scan), vec!["blank.go", "empty.go", "p.go"]);
    assert_eq!(skipped(&scan), vec![]);
    let empty = scan.file_by_path("empty.go").unwrap();
    assert_eq!((empty.lines, empty.bytes), (0, 0));
    assert_eq!(empty.facts.package, None);
    assert_eq!(empty.facts.syntax_errors.count, 0);
    assert_eq!(empty.invalid_utf8, None);
    let blank = scan.file_by_path("blank.go").unwrap();
    assert_eq!((blank.lines, blank.bytes), (3, 3));
    assert_eq!(blank.facts.package, None);
    // A file without a package clause belongs to no package.
    assert_eq!(common::package_keys(&scan), vec![("example.com/app", "p")]);
    let ids: Vec<&str> = scan.packages[0]
        .files
        .iter()
        .map(|&id| scan.file(id).path.as_str())
        .collect();
    assert_eq!(ids, vec!["p.go"]);
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.totals.files, 3);
    assert_eq!(summary.totals.lines, 4);
}

#[test]
fn a_fifo_named_like_a_go_file_is_skipped_without_blocking() {
    let t = Tree::new();
    t.write("go.mod", GO_MOD).write("ok.go", "package p\n");
    t.fifo("x.go").fifo("pkg/go.mod");
    for threads in [1, 4] {
        let opts = ScanOptions {
            threads,
            ..t.options()
        };
        let scan = within(30, "scan of a tree with FIFOs", move || scan_with(&opts));
        assert_eq!(file_paths(&scan), vec!["ok.go"]);
        assert_eq!(
            skipped(&scan),
            vec![
                ("pkg/go.mod", &SkipReason::NotRegularFile),
                ("x.go", &SkipReason::NotRegularFile),
            ]
        );
        let summary = ScanSummary::new(&scan, SummaryOptions::default());
        assert_eq!(summary.skipped.by_reason.get("not_regular_file"), Some(&2));
    }
    // Followed links to a FIFO are no different.
    t.symlink("x.go", "link.go");
    let opts = ScanOptions {
        follow_symlinks: true,
        ..t.options()
    };
    let scan = within(30, "scan following a link to a FIFO", move || {
        scan_with(&opts)
    });
    assert_eq!(
        skipped(&scan),
        vec![
            ("link.go", &SkipReason::NotRegularFile),
            ("pkg/go.mod", &SkipReason::NotRegularFile),
            ("x.go", &SkipReason::NotRegularFile),
        ]
    );
}

#[test]
fn reading_a_fifo_directly_never_blocks() {
    // A file can be replaced by a FIFO between discovery and reading; the
    // reader must not wait for a writer that never comes.
    let t = Tree::new();
    t.fifo("x.go");
    let path = t.path("x.go");
    let p = path.clone();
    let got = within(30, "read_source on a FIFO", move || {
        read_source(&p, 1 << 20)
    });
    assert_eq!(got, Err(SkipReason::NotRegularFile));
    let file = DiscoveredFile {
        path: "x.go".to_string(),
        kind: DiscoveredKind::GoSource,
        abs: path,
    };
    let got = within(30, "analyze_file on a FIFO", move || {
        analyze_file(&file, plain_location("x"), 1 << 20).map(|_| ())
    });
    assert_eq!(got, Err(SkipReason::NotRegularFile));
}

#[test]
fn a_fifo_go_mod_above_the_root_does_not_block() {
    let t = Tree::new();
    t.fifo("go.mod").write("sub/s.go", "package s\n");
    let opts = ScanOptions::new(t.path("sub"));
    let scan = within(30, "scan below a FIFO go.mod", move || scan_with(&opts));
    assert_eq!(file_paths(&scan), vec!["s.go"]);
    let errors: Vec<(&str, u32, &str)> = scan
        .modules
        .errors
        .iter()
        .map(|e| (e.file.as_str(), e.line, e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            ("../go.mod", 0, "no module directive"),
            ("../go.mod", 0, "not a regular file"),
        ]
    );
    assert_eq!(scan.modules.modules[0].dir, "..");
    assert_eq!(scan.modules.modules[0].path, None);
    let loc = &scan.file_by_path("s.go").unwrap().location;
    assert!(loc.local);
    assert_eq!(loc.module, Some(0));
}

#[test]
fn a_vanished_file_is_reported() {
    let t = Tree::new();
    let file = DiscoveredFile {
        path: "gone.go".to_string(),
        kind: DiscoveredKind::GoSource,
        abs: t.path("gone.go"),
    };
    let got = analyze_file(&file, plain_location("x"), 1 << 20).map(|_| ());
    assert_eq!(got, Err(SkipReason::Vanished));
    // Under a directory that is gone as well.
    let file = DiscoveredFile {
        path: "a/b/gone.go".to_string(),
        kind: DiscoveredKind::GoSource,
        abs: t.path("a/b/gone.go"),
    };
    assert_eq!(
        analyze_file(&file, plain_location("x"), 1 << 20).map(|_| ()),
        Err(SkipReason::Vanished)
    );
    // And a file that is there is analyzed, with the given location.
    t.write("here.go", "package here\n");
    let file = DiscoveredFile {
        path: "here.go".to_string(),
        kind: DiscoveredKind::GoSource,
        abs: t.path("here.go"),
    };
    let f = analyze_file(&file, plain_location("x/here"), 1 << 20).expect("analyzed");
    assert_eq!(f.path, "here.go");
    assert_eq!(f.package_path(), "x/here");
    assert_eq!(f.facts.package.as_deref(), Some("here"));
}

#[test]
fn reading_a_directory_is_unreadable_not_fatal() {
    let t = Tree::new();
    t.mkdir("dir.go");
    assert_eq!(
        read_source(&t.path("dir.go"), 1 << 20),
        Err(SkipReason::Unreadable {
            error: "is a directory".to_string()
        })
    );
    let file = DiscoveredFile {
        path: "dir.go".to_string(),
        kind: DiscoveredKind::GoSource,
        abs: t.path("dir.go"),
    };
    assert_eq!(
        analyze_file(&file, plain_location("x"), 1 << 20).map(|_| ()),
        Err(SkipReason::Unreadable {
            error: "is a directory".to_string()
        })
    );
}

#[test]
fn a_malformed_go_mod_reports_lines_and_keeps_the_module_path() {
    let t = Tree::new();
    t.write(
        "go.mod",
        "module example.com/broken\n\ngo 1.21\nfrobnicate now\nrequire (\n\tgithub.com/ok/dep v1.0.0\n\tonlypath\n",
    )
    .write("pkg/p.go", "package pkg\n")
    .write("bad/go.mod", "module \"unterminated\n\nrequire x\n")
    .write("bad/b.go", "package b\n")
    .write("latin/go.mod", b"module example.com/latin\n// caf\xe9\n")
    .write("latin/l.go", "package l\n")
    .write("go.work", "go 1.22\nuse\nmodule x\n");
    let scan = t.scan();
    let errors: Vec<(&str, u32, &str)> = scan
        .modules
        .errors
        .iter()
        .map(|e| (e.file.as_str(), e.line, e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            ("bad/go.mod", 0, "no module directive"),
            ("bad/go.mod", 1, "unterminated quoted string"),
            ("bad/go.mod", 3, "usage: require module/path v1.2.3"),
            ("go.mod", 4, "unknown directive: frobnicate"),
            ("go.mod", 5, "unterminated require block"),
            ("go.mod", 7, "usage: require module/path v1.2.3"),
            ("go.work", 2, "usage: use local/dir"),
            ("go.work", 3, "unknown directive: module"),
            ("latin/go.mod", 2, "invalid UTF-8"),
        ]
    );
    let root = &scan.modules.modules[0];
    assert_eq!(root.path.as_deref(), Some("example.com/broken"));
    assert_eq!(root.go_version.as_deref(), Some("1.21"));
    assert_eq!(root.requires.len(), 1);
    assert_eq!(root.requires[0].path, "github.com/ok/dep");
    let pkg = &scan.file_by_path("pkg/p.go").unwrap().location;
    assert_eq!(pkg.import_path, "example.com/broken/pkg");
    assert!(!pkg.local);
    // No module path parsed: local form, relative to the root.
    let bad = &scan.file_by_path("bad/b.go").unwrap().location;
    assert_eq!(bad.import_path, "_/bad");
    assert!(bad.local);
    // One bad byte in a comment costs that line, not the module path.
    assert_eq!(
        scan.file_by_path("latin/l.go")
            .unwrap()
            .location
            .import_path,
        "example.com/latin"
    );
    assert!(scan.modules.workspace.is_some());

    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.module_errors, scan.modules.errors);
    // Nothing was skipped: module problems are module errors.
    assert_eq!(summary.skipped.files, 0);
}

#[test]
fn parse_mod_file_is_tolerant_line_by_line() {
    let m = parse_mod_file(
        b"// \xff\xfe header\r\nmodule example.com/m\r\n\nrequire (\n\tbad\xff v1\n\tgood.example/x v1.0.0\n)\n",
        ModFileKind::GoMod,
    );
    assert_eq!(m.module.as_deref(), Some("example.com/m"));
    assert_eq!(
        m.requires,
        vec![Requirement {
            path: "good.example/x".to_string(),
            version: "v1.0.0".to_string()
        }]
    );
    let errors: Vec<(u32, &str)> = m
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(errors, vec![(1, "invalid UTF-8"), (5, "invalid UTF-8")]);

    let empty = parse_mod_file(b"", ModFileKind::GoMod);
    assert_eq!(empty.errors.len(), 1);
    assert_eq!(
        (empty.errors[0].line, empty.errors[0].message.as_str()),
        (0, "no module directive")
    );
    let work = parse_mod_file(b"", ModFileKind::GoWork);
    assert!(work.errors.is_empty(), "{:?}", work.errors);
}

#[test]
fn pathless_modules_do_not_share_local_import_paths() {
    // Two different directories must never get the same import path: their
    // packages would merge and their symbols collide in the index.
    let t = Tree::new();
    common::assert_no_go_mod_above(&t.root());
    t.write("pkg/a.go", "package pkg\n\nfunc A() {}\n")
        .write("inner/go.mod", "go 1.21\n")
        .write("inner/pkg/b.go", "package pkg\n\nfunc A() {}\n");
    let scan = t.scan();
    let top = &scan.file_by_path("pkg/a.go").unwrap().location;
    let inner = &scan.file_by_path("inner/pkg/b.go").unwrap().location;
    assert_eq!(top.import_path, "_/pkg");
    assert_eq!(inner.import_path, "_/inner/pkg");
    assert!(top.local && inner.local);
    assert_eq!(scan.packages.len(), 2);
    assert_eq!(scan.index().lookup("_/pkg", "A").len(), 1);
}

#[test]
fn the_summary_contains_no_absolute_path() {
    let t = Tree::new();
    t.write("mono/go.mod", "module example.com/mono\nbogus line\n")
        .write("mono/svc/.gitignore", "{a\n")
        .write("mono/svc/ok.go", "package svc\n\nfunc OK() {}\n")
        .write("mono/svc/broken.go", BROKEN)
        .write("mono/svc/latin1.go", b"package svc\n// \xff\n")
        .write("mono/svc/bin.go", b"package svc\x00")
        .write("mono/svc/big.go", "package svc\n".repeat(100))
        .write("mono/svc/empty.go", "")
        .write("mono/svc/inner/go.mod", "module \"x\n")
        .write("mono/svc/inner/i.go", "package inner\n")
        .write("mono/svc/vendor/github.com/v/v.go", "package v\n")
        .write("outside/o.go", "package outside\n")
        .write("mono/svc/go.work", "use ./inner\nuse ./nope\n")
        .symlink("ok.go", "mono/svc/link.go")
        .symlink("..", "mono/svc/a/loop")
        .symlink(t.root().join("outside").to_str().unwrap(), "mono/svc/abs")
        .symlink(
            t.root().join("nowhere.go").to_str().unwrap(),
            "mono/svc/dangling.go",
        );
    t.fifo("mono/svc/fifo.go");
    let root = t.root();
    let absolute = root.to_string_lossy().into_owned();
    let given = t.dir.path().to_string_lossy().into_owned();
    for follow_symlinks in [false, true] {
        let opts = ScanOptions {
            follow_symlinks,
            max_file_size: 1000,
            ..ScanOptions::new(root.join("mono/svc"))
        };
        let scan = within(60, "scan", move || scan_with(&opts));
        let summary = ScanSummary::new(
            &scan,
            SummaryOptions {
                include_vendor: true,
                ..SummaryOptions::default()
            },
        );
        let json = serde_json::to_string(&summary).unwrap();
        assert!(
            !json.contains(&absolute),
            "follow {follow_symlinks}: {json}"
        );
        assert!(!json.contains(&given), "follow {follow_symlinks}: {json}");
        assert!(!json.contains("/tmp"), "follow {follow_symlinks}: {json}");
        // The summary did see the problems it must not leak paths from.
        for needle in [
            r#""reason":"binary""#,
            r#""reason":"too_large""#,
            r#""reason":"not_regular_file""#,
            r#""file":"../go.mod""#,
            r#""file":"inner/go.mod""#,
            r#""file":"broken.go""#,
            r#""file":"latin1.go""#,
            r#""path":".gitignore""#,
        ] {
            assert!(
                json.contains(needle),
                "follow {follow_symlinks}: no {needle} in {json}"
            );
        }
        if follow_symlinks {
            assert!(json.contains(r#""reason":"symlink_loop""#), "{json}");
            assert!(json.contains(r#""dir":"abs""#), "{json}");
        } else {
            assert!(
                json.contains(r#""reason":"symlink_not_followed""#),
                "{json}"
            );
        }
        // Every path in the scan itself is relative too.
        for f in &scan.files {
            assert!(!f.path.starts_with('/'), "{}", f.path);
        }
        for s in &scan.skipped {
            assert!(!s.path.starts_with('/') && !s.path.is_empty(), "{s:?}");
            assert!(!s.reason.to_string().contains(&absolute), "{s:?}");
        }
    }
}

#[test]
fn bad_input_does_not_stop_good_files_from_being_analyzed() {
    // All kinds of bad input in one package, next to good files: the good
    // files' declarations are all indexed.
    let t = Tree::new();
    t.write("go.mod", GO_MOD)
        .write("a.go", "package p\n\nfunc A() {}\n")
        .write("b.go", BROKEN)
        .write("c.go", b"package p\x00")
        .write("d.go", b"package p\n// \xff\nfunc D() {}\n")
        .write("e.go", "")
        .write("z.go", "package p\n\nfunc Z() {}\n");
    t.fifo("f.go");
    let opts = t.options();
    let scan = within(30, "scan", move || scan_with(&opts));
    assert_eq!(
        file_paths(&scan),
        vec!["a.go", "b.go", "d.go", "e.go", "z.go"]
    );
    for name in ["A", "D", "Z", "Before"] {
        assert_eq!(
            scan.index().lookup("example.com/app", name).len(),
            1,
            "{name}"
        );
    }
    let arc = Arc::clone(&scan.file_by_path("a.go").unwrap().location);
    assert!(Arc::ptr_eq(
        &arc,
        &scan.file_by_path("z.go").unwrap().location
    ));
}
