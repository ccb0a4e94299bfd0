//! tree-sitter-go field names as ids, looked up once: `child_by_field_name`
//! compares the name with every field name of the grammar on each call,
//! which the body walk does for almost every node.

use std::num::NonZeroU16;
use std::sync::LazyLock;

use tree_sitter::{Node, TreeCursor};

macro_rules! fields {
    ($($variant:ident = $name:literal,)*) => {
        /// A field of a tree-sitter-go node.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Field {
            $($variant,)*
        }

        impl Field {
            /// Every field, in declaration order.
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];

            /// The field's name in the grammar.
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => $name,)*
                }
            }
        }
    };
}

fields! {
    Alias = "alias",
    Arguments = "arguments",
    Body = "body",
    Element = "element",
    Field = "field",
    Function = "function",
    Index = "index",
    Initializer = "initializer",
    Key = "key",
    Left = "left",
    Length = "length",
    Name = "name",
    Operand = "operand",
    Operator = "operator",
    Package = "package",
    Parameters = "parameters",
    Path = "path",
    Receiver = "receiver",
    Result = "result",
    Right = "right",
    Type = "type",
    TypeArguments = "type_arguments",
    TypeParameters = "type_parameters",
    Value = "value",
}

/// Field ids by [`Field`]; an id no node has (`MAX`) for a field the
/// grammar lacked (a test rules that out).
static IDS: LazyLock<Vec<NonZeroU16>> = LazyLock::new(|| {
    let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    Field::ALL
        .iter()
        .map(|f| {
            language
                .field_id_for_name(f.name())
                .unwrap_or(NonZeroU16::MAX)
        })
        .collect()
});

impl Field {
    /// The grammar's id for the field.
    pub fn id(self) -> NonZeroU16 {
        IDS[self as usize]
    }
}

/// Node kind names by the grammar's id: [`Node::kind`] measures the C
/// string and checks that it is UTF-8 on every call, and the body walk asks
/// for the kind of every node.
static KIND_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let language: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
    (0..language.node_kind_count())
        .map(|id| {
            u16::try_from(id)
                .ok()
                .and_then(|id| language.node_kind_for_id(id))
                .unwrap_or("")
        })
        .collect()
});

/// [`Node::kind`] from a table.
pub trait KindExt {
    /// The node's kind, as [`Node::kind`] names it.
    fn kind_name(&self) -> &'static str;
}

impl KindExt for Node<'_> {
    #[inline]
    fn kind_name(&self) -> &'static str {
        match KIND_NAMES.get(usize::from(self.kind_id())) {
            Some(name) => {
                debug_assert_eq!(*name, self.kind());
                name
            }
            // The error symbol is outside the table.
            None => self.kind(),
        }
    }
}

/// `child_by_field_name` and `children_by_field_name` by id (the latter
/// looks the name up among the grammar's fields on every call).
pub trait FieldExt<'t> {
    /// The child in field `f` (the first, when there are several).
    fn field(&self, f: Field) -> Option<Node<'t>>;

    /// Every child in field `f`, in order.
    fn fields<'c>(
        &self,
        f: Field,
        cursor: &'c mut TreeCursor<'t>,
    ) -> impl Iterator<Item = Node<'t>> + 'c
    where
        't: 'c;
}

impl<'t> FieldExt<'t> for Node<'t> {
    #[inline]
    fn field(&self, f: Field) -> Option<Node<'t>> {
        self.child_by_field_id(f.id().get())
    }

    fn fields<'c>(
        &self,
        f: Field,
        cursor: &'c mut TreeCursor<'t>,
    ) -> impl Iterator<Item = Node<'t>> + 'c
    where
        't: 'c,
    {
        self.children_by_field_id(f.id(), cursor)
    }
}

/// Nodes with at most this many children are iterated by child index,
/// larger ones with a cursor: `child(i)` steps through the children from
/// the first each time, but for a few children that is still cheaper than
/// a tree cursor, whose steps keep a stack, and needs no allocation (the
/// traversal example in `benches/` measures both).
const INDEXED_CHILDREN: usize = 8;

