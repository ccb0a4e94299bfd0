//! Walking function bodies: scopes, local bindings, and every call and
//! function reference, resolved.
//!
//! Bindings are recorded in source order in a flat scope stack (Go's block
//! scoping: `x := x + 1` sees the outer `x` on its right). A binding's type
//! is computed only when a lookup needs it, against the scope stack as it was
//! when the binding was made, so most locals are never typed at all.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use tree_sitter::Node;

use crate::field::{children, named_children, node_text, Field, FieldExt, KindExt};

use crate::declscan::{Lexer, Tok};
use crate::expr::{convert_expr, Expr};
use crate::extract::{signature_of, type_expr, type_params_of};
use crate::facts::{FuncDecl, Param, Position, TypeExpr};

use super::check::{Callee, Checker, ConstRef, Denot, Locals};
use super::types::{Ctx, PkgRef, Ty};
use super::universe::Package;

/// How deep the body walk recurses before it stops descending.
const MAX_WALK_DEPTH: u32 = 400;

/// Whether a site is a call or another use of a function as a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SiteKind {
    Call,
    Reference,
}

/// The name under which calls whose function is not a name (`f()(x)`,
/// `m[k](x)`) are asked of `want` and reported (see [`walk_file`]).
pub const ANONYMOUS_CALL: &str = "";

/// One call or function reference in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Site {
    /// Of the called or referenced name's identifier.
    pub position: Position,
    pub kind: SiteKind,
    /// The identifier as written (`Sprintf`, `MustBegin`).
    pub name: String,
    pub callee: Callee,
    /// The enclosing function: `F`, `(*T).M`, `T.M`, `F.func1`; `init` for
    /// package-level initializers.
    pub function: String,
}

#[derive(Clone)]
enum Pending<'t> {
    Known(Denot),
    Type(TypeExpr),
    Value {
        values: Rc<Values<'t>>,
        index: usize,
        names: usize,
    },
    Range {
        x: Rc<Values<'t>>,
        index: usize,
    },
}

/// The expressions a binding's type comes from, converted to [`Expr`] when
/// first needed: most locals are never typed (a call through one, or a
/// hook, asks), and converting every right-hand side cost the call graph
/// more than typing the locals it asks for.
struct Values<'t> {
    nodes: Vec<Node<'t>>,
    exprs: std::cell::OnceCell<Vec<Expr>>,
}

impl<'t> Values<'t> {
    fn new(nodes: Vec<Node<'t>>) -> Rc<Self> {
        Rc::new(Values {
            nodes,
            exprs: std::cell::OnceCell::new(),
        })
    }

    fn exprs(&self, src: &[u8]) -> &[Expr] {
        self.exprs
            .get_or_init(|| self.nodes.iter().map(|n| expr_in(*n, src)).collect())
    }

    fn len(&self) -> usize {
        self.nodes.len()
    }
}

struct Entry<'t> {
    name: String,
    state: RefCell<Pending<'t>>,
    /// Stack length when bound: the view its type is computed in.
    snapshot: usize,
    /// Where the value came from, for hooks that follow a local back to
    /// its definition.
    origin: LocalOrigin,
    /// Values assigned after the definition (`x = e`, `x += e`), in walk
    /// order.
    assigned: RefCell<Vec<LocalOrigin>>,
    /// Whether a reference to the name was walked (which needs no type:
    /// a local is never a function, see [`Walker::ident_ref`]).
    referenced: Cell<bool>,
    /// The context to type the binding in, when the walk's context
    /// changed (a local type was declared) after the name was first
    /// referenced: a binding is typed in the context of its first
    /// reference or lookup, whichever is first (see
    /// [`Walker::pin_referenced`]).
    pinned: RefCell<Option<Ctx>>,
}

/// How a local name got its value.
#[derive(Debug, Clone)]
pub enum LocalOrigin {
    /// A parameter, result or receiver: its value comes from callers.
    Param,
    /// `x := e`, `var x = e`: the expression paired with the name.
    Value(Expr),
    /// `const x = e` inside a function.
    Const(Expr),
    /// Result `index` of a call with several (`q, args, err := b.ToSql()`).
    Result { call: Expr, index: usize },
    /// `x += e`.
    Append(Expr),
    /// `var x T`: the zero value.
    Zero,
    /// Anything else (range variables, `a, b := f()`, type switches).
    Other,
}

/// What a hook learns about a local name.
#[derive(Debug, Clone)]
pub struct LocalBinding {
    pub origin: LocalOrigin,
    /// Values assigned after the definition and before this point of the
    /// walk (`x = …`, `x += …`).
    pub assigned: Vec<LocalOrigin>,
}

/// Observes a body walk, for analyses that need more than call sites (the
/// SQL analyzer: constant strings and the calls that take them).
///
/// Hooks see nodes of the tree being walked and a [`HookCx`] that answers
/// questions in the scope the walk is at (constant values, types, locals).
pub trait BodyHooks {
    /// Whether calls of `name` (the called identifier, `Exec` in
    /// `db.Exec(…)`) should be resolved and passed to [`BodyHooks::on_call`].
    fn wants_call(&self, name: &str) -> bool;
    /// Whether the hooks want constant strings ([`BodyHooks::on_string`],
    /// [`BodyHooks::on_partial_string`], [`BodyHooks::on_constants`]):
    /// when not, the walk does not fold expressions for them.
    fn wants_strings(&self) -> bool {
        true
    }
    /// Whether the hooks ask where locals' values came from
    /// ([`HookCx::local`]): when not, the walk does not record it (every
    /// origin is [`LocalOrigin::Other`]), which spares converting the
    /// right-hand side of every assignment.
    fn wants_locals(&self) -> bool {
        true
    }
    /// A call of a wanted name, resolved. Called before the call's
    /// arguments are walked.
    fn on_call(&mut self, cx: &HookCx, call: Node, callee: &Callee);
    /// A maximal constant string expression in code that runs (a literal, a
    /// constant, a `+` of constants); `consts` lists the package-level
    /// declarations it was built from. Package-level variable and constant
    /// initializers are declarations, not uses, and are not reported.
    fn on_string(&mut self, cx: &HookCx, node: Node, value: &str, consts: &[ConstRef]);
    /// A `+` concatenation that is not constant, whose leftmost operand is
    /// the constant `prefix` (`"SELECT * FROM " + table`).
    fn on_partial_string(&mut self, cx: &HookCx, node: Node, prefix: &str, consts: &[ConstRef]);
    /// Package-level declarations an expression that did not fold to a
    /// string refers to (they are used all the same).
    fn on_constants(&mut self, _cx: &HookCx, _consts: &[ConstRef]) {}
    /// The walk stopped descending at `node`: code below it (nested deeper
    /// than the walker follows) is not seen.
    fn on_too_deep(&mut self, _cx: &HookCx, _node: Node) {}
}

