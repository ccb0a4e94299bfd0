//! The scan-and-resolve pipeline walks each file right after parsing it,
//! while its tree is still in cache, and parses a sibling in full as soon
//! as a walk needs its declarations (instead of a separate stripped parse).
//! With one worker the order shows: a file's sites reach the sink before
//! the siblings it does not need are read, and the sibling it calls into
//! is read before it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use goseam_engine::resolve::check::{Callee, ConstRef};
use goseam_engine::resolve::pipeline::scan_and_resolve_each;
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::resolve::walk::{BodyHooks, HookCx};
use goseam_engine::{ScanObserver, ScanOptions};
use tree_sitter::Node;

struct NoHooks;

impl BodyHooks for NoHooks {
    fn wants_call(&self, _name: &str) -> bool {
        false
    }
    fn on_call(&mut self, _cx: &HookCx, _call: Node, _callee: &Callee) {}
    fn on_string(&mut self, _cx: &HookCx, _node: Node, _value: &str, _consts: &[ConstRef]) {}
    fn on_partial_string(&mut self, _cx: &HookCx, _node: Node, _prefix: &str, _c: &[ConstRef]) {}
}

/// Counts the files read so far.
#[derive(Default)]
struct Reads(AtomicUsize);

impl ScanObserver for Reads {
    fn file_done(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A package of three files, largest first as the pipeline takes them:
/// `a.go` calls into `c.go` and through a method of a type declared there;
/// `b.go` needs nothing of the others.
fn write_tree(root: &std::path::Path) {
    let pad = |n: usize| format!("// {}\n", "x".repeat(n));
    std::fs::write(root.join("go.mod"), "module example.com/m\n\ngo 1.19\n").unwrap();
    std::fs::create_dir(root.join("p")).unwrap();
    let a = "package p\n\nfunc A() int {\n\tvar t T\n\treturn C() + t.M()\n}\n";
    let b = "package p\n\nfunc B() int { return 2 }\n";
    let c = "package p\n\ntype T struct{}\n\nfunc (T) M() int { return 1 }\n\nfunc C() int { return 3 }\n";
    std::fs::write(root.join("p/a.go"), format!("{a}{}", pad(3000))).unwrap();
    std::fs::write(root.join("p/b.go"), format!("{b}{}", pad(2000))).unwrap();
    std::fs::write(root.join("p/c.go"), format!("{c}{}", pad(10))).unwrap();
}

#[test]
fn each_file_is_walked_as_soon_as_it_and_what_it_needs_are_parsed() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path());
    let mut opts = ScanOptions::new(dir.path());
    opts.threads = 1;
    let reads = Reads::default();
    // (file, files read when its sites reached the sink, its callees)
    let seen: Mutex<Vec<(String, usize, Vec<String>)>> = Mutex::new(Vec::new());
    let sink = |file: &goseam_engine::SourceFile, sites: Option<(_, NoHooks)>| {
        let callees = sites
            .map(|(f, _): (goseam_engine::resolve::query::SiteFile, _)| {
                f.sites
                    .iter()
                    .filter_map(|s| match &s.callee {
                        Callee::Func { pkg, name, .. } => Some(format!("{pkg}.{name}")),
                        Callee::Method {
                            pkg,
                            type_name,
                            name,
                            ..
                        } => Some(format!("{pkg}.{type_name}.{name}")),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let at = reads.0.load(Ordering::SeqCst);
        seen.lock().unwrap().push((file.path.clone(), at, callees));
    };
    let done = scan_and_resolve_each(
        &opts,
        Toolchain::default(),
        &reads,
        &|_: &str| true,
        &|_: &str| NoHooks,
        &sink,
    )
    .unwrap();
    assert_eq!(done.files.len(), 3);
    let seen = seen.into_inner().unwrap();
    let order: Vec<(&str, usize)> = seen.iter().map(|(p, n, _)| (p.as_str(), *n)).collect();
    // a.go first (the largest), with c.go read for it and b.go not yet;
    // then c.go, parsed for a.go's walk and walked next; b.go last.
    assert_eq!(order, vec![("p/a.go", 2), ("p/c.go", 2), ("p/b.go", 3)]);
    let a_callees = &seen[0].2;
    assert!(
        a_callees.contains(&"example.com/m/p.C".to_string())
            && a_callees.contains(&"example.com/m/p.T.M".to_string()),
        "a.go's calls resolve into c.go: {a_callees:?}"
    );
}

#[test]
fn sites_do_not_depend_on_the_number_of_workers() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path());
    let run = |threads: usize| {
        let mut opts = ScanOptions::new(dir.path());
        opts.threads = threads;
        let done = scan_and_resolve_each(
            &opts,
            Toolchain::default(),
            &Reads::default(),
            &|_: &str| true,
            &|_: &str| NoHooks,
            &|file: &goseam_engine::SourceFile,
              sites: Option<(goseam_engine::resolve::query::SiteFile, NoHooks)>| {
                let sites = sites.map(|(f, _)| format!("{:?}", f.sites));
                (file.path.clone(), sites)
            },
        )
        .unwrap();
        done.files
    };
    let one = run(1);
    assert_eq!(one.len(), 3);
    assert!(one.iter().all(|(_, s)| s.is_some()), "{one:?}");
    assert_eq!(one, run(2));
    assert_eq!(one, run(4));
}
