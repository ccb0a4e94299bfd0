//! Domains: which team or bounded context a file belongs to.
//!
//! A domain is what a monolith will be split along; goseam attributes files
//! (and through them packages, queries and tables) to domains. The
//! assignment comes from exactly one source, chosen by precedence:
//!
//! 1. **`[[domain]]` entries in `goseam.toml`** ([`DomainSource::Config`]).
//!    A file belongs to the first domain, in file order, with a glob that
//!    matches its root-relative path or one of its directories (see
//!    [`crate::config`], "Path globs"): `internal/billing` and
//!    `internal/billing/**` both cover `internal/billing/store/ledger.go`. A
//!    file no glob matches is unassigned.
//! 2. **A CODEOWNERS file** ([`DomainSource::Codeowners`]), the first found
//!    of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS` — GitHub's
//!    own search order. GitHub's semantics: the **last** matching line
//!    wins; a line whose pattern has no owners makes matching files
//!    unowned (unassigned). The domain's name is the line's owners as
//!    written, joined by one space (`@acme/billing`, `@acme/billing
//!    @alice`); two lines listing the same owners in a different order name
//!    two domains. Patterns follow GitHub (gitignore without negation and
//!    character ranges):
//!    - `*` matches within one path component, `?` one character, `\`
//!      escapes the next character;
//!    - a leading `/`, or a `/` inside the pattern, anchors it to the root;
//!      a pattern without one (`*.go`, `billing`, `billing/`) matches at any
//!      depth;
//!    - a pattern matches a file, or a directory and everything below it
//!      (`/internal/billing`); a trailing `/` matches directories only
//!      (`billing/` covers `x/billing/a.go`, not a file named `billing`);
//!    - a final lone `*` matches one level only: `docs/*` covers
//!      `docs/a.md`, not `docs/sub/b.md`;
//!    - `**/` leading matches in any directory, `/**` trailing everything
//!      inside, `/**/` zero or more directories.
//!
//!    Lines are trimmed; blank lines and lines starting with `#` are
//!    ignored, and an unescaped `#` starting a word begins a comment. Owners
//!    are `@user`, `@org/team` (nested GitLab groups allowed) or e-mail
//!    addresses. A malformed line (an invalid owner, a `!` negation, a
//!    `[...]` range, `***`) is skipped, as GitHub skips it, and reported as
//!    a [`DomainWarning`] with its line; CODEOWNERS never makes
//!    [`DomainMap::build`] fail. Matching is case-sensitive.
//! 3. **The directory convention** ([`DomainSource::Directory`]): when
//!    neither of the above exists, a file's domain is named by a directory
//!    path — its module's directory (the longest module directory containing
//!    it; files in no module count from the root) followed by the first
//!    `[domains] depth` components of the file's directory below the module
//!    root. With depth 2: `internal/billing/store/x.go` → `internal/billing`;
//!    `internal/x.go` (shallower than the depth) → `internal`; `main.go` →
//!    `.`; in a module at `services/pay`, `services/pay/internal/x/y.go` →
//!    `services/pay/internal/x` and `services/pay/main.go` → `services/pay`.
//!    This is a convention, not a declaration: every file gets a domain, and
//!    [`DomainMap::names`] is empty because names come from paths.
//!
//! Paths given to [`DomainMap::domain_of`] are root-relative and
//! `/`-separated, as the engine reports them (a leading `./` is accepted).
//! A path that is empty, absolute, or has empty, `.` or `..` components is
//! unassigned. Results are deterministic and no input panics.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::config::{Config, DomainSpec, GlobError, PathGlobs};

/// CODEOWNERS locations, in the order GitHub searches them.
pub const CODEOWNERS_LOCATIONS: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// Where a [`DomainMap`]'s assignment comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DomainSource {
    /// `[[domain]]` entries in `goseam.toml`.
    Config,
    /// A CODEOWNERS file; `file` is root-relative.
    Codeowners { file: String },
    /// The directory convention with `[domains] depth`.
    Directory { depth: usize },
}

impl std::fmt::Display for DomainSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DomainSource::Config => f.write_str("goseam.toml [[domain]] entries"),
            DomainSource::Codeowners { file } => write!(f, "CODEOWNERS ({file})"),
            DomainSource::Directory { depth } => write!(f, "directory convention, depth {depth}"),
        }
    }
}

