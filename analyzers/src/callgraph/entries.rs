//! Entry points: where execution enters the tree's code.
//!
//! - `main`: `func main` of a `package main`;
//! - `init`: a package's initialization (`init` functions and variable
//!   initializers, `pkg.init`);
//! - `http`: a handler registered with net/http (`Handle`, `HandleFunc`,
//!   on the package or a `ServeMux`), gorilla/mux, chi, gin or echo. Every
//!   argument of a registration that is a function (`h.list`), a value
//!   with a `ServeHTTP` method (its `ServeHTTP`) or a call building one (the
//!   function called: the handler's code is its closure) is a handler;
//!   middleware passed the same way counts as well, since it runs on
//!   requests. A function literal handler is not an entry of its own: its
//!   code belongs to the function that registers it (see the call graph),
//!   which making an entry would wrongly credit with every route through
//!   that function;
//! - `exported`: an exported function or method of a non-main package
//!   that nothing in the tree calls, references or reaches through an
//!   interface: the tree's API for code outside it;
//! - `test`: `Test…`, `Benchmark…`, `Fuzz…`, `Example…` in `_test.go`
//!   files (marked, so queries can leave them out).
//!
//! What it cannot see: handlers registered through a router of another
//! library, or through a function value, are not entries (their code is
//! still reached through the function that registers them); jobs started
//! by reflection or by name are not visible.

use std::collections::HashSet;
use std::sync::Arc;

use serde::Serialize;
use tree_sitter::Node;

use goseam_engine::field::{Field, FieldExt, KindExt};

use goseam_engine::facts::Position;
use goseam_engine::resolve::check::{Callee, ConstRef};
use goseam_engine::resolve::walk::{BodyHooks, HookCx};
use goseam_engine::Scan;

use super::names::{self, strip_vendor};
use super::{callee_node, is_zero, Edge, FuncId, FunctionKind, Registry};

/// What kind of entry point a function is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Main,
    Init,
    Http,
    Exported,
    Test,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Main => "main",
            EntryKind::Init => "init",
            EntryKind::Http => "http",
            EntryKind::Exported => "exported",
            EntryKind::Test => "test",
        }
    }
}

/// One entry point.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Entry {
    pub function: FuncId,
    pub kind: EntryKind,
    /// Where an HTTP handler is registered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    #[serde(skip_serializing_if = "is_zero")]
    pub line: u32,
    #[serde(skip_serializing_if = "is_zero")]
    pub column: u32,
    /// For HTTP handlers: the router, the method and the path as written
    /// (`chi POST /invoices`), and how the handler was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// How a registration names its handler.
#[derive(Debug, Clone)]
pub enum Handler {
    /// A function or method value: `h.list`, `listAccounts`.
    Func(Callee),
    /// A value with a `ServeHTTP` method.
    ServeHttp(Callee),
    /// A call that builds the handler: the handler is its closure.
    Factory(Callee),
    /// A function literal: it belongs to the registering function.
    Literal,
}

/// A handler registration found in a body.
#[derive(Debug, Clone)]
pub struct Registration {
    pub position: Position,
    pub router: &'static str,
    pub method: Option<String>,
    pub path: Option<String>,
    pub handlers: Vec<Handler>,
}

/// Body hooks that find handler registrations.
#[derive(Default)]
pub struct RegistrationHooks {
    pub found: Vec<Registration>,
}

const NET_HTTP: &[&str] = &["Handle", "HandleFunc"];
const GORILLA: &[&str] = &["Handle", "HandleFunc", "Handler", "HandlerFunc", "Use"];
const CHI: &[&str] = &[
    "Connect",
    "Delete",
    "Get",
    "Handle",
    "HandleFunc",
    "Head",
    "Method",
    "MethodFunc",
    "MethodNotAllowed",
    "NotFound",
    "Options",
    "Patch",
    "Post",
    "Put",
    "Trace",
    "Use",
];
const GIN_ECHO: &[&str] = &[
    "Add", "Any", "CONNECT", "DELETE", "GET", "HEAD", "Handle", "Match", "NoMethod", "NoRoute",
    "OPTIONS", "PATCH", "POST", "PUT", "TRACE", "Use",
];

