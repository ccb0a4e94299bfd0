//! Typing expressions and resolving what names denote.
//!
//! The [`Checker`] answers two questions for the body walker: what type an
//! expression has, and what a called or referenced name resolves to. It
//! works on the compact [`Expr`] form, in a [`Ctx`] (the file's package,
//! imports and type parameters) plus a chain of local scopes supplied by
//! the caller. Whatever it cannot determine comes back as `Ty::Unknown` or
//! `Callee::Unresolved` carrying the reason, never as a guess.

use std::collections::HashMap;
use std::sync::Arc;

use crate::expr::{Expr, LitKind};
use crate::facts::{TypeExpr, ValueKind};

use super::lookup::{bind_type_params, lookup, underlying, Selection};
use super::memo::{Key, Memo};
use super::types::{
    file_ctx, predeclared_type, resolve_type, signature, Ctx, FileImports, PkgRef, Signature, Ty,
};
use super::universe::{Package, Universe};

/// What a call or reference resolves to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Callee {
    /// A package-level function. `verified` is false when the package's
    /// source is not available (then `pkg.Name` may also be a variable of
    /// function type or a type; the path and name are still exact).
    Func {
        pkg: String,
        name: String,
        verified: bool,
    },
    /// A method declared on a concrete type.
    Method {
        pkg: String,
        type_name: String,
        type_params: Vec<String>,
        pointer: bool,
        name: String,
    },
    /// A method of a named interface (`pkg` empty for `error`), or of an
    /// interface literal (`type_name` empty).
    Interface {
        pkg: String,
        type_name: String,
        name: String,
    },
    /// A method or field `name` of a type whose source is not available.
    Opaque {
        pkg: String,
        type_name: String,
        name: String,
    },
    /// A call through a function value (variable, field, parameter, call
    /// result): statically unknown target.
    Dynamic { reason: String },
    /// Could not be determined.
    Unresolved { reason: String },
}

impl Callee {
    /// go/types' `Func.FullName()` spelling, for resolved callees.
    pub fn full_name(&self) -> Option<String> {
        match self {
            Callee::Func { pkg, name, .. } => Some(format!("{pkg}.{name}")),
            Callee::Method {
                pkg,
                type_name,
                type_params,
                pointer,
                name,
            } => {
                let tp = if type_params.is_empty() {
                    String::new()
                } else {
                    format!("[{}]", type_params.join(", "))
                };
                let star = if *pointer { "*" } else { "" };
                Some(format!("({star}{pkg}.{type_name}{tp}).{name}"))
            }
            Callee::Interface {
                pkg,
                type_name,
                name,
            } => Some(match (pkg.as_str(), type_name.as_str()) {
                (_, "") => format!("(interface).{name}"),
                ("", t) => format!("({t}).{name}"),
                (p, t) => format!("({p}.{t}).{name}"),
            }),
            _ => None,
        }
    }
}

/// Folded strings longer than this do not fold (constants doubling
/// themselves would otherwise take exponential space).
pub const MAX_FOLDED_STRING: usize = 1 << 20;

/// How many declarations and nested expressions folding follows.
const MAX_FOLD_DEPTH: u32 = 64;

/// What one fold learns: the declarations it read, and their values so a
/// declaration used twice is folded once.
struct FoldState<'t> {
    trace: &'t mut Vec<ConstRef>,
    memo: HashMap<(usize, String), (Option<String>, ValueKind)>,
}

/// A package-level constant or variable a folded string was built from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConstRef {
    pub pkg: String,
    pub name: String,
    pub kind: ValueKind,
}

/// What an identifier or selector denotes.
#[derive(Debug, Clone)]
pub enum Denot {
    Value(Ty),
    Type(Ty),
    Func(Callee, Option<Arc<Signature>>),
    Package(PkgRef),
    Builtin(&'static str),
    Unknown(Arc<str>),
}

/// Local scopes, innermost last, as the walker keeps them.
pub trait Locals {
    fn local(&self, name: &str) -> Option<Denot>;
    /// Whether `name` is bound locally, without typing it.
    fn is_local(&self, name: &str) -> bool {
        self.local(name).is_some()
    }
}

/// No locals: package-level initializers.
pub struct NoLocals;
impl Locals for NoLocals {
    fn local(&self, _: &str) -> Option<Denot> {
        None
    }
}

const BUILTIN_FUNCS: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
    "min", "new", "panic", "print", "println", "real", "recover",
];

/// The resolver's entry point: a universe, the per-file import cache and
/// the answers that depend only on declarations.
pub struct Checker<'u> {
    pub u: &'u Universe,
    pub imports: FileImports,
    /// [`Checker::select`] on a named type or a pointer to one.
    selections: Memo<Denot>,
    /// [`Checker::package_member`], by depth.
    members: Memo<Option<Denot>>,
}

const MAX_DEPTH: u32 = 64;

/// Package members asked for at depths below this are memoized.
const MEMO_DEPTHS: u8 = 4;

