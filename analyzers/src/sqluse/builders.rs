//! Query builders and ORMs: the statement a squirrel chain builds, and the
//! table a gorm call runs against.
//!
//! Both are read from one expression: the squirrel constructor and the
//! method calls chained on its result (`sq.Select("a").From("t").Join(…)`),
//! or the gorm method and the calls it is chained on (`db.Table("t")
//! .Where(…).Find(&rows)`). A builder held in a variable and continued in a
//! later statement is not followed; what is missing then is reported as
//! unresolved.

use std::collections::BTreeMap;

use tree_sitter::Node;

use goseam_engine::field::{Field, FieldExt, KindExt};
use goseam_engine::resolve::types::Ty;
use goseam_engine::resolve::walk::HookCx;

use crate::sql::{Access, Operation, StatementFacts, TableRef};

use super::apis::ApiCall;
use super::hooks::{arguments, call_name, first_word, unparen, SqlHooks};
use super::{SiteKind, SqlSite};

/// The method calls chained on `call`'s result, innermost first:
/// `(name, call node)`.
fn chain_up<'t>(cx: &HookCx, call: Node<'t>) -> Vec<(String, Node<'t>)> {
    let mut out = Vec::new();
    let mut cur = call;
    while let Some(sel) = cur.parent() {
        if sel.kind_name() != "selector_expression" || sel.field(Field::Operand) != Some(cur) {
            break;
        }
        let Some(outer) = sel.parent() else { break };
        if outer.kind_name() != "call_expression" || outer.field(Field::Function) != Some(sel) {
            break;
        }
        let Some(field) = sel.field(Field::Field) else {
            break;
        };
        out.push((cx.text(field), outer));
        cur = outer;
    }
    out
}

/// A squirrel statement: `Insert("t")`, `Update("t")`, `Delete("t")`,
/// `Replace("t")`, `Select(cols…).From("t")`.
pub(super) fn squirrel(
    h: &mut SqlHooks,
    cx: &HookCx,
    call: Node,
    operation: Operation,
    api: &ApiCall,
) {
    let via = Some(api.callee.clone());
    let at = call_name(call);
    let args = arguments(call);
    let chain = chain_up(cx, call);
    let fold = |h: &mut SqlHooks, n: Node| -> Option<String> {
        let (v, consts) = cx.fold(unparen(n))?;
        h.use_constants(&consts);
        Some(v)
    };
    let first_arg = |h: &mut SqlHooks, c: Node| arguments(c).first().and_then(|a| fold(h, *a));
    if operation == Operation::Select {
        let columns: Vec<String> = args
            .iter()
            .map(|a| fold(h, *a).unwrap_or_else(|| "*".to_string()))
            .collect();
        let mut from: Option<Result<String, Node>> = None;
        let mut clauses = Vec::new();
        let mut wheres = Vec::new();
        for (name, c) in &chain {
            let join = match name.as_str() {
                "From" => {
                    from = Some(first_arg(h, *c).ok_or(*c));
                    continue;
                }
                "Where" => {
                    if let Some(w) = first_arg(h, *c) {
                        wheres.push(w);
                    }
                    continue;
                }
                "Join" | "InnerJoin" => "JOIN",
                "LeftJoin" => "LEFT JOIN",
                "RightJoin" => "RIGHT JOIN",
                "CrossJoin" => "CROSS JOIN",
                "FullJoin" => "FULL JOIN",
                _ => continue,
            };
            match first_arg(h, *c) {
                Some(j) => clauses.push(format!("{join} {j}")),
                None => h.unresolved(
                    cx,
                    *c,
                    "squirrel join clause is not a constant string".to_string(),
                    None,
                    via.clone(),
                ),
            }
        }
        let from = match from {
            Some(Ok(f)) => f,
            Some(Err(c)) => {
                h.unresolved(
                    cx,
                    c,
                    "squirrel From is not a constant string".to_string(),
                    None,
                    via,
                );
                return;
            }
            None => {
                if chain.iter().any(|(n, _)| n == "FromSelect") {
                    // A subquery: its own builder reports its tables.
                    return;
                }
                h.unresolved(
                    cx,
                    at,
                    "squirrel Select with no From in the same expression".to_string(),
                    None,
                    via,
                );
                return;
            }
        };
        let mut sql = format!("SELECT {} FROM {from}", columns.join(", "));
        for c in clauses {
            sql.push(' ');
            sql.push_str(&c);
        }
        if !wheres.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&wheres.join(" AND "));
        }
        let facts = h.analyze(&sql).unwrap_or_else(|| StatementFacts {
            operation: Operation::Select,
            tables: vec![TableRef {
                name: first_word(&from),
                access: Access::Read,
            }],
            columns_written: Vec::new(),
            parsed: false,
            dialect: None,
            error: None,
        });
        let site = SqlHooks::site(cx, at, SiteKind::Builder, via, sql, &[], facts);
        h.found.sites.push(site);
        return;
    }

    // Writes: the table is the constructor's argument or a chained
    // Into/Table/From.
    let mut table = match args.first() {
        Some(a) => match fold(h, *a) {
            Some(t) => Ok(t),
            None => Err(*a),
        },
        None => Ok(String::new()),
    };
    let mut columns: Vec<String> = Vec::new();
    let mut suffix = String::new();
    for (name, c) in &chain {
        match name.as_str() {
            "Into" | "Table" | "From" => {
                table = first_arg(h, *c).ok_or(*c);
            }
            "Columns" => {
                for a in arguments(*c) {
                    match fold(h, a) {
                        Some(col) => columns.push(col),
                        None => h.unresolved(
                            cx,
                            a,
                            "squirrel column name is not a constant string".to_string(),
                            None,
                            via.clone(),
                        ),
                    }
                }
            }
            "Set" => {
                if let Some(col) = first_arg(h, *c) {
                    columns.push(col);
                }
            }
            "SetMap" => {
                if let Some(m) = arguments(*c).first() {
                    columns.extend(map_keys(cx, h, unparen(*m)));
                }
            }
            "Suffix" => {
                if let Some(s) = first_arg(h, *c) {
                    suffix.push(' ');
                    suffix.push_str(&s);
                }
            }
            _ => {}
        }
    }
    let table = match table {
        Ok(t) if !t.trim().is_empty() => first_word(&t),
        Ok(_) => {
            h.unresolved(
                cx,
                at,
                "squirrel statement names no table in the same expression".to_string(),
                None,
                via,
            );
            return;
        }
        Err(n) => {
            h.unresolved(
                cx,
                n,
                "squirrel table name is not a constant string".to_string(),
                None,
                via,
            );
            return;
        }
    };
    let upper = suffix.to_ascii_uppercase();
    let operation = if operation == Operation::Insert
        && (upper.contains("ON CONFLICT") || upper.contains("ON DUPLICATE KEY"))
    {
        Operation::Upsert
    } else {
        operation
    };
    let verb = match operation {
        Operation::Update => format!("UPDATE {table} SET {}", columns.join(", ")),
        Operation::Delete => format!("DELETE FROM {table}"),
        Operation::Replace => format!("REPLACE INTO {table} ({})", columns.join(", ")),
        _ => format!("INSERT INTO {table} ({})", columns.join(", ")),
    };
    columns.sort();
    columns.dedup();
    let site = SqlHooks::site(
        cx,
        at,
        SiteKind::Builder,
        via,
        format!("{verb}{suffix}"),
        &[],
        StatementFacts {
            operation,
            tables: vec![TableRef {
                name: table,
                access: Access::Write,
            }],
            columns_written: columns,
            parsed: true,
            dialect: None,
            error: None,
        },
    );
    h.found.sites.push(site);
}

