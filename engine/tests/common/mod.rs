//! Helpers shared by the engine's integration tests: building small trees in
//! a temporary directory and scanning them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use goseam_engine::discover::SkippedPath;
use goseam_engine::{scan, NoObserver, PackageLocation, Scan, ScanOptions, SkipReason};

/// A temporary tree; removed when dropped.
pub struct Tree {
    pub dir: tempfile::TempDir,
}

impl Tree {
    pub fn new() -> Tree {
        Tree {
            dir: tempfile::tempdir().expect("create temporary directory"),
        }
    }

    /// The canonical root (what [`Scan::root`] reports).
    pub fn root(&self) -> PathBuf {
        std::fs::canonicalize(self.dir.path()).expect("canonical root")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Write a file, creating its parent directories.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Tree {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directories");
        }
        std::fs::write(&path, contents).expect("write file");
        self
    }

    pub fn mkdir(&self, rel: &str) -> &Tree {
        std::fs::create_dir_all(self.path(rel)).expect("create directory");
        self
    }

    /// A symbolic link at `rel` pointing at `target` (as written).
    pub fn symlink(&self, target: &str, rel: &str) -> &Tree {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directories");
        }
        std::os::unix::fs::symlink(target, &path).expect("create symlink");
        self
    }

    /// A named pipe at `rel`, made with the system's `mkfifo`.
    pub fn fifo(&self, rel: &str) -> &Tree {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directories");
        }
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("run mkfifo");
        assert!(status.success(), "mkfifo {} failed", path.display());
        assert!(
            !std::fs::metadata(&path).unwrap().is_file(),
            "mkfifo made a regular file"
        );
        self
    }

    pub fn options(&self) -> ScanOptions {
        ScanOptions::new(self.dir.path())
    }

    pub fn scan(&self) -> Scan {
        scan_with(&self.options())
    }
}

pub fn scan_with(opts: &ScanOptions) -> Scan {
    scan(opts, &NoObserver).expect("scan succeeds")
}

/// Run `f` on another thread and fail (instead of hanging the test run) if
/// it has not finished within `secs` seconds.
pub fn within<T: Send + 'static>(
    secs: u64,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(e) => panic!("{what} did not finish within {secs}s ({e}): it blocks"),
    }
}

/// Paths of the analyzed files, in scan order.
pub fn file_paths(scan: &Scan) -> Vec<&str> {
    scan.files.iter().map(|f| f.path.as_str()).collect()
}

/// Skipped paths with their reasons, in scan order.
pub fn skipped(scan: &Scan) -> Vec<(&str, &SkipReason)> {
    scan.skipped
        .iter()
        .map(|s: &SkippedPath| (s.path.as_str(), &s.reason))
        .collect()
}

/// `(import path, package name)` of every package, in scan order.
pub fn package_keys(scan: &Scan) -> Vec<(&str, &str)> {
    scan.packages
        .iter()
        .map(|p| (p.import_path.as_str(), p.name.as_str()))
        .collect()
}

/// The location of the analyzed file at `path`; panics with the file list
/// when there is none.
pub fn location_of<'s>(scan: &'s Scan, path: &str) -> &'s PackageLocation {
    &scan
        .file_by_path(path)
        .unwrap_or_else(|| panic!("{path} not analyzed; files: {:?}", file_paths(scan)))
        .location
}

/// A location for feeding [`goseam_engine::scan::analyze_source`] directly.
pub fn plain_location(import_path: &str) -> Arc<PackageLocation> {
    Arc::new(PackageLocation {
        import_path: import_path.to_string(),
        module: None,
        vendored: false,
        local: false,
    })
}

/// Fail early, with a clear message, if a go.mod above the temporary
/// directory would make "no module" trees part of some module.
pub fn assert_no_go_mod_above(dir: &Path) {
    let mut d = dir.parent();
    while let Some(p) = d {
        assert!(
            !p.join("go.mod").exists(),
            "{} exists: tests that need a tree outside any module cannot run here",
            p.join("go.mod").display()
        );
        d = p.parent();
    }
}

pub const GO_MOD: &str = "module example.com/app\n\ngo 1.22\n";
