//! Domains: precedence of the sources, GitHub's CODEOWNERS semantics, the
//! directory convention with nested modules, unassigned paths, and the
//! monolith fixture's `goseam.toml`.

use std::path::{Path, PathBuf};

use goseam_analyzers::config::{Config, DomainSpec};
use goseam_analyzers::domains::{DomainError, DomainMap, DomainSource, DomainWarning};
use proptest::prelude::*;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn root_module() -> Vec<(String, String)> {
    vec![(".".to_string(), "github.com/acme/monolith".to_string())]
}

fn codeowners(text: &str) -> DomainMap {
    DomainMap::from_codeowners(text, "CODEOWNERS")
}

fn config(text: &str) -> Config {
    Config::from_str(text, "goseam.toml").unwrap()
}

const DOMAINS_TOML: &str = r#"
[[domain]]
name = "billing"
paths = ["internal/billing/**"]
"#;

#[test]
fn config_beats_codeowners_beats_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "CODEOWNERS", "/internal/ @acme/backend\n");
    let path = "internal/billing/store/ledger.go";

    let with_domains = config(DOMAINS_TOML);
    let map = DomainMap::build(root, &with_domains, &root_module()).unwrap();
    assert_eq!(map.source(), DomainSource::Config);
    assert_eq!(map.domain_of(path), Some("billing"));
    assert_eq!(map.domain_of("internal/vault/vault.go"), None);

    let without = Config::default();
    let map = DomainMap::build(root, &without, &root_module()).unwrap();
    assert_eq!(
        map.source(),
        DomainSource::Codeowners {
            file: "CODEOWNERS".into()
        }
    );
    assert_eq!(map.domain_of(path), Some("@acme/backend"));
    assert_eq!(map.domain_of("cmd/server/main.go"), None);

    std::fs::remove_file(root.join("CODEOWNERS")).unwrap();
    let map = DomainMap::build(root, &without, &root_module()).unwrap();
    assert_eq!(map.source(), DomainSource::Directory { depth: 2 });
    assert_eq!(map.domain_of(path), Some("internal/billing"));
    assert_eq!(map.domain_of("cmd/server/main.go"), Some("cmd/server"));
    assert!(map.warnings().is_empty());
}

#[test]
fn codeowners_locations_in_githubs_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let cfg = Config::default();
    write(root, "docs/CODEOWNERS", "* @docs\n");
    let map = DomainMap::build(root, &cfg, &root_module()).unwrap();
    assert_eq!(map.domain_of("a.go"), Some("@docs"));
    write(root, "CODEOWNERS", "* @root\n");
    let map = DomainMap::build(root, &cfg, &root_module()).unwrap();
    assert_eq!(map.domain_of("a.go"), Some("@root"));
    write(root, ".github/CODEOWNERS", "* @github\n");
    let map = DomainMap::build(root, &cfg, &root_module()).unwrap();
    assert_eq!(map.domain_of("a.go"), Some("@github"));
    assert_eq!(
        map.source(),
        DomainSource::Codeowners {
            file: ".github/CODEOWNERS".into()
        }
    );
}

#[test]
fn an_unreadable_codeowners_candidate_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".github/CODEOWNERS")).unwrap();
    write(root, "CODEOWNERS", "* @root\n");
    let map = DomainMap::build(root, &Config::default(), &root_module()).unwrap();
    assert_eq!(map.domain_of("a.go"), Some("@root"));
    assert_eq!(map.warnings().len(), 1);
    assert_eq!(map.warnings()[0].file, ".github/CODEOWNERS");
    assert_eq!(map.warnings()[0].line, 0);
}

