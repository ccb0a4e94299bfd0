//! The schema module: discovering, ordering and replaying migrations.
//!
//! Expectations are written by hand from the SQL in the fixtures and the
//! temp files below, not from the module's output.

use std::fs;
use std::path::{Path, PathBuf};

use goseam_analyzers::schema::{
    discover_migrations, is_down_migration, migration_statements, replay, split_statements,
    MigrationSource, OrderKey, Phase, ProblemKind, Schema, SchemaProblem, TableSchema, Version,
    MAX_MIGRATION_FILE_BYTES,
};
use goseam_analyzers::sql::{Dialect, DialectChoice};
use proptest::prelude::*;

const ANY: DialectChoice = DialectChoice::Any;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/fixtures/monolith")
}

/// Write `files` (relative path, contents) under a fresh temp dir.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

/// (name, type, not null) of every column.
fn cols(t: &TableSchema) -> Vec<(&str, &str, bool)> {
    t.columns
        .iter()
        .map(|c| (c.name.as_str(), c.data_type.as_str(), c.not_null))
        .collect()
}

fn col_names(t: &TableSchema) -> Vec<&str> {
    t.columns.iter().map(|c| c.name.as_str()).collect()
}

fn table_names(s: &Schema) -> Vec<&str> {
    s.tables.keys().map(String::as_str).collect()
}

fn kinds(problems: &[SchemaProblem]) -> Vec<(&str, Option<u32>, ProblemKind)> {
    problems
        .iter()
        .map(|p| (p.file.as_str(), p.line, p.kind))
        .collect()
}

fn run(files: &[(&str, &str)]) -> Schema {
    let dir = tree(files);
    discover_migrations(dir.path(), &[]).replay(ANY)
}

fn source(path: &str, statements: &[(u32, &str)]) -> MigrationSource {
    MigrationSource {
        path: path.to_string(),
        order_key: OrderKey::for_path(path),
        statements: statements
            .iter()
            .map(|(l, s)| (*l, s.to_string()))
            .collect(),
    }
}

// ---------------------------------------------------------------------------
// The monolith fixture
// ---------------------------------------------------------------------------

