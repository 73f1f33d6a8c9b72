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
pub struct Journeys(Vec<Journey>);

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
        Journeys(
            features
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
                .collect(),
        )
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every journey, in the dataset's order.
    pub fn iter(&self) -> impl Iterator<Item = &Journey> {
        self.0.iter()
    }

    /// The journey of feature `index`, if it is one.
    pub fn get(&self, index: usize) -> Option<&Journey> {
        let found = self.0.binary_search_by_key(&index, |j| j.index).ok()?;
        self.0.get(found)
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
        self.0
            .iter()
            .any(|j| j.start < before && j.end > after && counts(j))
    }
}
