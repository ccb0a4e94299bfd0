//! The SQL pass and table ownership on small trees, one rule each: where a
//! use site is, what is unresolved and why, builders and ORMs, configured
//! query functions, Go migrations, and the three sources of domains.

use std::path::Path;

use goseam_analyzers::config::Config;
use goseam_analyzers::sql::{Access, Operation};
use goseam_analyzers::sqluse::{find_sql_sites, SiteKind, SqlOptions, SqlReport};
use goseam_analyzers::tables::{analyze_tables, Status, TablesReport};
use goseam_engine::resolve::query::{prepare, Prepared};
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::ScanOptions;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The toolchain, which database/sql resolution needs.
fn toolchain() -> Toolchain {
    let t = Toolchain::detect();
    assert!(
        t.goroot_src.is_some(),
        "these tests need the Go toolchain's source (database/sql): install it with `bash corpus/gostd.sh`"
    );
    t
}

fn prepared(root: &Path) -> Prepared {
    prepare(&ScanOptions::new(root), toolchain()).unwrap()
}

/// A tree with go.mod and the given files.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "go.mod", "module example.com/app\n\ngo 1.21\n\nrequire (\n\tgithub.com/jmoiron/sqlx v1.3.5\n\tgorm.io/gorm v1.25.5\n)\n");
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

fn sql(root: &Path) -> SqlReport {
    let config = Config::load(root, None).unwrap().0;
    let p = prepared(root);
    let opts = SqlOptions::from_config(&config, &p, false).unwrap();
    find_sql_sites(&p, &opts)
}

fn tables(root: &Path) -> TablesReport {
    let config = Config::load(root, None).unwrap().0;
    let p = prepared(root);
    let opts = SqlOptions::from_config(&config, &p, false).unwrap();
    analyze_tables(&p, &config, &opts).unwrap()
}

/// `(line, function, kind, operation, [table:access])` of a site.
type SiteRow = (u32, String, SiteKind, Option<Operation>, Vec<String>);

/// `(line, kind, operation, tables, columns written)` of a builder site.
type BuilderRow = (u32, SiteKind, Option<Operation>, Vec<String>, Vec<String>);

