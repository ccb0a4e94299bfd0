//! The bundled API stubs (`engine/stubs`, `resolve::stubs`): every file is
//! valid Go that declares the package its directory says; the embedded
//! table lists exactly the files on disk; and when a module's source is
//! not available, calls into the stubbed libraries resolve to the same
//! full names go/types gives with the real source, while real sources,
//! wherever they are found, still win.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use goseam_engine::resolve::query::{prepare, resolve_names};
use goseam_engine::resolve::stubs::{self, STUB_FILES};
use goseam_engine::resolve::universe::{conventional_package_name, Origin, Toolchain};
use goseam_engine::ScanOptions;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// `$GOROOT/src` as goseam finds it, for the tests that need the standard
/// library; fails loudly without it.
fn goroot_src() -> PathBuf {
    Toolchain::detect().goroot_src.expect(
        "this test needs the Go distribution's source (GOROOT, or `go` on PATH): \
         install it with `bash corpus/gostd.sh`",
    )
}

#[test]
fn every_stub_parses_and_declares_its_directory_package() {
    for f in STUB_FILES {
        let where_ = format!("{}/{}", f.import_path, f.name);
        // As written, and as the universe parses it (bodies blanked).
        for src in [
            f.source.as_bytes().to_vec(),
            goseam_engine::strip::strip_function_bodies(f.source.as_bytes()),
        ] {
            let tree = goseam_engine::parse::parse_go(&src).expect("tree-sitter returns a tree");
            let facts = goseam_engine::extract::extract(&tree, &src);
            assert_eq!(
                facts.syntax_errors.count, 0,
                "{where_}: syntax error at {:?}",
                facts.syntax_errors.first
            );
            assert_eq!(
                facts.package.as_deref(),
                Some(conventional_package_name(f.import_path).as_str()),
                "{where_}: package clause"
            );
            assert!(!facts.generated, "{where_}: stubs are hand-written");
            assert!(facts.build_constraint.is_none(), "{where_}: no build tags");
        }
        let decls = goseam_engine::declscan::scan_decls(f.source.as_bytes());
        assert_eq!(
            decls.package.as_deref(),
            Some(conventional_package_name(f.import_path).as_str()),
            "{where_}: declaration scan"
        );
    }
}

#[test]
fn every_method_belongs_to_a_type_of_its_package() {
    for path in stubs::import_paths() {
        let mut types = BTreeSet::new();
        let mut methods = Vec::new();
        for f in stubs::files(path) {
            let d = goseam_engine::declscan::scan_decls(f.source.as_bytes());
            types.extend(d.types);
            methods.extend(d.methods.into_iter().map(|(r, m)| (f.name, r, m)));
        }
        for (file, recv, name) in methods {
            assert!(
                types.contains(&recv),
                "{path}/{file}: method {name} on undeclared type {recv}"
            );
        }
    }
}

#[test]
fn the_table_lists_exactly_the_files_on_disk() {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "go") {
                let rel = p.parent().unwrap().strip_prefix(root).unwrap();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                out.insert((rel.to_string_lossy().replace('\\', "/"), name));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("stubs");
    let mut on_disk = BTreeSet::new();
    walk(&root, &root, &mut on_disk);
    let embedded: BTreeSet<(String, String)> = STUB_FILES
        .iter()
        .map(|f| (f.import_path.to_string(), f.name.to_string()))
        .collect();
    assert_eq!(embedded, on_disk);
    for f in STUB_FILES {
        let text = std::fs::read_to_string(root.join(f.import_path).join(f.name)).unwrap();
        assert_eq!(text, f.source, "{}/{} is stale", f.import_path, f.name);
    }
}

const GO_MOD: &str = "module example.com/app

go 1.19

require (
\tgithub.com/Masterminds/squirrel v1.5.4
\tgithub.com/jackc/pgx/v5 v5.4.3
\tgithub.com/jmoiron/sqlx v1.3.5
\tgorm.io/gorm v1.25.5
)
";

const APP: &str = r#"package app

import (
	"context"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

type User struct {
	gorm.Model
	Name string
}

func Insert() (string, []interface{}, error) {
	return psql.Insert("t").Columns("a").Values(1).ToSql()
}

func Find() sq.SelectBuilder {
	return sq.Select("a").From("t").Where(sq.Eq{"id": 1})
}

func Get(tx *sqlx.Tx, dest interface{}) error {
	return tx.Get(dest, "SELECT 1")
}

func Exec(ctx context.Context, db *sqlx.DB) error {
	_, err := db.ExecContext(ctx, "DELETE FROM t")
	return err
}

func Copy(ctx context.Context, pool *pgxpool.Pool, rows [][]any) (int64, error) {
	return pool.CopyFrom(ctx, pgx.Identifier{"t"}, []string{"a"}, pgx.CopyFromRows(rows))
}

func InTx(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, "DELETE FROM t")
	_ = tag.RowsAffected()
	return err
}

