//! goseam-synth: a deterministic generator of synthetic Go monorepos whose
//! expected answers are exact.
//!
//! [`generate`]`(seed, lines, out_dir)` writes a Go module of about `lines`
//! lines of Go (within a few percent, from 100k to 10M+ lines) and returns
//! its [`Manifest`], also written to `out_dir/expected.json`. The same seed
//! and size give a byte-identical tree on any machine: every choice comes
//! from a splitmix64 generator and every collection is ordered. Files are
//! streamed to disk as they are written; memory holds the plan of the
//! current component, the list of components written so far (a few hundred
//! bytes each), the expected call sites of the targets and the per-table
//! aggregates, so it stays small at 10M lines.
//!
//! The tree (module `example.com/synth`, no external dependencies, valid Go
//! that passes `gofmt -l` and `go vet ./...`):
//! - `go.mod`, `goseam.toml` (one `[[domain]]` per top-level domain
//!   directory and `platform`; `cmd/` is unassigned), `migrations/`
//!   (golang-migrate `NNNNNN_name.up.sql`/`.down.sql`, one pair per
//!   component);
//! - `platform/email` (the target `email.Send`), `platform/audit` (the
//!   target `(*audit.Logger).Record`, the `Recorder` interface and a
//!   `NopRecorder`), `platform/sms` (a decoy `Send`);
//! - domains (`accounts/`, `billing/`, …) of components, each with three
//!   packages: `D/C/store` (`database/sql` with `ExecContext`,
//!   `QueryContext`, `QueryRowContext`, a transaction, SQL in literals,
//!   raw strings and constants; INSERT, SELECT, UPDATE, DELETE, JOINs, and a
//!   controlled share of reads and writes of other domains' tables),
//!   `D/C/service` (structs with methods, interfaces with implementations,
//!   helpers, closures, calls of the targets, a generated file, an external
//!   test package) and `D/C/httpapi` (net/http handlers); `D/api` mounts a
//!   domain, `cmd/server` mounts every domain;
//! - imports follow a DAG (a service may import the store of an earlier
//!   component, of its domain or, in a controlled share, of an earlier
//!   domain: [`Manifest::cross_domain_imports`]).
//!
//! What the manifest gives exactly (and `cli/tests/synth_exact.rs` checks
//! against `goseam callsites` and `goseam tables`):
//! - [`Manifest::targets`]: every call and reference of [`TARGET_SEND`] and
//!   [`TARGET_RECORD`], in goseam's `callsites --format json` shape (file,
//!   line, column of the called name, kind, package, enclosing function,
//!   test, generated), sorted by file, line, column. Decoys (calls through
//!   the `Recorder` interface, `NopRecorder.Record`, `sms.Send`, a local
//!   variable named `email`, the names in comments and strings) are not
//!   sites;
//! - [`Manifest::tables`]: per table its status, owner, writing and reading
//!   domains, columns after the migrations, and its writes and reads
//!   grouped by (domain, package, operation, columns, test) with a count;
//! - `expected_sql.jsonl` (streamed): every table access, one a line, in
//!   the shape of goseam's `tables --format json` accesses.

mod comp;
mod gofile;
pub mod rng;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use rng::Rng;

/// The generated module's path.
pub const MODULE: &str = "example.com/synth";
/// The function target, as goseam spells it.
pub const TARGET_SEND: &str = "example.com/synth/platform/email.Send";
/// The method target, as goseam spells it.
pub const TARGET_RECORD: &str = "(*example.com/synth/platform/audit.Logger).Record";
/// The manifest's file name in the output directory.
pub const MANIFEST_FILE: &str = "expected.json";
/// Every expected table access, one JSON object a line.
pub const SQL_FILE: &str = "expected_sql.jsonl";
/// The domain goseam gives code outside every domain.
pub const UNASSIGNED: &str = "(unassigned)";

/// One expected call site, as `goseam callsites --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CallSite {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub target: String,
    /// `call` or `reference`.
    pub kind: String,
    pub status: String,
    pub package: String,
    pub function: String,
    pub test: bool,
    pub generated: bool,
}

