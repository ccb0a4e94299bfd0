//! The body-walk hooks that turn constant strings and resolved API calls
//! into SQL sites and unresolved items, for one file.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use tree_sitter::Node;

use goseam_engine::expr::Expr;
use goseam_engine::field::{Field, FieldExt, KindExt};
use goseam_engine::resolve::check::{Callee, ConstRef};
use goseam_engine::resolve::query::SiteFile;
use goseam_engine::resolve::walk::{BodyHooks, HookCx, LocalOrigin};

use crate::sql::{analyze_statement, DialectChoice, StatementFacts};

use super::apis::{ApiCall, ApiKind, ApiTable};
use super::builders::{self, PendingModel};
use super::prefilter::is_statement;
use super::{SiteKind, SqlSite, Unresolved};

/// What the walk of one file found.
#[derive(Debug, Default)]
pub struct FileFindings {
    pub sites: Vec<SqlSite>,
    pub unresolved: Vec<Unresolved>,
    /// Package-level constants used by code, as (package, name).
    pub used_constants: BTreeSet<(String, String)>,
    /// gorm `TableName()` methods: (package, type) → the table.
    pub table_names: Vec<((String, String), String)>,
    pub models: Vec<PendingModel>,
}

/// The hooks for one file. Sites are recorded without their file and
/// package, which [`SqlHooks::finish`] fills in.
pub struct SqlHooks<'a> {
    pub(super) apis: &'a ApiTable,
    pub(super) dialect: DialectChoice,
    /// Byte ranges already reported (an argument a driver call consumed),
    /// so the strings inside are not reported again.
    consumed: Vec<Range<usize>>,
    pub(super) found: FileFindings,
    /// `TableName` strings by receiver type, before the package is known.
    table_names: Vec<(String, String)>,
    /// The file's package imports a database library: resolve calls of
    /// every API name (elsewhere only `Sprintf` and configured functions).
    db_package: bool,
}

/// Substituted for each `fmt` verb of a template before it is parsed.
pub(super) const VERB_MARK: &str = "__goseam_fmt_";

impl<'a> SqlHooks<'a> {
    pub fn new(apis: &'a ApiTable, dialect: DialectChoice, db_package: bool) -> Self {
        SqlHooks {
            apis,
            dialect,
            consumed: Vec::new(),
            found: FileFindings::default(),
            table_names: Vec::new(),
            db_package,
        }
    }

    /// The findings, with the file's path and package filled in.
    pub fn finish(mut self, meta: &SiteFile) -> FileFindings {
        let fill_site = |s: &mut SqlSite| {
            s.file = meta.path.clone();
            s.package = meta.package.clone();
            s.test = meta.test;
            s.generated = meta.generated;
        };
        self.found.sites.iter_mut().for_each(fill_site);
        for m in &mut self.found.models {
            fill_site(&mut m.site);
        }
        for u in &mut self.found.unresolved {
            u.file = meta.path.clone();
            u.package = meta.package.clone();
            u.test = meta.test;
        }
        let pkg = meta.package.trim_end_matches("_test").to_string();
        for (ty, table) in self.table_names {
            self.found.table_names.push(((pkg.clone(), ty), table));
        }
        self.found
    }

    pub(super) fn consume(&mut self, n: Node) {
        self.consumed.push(n.byte_range());
    }

    fn is_consumed(&self, n: Node) -> bool {
        let r = n.byte_range();
        self.consumed
            .iter()
            .any(|c| c.start <= r.start && r.end <= c.end)
    }

    pub(super) fn use_constants(&mut self, consts: &[ConstRef]) {
        for c in consts {
            self.found
                .used_constants
                .insert((c.pkg.clone(), c.name.clone()));
        }
    }

    pub(super) fn analyze(&self, sql: &str) -> Option<StatementFacts> {
        analyze_statement(sql, self.dialect).ok()
    }

