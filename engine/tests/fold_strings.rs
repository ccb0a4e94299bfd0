//! Constant folding of query strings: literals, `+` across declarations and
//! packages, package-level consts and vars; anything else is not folded.

use goseam_engine::expr::Expr;
use goseam_engine::facts::Position;
use goseam_engine::resolve::check::{Checker, NoLocals};
use goseam_engine::resolve::query::prepare;
use goseam_engine::resolve::universe::Toolchain;
use goseam_engine::ScanOptions;

fn write(root: &std::path::Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn ident(name: &str) -> Expr {
    Expr::Ident {
        name: name.to_string(),
        position: Position { line: 1, column: 1 },
    }
}

#[test]
fn folds_constants_across_declarations_and_packages() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "go.mod", "module example.com/m\n\ngo 1.19\n");
    write(
        root,
        "cols/cols.go",
        "package cols\n\nconst Table = \"accounts\"\n",
    );
    write(
        root,
        "store/q.go",
        r#"package store

import "example.com/m/cols"

const ledgerColumns = "id, account_id"

const selectLedger = "SELECT " + ledgerColumns + " FROM ledger_entries"

var insertQ = "INSERT INTO " + cols.Table + " (a) VALUES ($1)"

const raw = `DELETE FROM t
WHERE id = $1`

var notConst = pick()

var a, b = "x", "y"

func pick() string { return "z" }
"#,
    );
    write(
        root,
        "store/other.go",
        "package store\n\nconst fromOtherFile = selectLedger + \" LIMIT 1\"\n",
    );

    let prepared = prepare(&ScanOptions::new(root), Toolchain::default()).unwrap();
    let u = &prepared.universe;
    let checker = Checker::new(u);
    let pkg = u.tree_package("store").expect("store loads");
    let file = pkg.files.iter().position(|f| f.name == "q.go").unwrap();
    let ctx = checker.ctx(&pkg, file);
    let fold = |name: &str| checker.fold_string(&ctx, &NoLocals, &ident(name), 0);

    assert_eq!(
        fold("selectLedger").as_deref(),
        Some("SELECT id, account_id FROM ledger_entries")
    );
    assert_eq!(
        fold("insertQ").as_deref(),
        Some("INSERT INTO accounts (a) VALUES ($1)")
    );
    assert_eq!(fold("raw").as_deref(), Some("DELETE FROM t\nWHERE id = $1"));
    assert_eq!(
        fold("fromOtherFile").as_deref(),
        Some("SELECT id, account_id FROM ledger_entries LIMIT 1")
    );
    assert_eq!(fold("b").as_deref(), Some("y"));
    assert_eq!(fold("notConst"), None, "a call is not folded");
    assert_eq!(fold("missing"), None);
    let qualified = Expr::Selector {
        x: Box::new(ident("cols")),
        sel: "Table".to_string(),
        position: Position { line: 1, column: 1 },
    };
    assert_eq!(
        checker
            .fold_string(&ctx, &NoLocals, &qualified, 0)
            .as_deref(),
        Some("accounts")
    );
}
