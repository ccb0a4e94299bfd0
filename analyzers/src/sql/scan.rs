//! Character-level helpers that never call the parser: the "is this SQL"
//! test, nesting depth, placeholder rewriting and the tolerant token scan
//! used when no dialect parses. Everything here is iterative, so any input
//! (10,000 nested parentheses included) is safe.

use std::collections::HashSet;

use super::{finish, Operation, StatementFacts};

/// Statement keywords that make a string SQL.
const LEADING: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE", "MERGE", "COPY", "TRUNCATE",
    "CREATE", "ALTER", "DROP", "UPSERT",
];

/// Words that are never table names in the token scan.
const KEYWORDS: &[&str] = &[
    "ALL",
    "ALTER",
    "AND",
    "ANY",
    "AS",
    "ASC",
    "BETWEEN",
    "BY",
    "CASE",
    "CONFLICT",
    "COPY",
    "CREATE",
    "CROSS",
    "DEFAULT",
    "DELAYED",
    "DELETE",
    "DESC",
    "DISTINCT",
    "DO",
    "DROP",
    "DUAL",
    "DUPLICATE",
    "ELSE",
    "END",
    "EXCEPT",
    "EXISTS",
    "FETCH",
    "FOR",
    "FROM",
    "FULL",
    "GROUP",
    "HAVING",
    "HIGH_PRIORITY",
    "IF",
    "IGNORE",
    "ILIKE",
    "IN",
    "INDEX",
    "INNER",
    "INSERT",
    "INTERSECT",
    "INTO",
    "IS",
    "JOIN",
    "KEY",
    "LATERAL",
    "LEFT",
    "LIKE",
    "LIMIT",
    "LOW_PRIORITY",
    "MATCHED",
    "MERGE",
    "NATURAL",
    "NOT",
    "NOTHING",
    "NULL",
    "OFFSET",
    "ON",
    "ONLY",
    "OR",
    "ORDER",
    "OUTER",
    "QUICK",
    "RECURSIVE",
    "REPLACE",
    "RETURNING",
    "RIGHT",
    "SELECT",
    "SET",
    "SOME",
    "STDIN",
    "STDOUT",
    "STRAIGHT_JOIN",
    "TABLE",
    "THEN",
    "TO",
    "TRUNCATE",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "UPSERT",
    "USING",
    "VALUES",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
];

