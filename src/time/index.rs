//! The time index: which features are shown on a day, and what changes
//! between two days, without looking at every feature.

use crate::model::MapFeature;
use crate::time::{Day, Span};

/// The days of a feature that is never shown (filtered out).
pub const NEVER: (i32, i32) = (i32::MAX, i32::MIN);

/// What changes on the map when the date moves from one day to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// Features to add, by index into the dataset, in ascending order.
    pub entered: Vec<usize>,
    /// Features to remove, by index, in ascending order.
    pub left: Vec<usize>,
}

impl Change {
    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.entered.is_empty() && self.left.is_empty()
    }

    /// This change followed by `next`, as one: a feature that entered and
    /// then left (or left and came back) does not change at all.
    ///
    /// ```
    /// use troopmap::Change;
    /// let filter = Change { entered: vec![4], left: vec![1, 2] };
    /// let step = Change { entered: vec![2, 7], left: vec![4, 5] };
    /// let both = filter.then(step);
    /// assert_eq!((both.entered, both.left), (vec![7], vec![1, 5]));
    /// ```
    pub fn then(mut self, mut next: Change) -> Change {
        for list in [
            &mut self.entered,
            &mut self.left,
            &mut next.entered,
            &mut next.left,
        ] {
            crate::sort::sort(list);
        }
        let keep = |ours: Vec<usize>, undone: &[usize]| -> Vec<usize> {
            ours.into_iter()
                .filter(|i| undone.binary_search(i).is_err())
                .collect::<Vec<_>>()
        };
        let mut entered = keep(self.entered.clone(), &next.left);
        entered.extend(keep(next.entered.clone(), &self.left));
        let mut left = keep(self.left, &next.entered);
        left.extend(keep(next.left, &self.entered));
        crate::sort::sort(&mut entered);
        crate::sort::sort(&mut left);
        Change { entered, left }
    }
}

/// Features sorted by first day and by last day, so that the features
/// starting or ending in a range of days are found by binary search.
///
/// A feature without `start` sorts as if it started before every day, one
/// without `end` as if it never ended (the time rule in [`Span`]).
///
/// ```
/// use troopmap::{Day, Span, TimeBound, TimeIndex};
/// let span = |a: &str, b: &str| Span::new(TimeBound::parse(a).ok(), TimeBound::parse(b).ok());
/// let index = TimeIndex::new(&[span("2024-10-08", "2024-10-13"), span("2024-10-18", "")]);
/// let day = |s| Day::parse(s).unwrap();
/// assert_eq!(index.shown_on(day("2024-10-10")), vec![0]);
/// let change = index.change(day("2024-10-10"), day("2024-10-18"));
/// assert_eq!((change.entered, change.left), (vec![1], vec![0]));
/// ```
#[derive(Debug, Clone, Default)]
pub struct TimeIndex {
    /// (first day, feature) sorted by first day.
    by_first: Vec<(i32, u32)>,
    /// (last day, feature) sorted by last day.
    by_last: Vec<(i32, u32)>,
    /// First and last day per feature, open ends as i32::MIN / i32::MAX.
    days: Vec<(i32, i32)>,
}

impl TimeIndex {
    /// Indexes the spans of features `0..spans.len()`.
    pub fn new(spans: &[Span]) -> TimeIndex {
        TimeIndex::from_days(
            spans
                .iter()
                .map(|s| {
                    (
                        s.first_day().map_or(i32::MIN, |d| d.0),
                        s.last_day().map_or(i32::MAX, |d| d.0),
                    )
                })
                .collect(),
        )
    }

    /// Indexes features by their (first, last) day, open ends as `i32::MIN`
    /// and `i32::MAX`; a feature with first > last (such as [`NEVER`]) is
    /// never shown.
    pub fn from_days(days: Vec<(i32, i32)>) -> TimeIndex {
        let shown = || days.iter().enumerate().filter(|(_, d)| d.0 <= d.1);
        let by_first = in_order(shown().map(|(i, d)| (d.0, i as u32)).collect());
        let by_last = in_order(shown().map(|(i, d)| (d.1, i as u32)).collect());
        TimeIndex {
            by_first,
            by_last,
            days,
        }
    }

    /// Indexes a dataset's features.
    pub fn of(features: &[MapFeature]) -> TimeIndex {
        let spans: Vec<Span> = features.iter().map(|f| f.span).collect();
        TimeIndex::new(&spans)
    }

