//! One table of the journeys units make: every route a unit can be drawn
//! moving along (see [`track`]), with its line and times, and where its
//! unit is at a moment. The SVG markers, the canvas and play all ask it.
//!
//! # Units
//! Moments are seconds since 1970-01-01T00:00:00Z; coordinates are
//! x = longitude, y = latitude.

use geo::{Coord, LineString};

use crate::model::MapFeature;
use crate::space::motion::{progress_at, split, track};

/// A route a unit moves along.
#[derive(Debug, Clone, PartialEq)]
pub struct Journey {
    /// The route's feature, by index into the dataset.
    pub index: usize,
    pub line: LineString<f64>,
    /// When the unit sets out and arrives.
    pub start: i64,
    pub end: i64,
    /// Its time at each vertex, when the data gives them.
    pub times: Option<Vec<i64>>,
}

/// A unit under way at a moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The route's feature, by index into the dataset.
    pub index: usize,
    /// Where the unit is.
    pub at: Coord<f64>,
    /// The part of the route travelled, from its start to `at`.
    pub travelled: LineString<f64>,
}

impl Journey {
    /// Where its unit is at `moment`; `None` before it sets out and after
    /// it arrives.
    pub fn unit_at(&self, moment: i64) -> Option<Unit> {
        let progress = progress_at(
            &self.line,
            self.start,
            self.end,
            self.times.as_deref(),
            moment,
        )?;
        let (travelled, _) = split(&self.line, &progress);
        Some(Unit {
            index: self.index,
            at: progress.at,
            travelled,
        })
    }
}

/// Every journey of a dataset, in the dataset's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Journeys {
    list: Vec<Journey>,
    /// Each journey's first day, in the list's order: the journeys under
    /// way at a moment are among those that set out on its day or at most
    /// `longest` days before, found by a look at this list alone.
    firsts: Vec<i32>,
    /// The most days between a journey's first day and its last.
    longest: i32,
}

impl Journeys {
    /// The journeys of `features`: each route with a line and times of its
    /// own (not a period's bounds).
    ///
    /// ```
    /// let data = troopmap::read_collection("j", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
    ///    "properties": {"kind": "route", "start": "2024-10-08T00:00Z", "end": "2024-10-10T00:00Z"}},
    ///   {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
    ///    "properties": {"kind": "route", "start": "2024-10-08", "end": "2024-10-13", "date_precision": "window"}}]}"#).unwrap();
    /// let journeys = troopmap::space::journeys::Journeys::of(&data.features);
    /// assert_eq!(journeys.len(), 1);
    /// // Halfway in time, halfway along.
    /// let unit = journeys.get(0).unwrap().unit_at(1_728_432_000).unwrap();
    /// assert!((unit.at.x - 131.0).abs() < 0.01);
    /// assert!(journeys.get(1).is_none());
    /// ```
    pub fn of(features: &[MapFeature]) -> Journeys {
        let list: Vec<Journey> = features
            .iter()
            .enumerate()
            .filter_map(|(index, feature)| {
                let (line, start, end) = track(feature)?;
                Some(Journey {
                    index,
                    line: line.clone(),
                    start,
                    end,
                    times: feature.vertex_times.clone(),
                })
            })
            .collect();
        let mut longest = 0;
        let firsts = (list.iter())
            .map(|j| {
                let (first, last) = (day_of(j.start.min(j.end)), day_of(j.start.max(j.end)));
                longest = longest.max(last.saturating_sub(first));
                first
            })
            .collect();
        Journeys {
            list,
            firsts,
            longest,
        }
    }