/// The walk's view at a hook call.
pub struct HookCx<'a, 't> {
    view: View<'a, 't>,
    src: &'a [u8],
    function: &'a str,
}

impl HookCx<'_, '_> {
    /// The enclosing function, named as in [`Site::function`].
    pub fn function(&self) -> &str {
        self.function
    }

    /// The source text of a node.
    pub fn text(&self, n: Node) -> String {
        node_text(self.src, n).into_owned()
    }

    /// The node's expression form.
    pub fn expr(&self, n: Node) -> Expr {
        expr_in(n, self.src)
    }

    /// The constant string value of an expression node, with the package
    /// declarations it was built from.
    pub fn fold(&self, n: Node) -> Option<(String, Vec<ConstRef>)> {
        self.fold_expr(&self.expr(n))
    }

    /// The strings of a composite literal of string literals, in place or
    /// through a package-level variable (`[]string{"a"}`, `columns`).
    pub fn fold_list(&self, n: Node) -> Option<(Vec<String>, Vec<ConstRef>)> {
        let e = self.expr(n);
        let mut trace = Vec::new();
        let v = self
            .view
            .checker
            .fold_string_list(self.view.ctx, &self.view, &e, &mut trace)?;
        Some((v, trace))
    }

    /// [`HookCx::fold`] for an expression already in [`Expr`] form (a
    /// local's definition).
    pub fn fold_expr(&self, e: &Expr) -> Option<(String, Vec<ConstRef>)> {
        let mut trace = Vec::new();
        let v =
            self.view
                .checker
                .fold_string_traced(self.view.ctx, &self.view, e, 0, &mut trace)?;
        Some((v, trace))
    }

    /// The type of an expression node.
    pub fn type_of(&self, n: Node) -> Ty {
        let e = self.expr(n);
        self.view.checker.type_of(self.view.ctx, &self.view, &e, 0)
    }

    /// What a called expression (`db.Exec`, `sq.Insert`) resolves to.
    pub fn callee_of(&self, fun: Node) -> Option<Callee> {
        let e = self.expr(unparen(fun));
        match self.view.checker.denote(self.view.ctx, &self.view, &e, 0) {
            Denot::Func(c, _) => Some(c),
            _ => None,
        }
    }

    /// The method `name` of an expression's type (`ServeHTTP` of a handler
    /// value), as a call of it would resolve.
    pub fn method_of(&self, n: Node, name: &str) -> Option<Callee> {
        let t = self.type_of(n);
        match self.view.checker.select(&t, name) {
            Denot::Func(c, _) => Some(c),
            _ => None,
        }
    }

    /// The innermost local binding of `name` in scope, if it is local
    /// (with origins only for hooks that want them,
    /// [`BodyHooks::wants_locals`]).
    pub fn local(&self, name: &str) -> Option<LocalBinding> {
        let entry = self.view.scopes.entries[..self.view.limit]
            .iter()
            .rev()
            .find(|e| e.name == name)?;
        Some(LocalBinding {
            origin: entry.origin.clone(),
            assigned: entry.assigned.borrow().clone(),
        })
    }

    /// The position of a node.
    pub fn position(&self, n: Node) -> Position {
        Position::of(n.start_position())
    }
}

/// The flat scope stack.
#[derive(Default)]
struct Scopes<'t> {
    entries: Vec<Entry<'t>>,
    /// Where each open block starts in `entries`.
    blocks: Vec<usize>,
}

struct View<'a, 't> {
    scopes: &'a Scopes<'t>,
    src: &'a [u8],
    limit: usize,
    checker: &'a Checker<'a>,
    ctx: &'a Ctx,
}

impl Locals for View<'_, '_> {
    fn is_local(&self, name: &str) -> bool {
        self.scopes.entries[..self.limit]
            .iter()
            .any(|e| e.name == name)
    }

    fn local(&self, name: &str) -> Option<Denot> {
        let i = self.scopes.entries[..self.limit]
            .iter()
            .rposition(|e| e.name == name)?;
        let entry = &self.scopes.entries[i];
        let pending = entry.state.borrow().clone();
        // Only the walker pins, never a lookup: the borrow cannot clash.
        let pinned = entry.pinned.borrow();
        let ctx = pinned.as_ref().unwrap_or(self.ctx);
        let denot = match pending {
            Pending::Known(d) => return Some(d),
            Pending::Type(te) => Denot::Value(self.checker.resolve_type(ctx, &te)),
            Pending::Value {
                values,
                index,
                names,
            } => {
                let view = View {
                    limit: entry.snapshot,
                    ctx,
                    ..*self
                };
                let values = values.exprs(self.src);
                Denot::Value(self.checker.assigned(ctx, &view, values, index, names))
            }
            Pending::Range { x, index } => {
                let view = View {
                    limit: entry.snapshot,
                    ctx,
                    ..*self
                };
                let xt = match x.exprs(self.src) {
                    [x] => self.checker.type_of(ctx, &view, x, 0),
                    _ => Ty::unknown("range over nothing"),
                };
                let (k, v) = self.checker.range_types(&xt);
                Denot::Value(if index == 0 { k } else { v })
            }
        };
        *entry.state.borrow_mut() = Pending::Known(denot.clone());
        Some(denot)
    }
}

/// Walk one file. `pkg` is the package the file belongs to and `file` its
/// index in `pkg.files`; `want` filters names worth resolving (every
/// binding is still tracked, so what is resolved is resolved right).
pub fn walk_file(
    checker: &Checker,
    pkg: &Arc<Package>,
    file: usize,
    root: Node,
    src: &[u8],
    want: &dyn Fn(&str) -> bool,
) -> Vec<Site> {
    walk_file_with(checker, pkg, file, root, src, want, None)
}

