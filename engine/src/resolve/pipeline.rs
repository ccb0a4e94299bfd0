//! Resolving every body of a tree: the input of whole-tree analyses (the
//! call graph). Each file of the tree is read, parsed and walked once, its
//! sites (and whatever its hooks collected) kept, its syntax tree dropped.

use rayon::prelude::*;

use crate::discover::SkippedPath;
use crate::source::read_source;

use super::check::Checker;
use super::query::{resolve_source, Prepared, SiteFile};
use super::walk::BodyHooks;

/// The sites of every file of a tree, with what each file's hooks
/// collected.
pub struct TreeSites<H> {
    /// Sorted by path.
    pub files: Vec<(SiteFile, H)>,
    /// Files that could not be read, sorted by path.
    pub skipped: Vec<SkippedPath>,
}

/// Resolve the sites of the names `want` accepts in every file of the tree
/// (vendored files included: callers decide what to report), running fresh
/// hooks from `make_hooks` over each file.
pub fn resolve_tree<H, W, M>(prepared: &Prepared, want: &W, make_hooks: &M) -> TreeSites<H>
where
    H: BodyHooks + Send,
    W: Fn(&str) -> bool + Sync,
    M: Fn(&str) -> H + Sync,
{
    let u = &prepared.universe;
    let mut files: Vec<(&str, &std::path::Path)> = u
        .tree
        .dirs
        .values()
        .flatten()
        .map(|f| (f.path.as_str(), f.abs.as_path()))
        .collect();
    files.sort_unstable();
    let checker = Checker::new(u);
    let outcomes: Vec<Result<Option<(SiteFile, H)>, SkippedPath>> = prepared.pool.install(|| {
        files
            .par_iter()
            .map(|&(path, abs)| {
                let src =
                    read_source(abs, prepared.max_file_size).map_err(|reason| SkippedPath {
                        path: path.to_string(),
                        reason,
                    })?;
                let mut hooks = make_hooks(path);
                let file = resolve_source(&checker, path, &src, None, want, Some(&mut hooks));
                Ok(file.map(|f| (f, hooks)))
            })
            .collect()
    });
    let mut out = TreeSites {
        files: Vec::new(),
        skipped: Vec::new(),
    };
    for o in outcomes {
        match o {
            Ok(Some(f)) => out.files.push(f),
            Ok(None) => {}
            Err(s) => out.skipped.push(s),
        }
    }
    out.skipped.sort();
    out
}