    /// Number of features indexed.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    /// Whether no feature is indexed.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// The first and last day any feature starts or ends on, or `None` when
    /// no feature has a date.
    pub fn date_range(&self) -> Option<(Day, Day)> {
        let starts = self.by_first.iter().map(|e| e.0).filter(|&d| d != i32::MIN);
        let ends = self.by_last.iter().map(|e| e.0).filter(|&d| d != i32::MAX);
        let first = starts
            .clone()
            .next()
            .into_iter()
            .chain(ends.clone().next())
            .min()?;
        let last = starts
            .clone()
            .next_back()
            .into_iter()
            .chain(ends.clone().next_back())
            .max()?;
        Some((Day(first), Day(last)))
    }

    /// Every feature shown on `day`, in ascending order: one pass over
    /// every feature's days, which needs no sort.
    pub fn shown_on(&self, day: Day) -> Vec<usize> {
        self.days
            .iter()
            .enumerate()
            .filter(|(_, d)| d.0 <= day.0 && d.1 >= day.0)
            .map(|(i, _)| i)
            .collect()
    }

    /// What changes from `from` to `to`: features shown on `to` but not on
    /// `from` enter, and the other way round leave. Costs O(log n) plus the
    /// features that start or end between the two days.
    pub fn change(&self, from: Day, to: Day) -> Change {
        if from == to {
            return Change::default();
        }
        let (lo, hi) = if from < to {
            (from.0, to.0)
        } else {
            (to.0, from.0)
        };
        // Going forward, features starting in (lo, hi] and still on at hi
        // enter; features ending in [lo, hi) that were on at lo leave.
        let starting = self.slice(&self.by_first, lo + 1, hi);
        let ending = self.slice(&self.by_last, lo, hi - 1);
        let mut appear: Vec<usize> = starting
            .iter()
            .map(|e| e.1 as usize)
            .filter(|&i| self.days[i].1 >= hi)
            .collect();
        let mut vanish: Vec<usize> = ending
            .iter()
            .map(|e| e.1 as usize)
            .filter(|&i| self.days[i].0 <= lo)
            .collect();
        crate::sort::sort(&mut appear);
        crate::sort::sort(&mut vanish);
        if from < to {
            Change {
                entered: appear,
                left: vanish,
            }
        } else {
            Change {
                entered: vanish,
                left: appear,
            }
        }
    }

    /// The features shown on some day after `from` and before `to`, but on
    /// neither, in ascending order: those that start after `from` and end
    /// before `to`.
    ///
    /// ```
    /// use troopmap::{Day, TimeIndex};
    /// let index = TimeIndex::from_days(vec![(8, 13), (1, 10), (18, 30), (9, 9), (12, 20)]);
    /// assert_eq!(index.between(Day(7), Day(20)), vec![0, 3]);
    /// assert_eq!(index.between(Day(20), Day(7)), vec![0, 3]);
    /// assert!(index.between(Day(7), Day(8)).is_empty());
    /// ```
    pub fn between(&self, from: Day, to: Day) -> Vec<usize> {
        let (lo, hi) = if from <= to {
            (from.0, to.0)
        } else {
            (to.0, from.0)
        };
        if hi - lo < 2 {
            return Vec::new();
        }
        let mut inside: Vec<usize> = self
            .slice(&self.by_first, lo + 1, hi - 1)
            .iter()
            .map(|e| e.1 as usize)
            .filter(|&i| self.days[i].1 < hi)
            .collect();
        crate::sort::sort(&mut inside);
        inside
    }

    /// The entries of a sorted list whose day lies in `lo..=hi`.
    fn slice<'a>(&self, list: &'a [(i32, u32)], lo: i32, hi: i32) -> &'a [(i32, u32)] {
        let a = list.partition_point(|e| e.0 < lo);
        let b = list.partition_point(|e| e.0 <= hi);
        &list[a..b.max(a)]
    }
}

