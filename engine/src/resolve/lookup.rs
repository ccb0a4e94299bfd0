//! Field and method lookup with Go's promotion rules: the shallowest depth
//! wins, two at the same depth are ambiguous; methods declared on `T` are
//! in the method sets of both `T` and `*T` (auto-addressing); a defined type
//! does not inherit its underlying named type's methods, but does its
//! struct fields (and an interface's methods).

use std::sync::Arc;

use crate::facts::TypeExpr;

use super::types::{file_ctx, resolve_type, signature, Ctx, FileImports, PkgRef, Signature, Ty};
use super::universe::{Package, Universe};

/// A concrete method, where it is declared.
#[derive(Debug, Clone)]
pub struct MethodRef {
    pub pkg: Arc<Package>,
    pub type_name: Arc<str>,
    pub pointer: bool,
    /// Receiver type parameter names as declared (`T` in `(*List[T])`).
    pub recv_type_params: Vec<String>,
    pub name: String,
    pub sig: Arc<Signature>,
}

/// An interface method; `owner` is the named interface that declares it
/// (`None` for a method of an interface literal).
#[derive(Debug, Clone)]
pub struct IfaceMethodRef {
    pub owner: Option<(String, String)>,
    pub name: String,
    pub sig: Option<Signature>,
}

/// The result of looking `x.sel` up in a type.
#[derive(Debug, Clone)]
pub enum Selection {
    Field(Ty),
    Method(MethodRef),
    IfaceMethod(IfaceMethodRef),
    /// The type's package source is not available: a method or field of
    /// this name may exist; which is unknowable.
    Opaque {
        pkg: String,
        type_name: String,
    },
    NotFound,
    Ambiguous,
    Unknown(Arc<str>),
}

const MAX_EMBED_DEPTH: usize = 8;

/// The underlying type of a named type (struct or interface literal, a
/// basic type, …), following chains of defined types.
pub fn underlying(u: &Universe, im: &FileImports, ty: &Ty) -> Ty {
    let mut t = ty.clone();
    for _ in 0..16 {
        match &t {
            Ty::Named {
                pkg: Some(PkgRef::Loaded(p)),
                name,
                args,
            } => {
                let Some((r, decl)) = p.type_decl(name) else {
                    return Ty::unknown(format!("type {}.{} not declared", p.path, name));
                };
                let ctx = file_ctx(u, im, p, r.file);
                let ctx = bind_type_params(
                    &ctx,
                    decl.type_params.iter().map(|tp| tp.name.as_str()),
                    args,
                );
                t = resolve_type(u, im, &ctx, &decl.ty, 0);
            }
            Ty::Named {
                pkg: None, name, ..
            } if name.as_ref() == "error" => {
                return Ty::Literal(Arc::new((
                    Arc::new(TypeExpr::Interface {
                        methods: vec![crate::facts::InterfaceMethod {
                            name: "Error".to_string(),
                            params: Vec::new(),
                            results: vec![crate::facts::Param {
                                name: None,
                                ty: TypeExpr::Named {
                                    package: None,
                                    name: "string".to_string(),
                                    args: Vec::new(),
                                },
                                variadic: false,
                            }],
                        }],
                        embeds: Vec::new(),
                    }),
                    super::types::empty_ctx(),
                )));
            }
            Ty::TypeParam { constraint, .. } => t = (**constraint).clone(),
            Ty::Local { underlying, .. } => t = (**underlying).clone(),
            _ => return t,
        }
    }
    Ty::unknown("type definition cycle")
}

/// The underlying type of a named type, with the named type whose
/// declaration spells that underlying type out: for `type MyWriter
/// io.Writer`, `io.Writer`, which is where go/types says `Write` is
/// declared.
pub fn underlying_with_owner(
    u: &Universe,
    im: &FileImports,
    ty: &Ty,
) -> (Ty, Option<(String, String)>) {
    let mut t = ty.clone();
    for _ in 0..16 {
        let Ty::Named {
            pkg: Some(PkgRef::Loaded(p)),
            name,
            args,
        } = &t
        else {
            return (underlying(u, im, &t), None);
        };
        let Some((r, decl)) = p.type_decl(name) else {
            return (
                Ty::unknown(format!("type {}.{} not declared", p.path, name)),
                None,
            );
        };
        let ctx = file_ctx(u, im, p, r.file);
        let ctx = bind_type_params(
            &ctx,
            decl.type_params.iter().map(|tp| tp.name.as_str()),
            args,
        );
        let next = match &*decl.ty {
            // The same literal resolve_type makes, sharing the declared
            // type instead of copying it.
            TypeExpr::Struct { .. } | TypeExpr::Interface { .. } => {
                match p.files[r.file].shared_type(r.index) {
                    Some(te) => Ty::Literal(Arc::new((te, ctx))),
                    None => resolve_type(u, im, &ctx, &decl.ty, 0),
                }
            }
            _ => resolve_type(u, im, &ctx, &decl.ty, 0),
        };
        match next {
            Ty::Named { pkg: Some(_), .. } => t = next,
            Ty::Named { pkg: None, .. } => {
                return (
                    underlying(u, im, &next),
                    Some((String::new(), "error".to_string())),
                )
            }
            other => {
                return (
                    other,
                    Some((p.path.to_string(), owner_name(name, &decl.type_params))),
                )
            }
        }
    }
    (Ty::unknown("type definition cycle"), None)
}