/// The constant keys of a map literal (`map[string]interface{}{"a": 1}`).
fn map_keys(cx: &HookCx, h: &mut SqlHooks, n: Node) -> Vec<String> {
    let mut out = Vec::new();
    if n.kind_name() != "composite_literal" {
        return out;
    }
    let Some(body) = n.field(Field::Body) else {
        return out;
    };
    let mut cursor = body.walk();
    for el in body.named_children(&mut cursor) {
        if el.kind_name() != "keyed_element" {
            continue;
        }
        let Some(key) = el.named_child(0) else {
            continue;
        };
        let key = if key.kind_name() == "literal_element" {
            key.named_child(0).unwrap_or(key)
        } else {
            key
        };
        if let Some((k, consts)) = cx.fold(key) {
            h.use_constants(&consts);
            out.push(k);
        }
    }
    out
}

/// A gorm statement whose table comes from a model type, resolved once
/// every file's `TableName` methods are known.
#[derive(Debug, Clone)]
pub struct PendingModel {
    pub site: SqlSite,
    /// (package path, type name) of the model.
    pub model: (String, String),
    pub access: Access,
}

/// gorm methods whose first argument is the model (or a pointer or slice
/// of it).
const MODEL_ARG: &[&str] = &[
    "Create",
    "CreateInBatches",
    "Save",
    "FirstOrCreate",
    "Delete",
    "First",
    "Take",
    "Last",
    "Find",
    "FindInBatches",
    "FirstOrInit",
];