/// A problem with the ownership source that did not stop the map from being
/// built (a skipped CODEOWNERS line, an unreadable candidate file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DomainWarning {
    /// Root-relative file.
    pub file: String,
    /// 1-based; 0 when the warning is about the whole file.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DomainWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// Why a [`DomainMap`] could not be built (only from configuration given in
/// code; [`Config::from_str`] rejects these with line numbers first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("domain `{domain}`: {error}")]
    Glob { domain: String, error: GlobError },
    #[error("domain name {0:?} is empty or declared twice")]
    Name(String),
    #[error("domain `{0}` has no path globs")]
    NoPaths(String),
    #[error("[domains] depth must be at least 1")]
    Depth,
}

/// Which domain each path belongs to. See the module documentation.
#[derive(Debug, Clone)]
pub struct DomainMap {
    source: DomainSource,
    rules: Rules,
    names: Vec<String>,
    warnings: Vec<DomainWarning>,
}

#[derive(Debug, Clone)]
enum Rules {
    Config {
        globs: PathGlobs,
        /// Glob index → index into `domains`. Globs are in domain order, so
        /// the first matching glob names the first matching domain.
        glob_domain: Vec<usize>,
        /// Config order.
        domains: Vec<String>,
    },
    Codeowners {
        /// File order; matched from the last.
        rules: Vec<OwnerRule>,
    },
    Directory {
        depth: usize,
        /// Module directories other than the root, longest first.
        modules: Vec<String>,
    },
}

impl DomainMap {
    /// The map for `root`: `config`'s `[[domain]]` entries if any, else the
    /// first CODEOWNERS file found, else the directory convention over
    /// `modules` (module directory relative to the root, `.` for the root;
    /// module path) with `config.domains.depth`.
    pub fn build(
        root: &Path,
        config: &Config,
        modules: &[(String, String)],
    ) -> Result<DomainMap, DomainError> {
        if !config.domain.is_empty() {
            return DomainMap::from_domains(&config.domain);
        }
        let mut warnings = Vec::new();
        for file in CODEOWNERS_LOCATIONS {
            match std::fs::read(root.join(file)) {
                Ok(bytes) => {
                    let text = match std::str::from_utf8(&bytes) {
                        Ok(text) => text.to_string(),
                        Err(e) => {
                            let line = bytes[..e.valid_up_to()]
                                .iter()
                                .filter(|&&b| b == b'\n')
                                .count()
                                + 1;
                            warnings.push(DomainWarning {
                                file: file.to_string(),
                                line,
                                message: "not valid UTF-8; invalid bytes replaced".to_string(),
                            });
                            String::from_utf8_lossy(&bytes).into_owned()
                        }
                    };
                    let mut map = DomainMap::from_codeowners(&text, file);
                    warnings.append(&mut map.warnings);
                    map.warnings = warnings;
                    return Ok(map);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => warnings.push(DomainWarning {
                    file: file.to_string(),
                    line: 0,
                    message: format!("cannot read ({}); not used", e.kind()),
                }),
            }
        }
        let mut map = DomainMap::from_directories(config.domains.depth, modules)?;
        map.warnings = warnings;
        Ok(map)
    }

    /// The map declared by `[[domain]]` entries ([`DomainSource::Config`]).
    pub fn from_domains(specs: &[DomainSpec]) -> Result<DomainMap, DomainError> {
        let mut patterns = Vec::new();
        let mut glob_domain = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, spec) in specs.iter().enumerate() {
            if spec.name.trim().is_empty() || !seen.insert(spec.name.as_str()) {
                return Err(DomainError::Name(spec.name.clone()));
            }
            if spec.paths.is_empty() {
                return Err(DomainError::NoPaths(spec.name.clone()));
            }
            for p in &spec.paths {
                // Compile one by one so the error names the domain.
                PathGlobs::new(std::slice::from_ref(p)).map_err(|error| DomainError::Glob {
                    domain: spec.name.clone(),
                    error,
                })?;
                patterns.push(p.as_str());
                glob_domain.push(i);
            }
        }
        let globs = PathGlobs::new(&patterns).map_err(|error| DomainError::Glob {
            domain: String::new(),
            error,
        })?;
        let domains: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
        let mut names = domains.clone();
        names.sort();
        Ok(DomainMap {
            source: DomainSource::Config,
            rules: Rules::Config {
                globs,
                glob_domain,
                domains,
            },
            names,
            warnings: Vec::new(),
        })
    }

