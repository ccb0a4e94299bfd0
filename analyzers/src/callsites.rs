//! Call sites: every call of (and reference to) chosen functions and
//! methods, resolved as go/types would, from source alone.
//!
//! Targets use go/types' `Func.FullName()` spelling: `fmt.Sprintf`,
//! `(*net/http.Client).Do`, `(reflect.Value).Kind`, `(io.Writer).Write`.
//! A method target matches calls through pointers or values and through
//! embedding promotion (where the method is declared is what counts, as in
//! go/types). A call whose name matches a target but whose receiver or
//! package cannot be determined is reported `unresolved` with the reason;
//! nothing is guessed into a match and nothing is dropped.

use std::collections::BTreeSet;

use goseam_engine::resolve::check::Callee;

use crate::callgraph::names::strip_vendor;
use goseam_engine::resolve::query::{resolve_names, Prepared};
use goseam_engine::resolve::walk::SiteKind;
use serde::Serialize;

/// A function or method to find.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Func {
        pkg: String,
        name: String,
    },
    Method {
        pkg: String,
        type_name: String,
        pointer: bool,
        name: String,
    },
}

impl Target {
    /// The called name (`Sprintf`, `Do`): what the text prefilter looks for.
    pub fn name(&self) -> &str {
        match self {
            Target::Func { name, .. } | Target::Method { name, .. } => name,
        }
    }

    /// go/types spelling.
    pub fn full_name(&self) -> String {
        match self {
            Target::Func { pkg, name } => format!("{pkg}.{name}"),
            Target::Method {
                pkg,
                type_name,
                name,
                ..
            } if pkg.is_empty() => format!("({type_name}).{name}"),
            Target::Method {
                pkg,
                type_name,
                pointer,
                name,
            } => format!(
                "({}{pkg}.{type_name}).{name}",
                if *pointer { "*" } else { "" }
            ),
        }
    }

    /// Parse the full spelling. Short forms (`sqlx.Connect`, `DB.Begin`)
    /// parse too; [`resolve_short`] maps them to declarations.
    pub fn parse(s: &str) -> Result<Target, String> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix('(') {
            let close = rest.find(')').ok_or_else(|| format!("{s}: missing ')'"))?;
            let recv = &rest[..close];
            let name = rest[close + 1..]
                .strip_prefix('.')
                .ok_or_else(|| format!("{s}: expected ').Method'"))?;
            let (pointer, recv) = match recv.strip_prefix('*') {
                Some(r) => (true, r),
                None => (false, recv),
            };
            // Drop type parameters: `Pointer[T]`.
            let recv = recv.split('[').next().unwrap_or(recv);
            // `(error).Error`: the predeclared interface has no package.
            let (pkg, type_name) = match split_last_dot(recv) {
                Some(pt) => pt,
                None if recv == "error" => ("", "error"),
                None => return Err(format!("{s}: expected (pkg.Type).Method")),
            };
            check_ident(name, s)?;
            check_ident(type_name, s)?;
            return Ok(Target::Method {
                pkg: pkg.to_string(),
                type_name: type_name.to_string(),
                pointer,
                name: name.to_string(),
            });
        }
        let (pkg, name) = split_last_dot(s)
            .ok_or_else(|| format!("{s}: expected pkg.Func or (pkg.Type).Method"))?;
        check_ident(name, s)?;
        Ok(Target::Func {
            pkg: pkg.to_string(),
            name: name.to_string(),
        })
    }

    fn matches(&self, callee: &Callee) -> bool {
        let same_pkg = |want: &str, got: &str| want == got || strip_vendor(got) == want;
        match (self, callee) {
            (
                Target::Func { pkg, name },
                Callee::Func {
                    pkg: p, name: n, ..
                },
            ) => name == n && same_pkg(pkg, p),
            (
                Target::Method {
                    pkg,
                    type_name,
                    name,
                    ..
                },
                Callee::Method {
                    pkg: p,
                    type_name: t,
                    name: n,
                    ..
                }
                | Callee::Interface {
                    pkg: p,
                    type_name: t,
                    name: n,
                }
                | Callee::Opaque {
                    pkg: p,
                    type_name: t,
                    name: n,
                },
            ) => name == n && type_name == t.split('[').next().unwrap_or(t) && same_pkg(pkg, p),
            _ => false,
        }
    }
}

fn split_last_dot(s: &str) -> Option<(&str, &str)> {
    let slash = s.rfind('/').map_or(0, |i| i + 1);
    let dot = s[slash..].rfind('.')? + slash;
    let (pkg, name) = (&s[..dot], &s[dot + 1..]);
    (!pkg.is_empty() && !name.is_empty()).then_some((pkg, name))
}

fn check_ident(name: &str, whole: &str) -> Result<(), String> {
    let ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!("{whole}: {name:?} is not an identifier"))
    }
}