#[test]
fn codeowners_last_match_wins() {
    let map = codeowners(
        "# Ownership\n\
         \n\
         *                  @acme/platform\n\
         /internal/billing/ @acme/billing\n\
         *.sql              @acme/dba\n\
         /internal/billing/store/ledger.go @alice @acme/billing\n",
    );
    assert_eq!(map.domain_of("README.md"), Some("@acme/platform"));
    assert_eq!(
        map.domain_of("internal/billing/calc.go"),
        Some("@acme/billing")
    );
    assert_eq!(map.domain_of("internal/billing/q.sql"), Some("@acme/dba"));
    assert_eq!(
        map.domain_of("internal/billing/store/ledger.go"),
        Some("@alice @acme/billing")
    );
    assert_eq!(
        map.names(),
        [
            "@acme/billing",
            "@acme/dba",
            "@acme/platform",
            "@alice @acme/billing"
        ]
    );
    assert!(map.warnings().is_empty(), "{:?}", map.warnings());
}

#[test]
fn codeowners_line_without_owners_unassigns() {
    let map = codeowners("* @acme/platform\n/internal/platform/db/dbtest/\n");
    assert_eq!(
        map.domain_of("internal/platform/db/db.go"),
        Some("@acme/platform")
    );
    assert_eq!(map.domain_of("internal/platform/db/dbtest/dbtest.go"), None);
}

#[test]
fn codeowners_anchored_and_unanchored() {
    let map = codeowners(
        "/billing @anchored\n\
         store @anywhere\n\
         internal/vault @slash-inside\n",
    );
    // A leading `/` anchors to the root.
    assert_eq!(map.domain_of("billing/a.go"), Some("@anchored"));
    assert_eq!(map.domain_of("internal/billing/a.go"), None);
    // A pattern with no `/` matches at any depth, files or directories.
    assert_eq!(map.domain_of("store/a.go"), Some("@anywhere"));
    assert_eq!(
        map.domain_of("internal/billing/store/a.go"),
        Some("@anywhere")
    );
    assert_eq!(map.domain_of("internal/billing/store"), Some("@anywhere"));
    assert_eq!(map.domain_of("internal/billing/stores.go"), None);
    // A `/` inside also anchors.
    assert_eq!(map.domain_of("internal/vault/v.go"), Some("@slash-inside"));
    assert_eq!(map.domain_of("x/internal/vault/v.go"), None);
}

#[test]
fn codeowners_directory_patterns() {
    let map = codeowners(
        "mocks/ @dir-anywhere\n\
         /docs/* @one-level\n\
         /cmd/ @cmd\n",
    );
    // A trailing `/` matches directories only, at any depth when it has no
    // other `/`.
    assert_eq!(map.domain_of("mocks/m.go"), Some("@dir-anywhere"));
    assert_eq!(
        map.domain_of("internal/notifications/mocks/mock_sender.go"),
        Some("@dir-anywhere")
    );
    assert_eq!(map.domain_of("internal/mocks"), None, "a file named mocks");
    // A final lone `*` covers one level only.
    assert_eq!(map.domain_of("docs/a.md"), Some("@one-level"));
    assert_eq!(map.domain_of("docs/sub/b.md"), None);
    assert_eq!(map.domain_of("cmd/server/main.go"), Some("@cmd"));
    assert_eq!(map.domain_of("cmd"), None);
}

#[test]
fn codeowners_double_star() {
    let map = codeowners(
        "**/store/*.go @any-store\n\
         internal/**/http @http\n\
         /migrations/** @dba\n\
         **/*_test.go @tests\n",
    );
    assert_eq!(map.domain_of("store/a.go"), Some("@any-store"));
    assert_eq!(
        map.domain_of("internal/billing/store/x.go"),
        Some("@any-store")
    );
    assert_eq!(map.domain_of("internal/billing/store/x.sql"), None);
    // `/**/` is zero or more directories.
    assert_eq!(map.domain_of("internal/http/h.go"), Some("@http"));
    assert_eq!(
        map.domain_of("internal/billing/http/handlers.go"),
        Some("@http")
    );
    assert_eq!(map.domain_of("cmd/http/h.go"), None);
    // Trailing `/**` is everything inside, not the directory's name.
    assert_eq!(map.domain_of("migrations/0001.up.sql"), Some("@dba"));
    assert_eq!(map.domain_of("migrations/a/b.sql"), Some("@dba"));
    assert_eq!(map.domain_of("migrations"), None);
    // Later lines win.
    assert_eq!(
        map.domain_of("internal/billing/store/x_test.go"),
        Some("@tests")
    );
}