#[test]
fn fixture_migrations_replay_to_nine_tables() {
    let set = discover_migrations(&fixture_root(), &[]);
    assert_eq!(set.problems, vec![]);
    let paths: Vec<&str> = set.sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "migrations/0001_create_accounts.up.sql",
            "migrations/0002_create_invoices.up.sql",
            "migrations/0003_create_ledger_entries.up.sql",
            "migrations/0004_create_vault.up.sql",
            "migrations/0005_create_notification_log.up.sql",
            "migrations/0006_add_accounts_plan.up.sql",
            "migrations/0007_rename_ledger_memo.up.sql",
            "migrations/0008_create_admin_actions.up.sql",
            "migrations/0009_create_audit_archive.up.sql",
        ]
    );

    let s = set.replay(ANY);
    assert_eq!(s.problems, vec![]);
    assert_eq!(s.files, paths);
    assert!(s.dropped.is_empty());
    assert_eq!(
        table_names(&s),
        [
            "accounts",
            "admin_actions",
            "audit_archive",
            "invoice_items",
            "invoices",
            "ledger_entries",
            "notification_log",
            "vault_access_log",
            "vault_holds",
        ]
    );

    let t = &s.tables["accounts"];
    assert_eq!(
        cols(t),
        [
            ("id", "TEXT", true),
            ("email", "TEXT", true),
            ("display_name", "TEXT", true),
            ("phone", "TEXT", false),
            ("status", "TEXT", true),
            ("created_at", "TIMESTAMPTZ", true),
            ("updated_at", "TIMESTAMPTZ", true),
            ("plan", "TEXT", true),
        ]
    );
    assert_eq!(t.created_in, "migrations/0001_create_accounts.up.sql:1");
    assert!(t.columns_known);
    assert_eq!(
        t.history,
        [
            "migrations/0001_create_accounts.up.sql:1 create table",
            "migrations/0006_add_accounts_plan.up.sql:1 add column plan",
        ]
    );

    assert_eq!(
        cols(&s.tables["invoices"]),
        [
            ("id", "BIGSERIAL", true),
            ("account_id", "TEXT", true),
            ("status", "TEXT", true),
            ("total_cents", "BIGINT", true),
            ("due_at", "TIMESTAMPTZ", true),
            ("paid_at", "TIMESTAMPTZ", false),
            ("created_at", "TIMESTAMPTZ", true),
            ("updated_at", "TIMESTAMPTZ", true),
        ]
    );
    assert_eq!(
        cols(&s.tables["invoice_items"]),
        [
            ("id", "BIGSERIAL", true),
            ("invoice_id", "BIGINT", true),
            ("description", "TEXT", true),
            ("quantity", "BIGINT", true),
            ("unit_cents", "BIGINT", true),
        ]
    );
    assert_eq!(
        s.tables["invoice_items"].created_in,
        "migrations/0002_create_invoices.up.sql:16"
    );

    let t = &s.tables["ledger_entries"];
    assert_eq!(
        cols(t),
        [
            ("id", "BIGSERIAL", true),
            ("account_id", "TEXT", true),
            ("amount_cents", "BIGINT", true),
            ("kind", "TEXT", true),
            ("description", "TEXT", true),
            ("invoice_id", "BIGINT", false),
            ("created_at", "TIMESTAMPTZ", true),
        ]
    );
    // Two comment lines precede the CREATE TABLE.
    assert_eq!(
        t.created_in,
        "migrations/0003_create_ledger_entries.up.sql:3"
    );
    assert_eq!(
        t.history,
        [
            "migrations/0003_create_ledger_entries.up.sql:3 create table",
            "migrations/0007_rename_ledger_memo.up.sql:1 rename column memo to description",
        ]
    );

    assert_eq!(
        cols(&s.tables["vault_holds"]),
        [
            ("id", "BIGSERIAL", true),
            ("account_id", "TEXT", true),
            ("amount_cents", "BIGINT", true),
            ("reason", "TEXT", true),
            ("status", "TEXT", true),
            ("created_at", "TIMESTAMPTZ", true),
            ("resolved_at", "TIMESTAMPTZ", false),
        ]
    );
    assert_eq!(
        cols(&s.tables["vault_access_log"]),
        [
            ("account_id", "TEXT", true),
            ("hold_id", "BIGINT", false),
            ("action", "TEXT", true),
            ("actor", "TEXT", true),
            ("occurred_at", "TIMESTAMPTZ", true),
        ]
    );
    assert_eq!(
        s.tables["vault_access_log"].created_in,
        "migrations/0004_create_vault.up.sql:15"
    );
    assert_eq!(
        cols(&s.tables["notification_log"]),
        [
            ("id", "BIGSERIAL", true),
            ("account_id", "TEXT", true),
            ("channel", "TEXT", true),
            ("template", "TEXT", true),
            ("status", "TEXT", true),
            ("error", "TEXT", false),
            ("created_at", "TIMESTAMPTZ", true),
        ]
    );
    assert_eq!(
        cols(&s.tables["admin_actions"]),
        [
            ("id", "BIGSERIAL", true),
            ("actor", "TEXT", true),
            ("verb", "TEXT", true),
            ("target_kind", "TEXT", true),
            ("target_id", "TEXT", true),
            ("note", "TEXT", true),
            ("created_at", "TIMESTAMPTZ", true),
        ]
    );
    let t = &s.tables["audit_archive"];
    assert_eq!(
        cols(t),
        [
            ("id", "BIGINT", true),
            ("actor", "TEXT", true),
            ("verb", "TEXT", true),
            ("target_kind", "TEXT", true),
            ("target_id", "TEXT", true),
            ("note", "TEXT", true),
            ("created_at", "TIMESTAMPTZ", true),
            ("archived_at", "TIMESTAMPTZ", true),
        ]
    );
    assert_eq!(
        t.created_in,
        "migrations/0009_create_audit_archive.up.sql:3"
    );

    // 9 CREATE TABLE + 3 ALTER TABLE; 10 CREATE INDEX ignored.
    assert_eq!(s.statements.applied, 12);
    assert_eq!(s.statements.ignored, 10);
    assert_eq!(s.statements.failed, 0);
}