/// Resolve targets written in a short form to full targets:
/// `sqlx.Connect` (a package's last path element), `sqlx.DB.MustBegin` or
/// `(*sqlx.DB).MustBegin` (a type in such a package) and `DB.MustBegin` (a
/// type in any package the tree declares or imports). Candidates come from
/// the tree's packages and the imports of the files that mention the name;
/// more than one is an error that lists them.
pub fn resolve_short(prepared: &Prepared, targets: Vec<Target>) -> Result<Vec<Target>, String> {
    let u = &prepared.universe;
    let mut known: BTreeSet<String> = BTreeSet::new();
    for dir in u.tree.dirs.keys() {
        known.insert(u.tree.modules.locate(dir).import_path);
    }
    let is_full = |pkg: &str| {
        pkg.is_empty() || pkg.contains('/') || known.contains(pkg) || is_std_like(pkg, prepared)
    };
    let mut out = Vec::new();
    for t in targets {
        match &t {
            Target::Func { pkg, .. } | Target::Method { pkg, .. } if is_full(pkg) => {
                out.push(t);
                continue;
            }
            _ => {}
        }
        let (imports, mentions) = imports_of_files_mentioning(prepared, t.name());
        let packages: BTreeSet<&String> = known.iter().chain(imports.iter()).collect();
        let short = |p: &str, q: &str| {
            goseam_engine::resolve::universe::conventional_package_name(p) == q
                || p.rsplit('/').next() == Some(q)
        };
        let mut candidates: BTreeSet<Target> = BTreeSet::new();
        let (qualifier, type_name): (Option<String>, Option<String>) = match &t {
            Target::Method { pkg, type_name, .. } => (Some(pkg.clone()), Some(type_name.clone())),
            Target::Func { pkg, .. } => match pkg.split_once('.') {
                Some((q, ty)) => (Some(q.to_string()), Some(ty.to_string())),
                None => {
                    // `q.Name`: a package function, or (capitalized) a type's method.
                    for p in packages.iter().filter(|p| short(p, pkg)) {
                        candidates.insert(Target::Func {
                            pkg: (*p).clone(),
                            name: t.name().to_string(),
                        });
                    }
                    (None, Some(pkg.clone()))
                }
            },
        };
        if let Some(ty) = type_name {
            for p in packages
                .iter()
                .filter(|p| qualifier.as_deref().is_none_or(|q| short(p, q)))
            {
                if let Some(declared) = has_method(prepared, p, &ty, t.name(), &mentions) {
                    candidates.insert(Target::Method {
                        pkg: (*p).clone(),
                        type_name: ty.clone(),
                        pointer: declared
                            .unwrap_or(matches!(t, Target::Method { pointer: true, .. })),
                        name: t.name().to_string(),
                    });
                }
            }
        }
        match candidates.len() {
            0 => {
                return Err(format!(
                    "{}: no matching declaration in the tree or in the packages imported by files that mention {}",
                    t.full_name(),
                    t.name()
                ))
            }
            1 => out.push(candidates.into_iter().next().expect("one")),
            _ => {
                return Err(format!(
                    "{} is ambiguous; candidates: {}",
                    t.full_name(),
                    candidates.iter().map(|c| c.full_name()).collect::<Vec<_>>().join(", ")
                ))
            }
        }
    }
    Ok(out)
}

/// Whether package `path` declares method `name` on type `ty`: `None` if
/// not, else whether its receiver is a pointer, when the declaration is
/// known (`Some(None)` otherwise), so a short target resolves to go/types'
/// spelling (`(*pkg.T).M`). A package whose source is not available cannot
/// say; it counts when a file that mentions the method also spells `.Type`
/// (as in `*sqlx.DB`).
fn has_method(
    prepared: &Prepared,
    path: &str,
    ty: &str,
    name: &str,
    mentions: &str,
) -> Option<Option<bool>> {
    let u = &prepared.universe;
    let pkg = u
        .tree
        .dirs
        .keys()
        .find(|d| u.tree.modules.locate(d).import_path == path)
        .and_then(|d| u.tree_package(d))
        .or_else(|| {
            let main = u.tree.dirs.keys().next().and_then(|d| u.tree_package(d))?;
            u.import(&main, path)
        });
    match pkg {
        Some(p) => {
            if !p.methods_of(ty).any(|m| m == name) {
                return None;
            }
            Some(
                p.method(ty, name)
                    .and_then(|(_, f)| f.receiver.as_ref().map(|r| r.pointer)),
            )
        }
        None => {
            let q = goseam_engine::resolve::universe::conventional_package_name(path);
            mentions.contains(&format!("{q}.{ty}")).then_some(None)
        }
    }
}

fn is_std_like(pkg: &str, prepared: &Prepared) -> bool {
    let first = pkg.split('/').next().unwrap_or(pkg);
    !first.contains('.')
        && prepared
            .universe
            .toolchain
            .goroot_src
            .as_ref()
            .is_some_and(|src| src.join(pkg).is_dir())
}

