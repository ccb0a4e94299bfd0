//! go.mod and go.work files: the directives the package model needs.
//!
//! The grammar is the go command's (`golang.org/x/mod/modfile`): one directive
//! per line or a parenthesized block, `//` comments, bare or quoted tokens.
//! Parsing is tolerant: every problem is recorded with its line and the rest
//! of the file is still read, so one bad line does not lose the module path.

use serde::{Deserialize, Serialize};

/// What goseam keeps of a go.mod or go.work file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModFile {
    /// `module` path (go.mod only).
    pub module: Option<String>,
    /// `go` version.
    pub go: Option<String>,
    pub requires: Vec<Requirement>,
    pub replaces: Vec<Replacement>,
    /// `use` directories (go.work only), as written.
    pub uses: Vec<String>,
    pub errors: Vec<ModFileError>,
}

/// `require path version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub path: String,
    pub version: String,
}

/// `replace old [v] => new [v]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    pub old: String,
    pub old_version: Option<String>,
    pub new: String,
    pub new_version: Option<String>,
}

/// A problem at a line of a go.mod or go.work file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModFileError {
    pub line: u32,
    pub message: String,
}

/// Which file is being parsed: the directives allowed differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModFileKind {
    GoMod,
    GoWork,
}

/// Parse a go.mod or go.work file. Never fails: problems are in `errors`.
pub fn parse_mod_file(src: &[u8], kind: ModFileKind) -> ModFile {
    let mut out = ModFile::default();
    let mut block: Option<(String, u32)> = None;
    // Invalid UTF-8 is checked line by line: rejecting the whole file lost
    // the module path to one bad byte in, say, a comment, where every other
    // problem costs only its own line. (A trailing `\r` and an empty last
    // piece are dropped by `tokenize`'s trimming.)
    for (i, raw) in src.split(|&b| b == b'\n').enumerate() {
        let line_no = i as u32 + 1;
        let Ok(raw) = std::str::from_utf8(raw) else {
            out.errors.push(ModFileError {
                line: line_no,
                message: "invalid UTF-8".to_string(),
            });
            continue;
        };
        let tokens = match tokenize(raw) {
            Ok(t) => t,
            Err(message) => {
                out.errors.push(ModFileError {
                    line: line_no,
                    message,
                });
                continue;
            }
        };
        if tokens.is_empty() {
            continue;
        }
        if let Some((verb, _)) = &block {
            if tokens.len() == 1 && tokens[0] == ")" {
                block = None;
                continue;
            }
            let verb = verb.clone();
            directive(&mut out, kind, &verb, &tokens, line_no);
            continue;
        }
        let verb = tokens[0].as_str();
        if tokens.len() == 2 && tokens[1] == "(" {
            block = Some((verb.to_string(), line_no));
            continue;
        }
        directive(&mut out, kind, verb, &tokens[1..], line_no);
    }
    if let Some((verb, line)) = block {
        out.errors.push(ModFileError {
            line,
            message: format!("unterminated {verb} block"),
        });
    }
    if kind == ModFileKind::GoMod && out.module.is_none() {
        out.errors.push(ModFileError {
            line: 0,
            message: "no module directive".to_string(),
        });
    }
    out
}

fn directive(out: &mut ModFile, kind: ModFileKind, verb: &str, args: &[String], line: u32) {
    let mut err = |message: String| out.errors.push(ModFileError { line, message });
    match (verb, kind) {
        ("module", ModFileKind::GoMod) => match args {
            [path] if valid_module_path(path) => {
                if out.module.is_some() {
                    err("repeated module directive".to_string());
                } else {
                    out.module = Some(path.clone());
                }
            }
            [path] => err(format!("invalid module path {path:?}")),
            _ => err("usage: module module/path".to_string()),
        },
        ("go", _) => match args {
            [v] => out.go = Some(v.clone()),
            _ => err("usage: go 1.23".to_string()),
        },
        ("require", ModFileKind::GoMod) => match args {
            [path, version] => out.requires.push(Requirement {
                path: path.clone(),
                version: version.clone(),
            }),
            _ => err("usage: require module/path v1.2.3".to_string()),
        },
        ("replace", _) => match parse_replace(args) {
            Some(r) => out.replaces.push(r),
            None => err("usage: replace module/path [v1.2.3] => other/module [v1.4.5]".to_string()),
        },
        ("use", ModFileKind::GoWork) => match args {
            [dir] => out.uses.push(dir.clone()),
            _ => err("usage: use local/dir".to_string()),
        },
        ("exclude" | "retract", ModFileKind::GoMod) | ("toolchain" | "godebug", _) => {}
        _ => err(format!("unknown directive: {verb}")),
    }
}

