//! The set of features on the map, moved from day to day by differences.

use crate::time::index::{Change, TimeIndex};
use crate::time::Day;

/// The features shown on the selected day, kept in step with the map.
///
/// The first move computes the whole set; every later move computes only the
/// difference, which is what the map then applies.
///
/// ```
/// use troopmap::{Day, Shown, Span, TimeBound, TimeIndex};
/// let index = TimeIndex::new(&[Span::new(TimeBound::parse("2024-10-08").ok(), None)]);
/// let mut shown = Shown::new(index);
/// let change = shown.go_to(Day::parse("2024-10-07").unwrap());
/// assert!(change.is_empty() && shown.count() == 0);
/// let change = shown.go_to(Day::parse("2024-10-08").unwrap());
/// assert_eq!(change.entered, vec![0]);
/// assert_eq!(shown.count(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Shown {
    index: TimeIndex,
    day: Option<Day>,
    on: Vec<bool>,
    count: usize,
}

impl Shown {
    /// Nothing shown yet, and no day selected.
    pub fn new(index: TimeIndex) -> Shown {
        let on = vec![false; index.len()];
        Shown {
            index,
            day: None,
            on,
            count: 0,
        }
    }

    /// The selected day, once one has been.
    pub fn day(&self) -> Option<Day> {
        self.day
    }

    /// The index it answers from (the mode's and the filters').
    pub fn index(&self) -> &TimeIndex {
        &self.index
    }

    /// How many features are shown.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The shown features, in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.on.iter().enumerate().filter(|e| *e.1).map(|e| e.0)
    }

    /// Answers from `index` from now on (a new mode or new filters), and
    /// returns what must change on the map for the selected day.
    ///
    /// ```
    /// use troopmap::{Day, Shown, Span, TimeBound, TimeIndex};
    /// let spans = [Span::new(TimeBound::parse("2024-10-08").ok(), None), Span::default()];
    /// let mut shown = Shown::new(TimeIndex::new(&spans));
    /// shown.go_to(Day::parse("2024-10-18").unwrap());
    /// // Feature 1 filtered out:
    /// let change = shown.use_index(TimeIndex::from_days(vec![(i32::MIN, i32::MAX), troopmap::time::index::NEVER]));
    /// assert_eq!((change.entered, change.left), (vec![], vec![1]));
    /// assert_eq!(shown.count(), 1);
    /// ```
    pub fn use_index(&mut self, index: TimeIndex) -> Change {
        let now: Vec<usize> = match self.day {
            Some(day) => index.shown_on(day),
            None => Vec::new(),
        };
        let mut on = vec![false; index.len().max(self.on.len())];
        for &i in &now {
            on[i] = true;
        }
        let entered = (0..on.len())
            .filter(|&i| on[i] && !self.contains(i))
            .collect();
        let left = (0..on.len())
            .filter(|&i| !on[i] && self.contains(i))
            .collect();
        on.truncate(index.len());
        self.on = on;
        self.count = now.len();
        self.index = index;
        Change { entered, left }
    }

    /// Whether feature `index` is on the map.
    pub fn contains(&self, index: usize) -> bool {
        self.on.get(index).copied().unwrap_or(false)
    }

    /// Selects `day` and returns what must be added to and removed from the map.
    pub fn go_to(&mut self, day: Day) -> Change {
        let change = match self.day {
            None => Change {
                entered: self.index.shown_on(day),
                left: Vec::new(),
            },
            Some(from) => self.index.change(from, day),
        };
        for &i in &change.entered {
            self.on[i] = true;
        }
        for &i in &change.left {
            self.on[i] = false;
        }
        self.count = self.count + change.entered.len() - change.left.len();
        self.day = Some(day);
        change
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::index::NEVER;

    #[test]
    fn the_shown_set_follows_changes_in_any_order() {
        // Day 1: features 0, 2, 4 and 5; day 2: 1, 2 and 4; 3 never.
        let index = TimeIndex::from_days(vec![(1, 1), (2, 2), (1, 2), NEVER, (1, 2), (1, 1)]);
        let mut shown = Shown::new(index);
        let change = shown.go_to(Day(1));
        assert_eq!((change.entered, change.left), (vec![0, 2, 4, 5], vec![]));
        let change = shown.go_to(Day(2));
        assert_eq!((change.entered, change.left), (vec![1], vec![0, 5]));
        assert_eq!(shown.iter().collect::<Vec<_>>(), [1, 2, 4]);
        assert!(shown.contains(4) && !shown.contains(5) && !shown.contains(99));
        // The same day again changes nothing.
        assert!(shown.go_to(Day(2)).is_empty());
        assert_eq!(shown.count(), 3);
    }
}
