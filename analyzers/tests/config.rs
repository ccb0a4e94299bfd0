//! `goseam.toml`: the documented example parses; every kind of mistake is an
//! error naming the file and the exact line.

use std::path::Path;

use goseam_analyzers::config::{
    Access, Config, ConfigError, DomainSpec, Location, PathGlobs, QueryFunction, QueryKind,
    SqlDialect, DEFAULT_DOMAIN_DEPTH,
};
use proptest::prelude::*;

const FULL: &str = r#"[sql]
dialect = "postgres"

[domains]
depth = 3

[[domain]]
name = "billing"
paths = ["internal/billing/**"]

[[domain]]
name = "accounts"
paths = ["internal/accounts", "cmd/accounts-*/**"]

[[query_function]]
target = "github.com/acme/monolith/internal/platform/db.MustQuery"
arg = 1
kind = "sql"

[[query_function]]
target = "(*github.com/acme/monolith/internal/platform/db.Table).Insert"
arg = 0
kind = "table"
access = "write"

[schema]
paths = ["db/migrations"]

[scan]
exclude = ["third_party/**"]
max_file_size = 8388608
"#;

/// Parse `text` as `goseam.toml`, expecting an error.
fn error(text: &str) -> ConfigError {
    match Config::from_str(text, "goseam.toml") {
        Ok(c) => panic!("expected an error, parsed {c:?}"),
        Err(e) => e,
    }
}

/// The error is located at `line` and its message says so.
fn assert_line(text: &str, line: usize, needle: &str) {
    let e = error(text);
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!("goseam.toml:{line}:")),
        "expected goseam.toml:{line}, got: {msg}"
    );
    assert_eq!(e.location().map(|l| l.line), Some(line), "{msg}");
    assert!(msg.contains(needle), "expected {needle:?} in: {msg}");
}

#[test]
fn the_full_example_parses() {
    let c = Config::from_str(FULL, "goseam.toml").unwrap();
    assert_eq!(c.sql.dialect, Some(SqlDialect::Postgres));
    assert_eq!(c.domains.depth, 3);
    assert_eq!(
        c.domain,
        vec![
            DomainSpec {
                name: "billing".into(),
                paths: vec!["internal/billing/**".into()],
            },
            DomainSpec {
                name: "accounts".into(),
                paths: vec!["internal/accounts".into(), "cmd/accounts-*/**".into()],
            },
        ]
    );
    assert_eq!(
        c.query_function,
        vec![
            QueryFunction {
                target: "github.com/acme/monolith/internal/platform/db.MustQuery".into(),
                arg: 1,
                kind: QueryKind::Sql,
                access: None,
            },
            QueryFunction {
                target: "(*github.com/acme/monolith/internal/platform/db.Table).Insert".into(),
                arg: 0,
                kind: QueryKind::Table,
                access: Some(Access::Write),
            },
        ]
    );
    assert_eq!(c.schema.paths, vec!["db/migrations".to_string()]);
    assert_eq!(c.scan.exclude, vec!["third_party/**".to_string()]);
    assert_eq!(c.scan.max_file_size, Some(8_388_608));
    c.validate().unwrap();
}

#[test]
fn an_empty_file_is_the_default() {
    let c = Config::from_str("", "goseam.toml").unwrap();
    assert_eq!(c, Config::default());
    assert_eq!(c.sql.dialect, None);
    assert_eq!(c.domains.depth, DEFAULT_DOMAIN_DEPTH);
    assert_eq!(DEFAULT_DOMAIN_DEPTH, 2);
    assert!(c.domain.is_empty() && c.query_function.is_empty());
    assert_eq!(c.scan.max_file_size, None);
}