/// A context with `names` bound positionally to `args` (missing args bind
/// to unknown).
pub fn bind_type_params<'a>(ctx: &Ctx, names: impl Iterator<Item = &'a str>, args: &[Ty]) -> Ctx {
    let bound: Vec<(Arc<str>, Ty)> = names
        .enumerate()
        .map(|(i, n)| {
            (
                Arc::from(n),
                args.get(i)
                    .cloned()
                    .unwrap_or_else(|| Ty::unknown(format!("type argument {n} not inferred"))),
            )
        })
        .collect();
    if bound.is_empty() {
        ctx.clone()
    } else {
        ctx.with_tparams(bound)
    }
}

/// Look `sel` up in `ty` (a value's type), with auto-dereference.
pub fn lookup(u: &Universe, im: &FileImports, ty: &Ty, sel: &str) -> Selection {
    let base = match ty {
        Ty::Pointer(inner) => (**inner).clone(),
        Ty::Unknown(r) => return Selection::Unknown(Arc::clone(r)),
        t => t.clone(),
    };
    let mut level: Vec<Ty> = vec![base];
    let mut seen: Vec<(String, String)> = Vec::new();
    for _ in 0..MAX_EMBED_DEPTH {
        let mut found: Vec<Selection> = Vec::new();
        let mut next: Vec<Ty> = Vec::new();
        for t in &level {
            look_in(u, im, t, sel, &mut seen, &mut found, &mut next);
        }
        match found.len() {
            0 => {}
            1 => return found.pop().expect("one"),
            _ => {
                if found.iter().all(|f| matches!(f, Selection::Opaque { .. })) {
                    return found.swap_remove(0);
                }
                return Selection::Ambiguous;
            }
        }
        if next.is_empty() {
            return Selection::NotFound;
        }
        level = next;
    }
    Selection::NotFound
}

fn look_in(
    u: &Universe,
    im: &FileImports,
    t: &Ty,
    sel: &str,
    seen: &mut Vec<(String, String)>,
    found: &mut Vec<Selection>,
    next: &mut Vec<Ty>,
) {
    match t {
        Ty::Pointer(inner) => look_in(u, im, inner, sel, seen, found, next),
        Ty::Named {
            pkg: Some(PkgRef::Missing(path)),
            name,
            ..
        } => found.push(Selection::Opaque {
            pkg: path.to_string(),
            type_name: name.to_string(),
        }),
        Ty::Named {
            pkg: Some(PkgRef::Loaded(p)),
            name,
            args,
        } => {
            let key = (p.path.to_string(), name.to_string());
            if seen.contains(&key) {
                return;
            }
            seen.push(key);
            if let Some((r, decl)) = p.method(name, sel) {
                let recv = decl.receiver.as_ref().expect("methods have receivers");
                let sig = || {
                    let ctx = file_ctx(u, im, p, r.file);
                    let ctx =
                        bind_type_params(&ctx, recv.type_params.iter().map(|s| s.as_str()), args);
                    signature(u, im, &ctx, &decl.params, &decl.results, Vec::new(), 0)
                };
                // A generic receiver's signature depends on the type
                // arguments; any other is the declaration's own.
                let sig = if recv.type_params.is_empty() {
                    im.declared_signature(p, r.file, r.index, sig)
                } else {
                    Arc::new(sig())
                };
                found.push(Selection::Method(MethodRef {
                    pkg: Arc::clone(p),
                    type_name: Arc::clone(name),
                    pointer: recv.pointer,
                    recv_type_params: recv.type_params.clone(),
                    name: sel.to_string(),
                    sig,
                }));
                return;
            }
            let (und, owner) = underlying_with_owner(u, im, t);
            match und {
                // `type DP *T`: no methods, but T's fields are selectable.
                Ty::Pointer(inner) => {
                    let inner_und = underlying(u, im, &inner);
                    let mut methods_too = Vec::new();
                    look_in_literal(u, im, &inner_und, None, sel, &mut methods_too, next);
                    found.extend(
                        methods_too
                            .into_iter()
                            .filter(|f| matches!(f, Selection::Field(_))),
                    );
                }
                und => look_in_literal(u, im, &und, owner, sel, found, next),
            }
        }
        Ty::Named {
            pkg: None, name, ..
        } if name.as_ref() == "error" && sel == "Error" => {
            found.push(Selection::IfaceMethod(IfaceMethodRef {
                owner: Some((String::new(), "error".to_string())),
                name: sel.to_string(),
                sig: None,
            }));
        }
        Ty::TypeParam { constraint, .. } => {
            look_in(u, im, constraint, sel, seen, found, next);
        }
        Ty::Literal(_) => look_in_literal(u, im, t, None, sel, found, next),
        Ty::Local {
            pkg,
            name,
            underlying,
        } => {
            let und = self::underlying(u, im, underlying);
            look_in_literal(
                u,
                im,
                &und,
                Some((pkg.to_string(), name.to_string())),
                sel,
                found,
                next,
            )
        }
        Ty::Unknown(r) => found.push(Selection::Unknown(Arc::clone(r))),
        _ => {}
    }
}

