//! A compact expression form, for typing expressions without keeping
//! syntax trees: package-level `var` initializers are stored in it, and the
//! resolver converts body expressions to it on demand.

use serde::{Deserialize, Serialize};
use tree_sitter::Node;

use crate::field::{Field, FieldExt, KindExt};

use crate::facts::{Position, TypeExpr};

/// An expression, reduced to what typing needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expr {
    Ident {
        name: String,
        position: Position,
    },
    Selector {
        x: Box<Expr>,
        sel: String,
        position: Position,
    },
    Call {
        fun: Box<Expr>,
        args: Vec<Expr>,
        /// Explicit type arguments: `F[int](x)`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        type_args: Vec<TypeExpr>,
        /// `f(xs...)`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        spread: bool,
    },
    /// `x[i]`, which may also be a generic instantiation `F[T]`.
    Index {
        x: Box<Expr>,
        index: Box<Expr>,
    },
    /// `F[A, B]` with more than one type argument, or with type syntax.
    Instantiate {
        x: Box<Expr>,
        args: Vec<TypeExpr>,
    },
    Slice {
        x: Box<Expr>,
    },
    /// `T{…}`; the type is `None` for elided types inside composite literals.
    Composite {
        ty: Option<TypeExpr>,
        /// The elements, decoded, when every one is a string literal without
        /// a key (at most [`MAX_STRING_ELEMENTS`]): column lists and table
        /// identifiers (`[]string{"a", "b"}`, `pgx.Identifier{"t"}`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        strings: Option<Vec<String>>,
    },
    /// `&x`.
    Addr {
        x: Box<Expr>,
    },
    /// `*x`.
    Deref {
        x: Box<Expr>,
    },
    /// `<-x`.
    Recv {
        x: Box<Expr>,
    },
    /// `x.(T)`; `ty` is `None` for `x.(type)`.
    TypeAssert {
        x: Box<Expr>,
        ty: Option<TypeExpr>,
    },
    /// `[]byte(x)` and other conversions written with type syntax.
    Convert {
        ty: TypeExpr,
    },
    FuncLit {
        ty: TypeExpr,
    },
    /// Arithmetic, comparison or logical operators.
    Binary {
        op: String,
        x: Box<Expr>,
        y: Box<Expr>,
    },
    /// `-x`, `!x`, `^x`, `+x`.
    Unary {
        op: String,
        x: Box<Expr>,
    },
    /// A type written where an expression may stand (`make([]T, n)`).
    Type {
        ty: TypeExpr,
    },
    Lit {
        lit: LitKind,
    },
    /// A string literal, decoded (`None` when malformed): constant folding
    /// of query strings needs the value, not just the type.
    Str {
        value: Option<String>,
    },
    /// Something the typer does not model, with why.
    Unknown {
        what: String,
    },
}

impl Expr {
    /// Release spare list capacity (see
    /// [`crate::facts::FileFacts::shrink_to_fit`]); recursion is bounded
    /// by the converter's expression depth.
    pub fn shrink_to_fit(&mut self) {
        match self {
            Expr::Call {
                fun,
                args,
                type_args,
                ..
            } => {
                fun.shrink_to_fit();
                args.shrink_to_fit();
                for a in args {
                    a.shrink_to_fit();
                }
                crate::facts::shrink_types(type_args);
            }
            Expr::Instantiate { x, args } => {
                x.shrink_to_fit();
                crate::facts::shrink_types(args);
            }
            Expr::Selector { x, .. }
            | Expr::Slice { x }
            | Expr::Addr { x }
            | Expr::Deref { x }
            | Expr::Recv { x }
            | Expr::Unary { x, .. } => x.shrink_to_fit(),
            Expr::Index { x, index } => {
                x.shrink_to_fit();
                index.shrink_to_fit();
            }
            Expr::Binary { x, y, .. } => {
                x.shrink_to_fit();
                y.shrink_to_fit();
            }
            Expr::TypeAssert { x, ty } => {
                x.shrink_to_fit();
                if let Some(ty) = ty {
                    ty.shrink_to_fit();
                }
            }
            Expr::Composite { ty, strings } => {
                if let Some(ty) = ty {
                    ty.shrink_to_fit();
                }
                if let Some(s) = strings {
                    s.shrink_to_fit();
                }
            }
            Expr::Convert { ty } | Expr::FuncLit { ty } | Expr::Type { ty } => ty.shrink_to_fit(),
            Expr::Ident { .. } | Expr::Lit { .. } | Expr::Str { .. } | Expr::Unknown { .. } => {}
        }
    }
}