fn is_keyword(upper: &str) -> bool {
    KEYWORDS.binary_search(&upper).is_ok()
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Index just past a comment starting at `i`, if one does.
fn skip_comment(s: &[char], i: usize) -> Option<usize> {
    match (s.get(i), s.get(i + 1)) {
        (Some('-'), Some('-')) => {
            let mut j = i + 2;
            while j < s.len() && s[j] != '\n' {
                j += 1;
            }
            Some(j)
        }
        (Some('/'), Some('*')) => {
            let mut j = i + 2;
            while j < s.len() && !(s[j] == '*' && s.get(j + 1) == Some(&'/')) {
                j += 1;
            }
            Some((j + 2).min(s.len()))
        }
        _ => None,
    }
}

/// Index just past a quoted run starting at `i` with quote `q` (doubled
/// quotes and, for `'`, backslash escapes stay inside).
fn skip_quoted(s: &[char], i: usize, q: char) -> usize {
    let mut j = i + 1;
    while j < s.len() {
        if q == '\'' && s[j] == '\\' {
            j += 2;
            continue;
        }
        if s[j] == q {
            if s.get(j + 1) == Some(&q) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    s.len()
}

/// The statement keyword the string starts with (upper case), or None when
/// the string is not SQL (see [`super::NotSql`]).
pub(super) fn leading_operation(sql: &str) -> Option<&'static str> {
    let s: Vec<char> = sql.chars().collect();
    let mut i = 0;
    loop {
        while i < s.len() && s[i].is_whitespace() {
            i += 1;
        }
        match skip_comment(&s, i) {
            Some(j) => i = j,
            None => break,
        }
    }
    let start = i;
    while i < s.len() && s[i].is_ascii_alphabetic() {
        i += 1;
    }
    let word: String = s[start..i].iter().collect::<String>().to_ascii_uppercase();
    let keyword = LEADING.iter().find(|k| **k == word)?;
    match s.get(i) {
        Some(c) if c.is_whitespace() || matches!(c, '(' | '*' | ';') => {}
        _ => return None,
    }
    // Something beyond the keyword itself: a bare "Delete" is a label.
    s[i..]
        .iter()
        .any(|c| !c.is_whitespace() && *c != ';')
        .then_some(*keyword)
}

/// Deepest parenthesis nesting outside string literals and comments.
pub(super) fn max_paren_depth(sql: &str) -> usize {
    let s: Vec<char> = sql.chars().collect();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < s.len() {
        if let Some(j) = skip_comment(&s, i) {
            i = j;
            continue;
        }
        match s[i] {
            q @ ('\'' | '"' | '`') => {
                i = skip_quoted(&s, i, q);
                continue;
            }
            '(' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    max
}

/// Rewrite bind placeholders (`?`, `$1`, `:name`, `@name`) outside literals
/// and comments to the literal `1`, which is valid wherever a placeholder
/// is. Leaves `::` casts, `:=`, `@@var` and the jsonb operators `?|`, `?&`
/// alone.
pub(super) fn neutralize_placeholders(sql: &str) -> String {
    let s: Vec<char> = sql.chars().collect();
    let mut out = String::with_capacity(sql.len());
    let mut i = 0;
    while i < s.len() {
        if let Some(j) = skip_comment(&s, i) {
            out.extend(&s[i..j]);
            i = j;
            continue;
        }
        let prev = if i > 0 { Some(s[i - 1]) } else { None };
        let next = s.get(i + 1).copied();
        match s[i] {
            q @ ('\'' | '"' | '`') => {
                let j = skip_quoted(&s, i, q);
                out.extend(&s[i..j]);
                i = j;
            }
            '?' if !matches!(next, Some('|' | '&')) => {
                out.push('1');
                i += 1;
            }
            '$' if next.is_some_and(|c| c.is_ascii_digit()) && !prev.is_some_and(is_ident_char) => {
                i += 1;
                while i < s.len() && s[i].is_ascii_digit() {
                    i += 1;
                }
                out.push('1');
            }
            c @ (':' | '@') if next.is_some_and(is_ident_start) && prev != Some(c) => {
                i += 1;
                while i < s.len() && is_ident_char(s[i]) {
                    i += 1;
                }
                out.push('1');
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// An identifier or keyword. `upper` is empty for quoted identifiers,
    /// which are never keywords. `templated` marks Go fmt verbs (`%s`,
    /// `users_%d`): not a usable name.
    Word {
        text: String,
        upper: String,
        templated: bool,
    },
    Punct(char),
    /// A literal, number or placeholder.
    Other,
}

fn tokenize(sql: &str) -> Vec<Tok> {
    let s: Vec<char> = sql.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some(j) = skip_comment(&s, i) {
            i = j;
            continue;
        }
        let c = s[i];
        let verb = |k: usize| s[k] == '%' && s.get(k + 1).is_some_and(|c| c.is_ascii_alphabetic());
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' {
            i = skip_quoted(&s, i, c);
            toks.push(Tok::Other);
        } else if c == '"' || c == '`' || c == '[' {
            let close = if c == '[' { ']' } else { c };
            let j = skip_quoted(&s, i, close);
            let inner = if j > i + 1 && s.get(j - 1) == Some(&close) {
                &s[i + 1..j - 1]
            } else {
                &[][..]
            };
            // Quoted table names in real code look like identifiers; a
            // quoted run with spaces or parens is text, not a name.
            if !inner.is_empty()
                && !inner
                    .iter()
                    .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';'))
            {
                // Doubled quotes inside stand for one.
                let doubled: String = [close, close].iter().collect();
                let text = inner
                    .iter()
                    .collect::<String>()
                    .replace(&doubled, &close.to_string());
                toks.push(Tok::Word {
                    templated: text.contains('%'),
                    text,
                    upper: String::new(),
                });
            } else {
                // Unterminated, empty or text-like: not a name.
                toks.push(Tok::Other);
            }
            i = j;
        } else if is_ident_start(c) || verb(i) {
            let start = i;
            let mut templated = false;
            while i < s.len() && (is_ident_char(s[i]) || verb(i)) {
                if s[i] == '%' {
                    templated = true;
                    i += 1;
                }
                i += 1;
            }
            let text: String = s[start..i].iter().collect();
            toks.push(Tok::Word {
                upper: text.to_uppercase(),
                text,
                templated,
            });
        } else if c.is_ascii_digit()
            || c == '$'
            || c == '?'
            || c == ':' && s.get(i + 1).is_some_and(|c| is_ident_start(*c))
        {
            i += 1;
            while i < s.len() && (is_ident_char(s[i]) || s[i] == '.') {
                i += 1;
            }
            toks.push(Tok::Other);
        } else {
            toks.push(Tok::Punct(c));
            i += 1;
        }
    }
    toks
}

struct Scanner {
    toks: Vec<Tok>,
}

impl Scanner {
    fn upper(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(Tok::Word { upper, .. }) => upper,
            _ => "",
        }
    }

    fn is(&self, i: usize, kw: &str) -> bool {
        self.upper(i) == kw
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i) == Some(&Tok::Punct(c))
    }

    /// A word usable as an identifier: quoted, or unquoted and not a keyword.
    fn ident(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(Tok::Word { upper, .. }) if !is_keyword(upper))
    }

    /// `name(.name)*` at `i`: the dotted name and the index after it.
    fn name(&self, i: usize) -> Option<(String, usize)> {
        let mut parts = Vec::new();
        let mut j = i;
        loop {
            match self.toks.get(j) {
                Some(Tok::Word {
                    text,
                    upper,
                    templated,
                }) if !is_keyword(upper) => {
                    if *templated {
                        return None;
                    }
                    parts.push(text.clone());
                    j += 1;
                }
                _ => return None,
            }
            if self.punct(j, '.') && self.ident(j + 1) {
                j += 1;
            } else {
                return Some((parts.join("."), j));
            }
        }
    }

    /// Skip an optional `[AS] alias` after a table name.
    fn skip_alias(&self, mut j: usize) -> usize {
        if self.is(j, "AS") {
            j += 1;
        }
        if self.ident(j) {
            j += 1;
        }
        j
    }

    /// `name [alias] (, name [alias])*` after FROM: the names; table
    /// functions (`name(`) and subqueries are skipped.
    fn name_list(&self, mut j: usize, out: &mut Vec<String>) {
        loop {
            let Some((name, k)) = self.name(j) else {
                return;
            };
            if self.punct(k, '(') {
                return;
            }
            out.push(name);
            let k = self.skip_alias(k);
            if !self.punct(k, ',') {
                return;
            }
            j = k + 1;
        }
    }

    /// Whether `kw` occurs at depth 0 of the statement from `i` up to the
    /// next `;`.
    fn later_in_statement(&self, i: usize, kw: &str) -> bool {
        let mut depth = 0i64;
        for j in i..self.toks.len() {
            match &self.toks[j] {
                Tok::Punct(';') => return false,
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => depth -= 1,
                Tok::Word { upper, .. } if depth <= 0 && upper == kw => return true,
                _ => {}
            }
        }
        false
    }
}