/// [`walk_file`], also calling `hooks` on constant strings and wanted calls.
pub fn walk_file_with(
    checker: &Checker,
    pkg: &Arc<Package>,
    file: usize,
    root: Node,
    src: &[u8],
    want: &dyn Fn(&str) -> bool,
    hooks: Option<&mut dyn BodyHooks>,
) -> Vec<Site> {
    let ctx = checker.ctx(pkg, file);
    let funcs = pkg
        .files
        .get(file)
        .map_or(&[][..], |f| &f.facts().funcs[..]);
    debug_assert!(
        funcs.windows(2).all(|w| w[0].position < w[1].position),
        "a file's functions are in source order"
    );
    let mut w = Walker {
        c: checker,
        funcs,
        ctx: ctx.clone(),
        base_ctx: ctx,
        src,
        scopes: Scopes::default(),
        function: String::new(),
        closures: Vec::new(),
        glob_closures: 0,
        in_glob: false,
        inits: 0,
        depth: 0,
        too_deep: false,
        want,
        hooks,
        out: Vec::new(),
        package_names: hashbrown::HashMap::new(),
        pending: Vec::new(),
    };
    let mut cursor = root.walk();
    for decl in root.named_children(&mut cursor) {
        match decl.kind_name() {
            "function_declaration" | "method_declaration" => w.func_decl(decl),
            "var_declaration" => {
                // Package initialization: calls run in the package's init;
                // closures get the compiler's `glob..funcN` names
                // (numbered per file here, per package by the compiler).
                w.function = "init".to_string();
                w.closures = vec![w.glob_closures];
                w.in_glob = true;
                w.walk_children(decl);
                w.in_glob = false;
                w.glob_closures = w.closures[0];
            }
            _ => {}
        }
    }
    w.out.sort();
    w.out.dedup();
    w.out
}

struct Walker<'a, 'h, 't> {
    c: &'a Checker<'a>,
    /// The file's function declarations as the scan extracted them, in
    /// source order: their signatures need not be extracted again.
    funcs: &'a [FuncDecl],
    ctx: Ctx,
    base_ctx: Ctx,
    src: &'a [u8],
    scopes: Scopes<'t>,
    function: String,
    /// Closure counters: one per enclosing function level.
    closures: Vec<u32>,
    /// Closures in package-level initializers so far, and whether one is
    /// being walked.
    glob_closures: u32,
    in_glob: bool,
    /// `func init` declarations so far (the compiler names them init.N).
    inits: u32,
    /// Current nesting of `walk`, and whether the limit was hit.
    depth: u32,
    too_deep: bool,
    want: &'a dyn Fn(&str) -> bool,
    hooks: Option<&'h mut dyn BodyHooks>,
    out: Vec<Site>,
    /// [`Walker::names_no_function`]'s answers so far.
    package_names: hashbrown::HashMap<Box<str>, bool>,
    /// The children still to walk at each level of the walk: one stretch
    /// per level on one stack, so that no level holds a list of its own
    /// (on the thread's stack, or allocated) while deeper ones are walked.
    pending: Vec<Node<'t>>,
}

