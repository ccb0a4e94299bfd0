//! A preference, not a filter: which of several declarations of the same
//! name (one per GOOS/GOARCH file) the resolver reads first.
//!
//! Every file is analyzed and every call site reported; but when `syscall`
//! declares `Stat_t` once per platform, the resolver needs one of them to
//! look fields up in. It prefers files whose build constraints (the
//! `//go:build` line and the `_GOOS_GOARCH.go` file-name suffix) hold on a
//! default platform, linux/amd64 with cgo off, the platform goseam's
//! differential tests use. The preference only orders candidates; a name
//! declared only for another platform still resolves.

const GOOS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];
const GOARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

fn tag_holds(tag: &str) -> bool {
    matches!(tag, "linux" | "amd64" | "unix" | "gc")
        || tag
            .strip_prefix("go1.")
            .and_then(|m| m.parse::<u32>().ok())
            .is_some_and(|m| m <= 19)
}

/// Whether a file matches the default platform (linux/amd64, cgo off).
pub fn matches_default_platform(file_name: &str, constraint: Option<&str>) -> bool {
    name_matches(file_name) && constraint.is_none_or(expr_holds)
}

fn name_matches(file_name: &str) -> bool {
    let stem = file_name.trim_end_matches(".go").trim_end_matches("_test");
    let parts: Vec<&str> = stem.split('_').collect();
    if parts.len() < 2 {
        return true;
    }
    let last = parts[parts.len() - 1];
    let prev = parts[parts.len() - 2];
    if GOARCH.contains(&last) {
        if parts.len() >= 3 && GOOS.contains(&prev) {
            return tag_holds(prev) && tag_holds(last);
        }
        return tag_holds(last);
    }
    if GOOS.contains(&last) {
        return tag_holds(last);
    }
    true
}

/// Evaluate a `//go:build` expression (or joined legacy `+build` lines,
/// which use `,` for and, space for or, `!` for not) on the default
/// platform. Unparseable expressions count as holding: this is only a
/// preference.
fn expr_holds(expr: &str) -> bool {
    let tokens = tokenize(expr);
    let mut p = Parser { tokens, pos: 0 };
    match p.or() {
        Some(v) if p.pos == p.tokens.len() => v,
        _ => true,
    }
}

fn tokenize(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '&' | '|' if chars.get(i + 1) == Some(&c) => {
                flush(&mut word, &mut out);
                out.push(if c == '&' { "&&" } else { "||" }.to_string());
                i += 2;
                continue;
            }
            '!' | '(' | ')' => {
                flush(&mut word, &mut out);
                out.push(c.to_string());
            }
            // Legacy +build syntax: `,` is and, space is or.
            ',' => {
                flush(&mut word, &mut out);
                out.push("&&".to_string());
            }
            c if c.is_whitespace() => flush(&mut word, &mut out),
            c => word.push(c),
        }
        i += 1;
    }
    flush(&mut word, &mut out);
    out
}

struct Parser {
    tokens: Vec<String>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).map(|s| s.as_str())
    }
    fn or(&mut self) -> Option<bool> {
        let mut v = self.and()?;
        while self.peek() == Some("||") {
            self.pos += 1;
            v |= self.and()?;
        }
        Some(v)
    }
    fn and(&mut self) -> Option<bool> {
        let mut v = self.not()?;
        while self.peek() == Some("&&") {
            self.pos += 1;
            v &= self.not()?;
        }
        Some(v)
    }
    fn not(&mut self) -> Option<bool> {
        match self.peek()? {
            "!" => {
                self.pos += 1;
                Some(!self.not()?)
            }
            "(" => {
                self.pos += 1;
                let v = self.or()?;
                if self.peek() != Some(")") {
                    return None;
                }
                self.pos += 1;
                Some(v)
            }
            ")" | "&&" | "||" => None,
            tag => {
                let v = tag_holds(tag);
                self.pos += 1;
                Some(v)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_platform_preference() {
        assert!(matches_default_platform("a.go", None));
        assert!(matches_default_platform("a_linux.go", None));
        assert!(matches_default_platform("a_linux_amd64.go", None));
        assert!(!matches_default_platform("a_windows.go", None));
        assert!(!matches_default_platform("a_arm64.go", None));
        assert!(!matches_default_platform("a_linux_arm64_test.go", None));
        assert!(matches_default_platform("a.go", Some("linux && !cgo")));
        assert!(!matches_default_platform("a.go", Some("cgo")));
        assert!(matches_default_platform(
            "a.go",
            Some("(darwin || linux) && go1.18")
        ));
        assert!(!matches_default_platform("a.go", Some("ignore")));
        assert!(matches_default_platform("a.go", Some("linux,amd64 darwin")));
        assert!(!matches_default_platform("a.go", Some("go1.21")));
    }
}
