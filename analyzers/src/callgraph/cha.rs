//! Class-hierarchy analysis: the concrete methods an interface method call
//! can reach. A named type `T` of the tree can be held in an interface `I`
//! when the method set of `*T` (which contains the methods declared on `T`
//! and on `*T`, and those promoted through embedded fields) has every
//! method of `I`; the call then reaches the method `*T` selects, where it
//! is declared (a promoted method is its embedded type's).
//!
//! Method sets are compared by name; the called method's implementations
//! must also match its parameter and result types where both are known
//! (a gomock recorder's `Send(arg0, arg1 interface{}) *gomock.Call` does
//! not implement `Send(context.Context, Message) error`). Other methods of
//! the interface are matched by name only. When an interface's method set cannot be read (an interface
//! literal, a package whose source is missing), only the called method's
//! name is required and the expansion says so.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use goseam_engine::facts::TypeExpr;
use goseam_engine::resolve::check::{Callee, Checker, Denot};
use goseam_engine::resolve::types::{PkgRef, Signature, Ty};
use goseam_engine::resolve::universe::Package;
use goseam_engine::Scan;

const MAX_EMBED_DEPTH: u32 = 8;

/// A method-name set, shared.
type Names = Arc<BTreeSet<Arc<str>>>;

/// The method names of every named non-interface type the tree declares.
pub struct TreeTypes<'c, 'u> {
    /// Each with its method set, shared with the sets of the types that
    /// embed it.
    types: Vec<(Arc<Package>, String, Names)>,
    /// Indices into `types` by method name.
    by_method: HashMap<Arc<str>, Vec<usize>>,
    /// Every loaded package by import path (the first, when a path is
    /// loaded from two places).
    packages: HashMap<String, Arc<Package>>,
    /// The method sets read while collecting, kept for the expansion.
    sets: MethodSets<'c, 'u>,
}

impl<'c, 'u> TreeTypes<'c, 'u> {
    pub fn collect(scan: &Scan, checker: &'c Checker<'u>) -> Self {
        let u = checker.u;
        let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
        let mut tree_packages: Vec<Arc<Package>> = Vec::new();
        for file in &scan.files {
            let Some(name) = file.facts.package.as_deref() else {
                continue;
            };
            if seen.insert((file.dir().to_string(), name.to_string())) {
                if let Some(p) = u.tree_package_named(file.dir(), name) {
                    tree_packages.push(p);
                }
            }
        }
        let mut sets = MethodSets::new(checker);
        let mut types = Vec::new();
        for p in &tree_packages {
            for name in p.type_names() {
                let Some((_, decl)) = p.type_decl(name) else {
                    continue;
                };
                if decl.alias || sets.is_interface(p, name) {
                    continue;
                }
                if let Some(methods) = sets.of_named(p, name, 0) {
                    if !methods.is_empty() {
                        types.push((Arc::clone(p), name.to_string(), methods));
                    }
                }
            }
        }
        let mut by_method: HashMap<Arc<str>, Vec<usize>> = HashMap::new();
        for (i, (_, _, methods)) in types.iter().enumerate() {
            for m in methods.iter() {
                by_method.entry(m.clone()).or_default().push(i);
            }
        }
        let mut packages = HashMap::new();
        for p in u.loaded_packages() {
            packages
                .entry(p.path.to_string())
                .or_insert_with(|| Arc::clone(&p));
        }
        TreeTypes {
            types,
            by_method,
            packages,
            sets,
        }
    }
}

/// What an interface method call reaches.
pub struct Expansion {
    pub methods: Vec<Callee>,
    pub by_name_only: bool,
}

/// The parameter and result types of a signature where known, and its
/// variadic flag.
type Shape = (Vec<Option<String>>, Vec<Option<String>>, bool);

/// The method a type selects for a name, and its shape where known.
type Selected = (Callee, Option<Shape>);