/// The operation of the first statement, from its keywords.
fn scan_operation(sc: &Scanner, lead: &str) -> Operation {
    let mut lead = lead;
    if lead == "WITH" {
        // The main statement keyword is the first DML keyword at depth 0.
        let mut depth = 0i64;
        lead = "SELECT";
        for (i, t) in sc.toks.iter().enumerate() {
            match t {
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') => depth -= 1,
                Tok::Punct(';') => break,
                Tok::Word { .. } if depth <= 0 && i > 0 => {
                    if let Some(k) = LEADING.iter().find(|k| sc.is(i, k) && **k != "WITH") {
                        lead = k;
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    let first = sc
        .toks
        .iter()
        .position(|t| matches!(t, Tok::Word { upper, .. } if upper == lead));
    match lead {
        "SELECT" => Operation::Select,
        "INSERT" => {
            let at = first.unwrap_or(0);
            if sc.is(at + 1, "OR") && sc.is(at + 2, "REPLACE") {
                Operation::Replace
            } else if sc.later_in_statement(at, "CONFLICT")
                || sc.later_in_statement(at, "DUPLICATE")
            {
                Operation::Upsert
            } else {
                Operation::Insert
            }
        }
        "UPDATE" => Operation::Update,
        "DELETE" => Operation::Delete,
        "UPSERT" => Operation::Upsert,
        "REPLACE" => Operation::Replace,
        "MERGE" => Operation::Merge,
        "COPY" => Operation::Copy,
        "TRUNCATE" => Operation::Truncate,
        _ => Operation::Ddl,
    }
}

/// Modifiers that may sit between UPDATE / DELETE / TRUNCATE and the table.
fn is_modifier(upper: &str) -> bool {
    matches!(
        upper,
        "LOW_PRIORITY"
            | "IGNORE"
            | "QUICK"
            | "ONLY"
            | "TABLE"
            | "OR"
            | "ROLLBACK"
            | "ABORT"
            | "FAIL"
            | "REPLACE"
    )
}

/// The tolerant fallback: facts from keywords and the names that follow
/// them, with `parsed: false`.
pub(super) fn token_scan(sql: &str, lead: &str, error: String) -> StatementFacts {
    let sc = Scanner {
        toks: tokenize(sql),
    };
    let operation = scan_operation(&sc, lead);
    let mut reads: Vec<String> = Vec::new();
    let mut writes: Vec<String> = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    let mut ctes: HashSet<String> = HashSet::new();
    // One entry per open paren: whether it is a function call's, inside
    // which FROM means EXTRACT(x FROM y), not a table.
    let mut parens: Vec<bool> = Vec::new();
    let mut in_call = 0usize;
    let mut in_ddl = false;
    let mut seen_index = false;

    for i in 0..sc.toks.len() {
        match &sc.toks[i] {
            Tok::Punct('(') => {
                let call = i > 0
                    && sc.ident(i - 1)
                    && !sc.is(i.wrapping_sub(2), "INTO")
                    && !sc.is(i.wrapping_sub(2), "TABLE");
                parens.push(call);
                in_call += usize::from(call);
            }
            Tok::Punct(')') => in_call -= usize::from(parens.pop() == Some(true)),
            Tok::Punct(';') => {
                parens.clear();
                in_call = 0;
                in_ddl = false;
                seen_index = false;
            }
            Tok::Word { upper, .. } if in_call == 0 => match upper.as_str() {
                "CREATE" | "ALTER" | "DROP" => in_ddl = true,
                "INDEX" => seen_index = true,
                "INTO" => {
                    if let Some((name, k)) = sc.name(i + 1) {
                        writes.push(name);
                        // `INTO t (a, b)` column list.
                        if sc.punct(k, '(') {
                            let mut j = k + 1;
                            let mut cols = Vec::new();
                            while let Some((col, n)) = sc.name(j) {
                                cols.push(col.rsplit('.').next().unwrap_or("").to_string());
                                if sc.punct(n, ',') {
                                    j = n + 1;
                                } else {
                                    if sc.punct(n, ')') {
                                        columns.append(&mut cols);
                                    }
                                    break;
                                }
                            }
                        }
                    }
                }
                "UPDATE" => {
                    let prev = if i > 0 { sc.upper(i - 1) } else { "" };
                    if !matches!(prev, "KEY" | "DO" | "FOR" | "THEN") {
                        let mut j = i + 1;
                        while is_modifier(sc.upper(j)) {
                            j += 1;
                        }
                        if let Some((name, _)) = sc.name(j) {
                            if sc.later_in_statement(j, "SET") {
                                writes.push(name);
                            }
                        }
                    }
                }
                "FROM" => {
                    let mut j = i;
                    while j > 0 && is_modifier(sc.upper(j - 1)) {
                        j -= 1;
                    }
                    if j > 0 && sc.is(j - 1, "DELETE") {
                        sc.name_list(i + 1, &mut writes);
                    } else if sc.is(i.wrapping_sub(1), "COPY")
                        || sc.punct(i.wrapping_sub(1), ')') && operation == Operation::Copy
                    {
                        // COPY t (cols) FROM file: not a table.
                    } else {
                        sc.name_list(i + 1, &mut reads);
                    }
                }
                "JOIN" | "USING" => {
                    if let Some((name, k)) = sc.name(i + 1) {
                        if !sc.punct(k, '(') {
                            reads.push(name);
                        }
                    }
                }
                "TRUNCATE" => {
                    let mut j = i + 1;
                    while is_modifier(sc.upper(j)) {
                        j += 1;
                    }
                    sc.name_list(j, &mut writes);
                }
                "COPY" => {
                    if let Some((name, mut k)) = sc.name(i + 1) {
                        if sc.punct(k, '(') {
                            while k < sc.toks.len() && !sc.punct(k, ')') {
                                k += 1;
                            }
                            k += 1;
                        }
                        if sc.is(k, "TO") {
                            reads.push(name);
                        } else {
                            writes.push(name);
                        }
                    }
                }
                "TABLE" if in_ddl => {
                    let mut j = i + 1;
                    while matches!(sc.upper(j), "IF" | "NOT" | "EXISTS" | "ONLY") {
                        j += 1;
                    }
                    sc.name_list(j, &mut writes);
                }
                "ON" if in_ddl && seen_index => {
                    let mut j = i + 1;
                    if sc.is(j, "ONLY") {
                        j += 1;
                    }
                    if let Some((name, _)) = sc.name(j) {
                        writes.push(name);
                    }
                }
                // `name AS (` introduces a CTE.
                "AS" if i > 0 && sc.punct(i + 1, '(') => {
                    if let Some(Tok::Word { text, .. }) = sc.toks.get(i - 1) {
                        ctes.insert(text.to_lowercase());
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    let tables = super::table_refs(reads, writes, &ctes);
    finish(operation, tables, columns, false, None, Some(error))
}

#[cfg(test)]
mod tests {
    #[test]
    fn keywords_sorted() {
        let mut sorted = super::KEYWORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, super::KEYWORDS);
    }
}
