//! The goseam engine: from a directory of Go code to an index of facts.
//!
//! Data flows one way: [`discover`] finds files, [`modules`] places each
//! directory in the Go module model, [`parse`] and [`extract`] turn each file
//! into [`facts::FileFacts`] (dropping its syntax tree), [`index`] records
//! every declaration, and [`scan`] ties the steps together and returns a
//! [`Scan`]. The engine knows nothing of analyzers, plans or front ends.

pub mod cache;
pub mod declscan;
pub mod discover;
pub mod expr;
pub mod extract;
pub mod facts;
pub mod field;
pub mod golit;
pub mod gomod;
pub mod index;
pub mod modules;
pub mod parse;
pub mod paths;
pub mod resolve;
pub mod scan;
pub mod source;
pub mod strip;
pub mod summary;

pub use facts::{FileFacts, Position};
pub use index::{FileId, SymbolIndex, SymbolKey, SymbolKind, SymbolLocation};
pub use modules::{Module, ModuleMap, PackageLocation};
pub use scan::{
    scan, FileKind, NoObserver, Package, Scan, ScanError, ScanObserver, ScanOptions, SourceFile,
};
pub use source::SkipReason;
pub use summary::{ScanSummary, SummaryOptions};
