//! The Go package model: modules, import paths, vendoring, test packages,
//! generated files and build constraints.

mod common;

use common::{
    assert_no_go_mod_above, file_paths, location_of, package_keys, scan_with, skipped, Tree,
};
use goseam_engine::{FileKind, PackageLocation, ScanOptions, ScanSummary, SummaryOptions};

fn loc(import_path: &str, module: Option<usize>, vendored: bool, local: bool) -> PackageLocation {
    PackageLocation {
        import_path: import_path.to_string(),
        module,
        vendored,
        local,
    }
}

#[test]
fn import_path_is_module_path_plus_directory() {
    let t = Tree::new();
    t.write("go.mod", "module github.com/acme/shop\n\ngo 1.21\n")
        .write("main.go", "package main\n\nfunc main() {}\n")
        .write("internal/db/db.go", "package db\n\nfunc Open() {}\n")
        .write(
            "internal/db/db_test.go",
            "package db\n\nfunc TestOpen() {}\n",
        )
        .write(
            "internal/db/export_test.go",
            "package db_test\n\nfunc TestExternal() {}\n",
        )
        .write("internal/db/mock/mock.go", "package mock\n");
    let scan = t.scan();
    assert_eq!(
        *location_of(&scan, "main.go"),
        loc("github.com/acme/shop", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&scan, "internal/db/db.go"),
        loc("github.com/acme/shop/internal/db", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&scan, "internal/db/mock/mock.go"),
        loc(
            "github.com/acme/shop/internal/db/mock",
            Some(0),
            false,
            false
        )
    );
    assert_eq!(
        package_keys(&scan),
        vec![
            ("github.com/acme/shop", "main"),
            ("github.com/acme/shop/internal/db", "db"),
            ("github.com/acme/shop/internal/db/mock", "mock"),
            ("github.com/acme/shop/internal/db_test", "db_test"),
        ]
    );
    let m = &scan.modules.modules[0];
    assert_eq!(m.dir, ".");
    assert_eq!(m.path.as_deref(), Some("github.com/acme/shop"));
    assert_eq!(m.go_version.as_deref(), Some("1.21"));
    assert!(scan.modules.errors.is_empty(), "{:?}", scan.modules.errors);
}

#[test]
fn test_files_and_external_test_packages() {
    let t = Tree::new();
    t.write("go.mod", "module example.com/m\n")
        .write("foo/foo.go", "package foo\n\nfunc F() {}\n")
        .write("foo/foo_test.go", "package foo\n\nfunc helper() {}\n")
        .write("foo/ext_test.go", "package foo_test\n\nfunc Ext() {}\n")
        // `_test` in the package clause of a non-test file is no external
        // test package.
        .write("bar/bar.go", "package bar_test\n");
    let scan = t.scan();

    let foo = scan.file_by_path("foo/foo.go").unwrap();
    assert!(!foo.test && !foo.external_test());
    assert_eq!(foo.kind, FileKind::Production);
    assert_eq!(foo.package_path(), "example.com/m/foo");

    let internal = scan.file_by_path("foo/foo_test.go").unwrap();
    assert!(internal.test && !internal.external_test());
    assert_eq!(internal.kind, FileKind::Test);
    assert_eq!(internal.package_path(), "example.com/m/foo");

    let ext = scan.file_by_path("foo/ext_test.go").unwrap();
    assert!(ext.test && ext.external_test());
    assert_eq!(ext.kind, FileKind::Test);
    assert_eq!(ext.package_path(), "example.com/m/foo_test");
    // The directory's location is shared; only the package path differs.
    assert_eq!(ext.location.import_path, "example.com/m/foo");

    let bar = scan.file_by_path("bar/bar.go").unwrap();
    assert!(!bar.external_test());
    assert_eq!(bar.package_path(), "example.com/m/bar");

    let pkgs: Vec<(&str, &str, bool, &str, usize)> = scan
        .packages
        .iter()
        .map(|p| {
            (
                p.import_path.as_str(),
                p.name.as_str(),
                p.external_test,
                p.dir.as_str(),
                p.files.len(),
            )
        })
        .collect();
    assert_eq!(
        pkgs,
        vec![
            ("example.com/m/bar", "bar_test", false, "bar", 1),
            ("example.com/m/foo", "foo", false, "foo", 2),
            ("example.com/m/foo_test", "foo_test", true, "foo", 1),
        ]
    );
    // Files of a package are listed by id, which is the sorted path order.
    let foo_pkg = &scan.packages[1];
    let names: Vec<&str> = foo_pkg
        .files
        .iter()
        .map(|&id| scan.file(id).path.as_str())
        .collect();
    assert_eq!(names, vec!["foo/foo.go", "foo/foo_test.go"]);

    // The external test package's declarations are indexed under its own path.
    assert_eq!(
        scan.index().lookup("example.com/m/foo_test", "Ext").len(),
        1
    );
    assert!(scan.index().lookup("example.com/m/foo", "Ext").is_empty());
    assert_eq!(scan.index().lookup("example.com/m/foo", "helper").len(), 1);

    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.totals.packages, 2);
    assert_eq!(summary.totals.external_test_packages, 1);
    assert_eq!(summary.files_by_kind.test.files, 2);
    assert_eq!(summary.files_by_kind.production.files, 2);
}