impl<'u> Checker<'u> {
    pub fn new(u: &'u Universe) -> Self {
        Checker {
            u,
            imports: FileImports::default(),
            selections: Memo::default(),
            members: Memo::default(),
        }
    }

    pub fn ctx(&self, pkg: &Arc<Package>, file: usize) -> Ctx {
        file_ctx(self.u, &self.imports, pkg, file)
    }

    pub fn resolve_type(&self, ctx: &Ctx, te: &TypeExpr) -> Ty {
        resolve_type(self.u, &self.imports, ctx, te, 0)
    }

    pub fn underlying(&self, t: &Ty) -> Ty {
        underlying(self.u, &self.imports, t)
    }

    /// What a bare identifier denotes.
    pub fn denote_ident(&self, ctx: &Ctx, locals: &dyn Locals, name: &str, depth: u32) -> Denot {
        if let Some(d) = locals.local(name) {
            return d;
        }
        if let Some((_, t)) = ctx.tparams.iter().rev().find(|(n, _)| n.as_ref() == name) {
            return Denot::Type(t.clone());
        }
        if let Some(d) = self.package_member(&ctx.pkg, name, depth) {
            return d;
        }
        if let Some(p) = ctx.import(self.u, name, false) {
            return Denot::Package(p);
        }
        let dots = ctx.dot_imports(self.u);
        for (_, dot) in &dots {
            if let PkgRef::Loaded(p) = dot {
                if let Some(d) = self.package_member(p, name, depth) {
                    return d;
                }
            }
        }
        if let Some(t) = predeclared_type(name) {
            return Denot::Type(t);
        }
        if let Some(b) = BUILTIN_FUNCS.iter().find(|b| **b == name) {
            return Denot::Builtin(b);
        }
        match name {
            "true" | "false" => return Denot::Value(Ty::Untyped(LitKind::Bool)),
            "nil" => return Denot::Value(Ty::Untyped(LitKind::Nil)),
            "iota" => return Denot::Value(Ty::Untyped(LitKind::Int)),
            "_" => return Denot::Unknown(Arc::from("blank identifier")),
            _ => {}
        }
        // Last: plain imports whose package name differs from their path.
        if let Some(p) = ctx.import(self.u, name, true) {
            return Denot::Package(p);
        }
        if let Some((path, _)) = dots.iter().find(|(_, d)| matches!(d, PkgRef::Missing(_))) {
            return Denot::Unknown(Arc::from(
                format!("{name} may come from dot import {path}, source not available").as_str(),
            ));
        }
        Denot::Unknown(Arc::from(format!("{name} not declared").as_str()))
    }

    /// Type parameters with their constraints, each constraint resolved
    /// with every parameter of the list in scope (`[S ~[]E, E any]` refers
    /// forward). A few rounds let constraints see each other's constraints.
    pub fn bind_type_param_list(
        &self,
        ctx: &Ctx,
        params: &[(String, TypeExpr)],
    ) -> Vec<(Arc<str>, Ty)> {
        let mut bound: Vec<(Arc<str>, Ty)> = params
            .iter()
            .map(|(n, _)| {
                let n: Arc<str> = Arc::from(n.as_str());
                let t = Ty::TypeParam {
                    name: Arc::clone(&n),
                    constraint: Box::new(Ty::unknown(format!("constraint of {n}"))),
                };
                (n, t)
            })
            .collect();
        for _ in 0..3 {
            let scope = ctx.with_tparams(bound.clone());
            bound = params
                .iter()
                .map(|(n, c)| {
                    let n: Arc<str> = Arc::from(n.as_str());
                    let constraint = self.resolve_type(&scope, c);
                    (
                        Arc::clone(&n),
                        Ty::TypeParam {
                            name: n,
                            constraint: Box::new(constraint),
                        },
                    )
                })
                .collect();
            if params.is_empty() {
                break;
            }
        }
        bound
    }

    /// A package-level name of `pkg`.
    pub fn package_member(&self, pkg: &Arc<Package>, name: &str, depth: u32) -> Option<Denot> {
        // The depth is part of the key: it bounds how far a variable's
        // type is inferred, so the answer may depend on it. Only shallow
        // depths are kept: on the Go distribution, about 95% of the asks come
        // straight from denoting a name, not from inferring a type.
        match u8::try_from(depth) {
            Ok(tag) if tag < MEMO_DEPTHS => {
                let key = Key {
                    pkg,
                    parts: &[name],
                    tag,
                };
                self.members
                    .get_or(key, || self.declared_member(pkg, name, depth))
            }
            _ => self.declared_member(pkg, name, depth),
        }
    }