/// The kind of a basic literal (untyped constant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LitKind {
    Int,
    Float,
    Imaginary,
    Rune,
    String,
    Bool,
    Nil,
}

/// Bound on expression nesting, so conversion never overflows the stack.
const MAX_EXPR_DEPTH: u32 = 128;

/// Convert an expression node. `ty` converts type nodes in the same file.
pub fn convert_expr(node: Node, src: &[u8], ty: &dyn Fn(Node) -> TypeExpr) -> Expr {
    Converter { src, ty }.expr(node, 0)
}

struct Converter<'a> {
    src: &'a [u8],
    ty: &'a dyn Fn(Node) -> TypeExpr,
}

impl Converter<'_> {
    fn text(&self, node: Node) -> String {
        crate::field::node_text(self.src, node).into_owned()
    }

    fn child(&self, node: Node, field: Field, depth: u32) -> Box<Expr> {
        Box::new(match node.field(field) {
            Some(c) => self.expr(c, depth + 1),
            None => Expr::Unknown {
                what: format!("{} without {}", node.kind_name(), field.name()),
            },
        })
    }

    fn expr(&self, node: Node, depth: u32) -> Expr {
        if depth > MAX_EXPR_DEPTH {
            return Expr::Unknown {
                what: "expression nested too deeply".to_string(),
            };
        }
        match node.kind_name() {
            "identifier" => Expr::Ident {
                name: self.text(node),
                position: Position::of(node.start_position()),
            },
            "selector_expression" => {
                let field = node.field(Field::Field);
                Expr::Selector {
                    x: self.child(node, Field::Operand, depth),
                    sel: field.map(|f| self.text(f)).unwrap_or_default(),
                    position: Position::of(field.unwrap_or(node).start_position()),
                }
            }
            "call_expression" => {
                let mut args = Vec::new();
                let mut spread = false;
                if let Some(list) = node.field(Field::Arguments) {
                    let mut c = list.walk();
                    for a in list.named_children(&mut c) {
                        match a.kind_name() {
                            "comment" => {}
                            "variadic_argument" => {
                                spread = true;
                                if let Some(inner) = a.named_child(0) {
                                    args.push(self.expr(inner, depth + 1));
                                }
                            }
                            _ => args.push(self.expr(a, depth + 1)),
                        }
                    }
                }
                let type_args = node
                    .field(Field::TypeArguments)
                    .map(|ta| {
                        let mut c = ta.walk();
                        ta.named_children(&mut c).map(|t| (self.ty)(t)).collect()
                    })
                    .unwrap_or_default();
                Expr::Call {
                    fun: self.child(node, Field::Function, depth),
                    args,
                    type_args,
                    spread,
                }
            }
            "index_expression" => Expr::Index {
                x: self.child(node, Field::Operand, depth),
                index: self.child(node, Field::Index, depth),
            },
            "type_instantiation_expression" => {
                let mut c = node.walk();
                let args = node
                    .named_children(&mut c)
                    .skip(1)
                    .map(|t| (self.ty)(t))
                    .collect();
                Expr::Instantiate {
                    x: self.child(node, Field::Type, depth),
                    args,
                }
            }
            "slice_expression" => Expr::Slice {
                x: self.child(node, Field::Operand, depth),
            },
            "composite_literal" => Expr::Composite {
                ty: node.field(Field::Type).map(|t| (self.ty)(t)),
                strings: self.string_elements(node),
            },
            "unary_expression" => {
                let op = node
                    .field(Field::Operator)
                    .map(|o| self.text(o))
                    .unwrap_or_default();
                let x = self.child(node, Field::Operand, depth);
                match op.as_str() {
                    "&" => Expr::Addr { x },
                    "*" => Expr::Deref { x },
                    "<-" => Expr::Recv { x },
                    _ => Expr::Unary { op, x },
                }
            }
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.expr(inner, depth + 1),
                None => Expr::Unknown {
                    what: "empty parentheses".to_string(),
                },
            },
            "type_assertion_expression" => Expr::TypeAssert {
                x: self.child(node, Field::Operand, depth),
                ty: node.field(Field::Type).map(|t| (self.ty)(t)),
            },
            "type_conversion_expression" => Expr::Convert {
                ty: node
                    .field(Field::Type)
                    .map(|t| (self.ty)(t))
                    .unwrap_or(TypeExpr::Unknown {
                        text: self.text(node),
                    }),
            },
            "func_literal" => Expr::FuncLit {
                ty: func_type_of(node, self.ty),
            },
            "binary_expression" => Expr::Binary {
                op: node
                    .field(Field::Operator)
                    .map(|o| self.text(o))
                    .unwrap_or_default(),
                x: self.child(node, Field::Left, depth),
                y: self.child(node, Field::Right, depth),
            },
            "int_literal" => Expr::Lit { lit: LitKind::Int },
            "float_literal" => Expr::Lit {
                lit: LitKind::Float,
            },
            "imaginary_literal" => Expr::Lit {
                lit: LitKind::Imaginary,
            },
            "rune_literal" => Expr::Lit { lit: LitKind::Rune },
            "interpreted_string_literal" | "raw_string_literal" => Expr::Str {
                value: crate::golit::unquote(&self.text(node)),
            },
            "true" | "false" => Expr::Lit { lit: LitKind::Bool },
            "nil" => Expr::Lit { lit: LitKind::Nil },
            "iota" => Expr::Lit { lit: LitKind::Int },
            "type_identifier"
            | "qualified_type"
            | "generic_type"
            | "pointer_type"
            | "slice_type"
            | "array_type"
            | "map_type"
            | "channel_type"
            | "function_type"
            | "struct_type"
            | "interface_type"
            | "implicit_length_array_type" => Expr::Type {
                ty: (self.ty)(node),
            },
            other => Expr::Unknown {
                what: other.to_string(),
            },
        }
    }
}

