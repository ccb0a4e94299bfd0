//! Lightweight types: enough of go/types to find what a call resolves to.
//!
//! A [`Ty`] is built from a syntactic [`TypeExpr`] in the context ([`Ctx`])
//! of the file that wrote it: its package, its imports, and the type
//! parameters in scope. Struct and interface literals keep their syntax and
//! context and are looked into on demand. Anything that cannot be known is
//! `Ty::Unknown` with the reason, which resolution passes on verbatim.

use std::sync::{Arc, OnceLock};

use crate::expr::LitKind;
use crate::facts::{Param, TypeExpr};

use super::universe::{conventional_package_name, Package, Universe};

/// A package as types refer to it: loaded, or known only by its path.
#[derive(Debug, Clone)]
pub enum PkgRef {
    Loaded(Arc<Package>),
    /// Imported, but its source is not available.
    Missing(Arc<str>),
}

impl PkgRef {
    pub fn path(&self) -> &str {
        match self {
            PkgRef::Loaded(p) => &p.path,
            PkgRef::Missing(p) => p,
        }
    }
}

/// A type.
#[derive(Debug, Clone)]
pub enum Ty {
    /// A defined (named) type; `pkg` is `None` for the predeclared `error`
    /// and `comparable`.
    Named {
        pkg: Option<PkgRef>,
        name: Arc<str>,
        args: Vec<Ty>,
    },
    /// A predeclared non-interface type: `int`, `string`, `bool`, …
    Basic(Arc<str>),
    Pointer(Box<Ty>),
    Slice(Box<Ty>),
    Array(Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    Chan(Box<Ty>),
    Func(Arc<Signature>),
    /// A struct or interface literal, with the context to read it in.
    Literal(Arc<(Arc<TypeExpr>, Ctx)>),
    TypeParam {
        name: Arc<str>,
        constraint: Box<Ty>,
    },
    /// A type declared inside a function: named (go/types spells it with
    /// the package path), but not reachable from the package scope.
    Local {
        pkg: Arc<str>,
        name: Arc<str>,
        underlying: Box<Ty>,
    },
    /// The results of a call with several.
    Tuple(Vec<Ty>),
    Untyped(LitKind),
    Unknown(Arc<str>),
}

impl Ty {
    pub fn unknown(reason: impl Into<String>) -> Ty {
        Ty::Unknown(Arc::from(reason.into().as_str()))
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Ty::Unknown(_))
    }

    /// The i-th value of a tuple, or the type itself for i == 0.
    pub fn nth(&self, i: usize) -> Ty {
        match self {
            Ty::Tuple(v) => v
                .get(i)
                .cloned()
                .unwrap_or_else(|| Ty::unknown("too few results")),
            Ty::Unknown(_) => self.clone(),
            t if i == 0 => t.clone(),
            _ => Ty::unknown("single value used as several"),
        }
    }

    /// Type for display in reasons: `*pkg.T`, `[]T`, ….
    pub fn describe(&self) -> String {
        match self {
            Ty::Named { pkg, name, .. } => match pkg {
                Some(p) => format!("{}.{}", p.path(), name),
                None => name.to_string(),
            },
            Ty::Basic(n) => n.to_string(),
            Ty::Pointer(t) => format!("*{}", t.describe()),
            Ty::Slice(t) => format!("[]{}", t.describe()),
            Ty::Array(t) => format!("[N]{}", t.describe()),
            Ty::Map(k, v) => format!("map[{}]{}", k.describe(), v.describe()),
            Ty::Chan(t) => format!("chan {}", t.describe()),
            Ty::Func(_) => "func".to_string(),
            Ty::Literal(l) => match *l.0 {
                TypeExpr::Struct { .. } => "struct{…}".to_string(),
                _ => "interface{…}".to_string(),
            },
            Ty::TypeParam { name, .. } => name.to_string(),
            Ty::Local { pkg, name, .. } => format!("{pkg}.{name}"),
            Ty::Tuple(v) => format!(
                "({})",
                v.iter()
                    .map(|t| t.describe())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Ty::Untyped(k) => format!("untyped {k:?}").to_lowercase(),
            Ty::Unknown(r) => format!("unknown ({r})"),
        }
    }
}

/// A function signature.
#[derive(Debug, Clone)]
pub struct Signature {
    pub params: Vec<Ty>,
    pub results: Vec<Ty>,
    pub variadic: bool,
    /// Type parameters of a generic function, for inference at calls.
    pub type_params: Vec<Arc<str>>,
    /// Parameter types as written, for inferring type arguments.
    pub param_exprs: Vec<TypeExpr>,
    pub result_exprs: Vec<TypeExpr>,
    pub ctx: Option<Ctx>,
}

impl Signature {
    pub fn result(&self) -> Ty {
        match self.results.len() {
            0 => Ty::Tuple(Vec::new()),
            1 => self.results[0].clone(),
            _ => Ty::Tuple(self.results.clone()),
        }
    }
}

/// An import of one file. The imported package is loaded only when a
/// lookup needs it: a file that imports twenty packages and calls into two
/// loads two.
#[derive(Debug)]
pub struct ImportBinding {
    /// Explicit name: an alias, `.` or `_`; `None` for a plain import.
    pub explicit: Option<String>,
    /// The name a plain import most likely binds (its last path element,
    /// without a version suffix), checked against the real package clause
    /// before it is trusted.
    pub conventional: String,
    pub path: String,
    loaded: OnceLock<PkgRef>,
}

impl ImportBinding {
    /// The imported package (loading it on first use).
    pub fn pkg(&self, u: &Universe, from: &Package) -> &PkgRef {
        self.loaded
            .get_or_init(|| match u.import(from, &self.path) {
                Some(p) => PkgRef::Loaded(p),
                None => PkgRef::Missing(Arc::from(self.path.as_str())),
            })
    }

