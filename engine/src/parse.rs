//! tree-sitter-go parsing with one parser per worker thread.
//!
//! A `Parser` is not `Sync` and is costly to create, so each rayon worker
//! keeps its own in a thread-local and reuses it for every file it handles.

use std::cell::RefCell;

use tree_sitter::{Parser, Tree};

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
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