/// GitHub's pattern semantics, one pattern at a time.
#[test]
fn codeowners_pattern_table() {
    let cases: &[(&str, &[(&str, bool)])] = &[
        (
            "foo",
            &[
                ("foo", true),
                ("foo.txt", false),
                ("foo/bar", true),
                ("bar/foo", true),
                ("bar/foo/baz", true),
                ("bar/baz", false),
            ],
        ),
        (
            "/foo",
            &[
                ("foo", true),
                ("foo/bar/baz", true),
                ("bar/foo", false),
                ("fool.txt", false),
            ],
        ),
        (
            "foo/",
            &[("foo", false), ("foo/bar", true), ("bar/foo/baz/qux", true)],
        ),
        (
            "/foo/",
            &[("foo", false), ("foo/bar", true), ("bar/foo/baz", false)],
        ),
        (
            "foo/bar",
            &[
                ("foo/bar", true),
                ("foo/bart", false),
                ("foo/bar/baz", true),
                ("baz/foo/bar", false),
            ],
        ),
        (
            "*",
            &[("foo", true), ("foo/bar", true), ("bar/foo/baz", true)],
        ),
        (
            "f*",
            &[
                ("foo", true),
                ("foo/bar", true),
                ("bar/foo/baz", true),
                ("bar/baz", false),
                ("xfoo", false),
            ],
        ),
        (
            "/*",
            &[("foo", true), ("foo/bar", false), ("foo/bar/baz", false)],
        ),
        ("/*/", &[("foo", false), ("foo/bar", true), ("a/b/c", true)]),
        (
            "f*/",
            &[("foo", false), ("foo/bar", true), ("bar/foo/baz", true)],
        ),
        ("f\\*o", &[("foo", false), ("f*o", true)]),
        ("f?o", &[("foo", true), ("fo", false), ("fooo", false)]),
        (
            "foo/*.txt",
            &[
                ("foo/bar.txt", true),
                ("foo/bar/baz.txt", false),
                ("qux/foo/bar.txt", false),
            ],
        ),
        (
            "foo/*/baz",
            &[
                ("foo/baz", false),
                ("foo/bar/baz", true),
                ("foo/bar/baz/qux", true),
            ],
        ),
        (
            "**/foo/bar",
            &[
                ("foo/bar", true),
                ("qux/foo/bar/baz", true),
                ("foo/baz/bar", false),
            ],
        ),
        (
            "**/*bar*",
            &[("bar", true), ("foo/rebar", true), ("foo/qux/barrio", true)],
        ),
        (
            "foo/**/bar",
            &[
                ("foo/bar", true),
                ("foo/qux/quux/bar/baz", true),
                ("qux/foo/bar", false),
            ],
        ),
        (
            "foo/**/",
            &[("foo", false), ("foo/bar", true), ("foo/a/b", true)],
        ),
        (
            "foo/**/bar/b*",
            &[
                ("foo/bar", false),
                ("foo/bar/baz", true),
                ("foo/bar/qux", false),
                ("foo/qux/bar/baz", true),
            ],
        ),
        ("**", &[("a", true), ("a/b/c", true)]),
        ("/", &[("a", false), ("a/b", false)]),
        ("ü*", &[("über/x.go", true), ("uber/x.go", false)]),
    ];
    for (pattern, paths) in cases {
        let map = codeowners(&format!("{pattern} @o\n"));
        assert!(map.warnings().is_empty(), "{pattern}: {:?}", map.warnings());
        for (path, want) in *paths {
            assert_eq!(
                map.domain_of(path).is_some(),
                *want,
                "pattern {pattern:?} on {path:?}"
            );
        }
    }
}

