//! The token-level scanners (declaration scan, body stripping) terminate
//! and never panic on any input: random bytes and Go token soup.

use proptest::prelude::*;

use goseam_engine::declscan::scan_decls;
use goseam_engine::strip::{
    strip_function_bodies, strip_function_bodies_except, strip_to_kept_bodies,
};

fn soup() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "package",
        "p",
        "import",
        "var",
        "const",
        "type",
        "func",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "x",
        "=",
        ",",
        ";",
        "\n",
        "struct",
        "interface",
        "*",
        ".",
        "\"s\"",
        "`r`",
        "'c'",
        "//c\n",
        "/*c*/",
        "1",
        "_",
        "T",
        "return",
        "++",
        "map",
        "chan",
        "\"",
        "`",
        "'",
        "/*",
    ]);
    prop::collection::vec(tokens, 0..300).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_terminates(src in soup()) {
        let d = scan_decls(src.as_bytes());
        prop_assert!(d.funcs.len() + d.types.len() + d.values.len() <= src.len());
        let stripped = strip_function_bodies(src.as_bytes());
        prop_assert!(stripped.len() <= src.len());
        let kept = strip_function_bodies_except(src.as_bytes(), &|b| b.len() % 2 == 0);
        prop_assert!(kept.len() <= src.len());
        let bodies = strip_to_kept_bodies(src.as_bytes(), &|b| b.len() % 2 == 0);
        prop_assert!(bodies.len() <= src.len());
        prop_assert_eq!(
            bodies.iter().filter(|&&b| b == b'\n').count(),
            src.bytes().filter(|&b| b == b'\n').count()
        );
    }

    #[test]
    fn random_bytes_terminate(src in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = scan_decls(&src);
        let _ = strip_function_bodies(&src);
        let _ = strip_to_kept_bodies(&src, &|b| b.len() % 3 == 0);
    }
}