    /// A site at `at`, its file and package left for [`SqlHooks::finish`].
    pub(super) fn site(
        cx: &HookCx,
        at: Node,
        kind: SiteKind,
        via: Option<String>,
        sql: String,
        consts: &[ConstRef],
        facts: StatementFacts,
    ) -> SqlSite {
        let p = cx.position(at);
        let mut constants: Vec<String> = consts
            .iter()
            .map(|c| format!("{}.{}", c.pkg, c.name))
            .collect();
        constants.sort();
        constants.dedup();
        SqlSite {
            file: String::new(),
            line: p.line,
            column: p.column,
            package: String::new(),
            function: cx.function().to_string(),
            test: false,
            generated: false,
            kind,
            via,
            sql,
            constants,
            operation: Some(facts.operation),
            tables: facts.tables,
            columns_written: facts.columns_written,
            parsed: facts.parsed,
            inferred: false,
        }
    }

    pub(super) fn unresolved(
        &mut self,
        cx: &HookCx,
        at: Node,
        reason: String,
        template: Option<String>,
        via: Option<String>,
    ) {
        let p = cx.position(at);
        self.found.unresolved.push(Unresolved {
            file: String::new(),
            line: p.line,
            column: p.column,
            package: String::new(),
            function: cx.function().to_string(),
            test: false,
            reason,
            expression: shorten(&cx.text(at)),
            template,
            via,
        });
    }

    /// The statement argument of a driver or configured call.
    fn statement_arg(&mut self, cx: &HookCx, arg: Node, call: &ApiCall, kind: SiteKind) {
        let via = Some(call.callee.clone());
        let inner = unparen(arg);
        if let Some((value, consts)) = cx.fold(inner) {
            self.consume(arg);
            self.use_constants(&consts);
            // The site is the constant itself, inside any conversion
            // (`string(q)` is a use of `q`).
            let mut at = inner;
            while at.kind_name() == "call_expression" {
                match arguments(at).as_slice() {
                    [only] if cx.fold(unparen(*only)).is_some() => at = unparen(*only),
                    _ => break,
                }
            }
            if let Some(facts) = self.analyze(&value) {
                let site = Self::site(cx, at, kind, via, value, &consts, facts);
                self.found.sites.push(site);
            }
            return;
        }
        let text = cx.text(inner);
        let reason = match inner.kind_name() {
            // Reported by the formatting and concatenation hooks.
            "call_expression" if self.expr_is_covered(cx, &cx.expr(inner)) => return,
            "binary_expression" if self.expr_is_covered(cx, &cx.expr(inner)) => return,
            "identifier" => match cx.local(&text) {
                Some(b) => {
                    if let LocalOrigin::Param = b.origin {
                        format!(
                            "the query is parameter `{text}` of {}: its callers pass it",
                            cx.function()
                        )
                    } else if std::iter::once(&b.origin)
                        .chain(&b.assigned)
                        .all(|o| self.origin_is_covered(cx, o))
                    {
                        return;
                    } else {
                        format!("the query in `{text}` is computed at run time")
                    }
                }
                None => format!("the query `{text}` is not a constant string"),
            },
            _ => "the query is computed at run time".to_string(),
        };
        self.unresolved(cx, inner, reason, None, via);
    }

    /// The facts of a format template (verbs substituted) when the format
    /// hook reports it: it names a table, or a verb stands where one goes.
    fn template_facts(&self, template: &str, substituted: &str) -> Option<StatementFacts> {
        let facts = self.analyze(substituted)?;
        let names_table = !facts.tables.is_empty()
            && (facts.parsed || super::prefilter::leading_keyword_is_upper(template));
        (names_table || expects_table(template.split('%').next().unwrap_or(""))).then_some(facts)
    }

    /// Whether the partial-string hook reports a concatenation with this
    /// constant prefix.
    pub(super) fn reports_prefix(&self, prefix: &str) -> bool {
        self.analyze(prefix)
            .is_some_and(|facts| is_statement(prefix, &facts) || expects_table(prefix))
    }

    /// Whether a call's result is reported where the call is: a format
    /// call whose template the format hook reports, or a builder's `ToSql`
    /// (the builder's constructor is reported).
    fn call_is_covered(&self, cx: &HookCx, fun: &Expr, first_arg: Option<&Expr>) -> bool {
        let Expr::Selector { sel, .. } = fun else {
            return false;
        };
        match sel.as_str() {
            "ToSql" | "MustSql" => true,
            "Sprintf" => first_arg
                .and_then(|a| cx.fold_expr(a))
                .is_some_and(|(t, _)| self.template_facts(&t, &substitute_verbs(&t)).is_some()),
            _ => false,
        }
    }

