//! The Go code: the platform packages, the domains' components (store,
//! service, httpapi), each domain's `api` package and `cmd/server`.
//!
//! Every site the manifest lists is recorded where its line is written
//! (`GoFile::call`, `GoFile::sql`), so positions are exact by construction.

use std::collections::BTreeSet;
use std::io;

use crate::gofile::{fields, imports, GoFile, Stmt};
use crate::{Gen, ImportEdge, MODULE, TARGET_RECORD, TARGET_SEND, UNASSIGNED};

const VIA_DB_EXEC: &str = "(*database/sql.DB).ExecContext";
const VIA_DB_QUERY: &str = "(*database/sql.DB).QueryContext";
const VIA_DB_ROW: &str = "(*database/sql.DB).QueryRowContext";
const VIA_TX_EXEC: &str = "(*database/sql.Tx).ExecContext";

/// A component already written, for later components to import or reach
/// into.
pub struct CompRef {
    pub domain_idx: usize,
    pub domain: String,
    pub name: String,
    pub table: String,
}

#[derive(Debug)]
struct Col {
    name: &'static str,
    field: &'static str,
    go: &'static str,
    sql: &'static str,
}

const fn col(name: &'static str, field: &'static str, go: &'static str, sql: &'static str) -> Col {
    Col {
        name,
        field,
        go,
        sql,
    }
}

/// `name` and `status` are in every table; the others are drawn.
const COLS: &[Col] = &[
    col("name", "Name", "string", "TEXT NOT NULL"),
    col("status", "Status", "string", "TEXT NOT NULL DEFAULT 'new'"),
    col(
        "account_id",
        "AccountID",
        "int64",
        "BIGINT NOT NULL DEFAULT 0",
    ),
    col(
        "amount_cents",
        "AmountCents",
        "int64",
        "BIGINT NOT NULL DEFAULT 0",
    ),
    col(
        "currency",
        "Currency",
        "string",
        "TEXT NOT NULL DEFAULT 'EUR'",
    ),
    col(
        "external_ref",
        "ExternalRef",
        "string",
        "TEXT NOT NULL DEFAULT ''",
    ),
    col("note", "Note", "string", "TEXT NOT NULL DEFAULT ''"),
    col(
        "owner_email",
        "OwnerEmail",
        "string",
        "TEXT NOT NULL DEFAULT ''",
    ),
    col(
        "priority",
        "Priority",
        "int64",
        "INTEGER NOT NULL DEFAULT 0",
    ),
    col(
        "quantity",
        "Quantity",
        "int64",
        "INTEGER NOT NULL DEFAULT 0",
    ),
    col("region", "Region", "string", "TEXT NOT NULL DEFAULT ''"),
    col("version", "Version", "int64", "INTEGER NOT NULL DEFAULT 1"),
];

/// Component names (never `vendor`, `internal` or `testdata`: the go tool
/// gives those directories a meaning).
const NOUNS: &[&str] = &[
    "invoice",
    "customer",
    "order",
    "item",
    "product",
    "shipment",
    "refund",
    "coupon",
    "address",
    "contract",
    "plan",
    "quota",
    "review",
    "ticket",
    "session",
    "token",
    "device",
    "report",
    "budget",
    "supplier",
    "warehouse",
    "carrier",
    "route",
    "batch",
    "schedule",
    "policy",
    "rule",
    "limit",
    "alert",
    "webhook",
    "payout",
    "dispute",
    "credit",
    "voucher",
    "bundle",
    "listing",
    "offer",
    "claim",
    "member",
    "profile",
];