#[test]
fn fixture_replay_is_deterministic() {
    let a = discover_migrations(&fixture_root(), &[]).replay(ANY);
    let b = discover_migrations(&fixture_root(), &[]).replay(ANY);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

// ---------------------------------------------------------------------------
// Tool formats
// ---------------------------------------------------------------------------

const GOOSE: &str = "\
-- +goose Up
CREATE TABLE users (id INT PRIMARY KEY, name TEXT);
-- +goose StatementBegin
CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
ALTER TABLE users ADD COLUMN email TEXT NOT NULL;

-- +goose Down
-- +goose StatementBegin
DROP FUNCTION touch();
-- +goose StatementEnd
DROP TABLE users;
";

#[test]
fn goose_up_section_and_statement_blocks() {
    let (statements, problems) = migration_statements("db/migrations/00001_init.sql", GOOSE);
    assert_eq!(problems, vec![]);
    let lines: Vec<u32> = statements.iter().map(|s| s.0).collect();
    assert_eq!(lines, [2, 4, 11]);
    assert!(statements[1].1.starts_with("CREATE FUNCTION touch()"));
    assert!(statements[1]
        .1
        .contains("RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;"));

    let s = run(&[("db/migrations/00001_init.sql", GOOSE)]);
    assert_eq!(s.problems, vec![]);
    assert_eq!(table_names(&s), ["users"]);
    assert_eq!(
        cols(&s.tables["users"]),
        [
            ("id", "INT", true),
            ("name", "TEXT", false),
            ("email", "TEXT", true)
        ]
    );
    assert!(s.dropped.is_empty(), "the Down section is not applied");
    assert_eq!(s.files, ["db/migrations/00001_init.sql"]);
}

#[test]
fn goose_unbalanced_markers_are_problems() {
    let text = "-- +goose Up\nCREATE TABLE a (x INT);\n-- +goose StatementEnd\n\
                -- +goose StatementBegin\nCREATE TABLE b (y INT);\n";
    let (statements, problems) = migration_statements("m/1_a.sql", text);
    assert_eq!(
        statements,
        [
            (2, "CREATE TABLE a (x INT)".to_string()),
            (5, "CREATE TABLE b (y INT);".to_string())
        ]
    );
    assert_eq!(
        kinds(&problems),
        [
            ("m/1_a.sql", Some(3), ProblemKind::Markers),
            ("m/1_a.sql", Some(5), ProblemKind::Markers)
        ]
    );
}

#[test]
fn dbmate_sql_migrate_and_tern_markers() {
    let s = run(&[
        (
            "db/migrations/20240101000000_a.sql",
            "-- migrate:up\nCREATE TABLE a (x INT);\n\n-- migrate:down\nDROP TABLE a;\n",
        ),
        (
            "db/migrations/20240102000000_b.sql",
            "-- +migrate Up\nCREATE TABLE b (y INT);\n-- +migrate Down\nDROP TABLE b;\n",
        ),
        (
            "db/migrations/20240103000000_c.sql",
            "CREATE TABLE c (z INT);\n---- create above / drop below ----\nDROP TABLE c;\n",
        ),
    ]);
    assert_eq!(s.problems, vec![]);
    assert_eq!(table_names(&s), ["a", "b", "c"]);
    assert!(s.dropped.is_empty());
}

// ---------------------------------------------------------------------------
// Ordering
// ---------------------------------------------------------------------------

#[test]
fn versions_order_numerically_not_lexically() {
    let s = run(&[
        ("migrations/1_create.up.sql", "CREATE TABLE t (a INT);"),
        ("migrations/1_create.down.sql", "DROP TABLE t;"),
        ("migrations/2_add.up.sql", "ALTER TABLE t ADD COLUMN b INT;"),
        (
            "migrations/10_rename.up.sql",
            "ALTER TABLE t RENAME COLUMN b TO c;",
        ),
        (
            "migrations/10_rename.down.sql",
            "ALTER TABLE t RENAME COLUMN c TO b;",
        ),
    ]);
    assert_eq!(s.problems, vec![]);
    assert_eq!(
        s.files,
        [
            "migrations/1_create.up.sql",
            "migrations/2_add.up.sql",
            "migrations/10_rename.up.sql"
        ]
    );
    assert_eq!(col_names(&s.tables["t"]), ["a", "c"]);
}

#[test]
fn version_and_order_key_rules() {
    let v = |s: &str| Version::parse(s).unwrap();
    assert!(v("2") < v("10"));
    assert_eq!(v("0002"), v("2"));
    assert!(v("999") < v("20230101120000"));
    assert!(v("20230101120000") < v("20230101120001"));
    assert!(v("1.2") < v("1.10"));
    assert!(v("1") < v("1.0"));
    assert_eq!(v("1_2"), v("1.2"));
    assert_eq!(v("00000000000000000000000000000042").to_string(), "42");
    assert_eq!(Version::parse("1a"), None);
    assert_eq!(Version::parse(""), None);

    let k = OrderKey::for_path("migrations/0007_rename_ledger_memo.up.sql");
    assert_eq!(k.phase, Phase::Versioned);
    assert_eq!(k.sequence, "migrations");
    assert_eq!(k.version, Some(v("7")));
    assert_eq!(
        OrderKey::for_path("db/migrations/00005_backfill.go").version,
        Some(v("5"))
    );
    assert_eq!(
        OrderKey::for_path("sql/V1_2__init.sql").version,
        Some(v("1.2"))
    );
    assert_eq!(
        OrderKey::for_path("sql/R__views.sql").phase,
        Phase::Repeatable
    );
    assert_eq!(OrderKey::for_path("schema.sql").phase, Phase::Baseline);
    assert_eq!(OrderKey::for_path("schema.sql").sequence, "");
    assert_eq!(
        OrderKey::for_path("db/2fa_tables.sql").phase,
        Phase::Baseline
    );
    assert_eq!(OrderKey::for_path("db/001.sql").version, Some(v("1")));

    assert!(is_down_migration("migrations/0001_x.down.sql"));
    assert!(is_down_migration("migrations/0001_x.DOWN.sql"));
    assert!(is_down_migration("sql/U3__undo.sql"));
    assert!(!is_down_migration("migrations/0001_x.up.sql"));
    assert!(!is_down_migration("migrations/down.sql"));
    assert!(!is_down_migration("migrations/0001_slowdown.sql"));
}

#[test]
fn baseline_dump_applies_before_versioned_migrations() {
    // "migrations" sorts before "schema" by path, but the unversioned dump is
    // the baseline the migrations alter.
    let s = run(&[
        ("schema/schema.sql", "CREATE TABLE base (id INT NOT NULL);"),
        (
            "migrations/0001_more.up.sql",
            "ALTER TABLE base ADD COLUMN extra TEXT;",
        ),
        (
            "migrations/R__later.sql",
            "ALTER TABLE base ADD COLUMN last TEXT;",
        ),
    ]);
    assert_eq!(s.problems, vec![]);
    assert_eq!(
        s.files,
        [
            "schema/schema.sql",
            "migrations/0001_more.up.sql",
            "migrations/R__later.sql"
        ]
    );
    assert_eq!(col_names(&s.tables["base"]), ["id", "extra", "last"]);
}

#[test]
fn duplicate_versions_are_reported_and_both_apply() {
    let s = run(&[
        ("migrations/0003_a.up.sql", "CREATE TABLE a (x INT);"),
        ("migrations/0003_b.up.sql", "CREATE TABLE b (x INT);"),
        ("migrations/3_c.up.sql", "CREATE TABLE c (x INT);"),
        // Another sequence may reuse the number.
        ("other/migrations/0003_d.up.sql", "CREATE TABLE d (x INT);"),
    ]);
    assert_eq!(
        kinds(&s.problems),
        [
            (
                "migrations/0003_b.up.sql",
                None,
                ProblemKind::DuplicateVersion
            ),
            ("migrations/3_c.up.sql", None, ProblemKind::DuplicateVersion),
        ]
    );
    assert!(s.problems[0].error.contains("migrations/0003_a.up.sql"));
    assert_eq!(table_names(&s), ["a", "b", "c", "d"]);
}

#[test]
fn go_sourced_statements_replay_at_their_version() {
    let dir = tree(&[
        ("migrations/0001_create.up.sql", "CREATE TABLE t (a INT);"),
        (
            "migrations/0003_rename.up.sql",
            "ALTER TABLE t RENAME COLUMN g TO h;",
        ),
    ]);
    let mut set = discover_migrations(dir.path(), &[]);
    set.sources.push(source(
        "migrations/0002_backfill.go",
        &[(
            14,
            "ALTER TABLE t ADD COLUMN g BIGINT; CREATE INDEX t_g ON t (g)",
        )],
    ));
    let s = set.replay(ANY);
    assert_eq!(s.problems, vec![]);
    assert_eq!(
        s.files,
        [
            "migrations/0001_create.up.sql",
            "migrations/0002_backfill.go",
            "migrations/0003_rename.up.sql"
        ]
    );
    assert_eq!(
        cols(&s.tables["t"]),
        [("a", "INT", false), ("h", "BIGINT", false)]
    );
    assert_eq!(
        s.tables["t"].history[1],
        "migrations/0002_backfill.go:14 add column g"
    );
    assert_eq!(s.statements.ignored, 1);
}

// ---------------------------------------------------------------------------
// Replay semantics
// ---------------------------------------------------------------------------

#[test]
fn rename_table_keeps_history_under_the_new_name() {
    let s = run(&[
        (
            "migrations/0001_a.up.sql",
            "CREATE TABLE old_name (id INT);",
        ),
        (
            "migrations/0002_b.up.sql",
            "ALTER TABLE old_name RENAME TO new_name;\nALTER TABLE new_name ADD COLUMN x TEXT;",
        ),
        (
            "migrations/0003_c.up.sql",
            "CREATE TABLE app.items (id INT);\nALTER TABLE app.items RENAME TO goods;",
        ),
    ]);
    assert_eq!(s.problems, vec![]);
    assert_eq!(table_names(&s), ["app.goods", "new_name"]);
    let t = &s.tables["new_name"];
    assert_eq!(t.name, "new_name");
    assert_eq!(t.created_in, "migrations/0001_a.up.sql:1");
    assert_eq!(col_names(t), ["id", "x"]);
    assert_eq!(
        t.history,
        [
            "migrations/0001_a.up.sql:1 create table",
            "migrations/0002_b.up.sql:1 rename table old_name to new_name",
            "migrations/0002_b.up.sql:2 add column x",
        ]
    );
}

#[test]
fn names_match_ignoring_case_of_unquoted_identifiers() {
    let s = run(&[
        ("migrations/0001_a.up.sql", "CREATE TABLE Users (ID INT);"),
        (
            "migrations/0002_b.up.sql",
            "ALTER TABLE users ADD COLUMN \"Email\" TEXT;\n\
             ALTER TABLE \"users\" RENAME COLUMN id TO user_id;\n\
             ALTER TABLE USERS DROP COLUMN email;",
        ),
    ]);
    // `"Email"` is quoted, so the unquoted `email` is another column.
    assert_eq!(
        kinds(&s.problems),
        [(
            "migrations/0002_b.up.sql",
            Some(3),
            ProblemKind::UnknownColumn
        )]
    );
    assert_eq!(table_names(&s), ["Users"]);
    assert_eq!(col_names(&s.tables["Users"]), ["user_id", "Email"]);
    assert_eq!(s.table("users").map(|t| t.name.as_str()), Some("Users"));
    assert!(s.table("accounts").is_none());
}

#[test]
fn drop_table_moves_it_to_dropped() {
    let s = run(&[
        (
            "migrations/0001_a.up.sql",
            "CREATE TABLE t (a INT, b TEXT);",
        ),
        ("migrations/0002_b.up.sql", "-- gone\nDROP TABLE t;"),
        (
            "migrations/0003_c.up.sql",
            "CREATE TABLE t (z INT);\nDROP TABLE IF EXISTS nothing;",
        ),
        ("migrations/0004_d.up.sql", "DROP TABLE nothing;"),
    ]);
    assert_eq!(
        kinds(&s.problems),
        [(
            "migrations/0004_d.up.sql",
            Some(1),
            ProblemKind::UnknownTable
        )]
    );
    assert_eq!(s.dropped.len(), 1);
    let d = &s.dropped[0];
    assert_eq!(d.name, "t");
    assert_eq!(d.dropped_in, "migrations/0002_b.up.sql:2");
    assert_eq!(col_names(&d.table), ["a", "b"]);
    assert_eq!(
        d.table.history.last().map(String::as_str),
        Some("migrations/0002_b.up.sql:2 drop table")
    );
    // Created again later.
    assert_eq!(col_names(&s.tables["t"]), ["z"]);
    assert_eq!(s.tables["t"].created_in, "migrations/0003_c.up.sql:1");
}

#[test]
fn drop_alter_and_rename_columns() {
    let s = run(&[
        (
            "migrations/0001_a.up.sql",
            "CREATE TABLE t (a INT, b INT, c VARCHAR(10));",
        ),
        (
            "migrations/0002_b.up.sql",
            "ALTER TABLE t DROP COLUMN b;\n\
             ALTER TABLE t DROP COLUMN IF EXISTS missing;\n\
             ALTER TABLE t ALTER COLUMN a SET NOT NULL;\n\
             ALTER TABLE t ALTER COLUMN c TYPE TEXT;\n\
             ALTER TABLE t DROP COLUMN missing;\n\
             ALTER TABLE t ADD COLUMN a INT;\n\
             ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT;\n\
             ALTER TABLE t RENAME COLUMN nope TO yes;\n\
             ALTER TABLE nowhere ADD COLUMN x INT;\n\
             ALTER TABLE IF EXISTS nowhere ADD COLUMN x INT;",
        ),
    ]);
    assert_eq!(
        kinds(&s.problems),
        [
            (
                "migrations/0002_b.up.sql",
                Some(5),
                ProblemKind::UnknownColumn
            ),
            (
                "migrations/0002_b.up.sql",
                Some(6),
                ProblemKind::AlreadyExists
            ),
            (
                "migrations/0002_b.up.sql",
                Some(8),
                ProblemKind::UnknownColumn
            ),
            (
                "migrations/0002_b.up.sql",
                Some(9),
                ProblemKind::UnknownTable
            ),
        ]
    );
    assert_eq!(
        cols(&s.tables["t"]),
        [("a", "INT", true), ("c", "TEXT", false)]
    );
}

#[test]
fn mysql_change_modify_positions_and_rename_table() {
    let dir = tree(&[(
        "migrations/0001_a.up.sql",
        "CREATE TABLE `t` (`a` INT, b INT, PRIMARY KEY (`a`)) ENGINE=InnoDB;\n\
         ALTER TABLE t ADD COLUMN c INT FIRST;\n\
         ALTER TABLE t CHANGE b bb BIGINT NOT NULL;\n\
         ALTER TABLE t MODIFY COLUMN c VARCHAR(20) AFTER bb;\n\
         INSERT INTO t VALUES (1, 'it\\'s; fine', 2);\n\
         RENAME TABLE t TO u;",
    )]);
    let s = discover_migrations(dir.path(), &[]).replay(DialectChoice::Only(Dialect::MySql));
    assert_eq!(s.problems, vec![]);
    assert_eq!(table_names(&s), ["u"]);
    assert_eq!(
        cols(&s.tables["u"]),
        [
            ("a", "INT", true),
            ("bb", "BIGINT", true),
            ("c", "VARCHAR(20)", false)
        ]
    );
    assert_eq!(s.statements.ignored, 1);
}

#[test]
fn create_table_variants() {
    let s = run(&[(
        "migrations/0001_a.up.sql",
        "CREATE TABLE a (x INT NOT NULL, y TEXT);\n\
         CREATE TABLE IF NOT EXISTS a (other INT);\n\
         CREATE TABLE a (again INT);\n\
         CREATE TABLE snap AS SELECT x FROM a;\n\
         CREATE TABLE copy (LIKE a);\n\
         CREATE TEMPORARY TABLE scratch (q INT);\n\
         CREATE VIEW v AS SELECT x FROM a;\n\
         CREATE VIRTUAL TABLE docs USING fts5(body);\n\
         COMMENT ON TABLE a IS 'x; y';",
    )]);
    assert_eq!(
        kinds(&s.problems),
        [(
            "migrations/0001_a.up.sql",
            Some(3),
            ProblemKind::AlreadyExists
        )]
    );
    assert_eq!(table_names(&s), ["a", "copy", "docs", "snap"]);
    assert_eq!(
        cols(&s.tables["a"]),
        [("x", "INT", true), ("y", "TEXT", false)]
    );
    assert!(s.tables["a"].columns_known);
    assert!(!s.tables["snap"].columns_known);
    assert!(!s.tables["docs"].columns_known);
    assert_eq!(cols(&s.tables["copy"]), cols(&s.tables["a"]));
    assert!(s.tables["copy"].columns_known);
    // The temporary table, the view and the comment.
    assert_eq!(s.statements.ignored, 3);
    assert_eq!(s.statements.applied, 6);
}

#[test]
fn unparsable_statement_is_a_problem_and_replay_continues() {
    let s = run(&[(
        "migrations/0001_a.up.sql",
        "CREATE TABLE a (id INT);\n\
         CREATE TABLE b (id INT, THIS IS NOT (( SQL;\n\
         FLORP BLARG 'quoted ; semicolon';\n\
         ALTER TABLE a ADD COLUMN name TEXT;\n\
         CREATE TABLE c (x INT);\n\
         ALTER TABLE b ADD COLUMN late INT;",
    )]);
    assert_eq!(
        kinds(&s.problems),
        [
            ("migrations/0001_a.up.sql", Some(2), ProblemKind::Parse),
            ("migrations/0001_a.up.sql", Some(3), ProblemKind::Parse),
        ]
    );
    assert_eq!(table_names(&s), ["a", "b", "c"]);
    assert_eq!(col_names(&s.tables["a"]), ["id", "name"]);
    // The table whose CREATE did not parse exists, columns unknown.
    let b = &s.tables["b"];
    assert!(!b.columns_known);
    assert_eq!(b.created_in, "migrations/0001_a.up.sql:2");
    assert_eq!(col_names(b), ["late"]);
    assert_eq!(s.statements.failed, 2);
}

#[test]
fn unterminated_comment_is_a_problem_not_silence() {
    let s = run(&[(
        "migrations/0001_a.up.sql",
        "CREATE TABLE a (x INT); /* oops\nCREATE TABLE b (y INT);",
    )]);
    assert_eq!(
        kinds(&s.problems),
        [("migrations/0001_a.up.sql", Some(1), ProblemKind::Parse)]
    );
    assert_eq!(table_names(&s), ["a"]);
}

#[test]
fn too_deep_nesting_is_a_problem_not_a_crash() {
    let deep = format!(
        "CREATE TABLE t (x INT CHECK ({}1{}));\nCREATE TABLE u (y INT);",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let s = run(&[("migrations/0001_a.up.sql", &deep)]);
    assert_eq!(
        kinds(&s.problems),
        [("migrations/0001_a.up.sql", Some(1), ProblemKind::Parse)]
    );
    assert_eq!(table_names(&s), ["t", "u"]);
    assert!(!s.tables["t"].columns_known);
}

// ---------------------------------------------------------------------------
// Splitting
// ---------------------------------------------------------------------------

#[test]
fn splitter_respects_quotes_comments_and_dollar_quotes() {
    let text = "\
-- leading comment; not a statement
CREATE TABLE a (s TEXT DEFAULT 'x;y', \"we;ird\" INT); /* c; */
INSERT INTO a VALUES ('it''s;');
CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
SELECT E'a\\';b';
/* only
   a comment; */
;;
SELECT 2";
    let got = split_statements(text, 1);
    let lines: Vec<u32> = got.iter().map(|g| g.0).collect();
    assert_eq!(lines, [2, 3, 4, 5, 9]);
    assert_eq!(
        got[0].1,
        "CREATE TABLE a (s TEXT DEFAULT 'x;y', \"we;ird\" INT)"
    );
    assert_eq!(
        got[2].1,
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql"
    );
    assert_eq!(got[3].1, "SELECT E'a\\';b'");
}

#[test]
fn splitter_keeps_trigger_bodies_and_honours_delimiter() {
    let text = "\
CREATE TRIGGER t AFTER INSERT ON a BEGIN
  UPDATE b SET n = CASE WHEN 1 THEN 2 END;
  INSERT INTO c VALUES (1);
END;
DELIMITER //
CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//
DELIMITER ;
CREATE TABLE z (x INT);";
    let got = split_statements(text, 10);
    let lines: Vec<u32> = got.iter().map(|g| g.0).collect();
    assert_eq!(lines, [10, 15, 17]);
    assert!(got[0].1.ends_with("VALUES (1);\nEND"));
    assert_eq!(
        got[1].1,
        "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END"
    );
}

// ---------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------

#[test]
fn discovery_rules() {
    let dir = tree(&[
        ("migrations/0001_a.up.sql", "CREATE TABLE a (x INT);"),
        ("migrations/0001_a.down.sql", "this is never read ((("),
        ("db/structure.sql", "CREATE TABLE dump (x INT);"),
        (
            "services/billing/schema/tables.sql",
            "CREATE TABLE billing (x INT);",
        ),
        ("queries/users.sql", "SELECT * FROM nope;"),
        (
            "vendor/x/migrations/0001_v.up.sql",
            "CREATE TABLE vendored (x INT);",
        ),
        (
            "testdata/migrations/0001_t.up.sql",
            "CREATE TABLE testdata (x INT);",
        ),
        (
            ".hidden/migrations/0001_h.up.sql",
            "CREATE TABLE hidden (x INT);",
        ),
        ("_old/migrations/0001_o.up.sql", "CREATE TABLE old (x INT);"),
        (
            "node_modules/migrations/0001_n.up.sql",
            "CREATE TABLE node (x INT);",
        ),
        ("migrations/README.md", "not sql"),
        (
            "MIGRATIONS/0002_UPPER.UP.SQL",
            "CREATE TABLE upper (x INT);",
        ),
    ]);
    let set = discover_migrations(dir.path(), &[]);
    assert_eq!(set.problems, vec![]);
    let paths: Vec<&str> = set.sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "MIGRATIONS/0002_UPPER.UP.SQL",
            "db/structure.sql",
            "migrations/0001_a.up.sql",
            "services/billing/schema/tables.sql",
        ]
    );
    let s = set.replay(ANY);
    assert_eq!(table_names(&s), ["a", "billing", "dump", "upper"]);
    // Baselines first, then each sequence in path order.
    assert_eq!(
        s.files,
        [
            "db/structure.sql",
            "services/billing/schema/tables.sql",
            "MIGRATIONS/0002_UPPER.UP.SQL",
            "migrations/0001_a.up.sql",
        ]
    );
}

#[test]
fn configured_schema_paths() {
    let dir = tree(&[
        ("migrations/0001_auto.up.sql", "CREATE TABLE auto (x INT);"),
        ("db/sql/001_init.sql", "CREATE TABLE configured (x INT);"),
        (
            "db/sql/nested/002_more.sql",
            "ALTER TABLE configured ADD COLUMN y INT;",
        ),
        ("db/sql/notes.txt", "not sql"),
        ("extra/tables.ddl", "CREATE TABLE named_file (x INT);"),
    ]);
    let paths = [
        "./db/sql/".to_string(),
        "extra/tables.ddl".to_string(),
        "db/sql".to_string(),
        "../outside".to_string(),
        "/etc".to_string(),
        "missing/dir".to_string(),
    ];
    let set = discover_migrations(dir.path(), &paths);
    assert_eq!(
        kinds(&set.problems),
        [
            ("../outside", None, ProblemKind::BadSchemaPath),
            ("/etc", None, ProblemKind::BadSchemaPath),
            ("missing/dir", None, ProblemKind::BadSchemaPath),
        ]
    );
    let found: Vec<&str> = set.sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        found,
        [
            "db/sql/001_init.sql",
            "db/sql/nested/002_more.sql",
            "extra/tables.ddl"
        ]
    );
    let s = set.replay(ANY);
    assert_eq!(table_names(&s), ["configured", "named_file"]);
    assert_eq!(col_names(&s.tables["configured"]), ["x", "y"]);
}

