//! What walking a whole syntax tree costs next to parsing it: tree-sitter
//! parses every file of the Go corpus, and `walk` also visits every node
//! with a tree cursor (as the body walk of the call graph must), right
//! after each parse or after a batch of parses (`walk2` visits twice);
//! `index` visits every node by listing each node's children with
//! `goseam_engine::field::children` (as the body walk does: one pass over
//! the node's subtree array, cheaper than the cursor's steps).
//!
//! `cargo run --release -p goseam-benches --example traversal -- MODE [BATCH] [FILES]`
//! with MODE `parse`, `walk`, `walk2` or `index`; one thread. Time it with
//! `/usr/bin/time`, or count instructions under `valgrind --tool=callgrind`
//! (repeatable where wall time on a shared machine is not).
use std::time::Instant;
use tree_sitter::Tree;

/// Every node of the tree, visited once in document order.
fn count_nodes(tree: &Tree) -> usize {
    let mut c = tree.walk();
    let mut n = 0;
    'outer: loop {
        n += 1;
        if c.goto_first_child() {
            continue;
        }
        loop {
            if c.goto_next_sibling() {
                continue 'outer;
            }
            if !c.goto_parent() {
                break 'outer;
            }
        }
    }
    n
}

/// Every node below `node`, visited with [`goseam_engine::field::children`]:
/// the body walk's way.
fn count_indexed(node: tree_sitter::Node) -> usize {
    1 + goseam_engine::field::children(node)
        .map(count_indexed)
        .sum::<usize>()
}

fn main() {
    goseam_benches::allocate_like_the_binary();
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "walk".to_string());
    let passes = match mode.as_str() {
        "parse" => 0,
        "walk" => 1,
        "walk2" => 2,
        "index" => 1,
        other => {
            eprintln!("unknown mode {other}: parse, walk, walk2 or index");
            std::process::exit(2);
        }
    };
    let indexed = mode == "index";
    let batch: usize = args.next().and_then(|b| b.parse().ok()).unwrap_or(1).max(1);
    let root = goseam_benches::gostd_root().expect("install the Go corpus: bash corpus/gostd.sh");
    let mut files = goseam_benches::go_files(&root);
    if let Some(n) = args.next().and_then(|n| n.parse::<usize>().ok()) {
        files.truncate(n);
    }
    let sources: Vec<Vec<u8>> = files
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_default())
        .collect();
    let t = Instant::now();
    let mut nodes = 0;
    for chunk in sources.chunks(batch) {
        let trees: Vec<Tree> = chunk
            .iter()
            .filter_map(|s| goseam_engine::parse::parse_go(s))
            .collect();
        for _ in 0..passes {
            nodes += trees
                .iter()
                .map(|t| match indexed {
                    true => count_indexed(t.root_node()),
                    false => count_nodes(t),
                })
                .sum::<usize>();
        }
    }
    eprintln!(
        "{mode} (batch {batch}): {} files, {nodes} nodes visited, {:.3}s",
        sources.len(),
        t.elapsed().as_secs_f64()
    );
}
