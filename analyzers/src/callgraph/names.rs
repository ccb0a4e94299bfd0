//! Function names in go/types' `Func.FullName()` spelling, for the graph's
//! nodes: `pkg.F`, `(*pkg.T).M`, `(pkg.T[K, V]).M`, `(pkg.I).M`, and
//! `pkg.init` for a package's initialization.

use std::collections::HashMap;
use std::sync::Arc;

use goseam_engine::scan::SourceFile;
use goseam_engine::Scan;

/// An import path without its vendor directory: go/types prints
/// `vendor/golang.org/x/…` for the standard library's vendored packages,
/// the source (and goseam) says `golang.org/x/…`.
pub fn strip_vendor(p: &str) -> &str {
    // The first `vendor/` in the path, found without a substring
    // searcher's set-up: this runs for every call site.
    const VENDOR: &[u8] = b"vendor/";
    let first = p.as_bytes().windows(VENDOR.len()).position(|w| w == VENDOR);
    match first {
        Some(0) => &p[VENDOR.len()..],
        Some(i) if p.as_bytes()[i - 1] == b'/' => &p[i + VENDOR.len()..],
        _ => p,
    }
}

/// A method's full name.
pub fn method_name(
    package: &str,
    type_name: &str,
    pointer: bool,
    type_params: &[String],
    name: &str,
) -> String {
    // Pushed piece by piece rather than `format!`ed: one for every call
    // site and declaration of the tree.
    let params: usize = type_params.iter().map(|p| p.len() + 2).sum();
    let mut out = String::with_capacity(package.len() + type_name.len() + name.len() + params + 6);
    out.push('(');
    if pointer {
        out.push('*');
    }
    out.push_str(package);
    out.push('.');
    out.push_str(type_name);
    if let Some((first, rest)) = type_params.split_first() {
        out.push('[');
        out.push_str(first);
        for p in rest {
            out.push_str(", ");
            out.push_str(p);
        }
        out.push(']');
    }
    out.push_str(").");
    out.push_str(name);
    out
}

/// A function's full name: `pkg.F`.
pub fn func_name(package: &str, name: &str) -> String {
    let mut out = String::with_capacity(package.len() + name.len() + 1);
    out.push_str(package);
    out.push('.');
    out.push_str(name);
    out
}

/// An interface method's full name: `(pkg.I).M`, `(error).Error`, and
/// `(interface).M` for a method of an interface literal.
pub fn interface_method_name(package: &str, type_name: &str, name: &str) -> String {
    match (package, type_name) {
        (_, "") => format!("(interface).{name}"),
        ("", t) => format!("({t}).{name}"),
        (p, t) => format!("({p}.{t}).{name}"),
    }
}

/// The package a file's functions belong to: its import path, with
/// `_test` for an external test package.
pub fn file_package(file: &SourceFile) -> String {
    let path = strip_vendor(&file.location.import_path);
    if file.external_test() {
        format!("{path}_test")
    } else {
        path.to_string()
    }
}

/// One shared copy of each string (import paths, method names) that a
/// graph holds many times.
#[derive(Default)]
pub struct Interner(hashbrown::HashSet<Arc<str>>);

impl Interner {
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(v) = self.0.get(s) {
            return Arc::clone(v);
        }
        let v: Arc<str> = Arc::from(s);
        self.0.insert(Arc::clone(&v));
        v
    }
}

/// The receiver type parameter names of the tree's generic methods, which
/// go/types prints in a method's full name (`(*pkg.List[T]).Push`).
pub struct ReceiverParams {
    by_method: HashMap<(String, String, String), Vec<String>>,
}

impl ReceiverParams {
    /// No generic receivers known: names of generic methods lack their
    /// type parameter list (`(*pkg.List).Push`).
    pub fn empty() -> Self {
        ReceiverParams {
            by_method: HashMap::new(),
        }
    }

    /// The generic methods a file declares: a site is in a declaration of
    /// its own file.
    pub fn of_file(file: &SourceFile) -> Self {
        let mut by_method = HashMap::new();
        for d in &file.facts.funcs {
            if let Some(r) = d.receiver.as_ref().filter(|r| !r.type_params.is_empty()) {
                by_method
                    .entry((file_package(file), r.type_name.clone(), d.name.clone()))
                    .or_insert_with(|| r.type_params.clone());
            }
        }
        ReceiverParams { by_method }
    }

