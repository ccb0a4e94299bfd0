//! Pagination: a tool's result is one JSON document whose main list is cut
//! into pages. The cursor is the offset of the next item, so the same
//! request gives the same page for an unchanged tree, and the page carries
//! `total` (the whole list's length) and `next_cursor` (absent on the last
//! page).

use serde_json::{Map, Value};

/// Items per page when the agent does not say.
pub const DEFAULT_LIMIT: usize = 100;
/// The largest page: keeps one answer within what an agent can read.
pub const MAX_LIMIT: usize = 1000;

/// Which slice of a list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl Page {
    /// From a tool's `limit` and `cursor` arguments.
    pub fn new(limit: Option<u32>, cursor: Option<&str>) -> Result<Page, String> {
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(0) => return Err("limit must be at least 1".to_string()),
            Some(n) if n as usize > MAX_LIMIT => {
                return Err(format!("limit {n} is over the maximum of {MAX_LIMIT}"))
            }
            Some(n) => n as usize,
        };
        let offset = match cursor {
            None => 0,
            Some(c) => c.parse::<usize>().map_err(|_| {
                format!("bad cursor {c:?}: pass the next_cursor of a previous page")
            })?,
        };
        Ok(Page { offset, limit })
    }

    /// Cut the array at `pointer` (a JSON pointer into `doc`, e.g.
    /// `/sites`) to this page, and add `total` and `next_cursor` at the top
    /// of `doc`. A cursor past the end is an error: it cannot come from a
    /// previous page of the same result.
    pub fn apply(&self, doc: &mut Value, pointer: &str) -> Result<(), String> {
        let list = doc
            .pointer_mut(pointer)
            .and_then(Value::as_array_mut)
            .ok_or_else(|| format!("internal error: no list at {pointer}"))?;
        let total = list.len();
        if self.offset > total {
            return Err(format!(
                "cursor {} is past the end of the {total} results (the tree may have changed: start again without a cursor)",
                self.offset
            ));
        }
        let end = self.offset.saturating_add(self.limit).min(total);
        let page: Vec<Value> = list.drain(self.offset..end).collect();
        *list = page;
        let obj: &mut Map<String, Value> = doc
            .as_object_mut()
            .ok_or("internal error: a paginated result is not an object")?;
        obj.insert("total".to_string(), Value::from(total));
        obj.insert(
            "next_cursor".to_string(),
            if end < total {
                Value::from(end.to_string())
            } else {
                Value::Null
            },
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(n: usize) -> Value {
        json!({ "items": (0..n).collect::<Vec<_>>(), "other": 1 })
    }

    #[test]
    fn pages_walk_the_whole_list_once() {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut d = doc(7);
            Page::new(Some(3), cursor.as_deref())
                .unwrap()
                .apply(&mut d, "/items")
                .unwrap();
            assert_eq!(d["total"], 7);
            assert_eq!(d["other"], 1);
            seen.extend(d["items"].as_array().unwrap().iter().cloned());
            match d["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => break,
            }
        }
        assert_eq!(seen, (0..7).map(Value::from).collect::<Vec<_>>());
    }

    #[test]
    fn defaults_and_limits() {
        assert_eq!(
            Page::new(None, None).unwrap(),
            Page {
                offset: 0,
                limit: DEFAULT_LIMIT
            }
        );
        assert!(Page::new(Some(0), None).is_err());
        assert!(Page::new(Some(MAX_LIMIT as u32 + 1), None).is_err());
        assert!(Page::new(None, Some("abc")).is_err());
        assert!(Page::new(None, Some("-1")).is_err());
    }

    #[test]
    fn last_page_has_no_cursor_and_empty_lists_work() {
        let mut d = doc(0);
        Page::new(None, None)
            .unwrap()
            .apply(&mut d, "/items")
            .unwrap();
        assert_eq!(d["total"], 0);
        assert!(d["next_cursor"].is_null());
        let mut d = doc(5);
        Page::new(Some(5), None)
            .unwrap()
            .apply(&mut d, "/items")
            .unwrap();
        assert!(d["next_cursor"].is_null());
    }

    #[test]
    fn cursor_past_the_end_is_an_error() {
        let mut d = doc(3);
        let err = Page::new(None, Some("4"))
            .unwrap()
            .apply(&mut d, "/items")
            .unwrap_err();
        assert!(err.contains("past the end"), "{err}");
    }

    #[test]
    fn nested_lists_are_paginated_in_place() {
        let mut d = json!({ "graph": { "edges": [1, 2, 3] } });
        Page::new(Some(2), Some("1"))
            .unwrap()
            .apply(&mut d, "/graph/edges")
            .unwrap();
        assert_eq!(d["graph"]["edges"], json!([2, 3]));
        assert_eq!(d["total"], 3);
    }
}
