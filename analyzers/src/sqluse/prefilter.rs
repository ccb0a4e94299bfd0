//! Which files can hold SQL, decided from their bytes before any parse.
//!
//! A file is walked when it has a string that starts with a statement
//! keyword, a gorm `TableName` method, a call of a known API's name in a
//! package that imports a database library, or a use of a package-level
//! SQL constant (found in a second pass, once the constants are known).
//! Every check errs towards walking: a file the prefilter passes that holds
//! no SQL costs a parse, a file it wrongly rejects would lose sites.

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use regex::bytes::Regex;

use goseam_engine::resolve::check::{Checker, NoLocals};

use crate::sql::{analyze_statement, DialectChoice};

use super::apis::ApiTable;
use super::UnusedConstant;

/// What a file's bytes may contain.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks {
    /// A string literal starting with a statement keyword.
    pub sql_text: bool,
    /// An import of a database library.
    pub db_import: bool,
    /// A call-like use of a known API's name.
    pub api_name: bool,
    /// A `TableName` method (gorm models).
    pub table_name_method: bool,
    /// A call-like use of a configured query function's name.
    pub configured_name: bool,
}

pub struct Prefilter {
    sql: Regex,
    imports: AhoCorasick,
    names: AhoCorasick,
    configured: Option<AhoCorasick>,
}

impl Prefilter {
    pub fn new(apis: &ApiTable) -> Prefilter {
        // A string starting with a statement keyword in capitals (SQL's
        // convention, rare in prose), or in any case when a second keyword
        // follows as SQL would have it (`select … from`, `insert into`).
        // Whitespace, also as the escapes an interpreted literal spells it.
        const WS: &str = r"(?:[ \t\r\n]|\\[ntr])";
        // A string's start: a quote, then whitespace, `(` and SQL comments.
        let lead = format!(r#"["`](?:{WS}|\(|--[^\n"`]*?(?:\n|\\n)|/\*(?s:.)*?\*/)*"#);
        let sql = Regex::new(&format!(
            concat!(
                r"{lead}(?:SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|MERGE|COPY|TRUNCATE|CREATE|ALTER|DROP|UPSERT)(?:{ws}|[(*;])",
                r#"|(?i){lead}(?:select{ws}[^"`]{{0,1000}}?{ws}from{ws}|insert{ws}+(?:ignore{ws}+|or{ws}+\w+{ws}+)?into{ws}"#,
                r"|update{ws}+\S+{ws}+set{ws}|delete{ws}+from{ws}|with{ws}+(?:recursive{ws}+)?\w+{ws}+as{ws}*\(",
                r"|replace{ws}+into{ws}|merge{ws}+into{ws}|copy{ws}+\S+{ws}+(?:\([^)]*\){ws}*)?(?:from|to){ws}",
                r#"|truncate{ws}+(?:table{ws}+)?\w+{ws}*(?:["`;]|$)"#,
                r"|(?:create|alter|drop){ws}+(?:(?:temporary|temp|unique|or{ws}+replace){ws}+)*(?:table|index|view|schema|sequence|type){ws})",
            ),
            lead = lead,
            ws = WS
        ))
        .expect("the SQL prefilter pattern is valid");
        let mut imports: Vec<String> = apis
            .packages()
            .filter(|p| *p != "fmt")
            .map(|p| format!("\"{p}"))
            .collect();
        imports.sort();
        imports.dedup();
        let mut names: Vec<String> = apis
            .names()
            .filter(|n| *n != "Sprintf")
            .map(|n| format!("{n}("))
            .collect();
        names.sort();
        names.dedup();
        let mut configured: Vec<String> =
            apis.configured_names().map(|n| format!("{n}(")).collect();
        configured.sort();
        configured.dedup();
        Prefilter {
            sql,
            imports: AhoCorasick::new(imports).expect("import markers build"),
            names: AhoCorasick::new(names).expect("API name markers build"),
            configured: (!configured.is_empty())
                .then(|| AhoCorasick::new(configured).expect("configured name markers build")),
        }
    }

    pub fn marks(&self, src: &[u8]) -> Marks {
        Marks {
            sql_text: self.sql.is_match(src),
            db_import: self.imports.is_match(src),
            api_name: self.names.is_match(src),
            table_name_method: memchr::memmem::find(src, b") TableName()").is_some(),
            configured_name: self.configured.as_ref().is_some_and(|c| c.is_match(src)),
        }
    }
}

/// Finds any of a set of identifiers in source bytes.
pub struct NameFinder(AhoCorasick);

impl NameFinder {
    pub fn new<'a>(names: impl Iterator<Item = &'a str>) -> NameFinder {
        let mut names: Vec<&str> = names.collect();
        names.sort();
        names.dedup();
        NameFinder(AhoCorasick::new(names).expect("name markers build"))
    }

