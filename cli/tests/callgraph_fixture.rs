//! The call graph, `callers`, `callees` and `writepaths` on the fixture
//! monolith, checked against the routes hand-derived in
//! `corpus/fixtures/monolith/FIXTURE.md` (the `notification_log` write
//! reached from two HTTP handlers through the `notifications.Sender`
//! interface and its two implementations), plus a small generated tree for
//! recursion, depth limits and function values.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{monolith, snapshot_settings, stdout};
use serde_json::Value;

const M: &str = "github.com/acme/monolith";

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("JSON output")
}

fn names(v: &Value, key: &str) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n[key].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn notification_log_write_is_reached_from_both_handlers_through_the_interface() {
    let root = monolith();
    let report = json(&[
        "writepaths",
        "--table",
        "notification_log",
        "--root",
        root.to_str().unwrap(),
        "-q",
        "--format",
        "json",
    ]);
    let writes = report["writes"].as_array().unwrap();
    let sites: Vec<String> = writes
        .iter()
        .map(|w| {
            format!(
                "{}:{} {}",
                w["write"]["file"].as_str().unwrap(),
                w["write"]["line"],
                w["function"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        sites,
        [
            format!("internal/notifications/email/email.go:72 (*{M}/internal/notifications/email.Sender).record"),
            format!("internal/notifications/sms/sms.go:86 (*{M}/internal/notifications/sms.Sender).record"),
        ]
    );
    for w in writes {
        let callers = &w["callers"];
        let entries = names(&callers["entries"], "function");
        for handler in [
            format!("(*{M}/internal/accounts.Handler).register"),
            format!("(*{M}/internal/billing/http.Handler).issueInvoice"),
            format!("{M}/internal/notifications.TestSendHandler"),
            format!("{M}/cmd/worker.main"),
        ] {
            assert!(
                entries.contains(&handler),
                "{handler} missing from {entries:?}"
            );
        }
        assert_eq!(w["entry_points"].as_u64().unwrap() as usize, entries.len());
        // The route goes through the interface: labelled so.
        let routes: Vec<&str> = callers["routes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert!(routes.contains(&"interface"), "{routes:?}");
        let register_route = callers["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["caller"] == format!("(*{M}/internal/accounts.Service).Register"))
            .expect("Register calls Send");
        assert_eq!(register_route["route"], "interface");
        assert_eq!(
            register_route["interface"],
            format!("({M}/internal/notifications.Sender).Send")
        );
        assert_eq!(register_route["file"], "internal/accounts/service.go");
        assert_eq!(register_route["line"], 59);
        // Example paths start at an entry point and end at the write's function.
        let examples = callers["examples"].as_array().unwrap();
        assert!(!examples.is_empty());
        for path in examples {
            let path = path.as_array().unwrap();
            assert!(entries.contains(path[0]["caller"].as_str().unwrap()));
            assert_eq!(path.last().unwrap()["callee"], w["function"]);
        }
    }
    // The Sprintf-built query could write the table: the report says so.
    assert_eq!(report["complete"], false);
    assert_eq!(
        report["unresolved_sql"][0]["file"],
        "internal/admin/reports.go"
    );
}

#[test]
fn the_gomock_recorder_is_not_an_implementation() {
    let root = monolith();
    let out = json(&[
        "callees",
        &format!("(*{M}/internal/accounts.Service).Register"),
        "--depth",
        "1",
        "--root",
        root.to_str().unwrap(),
        "-q",
        "--format",
        "json",
    ]);
    let callees = names(&out[0]["edges"], "callee");
    assert!(callees.contains(&format!("(*{M}/internal/notifications/email.Sender).Send")));
    assert!(callees.contains(&format!("(*{M}/internal/notifications/sms.Sender).Send")));
    assert!(callees.contains(&format!(
        "(*{M}/internal/notifications/mocks.MockSender).Send"
    )));
    assert!(!callees.contains(&format!(
        "(*{M}/internal/notifications/mocks.MockSenderMockRecorder).Send"
    )));
}

#[test]
fn entry_points_of_the_monolith() {
    let root = monolith();
    let graph = json(&[
        "callgraph",
        "--root",
        root.to_str().unwrap(),
        "-q",
        "--format",
        "json",
    ]);
    let entries: BTreeSet<(String, String)> = graph["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["function"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (kind, f) in [
        ("main", format!("{M}/cmd/server.main")),
        ("main", format!("{M}/cmd/worker.main")),
        ("http", format!("(*{M}/internal/accounts.Handler).register")),
        (
            "http",
            format!("(*{M}/internal/billing/http.Handler).issueInvoice"),
        ),
        ("http", format!("(*{M}/internal/admin.Handler).growth")),
        ("http", format!("(*{M}/internal/vault.Handler).ServeHTTP")),
        (
            "http",
            format!("{M}/internal/notifications.TestSendHandler"),
        ),
        ("test", format!("{M}/internal/billing.TestComputeTotals")),
    ] {
        assert!(
            entries.contains(&(kind.to_string(), f.clone())),
            "{kind} {f} missing"
        );
    }
    // A function literal handler makes no entry of its registering function.
    assert!(!entries
        .iter()
        .any(|(_, f)| f == &format!("{M}/cmd/server.run")));
}

#[test]
fn callgraph_snapshots_and_determinism() {
    let root = monolith();
    let r = root.to_str().unwrap();
    let one = stdout(&[
        "--threads",
        "1",
        "callgraph",
        "--root",
        r,
        "-q",
        "--format",
        "jsonl",
    ]);
    let two = stdout(&[
        "--threads",
        "2",
        "callgraph",
        "--root",
        r,
        "-q",
        "--format",
        "jsonl",
    ]);
    assert_eq!(one, two, "call graph differs between 1 and 2 threads");
    let text = stdout(&["callgraph", "--root", r, "-q"]);
    snapshot_settings().bind(|| insta::assert_snapshot!("callgraph_monolith_text", text));
    let paths = stdout(&[
        "writepaths",
        "--table",
        "notification_log",
        "--root",
        r,
        "-q",
    ]);
    snapshot_settings().bind(|| insta::assert_snapshot!("writepaths_notification_log_text", paths));
    let paths_json = stdout(&[
        "--threads",
        "1",
        "writepaths",
        "--table",
        "ledger_entries",
        "--root",
        r,
        "-q",
        "--format",
        "json",
    ]);
    let again = stdout(&[
        "--threads",
        "2",
        "writepaths",
        "--table",
        "ledger_entries",
        "--root",
        r,
        "-q",
        "--format",
        "json",
    ]);
    assert_eq!(paths_json, again);
    snapshot_settings()
        .bind(|| insta::assert_snapshot!("writepaths_ledger_entries_json", paths_json));
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Recursion, mutual recursion, function values and a depth limit.
#[test]
fn callers_are_cycle_safe_depth_bounded_and_label_function_values() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "go.mod", "module example.com/t\n\ngo 1.21\n");
    write(
        d,
        "main.go",
        r#"package main

import "example.com/t/lib"

func main() { even(4); lib.Run(leaf) }

func even(n int) bool {
	if n == 0 {
		return lib.Sink()
	}
	return odd(n - 1)
}

func odd(n int) bool {
	if n == 0 {
		return false
	}
	return even(n - 1)
}

func leaf() { lib.Sink() }

func chain1() { chain2() }
func chain2() { chain3() }
func chain3() { lib.Sink() }
"#,
    );
    write(
        d,
        "lib/lib.go",
        r#"package lib

// Sink is what everything reaches.
func Sink() bool { return true }

// Run calls f through a function value.
func Run(f func()) { f() }
"#,
    );
    let r = d.to_str().unwrap();
    let out = json(&[
        "callers",
        "example.com/t/lib.Sink",
        "--root",
        r,
        "-q",
        "--format",
        "json",
    ]);
    let g = &out[0];
    let nodes = names(&g["nodes"], "function");
    for f in ["even", "odd", "main", "leaf", "chain1"] {
        assert!(
            nodes.contains(&format!("example.com/t.{f}")),
            "{f} missing: {nodes:?}"
        );
    }
    // Each function once, whatever the cycle.
    assert_eq!(nodes.len(), g["nodes"].as_array().unwrap().len());
    // leaf is reached only because main passes it as a value.
    let leaf_edge = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["callee"] == "example.com/t.leaf")
        .expect("main -> leaf");
    assert_eq!(leaf_edge["route"], "function_value");
    assert_eq!(g["entries"][0]["function"], "example.com/t.main");
    // chain1 is nobody's callee and not an entry point: flagged.
    let without: Vec<&str> = g["without_callers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(without.contains(&"example.com/t.chain1"), "{without:?}");

    // Depth 2 stops at chain2 and says so.
    let out = json(&[
        "callers", "lib.Sink", "--depth", "2", "--root", r, "-q", "--format", "json",
    ]);
    let nodes = names(&out[0]["nodes"], "function");
    assert!(nodes.contains("example.com/t.chain2"));
    assert!(!nodes.contains("example.com/t.chain1"));
    assert_eq!(out[0]["truncated"], true);

    // callees: the call through the function value is unknown, with a reason.
    let out = json(&["callees", "lib.Run", "--root", r, "-q", "--format", "json"]);
    let unknown: Vec<&Value> = out[0]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["route"] == "unknown")
        .collect();
    assert_eq!(unknown.len(), 1, "{:#}", out[0]["edges"]);
    assert!(unknown[0]["reason"].as_str().unwrap().contains("func"));
}

/// Run goseam expecting failure; its stderr.
fn goseam_fails(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_goseam"))
        .args(args)
        .output()
        .unwrap();
    assert!(!out.status.success(), "goseam {args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_unknown_table_or_function_is_an_error() {
    let root = monolith();
    let r = root.to_str().unwrap();
    let out = goseam_fails(&["writepaths", "--table", "no_such_table", "--root", r, "-q"]);
    assert!(out.contains("known tables"), "{out}");
    let out = goseam_fails(&["callers", "nosuch.Func", "--root", r, "-q"]);
    assert!(out.contains("no function or method"), "{out}");
}

/// Each interface edge names its dispatch set, listed once after the
/// edges; `--expand-dispatch` spells the same methods out after each
/// interface call instead. Both say the same.
#[test]
fn dispatch_sets_say_what_expanded_dispatch_edges_say() {
    let root = monolith();
    let r = root.to_str().unwrap();
    let lines = |extra: &[&str]| -> Vec<Value> {
        let mut args = vec!["callgraph", "--root", r, "-q", "--format", "jsonl"];
        args.extend_from_slice(extra);
        stdout(&args)
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect()
    };
    let compact = lines(&[]);
    let expanded = lines(&["--expand-dispatch"]);
    let sets: Vec<Vec<String>> = compact
        .iter()
        .filter(|l| l.get("methods").is_some())
        .enumerate()
        .map(|(i, l)| {
            assert_eq!(l["dispatch_set"], i, "sets are numbered in order");
            l["methods"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    assert!(!sets.is_empty());
    let mut from_sets = Vec::new();
    for l in compact.iter().filter(|l| l.get("file").is_some()) {
        assert_ne!(l["mode"], "dispatch", "no dispatch edges unless asked");
        // An interface method implemented by no type of the tree has no
        // set.
        if let Some(set) = l["dispatch_set"].as_u64() {
            assert_eq!(l["mode"], "interface");
            for m in &sets[set as usize] {
                from_sets.push((
                    l["file"].clone(),
                    l["line"].clone(),
                    l["column"].clone(),
                    m.clone(),
                ));
            }
        }
    }
    let spelled_out: Vec<_> = expanded
        .iter()
        .filter(|l| l["mode"] == "dispatch")
        .map(|l| {
            (
                l["file"].clone(),
                l["line"].clone(),
                l["column"].clone(),
                l["callee"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(!spelled_out.is_empty());
    assert_eq!(from_sets, spelled_out);
}

/// `goseam deps` counts calls across domains from the call graph: the
/// accounts → notifications dependency is an interface call that may
/// dispatch to both channel implementations.
#[test]
fn deps_lists_calls_across_domains() {
    let root = monolith();
    let deps = json(&[
        "deps",
        "--root",
        root.to_str().unwrap(),
        "-q",
        "--format",
        "json",
    ]);
    let calls = deps["domain_graph"]["calls"].as_array().unwrap();
    let edge = calls
        .iter()
        .find(|c| c["from"] == "accounts" && c["to"] == "notifications")
        .expect("accounts -> notifications calls");
    assert_eq!(edge["static_calls"], 0);
    let callees = names(&edge["examples"], "callee");
    assert!(callees.contains(&format!("(*{M}/internal/notifications/email.Sender).Send")));
    assert!(callees.contains(&format!("(*{M}/internal/notifications/sms.Sender).Send")));
    assert!(calls.iter().all(|c| c["from"] != c["to"]));
}

/// Handlers registered with gin, echo and gorilla/mux (resolved through
/// the bundled API stubs: no module cache is needed) are entry points.
#[test]
fn gin_echo_and_gorilla_handlers_are_entry_points() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "go.mod",
        "module example.com/web\n\ngo 1.21\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/gorilla/mux v1.8.1\n\tgithub.com/labstack/echo/v4 v4.11.4\n)\n",
    );
    write(
        d,
        "routes.go",
        r#"package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
)

type API struct{}

func (a *API) listUsers(c *gin.Context)      {}
func (a *API) auth(c *gin.Context)           {}
func (a *API) getOrder(c echo.Context) error { return nil }
func (a *API) health(w http.ResponseWriter, r *http.Request) {}

func routes(a *API) {
	g := gin.New()
	g.GET("/users", a.auth, a.listUsers)
	e := echo.New()
	e.GET("/orders/:id", a.getOrder)
	m := mux.NewRouter()
	m.HandleFunc("/health", a.health)
}
"#,
    );
    let r = d.to_str().unwrap();
    let graph = json(&["callgraph", "--root", r, "-q", "--format", "json"]);
    let entries: Vec<(String, String)> = graph["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "http")
        .map(|e| {
            (
                e["function"].as_str().unwrap().to_string(),
                e["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "(*example.com/web.API).auth".to_string(),
                "gin GET /users (handler)".to_string()
            ),
            (
                "(*example.com/web.API).getOrder".to_string(),
                "echo GET /orders/:id (handler)".to_string()
            ),
            (
                "(*example.com/web.API).health".to_string(),
                "gorilla/mux /health (handler)".to_string()
            ),
            (
                "(*example.com/web.API).listUsers".to_string(),
                "gin GET /users (handler)".to_string()
            ),
        ]
    );
}
