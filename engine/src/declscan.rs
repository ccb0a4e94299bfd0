//! A token-level scan of a Go file's top level: its package clause,
//! imports and the names it declares, without parsing.
//!
//! Resolution asks "does package P declare X, and in which file?" far more
//! often than it needs X's declaration. Lexing answers the first question at
//! memory speed (function bodies are skipped by brace matching); only the
//! file holding a needed declaration is then parsed. The scan is exact for
//! valid Go; `engine/tests/declscan.rs` checks it against the parser on the
//! whole Go distribution.

/// What the top level of a file declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclNames {
    pub package: Option<String>,
    /// `(binding, path)`: binding is `None` for a plain import, else the
    /// alias, `.` or `_`.
    pub imports: Vec<(Option<String>, String)>,
    /// Function, method and type names: a tree package's table takes
    /// them when the package is assembled (empty afterwards).
    pub funcs: Vec<String>,
    /// `(receiver type name, method name)`.
    pub methods: Vec<(String, String)>,
    pub types: Vec<String>,
    /// The types of `types` declared as aliases (`type A = B`).
    pub aliases: Vec<String>,
    pub values: Vec<String>,
    /// The values whose initializer may be a constant string: it has a
    /// string literal or a `+`, or is a lone (qualified) name; or a
    /// constant repeating such a previous spec's expression. A superset, so
    /// string folding can skip parsing files for every other name.
    pub string_values: Vec<String>,
    /// The `//go:build` expression, if any precedes the package clause.
    pub build_constraint: Option<String>,
}

/// A token of Go source, as much as the top-level scans need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok<'a> {
    Ident(&'a str),
    Str(&'a str),
    Open(u8),
    Close(u8),
    Semi,
    Newline,
    /// Another token that can end a statement (a number, `++`, …).
    Ender,
    Other(u8),
}

impl Tok<'_> {
    fn ends_statement(self) -> bool {
        match self {
            Tok::Ident(w) => !matches!(
                w,
                "func"
                    | "type"
                    | "var"
                    | "const"
                    | "import"
                    | "package"
                    | "struct"
                    | "interface"
                    | "map"
                    | "chan"
            ),
            Tok::Str(_) | Tok::Close(_) | Tok::Ender => true,
            _ => false,
        }
    }
}

