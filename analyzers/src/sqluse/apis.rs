//! The database APIs goseam knows: which resolved calls run SQL, which name
//! tables, and which argument carries them.
//!
//! A call is matched on what it resolves to (package path, receiver type,
//! method), never on its spelling, so `db.Exec` on an unrelated type is not
//! a query. Methods of types whose source is unavailable (opaque callees)
//! match on the same triple: the library's API is known even when its
//! source is not on disk.

use std::collections::HashSet;

use goseam_engine::resolve::check::Callee;

use crate::sql::{Access, Operation};

/// What a matched call does with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiKind {
    /// Argument `arg` is an SQL statement.
    Sql { arg: usize },
    /// Argument `arg` names a table accessed as `access` (a configured
    /// query function of kind `table`).
    Table { arg: usize, access: Access },
    /// pgx `CopyFrom(ctx, pgx.Identifier{…}, columns, rows)`: a bulk write
    /// into the table named by argument `arg`, columns in `arg + 1`.
    CopyFrom { arg: usize },
    /// `fmt.Sprintf`-style formatting of an SQL template in argument 0.
    Format,
    /// A squirrel statement constructor (`Insert("t")`, `Select(…)`).
    Squirrel { operation: Operation },
    /// A gorm method that runs a statement against the model or table the
    /// chain below it names.
    Gorm { operation: Operation },
}

/// One known API entry point.
#[derive(Debug, Clone)]
pub struct Api {
    /// Import path, or a prefix of it ending in `/` for module families
    /// (`github.com/jackc/pgx/`).
    pub pkg: String,
    /// Receiver type name; empty for package-level functions.
    pub type_name: String,
    pub name: String,
    pub kind: ApiKind,
    /// The library, as reported (`database/sql`, `sqlx`, `pgx`, …).
    pub library: &'static str,
}

/// A resolved call matched to an API.
#[derive(Debug, Clone)]
pub struct ApiCall<'a> {
    pub api: &'a Api,
    /// go/types' spelling of what was called, when resolved.
    pub callee: String,
}

/// The APIs to look for, and the called names worth resolving.
#[derive(Debug, Clone)]
pub struct ApiTable {
    apis: Vec<Api>,
    names: HashSet<String>,
}

const DATABASE_SQL: &str = "database/sql";
const SQLX: &str = "github.com/jmoiron/sqlx";
const PGX: &str = "github.com/jackc/pgx/";
/// sqlx's handle types and interfaces. A method a type lacks never
/// resolves to it, so one list serves every sqlx method.
const SQLX_TYPES: &[&str] = &[
    "DB",
    "Tx",
    "Conn",
    "Queryer",
    "Execer",
    "Ext",
    "QueryerContext",
    "ExecerContext",
    "ExtContext",
    "Preparer",
    "PreparerContext",
];
const SQUIRREL: &str = "github.com/Masterminds/squirrel";
const GORM: &str = "gorm.io/gorm";