    /// Whether `src` contains one of the names as a whole identifier.
    pub fn matches(&self, src: &[u8]) -> bool {
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        self.0.find_overlapping_iter(src).any(|m| {
            let before = m.start().checked_sub(1).map(|i| src[i]);
            let after = src.get(m.end()).copied();
            !before.is_some_and(ident) && !after.is_some_and(ident)
        })
    }
}

/// Whether a constant string found on its own (not handed to a known API)
/// is an SQL statement about tables. Prose starts with statement keywords
/// too ("Copy failed: %v", "select case"), so it must name a table, and a
/// string the parser rejected must also spell its keyword in capitals, as
/// SQL in code conventionally does and sentences do not.
pub fn is_statement(sql: &str, facts: &crate::sql::StatementFacts) -> bool {
    !facts.tables.is_empty() && (facts.parsed || leading_keyword_is_upper(sql))
}

/// Whether the first word (after whitespace, `(` and SQL comments) is in
/// capitals.
pub fn leading_keyword_is_upper(sql: &str) -> bool {
    let mut rest = sql;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
        if let Some(r) = rest.strip_prefix("--") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase())
}

/// The package-level SQL constants and variables of the packages that have
/// a file with SQL text.
pub fn sql_constants(
    checker: &Checker,
    files: &[super::TreeFile],
    dialect: DialectChoice,
) -> Vec<UnusedConstant> {
    // Files with SQL text, by directory (`files` is sorted by path).
    let mut dirs: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in files.iter().filter(|f| f.marks.sql_text) {
        let dir = goseam_engine::paths::slash_dir(f.path);
        let name = f.path.rsplit('/').next().unwrap_or(f.path);
        match dirs.last_mut() {
            Some((d, names)) if *d == dir => names.push(name),
            _ => dirs.push((dir, vec![name])),
        }
    }
    // One directory per task, in parallel (on the caller's pool); the
    // results keep the directories' order.
    let per_dir: Vec<Vec<UnusedConstant>> = dirs
        .par_iter()
        .map(|(dir, names)| dir_sql_constants(checker, dir, names, dialect))
        .collect();
    per_dir.into_iter().flatten().collect()
}

/// [`sql_constants`] of one directory's package, in the files `names`.
fn dir_sql_constants(
    checker: &Checker,
    dir: &str,
    names: &[&str],
    dialect: DialectChoice,
) -> Vec<UnusedConstant> {
    let mut out = Vec::new();
    let Some(pkg) = checker.u.tree_package(dir) else {
        return out;
    };
    for (fi, f) in pkg.files.iter().enumerate() {
        // A constant whose text has SQL is declared in a file with SQL
        // text (or built only from other constants: not followed).
        if !names.contains(&f.name.as_str()) || f.decls.values.is_empty() {
            continue;
        }
        let ctx = checker.ctx(&pkg, fi);
        for v in &f.facts().values {
            if v.tuple_index.is_some() {
                continue;
            }
            let Some(sql) = (match &v.string_value {
                Some(s) => Some(s.clone()),
                None => v
                    .value
                    .as_ref()
                    .and_then(|e| checker.fold_string(&ctx, &NoLocals, e, 0)),
            }) else {
                continue;
            };
            let Ok(facts) = analyze_statement(&sql, dialect) else {
                continue;
            };
            if !is_statement(&sql, &facts) {
                continue;
            }
            out.push(UnusedConstant {
                package: pkg.path.to_string(),
                name: v.name.clone(),
                file: goseam_engine::paths::slash_join(dir, &f.name),
                line: v.position.line,
                sql,
                operation: facts.operation,
                tables: facts.tables,
            });
        }
    }
    out
}