#[test]
fn codeowners_syntax_details() {
    let map = codeowners(
        "\u{feff}# comment\r\n\
         \t  /a/   @x   # trailing comment\r\n\
         /b\\ c/ @y\n\
         /d/ someone@example.com\n",
    );
    assert!(map.warnings().is_empty(), "{:?}", map.warnings());
    assert_eq!(map.domain_of("a/f.go"), Some("@x"));
    assert_eq!(map.domain_of("b c/f.go"), Some("@y"));
    assert_eq!(map.domain_of("d/f.go"), Some("someone@example.com"));
}

#[test]
fn malformed_codeowners_lines_are_warnings_with_lines() {
    let map = codeowners(
        "* @acme/platform\n\
         /a/ not-an-owner\n\
         !/b/ @acme/b\n\
         /c/[ab] @acme/c\n\
         /d/***/ @acme/d\n\
         /e/ @acme/e\n",
    );
    let lines: Vec<usize> = map.warnings().iter().map(|w| w.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    assert!(map.warnings()[0].message.contains("`not-an-owner`"));
    assert!(map.warnings()[1].message.contains("negation"));
    assert!(map.warnings()[2].message.contains("character ranges"));
    assert_eq!(
        map.warnings()[0].to_string(),
        "CODEOWNERS:2: `not-an-owner` is not an owner (@user, @org/team or an e-mail address); line skipped"
    );
    // Skipped lines do not take part: the earlier rule still applies.
    assert_eq!(map.domain_of("a/x.go"), Some("@acme/platform"));
    assert_eq!(map.domain_of("b/x.go"), Some("@acme/platform"));
    assert_eq!(map.domain_of("e/x.go"), Some("@acme/e"));
    assert_eq!(map.names(), ["@acme/e", "@acme/platform"]);
}

#[test]
fn codeowners_with_no_owners_at_all() {
    let map = codeowners("# nothing yet\n\n/internal/\n");
    assert_eq!(map.domain_of("internal/a.go"), None);
    assert_eq!(map.domain_of("a.go"), None);
    assert!(map.names().is_empty());
    assert_eq!(
        map.warnings(),
        [DomainWarning {
            file: "CODEOWNERS".into(),
            line: 0,
            message: "no line assigns owners; every file is unassigned".into(),
        }]
    );
}

#[test]
fn directory_depth_in_the_root_module() {
    let map = DomainMap::from_directories(2, &root_module()).unwrap();
    assert_eq!(
        map.domain_of("internal/billing/store/x.go"),
        Some("internal/billing")
    );
    assert_eq!(
        map.domain_of("internal/billing/x.go"),
        Some("internal/billing")
    );
    // Shallower than the depth: the whole directory; root files: `.`.
    assert_eq!(map.domain_of("internal/x.go"), Some("internal"));
    assert_eq!(map.domain_of("main.go"), Some("."));
    assert_eq!(map.domain_of("./internal/a/b/c.go"), Some("internal/a"));
    assert!(map.names().is_empty());

    let map = DomainMap::from_directories(1, &root_module()).unwrap();
    assert_eq!(
        map.domain_of("internal/billing/store/x.go"),
        Some("internal")
    );
    let map = DomainMap::from_directories(3, &root_module()).unwrap();
    assert_eq!(
        map.domain_of("internal/billing/store/x.go"),
        Some("internal/billing/store")
    );
    assert_eq!(
        DomainMap::from_directories(0, &root_module()).unwrap_err(),
        DomainError::Depth
    );
}

#[test]
fn directory_depth_with_nested_modules() {
    let modules = vec![
        (".".to_string(), "github.com/acme/mono".to_string()),
        (
            "services/pay".to_string(),
            "github.com/acme/pay".to_string(),
        ),
        (
            "services/pay/tools".to_string(),
            "github.com/acme/pay/tools".to_string(),
        ),
    ];
    let map = DomainMap::from_directories(2, &modules).unwrap();
    // The name is the module directory plus `depth` components below it.
    assert_eq!(
        map.domain_of("services/pay/internal/x/y.go"),
        Some("services/pay/internal/x")
    );
    assert_eq!(
        map.domain_of("services/pay/internal/x/deep/y.go"),
        Some("services/pay/internal/x")
    );
    assert_eq!(map.domain_of("services/pay/main.go"), Some("services/pay"));
    assert_eq!(
        map.domain_of("services/pay/cmd/x.go"),
        Some("services/pay/cmd")
    );
    // The longest module directory wins.
    assert_eq!(
        map.domain_of("services/pay/tools/gen/a/b.go"),
        Some("services/pay/tools/gen/a")
    );
    // `services/payments` is not inside `services/pay`.
    assert_eq!(
        map.domain_of("services/payments/internal/x/y.go"),
        Some("services/payments")
    );
    assert_eq!(map.domain_of("services/other/a.go"), Some("services/other"));

    // No root module: files outside every module count from the root.
    let only_nested = vec![("./services/pay/".to_string(), "pay".to_string())];
    let map = DomainMap::from_directories(2, &only_nested).unwrap();
    assert_eq!(map.domain_of("tools/a/b/c.go"), Some("tools/a"));
    assert_eq!(
        map.domain_of("services/pay/a/b/c.go"),
        Some("services/pay/a/b")
    );
}

#[test]
fn unassigned_and_unclean_paths() {
    let map = DomainMap::from_domains(&[DomainSpec {
        name: "billing".into(),
        paths: vec!["internal/billing".into()],
    }])
    .unwrap();
    assert_eq!(map.domain_of("internal/billing/a.go"), Some("billing"));
    assert_eq!(map.domain_of("internal/billingx/a.go"), None);
    assert_eq!(map.domain_of("cmd/main.go"), None);
    let dirs = DomainMap::from_directories(2, &root_module()).unwrap();
    for bad in [
        "",
        "/internal/billing/a.go",
        "internal//a.go",
        "internal/../a.go",
        "internal/./a.go",
        "internal/",
    ] {
        assert_eq!(map.domain_of(bad), None, "{bad:?}");
        assert_eq!(dirs.domain_of(bad), None, "{bad:?}");
    }
}

#[test]
fn config_domains_first_in_order_wins() {
    let cfg = config(
        r#"
[[domain]]
name = "ledger"
paths = ["internal/billing/store/ledger*.go"]

[[domain]]
name = "billing"
paths = ["internal/billing"]

[[domain]]
name = "all-tests"
paths = ["**/*_test.go"]
"#,
    );
    let map = DomainMap::from_domains(&cfg.domain).unwrap();
    assert_eq!(
        map.domain_of("internal/billing/store/ledger.go"),
        Some("ledger")
    );
    assert_eq!(
        map.domain_of("internal/billing/store/ledger_test.go"),
        Some("ledger")
    );
    assert_eq!(
        map.domain_of("internal/billing/calc_test.go"),
        Some("billing")
    );
    assert_eq!(
        map.domain_of("internal/vault/vault_test.go"),
        Some("all-tests")
    );
    assert_eq!(map.names(), ["all-tests", "billing", "ledger"]);
}

#[test]
fn programmatic_domains_are_checked() {
    let spec = |name: &str, glob: &str| DomainSpec {
        name: name.into(),
        paths: vec![glob.into()],
    };
    assert!(matches!(
        DomainMap::from_domains(&[spec("a", "a/{")]).unwrap_err(),
        DomainError::Glob { ref domain, .. } if domain == "a"
    ));
    assert_eq!(
        DomainMap::from_domains(&[spec("a", "a"), spec("a", "b")]).unwrap_err(),
        DomainError::Name("a".into())
    );
    assert_eq!(
        DomainMap::from_domains(&[DomainSpec {
            name: "a".into(),
            paths: vec![]
        }])
        .unwrap_err(),
        DomainError::NoPaths("a".into())
    );
}

#[test]
fn summary_serializes() {
    let map = codeowners("/internal/billing/ @acme/billing\n/internal/vault/ @acme/vault\n");
    let files = [
        "internal/billing/a.go",
        "internal/billing/store/b.go",
        "cmd/server/main.go",
        "main.go",
    ];
    let summary = map.summary(files);
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "source": {"kind": "codeowners", "file": "CODEOWNERS"},
            "domains": [
                {"name": "@acme/billing", "files": 2},
                {"name": "@acme/vault", "files": 0},
            ],
            "unassigned": 2,
            "unassigned_dirs": [".", "cmd/server"],
            "warnings": [],
        })
    );
    let dirs = DomainMap::from_directories(2, &root_module()).unwrap();
    let json = serde_json::to_value(dirs.summary(files)).unwrap();
    assert_eq!(
        json["source"],
        serde_json::json!({"kind": "directory", "depth": 2})
    );
    assert_eq!(json["domains"][0]["name"], ".");
    assert_eq!(json["domains"][1]["name"], "cmd/server");
    assert_eq!(json["domains"][2]["name"], "internal/billing");
    assert_eq!(json["domains"][2]["files"], 2);
    let json = serde_json::to_value(DomainSource::Config).unwrap();
    assert_eq!(json, serde_json::json!({"kind": "config"}));
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/fixtures/monolith")
}