    /// The name the import binds, loading the package for a plain import.
    pub fn name(&self, u: &Universe, from: &Package) -> String {
        match &self.explicit {
            Some(n) => n.clone(),
            None => match self.pkg(u, from) {
                PkgRef::Loaded(p) => p.name.clone(),
                PkgRef::Missing(_) => self.conventional.clone(),
            },
        }
    }
}

/// The file a type expression was written in: its package, its imports and
/// the type parameters in scope (with their bindings, when instantiated).
#[derive(Debug, Clone)]
pub struct Ctx {
    pub pkg: Arc<Package>,
    pub file: usize,
    pub imports: Arc<Vec<ImportBinding>>,
    pub tparams: Arc<Vec<(Arc<str>, Ty)>>,
}

impl Ctx {
    pub fn with_tparams(&self, tparams: Vec<(Arc<str>, Ty)>) -> Ctx {
        let mut all: Vec<(Arc<str>, Ty)> = self.tparams.as_ref().clone();
        all.extend(tparams);
        Ctx {
            tparams: Arc::new(all),
            ..self.clone()
        }
    }

    /// The package a file-scope name binds, if an import binds it. Aliases
    /// and imports whose conventional name matches are tried first; other
    /// plain imports are loaded only when `exhaustive` (after the cheaper
    /// lookups have failed), since their names can only be known by
    /// reading them.
    pub fn import(&self, u: &Universe, name: &str, exhaustive: bool) -> Option<PkgRef> {
        if name == "." || name == "_" {
            return None;
        }
        for b in self.imports.iter() {
            let candidate = match &b.explicit {
                Some(n) => n == name,
                None => b.conventional == name,
            };
            if candidate && b.name(u, &self.pkg) == name {
                return Some(b.pkg(u, &self.pkg).clone());
            }
        }
        if exhaustive {
            for b in self.imports.iter() {
                if b.explicit.is_none() && b.conventional != name && b.name(u, &self.pkg) == name {
                    return Some(b.pkg(u, &self.pkg).clone());
                }
            }
        }
        None
    }