#[test]
fn unreadable_files_are_problems() {
    let dir = tree(&[
        ("migrations/0001_ok.up.sql", "CREATE TABLE ok (x INT);"),
        (
            "migrations/0003_after.up.sql",
            "ALTER TABLE ok ADD COLUMN y INT;",
        ),
    ]);
    let m = dir.path().join("migrations");
    fs::write(m.join("0002_binary.up.sql"), [0xff, 0xfe, 0x00, 0x01, b'C']).unwrap();
    fs::write(m.join("0004_nul.up.sql"), b"CREATE TABLE n (x INT);\0\0").unwrap();
    let big = fs::File::create(m.join("0005_big.up.sql")).unwrap();
    big.set_len(MAX_MIGRATION_FILE_BYTES + 1).unwrap();
    drop(big);

    let s = discover_migrations(dir.path(), &[]).replay(ANY);
    assert_eq!(
        kinds(&s.problems),
        [
            ("migrations/0002_binary.up.sql", None, ProblemKind::NotUtf8),
            ("migrations/0004_nul.up.sql", None, ProblemKind::Binary),
            ("migrations/0005_big.up.sql", None, ProblemKind::TooLarge),
        ]
    );
    for p in &s.problems {
        assert!(!p.error.contains(dir.path().to_str().unwrap()));
    }
    assert_eq!(table_names(&s), ["ok"]);
    assert_eq!(col_names(&s.tables["ok"]), ["x", "y"]);
}

