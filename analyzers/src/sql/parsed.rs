//! Facts from a `sqlparser` AST.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

use sqlparser::ast::{
    Assignment, AssignmentTarget, CopySource, FromTable, MergeAction, MergeUpdateKind, ObjectName,
    ObjectType, OnConflictAction, OnInsert, Query, SetExpr, SqliteOnConflict, Statement,
    TableFactor, TableObject, Visit, Visitor,
};
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

use super::{finish, Dialect, Operation, StatementFacts, TableRef};

/// Parse `sql` in `dialect`; the error text on failure.
pub(super) fn parse(sql: &str, dialect: Dialect) -> Result<StatementFacts, String> {
    let statements = match dialect {
        Dialect::Postgres => Parser::parse_sql(&PostgreSqlDialect {}, sql),
        Dialect::MySql => Parser::parse_sql(&MySqlDialect {}, sql),
        Dialect::Sqlite => Parser::parse_sql(&SQLiteDialect {}, sql),
    }
    .map_err(|e| e.to_string())?;
    let Some(first) = statements.first() else {
        return Err("no statement".to_string());
    };
    let operation = operation_of(first);
    let mut collector = Collector::default();
    for statement in &statements {
        let _ = statement.visit(&mut collector);
    }
    let (tables, columns) = collector.into_facts();
    Ok(finish(
        operation,
        tables,
        columns,
        true,
        Some(dialect),
        None,
    ))
}

fn operation_of(statement: &Statement) -> Operation {
    match statement {
        Statement::Query(query) => match query.body.as_ref() {
            SetExpr::Insert(s) | SetExpr::Update(s) | SetExpr::Delete(s) | SetExpr::Merge(s) => {
                operation_of(s)
            }
            _ => Operation::Select,
        },
        Statement::Insert(insert) => {
            if insert.replace_into || insert.or == Some(SqliteOnConflict::Replace) {
                Operation::Replace
            } else if insert.on.is_some() {
                Operation::Upsert
            } else {
                Operation::Insert
            }
        }
        Statement::Update(_) => Operation::Update,
        Statement::Delete(_) => Operation::Delete,
        Statement::Merge(_) => Operation::Merge,
        Statement::Copy { .. } => Operation::Copy,
        Statement::Truncate(_) => Operation::Truncate,
        _ => Operation::Ddl,
    }
}