/// Import paths of the files that mention `name`, and those files' text
/// (concatenated) for spotting qualified type names.
fn imports_of_files_mentioning(prepared: &Prepared, name: &str) -> (BTreeSet<String>, String) {
    let mut imports = BTreeSet::new();
    let mut text = String::new();
    let finder = memchr::memmem::Finder::new(name.as_bytes());
    for f in prepared.universe.tree.dirs.values().flatten() {
        let Ok(src) = goseam_engine::source::read_source(&f.abs, prepared.max_file_size) else {
            continue;
        };
        if finder.find(&src).is_none() {
            continue;
        }
        for (_, path) in goseam_engine::declscan::scan_decls(&src).imports {
            imports.insert(path);
        }
        text.push_str(&String::from_utf8_lossy(&src));
    }
    (imports, text)
}

/// Whether a site is a call or a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallKind {
    Call,
    Reference,
}

/// Resolved, or not determinable (with the reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Resolved,
    Unresolved,
}

/// One call site of a target.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CallSite {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub target: String,
    pub kind: CallKind,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub package: String,
    pub function: String,
    pub test: bool,
    pub generated: bool,
}

/// Filters on what is reported.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallSiteOptions {
    pub include_tests: bool,
    pub include_unresolved: bool,
    pub include_vendor: bool,
}

/// All call sites of `targets`, sorted by file, line, column, target.
pub struct CallSiteReport {
    pub sites: Vec<CallSite>,
    pub files_total: usize,
    pub files_candidate: usize,
    pub skipped: Vec<goseam_engine::discover::SkippedPath>,
}

pub fn find_call_sites(
    prepared: &Prepared,
    targets: &[Target],
    opts: CallSiteOptions,
) -> CallSiteReport {
    let mut names: Vec<String> = targets.iter().map(|t| t.name().to_string()).collect();
    names.sort();
    names.dedup();
    let report = resolve_names(prepared, &names);
    let mut sites = Vec::new();
    for f in &report.files {
        if (f.test && !opts.include_tests) || (f.vendored && !opts.include_vendor) {
            continue;
        }
        for s in &f.sites {
            let kind = match s.kind {
                SiteKind::Call => CallKind::Call,
                SiteKind::Reference => CallKind::Reference,
            };
            let mut push = |target: String, status: Status, reason: Option<String>| {
                sites.push(CallSite {
                    file: f.path.clone(),
                    line: s.position.line,
                    column: s.position.column,
                    target,
                    kind,
                    status,
                    reason,
                    package: f.package.clone(),
                    function: s.function.clone(),
                    test: f.test,
                    generated: f.generated,
                });
            };
            match &s.callee {
                Callee::Unresolved { reason } => {
                    if opts.include_unresolved {
                        // An unnamed unresolved site stands for code that was not
                        // analyzed at all: it may hold any target.
                        for t in targets
                            .iter()
                            .filter(|t| t.name() == s.name || s.name.is_empty())
                        {
                            push(t.full_name(), Status::Unresolved, Some(reason.clone()));
                        }
                    }
                }
                callee => {
                    if let Some(t) = targets.iter().find(|t| t.matches(callee)) {
                        let name = callee.full_name().unwrap_or_else(|| t.full_name());
                        push(name, Status::Resolved, None);
                    } else if let Callee::Opaque {
                        pkg,
                        type_name,
                        name,
                    } = callee
                    {
                        // A method of a type we cannot read may be promoted
                        // from anything it embeds: it may be any target of
                        // that name.
                        if opts.include_unresolved {
                            for t in targets
                                .iter()
                                .filter(|t| t.name() == name && matches!(t, Target::Method { .. }))
                            {
                                push(
                                    t.full_name(),
                                    Status::Unresolved,
                                    Some(format!(
                                        "source of {pkg}.{type_name} not available: {name} may be promoted from a type it embeds"
                                    )),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    sites.sort();
    sites.dedup();
    CallSiteReport {
        sites,
        files_total: report.files_total,
        files_candidate: report.files_candidate,
        skipped: report.skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_go_types_spellings() {
        assert_eq!(
            Target::parse("fmt.Sprintf").unwrap(),
            Target::Func {
                pkg: "fmt".into(),
                name: "Sprintf".into()
            }
        );
        assert_eq!(
            Target::parse("(*net/http.Client).Do").unwrap(),
            Target::Method {
                pkg: "net/http".into(),
                type_name: "Client".into(),
                pointer: true,
                name: "Do".into()
            }
        );
        assert_eq!(
            Target::parse("(*sync/atomic.Pointer[T]).Load")
                .unwrap()
                .full_name(),
            "(*sync/atomic.Pointer).Load"
        );
        assert_eq!(
            Target::parse("gopkg.in/yaml.v2.Marshal").unwrap(),
            Target::Func {
                pkg: "gopkg.in/yaml.v2".into(),
                name: "Marshal".into()
            }
        );
        assert!(Target::parse("nodot").is_err());
        assert!(Target::parse("(*x.T.M").is_err());
        assert!(Target::parse("fmt.9x").is_err());
    }
}