    /// Packages imported with `import . "path"`.
    pub fn dot_imports(&self, u: &Universe) -> Vec<(String, PkgRef)> {
        self.imports
            .iter()
            .filter(|b| b.explicit.as_deref() == Some("."))
            .map(|b| (b.path.clone(), b.pkg(u, &self.pkg).clone()))
            .collect()
    }
}

/// Per-file import bindings, computed once per (package, file); and the
/// signatures of declared functions and methods, resolved once per
/// declaration: a call of `fmt.Sprintf` or `(*bytes.Buffer).Write` is
/// resolved at every site, and its signature depends only on the
/// declaration.
pub struct FileImports {
    slots: dashmap::DashMap<(usize, usize), Arc<Vec<ImportBinding>>>,
    /// By (package, file, index in the file's functions).
    signatures: dashmap::DashMap<(usize, usize, usize), Arc<Signature>>,
}

impl Default for FileImports {
    fn default() -> Self {
        FileImports {
            slots: dashmap::DashMap::new(),
            signatures: dashmap::DashMap::new(),
        }
    }
}

impl FileImports {
    /// The signature of function declaration `index` of file `file` of
    /// `pkg`, made by `make` the first time it is asked for. `make` must
    /// depend only on the declaration (not on where it is used).
    pub fn declared_signature(
        &self,
        pkg: &Arc<Package>,
        file: usize,
        index: usize,
        make: impl FnOnce() -> Signature,
    ) -> Arc<Signature> {
        let key = (Arc::as_ptr(pkg) as usize, file, index);
        if let Some(s) = self.signatures.get(&key) {
            return Arc::clone(&s);
        }
        let sig = Arc::new(make());
        // Another worker may have made it meanwhile: the same signature.
        Arc::clone(self.signatures.entry(key).or_insert(sig).value())
    }

