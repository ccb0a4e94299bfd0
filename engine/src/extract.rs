//! Reduce a tree-sitter-go syntax tree to [`FileFacts`].
//!
//! Only top-level declarations are visited (bodies are not walked here), which
//! keeps fact extraction a small fraction of parse time. The extractor is
//! total: any node shape it does not model becomes [`TypeExpr::Unknown`] with
//! its source text rather than an error, because tree-sitter hands us
//! recovered trees for files with syntax errors.

use std::borrow::Cow;
use std::sync::Arc;

use tree_sitter::{Node, Tree};

use crate::field::{Field as F, FieldExt, KindExt};

use crate::facts::*;
use crate::golit::unquote;

/// Extract the facts of one parsed file. `src` must be the bytes `tree` was
/// parsed from.
pub fn extract(tree: &Tree, src: &[u8]) -> FileFacts {
    let root = tree.root_node();
    let x = Extractor {
        src,
        depth: std::cell::Cell::new(0),
    };
    let mut facts = FileFacts {
        syntax_errors: syntax_errors(root),
        ..FileFacts::default()
    };
    let mut cursor = root.walk();
    let mut before_package = true;
    let mut legacy_build: Vec<String> = Vec::new();
    for child in root.named_children(&mut cursor) {
        match child.kind_name() {
            "comment" if before_package => x.header_comment(child, &mut facts, &mut legacy_build),
            "package_clause" => {
                before_package = false;
                facts.package = first_named_child_of_kind(child, "package_identifier")
                    .map(|n| x.text(n).into_owned());
            }
            "import_declaration" => x.imports(child, &mut facts.imports),
            "function_declaration" | "method_declaration" => facts.funcs.push(x.func(child)),
            "type_declaration" => x.type_decl(child, &mut facts.types),
            "const_declaration" => x.values(child, ValueKind::Const, &mut facts.values),
            "var_declaration" => x.values(child, ValueKind::Var, &mut facts.values),
            _ => {}
        }
    }
    if facts.build_constraint.is_none() && !legacy_build.is_empty() {
        facts.build_constraint = Some(legacy_build.join(" && "));
    }
    // Facts outlive the tree for the whole run: stored at their size.
    facts.shrink_to_fit();
    facts
}

/// The package clause's name and whether the file is generated: what
/// [`extract`] reads of the file's header, without its declarations.
pub fn package_header(tree: &Tree, src: &[u8]) -> (Option<String>, bool) {
    let root = tree.root_node();
    let x = Extractor {
        src,
        depth: std::cell::Cell::new(0),
    };
    let mut facts = FileFacts::default();
    let mut legacy_build: Vec<String> = Vec::new();
    let mut cursor = root.walk();
    let mut before_package = true;
    for child in root.named_children(&mut cursor) {
        match child.kind_name() {
            "comment" if before_package => x.header_comment(child, &mut facts, &mut legacy_build),
            "package_clause" => {
                before_package = false;
                facts.package = first_named_child_of_kind(child, "package_identifier")
                    .map(|n| x.text(n).into_owned());
            }
            _ => {}
        }
    }
    (facts.package, facts.generated)
}

/// Convert a type node of a file to a [`TypeExpr`] (for the resolver,
/// which walks function bodies and meets local types and conversions).
pub fn type_expr(node: Node, src: &[u8]) -> TypeExpr {
    Extractor {
        src,
        depth: std::cell::Cell::new(0),
    }
    .ty(node)
}

/// Convert the parameter and result lists of a function-like node
/// (`func_literal`, `function_declaration`, `method_declaration`).
pub fn signature_of(node: Node, src: &[u8]) -> (Vec<Param>, Vec<Param>) {
    let x = Extractor {
        src,
        depth: std::cell::Cell::new(0),
    };
    (
        x.params(node.field(F::Parameters)),
        x.results(node.field(F::Result)),
    )
}

/// The receiver of a method declaration's receiver list.
pub fn receiver_of(list: Node, src: &[u8]) -> Option<Receiver> {
    Extractor {
        src,
        depth: std::cell::Cell::new(0),
    }
    .receiver(list)
}

