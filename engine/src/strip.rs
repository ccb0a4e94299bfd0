//! Blank out function bodies before parsing, when only declarations are
//! needed.
//!
//! Resolution needs the declarations of every package a file imports, but
//! not their function bodies, which are most of their bytes. Dropping each
//! body's contents except its newlines (so every declaration keeps its line)
//! lets tree-sitter skip them almost for free. The lexer (`declscan`'s)
//! understands comments, interpreted and raw strings and runes, so braces
//! inside them never count.

use crate::declscan::{Lexer, Tok};

/// A copy of `src` with the contents of top-level function bodies (and of
/// function literals in top-level declarations) reduced to their newlines.
pub fn strip_function_bodies(src: &[u8]) -> Vec<u8> {
    strip_function_bodies_except(src, &|_| false)
}

/// Like [`strip_function_bodies`], but bodies for which `keep` is true are
/// left whole. A query for the calls of `Sprintf` keeps only the bodies that
/// spell `Sprintf`, and parses a fraction of each file. Lines and the
/// columns of everything kept are unchanged: a stripped body keeps its
/// newlines, and its last line is blanked with spaces rather than removed.
pub fn strip_function_bodies_except(src: &[u8], keep: &dyn Fn(&[u8]) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() / 2);
    let mut copied = 0;
    let mut lexer = Lexer { src, pos: 0 };
    let mut depth: i32 = 0;
    let mut in_func = false;
    let mut last = Tok::Other(b' ');
    while let Some(tok) = lexer.next() {
        match tok {
            Tok::Newline => {
                // Go inserts a semicolon here: a `func` type without a body
                // (`type F func() error`) ends at this line.
                if depth == 0 && in_func && ends_statement(last) {
                    in_func = false;
                }
                continue;
            }
            // `]func(…){` is the type of a composite literal
            // (`map[string]func(){…}`), whose braces hold elements.
            Tok::Ident("func") if depth == 0 => in_func = !matches!(last, Tok::Close(b']')),
            Tok::Open(b'{')
                if depth == 0 && in_func && !matches!(last, Tok::Ident("struct" | "interface")) =>
            {
                let start = lexer.pos;
                let end = skip_block(&mut lexer);
                let body = &src[start..end];
                if !keep(body) {
                    // Keep only the body's newlines (lines stay where they
                    // were) and blank its last line (so columns after the
                    // closing brace do too): the parser has almost nothing
                    // to lex.
                    out.extend_from_slice(&src[copied..start]);
                    let last_newline = body.iter().rposition(|&b| b == b'\n');
                    let (lines, tail) = match last_newline {
                        Some(i) => (&body[..=i], &body[i + 1..]),
                        None => (&body[..0], body),
                    };
                    out.extend(lines.iter().filter(|&&b| b == b'\n'));
                    out.extend(std::iter::repeat_n(b' ', tail.len()));
                    copied = end;
                }
                in_func = false;
                last = Tok::Close(b'}');
                continue;
            }
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => depth = (depth - 1).max(0),
            _ => {}
        }
        last = tok;
    }
    out.extend_from_slice(&src[copied..]);
    out
}

/// Whether Go's semicolon insertion ends a statement after `tok`.
fn ends_statement(tok: Tok) -> bool {
    match tok {
        Tok::Ident(w) => !matches!(w, "func" | "struct" | "interface" | "map" | "chan"),
        Tok::Str(_) | Tok::Close(_) | Tok::Ender => true,
        _ => false,
    }
}

/// After an opening `{`: skip to just before its matching `}` (or the end
/// of input) and return that offset; consumes the `}`.
fn skip_block(lexer: &mut Lexer) -> usize {
    lexer.skip_block().unwrap_or(lexer.src.len())
}

#[cfg(test)]
mod tests {
    use super::strip_function_bodies;

    fn strip(s: &str) -> String {
        String::from_utf8(strip_function_bodies(s.as_bytes())).unwrap()
    }

    #[test]
    fn blanks_bodies_and_keeps_positions() {
        let src = "package p\n\nfunc F(x interface{ M() }) struct{ A int } {\n\ty := \"}\" + `{`\n\t// }\n\treturn struct{ A int }{}\n}\n\ntype T struct{ B int }\n";
        let out = strip(src);
        assert!(out.len() < src.len());
        assert_eq!(out.lines().count(), src.lines().count());
        assert!(out.contains("func F(x interface{ M() }) struct{ A int } {"));
        assert!(!out.contains("return"));
        assert!(out.contains("type T struct{ B int }"));
    }

    #[test]
    fn func_types_without_bodies_do_not_swallow_literals() {
        let src = "package p\ntype F func() error\nvar x = T{A: 1}\nfunc (r *R) M() { r.x() }\n";
        let out = strip(src);
        assert!(out.contains("var x = T{A: 1}"));
        assert!(!out.contains("r.x()"));
    }

    #[test]
    fn composite_literals_of_func_types_are_kept() {
        let src =
            "package p\nvar m = map[string]func(int){\n\t\"a\": f,\n}\nvar l = []func() error{g}\n";
        let out = strip(src);
        assert!(out.contains("\"a\": f,"));
        assert!(out.contains("error{g}"));
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for s in [
            "func f() {",
            "func f() { \"",
            "func f() { `",
            "/* ",
            "func f() { /*",
            "'\\",
        ] {
            let _ = strip(s);
        }
    }
}
