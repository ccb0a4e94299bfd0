//! The frame every cache file has, and atomic replacement.
//!
//! ```text
//! magic    8 bytes   "GOSEAM\0" and the frame version (1)
//! kind     1 byte    what the body is (facts, result)
//! tool     u16 LE length, then that many bytes
//! body     u64 LE length, then that many bytes
//! check    32 bytes  blake3 of everything before it
//! ```
//!
//! A reader checks the length first, then the checksum, then the magic,
//! kind and tool; only then is the body looked at, and the body's own
//! decoder still checks every length against what is there.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

const MAGIC: &[u8; 8] = b"GOSEAM\0\x01";

/// What a cache file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Facts = 1,
    Result = 2,
}

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    #[error("not present")]
    Missing,
    #[error("unreadable: {0}")]
    Unreadable(String),
    #[error("truncated ({0} bytes)")]
    Truncated(usize),
    #[error("checksum mismatch (corrupt)")]
    Corrupt,
    #[error("not a goseam cache file")]
    NotCache,
    #[error("holds another kind of entry")]
    OtherKind,
    #[error("written by another goseam build ({0})")]
    OtherTool(String),
    #[error("malformed body: {0}")]
    Malformed(&'static str),
}

/// Frame `body` as a cache file of `kind` written by `tool`.
pub fn frame(kind: Kind, tool: &str, body: &[u8]) -> Vec<u8> {
    let tool = &tool.as_bytes()[..tool.len().min(u16::MAX as usize)];
    let mut out = Vec::with_capacity(8 + 1 + 2 + tool.len() + 8 + body.len() + 32);
    out.extend_from_slice(MAGIC);
    out.push(kind as u8);
    out.extend_from_slice(&(tool.len() as u16).to_le_bytes());
    out.extend_from_slice(tool);
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(body);
    let check = blake3::hash(&out);
    out.extend_from_slice(check.as_bytes());
    out
}

/// The body of a framed cache file, if it is intact, of `kind` and written
/// by `tool`. Returns the range of the body within `bytes`.
pub fn unframe(bytes: &[u8], kind: Kind, tool: &str) -> Result<std::ops::Range<usize>, Rejected> {
    const MIN: usize = 8 + 1 + 2 + 8 + 32;
    if bytes.len() < MIN {
        return Err(Rejected::Truncated(bytes.len()));
    }
    let (content, check) = bytes.split_at(bytes.len() - 32);
    if blake3::hash(content).as_bytes() != check {
        // A frame cut short fails here too; say which when it can be told.
        return Err(
            if content.starts_with(MAGIC) && declared_len(content) > Some(content.len()) {
                Rejected::Truncated(bytes.len())
            } else {
                Rejected::Corrupt
            },
        );
    }
    if !content.starts_with(MAGIC) {
        return Err(Rejected::NotCache);
    }
    if content[8] != kind as u8 {
        return Err(Rejected::OtherKind);
    }
    let mut r = Reader::new(&content[9..]);
    let tool_len = r.u16().ok_or(Rejected::Malformed("tool length"))? as usize;
    let written_by = r.take(tool_len).ok_or(Rejected::Malformed("tool"))?;
    if written_by != tool.as_bytes() {
        return Err(Rejected::OtherTool(
            String::from_utf8_lossy(written_by).into_owned(),
        ));
    }
    let body_len = r.u64().ok_or(Rejected::Malformed("body length"))? as usize;
    let start = 9 + r.pos;
    if r.rest().len() != body_len {
        return Err(Rejected::Malformed("body length"));
    }
    Ok(start..start + body_len)
}

/// The total frame length the header of `content` declares, if it can be
/// read.
fn declared_len(content: &[u8]) -> Option<usize> {
    let mut r = Reader::new(content.get(9..)?);
    let tool_len = r.u16()? as usize;
    r.take(tool_len)?;
    let body_len = r.u64()? as usize;
    Some(9 + r.pos + body_len)
}

/// Read a whole cache file; a missing file is [`Rejected::Missing`].
pub fn read(path: &Path) -> Result<Vec<u8>, Rejected> {
    fs::read(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Rejected::Missing,
        _ => Rejected::Unreadable(crate::source::describe_io_error(&e)),
    })
}

/// Replace `path` with `bytes` atomically: write a temporary file next to
/// it (unique to this process and call), flush it to disk, rename it over
/// `path`. Readers see the old file or the new one, never a mix; of two
/// concurrent writers, the last rename wins whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A bounds-checked little-endian reader over a byte slice.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_le_bytes)
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    pub(crate) fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_round_trips_and_every_damage_is_caught() {
        let framed = frame(Kind::Facts, "goseam 1+abc", b"hello body");
        let body = unframe(&framed, Kind::Facts, "goseam 1+abc").unwrap();
        assert_eq!(&framed[body], b"hello body");

        assert_eq!(
            unframe(&framed, Kind::Result, "goseam 1+abc"),
            Err(Rejected::OtherKind)
        );
        assert_eq!(
            unframe(&framed, Kind::Facts, "goseam 2+def"),
            Err(Rejected::OtherTool("goseam 1+abc".into()))
        );
        for cut in [0, 10, framed.len() / 2, framed.len() - 1] {
            let r = unframe(&framed[..cut], Kind::Facts, "goseam 1+abc");
            assert!(
                matches!(r, Err(Rejected::Truncated(_)) | Err(Rejected::Corrupt)),
                "cut at {cut}: {r:?}"
            );
        }
        assert!(matches!(
            unframe(&framed[..framed.len() - 5], Kind::Facts, "goseam 1+abc"),
            Err(Rejected::Truncated(_))
        ));
        for i in 0..framed.len() {
            let mut bad = framed.clone();
            bad[i] ^= 0x40;
            assert!(
                unframe(&bad, Kind::Facts, "goseam 1+abc").is_err(),
                "flipped byte {i} accepted"
            );
        }
        assert_eq!(
            unframe(&[b'x'; 80], Kind::Facts, "t"),
            Err(Rejected::Corrupt)
        );
    }

    #[test]
    fn atomic_writes_replace_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/file.bin");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two, longer");
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("file.bin")]);
    }
}