impl ApiTable {
    /// The built-in table: database/sql, sqlx, pgx (v4 and v5, with
    /// pgxpool), squirrel, gorm and `fmt.Sprintf`.
    pub fn builtin() -> ApiTable {
        let mut apis = Vec::new();
        let mut add = |pkg: &str, types: &[&str], name: &str, kind: ApiKind, library| {
            for t in types {
                apis.push(Api {
                    pkg: pkg.to_string(),
                    type_name: t.to_string(),
                    name: name.to_string(),
                    kind: kind.clone(),
                    library,
                });
            }
        };
        // database/sql: the query is the first argument, after a context.
        let sql_types = ["DB", "Tx", "Conn"];
        for (name, arg) in [
            ("Exec", 0),
            ("ExecContext", 1),
            ("Query", 0),
            ("QueryContext", 1),
            ("QueryRow", 0),
            ("QueryRowContext", 1),
            ("Prepare", 0),
            ("PrepareContext", 1),
        ] {
            add(
                DATABASE_SQL,
                &sql_types,
                name,
                ApiKind::Sql { arg },
                "database/sql",
            );
            // sqlx types embed the database/sql ones; when sqlx's source is
            // unavailable the promoted methods are seen on the sqlx types.
            add(SQLX, SQLX_TYPES, name, ApiKind::Sql { arg }, "sqlx");
        }
        for (name, arg) in [
            ("Get", 1),
            ("Select", 1),
            ("GetContext", 2),
            ("SelectContext", 2),
            ("NamedExec", 0),
            ("NamedExecContext", 1),
            ("NamedQuery", 0),
            ("NamedQueryContext", 1),
            ("MustExec", 0),
            ("MustExecContext", 1),
            ("Queryx", 0),
            ("QueryxContext", 1),
            ("QueryRowx", 0),
            ("QueryRowxContext", 1),
            ("Preparex", 0),
            ("PreparexContext", 1),
            ("PrepareNamed", 0),
            ("PrepareNamedContext", 1),
        ] {
            add(SQLX, SQLX_TYPES, name, ApiKind::Sql { arg }, "sqlx");
        }
        // sqlx package functions take the database as their first
        // argument (after a context).
        for (name, arg) in [
            ("Get", 2),
            ("Select", 2),
            ("GetContext", 3),
            ("SelectContext", 3),
            ("NamedExec", 1),
            ("NamedExecContext", 2),
            ("NamedQuery", 1),
            ("NamedQueryContext", 2),
            ("MustExec", 1),
            ("MustExecContext", 2),
            ("Preparex", 1),
            ("PreparexContext", 2),
            ("PrepareNamed", 1),
            ("PrepareNamedContext", 2),
        ] {
            add(SQLX, &[""], name, ApiKind::Sql { arg }, "sqlx");
        }
        // pgx v4/v5 and pgxpool: a context first.
        let pgx_types = ["Conn", "Tx", "Pool", "dbTx"];
        for (name, arg) in [("Exec", 1), ("Query", 1), ("QueryRow", 1), ("Prepare", 2)] {
            add(PGX, &pgx_types, name, ApiKind::Sql { arg }, "pgx");
        }
        add(PGX, &["Batch"], "Queue", ApiKind::Sql { arg: 0 }, "pgx");
        add(
            PGX,
            &pgx_types,
            "CopyFrom",
            ApiKind::CopyFrom { arg: 1 },
            "pgx",
        );
        // squirrel: package functions and the StatementBuilderType methods.
        for (name, operation) in [
            ("Select", Operation::Select),
            ("Insert", Operation::Insert),
            ("Replace", Operation::Replace),
            ("Update", Operation::Update),
            ("Delete", Operation::Delete),
        ] {
            add(
                SQUIRREL,
                &["", "StatementBuilderType"],
                name,
                ApiKind::Squirrel { operation },
                "squirrel",
            );
        }
        // gorm: statements run by finisher methods on *gorm.DB.
        for (name, operation) in [
            ("Create", Operation::Insert),
            ("CreateInBatches", Operation::Insert),
            ("Save", Operation::Upsert),
            ("FirstOrCreate", Operation::Upsert),
            ("Update", Operation::Update),
            ("Updates", Operation::Update),
            ("UpdateColumn", Operation::Update),
            ("UpdateColumns", Operation::Update),
            ("Delete", Operation::Delete),
            ("First", Operation::Select),
            ("Take", Operation::Select),
            ("Last", Operation::Select),
            ("Find", Operation::Select),
            ("FindInBatches", Operation::Select),
            ("FirstOrInit", Operation::Select),
            ("Count", Operation::Select),
            ("Pluck", Operation::Select),
        ] {
            add(GORM, &["DB"], name, ApiKind::Gorm { operation }, "gorm");
        }
        add(GORM, &["DB"], "Raw", ApiKind::Sql { arg: 0 }, "gorm");
        add(GORM, &["DB"], "Exec", ApiKind::Sql { arg: 0 }, "gorm");
        add("fmt", &[""], "Sprintf", ApiKind::Format, "fmt");
        ApiTable::from_apis(apis)
    }