func First(db *gorm.DB, id int) (User, error) {
	var u User
	err := db.WithContext(context.Background()).Where("id = ?", id).First(&u).Error
	return u, err
}
"#;

/// Resolve `names` in a tree; (line, name) → the callee's full name, or
/// its debug form when it is not resolved.
fn sites(root: &Path, toolchain: Toolchain, names: &[&str]) -> BTreeMap<(u32, String), String> {
    let prepared = prepare(&ScanOptions::new(root), toolchain).unwrap();
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let report = resolve_names(&prepared, &names);
    let mut out = BTreeMap::new();
    for f in &report.files {
        for s in &f.sites {
            let callee = s
                .callee
                .full_name()
                .unwrap_or_else(|| format!("{:?}", s.callee));
            out.insert((s.position.line, s.name.clone()), callee);
        }
    }
    out
}

fn line_of(src: &str, needle: &str) -> u32 {
    let i = src.lines().position(|l| l.contains(needle)).unwrap();
    (i + 1) as u32
}

fn expect(got: &BTreeMap<(u32, String), String>, needle: &str, name: &str, want: &str) {
    let key = (line_of(APP, needle), name.to_string());
    assert_eq!(
        got.get(&key).map(String::as_str),
        Some(want),
        "{name} in `{needle}`; all sites: {got:#?}"
    );
}

const NAMES: &[&str] = &[
    "Insert",
    "Columns",
    "Values",
    "ToSql",
    "Select",
    "From",
    "Where",
    "Get",
    "ExecContext",
    "CopyFrom",
    "CopyFromRows",
    "Begin",
    "Exec",
    "RowsAffected",
    "WithContext",
    "First",
];

fn check_stub_sites(got: &BTreeMap<(u32, String), String>) {
    const SQ: &str = "github.com/Masterminds/squirrel";
    expect(
        got,
        "psql.Insert",
        "Insert",
        &format!("({SQ}.StatementBuilderType).Insert"),
    );
    expect(
        got,
        "psql.Insert",
        "Columns",
        &format!("({SQ}.InsertBuilder).Columns"),
    );
    expect(
        got,
        "psql.Insert",
        "Values",
        &format!("({SQ}.InsertBuilder).Values"),
    );
    expect(
        got,
        "psql.Insert",
        "ToSql",
        &format!("({SQ}.InsertBuilder).ToSql"),
    );
    expect(got, "sq.Select(\"a\")", "Select", &format!("{SQ}.Select"));
    expect(
        got,
        "sq.Select(\"a\")",
        "From",
        &format!("({SQ}.SelectBuilder).From"),
    );
    expect(
        got,
        "sq.Select(\"a\")",
        "Where",
        &format!("({SQ}.SelectBuilder).Where"),
    );
    expect(got, "tx.Get", "Get", "(*github.com/jmoiron/sqlx.Tx).Get");
    expect(
        got,
        "pool.CopyFrom",
        "CopyFrom",
        "(*github.com/jackc/pgx/v5/pgxpool.Pool).CopyFrom",
    );
    expect(
        got,
        "pool.CopyFrom",
        "CopyFromRows",
        "github.com/jackc/pgx/v5.CopyFromRows",
    );
    expect(
        got,
        "pool.Begin",
        "Begin",
        "(*github.com/jackc/pgx/v5/pgxpool.Pool).Begin",
    );
    // pgx.Tx is an interface; CommandTag a struct with value methods.
    expect(got, "tx.Exec", "Exec", "(github.com/jackc/pgx/v5.Tx).Exec");
    expect(
        got,
        "tag.RowsAffected",
        "RowsAffected",
        "(github.com/jackc/pgx/v5/pgconn.CommandTag).RowsAffected",
    );
    expect(
        got,
        "db.WithContext",
        "WithContext",
        "(*gorm.io/gorm.DB).WithContext",
    );
    expect(got, "db.WithContext", "Where", "(*gorm.io/gorm.DB).Where");
    expect(got, "db.WithContext", "First", "(*gorm.io/gorm.DB).First");
}