/// What decides an expansion: the method called, the method names the
/// interface requires (None: unknown, match on the called name alone) and
/// the called method's shape. Interfaces that agree on all three reach
/// the same methods: a tree often declares many small interfaces with one
/// and the same method (`Score(string, int64) int64`), and each is then
/// expanded once.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Requirement {
    method: String,
    names: Option<Names>,
    shape: Option<Shape>,
}

/// Expands interface methods, sharing the work between them: method sets
/// are read once per type, the method `*T` selects once per type and
/// name, and interfaces with the same [`Requirement`] share one
/// expansion. Without this, the cost is interfaces × types with the
/// method's name.
pub struct Expander<'c, 'u> {
    checker: &'c Checker<'u>,
    types: Vec<(Arc<Package>, String, Names)>,
    by_method: HashMap<Arc<str>, Vec<usize>>,
    packages: HashMap<String, Arc<Package>>,
    sets: MethodSets<'c, 'u>,
    /// The method `*T` selects for (type index, name), and its shape.
    selected: HashMap<(usize, String), Option<Selected>>,
    /// Expansions by requirement, numbered in order of first use.
    by_requirement: HashMap<Requirement, usize>,
}

impl<'c, 'u> Expander<'c, 'u> {
    pub fn new(checker: &'c Checker<'u>, types: TreeTypes<'c, 'u>) -> Self {
        Expander {
            checker,
            types: types.types,
            by_method: types.by_method,
            packages: types.packages,
            sets: types.sets,
            selected: HashMap::new(),
            by_requirement: HashMap::new(),
        }
    }

    /// Expand the interface method `full_name` (`(pkg.I).M`,
    /// `(error).Error`, `(interface).M`) to the tree's concrete methods.
    /// The number is the same for every interface method with the same
    /// expansion (numbered from 0 in order of first use), and the
    /// expansion itself is returned the first time only: a caller keeps
    /// what it makes of it under that number.
    pub fn expand(&mut self, full_name: &str) -> Option<(usize, Option<Expansion>)> {
        let requirement = self.requirement(full_name)?;
        if let Some(&n) = self.by_requirement.get(&requirement) {
            return Some((n, None));
        }
        let expansion = self.compute(&requirement);
        let n = self.by_requirement.len();
        self.by_requirement.insert(requirement, n);
        Some((n, Some(expansion)))
    }

    fn requirement(&mut self, full_name: &str) -> Option<Requirement> {
        let (pkg, iface, method) = split_interface_method(full_name)?;
        let (names, shape) = match (pkg, iface) {
            ("", "error") => (
                Some(Arc::new([Arc::from("Error")].into_iter().collect())),
                Some((Vec::new(), vec![Some("error".to_string())], false)),
            ),
            (_, "interface") | ("", _) => (None, None),
            (pkg, iface) => match self
                .packages
                .get(pkg)
                .or_else(|| self.packages.get(&format!("vendor/{pkg}")))
            {
                None => (None, None),
                Some(p) => {
                    let named = Ty::Named {
                        pkg: Some(PkgRef::Loaded(Arc::clone(p))),
                        name: Arc::from(iface),
                        args: Vec::new(),
                    };
                    let shape = match self.checker.select(&named, method) {
                        Denot::Func(_, Some(sig)) => Some(shape(&sig)),
                        _ => None,
                    };
                    (self.sets.of_named(p, iface, 0), shape)
                }
            },
        };
        Some(Requirement {
            method: method.to_string(),
            names,
            shape,
        })
    }

    fn compute(&mut self, requirement: &Requirement) -> Expansion {
        let Requirement {
            method,
            names,
            shape: wanted,
        } = requirement;
        let mut methods = Vec::new();
        for &i in self.by_method.get(method.as_str()).into_iter().flatten() {
            let (p, name, set) = &self.types[i];
            let has_all = match names {
                Some(names) => names.iter().all(|m| set.contains(m)),
                None => true,
            };
            if !has_all {
                continue;
            }
            let checker = self.checker;
            let selected = self.selected.entry((i, method.clone())).or_insert_with(|| {
                let named = Ty::Named {
                    pkg: Some(PkgRef::Loaded(Arc::clone(p))),
                    name: Arc::from(name.as_str()),
                    args: Vec::new(),
                };
                match checker.select(&Ty::Pointer(Box::new(named)), method) {
                    Denot::Func(c @ Callee::Method { .. }, sig) => {
                        Some((c, sig.map(|s| shape(&s))))
                    }
                    _ => None,
                }
            });
            let Some((callee, got)) = selected else {
                continue;
            };
            let fits = match (wanted, got) {
                (Some(want), Some(got)) => same_shape(want, got),
                _ => true,
            };
            if fits {
                methods.push(callee.clone());
            }
        }
        Expansion {
            methods,
            by_name_only: names.is_none(),
        }
    }
}