    /// The table with `extra` entries added (configured query functions).
    pub fn with(mut self, extra: Vec<Api>) -> ApiTable {
        self.apis.extend(extra);
        ApiTable::from_apis(self.apis)
    }

    fn from_apis(apis: Vec<Api>) -> ApiTable {
        let names = apis.iter().map(|a| a.name.clone()).collect();
        ApiTable { apis, names }
    }

    /// Whether calls of `name` may match.
    pub fn wants(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// The called names, for the text prefilter.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.apis.iter().map(|a| a.name.as_str())
    }

    /// Names of configured query functions, which are resolved in every
    /// package.
    pub fn configured_names(&self) -> impl Iterator<Item = &str> {
        self.apis
            .iter()
            .filter(|a| a.library == "config")
            .map(|a| a.name.as_str())
    }

    /// Whether calls of `name` may match outside packages that import a
    /// database library: `fmt.Sprintf` and configured functions.
    pub fn wants_everywhere(&self, name: &str) -> bool {
        name == "Sprintf" || self.configured_names().any(|n| n == name)
    }

    /// Import paths (or prefixes) of the libraries, for the prefilter.
    pub fn packages(&self) -> impl Iterator<Item = &str> {
        self.apis.iter().map(|a| a.pkg.as_str())
    }

    /// The API a resolved callee is, if any.
    pub fn classify(&self, callee: &Callee) -> Option<ApiCall<'_>> {
        let (pkg, type_name, name) = match callee {
            Callee::Func { pkg, name, .. } => (pkg.as_str(), "", name.as_str()),
            Callee::Method {
                pkg,
                type_name,
                name,
                ..
            }
            | Callee::Interface {
                pkg,
                type_name,
                name,
            }
            | Callee::Opaque {
                pkg,
                type_name,
                name,
            } => (pkg.as_str(), type_name.as_str(), name.as_str()),
            Callee::Dynamic { .. } | Callee::Unresolved { .. } => return None,
        };
        let api = self.apis.iter().find(|a| {
            a.name == name
                && a.type_name == type_name
                && (a.pkg == pkg || a.pkg.ends_with('/') && pkg.starts_with(&a.pkg))
        })?;
        let callee = callee.full_name().unwrap_or_else(|| {
            if type_name.is_empty() {
                format!("{pkg}.{name}")
            } else {
                format!("({pkg}.{type_name}).{name}")
            }
        });
        Some(ApiCall { api, callee })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn method(pkg: &str, t: &str, name: &str) -> Callee {
        Callee::Method {
            pkg: pkg.into(),
            type_name: t.into(),
            type_params: vec![],
            pointer: true,
            name: name.into(),
        }
    }

    #[test]
    fn matches_on_resolution_not_spelling() {
        let t = ApiTable::builtin();
        let exec = t
            .classify(&method("database/sql", "DB", "ExecContext"))
            .unwrap();
        assert_eq!(exec.api.kind, ApiKind::Sql { arg: 1 });
        assert_eq!(exec.callee, "(*database/sql.DB).ExecContext");
        assert!(t
            .classify(&method("example.com/other", "DB", "ExecContext"))
            .is_none());
        let copy = t
            .classify(&method(
                "github.com/jackc/pgx/v5/pgxpool",
                "Pool",
                "CopyFrom",
            ))
            .unwrap();
        assert_eq!(copy.api.kind, ApiKind::CopyFrom { arg: 1 });
        let opaque = Callee::Opaque {
            pkg: SQLX.into(),
            type_name: "Tx".into(),
            name: "Get".into(),
        };
        assert_eq!(
            t.classify(&opaque).unwrap().api.kind,
            ApiKind::Sql { arg: 1 }
        );
        assert!(t.wants("NamedExecContext") && !t.wants("Println"));
    }
}
