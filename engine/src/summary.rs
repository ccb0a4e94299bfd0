//! The scan summary: what `goseam scan` reports. Deterministic by
//! construction: built from sorted data, no timings, paths relative to the
//! root with `/`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::discover::SkippedPath;
use crate::modules::{ModuleError, Workspace};
use crate::scan::{FileKind, Scan};
use crate::source::SkipReason;

/// Knobs for what a summary lists.
#[derive(Debug, Clone, Copy)]
pub struct SummaryOptions {
    /// List packages under `vendor/` too (they are always counted).
    pub include_vendor: bool,
    /// How many example files to list for parse errors and invalid UTF-8.
    pub examples: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            include_vendor: false,
            examples: 10,
        }
    }
}

/// Version of the summary's JSON shape; bumped on incompatible changes.
pub const SUMMARY_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct ScanSummary {
    pub schema_version: u32,
    pub modules: Vec<ModuleSummary>,
    pub workspace: Option<Workspace>,
    pub totals: Totals,
    pub files_by_kind: FilesByKind,
    pub declarations: Declarations,
    /// Files with a `//go:build` (or `// +build`) line. All are analyzed.
    pub build_constrained_files: u64,
    pub parse_errors: ParseErrors,
    pub invalid_utf8: InvalidUtf8,
    pub skipped: Skipped,
    pub module_errors: Vec<ModuleError>,
    pub packages: Vec<PackageSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModuleSummary {
    pub dir: String,
    pub path: Option<String>,
    pub go_version: Option<String>,
    pub in_workspace: bool,
    pub packages: u64,
    pub files: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Packages outside vendor/, not counting external test packages.
    pub packages: u64,
    pub external_test_packages: u64,
    pub vendor_packages: u64,
    /// Analyzed Go files (skipped ones are not counted here).
    pub files: u64,
    /// Newline characters, as `wc -l` counts lines.
    pub lines: u64,
    pub bytes: u64,
}

/// File counts by kind. Each file has exactly one kind: vendor, else
/// generated, else test, else production.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FilesByKind {
    pub production: Counts,
    pub test: Counts,
    pub generated: Counts,
    pub vendor: Counts,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub files: u64,
    pub lines: u64,
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Declarations {
    pub funcs: u64,
    pub methods: u64,
    pub types: u64,
    pub consts: u64,
    pub vars: u64,
    /// Distinct (package, name) keys in the symbol index.
    pub index_keys: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ParseErrors {
    /// Files with at least one syntax error (what parsed is still used).
    pub files: u64,
    /// Syntax errors over all files.
    pub errors: u64,
    pub examples: Vec<ParseErrorExample>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParseErrorExample {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub errors: u32,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct InvalidUtf8 {
    pub files: u64,
    pub examples: Vec<InvalidUtf8Example>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InvalidUtf8Example {
    pub file: String,
    pub offset: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Skipped {
    pub files: u64,
    pub by_reason: BTreeMap<&'static str, u64>,
    pub list: Vec<SkippedEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedEntry {
    pub path: String,
    #[serde(flatten)]
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Serialize)]
pub struct PackageSummary {
    pub import_path: String,
    pub name: String,
    pub dir: String,
    pub module: Option<String>,
    pub external_test: bool,
    pub vendored: bool,
    /// No module names this directory: the import path is `_/dir`.
    pub local: bool,
    pub files: u64,
    pub test_files: u64,
    pub generated_files: u64,
    pub lines: u64,
}

impl ScanSummary {
    pub fn new(scan: &Scan, opts: SummaryOptions) -> ScanSummary {
        let mut totals = Totals::default();
        let mut by_kind = FilesByKind::default();
        let mut decls = Declarations {
            index_keys: scan.index().len() as u64,
            ..Declarations::default()
        };
        let mut parse_errors = ParseErrors::default();
        let mut invalid_utf8 = InvalidUtf8::default();
        let mut build_constrained_files = 0;
        let mut module_counts: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
        for f in &scan.files {
            totals.files += 1;
            totals.lines += f.lines;
            totals.bytes += f.bytes;
            let counts = match f.kind {
                FileKind::Production => &mut by_kind.production,
                FileKind::Test => &mut by_kind.test,
                FileKind::Generated => &mut by_kind.generated,
                FileKind::Vendor => &mut by_kind.vendor,
            };
            counts.files += 1;
            counts.lines += f.lines;
            counts.bytes += f.bytes;
            for func in &f.facts.funcs {
                if func.receiver.is_some() {
                    decls.methods += 1;
                } else {
                    decls.funcs += 1;
                }
            }
            decls.types += f.facts.types.len() as u64;
            for v in &f.facts.values {
                match v.kind {
                    crate::facts::ValueKind::Const => decls.consts += 1,
                    crate::facts::ValueKind::Var => decls.vars += 1,
                }
            }
            if f.facts.build_constraint.is_some() {
                build_constrained_files += 1;
            }
            let errs = f.facts.syntax_errors;
            if errs.count > 0 {
                parse_errors.files += 1;
                parse_errors.errors += errs.count as u64;
                if parse_errors.examples.len() < opts.examples {
                    let first = errs
                        .first
                        .unwrap_or(crate::facts::Position { line: 1, column: 1 });
                    parse_errors.examples.push(ParseErrorExample {
                        file: f.path.clone(),
                        line: first.line,
                        column: first.column,
                        errors: errs.count,
                    });
                }
            }
            if let Some(offset) = f.invalid_utf8 {
                invalid_utf8.files += 1;
                if invalid_utf8.examples.len() < opts.examples {
                    invalid_utf8.examples.push(InvalidUtf8Example {
                        file: f.path.clone(),
                        offset,
                    });
                }
            }
            if let Some(m) = f.location.module {
                module_counts.entry(m).or_default().1 += 1;
            }
        }
        let mut packages = Vec::new();
        for p in &scan.packages {
            if p.vendored {
                totals.vendor_packages += 1;
            } else if p.external_test {
                totals.external_test_packages += 1;
            } else {
                totals.packages += 1;
            }
            if let (Some(m), false, false) = (p.module, p.external_test, p.vendored) {
                module_counts.entry(m).or_default().0 += 1;
            }
            if p.vendored && !opts.include_vendor {
                continue;
            }
            let files = p.files.iter().map(|&id| scan.file(id));
            let (mut test_files, mut generated_files, mut lines) = (0, 0, 0);
            for f in files {
                test_files += f.test as u64;
                generated_files += f.facts.generated as u64;
                lines += f.lines;
            }
            packages.push(PackageSummary {
                import_path: p.import_path.clone(),
                name: p.name.clone(),
                dir: p.dir.clone(),
                module: p.module.and_then(|m| scan.modules.modules[m].path.clone()),
                external_test: p.external_test,
                vendored: p.vendored,
                local: p.local,
                files: p.files.len() as u64,
                test_files,
                generated_files,
                lines,
            });
        }
        let modules = scan
            .modules
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let (packages, files) = module_counts.get(&i).copied().unwrap_or_default();
                ModuleSummary {
                    dir: m.dir.clone(),
                    path: m.path.clone(),
                    go_version: m.go_version.clone(),
                    in_workspace: m.in_workspace,
                    packages,
                    files,
                }
            })
            .collect();
        ScanSummary {
            schema_version: SUMMARY_SCHEMA_VERSION,
            modules,
            workspace: scan.modules.workspace.clone(),
            totals,
            files_by_kind: by_kind,
            declarations: decls,
            build_constrained_files,
            parse_errors,
            invalid_utf8,
            skipped: skipped_summary(&scan.skipped),
            module_errors: scan.modules.errors.clone(),
            packages,
        }
    }
}

fn skipped_summary(skipped: &[SkippedPath]) -> Skipped {
    let mut out = Skipped {
        files: skipped.len() as u64,
        ..Skipped::default()
    };
    for s in skipped {
        *out.by_reason.entry(s.reason.code()).or_default() += 1;
        out.list.push(SkippedEntry {
            path: s.path.clone(),
            reason: s.reason.clone(),
        });
    }
    out
}
