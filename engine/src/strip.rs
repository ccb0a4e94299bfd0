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
    strip(src, keep, false)
}

/// Like [`strip_function_bodies_except`], and also blank the top-level
/// `import`, `type` and `const` declarations for which `keep` is false, and
/// the headers of the functions whose bodies go (but `init`'s): what is
/// left is what a walk of the kept bodies reads from the syntax tree (the
/// package clause and the comments before it, package-level `var`
/// declarations, `init` headers, the kept functions). The
/// resolver takes a package's declarations from its own parse of each file,
/// never from this tree. Lines and columns of everything kept are unchanged.
pub fn strip_to_kept_bodies(src: &[u8], keep: &dyn Fn(&[u8]) -> bool) -> Vec<u8> {
    strip(src, keep, true)
}

/// Append `src[copied..start]` to `out`, then `src[start..end]` reduced to
/// its newlines with its last line blanked (so whatever follows keeps its
/// line and column).
fn blank(out: &mut Vec<u8>, src: &[u8], copied: usize, start: usize, end: usize) {
    out.extend_from_slice(&src[copied..start]);
    let region = &src[start..end];
    let last_newline = region.iter().rposition(|&b| b == b'\n');
    let (lines, tail) = match last_newline {
        Some(i) => (&region[..=i], &region[i + 1..]),
        None => (&region[..0], region),
    };
    out.extend(lines.iter().filter(|&&b| b == b'\n'));
    out.extend(std::iter::repeat_n(b' ', tail.len()));
}

fn strip(src: &[u8], keep: &dyn Fn(&[u8]) -> bool, blank_decls: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() / 2);
    let mut copied = 0;
    let mut lexer = Lexer { src, pos: 0 };
    let mut depth: i32 = 0;
    let mut in_func = false;
    let mut last = Tok::Other(b' ');
    // At depth 0, whether the next token starts a declaration (Go's
    // semicolon insertion: after a `;`, or a newline ending a statement).
    let mut at_start = true;
    // The start of the `import`/`type`/`const` declaration being skipped.
    let mut decl_start: Option<usize> = None;
    // The start of the function declaration whose body comes next, when
    // the whole declaration may go with its body (not an `init`: the walk
    // numbers them).
    let mut func_start: Option<usize> = None;
    while let Some(tok) = lexer.next() {
        match tok {
            Tok::Newline => {
                // Go inserts a semicolon here: a `func` type without a body
                // (`type F func() error`) ends at this line.
                if depth == 0 && ends_statement(last) {
                    in_func = false;
                    func_start = None;
                    at_start = !matches!(
                        last,
                        Tok::Ident("import" | "type" | "const" | "var" | "package")
                    );
                }
                continue;
            }
            Tok::Ident(word @ ("import" | "type" | "const" | "var" | "func"))
                if blank_decls && depth == 0 && at_start =>
            {
                // A top-level declaration starts: the one being skipped
                // ends here.
                let start = word.as_ptr() as usize - src.as_ptr() as usize;
                if let Some(from) = decl_start.take() {
                    if !keep(&src[from..start]) {
                        blank(&mut out, src, copied, from, start);
                        copied = start;
                    }
                }
                if matches!(word, "import" | "type" | "const") {
                    decl_start = Some(start);
                }
                func_start = (word == "func" && !next_is_init(&lexer)).then_some(start);
            }
            _ => {}
        }
        at_start = matches!(tok, Tok::Semi) && depth == 0;
        match tok {
            // `]func(…){` is the type of a composite literal
            // (`map[string]func(){…}`), whose braces hold elements.
            Tok::Ident("func") if depth == 0 && decl_start.is_none() => {
                in_func = !matches!(last, Tok::Close(b']'))
            }
            Tok::Open(b'{')
                if depth == 0
                    && in_func
                    && decl_start.is_none()
                    && !matches!(last, Tok::Ident("struct" | "interface")) =>
            {
                let start = lexer.pos;
                let end = skip_block(&mut lexer);
                if !keep(&src[start..end]) {
                    // Keep only the body's newlines (lines stay where they
                    // were) and blank its last line (so columns after the
                    // closing brace do too): the parser has almost nothing
                    // to lex. With `blank_decls`, the header goes too.
                    let (from, to) = match func_start {
                        // The closing brace goes too.
                        Some(f) if !keep(&src[f..start]) => (f, lexer.pos.min(src.len()).max(end)),
                        _ => (start, end),
                    };
                    blank(&mut out, src, copied, from, to);
                    copied = to;
                }
                in_func = false;
                func_start = None;
                last = Tok::Close(b'}');
                continue;
            }
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => depth = (depth - 1).max(0),
            _ => {}
        }
        last = tok;
    }
    if let Some(from) = decl_start {
        if !keep(&src[from..]) {
            blank(&mut out, src, copied, from, src.len());
            copied = src.len();
        }
    }
    out.extend_from_slice(&src[copied..]);
    out
}

/// Whether the token after the lexer's position (past newlines) is `init`.
fn next_is_init(lexer: &Lexer) -> bool {
    let mut peek = Lexer {
        src: lexer.src,
        pos: lexer.pos,
    };
    loop {
        match peek.next() {
            Some(Tok::Newline) => continue,
            next => return next == Some(Tok::Ident("init")),
        }
    }
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

    fn to_bodies(s: &str, name: &str) -> String {
        let keep = |b: &[u8]| b.windows(name.len()).any(|w| w == name.as_bytes());
        String::from_utf8(super::strip_to_kept_bodies(s.as_bytes(), &keep)).unwrap()
    }

    #[test]
    fn kept_bodies_keep_what_the_walk_reads() {
        let src = "// Code generated by x. DO NOT EDIT.\n\npackage p\n\nimport (\n\t\"fmt\"\n)\n\n\
                   type T struct {\n\tA func() error\n}\n\ntype F func() error\n\n\
                   const C = \"x\"; var V = func() { fmt.Println() }\n\n\
                   func (t *T) M() { fmt.Sprintf(\"a\") }\n\nfunc G() {\n\tfmt.Println()\n}\n\
                   func init() { fmt.Println() }\n\
                   const D = `Sprintf`\n";
        let out = to_bodies(src, "Sprintf");
        assert_eq!(out.lines().count(), src.lines().count());
        assert!(out.starts_with("// Code generated by x. DO NOT EDIT.\n\npackage p\n"));
        for gone in ["import", "\"fmt\"", "type", "A func", "const C", "G()"] {
            assert!(!out.contains(gone), "{gone} kept in {out:?}");
        }
        for kept in [
            "var V = func() {",
            "func (t *T) M() { fmt.Sprintf(\"a\") }",
            "func init() {",
            "const D = `Sprintf`",
        ] {
            assert!(out.contains(kept), "{kept} lost in {out:?}");
        }
        assert!(!out.contains("Println"));
        assert_eq!(
            out.matches('{').count(),
            out.matches('}').count(),
            "unbalanced: {out:?}"
        );
        // Everything kept is at the same line and column.
        for (a, b) in src.lines().zip(out.lines()) {
            for (i, c) in b.bytes().enumerate().filter(|(_, c)| *c != b' ') {
                assert_eq!(a.as_bytes().get(i), Some(&c), "{a:?} / {b:?}");
            }
        }
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
            let _ = to_bodies(s, "f");
        }
    }
}