    /// The map declared by CODEOWNERS `text` ([`DomainSource::Codeowners`]);
    /// `file` (root-relative) names it in the source and warnings. Never
    /// fails: malformed lines become warnings.
    pub fn from_codeowners(text: &str, file: &str) -> DomainMap {
        let (rules, names, warnings) = parse_codeowners(text, file);
        DomainMap {
            source: DomainSource::Codeowners {
                file: file.to_string(),
            },
            rules: Rules::Codeowners { rules },
            names,
            warnings,
        }
    }

    /// The directory convention ([`DomainSource::Directory`]) over `modules`
    /// (directory relative to the root, `.` for the root; module path).
    pub fn from_directories(
        depth: usize,
        modules: &[(String, String)],
    ) -> Result<DomainMap, DomainError> {
        if depth == 0 {
            return Err(DomainError::Depth);
        }
        let mut dirs: Vec<String> = modules
            .iter()
            .filter_map(|(dir, _)| {
                let mut d = dir.as_str();
                while let Some(rest) = d.strip_prefix("./") {
                    d = rest;
                }
                let d = d.trim_matches('/');
                (!d.is_empty() && d != ".").then(|| d.to_string())
            })
            .collect();
        dirs.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        dirs.dedup();
        Ok(DomainMap {
            source: DomainSource::Directory { depth },
            rules: Rules::Directory {
                depth,
                modules: dirs,
            },
            names: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// The domain of `path` (root-relative, `/`-separated), or `None` when it
    /// is unassigned: no `[[domain]]` glob matches, or the last matching
    /// CODEOWNERS line has no owners (or none matches), or `path` is not a
    /// clean relative path.
    ///
    /// The result may borrow from `path` (directory-convention names are a
    /// prefix of it), hence the shared lifetime.
    pub fn domain_of<'a>(&'a self, path: &'a str) -> Option<&'a str> {
        let path = clean(path)?;
        match &self.rules {
            Rules::Config {
                globs,
                glob_domain,
                domains,
            } => globs
                .first_match(path)
                .map(|g| domains[glob_domain[g]].as_str()),
            Rules::Codeowners { rules } => {
                let comps: Vec<Vec<char>> = path.split('/').map(|c| c.chars().collect()).collect();
                let rule = rules.iter().rev().find(|r| r.pattern.matches(&comps))?;
                rule.owners.map(|i| self.names[i].as_str())
            }
            Rules::Directory { depth, modules } => Some(directory_domain(path, *depth, modules)),
        }
    }

    /// Where the assignment comes from.
    pub fn source(&self) -> DomainSource {
        self.source.clone()
    }

    /// Problems found while building, in file and line order.
    pub fn warnings(&self) -> &[DomainWarning] {
        &self.warnings
    }

    /// The declared domain names, sorted: `[[domain]]` names, or the
    /// distinct owner lists of CODEOWNERS lines that have owners. Empty for
    /// the directory convention (names come from paths; see
    /// [`DomainMap::summary`]).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// A serializable summary of how `files` are assigned.
    pub fn summary<'p, I>(&self, files: I) -> DomainSummary
    where
        I: IntoIterator<Item = &'p str>,
    {
        let mut counts: BTreeMap<String, usize> =
            self.names.iter().map(|n| (n.clone(), 0)).collect();
        let mut unassigned = 0;
        let mut unassigned_dirs = BTreeSet::new();
        for file in files {
            match self.domain_of(file) {
                Some(d) => *counts.entry(d.to_string()).or_default() += 1,
                None => {
                    unassigned += 1;
                    let dir = file.rfind('/').map_or(".", |i| &file[..i]);
                    unassigned_dirs.insert(dir.to_string());
                }
            }
        }
        DomainSummary {
            source: self.source.clone(),
            domains: counts
                .into_iter()
                .map(|(name, files)| DomainFiles { name, files })
                .collect(),
            unassigned,
            unassigned_dirs: unassigned_dirs.into_iter().collect(),
            warnings: self.warnings.clone(),
        }
    }
}

/// How a set of files is assigned to domains (for output).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainSummary {
    pub source: DomainSource,
    /// Sorted by name; declared domains appear even with no files.
    pub domains: Vec<DomainFiles>,
    /// Files with no domain.
    pub unassigned: usize,
    /// Directories holding those files (`.` for the root), sorted.
    pub unassigned_dirs: Vec<String>,
    pub warnings: Vec<DomainWarning>,
}

/// A domain and how many of the summarized files it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainFiles {
    pub name: String,
    pub files: usize,
}

/// `path` without leading `./`, if it is a clean relative path.
fn clean(path: &str) -> Option<&str> {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    let ok = !p.is_empty() && p.split('/').all(|c| !c.is_empty() && c != "." && c != "..");
    ok.then_some(p)
}

/// The directory-convention domain of clean `path`; a prefix of it, or `.`.
fn directory_domain<'a>(path: &'a str, depth: usize, modules: &[String]) -> &'a str {
    // Byte length of the module directory plus its `/` (0 for the root).
    let module_len = modules
        .iter()
        .find(|m| {
            path.len() > m.len() && path.starts_with(m.as_str()) && path.as_bytes()[m.len()] == b'/'
        })
        .map_or(0, |m| m.len() + 1);
    let rel = &path[module_len..];
    let Some(dir_end) = rel.rfind('/') else {
        // A file at its module's root.
        return if module_len == 0 {
            "."
        } else {
            &path[..module_len - 1]
        };
    };
    let dir = &rel[..dir_end];
    let end = dir
        .match_indices('/')
        .nth(depth - 1)
        .map_or(dir.len(), |(i, _)| i);
    &path[..module_len + end]
}

