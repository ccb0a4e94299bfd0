//! The concurrent symbol index: every top-level declaration of the tree,
//! keyed by package import path and name.
//!
//! Workers insert as they finish each file. `DashMap` shards its table, so
//! two workers only contend when they hit the same shard at the same moment;
//! there is no global lock on the hot path. Lookups return results sorted, so
//! the order in which workers happened to insert never shows.

use std::sync::Arc;

use dashmap::DashMap;
use serde::{Deserialize, Serialize};

use crate::facts::{FileFacts, Position, ValueKind};

/// Index of a file in [`crate::Scan::files`].
pub type FileId = u32;

/// The key of a symbol: package import path and name within the package.
/// Methods are named `T.M`, as in go/types' `(T).M` without the parentheses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymbolKey {
    pub package: Arc<str>,
    pub name: Box<str>,
}

/// What kind of declaration a symbol is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SymbolKind {
    Func,
    Method,
    Type,
    Const,
    Var,
}

/// Where a symbol is declared. The full declaration is in the file's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SymbolLocation {
    pub file: FileId,
    pub kind: SymbolKind,
    pub position: Position,
}

/// All declarations, by package and name.
#[derive(Debug, Default)]
pub struct SymbolIndex {
    map: DashMap<SymbolKey, Vec<SymbolLocation>>,
}

impl SymbolIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record every top-level declaration of one file.
    pub fn insert_file(&self, package: &Arc<str>, file: FileId, facts: &FileFacts) {
        let add = |name: String, kind: SymbolKind, position: Position| {
            if name.is_empty() || name == "_" {
                return;
            }
            self.map
                .entry(SymbolKey {
                    package: Arc::clone(package),
                    name: name.into_boxed_str(),
                })
                .or_default()
                .push(SymbolLocation {
                    file,
                    kind,
                    position,
                });
        };
        for f in &facts.funcs {
            let kind = if f.receiver.is_some() {
                SymbolKind::Method
            } else {
                SymbolKind::Func
            };
            // `init` may be declared many times and is never referenced.
            if f.receiver.is_none() && f.name == "init" {
                continue;
            }
            add(f.symbol_name(), kind, f.position);
        }
        for t in &facts.types {
            add(t.name.clone(), SymbolKind::Type, t.position);
        }
        for v in &facts.values {
            let kind = match v.kind {
                ValueKind::Const => SymbolKind::Const,
                ValueKind::Var => SymbolKind::Var,
            };
            add(v.name.clone(), kind, v.position);
        }
    }

    /// Declarations of `name` in package `package`, sorted by file and position.
    pub fn lookup(&self, package: &str, name: &str) -> Vec<SymbolLocation> {
        let key = SymbolKey {
            package: Arc::from(package),
            name: Box::from(name),
        };
        let mut found = self.map.get(&key).map(|v| v.clone()).unwrap_or_default();
        found.sort();
        found
    }

    /// Number of distinct (package, name) keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every key with its declarations, sorted: for reports and tests.
    pub fn sorted_entries(&self) -> Vec<(SymbolKey, Vec<SymbolLocation>)> {
        let mut entries: Vec<_> = self
            .map
            .iter()
            .map(|e| {
                let mut v = e.value().clone();
                v.sort();
                (e.key().clone(), v)
            })
            .collect();
        entries.sort();
        entries
    }
}
