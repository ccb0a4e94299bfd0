//! Per-file facts keyed by the digest of the file's bytes.
//!
//! One file, `facts.bin`, holds an entry per distinct digest among the files
//! of the last scan that wrote it: the digest, then the file's
//! [`CachedFile`] as JSON (facts carry internally tagged enums, which need
//! a self-describing format). The scan looks each file's digest up; a hit is
//! decoded instead of parsed, a miss is parsed and added. When the set of
//! digests changed, the scan writes the file again with exactly the live
//! entries, so it never grows past the tree it describes.

use std::collections::HashMap;
use std::io;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::store::{self, Kind, Reader, Rejected};
use super::{CacheConfig, Digest};
use crate::facts::FileFacts;

const FILE_NAME: &str = "facts.bin";

/// What the cache keeps of one file: everything the scan derives from its
/// bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedFile {
    pub lines: u64,
    pub bytes: u64,
    pub invalid_utf8: Option<u64>,
    pub facts: FileFacts,
}

impl CachedFile {
    /// The entry's payload.
    pub fn encode(&self) -> Vec<u8> {
        encode(self.lines, self.bytes, self.invalid_utf8, &self.facts)
    }
}

/// The payload of a file's entry, from borrowed parts (a scan keeps the
/// facts it just extracted; the encoding must not need a copy of them).
pub fn encode(lines: u64, bytes: u64, invalid_utf8: Option<u64>, facts: &FileFacts) -> Vec<u8> {
    #[derive(Serialize)]
    struct Parts<'a> {
        lines: u64,
        bytes: u64,
        invalid_utf8: Option<u64>,
        facts: &'a FileFacts,
    }
    serde_json::to_vec(&Parts {
        lines,
        bytes,
        invalid_utf8,
        facts,
    })
    .expect("facts serialize to JSON")
}

/// Decode a payload. Facts nest as deep as the source does (a table of
/// strings joined by `+` is one binary expression per term), far past
/// serde_json's default limit of 128 levels, so the limit is lifted and the
/// stack grows on demand instead.
fn decode(payload: &[u8]) -> Option<CachedFile> {
    let mut de = serde_json::Deserializer::from_slice(payload);
    de.disable_recursion_limit();
    let de = serde_stacker::Deserializer::new(&mut de);
    let mut file = CachedFile::deserialize(de).ok()?;
    // As extraction does: decoded lists grow by push.
    file.facts.shrink_to_fit();
    Some(file)
}

/// The facts cache of one directory, as loaded at the start of a scan.
pub struct FactsCache {
    config: CacheConfig,
    data: Vec<u8>,
    entries: HashMap<Digest, Range<usize>>,
    /// Why the file on disk was not used, when it was not.
    rejected: Option<Rejected>,
}

/// How a scan used the facts cache, for the front end to report (never part
/// of a result: it depends on what ran before).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactsCacheReport {
    /// Entries loaded from disk.
    pub loaded: usize,
    /// Why the file on disk was not used (`None` when it was, or when
    /// there was none yet).
    pub rejected: Option<String>,
    /// Files whose facts came from the cache, and files parsed.
    pub hits: usize,
    pub misses: usize,
    /// Entries written, when the file was rewritten.
    pub written: Option<usize>,
    /// Why writing failed, when it did (the scan's result is unaffected).
    pub write_error: Option<String>,
}