#[test]
fn the_monolith_fixture_config() {
    let root = fixture();
    let (cfg, file) = Config::load(&root, None).unwrap();
    assert_eq!(file, Some(root.join("goseam.toml")));
    let map = DomainMap::build(&root, &cfg, &root_module()).unwrap();
    assert_eq!(map.source(), DomainSource::Config);
    assert_eq!(
        map.names(),
        [
            "accounts",
            "admin",
            "billing",
            "notifications",
            "platform",
            "vault"
        ]
    );
    assert_eq!(
        map.domain_of("internal/billing/store/ledger.go"),
        Some("billing")
    );
    assert_eq!(
        map.domain_of("internal/platform/db/dbtest/dbtest.go"),
        Some("platform")
    );
    assert_eq!(
        map.domain_of("internal/accounts/store.go"),
        Some("accounts")
    );
    assert_eq!(
        map.domain_of("internal/vault/audit/audit.go"),
        Some("vault")
    );
    assert_eq!(
        map.domain_of("internal/notifications/mocks/mock_sender.go"),
        Some("notifications")
    );
    assert_eq!(
        map.domain_of("internal/admin/store/actions.go"),
        Some("admin")
    );
    // cmd/ is left unassigned on purpose.
    assert_eq!(map.domain_of("cmd/server/main.go"), None);
    assert_eq!(map.domain_of("cmd/worker/main.go"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Any CODEOWNERS text and any path: no panic, deterministic, and the
    /// answer is one of the declared names.
    #[test]
    fn codeowners_never_panics(
        text in "([a-z*?/\\\\!#\\[\\] \t@.]{0,12}( @[a-z/]{0,6}| [a-z]{1,3}@[a-z]{1,3}\\.com)*\r?\n){0,12}",
        path in "[a-z*?/.\\\\ ]{0,20}",
    ) {
        let a = codeowners(&text);
        let b = codeowners(&text);
        let got = a.domain_of(&path);
        prop_assert_eq!(got, b.domain_of(&path));
        if let Some(name) = got {
            prop_assert!(a.names().iter().any(|n| n == name));
        }
        for w in a.warnings() {
            prop_assert!(w.line <= text.lines().count());
        }
        let _ = a.summary([path.as_str()]);
    }

    /// Any unicode text is an answer too.
    #[test]
    fn codeowners_arbitrary_unicode(text in "\\PC{0,200}", path in "\\PC{0,40}") {
        let map = codeowners(&text);
        let _ = map.domain_of(&path);
    }

    /// The directory convention names a prefix of the path (or `.`).
    #[test]
    fn directory_names_are_prefixes(
        path in "[a-c]{1,2}(/[a-c]{1,2}){0,5}",
        depth in 1usize..4,
    ) {
        let modules = vec![
            (".".to_string(), "m".to_string()),
            ("a/b".to_string(), "m/ab".to_string()),
        ];
        let map = DomainMap::from_directories(depth, &modules).unwrap();
        let d = map.domain_of(&path).unwrap();
        prop_assert!(d == "." || (path.starts_with(d) && path.as_bytes().get(d.len()) == Some(&b'/')));
    }
}