/// The router a call registers handlers with, if it is a registration.
fn router_of(callee: &Callee) -> Option<&'static str> {
    let (pkg, name) = match callee {
        Callee::Func { pkg, name, .. }
        | Callee::Method { pkg, name, .. }
        | Callee::Interface { pkg, name, .. } => (strip_vendor(pkg), name.as_str()),
        _ => return None,
    };
    let family =
        |base: &str| pkg == base || pkg.strip_prefix(base).is_some_and(|v| v.starts_with("/v"));
    let (router, names): (&'static str, &[&str]) = if pkg == "net/http" {
        ("net/http", NET_HTTP)
    } else if pkg == "github.com/gorilla/mux" {
        ("gorilla/mux", GORILLA)
    } else if family("github.com/go-chi/chi") {
        ("chi", CHI)
    } else if family("github.com/gin-gonic/gin") {
        ("gin", GIN_ECHO)
    } else if family("github.com/labstack/echo") {
        ("echo", GIN_ECHO)
    } else {
        return None;
    };
    names.contains(&name).then_some(router)
}

fn is_registration_name(name: &str) -> bool {
    [NET_HTTP, GORILLA, CHI, GIN_ECHO]
        .iter()
        .any(|set| set.contains(&name))
}

fn unparen(mut n: Node) -> Node {
    while n.kind_name() == "parenthesized_expression" {
        match n.named_child(0) {
            Some(inner) => n = inner,
            None => break,
        }
    }
    n
}

/// The handlers an argument of a registration names.
fn handlers_in(cx: &HookCx, arg: Node, depth: u32, out: &mut Vec<Handler>) {
    let a = unparen(arg);
    let serve_http = |out: &mut Vec<Handler>| {
        if let Some(c @ Callee::Method { .. }) = cx.method_of(a, "ServeHTTP") {
            out.push(Handler::ServeHttp(c));
        }
    };
    match a.kind_name() {
        "func_literal" => out.push(Handler::Literal),
        "identifier" | "selector_expression" => match cx.callee_of(a) {
            Some(c @ (Callee::Func { .. } | Callee::Method { .. })) => out.push(Handler::Func(c)),
            Some(_) => {}
            None => serve_http(out),
        },
        "call_expression" | "type_conversion_expression" => {
            let fun = a.field(Field::Function).or_else(|| a.field(Field::Type));
            match fun.and_then(|f| cx.callee_of(f)) {
                Some(c @ (Callee::Func { .. } | Callee::Method { .. })) => {
                    out.push(Handler::Factory(c));
                    serve_http(out);
                }
                Some(_) => serve_http(out),
                // A conversion: `http.HandlerFunc(h)`.
                None if depth < 4 => {
                    let inner = a
                        .field(Field::Arguments)
                        .and_then(|args| args.named_child(0))
                        .or_else(|| a.field(Field::Operand));
                    if let Some(inner) = inner {
                        handlers_in(cx, inner, depth + 1, out);
                    }
                }
                None => {}
            }
        }
        "unary_expression" | "composite_literal" => serve_http(out),
        _ => {}
    }
}

impl BodyHooks for RegistrationHooks {
    fn wants_call(&self, name: &str) -> bool {
        is_registration_name(name)
    }

    fn on_call(&mut self, cx: &HookCx, call: Node, callee: &Callee) {
        let Some(router) = router_of(callee) else {
            return;
        };
        let Some(args) = call.field(Field::Arguments) else {
            return;
        };
        let mut cursor = args.walk();
        let args: Vec<Node> = args.named_children(&mut cursor).collect();
        let mut handlers = Vec::new();
        for &a in &args {
            handlers_in(cx, a, 0, &mut handlers);
        }
        if handlers.is_empty() {
            return;
        }
        let path = args.first().and_then(|&a| cx.fold(a)).map(|(s, _)| s);
        let name = match callee {
            Callee::Func { name, .. }
            | Callee::Method { name, .. }
            | Callee::Interface { name, .. } => name.as_str(),
            _ => "",
        };
        let method = match name {
            "Get" | "Post" | "Put" | "Patch" | "Delete" | "Head" | "Options" | "Connect"
            | "Trace" => Some(name.to_ascii_uppercase()),
            n if n.len() > 2 && n.bytes().all(|b| b.is_ascii_uppercase()) => Some(n.to_string()),
            "Use" => Some("middleware".to_string()),
            _ => None,
        };
        let at = call.field(Field::Function).unwrap_or(call);
        self.found.push(Registration {
            position: cx.position(at),
            router,
            method,
            path,
            handlers,
        });
    }

    /// Registrations need no constant strings from the walk (a route's
    /// path is folded where the registration is found).
    fn wants_strings(&self) -> bool {
        false
    }

    /// Nor where locals' values came from.
    fn wants_locals(&self) -> bool {
        false
    }