impl<'a, 't> Walker<'a, '_, 't> {
    fn text(&self, n: Node<'t>) -> String {
        self.text_ref(n).into_owned()
    }

    /// [`Walker::text`], borrowed from the source when it is valid UTF-8.
    fn text_ref(&self, n: Node<'t>) -> std::borrow::Cow<'_, str> {
        node_text(self.src, n)
    }

    fn expr(&self, n: Node<'t>) -> Expr {
        expr_in(n, self.src)
    }

    fn view(&self) -> View<'_, 't> {
        View {
            scopes: &self.scopes,
            src: self.src,
            limit: self.scopes.entries.len(),
            checker: self.c,
            ctx: &self.ctx,
        }
    }

    fn bind(&mut self, name: String, state: Pending<'t>, origin: LocalOrigin) {
        let snapshot = self.scopes.entries.len();
        self.bind_seeing(name, state, snapshot, origin);
    }

    /// Bind `name`, typing it later in the scopes as they were at
    /// `snapshot`: every name of `a, b := f(a)` sees the outer `a`.
    fn bind_seeing(
        &mut self,
        name: String,
        state: Pending<'t>,
        snapshot: usize,
        origin: LocalOrigin,
    ) {
        if name == "_" {
            return;
        }
        self.scopes.entries.push(Entry {
            name,
            state: RefCell::new(state),
            snapshot,
            origin,
            assigned: RefCell::new(Vec::new()),
            referenced: Cell::new(false),
            pinned: RefCell::new(None),
        });
    }

    /// Called before the walk's context changes: bindings referenced
    /// while their type was pending keep the context they were referenced
    /// in, so that they are typed as if the reference had typed them.
    fn pin_referenced(&self) {
        for e in &self.scopes.entries {
            if e.referenced.get()
                && e.pinned.borrow().is_none()
                && !matches!(*e.state.borrow(), Pending::Known(_))
            {
                *e.pinned.borrow_mut() = Some(self.ctx.clone());
            }
        }
    }

    /// `name` (in scope) was assigned a value.
    fn record_assignment(&self, name: &str, value: LocalOrigin) {
        if !self.wants_locals() {
            return;
        }
        if let Some(e) = self.scopes.entries.iter().rev().find(|e| e.name == name) {
            e.assigned.borrow_mut().push(value);
        }
    }

    /// Where name `index` of `names` bound to `values` got its value, for
    /// hooks that want locals ([`BodyHooks::wants_locals`]); for others the
    /// values need not be converted.
    fn origin(&self, values: &Values<'t>, index: usize, names: usize) -> LocalOrigin {
        if !self.wants_locals() {
            return LocalOrigin::Other;
        }
        paired_origin(values.exprs(self.src), index, names)
    }

    /// Report a constant string expression to the hooks. True when `node`
    /// is one (or is a package-level initializer, which is not a use), so
    /// the walk need not descend into it.
    fn hook_string(&mut self, node: Node<'t>) -> bool {
        if !self.wants_strings() {
            return false;
        }
        if self.in_glob && self.function == "init" && is_package_initializer(node) {
            // Uses of the declared name are what count.
            let e = self.expr(node);
            return self.c.fold_string(&self.ctx, &self.view(), &e, 0).is_some();
        }
        let e = self.expr(node);
        let mut trace = Vec::new();
        let Some(value) = self
            .c
            .fold_string_traced(&self.ctx, &self.view(), &e, 0, &mut trace)
        else {
            if !trace.is_empty() {
                self.with_hooks(|h, cx| h.on_constants(cx, &trace));
            }
            return false;
        };
        self.with_hooks(|h, cx| h.on_string(cx, node, &value, &trace));
        true
    }

    /// A concatenation that did not fold: tell the hooks its constant
    /// leftmost part.
    fn hook_partial(&mut self, node: Node<'t>) {
        let left = leftmost_operand(node);
        let e = self.expr(left);
        let mut trace = Vec::new();
        let Some(prefix) = self
            .c
            .fold_string_traced(&self.ctx, &self.view(), &e, 0, &mut trace)
        else {
            return;
        };
        self.with_hooks(|h, cx| h.on_partial_string(cx, node, &prefix, &trace));
    }

    /// Whether there are hooks and they want constant strings.
    fn wants_strings(&self) -> bool {
        self.hooks.as_ref().is_some_and(|h| h.wants_strings())
    }

    /// Whether there are hooks and they want locals' origins.
    fn wants_locals(&self) -> bool {
        self.hooks.as_ref().is_some_and(|h| h.wants_locals())
    }

    fn hook_cx(&self) -> HookCx<'_, 't> {
        HookCx {
            view: self.view(),
            src: self.src,
            function: &self.function,
        }
    }

    /// Run `f` with the hooks, if any.
    fn with_hooks(&mut self, f: impl FnOnce(&mut dyn BodyHooks, &HookCx)) {
        if let Some(h) = self.hooks.take() {
            f(&mut *h, &self.hook_cx());
            self.hooks = Some(h);
        }
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        let mark = self.scopes.entries.len();
        let ctx = self.ctx.clone();
        self.scopes.blocks.push(mark);
        f(self);
        self.scopes.blocks.pop();
        self.scopes.entries.truncate(mark);
        if !Arc::ptr_eq(&self.ctx.tparams, &ctx.tparams) {
            self.pin_referenced();
        }
        self.ctx = ctx;
    }

    /// Whether `name` is already declared in the innermost block: then
    /// `name, err := …` assigns it rather than declaring a new one.
    fn declared_in_block(&self, name: &str) -> bool {
        let start = self.scopes.blocks.last().copied().unwrap_or(0);
        self.scopes.entries[start..].iter().any(|e| e.name == name)
    }

    /// The extracted declaration of the function whose name is `name_node`,
    /// when the file's facts have it (they come from the same source).
    fn declared(&self, name_node: Option<Node<'t>>, name: &str) -> Option<&'a FuncDecl> {
        let at = Position::of(name_node?.start_position());
        let funcs = self.funcs;
        let i = funcs.binary_search_by(|f| f.position.cmp(&at)).ok()?;
        Some(&funcs[i]).filter(|f| f.name == name)
    }

    fn func_decl(&mut self, decl: Node<'t>) {
        let name_node = decl.field(Field::Name);
        let name = name_node.map(|n| self.text(n)).unwrap_or_default();
        let declared = self.declared(name_node, &name);
        let mut params: Vec<(String, TypeExpr)> = Vec::new();
        let mut receiver: Option<(Option<String>, String, bool, usize)> = None;
        self.function = name.clone();
        if let Some(recv) = decl.field(Field::Receiver) {
            let r = match declared {
                Some(d) => d.receiver.clone(),
                None => crate::extract::receiver_of(recv, self.src),
            };
            if let Some(r) = r {
                // Receiver type parameters take the type declaration's
                // constraints, under the receiver's names for them. Only a
                // generic receiver needs the declaration: looking it up
                // parses the file that declares it.
                let decl_params = if r.type_params.is_empty() {
                    Vec::new()
                } else {
                    self.base_ctx
                        .pkg
                        .type_decl(&r.type_name)
                        .map(|(_, d)| d.type_params.clone())
                        .unwrap_or_default()
                };
                for (i, n) in r.type_params.iter().enumerate() {
                    let constraint = decl_params
                        .get(i)
                        .map(|tp| tp.constraint.clone())
                        .unwrap_or(TypeExpr::Unknown { text: n.clone() });
                    params.push((n.clone(), constraint));
                }
                self.function = if r.pointer {
                    format!("(*{}).{name}", r.type_name)
                } else {
                    format!("{}.{name}", r.type_name)
                };
                receiver = Some((r.name, r.type_name, r.pointer, r.type_params.len()));
            }
        } else if name == "init" {
            self.function = format!("init.{}", self.inits);
            self.inits += 1;
        }
        match declared {
            Some(d) => params.extend(
                d.type_params
                    .iter()
                    .map(|tp| (tp.name.clone(), tp.constraint.clone())),
            ),
            None => params.extend(
                type_params_of(decl, self.src)
                    .into_iter()
                    .map(|tp| (tp.name, tp.constraint)),
            ),
        }
        let bound = self.c.bind_type_param_list(&self.base_ctx, &params);
        let receiver = receiver.and_then(|(n, type_name, pointer, count)| {
            let named = Ty::Named {
                pkg: Some(PkgRef::Loaded(Arc::clone(&self.base_ctx.pkg))),
                name: Arc::from(type_name.as_str()),
                args: bound.iter().take(count).map(|(_, t)| t.clone()).collect(),
            };
            let ty = if pointer {
                Ty::Pointer(Box::new(named))
            } else {
                named
            };
            n.map(|n| (n, ty))
        });
        self.ctx = self.base_ctx.with_tparams(bound);
        self.closures = vec![0];
        self.scoped(|w| {
            if let Some((n, t)) = receiver {
                w.bind(n, Pending::Known(Denot::Value(t)), LocalOrigin::Param);
            }
            match declared {
                Some(d) => w.bind_params(d.params.iter().chain(&d.results).cloned()),
                None => w.bind_signature(decl),
            }
            if let Some(body) = decl.field(Field::Body) {
                w.walk_children(body);
            }
        });
        self.ctx = self.base_ctx.clone();
    }

    fn bind_signature(&mut self, node: Node<'t>) {
        let (params, results) = signature_of(node, self.src);
        self.bind_params(params.into_iter().chain(results));
    }

    fn bind_params(&mut self, params: impl Iterator<Item = Param>) {
        for p in params {
            if let Some(n) = p.name {
                let te = if p.variadic {
                    TypeExpr::Slice {
                        elem: Box::new(p.ty),
                    }
                } else {
                    p.ty
                };
                self.bind(n, Pending::Type(te), LocalOrigin::Param);
            }
        }
    }

    fn func_lit(&mut self, node: Node<'t>) {
        let n = {
            let last = self.closures.last_mut().expect("a function level");
            *last += 1;
            *last
        };
        let saved = self.function.clone();
        self.function = if self.closures.len() == 1 && self.in_glob {
            format!("glob..func{n}")
        } else if self.closures.len() == 1 {
            format!("{saved}.func{n}")
        } else {
            format!("{saved}.{n}")
        };
        self.closures.push(0);
        self.scoped(|w| {
            w.bind_signature(node);
            if let Some(body) = node.field(Field::Body) {
                w.walk_children(body);
            }
        });
        self.closures.pop();
        self.function = saved;
    }

    fn walk_children(&mut self, node: Node<'t>) {
        self.walk_named_children(node, |_| true);
    }

    /// Walk the named children `keep` accepts, in order.
    fn walk_named_children(&mut self, node: Node<'t>, keep: impl Fn(Node<'t>) -> bool) {
        let start = self.pending.len();
        self.pending
            .extend(named_children(node).filter(|&c| keep(c)));
        let end = self.pending.len();
        for i in start..end {
            let c = self.pending[i];
            self.walk(c);
        }
        self.pending.truncate(start);
    }

    fn walk(&mut self, node: Node<'t>) {
        // Syntax nests without limit in adversarial input; the walk is
        // recursive, so past this depth it stops descending (and says so).
        if self.depth >= MAX_WALK_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.with_hooks(|h, cx| h.on_too_deep(cx, node));
                self.out.push(Site {
                    position: Position::of(node.start_position()),
                    kind: SiteKind::Call,
                    name: String::new(),
                    callee: Callee::Unresolved {
                        reason: format!(
                            "code nested deeper than {MAX_WALK_DEPTH} levels is not analyzed"
                        ),
                    },
                    function: self.function.clone(),
                });
            }
            return;
        }
        self.depth += 1;
        self.walk_node(node);
        self.depth -= 1;
    }

    fn walk_node(&mut self, node: Node<'t>) {
        match node.kind_name() {
            "comment" => {}
            "block"
            | "if_statement"
            | "for_statement"
            | "expression_switch_statement"
            | "select_statement"
            | "expression_case"
            | "default_case"
            | "communication_case" => self.scoped(|w| w.walk_children(node)),
            "func_literal" => self.func_lit(node),
            "short_var_declaration" => self.short_var(node),
            "var_declaration" => self.var_decl(node),
            "const_declaration" => self.const_decl(node),
            "type_declaration" => self.type_decl(node),
            "range_clause" => self.range_clause(node),
            "type_switch_statement" => self.type_switch(node),
            "receive_statement" => self.receive(node),
            "call_expression" => self.call(node),
            "interpreted_string_literal" | "raw_string_literal" => {
                self.hook_string(node);
            }
            "binary_expression" if self.wants_strings() && is_concat_top(node, self.src) => {
                if !self.hook_string(node) {
                    self.hook_partial(node);
                    self.walk_children(node);
                }
            }
            "assignment_statement" => {
                self.walk_children(node);
                if !self.wants_locals() {
                    return;
                }
                let left = self.list(node.field(Field::Left));
                let values: Vec<Expr> = self
                    .list(node.field(Field::Right))
                    .iter()
                    .map(|r| self.expr(*r))
                    .collect();
                let op = node
                    .field(Field::Operator)
                    .map(|o| self.text(o))
                    .unwrap_or_default();
                for (i, l) in left.iter().enumerate() {
                    if l.kind_name() != "identifier" {
                        continue;
                    }
                    let origin = match op.as_str() {
                        "=" => paired_origin(&values, i, left.len()),
                        "+=" if left.len() == 1 && values.len() == 1 => {
                            LocalOrigin::Append(values[0].clone())
                        }
                        _ => LocalOrigin::Other,
                    };
                    let name = self.text(*l);
                    self.record_assignment(&name, origin);
                }
            }
            "selector_expression" => {
                if !self.hook_string(node) {
                    self.selector_ref(node)
                }
            }
            "identifier" => {
                if !self.hook_string(node) {
                    self.ident_ref(node)
                }
            }
            "keyed_element" => self.keyed(node),
            "type_instantiation_expression" => {
                if let Some(t) = node.field(Field::Type) {
                    self.type_named_ref(t, SiteKind::Reference);
                }
            }
            "labeled_statement" => {
                self.walk_named_children(node, |c| c.kind_name() != "label_name");
            }
            // Types contain no calls; parameter names in func types are
            // declarations, not references.
            k if is_type_node(k) => {}
            "literal_value"
                if inert_literal(
                    self.src.get(node.byte_range()).unwrap_or_default(),
                    self.wants_strings(),
                ) => {}
            _ => self.walk_children(node),
        }
    }

    fn list(&self, node: Option<Node<'t>>) -> Vec<Node<'t>> {
        let Some(n) = node else { return Vec::new() };
        if n.kind_name() != "expression_list" {
            return vec![n];
        }
        named_children(n)
            .filter(|c| c.kind_name() != "comment")
            .collect()
    }

    fn short_var(&mut self, node: Node<'t>) {
        let right: Vec<Node> = self.list(node.field(Field::Right)).into_iter().collect();
        for r in &right {
            self.walk(*r);
        }
        let values = Values::new(right);
        let left: Vec<String> = self
            .list(node.field(Field::Left))
            .iter()
            .map(|l| self.text(*l))
            .collect();
        self.define(left, values);
    }

    /// `a, b := values`: every new name sees the scopes as they were before
    /// the statement; a name already declared in this block is assigned.
    fn define(&mut self, left: Vec<String>, values: Rc<Values<'t>>) {
        let names = left.len();
        let snapshot = self.scopes.entries.len();
        for (index, name) in left.into_iter().enumerate() {
            let origin = self.origin(&values, index, names);
            if self.declared_in_block(&name) {
                self.record_assignment(&name, origin);
                continue;
            }
            self.bind_seeing(
                name,
                Pending::Value {
                    values: Rc::clone(&values),
                    index,
                    names,
                },
                snapshot,
                origin,
            );
        }
    }

    fn var_decl(&mut self, node: Node<'t>) {
        let mut specs = Vec::new();
        collect_kind(node, "var_spec", &mut specs);
        for spec in specs {
            let values: Vec<Node> = self.list(spec.field(Field::Value));
            for v in &values {
                self.walk(*v);
            }
            let declared = spec.field(Field::Type).map(|t| type_expr(t, self.src));
            let values = Values::new(values);
            let mut cursor = spec.walk();
            let names: Vec<String> = spec
                .fields(Field::Name, &mut cursor)
                .map(|n| self.text(n))
                .collect();
            let count = names.len();
            let snapshot = self.scopes.entries.len();
            for (index, name) in names.into_iter().enumerate() {
                let state = match &declared {
                    Some(te) => Pending::Type(te.clone()),
                    None => Pending::Value {
                        values: Rc::clone(&values),
                        index,
                        names: count,
                    },
                };
                let origin = match values.len() {
                    0 if self.wants_locals() => LocalOrigin::Zero,
                    _ => self.origin(&values, index, count),
                };
                self.bind_seeing(name, state, snapshot, origin);
            }
        }
    }

    fn const_decl(&mut self, node: Node<'t>) {
        let mut specs = Vec::new();
        collect_kind(node, "const_spec", &mut specs);
        for spec in specs {
            let declared = spec.field(Field::Type).map(|t| type_expr(t, self.src));
            let values: Vec<Node> = self.list(spec.field(Field::Value));
            if self.hooks.is_some() {
                // A function's own constants are used where they are
                // declared, as far as hooks can tell.
                for v in &values {
                    self.walk(*v);
                }
            }
            let exprs: Vec<Expr> = values.iter().map(|v| self.expr(*v)).collect();
            let mut cursor = spec.walk();
            let names: Vec<String> = spec
                .fields(Field::Name, &mut cursor)
                .filter(|n| n.kind_name() == "identifier")
                .map(|n| self.text(n))
                .collect();
            let count = names.len();
            for (index, name) in names.into_iter().enumerate() {
                let state = match &declared {
                    Some(te) => Pending::Type(te.clone()),
                    None => Pending::Known(Denot::Value(Ty::Untyped(crate::expr::LitKind::Int))),
                };
                let origin = match exprs.get(index) {
                    Some(e) if exprs.len() == count && self.wants_locals() => {
                        LocalOrigin::Const(e.clone())
                    }
                    _ => LocalOrigin::Other,
                };
                self.bind(name, state, origin);
            }
        }
    }

    fn type_decl(&mut self, node: Node<'t>) {
        let specs: Vec<Node> = named_children(node).collect();
        for spec in specs {
            let Some(name) = spec.field(Field::Name) else {
                continue;
            };
            let ty = spec
                .field(Field::Type)
                .map(|t| self.c.resolve_type(&self.ctx, &type_expr(t, self.src)))
                .unwrap_or_else(|| Ty::unknown("local type"));
            // Local defined types have no methods; their structure (fields)
            // is what lookups need. Type expressions in the rest of the block
            // see them through the context, like type parameters.
            let name = self.text(name);
            let ty = if spec.kind_name() == "type_alias" {
                ty
            } else {
                Ty::Local {
                    pkg: Arc::clone(&self.base_ctx.pkg.path),
                    name: Arc::from(name.as_str()),
                    underlying: Box::new(ty),
                }
            };
            self.pin_referenced();
            self.ctx = self
                .ctx
                .with_tparams(vec![(Arc::from(name.as_str()), ty.clone())]);
            self.bind(name, Pending::Known(Denot::Type(ty)), LocalOrigin::Other);
        }
    }

    fn range_clause(&mut self, node: Node<'t>) {
        let Some(right) = node.field(Field::Right) else {
            return;
        };
        self.walk(right);
        let defines = children(node).any(|ch| ch.kind_name() == ":=");
        let left: Vec<Node> = self.list(node.field(Field::Left));
        if !defines {
            for l in left {
                self.walk(l);
            }
            return;
        }
        let x = Values::new(vec![right]);
        let snapshot = self.scopes.entries.len();
        for (index, l) in left.into_iter().enumerate() {
            let name = self.text(l);
            self.bind_seeing(
                name,
                Pending::Range {
                    x: Rc::clone(&x),
                    index,
                },
                snapshot,
                LocalOrigin::Other,
            );
        }
    }

    fn receive(&mut self, node: Node<'t>) {
        if let Some(r) = node.field(Field::Right) {
            self.walk(r);
        }
        let defines = children(node).any(|ch| ch.kind_name() == ":=");
        let left: Vec<Node> = self.list(node.field(Field::Left));
        if !defines {
            for l in left {
                self.walk(l);
            }
            return;
        }
        let Some(r) = node.field(Field::Right) else {
            return;
        };
        let values = Values::new(vec![r]);
        let names: Vec<String> = left.iter().map(|l| self.text(*l)).collect();
        self.define(names, values);
    }

    fn type_switch(&mut self, node: Node<'t>) {
        self.scoped(|w| {
            if let Some(init) = node.field(Field::Initializer) {
                w.walk(init);
            }
            let Some(value) = node.field(Field::Value) else {
                return;
            };
            w.walk(value);
            let alias: Option<String> = node
                .field(Field::Alias)
                .and_then(|a| w.list(Some(a)).first().map(|n| w.text(*n)));
            let x = Values::new(vec![value]);
            let cases: Vec<Node> = named_children(node)
                .filter(|c| matches!(c.kind_name(), "type_case" | "default_case"))
                .collect();
            for case in cases {
                w.scoped(|w| {
                    if let Some(name) = &alias {
                        let mut c = case.walk();
                        let types: Vec<Node> = case.fields(Field::Type, &mut c).collect();
                        let state = if types.len() == 1 && w.text(types[0]) != "nil" {
                            Pending::Type(type_expr(types[0], w.src))
                        } else {
                            Pending::Value {
                                values: Rc::clone(&x),
                                index: 0,
                                names: 1,
                            }
                        };
                        w.bind(name.clone(), state, LocalOrigin::Other);
                    }
                    let stmts: Vec<Node> = named_children(case)
                        .filter(|n| n.kind_name() == "statement_list")
                        .collect();
                    for s in stmts {
                        w.walk_children(s);
                    }
                });
            }
        });
    }

    fn keyed(&mut self, node: Node<'t>) {
        let children: Vec<Node> = named_children(node).collect();
        for (i, c) in children.iter().enumerate() {
            // The key of a struct literal element is a field name.
            if i == 0 && children.len() == 2 && is_bare_identifier(*c) {
                continue;
            }
            self.walk(*c);
        }
    }

    /// Report a call or reference at identifier node `at` for expression
    /// `e`; false when it is not a site (a value referenced, a type, …).
    fn report(&mut self, at: Node<'t>, e: &Expr, kind: SiteKind) -> bool {
        let denot = {
            let view = self.view();
            self.c.denote(&self.ctx, &view, e, 0)
        };
        let callee = match denot {
            Denot::Func(c, _) => c,
            Denot::Value(t) => {
                if kind == SiteKind::Reference {
                    return false;
                }
                Callee::Dynamic {
                    reason: format!("call through a value of type {}", t.describe()),
                }
            }
            Denot::Type(_) | Denot::Builtin(_) => return false,
            Denot::Package(_) => return false,
            Denot::Unknown(r) => Callee::Unresolved {
                reason: r.to_string(),
            },
        };
        self.out.push(Site {
            position: Position::of(at.start_position()),
            kind,
            name: self.text(at),
            callee,
            function: self.function.clone(),
        });
        true
    }

    /// Whether the package declares `name` as a type or a variable and not
    /// as a function. Remembered for the file: the same names come back
    /// again and again, and each answer takes three lookups.
    fn names_no_function(&mut self, name: &str) -> bool {
        if let Some(&known) = self.package_names.get(name) {
            return known;
        }
        let pkg = &self.ctx.pkg;
        let answer = pkg.func_ref(name).is_none()
            && (pkg.type_decl(name).is_some() || pkg.value(name).is_some());
        self.package_names.insert(Box::from(name), answer);
        answer
    }

    /// Whether the walk should resolve calls of `name`.
    fn wants(&self, name: &str) -> bool {
        (self.want)(name) || self.hooks.as_ref().is_some_and(|h| h.wants_call(name))
    }

    /// Resolve a call of `name` at `at` and pass it to the hooks if they
    /// want it.
    fn report_call(&mut self, call: Node<'t>, at: Node<'t>, e: &Expr) {
        if !self.report(at, e, SiteKind::Call) {
            return;
        }
        let wanted = self
            .hooks
            .as_ref()
            .is_some_and(|h| h.wants_call(&self.text_ref(at)));
        if let Some(site) = self.out.last().filter(|_| wanted) {
            let callee = site.callee.clone();
            self.with_hooks(|h, cx| h.on_call(cx, call, &callee));
        }
    }

    fn call(&mut self, node: Node<'t>) {
        if let Some(fun) = node.field(Field::Function) {
            let target = unparen(fun);
            let named = match target.kind_name() {
                "index_expression" => target.field(Field::Operand),
                "type_instantiation_expression" => target.field(Field::Type),
                _ => Some(target),
            }
            .map(unparen);
            match named {
                Some(n) if n.kind_name() == "identifier" => {
                    if self.wants(&self.text_ref(n)) {
                        let e = self.expr(n);
                        self.report_call(node, n, &e);
                    }
                    if n != target {
                        self.walk_instantiation_args(target);
                    }
                }
                Some(n) if n.kind_name() == "selector_expression" => {
                    if let Some(field) = n.field(Field::Field) {
                        if self.wants(&self.text_ref(field)) {
                            let e = self.expr(n);
                            self.report_call(node, field, &e);
                        }
                    }
                    if let Some(op) = n.field(Field::Operand) {
                        self.walk(op);
                    }
                    if n != target {
                        self.walk_instantiation_args(target);
                    }
                }
                // `pkg.F[A, B](…)` and `F[A, B](…)`: the instantiated name
                // parses as a type.
                Some(n) if matches!(n.kind_name(), "qualified_type" | "type_identifier") => {
                    self.type_named_ref(n, SiteKind::Call);
                }
                _ => {
                    self.anonymous_call(node, target);
                    self.walk(fun)
                }
            }
        }
        if let Some(args) = node.field(Field::Arguments) {
            self.walk_children(args);
        }
    }

    /// A call whose function is not a name (`f()(x)`, `m[k](x)`,
    /// `x.(func())()`): a call through a function value, reported at the
    /// call's `(` under the name [`ANONYMOUS_CALL`] when `want` asks for
    /// it. A function literal called in place is not one: its body is
    /// walked as part of the enclosing function.
    fn anonymous_call(&mut self, call: Node<'t>, target: Node<'t>) {
        if target.kind_name() == "func_literal" || !(self.want)(ANONYMOUS_CALL) {
            return;
        }
        // Conversions (`[]byte(s)`, `(*T)(p)`) are not calls.
        if is_type_node(target.kind_name()) {
            return;
        }
        // `(*T)(p)` parses as a call of a dereference.
        if target.kind_name() == "unary_expression" {
            if let Some(operand) = target.field(Field::Operand) {
                let e = self.expr(operand);
                let view = self.view();
                // `unsafe.Pointer` is a type the resolver knows as a name of
                // package unsafe.
                let conversion = match self.c.denote(&self.ctx, &view, &e, 0) {
                    Denot::Type(_) => true,
                    Denot::Func(Callee::Func { pkg, .. }, _) => pkg == "unsafe",
                    _ => false,
                };
                if conversion {
                    return;
                }
            }
        }
        let Some(args) = call.field(Field::Arguments) else {
            return;
        };
        let what = match target.kind_name() {
            "call_expression" => "the result of a call",
            "index_expression" => "an element of a map, slice or array",
            "type_assertion_expression" => "a type assertion",
            "unary_expression" => "a dereferenced pointer",
            _ => "an expression",
        };
        self.out.push(Site {
            position: Position::of(args.start_position()),
            kind: SiteKind::Call,
            name: ANONYMOUS_CALL.to_string(),
            callee: Callee::Dynamic {
                reason: format!("call through {what}"),
            },
            function: self.function.clone(),
        });
    }

    /// A function named with type syntax, as in `g.Map[int, int]`: report
    /// it as the selector or identifier it is.
    fn type_named_ref(&mut self, n: Node<'t>, kind: SiteKind) {
        let (at, e) = match n.kind_name() {
            "qualified_type" => {
                let (Some(pkg), Some(name)) = (n.field(Field::Package), n.field(Field::Name))
                else {
                    return;
                };
                let e = Expr::Selector {
                    x: Box::new(Expr::Ident {
                        name: self.text(pkg),
                        position: Position::of(pkg.start_position()),
                    }),
                    sel: self.text(name),
                    position: Position::of(name.start_position()),
                };
                (name, e)
            }
            "type_identifier" => (
                n,
                Expr::Ident {
                    name: self.text(n),
                    position: Position::of(n.start_position()),
                },
            ),
            _ => return,
        };
        if (self.want)(&self.text_ref(at)) {
            self.report(at, &e, kind);
        }
    }

    fn walk_instantiation_args(&mut self, target: Node<'t>) {
        if target.kind_name() == "index_expression" {
            if let Some(i) = target.field(Field::Index) {
                self.walk(i);
            }
        }
    }

    fn selector_ref(&mut self, node: Node<'t>) {
        if let Some(field) = node.field(Field::Field) {
            if (self.want)(&self.text_ref(field)) {
                let e = self.expr(node);
                self.report(field, &e, SiteKind::Reference);
            }
        }
        if let Some(op) = node.field(Field::Operand) {
            self.walk(op);
        }
    }

    /// A reference to a bare name: a site only when the name denotes a
    /// function (or cannot be resolved). Names that denote a value or a
    /// type are told apart here without typing them: locals (typed only
    /// when a lookup needs them), type parameters and local types, and
    /// the package's own types and variables, in the order
    /// [`Checker::denote_ident`] tries them.
    fn ident_ref(&mut self, node: Node<'t>) {
        let src = self.src;
        let name = node_text(src, node);
        if !(self.want)(&name) {
            return;
        }
        if let Some(e) = self.scopes.entries.iter().rev().find(|e| e.name == name) {
            e.referenced.set(true);
            return;
        }
        if self.ctx.tparams.iter().any(|(n, _)| n.as_ref() == name) {
            return;
        }
        if self.names_no_function(&name) {
            return;
        }
        let e = self.expr(node);
        self.report(node, &e, SiteKind::Reference);
    }
}