#[test]
fn every_dialect_is_accepted() {
    for (text, d) in [
        ("postgres", SqlDialect::Postgres),
        ("mysql", SqlDialect::MySql),
        ("sqlite", SqlDialect::Sqlite),
    ] {
        let c = Config::from_str(&format!("[sql]\ndialect = \"{text}\"\n"), "t").unwrap();
        assert_eq!(c.sql.dialect, Some(d));
        assert_eq!(d.as_str(), text);
    }
}

#[test]
fn serializing_round_trips() {
    let c = Config::from_str(FULL, "goseam.toml").unwrap();
    let text = toml::to_string(&c).unwrap();
    assert_eq!(Config::from_str(&text, "round-trip").unwrap(), c);
    let default = toml::to_string(&Config::default()).unwrap();
    assert_eq!(
        Config::from_str(&default, "round-trip").unwrap(),
        Config::default()
    );
    // And JSON, for output.
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["sql"]["dialect"], "postgres");
    assert_eq!(json["query_function"][1]["access"], "write");
}

#[test]
fn unknown_top_level_key() {
    assert_line("[sql]\ndialect = \"mysql\"\n\n[bogus]\nx = 1\n", 4, "bogus");
    assert_line("title = \"x\"\n", 1, "unknown field `title`");
}

#[test]
fn unknown_key_in_a_section() {
    assert_line("[sql]\ndialect = \"mysql\"\nstrict = true\n", 3, "strict");
    assert_line("\n[scan]\nexclude = []\nmax_size = 3\n", 4, "max_size");
}

#[test]
fn unknown_key_in_a_domain() {
    let text = r#"[[domain]]
name = "billing"
paths = ["internal/billing/**"]

[[domain]]
name = "vault"
paths = ["internal/vault/**"]
owner = "@acme/vault"
"#;
    assert_line(text, 8, "unknown field `owner`");
}

#[test]
fn wrong_types() {
    assert_line("[domains]\ndepth = \"two\"\n", 2, "");
    assert_line(
        "[[domain]]\nname = \"billing\"\npaths = \"internal/billing/**\"\n",
        3,
        "",
    );
    assert_line(
        "[[query_function]]\ntarget = \"x.F\"\narg = -1\nkind = \"sql\"\n",
        3,
        "",
    );
    assert_line("[scan]\nmax_file_size = 1.5\n", 2, "");
    assert_line("sql = 3\n", 1, "");
}

#[test]
fn bad_enum_values() {
    assert_line("\n\n[sql]\ndialect = \"oracle\"\n", 4, "oracle");
    assert_line(
        "[[query_function]]\ntarget = \"x.F\"\narg = 0\nkind = \"query\"\n",
        4,
        "query",
    );
    assert_line(
        "[[query_function]]\ntarget = \"x.F\"\narg = 0\nkind = \"table\"\naccess = \"rw\"\n",
        5,
        "rw",
    );
}

#[test]
fn missing_required_keys() {
    let e = error("[sql]\n\n[[domain]]\npaths = [\"a/**\"]\n");
    let msg = e.to_string();
    assert!(msg.contains("missing field `name`"), "{msg}");
    assert_eq!(e.location().map(|l| l.line), Some(3), "{msg}");
}

#[test]
fn toml_syntax_errors() {
    assert_line("[sql]\ndialect = \"postgres\n", 2, "");
    assert_line("[domains]\ndepth = 2\ndepth = 3\n", 3, "");
}

#[test]
fn bad_glob_names_the_glob() {
    let text = r#"[[domain]]
name = "billing"
paths = [
  "internal/billing/**",
  "internal/{billing",
]
"#;
    assert_line(text, 5, "`internal/{billing`");
    assert_line(
        "[[domain]]\nname = \"x\"\npaths = [\"../other/**\"]\n",
        3,
        "`../other/**`",
    );
    assert_line(
        "[[domain]]\nname = \"x\"\npaths = [\"/\"]\n",
        3,
        "empty glob",
    );
    assert_line("[scan]\nexclude = [\"a/[b\"]\n", 2, "`a/[b`");
}

