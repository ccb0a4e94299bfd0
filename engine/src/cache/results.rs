//! Finished results, each valid for one tree state.
//!
//! A front end names a request by a digest of everything that defines it
//! (the command and its arguments) and stores the bytes it produced with the
//! exit status and the [`TreeState`](super::TreeState) digest of the tree
//! they were computed from. A later identical request over a tree in the
//! same state gets the bytes back; any change to the tree makes the entry
//! stale and the request is computed again (and stored over it).
//!
//! One file per request under `results/`, named by the request digest. The
//! directory keeps the [`MAX_ENTRIES`] most recently written results, and no
//! single result larger than [`MAX_RESULT_BYTES`] is stored.

use std::fs;
use std::io;
use std::path::PathBuf;

use super::store::{self, Kind, Reader, Rejected};
use super::{hex, CacheConfig, Digest};

/// Results kept per cache directory.
pub const MAX_ENTRIES: usize = 64;
/// Larger outputs are recomputed every time rather than stored.
pub const MAX_RESULT_BYTES: usize = 64 << 20;

/// A stored result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedResult {
    pub exit_code: i32,
    pub output: Vec<u8>,
}

/// Why a stored result was not served.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Miss {
    #[error("no stored result")]
    Missing,
    #[error("the tree changed since it was stored")]
    Stale,
    #[error("stored result rejected: {0}")]
    Rejected(Rejected),
}

/// The result store of one cache directory.
pub struct ResultCache {
    config: CacheConfig,
}

impl ResultCache {
    pub fn new(config: &CacheConfig) -> ResultCache {
        ResultCache {
            config: config.clone(),
        }
    }

    fn dir(&self) -> PathBuf {
        self.config.dir.join("results")
    }

    fn path(&self, request: &Digest) -> PathBuf {
        self.dir().join(hex(request))
    }

    /// The result stored for `request` over a tree in state `state`.
    pub fn get(&self, request: &Digest, state: &Digest) -> Result<CachedResult, Miss> {
        let bytes = store::read(&self.path(request)).map_err(|r| match r {
            Rejected::Missing => Miss::Missing,
            other => Miss::Rejected(other),
        })?;
        let body =
            store::unframe(&bytes, Kind::Result, &self.config.tool).map_err(Miss::Rejected)?;
        let mut r = Reader::new(&bytes[body]);
        let malformed = |what| Miss::Rejected(Rejected::Malformed(what));
        let stored_request: Digest = r.array().ok_or(malformed("request"))?;
        let stored_state: Digest = r.array().ok_or(malformed("state"))?;
        let exit_code = r.u32().ok_or(malformed("exit code"))? as i32;
        if stored_request != *request {
            return Err(malformed("request digest"));
        }
        if stored_state != *state {
            return Err(Miss::Stale);
        }
        Ok(CachedResult {
            exit_code,
            output: r.rest().to_vec(),
        })
    }

    /// Store `result` for `request` over a tree in state `state`, atomically,
    /// then trim the directory to [`MAX_ENTRIES`]. Returns whether it was
    /// stored (it is not when larger than [`MAX_RESULT_BYTES`]).
    pub fn put(&self, request: &Digest, state: &Digest, result: &CachedResult) -> io::Result<bool> {
        if result.output.len() > MAX_RESULT_BYTES {
            return Ok(false);
        }
        let mut body = Vec::with_capacity(68 + result.output.len());
        body.extend_from_slice(request);
        body.extend_from_slice(state);
        body.extend_from_slice(&(result.exit_code as u32).to_le_bytes());
        body.extend_from_slice(&result.output);
        let framed = store::frame(Kind::Result, &self.config.tool, &body);
        store::write_atomic(&self.path(request), &framed)?;
        self.trim();
        Ok(true)
    }

    /// Remove the oldest results beyond [`MAX_ENTRIES`], and temporary files
    /// that a killed run left behind (older than a minute). Best effort.
    fn trim(&self) {
        let Ok(read) = fs::read_dir(self.dir()) else {
            return;
        };
        let now = std::time::SystemTime::now();
        let mut entries = Vec::new();
        for e in read.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
            if e.file_name().to_string_lossy().starts_with('.') {
                let old = now
                    .duration_since(modified)
                    .is_ok_and(|age| age.as_secs() > 60);
                if old {
                    let _ = fs::remove_file(e.path());
                }
                continue;
            }
            entries.push((modified, e.path()));
        }
        if entries.len() <= MAX_ENTRIES {
            return;
        }
        entries.sort();
        for (_, path) in &entries[..entries.len() - MAX_ENTRIES] {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_served_only_for_the_state_they_were_stored_with() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = CacheConfig {
            dir: dir.path().to_path_buf(),
            tool: "t".into(),
        };
        let cache = ResultCache::new(&cfg);
        let stored = CachedResult {
            exit_code: 3,
            output: b"out\n".to_vec(),
        };
        assert_eq!(cache.get(&[1; 32], &[7; 32]), Err(Miss::Missing));
        assert!(cache.put(&[1; 32], &[7; 32], &stored).unwrap());
        assert_eq!(cache.get(&[1; 32], &[7; 32]), Ok(stored.clone()));
        assert_eq!(cache.get(&[1; 32], &[8; 32]), Err(Miss::Stale));
        assert_eq!(cache.get(&[2; 32], &[7; 32]), Err(Miss::Missing));

        // Another build's entry is rejected, not served.
        let other = ResultCache::new(&CacheConfig {
            tool: "u".into(),
            ..cfg.clone()
        });
        assert!(matches!(
            other.get(&[1; 32], &[7; 32]),
            Err(Miss::Rejected(Rejected::OtherTool(_)))
        ));

        // A truncated entry is rejected.
        let path = cache.path(&[1; 32]);
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        assert!(matches!(
            cache.get(&[1; 32], &[7; 32]),
            Err(Miss::Rejected(_))
        ));
    }

    #[test]
    fn the_directory_keeps_the_newest_entries() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ResultCache::new(&CacheConfig {
            dir: dir.path().to_path_buf(),
            tool: "t".into(),
        });
        let r = CachedResult {
            exit_code: 0,
            output: vec![],
        };
        for i in 0..(MAX_ENTRIES + 5) {
            let mut key = [0u8; 32];
            key[..8].copy_from_slice(&(i as u64).to_le_bytes());
            cache.put(&key, &[0; 32], &r).unwrap();
        }
        assert_eq!(fs::read_dir(cache.dir()).unwrap().count(), MAX_ENTRIES);
    }
}
