//! tree-sitter-go parsing with one parser per worker thread.
//!
//! A `Parser` is not `Sync` and is costly to create, so each rayon worker
//! keeps its own in a thread-local and reuses it for every file it handles.

use std::cell::RefCell;

use tree_sitter::{Parser, Tree};

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Have tree-sitter's C library allocate through jemalloc, for a program
/// whose global allocator is jemalloc: the parser allocates stack nodes and
/// subtrees for every token, and glibc's `malloc` (arena locks,
/// consolidation of freed chunks) made that a large part of parsing; the
/// cold scan of the Go distribution took 13–20% less CPU time through
/// jemalloc. Call it first in `main`, before any syntax tree exists; later
/// calls do nothing.
#[cfg(feature = "jemalloc")]
pub fn allocate_through_jemalloc() {
    use tikv_jemalloc_sys as je;
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: the first call comes before any tree-sitter object exists
        // (see above), so nothing allocated by one allocator is freed by the
        // other.
        unsafe {
            tree_sitter::set_allocator(
                Some(je::malloc),
                Some(je::calloc),
                Some(je::realloc),
                Some(je::free),
            )
        }
    });
}

/// Parse Go source with this thread's parser. `None` only if tree-sitter
/// gives up (it recovers from syntax errors, so that is not a reason).
pub fn parse_go(src: &[u8]) -> Option<Tree> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_go::LANGUAGE.into())
                .expect("tree-sitter-go grammar is ABI-compatible with tree-sitter");
            *slot = Some(parser);
        }
        let parser = slot.as_mut().expect("initialized above");
        parser.parse(src, None)
    })
}