/// A Go lexer that knows comments, strings, raw strings and runes, so
/// brackets inside them never count. Shared with `strip`.
pub(crate) struct Lexer<'a> {
    pub(crate) src: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Lexer<'a> {
    /// At an opening `"` or `'`: move past the literal (its closing quote,
    /// or the end of the line when it is unterminated); escapes skip the
    /// next byte.
    fn skip_quoted(&mut self, quote: u8) {
        self.pos += 1;
        while self.pos < self.src.len() {
            match self.src[self.pos] {
                b'\\' => self.pos += 2,
                b'\n' => break,
                c if c == quote => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// After an opening bracket: move past its matching closing bracket
    /// (of any kind, as [`Lexer::next`] counts them) and return that
    /// bracket's offset; `None`, at the end of input, when there is none.
    /// The same tokens as calling [`Lexer::next`] until then, without
    /// making them: only brackets, comments and literals matter here.
    pub(crate) fn skip_block(&mut self) -> Option<usize> {
        let src = self.src;
        let mut depth = 1u32;
        while self.pos < src.len() {
            let b = src[self.pos];
            match b {
                b'/' if src.get(self.pos + 1) == Some(&b'/') => {
                    self.pos +=
                        memchr::memchr(b'\n', &src[self.pos..]).unwrap_or(src.len() - self.pos);
                }
                b'/' if src.get(self.pos + 1) == Some(&b'*') => {
                    self.pos = match memchr::memmem::find(&src[self.pos + 2..], b"*/") {
                        Some(i) => self.pos + 2 + i + 2,
                        None => src.len(),
                    };
                }
                b'"' | b'\'' => self.skip_quoted(b),
                b'`' => {
                    self.pos = match memchr::memchr(b'`', &src[self.pos + 1..]) {
                        Some(i) => self.pos + 1 + i + 1,
                        None => src.len(),
                    };
                }
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.pos += 1;
                }
                b')' | b']' | b'}' => {
                    depth -= 1;
                    self.pos += 1;
                    if depth == 0 {
                        return Some(self.pos - 1);
                    }
                }
                _ => self.pos += 1,
            }
        }
        self.pos = src.len();
        None
    }

    pub(crate) fn next(&mut self) -> Option<Tok<'a>> {
        loop {
            let &b = self.src.get(self.pos)?;
            match b {
                b'\n' => {
                    self.pos += 1;
                    return Some(Tok::Newline);
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'/' if self.src.get(self.pos + 1) == Some(&b'/') => {
                    while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                b'/' if self.src.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut newline = false;
                    while self.pos < self.src.len() {
                        if self.src[self.pos] == b'*' && self.src.get(self.pos + 1) == Some(&b'/') {
                            self.pos += 2;
                            break;
                        }
                        newline |= self.src[self.pos] == b'\n';
                        self.pos += 1;
                    }
                    if newline {
                        return Some(Tok::Newline);
                    }
                }
                b'"' | b'\'' => {
                    let start = self.pos;
                    self.skip_quoted(b);
                    let end = self.pos.min(self.src.len());
                    return Some(Tok::Str(
                        std::str::from_utf8(&self.src[start..end]).unwrap_or(""),
                    ));
                }
                b'`' => {
                    let start = self.pos;
                    self.pos += 1;
                    while self.pos < self.src.len() && self.src[self.pos] != b'`' {
                        self.pos += 1;
                    }
                    self.pos = (self.pos + 1).min(self.src.len());
                    return Some(Tok::Str(
                        std::str::from_utf8(&self.src[start..self.pos]).unwrap_or(""),
                    ));
                }
                b'(' | b'[' | b'{' => {
                    self.pos += 1;
                    return Some(Tok::Open(b));
                }
                b')' | b']' | b'}' => {
                    self.pos += 1;
                    return Some(Tok::Close(b));
                }
                b';' => {
                    self.pos += 1;
                    return Some(Tok::Semi);
                }
                b if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => {
                    let start = self.pos;
                    while self.pos < self.src.len() {
                        let c = self.src[self.pos];
                        if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    return Some(Tok::Ident(
                        std::str::from_utf8(&self.src[start..self.pos]).unwrap_or(""),
                    ));
                }
                b if b.is_ascii_digit() => {
                    while self.pos < self.src.len()
                        && (self.src[self.pos].is_ascii_alphanumeric()
                            || self.src[self.pos] == b'.'
                            || self.src[self.pos] == b'_')
                    {
                        self.pos += 1;
                    }
                    return Some(Tok::Ender);
                }
                b'+' | b'-' if self.src.get(self.pos + 1) == Some(&b) => {
                    self.pos += 2;
                    return Some(Tok::Ender);
                }
                _ => {
                    self.pos += 1;
                    return Some(Tok::Other(b));
                }
            }
        }
    }
}

/// Scan the top level of a Go file.
pub fn scan_decls(src: &[u8]) -> DeclNames {
    let mut out = DeclNames {
        build_constraint: header_build_constraint(src),
        ..DeclNames::default()
    };
    let mut p = Scanner {
        lx: Lexer { src, pos: 0 },
        peeked: None,
    };
    while let Some(tok) = p.next_significant() {
        match tok {
            Tok::Ident("package") => {
                if let Some(Tok::Ident(n)) = p.next_significant() {
                    out.package = Some(n.to_string());
                }
            }
            Tok::Ident("import") => p.group_or_one(|p| p.import_spec(&mut out.imports)),
            Tok::Ident("func") => p.func(&mut out),
            Tok::Ident("type") => p.group_or_one(|p| {
                let name = match p.next_significant() {
                    Some(Tok::Ident(n)) => Some(n),
                    _ => None,
                };
                // An `=` outside brackets: `type A = B`, `type A[T any] = B[T]`.
                let alias = p.skip_statement().is_some();
                if let Some(n) = name {
                    out.types.push(n.to_string());
                    if alias {
                        out.aliases.push(n.to_string());
                    }
                }
            }),
            Tok::Ident(kw @ ("var" | "const")) => {
                let mut previous = false;
                p.group_or_one(|p| {
                    let start = out.values.len();
                    p.ident_list(&mut out.values);
                    let init = p.skip_statement();
                    let may = match init {
                        Some(shape) => shape.may_be_string(),
                        None => kw == "const" && previous,
                    };
                    if may {
                        out.string_values
                            .extend(out.values[start..].iter().cloned());
                    }
                    previous = may;
                })
            }
            _ => {}
        }
    }
    out
}

/// What a value spec's initializer is made of, as far as string folding
/// cares.
#[derive(Debug, Default, Clone, Copy)]
struct InitShape {
    string: bool,
    plus: bool,
    /// Only names and `.` so far (`x`, `pkg.X`).
    names_only: bool,
    tokens: usize,
}

impl InitShape {
    fn see(&mut self, t: Tok) {
        if self.tokens == 0 {
            self.names_only = true;
        }
        self.tokens += 1;
        match t {
            Tok::Str(_) => self.string = true,
            Tok::Other(b'+') => self.plus = true,
            Tok::Ident(_) | Tok::Other(b'.') | Tok::Newline => {}
            _ => self.names_only = false,
        }
    }

    fn may_be_string(&self) -> bool {
        self.string || self.plus || self.names_only && self.tokens > 0
    }
}

fn header_build_constraint(src: &[u8]) -> Option<String> {
    for line in src.split(|&b| b == b'\n') {
        let line = std::str::from_utf8(line).ok()?.trim_end_matches('\r');
        if let Some(expr) = line.strip_prefix("//go:build ") {
            return Some(expr.trim().to_string());
        }
        if line.starts_with("package ") || line.starts_with("package\t") {
            return None;
        }
    }
    None
}

struct Scanner<'a> {
    lx: Lexer<'a>,
    peeked: Option<Tok<'a>>,
}

impl<'a> Scanner<'a> {
    fn raw(&mut self) -> Option<Tok<'a>> {
        self.peeked.take().or_else(|| self.lx.next())
    }

    fn next_significant(&mut self) -> Option<Tok<'a>> {
        loop {
            match self.raw()? {
                Tok::Newline | Tok::Semi => {}
                t => return Some(t),
            }
        }
    }

    fn peek_significant(&mut self) -> Option<Tok<'a>> {
        let t = self.next_significant();
        self.peeked = t;
        t
    }

    /// `kw ( spec; spec )` or `kw spec`.
    fn group_or_one(&mut self, mut spec: impl FnMut(&mut Self)) {
        if self.peek_significant() == Some(Tok::Open(b'(')) {
            self.raw();
            loop {
                match self.peek_significant() {
                    None => return,
                    Some(Tok::Close(b')')) => {
                        self.raw();
                        return;
                    }
                    Some(_) => {
                        // Malformed input can leave a spec with nothing to
                        // take; always move on, or this would never end.
                        let before = (self.lx.pos, self.peeked);
                        spec(self);
                        if (self.lx.pos, self.peeked) == before {
                            self.raw();
                        }
                    }
                }
            }
        } else {
            spec(self);
        }
    }

    fn import_spec(&mut self, out: &mut Vec<(Option<String>, String)>) {
        let mut binding = None;
        loop {
            match self.next_significant() {
                Some(Tok::Ident(n)) => binding = Some(n.to_string()),
                Some(Tok::Other(b'.')) => binding = Some(".".to_string()),
                Some(Tok::Str(s)) => {
                    if let Some(path) = crate::golit::unquote(s) {
                        out.push((binding, path));
                    }
                    return;
                }
                _ => return,
            }
        }
    }

    fn ident_list(&mut self, out: &mut Vec<String>) {
        loop {
            match self.peek_significant() {
                Some(Tok::Ident(n)) => {
                    self.raw();
                    if n != "_" {
                        out.push(n.to_string());
                    }
                }
                _ => return,
            }
            match self.raw() {
                Some(Tok::Other(b',')) => continue,
                other => {
                    self.peeked = other;
                    return;
                }
            }
        }
    }

    /// Skip to the end of the current statement: a `;` or a newline at
    /// bracket depth 0 after a token that ends a statement, or the `)` that
    /// closes an enclosing group (left unconsumed). Returns the shape of
    /// what follows an `=`, if there is one.
    fn skip_statement(&mut self) -> Option<InitShape> {
        let mut depth = 0i32;
        // Called right after a declared name, which itself ends a statement
        // (`const ( A = iota; B )` puts `B` alone on its line).
        let mut last = Tok::Ender;
        let mut init: Option<InitShape> = None;
        while let Some(t) = self.raw() {
            match (&mut init, t) {
                (None, Tok::Other(b'=')) if depth == 0 => {
                    init = Some(InitShape::default());
                    last = t;
                    continue;
                }
                (Some(shape), _) => shape.see(t),
                _ => {}
            }
            match t {
                Tok::Open(_) => depth += 1,
                Tok::Close(c) => {
                    if depth == 0 {
                        self.peeked = Some(Tok::Close(c));
                        return init;
                    }
                    depth -= 1;
                }
                Tok::Semi if depth == 0 => return init,
                Tok::Newline if depth == 0 && last.ends_statement() => return init,
                Tok::Newline => continue,
                _ => {}
            }
            last = t;
        }
        init
    }

    fn func(&mut self, out: &mut DeclNames) {
        let mut recv_type = None;
        if self.peek_significant() == Some(Tok::Open(b'(')) {
            self.raw();
            recv_type = self.receiver_type();
        }
        let Some(Tok::Ident(name)) = self.next_significant() else {
            return;
        };
        match recv_type {
            Some(t) => out.methods.push((t, name.to_string())),
            None => out.funcs.push(name.to_string()),
        }
        // Skip the signature and the body (or a newline: no body).
        let mut depth = 0i32;
        let mut last = Tok::Ident(name);
        let mut after_type_kw = false;
        while let Some(t) = self.raw() {
            match t {
                Tok::Open(b'{') if depth == 0 && !after_type_kw => {
                    self.skip_block();
                    return;
                }
                Tok::Open(_) => depth += 1,
                Tok::Close(_) => depth = (depth - 1).max(0),
                Tok::Newline | Tok::Semi if depth == 0 && last.ends_statement() => return,
                Tok::Newline => continue,
                _ => {}
            }
            after_type_kw = matches!(t, Tok::Ident("struct" | "interface"));
            last = t;
        }
    }

    fn skip_block(&mut self) {
        self.lx.skip_block();
    }

    /// Inside `func (` … `)`: the receiver's type name.
    fn receiver_type(&mut self) -> Option<String> {
        let mut idents: Vec<&str> = Vec::new();
        let mut star_next: Option<&str> = None;
        let mut saw_star = false;
        let mut depth = 0;
        while let Some(t) = self.raw() {
            match t {
                Tok::Close(b')') if depth == 0 => break,
                Tok::Open(_) => depth += 1,
                Tok::Close(_) => depth -= 1,
                Tok::Other(b'*') if depth == 0 => saw_star = true,
                Tok::Ident(n) if depth == 0 => {
                    if saw_star && star_next.is_none() {
                        star_next = Some(n);
                    }
                    idents.push(n);
                }
                _ => {}
            }
        }
        let name = star_next.or_else(|| idents.last().copied())?;
        Some(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_top_level_names() {
        let src = br#"//go:build linux

package p

import "fmt"
import (
	f "fmt"
	. "strings"
	_ "embed"
)

const A, B = 1, 2
const (
	C Kind = iota
	D
)
var (
	x = map[string]int{"a": 1}
	y, _ = f(), 2
)
type (
	Kind int
	S struct{ a, b int }
)
type Alias = string
type L[T any] struct{ items []T }

func F(x struct{ a int }) interface{ M() } { if x { return nil }; return nil }
func (s *S) M() {}
func (L[T]) Get() T { var t T; return t }
func (*S) N() {}
func asm(x int)
func G() {
}
"#;
        let d = scan_decls(src);
        assert_eq!(d.package.as_deref(), Some("p"));
        assert_eq!(d.build_constraint.as_deref(), Some("linux"));
        assert_eq!(
            d.imports,
            vec![
                (None, "fmt".to_string()),
                (Some("f".to_string()), "fmt".to_string()),
                (Some(".".to_string()), "strings".to_string()),
                (Some("_".to_string()), "embed".to_string()),
            ]
        );
        assert_eq!(d.values, vec!["A", "B", "C", "D", "x", "y"]);
        assert_eq!(d.types, vec!["Kind", "S", "Alias", "L"]);
        assert_eq!(d.aliases, vec!["Alias"]);
        let g = scan_decls(b"package p\ntype (\n\tG = map[string]int\n\tH [2]int\n\tI struct{ f func() int }\n)\ntype J[T any] = []T\n");
        assert_eq!(g.types, vec!["G", "H", "I", "J"]);
        assert_eq!(g.aliases, vec!["G", "J"]);
        assert_eq!(d.funcs, vec!["F", "asm", "G"]);
        assert_eq!(
            d.methods,
            vec![
                ("S".to_string(), "M".to_string()),
                ("L".to_string(), "Get".to_string()),
                ("S".to_string(), "N".to_string()),
            ]
        );
    }
}

#[cfg(test)]
mod malformed {
    use super::scan_decls;

    /// Found by the resolution property test: a closer inside a group left
    /// the scanner spinning on the same token.
    #[test]
    fn stray_closers_in_groups_terminate() {
        for src in [
            "package p\nvar ( } x )\n",
            "package p\nconst ( ] )\n",
            "package p\ntype ( } )\n",
            "package p\nimport ( } \"fmt\" )\n",
            "package p\nvar ( }",
            "package p\nvar (",
        ] {
            let _ = scan_decls(src.as_bytes());
        }
    }
}

#[cfg(test)]
mod skip_block {
    use super::{Lexer, Tok};
    use proptest::prelude::*;

    /// What [`Lexer::skip_block`] must do: [`Lexer::next`] until the
    /// bracket closing the one already open.
    fn by_tokens(lx: &mut Lexer) -> Option<usize> {
        let mut depth = 1;
        while let Some(t) = lx.next() {
            match t {
                Tok::Open(_) => depth += 1,
                Tok::Close(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(lx.pos - 1);
                    }
                }
                _ => {}
            }
        }
        None
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_with_the_tokens(
            parts in prop::collection::vec(
                prop::sample::select(vec![
                    "{", "}", "(", ")", "[", "]", "\"", "'", "`", "\\", "/", "*", "//", "/*",
                    "*/", "\n", " ", "x", "1", "é", "a\"b", "'}'", "\"{\"", "`}`", "++",
                ]),
                0..60,
            ),
        ) {
            let src = parts.concat();
            for start in 0..=src.len() {
                let mut a = Lexer { src: src.as_bytes(), pos: start };
                let mut b = Lexer { src: src.as_bytes(), pos: start };
                let want = by_tokens(&mut a);
                prop_assert_eq!(b.skip_block(), want);
                if want.is_some() {
                    prop_assert_eq!(a.pos, b.pos);
                }
            }
        }
    }
}
