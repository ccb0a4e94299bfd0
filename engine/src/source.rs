//! Reading one source file defensively: size limits, binary detection,
//! vanished and unreadable files. Nothing here panics or aborts a scan; every
//! failure becomes a [`SkipReason`] that the summary reports.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use serde::{Deserialize, Serialize};

/// Why a file that looked like Go source was not analyzed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SkipReason {
    /// Larger than the configured limit (`--max-file-size`).
    TooLarge { bytes: u64, limit: u64 },
    /// Contains a NUL byte, which Go source never does.
    Binary { offset: u64 },
    /// Opening or reading failed.
    Unreadable { error: String },
    /// Listed by discovery, gone when read.
    Vanished,
    /// A FIFO, socket or device named like a Go file; never opened.
    NotRegularFile,
    /// A symbolic link, left alone because links are not followed.
    SymlinkNotFollowed,
    /// Following links led back to an ancestor directory.
    SymlinkLoop { ancestor: String },
    /// The directory walk itself failed at this path.
    WalkError { error: String },
}

impl SkipReason {
    /// A short stable code for grouping: `too_large`, `binary`, ….
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::TooLarge { .. } => "too_large",
            SkipReason::Binary { .. } => "binary",
            SkipReason::Unreadable { .. } => "unreadable",
            SkipReason::Vanished => "vanished",
            SkipReason::NotRegularFile => "not_regular_file",
            SkipReason::SymlinkNotFollowed => "symlink_not_followed",
            SkipReason::SymlinkLoop { .. } => "symlink_loop",
            SkipReason::WalkError { .. } => "walk_error",
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::TooLarge { bytes, limit } => {
                write!(f, "too large: {bytes} bytes, limit {limit}")
            }
            SkipReason::Binary { offset } => write!(f, "binary: NUL byte at offset {offset}"),
            SkipReason::Unreadable { error } => write!(f, "unreadable: {error}"),
            SkipReason::Vanished => write!(f, "vanished during the scan"),
            SkipReason::NotRegularFile => write!(f, "not a regular file"),
            SkipReason::SymlinkNotFollowed => {
                write!(f, "symbolic link, not followed (--follow-symlinks)")
            }
            SkipReason::SymlinkLoop { ancestor } => {
                write!(f, "symbolic link loop back to {ancestor}")
            }
            SkipReason::WalkError { error } => write!(f, "walk error: {error}"),
        }
    }
}

/// Describe an I/O error without the machine-specific parts, so that the
/// same failure reads the same everywhere.
pub(crate) fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        io::ErrorKind::InvalidData => "invalid data".to_string(),
        kind => {
            let text = err.to_string();
            // Strip " (os error N)": the number differs between platforms.
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => format!("{kind}").to_lowercase(),
            }
        }
    }
}

/// Read a file of at most `limit` bytes, rejecting binary content.
pub fn read_source(path: &Path, limit: u64) -> Result<Vec<u8>, SkipReason> {
    let map_open = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => SkipReason::Vanished,
        _ => SkipReason::Unreadable {
            error: describe_io_error(&e),
        },
    };
    let not_regular = |meta: &std::fs::Metadata| {
        if meta.is_dir() {
            SkipReason::Unreadable {
                error: "is a directory".to_string(),
            }
        } else {
            SkipReason::NotRegularFile
        }
    };
    // Opening a FIFO for reading blocks until a writer opens it, which may be
    // never, so the path is looked at before it is opened: only regular files
    // are ever opened. (A path swapped for a FIFO between this check and the
    // open could still block; closing that window for good needs O_NONBLOCK,
    // i.e. a libc dependency.)
    let meta = std::fs::metadata(path).map_err(map_open)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let file = File::open(path).map_err(map_open)?;
    let meta = file.metadata().map_err(map_open)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > limit {
        return Err(SkipReason::TooLarge {
            bytes: meta.len(),
            limit,
        });
    }
    // The file may grow between stat and read: never read past the limit.
    let mut buf = Vec::with_capacity(meta.len() as usize + 1);
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| SkipReason::Unreadable {
            error: describe_io_error(&e),
        })?;
    if buf.len() as u64 > limit {
        return Err(SkipReason::TooLarge {
            bytes: buf.len() as u64,
            limit,
        });
    }
    if let Some(offset) = memchr::memchr(0, &buf) {
        return Err(SkipReason::Binary {
            offset: offset as u64,
        });
    }
    Ok(buf)
}

/// Number of lines as `wc -l` counts them: newline bytes.
pub fn count_lines(src: &[u8]) -> u64 {
    src.iter().filter(|&&b| b == b'\n').count() as u64
}