/// Type parameters of a declaration node.
pub fn type_params_of(node: Node, src: &[u8]) -> Vec<TypeParam> {
    let x = Extractor {
        src,
        depth: std::cell::Cell::new(0),
    };
    x.type_params(node.field(F::TypeParameters))
}

/// Count ERROR and MISSING nodes, descending only into subtrees that contain
/// one, so an error-free file costs a single check.
fn syntax_errors(root: Node) -> SyntaxErrors {
    let mut errors = SyntaxErrors::default();
    if !root.has_error() {
        return errors;
    }
    let mut stack = vec![root];
    let mut found: Vec<Position> = Vec::new();
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            errors.count += 1;
            found.push(Position::of(node.start_position()));
            // An ERROR node's own subtree is one error, not many.
            continue;
        }
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if child.has_error() {
                stack.push(child);
            }
        }
    }
    errors.first = found.into_iter().min();
    errors
}

fn first_named_child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    let found = node
        .named_children(&mut cursor)
        .find(|c| c.kind_name() == kind);
    found
}

/// Type expressions nest (`[][]*map[K][]T`); adversarial input can nest
/// them arbitrarily deep. Beyond this depth a type is kept as text, so the
/// extractor's recursion is bounded whatever the input.
const MAX_TYPE_DEPTH: u32 = 64;

struct Extractor<'s> {
    src: &'s [u8],
    depth: std::cell::Cell<u32>,
}

