//! tree-sitter-go field names as ids, looked up once: `child_by_field_name`
//! compares the name with every field name of the grammar on each call,
//! which the body walk does for almost every node.

use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::num::NonZeroU16;
use std::sync::LazyLock;

use tree_sitter::ffi::TSNode;
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

/// The declaration of `csrc/children.c` (built by the engine's build
/// script).
mod ffi {
    use super::TSNode;

    extern "C" {
        /// Writes at most `cap` children of `node`, as `ts_node_child`
        /// (or, when `named_only`, `ts_node_named_child`) numbers them, to
        /// `out`, in order; returns how many it wrote.
        pub fn goseam_ts_node_children(
            node: TSNode,
            named_only: bool,
            out: *mut TSNode,
            cap: u32,
        ) -> u32;
    }
}

/// Nodes with at most this many children to list have them listed into a
/// buffer on the stack; larger ones into a vector.
const BUFFERED: usize = 16;

/// The children of `node`, named and anonymous, in order: what
/// `node.children(&mut node.walk())` gives.
///
/// Listed in one pass over the node's subtree array (`csrc/children.c`):
/// the body walk lists the children of nearly every node, and both ways
/// tree-sitter's API offers cost more there. `child(i)` steps through the
/// children from the first on each call; a tree cursor keeps a stack and
/// spends more instructions per step (the traversal example in `benches/`
/// measures all three).
pub fn children(node: Node<'_>) -> Children<'_> {
    Children::list(node, false, node.child_count())
}

/// The named children of `node`, comments included, as
/// `node.named_children(…)` gives them; listed as [`children`] are.
pub fn named_children(node: Node<'_>) -> Children<'_> {
    Children::list(node, true, node.named_child_count())
}

/// Iterator of [`children`] and [`named_children`].
pub struct Children<'t> {
    /// The children, when there are at most [`BUFFERED`]; the first `len`
    /// are written.
    buffered: [MaybeUninit<TSNode>; BUFFERED],
    /// The children, when there are more (else empty).
    listed: Vec<TSNode>,
    len: usize,
    next: usize,
    tree: PhantomData<Node<'t>>,
}

impl<'t> Children<'t> {
    fn list(node: Node<'t>, named_only: bool, count: usize) -> Children<'t> {
        let raw_node = node.into_raw();
        let mut buffered = [MaybeUninit::uninit(); BUFFERED];
        let mut listed = Vec::new();
        let len = if count == 0 {
            // A leaf: nothing to list, no call to make.
            0
        } else if count <= BUFFERED {
            // SAFETY: `raw_node` is a node of a tree borrowed for 't, and
            // the function writes at most `BUFFERED` nodes to `buffered`.
            let written = unsafe {
                ffi::goseam_ts_node_children(
                    raw_node,
                    named_only,
                    buffered.as_mut_ptr().cast(),
                    BUFFERED as u32,
                )
            };
            (written as usize).min(BUFFERED)
        } else {
            let cap = u32::try_from(count).unwrap_or(u32::MAX);
            listed.reserve_exact(cap as usize);
            // SAFETY: as above, with room for `cap` nodes; the length is
            // set to what was written, all of it initialized.
            unsafe {
                let written =
                    ffi::goseam_ts_node_children(raw_node, named_only, listed.as_mut_ptr(), cap);
                listed.set_len((written as usize).min(cap as usize));
            }
            listed.len()
        };
        Children {
            buffered,
            listed,
            len,
            next: 0,
            tree: PhantomData,
        }
    }
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    #[inline]
    fn next(&mut self) -> Option<Node<'t>> {
        if self.next >= self.len {
            return None;
        }
        let i = self.next;
        self.next += 1;
        let raw = match self.listed.get(i) {
            Some(&raw) => raw,
            // SAFETY: with nothing listed, the first `len` buffered
            // entries were written by `goseam_ts_node_children`.
            None => unsafe { self.buffered[i].assume_init() },
        };
        // SAFETY: a node of the tree borrowed for 't, written by
        // `goseam_ts_node_children` (never a null node).
        Some(unsafe { Node::from_raw(raw) })
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

    /// Every node's [`children`] and [`named_children`], with their
    /// kinds and positions, against tree-sitter's cursor, over `src`.
    fn assert_listed_as_tree_sitter_lists(src: &[u8], what: &str) {
        let tree = crate::parse::parse_go(src).expect("parses");
        let mut stack = vec![tree.root_node()];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            let mut c = n.walk();
            let all: Vec<Node> = n.children(&mut c).collect();
            let named: Vec<Node> = n.named_children(&mut c).collect();
            let listed: Vec<Node> = children(n).collect();
            let listed_named: Vec<Node> = named_children(n).collect();
            assert_eq!(listed, all, "children of {n:?} in {what}");
            assert_eq!(listed_named, named, "named children of {n:?} in {what}");
            for (a, b) in listed.iter().zip(&all) {
                assert_eq!(
                    (a.kind(), a.start_position(), a.end_byte()),
                    (b.kind(), b.start_position(), b.end_byte()),
                    "child of {n:?} in {what}"
                );
            }
            seen += 1;
            stack.extend(all);
        }
        assert!(seen > 1, "{what} has nodes");
    }

    /// The one-pass listing (`csrc/children.c`) on every fixture of the
    /// corpus, and on broken sources whose trees hold error and missing
    /// nodes, and nodes with more children than fit the stack buffer.
    #[test]
    fn children_listed_as_tree_sitter_lists_them() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let mut files = 0;
        for entry in ignore::WalkBuilder::new(&corpus)
            .standard_filters(false)
            .build()
        {
            let entry = entry.expect("corpus entry");
            if entry.path().extension().is_some_and(|e| e == "go") {
                let src = std::fs::read(entry.path()).expect("fixture readable");
                assert_listed_as_tree_sitter_lists(&src, &entry.path().display().to_string());
                files += 1;
            }
        }
        assert!(
            files >= 50,
            "only {files} fixtures under {}",
            corpus.display()
        );
        let many: String = (0..40).map(|i| format!("a{i}, ")).collect();
        for src in [
            format!("package p\nvar x = []int{{{many}}}\nfunc f() {{ g({many}) }}\n"),
            "package p\nfunc ) {\n x := [}\n".to_string(),
            "package p\nfunc f() { if x { ; } else { for {} } ".to_string(),
            "package p\ntype T struct { a, b int; C `tag` /* c */ }\n".to_string(),
        ] {
            assert_listed_as_tree_sitter_lists(src.as_bytes(), &src);
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