// ---------------------------------------------------------------------------
// CODEOWNERS

#[derive(Debug, Clone)]
struct OwnerRule {
    pattern: OwnerPattern,
    /// Index into the map's names; `None`: the line has no owners.
    owners: Option<usize>,
}

static OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:@[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*",
        r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})$"
    ))
    .expect("owner regex compiles")
});

type Parsed = (Vec<OwnerRule>, Vec<String>, Vec<DomainWarning>);

fn parse_codeowners(text: &str, file: &str) -> Parsed {
    let mut warnings = Vec::new();
    let mut pending: Vec<(OwnerPattern, Option<String>)> = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut warn = |message: String| {
            warnings.push(DomainWarning {
                file: file.to_string(),
                line: line_no,
                message: format!("{message}; line skipped"),
            })
        };
        let tokens = tokenize(line);
        let Some((pattern, owners)) = tokens.split_first() else {
            continue; // only an inline comment
        };
        if let Some(bad) = owners.iter().find(|o| !OWNER.is_match(o)) {
            warn(format!(
                "`{bad}` is not an owner (@user, @org/team or an e-mail address)"
            ));
            continue;
        }
        let compiled = match OwnerPattern::compile(pattern) {
            Ok(p) => p,
            Err(reason) => {
                warn(format!("pattern `{pattern}`: {reason}"));
                continue;
            }
        };
        let owners = (!owners.is_empty()).then(|| owners.join(" "));
        pending.push((compiled, owners));
    }
    let names: Vec<String> = pending
        .iter()
        .filter_map(|(_, o)| o.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if names.is_empty() {
        warnings.push(DomainWarning {
            file: file.to_string(),
            line: 0,
            message: "no line assigns owners; every file is unassigned".to_string(),
        });
    }
    let rules = pending
        .into_iter()
        .map(|(pattern, owners)| OwnerRule {
            pattern,
            owners: owners.and_then(|o| names.binary_search(&o).ok()),
        })
        .collect();
    (rules, names, warnings)
}

