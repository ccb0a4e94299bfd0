//! Blank out function bodies before parsing, when only declarations are
//! needed.
//!
//! Resolution needs the declarations of every package a file imports, but
//! not their function bodies, which are most of their bytes. Dropping each
//! body's contents except its newlines (so every declaration keeps its line)
//! lets tree-sitter skip them almost for free. The
//! lexer understands comments, interpreted and raw strings and runes, so
//! braces inside them never count.

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
    let mut last = Token::Other;
    while let Some(tok) = lexer.next() {
        match tok {
            Token::Newline => {
                // Go inserts a semicolon here: a `func` type without a body
                // (`type F func() error`) ends at this line.
                if depth == 0 && in_func && last.ends_statement() {
                    in_func = false;
                }
                continue;
            }
            Token::Func if depth == 0 => in_func = true,
            Token::Open(b'{') if depth == 0 && in_func && !last.is_type_keyword() => {
                let start = lexer.pos;
                let end = lexer.skip_block();
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
                last = Token::Close;
                continue;
            }
            Token::Open(_) => depth += 1,
            Token::Close => depth = (depth - 1).max(0),
            _ => {}
        }
        last = tok;
    }
    out.extend_from_slice(&src[copied..]);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Func,
    Struct,
    Interface,
    /// An identifier, literal or other keyword that ends a statement.
    Word,
    Open(u8),
    Close,
    Newline,
    Other,
}

impl Token {
    fn ends_statement(self) -> bool {
        matches!(self, Token::Word | Token::Close)
    }
    fn is_type_keyword(self) -> bool {
        matches!(self, Token::Struct | Token::Interface)
    }
}

struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
}

impl Lexer<'_> {
    fn next(&mut self) -> Option<Token> {
        loop {
            let &b = self.src.get(self.pos)?;
            match b {
                b'\n' => {
                    self.pos += 1;
                    return Some(Token::Newline);
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'/' if self.src.get(self.pos + 1) == Some(&b'/') => {
                    while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                b'/' if self.src.get(self.pos + 1) == Some(&b'*') => {
                    let had_newline = self.skip_block_comment();
                    if had_newline {
                        return Some(Token::Newline);
                    }
                }
                b'"' | b'\'' => {
                    self.skip_quoted(b);
                    return Some(Token::Word);
                }
                b'`' => {
                    self.pos += 1;
                    while self.pos < self.src.len() && self.src[self.pos] != b'`' {
                        self.pos += 1;
                    }
                    self.pos += 1;
                    return Some(Token::Word);
                }
                b'(' | b'[' | b'{' => {
                    self.pos += 1;
                    return Some(Token::Open(b));
                }
                b')' | b']' | b'}' => {
                    self.pos += 1;
                    return Some(Token::Close);
                }
                b if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 => {
                    let start = self.pos;
                    while self.pos < self.src.len() {
                        let c = self.src[self.pos];
                        if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    return Some(match &self.src[start..self.pos] {
                        b"func" => Token::Func,
                        b"struct" => Token::Struct,
                        b"interface" => Token::Interface,
                        _ => Token::Word,
                    });
                }
                b'+' | b'-' if self.src.get(self.pos + 1) == Some(&b) => {
                    self.pos += 2;
                    return Some(Token::Word);
                }
                _ => {
                    self.pos += 1;
                    return Some(Token::Other);
                }
            }
        }
    }

    /// Skip `/* … */`; says whether it spanned a newline.
    fn skip_block_comment(&mut self) -> bool {
        self.pos += 2;
        let mut newline = false;
        while self.pos < self.src.len() {
            if self.src[self.pos] == b'*' && self.src.get(self.pos + 1) == Some(&b'/') {
                self.pos += 2;
                return newline;
            }
            newline |= self.src[self.pos] == b'\n';
            self.pos += 1;
        }
        newline
    }

    fn skip_quoted(&mut self, quote: u8) {
        self.pos += 1;
        while self.pos < self.src.len() {
            match self.src[self.pos] {
                b'\\' => self.pos += 2,
                b'\n' => return,
                c if c == quote => {
                    self.pos += 1;
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// After an opening `{`: skip to just before its matching `}` (or the
    /// end of input) and return that offset; consumes the `}`.
    fn skip_block(&mut self) -> usize {
        let mut depth = 1;
        loop {
            let before = self.pos;
            match self.next() {
                None => return self.src.len().min(before.max(self.pos)),
                Some(Token::Open(_)) => depth += 1,
                Some(Token::Close) => {
                    depth -= 1;
                    if depth == 0 {
                        return self.pos - 1;
                    }
                }
                _ => {}
            }
        }
    }
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
