//! Composite literals the body walk passes over by a scan of their bytes
//! (numbers only) and those it must still visit: names in them are calls
//! and references, strings in them are constant strings the hooks want.

use goseam_engine::resolve::check::{Callee, Checker, ConstRef};
use goseam_engine::resolve::query::{prepare, resolve_source};
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::resolve::walk::{BodyHooks, HookCx, SiteKind};
use goseam_engine::ScanOptions;
use tree_sitter::Node;

/// Records the constant strings the walk hands over.
#[derive(Default)]
struct Strings {
    wanted: bool,
    seen: Vec<String>,
}

impl BodyHooks for Strings {
    fn wants_call(&self, _name: &str) -> bool {
        false
    }
    fn wants_strings(&self) -> bool {
        self.wanted
    }
    fn on_call(&mut self, _cx: &HookCx, _call: Node, _callee: &Callee) {}
    fn on_string(&mut self, _cx: &HookCx, _node: Node, value: &str, _consts: &[ConstRef]) {
        self.seen.push(value.to_string());
    }
    fn on_partial_string(&mut self, _cx: &HookCx, _node: Node, _prefix: &str, _c: &[ConstRef]) {}
}

const SOURCE: &str = r#"package p

func f() int { return 1 }

func h(t [][]int) int { return len(t) }

func g() int {
	table := [][]int{{1, 2, 0x1F}, {3, 4e+5, 'x'}, {0b1_0, 1.5i}}
	refs := []func() int{f, func() int { return 7 }}
	calls := map[int]int{1: f(), 2: 3}
	nested := [][]int{{1, 2}, {h(table)}}
	strs := [][]string{{"SELECT 1"}, {`raw`}}
	return table[0][0] + len(refs) + len(calls) + len(nested) + len(strs)
}
"#;

/// `(kind, name, line)` of every site of the file, and the strings hooked.
fn walk(wants_strings: bool) -> (Vec<(SiteKind, String, u32)>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("go.mod"), "module example.com/m\n\ngo 1.19\n").unwrap();
    std::fs::create_dir_all(root.join("p")).unwrap();
    std::fs::write(root.join("p/p.go"), SOURCE).unwrap();
    let prepared = prepare(&ScanOptions::new(root), Toolchain::default()).unwrap();
    let checker = Checker::new(&prepared.universe);
    let mut hooks = Strings {
        wanted: wants_strings,
        ..Strings::default()
    };
    let file = resolve_source(
        &checker,
        "p/p.go",
        SOURCE.as_bytes(),
        None,
        &|_| true,
        Some(&mut hooks),
    )
    .expect("the file resolves");
    let mut sites: Vec<(SiteKind, String, u32)> = file
        .sites
        .into_iter()
        .map(|s| (s.kind, s.name, s.position.line))
        .collect();
    sites.sort();
    (sites, hooks.seen)
}

#[test]
fn names_in_literals_are_walked_and_tables_of_numbers_add_nothing() {
    let (sites, strings) = walk(true);
    let expected = vec![
        (SiteKind::Call, "f".to_string(), 10),
        (SiteKind::Call, "h".to_string(), 11),
        (SiteKind::Reference, "f".to_string(), 9),
    ];
    assert_eq!(sites, expected);
    assert_eq!(strings, vec!["SELECT 1".to_string(), "raw".to_string()]);
}

#[test]
fn the_same_sites_whether_or_not_strings_are_wanted() {
    let (with, _) = walk(true);
    let (without, strings) = walk(false);
    assert_eq!(with, without);
    assert!(strings.is_empty(), "{strings:?}");
}
