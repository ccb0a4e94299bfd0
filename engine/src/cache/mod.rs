//! The on-disk cache: what a warm run reuses from an earlier one.
//!
//! Two layers, both under one directory (`.goseam/` in the scanned root by
//! default):
//!
//! - **Per-file facts** ([`facts`]): a file's [`FileFacts`](crate::FileFacts),
//!   line and byte counts, keyed by the blake3 digest of its bytes. Facts are
//!   a function of the bytes alone, so an entry is valid wherever the same
//!   bytes appear; a warm scan parses only the files whose digest is new.
//! - **Results** ([`results`]): a front end's finished output for one
//!   request, stored with the [`TreeState`] it was computed from and served
//!   only while the tree is in exactly that state. Results that depend on
//!   many files (a call site's target depends on declarations elsewhere) are
//!   reused whole or recomputed, never patched.
//!
//! Every cache file is framed the same way ([`store`]): a magic number, the
//! kind, the identity of the tool that wrote it (its version and the digest
//! of its sources: another build never trusts it), the body, and a blake3
//! checksum of all of it. A file that is truncated, corrupt, of another kind
//! or written by another build is reported and rebuilt, never trusted.
//! Files are replaced atomically (written to a unique temporary file in the
//! same directory, then renamed over), so concurrent runs can each lose
//! their update but never leave a torn file. The cache is an accelerator:
//! when it cannot be read or written, the run goes on without it.

pub mod facts;
pub mod results;
pub mod state;
pub mod store;

use std::path::{Path, PathBuf};

pub use facts::{FactsCache, FactsCacheReport};
pub use results::ResultCache;
pub use state::TreeState;

/// The cache directory's name in a scanned root.
pub const DEFAULT_DIR_NAME: &str = ".goseam";

/// Where the cache lives and who may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheConfig {
    pub dir: PathBuf,
    /// The identity of the build that reads and writes the cache: entries
    /// written by any other identity are rebuilt. Front ends pass their
    /// version and a digest of the sources they were built from.
    pub tool: String,
}

impl CacheConfig {
    /// `dir`, or `.goseam` under `root` when `dir` is `None`.
    pub fn new(root: &Path, dir: Option<&Path>, tool: impl Into<String>) -> CacheConfig {
        CacheConfig {
            dir: dir.map_or_else(|| root.join(DEFAULT_DIR_NAME), Path::to_path_buf),
            tool: tool.into(),
        }
    }
}

/// A blake3 digest.
pub type Digest = [u8; 32];

/// The blake3 digest of `bytes`.
pub fn digest(bytes: &[u8]) -> Digest {
    *blake3::hash(bytes).as_bytes()
}

/// A digest as lowercase hex, for file names and messages.
pub fn hex(d: &Digest) -> String {
    blake3::Hash::from_bytes(*d).to_hex().to_string()
}