/// One expected table access, as an access of `goseam tables --format json`
/// (plus the table and whether it is a read or a write).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SqlAccess {
    pub table: String,
    /// `read` or `write`.
    pub access: String,
    pub domain: String,
    pub package: String,
    pub function: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub operation: String,
    /// Columns written, sorted (writes only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// go/types' spelling of the driver method that runs the statement.
    pub via: String,
    pub test: bool,
}

/// The expected call sites of one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetSites {
    pub target: String,
    pub count: usize,
    /// Sorted by file, line, column.
    pub sites: Vec<CallSite>,
}

/// Accesses of one table grouped by who makes them and how.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccessGroup {
    pub domain: String,
    pub package: String,
    pub operation: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    pub test: bool,
    pub sites: u64,
}

/// What goseam must say about one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableExpect {
    pub name: String,
    /// `owned`, `read-shared`, `shared`, `read-only`, `test-only`,
    /// `unaccessed` (goseam's rules: production code only).
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub writing_domains: Vec<String>,
    pub reading_domains: Vec<String>,
    /// Columns after the migrations, in declaration order.
    pub columns: Vec<String>,
    pub writes: Vec<AccessGroup>,
    pub reads: Vec<AccessGroup>,
}

/// An import of a package of another domain.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ImportEdge {
    pub from: String,
    pub to: String,
    pub from_domain: String,
    pub to_domain: String,
    pub file: String,
    pub line: u32,
}

/// Everything the generator knows about the tree it wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    pub seed: u64,
    pub requested_lines: u64,
    pub module: String,
    /// Newlines in the `.go` files (as `wc -l` counts them).
    pub lines: u64,
    pub bytes: u64,
    pub go_files: u64,
    pub test_files: u64,
    pub generated_files: u64,
    /// Go packages (directories with Go files; external test packages not
    /// counted).
    pub packages: u64,
    pub components: u64,
    /// Domains, in the order they were written (later domains may import
    /// earlier ones).
    pub domains: Vec<String>,
    /// HTTP routes registered with net/http.
    pub routes: u64,
    pub cross_domain_imports: Vec<ImportEdge>,
    pub targets: Vec<TargetSites>,
    pub tables: Vec<TableExpect>,
    /// Tables in the schema no code touches.
    pub never_accessed: Vec<String>,
}

impl Manifest {
    /// Every expected call site of every target, sorted by file, line,
    /// column, target (goseam's order).
    pub fn all_sites(&self) -> Vec<CallSite> {
        let mut all: Vec<CallSite> = self
            .targets
            .iter()
            .flat_map(|t| t.sites.iter().cloned())
            .collect();
        all.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.target).cmp(&(&b.file, b.line, b.column, &b.target))
        });
        all
    }
}

/// Generate a tree of about `lines` lines of Go from `seed` into `out_dir`
/// (created if missing; it must be empty), write `expected.json` and
/// `expected_sql.jsonl` next to the Go module's files, and return the
/// manifest.
pub fn generate(seed: u64, lines: u64, out_dir: &Path) -> io::Result<Manifest> {
    fs::create_dir_all(out_dir)?;
    if fs::read_dir(out_dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty", out_dir.display()),
        ));
    }
    let mut g = Gen::new(seed, lines, out_dir)?;
    g.run()?;
    let manifest = g.finish()?;
    let mut w = BufWriter::new(File::create(out_dir.join(MANIFEST_FILE))?);
    serde_json::to_writer_pretty(&mut w, &manifest)?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(manifest)
}

/// The tree for (`seed`, `lines`) at `dir`, generated once and reused: a
/// hook for benchmarks, where a 10M-line tree takes tens of seconds to
/// write. When `dir` holds a manifest of the same generator, seed and size,
/// that manifest is returned without touching the tree; when `dir` is
/// missing, the tree is generated next to it and renamed into place, so an
/// interrupted run never leaves a tree that looks complete. Any other
/// content in `dir` is an error (it is never deleted).
pub fn ensure(seed: u64, lines: u64, dir: &Path) -> io::Result<Manifest> {
    if let Ok(bytes) = fs::read(dir.join(MANIFEST_FILE)) {
        let m: Manifest = serde_json::from_slice(&bytes)?;
        if m.seed == seed && m.requested_lines == lines && m.generator == generator_name() {
            return Ok(m);
        }
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} holds another tree ({}, seed {}, {} lines)",
                dir.display(),
                m.generator,
                m.seed,
                m.requested_lines
            ),
        ));
    }
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty and has no manifest", dir.display()),
        ));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "synth".into());
    let partial = dir.with_file_name(format!("{name}.partial-{}", std::process::id()));
    if partial.exists() {
        fs::remove_dir_all(&partial)?;
    }
    let m = generate(seed, lines, &partial)?;
    if dir.exists() {
        fs::remove_dir(dir)?;
    }
    fs::rename(&partial, dir)?;
    Ok(m)
}