    /// The journeys that may be under way at `moment` (every one that is,
    /// and some that are not), in the dataset's order: those that set out
    /// on its day or at most the longest journey's days before.
    ///
    /// ```
    /// let data = troopmap::read_collection("j", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
    ///    "properties": {"kind": "route", "start": "2024-10-20", "end": "2024-10-21"}},
    ///   {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
    ///    "properties": {"kind": "route", "start": "2024-10-08", "end": "2024-10-10"}}]}"#).unwrap();
    /// let journeys = troopmap::space::journeys::Journeys::of(&data.features);
    /// let at = |day: &str| {
    ///     let moment = troopmap::Day::parse(day).unwrap().start_seconds() + 12 * 3600;
    ///     journeys.around(moment).map(|j| j.index).collect::<Vec<_>>()
    /// };
    /// assert_eq!(at("2024-10-09"), [1]);
    /// assert_eq!(at("2024-10-21"), [0]);
    /// assert!(at("2024-10-01").is_empty());
    /// ```
    pub fn around(&self, moment: i64) -> impl Iterator<Item = &Journey> {
        let day = day_of(moment);
        let earliest = day.saturating_sub(self.longest);
        (self.list.iter().zip(&self.firsts))
            .filter(move |&(_, &first)| earliest <= first && first <= day)
            .map(|(journey, _)| journey)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every journey, in the dataset's order.
    pub fn iter(&self) -> impl Iterator<Item = &Journey> {
        self.list.iter()
    }

    /// The journey of feature `index`, if it is one.
    pub fn get(&self, index: usize) -> Option<&Journey> {
        let found = self.list.binary_search_by_key(&index, |j| j.index).ok()?;
        self.list.get(found)
    }

    /// Whether a unit of a journey `counts` lets through is under way some
    /// time after `after` and before `before`: it sets out before `before`
    /// and arrives after `after`.
    ///
    /// ```
    /// use troopmap::space::journeys::{Journey, Journeys};
    /// let data = troopmap::read_collection("j", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
    ///    "properties": {"kind": "route", "start": "2024-10-08T18:00Z", "end": "2024-10-09T06:00Z"}}]}"#).unwrap();
    /// let journeys = Journeys::of(&data.features);
    /// let noon = |day: &str| troopmap::Day::parse(day).unwrap().start_seconds() + 12 * 3600;
    /// let all = |_: &Journey| true;
    /// // Sets out between the noons of Oct 8 and Oct 9.
    /// assert!(journeys.under_way(noon("2024-10-08"), noon("2024-10-09"), all));
    /// assert!(!journeys.under_way(noon("2024-10-09"), noon("2024-10-10"), all));
    /// assert!(!journeys.under_way(noon("2024-10-08"), noon("2024-10-09"), |_| false));
    /// ```
    pub fn under_way(&self, after: i64, before: i64, counts: impl Fn(&Journey) -> bool) -> bool {
        self.list
            .iter()
            .any(|j| j.start < before && j.end > after && counts(j))
    }
}

/// The day (since 1970-01-01) of a moment, in seconds since then.
fn day_of(seconds: i64) -> i32 {
    seconds
        .div_euclid(86_400)
        .clamp(i32::MIN as i64, i32::MAX as i64) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The units under way at every quarter day of two months are those a
    /// look at every journey finds, in the same order: journeys of a day,
    /// of weeks, of hours, of no time, with vertex times.
    #[test]
    fn journeys_around_a_moment_are_all_those_under_way() {
        let mut text = String::new();
        let spans = [
            ("2024-10-08", "2024-10-09"),
            ("2024-10-01", "2024-10-30"),
            ("2024-10-12T06:00Z", "2024-10-12T09:00Z"),
            ("2024-10-14", "2024-10-20"),
            ("2024-11-02", "2024-11-02"),
            ("2024-10-10", "2024-10-11"),
        ];
        for (n, (start, end)) in spans.iter().enumerate() {
            let times = if n == 5 {
                r#", "vertex_times": ["2024-10-10T00:00Z", "2024-10-10T20:00Z", "2024-10-11T23:00Z"]"#
            } else {
                ""
            };
            text.push_str(&format!(
                r#"{}{{"type": "Feature", "geometry": {{"type": "LineString", "coordinates": [[130, 42], [131, 43], [132, 42]]}},
                 "properties": {{"kind": "route", "start": "{start}", "end": "{end}"{times}}}}}"#,
                if n == 0 { "" } else { "," }
            ));
        }
        let text = format!(r#"{{"type": "FeatureCollection", "features": [{text}]}}"#);
        let data = match crate::read_collection("j", &text) {
            Ok(data) => data,
            Err(error) => panic!("{error}"),
        };
        let journeys = Journeys::of(&data.features);
        assert_eq!(journeys.len(), spans.len());
        let Ok(first) = crate::Day::parse("2024-09-30") else {
            panic!("a day");
        };
        let mut seen = 0;
        for quarter in 0..4 * 40 {
            let moment = first.start_seconds() + quarter * 6 * 3600;
            let under_way = |all: Vec<&Journey>| -> Vec<(usize, [u64; 2])> {
                all.into_iter()
                    .filter_map(|j| j.unit_at(moment))
                    .map(|u| (u.index, [u.at.x.to_bits(), u.at.y.to_bits()]))
                    .collect()
            };
            let every = under_way(journeys.iter().collect());
            assert_eq!(
                under_way(journeys.around(moment).collect()),
                every,
                "at {moment}"
            );
            seen += every.len();
        }
        // The journeys were under way, at times several at once.
        assert!(seen > 150, "{seen}");
    }
}
