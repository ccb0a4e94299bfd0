//! Resolution never panics or overflows the stack, whatever the source:
//! deep nesting, token soup and truncated files inside function bodies that
//! mention the wanted name.

use proptest::prelude::*;

use goseam_engine::resolve::query::{prepare, resolve_names};
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::ScanOptions;

fn resolve(body: &str) -> usize {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("go.mod"), "module example.com/p\n").unwrap();
    let src = format!("package p\n\nimport \"fmt\"\n\nfunc F(x int) {{\n{body}\n}}\n");
    std::fs::write(dir.path().join("p.go"), src).unwrap();
    let prepared = prepare(&ScanOptions::new(dir.path()), Toolchain::default()).unwrap();
    let report = resolve_names(&prepared, &["Sprintf".to_string()]);
    report.files.iter().map(|f| f.sites.len()).sum()
}

#[test]
fn deep_nesting_is_bounded() {
    for (open, close) in [
        ("(", ")"),
        ("{", "}"),
        ("[]", ""),
        ("func() {", "}()"),
        ("-", ""),
        ("*", ""),
        ("x.(", ")"),
    ] {
        let depth = 20_000;
        let body = format!(
            "_ = {}fmt.Sprintf(\"%d\", x){}",
            open.repeat(depth),
            close.repeat(depth)
        );
        resolve(&body);
    }
    // A shallow call still resolves.
    assert_eq!(resolve("_ = fmt.Sprintf(\"%d\", x)"), 1);
}

fn soup() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "fmt",
        ".",
        "Sprintf",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "x",
        ":=",
        "=",
        ",",
        ";",
        "\n",
        "func",
        "go",
        "defer",
        "range",
        "for",
        "if",
        "switch",
        "case",
        "type",
        "struct",
        "interface",
        "*",
        "&",
        "<-",
        "\"s\"",
        "`r`",
        "1",
        "var",
        "return",
        "...",
        "x.(type)",
        "map[string]int",
        "chan",
        "select",
    ]);
    prop::collection::vec(tokens, 0..200).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn token_soup_never_panics(body in soup()) {
        resolve(&format!("fmt.Sprintf(\"a\")\n{body}"));
    }
}