#[test]
fn duplicate_domain() {
    let text = r#"[[domain]]
name = "billing"
paths = ["internal/billing/**"]

[[domain]]
name = "billing"
paths = ["internal/invoices/**"]
"#;
    assert_line(text, 6, "duplicate domain `billing`");
    assert_line(text, 6, "first declared at goseam.toml:2");
}

#[test]
fn empty_domain_name_and_paths() {
    assert_line(
        "[[domain]]\nname = \" \"\npaths = [\"a/**\"]\n",
        2,
        "must not be empty",
    );
    assert_line(
        "[[domain]]\nname = \"a\"\npaths = []\n",
        3,
        "at least one path glob",
    );
}

#[test]
fn kind_and_access_must_agree() {
    // access given for kind = "sql": the error points at `access`.
    assert_line(
        "[[query_function]]\ntarget = \"x.F\"\narg = 0\nkind = \"sql\"\naccess = \"write\"\n",
        5,
        "only allowed with kind = \"table\"",
    );
    // access missing for kind = "table": the error points at `kind`.
    assert_line(
        "\n[[query_function]]\ntarget = \"x.F\"\narg = 0\nkind = \"table\"\n",
        5,
        "needs `access`",
    );
}

#[test]
fn arg_range_and_duplicates() {
    assert_line(
        "[[query_function]]\ntarget = \"x.F\"\narg = 33\nkind = \"sql\"\n",
        3,
        "between 0 and 32",
    );
    Config::from_str(
        "[[query_function]]\ntarget = \"x.F\"\narg = 32\nkind = \"sql\"\n",
        "t",
    )
    .unwrap();
    let dup = "[[query_function]]\ntarget = \"x.F\"\narg = 1\nkind = \"sql\"\n\n\
               [[query_function]]\ntarget = \"x.F\"\narg = 1\nkind = \"table\"\naccess = \"read\"\n";
    assert_line(dup, 7, "duplicate query function `x.F` argument 1");
}

#[test]
fn depth_and_size_must_be_positive() {
    assert_line("[domains]\ndepth = 0\n", 2, "at least 1");
    assert_line("[scan]\n\nmax_file_size = 0\n", 3, "at least 1");
}

#[test]
fn the_earliest_problem_is_reported() {
    let text = r#"[[domain]]
name = "a"
paths = ["a/{"]

[domains]
depth = 0
"#;
    assert_line(text, 3, "a/{");
}

#[test]
fn columns_count_characters() {
    let e = error("[sql]\n  dialect = \"ünknown\"\n");
    assert_eq!(
        e.location(),
        Some(Location {
            line: 2,
            column: 13
        })
    );
}

#[test]
fn validate_reports_problems_without_location() {
    let mut c = Config::default();
    c.domain.push(DomainSpec {
        name: "a".into(),
        paths: vec!["a/**".into()],
    });
    c.domain.push(DomainSpec {
        name: "a".into(),
        paths: vec!["b/**".into()],
    });
    let e = c.validate().unwrap_err();
    assert_eq!(e.location(), None);
    assert_eq!(
        e.to_string(),
        "goseam.toml: duplicate domain `a` (first declared by [[domain]] entry 1)"
    );
}

#[test]
fn load_uses_the_default_file_when_present() {
    let dir = tempfile::tempdir().unwrap();
    // Absent: the default configuration, and no file.
    let (c, file) = Config::load(dir.path(), None).unwrap();
    assert_eq!(c, Config::default());
    assert_eq!(file, None);

    std::fs::write(dir.path().join("goseam.toml"), FULL).unwrap();
    let (c, file) = Config::load(dir.path(), None).unwrap();
    assert_eq!(c.domains.depth, 3);
    assert_eq!(file, Some(dir.path().join("goseam.toml")));

    std::fs::write(dir.path().join("goseam.toml"), "[sql]\n\ndialect = 1\n").unwrap();
    let e = Config::load(dir.path(), None).unwrap_err();
    // Named relative to the root: no absolute paths in messages.
    assert!(e.to_string().starts_with("goseam.toml:3:"), "{e}");
}