/// A signature's parameter and result types, as far as they are known, and
/// its variadic flag.
fn shape(sig: &Signature) -> Shape {
    let describe = |t: &Ty| match t {
        Ty::Unknown(_) | Ty::TypeParam { .. } => None,
        Ty::Basic(b) if &**b == "byte" => Some("uint8".to_string()),
        Ty::Basic(b) if &**b == "rune" => Some("int32".to_string()),
        t => Some(t.describe()),
    };
    (
        sig.params.iter().map(describe).collect(),
        sig.results.iter().map(describe).collect(),
        sig.variadic,
    )
}

/// Whether a method of shape `got` can implement one of shape `want`:
/// same counts, same variadic flag, and the same types wherever both are
/// known.
fn same_shape(want: &Shape, got: &Shape) -> bool {
    let same = |a: &[Option<String>], b: &[Option<String>]| {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| match (x, y) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            })
    };
    want.2 == got.2 && same(&want.0, &got.0) && same(&want.1, &got.1)
}

/// `(pkg.I).M` → (pkg, I, M); `(error).Error` → ("", error, Error);
/// `(interface).M` → ("", interface, M). Type parameter lists are dropped.
fn split_interface_method(full: &str) -> Option<(&str, &str, &str)> {
    let rest = full.strip_prefix('(')?;
    let close = rest.find(").")?;
    let recv = &rest[..close];
    let method = &rest[close + 2..];
    let recv = recv.split('[').next().unwrap_or(recv);
    let slash = recv.rfind('/').map_or(0, |i| i + 1);
    match recv[slash..].rfind('.') {
        Some(dot) => Some((&recv[..slash + dot], &recv[slash + dot + 1..], method)),
        None => Some(("", recv, method)),
    }
}

/// Method names of named types, memoized; each name is held once.
struct MethodSets<'c, 'u> {
    checker: &'c Checker<'u>,
    memo: HashMap<(Arc<str>, String), Option<Names>>,
    names: super::names::Interner,
}

impl<'c, 'u> MethodSets<'c, 'u> {
    fn new(checker: &'c Checker<'u>) -> Self {
        MethodSets {
            checker,
            memo: HashMap::new(),
            names: super::names::Interner::default(),
        }
    }

    /// The shared copy of a method name.
    fn name(&mut self, name: &str) -> Arc<str> {
        self.names.get(name)
    }

    fn is_interface(&self, p: &Arc<Package>, name: &str) -> bool {
        let named = Ty::Named {
            pkg: Some(PkgRef::Loaded(Arc::clone(p))),
            name: Arc::from(name),
            args: Vec::new(),
        };
        match self.checker.underlying(&named) {
            Ty::Literal(lit) => matches!(*lit.0, TypeExpr::Interface { .. }),
            Ty::Named { pkg: None, .. } => true, // error, comparable
            _ => false,
        }
    }

    /// The method names of `*T` for the named type `name` of `p` (for an
    /// interface, its methods). None when part of it cannot be read.
    fn of_named(&mut self, p: &Arc<Package>, name: &str, depth: u32) -> Option<Names> {
        let key = (Arc::clone(&p.path), name.to_string());
        if let Some(v) = self.memo.get(&key) {
            return v.clone();
        }
        if depth > MAX_EMBED_DEPTH {
            return None;
        }
        // A cycle through embedding contributes nothing more.
        self.memo
            .insert(key.clone(), Some(Arc::new(BTreeSet::new())));
        let result = self.compute(p, name, depth);
        self.memo.insert(key, result.clone());
        result
    }

