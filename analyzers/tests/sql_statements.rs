//! Table-driven tests for `goseam_analyzers::sql::analyze_statement`: exact
//! facts per dialect, the token-scan fallback, NotSql, and no-panic
//! properties.

use goseam_analyzers::sql::{
    analyze_statement, Access, Dialect, DialectChoice, NotSql, Operation, StatementFacts, TableRef,
};
use proptest::prelude::*;

const PG: DialectChoice = DialectChoice::Only(Dialect::Postgres);
const MY: DialectChoice = DialectChoice::Only(Dialect::MySql);
const LITE: DialectChoice = DialectChoice::Only(Dialect::Sqlite);
const ANY: DialectChoice = DialectChoice::Any;

fn r(name: &str) -> TableRef {
    TableRef {
        name: name.to_string(),
        access: Access::Read,
    }
}

fn w(name: &str) -> TableRef {
    TableRef {
        name: name.to_string(),
        access: Access::Write,
    }
}

/// Facts from a successful parse.
fn parsed(op: Operation, tables: &[TableRef], cols: &[&str], dialect: Dialect) -> StatementFacts {
    StatementFacts {
        operation: op,
        tables: tables.to_vec(),
        columns_written: cols.iter().map(|c| c.to_string()).collect(),
        parsed: true,
        dialect: Some(dialect),
        error: None,
    }
}

/// Facts from the token scan, with the first dialect's parser error.
fn scanned(op: Operation, tables: &[TableRef], cols: &[&str], error: &str) -> StatementFacts {
    StatementFacts {
        operation: op,
        tables: tables.to_vec(),
        columns_written: cols.iter().map(|c| c.to_string()).collect(),
        parsed: false,
        dialect: None,
        error: Some(error.to_string()),
    }
}

use Dialect::{MySql, Postgres, Sqlite};
use Operation::*;