    fn declared_member(&self, pkg: &Arc<Package>, name: &str, depth: u32) -> Option<Denot> {
        if let Some(r) = pkg.func_ref(name) {
            let sig = self.imports.declared_signature(pkg, r.file, r.index, || {
                let decl = &pkg.files[r.file].facts().funcs[r.index];
                let ctx = self.ctx(pkg, r.file);
                let list: Vec<(String, TypeExpr)> = decl
                    .type_params
                    .iter()
                    .map(|tp| (tp.name.clone(), tp.constraint.clone()))
                    .collect();
                let tparams = self.bind_type_param_list(&ctx, &list);
                let names = tparams.iter().map(|(n, _)| Arc::clone(n)).collect();
                let ctx = ctx.with_tparams(tparams);
                signature(
                    self.u,
                    &self.imports,
                    &ctx,
                    &decl.params,
                    &decl.results,
                    names,
                    0,
                )
            });
            return Some(Denot::Func(
                Callee::Func {
                    pkg: pkg.path.to_string(),
                    name: name.to_string(),
                    verified: true,
                },
                Some(sig),
            ));
        }
        if let Some((r, decl)) = pkg.type_decl(name) {
            let ctx = self.ctx(pkg, r.file);
            let t = if decl.alias {
                self.resolve_type(&ctx, &decl.ty)
            } else {
                Ty::Named {
                    pkg: Some(PkgRef::Loaded(Arc::clone(pkg))),
                    name: Arc::from(name),
                    args: Vec::new(),
                }
            };
            return Some(Denot::Type(t));
        }
        if let Some((r, decl)) = pkg.value(name) {
            let ctx = self.ctx(pkg, r.file);
            let t = match (&decl.ty, &decl.value) {
                (Some(te), _) => self.resolve_type(&ctx, te),
                (None, Some(v)) if depth < 8 => {
                    let t = self.type_of(&ctx, &NoLocals, v, depth + 1);
                    match decl.tuple_index {
                        Some(i) => t.nth(i as usize),
                        None => t.nth(0),
                    }
                }
                (None, None) if decl.kind == ValueKind::Const => Ty::Untyped(LitKind::Int),
                _ => Ty::unknown(format!("type of {}.{name} not inferred", pkg.path)),
            };
            return Some(Denot::Value(t));
        }
        None
    }

    /// The value of a constant string expression: literals, `+`
    /// concatenation, and package-level constants and variables initialized
    /// with such expressions, in this package or (qualified) another.
    /// `None` for anything else: never a guess.
    pub fn fold_string(
        &self,
        ctx: &Ctx,
        locals: &dyn Locals,
        e: &Expr,
        depth: u32,
    ) -> Option<String> {
        self.fold_string_traced(ctx, locals, e, depth, &mut Vec::new())
    }

    /// [`Checker::fold_string`], also listing every package-level constant
    /// or variable the value was built from (directly or through other
    /// declarations), so a caller can tell which declarations are used.
    ///
    /// A name is listed even when the whole value does not fold, so a
    /// caller still learns it is used. Values longer than
    /// [`MAX_FOLDED_STRING`] do not fold.
    pub fn fold_string_traced(
        &self,
        ctx: &Ctx,
        locals: &dyn Locals,
        e: &Expr,
        depth: u32,
        trace: &mut Vec<ConstRef>,
    ) -> Option<String> {
        let mut st = FoldState {
            trace,
            memo: HashMap::new(),
        };
        self.fold_in(ctx, locals, e, depth, &mut st)
    }

