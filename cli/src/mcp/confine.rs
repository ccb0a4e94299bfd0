//! Confinement: the server answers only about the roots it was started
//! with. Every path an agent passes (a root, a file filter, a baseline) is
//! resolved here, against those roots, after following symbolic links, so
//! `..`, absolute paths elsewhere and links that lead out are refused before
//! anything is read.

use std::path::{Component, Path, PathBuf};

/// A configured root: the name agents select it by and its canonical path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub name: String,
    pub path: PathBuf,
}

/// The roots the server was started with, in command-line order.
#[derive(Debug, Clone)]
pub struct Roots {
    roots: Vec<Root>,
}

impl Roots {
    /// Canonicalize the roots and name each by its last path component; a
    /// name two roots share is suffixed with its position (`app#2`) so that
    /// every name selects exactly one root.
    pub fn new(dirs: &[PathBuf]) -> Result<Roots, String> {
        if dirs.is_empty() {
            return Err("goseam mcp needs at least one --root DIR".to_string());
        }
        let mut roots: Vec<Root> = Vec::new();
        for (i, dir) in dirs.iter().enumerate() {
            let path = dir
                .canonicalize()
                .map_err(|e| format!("root {}: {e}", dir.display()))?;
            if !path.is_dir() {
                return Err(format!("root {} is not a directory", dir.display()));
            }
            let base = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "root".to_string());
            let name = if roots.iter().any(|r| r.name == base) {
                format!("{base}#{}", i + 1)
            } else {
                base
            };
            roots.push(Root { name, path });
        }
        Ok(Roots { roots })
    }

    pub fn all(&self) -> &[Root] {
        &self.roots
    }

    fn names(&self) -> String {
        self.roots
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The root an agent's `root` argument selects: the first without one,
    /// else the root of that name, else the root at that absolute path.
    /// Anything else (a relative path, `..`, a directory inside or outside a
    /// root) is refused: a tool never runs over a tree it was not given.
    pub fn select(&self, arg: Option<&str>) -> Result<&Root, String> {
        let Some(arg) = arg else {
            return Ok(&self.roots[0]);
        };
        if let Some(r) = self.roots.iter().find(|r| r.name == arg) {
            return Ok(r);
        }
        let path = Path::new(arg);
        if path.is_absolute() {
            if let Ok(canonical) = path.canonicalize() {
                if let Some(r) = self.roots.iter().find(|r| r.path == canonical) {
                    return Ok(r);
                }
            }
            return Err(format!(
                "root {arg:?} is not one of the configured roots ({}); this server only reads those",
                self.names()
            ));
        }
        Err(format!(
            "unknown root {arg:?}: pass a configured root's name or its absolute path ({})",
            self.names()
        ))
    }
}

impl Root {
    /// Resolve a path an agent passed (relative to the root, or absolute)
    /// to a path inside the root, refusing one that leaves it: by `..`, by
    /// being elsewhere, or through a symbolic link. The path must exist,
    /// since only an existing path can be checked after following links.
    pub fn resolve(&self, arg: &str) -> Result<PathBuf, String> {
        if arg.is_empty() {
            return Err("empty path".to_string());
        }
        let given = Path::new(arg);
        if given
            .components()
            .any(|c| matches!(c, Component::ParentDir))
        {
            return Err(format!(
                "path {arg:?} contains `..`: paths are resolved inside the root {} and may not climb out of it",
                self.name
            ));
        }
        let joined = if given.is_absolute() {
            given.to_path_buf()
        } else {
            self.path.join(given)
        };
        if given.is_absolute() && !joined.starts_with(&self.path) {
            return Err(format!(
                "path {arg:?} is outside the root {} ({}); this server only reads inside its roots",
                self.name,
                self.path.display()
            ));
        }
        let canonical = joined
            .canonicalize()
            .map_err(|e| format!("path {arg:?} in root {}: {e}", self.name))?;
        if !canonical.starts_with(&self.path) {
            return Err(format!(
                "path {arg:?} leads outside the root {} (to {}) through a symbolic link; refused",
                self.name,
                canonical.display()
            ));
        }
        Ok(canonical)
    }