#[test]
fn nested_modules_cut_their_subtree_out() {
    let t = Tree::new();
    t.write("go.mod", "module example.com/outer\n")
        .write("a/a.go", "package a\n")
        .write("inner/go.mod", "module example.com/inner\n")
        .write("inner/c.go", "package inner\n")
        .write("inner/b/b.go", "package b\n")
        .write("inner/b/deeper/go.mod", "module example.com/deeper\n")
        .write("inner/b/deeper/d.go", "package deeper\n")
        .write("innerx/x.go", "package innerx\n");
    let scan = t.scan();
    let modules: Vec<(&str, Option<&str>)> = scan
        .modules
        .modules
        .iter()
        .map(|m| (m.dir.as_str(), m.path.as_deref()))
        .collect();
    assert_eq!(
        modules,
        vec![
            (".", Some("example.com/outer")),
            ("inner", Some("example.com/inner")),
            ("inner/b/deeper", Some("example.com/deeper")),
        ]
    );
    assert_eq!(
        *location_of(&scan, "a/a.go"),
        loc("example.com/outer/a", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&scan, "inner/c.go"),
        loc("example.com/inner", Some(1), false, false)
    );
    assert_eq!(
        *location_of(&scan, "inner/b/b.go"),
        loc("example.com/inner/b", Some(1), false, false)
    );
    assert_eq!(
        *location_of(&scan, "inner/b/deeper/d.go"),
        loc("example.com/deeper", Some(2), false, false)
    );
    // `innerx` only shares a prefix with `inner`: it is in the outer module.
    assert_eq!(
        *location_of(&scan, "innerx/x.go"),
        loc("example.com/outer/innerx", Some(0), false, false)
    );
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    let counts: Vec<(&str, u64, u64)> = summary
        .modules
        .iter()
        .map(|m| (m.dir.as_str(), m.packages, m.files))
        .collect();
    assert_eq!(
        counts,
        vec![(".", 2, 2), ("inner", 2, 2), ("inner/b/deeper", 1, 1)]
    );
}