#[test]
fn load_an_explicit_file() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "[domains]\ndepth = 4\n").unwrap();
    // The explicit file wins over <root>/goseam.toml.
    std::fs::write(dir.path().join("goseam.toml"), "[domains]\ndepth = 1\n").unwrap();
    let (c, file) = Config::load(dir.path(), Some(&other)).unwrap();
    assert_eq!(c.domains.depth, 4);
    assert_eq!(file.as_deref(), Some(other.as_path()));

    let bad = dir.path().join("goseam.toml");
    std::fs::write(&bad, "[domains]\n\n\nbogus = 1\n").unwrap();
    let e = Config::load(Path::new("/nonexistent"), Some(&bad)).unwrap_err();
    assert!(e.to_string().contains("goseam.toml:4:"), "{e}");
    assert_eq!(e.file(), bad.display().to_string());
}

#[test]
fn an_explicit_missing_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = Path::new("no/such/goseam.toml");
    let e = Config::load(dir.path(), Some(missing)).unwrap_err();
    assert!(matches!(e, ConfigError::Read { .. }), "{e:?}");
    assert_eq!(e.to_string(), "no/such/goseam.toml: cannot read: not found");
}

#[test]
fn unreadable_and_non_utf8_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should be.
    std::fs::create_dir(dir.path().join("goseam.toml")).unwrap();
    let e = Config::load(dir.path(), None).unwrap_err();
    assert!(e.to_string().starts_with("goseam.toml: cannot read"), "{e}");

    let file = dir.path().join("latin1.toml");
    std::fs::write(&file, b"[sql]\n# caf\xe9\n").unwrap();
    let e = Config::load(dir.path(), Some(&file)).unwrap_err();
    assert_eq!(e.location(), Some(Location { line: 2, column: 6 }));
    assert!(e.to_string().ends_with("not valid UTF-8"), "{e}");
}

#[test]
fn path_globs_match_files_and_their_directories() {
    let g = PathGlobs::new(&[
        "internal/billing",
        "./internal/vault/",
        "/cmd/*/main.go",
        "**/*_test.go",
    ])
    .unwrap();
    assert_eq!(g.first_match("internal/billing/store/ledger.go"), Some(0));
    assert_eq!(g.first_match("internal/billing"), Some(0));
    assert_eq!(g.first_match("internal/billingx/a.go"), None);
    assert_eq!(g.first_match("internal/vault/audit/audit.go"), Some(1));
    assert_eq!(g.first_match("cmd/server/main.go"), Some(2));
    assert_eq!(g.first_match("cmd/server/sub/main.go"), None);
    // `*` does not cross `/`; the first glob in order wins.
    assert_eq!(g.first_match("internal/billing/a_test.go"), Some(0));
    assert_eq!(g.first_match("x/y/a_test.go"), Some(3));
    assert!(!g.is_match("README.md"));
    assert_eq!(g.len(), 4);
    let e = PathGlobs::new(&["ok/**", "a/{b"]).unwrap_err();
    assert_eq!(e.glob, "a/{b");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// No text makes the loader panic; errors always name the file.
    #[test]
    fn any_text_is_an_answer(text in "(\\[\\[?(domain|sql|scan|query_function)\\]\\]?\n|[a-z_]{1,8} = (\"[a-z/*{}\\[]{0,6}\"|-?[0-9]{1,3}|\\[\"[a-z*]{0,3}\"\\]|true)\n|[ \n#=\"\\[\\]{}.ü]){0,30}") {
        match Config::from_str(&text, "goseam.toml") {
            Ok(c) => c.validate().unwrap(),
            Err(e) => prop_assert!(e.to_string().starts_with("goseam.toml"), "{}", e),
        }
    }
}
