//! Compact per-file facts: what survives of a syntax tree once it is dropped.
//!
//! The engine never keeps syntax trees. Each file is parsed, reduced to a
//! [`FileFacts`] and its tree freed, so memory grows with the number of
//! declarations, not with the size of the source. Everything here is plain
//! data, serializable, so later layers (and the on-disk cache) can store it.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A 1-based position in a file. `column` counts bytes, as go/token does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    pub(crate) fn of(point: tree_sitter::Point) -> Self {
        Position {
            line: point.row as u32 + 1,
            column: point.column as u32 + 1,
        }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Everything goseam keeps of one Go source file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileFacts {
    /// Name from the package clause; `None` when the file has none.
    pub package: Option<String>,
    pub imports: Vec<Import>,
    /// In source order (extraction reads the file top-down): the body
    /// walk finds a function's declaration by binary search on position.
    pub funcs: Vec<FuncDecl>,
    pub types: Vec<TypeDecl>,
    pub values: Vec<ValueDecl>,
    /// A `// Code generated … DO NOT EDIT.` line precedes the package clause.
    pub generated: bool,
    /// The `//go:build` expression (or legacy `// +build` lines, joined with
    /// ` && `) as written. Recorded, never evaluated: every file is analyzed.
    pub build_constraint: Option<String>,
    /// Syntax errors tree-sitter recovered from; what parsed is kept.
    pub syntax_errors: SyntaxErrors,
}

impl FileFacts {
    /// Release the spare capacity of every list in the facts. A `Vec` grown
    /// by `push` holds room for four elements from its first one, and most
    /// parameter, field and argument lists have one or two: facts live for
    /// the whole run (in the scan and in the resolution universe), and
    /// without this about half of their memory is unused capacity.
    pub fn shrink_to_fit(&mut self) {
        self.imports.shrink_to_fit();
        self.funcs.shrink_to_fit();
        for f in &mut self.funcs {
            if let Some(r) = &mut f.receiver {
                r.type_params.shrink_to_fit();
            }
            shrink_type_params(&mut f.type_params);
            shrink_params(&mut f.params);
            shrink_params(&mut f.results);
        }
        self.types.shrink_to_fit();
        for t in &mut self.types {
            shrink_type_params(&mut t.type_params);
            if let Some(ty) = Arc::get_mut(&mut t.ty) {
                ty.shrink_to_fit();
            }
        }
        self.values.shrink_to_fit();
        for v in &mut self.values {
            if let Some(ty) = &mut v.ty {
                ty.shrink_to_fit();
            }
            if let Some(e) = &mut v.value {
                e.shrink_to_fit();
            }
        }
    }
}

fn shrink_type_params(list: &mut Vec<TypeParam>) {
    list.shrink_to_fit();
    for p in list {
        p.constraint.shrink_to_fit();
    }
}

pub(crate) fn shrink_params(list: &mut Vec<Param>) {
    list.shrink_to_fit();
    for p in list {
        p.ty.shrink_to_fit();
    }
}

pub(crate) fn shrink_types(list: &mut Vec<TypeExpr>) {
    list.shrink_to_fit();
    for t in list {
        t.shrink_to_fit();
    }
}

/// Syntax errors in a file: how many, and where the first one is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntaxErrors {
    pub count: u32,
    pub first: Option<Position>,
}

/// One import spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    /// The import path as written, unquoted.
    pub path: String,
    pub name: ImportName,
    pub position: Position,
}

/// How an import binds its package in the file scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum ImportName {
    /// `import "p"`: bound under the imported package's own name.
    Default,
    /// `import q "p"`.
    Alias(String),
    /// `import . "p"`: the package's exported names join the file scope.
    Dot,
    /// `import _ "p"`: imported for side effects only.
    Blank,
}

/// A function or method declaration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FuncDecl {
    pub name: String,
    pub receiver: Option<Receiver>,
    pub type_params: Vec<TypeParam>,
    pub params: Vec<Param>,
    pub results: Vec<Param>,
    /// Position of the name identifier.
    pub position: Position,
    /// `false` for declarations without a body (assembly-backed functions).
    pub has_body: bool,
}

impl FuncDecl {
    /// The go/types-style name within its package: `F`, `T.M`.
    pub fn symbol_name(&self) -> String {
        match &self.receiver {
            Some(r) => format!("{}.{}", r.type_name, self.name),
            None => self.name.clone(),
        }
    }
}