#[test]
fn vendored_packages_are_imported_by_their_own_path() {
    let t = Tree::new();
    t.write("go.mod", "module example.com/app\n")
        .write("app.go", "package app\n\nfunc A() {}\n")
        .write("vendor/modules.txt", "# github.com/x/y v1.0.0\n")
        .write("vendor/github.com/x/y/y.go", "package y\n\nfunc Y() {}\n")
        .write("vendor/github.com/x/y/y_test.go", "package y\n")
        .write(
            "vendor/github.com/x/y/gen.go",
            "// Code generated by stringer. DO NOT EDIT.\n\npackage y\n",
        )
        // A vendored module's own go.mod is not a module of this tree.
        .write("vendor/github.com/x/y/go.mod", "module github.com/x/y\n")
        .write("vendor/github.com/x/y/z/z.go", "package z\n");
    let scan = t.scan();
    assert_eq!(scan.modules.modules.len(), 1, "{:?}", scan.modules.modules);
    assert_eq!(
        *location_of(&scan, "vendor/github.com/x/y/y.go"),
        loc("github.com/x/y", Some(0), true, false)
    );
    assert_eq!(
        *location_of(&scan, "vendor/github.com/x/y/z/z.go"),
        loc("github.com/x/y/z", Some(0), true, false)
    );
    for path in [
        "vendor/github.com/x/y/y.go",
        "vendor/github.com/x/y/y_test.go",
        "vendor/github.com/x/y/gen.go",
    ] {
        assert_eq!(
            scan.file_by_path(path).unwrap().kind,
            FileKind::Vendor,
            "{path}"
        );
    }
    assert_eq!(
        scan.file_by_path("app.go").unwrap().kind,
        FileKind::Production
    );
    let vendored: Vec<(&str, bool)> = scan
        .packages
        .iter()
        .map(|p| (p.import_path.as_str(), p.vendored))
        .collect();
    assert_eq!(
        vendored,
        vec![
            ("example.com/app", false),
            ("github.com/x/y", true),
            ("github.com/x/y/z", true),
        ]
    );
    assert_eq!(scan.index().lookup("github.com/x/y", "Y").len(), 1);

    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.totals.packages, 1);
    assert_eq!(summary.totals.vendor_packages, 2);
    assert_eq!(summary.files_by_kind.vendor.files, 4);
    assert_eq!(
        summary.packages.len(),
        1,
        "vendor packages not listed by default"
    );
    let with_vendor = ScanSummary::new(
        &scan,
        SummaryOptions {
            include_vendor: true,
            ..SummaryOptions::default()
        },
    );
    assert_eq!(with_vendor.packages.len(), 3);
    assert!(with_vendor.packages[1].vendored);
    assert_eq!(
        with_vendor.packages[1].module.as_deref(),
        Some("example.com/app")
    );
}

#[test]
fn go_distribution_tree() {
    let t = Tree::new();
    t.write("go.mod", "module std\n\ngo 1.23\n")
        .write("errors/errors.go", "package errors\n")
        .write("net/http/x.go", "package http\n")
        .write("cmd/go.mod", "module cmd\n\ngo 1.23\n")
        .write("cmd/go/main.go", "package main\n")
        .write("cmd/internal/obj/obj.go", "package obj\n")
        .write("vendor/golang.org/x/net/a.go", "package net\n")
        .write("cmd/vendor/golang.org/x/tools/b.go", "package tools\n")
        .write("vendor/modules.txt", "# golang.org/x/net v0.1.0\n");
    let scan = t.scan();
    let modules: Vec<(&str, Option<&str>)> = scan
        .modules
        .modules
        .iter()
        .map(|m| (m.dir.as_str(), m.path.as_deref()))
        .collect();
    assert_eq!(modules, vec![(".", Some("std")), ("cmd", Some("cmd"))]);
    assert_eq!(
        *location_of(&scan, "net/http/x.go"),
        loc("net/http", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&scan, "errors/errors.go"),
        loc("errors", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&scan, "cmd/go/main.go"),
        loc("cmd/go", Some(1), false, false)
    );
    assert_eq!(
        *location_of(&scan, "cmd/internal/obj/obj.go"),
        loc("cmd/internal/obj", Some(1), false, false)
    );
    assert_eq!(
        *location_of(&scan, "vendor/golang.org/x/net/a.go"),
        loc("golang.org/x/net", Some(0), true, false)
    );
    assert_eq!(
        *location_of(&scan, "cmd/vendor/golang.org/x/tools/b.go"),
        loc("golang.org/x/tools", Some(1), true, false)
    );
    let mut paths: Vec<&str> = scan
        .packages
        .iter()
        .map(|p| p.import_path.as_str())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        vec![
            "cmd/go",
            "cmd/internal/obj",
            "errors",
            "golang.org/x/net",
            "golang.org/x/tools",
            "net/http"
        ]
    );
}

