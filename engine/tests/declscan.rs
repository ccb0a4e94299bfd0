//! The token-level declaration scan agrees with the parser on every file of
//! the Go distribution (and of the fixture monolith), so lazily loaded
//! packages see exactly the names a full parse would.

use std::path::{Path, PathBuf};
use std::process::Command;

use goseam_engine::declscan::{scan_decls, DeclNames};
use goseam_engine::discover::{discover, DiscoveredKind, DiscoveryOptions};
use goseam_engine::expr::Expr;
use goseam_engine::facts::ImportName;

fn gostd_root() -> PathBuf {
    let out = Command::new("go").args(["env", "GOROOT"]).output();
    let root = out
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()).join("src"));
    match root {
        Some(r) if r.join("go.mod").is_file() => r,
        _ => panic!(
            "this test needs the Go distribution's source: install it with `bash corpus/gostd.sh`"
        ),
    }
}

fn from_parser(src: &[u8]) -> DeclNames {
    let tree = goseam_engine::parse::parse_go(src).expect("parses");
    let f = goseam_engine::extract::extract(&tree, src);
    DeclNames {
        package: f.package.clone(),
        imports: f
            .imports
            .iter()
            .map(|i| {
                let b = match &i.name {
                    ImportName::Default => None,
                    ImportName::Alias(a) => Some(a.clone()),
                    ImportName::Dot => Some(".".to_string()),
                    ImportName::Blank => Some("_".to_string()),
                };
                (b, i.path.clone())
            })
            .collect(),
        funcs: f
            .funcs
            .iter()
            .filter(|x| x.receiver.is_none())
            .map(|x| x.name.clone())
            .collect(),
        methods: f
            .funcs
            .iter()
            .filter_map(|x| {
                x.receiver
                    .as_ref()
                    .map(|r| (r.type_name.clone(), x.name.clone()))
            })
            .collect(),
        types: f.types.iter().map(|t| t.name.clone()).collect(),
        aliases: f
            .types
            .iter()
            .filter(|t| t.alias)
            .map(|t| t.name.clone())
            .collect(),
        values: f
            .values
            .iter()
            .filter(|v| v.name != "_")
            .map(|v| v.name.clone())
            .collect(),
        // Those that certainly hold a constant string; the scan's list
        // must include them (it may hold more).
        string_values: f
            .values
            .iter()
            .filter(|v| {
                v.name != "_"
                    && (v.string_value.is_some()
                        || matches!(&v.value, Some(Expr::Binary { op, .. }) if op == "+")
                        || matches!(&v.value, Some(Expr::Str { .. })))
            })
            .map(|v| v.name.clone())
            .collect(),
        build_constraint: None,
    }
}

fn check_tree(root: &Path) -> usize {
    let files = discover(
        root,
        DiscoveryOptions {
            include_testdata: false,
            follow_symlinks: false,
            threads: 2,
            ..Default::default()
        },
    )
    .files;
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for f in files.iter().filter(|f| f.kind == DiscoveredKind::GoSource) {
        let src = std::fs::read(&f.abs).expect("readable");
        let mut scanned = scan_decls(&src);
        scanned.build_constraint = None;
        let mut parsed = from_parser(&src);
        let missing: Vec<&String> = parsed
            .string_values
            .iter()
            .filter(|v| !scanned.string_values.contains(v))
            .collect();
        if !missing.is_empty() {
            mismatches.push(format!(
                "{}: string values missed by the scan: {missing:?}",
                f.path
            ));
        }
        scanned.string_values.clear();
        parsed.string_values.clear();
        if scanned != parsed {
            mismatches.push(format!(
                "{}:\n  scan:  {scanned:?}\n  parse: {parsed:?}",
                f.path
            ));
        }
        checked += 1;
    }
    assert!(
        mismatches.is_empty(),
        "{} of {checked} files differ; first:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    checked
}

#[test]
fn agrees_with_the_parser_on_the_go_distribution() {
    let root = std::fs::canonicalize(gostd_root()).unwrap();
    assert!(check_tree(&root) > 4000);
}

#[test]
fn agrees_with_the_parser_on_the_fixture_monolith() {
    let root = std::fs::canonicalize(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/fixtures/monolith"),
    )
    .unwrap();
    assert!(check_tree(&root) > 40);
}
