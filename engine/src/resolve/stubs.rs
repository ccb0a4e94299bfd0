//! Bundled API stubs: hand-written declarations of a few third-party
//! database libraries and HTTP routers, used as the last place a package
//! can come from.
//!
//! Why they exist: goseam resolves calls from source, without a build. When
//! a module is not in the module cache (CI, agents and fresh checkouts that
//! never ran `go mod download`), nothing can be typed through it: in
//! `var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)` the type of
//! `psql` is unknown, so `psql.Insert("t")` is unresolved, and `tx.Get` on a
//! `*sqlx.Tx` is opaque. The query-building and database-access libraries
//! are where most of the calls an analysis cares about go through, and the
//! routers are where HTTP handlers (entry points) are registered, so a
//! declaration-only copy of their API (`engine/stubs/<import path>/*.go`)
//! lets those calls resolve exactly, with go/types' full names.
//!
//! Limits:
//! - Each stub is a snapshot of one version's API (named in the header of
//!   its files): squirrel v1.5.4, sqlx v1.3.5, pgx v5.4.3 (with minimal
//!   `pgconn`), gorm v1.25.x, chi v5.0.x, gorilla/mux v1.8.x, gin v1.9.x,
//!   echo v4.11.x, and the two helper packages the database libraries'
//!   exported types are built on (`github.com/lann/builder`,
//!   `sqlx/reflectx`). A
//!   program built against another version may call something the snapshot
//!   lacks (then the site stays unresolved, as without the stub) or that
//!   changed.
//! - They hold exported declarations (and the unexported types those
//!   mention) with placeholder bodies; unexported fields and helpers are
//!   left out. Packages they import but that are not stubbed (`pgtype`,
//!   `gorm/clause`, …) stay unavailable, and what depends on them stays
//!   opaque.
//! - They are used only when the real source cannot be found: the scanned
//!   tree, `vendor/`, `$GOROOT/src` and the module cache always win (see
//!   `Universe::import`).
//!
//! The sources are embedded at compile time; a stub is parsed only when a
//! lookup reaches its package, like any other package (see `universe`).

/// One embedded stub file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StubFile {
    /// The import path the stub package stands for.
    pub import_path: &'static str,
    /// The file's name in that package's directory.
    pub name: &'static str,
    /// The Go source.
    pub source: &'static str,
}

macro_rules! stub {
    ($dir:literal, $file:literal) => {
        StubFile {
            import_path: $dir,
            name: $file,
            source: include_str!(concat!("../../stubs/", $dir, "/", $file)),
        }
    };
}