fn parse_replace(args: &[String]) -> Option<Replacement> {
    let arrow = args.iter().position(|a| a == "=>")?;
    let (left, right) = (&args[..arrow], &args[arrow + 1..]);
    let (old, old_version) = match left {
        [p] => (p.clone(), None),
        [p, v] => (p.clone(), Some(v.clone())),
        _ => return None,
    };
    let (new, new_version) = match right {
        [p] => (p.clone(), None),
        [p, v] => (p.clone(), Some(v.clone())),
        _ => return None,
    };
    Some(Replacement {
        old,
        old_version,
        new,
        new_version,
    })
}

fn valid_module_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.ends_with('/')
        && !path.contains("//")
        && path
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && c != '\\')
}

/// Split a line into tokens: bare words, `"quoted"` or `` `raw` `` strings,
/// with `//` comments dropped. `(`, `)` and `=>` stand alone.
fn tokenize(line: &str) -> Result<Vec<String>, String> {
    let mut tokens = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        if rest.starts_with("//") {
            break;
        }
        let first = rest.as_bytes()[0];
        if first == b'"' || first == b'`' {
            let quote = first as char;
            let mut end = None;
            let mut escaped = false;
            for (i, c) in rest.char_indices().skip(1) {
                if quote == '"' && c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == quote && !escaped {
                    end = Some(i);
                    break;
                }
                escaped = false;
            }
            let end = end.ok_or_else(|| "unterminated quoted string".to_string())?;
            let literal = &rest[..=end];
            tokens.push(
                crate::golit::unquote(literal)
                    .ok_or_else(|| format!("invalid quoted string {literal}"))?,
            );
            rest = rest[end + 1..].trim_start();
            continue;
        }
        if first == b'(' || first == b')' {
            tokens.push((first as char).to_string());
            rest = rest[1..].trim_start();
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '"')
            .unwrap_or(rest.len());
        let end = match rest[..end].find("//") {
            Some(c) if c > 0 => c,
            _ => end,
        };
        tokens.push(rest[..end].to_string());
        rest = rest[end..].trim_start();
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_typical_go_mod() {
        let m = parse_mod_file(
            b"// comment\nmodule github.com/acme/monolith // trailing\n\ngo 1.19\n\nrequire (\n\tgithub.com/jmoiron/sqlx v1.3.5\n\tgithub.com/lib/pq v1.10.9 // indirect\n)\nreplace example.com/a v1.0.0 => ../a\nexclude example.com/b v1.0.0\n",
            ModFileKind::GoMod,
        );
        assert_eq!(m.module.as_deref(), Some("github.com/acme/monolith"));
        assert_eq!(m.go.as_deref(), Some("1.19"));
        assert_eq!(m.requires.len(), 2);
        assert_eq!(m.requires[1].path, "github.com/lib/pq");
        assert_eq!(m.replaces[0].new, "../a");
        assert!(m.errors.is_empty(), "{:?}", m.errors);
    }

    #[test]
    fn std_and_quoted_module_paths() {
        assert_eq!(
            parse_mod_file(b"module std\n", ModFileKind::GoMod)
                .module
                .as_deref(),
            Some("std")
        );
        assert_eq!(
            parse_mod_file(b"module \"example.com/q\"\n", ModFileKind::GoMod)
                .module
                .as_deref(),
            Some("example.com/q")
        );
    }

    #[test]
    fn malformed_files_report_lines_and_keep_what_parsed() {
        let m = parse_mod_file(
            b"module example.com/x\nfrobnicate now\nrequire (\n\tonly-path\n",
            ModFileKind::GoMod,
        );
        assert_eq!(m.module.as_deref(), Some("example.com/x"));
        let lines: Vec<u32> = m.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 4, 3]);
        let none = parse_mod_file(b"go 1.20\n", ModFileKind::GoMod);
        assert_eq!(none.errors[0].message, "no module directive");
        let bad = parse_mod_file(b"module \"unterminated\n", ModFileKind::GoMod);
        assert_eq!(bad.errors[0].line, 1);
    }

    #[test]
    fn go_work_uses() {
        let w = parse_mod_file(
            b"go 1.21\nuse (\n\t./svc/a\n\t./svc/b\n)\nuse ./tools\n",
            ModFileKind::GoWork,
        );
        assert_eq!(w.uses, vec!["./svc/a", "./svc/b", "./tools"]);
        assert!(w.errors.is_empty());
    }
}