    fn compute(&mut self, p: &Arc<Package>, name: &str, depth: u32) -> Option<Names> {
        let (r, decl) = p.type_decl(name)?;
        let ctx = self.checker.ctx(p, r.file);
        let mut out: BTreeSet<Arc<str>> = p.methods_of(name).map(|m| self.name(m)).collect();
        let complete = match &*decl.ty {
            TypeExpr::Struct { fields } => {
                let mut ok = true;
                for f in fields.iter().filter(|f| f.embedded) {
                    let t = self.checker.resolve_type(&ctx, &f.ty);
                    match self.of_type(&t, depth + 1) {
                        Some(s) => out.extend(s.iter().cloned()),
                        None => ok = false,
                    }
                }
                ok
            }
            TypeExpr::Interface { methods, embeds } => {
                for m in methods {
                    out.insert(self.name(&m.name));
                }
                let mut ok = true;
                for e in embeds {
                    if matches!(e, TypeExpr::Union { .. } | TypeExpr::Tilde { .. }) {
                        continue; // type-set terms add no methods
                    }
                    let t = self.checker.resolve_type(&ctx, e);
                    match self.of_type(&t, depth + 1) {
                        Some(s) => out.extend(s.iter().cloned()),
                        None => ok = false,
                    }
                }
                ok
            }
            // `type A B` keeps B's fields and interface methods, not its
            // declared methods; `type A = B` is B.
            TypeExpr::Named { .. } | TypeExpr::Pointer { .. } => {
                let t = self.checker.resolve_type(&ctx, &decl.ty);
                match self.checker.underlying(&t) {
                    Ty::Literal(lit) => match &*lit.0 {
                        TypeExpr::Interface { .. } | TypeExpr::Struct { .. } => {
                            match self.of_type(&t, depth + 1) {
                                Some(s) if decl.alias => {
                                    out.extend(s.iter().cloned());
                                    true
                                }
                                Some(s) => {
                                    // Only promoted and interface methods
                                    // carry over: approximate with all.
                                    out.extend(s.iter().cloned());
                                    true
                                }
                                None => false,
                            }
                        }
                        _ => true,
                    },
                    Ty::Named { pkg: None, .. } => {
                        out.insert(self.name("Error"));
                        true
                    }
                    _ => true,
                }
            }
            _ => true,
        };
        complete.then(|| Arc::new(out))
    }

    fn of_type(&mut self, t: &Ty, depth: u32) -> Option<Names> {
        match t {
            Ty::Pointer(inner) => self.of_type(inner, depth),
            Ty::Named {
                pkg: Some(PkgRef::Loaded(p)),
                name,
                ..
            } => self.of_named(p, name, depth),
            Ty::Named {
                pkg: None, name, ..
            } if &**name == "error" => Some(Arc::new([self.name("Error")].into_iter().collect())),
            Ty::Named { pkg: None, .. } => Some(Arc::new(BTreeSet::new())),
            Ty::Literal(lit) => match &*lit.0 {
                TypeExpr::Interface { methods, .. } => Some(Arc::new(
                    methods.iter().map(|m| self.name(&m.name)).collect(),
                )),
                _ => Some(Arc::new(BTreeSet::new())),
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_interface_method;

    #[test]
    fn interface_method_names_split() {
        assert_eq!(
            split_interface_method("(io.Writer).Write"),
            Some(("io", "Writer", "Write"))
        );
        assert_eq!(
            split_interface_method("(example.com/a.b/notify.Notifier).Send"),
            Some(("example.com/a.b/notify", "Notifier", "Send"))
        );
        assert_eq!(
            split_interface_method("(crypto/elliptic.nistPoint[T any]).SetBytes"),
            Some(("crypto/elliptic", "nistPoint", "SetBytes"))
        );
        assert_eq!(
            split_interface_method("(error).Error"),
            Some(("", "error", "Error"))
        );
    }
}