/// Split a trimmed line into words at unescaped whitespace; an unescaped `#`
/// starting a word begins a comment. Escapes are kept (the pattern matcher
/// reads them).
fn tokenize(line: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push(c);
            if let Some(next) = chars.next() {
                current.push(next);
            }
        } else if c.is_whitespace() {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
        } else if c == '#' && current.is_empty() {
            break;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// A CODEOWNERS pattern as a sequence of steps over path components.
#[derive(Debug, Clone)]
struct OwnerPattern {
    steps: Vec<Step>,
}

#[derive(Debug, Clone)]
enum Step {
    /// Zero or more components.
    AnyDirs,
    /// One or more components.
    SomeDirs,
    /// Exactly one component matching the glob.
    One(Vec<Tok>),
    /// Matches nothing (the pattern `/`).
    Never,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Lit(char),
    Star,
    Any,
}

impl OwnerPattern {
    fn compile(pattern: &str) -> Result<OwnerPattern, String> {
        if pattern.starts_with('!') {
            return Err("negation (`!`) is not supported by CODEOWNERS".to_string());
        }
        if pattern.contains("***") {
            return Err("three consecutive `*`".to_string());
        }
        if has_unescaped(pattern, &['[', ']']) {
            return Err("character ranges (`[...]`) are not supported by CODEOWNERS".to_string());
        }
        if pattern == "/" {
            return Ok(OwnerPattern {
                steps: vec![Step::Never],
            });
        }
        let mut segs: Vec<&str> = pattern.split('/').collect();
        if segs[0].is_empty() {
            segs.remove(0);
        } else if (segs.len() == 1 || (segs.len() == 2 && segs[1].is_empty())) && segs[0] != "**" {
            // A single name matches at any depth.
            segs.insert(0, "**");
        }
        let n = segs.len();
        if n > 1 && segs[n - 1].is_empty() {
            // A trailing `/`: everything inside the directory.
            segs[n - 1] = "**";
        }
        let mut steps = Vec::new();
        for (i, seg) in segs.iter().enumerate() {
            let last = i == n - 1;
            match *seg {
                "**" if last => steps.push(Step::SomeDirs),
                "**" => steps.push(Step::AnyDirs),
                // A final lone `*` matches one level only.
                "*" => steps.push(Step::One(vec![Tok::Star])),
                _ => {
                    steps.push(Step::One(glob_tokens(seg)));
                    if last {
                        // The file itself, or a directory and its contents.
                        steps.push(Step::AnyDirs);
                    }
                }
            }
        }
        Ok(OwnerPattern { steps })
    }

    /// Whether the pattern matches a clean path split into components.
    fn matches(&self, comps: &[Vec<char>]) -> bool {
        let n = comps.len();
        // reach[j]: the steps so far can consume exactly comps[..j].
        let mut reach = vec![false; n + 1];
        reach[0] = true;
        let mut next = vec![false; n + 1];
        for step in &self.steps {
            next.iter_mut().for_each(|x| *x = false);
            match step {
                Step::AnyDirs | Step::SomeDirs => {
                    let min = usize::from(matches!(step, Step::SomeDirs));
                    if let Some(first) = reach.iter().position(|&r| r) {
                        for x in next.iter_mut().skip(first + min) {
                            *x = true;
                        }
                    }
                }
                Step::One(toks) => {
                    for j in 0..n {
                        if reach[j] && glob_match(toks, &comps[j]) {
                            next[j + 1] = true;
                        }
                    }
                }
                Step::Never => {}
            }
            std::mem::swap(&mut reach, &mut next);
            if !reach.iter().any(|&r| r) {
                return false;
            }
        }
        reach[n]
    }
}

fn has_unescaped(pattern: &str, set: &[char]) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if set.contains(&c) {
            return true;
        }
    }
    false
}

fn glob_tokens(seg: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut chars = seg.chars();
    while let Some(c) = chars.next() {
        toks.push(match c {
            '\\' => Tok::Lit(chars.next().unwrap_or('\\')),
            '*' => Tok::Star,
            '?' => Tok::Any,
            c => Tok::Lit(c),
        });
    }
    toks.dedup_by(|a, b| *a == Tok::Star && *b == Tok::Star);
    toks
}

/// Wildcard match of one component (no `/` inside): `*` any run, `?` one
/// character. Backtracks only to the last `*`, so O(len × tokens).
fn glob_match(toks: &[Tok], s: &[char]) -> bool {
    let (mut t, mut i) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while i < s.len() {
        match toks.get(t) {
            Some(Tok::Star) => {
                star = Some((t, i));
                t += 1;
            }
            Some(Tok::Any) => {
                t += 1;
                i += 1;
            }
            Some(Tok::Lit(c)) if *c == s[i] => {
                t += 1;
                i += 1;
            }
            _ => match star {
                Some((st, si)) => {
                    t = st + 1;
                    i = si + 1;
                    star = Some((st, si + 1));
                }
                None => return false,
            },
        }
    }
    toks[t..].iter().all(|tok| *tok == Tok::Star)
}
