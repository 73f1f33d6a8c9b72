//! Sorting in place with one small algorithm (a heapsort): the standard
//! library's sorts are faster on large lists, but each type they sort
//! adds a few kilobytes to the wasm module, and the map's module sorts
//! many types (unit sightings, label orders, crossings, a day's changes).
//! The lists sorted while loading (by day, `(i32, u32)`: the time index,
//! the chronology) keep the standard sort, one copy for all of them.

/// Sorts `items` so that no item is `less` than the one before it (not
/// stable: equal items may change places).
///
/// ```
/// let mut v = [5, 1, 4, 1, 3];
/// troopmap::sort::sort_by(&mut v, |a, b| a < b);
/// assert_eq!(v, [1, 1, 3, 4, 5]);
/// ```
pub fn sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let len = items.len();
    for start in (0..len / 2).rev() {
        sift_down(items, start, len, &mut less);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, &mut less);
    }
}

/// Sorts `items` in their own order (not stable).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, |a, b| a < b);
}

/// Moves the item at `root` down the heap in `items[..end]` until both its
/// children are not greater.
fn sift_down<T>(
    items: &mut [T],
    mut root: usize,
    end: usize,
    less: &mut impl FnMut(&T, &T) -> bool,
) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&items[child], &items[child + 1]) {
            child += 1;
        }
        if !less(&items[root], &items[child]) {
            return;
        }
        items.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_sort_does() {
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 10, 100, 1000] {
            let mut items: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort();
            sort(&mut items);
            assert_eq!(items, expected);
            let mut by_first: Vec<(u8, u32)> = expected.clone();
            by_first.reverse();
            sort_by(&mut by_first, |a, b| a.0 < b.0);
            assert!(by_first.windows(2).all(|w| w[0].0 <= w[1].0));
        }
    }
}