/// Every stub file, sorted by (import path, file name) so that a package's
/// files are contiguous and can be found by binary search.
pub static STUB_FILES: &[StubFile] = &[
    stub!("github.com/Masterminds/squirrel", "case.go"),
    stub!("github.com/Masterminds/squirrel", "delete.go"),
    stub!("github.com/Masterminds/squirrel", "expr.go"),
    stub!("github.com/Masterminds/squirrel", "insert.go"),
    stub!("github.com/Masterminds/squirrel", "placeholder.go"),
    stub!("github.com/Masterminds/squirrel", "row.go"),
    stub!("github.com/Masterminds/squirrel", "select.go"),
    stub!("github.com/Masterminds/squirrel", "squirrel.go"),
    stub!("github.com/Masterminds/squirrel", "statement.go"),
    stub!("github.com/Masterminds/squirrel", "stmtcacher.go"),
    stub!("github.com/Masterminds/squirrel", "update.go"),
    stub!("github.com/gin-gonic/gin", "context.go"),
    stub!("github.com/gin-gonic/gin", "errors.go"),
    stub!("github.com/gin-gonic/gin", "gin.go"),
    stub!("github.com/gin-gonic/gin", "response_writer.go"),
    stub!("github.com/gin-gonic/gin", "routergroup.go"),
    stub!("github.com/gin-gonic/gin", "tree.go"),
    stub!("github.com/gin-gonic/gin", "utils.go"),
    stub!("github.com/go-chi/chi/v5", "chain.go"),
    stub!("github.com/go-chi/chi/v5", "chi.go"),
    stub!("github.com/go-chi/chi/v5", "context.go"),
    stub!("github.com/go-chi/chi/v5", "mux.go"),
    stub!("github.com/go-chi/chi/v5", "tree.go"),
    stub!("github.com/gorilla/mux", "middleware.go"),
    stub!("github.com/gorilla/mux", "mux.go"),
    stub!("github.com/gorilla/mux", "route.go"),
    stub!("github.com/jackc/pgx/v5", "batch.go"),
    stub!("github.com/jackc/pgx/v5", "conn.go"),
    stub!("github.com/jackc/pgx/v5", "copy_from.go"),
    stub!("github.com/jackc/pgx/v5", "large_objects.go"),
    stub!("github.com/jackc/pgx/v5", "named_args.go"),
    stub!("github.com/jackc/pgx/v5", "rows.go"),
    stub!("github.com/jackc/pgx/v5", "tracer.go"),
    stub!("github.com/jackc/pgx/v5", "tx.go"),
    stub!("github.com/jackc/pgx/v5/pgconn", "pgconn.go"),
    stub!("github.com/jackc/pgx/v5/pgxpool", "conn.go"),
    stub!("github.com/jackc/pgx/v5/pgxpool", "pool.go"),
    stub!("github.com/jackc/pgx/v5/pgxpool", "stat.go"),
    stub!("github.com/jackc/pgx/v5/pgxpool", "tx.go"),
    stub!("github.com/jmoiron/sqlx", "bind.go"),
    stub!("github.com/jmoiron/sqlx", "named.go"),
    stub!("github.com/jmoiron/sqlx", "sqlx.go"),
    stub!("github.com/jmoiron/sqlx", "sqlx_context.go"),
    stub!("github.com/jmoiron/sqlx/reflectx", "reflect.go"),
    stub!("github.com/labstack/echo/v4", "context.go"),
    stub!("github.com/labstack/echo/v4", "echo.go"),
    stub!("github.com/labstack/echo/v4", "group.go"),
    stub!("github.com/labstack/echo/v4", "response.go"),
    stub!("github.com/labstack/echo/v4", "router.go"),
    stub!("github.com/lann/builder", "builder.go"),
    stub!("gorm.io/gorm", "association.go"),
    stub!("gorm.io/gorm", "callbacks.go"),
    stub!("gorm.io/gorm", "chainable_api.go"),
    stub!("gorm.io/gorm", "errors.go"),
    stub!("gorm.io/gorm", "finisher_api.go"),
    stub!("gorm.io/gorm", "gorm.go"),
    stub!("gorm.io/gorm", "interfaces.go"),
    stub!("gorm.io/gorm", "migrator.go"),
    stub!("gorm.io/gorm", "model.go"),
    stub!("gorm.io/gorm", "soft_delete.go"),
    stub!("gorm.io/gorm", "statement.go"),
];

/// The stub files of exactly `import_path` (empty when there is no stub for
/// it), in file-name order.
pub fn files(import_path: &str) -> &'static [StubFile] {
    let start = STUB_FILES.partition_point(|f| f.import_path < import_path);
    let end = start + STUB_FILES[start..].partition_point(|f| f.import_path == import_path);
    &STUB_FILES[start..end]
}

/// The import paths that have a stub, sorted, without duplicates.
pub fn import_paths() -> Vec<&'static str> {
    let mut paths: Vec<&'static str> = STUB_FILES.iter().map(|f| f.import_path).collect();
    paths.dedup();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in STUB_FILES.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(
                (a.import_path, a.name) < (b.import_path, b.name),
                "{}/{} must sort before {}/{}",
                a.import_path,
                a.name,
                b.import_path,
                b.name
            );
        }
    }

    #[test]
    fn files_finds_exactly_one_package() {
        let pgx: Vec<&str> = files("github.com/jackc/pgx/v5")
            .iter()
            .map(|f| f.name)
            .collect();
        assert!(
            pgx.contains(&"conn.go") && pgx.contains(&"tx.go"),
            "{pgx:?}"
        );
        assert!(files("github.com/jackc/pgx/v5")
            .iter()
            .all(|f| f.import_path == "github.com/jackc/pgx/v5"));
        assert!(files("github.com/jackc/pgx").is_empty());
        assert!(files("github.com/jackc/pgx/v5/pgtype").is_empty());
        assert!(files("").is_empty());
        assert!(files("\u{10ffff}").is_empty());
        assert_eq!(import_paths().len(), 12);
    }
}