    /// Whether each value a local gets is reported where it is written.
    fn origin_is_covered(&self, cx: &HookCx, o: &LocalOrigin) -> bool {
        match o {
            LocalOrigin::Value(e) | LocalOrigin::Const(e) => self.expr_is_covered(cx, e),
            LocalOrigin::Result { call, index: 0 } => self.expr_is_covered(cx, call),
            // Constant text appended to a reported statement.
            LocalOrigin::Append(e) => cx.fold_expr(e).is_some(),
            // `var q string`: "" until assigned.
            LocalOrigin::Zero => true,
            _ => false,
        }
    }

    /// Whether a local's defining expression is reported where it is
    /// written: a constant, a format call, a builder's `ToSql`, or a
    /// concatenation with a constant SQL prefix.
    fn expr_is_covered(&self, cx: &HookCx, e: &Expr) -> bool {
        if cx.fold_expr(e).is_some() {
            return true;
        }
        match e {
            Expr::Call { fun, args, .. } => self.call_is_covered(cx, fun, args.first()),
            Expr::Binary { op, .. } if op == "+" => {
                let mut left = e;
                while let Expr::Binary { x, .. } = left {
                    left = x;
                }
                cx.fold_expr(left)
                    .is_some_and(|(v, _)| self.reports_prefix(&v))
            }
            _ => false,
        }
    }

    /// `fmt.Sprintf(template, …)` with an SQL template.
    fn format(&mut self, cx: &HookCx, arg: Node, call: &ApiCall) {
        let Some((template, consts)) = cx.fold(unparen(arg)) else {
            return;
        };
        let substituted = substitute_verbs(&template);
        let Some(facts) = self.template_facts(&template, &substituted) else {
            return;
        };
        self.consume(arg);
        self.use_constants(&consts);
        let via = Some(call.callee.clone());
        if substituted == template {
            let site = Self::site(cx, arg, SiteKind::Template, via, template, &consts, facts);
            self.found.sites.push(site);
            return;
        }
        let dynamic: Vec<&str> = facts
            .tables
            .iter()
            .filter(|t| t.name.contains(VERB_MARK))
            .map(|t| t.name.as_str())
            .collect();
        if !dynamic.is_empty() || facts.tables.is_empty() {
            self.unresolved(
                cx,
                arg,
                "fmt.Sprintf template: a table name is a formatting verb, chosen at run time"
                    .to_string(),
                Some(template.clone()),
                via.clone(),
            );
            // The tables the template does name are still known.
            let mut known = facts;
            known.tables.retain(|t| !t.name.contains(VERB_MARK));
            if !known.tables.is_empty() {
                let site = Self::site(cx, arg, SiteKind::Template, via, template, &consts, known);
                self.found.sites.push(site);
            }
            return;
        }
        let site = Self::site(cx, arg, SiteKind::Template, via, template, &consts, facts);
        self.found.sites.push(site);
    }

    /// pgx `CopyFrom(ctx, pgx.Identifier{"schema", "t"}, []string{cols}, rows)`.
    fn copy_from(&mut self, cx: &HookCx, call: Node, args: &[Node], arg: usize, api: &ApiCall) {
        let via = Some(api.callee.clone());
        let Some(table_arg) = args.get(arg).copied() else {
            return;
        };
        self.consume(table_arg);
        let Some(parts) = string_elements(cx, self, unparen(table_arg)) else {
            self.unresolved(
                cx,
                table_arg,
                "CopyFrom's table is not a constant pgx.Identifier literal".to_string(),
                None,
                via,
            );
            return;
        };
        let table = parts.join(".");
        let columns = match args.get(arg + 1) {
            Some(c) => {
                self.consume(*c);
                string_elements(cx, self, unparen(*c)).unwrap_or_default()
            }
            None => Vec::new(),
        };
        let mut site = Self::site(
            cx,
            call_name(call),
            SiteKind::Copy,
            via,
            format!("COPY {table} ({}) FROM STDIN", columns.join(", ")),
            &[],
            StatementFacts {
                operation: crate::sql::Operation::Copy,
                tables: vec![crate::sql::TableRef {
                    name: table,
                    access: crate::sql::Access::Write,
                }],
                columns_written: columns,
                parsed: true,
                dialect: None,
                error: None,
            },
        );
        site.columns_written.sort();
        site.columns_written.dedup();
        self.found.sites.push(site);
    }

