//! The differential test against go/types on the Go distribution's source.
//!
//! `corpus/gotypes` type-checks `std` and `cmd` (with tests; GOOS=linux,
//! GOARCH=amd64, CGO_ENABLED=0) and lists every call with its callee's
//! `FullName()`. goseam's `callsites` answers for the targets below are
//! compared with it on the files go/types checked. Required, per target:
//! package-level functions 100% recall and >= 99.9% precision; methods
//! >= 98% recall and >= 99.5% precision; and every call go/types reports
//! > that goseam did not resolve must be reported by goseam as unresolved.
//! > The per-target table is printed (run with `--nocapture`) and written to
//! > `target/gotypes-differential.md`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{goseam, gostd_root, ground_truth, normalize, repo_root};
use serde_json::Value;

/// Package functions (same-package and cross-package, generic), pointer
/// and value methods, promoted methods, interface methods, methods of
/// vendored packages, and functions used as values.
const TARGETS: &[&str] = &[
    "fmt.Sprintf",
    "fmt.Errorf",
    "strings.HasPrefix",
    "errors.New",
    "os.Open",
    "path/filepath.Join",
    "runtime.throw",
    "go/types.under",
    "cmd/compile/internal/ssa.auxIntToInt32",
    "runtime.Escape",
    "go/doc.compareSlices",
    "unicode.IsSpace",
    "crypto/sha256.New",
    "golang.org/x/mod/semver.Compare",
    "(*bytes.Buffer).WriteString",
    "(*strings.Builder).WriteString",
    "(*os.File).Close",
    "(*go/types.Checker).errorf",
    "(reflect.Value).Kind",
    "(reflect.Value).Interface",
    "(time.Time).Sub",
    "(math/big.nat).cmp",
    "(*testing.common).Fatalf",
    "(*testing.common).Errorf",
    "(*sync.Mutex).Lock",
    "(*cmd/compile/internal/ir.miniExpr).Type",
    "(*go/types.object).Name",
    "(io.Writer).Write",
    "(error).Error",
    "(fmt.Stringer).String",
    "(hash.Hash).Sum",
    "(cmd/compile/internal/ir.Node).Op",
    "(*sync/atomic.Pointer[T]).Load",
    "(*crypto/elliptic.nistCurve[Point]).pointFromAffine",
    "(crypto/elliptic.nistPoint[T any]).SetBytes",
    "(*golang.org/x/crypto/cryptobyte.Builder).AddUint16",
    "(golang.org/x/crypto/cryptobyte.String).Empty",
    "(*golang.org/x/tools/go/analysis.Pass).Reportf",
];

type Site = (String, u64, u64, String);

fn site(v: &Value) -> Site {
    (
        v["file"].as_str().unwrap().to_string(),
        v["line"].as_u64().unwrap(),
        v["column"].as_u64().unwrap(),
        v["kind"].as_str().unwrap().to_string(),
    )
}

#[test]
fn callsites_agree_with_go_types() {
    let Some(root) = gostd_root() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let truth = ground_truth(tmp.path());
    assert!(
        truth.len() > 100_000,
        "go/types listed {} calls",
        truth.len()
    );
    let checked: BTreeSet<String> = truth
        .iter()
        .map(|v| v["file"].as_str().unwrap().to_string())
        .collect();
    let wanted: BTreeMap<String, &str> = TARGETS.iter().map(|t| (normalize(t), *t)).collect();
    let mut expected: BTreeMap<String, BTreeSet<Site>> = BTreeMap::new();
    for v in &truth {
        let callee = normalize(v["callee"].as_str().unwrap());
        if wanted.contains_key(&callee) {
            expected.entry(callee).or_default().insert(site(v));
        }
    }

    let mut args = vec![
        "callsites",
        "-q",
        "--format",
        "jsonl",
        "--include-vendor",
        "--root",
        root.to_str().unwrap(),
    ];
    args.extend(TARGETS.iter().copied());
    let out = goseam(&args);
    let mut resolved: BTreeMap<String, BTreeSet<Site>> = BTreeMap::new();
    let mut unresolved: BTreeMap<String, BTreeSet<Site>> = BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        if !checked.contains(v["file"].as_str().unwrap()) {
            continue; // a file go/types did not check (another GOOS, say)
        }
        let target = normalize(v["target"].as_str().unwrap());
        let bucket = if v["status"] == "resolved" {
            &mut resolved
        } else {
            &mut unresolved
        };
        bucket.entry(target).or_default().insert(site(&v));
    }

    let mut table = String::from(
        "| target | go/types | goseam resolved | recall | precision | missed, reported unresolved | missed silently |\n|---|--:|--:|--:|--:|--:|--:|\n",
    );
    let mut failures = Vec::new();
    let empty = BTreeSet::new();
    for (name, spelled) in &wanted {
        let exp = expected.get(name).unwrap_or(&empty);
        let got = resolved.get(name).unwrap_or(&empty);
        let unres = unresolved.get(name).unwrap_or(&empty);
        let hits = exp.intersection(got).count();
        let recall = hits as f64 / exp.len().max(1) as f64;
        let precision = if got.is_empty() {
            1.0
        } else {
            hits as f64 / got.len() as f64
        };
        let missed: Vec<&Site> = exp.difference(got).collect();
        let silent: Vec<&&Site> = missed.iter().filter(|s| !unres.contains(**s)).collect();
        table.push_str(&format!(
            "| `{spelled}` | {} | {} | {:.2}% | {:.2}% | {} | {} |\n",
            exp.len(),
            got.len(),
            recall * 100.0,
            precision * 100.0,
            missed.len() - silent.len(),
            silent.len()
        ));
        let is_method = spelled.starts_with('(');
        let (min_recall, min_precision) = if is_method {
            (0.98, 0.995)
        } else {
            (1.0, 0.999)
        };
        if exp.is_empty() {
            failures.push(format!(
                "{spelled}: go/types found no call sites; pick another target"
            ));
        }
        if recall < min_recall || precision < min_precision || !silent.is_empty() {
            let fps: Vec<&Site> = got.difference(exp).take(3).collect();
            failures.push(format!(
                "{spelled}: recall {recall:.4} (min {min_recall}), precision {precision:.4} (min {min_precision}), silently missed {:?}, false positives {fps:?}",
                silent.iter().take(3).collect::<Vec<_>>()
            ));
        }
    }
    eprintln!("{table}");
    let report = repo_root().join("target/gotypes-differential.md");
    let _ = std::fs::write(&report, &table);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