/// Dotted name with quotes removed, as written.
fn object_name(name: &ObjectName) -> String {
    name.0
        .iter()
        .map(|part| match part.as_ident() {
            Some(ident) => ident.value.clone(),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Last part of a (possibly qualified) column name.
fn column_name(name: &ObjectName) -> String {
    name.0
        .last()
        .map(|part| match part.as_ident() {
            Some(ident) => ident.value.clone(),
            None => part.to_string(),
        })
        .unwrap_or_default()
}

/// Walks every statement (nested ones in data-modifying CTEs included),
/// query and table factor.
#[derive(Default)]
struct Collector {
    /// Every `TableFactor::Table` occurrence (FROM, JOIN, USING, UPDATE and
    /// DELETE targets, MERGE target and source).
    occurrences: Vec<String>,
    /// Write targets that are also table factors: one occurrence each is a
    /// write, not a read.
    consumed: Vec<String>,
    writes: Vec<String>,
    /// MySQL multi-table DELETE targets, which may be aliases.
    alias_writes: Vec<String>,
    aliases: HashMap<String, String>,
    ctes: HashSet<String>,
    columns: Vec<String>,
}

impl Collector {
    fn assignments(&mut self, assignments: &[Assignment]) {
        for a in assignments {
            match &a.target {
                AssignmentTarget::ColumnName(n) => self.columns.push(column_name(n)),
                AssignmentTarget::Tuple(ns) => {
                    self.columns.extend(ns.iter().map(column_name));
                }
            }
        }
    }

    /// A table-factor write target (UPDATE, DELETE, MERGE).
    fn factor_write(&mut self, factor: &TableFactor) {
        if let TableFactor::Table { name, .. } = factor {
            let name = object_name(name);
            self.consumed.push(name.clone());
            self.writes.push(name);
        }
    }

    fn into_facts(mut self) -> (Vec<TableRef>, Vec<String>) {
        for w in std::mem::take(&mut self.alias_writes) {
            let table = self.aliases.get(&w).cloned().unwrap_or(w);
            self.consumed.push(table.clone());
            self.writes.push(table);
        }
        let mut reads = self.occurrences;
        for c in &self.consumed {
            if let Some(i) = reads.iter().position(|r| r == c) {
                reads.swap_remove(i);
            }
        }
        let tables = super::table_refs(reads, self.writes, &self.ctes);
        (tables, self.columns)
    }
}

impl Visitor for Collector {
    type Break = ();

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                self.ctes.insert(cte.alias.name.value.to_lowercase());
            }
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        if let TableFactor::Table {
            name, alias, args, ..
        } = factor
        {
            // `args` makes it a table-valued function call, not a table.
            if args.is_none() {
                let name = object_name(name);
                if let Some(alias) = alias {
                    self.aliases.insert(alias.name.value.clone(), name.clone());
                }
                self.occurrences.push(name);
            }
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_statement(&mut self, statement: &Statement) -> ControlFlow<()> {
        match statement {
            Statement::Insert(insert) => {
                if let TableObject::TableName(name) = &insert.table {
                    self.writes.push(object_name(name));
                }
                self.columns.extend(insert.columns.iter().map(column_name));
                self.assignments(&insert.assignments);
                match &insert.on {
                    Some(OnInsert::DuplicateKeyUpdate(assignments)) => {
                        self.assignments(assignments)
                    }
                    Some(OnInsert::OnConflict(conflict)) => {
                        if let OnConflictAction::DoUpdate(update) = &conflict.action {
                            self.assignments(&update.assignments);
                        }
                    }
                    _ => {}
                }
            }
            Statement::Update(update) => {
                self.factor_write(&update.table.relation);
                self.assignments(&update.assignments);
            }
            Statement::Delete(delete) => {
                if delete.tables.is_empty() {
                    let from = match &delete.from {
                        FromTable::WithFromKeyword(v) | FromTable::WithoutKeyword(v) => v,
                    };
                    for t in from {
                        self.factor_write(&t.relation);
                    }
                } else {
                    self.alias_writes
                        .extend(delete.tables.iter().map(object_name));
                }
            }
            Statement::Merge(merge) => {
                self.factor_write(&merge.table);
                for clause in &merge.clauses {
                    match &clause.action {
                        MergeAction::Insert(insert) => {
                            self.columns.extend(insert.columns.iter().map(column_name));
                        }
                        MergeAction::Update(update) => {
                            if let MergeUpdateKind::Set(assignments) = &update.kind {
                                self.assignments(assignments);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Statement::Copy {
                source:
                    CopySource::Table {
                        table_name,
                        columns,
                    },
                to,
                ..
            } => {
                let name = object_name(table_name);
                if *to {
                    self.occurrences.push(name);
                } else {
                    self.writes.push(name);
                    self.columns.extend(columns.iter().map(|c| c.value.clone()));
                }
            }
            Statement::Truncate(truncate) => {
                self.writes
                    .extend(truncate.table_names.iter().map(|t| object_name(&t.name)));
            }
            Statement::CreateTable(create) => self.writes.push(object_name(&create.name)),
            Statement::CreateVirtualTable { name, .. } => self.writes.push(object_name(name)),
            Statement::CreateView(view) => self.writes.push(object_name(&view.name)),
            Statement::CreateIndex(index) => self.writes.push(object_name(&index.table_name)),
            Statement::AlterTable(alter) => self.writes.push(object_name(&alter.name)),
            Statement::Drop {
                object_type, names, ..
            } => {
                if matches!(
                    object_type,
                    ObjectType::Table | ObjectType::View | ObjectType::MaterializedView
                ) {
                    self.writes.extend(names.iter().map(object_name));
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }
}
