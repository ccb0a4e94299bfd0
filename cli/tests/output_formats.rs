//! Output formats for review tools: SARIF 2.1.0 logs of call sites and
//! check results, validated against the official SARIF schema; plan JSON
//! validated against goseam's published plan schema
//! (`schemas/goseam.plan.v1.schema.json`); the Markdown tables report.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::{monolith, repo_root, snapshot_settings};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(args)
        .output()
        .expect("goseam runs")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn load(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Validate `instance` against `schema`; the errors, one per line.
fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("the schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let errors = errors(schema, instance);
    assert!(
        errors.is_empty(),
        "{what} is not valid:\n{}",
        errors.join("\n")
    );
}

/// The typo'd language-tag pattern of the published schema, and its fix.
const LANGUAGE_TYPO: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
const LANGUAGE_FIXED: &str = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";

/// Replace every typo'd pattern; how many there were.
fn fix_language_patterns(v: &mut Value) -> usize {
    match v {
        Value::Object(map) => map
            .iter_mut()
            .map(|(k, x)| {
                if k == "pattern" && x == LANGUAGE_TYPO {
                    *x = Value::from(LANGUAGE_FIXED);
                    1
                } else {
                    fix_language_patterns(x)
                }
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
        _ => 0,
    }
}

fn sarif_schema() -> Value {
    let mut schema = load(repo_root().join("cli/tests/schemas/sarif-2.1.0-rtm.5.json"));
    // The published schema has a typo in the language-tag pattern (a stray
    // `]`, in `language` properties goseam never writes) that a strict
    // meta-schema check rejects as a regular expression. Correct it here
    // rather than in the vendored file, which stays as published.
    assert!(fix_language_patterns(&mut schema) > 0);
    schema
}

fn plan_schema() -> Value {
    load(repo_root().join("schemas/goseam.plan.v1.schema.json"))
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

#[test]
fn the_sarif_schema_rejects_what_it_should() {
    // The validator is not vacuous: a log without `version` or with a
    // result missing its message fails.
    let schema = sarif_schema();
    let bad = serde_json::json!({ "runs": [] });
    assert!(!errors(&schema, &bad).is_empty());
    let bad = serde_json::json!({
        "version": "2.1.0",
        "runs": [{ "tool": { "driver": { "name": "x" } }, "results": [{ "ruleId": "r" }] }]
    });
    assert!(!errors(&schema, &bad).is_empty());
}

#[test]
fn call_sites_as_sarif() {
    let root = monolith();
    let r = root.to_str().unwrap();
    let sarif = |threads: &str| {
        run(&[
            "--threads",
            threads,
            "callsites",
            "db.WithTx",
            "--root",
            r,
            "-q",
            "--format",
            "sarif",
        ])
    };
    let out = sarif("2");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        out.stdout,
        sarif("1").stdout,
        "byte-identical across threads"
    );
    let log = json_of(&out);
    assert_valid(&sarif_schema(), &log, "the call-site SARIF log");
    assert_eq!(log["version"], "2.1.0");
    // FIXTURE.md: 14 call sites of WithTx, all resolved.
    assert_eq!(results(&log).len(), 14);
    let first = &results(&log)[0];
    assert_eq!(first["ruleId"], "goseam/call-site");
    assert_eq!(first["kind"], "informational");
    let loc = &first["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "internal/accounts/service_test.go"
    );
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "SRCROOT");
    assert_eq!(loc["region"]["startLine"], 40);
    // No absolute path anywhere: the log is the same wherever the tree is.
    assert!(!String::from_utf8_lossy(&out.stdout).contains(r));
}

#[test]
fn unresolved_call_sites_are_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |p: &str, text: &str| {
        let p = root.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("go.mod", "module example.com/t\n\ngo 1.19\n");
    write(
        "a/a.go",
        "package a\n\ntype Store struct{}\n\nfunc (s *Store) Create() error { return nil }\n",
    );
    write(
        "b/b.go",
        "package b\n\nimport \"github.com/elsewhere/ext\"\n\nfunc Hidden() error {\n\treturn ext.Lookup().Create()\n}\n",
    );
    let out = run(&[
        "callsites",
        "a.Store.Create",
        "--root",
        root.to_str().unwrap(),
        "-q",
        "--format",
        "sarif",
    ]);
    let log = json_of(&out);
    assert_valid(&sarif_schema(), &log, "the call-site SARIF log");
    let r = &results(&log)[0];
    assert_eq!(results(&log).len(), 1);
    assert_eq!(r["ruleId"], "goseam/unresolved-call-site");
    assert_eq!(r["kind"], "review");
    assert!(r["message"]["text"]
        .as_str()
        .unwrap()
        .contains("possible call of (*example.com/t/a.Store).Create"));
}

#[test]
fn check_results_as_sarif() {
    let root = monolith();
    let r = root.to_str().unwrap();
    let schema = sarif_schema();

    // Violated: inserts into ledger_entries that omit invoice_id.
    let out = run(&[
        "check",
        "writes-set",
        "ledger_entries.invoice_id",
        "--root",
        r,
        "-q",
        "--format",
        "sarif",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "violated: exit 1 in every format"
    );
    let log = json_of(&out);
    assert_valid(&schema, &log, "the writes-set SARIF log");
    assert_eq!(log["runs"][0]["properties"]["verdict"], "violated");
    let errors: Vec<&Value> = results(&log)
        .iter()
        .filter(|x| x["level"] == "error")
        .collect();
    assert!(!errors.is_empty());
    assert!(errors
        .iter()
        .all(|x| x["ruleId"] == "goseam/check-violation"));
    // The unresolved Sprintf query is listed for review.
    assert!(results(&log).iter().any(|x| x["kind"] == "review"
        && x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "internal/admin/reports.go"));

    // A cycle is located at the imports that form it.
    let out = run(&[
        "check",
        "no-cycles",
        "--level",
        "domain",
        "--root",
        r,
        "-q",
        "--format",
        "sarif",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let log = json_of(&out);
    assert_valid(&schema, &log, "the no-cycles SARIF log");
    let cycle = &results(&log)[0];
    assert!(!cycle["relatedLocations"].as_array().unwrap().is_empty());
    assert!(
        cycle["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .is_some()
    );
}

/// The JSON of an insta snapshot file (after its `---` header).
fn snapshot_json(name: &str) -> Value {
    let path = repo_root().join("snapshots").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let body = text.splitn(3, "---\n").nth(2).expect("an insta header");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn plans_validate_against_the_published_schema() {
    let schema = plan_schema();
    for snap in ["plan_add_column_json.snap", "plan_calls_withtx_json.snap"] {
        assert_valid(&schema, &snapshot_json(snap), snap);
    }
    let root = monolith();
    let r = root.to_str().unwrap();
    for change in [
        &["--rename-column", "kind:entry_kind"][..],
        &["--drop-column", "description"],
        &["--move-to", "vault"],
        &[
            "--add-column",
            "external_id",
            "--new-value",
            "uuid v4",
            "--backfill",
            "gen_random_uuid()",
        ],
    ] {
        let mut args = vec![
            "plan",
            "schema",
            "--table",
            "ledger_entries",
            "--root",
            r,
            "-q",
        ];
        args.extend_from_slice(change);
        let plan = json_of(&run(&args));
        assert_valid(&schema, &plan, &change.join(" "));
    }
    let plan = json_of(&run(&[
        "plan",
        "calls",
        "--from",
        "db.MustBegin",
        "--root",
        r,
        "-q",
    ]));
    assert_valid(&schema, &plan, "plan calls");

    // The schema is closed: a field it does not know is an error, so a
    // change of the format cannot slip past without a new schema version.
    let mut extra = snapshot_json("plan_add_column_json.snap");
    extra["steps"][0]["owner"] = Value::from("someone");
    assert!(!errors(&schema, &extra).is_empty());
    let mut wrong = snapshot_json("plan_add_column_json.snap");
    wrong["schema"] = Value::from("goseam.plan/v2");
    assert!(!errors(&schema, &wrong).is_empty());
}

#[test]
fn tables_as_markdown() {
    let root = monolith();
    let out = run(&[
        "tables",
        "--root",
        root.to_str().unwrap(),
        "-q",
        "--format",
        "markdown",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("| `ledger_entries` | shared | — | billing, vault | billing, vault | yes |")
    );
    assert!(md.contains("## Unresolved"));
    snapshot_settings().bind(|| insta::assert_snapshot!("tables_monolith_markdown", md));
}