#[test]
fn calls_into_stubbed_libraries_resolve_without_a_module_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "go.mod", GO_MOD);
    write(root, "app/app.go", APP);
    let empty = root.join("empty-modcache");
    std::fs::create_dir_all(&empty).unwrap();
    for modcache in [None, Some(empty)] {
        let toolchain = Toolchain {
            goroot_src: None,
            modcache,
        };
        let got = sites(root, toolchain, NAMES);
        check_stub_sites(&got);
    }
}

#[test]
fn methods_promoted_from_the_standard_library_resolve_through_stubs() {
    let goroot = goroot_src();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "go.mod", GO_MOD);
    write(root, "app/app.go", APP);
    let toolchain = Toolchain {
        goroot_src: Some(goroot),
        modcache: None,
    };
    let got = sites(root, toolchain, NAMES);
    // *sqlx.DB embeds *sql.DB.
    expect(
        &got,
        "db.ExecContext",
        "ExecContext",
        "(*database/sql.DB).ExecContext",
    );
    check_stub_sites(&got);
}

#[test]
fn stubs_are_used_without_go_mod_or_a_requirement() {
    for go_mod in [None, Some("module example.com/app\n\ngo 1.19\n")] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        if let Some(text) = go_mod {
            write(root, "go.mod", text);
        }
        write(root, "app/app.go", APP);
        let got = sites(root, Toolchain::default(), NAMES);
        check_stub_sites(&got);
    }
}

#[test]
fn real_sources_win_over_stubs() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("modcache");
    // A "real" sqlx in the module cache whose Tx.Get has a value receiver:
    // what resolution reports must come from it, not from the stub.
    write(
        &cache,
        "github.com/jmoiron/sqlx@v1.3.5/sqlx.go",
        "package sqlx\n\ntype Tx struct{}\n\nfunc (tx Tx) Get(dest interface{}, q string, args ...interface{}) error { return nil }\n",
    );
    // A local replacement of squirrel in the tree's reach wins as well.
    write(
        dir.path(),
        "forks/squirrel/squirrel.go",
        "package squirrel\n\ntype Builder struct{}\n\nfunc (Builder) Insert(into string) Builder { return Builder{} }\n\nfunc (Builder) PlaceholderFormat(f int) Builder { return Builder{} }\n\nvar StatementBuilder Builder\n\nconst Dollar = 1\n",
    );
    write(
        dir.path(),
        "forks/squirrel/go.mod",
        "module github.com/Masterminds/squirrel\n",
    );
    let root = dir.path().join("app");
    write(
        &root,
        "go.mod",
        &format!("{GO_MOD}\nreplace github.com/Masterminds/squirrel => ../forks/squirrel\n"),
    );
    write(&root, "app/app.go", APP);
    let toolchain = Toolchain {
        goroot_src: None,
        modcache: Some(cache),
    };
    let got = sites(&root, toolchain, &["Get", "Insert"]);
    expect(&got, "tx.Get", "Get", "(github.com/jmoiron/sqlx.Tx).Get");
    expect(
        &got,
        "psql.Insert",
        "Insert",
        "(github.com/Masterminds/squirrel.Builder).Insert",
    );
}

#[test]
fn stub_packages_load_lazily_and_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "go.mod", GO_MOD);
    write(root, "app/app.go", APP);
    let prepared = prepare(&ScanOptions::new(root), Toolchain::default()).unwrap();
    let u = &prepared.universe;
    assert_eq!(u.stats(), (0, 0, 0), "nothing is loaded before a lookup");
    let app = u.tree_package("app").expect("the tree's package");
    let after_tree = u.stats();
    assert_eq!(after_tree.0, 1);

    let sqlx = u.import(&app, "github.com/jmoiron/sqlx").expect("stubbed");
    assert_eq!(sqlx.origin, Origin::Stub);
    assert_eq!(sqlx.name, "sqlx");
    assert_eq!(&*sqlx.path, "github.com/jmoiron/sqlx");
    assert!(sqlx.methods_of("Tx").any(|m| m == "Get"));
    let once = u.stats();
    assert_eq!(once.0, after_tree.0 + 1, "one package more: sqlx only");
    assert_eq!(
        once.1,
        after_tree.1 + stubs::files("github.com/jmoiron/sqlx").len()
    );

    let again = u.import(&app, "github.com/jmoiron/sqlx").unwrap();
    assert!(std::sync::Arc::ptr_eq(&sqlx, &again), "cached");
    assert_eq!(u.stats(), once);

    // Paths without a stub, or only a prefix of one, stay unavailable.
    assert!(u.import(&app, "github.com/jackc/pgx").is_none());
    assert!(u.import(&app, "github.com/jackc/pgx/v5/pgtype").is_none());
    assert!(u.import(&app, "example.com/missing").is_none());
    assert_eq!(u.stats(), once);

    // A stub's own imports resolve too: pgxpool → pgx (another stub).
    let pool = u.import(&app, "github.com/jackc/pgx/v5/pgxpool").unwrap();
    let pgx = u.import(&pool, "github.com/jackc/pgx/v5").unwrap();
    assert_eq!(
        (pool.origin.clone(), pgx.name.as_str()),
        (Origin::Stub, "pgx")
    );
}

