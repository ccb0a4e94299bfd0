//! The state of a tree, as one digest: what a cached result is valid for.
//!
//! A result computed over a tree (a call-site query, the tables report)
//! depends on every Go file and go.mod the scan reads, on other files some
//! analyzers read (migrations, CODEOWNERS, `goseam.toml`), on the options,
//! and on sources outside the tree that resolution reaches. The state covers
//! them as follows:
//!
//! - every file discovery yields (Go sources, go.mod, go.work): its path and
//!   the blake3 digest of its bytes, or why it could not be read;
//! - every other entry under the root, ignored or not, except `.git` and the
//!   cache directory: its path, kind, size and modification time (content
//!   digests of every asset in a monorepo would cost more than the results
//!   they guard; a write that keeps size and time to the nanosecond is not
//!   seen);
//! - the scan options, and the caller's extra inputs (a `--config` file
//!   outside the root, a request's own files);
//! - the toolchain: where `$GOROOT/src` is and its `VERSION`, where the
//!   module cache is, and for every required module version whether its
//!   directory is in the cache (module cache contents never change once
//!   there).
//!
//! What it cannot vouch for makes the state uncacheable, with the reason: a
//! go.mod above the root (packages beside the root may be read) or a
//! `replace` by a directory outside the root.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

use ignore::WalkBuilder;
use rayon::prelude::*;

use super::{digest, Digest};
use crate::discover::DiscoveredKind;
use crate::paths::relative_slash_path;
use crate::resolve::universe::Toolchain;
use crate::scan::{discover_tree, load_modules, ScanError, ScanOptions};
use crate::source::{describe_io_error, read_source};

/// The state of a tree: a digest of everything a result over it may
/// depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeState {
    pub digest: Digest,
    /// Why results over this tree must not be cached, when they must not.
    pub uncacheable: Option<String>,
    /// Files read for their content, and entries taken by metadata.
    pub files_read: usize,
    pub entries_stat: usize,
}

/// Feeds length-prefixed fields to blake3, so that no two different
/// sequences of fields hash the same stream.
struct Fields(blake3::Hasher);

impl Fields {
    fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }
    fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }
    fn u64(&mut self, v: u64) -> &mut Self {
        self.0.update(&v.to_le_bytes());
        self
    }
}

/// The state of the tree `opts` describe. `extra` are the request's own
/// inputs (name and bytes). `cache_dir` is left out of the walk.
pub fn tree_state(
    opts: &ScanOptions,
    toolchain: &Toolchain,
    cache_dir: Option<&Path>,
    extra: &[(String, Vec<u8>)],
) -> Result<TreeState, ScanError> {
    let (root, pool, discovery) = discover_tree(opts)?;

    let mut h = Fields(blake3::Hasher::new());
    h.str("goseam tree state 1")
        .u64(opts.include_testdata as u64)
        .u64(opts.follow_symlinks as u64)
        .u64(opts.max_file_size);
    for g in &opts.exclude {
        h.str(g);
    }

    // Discovered files, by content (in parallel: this is most of the cost).
    let limit = opts.max_file_size;
    let contents: Vec<Result<Digest, String>> = pool.install(|| {
        discovery
            .files
            .par_iter()
            .map(|f| {
                read_source(&f.abs, limit)
                    .map(|src| digest(&src))
                    .map_err(|r| r.to_string())
            })
            .collect()
    });
    h.str("discovered").u64(discovery.files.len() as u64);
    for (f, content) in discovery.files.iter().zip(&contents) {
        h.str(&f.path);
        match content {
            Ok(d) => h.bytes(d),
            Err(why) => h.str(why),
        };
    }
    h.str("skipped").u64(discovery.skipped.len() as u64);
    for s in &discovery.skipped {
        h.str(&s.path).str(&s.reason.to_string());
    }

    // Everything else, by metadata.
    let discovered: HashSet<&str> = discovery.files.iter().map(|f| f.path.as_str()).collect();
    let skip_dir = cache_dir.and_then(|d| std::fs::canonicalize(d).ok());
    let mut other = stat_walk(&root, opts.follow_symlinks, skip_dir.as_deref());
    other.retain(|(path, _)| !discovered.contains(path.as_str()));
    h.str("other").u64(other.len() as u64);
    for (path, meta) in &other {
        h.str(path).str(meta);
    }

    // The modules and what resolution reads outside the tree.
    let module_files: Vec<_> = discovery
        .files
        .iter()
        .filter(|f| f.kind != DiscoveredKind::GoSource)
        .cloned()
        .collect();
    let modules = load_modules(&root, &module_files, limit);
    let mut uncacheable = None;
    for m in &modules.modules {
        if m.dir.starts_with("..") {
            uncacheable.get_or_insert_with(|| format!("the go.mod at {} is above the root", m.dir));
            // Its go.mod is read all the same: digest it.
            let gomod = root.join(&m.dir).join("go.mod");
            h.str(&m.dir);
            match std::fs::read(&gomod) {
                Ok(b) => h.bytes(&digest(&b)),
                Err(e) => h.str(&describe_io_error(&e)),
            };
        }
        for r in &m.replaces {
            if r.new.starts_with('.') || r.new.starts_with('/') {
                let dir = normalize(&root.join(&m.dir).join(&r.new));
                if !dir.starts_with(&root) {
                    uncacheable.get_or_insert_with(|| {
                        format!(
                            "{} replaces {} by {}, outside the root",
                            slash_go_mod(&m.dir),
                            r.old,
                            r.new
                        )
                    });
                }
            }
        }
    }
    h.str("toolchain");
    match &toolchain.goroot_src {
        Some(src) => {
            h.str(&src.to_string_lossy());
            let version = src.parent().map(|g| g.join("VERSION"));
            match version.map(std::fs::read) {
                Some(Ok(v)) => h.bytes(&v),
                _ => h.str("no VERSION"),
            };
        }
        None => {
            h.str("no GOROOT");
        }
    }
    match &toolchain.modcache {
        Some(cache) => {
            h.str(&cache.to_string_lossy());
            for m in &modules.modules {
                for r in &m.requires {
                    let dir = cache.join(format!(
                        "{}@{}",
                        crate::resolve::universe::escape_module_path(&r.path),
                        r.version
                    ));
                    h.str(&r.path).str(&r.version).u64(dir.is_dir() as u64);
                }
            }
        }
        None => {
            h.str("no module cache");
        }
    }
    h.str("extra").u64(extra.len() as u64);
    for (name, bytes) in extra {
        h.str(name).bytes(&digest(bytes));
    }

    Ok(TreeState {
        digest: *h.0.finalize().as_bytes(),
        uncacheable,
        files_read: discovery.files.len(),
        entries_stat: other.len(),
    })
}

