//! SARIF 2.1.0 logs of call sites and check results, for code review tools
//! that show findings beside the code (GitHub code scanning, IDE viewers).
//!
//! A log must be as deterministic as the JSON: no absolute paths (files are
//! relative to the `SRCROOT` base, which the log describes but does not
//! locate — the consumer knows where it checked the tree out), no times, no
//! command lines. Results keep goseam's order (file, line, column).

use goseam_analyzers::callgraph::names::{enclosing_full_name, ReceiverParams};
use goseam_analyzers::callsites::{CallKind, CallSite, Status};
use goseam_analyzers::check::{CheckResult, Finding, Verdict};
use serde_json::{json, Value};

/// The base every artifact location is relative to: the scanned root.
const ROOT_BASE: &str = "SRCROOT";

/// One rule of the log's driver.
struct Rule {
    id: &'static str,
    name: &'static str,
    short: String,
    full: String,
    level: &'static str,
}

impl Rule {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "shortDescription": { "text": self.short },
            "fullDescription": { "text": self.full },
            "defaultConfiguration": { "level": self.level },
        })
    }
}

/// A log with one run of goseam, its rules and results.
fn log(rules: &[Rule], results: Vec<Value>, properties: Value) -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "goseam",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(Rule::to_json).collect::<Vec<_>>(),
                }
            },
            "originalUriBaseIds": {
                ROOT_BASE: { "description": { "text": "The root of the scanned Go tree." } }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": properties,
        }]
    })
}

/// A file location; `function` becomes the logical location.
fn location(file: &str, line: u32, column: Option<u32>, function: Option<&str>) -> Value {
    let mut region = json!({ "startLine": line.max(1) });
    if let Some(c) = column {
        region["startColumn"] = json!(c.max(1));
    }
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": file, "uriBaseId": ROOT_BASE },
            "region": region,
        }
    });
    if let Some(f) = function.filter(|f| !f.is_empty()) {
        loc["logicalLocations"] = json!([{ "fullyQualifiedName": f, "kind": "function" }]);
    }
    loc
}

/// How a result reads: SARIF's `kind` with the `level` it allows (a level
/// other than `none` only for a failure).
#[derive(Clone, Copy)]
enum Kind {
    /// A fact, not a problem: a resolved call site.
    Informational,
    /// A person must look: an unresolved item.
    Review,
    /// A violated invariant.
    Error,
}

impl Kind {
    fn sarif(self) -> (&'static str, &'static str) {
        match self {
            Kind::Informational => ("informational", "none"),
            Kind::Review => ("review", "none"),
            Kind::Error => ("fail", "error"),
        }
    }
}

/// A result of rule `index` in `rules`.
fn result(rules: &[Rule], index: usize, kind: Kind, text: String, locations: Vec<Value>) -> Value {
    let (kind, level) = kind.sarif();
    json!({
        "ruleId": rules[index].id,
        "ruleIndex": index,
        "kind": kind,
        "level": level,
        "message": { "text": text },
        "locations": locations,
    })
}

/// The call sites of `targets`: resolved sites as notes, unresolved ones
/// (which may or may not call a target) as warnings with their reason.
pub fn call_sites(targets: &[String], sites: &[CallSite]) -> Value {
    let names = targets.join(", ");
    let rules = [
        Rule {
            id: "goseam/call-site",
            name: "CallSite",
            short: "A call of or reference to a target function".into(),
            full: format!("A call site of {names}, resolved statically."),
            level: "none",
        },
        Rule {
            id: "goseam/unresolved-call-site",
            name: "UnresolvedCallSite",
            short: "A call that may be a call of a target function".into(),
            full: format!(
                "A call of a function named like {names} that goseam could not resolve; a person decides whether it calls a target."
            ),
            level: "none",
        },
    ];
    let results = sites
        .iter()
        .map(|s| {
            let kind = match s.kind {
                CallKind::Call => "call of",
                CallKind::Reference => "reference to",
            };
            let function = qualified(&s.package, &s.function);
            let (index, level, text) = match s.status {
                Status::Resolved => (
                    0,
                    Kind::Informational,
                    format!("{kind} {} in {function}", s.target),
                ),
                Status::Unresolved => (
                    1,
                    Kind::Review,
                    format!(
                        "possible {kind} {} in {function}: {}",
                        s.target,
                        s.reason.as_deref().unwrap_or("unresolved")
                    ),
                ),
            };
            let mut r = result(
                &rules,
                index,
                level,
                text,
                vec![location(&s.file, s.line, Some(s.column), Some(&function))],
            );
            r["properties"] = json!({
                "target": s.target,
                "package": s.package,
                "test": s.test,
                "generated": s.generated,
            });
            r
        })
        .collect();
    log(&rules, results, json!({ "targets": targets }))
}