fn look_in_literal(
    u: &Universe,
    im: &FileImports,
    t: &Ty,
    owner: Option<(String, String)>,
    sel: &str,
    found: &mut Vec<Selection>,
    next: &mut Vec<Ty>,
) {
    let Ty::Literal(lit) = t else {
        if let Ty::Unknown(r) = t {
            found.push(Selection::Unknown(Arc::clone(r)));
        }
        return;
    };
    let (te, ctx) = (&*lit.0, &lit.1);
    match te {
        TypeExpr::Struct { fields } => {
            for f in fields {
                if f.name == sel {
                    found.push(Selection::Field(resolve_type(u, im, ctx, &f.ty, 0)));
                } else if f.embedded {
                    next.push(resolve_type(u, im, ctx, &f.ty, 0));
                }
            }
        }
        TypeExpr::Interface { .. } => {
            if let Some(m) = iface_method(u, im, te, ctx, owner, sel, 0) {
                found.push(Selection::IfaceMethod(m));
            }
        }
        _ => {}
    }
}

/// Find method `sel` in an interface (literal `te` in `ctx`), through
/// embedded interfaces, naming the interface that declares it.
fn iface_method(
    u: &Universe,
    im: &FileImports,
    te: &TypeExpr,
    ctx: &Ctx,
    owner: Option<(String, String)>,
    sel: &str,
    depth: u32,
) -> Option<IfaceMethodRef> {
    if depth > 16 {
        return None;
    }
    let TypeExpr::Interface { methods, embeds } = te else {
        return None;
    };
    if let Some(m) = methods.iter().find(|m| m.name == sel) {
        return Some(IfaceMethodRef {
            owner,
            name: sel.to_string(),
            sig: Some(signature(u, im, ctx, &m.params, &m.results, Vec::new(), 0)),
        });
    }
    for e in embeds {
        let t = resolve_type(u, im, ctx, e, 0);
        match &t {
            Ty::Named {
                pkg: Some(PkgRef::Loaded(p)),
                name,
                ..
            } => {
                let und = underlying(u, im, &t);
                if let Ty::Literal(lit) = &und {
                    let params = p
                        .type_decl(name)
                        .map(|(_, d)| d.type_params.clone())
                        .unwrap_or_default();
                    let o = Some((p.path.to_string(), owner_name(name, &params)));
                    if let Some(m) = iface_method(u, im, &lit.0, &lit.1, o, sel, depth + 1) {
                        return Some(m);
                    }
                }
            }
            Ty::Named {
                pkg: None, name, ..
            } if name.as_ref() == "error" && sel == "Error" => {
                return Some(IfaceMethodRef {
                    owner: Some((String::new(), "error".to_string())),
                    name: sel.to_string(),
                    sig: None,
                });
            }
            Ty::Literal(lit) => {
                if let Some(m) = iface_method(u, im, &lit.0, &lit.1, owner.clone(), sel, depth + 1)
                {
                    return Some(m);
                }
            }
            _ => {}
        }
    }
    None
}

/// A named interface as go/types prints it as a method's owner: with its
/// type parameters and their constraints (`Getter[T any]`).
fn owner_name(name: &str, params: &[crate::facts::TypeParam]) -> String {
    if params.is_empty() {
        return name.to_string();
    }
    let list: Vec<String> = params
        .iter()
        .map(|p| format!("{} {}", p.name, render(&p.constraint)))
        .collect();
    format!("{name}[{}]", list.join(", "))
}

/// A type expression as written (qualifiers as in the source).
fn render(te: &TypeExpr) -> String {
    match te {
        TypeExpr::Named {
            package,
            name,
            args,
        } => {
            let base = match package {
                Some(p) => format!("{p}.{name}"),
                None => name.clone(),
            };
            if args.is_empty() {
                base
            } else {
                format!(
                    "{base}[{}]",
                    args.iter().map(render).collect::<Vec<_>>().join(", ")
                )
            }
        }
        TypeExpr::Pointer { elem } => format!("*{}", render(elem)),
        TypeExpr::Slice { elem } => format!("[]{}", render(elem)),
        TypeExpr::Tilde { elem } => format!("~{}", render(elem)),
        TypeExpr::Union { terms } => terms.iter().map(render).collect::<Vec<_>>().join(" | "),
        TypeExpr::Interface { methods, embeds } if methods.is_empty() && embeds.is_empty() => {
            "interface{}".to_string()
        }
        TypeExpr::Map { key, value } => format!("map[{}]{}", render(key), render(value)),
        TypeExpr::Unknown { text } => text.clone(),
        _ => "…".to_string(),
    }
}