impl FactsCache {
    /// Load the cache in `config.dir`. Never fails: a missing, unreadable,
    /// corrupt or foreign file gives an empty cache (and says why).
    pub fn open(config: &CacheConfig) -> FactsCache {
        let mut cache = FactsCache {
            config: config.clone(),
            data: Vec::new(),
            entries: HashMap::new(),
            rejected: None,
        };
        let loaded = store::read(&config.dir.join(FILE_NAME)).and_then(|data| {
            let body = store::unframe(&data, Kind::Facts, &config.tool)?;
            let entries = index_entries(&data, body)?;
            Ok((data, entries))
        });
        match loaded {
            Ok((data, entries)) => {
                cache.data = data;
                cache.entries = entries;
            }
            Err(Rejected::Missing) => {}
            Err(why) => cache.rejected = Some(why),
        }
        cache
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The facts of a file with this digest, if cached and decodable. An
    /// entry that does not decode (which the checksum makes all but
    /// impossible) is a miss, never an error.
    pub fn get(&self, digest: &Digest) -> Option<CachedFile> {
        let range = self.entries.get(digest)?;
        decode(&self.data[range.clone()])
    }

    /// The stored payload of an entry, to carry it into the next file
    /// without decoding it.
    pub fn payload(&self, digest: &Digest) -> Option<&[u8]> {
        self.entries.get(digest).map(|r| &self.data[r.clone()])
    }

    /// The start-of-scan report (hits and misses are filled in by the scan).
    pub fn report(&self) -> FactsCacheReport {
        FactsCacheReport {
            loaded: self.entries.len(),
            rejected: self.rejected.as_ref().map(|r| r.to_string()),
            ..FactsCacheReport::default()
        }
    }

    /// Whether `live` (the digests of the scanned files) differs from what
    /// is on disk, so that the file should be written again.
    pub fn stale(&self, live: &HashMap<Digest, &[u8]>) -> bool {
        self.rejected.is_some()
            || live.len() != self.entries.len()
            || live.keys().any(|d| !self.entries.contains_key(d))
    }

    /// Write exactly `live` (digest → payload) as the new cache file,
    /// atomically.
    pub fn save(&self, live: &HashMap<Digest, &[u8]>) -> io::Result<usize> {
        let mut sorted: Vec<(&Digest, &&[u8])> = live.iter().collect();
        sorted.sort_by_key(|(d, _)| **d);
        let size: usize = sorted.iter().map(|(_, p)| 36 + p.len()).sum();
        let mut body = Vec::with_capacity(4 + size);
        body.extend_from_slice(&(sorted.len() as u32).to_le_bytes());
        for (digest, payload) in &sorted {
            body.extend_from_slice(*digest);
            body.extend_from_slice(&(payload.len() as u32).to_le_bytes());
            body.extend_from_slice(payload);
        }
        let framed = store::frame(Kind::Facts, &self.config.tool, &body);
        store::write_atomic(&self.config.dir.join(FILE_NAME), &framed)?;
        Ok(sorted.len())
    }
}

/// Entry ranges of a facts body, every length checked against the bytes.
fn index_entries(
    data: &[u8],
    body: Range<usize>,
) -> Result<HashMap<Digest, Range<usize>>, Rejected> {
    let mut r = Reader::new(&data[body.clone()]);
    let count = r.u32().ok_or(Rejected::Malformed("entry count"))? as usize;
    let mut entries = HashMap::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        let digest: Digest = r.array().ok_or(Rejected::Malformed("entry digest"))?;
        let len = r.u32().ok_or(Rejected::Malformed("entry length"))? as usize;
        let start = body.start + r.pos;
        r.take(len).ok_or(Rejected::Malformed("entry payload"))?;
        entries.insert(digest, start..start + len);
    }
    if !r.rest().is_empty() {
        return Err(Rejected::Malformed("bytes after the last entry"));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &std::path::Path, tool: &str) -> CacheConfig {
        CacheConfig {
            dir: dir.to_path_buf(),
            tool: tool.to_string(),
        }
    }

    fn file(lines: u64) -> CachedFile {
        CachedFile {
            lines,
            bytes: lines * 10,
            invalid_utf8: None,
            facts: FileFacts {
                package: Some("p".into()),
                ..FileFacts::default()
            },
        }
    }

    #[test]
    fn entries_round_trip_and_other_builds_are_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = config(dir.path(), "t1");
        let empty = FactsCache::open(&cfg);
        assert!(empty.is_empty() && empty.report().rejected.is_none());

        let (a, b) = (file(1).encode(), file(2).encode());
        let live: HashMap<Digest, &[u8]> = [([1; 32], &a[..]), ([2; 32], &b[..])].into();
        assert!(empty.stale(&live));
        assert_eq!(empty.save(&live).unwrap(), 2);

        let warm = FactsCache::open(&cfg);
        assert_eq!(warm.len(), 2);
        assert_eq!(warm.get(&[2; 32]), Some(file(2)));
        assert_eq!(warm.get(&[3; 32]), None);
        assert!(!warm.stale(&live));

        let other = FactsCache::open(&config(dir.path(), "t2"));
        assert!(other.is_empty());
        assert!(other
            .report()
            .rejected
            .unwrap()
            .contains("another goseam build"));
    }

    #[test]
    fn a_damaged_file_is_rejected_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = config(dir.path(), "t");
        let a = file(7).encode();
        FactsCache::open(&cfg)
            .save(&[([9; 32], &a[..])].into())
            .unwrap();
        let path = dir.path().join(FILE_NAME);
        let good = std::fs::read(&path).unwrap();

        std::fs::write(&path, &good[..good.len() - 40]).unwrap();
        let cut = FactsCache::open(&cfg);
        assert!(cut.is_empty());
        assert!(cut.report().rejected.unwrap().contains("truncated"));

        let mut bad = good.clone();
        bad[60] ^= 1;
        std::fs::write(&path, &bad).unwrap();
        let corrupt = FactsCache::open(&cfg);
        assert!(corrupt.is_empty());
        assert!(corrupt.report().rejected.unwrap().contains("corrupt"));
        assert!(
            corrupt.stale(&HashMap::new()),
            "a rejected file is rewritten"
        );
    }
}