/// go/types' full name of the function a site is in (`pkg.F`,
/// `(*pkg.T).M`), from its name within the package.
fn qualified(package: &str, function: &str) -> String {
    if function.is_empty() {
        return package.to_string();
    }
    enclosing_full_name(package, function, &ReceiverParams::empty())
}

/// A check result: violations as errors, unresolved items (which could
/// hide a violation) as warnings. A check that holds has no results.
pub fn check(result: &CheckResult) -> Value {
    let kind = result
        .invariant
        .split_whitespace()
        .next()
        .unwrap_or("check")
        .to_string();
    let rules = [
        Rule {
            id: "goseam/check-violation",
            name: "InvariantViolated",
            short: "A site that violates the checked invariant".into(),
            full: format!("A violation of `goseam check {}`.", result.invariant),
            level: "error",
        },
        Rule {
            id: "goseam/check-unresolved",
            name: "InvariantUndecidable",
            short: "An unresolved item that could hide a violation".into(),
            full: format!(
                "goseam could not resolve this item; it could hide a violation of `goseam check {}`.",
                result.invariant
            ),
            level: "none",
        },
    ];
    let findings = result
        .violations
        .iter()
        .map(|f| (0, Kind::Error, f))
        .chain(result.unresolved.iter().map(|f| (1, Kind::Review, f)));
    let results = findings
        .map(|(index, level, f)| {
            let mut r = result_of_finding(&rules, index, level, f);
            r["properties"] = json!({ "invariant": kind });
            r
        })
        .collect();
    log(
        &rules,
        results,
        json!({
            "invariant": result.invariant,
            "verdict": result.verdict.as_str(),
            "holds": result.verdict == Verdict::Holds,
        }),
    )
}

fn result_of_finding(rules: &[Rule], index: usize, kind: Kind, f: &Finding) -> Value {
    let function = match (&f.package, &f.function) {
        (Some(p), Some(func)) => Some(qualified(p, func)),
        (None, Some(func)) => Some(func.clone()),
        _ => None,
    };
    let mut text = f.detail.clone();
    if let Some(d) = &f.domain {
        text = format!("{text} [domain {d}]");
    }
    // A site; else a cycle, located at the imports that form it; else a
    // package (a skipped path, say) with no line.
    let mut locations = Vec::new();
    let mut related = Vec::new();
    if let (Some(file), Some(line)) = (&f.file, f.line) {
        locations.push(location(file, line, f.column, function.as_deref()));
    } else if !f.edges.is_empty() {
        for e in &f.edges {
            for i in &e.imports {
                let mut l = location(&i.file, i.line, None, None);
                l["message"] = json!({ "text": format!("{} imports {}", e.from, e.to) });
                related.push(l);
            }
        }
        if let Some(first) = related.first() {
            let mut l = first.clone();
            l.as_object_mut().expect("object").remove("message");
            locations.push(l);
        }
    } else if let Some(file) = &f.file {
        locations.push(json!({
            "physicalLocation": { "artifactLocation": { "uri": file, "uriBaseId": ROOT_BASE } }
        }));
    } else if let Some(p) = &f.package {
        locations
            .push(json!({ "logicalLocations": [{ "fullyQualifiedName": p, "kind": "package" }] }));
    }
    let mut r = result(rules, index, kind, text, locations);
    if !related.is_empty() {
        for (i, l) in related.iter_mut().enumerate() {
            l["id"] = json!(i);
        }
        r["relatedLocations"] = json!(related);
    }
    r
}