#[test]
fn go_work_use_marks_modules_in_workspace() {
    let t = Tree::new();
    t.write(
        "go.work",
        "go 1.22\n\nuse (\n\t.\n\t./svc/a\n\t./tools/ // trailing slash\n)\n",
    )
    .write("go.mod", "module example.com/root\n")
    .write("svc/a/go.mod", "module example.com/svc/a\n")
    .write("svc/a/a.go", "package a\n")
    .write("svc/b/go.mod", "module example.com/svc/b\n")
    .write("svc/b/b.go", "package b\n")
    .write("tools/go.mod", "module example.com/tools\n")
    // Only the root's go.work governs the tree.
    .write("svc/go.work", "go 1.22\nuse ./b\n");
    let scan = t.scan();
    let modules: Vec<(&str, bool)> = scan
        .modules
        .modules
        .iter()
        .map(|m| (m.dir.as_str(), m.in_workspace))
        .collect();
    assert_eq!(
        modules,
        vec![
            (".", true),
            ("svc/a", true),
            ("svc/b", false),
            ("tools", true)
        ]
    );
    let ws = scan.modules.workspace.as_ref().expect("workspace");
    assert_eq!(ws.file, "go.work");
    assert_eq!(ws.go_version.as_deref(), Some("1.22"));
    assert_eq!(ws.uses, vec![".", "./svc/a", "./tools/"]);
    assert_eq!(
        *location_of(&scan, "svc/a/a.go"),
        loc("example.com/svc/a", Some(1), false, false)
    );
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    let flags: Vec<bool> = summary.modules.iter().map(|m| m.in_workspace).collect();
    assert_eq!(flags, vec![true, true, false, true]);
    assert!(summary.workspace.is_some());
}

#[test]
fn scanning_a_subdirectory_finds_the_module_above() {
    let t = Tree::new();
    t.write("mono/go.mod", "module example.com/mono\n\ngo 1.20\n")
        .write("mono/services/api/handler.go", "package api\n")
        .write("mono/services/api/v1/v1.go", "package v1\n")
        .write("mono/services/svc.go", "package services\n")
        .write(
            "mono/services/billing/go.mod",
            "module example.com/billing\n",
        )
        .write("mono/services/billing/b.go", "package billing\n")
        .write("mono/vendor/github.com/x/y/y.go", "package y\n");

    let scan = scan_with(&ScanOptions::new(t.path("mono/services")));
    let modules: Vec<(&str, Option<&str>)> = scan
        .modules
        .modules
        .iter()
        .map(|m| (m.dir.as_str(), m.path.as_deref()))
        .collect();
    assert_eq!(
        modules,
        vec![
            ("..", Some("example.com/mono")),
            ("billing", Some("example.com/billing"))
        ]
    );
    assert_eq!(
        *location_of(&scan, "api/handler.go"),
        loc("example.com/mono/services/api", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&scan, "api/v1/v1.go"),
        loc("example.com/mono/services/api/v1", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&scan, "svc.go"),
        loc("example.com/mono/services", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&scan, "billing/b.go"),
        loc("example.com/billing", Some(1), false, false)
    );

    // Two levels down.
    let deep = scan_with(&ScanOptions::new(t.path("mono/services/api")));
    assert_eq!(deep.modules.modules.len(), 1);
    assert_eq!(deep.modules.modules[0].dir, "../..");
    assert_eq!(
        *location_of(&deep, "handler.go"),
        loc("example.com/mono/services/api", Some(0), false, false)
    );
    assert_eq!(
        *location_of(&deep, "v1/v1.go"),
        loc("example.com/mono/services/api/v1", Some(0), false, false)
    );

    // Inside the module's vendor directory.
    let vendor = scan_with(&ScanOptions::new(t.path("mono/vendor/github.com")));
    assert_eq!(vendor.modules.modules[0].dir, "../..");
    assert_eq!(
        *location_of(&vendor, "x/y/y.go"),
        loc("github.com/x/y", Some(0), true, false)
    );

    // The summary names the module above by relative path only.
    let json = serde_json::to_string(&ScanSummary::new(&scan, SummaryOptions::default())).unwrap();
    assert!(json.contains(r#""dir":"..""#), "{json}");
    assert!(!json.contains(&*t.root().to_string_lossy()), "{json}");
}

#[test]
fn a_directory_in_no_module_gets_the_local_form() {
    let t = Tree::new();
    assert_no_go_mod_above(&t.root());
    t.write("lib.go", "package lib\n\nfunc L() {}\n")
        .write("cmd/tool/main.go", "package main\n");
    let scan = t.scan();
    assert!(scan.modules.modules.is_empty());
    assert_eq!(*location_of(&scan, "lib.go"), loc("_", None, false, true));
    assert_eq!(
        *location_of(&scan, "cmd/tool/main.go"),
        loc("_/cmd/tool", None, false, true)
    );
    let pkgs: Vec<(&str, bool, Option<usize>)> = scan
        .packages
        .iter()
        .map(|p| (p.import_path.as_str(), p.local, p.module))
        .collect();
    assert_eq!(pkgs, vec![("_", true, None), ("_/cmd/tool", true, None)]);
    assert_eq!(scan.index().lookup("_", "L").len(), 1);
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert!(summary
        .packages
        .iter()
        .all(|p| p.local && p.module.is_none()));
    assert!(summary.modules.is_empty());
}

#[test]
fn a_go_mod_without_module_path_gives_local_paths_and_an_error() {
    let t = Tree::new();
    t.write("go.mod", "go 1.21\n")
        .write("pkg/p.go", "package pkg\n");
    let scan = t.scan();
    assert_eq!(scan.modules.modules.len(), 1);
    assert_eq!(scan.modules.modules[0].path, None);
    assert_eq!(
        *location_of(&scan, "pkg/p.go"),
        loc("_/pkg", Some(0), false, true)
    );
    let errors: Vec<(&str, u32, &str)> = scan
        .modules
        .errors
        .iter()
        .map(|e| (e.file.as_str(), e.line, e.message.as_str()))
        .collect();
    assert_eq!(errors, vec![("go.mod", 0, "no module directive")]);
}

#[test]
fn generated_marker_only_counts_before_the_package_clause() {
    let t = Tree::new();
    t.write("go.mod", "module example.com/g\n")
        .write(
            "gen.go",
            "// Code generated by protoc-gen-go. DO NOT EDIT.\n// source: x.proto\n\npackage g\n",
        )
        .write(
            "after.go",
            "package g\n\n// Code generated by x. DO NOT EDIT.\n\nfunc After() {}\n",
        )
        .write(
            "gen_test.go",
            "// Code generated by mockgen. DO NOT EDIT.\n\npackage g\n",
        )
        .write(
            "almost.go",
            "// Code generated by x. DO NOT EDIT\n\npackage g\n",
        )
        .write("plain.go", "package g\n");
    let scan = t.scan();
    let kinds: Vec<(&str, FileKind, bool)> = scan
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.kind, f.facts.generated))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("after.go", FileKind::Production, false),
            ("almost.go", FileKind::Production, false),
            ("gen.go", FileKind::Generated, true),
            ("gen_test.go", FileKind::Generated, true),
            ("plain.go", FileKind::Production, false),
        ]
    );
    assert!(scan.file_by_path("gen_test.go").unwrap().test);
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.files_by_kind.generated.files, 2);
    assert_eq!(summary.files_by_kind.production.files, 3);
    assert_eq!(summary.files_by_kind.test.files, 0);
    assert_eq!(summary.packages[0].generated_files, 2);
    assert_eq!(summary.packages[0].test_files, 1);
}

