//! Finding the files of a Go tree, as the go tool would see them.
//!
//! Uses the `ignore` crate's parallel walker, so .gitignore and .ignore files
//! are honoured. Like the go tool, it skips `testdata` directories (unless
//! asked) and every directory or file whose name starts with `_` or `.`
//! (which includes `.git`). Symbolic links are not followed unless asked; when
//! they are, a loop is reported, never walked forever. Each walker thread
//! collects into its own buffer, merged once when the thread finishes.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use crate::paths::relative_slash_path;
use crate::source::{describe_io_error, SkipReason};

/// What a file found by the walk is, to the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DiscoveredKind {
    GoSource,
    GoMod,
    GoWork,
}

/// A file found by discovery. `path` is relative to the root, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DiscoveredFile {
    pub path: String,
    pub kind: DiscoveredKind,
    pub abs: PathBuf,
}

/// A path that looked relevant but could not be taken.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct SkippedPath {
    pub path: String,
    #[serde(flatten)]
    pub reason: SkipReason,
}

/// The result of walking a tree: sorted by path, whatever the thread count.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<DiscoveredFile>,
    pub skipped: Vec<SkippedPath>,
}

/// Options that change which files discovery yields.
#[derive(Debug, Clone, Default)]
pub struct DiscoveryOptions {
    pub include_testdata: bool,
    pub follow_symlinks: bool,
    pub threads: usize,
    /// gitignore-style globs, relative to the root, of files and
    /// directories to leave out (`third_party/**`, `*.pb.go`).
    pub exclude: Vec<String>,
}

/// The walker's overrides for `exclude` globs.
pub fn exclude_overrides(
    root: &Path,
    exclude: &[String],
) -> Result<ignore::overrides::Override, String> {
    let mut ob = ignore::overrides::OverrideBuilder::new(root);
    for g in exclude {
        let g = g.trim_start_matches("./");
        ob.add(&format!("!{g}"))
            .map_err(|e| format!("bad exclude glob {g:?}: {e}"))?;
    }
    ob.build().map_err(|e| format!("bad exclude globs: {e}"))
}

/// Walk `root` (an absolute, canonical directory).
///
/// `exclude` globs must have been checked with [`exclude_overrides`]; a bad
/// one here is dropped.
pub fn discover(root: &Path, opts: DiscoveryOptions) -> Discovery {
    let include_testdata = opts.include_testdata;
    let mut builder = WalkBuilder::new(root);
    if !opts.exclude.is_empty() {
        if let Ok(o) = exclude_overrides(root, &opts.exclude) {
            builder.overrides(o);
        }
    }
    builder
        .threads(opts.threads.max(1))
        .follow_links(opts.follow_symlinks)
        // Hidden entries (`.git`, `.cache`, `.x.go`) are ignored, as by go.
        .hidden(true)
        // A repository's ignore files describe the tree, whether or not it
        // is a git checkout here; the user's global excludes do not, and
        // would make results depend on the machine.
        .require_git(false)
        .git_global(false)
        .filter_entry(move |entry| keep_entry(entry, include_testdata));
    let shared = Mutex::new(Discovery::default());
    let mut visitors = CollectorBuilder {
        root,
        sink: &shared,
    };
    builder.build_parallel().visit(&mut visitors);
    let mut discovery = shared.into_inner().unwrap_or_else(|p| p.into_inner());
    discovery.files.sort();
    discovery.skipped.sort();
    discovery.skipped.dedup();
    discovery
}

/// The go tool's own rule: `_x`, `.x` and `testdata` are not part of the
/// build. The root itself is always walked.
fn keep_entry(entry: &DirEntry, include_testdata: bool) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    let name = entry.file_name().to_string_lossy();
    if name.starts_with('_') || name.starts_with('.') {
        return false;
    }
    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
    !(is_dir && name == "testdata" && !include_testdata)
}

fn classify(name: &str) -> Option<DiscoveredKind> {
    match name {
        "go.mod" => Some(DiscoveredKind::GoMod),
        "go.work" => Some(DiscoveredKind::GoWork),
        n if n.ends_with(".go") => Some(DiscoveredKind::GoSource),
        _ => None,
    }
}