    /// A configured function whose argument names a table.
    fn table_arg(&mut self, cx: &HookCx, arg: Node, access: crate::sql::Access, api: &ApiCall) {
        let via = Some(api.callee.clone());
        self.consume(arg);
        let Some((value, consts)) = cx.fold(unparen(arg)) else {
            self.unresolved(
                cx,
                arg,
                "the table name is not a constant string".to_string(),
                None,
                via,
            );
            return;
        };
        self.use_constants(&consts);
        let name = first_word(&value);
        let mut site = Self::site(
            cx,
            arg,
            SiteKind::Configured,
            via,
            value.clone(),
            &consts,
            StatementFacts {
                operation: crate::sql::Operation::Select,
                tables: vec![crate::sql::TableRef { name, access }],
                columns_written: Vec::new(),
                parsed: true,
                dialect: None,
                error: None,
            },
        );
        // A table argument says nothing about the statement.
        site.operation = None;
        self.found.sites.push(site);
    }
}

impl BodyHooks for SqlHooks<'_> {
    fn wants_call(&self, name: &str) -> bool {
        self.apis.wants(name) && (self.db_package || self.apis.wants_everywhere(name))
    }

    fn on_call(&mut self, cx: &HookCx, call: Node, callee: &Callee) {
        let Some(api) = self.apis.classify(callee) else {
            return;
        };
        let args = arguments(call);
        match api.api.kind.clone() {
            ApiKind::Sql { arg } => {
                if let Some(a) = args.get(arg) {
                    let kind = if api.api.library == "config" {
                        SiteKind::Configured
                    } else {
                        SiteKind::Driver
                    };
                    self.statement_arg(cx, *a, &api, kind);
                }
            }
            ApiKind::Table { arg, access } => {
                if let Some(a) = args.get(arg) {
                    self.table_arg(cx, *a, access, &api);
                }
            }
            ApiKind::CopyFrom { arg } => self.copy_from(cx, call, &args, arg, &api),
            ApiKind::Format => {
                if let Some(a) = args.first() {
                    self.format(cx, *a, &api);
                }
            }
            ApiKind::Squirrel { operation } => {
                builders::squirrel(self, cx, call, operation, &api);
            }
            ApiKind::Gorm { operation } => builders::gorm(self, cx, call, operation, &api),
        }
    }

    fn on_string(&mut self, cx: &HookCx, node: Node, value: &str, consts: &[ConstRef]) {
        self.use_constants(consts);
        if let Some(ty) = table_name_receiver(cx.function()) {
            self.table_names.push((ty.to_string(), value.to_string()));
            return;
        }
        if self.is_consumed(node) {
            return;
        }
        let Some(facts) = self.analyze(value) else {
            return;
        };
        if !is_statement(value, &facts) {
            return;
        }
        let site = Self::site(
            cx,
            node,
            SiteKind::String,
            None,
            value.to_string(),
            consts,
            facts,
        );
        self.found.sites.push(site);
    }

    fn on_constants(&mut self, _cx: &HookCx, consts: &[ConstRef]) {
        self.use_constants(consts);
    }

    fn on_too_deep(&mut self, cx: &HookCx, node: Node) {
        self.unresolved(
            cx,
            node,
            "code nested too deeply to analyze: SQL in it may be missed".to_string(),
            None,
            None,
        );
    }

    fn on_partial_string(&mut self, cx: &HookCx, node: Node, prefix: &str, consts: &[ConstRef]) {
        if self.is_consumed(node) {
            return;
        }
        if !self.reports_prefix(prefix) {
            return;
        }
        let Some(facts) = self.analyze(prefix) else {
            return;
        };
        self.consume(node);
        self.use_constants(consts);
        let expects_table = expects_table(prefix);
        if facts.tables.is_empty() || expects_table {
            self.unresolved(
                cx,
                node,
                "SQL concatenated with run-time values: a table name may be chosen at run time"
                    .to_string(),
                Some(prefix.to_string()),
                None,
            );
        }
        if !facts.tables.is_empty() {
            let site = Self::site(
                cx,
                node,
                SiteKind::Prefix,
                None,
                format!("{prefix}…"),
                consts,
                facts,
            );
            self.found.sites.push(site);
        }
    }
}