    pub fn get(&self, _u: &Universe, pkg: &Arc<Package>, file: usize) -> Arc<Vec<ImportBinding>> {
        let key = (Arc::as_ptr(pkg) as usize, file);
        if let Some(b) = self.slots.get(&key) {
            return Arc::clone(&b);
        }
        let bindings: Vec<ImportBinding> = pkg
            .files
            .get(file)
            .map(|f| f.decls.imports.as_slice())
            .unwrap_or(&[])
            .iter()
            .filter(|(b, _)| b.as_deref() != Some("_"))
            .map(|(b, path)| ImportBinding {
                explicit: b.clone(),
                conventional: conventional_package_name(path),
                path: path.clone(),
                loaded: OnceLock::new(),
            })
            .collect();
        let bindings = Arc::new(bindings);
        self.slots.insert(key, Arc::clone(&bindings));
        bindings
    }
}

/// Predeclared type names.
pub fn predeclared_type(name: &str) -> Option<Ty> {
    Some(match name {
        "error" | "comparable" => Ty::Named {
            pkg: None,
            name: Arc::from(name),
            args: Vec::new(),
        },
        "any" => Ty::Literal(Arc::new((
            Arc::new(TypeExpr::Interface {
                methods: Vec::new(),
                embeds: Vec::new(),
            }),
            empty_ctx(),
        ))),
        "byte" => Ty::Basic(Arc::from("uint8")),
        "rune" => Ty::Basic(Arc::from("int32")),
        "bool" | "string" | "int" | "int8" | "int16" | "int32" | "int64" | "uint" | "uint8"
        | "uint16" | "uint32" | "uint64" | "uintptr" | "float32" | "float64" | "complex64"
        | "complex128" => Ty::Basic(Arc::from(name)),
        _ => return None,
    })
}

/// A context with no package, for predeclared types (`any`, `error`).
pub(crate) fn empty_ctx() -> Ctx {
    static EMPTY: OnceLock<Ctx> = OnceLock::new();
    EMPTY
        .get_or_init(|| {
            let pkg = Arc::new(Package::empty());
            Ctx {
                pkg,
                file: 0,
                imports: Arc::new(Vec::new()),
                tparams: Arc::new(Vec::new()),
            }
        })
        .clone()
}

/// Resolve a type expression in its context.
pub fn resolve_type(
    u: &Universe,
    imports: &FileImports,
    ctx: &Ctx,
    te: &TypeExpr,
    depth: u32,
) -> Ty {
    if depth > 48 {
        return Ty::unknown("type nested too deeply");
    }
    let rec = |t: &TypeExpr| resolve_type(u, imports, ctx, t, depth + 1);
    match te {
        TypeExpr::Named {
            package: None,
            name,
            args,
        } => {
            if let Some((_, t)) = ctx.tparams.iter().rev().find(|(n, _)| n.as_ref() == name) {
                return t.clone();
            }
            let args: Vec<Ty> = args.iter().map(rec).collect();
            if let Some((r, decl)) = ctx.pkg.type_decl(name) {
                if decl.alias {
                    let decl_ctx = file_ctx(u, imports, &ctx.pkg, r.file);
                    return resolve_type(u, imports, &decl_ctx, &decl.ty, depth + 1);
                }
                return Ty::Named {
                    pkg: Some(PkgRef::Loaded(Arc::clone(&ctx.pkg))),
                    name: Arc::from(name.as_str()),
                    args,
                };
            }
            let dots = ctx.dot_imports(u);
            for (_, dot) in &dots {
                if let PkgRef::Loaded(p) = dot {
                    if p.type_decl(name).is_some() {
                        return named_in(u, imports, p, name, args, depth);
                    }
                }
            }
            if let Some(t) = predeclared_type(name) {
                return t;
            }
            if dots.iter().any(|(_, d)| matches!(d, PkgRef::Missing(_))) {
                return Ty::unknown(format!(
                    "type {name} may come from a dot import whose source is not available"
                ));
            }
            Ty::unknown(format!("type {name} not found in {}", ctx.pkg.path))
        }
        TypeExpr::Named {
            package: Some(q),
            name,
            args,
        } => {
            let args: Vec<Ty> = args.iter().map(rec).collect();
            match ctx.import(u, q, true) {
                Some(pkg) => match pkg {
                    PkgRef::Loaded(p) => named_in(u, imports, &p, name, args, depth),
                    missing => Ty::Named {
                        pkg: Some(missing),
                        name: Arc::from(name.as_str()),
                        args,
                    },
                },
                None => Ty::unknown(format!("{q}.{name}: no import named {q}")),
            }
        }
        TypeExpr::Pointer { elem } => Ty::Pointer(Box::new(rec(elem))),
        TypeExpr::Slice { elem } => Ty::Slice(Box::new(rec(elem))),
        TypeExpr::Array { elem, .. } => Ty::Array(Box::new(rec(elem))),
        TypeExpr::Map { key, value } => Ty::Map(Box::new(rec(key)), Box::new(rec(value))),
        TypeExpr::Chan { elem, .. } => Ty::Chan(Box::new(rec(elem))),
        TypeExpr::Func { params, results } => Ty::Func(Arc::new(signature(
            u,
            imports,
            ctx,
            params,
            results,
            Vec::new(),
            depth,
        ))),
        TypeExpr::Struct { .. } | TypeExpr::Interface { .. } => {
            Ty::Literal(Arc::new((Arc::new(te.clone()), ctx.clone())))
        }
        TypeExpr::Union { .. } | TypeExpr::Tilde { .. } => Ty::Literal(Arc::new((
            Arc::new(TypeExpr::Interface {
                methods: Vec::new(),
                embeds: vec![te.clone()],
            }),
            ctx.clone(),
        ))),
        TypeExpr::Unknown { text } => Ty::unknown(format!("unmodelled type {text}")),
    }
}

/// A named type declared in package `p`, following aliases.
fn named_in(
    u: &Universe,
    imports: &FileImports,
    p: &Arc<Package>,
    name: &str,
    args: Vec<Ty>,
    depth: u32,
) -> Ty {
    if let Some((r, decl)) = p.type_decl(name) {
        if decl.alias {
            let decl_ctx = file_ctx(u, imports, p, r.file);
            return resolve_type(u, imports, &decl_ctx, &decl.ty, depth + 1);
        }
    }
    Ty::Named {
        pkg: Some(PkgRef::Loaded(Arc::clone(p))),
        name: Arc::from(name),
        args,
    }
}

/// The context of file `file` of package `pkg`, with no type parameters.
pub fn file_ctx(u: &Universe, imports: &FileImports, pkg: &Arc<Package>, file: usize) -> Ctx {
    Ctx {
        pkg: Arc::clone(pkg),
        file,
        imports: imports.get(u, pkg, file),
        tparams: Arc::new(Vec::new()),
    }
}

/// Resolve a signature's parameter and result lists.
pub fn signature(
    u: &Universe,
    imports: &FileImports,
    ctx: &Ctx,
    params: &[Param],
    results: &[Param],
    type_params: Vec<Arc<str>>,
    depth: u32,
) -> Signature {
    let rp = |p: &Param| {
        let t = resolve_type(u, imports, ctx, &p.ty, depth + 1);
        if p.variadic {
            Ty::Slice(Box::new(t))
        } else {
            t
        }
    };
    Signature {
        params: params.iter().map(rp).collect(),
        results: results
            .iter()
            .map(|p| resolve_type(u, imports, ctx, &p.ty, depth + 1))
            .collect(),
        variadic: params.last().is_some_and(|p| p.variadic),
        type_params,
        param_exprs: params.iter().map(|p| p.ty.clone()).collect(),
        result_exprs: results.iter().map(|p| p.ty.clone()).collect(),
        ctx: Some(ctx.clone()),
    }
}