struct CollectorBuilder<'a> {
    root: &'a Path,
    sink: &'a Mutex<Discovery>,
}

impl<'s> ParallelVisitorBuilder<'s> for CollectorBuilder<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Collector {
            root: self.root,
            sink: self.sink,
            local: Discovery::default(),
        })
    }
}

/// One walker thread's buffer; flushed into the shared result on drop.
struct Collector<'a> {
    root: &'a Path,
    sink: &'a Mutex<Discovery>,
    local: Discovery,
}

impl Drop for Collector<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        let mut shared = self.sink.lock().unwrap_or_else(|p| p.into_inner());
        shared.files.extend(local.files);
        shared.skipped.extend(local.skipped);
    }
}

impl ParallelVisitor for Collector<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(entry) => self.entry(entry),
            Err(err) => self.error(err),
        }
        WalkState::Continue
    }
}

impl Collector<'_> {
    fn rel(&self, path: &Path) -> String {
        relative_slash_path(self.root, path)
    }

    fn entry(&mut self, entry: DirEntry) {
        // A directory's ignore file that could not be read or parsed comes
        // attached to the directory's entry, not as a walk error. Dropping it
        // silently would let files its rules exclude into the scan unnoticed,
        // so it is reported like any other walk problem.
        if let Some(err) = entry.error() {
            let (path, reason) = self.describe(err);
            self.local.skipped.push(SkippedPath { path, reason });
        }
        let Some(file_type) = entry.file_type() else {
            return;
        };
        if file_type.is_dir() {
            return;
        }
        let name = entry.file_name().to_string_lossy();
        let Some(kind) = classify(&name) else {
            return;
        };
        let path = self.rel(entry.path());
        if file_type.is_symlink() {
            // Only reached when links are not followed.
            self.local.skipped.push(SkippedPath {
                path,
                reason: SkipReason::SymlinkNotFollowed,
            });
            return;
        }
        if !file_type.is_file() {
            self.local.skipped.push(SkippedPath {
                path,
                reason: SkipReason::NotRegularFile,
            });
            return;
        }
        self.local.files.push(DiscoveredFile {
            path,
            kind,
            abs: entry.into_path(),
        });
    }

    fn error(&mut self, err: ignore::Error) {
        let (path, reason) = self.describe(&err);
        self.local.skipped.push(SkippedPath { path, reason });
    }

    /// Turn a walk error into a path and a reason with no absolute paths in
    /// it, so the report is the same on every machine.
    ///
    /// Takes the error by reference: errors attached to a directory entry
    /// (see [`Collector::entry`]) can only be borrowed.
    fn describe(&self, err: &ignore::Error) -> (String, SkipReason) {
        use ignore::Error as E;
        match err {
            E::WithPath { path, err } => {
                let (_, reason) = self.describe(err);
                (self.rel(path), reason)
            }
            E::WithDepth { err, .. } => self.describe(err),
            E::WithLineNumber { line, err } => {
                let (path, reason) = self.describe(err);
                let reason = match reason {
                    SkipReason::WalkError { error } => SkipReason::WalkError {
                        error: format!("line {line}: {error}"),
                    },
                    other => other,
                };
                (path, reason)
            }
            E::Loop { ancestor, child } => (
                self.rel(child),
                SkipReason::SymlinkLoop {
                    ancestor: self.rel(ancestor),
                },
            ),
            E::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                (String::new(), SkipReason::Vanished)
            }
            E::Io(io) => (
                String::new(),
                SkipReason::Unreadable {
                    error: describe_io_error(io),
                },
            ),
            E::Partial(errs) => {
                let mut described: Vec<(String, SkipReason)> =
                    errs.iter().map(|e| self.describe(e)).collect();
                described.sort();
                described.into_iter().next().unwrap_or_else(|| {
                    (
                        String::new(),
                        SkipReason::WalkError {
                            error: "partial error".to_string(),
                        },
                    )
                })
            }
            other => (
                String::new(),
                SkipReason::WalkError {
                    error: other.to_string(),
                },
            ),
        }
    }
}