    fn on_string(&mut self, _: &HookCx, _: Node, _: &str, _: &[ConstRef]) {}
    fn on_partial_string(&mut self, _: &HookCx, _: Node, _: &str, _: &[ConstRef]) {}
}

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_test_function(name: &str) -> bool {
    ["Test", "Benchmark", "Fuzz", "Example"].iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || !rest.starts_with(|c: char| c.is_lowercase()))
    })
}

/// Every entry point of the tree.
pub(super) fn collect(
    scan: &Scan,
    reg: &mut Registry,
    edges: &[Edge],
    dispatch_sets: &[super::DispatchSet],
    registrations: Vec<(Arc<str>, Registration)>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    let plain = |function: FuncId, kind: EntryKind| Entry {
        function,
        kind,
        file: None,
        line: 0,
        column: 0,
        detail: None,
    };
    // Functions something in the tree reaches.
    let mut reached: HashSet<FuncId> = edges
        .iter()
        .filter(|e| e.callee != Some(e.caller))
        .filter_map(|e| e.callee)
        .collect();
    for set in dispatch_sets {
        reached.extend(set.methods.iter().copied());
    }
    for file in &scan.files {
        let package = names::file_package(file);
        let main_package = file.facts.package.as_deref() == Some("main");
        for d in &file.facts.funcs {
            let Some(id) = reg.get(&match &d.receiver {
                Some(r) => {
                    names::method_name(&package, &r.type_name, r.pointer, &r.type_params, &d.name)
                }
                None => names::func_name(&package, &d.name),
            }) else {
                continue;
            };
            match (&d.receiver, d.name.as_str()) {
                (None, "main") if main_package && !file.test => {
                    out.push(plain(id, EntryKind::Main))
                }
                (None, "init") => out.push(plain(id, EntryKind::Init)),
                (None, n) if file.test && is_test_function(n) => {
                    out.push(plain(id, EntryKind::Test))
                }
                (recv, n)
                    if !file.test
                        && !main_package
                        && is_exported(n)
                        && recv.as_ref().is_none_or(|r| is_exported(&r.type_name))
                        && !reached.contains(&id) =>
                {
                    out.push(plain(id, EntryKind::Exported))
                }
                _ => {}
            }
        }
    }
    // Package initializers that run code outside `init` functions.
    for (i, f) in reg.functions.iter().enumerate() {
        if f.kind == FunctionKind::Initializer && f.in_tree {
            out.push(plain(i as FuncId, EntryKind::Init));
        }
    }
    for (file, r) in registrations {
        let what = match (&r.method, &r.path) {
            (Some(m), Some(p)) => format!("{} {m} {p}", r.router),
            (None, Some(p)) => format!("{} {p}", r.router),
            (Some(m), None) => format!("{} {m}", r.router),
            (None, None) => r.router.to_string(),
        };
        for h in &r.handlers {
            let (function, how) = match h {
                Handler::Func(c) => (callee_node(reg, c), "handler"),
                Handler::ServeHttp(c) => (callee_node(reg, c), "ServeHTTP of the handler value"),
                Handler::Factory(c) => (callee_node(reg, c), "returns the handler"),
                Handler::Literal => continue,
            };
            let Some(function) = function else { continue };
            if !reg.functions[function as usize].in_tree {
                continue;
            }
            out.push(Entry {
                function,
                kind: EntryKind::Http,
                file: Some(Arc::clone(&file)),
                line: r.position.line,
                column: r.position.column,
                detail: Some(format!("{what} ({how})")),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_function_names() {
        assert!(is_test_function("TestX"));
        assert!(is_test_function("Test_x"));
        assert!(is_test_function("TestMain"));
        assert!(is_test_function("Example"));
        assert!(!is_test_function("Testify"));
        assert!(!is_test_function("helper"));
    }

    #[test]
    fn routers_are_recognised_by_package_and_name() {
        let m = |pkg: &str, name: &str| Callee::Method {
            pkg: pkg.into(),
            type_name: "X".into(),
            type_params: vec![],
            pointer: true,
            name: name.into(),
        };
        assert_eq!(
            router_of(&m("github.com/go-chi/chi/v5", "Post")),
            Some("chi")
        );
        assert_eq!(
            router_of(&m("github.com/gin-gonic/gin", "GET")),
            Some("gin")
        );
        assert_eq!(
            router_of(&m("github.com/labstack/echo/v4", "POST")),
            Some("echo")
        );
        assert_eq!(router_of(&m("net/http", "HandleFunc")), Some("net/http"));
        assert_eq!(router_of(&m("net/http", "Get")), None);
        assert_eq!(router_of(&m("github.com/go-chi/chi/v5", "URLParam")), None);
        assert_eq!(router_of(&m("github.com/go-chi/chix", "Post")), None);
    }
}