    /// A path an agent passed as a filter, resolved and confined, in the
    /// form results use: relative to the root, `/`-separated, empty for
    /// the root itself.
    pub fn relative(&self, arg: &str) -> Result<String, String> {
        let canonical = self.resolve(arg)?;
        let rel = canonical
            .strip_prefix(&self.path)
            .map_err(|_| format!("path {arg:?} is outside the root {}", self.name))?;
        Ok(rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"))
    }
}

/// Whether a root-relative file lies under a filter from
/// [`Root::relative`] (the file itself, or a directory above it).
pub fn under(file: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || file == prefix
        || (file.starts_with(prefix) && file.as_bytes().get(prefix.len()) == Some(&b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Roots) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("app");
        std::fs::create_dir_all(root.join("internal/db")).unwrap();
        std::fs::write(root.join("internal/db/db.go"), "package db\n").unwrap();
        std::fs::create_dir_all(dir.path().join("secret")).unwrap();
        std::fs::write(dir.path().join("secret/key"), "k").unwrap();
        let roots = Roots::new(&[root]).unwrap();
        (dir, roots)
    }

    #[test]
    fn relative_paths_inside_resolve() {
        let (_d, roots) = setup();
        let r = roots.select(None).unwrap();
        assert_eq!(r.relative("internal/db").unwrap(), "internal/db");
        assert_eq!(
            r.relative("internal/db/db.go").unwrap(),
            "internal/db/db.go"
        );
        assert_eq!(r.relative(".").unwrap(), "");
        let abs = r.path.join("internal").display().to_string();
        assert_eq!(r.relative(&abs).unwrap(), "internal");
    }

    #[test]
    fn parent_components_are_refused() {
        let (_d, roots) = setup();
        let r = roots.select(None).unwrap();
        for p in ["../secret/key", "../../etc", "internal/../../secret", ".."] {
            let err = r.relative(p).unwrap_err();
            assert!(err.contains("`..`"), "{p}: {err}");
        }
    }

    #[test]
    fn absolute_paths_elsewhere_are_refused() {
        let (d, roots) = setup();
        let r = roots.select(None).unwrap();
        let err = r.relative("/etc").unwrap_err();
        assert!(err.contains("outside the root"), "{err}");
        let secret = d.path().join("secret/key").display().to_string();
        assert!(r
            .relative(&secret)
            .unwrap_err()
            .contains("outside the root"));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_leading_out_are_refused() {
        let (d, roots) = setup();
        let r = roots.select(None).unwrap();
        std::os::unix::fs::symlink(d.path().join("secret"), r.path.join("escape")).unwrap();
        std::os::unix::fs::symlink(r.path.join("internal"), r.path.join("inner")).unwrap();
        let err = r.relative("escape/key").unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(r.relative("escape").unwrap_err().contains("symbolic link"));
        // A link that stays inside resolves to where it leads.
        assert_eq!(r.relative("inner/db").unwrap(), "internal/db");
    }

    #[test]
    fn missing_paths_are_errors() {
        let (_d, roots) = setup();
        let r = roots.select(None).unwrap();
        assert!(r.relative("nope/x.go").is_err());
        assert!(r.relative("").is_err());
    }

    #[test]
    fn roots_are_selected_by_name_or_exact_path_only() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["a/app", "b/app", "c/other"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        let roots = Roots::new(&[
            dir.path().join("a/app"),
            dir.path().join("b/app"),
            dir.path().join("c/other"),
        ])
        .unwrap();
        let names: Vec<&str> = roots.all().iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["app", "app#2", "other"]);
        assert_eq!(roots.select(None).unwrap().name, "app");
        assert_eq!(roots.select(Some("other")).unwrap().name, "other");
        assert_eq!(roots.select(Some("app#2")).unwrap().name, "app#2");
        let b = dir.path().join("b/app").display().to_string();
        assert_eq!(roots.select(Some(&b)).unwrap().name, "app#2");
        assert!(roots.select(Some("../../etc")).is_err());
        assert!(roots.select(Some("/etc")).is_err());
        let inside = dir.path().join("a").display().to_string();
        assert!(roots.select(Some(&inside)).is_err());
    }

    #[test]
    fn under_matches_whole_components() {
        assert!(under("internal/db/db.go", "internal/db"));
        assert!(under("internal/db/db.go", "internal/db/db.go"));
        assert!(under("internal/db/db.go", ""));
        assert!(!under("internal/dbx/a.go", "internal/db"));
    }
}