#[cfg(unix)]
#[test]
fn symlinked_directories_are_not_followed() {
    let dir = tree(&[("real/migrations/0001_a.up.sql", "CREATE TABLE a (x INT);")]);
    std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
    // A loop: following it would never end.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("real/migrations/loop")).unwrap();
    let set = discover_migrations(dir.path(), &[]);
    assert_eq!(set.problems, vec![]);
    let paths: Vec<&str> = set.sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, ["real/migrations/0001_a.up.sql"]);
}

#[test]
fn unreadable_root_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let set = discover_migrations(&dir.path().join("does-not-exist"), &[]);
    assert!(set.sources.is_empty());
    assert_eq!(kinds(&set.problems), [(".", None, ProblemKind::Unreadable)]);
}

// ---------------------------------------------------------------------------
// Never panics
// ---------------------------------------------------------------------------

const FRAGMENTS: &[&str] = &[
    "CREATE",
    "TABLE",
    "ALTER",
    "DROP",
    "RENAME",
    "TO",
    "COLUMN",
    "ADD",
    "IF",
    "NOT",
    "EXISTS",
    "t",
    "u",
    "\"Q\"",
    "`b`",
    "public.",
    "x",
    "INT",
    "TEXT",
    "(",
    ")",
    ",",
    ";",
    "'",
    "''",
    "$$",
    "$a$",
    "--",
    "/*",
    "*/",
    "\n",
    " ",
    "BEGIN",
    "END",
    "CASE",
    "TRIGGER",
    "DELIMITER",
    "//",
    "E'",
    "\\",
    "AS",
    "SELECT",
    "LIKE",
    "FIRST",
    "AFTER",
    "CHANGE",
    "MODIFY",
    "PRIMARY KEY",
    "-- +goose Up\n",
    "-- +goose StatementBegin\n",
    "-- +goose StatementEnd\n",
    "é",
    "\u{feff}",
];

fn soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..60)
        .prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn replay_never_panics_on_arbitrary_strings(
        statements in proptest::collection::vec((0u32..1000, ".{0,120}"), 0..6),
    ) {
        let src = MigrationSource {
            path: "migrations/0001_x.up.sql".to_string(),
            order_key: OrderKey::for_path("migrations/0001_x.up.sql"),
            statements,
        };
        for d in [ANY, DialectChoice::Only(Dialect::MySql), DialectChoice::Only(Dialect::Sqlite)] {
            let _ = replay(std::slice::from_ref(&src), d);
        }
    }

    #[test]
    fn replay_never_panics_on_sql_soup(texts in proptest::collection::vec(soup(), 1..5)) {
        let sources: Vec<MigrationSource> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = format!("migrations/{i}_x.sql");
                let (statements, _) = migration_statements(&path, t);
                MigrationSource { order_key: OrderKey::for_path(&path), path, statements }
            })
            .collect();
        let _ = replay(&sources, ANY);
        for t in &texts {
            let _ = split_statements(t, u32::MAX - 3);
            let _ = replay(&[source("a.sql", &[(u32::MAX, t)])], ANY);
        }
    }
}