fn generator_name() -> String {
    format!("goseam-synth {}", env!("CARGO_PKG_VERSION"))
}

/// Read `expected_sql.jsonl` from a generated tree.
pub fn read_sql_accesses(out_dir: &Path) -> io::Result<Vec<SqlAccess>> {
    let text = fs::read_to_string(out_dir.join(SQL_FILE))?;
    text.lines()
        .map(|l| serde_json::from_str(l).map_err(io::Error::from))
        .collect()
}

/// Per-table state while generating.
#[derive(Default)]
struct TableState {
    columns: Vec<String>,
    groups: BTreeMap<(bool, AccessGroupKey), u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct AccessGroupKey {
    domain: String,
    package: String,
    operation: String,
    columns: Vec<String>,
    test: bool,
}

/// The state of one generation.
pub(crate) struct Gen {
    pub root: PathBuf,
    pub rng: Rng,
    pub seed: u64,
    pub requested: u64,
    pub lines: u64,
    pub bytes: u64,
    pub go_files: u64,
    pub test_files: u64,
    pub generated_files: u64,
    pub packages: BTreeSet<String>,
    pub domains: Vec<String>,
    pub routes: u64,
    pub cross: Vec<ImportEdge>,
    pub calls: Vec<CallSite>,
    tables: BTreeMap<String, TableState>,
    sql_out: BufWriter<File>,
    pub migration_seq: u32,
    /// Components written so far.
    pub comps: Vec<comp::CompRef>,
}

const DOMAIN_NAMES: &[&str] = &[
    "accounts",
    "billing",
    "catalog",
    "orders",
    "inventory",
    "shipping",
    "payments",
    "notifications",
    "identity",
    "pricing",
    "reporting",
    "search",
    "support",
    "marketing",
    "loyalty",
    "fulfillment",
    "returns",
    "tax",
    "fraud",
    "ledger",
    "subscriptions",
    "partners",
    "analytics",
    "compliance",
];

impl Gen {
    fn new(seed: u64, lines: u64, root: &Path) -> io::Result<Gen> {
        let domains = (lines / 25_000).clamp(3, DOMAIN_NAMES.len() as u64) as usize;
        Ok(Gen {
            root: root.to_path_buf(),
            rng: Rng::new(seed),
            seed,
            requested: lines,
            lines: 0,
            bytes: 0,
            go_files: 0,
            test_files: 0,
            generated_files: 0,
            packages: BTreeSet::new(),
            domains: DOMAIN_NAMES[..domains]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            routes: 0,
            cross: Vec::new(),
            calls: Vec::new(),
            tables: BTreeMap::new(),
            sql_out: BufWriter::new(File::create(root.join(SQL_FILE))?),
            migration_seq: 0,
            comps: Vec::new(),
        })
    }

    fn run(&mut self) -> io::Result<()> {
        self.write_text("go.mod", &format!("module {MODULE}\n\ngo 1.19\n"))?;
        let mut toml = String::from(
            "# Domains of the synthetic monorepo (goseam-synth). cmd/ is left unassigned.\n",
        );
        for d in self.domains.iter().map(String::as_str).chain(["platform"]) {
            toml.push_str(&format!(
                "\n[[domain]]\nname = \"{d}\"\npaths = [\"{d}/**\"]\n"
            ));
        }
        self.write_text("goseam.toml", &toml)?;
        comp::platform(self)?;
        // The main program is written last; reserve its size.
        let main_estimate = 30 + self.domains.len() as u64 * 2;
        let budget = self.requested.saturating_sub(self.lines + main_estimate);
        let start = self.lines;
        let n = self.domains.len() as u64;
        for d in 0..self.domains.len() {
            let goal = start + budget * (d as u64 + 1) / n;
            comp::domain(self, d, goal)?;
        }
        comp::main_program(self)?;
        Ok(())
    }

