//! goseam's analyzers: each module is one analyzer, registered with
//! [`register_analyzer!`] and documented by its `DOC`. The [`analysis`]
//! module holds the plug-in API and the driver that runs analyzers over an
//! engine scan.

pub mod analysis;
pub mod callgraph;
pub mod callsites;
pub mod check;
pub mod config;
pub mod deps;
pub mod domains;
pub mod imports;
pub mod packages;
pub mod plan;
pub mod schema;
pub mod sql;
pub mod sqluse;
pub mod tables;
pub mod writepaths;

pub use analysis::{
    lookup, registry, run_analyzers, AnalysisError, Analyzer, DynAnalyzer, Pass, PassOptions,
    Results,
};
