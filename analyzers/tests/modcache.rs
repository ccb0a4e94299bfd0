//! Declarations from the module cache, at the version go.mod requires; and
//! without it, what depends on them is unresolved, with the reason.

use std::path::Path;

use goseam_analyzers::callsites::{
    find_call_sites, resolve_short, CallSiteOptions, Status, Target,
};
use goseam_engine::resolve::query::prepare;
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::ScanOptions;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn sites(tree: &Path, modcache: Option<&Path>, target: &str) -> Vec<(u32, Status, Option<String>)> {
    let toolchain = Toolchain {
        goroot_src: None,
        modcache: modcache.map(|m| m.to_path_buf()),
    };
    let prepared = prepare(&ScanOptions::new(tree), toolchain).unwrap();
    let targets = resolve_short(&prepared, vec![Target::parse(target).unwrap()]).unwrap();
    let opts = CallSiteOptions {
        include_tests: true,
        include_unresolved: true,
        include_vendor: false,
    };
    find_call_sites(&prepared, &targets, opts)
        .sites
        .into_iter()
        .map(|s| (s.line, s.status, s.reason))
        .collect()
}

#[test]
fn module_cache_sources_are_used_at_the_required_version() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("modcache");
    // Upper-case letters are escaped as `!` + lower case in the cache.
    write(
        &cache,
        "github.com/!acme/lib@v1.2.3/lib.go",
        "package lib\n\ntype Client struct{}\n\nfunc (c *Client) Do() {}\n\nfunc New() *Client { return &Client{} }\n",
    );
    write(
        &cache,
        "github.com/!acme/lib@v1.0.0/lib.go",
        "package lib\n\ntype Old struct{}\n\nfunc (o *Old) Do() {}\n\nfunc New() *Old { return &Old{} }\n",
    );
    let tree = dir.path().join("app");
    write(
        &tree,
        "go.mod",
        "module example.com/app\n\ngo 1.19\n\nrequire github.com/Acme/lib v1.2.3\n",
    );
    write(
        &tree,
        "main.go",
        "package main\n\nimport \"github.com/Acme/lib\"\n\nfunc main() {\n\tc := lib.New()\n\tc.Do()\n}\n",
    );

    let with_cache = sites(&tree, Some(&cache), "(*github.com/Acme/lib.Client).Do");
    assert_eq!(with_cache, vec![(7, Status::Resolved, None)]);
    let old = sites(&tree, Some(&cache), "(*github.com/Acme/lib.Old).Do");
    assert_eq!(
        old.iter().filter(|s| s.1 == Status::Resolved).count(),
        0,
        "v1.0.0 is not the required version"
    );

    let without = sites(&tree, None, "(*github.com/Acme/lib.Client).Do");
    assert_eq!(without.len(), 1);
    assert_eq!(without[0].1, Status::Unresolved);
    let reason = without[0].2.as_deref().unwrap();
    assert!(
        reason.contains("github.com/Acme/lib.New") && reason.contains("source not available"),
        "{reason}"
    );
}