    /// Write a non-Go file.
    pub fn write_text(&mut self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, text)
    }

    /// Write a Go file and record its expectations.
    pub fn write_go(&mut self, f: gofile::GoFile) -> io::Result<()> {
        self.write_text(&f.rel, &f.buf)?;
        self.lines += f.line as u64 - 1;
        self.bytes += f.buf.len() as u64;
        self.go_files += 1;
        if f.test {
            self.test_files += 1;
        }
        if f.generated {
            self.generated_files += 1;
        }
        let dir = f.rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        self.packages.insert(dir.to_string());
        self.calls.extend(f.calls);
        for a in f.sql {
            serde_json::to_writer(&mut self.sql_out, &a)?;
            self.sql_out.write_all(b"\n")?;
            let key = AccessGroupKey {
                domain: a.domain,
                package: a.package,
                operation: a.operation,
                columns: a.columns,
                test: a.test,
            };
            *self
                .tables
                .entry(a.table)
                .or_default()
                .groups
                .entry((a.access == "write", key))
                .or_default() += 1;
        }
        Ok(())
    }

    /// A table the schema creates, with its columns in order.
    pub fn schema_table(&mut self, name: &str, columns: &[&str]) {
        self.tables.entry(name.to_string()).or_default().columns =
            columns.iter().map(|c| c.to_string()).collect();
    }

    fn finish(mut self) -> io::Result<Manifest> {
        self.sql_out.flush()?;
        let mut targets = Vec::new();
        let (send, record): (Vec<CallSite>, Vec<CallSite>) = std::mem::take(&mut self.calls)
            .into_iter()
            .partition(|c| c.target == TARGET_SEND);
        for (target, mut sites) in [(TARGET_SEND, send), (TARGET_RECORD, record)] {
            sites.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
            targets.push(TargetSites {
                target: target.to_string(),
                count: sites.len(),
                sites,
            });
        }
        let mut tables = Vec::new();
        let mut never_accessed = Vec::new();
        for (name, t) in std::mem::take(&mut self.tables) {
            let mut writes = Vec::new();
            let mut reads = Vec::new();
            for ((write, k), sites) in t.groups {
                let g = AccessGroup {
                    domain: k.domain,
                    package: k.package,
                    operation: k.operation,
                    columns: k.columns,
                    test: k.test,
                    sites,
                };
                if write {
                    writes.push(g);
                } else {
                    reads.push(g);
                }
            }
            let production = |v: &[AccessGroup]| -> Vec<String> {
                v.iter()
                    .filter(|g| !g.test)
                    .map(|g| g.domain.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect()
            };
            let writing_domains = production(&writes);
            let reading_domains = production(&reads);
            let accessed = !writes.is_empty() || !reads.is_empty();
            let status = match writing_domains.len() {
                0 if !reading_domains.is_empty() => "read-only",
                0 if accessed => "test-only",
                0 => "unaccessed",
                1 if reading_domains.iter().any(|d| *d != writing_domains[0]) => "read-shared",
                1 => "owned",
                _ => "shared",
            };
            if !accessed {
                never_accessed.push(name.clone());
            }
            tables.push(TableExpect {
                owner: (writing_domains.len() == 1).then(|| writing_domains[0].clone()),
                name,
                status: status.to_string(),
                writing_domains,
                reading_domains,
                columns: t.columns,
                writes,
                reads,
            });
        }
        self.cross.sort();
        Ok(Manifest {
            generator: generator_name(),
            seed: self.seed,
            requested_lines: self.requested,
            module: MODULE.to_string(),
            lines: self.lines,
            bytes: self.bytes,
            go_files: self.go_files,
            test_files: self.test_files,
            generated_files: self.generated_files,
            packages: self.packages.len() as u64,
            components: self.comps.len() as u64,
            domains: self.domains,
            routes: self.routes,
            cross_domain_imports: self.cross,
            targets,
            tables,
            never_accessed,
        })
    }
}