/// Whether an SQL prefix ends where a table name is expected.
fn expects_table(prefix: &str) -> bool {
    let t = prefix.trim_end();
    if t.ends_with(',') || t.ends_with('.') {
        return true;
    }
    let last = t
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(
        last.as_str(),
        "FROM" | "JOIN" | "INTO" | "UPDATE" | "TABLE" | "USING" | "EXISTS"
    )
}

/// `T` when `function` is a `TableName` method of `T` (gorm's model
/// naming hook).
fn table_name_receiver(function: &str) -> Option<&str> {
    let recv = function.strip_suffix(".TableName")?;
    let recv = recv
        .strip_prefix("(*")
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(recv);
    (!recv.is_empty() && !recv.contains(['.', '(', ')', '['])).then_some(recv)
}

/// Replace each `fmt` verb of a template with a distinct identifier, so the
/// template parses and a verb in a table position can be recognized.
pub(super) fn substitute_verbs(template: &str) -> String {
    static VERB: OnceLock<Regex> = OnceLock::new();
    let verb = VERB.get_or_init(|| {
        Regex::new(r"%(?:\[\d+\])?[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?(?:\[\d+\])?[a-zA-Z%]")
            .expect("the verb pattern is valid")
    });
    let mut n = 0;
    verb.replace_all(template, |c: &regex::Captures| {
        if &c[0] == "%%" {
            "%".to_string()
        } else {
            n += 1;
            format!("{VERB_MARK}{n}__")
        }
    })
    .into_owned()
}

/// The constant strings of a composite literal (`pgx.Identifier{"a", "b"}`,
/// `[]string{"x"}`), in place or through a package-level variable; `None`
/// when any element is not a string literal.
pub(super) fn string_elements(cx: &HookCx, h: &mut SqlHooks, n: Node) -> Option<Vec<String>> {
    let (list, consts) = cx.fold_list(n)?;
    h.use_constants(&consts);
    Some(list)
}

/// A call's arguments, comments skipped.
pub(super) fn arguments(call: Node) -> Vec<Node> {
    let Some(args) = call.field(Field::Arguments) else {
        return Vec::new();
    };
    let mut cursor = args.walk();
    let out: Vec<Node> = args
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() != "comment")
        .collect();
    out
}

/// The called name's node: `Insert` in `sq.Insert(…)`.
pub(super) fn call_name(call: Node) -> Node {
    match call.field(Field::Function).map(unparen) {
        Some(f) if f.kind_name() == "selector_expression" => f.field(Field::Field).unwrap_or(f),
        Some(f) => f,
        None => call,
    }
}

pub(super) fn unparen(mut n: Node) -> Node {
    while n.kind_name() == "parenthesized_expression" {
        match n.named_child(0) {
            Some(inner) => n = inner,
            None => break,
        }
    }
    n
}

/// The first word of a table clause (`accounts a` → `accounts`), quotes
/// removed.
pub(super) fn first_word(s: &str) -> String {
    s.split_whitespace()
        .next()
        .unwrap_or("")
        .split('.')
        .map(|p| p.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']'))
        .collect::<Vec<_>>()
        .join(".")
}

fn shorten(s: &str) -> String {
    const MAX: usize = 200;
    if s.len() <= MAX {
        return s.to_string();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_become_identifiers() {
        assert_eq!(
            substitute_verbs("SELECT count(*) FROM %s WHERE a >= $1 AND b = %[2]d AND c LIKE '%%x'"),
            "SELECT count(*) FROM __goseam_fmt_1__ WHERE a >= $1 AND b = __goseam_fmt_2__ AND c LIKE '%x'"
        );
    }

    #[test]
    fn table_positions() {
        assert!(expects_table("SELECT * FROM "));
        assert!(expects_table("select a from t join"));
        assert!(!expects_table("SELECT * FROM t WHERE "));
        assert_eq!(table_name_receiver("(*User).TableName"), Some("User"));
        assert_eq!(table_name_receiver("Order.TableName"), Some("Order"));
        assert_eq!(table_name_receiver("TableName"), None);
        assert_eq!(first_word("\"public\".\"accounts\" a"), "public.accounts");
    }
}