const ROUTERS: &str = r#"package app

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
)

func h(w http.ResponseWriter, r *http.Request) {}

func Chi() http.Handler {
	r := chi.NewRouter()
	r.Get("/x", h)
	r.Route("/a", func(sub chi.Router) {
		sub.Post("/y", h)
	})
	return r
}

func Gorilla() http.Handler {
	r := mux.NewRouter()
	r.HandleFunc("/x", h).Methods("GET")
	r.PathPrefix("/api").Subrouter().Handle("/y", http.HandlerFunc(h))
	return r
}

func Gin() http.Handler {
	r := gin.Default()
	r.GET("/x", func(c *gin.Context) { c.JSON(200, gin.H{"id": c.Param("id")}) })
	r.Group("/api").POST("/y", func(c *gin.Context) {})
	return r
}

func Echo() http.Handler {
	e := echo.New()
	e.GET("/x", func(c echo.Context) error { return c.String(200, c.Param("id")) })
	e.Group("/api").POST("/y", func(c echo.Context) error { return nil })
	return e
}
"#;

#[test]
fn router_registrations_resolve_without_a_module_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
		root,
		"go.mod",
		"module example.com/app\n\ngo 1.19\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/go-chi/chi/v5 v5.0.10\n\tgithub.com/gorilla/mux v1.8.1\n\tgithub.com/labstack/echo/v4 v4.11.4\n)\n",
	);
    write(root, "app/routers.go", ROUTERS);
    let got = sites(
        root,
        Toolchain::default(),
        &[
            "Get",
            "Post",
            "Route",
            "HandleFunc",
            "Methods",
            "PathPrefix",
            "Subrouter",
            "Handle",
            "GET",
            "POST",
            "Group",
            "JSON",
            "Param",
            "String",
        ],
    );
    let want = |needle: &str, name: &str, full: &str| {
        let key = (line_of(ROUTERS, needle), name.to_string());
        assert_eq!(
            got.get(&key).map(String::as_str),
            Some(full),
            "{name} in `{needle}`; all sites: {got:#?}"
        );
    };
    const CHI: &str = "github.com/go-chi/chi/v5";
    want("r.Get(\"/x\", h)", "Get", &format!("(*{CHI}.Mux).Get"));
    want("r.Route(", "Route", &format!("(*{CHI}.Mux).Route"));
    // Inside Route the sub-router is the chi.Router interface.
    want("sub.Post", "Post", &format!("({CHI}.Router).Post"));
    const MUX: &str = "github.com/gorilla/mux";
    want(
        "r.HandleFunc",
        "HandleFunc",
        &format!("(*{MUX}.Router).HandleFunc"),
    );
    want(
        "r.HandleFunc",
        "Methods",
        &format!("(*{MUX}.Route).Methods"),
    );
    want(
        "r.PathPrefix",
        "PathPrefix",
        &format!("(*{MUX}.Router).PathPrefix"),
    );
    want(
        "r.PathPrefix",
        "Subrouter",
        &format!("(*{MUX}.Route).Subrouter"),
    );
    want("r.PathPrefix", "Handle", &format!("(*{MUX}.Router).Handle"));
    const GIN: &str = "github.com/gin-gonic/gin";
    // Engine embeds RouterGroup: GET is promoted from *RouterGroup.
    want("r.GET", "GET", &format!("(*{GIN}.RouterGroup).GET"));
    want("r.GET", "JSON", &format!("(*{GIN}.Context).JSON"));
    want("r.GET", "Param", &format!("(*{GIN}.Context).Param"));
    want("r.Group(", "Group", &format!("(*{GIN}.RouterGroup).Group"));
    want("r.Group(", "POST", &format!("(*{GIN}.RouterGroup).POST"));
    const ECHO: &str = "github.com/labstack/echo/v4";
    want("e.GET", "GET", &format!("(*{ECHO}.Echo).GET"));
    want("e.GET", "String", &format!("({ECHO}.Context).String"));
    want("e.GET", "Param", &format!("({ECHO}.Context).Param"));
    want("e.Group(", "Group", &format!("(*{ECHO}.Echo).Group"));
    want("e.Group(", "POST", &format!("(*{ECHO}.Group).POST"));
}