    /// [`ReceiverParams::of_file`] of the scan's file at `path` (none when
    /// the scan does not have it).
    pub fn of_path(scan: &Scan, path: &str) -> Self {
        match scan.files.binary_search_by(|f| f.path.as_str().cmp(path)) {
            Ok(i) => Self::of_file(&scan.files[i]),
            Err(_) => Self::empty(),
        }
    }

    fn get(&self, package: &str, type_name: &str, method: &str) -> &[String] {
        if self.by_method.is_empty() {
            return &[];
        }
        self.by_method
            .get(&(
                package.to_string(),
                type_name.to_string(),
                method.to_string(),
            ))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }
}

/// Whether a segment of a walk's function name is a closure's: `func1`
/// (first level) or `2` (nested).
fn is_closure_segment(s: &str) -> bool {
    let digits = s.strip_prefix("func").unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The full name of the declaration a site is in, from the walk's name for
/// it ([`goseam_engine::resolve::walk::Site::function`]: `F`, `(*T).M`,
/// `T.M`, `F.func1.2`, `init.0`, `init`, `glob..func1`). Closures belong to
/// their declaration; `init` functions and package-level initializers to
/// `pkg.init`.
pub fn enclosing_full_name(package: &str, function: &str, params: &ReceiverParams) -> String {
    if let Some(rest) = function.strip_prefix('(') {
        if let Some(close) = rest.find(").") {
            let recv = &rest[..close];
            let method = rest[close + 2..].split('.').next().unwrap_or("");
            let (pointer, type_name) = match recv.strip_prefix('*') {
                Some(t) => (true, t),
                None => (false, recv),
            };
            let tp = params.get(package, type_name, method);
            return method_name(package, type_name, pointer, tp, method);
        }
    }
    let mut segments = function.split('.');
    let first = segments.next().unwrap_or("");
    let second = segments.next();
    match (first, second) {
        ("glob", Some("")) | ("init", None) => func_name(package, "init"),
        ("init", Some(s)) if s.bytes().all(|b| b.is_ascii_digit()) => func_name(package, "init"),
        (type_name, Some(method)) if !is_closure_segment(method) => {
            let tp = params.get(package, type_name, method);
            method_name(package, type_name, false, tp, method)
        }
        (name, _) => func_name(package, name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(function: &str) -> String {
        let params = ReceiverParams {
            by_method: [(
                ("p".to_string(), "List".to_string(), "Push".to_string()),
                vec!["T".to_string()],
            )]
            .into_iter()
            .collect(),
        };
        enclosing_full_name("p", function, &params)
    }

    #[test]
    fn walk_names_map_to_declarations() {
        assert_eq!(full("F"), "p.F");
        assert_eq!(full("F.func1"), "p.F");
        assert_eq!(full("F.func1.2"), "p.F");
        assert_eq!(full("(*T).M"), "(*p.T).M");
        assert_eq!(full("(*T).M.func3"), "(*p.T).M");
        assert_eq!(full("T.M"), "(p.T).M");
        assert_eq!(full("T.M.func1"), "(p.T).M");
        assert_eq!(full("(*List).Push"), "(*p.List[T]).Push");
        assert_eq!(full("init"), "p.init");
        assert_eq!(full("init.0"), "p.init");
        assert_eq!(full("init.0.func1"), "p.init");
        assert_eq!(full("glob..func2"), "p.init");
    }

    #[test]
    fn vendor_directories_are_dropped() {
        assert_eq!(strip_vendor("vendor/golang.org/x/net"), "golang.org/x/net");
        assert_eq!(
            strip_vendor("cmd/vendor/golang.org/x/mod"),
            "golang.org/x/mod"
        );
        assert_eq!(
            strip_vendor("example.com/vendors/x"),
            "example.com/vendors/x"
        );
        // Only the first `vendor/` counts, and only as a whole segment.
        assert_eq!(strip_vendor("a/xvendor/b/vendor/c"), "a/xvendor/b/vendor/c");
        assert_eq!(strip_vendor("vendor"), "vendor");
    }

    #[test]
    fn method_names_spell_receiver_and_type_parameters() {
        assert_eq!(method_name("p", "T", false, &[], "M"), "(p.T).M");
        let params = ["K".to_string(), "V".to_string()];
        assert_eq!(
            method_name("p/q", "T", true, &params, "M"),
            "(*p/q.T[K, V]).M"
        );
        assert_eq!(func_name("p/q", "F"), "p/q.F");
    }
}
