//! The facts cache is lossless: on the whole Go distribution, a scan whose
//! facts all come from the cache equals the scan that parsed every file and
//! wrote them.

use goseam_engine::cache::CacheConfig;
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::{NoObserver, ScanOptions, ScanSummary, SummaryOptions};

#[test]
fn cached_facts_equal_parsed_facts_on_the_standard_library() {
    let root = Toolchain::detect().goroot_src.expect(
        "this test needs the Go distribution's source (GOROOT, or `go` on PATH): \
         install it with `bash corpus/gostd.sh`",
    );
    let dir = tempfile::tempdir().unwrap();
    let mut opts = ScanOptions::new(&root);
    opts.threads = 2;
    opts.cache = Some(CacheConfig {
        dir: dir.path().to_path_buf(),
        tool: "cache_stdlib test".into(),
    });

    let parsed = goseam_engine::scan(&opts, &NoObserver).unwrap();
    let report = parsed.cache.clone().unwrap();
    assert_eq!(report.hits, 0);
    assert_eq!(report.misses, parsed.files.len());
    assert!(report.written.is_some(), "the facts file is written");

    let cached = goseam_engine::scan(&opts, &NoObserver).unwrap();
    let report = cached.cache.clone().unwrap();
    assert_eq!((report.hits, report.misses), (parsed.files.len(), 0));
    assert_eq!(report.written, None, "nothing changed, nothing written");

    assert!(parsed.files.len() > 4000);
    assert_eq!(parsed.files.len(), cached.files.len());
    for (a, b) in parsed.files.iter().zip(&cached.files) {
        assert_eq!(a.path, b.path);
        assert_eq!(a.kind, b.kind, "{}", a.path);
        assert_eq!(
            (a.lines, a.bytes, a.invalid_utf8),
            (b.lines, b.bytes, b.invalid_utf8),
            "{}",
            a.path
        );
        assert!(
            a.facts == b.facts,
            "facts of {} differ after the cache",
            a.path
        );
    }
    assert_eq!(parsed.packages, cached.packages);
    let summary =
        |s| serde_json::to_string(&ScanSummary::new(s, SummaryOptions::default())).unwrap();
    assert_eq!(summary(&parsed), summary(&cached));
}