fn summary(r: &SqlReport) -> Vec<SiteRow> {
    r.sites
        .iter()
        .map(|s| {
            (
                s.line,
                s.function.clone(),
                s.kind.clone(),
                s.operation,
                s.tables
                    .iter()
                    .map(|t| {
                        format!(
                            "{}:{}",
                            t.name,
                            if t.access == Access::Read { "r" } else { "w" }
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

const STORE_HEAD: &str = "package store\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"fmt\"\n)\n\nvar _ = fmt.Sprintf\n\n";

#[test]
fn locals_parameters_and_concatenation() {
    let body = r#"func Locals(ctx context.Context, db *sql.DB, cond string) {
	q := "SELECT id FROM orders"
	q += " WHERE paid"
	db.QueryContext(ctx, q)
	r := "SELECT a FROM t WHERE " + cond
	db.QueryContext(ctx, r)
	dyn := "SELECT * FROM " + cond
	db.QueryContext(ctx, dyn)
	db.ExecContext(ctx, build(cond))
}

func Exec(ctx context.Context, db *sql.DB, query string) {
	db.ExecContext(ctx, query)
}

func build(s string) string { return s }

func Formats(db *sql.DB, ids string, table string) {
	db.Query(fmt.Sprintf("SELECT * FROM items WHERE id IN (%s)", ids))
	db.Query(fmt.Sprintf("DELETE FROM %s WHERE id = 1", table))
}

func More(db *sql.DB, q, rest string) {
	db.Exec(fmt.Sprintf("%s;", q))
	db.Query("select a, b " + rest)
}
"#;
    let t = tree(&[("store/store.go", &format!("{STORE_HEAD}{body}"))]);
    let r = sql(t.path());
    assert_eq!(
        summary(&r),
        vec![
            (
                12,
                "Locals".into(),
                SiteKind::String,
                Some(Operation::Select),
                vec!["orders:r".into()]
            ),
            (
                15,
                "Locals".into(),
                SiteKind::Prefix,
                Some(Operation::Select),
                vec!["t:r".into()]
            ),
            (
                29,
                "Formats".into(),
                SiteKind::Template,
                Some(Operation::Select),
                vec!["items:r".into()]
            ),
        ]
    );
    let unresolved: Vec<(u32, &str, &str)> = r
        .unresolved
        .iter()
        .map(|u| (u.line, u.function.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(
        unresolved,
        vec![
            (
                17,
                "Locals",
                "SQL concatenated with run-time values: a table name may be chosen at run time"
            ),
            (19, "Locals", "the query is computed at run time"),
            (
                23,
                "Exec",
                "the query is parameter `query` of Exec: its callers pass it"
            ),
            (
                30,
                "Formats",
                "fmt.Sprintf template: a table name is a formatting verb, chosen at run time"
            ),
            (34, "More", "the query is computed at run time"),
            (35, "More", "the query is computed at run time"),
        ]
    );
    assert_eq!(
        r.unresolved[3].template.as_deref(),
        Some("DELETE FROM %s WHERE id = 1")
    );
}

#[test]
fn constants_are_used_where_they_are_named() {
    let t = tree(&[
        (
            "sqlq/q.go",
            "package sqlq\n\n// InsertOrder is shared.\nconst InsertOrder = \"INSERT INTO orders (id, total) VALUES ($1, $2)\"\n\nconst cols = \"id, total\"\n\n// Unused is declared and never used.\nconst Unused = \"SELECT \" + cols + \" FROM orders\"\n",
        ),
        (
            "a/a.go",
            "package a\n\nimport (\n\t\"database/sql\"\n\n\t\"example.com/app/sqlq\"\n)\n\nfunc One(db *sql.DB) { db.Exec(sqlq.InsertOrder, 1, 2) }\n\nfunc Two(db *sql.DB) {\n\tdb.Exec(sqlq.InsertOrder, 3, 4)\n}\n",
        ),
        // Prose that starts with statement keywords is not SQL.
        (
            "b/b.go",
            "package b\n\nimport \"errors\"\n\nvar errCopy = errors.New(\"Copy failed: disk full\")\n\nfunc F() string { return \"select case\" }\n",
        ),
    ]);
    let r = sql(t.path());
    let s = summary(&r);
    assert_eq!(
        s,
        vec![
            (
                9,
                "One".into(),
                SiteKind::Driver,
                Some(Operation::Insert),
                vec!["orders:w".into()]
            ),
            (
                12,
                "Two".into(),
                SiteKind::Driver,
                Some(Operation::Insert),
                vec!["orders:w".into()]
            ),
        ]
    );
    assert_eq!(r.sites[0].file, "a/a.go");
    assert_eq!(
        r.sites[0].constants,
        vec!["example.com/app/sqlq.InsertOrder".to_string()]
    );
    assert_eq!(
        r.sites[0].columns_written,
        vec!["id".to_string(), "total".to_string()]
    );
    let unused: Vec<(&str, u32)> = r
        .unused_constants
        .iter()
        .map(|c| (c.name.as_str(), c.line))
        .collect();
    assert_eq!(unused, vec![("Unused", 9)]);
    assert!(r.unresolved.is_empty(), "{:?}", r.unresolved);
}

#[test]
fn gorm_tables_from_table_calls_tablename_methods_and_inferred_names() {
    let t = tree(&[(
        "repo/repo.go",
        r#"package repo

import "gorm.io/gorm"

type User struct{ ID int }

func (User) TableName() string { return "app_users" }

type LedgerEntry struct{ ID int }

func Run(db *gorm.DB) {
	var u User
	db.First(&u)
	db.Create(&LedgerEntry{})
	db.Table("audit").Where("x = ?", 1).Delete(&LedgerEntry{})
	db.Model(&User{}).Update("name", "x")
	var n int64
	db.Count(&n)
}
"#,
    )]);
    let r = sql(t.path());
    let got: Vec<(u32, Option<Operation>, Vec<String>, bool)> = r
        .sites
        .iter()
        .map(|s| {
            (
                s.line,
                s.operation,
                s.tables.iter().map(|t| t.name.clone()).collect(),
                s.inferred,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (13, Some(Operation::Select), vec!["app_users".into()], false),
            (
                14,
                Some(Operation::Insert),
                vec!["ledger_entries".into()],
                true
            ),
            (15, Some(Operation::Delete), vec!["audit".into()], false),
            (16, Some(Operation::Update), vec!["app_users".into()], false),
        ]
    );
    assert_eq!(r.unresolved.len(), 1, "{:?}", r.unresolved);
    assert_eq!(r.unresolved[0].line, 18);
}

#[test]
fn squirrel_chains_and_sqlx_without_module_sources() {
    let t = tree(&[(
        "store/store.go",
        r#"package store

import (
	sq "github.com/Masterminds/squirrel"
	"github.com/jmoiron/sqlx"
)

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

func Write(tx *sqlx.Tx) {
	q, args, _ := psql.Insert("orders").Columns("id", "total").Suffix("ON CONFLICT (id) DO NOTHING").ToSql()
	tx.MustExec(q, args...)
	sq.Update("orders").Set("total", 1).SetMap(map[string]interface{}{"paid": true}).Where("id = ?", 1)
	sq.Select("o.id").From("orders o").Join("lines l ON l.order_id = o.id")
	b := sq.Select("id")
	_ = b
	tx.Get(nil, "SELECT 1 FROM ping")
}
"#,
    )]);
    let r = sql(t.path());
    let got: Vec<BuilderRow> = r
        .sites
        .iter()
        .map(|s| {
            (
                s.line,
                s.kind.clone(),
                s.operation,
                s.tables.iter().map(|t| t.name.clone()).collect(),
                s.columns_written.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                11,
                SiteKind::Builder,
                Some(Operation::Upsert),
                vec!["orders".into()],
                vec!["id".into(), "total".into()]
            ),
            (
                13,
                SiteKind::Builder,
                Some(Operation::Update),
                vec!["orders".into()],
                vec!["paid".into(), "total".into()]
            ),
            (
                14,
                SiteKind::Builder,
                Some(Operation::Select),
                vec!["lines".into(), "orders".into()],
                vec![]
            ),
            (
                17,
                SiteKind::Driver,
                Some(Operation::Select),
                vec!["ping".into()],
                vec![]
            ),
        ]
    );
    assert_eq!(
        r.sites[3].via.as_deref(),
        Some("(*github.com/jmoiron/sqlx.Tx).Get")
    );
    // The Select continued in a later statement is not followed.
    assert_eq!(r.unresolved.len(), 1, "{:?}", r.unresolved);
    assert_eq!(r.unresolved[0].line, 15);
    assert_eq!(
        r.unresolved[0].reason,
        "squirrel Select with no From in the same expression"
    );
}

#[test]
fn configured_query_functions() {
    let t = tree(&[
        (
            "goseam.toml",
            "[[query_function]]\ntarget = \"example.com/app/db.MustQuery\"\narg = 1\nkind = \"sql\"\n\n[[query_function]]\ntarget = \"(*example.com/app/db.Repo).Purge\"\narg = 0\nkind = \"table\"\naccess = \"write\"\n",
        ),
        (
            "db/db.go",
            "package db\n\ntype Repo struct{}\n\nfunc MustQuery(ctx any, q string) {}\n\nfunc (r *Repo) Purge(table string) {}\n",
        ),
        (
            "app/app.go",
            "package app\n\nimport \"example.com/app/db\"\n\nfunc F(r *db.Repo) {\n\tdb.MustQuery(nil, \"select id from widgets\")\n\tr.Purge(\"sessions\")\n}\n",
        ),
    ]);
    let r = sql(t.path());
    let got: Vec<(u32, SiteKind, Option<Operation>, Vec<String>)> = r
        .sites
        .iter()
        .map(|s| {
            (
                s.line,
                s.kind.clone(),
                s.operation,
                s.tables
                    .iter()
                    .map(|t| format!("{}:{:?}", t.name, t.access))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                6,
                SiteKind::Configured,
                Some(Operation::Select),
                vec!["widgets:Read".into()]
            ),
            (7, SiteKind::Configured, None, vec!["sessions:Write".into()]),
        ]
    );
}

#[test]
fn ownership_by_codeowners_schema_from_sql_and_go_migrations() {
    let t = tree(&[
        ("CODEOWNERS", "/pay/ @acme/payments\n/ship/ @acme/shipping\n"),
        (
            "migrations/00001_init.sql",
            "-- +goose Up\nCREATE TABLE orders (id int PRIMARY KEY);\nCREATE TABLE never_used (id int);\n-- +goose Down\nDROP TABLE orders;\n",
        ),
        (
            "migrations/00002_total.go",
            "package migrations\n\nimport \"database/sql\"\n\nfunc up(tx *sql.Tx) error {\n\t_, err := tx.Exec(\"ALTER TABLE orders ADD COLUMN total int\")\n\treturn err\n}\n",
        ),
        (
            "pay/pay.go",
            "package pay\n\nimport \"database/sql\"\n\nfunc Pay(db *sql.DB) { db.Exec(\"UPDATE orders SET total = 1\") }\n",
        ),
        (
            "ship/ship.go",
            "package ship\n\nimport \"database/sql\"\n\nfunc Ship(db *sql.DB) {\n\tdb.Exec(\"INSERT INTO orders (id) VALUES (1)\")\n\tdb.Query(\"SELECT * FROM parcels\")\n}\n",
        ),
    ]);
    let r = tables(t.path());
    let names: Vec<(&str, Status)> = r
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.status))
        .collect();
    assert_eq!(
        names,
        vec![
            ("never_used", Status::Unaccessed),
            ("orders", Status::Shared),
            ("parcels", Status::ReadOnly),
        ]
    );
    let orders = &r.tables[1];
    assert_eq!(
        orders.writing_domains,
        vec!["@acme/payments", "@acme/shipping"]
    );
    assert_eq!(
        orders.columns.as_deref(),
        Some(&["id".to_string(), "total".to_string()][..])
    );
    assert_eq!(r.never_accessed, vec!["never_used"]);
    assert_eq!(r.not_in_schema, vec!["parcels"]);
    assert!(r.complete);
    assert_eq!(
        r.schema_files,
        vec!["migrations/00001_init.sql", "migrations/00002_total.go"]
    );
}

#[test]
fn directory_convention_and_unassigned_code() {
    let t = tree(&[
        (
            "services/billing/store.go",
            "package billing\n\nimport \"database/sql\"\n\nfunc W(db *sql.DB) { db.Exec(\"DELETE FROM invoices\") }\n",
        ),
        (
            "main.go",
            "package main\n\nimport \"database/sql\"\n\nfunc main() { var db *sql.DB; db.Query(\"SELECT id FROM invoices\") }\n",
        ),
    ]);
    let r = tables(t.path());
    let inv = &r.tables[0];
    assert_eq!(inv.name, "invoices");
    assert_eq!(inv.status, Status::ReadShared);
    assert_eq!(inv.owner.as_deref(), Some("services/billing"));
    assert_eq!(inv.reading_domains, vec!["."]);
}
