//! Answers the checker gives the same way wherever they are asked: what a
//! selector `x.sel` denotes on a named type, what a package-level name
//! denotes. Both depend only on declarations, yet a tree asks each
//! thousands of times (`b.buf`, `p.tok`, `fmt.Sprintf`), and working one out
//! walks declarations, embedded fields and type expressions again.
//!
//! Shared by every worker of one [`super::check::Checker`], so by one
//! universe: keys name packages by address, which is unique only while the
//! universe holds them.

use std::cell::RefCell;
use std::sync::Arc;

use dashmap::DashMap;

use super::universe::Package;

/// A concurrent map from a key spelled as bytes to an answer.
pub struct Memo<V> {
    answers: DashMap<Box<[u8]>, V, hashbrown::DefaultHashBuilder>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            answers: DashMap::with_hasher(hashbrown::DefaultHashBuilder::default()),
        }
    }
}

/// A memo key: a package (by address) and the parts naming something in
/// it. Separated by a byte UTF-8 never contains, so that no two different
/// lists of names spell the same key.
pub struct Key<'a> {
    pub pkg: &'a Arc<Package>,
    pub parts: &'a [&'a str],
    /// Distinguishes answers asked for differently (`T` or `*T`, a depth).
    pub tag: u8,
}

thread_local! {
    /// The key being looked up, spelled without allocating.
    static KEY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl<V: Clone> Memo<V> {
    /// The answer for `key`, made by `make` the first time it is asked
    /// for. `make` must give the same answer whenever it is called: two
    /// workers asking at once may both make it, and the first one kept
    /// wins.
    pub fn get_or(&self, key: Key<'_>, make: impl FnOnce() -> V) -> V {
        let found = KEY.with(|buf| {
            let mut buf = buf.borrow_mut();
            buf.clear();
            buf.extend_from_slice(&(Arc::as_ptr(key.pkg) as usize).to_le_bytes());
            buf.push(key.tag);
            for p in key.parts {
                buf.push(0xff);
                buf.extend_from_slice(p.as_bytes());
            }
            match self.answers.get(buf.as_slice()) {
                Some(v) => Ok(v.clone()),
                None => Err(Box::<[u8]>::from(buf.as_slice())),
            }
        });
        match found {
            Ok(v) => v,
            // Made outside the thread's key buffer: making it asks for
            // other answers.
            Err(spelled) => {
                let v = make();
                self.answers.entry(spelled).or_insert(v).value().clone()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_different_names_do_not_collide() {
        let memo: Memo<u32> = Memo::default();
        let pkg = Arc::new(Package::empty());
        let key = |parts: &'static [&'static str], tag| Key {
            pkg: &pkg,
            parts,
            tag,
        };
        assert_eq!(memo.get_or(key(&["ab", "c"], 0), || 1), 1);
        assert_eq!(memo.get_or(key(&["a", "bc"], 0), || 2), 2);
        assert_eq!(memo.get_or(key(&["ab", "c"], 1), || 3), 3);
        // Asked again: the first answer, not made again.
        assert_eq!(memo.get_or(key(&["ab", "c"], 0), || 4), 1);
        let other = Arc::new(Package::empty());
        let key = Key {
            pkg: &other,
            parts: &["ab", "c"],
            tag: 0,
        };
        assert_eq!(memo.get_or(key, || 5), 5);
    }
}