/// The expression form of node `n` of source `src`.
fn expr_in(n: Node, src: &[u8]) -> Expr {
    convert_expr(n, src, &|t| type_expr(t, src))
}

/// The origin of name `index` of `names` bound to `values`: its own
/// expression when names and values pair one to one.
fn paired_origin(values: &[Expr], index: usize, names: usize) -> LocalOrigin {
    match values {
        [call @ Expr::Call { .. }] if names > 1 => LocalOrigin::Result {
            call: call.clone(),
            index,
        },
        _ => match values.get(index) {
            Some(e) if values.len() == names => LocalOrigin::Value(e.clone()),
            _ => LocalOrigin::Other,
        },
    }
}

/// Whether `node` is a `+` expression whose parent is not one: the top of
/// a concatenation chain.
fn is_concat_top(node: Node, src: &[u8]) -> bool {
    let is_plus = |n: Node| {
        n.kind_name() == "binary_expression"
            && n.field(Field::Operator)
                .is_some_and(|o| &src[o.byte_range()] == b"+")
    };
    is_plus(node) && !node.parent().is_some_and(|p| is_plus(unparen_up(p, node)))
}

/// The nearest ancestor of `child` that is not a parenthesized expression
/// (`p` is its parent).
fn unparen_up<'t>(mut p: Node<'t>, _child: Node<'t>) -> Node<'t> {
    while p.kind_name() == "parenthesized_expression" {
        match p.parent() {
            Some(q) => p = q,
            None => break,
        }
    }
    p
}