/// A gorm statement: the table from `Table("t")` or `Model(x)` in the chain
/// it is called on, else from the model argument.
pub(super) fn gorm(h: &mut SqlHooks, cx: &HookCx, call: Node, operation: Operation, api: &ApiCall) {
    let via = Some(api.callee.clone());
    let at = call_name(call);
    let method = cx.text(at);
    let access = if operation == Operation::Select {
        Access::Read
    } else {
        Access::Write
    };
    let mut table: Option<Result<String, Node>> = None;
    let mut model: Option<Node> = None;
    let mut x = call
        .field(Field::Function)
        .map(unparen)
        .and_then(|f| f.field(Field::Operand));
    while let Some(n) = x.map(unparen) {
        if n.kind_name() != "call_expression" {
            break;
        }
        let Some(sel) = n
            .field(Field::Function)
            .map(unparen)
            .filter(|f| f.kind_name() == "selector_expression")
        else {
            break;
        };
        let name = sel
            .field(Field::Field)
            .map(|f| cx.text(f))
            .unwrap_or_default();
        let first = arguments(n).first().copied();
        match name.as_str() {
            // The outermost call is the last applied: it wins.
            "Table" if table.is_none() => {
                table = Some(match first.and_then(|a| cx.fold(unparen(a))) {
                    Some((t, consts)) => {
                        h.use_constants(&consts);
                        Ok(t)
                    }
                    None => Err(n),
                });
            }
            "Model" if model.is_none() => model = first,
            _ => {}
        }
        x = sel.field(Field::Operand);
    }
    let facts = |name: String| StatementFacts {
        operation,
        tables: vec![TableRef { name, access }],
        columns_written: Vec::new(),
        parsed: true,
        dialect: None,
        error: None,
    };
    match table {
        Some(Ok(t)) => {
            let name = first_word(&t);
            let sql = format!("gorm {method} on table {name}");
            let site = SqlHooks::site(cx, at, SiteKind::Orm, via, sql, &[], facts(name));
            h.found.sites.push(site);
            return;
        }
        Some(Err(n)) => {
            h.unresolved(
                cx,
                n,
                "gorm Table name is not a constant string".to_string(),
                None,
                via,
            );
            return;
        }
        None => {}
    }
    let model = model.or_else(|| {
        MODEL_ARG
            .contains(&method.as_str())
            .then(|| arguments(call).first().copied())
            .flatten()
    });
    let named = model.and_then(|m| model_type(&cx.type_of(m)));
    let Some((pkg, type_name)) = named else {
        h.unresolved(
            cx,
            at,
            "gorm call with no Table, and no model whose type is known, in the same expression"
                .to_string(),
            None,
            via,
        );
        return;
    };
    let sql = format!("gorm {method} on model {pkg}.{type_name}");
    let site = SqlHooks::site(cx, at, SiteKind::Orm, via, sql, &[], facts(String::new()));
    h.found.models.push(PendingModel {
        site,
        model: (pkg, type_name),
        access,
    });
}

/// The named struct type behind a model expression's type (`*T`, `[]T`,
/// `*[]*T`).
fn model_type(t: &Ty) -> Option<(String, String)> {
    match t {
        Ty::Pointer(e) | Ty::Slice(e) | Ty::Array(e) => model_type(e),
        Ty::Named {
            pkg: Some(p), name, ..
        } => Some((p.path().to_string(), name.to_string())),
        Ty::Local { pkg, name, .. } => Some((pkg.to_string(), name.to_string())),
        _ => None,
    }
}

/// The site of a gorm model statement, its table from the model's
/// `TableName()` or, failing that, gorm's default naming (marked
/// inferred).
pub(super) fn finish_model(
    m: PendingModel,
    table_names: &BTreeMap<(String, String), String>,
) -> SqlSite {
    let mut site = m.site;
    let (name, inferred) = match table_names.get(&m.model) {
        Some(t) => (t.clone(), false),
        None => (gorm_table_name(&m.model.1), true),
    };
    site.tables = vec![TableRef {
        name,
        access: m.access,
    }];
    site.inferred = inferred;
    site
}

/// gorm's default table name for a struct: snake case, pluralized (the
/// common English rules; irregular plurals are not modelled, which is why
/// such names are marked inferred).
pub fn gorm_table_name(type_name: &str) -> String {
    let mut snake = String::new();
    let chars: Vec<char> = type_name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if i > 0 && (prev_lower || next_lower && chars[i - 1].is_uppercase()) {
                snake.push('_');
            }
            snake.extend(c.to_lowercase());
        } else {
            snake.push(*c);
        }
    }
    if snake.ends_with('y')
        && !snake.ends_with("ay")
        && !snake.ends_with("ey")
        && !snake.ends_with("oy")
        && !snake.ends_with("uy")
    {
        snake.pop();
        snake.push_str("ies");
    } else if snake.ends_with('s')
        || snake.ends_with('x')
        || snake.ends_with("ch")
        || snake.ends_with("sh")
    {
        snake.push_str("es");
    } else {
        snake.push('s');
    }
    snake
}

#[cfg(test)]
mod tests {
    use super::gorm_table_name;

    #[test]
    fn gorm_default_names() {
        assert_eq!(gorm_table_name("User"), "users");
        assert_eq!(gorm_table_name("LedgerEntry"), "ledger_entries");
        assert_eq!(gorm_table_name("HTTPLog"), "http_logs");
        assert_eq!(gorm_table_name("Address"), "addresses");
        assert_eq!(gorm_table_name("Day"), "days");
    }
}
