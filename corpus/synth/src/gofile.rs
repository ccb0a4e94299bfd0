//! One Go file being written: its text, the next line's number, and the
//! sites the expectations need, with their exact positions.

use crate::{CallSite, SqlAccess};

/// A statement and what goseam must report for it.
#[derive(Debug, Clone)]
pub struct Stmt {
    pub text: String,
    /// goseam's spelling of the operation (`insert`, `select`, …).
    pub op: &'static str,
    /// (table, written, columns written (sorted)).
    pub accesses: Vec<(String, bool, Vec<String>)>,
}

pub struct GoFile {
    /// Path relative to the root, with `/`.
    pub rel: String,
    /// Import path as goseam reports it (`…_test` for external tests).
    pub package: String,
    pub domain: String,
    pub test: bool,
    pub generated: bool,
    pub buf: String,
    /// The number of the next line written (1-based).
    pub line: u32,
    pub calls: Vec<CallSite>,
    pub sql: Vec<SqlAccess>,
}

impl GoFile {
    pub fn new(rel: String, package: String, domain: &str) -> GoFile {
        let test = rel.ends_with("_test.go");
        GoFile {
            rel,
            package,
            domain: domain.to_string(),
            test,
            generated: false,
            buf: String::with_capacity(16 * 1024),
            line: 1,
            calls: Vec::new(),
            sql: Vec::new(),
        }
    }

    /// Append one line (or several, when `s` holds newlines).
    pub fn l(&mut self, s: &str) {
        self.buf.push_str(s);
        self.buf.push('\n');
        self.line += 1 + s.bytes().filter(|&b| b == b'\n').count() as u32;
    }

    pub fn blank(&mut self) {
        self.l("");
    }

    /// Record a call (or reference) of `target` whose name starts right
    /// after `prefix` on the next line written.
    pub fn call(&mut self, prefix: &str, target: &str, kind: &str, function: &str) {
        self.calls.push(CallSite {
            file: self.rel.clone(),
            line: self.line,
            column: prefix.len() as u32 + 1,
            target: target.to_string(),
            kind: kind.to_string(),
            status: "resolved".to_string(),
            package: self.package.clone(),
            function: function.to_string(),
            test: self.test,
            generated: self.generated,
        });
    }

    /// Record the SQL `stmt`, whose literal or constant name starts right
    /// after `prefix` on the next line written, run through `via`.
    pub fn sql(&mut self, prefix: &str, function: &str, stmt: &Stmt, via: &str) {
        for (table, write, columns) in &stmt.accesses {
            self.sql.push(SqlAccess {
                table: table.clone(),
                access: if *write { "write" } else { "read" }.to_string(),
                domain: self.domain.clone(),
                package: self.package.clone(),
                function: function.to_string(),
                file: self.rel.clone(),
                line: self.line,
                column: prefix.len() as u32 + 1,
                operation: stmt.op.to_string(),
                columns: columns.clone(),
                via: via.to_string(),
                test: self.test,
            });
        }
    }
}

/// `import (…)` with the standard library first, then the module's
/// packages, each group sorted by path as gofmt keeps them. Each entry is
/// (alias or "", path).
pub fn imports(f: &mut GoFile, mut std: Vec<&str>, mut local: Vec<(String, String)>) {
    std.sort_unstable();
    std.dedup();
    local.sort_by(|a, b| a.1.cmp(&b.1));
    local.dedup();
    if std.len() + local.len() == 1 {
        if let Some(p) = std.first() {
            f.l(&format!("import \"{p}\""));
        } else {
            let (alias, path) = &local[0];
            if alias.is_empty() {
                f.l(&format!("import \"{path}\""));
            } else {
                f.l(&format!("import {alias} \"{path}\""));
            }
        }
        f.blank();
        return;
    }
    if std.is_empty() && local.is_empty() {
        return;
    }
    f.l("import (");
    for p in &std {
        f.l(&format!("\t\"{p}\""));
    }
    if !std.is_empty() && !local.is_empty() {
        f.blank();
    }
    for (alias, path) in &local {
        if alias.is_empty() {
            f.l(&format!("\t\"{path}\""));
        } else {
            f.l(&format!("\t{alias} \"{path}\""));
        }
    }
    f.l(")");
    f.blank();
}

/// Struct fields (name, type) aligned as gofmt aligns them.
pub fn fields(f: &mut GoFile, indent: &str, fields: &[(String, String)]) {
    let width = fields.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, ty) in fields {
        f.l(&format!("{indent}{name:width$} {ty}"));
    }
}