/// Every entry under `root` but `.git` directories and `skip`, sorted by
/// path, each with a description of its metadata. Ignore files are not
/// honoured: analyzers read some files discovery leaves out.
fn stat_walk(root: &Path, follow: bool, skip: Option<&Path>) -> Vec<(String, String)> {
    let skip = skip.map(Path::to_path_buf);
    let default_cache = root.join(super::DEFAULT_DIR_NAME);
    let mut builder = WalkBuilder::new(root);
    builder
        .standard_filters(false)
        .follow_links(follow)
        .filter_entry(move |e| {
            let p = e.path();
            !(e.file_type().is_some_and(|t| t.is_dir())
                && (e.file_name() == ".git"
                    || p == default_cache
                    || skip.as_deref().is_some_and(|s| p == s)))
        });
    let mut out = Vec::new();
    for entry in builder.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                out.push((String::new(), format!("walk error: {err}")));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = relative_slash_path(root, entry.path());
        let meta = match entry.path().symlink_metadata() {
            Ok(m) => m,
            Err(e) => {
                out.push((path, format!("unreadable: {}", describe_io_error(&e))));
                continue;
            }
        };
        let kind = if meta.file_type().is_symlink() {
            let target = std::fs::read_link(entry.path())
                .map(|t| t.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("link {target}")
        } else if meta.is_dir() {
            "dir".to_string()
        } else {
            "file".to_string()
        };
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        out.push((path, format!("{kind} {} {mtime}", meta.len())));
    }
    out.sort();
    out
}

/// `path` with `.` and `..` components resolved lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn slash_go_mod(dir: &str) -> String {
    if dir == "." {
        "go.mod".to_string()
    } else {
        format!("{dir}/go.mod")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn state(root: &Path) -> TreeState {
        let mut opts = ScanOptions::new(root);
        opts.threads = 2;
        tree_state(&opts, &Toolchain::default(), None, &[]).unwrap()
    }

    #[test]
    fn the_state_moves_with_every_input_and_only_then() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("go.mod"), "module m\n").unwrap();
        fs::write(root.join("a.go"), "package m\n").unwrap();
        fs::create_dir(root.join("migrations")).unwrap();
        fs::write(root.join("migrations/1.sql"), "create table t (a int);").unwrap();
        let s0 = state(root);
        assert_eq!(s0, state(root), "same tree, same state");
        assert_eq!(s0.uncacheable, None);

        // A Go file's content (same size) changes the state.
        fs::write(root.join("a.go"), "package n\n").unwrap();
        let s1 = state(root);
        assert_ne!(s0.digest, s1.digest);

        // A non-Go file an analyzer reads changes it (size differs).
        fs::write(
            root.join("migrations/1.sql"),
            "create table t (a int, b int);",
        )
        .unwrap();
        let s2 = state(root);
        assert_ne!(s1.digest, s2.digest);

        // A new file anywhere, and the cache directory does not.
        fs::create_dir(root.join(".goseam")).unwrap();
        fs::write(root.join(".goseam/facts.bin"), "x").unwrap();
        assert_eq!(s2.digest, state(root).digest);
        fs::write(root.join("README"), "hi").unwrap();
        assert_ne!(s2.digest, state(root).digest);
    }

    #[test]
    fn replacements_outside_the_root_are_uncacheable() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        fs::create_dir_all(root.join("inner")).unwrap();
        fs::write(
            root.join("go.mod"),
            "module m\nrequire x.org/a v1.0.0\nreplace x.org/a => ./inner\n",
        )
        .unwrap();
        assert_eq!(state(&root).uncacheable, None);
        fs::write(
            root.join("go.mod"),
            "module m\nrequire x.org/a v1.0.0\nreplace x.org/a => ../elsewhere\n",
        )
        .unwrap();
        let why = state(&root).uncacheable.unwrap();
        assert!(why.contains("outside the root"), "{why}");
    }
}