/// The children of `node`, named and anonymous, in order: what
/// `node.children(&mut node.walk())` gives, at less cost for the small
/// nodes that most are.
pub fn children(node: Node<'_>) -> Children<'_> {
    let count = node.child_count();
    if count <= INDEXED_CHILDREN {
        Children::Indexed(Indexed::new(node, count, Node::child))
    } else {
        let mut cursor = node.walk();
        let all: Vec<Node> = node.children(&mut cursor).collect();
        Children::Listed(all.into_iter())
    }
}

/// Iterator of [`children`].
pub enum Children<'t> {
    Indexed(Indexed<'t>),
    Listed(std::vec::IntoIter<Node<'t>>),
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        match self {
            Children::Indexed(indexed) => indexed.next(),
            Children::Listed(rest) => rest.next(),
        }
    }
}

/// The named children of `node`, comments included, as
/// `node.named_children(…)` gives them; by `named_child(i)` when there are
/// few, which skips the anonymous ones (punctuation, keywords) without
/// stepping to each.
pub fn named_children(node: Node<'_>) -> NamedChildren<'_> {
    let count = node.named_child_count();
    if count <= INDEXED_CHILDREN {
        NamedChildren::Indexed(Indexed::new(node, count, Node::named_child))
    } else {
        NamedChildren::All(children(node))
    }
}

/// Iterator of [`named_children`].
pub enum NamedChildren<'t> {
    Indexed(Indexed<'t>),
    All(Children<'t>),
}

impl<'t> Iterator for NamedChildren<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        match self {
            NamedChildren::Indexed(indexed) => indexed.next(),
            NamedChildren::All(all) => all.find(|c| c.is_named()),
        }
    }
}

/// Children `0..count` of a node by index, through `child` or
/// `named_child`.
pub struct Indexed<'t> {
    node: Node<'t>,
    next: usize,
    count: usize,
    at: fn(&Node<'t>, usize) -> Option<Node<'t>>,
}

impl<'t> Indexed<'t> {
    fn new(node: Node<'t>, count: usize, at: fn(&Node<'t>, usize) -> Option<Node<'t>>) -> Self {
        Indexed {
            node,
            next: 0,
            count,
            at,
        }
    }
}

impl<'t> Iterator for Indexed<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        while self.next < self.count {
            let i = self.next;
            self.next += 1;
            if let Some(c) = (self.at)(&self.node, i) {
                return Some(c);
            }
        }
        None
    }
}

/// The source text of a node: borrowed when it is valid UTF-8, else with
/// replacement characters. The body walk asks for the text of most
/// identifiers, a few ASCII bytes each: an inlined ASCII test answers for
/// them at a fraction of `str::from_utf8`'s call, which is left for the
/// rest (its ASCII fast path is one `String::from_utf8_lossy` lacks).
pub fn node_text<'s>(src: &'s [u8], node: Node) -> std::borrow::Cow<'s, str> {
    let bytes = src.get(node.byte_range()).unwrap_or_default();
    if bytes.is_ascii() {
        // SAFETY: ASCII bytes are valid UTF-8.
        return std::borrow::Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_in_the_grammar() {
        for &f in Field::ALL {
            assert_ne!(
                f.id(),
                NonZeroU16::MAX,
                "{} is not a tree-sitter-go field",
                f.name()
            );
        }
    }

    #[test]
    fn same_child_as_by_name() {
        let src =
            b"package p\nfunc (r *T) M(a int) (b int) { x := f[int] /* c */ (a, 1, 2, 3, 4, 5, 6, 7, 8, 9); return x. /* d */ y + // e\n 2 }\nfunc ) {\n";
        let tree = crate::parse::parse_go(src).expect("parses");
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            for &f in Field::ALL {
                assert_eq!(n.field(f), n.child_by_field_name(f.name()));
                let (mut a, mut b) = (n.walk(), n.walk());
                assert!(n
                    .fields(f, &mut a)
                    .eq(n.children_by_field_name(f.name(), &mut b)));
            }
            let mut c = n.walk();
            assert!(children(n).eq(n.children(&mut c)));
            let mut c = n.walk();
            assert!(named_children(n).eq(n.named_children(&mut c)));
            assert_eq!(n.kind_name(), n.kind());
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
    }
}
