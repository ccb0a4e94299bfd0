//! Print the tree-sitter tree of a Go file: `cargo run -p goseam-engine --example tsdump FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let src = std::fs::read(&path).expect("readable");
    let tree = goseam_engine::parse::parse_go(&src).expect("parses");
    println!("{}", tree.root_node().to_sexp());
}
