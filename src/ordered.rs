//! Work in parallel, results in order: each result is handed to the sink as soon as
//! it and every result before it are done, so a run can print file by file (and free
//! each file's report) instead of holding the whole run.

use std::collections::BTreeMap;
use std::sync::mpsc;

use rayon::prelude::*;

/// Apply `work` to every item on rayon's pool; call `sink` on the results in item
/// order, on the calling thread, while later items are still being worked on.
pub fn for_each_ordered<T, R>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync + Send,
    mut sink: impl FnMut(R),
) where
    T: Send,
    R: Send,
{
    // One item (an editor's or a hook's single file): on this thread, without
    // starting the pool's threads.
    if items.len() <= 1 {
        items.into_iter().for_each(|item| sink(work(item)));
        return;
    }
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            items
                .into_par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (i, item)| {
                    let _ = tx.send((i, work(item)));
                });
        });
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next) {
                sink(r);
                next += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_item_order() {
        let mut seen = Vec::new();
        for_each_ordered(
            (0..200u64).collect(),
            |i| {
                // Later items finish first.
                std::thread::sleep(std::time::Duration::from_micros(200 - i));
                i * 2
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, (0..200u64).map(|i| i * 2).collect::<Vec<_>>());
        let mut one = Vec::new();
        for_each_ordered(vec![7u64], |i| i * 2, |r| one.push(r));
        assert_eq!(one, [14]);
    }
}
