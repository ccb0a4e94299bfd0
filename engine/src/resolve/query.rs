//! Resolving the calls in the files that can mention some names, without a
//! full scan: discover the tree, keep the files whose bytes contain one of
//! the names (a fast text prefilter: a call of `Sprintf` must spell it),
//! and resolve their bodies, loading declarations of other packages only as
//! resolution reaches them.

use std::path::PathBuf;

use memchr::memmem;
use rayon::prelude::*;

use crate::discover::SkippedPath;
use crate::scan::{open_tree, ScanError, ScanOptions};
use crate::source::read_source;

use super::check::Checker;
use super::universe::{Toolchain, TreeLayout, Universe};
use super::walk::{walk_file_with, BodyHooks, Site};

/// A file in which sites were resolved.
#[derive(Debug, Clone)]
pub struct SiteFile {
    pub path: String,
    /// Import path of its package (`_test` suffix for external tests).
    pub package: String,
    pub test: bool,
    pub generated: bool,
    pub vendored: bool,
    pub sites: Vec<Site>,
}

/// The outcome of resolving the sites of some names in a tree.
#[derive(Debug)]
pub struct SiteReport {
    /// Files with at least one site of a wanted name, sorted by path.
    pub files: Vec<SiteFile>,
    /// Files that could not be read.
    pub skipped: Vec<SkippedPath>,
    /// Go files in the tree, and how many passed the prefilter.
    pub files_total: usize,
    pub files_candidate: usize,
}

/// The tree, ready for resolution: discovered, its modules read.
pub struct Prepared {
    pub universe: Universe,
    pub skipped: Vec<SkippedPath>,
    pub pool: rayon::ThreadPool,
    pub max_file_size: u64,
}

/// Discover the tree and read its modules (no Go file is parsed yet).
pub fn prepare(opts: &ScanOptions, toolchain: Toolchain) -> Result<Prepared, ScanError> {
    let tree = open_tree(opts)?;
    let layout = TreeLayout::new(tree.root, tree.modules, tree.go_files);
    let (pool, skipped) = (tree.pool, tree.skipped);
    Ok(Prepared {
        universe: Universe::new(layout, toolchain, opts.max_file_size),
        skipped,
        pool,
        max_file_size: opts.max_file_size,
    })
}

/// Resolve every call and function reference whose name is in `names`, in
/// the files that contain one of them.
pub fn resolve_names(prepared: &Prepared, names: &[String]) -> SiteReport {
    let u = &prepared.universe;
    let files: Vec<(&str, PathBuf)> = u
        .tree
        .dirs
        .values()
        .flatten()
        .map(|f| (f.path.as_str(), f.abs.clone()))
        .collect();
    let finders: Vec<memmem::Finder> = names
        .iter()
        .map(|n| memmem::Finder::new(n.as_bytes()))
        .collect();
    let checker = Checker::new(u);
    let want = |n: &str| names.iter().any(|w| w == n);
    let outcomes: Vec<Result<Option<SiteFile>, SkippedPath>> = prepared.pool.install(|| {
        files
            .par_iter()
            .map(|(path, abs)| {
                let src =
                    read_source(abs, prepared.max_file_size).map_err(|reason| SkippedPath {
                        path: path.to_string(),
                        reason,
                    })?;
                if !finders.iter().any(|f| f.find(&src).is_some()) {
                    return Ok(None);
                }
                let keep = |body: &[u8]| finders.iter().any(|f| f.find(body).is_some());
                Ok(resolve_source(
                    &checker,
                    path,
                    &src,
                    Some(&keep),
                    &want,
                    None,
                ))
            })
            .collect()
    });
    let files_total = files.len();
    let mut report = SiteReport {
        files: Vec::new(),
        skipped: Vec::new(),
        files_total,
        files_candidate: 0,
    };
    for o in outcomes {
        match o {
            Ok(Some(f)) => {
                report.files_candidate += 1;
                if !f.sites.is_empty() {
                    report.files.push(f);
                }
            }
            Ok(None) => {}
            Err(s) => report.skipped.push(s),
        }
    }
    report.skipped.sort();
    report
}

/// Which function bodies to keep, by their bytes.
pub type BodyFilter<'a> = dyn Fn(&[u8]) -> bool + 'a;

/// Parse one file of the tree (path relative to the root, `/`-separated)
/// and resolve the calls of wanted names in its bodies; with `keep`, only
/// the bodies it accepts are parsed (the rest, and the top-level `import`,
/// `type` and `const` declarations it rejects, are blanked first: the walk
/// takes declarations from the universe, not from this tree). `hooks`
/// see the walk (see [`BodyHooks`]). `None` when the file is not part of a
/// package of the tree (no package clause, or its package was not loaded).
pub fn resolve_source(
    checker: &Checker,
    path: &str,
    src: &[u8],
    keep: Option<&BodyFilter<'_>>,
    want: &dyn Fn(&str) -> bool,
    hooks: Option<&mut dyn BodyHooks>,
) -> Option<SiteFile> {
    let stripped;
    let src = match keep {
        Some(keep) => {
            stripped = crate::strip::strip_to_kept_bodies(src, keep);
            &stripped[..]
        }
        None => src,
    };
    let tree = crate::parse::parse_go(src)?;
    let (package, generated) = crate::extract::package_header(&tree, src);
    let header = FileHeader {
        package: package.as_deref(),
        generated,
    };
    resolve_parsed(checker, path, tree.root_node(), src, header, want, hooks)
}

/// What resolution needs of a file's header (see
/// [`crate::extract::package_header`]).
#[derive(Debug, Clone, Copy)]
pub struct FileHeader<'a> {
    /// The package clause's name.
    pub package: Option<&'a str>,
    pub generated: bool,
}

/// [`resolve_source`] for a file already parsed: `root` is its syntax
/// tree's root over `src`.
pub fn resolve_parsed(
    checker: &Checker,
    path: &str,
    root: tree_sitter::Node,
    src: &[u8],
    header: FileHeader<'_>,
    want: &dyn Fn(&str) -> bool,
    hooks: Option<&mut dyn BodyHooks>,
) -> Option<SiteFile> {
    let pkg_name = header.package?;
    let dir = crate::paths::slash_dir(path);
    let u = checker.u;
    let pkg = u.tree_package_named(dir, pkg_name)?;
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let index = pkg.files.iter().position(|f| f.name == file_name)?;
    let mut sites = walk_file_with(checker, &pkg, index, root, src, want, hooks);
    // A whole tree's sites can be alive at once (the call graph).
    sites.shrink_to_fit();
    let loc = u.tree.modules.locate(dir);
    let test = path.ends_with("_test.go");
    Some(SiteFile {
        path: path.to_string(),
        package: if test && pkg_name.ends_with("_test") {
            format!("{}_test", loc.import_path)
        } else {
            loc.import_path.clone()
        },
        test,
        generated: header.generated,
        vendored: loc.vendored,
        sites,
    })
}