/// Whether `node` is a package-level variable's initializer (`var q = …`):
/// a declaration, not a use.
fn is_package_initializer(node: Node) -> bool {
    let mut p = node.parent();
    while let Some(n) = p {
        match n.kind_name() {
            "parenthesized_expression" | "expression_list" => p = n.parent(),
            "var_spec" => return true,
            _ => return false,
        }
    }
    false
}

/// The leftmost operand of a `+` chain.
fn leftmost_operand(mut n: Node) -> Node {
    loop {
        n = unparen(n);
        match n.kind_name() {
            "binary_expression" => match n.field(Field::Left) {
                Some(l) => n = l,
                None => return n,
            },
            _ => return n,
        }
    }
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

fn is_bare_identifier(n: Node) -> bool {
    match n.kind_name() {
        "literal_element" => {
            n.named_child_count() == 1
                && n.named_child(0)
                    .is_some_and(|c| c.kind_name() == "identifier")
        }
        "identifier" | "field_identifier" => true,
        _ => false,
    }
}

/// Whether the elements of a composite literal (`src`, a `literal_value`)
/// hold nothing the walk reports or records: no name, hence no call,
/// reference or local, and no string literal when the hooks want strings.
/// Tables of numbers (`unicode`, `crypto`, the `z*` files: a tenth of
/// the standard library's named nodes) are then passed over by a scan of
/// their bytes instead of a visit of every element's nodes.
fn inert_literal(src: &[u8], wants_strings: bool) -> bool {
    let mut lexer = Lexer { src, pos: 0 };
    while let Some(tok) = lexer.next() {
        match tok {
            Tok::Ident(_) => return false,
            // A rune literal is not a string.
            Tok::Str(s) if wants_strings && !s.starts_with('\'') => return false,
            _ => {}
        }
    }
    true
}

fn is_type_node(kind: &str) -> bool {
    matches!(
        kind,
        "type_identifier"
            | "qualified_type"
            | "pointer_type"
            | "slice_type"
            | "array_type"
            | "map_type"
            | "channel_type"
            | "function_type"
            | "struct_type"
            | "interface_type"
            | "generic_type"
            | "implicit_length_array_type"
            | "negated_type"
            | "parameter_list"
            | "type_arguments"
    )
}

fn collect_kind<'t>(node: Node<'t>, kind: &str, out: &mut Vec<Node<'t>>) {
    for c in named_children(node) {
        if c.kind_name() == kind {
            out.push(c);
        } else if c.kind_name() == "var_spec_list" {
            collect_kind(c, kind, out);
        }
    }
}