const WORDS: &[&str] = &[
    "Tier", "Quota", "Window", "Margin", "Cutoff", "Bucket", "Grade", "Lane", "Stage", "Band",
    "Level", "Cap", "Floor", "Span", "Slot", "Phase",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FinderKind {
    FindBy,
    CountBy,
    Set,
    PurgeBy,
}

struct Finder {
    kind: FinderKind,
    col: &'static Col,
    method: String,
    raw: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Policy,
    Scorer,
    Normalize,
    Sorter,
    Notify,
    Embed,
    Ctor,
    Forward,
    Level,
    Retry,
}

const UNITS: &[(Unit, usize)] = &[
    (Unit::Policy, 4),
    (Unit::Scorer, 4),
    (Unit::Normalize, 4),
    (Unit::Sorter, 3),
    (Unit::Level, 3),
    (Unit::Notify, 1),
    (Unit::Embed, 1),
    (Unit::Ctor, 1),
    (Unit::Forward, 1),
    (Unit::Retry, 1),
];

/// The plan of one component, drawn before any of it is written.
struct Plan {
    domain: String,
    name: String,
    entity: String,
    table: String,
    events: String,
    fk: String,
    cols: Vec<&'static Col>,
    finder_files: Vec<Vec<Finder>>,
    foreign_reads: Vec<usize>,
    foreign_write: Option<usize>,
    peer: Option<usize>,
    rules_files: Vec<Vec<Unit>>,
    fixture: bool,
    legacy: bool,
    generated: bool,
    mail_alias: bool,
}

impl Plan {
    fn pkg(&self, sub: &str) -> String {
        format!("{MODULE}/{}", self.rel(sub))
    }

    fn rel(&self, sub: &str) -> String {
        format!("{}/{}/{}", self.domain, self.name, sub)
    }

    fn col_list(&self) -> String {
        self.cols
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn select_list(&self) -> String {
        format!("id, {}, created_at", self.col_list())
    }

    fn scan_args(&self, v: &str) -> String {
        let mut a = vec![format!("&{v}.ID")];
        a.extend(self.cols.iter().map(|c| format!("&{v}.{}", c.field)));
        a.push(format!("&{v}.CreatedAt"));
        a.join(", ")
    }

    fn event_name(&self, what: &str) -> String {
        format!("{}.{}.{what}", self.domain, self.name)
    }
}

fn camel(s: &str) -> String {
    let mut out = String::new();
    for part in s.split('_') {
        let mut cs = part.chars();
        if let Some(c) = cs.next() {
            out.push(c.to_ascii_uppercase());
            out.extend(cs);
        }
    }
    out
}

fn sorted(cols: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
    v.sort();
    v.dedup();
    v
}

fn read(table: &str) -> (String, bool, Vec<String>) {
    (table.to_string(), false, Vec::new())
}

fn write(table: &str, cols: &[&str]) -> (String, bool, Vec<String>) {
    (table.to_string(), true, sorted(cols))
}

/// Write a key: value composite literal body aligned as gofmt aligns it.
/// Returns the prefix of each line before the value (for site columns).
fn keyed_prefix(indent: &str, width: usize, key: &str) -> String {
    let k = format!("{key}:");
    format!("{indent}{k:w$} ", w = width + 1)
}

// ---------------------------------------------------------------------------
// Platform

pub fn platform(g: &mut Gen) -> io::Result<()> {
    let pkg = format!("{MODULE}/platform/email");
    let mut f = GoFile::new("platform/email/email.go".into(), pkg.clone(), "platform");
    f.l("// Package email sends transactional email.");
    f.l("package email");
    f.blank();
    imports(&mut f, vec!["context", "errors", "strings"], vec![]);
    f.l("// ErrNoRecipient is returned when the recipient is empty.");
    f.l("var ErrNoRecipient = errors.New(\"email: no recipient\")");
    f.blank();
    f.l("// Send delivers one message.");
    f.l("func Send(ctx context.Context, to, subject, body string) error {");
    f.l("\tif strings.TrimSpace(to) == \"\" {");
    f.l("\t\treturn ErrNoRecipient");
    f.l("\t}");
    f.l("\tif err := ctx.Err(); err != nil {");
    f.l("\t\treturn err");
    f.l("\t}");
    f.l("\tif subject == \"\" && body == \"\" {");
    f.l("\t\treturn errors.New(\"email: empty message\")");
    f.l("\t}");
    f.l("\treturn nil");
    f.l("}");
    f.blank();
    f.l("// SendBatch delivers the same message to every recipient.");
    f.l("func SendBatch(ctx context.Context, to []string, subject, body string) error {");
    f.l("\tfor _, t := range to {");
    let pre = "\t\tif err := ";
    f.call(pre, TARGET_SEND, "call", "SendBatch");
    f.l(&format!("{pre}Send(ctx, t, subject, body); err != nil {{"));
    f.l("\t\t\treturn err");
    f.l("\t\t}");
    f.l("\t}");
    f.l("\treturn nil");
    f.l("}");
    g.write_go(f)?;

    let mut f = GoFile::new("platform/email/email_test.go".into(), pkg, "platform");
    f.l("package email");
    f.blank();
    imports(&mut f, vec!["context", "testing"], vec![]);
    f.l("func TestSendNeedsRecipient(t *testing.T) {");
    let pre = "\tif err := ";
    f.call(pre, TARGET_SEND, "call", "TestSendNeedsRecipient");
    f.l(&format!(
        "{pre}Send(context.Background(), \"\", \"s\", \"b\"); err != ErrNoRecipient {{"
    ));
    f.l("\t\tt.Fatalf(\"got %v\", err)");
    f.l("\t}");
    f.l("}");
    g.write_go(f)?;

    let pkg = format!("{MODULE}/platform/audit");
    let mut f = GoFile::new("platform/audit/audit.go".into(), pkg, "platform");
    f.l("// Package audit records who changed what.");
    f.l("package audit");
    f.blank();
    imports(&mut f, vec!["context", "sync"], vec![]);
    f.l("// Recorder is what code depends on when it does not need the Logger.");
    f.l("type Recorder interface {");
    f.l("\tRecord(ctx context.Context, action string, id int64) error");
    f.l("}");
    f.blank();
    f.l("// Logger keeps audit events in memory.");
    f.l("type Logger struct {");
    fields(
        &mut f,
        "\t",
        &[
            ("mu".into(), "sync.Mutex".into()),
            ("events".into(), "[]string".into()),
        ],
    );
    f.l("}");
    f.blank();
    f.l("// New returns an empty Logger.");
    f.l("func New() *Logger {");
    f.l("\treturn &Logger{}");
    f.l("}");
    f.blank();
    f.l("// Record appends one event.");
    f.l("func (l *Logger) Record(ctx context.Context, action string, id int64) error {");
    f.l("\tif err := ctx.Err(); err != nil {");
    f.l("\t\treturn err");
    f.l("\t}");
    f.l("\tl.mu.Lock()");
    f.l("\tdefer l.mu.Unlock()");
    f.l("\tl.events = append(l.events, action)");
    f.l("\t_ = id");
    f.l("\treturn nil");
    f.l("}");
    f.blank();
    f.l("// Len returns the number of events recorded.");
    f.l("func (l *Logger) Len() int {");
    f.l("\tl.mu.Lock()");
    f.l("\tdefer l.mu.Unlock()");
    f.l("\treturn len(l.events)");
    f.l("}");
    f.blank();
    f.l("// NopRecorder records nothing. Its Record is not (*Logger).Record.");
    f.l("type NopRecorder struct{}");
    f.blank();
    f.l("// Record does nothing.");
    f.l("func (NopRecorder) Record(ctx context.Context, action string, id int64) error {");
    f.l("\treturn nil");
    f.l("}");
    f.blank();
    f.l("var _ Recorder = (*Logger)(nil)");
    g.write_go(f)?;

    let pkg = format!("{MODULE}/platform/sms");
    let mut f = GoFile::new("platform/sms/sms.go".into(), pkg, "platform");
    f.l("// Package sms sends text messages. Its Send is not email.Send.");
    f.l("package sms");
    f.blank();
    imports(&mut f, vec!["context", "errors"], vec![]);
    f.l("// Send delivers one text message.");
    f.l("func Send(ctx context.Context, number, text string) error {");
    f.l("\tif number == \"\" {");
    f.l("\t\treturn errors.New(\"sms: no number\")");
    f.l("\t}");
    f.l("\t_ = text");
    f.l("\treturn ctx.Err()");
    f.l("}");
    g.write_go(f)
}

// ---------------------------------------------------------------------------
// Domains

/// Write components of domain `d` until the tree has about `goal` lines,
/// then the domain's `api` package.
pub fn domain(g: &mut Gen, d: usize, goal: u64) -> io::Result<()> {
    let first = g.comps.len();
    let mut used = BTreeSet::new();
    const MIN_COMP: u64 = 700;
    loop {
        let remaining = goal.saturating_sub(g.lines);
        // Always at least one component per domain; then stop when what
        // is left is under half the smallest component.
        if g.comps.len() > first && remaining < MIN_COMP / 2 {
            break;
        }
        let plan = plan_comp(g, d, &mut used, remaining);
        component(g, &plan)?;
        g.comps.push(crate::comp::CompRef {
            domain_idx: d,
            domain: plan.domain.clone(),
            name: plan.name.clone(),
            table: plan.table.clone(),
        });
        if g.lines >= goal {
            break;
        }
    }
    domain_api(g, d, first)
}

fn plan_comp(g: &mut Gen, d: usize, used: &mut BTreeSet<String>, remaining: u64) -> Plan {
    let domain = g.domains[d].clone();
    let rng = &mut g.rng;
    let noun = *rng.pick(NOUNS);
    let mut name = noun.to_string();
    let mut k = 2;
    while used.contains(&name) {
        name = format!("{noun}{k}");
        k += 1;
    }
    used.insert(name.clone());
    let entity = camel(&name);
    let table = format!("{domain}_{name}");
    let events = format!("{table}_events");
    let fk = format!("{name}_id");
    let mut cols: Vec<&'static Col> = vec![&COLS[0], &COLS[1]];
    for c in &COLS[2..] {
        if rng.chance(1, 3) {
            cols.push(c);
        }
    }
    // Size: a base of about 700 lines, rules files of about 220 and finder
    // files of about 80.
    let spare = remaining.saturating_sub(700);
    let max_rules = (spare / 220).min(8) as usize;
    let n_rules = if max_rules == 0 {
        0
    } else {
        rng.range(max_rules.div_ceil(2), max_rules)
    };
    let mut methods = BTreeSet::new();
    let n_finder_files = if spare > 300 { rng.range(1, 3) } else { 1 };
    let mut finder_files = Vec::new();
    for _ in 0..n_finder_files {
        let mut file = Vec::new();
        for _ in 0..rng.range(3, 7) {
            let kind = *rng.pick(&[
                FinderKind::FindBy,
                FinderKind::CountBy,
                FinderKind::Set,
                FinderKind::PurgeBy,
            ]);
            let col = cols[rng.below(cols.len())];
            let verb = match kind {
                FinderKind::FindBy => "FindBy",
                FinderKind::CountBy => "CountBy",
                FinderKind::Set => "Set",
                FinderKind::PurgeBy => "PurgeBy",
            };
            let mut method = format!("{verb}{}", col.field);
            let mut n = 2;
            while methods.contains(&method) || method == "UpdateStatus" {
                method = format!("{verb}{}{n}", col.field);
                n += 1;
            }
            methods.insert(method.clone());
            file.push(Finder {
                kind,
                col,
                method,
                raw: rng.chance(1, 4),
            });
        }
        finder_files.push(file);
    }
    let others: Vec<usize> = (0..g.comps.len())
        .filter(|&i| g.comps[i].domain_idx != d)
        .collect();
    let mut foreign_reads = Vec::new();
    let mut foreign_write = None;
    if !others.is_empty() {
        if rng.chance(1, 4) {
            foreign_reads.push(*rng.pick(&others));
        }
        if rng.chance(1, 12) {
            foreign_write = Some(*rng.pick(&others));
        }
    }
    foreign_reads.sort_unstable();
    foreign_reads.dedup();
    // A store to import: an earlier component of this domain, or (less
    // often) of an earlier domain: imports stay a DAG.
    let same: Vec<usize> = (0..g.comps.len())
        .filter(|&i| g.comps[i].domain_idx == d)
        .collect();
    let earlier: Vec<usize> = (0..g.comps.len())
        .filter(|&i| g.comps[i].domain_idx < d)
        .collect();
    let peer = if !earlier.is_empty() && rng.chance(1, 6) {
        Some(*rng.pick(&earlier))
    } else if !same.is_empty() && rng.chance(1, 3) {
        Some(*rng.pick(&same))
    } else {
        None
    };
    let total: usize = UNITS.iter().map(|u| u.1).sum();
    let rules_files = (0..n_rules)
        .map(|_| {
            (0..rng.range(6, 12))
                .map(|_| {
                    let mut r = rng.below(total);
                    let mut unit = UNITS[0].0;
                    for (u, w) in UNITS {
                        if r < *w {
                            unit = *u;
                            break;
                        }
                        r -= w;
                    }
                    unit
                })
                .collect()
        })
        .collect();
    Plan {
        domain,
        entity,
        table,
        events,
        fk,
        cols,
        finder_files,
        foreign_reads,
        foreign_write,
        peer,
        rules_files,
        fixture: rng.chance(1, 5),
        legacy: rng.chance(1, 8),
        generated: rng.chance(1, 2),
        mail_alias: rng.chance(1, 3),
        name,
    }
}

fn component(g: &mut Gen, p: &Plan) -> io::Result<()> {
    migration(g, p)?;
    store(g, p)?;
    service(g, p)?;
    httpapi(g, p)
}

fn migration(g: &mut Gen, p: &Plan) -> io::Result<()> {
    g.migration_seq += 1;
    let stem = format!("migrations/{:06}_{}_{}", g.migration_seq, p.domain, p.name);
    let mut up = String::new();
    let mut down = String::new();
    let mut main_cols = vec!["id"];
    up.push_str(&format!(
        "CREATE TABLE {} (\n    id BIGSERIAL PRIMARY KEY,\n",
        p.table
    ));
    for c in &p.cols {
        up.push_str(&format!("    {} {},\n", c.name, c.sql));
        main_cols.push(c.name);
    }
    up.push_str("    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n");
    main_cols.push("created_at");
    g.schema_table(&p.table, &main_cols);
    up.push_str(&format!(
        "\nCREATE TABLE {} (\n    id BIGSERIAL PRIMARY KEY,\n    {} BIGINT NOT NULL REFERENCES {} (id),\n    kind TEXT NOT NULL,\n    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n",
        p.events, p.fk, p.table
    ));
    g.schema_table(&p.events, &["id", &p.fk, "kind", "created_at"]);
    let mut drops = vec![p.events.clone(), p.table.clone()];
    if p.fixture {
        let t = format!("{}_fixtures", p.table);
        up.push_str(&format!(
            "\nCREATE TABLE {t} (\n    id BIGSERIAL PRIMARY KEY,\n    label TEXT NOT NULL\n);\n"
        ));
        g.schema_table(&t, &["id", "label"]);
        drops.insert(0, t);
    }
    if p.legacy {
        let t = format!("{}_legacy", p.table);
        up.push_str(&format!(
            "\nCREATE TABLE {t} (\n    id BIGINT PRIMARY KEY,\n    payload TEXT\n);\n"
        ));
        g.schema_table(&t, &["id", "payload"]);
        drops.insert(0, t);
    }
    for t in drops {
        down.push_str(&format!("DROP TABLE {t};\n"));
    }
    g.write_text(&format!("{stem}.up.sql"), &up)?;
    g.write_text(&format!("{stem}.down.sql"), &down)
}

fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn store(g: &mut Gen, p: &Plan) -> io::Result<()> {
    let pkg = p.pkg("store");
    let dir = p.rel("store");

    // model.go
    let mut f = GoFile::new(format!("{dir}/model.go"), pkg.clone(), &p.domain);
    f.l(&format!(
        "// Package store reads and writes {} and {}.",
        p.table, p.events
    ));
    f.l("package store");
    f.blank();
    imports(&mut f, vec!["time"], vec![]);
    f.l(&format!("// {} is one row of {}.", p.entity, p.table));
    f.l(&format!("type {} struct {{", p.entity));
    let mut fs: Vec<(String, String)> = vec![("ID".into(), "int64".into())];
    fs.extend(
        p.cols
            .iter()
            .map(|c| (c.field.to_string(), c.go.to_string())),
    );
    fs.push(("CreatedAt".into(), "time.Time".into()));
    fields(&mut f, "\t", &fs);
    f.l("}");
    f.blank();
    f.l(&format!("// Event is one row of {}.", p.events));
    f.l("type Event struct {");
    fields(
        &mut f,
        "\t",
        &[
            ("ID".into(), "int64".into()),
            ("Kind".into(), "string".into()),
            ("CreatedAt".into(), "time.Time".into()),
        ],
    );
    f.l("}");
    g.write_go(f)?;

    // queries.go
    let insert_event = Stmt {
        text: format!("INSERT INTO {} ({}, kind) VALUES ($1, $2)", p.events, p.fk),
        op: "insert",
        accesses: vec![write(&p.events, &[&p.fk, "kind"])],
    };
    let list = Stmt {
        text: format!(
            "SELECT {} FROM {} ORDER BY id LIMIT $1",
            p.select_list(),
            p.table
        ),
        op: "select",
        accesses: vec![read(&p.table)],
    };
    let mut f = GoFile::new(format!("{dir}/queries.go"), pkg.clone(), &p.domain);
    f.l("package store");
    f.blank();
    f.l("// insertEventSQL records one event; Create and UpdateStatus use it.");
    f.l(&format!("const insertEventSQL = {:?}", insert_event.text));
    f.blank();
    f.l("// listSQL pages through the table by id.");
    f.l(&format!("const listSQL = {:?}", list.text));
    g.write_go(f)?;

    // store.go
    let mut f = GoFile::new(format!("{dir}/store.go"), pkg.clone(), &p.domain);
    f.l("package store");
    f.blank();
    imports(&mut f, vec!["context", "database/sql", "errors"], vec![]);
    f.l(&format!(
        "// ErrNotFound is returned when no {} row matches.",
        p.table
    ));
    f.l(&format!(
        "var ErrNotFound = errors.New(\"{}/{}: not found\")",
        p.domain, p.name
    ));
    f.blank();
    f.l(&format!("// Store reads and writes {}.", p.table));
    f.l("type Store struct {");
    f.l("\tdb *sql.DB");
    f.l("}");
    f.blank();
    f.l("// New returns a Store over db.");
    f.l("func New(db *sql.DB) *Store {");
    f.l("\treturn &Store{db: db}");
    f.l("}");
    f.blank();

    // Create
    let mut insert_cols: Vec<&str> = p.cols.iter().map(|c| c.name).collect();
    insert_cols.push("created_at");
    let insert = Stmt {
        text: format!(
            "INSERT INTO {} ({}) VALUES ({})",
            p.table,
            insert_cols.join(", "),
            placeholders(insert_cols.len())
        ),
        op: "insert",
        accesses: vec![write(&p.table, &insert_cols)],
    };
    let mut args: Vec<String> = p.cols.iter().map(|c| format!("v.{}", c.field)).collect();
    args.push("v.CreatedAt".into());
    let func = "(*Store).Create";
    f.l("// Create inserts v and its creation event in one transaction.");
    f.l(&format!(
        "func (s *Store) Create(ctx context.Context, v *{}) (int64, error) {{",
        p.entity
    ));
    f.l("\ttx, err := s.db.BeginTx(ctx, nil)");
    f.l("\tif err != nil {");
    f.l("\t\treturn 0, err");
    f.l("\t}");
    f.l("\tdefer func() {");
    f.l("\t\t_ = tx.Rollback()");
    f.l("\t}()");
    let pre = "\tres, err := tx.ExecContext(ctx, ";
    f.sql(pre, func, &insert, VIA_TX_EXEC);
    f.l(&format!("{pre}{:?}, {})", insert.text, args.join(", ")));
    f.l("\tif err != nil {");
    f.l("\t\treturn 0, err");
    f.l("\t}");
    f.l("\tid, err := res.LastInsertId()");
    f.l("\tif err != nil {");
    f.l("\t\treturn 0, err");
    f.l("\t}");
    let pre = "\tif _, err := tx.ExecContext(ctx, ";
    f.sql(pre, func, &insert_event, VIA_TX_EXEC);
    f.l(&format!(
        "{pre}insertEventSQL, id, \"created\"); err != nil {{"
    ));
    f.l("\t\treturn 0, err");
    f.l("\t}");
    f.l("\treturn id, tx.Commit()");
    f.l("}");
    f.blank();

    // Get
    let get = Stmt {
        text: format!("SELECT {} FROM {} WHERE id = $1", p.select_list(), p.table),
        op: "select",
        accesses: vec![read(&p.table)],
    };
    f.l("// Get returns the row with id.");
    f.l(&format!(
        "func (s *Store) Get(ctx context.Context, id int64) (*{}, error) {{",
        p.entity
    ));
    f.l(&format!("\tv := &{}{{}}", p.entity));
    let pre = "\terr := s.db.QueryRowContext(ctx, ";
    f.sql(pre, "(*Store).Get", &get, VIA_DB_ROW);
    f.l(&format!(
        "{pre}{:?}, id).Scan({})",
        get.text,
        p.scan_args("v")
    ));
    f.l("\tif errors.Is(err, sql.ErrNoRows) {");
    f.l("\t\treturn nil, ErrNotFound");
    f.l("\t}");
    f.l("\tif err != nil {");
    f.l("\t\treturn nil, err");
    f.l("\t}");
    f.l("\treturn v, nil");
    f.l("}");
    f.blank();

    // List
    f.l("// List returns up to limit rows, by id.");
    f.l(&format!(
        "func (s *Store) List(ctx context.Context, limit int) ([]*{}, error) {{",
        p.entity
    ));
    let pre = "\trows, err := s.db.QueryContext(ctx, ";
    f.sql(pre, "(*Store).List", &list, VIA_DB_QUERY);
    f.l(&format!("{pre}listSQL, limit)"));
    f.l("\tif err != nil {");
    f.l("\t\treturn nil, err");
    f.l("\t}");
    f.l("\tdefer rows.Close()");
    f.l("\treturn scanRows(rows)");
    f.l("}");
    f.blank();
    f.l(&format!(
        "func scanRows(rows *sql.Rows) ([]*{}, error) {{",
        p.entity
    ));
    f.l(&format!("\tvar out []*{}", p.entity));
    f.l("\tfor rows.Next() {");
    f.l(&format!("\t\tv := &{}{{}}", p.entity));
    f.l(&format!(
        "\t\tif err := rows.Scan({}); err != nil {{",
        p.scan_args("v")
    ));
    f.l("\t\t\treturn nil, err");
    f.l("\t\t}");
    f.l("\t\tout = append(out, v)");
    f.l("\t}");
    f.l("\treturn out, rows.Err()");
    f.l("}");
    f.blank();

    // UpdateStatus
    let update = Stmt {
        text: format!("UPDATE {} SET status = $1 WHERE id = $2", p.table),
        op: "update",
        accesses: vec![write(&p.table, &["status"])],
    };
    let func = "(*Store).UpdateStatus";
    f.l("// UpdateStatus changes the status and records an event.");
    f.l("func (s *Store) UpdateStatus(ctx context.Context, id int64, status string) error {");
    f.l("\ttx, err := s.db.BeginTx(ctx, nil)");
    f.l("\tif err != nil {");
    f.l("\t\treturn err");
    f.l("\t}");
    f.l("\tdefer func() {");
    f.l("\t\t_ = tx.Rollback()");
    f.l("\t}()");
    let pre = "\tif _, err := tx.ExecContext(ctx, ";
    f.sql(pre, func, &update, VIA_TX_EXEC);
    f.l(&format!(
        "{pre}{:?}, status, id); err != nil {{",
        update.text
    ));
    f.l("\t\treturn err");
    f.l("\t}");
    f.sql(pre, func, &insert_event, VIA_TX_EXEC);
    f.l(&format!(
        "{pre}insertEventSQL, id, \"status:\"+status); err != nil {{"
    ));
    f.l("\t\treturn err");
    f.l("\t}");
    f.l("\treturn tx.Commit()");
    f.l("}");
    f.blank();

    // Delete (a raw string over two lines)
    let delete = Stmt {
        text: String::new(),
        op: "delete",
        accesses: vec![write(&p.table, &[])],
    };
    f.l("// Delete removes the row with id.");
    f.l("func (s *Store) Delete(ctx context.Context, id int64) error {");
    let pre = "\t_, err := s.db.ExecContext(ctx, ";
    f.sql(pre, "(*Store).Delete", &delete, VIA_DB_EXEC);
    f.l(&format!("{pre}`DELETE FROM {}", p.table));
    f.l("\t\tWHERE id = $1`, id)");
    f.l("\treturn err");
    f.l("}");
    f.blank();

    // Events (a JOIN: reads both tables)
    let events = Stmt {
        text: format!(
            "SELECT e.id, e.kind, e.created_at FROM {} e JOIN {} t ON t.id = e.{} WHERE t.id = $1 ORDER BY e.id",
            p.events, p.table, p.fk
        ),
        op: "select",
        accesses: vec![read(&p.events), read(&p.table)],
    };
    f.l("// Events returns the events of the row with id.");
    f.l("func (s *Store) Events(ctx context.Context, id int64) ([]Event, error) {");
    let pre = "\trows, err := s.db.QueryContext(ctx, ";
    f.sql(pre, "(*Store).Events", &events, VIA_DB_QUERY);
    f.l(&format!("{pre}{:?}, id)", events.text));
    f.l("\tif err != nil {");
    f.l("\t\treturn nil, err");
    f.l("\t}");
    f.l("\tdefer rows.Close()");
    f.l("\tvar out []Event");
    f.l("\tfor rows.Next() {");
    f.l("\t\tvar e Event");
    f.l("\t\tif err := rows.Scan(&e.ID, &e.Kind, &e.CreatedAt); err != nil {");
    f.l("\t\t\treturn nil, err");
    f.l("\t\t}");
    f.l("\t\tout = append(out, e)");
    f.l("\t}");
    f.l("\treturn out, rows.Err()");
    f.l("}");
    g.write_go(f)?;

    // finders*.go
    for (i, file) in p.finder_files.iter().enumerate() {
        let mut f = GoFile::new(format!("{dir}/finders{}.go", i + 1), pkg.clone(), &p.domain);
        f.l("package store");
        f.blank();
        imports(&mut f, vec!["context"], vec![]);
        for (j, fd) in file.iter().enumerate() {
            if j > 0 {
                f.blank();
            }
            finder(&mut f, p, fd);
        }
        g.write_go(f)?;
    }

    // foreign.go: reads and writes of other domains' tables.
    if !p.foreign_reads.is_empty() || p.foreign_write.is_some() {
        let mut f = GoFile::new(format!("{dir}/foreign.go"), pkg.clone(), &p.domain);
        f.l("package store");
        f.blank();
        imports(&mut f, vec!["context"], vec![]);
        let mut first = true;
        for &i in &p.foreign_reads {
            let other = &g.comps[i];
            let m = format!("CountForeign{}{}", camel(&other.domain), camel(&other.name));
            let st = Stmt {
                text: format!("SELECT count(*) FROM {} WHERE status = $1", other.table),
                op: "select",
                accesses: vec![read(&other.table)],
            };
            if !first {
                f.blank();
            }
            first = false;
            f.l(&format!(
                "// {m} reads {}, which the {} domain owns.",
                other.table, other.domain
            ));
            f.l(&format!(
                "func (s *Store) {m}(ctx context.Context, status string) (int64, error) {{"
            ));
            f.l("\tvar n int64");
            let pre = "\terr := s.db.QueryRowContext(ctx, ";
            f.sql(pre, &format!("(*Store).{m}"), &st, VIA_DB_ROW);
            f.l(&format!("{pre}{:?}, status).Scan(&n)", st.text));
            f.l("\treturn n, err");
            f.l("}");
        }
        if let Some(i) = p.foreign_write {
            let other = &g.comps[i];
            let m = format!("TouchForeign{}{}", camel(&other.domain), camel(&other.name));
            let st = Stmt {
                text: format!("UPDATE {} SET status = $1 WHERE id = $2", other.table),
                op: "update",
                accesses: vec![write(&other.table, &["status"])],
            };
            if !first {
                f.blank();
            }
            f.l(&format!(
                "// {m} writes {}, which the {} domain owns.",
                other.table, other.domain
            ));
            f.l(&format!(
                "func (s *Store) {m}(ctx context.Context, id int64) error {{"
            ));
            let pre = "\t_, err := s.db.ExecContext(ctx, ";
            f.sql(pre, &format!("(*Store).{m}"), &st, VIA_DB_EXEC);
            f.l(&format!("{pre}{:?}, \"touched\", id)", st.text));
            f.l("\treturn err");
            f.l("}");
        }
        g.write_go(f)?;
    }

    // store_test.go: in-package test with SQL in test helpers.
    let mut f = GoFile::new(format!("{dir}/store_test.go"), pkg, &p.domain);
    f.l("package store");
    f.blank();
    imports(&mut f, vec!["context", "database/sql", "testing"], vec![]);
    f.l("func TestNewKeepsDB(t *testing.T) {");
    f.l("\tif New(nil).db != nil {");
    f.l("\t\tt.Fatal(\"New(nil) has a database\")");
    f.l("\t}");
    f.l("\t_ = seed");
    if p.fixture {
        f.l("\t_ = loadFixture");
    }
    f.l("}");
    f.blank();
    let seed = Stmt {
        text: format!("INSERT INTO {} (name, status) VALUES ($1, $2)", p.table),
        op: "insert",
        accesses: vec![write(&p.table, &["name", "status"])],
    };
    f.l("// seed inserts a fixture row.");
    f.l("func seed(ctx context.Context, db *sql.DB) error {");
    let pre = "\t_, err := db.ExecContext(ctx, ";
    f.sql(pre, "seed", &seed, VIA_DB_EXEC);
    f.l(&format!("{pre}{:?}, \"fixture\", \"new\")", seed.text));
    f.l("\treturn err");
    f.l("}");
    if p.fixture {
        let t = format!("{}_fixtures", p.table);
        let st = Stmt {
            text: format!("INSERT INTO {t} (label) VALUES ($1)"),
            op: "insert",
            accesses: vec![write(&t, &["label"])],
        };
        f.blank();
        f.l(&format!("// loadFixture fills {t}, which only tests use."));
        f.l("func loadFixture(ctx context.Context, db *sql.DB, label string) error {");
        f.sql(pre, "loadFixture", &st, VIA_DB_EXEC);
        f.l(&format!("{pre}{:?}, label)", st.text));
        f.l("\treturn err");
        f.l("}");
    }
    g.write_go(f)
}

fn finder(f: &mut GoFile, p: &Plan, fd: &Finder) {
    let m = &fd.method;
    let func = format!("(*Store).{m}");
    let (c, ty) = (fd.col.name, fd.col.go);
    match fd.kind {
        FinderKind::FindBy => {
            let st = Stmt {
                text: String::new(),
                op: "select",
                accesses: vec![read(&p.table)],
            };
            f.l(&format!("// {m} returns the rows whose {c} is v."));
            f.l(&format!(
                "func (s *Store) {m}(ctx context.Context, v {ty}) ([]*{}, error) {{",
                p.entity
            ));
            let pre = "\trows, err := s.db.QueryContext(ctx, ";
            f.sql(pre, &func, &st, VIA_DB_QUERY);
            if fd.raw {
                f.l(&format!("{pre}`"));
                f.l(&format!("\t\tSELECT {}", p.select_list()));
                f.l(&format!("\t\tFROM {}", p.table));
                f.l(&format!("\t\tWHERE {c} = $1"));
                f.l("\t\tORDER BY id`, v)");
            } else {
                f.l(&format!(
                    "{pre}\"SELECT {} FROM {} WHERE {c} = $1 ORDER BY id\", v)",
                    p.select_list(),
                    p.table
                ));
            }
            f.l("\tif err != nil {");
            f.l("\t\treturn nil, err");
            f.l("\t}");
            f.l("\tdefer rows.Close()");
            f.l("\treturn scanRows(rows)");
            f.l("}");
        }
        FinderKind::CountBy => {
            let st = Stmt {
                text: String::new(),
                op: "select",
                accesses: vec![read(&p.table)],
            };
            f.l(&format!("// {m} counts the rows whose {c} is v."));
            f.l(&format!(
                "func (s *Store) {m}(ctx context.Context, v {ty}) (int64, error) {{"
            ));
            f.l("\tvar n int64");
            let pre = "\terr := s.db.QueryRowContext(ctx, ";
            f.sql(pre, &func, &st, VIA_DB_ROW);
            f.l(&format!(
                "{pre}\"SELECT count(*) FROM {} WHERE {c} = $1\", v).Scan(&n)",
                p.table
            ));
            f.l("\treturn n, err");
            f.l("}");
        }
        FinderKind::Set => {
            let st = Stmt {
                text: String::new(),
                op: "update",
                accesses: vec![write(&p.table, &[c])],
            };
            f.l(&format!("// {m} changes the {c} of the row with id."));
            f.l(&format!(
                "func (s *Store) {m}(ctx context.Context, id int64, v {ty}) error {{"
            ));
            let pre = "\t_, err := s.db.ExecContext(ctx, ";
            f.sql(pre, &func, &st, VIA_DB_EXEC);
            if fd.raw {
                f.l(&format!("{pre}`UPDATE {}", p.table));
                f.l(&format!("\t\tSET {c} = $1"));
                f.l("\t\tWHERE id = $2`, v, id)");
            } else {
                f.l(&format!(
                    "{pre}\"UPDATE {} SET {c} = $1 WHERE id = $2\", v, id)",
                    p.table
                ));
            }
            f.l("\treturn err");
            f.l("}");
        }
        FinderKind::PurgeBy => {
            let st = Stmt {
                text: String::new(),
                op: "delete",
                accesses: vec![write(&p.table, &[])],
            };
            f.l(&format!("// {m} deletes the rows whose {c} is v."));
            f.l(&format!(
                "func (s *Store) {m}(ctx context.Context, v {ty}) (int64, error) {{"
            ));
            let pre = "\tres, err := s.db.ExecContext(ctx, ";
            f.sql(pre, &func, &st, VIA_DB_EXEC);
            f.l(&format!(
                "{pre}\"DELETE FROM {} WHERE {c} = $1\", v)",
                p.table
            ));
            f.l("\tif err != nil {");
            f.l("\t\treturn 0, err");
            f.l("\t}");
            f.l("\treturn res.RowsAffected()");
            f.l("}");
        }
    }
}

fn service(g: &mut Gen, p: &Plan) -> io::Result<()> {
    let pkg = p.pkg("service");
    let dir = p.rel("service");
    let store_pkg = p.pkg("store");
    let email_pkg = format!("{MODULE}/platform/email");
    let audit_pkg = format!("{MODULE}/platform/audit");
    let mail = if p.mail_alias { "mail" } else { "email" };
    let mail_import = (
        if p.mail_alias { "mail" } else { "" }.to_string(),
        email_pkg.clone(),
    );

    // service.go
    let mut f = GoFile::new(format!("{dir}/service.go"), pkg.clone(), &p.domain);
    f.l(&format!(
        "// Package service holds the {} {} use cases.",
        p.domain, p.name
    ));
    f.l("package service");
    f.blank();
    let mut local = vec![
        (String::new(), store_pkg.clone()),
        (String::new(), audit_pkg.clone()),
        mail_import.clone(),
    ];
    let peer = p.peer.map(|i| {
        let c = &g.comps[i];
        let alias = format!("{}{}store", c.domain, c.name);
        let path = format!("{MODULE}/{}/{}/store", c.domain, c.name);
        (alias, path, c.domain.clone(), c.domain_idx)
    });
    if let Some((alias, path, ..)) = &peer {
        local.push((alias.clone(), path.clone()));
    }
    // The peer's import line: std block + blank + sorted locals.
    let std = vec!["context", "database/sql", "errors"];
    let import_line = peer.as_ref().map(|(_, path, ..)| {
        let mut paths: Vec<&String> = local.iter().map(|(_, p)| p).collect();
        paths.sort();
        let pos = paths.iter().position(|q| *q == path).unwrap();
        // `import (`, the standard library's imports, a blank line, then
        // the module's, sorted by path.
        f.line + 1 + std.len() as u32 + 1 + pos as u32
    });
    imports(&mut f, std, local);
    if let (Some((_, path, to_domain, _)), Some(line)) = (&peer, import_line) {
        if to_domain != &p.domain {
            g.cross.push(ImportEdge {
                from: pkg.clone(),
                to: path.clone(),
                from_domain: p.domain.clone(),
                to_domain: to_domain.clone(),
                file: f.rel.clone(),
                line,
            });
        }
    }
    f.l(&format!(
        "// ErrInvalid is returned for a {} that fails validation.",
        p.entity
    ));
    f.l(&format!(
        "var ErrInvalid = errors.New(\"{}/{}: invalid\")",
        p.domain, p.name
    ));
    f.blank();
    f.l("// Notifier tells someone about a change.");
    f.l("type Notifier interface {");
    f.l("\tNotify(ctx context.Context, to, msg string) error");
    f.l("}");
    f.blank();
    f.l("type emailNotifier struct {");
    f.l("\tfrom string");
    f.l("}");
    f.blank();
    f.l("// Notify sends msg by email.");
    f.l("func (n emailNotifier) Notify(ctx context.Context, to, msg string) error {");
    let pre = format!("\treturn {mail}.");
    f.call(&pre, TARGET_SEND, "call", "emailNotifier.Notify");
    f.l(&format!("{pre}Send(ctx, to, n.from, msg)"));
    f.l("}");
    f.blank();
    f.l(&format!(
        "// Service is the {} {} use cases.",
        p.domain, p.name
    ));
    f.l("type Service struct {");
    let mut fs: Vec<(String, String)> = vec![
        ("store".into(), "*store.Store".into()),
        ("audit".into(), "*audit.Logger".into()),
        ("recorder".into(), "audit.Recorder".into()),
        ("notifier".into(), "Notifier".into()),
        (
            "send".into(),
            "func(ctx context.Context, to, subject, body string) error".into(),
        ),
    ];
    if let Some((alias, ..)) = &peer {
        fs.push(("peer".into(), format!("*{alias}.Store")));
    }
    fields(&mut f, "\t", &fs);
    f.l("}");
    f.blank();
    f.l("// New returns a Service over db.");
    f.l("func New(db *sql.DB, al *audit.Logger) *Service {");
    f.l("\treturn &Service{");
    let width = "recorder".len();
    f.l(&format!(
        "{}store.New(db),",
        keyed_prefix("\t\t", width, "store")
    ));
    f.l(&format!("{}al,", keyed_prefix("\t\t", width, "audit")));
    f.l(&format!("{}al,", keyed_prefix("\t\t", width, "recorder")));
    f.l(&format!(
        "{}emailNotifier{{from: \"{}\"}},",
        keyed_prefix("\t\t", width, "notifier"),
        p.domain
    ));
    let pre = format!("{}{mail}.", keyed_prefix("\t\t", width, "send"));
    f.call(&pre, TARGET_SEND, "reference", "New");
    f.l(&format!("{pre}Send,"));
    if let Some((alias, ..)) = &peer {
        f.l(&format!(
            "{}{alias}.New(db),",
            keyed_prefix("\t\t", width, "peer")
        ));
    }
    f.l("\t}");
    f.l("}");
    f.blank();
    f.l("// Create validates v, stores it and records the creation.");
    f.l(&format!(
        "func (s *Service) Create(ctx context.Context, v *store.{}, notify string) (int64, error) {{",
        p.entity
    ));
    f.l("\tif v == nil || v.Name == \"\" {");
    f.l("\t\treturn 0, ErrInvalid");
    f.l("\t}");
    f.l("\tid, err := s.store.Create(ctx, v)");
    f.l("\tif err != nil {");
    f.l("\t\treturn 0, err");
    f.l("\t}");
    let pre = "\tif err := s.audit.";
    f.call(pre, TARGET_RECORD, "call", "(*Service).Create");
    f.l(&format!(
        "{pre}Record(ctx, \"{}\", id); err != nil {{",
        p.event_name("create")
    ));
    f.l("\t\treturn 0, err");
    f.l("\t}");
    f.l("\tif notify != \"\" {");
    f.l("\t\treturn id, s.notifier.Notify(ctx, notify, \"created\")");
    f.l("\t}");
    f.l("\treturn id, nil");
    f.l("}");
    f.blank();
    f.l(&format!("// Get returns one {}.", p.entity));
    f.l(&format!(
        "func (s *Service) Get(ctx context.Context, id int64) (*store.{}, error) {{",
        p.entity
    ));
    f.l("\treturn s.store.Get(ctx, id)");
    f.l("}");
    f.blank();
    f.l("// List returns up to limit rows.");
    f.l(&format!(
        "func (s *Service) List(ctx context.Context, limit int) ([]*store.{}, error) {{",
        p.entity
    ));
    f.l("\treturn s.store.List(ctx, limit)");
    f.l("}");
    f.blank();
    f.l("// Delete removes one row; the audit goes through the Recorder interface.");
    f.l("func (s *Service) Delete(ctx context.Context, id int64) error {");
    f.l("\tif err := s.store.Delete(ctx, id); err != nil {");
    f.l("\t\treturn err");
    f.l("\t}");
    f.l(&format!(
        "\treturn s.recorder.Record(ctx, \"{}\", id)",
        p.event_name("delete")
    ));
    f.l("}");
    f.blank();
    f.l("// UpdateStatus changes the status and tells notify, if set.");
    f.l("func (s *Service) UpdateStatus(ctx context.Context, id int64, status, notify string) error {");
    f.l("\tif err := s.store.UpdateStatus(ctx, id, status); err != nil {");
    f.l("\t\treturn err");
    f.l("\t}");
    f.l("\tdone := make(chan error, 1)");
    f.l("\tgo func() {");
    let pre = "\t\tdone <- s.audit.";
    f.call(pre, TARGET_RECORD, "call", "(*Service).UpdateStatus.func1");
    f.l(&format!(
        "{pre}Record(ctx, \"{}\", id)",
        p.event_name("status")
    ));
    f.l("\t}()");
    f.l("\tif err := <-done; err != nil {");
    f.l("\t\treturn err");
    f.l("\t}");
    f.l("\tif notify == \"\" {");
    f.l("\t\treturn nil");
    f.l("\t}");
    f.l("\treturn s.send(ctx, notify, \"status changed\", status)");
    f.l("}");
    f.blank();
    f.l("// Hooks returns the audit hook as a function value.");
    f.l("func (s *Service) Hooks() []func(context.Context, string, int64) error {");
    let pre = "\treturn []func(context.Context, string, int64) error{s.audit.";
    f.call(pre, TARGET_RECORD, "reference", "(*Service).Hooks");
    f.l(&format!("{pre}Record}}"));
    f.l("}");
    if let Some(i) = p.peer {
        let other = &g.comps[i];
        f.blank();
        f.l(&format!(
            "// PeerActive reports whether the {} row id is active.",
            other.table
        ));
        f.l("func (s *Service) PeerActive(ctx context.Context, id int64) (bool, error) {");
        f.l("\tv, err := s.peer.Get(ctx, id)");
        f.l("\tif err != nil {");
        f.l("\t\treturn false, err");
        f.l("\t}");
        f.l("\treturn v.Status == \"active\", nil");
        f.l("}");
    }
    g.write_go(f)?;

    // finders.go: the store's finders, audited when they write.
    let mut f = GoFile::new(format!("{dir}/finders.go"), pkg.clone(), &p.domain);
    f.l("package service");
    f.blank();
    let returns_rows = p
        .finder_files
        .iter()
        .flatten()
        .any(|fd| fd.kind == FinderKind::FindBy);
    let local = if returns_rows {
        vec![(String::new(), store_pkg.clone())]
    } else {
        vec![]
    };
    imports(&mut f, vec!["context"], local);
    let mut first = true;
    for fd in p.finder_files.iter().flatten() {
        if !first {
            f.blank();
        }
        first = false;
        let m = &fd.method;
        let ty = fd.col.go;
        let func = format!("(*Service).{m}");
        f.l(&format!("// {m} calls the store's {m}."));
        match fd.kind {
            FinderKind::FindBy => {
                f.l(&format!(
                    "func (s *Service) {m}(ctx context.Context, v {ty}) ([]*store.{}, error) {{",
                    p.entity
                ));
                f.l(&format!("\treturn s.store.{m}(ctx, v)"));
            }
            FinderKind::CountBy => {
                f.l(&format!(
                    "func (s *Service) {m}(ctx context.Context, v {ty}) (int64, error) {{"
                ));
                f.l(&format!("\treturn s.store.{m}(ctx, v)"));
            }
            FinderKind::Set => {
                f.l(&format!(
                    "func (s *Service) {m}(ctx context.Context, id int64, v {ty}) error {{"
                ));
                f.l(&format!(
                    "\tif err := s.store.{m}(ctx, id, v); err != nil {{"
                ));
                f.l("\t\treturn err");
                f.l("\t}");
                let pre = "\treturn s.audit.";
                f.call(pre, TARGET_RECORD, "call", &func);
                f.l(&format!(
                    "{pre}Record(ctx, \"{}\", id)",
                    p.event_name(&m.to_lowercase())
                ));
            }
            FinderKind::PurgeBy => {
                f.l(&format!(
                    "func (s *Service) {m}(ctx context.Context, v {ty}) (int64, error) {{"
                ));
                f.l(&format!("\tn, err := s.store.{m}(ctx, v)"));
                f.l("\tif err != nil {");
                f.l("\t\treturn 0, err");
                f.l("\t}");
                let pre = "\treturn n, s.audit.";
                f.call(pre, TARGET_RECORD, "call", &func);
                f.l(&format!(
                    "{pre}Record(ctx, \"{}\", n)",
                    p.event_name(&m.to_lowercase())
                ));
            }
        }
        f.l("}");
    }
    g.write_go(f)?;

    // rules*.go: helpers, structs with methods, interfaces with
    // implementations; some call the targets.
    let mut k = 0usize;
    for (i, units) in p.rules_files.iter().enumerate() {
        let mut f = GoFile::new(format!("{dir}/rules{}.go", i + 1), pkg.clone(), &p.domain);
        f.l("package service");
        f.blank();
        let mut std = Vec::new();
        let mut local = Vec::new();
        for u in units {
            match u {
                Unit::Policy => {
                    std.extend(["fmt", "strings"]);
                    local.push((String::new(), store_pkg.clone()));
                }
                Unit::Scorer | Unit::Level => {}
                Unit::Normalize => std.push("strings"),
                Unit::Sorter => {
                    std.push("sort");
                    local.push((String::new(), store_pkg.clone()));
                }
                Unit::Notify => {
                    std.extend(["context", "fmt"]);
                    local.push(mail_import.clone());
                    local.push((String::new(), store_pkg.clone()));
                }
                Unit::Retry => {
                    std.push("context");
                    local.push(mail_import.clone());
                }
                Unit::Embed | Unit::Ctor | Unit::Forward => {
                    std.push("context");
                    local.push((String::new(), audit_pkg.clone()));
                }
            }
        }
        imports(&mut f, std, local);
        for (j, u) in units.iter().enumerate() {
            if j > 0 {
                f.blank();
            }
            k += 1;
            let w = format!("{}{k}", WORDS[(k - 1) % WORDS.len()]);
            unit(&mut f, p, *u, &w, mail);
        }
        g.write_go(f)?;
    }

    // zz_generated.go
    if p.generated {
        let mut f = GoFile::new(format!("{dir}/zz_generated.go"), pkg.clone(), &p.domain);
        f.generated = true;
        f.l("// Code generated by goseam-synth. DO NOT EDIT.");
        f.blank();
        f.l("package service");
        f.blank();
        imports(
            &mut f,
            vec!["context"],
            vec![(String::new(), email_pkg.clone())],
        );
        f.l(&format!("// Event names of {}/{}.", p.domain, p.name));
        f.l("const (");
        for what in ["Created", "Deleted", "Updated"] {
            f.l(&format!(
                "\tEvent{what} = \"{}\"",
                p.event_name(&what.to_lowercase())
            ));
        }
        f.l(")");
        f.blank();
        f.l("// generatedWelcome sends the generated welcome message.");
        f.l("func generatedWelcome(ctx context.Context, to string) error {");
        let pre = "\treturn email.";
        f.call(pre, TARGET_SEND, "call", "generatedWelcome");
        f.l(&format!("{pre}Send(ctx, to, EventCreated, \"welcome\")"));
        f.l("}");
        g.write_go(f)?;
    }

    // service_test.go: an external test package.
    let mut f = GoFile::new(
        format!("{dir}/service_test.go"),
        format!("{pkg}_test"),
        &p.domain,
    );
    f.l("package service_test");
    f.blank();
    imports(
        &mut f,
        vec!["context", "testing"],
        vec![
            (String::new(), pkg.clone()),
            (String::new(), audit_pkg.clone()),
            (String::new(), email_pkg.clone()),
        ],
    );
    f.l("func TestNew(t *testing.T) {");
    f.l("\tif service.New(nil, audit.New()) == nil {");
    f.l("\t\tt.Fatal(\"nil service\")");
    f.l("\t}");
    f.l("}");
    f.blank();
    f.l("func TestSendNeedsRecipient(t *testing.T) {");
    f.l("\tctx := context.Background()");
    let pre = "\tif err := email.";
    f.call(pre, TARGET_SEND, "call", "TestSendNeedsRecipient");
    f.l(&format!(
        "{pre}Send(ctx, \"\", \"s\", \"b\"); err == nil {{"
    ));
    f.l("\t\tt.Fatal(\"sent without a recipient\")");
    f.l("\t}");
    let pre = "\tif err := audit.New().";
    f.call(pre, TARGET_RECORD, "call", "TestSendNeedsRecipient");
    f.l(&format!(
        "{pre}Record(ctx, \"{}\", 1); err != nil {{",
        p.event_name("test")
    ));
    f.l("\t\tt.Fatal(err)");
    f.l("\t}");
    f.l("}");
    g.write_go(f)
}

fn unit(f: &mut GoFile, p: &Plan, u: Unit, w: &str, mail: &str) {
    let e = &p.entity;
    let lw = w.to_lowercase();
    match u {
        Unit::Policy => {
            f.l(&format!("// {w}Policy decides whether a {e} may change."));
            f.l(&format!("type {w}Policy struct {{"));
            fields(
                f,
                "\t",
                &[
                    ("MaxLen".into(), "int".into()),
                    ("Prefix".into(), "string".into()),
                    ("Disabled".into(), "bool".into()),
                ],
            );
            f.l("}");
            f.blank();
            f.l("// Allow reports whether v passes the policy.");
            f.l(&format!("func (p {w}Policy) Allow(v *store.{e}) bool {{"));
            f.l("\tif p.Disabled {");
            f.l("\t\treturn true");
            f.l("\t}");
            f.l("\tif len(v.Name) > p.MaxLen {");
            f.l("\t\treturn false");
            f.l("\t}");
            f.l("\treturn strings.HasPrefix(v.Name, p.Prefix)");
            f.l("}");
            f.blank();
            f.l("// Describe names the policy.");
            f.l(&format!("func (p *{w}Policy) Describe() string {{"));
            f.l(&format!(
                "\treturn fmt.Sprintf(\"{lw} policy %q (max %d)\", p.Prefix, p.MaxLen)"
            ));
            f.l("}");
        }
        Unit::Scorer => {
            f.l(&format!("// {w}Scorer scores a name and an amount."));
            f.l(&format!("type {w}Scorer interface {{"));
            f.l("\tScore(name string, amount int64) int64");
            f.l("}");
            f.blank();
            f.l(&format!("type flat{w}Scorer struct {{"));
            f.l("\tbase int64");
            f.l("}");
            f.blank();
            f.l(&format!(
                "func (s flat{w}Scorer) Score(name string, amount int64) int64 {{"
            ));
            f.l("\treturn s.base + int64(len(name))");
            f.l("}");
            f.blank();
            f.l(&format!("type weighted{w}Scorer struct {{"));
            f.l("\tweight int64");
            f.l("}");
            f.blank();
            f.l(&format!(
                "func (s *weighted{w}Scorer) Score(name string, amount int64) int64 {{"
            ));
            f.l("\ttotal := amount * s.weight");
            f.l("\tfor _, c := range name {");
            f.l("\t\ttotal += int64(c % 7)");
            f.l("\t}");
            f.l("\treturn total");
            f.l("}");
            f.blank();
            f.l(&format!(
                "func best{w}Score(name string, amount int64) int64 {{"
            ));
            f.l(&format!(
                "\tscorers := []{w}Scorer{{flat{w}Scorer{{base: 3}}, &weighted{w}Scorer{{weight: 2}}}}"
            ));
            f.l("\tvar best int64");
            f.l("\tfor _, s := range scorers {");
            f.l("\t\tif v := s.Score(name, amount); v > best {");
            f.l("\t\t\tbest = v");
            f.l("\t\t}");
            f.l("\t}");
            f.l("\treturn best");
            f.l("}");
        }
        Unit::Normalize => {
            f.l(&format!(
                "// normalize{w} trims s, bounds its length and lowers it."
            ));
            f.l(&format!("func normalize{w}(s string) string {{"));
            f.l("\ts = strings.TrimSpace(s)");
            f.l("\tswitch {");
            f.l("\tcase s == \"\":");
            f.l("\t\treturn \"unknown\"");
            f.l("\tcase len(s) > 64:");
            f.l("\t\treturn strings.ToLower(s[:64])");
            f.l("\tdefault:");
            f.l("\t\treturn strings.ToLower(s)");
            f.l("\t}");
            f.l("}");
        }
        Unit::Sorter => {
            f.l(&format!("// sort{w} orders vs by id."));
            f.l(&format!("func sort{w}(vs []*store.{e}) {{"));
            f.l("\tsort.Slice(vs, func(i, j int) bool {");
            f.l("\t\treturn vs[i].ID < vs[j].ID");
            f.l("\t})");
            f.l("}");
        }
        Unit::Level => {
            f.l(&format!("// {w}Level ranks a {e}."));
            f.l(&format!("type {w}Level int"));
            f.blank();
            f.l(&format!("// The {lw} levels."));
            f.l("const (");
            f.l(&format!("\t{w}Low {w}Level = iota"));
            f.l(&format!("\t{w}Mid"));
            f.l(&format!("\t{w}High"));
            f.l(")");
            f.blank();
            f.l("// String names the level.");
            f.l(&format!("func (l {w}Level) String() string {{"));
            f.l("\tswitch l {");
            for (c, s) in [("Low", "low"), ("Mid", "mid"), ("High", "high")] {
                f.l(&format!("\tcase {w}{c}:"));
                f.l(&format!("\t\treturn \"{s}\""));
            }
            f.l("\tdefault:");
            f.l("\t\treturn \"unknown\"");
            f.l("\t}");
            f.l("}");
        }
        Unit::Notify => {
            let func = format!("(*Service).notify{w}");
            f.l(&format!("// notify{w} tells to about v."));
            f.l(&format!(
                "func (s *Service) notify{w}(ctx context.Context, to string, v *store.{e}) error {{"
            ));
            f.l("\tif to == \"\" {");
            f.l("\t\treturn nil");
            f.l("\t}");
            f.l(&format!(
                "\tsubject := fmt.Sprintf(\"{} %d: %s\", v.ID, v.Status)",
                p.name
            ));
            let pre = format!("\treturn {mail}.");
            f.call(&pre, TARGET_SEND, "call", &func);
            f.l(&format!("{pre}Send(ctx, to, subject, v.Name)"));
            f.l("}");
        }
        Unit::Retry => {
            let func = format!("retry{w}.func1");
            f.l(&format!("// retry{w} sends with up to three attempts."));
            f.l(&format!(
                "func retry{w}(ctx context.Context, to, body string) error {{"
            ));
            f.l("\tattempt := func(n int) error {");
            f.l("\t\tif n > 3 {");
            f.l("\t\t\treturn context.DeadlineExceeded");
            f.l("\t\t}");
            let pre = format!("\t\treturn {mail}.");
            f.call(&pre, TARGET_SEND, "call", &func);
            f.l(&format!("{pre}Send(ctx, to, \"retry\", body)"));
            f.l("\t}");
            f.l("\tvar err error");
            f.l("\tfor i := 1; i <= 3; i++ {");
            f.l("\t\tif err = attempt(i); err == nil {");
            f.l("\t\t\treturn nil");
            f.l("\t\t}");
            f.l("\t}");
            f.l("\treturn err");
            f.l("}");
        }
        Unit::Embed => {
            f.l(&format!(
                "// {lw}Job records under its own name through the embedded Logger."
            ));
            f.l(&format!("type {lw}Job struct {{"));
            f.l("\t*audit.Logger");
            f.l("\tname string");
            f.l("}");
            f.blank();
            f.l(&format!(
                "func (j {lw}Job) run(ctx context.Context, id int64) error {{"
            ));
            let pre = "\treturn j.";
            f.call(pre, TARGET_RECORD, "call", &format!("{lw}Job.run"));
            f.l(&format!("{pre}Record(ctx, j.name, id)"));
            f.l("}");
        }
        Unit::Ctor => {
            f.l(&format!("// record{w} audits id with a fresh Logger."));
            f.l(&format!(
                "func record{w}(ctx context.Context, id int64) error {{"
            ));
            let pre = "\treturn audit.New().";
            f.call(pre, TARGET_RECORD, "call", &format!("record{w}"));
            f.l(&format!("{pre}Record(ctx, \"{}\", id)", p.event_name(&lw)));
            f.l("}");
        }
        Unit::Forward => {
            f.l(&format!(
                "// forward{w} goes through the Recorder interface, not (*audit.Logger).Record."
            ));
            f.l(&format!(
                "func forward{w}(ctx context.Context, r audit.Recorder, id int64) error {{"
            ));
            f.l("\tif r == nil {");
            f.l("\t\tr = audit.NopRecorder{}");
            f.l("\t}");
            f.l(&format!(
                "\treturn r.Record(ctx, \"{}\", id)",
                p.event_name("forward")
            ));
            f.l("}");
        }
    }
}

fn httpapi(g: &mut Gen, p: &Plan) -> io::Result<()> {
    let pkg = p.pkg("httpapi");
    let dir = p.rel("httpapi");
    let mut f = GoFile::new(format!("{dir}/handler.go"), pkg.clone(), &p.domain);
    f.l(&format!(
        "// Package httpapi serves /{}/{}/ over net/http.",
        p.domain, p.name
    ));
    f.l("package httpapi");
    f.blank();
    imports(
        &mut f,
        vec!["database/sql", "encoding/json", "net/http", "strconv"],
        vec![
            (String::new(), p.pkg("service")),
            (String::new(), p.pkg("store")),
            (String::new(), format!("{MODULE}/platform/audit")),
        ],
    );
    f.l(&format!("// Handler serves /{}/{}/.", p.domain, p.name));
    f.l("type Handler struct {");
    f.l("\tsvc *service.Service");
    f.l("}");
    f.blank();
    f.l("// New returns a Handler over svc.");
    f.l("func New(svc *service.Service) *Handler {");
    f.l("\treturn &Handler{svc: svc}");
    f.l("}");
    f.blank();
    f.l("// Mount wires the store, the service and the handler on mux.");
    f.l("func Mount(mux *http.ServeMux, db *sql.DB, al *audit.Logger) {");
    f.l("\tNew(service.New(db, al)).Register(mux)");
    f.l("}");
    f.blank();
    f.l("// Register adds the routes to mux.");
    f.l("func (h *Handler) Register(mux *http.ServeMux) {");
    let base = format!("/{}/{}", p.domain, p.name);
    for (path, m) in [
        ("create", "create"),
        ("get", "get"),
        ("list", "list"),
        ("delete", "remove"),
    ] {
        f.l(&format!("\tmux.HandleFunc(\"{base}/{path}\", h.{m})"));
    }
    f.l(&format!(
        "\tmux.Handle(\"{base}/status\", http.HandlerFunc(h.setStatus))"
    ));
    g.routes += 5;
    f.l("}");
    f.blank();
    f.l("func (h *Handler) create(w http.ResponseWriter, r *http.Request) {");
    f.l("\tif r.Method != http.MethodPost {");
    f.l("\t\thttp.Error(w, \"method not allowed\", http.StatusMethodNotAllowed)");
    f.l("\t\treturn");
    f.l("\t}");
    f.l(&format!("\tvar v store.{}", p.entity));
    f.l("\tif err := json.NewDecoder(r.Body).Decode(&v); err != nil {");
    f.l("\t\thttp.Error(w, err.Error(), http.StatusBadRequest)");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\tid, err := h.svc.Create(r.Context(), &v, r.URL.Query().Get(\"notify\"))");
    f.l("\tif err != nil {");
    f.l("\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\twriteJSON(w, map[string]int64{\"id\": id})");
    f.l("}");
    f.blank();
    f.l("func (h *Handler) get(w http.ResponseWriter, r *http.Request) {");
    f.l("\tid, ok := parseID(w, r)");
    f.l("\tif !ok {");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\tv, err := h.svc.Get(r.Context(), id)");
    f.l("\tif err != nil {");
    f.l("\t\thttp.Error(w, err.Error(), http.StatusNotFound)");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\twriteJSON(w, v)");
    f.l("}");
    f.blank();
    f.l("func (h *Handler) list(w http.ResponseWriter, r *http.Request) {");
    f.l("\tvs, err := h.svc.List(r.Context(), 100)");
    f.l("\tif err != nil {");
    f.l("\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\twriteJSON(w, vs)");
    f.l("}");
    f.blank();
    f.l("func (h *Handler) remove(w http.ResponseWriter, r *http.Request) {");
    f.l("\tid, ok := parseID(w, r)");
    f.l("\tif !ok {");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\tif err := h.svc.Delete(r.Context(), id); err != nil {");
    f.l("\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\tw.WriteHeader(http.StatusNoContent)");
    f.l("}");
    f.blank();
    f.l("func (h *Handler) setStatus(w http.ResponseWriter, r *http.Request) {");
    f.l("\tid, ok := parseID(w, r)");
    f.l("\tif !ok {");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\temail := r.URL.Query().Get(\"email\")");
    f.l("\tif err := h.svc.UpdateStatus(r.Context(), id, r.URL.Query().Get(\"status\"), email); err != nil {");
    f.l("\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)");
    f.l("\t\treturn");
    f.l("\t}");
    f.l("\tw.WriteHeader(http.StatusNoContent)");
    f.l("}");
    f.blank();
    f.l("func parseID(w http.ResponseWriter, r *http.Request) (int64, bool) {");
    f.l("\tid, err := strconv.ParseInt(r.URL.Query().Get(\"id\"), 10, 64)");
    f.l("\tif err != nil {");
    f.l("\t\thttp.Error(w, \"bad id\", http.StatusBadRequest)");
    f.l("\t\treturn 0, false");
    f.l("\t}");
    f.l("\treturn id, true");
    f.l("}");
    f.blank();
    f.l("func writeJSON(w http.ResponseWriter, v interface{}) {");
    f.l("\tw.Header().Set(\"Content-Type\", \"application/json\")");
    f.l("\tif err := json.NewEncoder(w).Encode(v); err != nil {");
    f.l("\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)");
    f.l("\t}");
    f.l("}");
    g.write_go(f)?;

    let mut f = GoFile::new(format!("{dir}/handler_test.go"), pkg, &p.domain);
    f.l("package httpapi");
    f.blank();
    imports(
        &mut f,
        vec!["net/http", "net/http/httptest", "testing"],
        vec![],
    );
    f.l("func TestParseIDRejectsGarbage(t *testing.T) {");
    f.l("\trec := httptest.NewRecorder()");
    f.l(&format!(
        "\treq := httptest.NewRequest(http.MethodGet, \"{base}/get?id=x\", nil)"
    ));
    f.l("\tif _, ok := parseID(rec, req); ok {");
    f.l("\t\tt.Fatal(\"parsed a bad id\")");
    f.l("\t}");
    f.l("\tif rec.Code != http.StatusBadRequest {");
    f.l("\t\tt.Fatalf(\"status %d\", rec.Code)");
    f.l("\t}");
    f.l("}");
    g.write_go(f)
}

fn domain_api(g: &mut Gen, d: usize, first: usize) -> io::Result<()> {
    let domain = g.domains[d].clone();
    let mut f = GoFile::new(
        format!("{domain}/api/api.go"),
        format!("{MODULE}/{domain}/api"),
        &domain,
    );
    f.l(&format!("// Package api mounts every {domain} component."));
    f.l("package api");
    f.blank();
    let mut local: Vec<(String, String)> = g.comps[first..]
        .iter()
        .map(|c| {
            (
                format!("{}http", c.name),
                format!("{MODULE}/{domain}/{}/httpapi", c.name),
            )
        })
        .collect();
    local.push((String::new(), format!("{MODULE}/platform/audit")));
    imports(&mut f, vec!["database/sql", "net/http"], local);
    f.l(&format!("// Mount registers the {domain} routes on mux."));
    f.l("func Mount(mux *http.ServeMux, db *sql.DB, al *audit.Logger) {");
    for c in &g.comps[first..] {
        f.l(&format!("\t{}http.Mount(mux, db, al)", c.name));
    }
    f.l("}");
    g.write_go(f)
}

pub fn main_program(g: &mut Gen) -> io::Result<()> {
    let mut f = GoFile::new(
        "cmd/server/main.go".into(),
        format!("{MODULE}/cmd/server"),
        UNASSIGNED,
    );
    f.l("// Command server serves every domain of the synthetic monorepo.");
    f.l("package main");
    f.blank();
    let mut local: Vec<(String, String)> = g
        .domains
        .iter()
        .map(|d| (format!("{d}api"), format!("{MODULE}/{d}/api")))
        .collect();
    local.push((String::new(), format!("{MODULE}/platform/audit")));
    imports(&mut f, vec!["database/sql", "log", "net/http", "os"], local);
    f.l("func main() {");
    f.l("\tdb, err := sql.Open(\"postgres\", os.Getenv(\"DATABASE_URL\"))");
    f.l("\tif err != nil {");
    f.l("\t\tlog.Fatal(err)");
    f.l("\t}");
    f.l("\tal := audit.New()");
    f.l("\tmux := http.NewServeMux()");
    for d in g.domains.clone() {
        f.l(&format!("\t{d}api.Mount(mux, db, al)"));
    }
    f.l("\tlog.Fatal(http.ListenAndServe(\":8080\", mux))");
    f.l("}");
    g.write_go(f)
}