#[test]
fn build_constraints_are_recorded_not_evaluated() {
    let t = Tree::new();
    t.write("go.mod", "module example.com/b\n")
        .write("a.go", "//go:build linux && amd64\n\npackage b\n")
        .write(
            "legacy.go",
            "// +build linux darwin\n// +build amd64\n\npackage b\n",
        )
        .write(
            "both.go",
            "//go:build (linux || darwin) && amd64\n// +build linux darwin\n// +build amd64\n\npackage b\n",
        )
        .write(
            "with_header.go",
            "// Copyright 2024 Acme.\n\n//go:build ignore\n\npackage main\n",
        )
        .write("late.go", "package b\n\n//go:build windows\n")
        .write("none.go", "package b\n");
    let scan = t.scan();
    let constraints: Vec<(&str, Option<&str>)> = scan
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.facts.build_constraint.as_deref()))
        .collect();
    assert_eq!(
        constraints,
        vec![
            ("a.go", Some("linux && amd64")),
            ("both.go", Some("(linux || darwin) && amd64")),
            ("late.go", None),
            ("legacy.go", Some("linux darwin && amd64")),
            ("none.go", None),
            ("with_header.go", Some("ignore")),
        ]
    );
    // Every file is analyzed, whatever its constraint.
    assert_eq!(skipped(&scan), vec![]);
    assert_eq!(file_paths(&scan).len(), 6);
    assert_eq!(
        package_keys(&scan),
        vec![("example.com/b", "b"), ("example.com/b", "main")]
    );
    let summary = ScanSummary::new(&scan, SummaryOptions::default());
    assert_eq!(summary.build_constrained_files, 4);
}