/// `pairs` of (day, index), made in the order of their indices, in order
/// of day and then index: counted into place when their days (open ends
/// aside) span not many more days than there are pairs, which a pass
/// does; sorted otherwise.
fn in_order(mut pairs: Vec<(i32, u32)>) -> Vec<(i32, u32)> {
    let finite = pairs
        .iter()
        .map(|p| p.0)
        .filter(|d| *d != i32::MIN && *d != i32::MAX);
    let (low, high) = finite.fold((i32::MAX, i32::MIN), |(l, h), d| (l.min(d), h.max(d)));
    let span = (i64::from(high) - i64::from(low) + 1).max(0) as usize;
    if span > 4 * pairs.len() + 1024 {
        pairs.sort_unstable();
        return pairs;
    }
    // Open starts first, then each day, then open ends.
    let slot = |day: i32| match day {
        i32::MIN => 0,
        i32::MAX => span + 1,
        day => (i64::from(day) - i64::from(low)) as usize + 1,
    };
    // Where each slot's pairs begin.
    let mut at = vec![0; span + 3];
    for pair in &pairs {
        at[slot(pair.0) + 1] += 1;
    }
    for i in 1..at.len() {
        at[i] += at[i - 1];
    }
    let mut sorted = vec![(0, 0); pairs.len()];
    for pair in pairs {
        let next = &mut at[slot(pair.0)];
        sorted[*next] = pair;
        *next += 1;
    }
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::TimeBound;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn span(start: &str, end: &str) -> Span {
        Span::new(TimeBound::parse(start).ok(), TimeBound::parse(end).ok())
    }

    fn brute(spans: &[Span], d: Day) -> Vec<usize> {
        (0..spans.len()).filter(|&i| spans[i].contains(d)).collect()
    }

    #[test]
    fn boundary_days_on_both_sides() {
        let spans = [span("2024-10-08", "2024-10-13")];
        let index = TimeIndex::new(&spans);
        assert!(index.shown_on(day("2024-10-07")).is_empty());
        assert_eq!(index.shown_on(day("2024-10-08")), [0]);
        assert_eq!(index.shown_on(day("2024-10-13")), [0]);
        assert!(index.shown_on(day("2024-10-14")).is_empty());
        assert_eq!(
            index.change(day("2024-10-07"), day("2024-10-08")).entered,
            [0]
        );
        assert_eq!(index.change(day("2024-10-13"), day("2024-10-14")).left, [0]);
        assert!(index
            .change(day("2024-10-08"), day("2024-10-13"))
            .is_empty());
    }

    #[test]
    fn features_never_shown_stay_out_of_everything() {
        let index = TimeIndex::from_days(vec![(10, 20), NEVER, (i32::MIN, i32::MAX)]);
        assert_eq!(index.shown_on(Day(15)), [0, 2]);
        assert_eq!(index.change(Day(5), Day(15)).entered, [0]);
        assert_eq!(index.date_range(), Some((Day(10), Day(20))));
    }

    #[test]
    fn date_range_spans_every_start_and_end() {
        let index = TimeIndex::new(&[
            span("", ""),
            span("2024-10-08", "2024-10-13"),
            span("", "2024-11-01"),
            span("2024-10-01", ""),
        ]);
        assert_eq!(
            index.date_range(),
            Some((day("2024-10-01"), day("2024-11-01")))
        );
        assert_eq!(TimeIndex::new(&[span("", "")]).date_range(), None);
    }

    #[test]
    fn changes_agree_with_the_time_rule_for_every_pair_of_days() {
        // Every span over a small window of days, including open ends and
        // one-day spans, so every boundary case appears.
        let days: Vec<String> = (1..=6).map(|d| format!("2024-10-0{d}")).collect();
        let mut spans = vec![span("", "")];
        for a in &days {
            spans.push(span(a, ""));
            spans.push(span("", a));
            for b in days.iter().filter(|b| *b >= a) {
                spans.push(span(a, b));
            }
        }
        let index = TimeIndex::new(&spans);
        let window: Vec<Day> = (0..=7).map(|d| Day(day("2024-10-01").0 - 1 + d)).collect();
        for &from in &window {
            assert_eq!(index.shown_on(from), brute(&spans, from), "shown on {from}");
            for &to in &window {
                let change = index.change(from, to);
                let before = brute(&spans, from);
                let after = brute(&spans, to);
                let entered: Vec<usize> = after
                    .iter()
                    .copied()
                    .filter(|i| !before.contains(i))
                    .collect();
                let left: Vec<usize> = before
                    .iter()
                    .copied()
                    .filter(|i| !after.contains(i))
                    .collect();
                assert_eq!(change, Change { entered, left }, "{from} -> {to}");
            }
        }
    }

    #[test]
    fn days_counted_into_place_are_in_the_order_a_sort_gives() {
        // A small pseudo-random walk of days, open ends among them, over a
        // span narrow and wide.
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for (count, wide) in [
            (0, 1),
            (1, 1),
            (50, 10),
            (3000, 400),
            (3000, 1 << 30),
            (100, 30_000),
        ] {
            let pairs: Vec<(i32, u32)> = (0..count)
                .map(|i| {
                    let day = match next(20) {
                        0 => i32::MIN,
                        1 => i32::MAX,
                        _ => 19_000 + next(wide) as i32 - (wide / 2) as i32,
                    };
                    (day, i as u32)
                })
                .collect();
            let mut want = pairs.clone();
            want.sort_unstable();
            assert_eq!(in_order(pairs), want, "{count} over {wide}");
        }
    }
}