    fn fold_in(
        &self,
        ctx: &Ctx,
        locals: &dyn Locals,
        e: &Expr,
        depth: u32,
        st: &mut FoldState,
    ) -> Option<String> {
        if depth > MAX_FOLD_DEPTH {
            return None;
        }
        match e {
            Expr::Str { value } => value.clone(),
            Expr::Binary { op, .. } if op == "+" => {
                // A chain `a + b + c …` nests to the left; walk it without
                // spending depth per operand (long queries are written one
                // line per operand).
                let mut operands = Vec::new();
                let mut left = e;
                while let Expr::Binary { op, x, y } = left {
                    if op != "+" {
                        break;
                    }
                    operands.push(&**y);
                    left = x;
                }
                operands.push(left);
                let mut s = String::new();
                let mut ok = true;
                for operand in operands.into_iter().rev() {
                    // Fold every operand, even after a failure, so each
                    // constant used is traced.
                    match self.fold_in(ctx, locals, operand, depth + 1, st) {
                        Some(v) if ok && s.len() + v.len() <= MAX_FOLDED_STRING => s.push_str(&v),
                        _ => ok = false,
                    }
                }
                ok.then_some(s)
            }
            Expr::Ident { name, .. } => {
                if locals.is_local(name) {
                    return None;
                }
                self.package_string(&ctx.pkg, name, depth, st)
            }
            // Only `pkg.Name`: a local operand is never a package.
            Expr::Selector { x, sel, .. } => match &**x {
                Expr::Ident { name, .. } if !locals.is_local(name) => {
                    match self.denote(ctx, locals, x, depth + 1) {
                        Denot::Package(PkgRef::Loaded(p)) => {
                            self.package_string(&p, sel, depth, st)
                        }
                        _ => None,
                    }
                }
                _ => None,
            },
            // A conversion to a string type: `string(q)`, `Query("…")`.
            Expr::Call {
                fun, args, spread, ..
            } if args.len() == 1 && !spread => match self.denote(ctx, locals, fun, depth + 1) {
                Denot::Type(t) if matches!(self.underlying(&t), Ty::Basic(ref b) if &**b == "string") => {
                    self.fold_in(ctx, locals, &args[0], depth + 1, st)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The constant strings of a composite literal of string literals
    /// (`[]string{"a", "b"}`), written in place or as the initializer of a
    /// package-level variable, with that variable in `trace`.
    pub fn fold_string_list(
        &self,
        ctx: &Ctx,
        locals: &dyn Locals,
        e: &Expr,
        trace: &mut Vec<ConstRef>,
    ) -> Option<Vec<String>> {
        let (pkg, name) = match e {
            Expr::Composite { strings, .. } => return strings.clone(),
            Expr::Ident { name, .. } => {
                if locals.is_local(name) {
                    return None;
                }
                (Arc::clone(&ctx.pkg), name.as_str())
            }
            Expr::Selector { x, sel, .. } => match &**x {
                Expr::Ident { name, .. } if !locals.is_local(name) => {
                    match self.denote(ctx, locals, x, 1) {
                        Denot::Package(PkgRef::Loaded(p)) => (p, sel.as_str()),
                        _ => return None,
                    }
                }
                _ => return None,
            },
            _ => return None,
        };
        let (_, decl) = pkg.value(name)?;
        let Some(Expr::Composite {
            strings: Some(list),
            ..
        }) = &decl.value
        else {
            return None;
        };
        trace.push(ConstRef {
            pkg: pkg.path.to_string(),
            name: name.to_string(),
            kind: decl.kind,
        });
        Some(list.clone())
    }

    fn package_string(
        &self,
        pkg: &Arc<Package>,
        name: &str,
        depth: u32,
        st: &mut FoldState,
    ) -> Option<String> {
        if !pkg.may_be_string(name) {
            return None;
        }
        let key = (Arc::as_ptr(pkg) as usize, name.to_string());
        if let Some(known) = st.memo.get(&key) {
            let known = known.clone();
            st.trace.push(ConstRef {
                pkg: pkg.path.to_string(),
                name: name.to_string(),
                kind: known.1,
            });
            return known.0;
        }
        let (r, decl) = pkg.value(name)?;
        if decl.tuple_index.is_some() {
            return None;
        }
        let value = match &decl.string_value {
            Some(s) => Some(s.clone()),
            None => {
                let ctx = self.ctx(pkg, r.file);
                match decl.value.as_ref() {
                    Some(v) => self.fold_in(&ctx, &NoLocals, v, depth + 1, st),
                    None => None,
                }
            }
        };
        st.memo.insert(key, (value.clone(), decl.kind));
        st.trace.push(ConstRef {
            pkg: pkg.path.to_string(),
            name: name.to_string(),
            kind: decl.kind,
        });
        value
    }

    /// What a (possibly qualified) name expression denotes.
    pub fn denote(&self, ctx: &Ctx, locals: &dyn Locals, e: &Expr, depth: u32) -> Denot {
        if depth > MAX_DEPTH {
            return Denot::Unknown(Arc::from("expression nested too deeply"));
        }
        match e {
            Expr::Ident { name, .. } => self.denote_ident(ctx, locals, name, depth),
            Expr::Selector { x, sel, .. } => {
                match self.denote(ctx, locals, x, depth + 1) {
                    Denot::Package(PkgRef::Loaded(p)) => {
                        match self.package_member(&p, sel, depth) {
                            Some(d) => d,
                            None => Denot::Unknown(Arc::from(
                                format!("{}.{sel} not declared", p.path).as_str(),
                            )),
                        }
                    }
                    Denot::Package(PkgRef::Missing(path)) => {
                        // Exported names of a package we cannot read: a
                        // function call is its most common use; callers
                        // treat this as a function of that exact package.
                        Denot::Func(
                            Callee::Func {
                                pkg: path.to_string(),
                                name: sel.clone(),
                                verified: false,
                            },
                            None,
                        )
                    }
                    Denot::Type(t) => self.method_expr(&t, sel),
                    Denot::Value(t) => self.select(&t, sel),
                    Denot::Func(..) | Denot::Builtin(_) => {
                        Denot::Unknown(Arc::from("selector on a function"))
                    }
                    Denot::Unknown(r) => Denot::Unknown(r),
                }
            }
            Expr::Index { x, index } => {
                // `F[T]` instantiation, or indexing a value.
                match self.denote(ctx, locals, x, depth + 1) {
                    Denot::Func(c, sig) => Denot::Func(c, sig),
                    Denot::Type(t) => {
                        let arg = self.type_of_type_expr(ctx, locals, index, depth);
                        Denot::Type(with_args(t, vec![arg]))
                    }
                    _ => Denot::Value(self.type_of(ctx, locals, e, depth)),
                }
            }
            Expr::Instantiate { x, args } => match self.denote(ctx, locals, x, depth + 1) {
                Denot::Type(t) => {
                    let args = args.iter().map(|a| self.resolve_type(ctx, a)).collect();
                    Denot::Type(with_args(t, args))
                }
                d => d,
            },
            Expr::Type { ty } => Denot::Type(self.resolve_type(ctx, ty)),
            Expr::Deref { x } => match self.denote(ctx, locals, x, depth + 1) {
                Denot::Type(t) => Denot::Type(Ty::Pointer(Box::new(t))),
                _ => Denot::Value(self.type_of(ctx, locals, e, depth)),
            },
            _ => Denot::Value(self.type_of(ctx, locals, e, depth)),
        }
    }

    /// An index expression used as a type argument: `List[int]`.
    fn type_of_type_expr(&self, ctx: &Ctx, locals: &dyn Locals, e: &Expr, depth: u32) -> Ty {
        match self.denote(ctx, locals, e, depth + 1) {
            Denot::Type(t) => t,
            _ => Ty::unknown("type argument not a type"),
        }
    }

    /// `T.M` or `(*T).M`: a method expression.
    fn method_expr(&self, t: &Ty, sel: &str) -> Denot {
        match self.select(t, sel) {
            Denot::Value(_) => Denot::Unknown(Arc::from("method expression on a field")),
            d => d,
        }
    }

    /// `x.sel` where x has type `t`.
    pub fn select(&self, t: &Ty, sel: &str) -> Denot {
        fn named(t: &Ty) -> Option<(&Arc<Package>, &str)> {
            match t {
                Ty::Named {
                    pkg: Some(PkgRef::Loaded(p)),
                    name,
                    args,
                } if args.is_empty() => Some((p, name)),
                _ => None,
            }
        }
        let (target, tag) = match t {
            Ty::Pointer(inner) => (named(inner), 1),
            t => (named(t), 0),
        };
        match target {
            Some((pkg, name)) => {
                let key = Key {
                    pkg,
                    parts: &[name, sel],
                    tag,
                };
                self.selections.get_or(key, || self.look_up(t, sel))
            }
            None => self.look_up(t, sel),
        }
    }

    fn look_up(&self, t: &Ty, sel: &str) -> Denot {
        match lookup(self.u, &self.imports, t, sel) {
            Selection::Field(ft) => Denot::Value(ft),
            Selection::Method(m) => Denot::Func(
                Callee::Method {
                    pkg: m.pkg.path.to_string(),
                    type_name: m.type_name.to_string(),
                    type_params: m.recv_type_params.clone(),
                    pointer: m.pointer,
                    name: m.name.clone(),
                },
                Some(m.sig),
            ),
            Selection::IfaceMethod(m) => {
                let (pkg, type_name) = m.owner.clone().unwrap_or_default();
                Denot::Func(
                    Callee::Interface {
                        pkg,
                        type_name,
                        name: m.name.clone(),
                    },
                    m.sig.map(Arc::new),
                )
            }
            Selection::Opaque { pkg, type_name } => Denot::Func(
                Callee::Opaque {
                    pkg: pkg.clone(),
                    type_name: type_name.clone(),
                    name: sel.to_string(),
                },
                None,
            ),
            Selection::NotFound => Denot::Unknown(Arc::from(
                format!("{} has no field or method {sel}", t.describe()).as_str(),
            )),
            Selection::Ambiguous => Denot::Unknown(Arc::from(
                format!("ambiguous selector {sel} on {}", t.describe()).as_str(),
            )),
            Selection::Unknown(r) => {
                Denot::Unknown(Arc::from(format!("receiver type unknown: {r}").as_str()))
            }
        }
    }

    /// The type of an expression's value.
    pub fn type_of(&self, ctx: &Ctx, locals: &dyn Locals, e: &Expr, depth: u32) -> Ty {
        if depth > MAX_DEPTH {
            return Ty::unknown("expression nested too deeply");
        }
        let d = depth + 1;
        match e {
            Expr::Ident { .. } | Expr::Selector { .. } => {
                match self.denote(ctx, locals, e, depth) {
                    Denot::Value(t) => t,
                    Denot::Func(_, Some(sig)) => Ty::Func(sig),
                    Denot::Func(c, None) => Ty::unknown(format!(
                        "{} has no known signature",
                        c.full_name().unwrap_or_else(|| describe_callee(&c))
                    )),
                    Denot::Type(_) => Ty::unknown("type used as value"),
                    Denot::Package(_) => Ty::unknown("package used as value"),
                    Denot::Builtin(b) => Ty::unknown(format!("builtin {b} used as value")),
                    Denot::Unknown(r) => Ty::Unknown(r),
                }
            }
            Expr::Call {
                fun,
                args,
                type_args,
                ..
            } => self.call_type(ctx, locals, fun, args, type_args, d),
            Expr::Index { x, .. } => {
                if let Denot::Func(_, Some(sig)) = self.denote(ctx, locals, x, d) {
                    return Ty::Func(sig);
                }
                let xt = self.type_of(ctx, locals, x, d);
                match self.core(&xt) {
                    Ty::Slice(el) | Ty::Array(el) => *el,
                    Ty::Pointer(inner) => match self.core(&inner) {
                        Ty::Array(el) => *el,
                        _ => Ty::unknown("index of pointer to non-array"),
                    },
                    Ty::Map(_, v) => *v,
                    Ty::Basic(b) if b.as_ref() == "string" => Ty::Basic(Arc::from("uint8")),
                    Ty::Untyped(LitKind::String) => Ty::Basic(Arc::from("uint8")),
                    Ty::Unknown(r) => Ty::Unknown(r),
                    other => Ty::unknown(format!("cannot index {}", other.describe())),
                }
            }
            Expr::Instantiate { x, .. } => self.type_of(ctx, locals, x, d),
            Expr::Slice { x } => {
                let xt = self.type_of(ctx, locals, x, d);
                match self.core(&xt) {
                    Ty::Pointer(inner) => match self.core(&inner) {
                        Ty::Array(el) => Ty::Slice(el),
                        _ => xt,
                    },
                    Ty::Array(el) => Ty::Slice(el),
                    Ty::Untyped(LitKind::String) => Ty::Basic(Arc::from("string")),
                    _ => xt,
                }
            }
            Expr::Composite { ty, .. } => match ty {
                Some(te) => {
                    if let TypeExpr::Array { len, elem } = te {
                        if len == "..." {
                            return Ty::Array(Box::new(self.resolve_type(ctx, elem)));
                        }
                    }
                    self.resolve_type(ctx, te)
                }
                None => Ty::unknown("composite literal with elided type"),
            },
            Expr::Addr { x } => Ty::Pointer(Box::new(self.type_of(ctx, locals, x, d))),
            Expr::Deref { x } => match self.type_of(ctx, locals, x, d) {
                Ty::Pointer(inner) => *inner,
                Ty::Unknown(r) => Ty::Unknown(r),
                other => match self.core(&other) {
                    Ty::Pointer(inner) => *inner,
                    _ => Ty::unknown("dereference of non-pointer"),
                },
            },
            Expr::Recv { x } => match self.core(&self.type_of(ctx, locals, x, d)) {
                Ty::Chan(el) => *el,
                Ty::Unknown(r) => Ty::Unknown(r),
                _ => Ty::unknown("receive from non-channel"),
            },
            Expr::TypeAssert { ty: Some(te), .. } => self.resolve_type(ctx, te),
            Expr::TypeAssert { ty: None, x } => self.type_of(ctx, locals, x, d),
            Expr::Convert { ty } => self.resolve_type(ctx, ty),
            Expr::FuncLit { ty } => self.resolve_type(ctx, ty),
            Expr::Binary { op, x, y } => match op.as_str() {
                "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||" => Ty::Untyped(LitKind::Bool),
                "<<" | ">>" => self.type_of(ctx, locals, x, d),
                _ => {
                    let xt = self.type_of(ctx, locals, x, d);
                    match xt {
                        Ty::Untyped(_) | Ty::Unknown(_) => {
                            let yt = self.type_of(ctx, locals, y, d);
                            if matches!(yt, Ty::Unknown(_)) && !matches!(xt, Ty::Unknown(_)) {
                                xt
                            } else {
                                yt
                            }
                        }
                        t => t,
                    }
                }
            },
            Expr::Unary { op, x } => match op.as_str() {
                "!" => Ty::Untyped(LitKind::Bool),
                _ => self.type_of(ctx, locals, x, d),
            },
            Expr::Type { .. } => Ty::unknown("type used as value"),
            Expr::Lit { lit } => Ty::Untyped(*lit),
            Expr::Str { .. } => Ty::Untyped(LitKind::String),
            Expr::Unknown { what } => Ty::unknown(format!("unmodelled expression ({what})")),
        }
    }

    /// The core type for operations: the underlying type, or a type
    /// parameter's single core type when its constraint has one.
    fn core(&self, t: &Ty) -> Ty {
        match t {
            Ty::Named { .. } | Ty::TypeParam { .. } | Ty::Local { .. } => {
                let u = self.underlying(t);
                // A constraint like `~[]E` gives its core type.
                if let Ty::Literal(lit) = &u {
                    if let TypeExpr::Interface { methods, embeds } = &*lit.0 {
                        if methods.is_empty() && embeds.len() == 1 {
                            let term = match &embeds[0] {
                                TypeExpr::Tilde { elem } => (**elem).clone(),
                                other => other.clone(),
                            };
                            if !matches!(term, TypeExpr::Union { .. }) {
                                return self.core(&self.resolve_type(&lit.1, &term));
                            }
                        }
                    }
                }
                u
            }
            other => other.clone(),
        }
    }

    fn call_type(
        &self,
        ctx: &Ctx,
        locals: &dyn Locals,
        fun: &Expr,
        args: &[Expr],
        type_args: &[TypeExpr],
        depth: u32,
    ) -> Ty {
        // `F[T](x)` and `F[A, B](x)`: explicit type arguments written as an
        // index or instantiation of the function.
        let mut explicit: Vec<Ty> = type_args
            .iter()
            .map(|t| self.resolve_type(ctx, t))
            .collect();
        match fun {
            Expr::Index { x, index } if explicit.is_empty() => {
                if let Denot::Func(_, Some(sig)) = self.denote(ctx, locals, x, depth + 1) {
                    if !sig.type_params.is_empty() {
                        explicit.push(self.type_of_type_expr(ctx, locals, index, depth));
                    }
                }
            }
            Expr::Instantiate { args: targs, .. } if explicit.is_empty() => {
                explicit.extend(targs.iter().map(|t| self.resolve_type(ctx, t)));
            }
            _ => {}
        }
        match self.denote(ctx, locals, fun, depth) {
            Denot::Type(t) => t,
            Denot::Builtin(b) => self.builtin_result(ctx, locals, b, args, depth),
            Denot::Func(_, Some(sig)) => {
                self.instantiate_result(ctx, locals, &sig, args, &explicit, depth)
            }
            Denot::Func(c, None) => Ty::unknown(format!(
                "result of {}, source not available",
                c.full_name().unwrap_or_else(|| describe_callee(&c))
            )),
            Denot::Value(t) => match self.core(&t) {
                Ty::Func(sig) => self.instantiate_result(ctx, locals, &sig, args, &explicit, depth),
                Ty::Unknown(r) => Ty::Unknown(r),
                other => Ty::unknown(format!("call of non-function {}", other.describe())),
            },
            Denot::Package(_) => Ty::unknown("call of a package"),
            Denot::Unknown(r) => Ty::Unknown(r),
        }
    }

    fn builtin_result(
        &self,
        ctx: &Ctx,
        locals: &dyn Locals,
        b: &str,
        args: &[Expr],
        depth: u32,
    ) -> Ty {
        let first_type = || match args.first() {
            Some(a) => match self.denote(ctx, locals, a, depth + 1) {
                Denot::Type(t) => t,
                // `new(pkg.T)` with pkg's source unavailable: a selector on
                // a package in type position names a type.
                Denot::Func(
                    Callee::Func {
                        pkg,
                        name,
                        verified: false,
                    },
                    _,
                ) => Ty::Named {
                    pkg: Some(PkgRef::Missing(Arc::from(pkg.as_str()))),
                    name: Arc::from(name.as_str()),
                    args: Vec::new(),
                },
                _ => Ty::unknown(format!("{b} of a non-type")),
            },
            None => Ty::unknown(format!("{b} without arguments")),
        };
        match b {
            "new" => Ty::Pointer(Box::new(first_type())),
            "make" => first_type(),
            "append" => args
                .first()
                .map(|a| self.type_of(ctx, locals, a, depth + 1))
                .unwrap_or_else(|| Ty::unknown("append without arguments")),
            "len" | "cap" | "copy" => Ty::Basic(Arc::from("int")),
            "min" | "max" => args
                .first()
                .map(|a| self.type_of(ctx, locals, a, depth + 1))
                .unwrap_or_else(|| Ty::unknown("min/max without arguments")),
            "real" | "imag" => Ty::Basic(Arc::from("float64")),
            "complex" => Ty::Basic(Arc::from("complex128")),
            "recover" => predeclared_type("any").unwrap_or_else(|| Ty::unknown("any")),
            _ => Ty::Tuple(Vec::new()),
        }
    }

    /// The result of calling `sig`, with the type parameters of a generic
    /// function inferred from explicit type arguments or argument types.
    fn instantiate_result(
        &self,
        ctx: &Ctx,
        locals: &dyn Locals,
        sig: &Signature,
        args: &[Expr],
        type_args: &[Ty],
        depth: u32,
    ) -> Ty {
        if sig.type_params.is_empty() {
            return sig.result();
        }
        let Some(decl_ctx) = &sig.ctx else {
            return sig.result();
        };
        let mut bound: Vec<(Arc<str>, Ty)> = Vec::new();
        for (i, ta) in type_args.iter().enumerate() {
            if let Some(n) = sig.type_params.get(i) {
                bound.push((Arc::clone(n), ta.clone()));
            }
        }
        for (i, pe) in sig.param_exprs.iter().enumerate() {
            let Some(a) = args.get(i) else { break };
            let at = self.type_of(ctx, locals, a, depth + 1);
            infer(pe, &at, &sig.type_params, &mut bound, self);
        }
        let names: Vec<&str> = sig.type_params.iter().map(|n| n.as_ref()).collect();
        let args_in_order: Vec<Ty> = names
            .iter()
            .map(|n| {
                bound
                    .iter()
                    .find(|(b, _)| b.as_ref() == *n)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| Ty::unknown(format!("type argument {n} not inferred")))
            })
            .collect();
        let inst = bind_type_params(decl_ctx, names.iter().copied(), &args_in_order);
        let results: Vec<Ty> = sig
            .result_exprs
            .iter()
            .map(|r| self.resolve_type(&inst, r))
            .collect();
        match results.len() {
            1 => results.into_iter().next().expect("one"),
            _ => Ty::Tuple(results),
        }
    }

    /// The type of the value a local declaration binds at position `i` of
    /// `values` (handles `a, b := f()` and comma-ok forms).
    pub fn assigned(
        &self,
        ctx: &Ctx,
        locals: &dyn Locals,
        values: &[Expr],
        i: usize,
        n_names: usize,
    ) -> Ty {
        if values.len() == n_names {
            return self.type_of(ctx, locals, &values[i], 0).nth(0);
        }
        if values.len() == 1 {
            let v = &values[0];
            if n_names == 2 && i == 1 {
                match v {
                    Expr::TypeAssert { .. } | Expr::Recv { .. } => {
                        return Ty::Basic(Arc::from("bool"))
                    }
                    Expr::Index { x, .. } => {
                        if let Ty::Map(..) = self.core(&self.type_of(ctx, locals, x, 0)) {
                            return Ty::Basic(Arc::from("bool"));
                        }
                    }
                    _ => {}
                }
            }
            return self.type_of(ctx, locals, v, 0).nth(i);
        }
        Ty::unknown("assignment count mismatch")
    }

    /// Key and value types of `range x`.
    pub fn range_types(&self, xt: &Ty) -> (Ty, Ty) {
        let int = Ty::Basic(Arc::from("int"));
        match self.core(xt) {
            Ty::Slice(el) | Ty::Array(el) => (int, *el),
            Ty::Pointer(inner) => match self.core(&inner) {
                Ty::Array(el) => (int, *el),
                _ => (
                    Ty::unknown("range over pointer"),
                    Ty::unknown("range over pointer"),
                ),
            },
            Ty::Map(k, v) => (*k, *v),
            Ty::Chan(el) => (*el, Ty::unknown("channel range has one value")),
            Ty::Basic(b) if b.as_ref() == "string" => (int, Ty::Basic(Arc::from("int32"))),
            Ty::Untyped(LitKind::String) => (int, Ty::Basic(Arc::from("int32"))),
            Ty::Basic(_) | Ty::Untyped(LitKind::Int) => (xt.clone(), Ty::unknown("range over int")),
            Ty::Unknown(r) => (Ty::Unknown(Arc::clone(&r)), Ty::Unknown(r)),
            other => {
                let r = format!("range over {}", other.describe());
                (Ty::unknown(r.clone()), Ty::unknown(r))
            }
        }
    }
}

fn with_args(t: Ty, args: Vec<Ty>) -> Ty {
    match t {
        Ty::Named { pkg, name, .. } => Ty::Named { pkg, name, args },
        other => other,
    }
}

/// Unify a parameter type expression with an argument type, binding type
/// parameters. Only the shapes that matter for finding methods are handled.
fn infer(
    pe: &TypeExpr,
    at: &Ty,
    tparams: &[Arc<str>],
    bound: &mut Vec<(Arc<str>, Ty)>,
    c: &Checker,
) {
    match (pe, at) {
        (_, Ty::Unknown(_)) | (_, Ty::Untyped(_)) => {}
        (
            TypeExpr::Named {
                package: None,
                name,
                args,
            },
            _,
        ) if args.is_empty()
            && tparams.iter().any(|t| t.as_ref() == name)
            && !bound.iter().any(|(b, _)| b.as_ref() == name) =>
        {
            bound.push((Arc::from(name.as_str()), at.clone()));
        }
        (TypeExpr::Pointer { elem }, Ty::Pointer(inner)) => infer(elem, inner, tparams, bound, c),
        (TypeExpr::Slice { elem }, _) => {
            if let Ty::Slice(inner) = c.core(at) {
                infer(elem, &inner, tparams, bound, c)
            }
        }
        (TypeExpr::Map { key, value }, _) => {
            if let Ty::Map(k, v) = c.core(at) {
                infer(key, &k, tparams, bound, c);
                infer(value, &v, tparams, bound, c);
            }
        }
        (TypeExpr::Chan { elem, .. }, _) => {
            if let Ty::Chan(inner) = c.core(at) {
                infer(elem, &inner, tparams, bound, c)
            }
        }
        (TypeExpr::Func { params, results }, Ty::Func(sig)) => {
            for (p, t) in params.iter().zip(sig.params.iter()) {
                infer(&p.ty, t, tparams, bound, c);
            }
            for (p, t) in results.iter().zip(sig.results.iter()) {
                infer(&p.ty, t, tparams, bound, c);
            }
        }
        _ => {}
    }
}

fn describe_callee(c: &Callee) -> String {
    match c {
        Callee::Opaque {
            pkg,
            type_name,
            name,
        } => format!("{pkg}.{type_name}.{name}"),
        Callee::Dynamic { reason } | Callee::Unresolved { reason } => reason.clone(),
        other => other.full_name().unwrap_or_default(),
    }
}
