//! Paths as goseam reports them: relative to the scanned root, `/`-separated.

use std::path::{Component, Path};

/// `path` relative to `root`, joined with `/`. A path outside `root` (a
/// followed symlink's target, say) is reported as given, so nothing is lost;
/// the root itself is `.`.
pub fn relative_slash_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// The directory part of a relative slash path (`a/b/c.go` → `a/b`, `c.go` → `.`).
pub fn slash_dir(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[..i],
        None => ".",
    }
}

/// Join two relative slash paths, where `.` is the root.
pub fn slash_join(dir: &str, rest: &str) -> String {
    match (dir, rest) {
        (".", r) => r.to_string(),
        (d, ".") => d.to_string(),
        (d, r) => format!("{d}/{r}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_use_slashes() {
        let root = Path::new("/r");
        assert_eq!(relative_slash_path(root, Path::new("/r/a/b.go")), "a/b.go");
        assert_eq!(relative_slash_path(root, Path::new("/r")), ".");
        assert_eq!(slash_dir("a/b/c.go"), "a/b");
        assert_eq!(slash_dir("c.go"), ".");
        assert_eq!(slash_join(".", "x"), "x");
        assert_eq!(slash_join("a", "x/y"), "a/x/y");
    }
}