fn cases() -> Vec<(&'static str, DialectChoice, StatementFacts)> {
    vec![
        // ---- Postgres ----
        (
            "SELECT u.id FROM public.users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1",
            PG,
            parsed(Select, &[r("orders"), r("public.users")], &[], Postgres),
        ),
        (
            r#"SELECT "u"."id" FROM "public"."Users" AS "u" WHERE id = ANY($1::bigint[])"#,
            PG,
            parsed(Select, &[r("public.Users")], &[], Postgres),
        ),
        (
            "SELECT a::text FROM t WHERE b = :b AND c = @c AND d = ? LIMIT $1 OFFSET $2",
            PG,
            parsed(Select, &[r("t")], &[], Postgres),
        ),
        (
            "INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()",
            PG,
            parsed(Upsert, &[w("users")], &["id", "name", "updated_at"], Postgres),
        ),
        (
            "INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            PG,
            parsed(Upsert, &[w("users")], &["id", "name"], Postgres),
        ),
        (
            "INSERT INTO t SELECT * FROM s WHERE s.id IN (SELECT id FROM keep)",
            PG,
            parsed(Insert, &[r("keep"), r("s"), w("t")], &[], Postgres),
        ),
        (
            "MERGE INTO accounts a USING staging s ON a.id = s.id WHEN MATCHED THEN UPDATE SET balance = s.balance WHEN NOT MATCHED THEN INSERT (id, balance) VALUES (s.id, s.balance)",
            PG,
            parsed(Merge, &[w("accounts"), r("staging")], &["balance", "id"], Postgres),
        ),
        (
            "COPY users FROM STDIN",
            PG,
            parsed(Copy, &[w("users")], &[], Postgres),
        ),
        (
            "COPY users (id, name) FROM '/tmp/users.csv' WITH (FORMAT csv)",
            PG,
            parsed(Copy, &[w("users")], &["id", "name"], Postgres),
        ),
        (
            "COPY users TO STDOUT",
            PG,
            parsed(Copy, &[r("users")], &[], Postgres),
        ),
        (
            "COPY (SELECT * FROM users JOIN orders ON true) TO STDOUT",
            PG,
            parsed(Copy, &[r("orders"), r("users")], &[], Postgres),
        ),
        (
            "TRUNCATE TABLE users, audit.events",
            PG,
            parsed(Truncate, &[w("audit.events"), w("users")], &[], Postgres),
        ),
        (
            "UPDATE users SET name = s.name FROM users_staging s WHERE users.id = s.id",
            PG,
            parsed(Update, &[w("users"), r("users_staging")], &["name"], Postgres),
        ),
        (
            "UPDATE users SET n = (SELECT count(*) FROM users), (a, b) = (1, 2) WHERE id = 1",
            PG,
            parsed(Update, &[r("users"), w("users")], &["a", "b", "n"], Postgres),
        ),
        (
            "DELETE FROM users USING banned b WHERE users.id = b.user_id",
            PG,
            parsed(Delete, &[r("banned"), w("users")], &[], Postgres),
        ),
        (
            "WITH x AS (SELECT id FROM a) INSERT INTO t SELECT id FROM x",
            PG,
            parsed(Insert, &[r("a"), w("t")], &[], Postgres),
        ),
        (
            "WITH d AS (DELETE FROM a WHERE id = 1 RETURNING *) INSERT INTO archive SELECT * FROM d",
            PG,
            parsed(Insert, &[w("a"), w("archive")], &[], Postgres),
        ),
        (
            "WITH d AS (DELETE FROM a RETURNING *) SELECT * FROM d",
            PG,
            parsed(Select, &[w("a")], &[], Postgres),
        ),
        (
            "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT * FROM t",
            PG,
            parsed(Select, &[], &[], Postgres),
        ),
        (
            "SELECT * FROM generate_series(1, 10) g, users",
            PG,
            parsed(Select, &[r("users")], &[], Postgres),
        ),
        (
            "SELECT extract(year FROM created_at) FROM users FOR UPDATE SKIP LOCKED",
            PG,
            parsed(Select, &[r("users")], &[], Postgres),
        ),
        (
            "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, name text)",
            PG,
            parsed(Ddl, &[w("users")], &[], Postgres),
        ),
        (
            "ALTER TABLE users ADD COLUMN email text",
            PG,
            parsed(Ddl, &[w("users")], &[], Postgres),
        ),
        (
            "DROP TABLE IF EXISTS users, orders",
            PG,
            parsed(Ddl, &[w("orders"), w("users")], &[], Postgres),
        ),
        (
            "CREATE INDEX CONCURRENTLY idx_users_email ON users (email)",
            PG,
            parsed(Ddl, &[w("users")], &[], Postgres),
        ),
        (
            "DROP INDEX idx_users_email",
            PG,
            parsed(Ddl, &[], &[], Postgres),
        ),
        (
            "CREATE VIEW active_users AS SELECT * FROM users WHERE active",
            PG,
            parsed(Ddl, &[w("active_users"), r("users")], &[], Postgres),
        ),
        (
            "-- leading comment\nSELECT 1; INSERT INTO t (a) VALUES (1); UPDATE u SET b = 2;",
            PG,
            parsed(Select, &[w("t"), w("u")], &["a", "b"], Postgres),
        ),
        // ---- MySQL ----
        (
            "SELECT * FROM `users` WHERE id = ?",
            MY,
            parsed(Select, &[r("users")], &[], MySql),
        ),
        (
            "SELECT * FROM users WHERE id = :id AND email = @email",
            MY,
            parsed(Select, &[r("users")], &[], MySql),
        ),
        (
            "INSERT INTO users (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), hits = hits + 1",
            MY,
            parsed(Upsert, &[w("users")], &["hits", "id", "name"], MySql),
        ),
        (
            "REPLACE INTO users (id, name) VALUES (?, ?)",
            MY,
            parsed(Replace, &[w("users")], &["id", "name"], MySql),
        ),
        (
            "DELETE u FROM users u JOIN banned b ON b.user_id = u.id",
            MY,
            parsed(Delete, &[r("banned"), w("users")], &[], MySql),
        ),
        (
            "UPDATE users u JOIN orders o ON o.user_id = u.id SET u.total = o.total",
            MY,
            parsed(Update, &[r("orders"), w("users")], &["total"], MySql),
        ),
        (
            "INSERT INTO users SET name = 'x', email = ?",
            MY,
            parsed(Insert, &[w("users")], &["email", "name"], MySql),
        ),
        (
            "TRUNCATE users",
            MY,
            parsed(Truncate, &[w("users")], &[], MySql),
        ),
        (
            "SELECT * FROM users FORCE INDEX (idx_email) WHERE id IN (SELECT user_id FROM orders WHERE total > (SELECT avg(total) FROM orders))",
            MY,
            parsed(Select, &[r("orders"), r("users")], &[], MySql),
        ),
        (
            "INSERT INTO shop.orders (id) VALUES (?) AS new ON DUPLICATE KEY UPDATE id = new.id",
            MY,
            parsed(Upsert, &[w("shop.orders")], &["id"], MySql),
        ),
        // ---- SQLite ----
        (
            "SELECT * FROM users WHERE id = ?",
            LITE,
            parsed(Select, &[r("users")], &[], Sqlite),
        ),
        (
            "SELECT * FROM users WHERE id = :id AND x = @x AND y = $1",
            LITE,
            parsed(Select, &[r("users")], &[], Sqlite),
        ),
        (
            "INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            LITE,
            parsed(Upsert, &[w("users")], &["id", "name"], Sqlite),
        ),
        (
            "INSERT INTO kv (k, v) VALUES (?1, ?2) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
            LITE,
            parsed(Upsert, &[w("kv")], &["k", "v"], Sqlite),
        ),
        (
            "INSERT OR REPLACE INTO users (id, name) VALUES (?, ?)",
            LITE,
            parsed(Replace, &[w("users")], &["id", "name"], Sqlite),
        ),
        (
            "REPLACE INTO users (id, name) VALUES (?, ?)",
            LITE,
            parsed(Replace, &[w("users")], &["id", "name"], Sqlite),
        ),
        (
            "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE deleted = 1)",
            LITE,
            parsed(Delete, &[w("sessions"), r("users")], &[], Sqlite),
        ),
        (
            "UPDATE users SET name = ? WHERE id = ?",
            LITE,
            parsed(Update, &[w("users")], &["name"], Sqlite),
        ),
        // ---- Any: first dialect that parses ----
        (
            "SELECT * FROM `users` WHERE id = ?",
            ANY,
            parsed(Select, &[r("users")], &[], MySql),
        ),
        (
            "select * from users where id = $1",
            ANY,
            parsed(Select, &[r("users")], &[], Postgres),
        ),
        // ---- Token-scan fallback ----
        (
            // Go fmt verb as the table name: no table.
            "SELECT * FROM %s WHERE id = $1",
            PG,
            scanned(Select, &[], &[], "sql parser error: Expected: identifier, found: % at Line: 1, Column: 15"),
        ),
        (
            // Unbalanced parenthesis.
            "DELETE FROM sessions WHERE expires_at < now() AND user_id IN (SELECT id FROM users WHERE deleted",
            ANY,
            scanned(Delete, &[w("sessions"), r("users")], &[], "sql parser error: Expected: ), found: EOF"),
        ),
        (
            // CockroachDB UPSERT: no sqlparser dialect knows it.
            "UPSERT INTO users (id, name) VALUES ($1, $2)",
            ANY,
            scanned(Upsert, &[w("users")], &["id", "name"], "sql parser error: Expected: an SQL statement, found: UPSERT at Line: 1, Column: 1"),
        ),
        (
            // Oracle RETURNING ... INTO :bind: the bind is not a table.
            "INSERT INTO t (a) VALUES (1) RETURNING id INTO :out",
            ANY,
            scanned(Insert, &[w("t")], &["a"], "sql parser error: Expected: end of statement, found: INTO at Line: 1, Column: 43"),
        ),
        (
            // Templated table name: not reported.
            "INSERT INTO audit_%s (a, b) VALUES (1, 2)",
            ANY,
            scanned(Insert, &[], &[], "sql parser error: Expected: SELECT, VALUES, or a subquery in the query body, found: % at Line: 1, Column: 19"),
        ),
        (
            // FROM inside extract(), JOIN ... USING (col).
            "SELECT u.name, extract(year FROM u.created_at) FROM users u LEFT JOIN orders o USING (user_id) WHERE u.name = %q",
            ANY,
            scanned(Select, &[r("orders"), r("users")], &[], "sql parser error: Expected: an expression, found: % at Line: 1, Column: 111"),
        ),
        (
            // CTE name is not a table.
            "WITH recent AS (SELECT * FROM orders WHERE ts > %d) SELECT * FROM recent JOIN customers c ON c.id = recent.cid",
            ANY,
            scanned(Select, &[r("customers"), r("orders")], &[], "sql parser error: Expected: an expression, found: % at Line: 1, Column: 49"),
        ),
        (
            "WITH moved AS (DELETE FROM queue WHERE id = %d RETURNING *) INSERT INTO done SELECT * FROM moved",
            PG,
            scanned(Insert, &[w("done"), w("queue")], &[], "sql parser error: Expected: an expression, found: % at Line: 1, Column: 45"),
        ),
        (
            "MERGE INTO inventory t USING (SELECT * FROM shipments WHERE day = %s) s ON t.sku = s.sku WHEN MATCHED THEN UPDATE SET qty = t.qty + s.qty",
            ANY,
            scanned(Merge, &[w("inventory"), r("shipments")], &[], "sql parser error: Expected: joined table, found: FROM at Line: 1, Column: 40"),
        ),
        (
            "REPLACE INTO kv (k, v) VALUES (?, ?) %s",
            ANY,
            scanned(Replace, &[w("kv")], &["k", "v"], "sql parser error: Unsupported statement REPLACE at Line: 1, Column: 9"),
        ),
        (
            "TRUNCATE TABLE ONLY logs, metrics RESTART IDENTITY %s",
            ANY,
            scanned(Truncate, &[w("logs"), w("metrics")], &[], "sql parser error: Expected: end of statement, found: % at Line: 1, Column: 52"),
        ),
        (
            // String literals and comments are skipped.
            "SELECT * FROM users WHERE name = 'FROM secret' AND id = %d -- FROM comment_table",
            ANY,
            scanned(Select, &[r("users")], &[], "sql parser error: Expected: an expression, found: % at Line: 1, Column: 57"),
        ),
        (
            "SELECT * FROM a, b c, d WHERE %s",
            ANY,
            scanned(Select, &[r("a"), r("b"), r("d")], &[], "sql parser error: Expected: an expression, found: % at Line: 1, Column: 31"),
        ),
        (
            "UPDATE users SET a = 1 WHERE id IN (%s)",
            MY,
            scanned(Update, &[w("users")], &[], "sql parser error: Expected: an expression, found: % at Line: 1, Column: 37"),
        ),
        (
            r#"INSERT INTO "public"."events" ("kind", payload) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT events_pk DO UPDATE SET payload = %s"#,
            ANY,
            scanned(Upsert, &[w("public.events")], &["kind", "payload"], "sql parser error: Expected: an expression, found: % at Line: 1, Column: 125"),
        ),
        (
            // The jsonb `?` operator next to a `?` placeholder defeats the rewrite.
            "SELECT data ? 'key' FROM docs WHERE id = ?",
            PG,
            scanned(Select, &[r("docs")], &[], "sql parser error: Expected: an expression, found: ? at Line: 1, Column: 42"),
        ),
        (
            // Prose that starts with a keyword: SQL-shaped, but no table.
            "Update failed: %v",
            ANY,
            scanned(Update, &[], &[], "sql parser error: Expected: SET, found: : at Line: 1, Column: 14"),
        ),
    ]
}