/// The receiver of a method: `(r *T[K])`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receiver {
    pub name: Option<String>,
    pub type_name: String,
    pub pointer: bool,
    /// Names given to the receiver type's type parameters (`K` in `*T[K]`).
    pub type_params: Vec<String>,
}

/// A type parameter and its constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeParam {
    pub name: String,
    pub constraint: TypeExpr,
}

/// A parameter or result. Unnamed ones have `name: None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub name: Option<String>,
    pub ty: TypeExpr,
    pub variadic: bool,
}

/// `type T …` or `type T = …`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDecl {
    pub name: String,
    pub alias: bool,
    pub type_params: Vec<TypeParam>,
    /// Shared: resolution hands out the declared type of a struct at every
    /// field selection, and a copy per package would double the memory.
    pub ty: Arc<TypeExpr>,
    pub position: Position,
}

/// Whether a value declaration is a `const` or a `var`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Const,
    Var,
}

/// One name declared by a package-level `const` or `var` spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueDecl {
    pub kind: ValueKind,
    pub name: String,
    /// The declared type; for a `const` spec without one that repeats the
    /// previous spec implicitly (iota groups), the repeated type.
    pub ty: Option<TypeExpr>,
    /// The value when it is a single string literal, decoded.
    pub string_value: Option<String>,
    /// The initializer paired with this name (`var a, b = x, y`), if one
    /// is paired. For `var a, b = f()` both hold the call, with
    /// `tuple_index` 0 and 1.
    pub value: Option<crate::expr::Expr>,
    pub tuple_index: Option<u32>,
    pub position: Position,
}

/// A type expression, kept structurally so later resolution can follow it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeExpr {
    /// `T`, `pkg.T`, `T[A, B]`. `package` is the qualifier as written.
    Named {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        package: Option<String>,
        name: String,
        #[serde(skip_serializing_if = "Vec::is_empty", default)]
        args: Vec<TypeExpr>,
    },
    Pointer {
        elem: Box<TypeExpr>,
    },
    Slice {
        elem: Box<TypeExpr>,
    },
    Array {
        /// The length expression as written (`...` for `[...]T`).
        len: String,
        elem: Box<TypeExpr>,
    },
    Map {
        key: Box<TypeExpr>,
        value: Box<TypeExpr>,
    },
    Chan {
        dir: ChanDir,
        elem: Box<TypeExpr>,
    },
    Func {
        params: Vec<Param>,
        results: Vec<Param>,
    },
    Struct {
        fields: Vec<Field>,
    },
    Interface {
        methods: Vec<InterfaceMethod>,
        /// Embedded interfaces and type-set terms (`~int | string` is one
        /// `Union` element).
        embeds: Vec<TypeExpr>,
    },
    /// `A | B` in a constraint.
    Union {
        terms: Vec<TypeExpr>,
    },
    /// `~T` in a constraint.
    Tilde {
        elem: Box<TypeExpr>,
    },
    /// Anything the extractor does not model (or could not parse), as text.
    Unknown {
        text: String,
    },
}

impl TypeExpr {
    /// See [`FileFacts::shrink_to_fit`]. Recursion is bounded by the
    /// extractor's type depth.
    pub fn shrink_to_fit(&mut self) {
        match self {
            TypeExpr::Named { args, .. } => shrink_types(args),
            TypeExpr::Pointer { elem }
            | TypeExpr::Slice { elem }
            | TypeExpr::Array { elem, .. }
            | TypeExpr::Chan { elem, .. }
            | TypeExpr::Tilde { elem } => elem.shrink_to_fit(),
            TypeExpr::Map { key, value } => {
                key.shrink_to_fit();
                value.shrink_to_fit();
            }
            TypeExpr::Func { params, results } => {
                shrink_params(params);
                shrink_params(results);
            }
            TypeExpr::Struct { fields } => {
                fields.shrink_to_fit();
                for f in fields {
                    f.ty.shrink_to_fit();
                }
            }
            TypeExpr::Interface { methods, embeds } => {
                methods.shrink_to_fit();
                for m in methods {
                    shrink_params(&mut m.params);
                    shrink_params(&mut m.results);
                }
                shrink_types(embeds);
            }
            TypeExpr::Union { terms } => shrink_types(terms),
            TypeExpr::Unknown { .. } => {}
        }
    }
}

/// Channel direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

/// A struct field. An embedded field has `embedded: true` and is named after
/// its type, as the Go spec names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub ty: TypeExpr,
    pub embedded: bool,
}

/// A method listed in an interface type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterfaceMethod {
    pub name: String,
    pub params: Vec<Param>,
    pub results: Vec<Param>,
}