/// The function type of a func literal or declaration node, via `ty` on a
/// synthetic reading of its parameter and result lists.
/// Composite literals with more string elements keep none of them.
pub const MAX_STRING_ELEMENTS: usize = 256;

impl Converter<'_> {
    fn string_elements(&self, node: Node) -> Option<Vec<String>> {
        let body = node.field(Field::Body)?;
        let mut out = Vec::new();
        let mut cursor = body.walk();
        for el in body.named_children(&mut cursor) {
            match el.kind_name() {
                "comment" => continue,
                "literal_element" => {}
                _ => return None,
            }
            let lit = el.named_child(0)?;
            if !matches!(
                lit.kind_name(),
                "interpreted_string_literal" | "raw_string_literal"
            ) || out.len() == MAX_STRING_ELEMENTS
            {
                return None;
            }
            out.push(crate::golit::unquote(&self.text(lit))?);
        }
        Some(out)
    }
}

fn func_type_of(node: Node, ty: &dyn Fn(Node) -> TypeExpr) -> TypeExpr {
    // A function_type node has the same fields as func_literal; the type
    // converter reads `parameters` and `result` by field name, so passing
    // the literal itself works when the converter supports it.
    match ty(node) {
        TypeExpr::Unknown { .. } => TypeExpr::Func {
            params: Vec::new(),
            results: Vec::new(),
        },
        t => t,
    }
}