impl<'s> Extractor<'s> {
    fn text(&self, node: Node) -> Cow<'s, str> {
        crate::field::node_text(self.src, node)
    }

    fn field_text(&self, node: Node, field: F) -> Option<String> {
        node.field(field).map(|n| self.text(n).into_owned())
    }

    fn header_comment(&self, node: Node, facts: &mut FileFacts, legacy: &mut Vec<String>) {
        let text = self.text(node);
        let line = text.trim_end_matches('\r');
        // go/ast.IsGenerated: a line comment of exactly this shape.
        if line.starts_with("// Code generated ") && line.ends_with(" DO NOT EDIT.") {
            facts.generated = true;
        } else if let Some(expr) = line.strip_prefix("//go:build ") {
            facts.build_constraint = Some(expr.trim().to_string());
        } else if let Some(expr) = line.strip_prefix("// +build ") {
            legacy.push(expr.trim().to_string());
        }
    }

    fn imports(&self, decl: Node, out: &mut Vec<Import>) {
        let mut cursor = decl.walk();
        for child in decl.named_children(&mut cursor) {
            match child.kind_name() {
                "import_spec" => self.import_spec(child, out),
                "import_spec_list" => {
                    let mut inner = child.walk();
                    for spec in child.named_children(&mut inner) {
                        if spec.kind_name() == "import_spec" {
                            self.import_spec(spec, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn import_spec(&self, spec: Node, out: &mut Vec<Import>) {
        let Some(path_node) = spec.field(F::Path) else {
            return;
        };
        let Some(path) = unquote(&self.text(path_node)) else {
            return;
        };
        let name = match spec.field(F::Name) {
            None => ImportName::Default,
            Some(n) => match n.kind_name() {
                "dot" => ImportName::Dot,
                "blank_identifier" => ImportName::Blank,
                _ => ImportName::Alias(self.text(n).into_owned()),
            },
        };
        out.push(Import {
            path,
            name,
            position: Position::of(spec.start_position()),
        });
    }

    fn func(&self, decl: Node) -> FuncDecl {
        let name_node = decl.field(F::Name);
        let receiver = decl.field(F::Receiver).and_then(|r| self.receiver(r));
        FuncDecl {
            name: name_node
                .map(|n| self.text(n).into_owned())
                .unwrap_or_default(),
            receiver,
            type_params: self.type_params(decl.field(F::TypeParameters)),
            params: self.params(decl.field(F::Parameters)),
            results: self.results(decl.field(F::Result)),
            position: Position::of(name_node.unwrap_or(decl).start_position()),
            has_body: decl.field(F::Body).is_some(),
        }
    }

    fn receiver(&self, list: Node) -> Option<Receiver> {
        let mut cursor = list.walk();
        let param = list
            .named_children(&mut cursor)
            .find(|c| c.kind_name() == "parameter_declaration")?;
        let name = self.field_text(param, F::Name);
        let mut ty = param.field(F::Type)?;
        let mut pointer = false;
        // Receivers may be parenthesized: `func (p (*T)) M()`.
        loop {
            match ty.kind_name() {
                "parenthesized_type" => ty = ty.named_child(0)?,
                "pointer_type" if !pointer => {
                    pointer = true;
                    ty = ty.named_child(0)?;
                }
                _ => break,
            }
        }
        let (type_name, type_params) = match ty.kind_name() {
            "generic_type" => {
                let base = ty.field(F::Type)?;
                let args = ty
                    .field(F::TypeArguments)
                    .map(|a| {
                        let mut c = a.walk();
                        a.named_children(&mut c)
                            .map(|t| self.text(t).trim().to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                (self.text(base).into_owned(), args)
            }
            _ => (self.text(ty).into_owned(), Vec::new()),
        };
        Some(Receiver {
            name,
            type_name,
            pointer,
            type_params,
        })
    }

    fn type_params(&self, list: Option<Node>) -> Vec<TypeParam> {
        let Some(list) = list else { return Vec::new() };
        let mut out = Vec::new();
        let mut cursor = list.walk();
        for decl in list.named_children(&mut cursor) {
            if decl.kind_name() != "type_parameter_declaration" {
                continue;
            }
            let constraint = decl
                .field(F::Type)
                .map(|c| self.constraint(c))
                .unwrap_or_else(|| self.unknown(decl));
            let mut names = decl.walk();
            for name in decl.fields(F::Name, &mut names) {
                out.push(TypeParam {
                    name: self.text(name).into_owned(),
                    constraint: constraint.clone(),
                });
            }
        }
        out
    }

    /// A `type_constraint` or `type_elem`: one type, or a union of terms.
    fn constraint(&self, node: Node) -> TypeExpr {
        let mut cursor = node.walk();
        let mut terms: Vec<TypeExpr> = node
            .named_children(&mut cursor)
            .filter(|c| c.kind_name() != "comment")
            .map(|t| self.ty(t))
            .collect();
        match terms.len() {
            0 => self.unknown(node),
            1 => terms.pop().expect("one term"),
            _ => TypeExpr::Union { terms },
        }
    }

    fn params(&self, list: Option<Node>) -> Vec<Param> {
        let Some(list) = list else { return Vec::new() };
        let mut out = Vec::new();
        let mut cursor = list.walk();
        for decl in list.named_children(&mut cursor) {
            let variadic = match decl.kind_name() {
                "parameter_declaration" => false,
                "variadic_parameter_declaration" => true,
                _ => continue,
            };
            let ty = decl
                .field(F::Type)
                .map(|t| self.ty(t))
                .unwrap_or_else(|| self.unknown(decl));
            let mut names = decl.walk();
            let mut named = false;
            for name in decl.fields(F::Name, &mut names) {
                named = true;
                out.push(Param {
                    name: Some(self.text(name).into_owned()),
                    ty: ty.clone(),
                    variadic,
                });
            }
            if !named {
                out.push(Param {
                    name: None,
                    ty,
                    variadic,
                });
            }
        }
        out
    }

    /// A result is either a parameter list or a single bare type.
    fn results(&self, result: Option<Node>) -> Vec<Param> {
        match result {
            None => Vec::new(),
            Some(r) if r.kind_name() == "parameter_list" => self.params(Some(r)),
            Some(r) => vec![Param {
                name: None,
                ty: self.ty(r),
                variadic: false,
            }],
        }
    }

    fn unknown(&self, node: Node) -> TypeExpr {
        TypeExpr::Unknown {
            text: self.text(node).into_owned(),
        }
    }

    fn boxed_child(&self, node: Node, field: Option<F>) -> Box<TypeExpr> {
        let child = match field {
            Some(f) => node.field(f),
            None => node.named_child(0),
        };
        Box::new(
            child
                .map(|c| self.ty(c))
                .unwrap_or_else(|| self.unknown(node)),
        )
    }

    fn ty(&self, node: Node) -> TypeExpr {
        let depth = self.depth.get();
        if depth >= MAX_TYPE_DEPTH {
            return self.unknown(node);
        }
        self.depth.set(depth + 1);
        let ty = self.ty_at_depth(node);
        self.depth.set(depth);
        ty
    }

    fn ty_at_depth(&self, node: Node) -> TypeExpr {
        match node.kind_name() {
            "type_identifier" => TypeExpr::Named {
                package: None,
                name: self.text(node).into_owned(),
                args: Vec::new(),
            },
            "qualified_type" => TypeExpr::Named {
                package: self.field_text(node, F::Package),
                name: self.field_text(node, F::Name).unwrap_or_default(),
                args: Vec::new(),
            },
            "generic_type" => {
                let base = node
                    .field(F::Type)
                    .map(|b| self.ty(b))
                    .unwrap_or_else(|| self.unknown(node));
                let args = node
                    .field(F::TypeArguments)
                    .map(|a| {
                        let mut c = a.walk();
                        a.named_children(&mut c)
                            .map(|t| self.constraint(t))
                            .collect()
                    })
                    .unwrap_or_default();
                match base {
                    TypeExpr::Named { package, name, .. } => TypeExpr::Named {
                        package,
                        name,
                        args,
                    },
                    _ => self.unknown(node),
                }
            }
            "parenthesized_type" => node
                .named_child(0)
                .map(|c| self.ty(c))
                .unwrap_or_else(|| self.unknown(node)),
            "pointer_type" => TypeExpr::Pointer {
                elem: self.boxed_child(node, None),
            },
            "slice_type" => TypeExpr::Slice {
                elem: self.boxed_child(node, Some(F::Element)),
            },
            "array_type" => TypeExpr::Array {
                len: self.field_text(node, F::Length).unwrap_or_default(),
                elem: self.boxed_child(node, Some(F::Element)),
            },
            "implicit_length_array_type" => TypeExpr::Array {
                len: "...".to_string(),
                elem: self.boxed_child(node, Some(F::Element)),
            },
            "map_type" => TypeExpr::Map {
                key: self.boxed_child(node, Some(F::Key)),
                value: self.boxed_child(node, Some(F::Value)),
            },
            "channel_type" => TypeExpr::Chan {
                dir: chan_dir(&self.text(node)),
                elem: self.boxed_child(node, Some(F::Value)),
            },
            "function_type" | "func_literal" => TypeExpr::Func {
                params: self.params(node.field(F::Parameters)),
                results: self.results(node.field(F::Result)),
            },
            "struct_type" => TypeExpr::Struct {
                fields: self.struct_fields(node),
            },
            "interface_type" => self.interface(node),
            "negated_type" => TypeExpr::Tilde {
                elem: self.boxed_child(node, None),
            },
            "type_elem" | "type_constraint" => self.constraint(node),
            _ => self.unknown(node),
        }
    }

    fn struct_fields(&self, node: Node) -> Vec<Field> {
        let mut out = Vec::new();
        let Some(list) = first_named_child_of_kind(node, "field_declaration_list") else {
            return out;
        };
        let mut cursor = list.walk();
        for decl in list.named_children(&mut cursor) {
            if decl.kind_name() != "field_declaration" {
                continue;
            }
            let Some(type_node) = decl.field(F::Type) else {
                continue;
            };
            let ty = self.ty(type_node);
            let mut names = decl.walk();
            let mut named = false;
            for name in decl.fields(F::Name, &mut names) {
                named = true;
                out.push(Field {
                    name: self.text(name).into_owned(),
                    ty: ty.clone(),
                    embedded: false,
                });
            }
            if !named {
                // Embedded: `T`, `*T`, `pkg.T`, `T[X]`; named after the type.
                let pointer = {
                    let mut c = decl.walk();
                    let star = decl.children(&mut c).any(|ch| ch.kind_name() == "*");
                    star
                };
                let name = match &ty {
                    TypeExpr::Named { name, .. } => name.clone(),
                    _ => self.text(type_node).into_owned(),
                };
                let ty = if pointer {
                    TypeExpr::Pointer { elem: Box::new(ty) }
                } else {
                    ty
                };
                out.push(Field {
                    name,
                    ty,
                    embedded: true,
                });
            }
        }
        out
    }

    fn interface(&self, node: Node) -> TypeExpr {
        let mut methods = Vec::new();
        let mut embeds = Vec::new();
        let mut cursor = node.walk();
        for elem in node.named_children(&mut cursor) {
            match elem.kind_name() {
                "method_elem" => methods.push(InterfaceMethod {
                    name: self.field_text(elem, F::Name).unwrap_or_default(),
                    params: self.params(elem.field(F::Parameters)),
                    results: self.results(elem.field(F::Result)),
                }),
                "type_elem" => embeds.push(self.constraint(elem)),
                _ => {}
            }
        }
        TypeExpr::Interface { methods, embeds }
    }

    fn type_decl(&self, decl: Node, out: &mut Vec<TypeDecl>) {
        let mut cursor = decl.walk();
        for spec in decl.named_children(&mut cursor) {
            let alias = match spec.kind_name() {
                "type_spec" => false,
                "type_alias" => true,
                _ => continue,
            };
            let Some(name) = spec.field(F::Name) else {
                continue;
            };
            out.push(TypeDecl {
                name: self.text(name).into_owned(),
                alias,
                type_params: self.type_params(spec.field(F::TypeParameters)),
                ty: Arc::new(
                    spec.field(F::Type)
                        .map(|t| self.ty(t))
                        .unwrap_or_else(|| self.unknown(spec)),
                ),
                position: Position::of(name.start_position()),
            });
        }
    }

    fn values(&self, decl: Node, kind: ValueKind, out: &mut Vec<ValueDecl>) {
        let mut specs = Vec::new();
        let mut cursor = decl.walk();
        for child in decl.named_children(&mut cursor) {
            match child.kind_name() {
                "const_spec" | "var_spec" => specs.push(child),
                "var_spec_list" => {
                    let mut inner = child.walk();
                    specs.extend(
                        child
                            .named_children(&mut inner)
                            .filter(|c| c.kind_name() == "var_spec"),
                    );
                }
                _ => {}
            }
        }
        // In a const group a spec without type and values repeats the
        // previous one's (the iota idiom); carry the type forward.
        let mut previous_type: Option<TypeExpr> = None;
        for spec in specs {
            let has_values = spec.field(F::Value).is_some();
            let ty = match spec.field(F::Type).map(|t| self.ty(t)) {
                Some(t) => Some(t),
                None if kind == ValueKind::Const && !has_values => previous_type.clone(),
                None => None,
            };
            if kind == ValueKind::Const {
                previous_type = ty.clone();
            }
            let values: Vec<Node> = spec
                .field(F::Value)
                .map(|list| {
                    let mut c = list.walk();
                    list.named_children(&mut c)
                        .filter(|n| n.kind_name() != "comment")
                        .collect()
                })
                .unwrap_or_default();
            let name_count = {
                let mut c = spec.walk();
                spec.fields(F::Name, &mut c)
                    .filter(|n| n.kind_name() == "identifier")
                    .count()
            };
            let mut names = spec.walk();
            for (i, name) in spec
                .fields(F::Name, &mut names)
                .filter(|n| n.kind_name() == "identifier")
                .enumerate()
            {
                // `var a, b = f()`: both names take result i of the one call.
                let tuple = values.len() == 1 && name_count > 1;
                let value_node = if tuple { values.first() } else { values.get(i) };
                // Constants are mostly literals and iota arithmetic, whose
                // type is known without the expression; keep only the ones
                // that can name a typed constant (`= time.Second`).
                let value = value_node
                    .filter(|v| {
                        kind == ValueKind::Var
                            || matches!(
                                v.kind_name(),
                                "identifier"
                                    | "selector_expression"
                                    | "call_expression"
                                    | "binary_expression"
                                    | "parenthesized_expression"
                            )
                    })
                    .map(|v| crate::expr::convert_expr(*v, self.src, &|n| self.ty(n)));
                let tuple_index = tuple.then_some(i as u32);
                let string_value = values.get(i).and_then(|v| match v.kind_name() {
                    "interpreted_string_literal" | "raw_string_literal" => unquote(&self.text(*v)),
                    _ => None,
                });
                out.push(ValueDecl {
                    kind,
                    name: self.text(name).into_owned(),
                    ty: ty.clone(),
                    string_value,
                    value,
                    tuple_index,
                    position: Position::of(name.start_position()),
                });
            }
        }
    }
}

fn chan_dir(text: &str) -> ChanDir {
    let t = text.trim_start();
    if t.starts_with("<-") {
        ChanDir::Recv
    } else if t.starts_with("chan") && t["chan".len()..].trim_start().starts_with("<-") {
        ChanDir::Send
    } else {
        ChanDir::Both
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(src: &str) -> FileFacts {
        let tree = crate::parse::parse_go(src.as_bytes()).expect("parses");
        extract(&tree, src.as_bytes())
    }

    fn named(name: &str) -> TypeExpr {
        TypeExpr::Named {
            package: None,
            name: name.into(),
            args: vec![],
        }
    }

    fn qualified(pkg: &str, name: &str) -> TypeExpr {
        TypeExpr::Named {
            package: Some(pkg.into()),
            name: name.into(),
            args: vec![],
        }
    }

    const SAMPLE: &str = r#"// Code generated by hand. DO NOT EDIT.

//go:build linux && !cgo

// Package store keeps things.
package store

import (
	"context"
	sq "github.com/Masterminds/squirrel"
	. "github.com/acme/money"
	_ "github.com/lib/pq"
)

import "fmt"

const (
	KindA Kind = iota
	KindB
	query = "SELECT id FROM users WHERE name = \"x\""
	raw   = `DELETE FROM t`
)

var db, name = open(), "n"

type Kind int

type ID = string

type Store[K comparable, V any] struct {
	Base
	*sq.StatementBuilderType
	pkg.Generic[K]
	a, b int `json:"a"`
	m    map[string][]*V
	ch   <-chan error
}

type Reader interface {
	io.Closer
	~int | ~string
	Read(ctx context.Context, p []byte) (n int, err error)
}

func (s *Store[K, V]) Get(ctx context.Context, k K) (V, error) { return nil, nil }

func (Kind) String() string { return "" }

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

func asm(x ...int)
"#;

    #[test]
    fn header_imports_and_package() {
        let f = facts(SAMPLE);
        assert_eq!(f.package.as_deref(), Some("store"));
        assert!(f.generated);
        assert_eq!(f.build_constraint.as_deref(), Some("linux && !cgo"));
        assert_eq!(f.syntax_errors.count, 0);
        let imports: Vec<(&str, &ImportName)> = f
            .imports
            .iter()
            .map(|i| (i.path.as_str(), &i.name))
            .collect();
        assert_eq!(
            imports,
            vec![
                ("context", &ImportName::Default),
                (
                    "github.com/Masterminds/squirrel",
                    &ImportName::Alias("sq".into())
                ),
                ("github.com/acme/money", &ImportName::Dot),
                ("github.com/lib/pq", &ImportName::Blank),
                ("fmt", &ImportName::Default),
            ]
        );
        assert_eq!(
            f.imports[1].position,
            Position {
                line: 10,
                column: 2
            }
        );
    }

    #[test]
    fn consts_and_vars() {
        let f = facts(SAMPLE);
        let v: Vec<(&str, Option<&TypeExpr>, Option<&str>)> = f
            .values
            .iter()
            .map(|v| (v.name.as_str(), v.ty.as_ref(), v.string_value.as_deref()))
            .collect();
        let kind = named("Kind");
        assert_eq!(
            v,
            vec![
                ("KindA", Some(&kind), None),
                ("KindB", Some(&kind), None),
                (
                    "query",
                    None,
                    Some("SELECT id FROM users WHERE name = \"x\"")
                ),
                ("raw", None, Some("DELETE FROM t")),
                ("db", None, None),
                ("name", None, Some("n")),
            ]
        );
        assert_eq!(f.values[0].kind, ValueKind::Const);
        assert_eq!(f.values[4].kind, ValueKind::Var);
    }

    #[test]
    fn types_fields_and_interfaces() {
        let f = facts(SAMPLE);
        let names: Vec<(&str, bool)> = f.types.iter().map(|t| (t.name.as_str(), t.alias)).collect();
        assert_eq!(
            names,
            vec![
                ("Kind", false),
                ("ID", true),
                ("Store", false),
                ("Reader", false)
            ]
        );
        let store = &f.types[2];
        assert_eq!(
            store
                .type_params
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>(),
            vec!["K", "V"]
        );
        let TypeExpr::Struct { fields } = &*store.ty else {
            panic!("struct expected: {:?}", store.ty)
        };
        let summary: Vec<(&str, bool)> = fields
            .iter()
            .map(|f| (f.name.as_str(), f.embedded))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Base", true),
                ("StatementBuilderType", true),
                ("Generic", true),
                ("a", false),
                ("b", false),
                ("m", false),
                ("ch", false),
            ]
        );
        assert_eq!(
            fields[1].ty,
            TypeExpr::Pointer {
                elem: Box::new(qualified("sq", "StatementBuilderType"))
            }
        );
        assert_eq!(
            fields[2].ty,
            TypeExpr::Named {
                package: Some("pkg".into()),
                name: "Generic".into(),
                args: vec![named("K")]
            }
        );
        assert_eq!(
            fields[5].ty,
            TypeExpr::Map {
                key: Box::new(named("string")),
                value: Box::new(TypeExpr::Slice {
                    elem: Box::new(TypeExpr::Pointer {
                        elem: Box::new(named("V"))
                    })
                }),
            }
        );
        assert!(matches!(
            fields[6].ty,
            TypeExpr::Chan {
                dir: ChanDir::Recv,
                ..
            }
        ));
        let TypeExpr::Interface { methods, embeds } = &*f.types[3].ty else {
            panic!("interface expected")
        };
        assert_eq!(methods.len(), 1);
        assert_eq!(methods[0].name, "Read");
        assert_eq!(methods[0].params.len(), 2);
        assert_eq!(methods[0].results[1].name.as_deref(), Some("err"));
        assert_eq!(embeds[0], qualified("io", "Closer"));
        assert!(matches!(&embeds[1], TypeExpr::Union { terms } if terms.len() == 2));
    }

    #[test]
    fn funcs_and_methods() {
        let f = facts(SAMPLE);
        let names: Vec<String> = f.funcs.iter().map(|f| f.symbol_name()).collect();
        assert_eq!(names, vec!["Store.Get", "Kind.String", "Map", "asm"]);
        let get = &f.funcs[0];
        let recv = get.receiver.as_ref().expect("method");
        assert!(recv.pointer);
        assert_eq!(recv.name.as_deref(), Some("s"));
        assert_eq!(recv.type_params, vec!["K", "V"]);
        assert_eq!(get.results.len(), 2);
        assert_eq!(
            get.position,
            Position {
                line: 45,
                column: 23
            }
        );
        let string = &f.funcs[1];
        assert!(!string.receiver.as_ref().unwrap().pointer);
        assert_eq!(string.receiver.as_ref().unwrap().name, None);
        let map = &f.funcs[2];
        assert_eq!(map.type_params.len(), 2);
        assert!(
            matches!(&map.params[1].ty, TypeExpr::Func { params, results } if params.len() == 1 && results.len() == 1)
        );
        assert!(!f.funcs[3].has_body);
        assert!(f.funcs[3].params[0].variadic);
    }

    #[test]
    fn recovers_from_syntax_errors() {
        let f = facts("package p\n\nfunc Good() {}\n\nfunc Bad( {\n\nfunc Later() {}\n");
        assert!(f.syntax_errors.count > 0);
        assert_eq!(f.syntax_errors.first.map(|p| p.line), Some(5));
        assert!(f.funcs.iter().any(|x| x.name == "Good"));
    }

    #[test]
    fn generated_marker_only_counts_before_the_package_clause() {
        let f = facts("package p\n// Code generated by x. DO NOT EDIT.\n");
        assert!(!f.generated);
        let f = facts("/* Code generated by x. DO NOT EDIT. */\npackage p\n");
        assert!(!f.generated, "block comments do not mark generated files");
    }

    #[test]
    fn deeply_nested_types_are_bounded() {
        let depth = 10_000;
        let src = format!("package p\ntype T {}int\n", "[]".repeat(depth));
        let f = facts(&src);
        assert_eq!(f.types.len(), 1);
    }
}
