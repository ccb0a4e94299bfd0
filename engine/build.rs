//! Builds `csrc/children.c`, which lists a node's children by reading
//! tree-sitter's subtree arrays (see the file). It includes tree-sitter's
//! internal headers: those of the crate that is linked, which the
//! tree-sitter crate's build script announces (`links = "tree-sitter"`)
//! as the directory of its public header, next to its sources.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=csrc/children.c");
    let include = PathBuf::from(
        std::env::var("DEP_TREE_SITTER_INCLUDE")
            .expect("tree-sitter's build script sets DEP_TREE_SITTER_INCLUDE"),
    );
    let sources = include.join("..").join("src");
    assert!(
        sources.join("subtree.h").is_file(),
        "tree-sitter's sources are not next to its include directory: {}",
        sources.display()
    );
    cc::Build::new()
        .file("csrc/children.c")
        .include(&include)
        .include(&sources)
        .flag_if_supported("-std=c11")
        .flag_if_supported("-Wno-unused-parameter")
        .compile("goseam_children");
}
