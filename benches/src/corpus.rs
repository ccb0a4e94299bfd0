//! The corpora the benchmarks run on: the Go distribution's source and
//! synthetic monorepos from `goseam-synth`, generated once and reused.

use std::io;
use std::path::{Path, PathBuf};

use goseam_synth::Manifest;

/// The seed of every synthetic corpus (fixed: the trees, and so the
/// figures, are comparable between runs and machines).
pub const SYNTH_SEED: u64 = 1;

/// The corpora `GOSEAM_BENCH_CORPORA` names by default.
pub const DEFAULT_CORPORA: &str = "stdlib,synth1m";

/// A tree to benchmark, with the call-site query to run on it.
pub struct Corpus {
    /// `stdlib`, or `synth` and the size (`synth1m`, `synth200k`).
    pub name: String,
    pub root: PathBuf,
    /// The call-site query's target, in go/types spelling.
    pub target: String,
    /// The same call as ast-grep matches it (the selector expression as
    /// written at the call sites).
    pub call: String,
    /// The generator's manifest (synthetic corpora only).
    pub manifest: Option<Manifest>,
}

impl Corpus {
    /// The Go distribution's source (`$(go env GOROOT)/src`), if installed;
    /// the query is `fmt.Sprintf`.
    pub fn stdlib() -> Option<Corpus> {
        Some(Corpus {
            name: "stdlib".into(),
            root: crate::gostd_root()?,
            target: "fmt.Sprintf".into(),
            call: "fmt.Sprintf".into(),
            manifest: None,
        })
    }

    /// The synthetic monorepo of about `lines` lines (seed [`SYNTH_SEED`])
    /// under [`synth_dir`], generated on first use; the query is the
    /// manifest's function target, `platform/email.Send`.
    pub fn synth(lines: u64) -> io::Result<Corpus> {
        let dir = synth_dir().join(format!("seed{SYNTH_SEED}-{lines}"));
        if !dir.join(goseam_synth::MANIFEST_FILE).is_file() {
            eprintln!(
                "note: generating the synthetic corpus of {lines} lines in {} (once)",
                dir.display()
            );
        }
        std::fs::create_dir_all(synth_dir())?;
        let manifest = goseam_synth::ensure(SYNTH_SEED, lines, &dir)?;
        Ok(Corpus {
            name: format!("synth{}", size_label(lines)),
            root: dir,
            target: goseam_synth::TARGET_SEND.into(),
            call: "email.Send".into(),
            manifest: Some(manifest),
        })
    }

    /// A corpus by name: `stdlib` (`None` when the Go source is not
    /// installed) or `synth<N>[k|m]` (`synth1m`, `synth10m`, `synth200k`).
    pub fn by_name(name: &str) -> Result<Option<Corpus>, String> {
        if name == "stdlib" {
            return Ok(Corpus::stdlib());
        }
        let lines = name
            .strip_prefix("synth")
            .and_then(parse_size)
            .ok_or_else(|| {
                format!("unknown corpus {name:?}: expected stdlib or synth<N>[k|m], e.g. synth1m")
            })?;
        Corpus::synth(lines)
            .map(Some)
            .map_err(|e| format!("corpus {name}: {e}"))
    }

    /// The corpora `GOSEAM_BENCH_CORPORA` lists (comma-separated, default
    /// [`DEFAULT_CORPORA`]), in order; `stdlib` is left out with a note
    /// when the Go source is not installed. Panics on an unknown name.
    pub fn from_env() -> Vec<Corpus> {
        let list = std::env::var("GOSEAM_BENCH_CORPORA").unwrap_or_else(|_| DEFAULT_CORPORA.into());
        let mut out = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match Corpus::by_name(name) {
                Ok(Some(c)) => out.push(c),
                Ok(None) => eprintln!(
                    "note: Go corpus not installed (bash corpus/gostd.sh); {name} left out"
                ),
                Err(e) => panic!("GOSEAM_BENCH_CORPORA: {e}"),
            }
        }
        out
    }

    /// The call sites the query must find, when the manifest knows them.
    pub fn expected_sites(&self) -> Option<usize> {
        let m = self.manifest.as_ref()?;
        m.targets
            .iter()
            .find(|t| t.target == self.target)
            .map(|t| t.count)
    }
}

/// `1m` → 1,000,000; `200k` → 200,000; `5000` → 5,000.
fn parse_size(s: &str) -> Option<u64> {
    let (digits, unit) = match s.as_bytes().last()? {
        b'k' | b'K' => (&s[..s.len() - 1], 1_000),
        b'm' | b'M' => (&s[..s.len() - 1], 1_000_000),
        _ => (s, 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(unit)
}

/// The inverse of [`parse_size`] for round sizes.
fn size_label(lines: u64) -> String {
    if lines.is_multiple_of(1_000_000) {
        format!("{}m", lines / 1_000_000)
    } else if lines.is_multiple_of(1_000) {
        format!("{}k", lines / 1_000)
    } else {
        lines.to_string()
    }
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else the workspace's
/// `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// Where synthetic corpora are generated: `GOSEAM_SYNTH_DIR`, else
/// `<target dir>/synth`.
pub fn synth_dir() -> PathBuf {
    std::env::var_os("GOSEAM_SYNTH_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("synth"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1m"), Some(1_000_000));
        assert_eq!(parse_size("200k"), Some(200_000));
        assert_eq!(parse_size("5000"), Some(5_000));
        assert_eq!(parse_size("m"), None);
        assert_eq!(parse_size(""), None);
        assert_eq!(size_label(10_000_000), "10m");
        assert_eq!(size_label(200_000), "200k");
        assert_eq!(size_label(1_234), "1234");
    }
}