#[test]
fn statements_table() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (sql, choice, want) in &cases {
        match analyze_statement(sql, *choice) {
            Ok(got) if got == *want => {}
            got => failures.push(format!(
                "{sql}\n  {choice:?}\n  want {want:?}\n  got  {got:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn not_sql() {
    for text in [
        "",
        "   \n\t",
        "hello world",
        "select-box",
        "Delete",
        "UPDATE;",
        "Selecting users",
        "-- SELECT * FROM users",
        "/* INSERT INTO t */",
        "/* unterminated",
        "%s",
        "users.email = ?",
        "(SELECT 1)",
    ] {
        assert_eq!(analyze_statement(text, ANY), Err(NotSql), "{text:?}");
    }
    for sql in [
        "select*from t",
        "  /* c */ -- c\n DELETE FROM t",
        "SELECT(1)",
    ] {
        assert!(analyze_statement(sql, ANY).is_ok(), "{sql:?}");
    }
}

#[test]
fn deep_nesting_skips_the_parser() {
    let depth = 10_000;
    let sql = format!(
        "SELECT * FROM t WHERE x IN {}1{}",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let got = analyze_statement(&sql, ANY).unwrap();
    assert_eq!(
        got,
        scanned(
            Select,
            &[r("t")],
            &[],
            "parenthesis nesting 10000 exceeds 200; parser not run"
        )
    );
    // Below the guard, sqlparser's own recursion limit reports an error.
    let sql = format!(
        "SELECT * FROM t WHERE x = {}1{}",
        "(".repeat(150),
        ")".repeat(150)
    );
    let got = analyze_statement(&sql, ANY).unwrap();
    assert!(!got.parsed);
    assert_eq!(got.tables, vec![r("t")]);
    // Unbalanced: only opening parens, and a subquery at depth.
    let sql = format!("SELECT * FROM {}SELECT * FROM u", "(".repeat(5_000));
    let got = analyze_statement(&sql, ANY).unwrap();
    assert_eq!(got.tables, vec![r("u")]);
}

#[test]
fn serializes_snake_case() {
    let got = analyze_statement("INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING", PG).unwrap();
    assert_eq!(
        serde_json::to_string(&got).unwrap(),
        r#"{"operation":"upsert","tables":[{"name":"t","access":"write"}],"columns_written":["a"],"parsed":true,"dialect":"postgres","error":null}"#
    );
}

const REALISTIC: &[&str] = &[
    "WITH d AS (DELETE FROM a WHERE id = $1 RETURNING *) INSERT INTO archive (id, v) SELECT id, v FROM d ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v",
    "SELECT u.id, (SELECT count(*) FROM orders o WHERE o.uid = u.id) FROM `users` u LEFT JOIN x ON x.id = u.id WHERE name = 'it''s -- not' /* c */ AND id = ?",
    "MERGE INTO t USING (SELECT * FROM s WHERE k = :k) s ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v)",
    "UPDATE users SET name = $1 FROM staging WHERE users.id = staging.id; DELETE FROM q USING r WHERE q.id = r.id",
];

#[test]
fn every_prefix_is_safe() {
    let start = std::time::Instant::now();
    for sql in REALISTIC {
        for (i, _) in sql.char_indices() {
            for choice in [ANY, MY] {
                let _ = analyze_statement(&sql[..i], choice);
            }
        }
    }
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

fn sql_soup() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "SELECT",
        "INSERT",
        "INTO",
        "UPDATE",
        "SET",
        "DELETE",
        "FROM",
        "WHERE",
        "JOIN",
        "USING",
        "WITH",
        "AS",
        "ON",
        "CONFLICT",
        "DO",
        "DUPLICATE",
        "KEY",
        "MERGE",
        "COPY",
        "TRUNCATE",
        "TABLE",
        "CREATE",
        "INDEX",
        "DROP",
        "ALTER",
        "VALUES",
        "RETURNING",
        "TO",
        "users",
        "public.users",
        "o",
        "x",
        "(",
        ")",
        "((",
        "))",
        ",",
        ";",
        ".",
        "*",
        "=",
        "'",
        "''",
        "\"",
        "`",
        "[",
        "]",
        "?",
        "$1",
        ":name",
        "@p",
        "::",
        "%s",
        "%d",
        "--",
        "/*",
        "*/",
        "\n",
        "1",
        "é",
        "$$",
        "\\",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_strings_never_panic(s in ".{0,200}") {
        let _ = analyze_statement(&s, ANY);
    }

    #[test]
    fn keyword_soup_never_panics(s in sql_soup(), lead in prop::sample::select(vec!["SELECT ", "INSERT ", "UPDATE ", "WITH ", "CREATE ", ""])) {
        let sql = format!("{lead}{s}");
        let got = analyze_statement(&sql, ANY);
        if let Ok(facts) = got {
            // Sorted, deduplicated, and never a keyword or paren as a table.
            let mut sorted = facts.tables.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(&sorted, &facts.tables);
            for t in &facts.tables {
                prop_assert!(!t.name.is_empty());
                if !facts.parsed {
                    prop_assert!(!t.name.contains('('), "{:?}", t);
                    prop_assert!(!["FROM", "SELECT", "WHERE", "JOIN", "SET", "INTO", "TABLE"].contains(&t.name.to_uppercase().as_str()), "{:?}", t);
                }
            }
            prop_assert_eq!(facts.parsed, facts.error.is_none());
            prop_assert_eq!(facts.parsed, facts.dialect.is_some());
        }
    }
}
