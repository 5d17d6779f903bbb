//! A per-document cache of analyses that several rules share (the acronym table, the
//! key-action support, the commitment register). It lives and dies with the document,
//! so nothing is keyed by hashes of text or kept between documents.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Key = (TypeId, usize);

/// Analyses computed once per document (and per language pack).
#[derive(Default)]
pub struct Analyses {
    map: Mutex<HashMap<Key, Arc<dyn Any + Send + Sync>>>,
}

impl Analyses {
    /// The analysis `T` for the pack `pack_id`, computed by `build` on first use.
    /// `pack_id` tells apart analyses made with different packs (built-in or extended
    /// by configuration) of the same document; a pack's address is stable for as
    /// long as the document is linted with it.
    pub fn get_or_build<T: Send + Sync + 'static>(
        &self,
        pack_id: usize,
        build: impl FnOnce() -> T,
    ) -> Arc<T> {
        let key = (TypeId::of::<T>(), pack_id);
        if let Some(v) = self.lock().get(&key) {
            if let Ok(t) = v.clone().downcast::<T>() {
                return t;
            }
        }
        // Built outside the lock: an analysis may itself ask for another one.
        let built = Arc::new(build());
        self.lock().insert(key, built.clone());
        built
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<dyn Any + Send + Sync>>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clone for Analyses {
    /// A copy of a document starts with no analyses (it may be changed afterwards).
    fn clone(&self) -> Self {
        Analyses::default()
    }
}

impl std::fmt::Debug for Analyses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Analyses({} cached)", self.lock().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_once_per_type_and_pack() {
        let a = Analyses::default();
        let mut calls = 0;
        let x = a.get_or_build::<u32>(1, || {
            calls += 1;
            7
        });
        let y = a.get_or_build::<u32>(1, || unreachable!());
        assert_eq!((*x, *y, calls), (7, 7, 1));
        assert_eq!(*a.get_or_build::<u32>(2, || 9), 9);
        assert_eq!(*a.get_or_build::<u64>(1, || 3), 3);
        assert_eq!(format!("{:?}", a.clone()), "Analyses(0 cached)");
    }
}
