//! The chronology: the dated events up to a day, newest first, as the
//! panel beside the map lists them.

use crate::model::{Kind, MapFeature};
use crate::scene::selection::{made_public_on, Replay, Selection};
use crate::space::sightings::Units;
use crate::time::Day;

/// At most this many entries are listed (the newest).
pub const MAX_ENTRIES: usize = 300;

/// The day an event is listed under: its start, or, when replaying what
/// had been made public, the day it was (its `reported` date).
pub fn listed_on(feature: &MapFeature, replay: Replay) -> Option<Day> {
    match replay {
        Replay::MadePublicBy => made_public_on(feature),
        _ => feature.span.first_day(),
    }
}

/// The dated events a selection admits, sorted by the day they are listed
/// on: built once when the data or the selection changes, so that moving
/// the slider costs a binary search, not a pass over every feature.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// (day, feature index), ascending.
    events: Vec<(Day, usize)>,
    /// For each event, how many more sightings of its unit that day are
    /// listed under it (0 for any other event).
    more: Vec<usize>,
}

impl Listing {
    /// Lists the events of `features` that `selection` admits.
    pub fn new(features: &[MapFeature], selection: &Selection) -> Listing {
        // Sorted as the time index sorts its entries, (i32, u32): one sort
        // in the wasm for both.
        let mut sorted: Vec<(i32, u32)> = features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == Kind::Event && selection.admits(f))
            .filter_map(|(i, f)| listed_on(f, selection.replay).map(|d| (d.0, i as u32)))
            .collect();
        sorted.sort_unstable();
        Listing {
            events: sorted
                .into_iter()
                .map(|(d, i)| (Day(d), i as usize))
                .collect(),
            more: Vec::new(),
        }
    }

    /// Lists as [`Listing::new`] does, each unit's sightings of a day as
    /// one entry, its first (see [`Listing::more`]).
    ///
    /// ```
    /// use troopmap::{scene::chronology::Listing, read_collection, scene::selection::Selection, Day};
    /// use troopmap::space::sightings::{UnitRule, Units};
    /// let data = read_collection("c", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]}, "properties": {"kind": "event", "unit": "a", "date": "2024-10-10"}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 2]}, "properties": {"kind": "event", "unit": "a", "date": "2024-10-10"}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3, 3]}, "properties": {"kind": "event", "unit": "b", "date": "2024-10-10"}}]}"#).unwrap();
    /// let units = Units::of(&data.features, &UnitRule::default());
    /// let listing = Listing::of_units(&data.features, &Selection::default(), &units);
    /// assert_eq!(listing.until(Day::parse("2024-10-10").unwrap()), vec![0, 2]);
    /// let day = Day::parse("2024-10-10").unwrap();
    /// assert_eq!((listing.more(day, 0), listing.more(day, 2)), (1, 0));
    /// ```
    pub fn of_units(features: &[MapFeature], selection: &Selection, units: &Units) -> Listing {
        let listing = Listing::new(features, selection);
        if units.is_empty() {
            return listing;
        }
        // Day by day, in data order: a unit's first sighting of the day
        // stays, and counts the others.
        let mut kept_at = vec![usize::MAX; units.len()];
        let mut touched: Vec<usize> = Vec::new();
        let (mut events, mut more) = (Vec::new(), Vec::new());
        let mut current = None;
        for &(day, index) in &listing.events {
            if current != Some(day) {
                for unit in touched.drain(..) {
                    kept_at[unit] = usize::MAX;
                }
                current = Some(day);
            }
            if let Some(unit) = units.unit_of(index) {
                if let Some(count) = more.get_mut(kept_at[unit]) {
                    *count += 1;
                    continue;
                }
                kept_at[unit] = events.len();
                touched.push(unit);
            }
            events.push((day, index));
            more.push(0);
        }
        Listing { events, more }
    }

    /// How many more sightings of its unit entry `index`, listed on `day`,
    /// stands for.
    pub fn more(&self, day: Day, index: usize) -> usize {
        self.events
            .binary_search(&(day, index))
            .ok()
            .and_then(|at| self.more.get(at))
            .copied()
            .unwrap_or(0)
    }

    /// The events listed on or before `day`, newest first (ties in data
    /// order), at most [`MAX_ENTRIES`].
    ///
    /// ```
    /// use troopmap::{scene::chronology::Listing, read_collection, scene::selection::Selection, Day};
    /// let data = read_collection("c", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"kind": "event", "start": "2024-10-10"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"kind": "event", "start": "2024-10-18"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"kind": "event", "start": "2024-10-20"}}]}"#).unwrap();
    /// let listing = Listing::new(&data.features, &Selection::default());
    /// assert_eq!(listing.until(Day::parse("2024-10-18").unwrap()), vec![1, 0]);
    /// ```
    pub fn until(&self, day: Day) -> Vec<usize> {
        // Day by day from the newest back; within a day the events are in
        // data order already (sorted by day, then index).
        let mut listed = Vec::new();
        let mut end = self.events.partition_point(|e| e.0 <= day);
        while end > 0 && listed.len() < MAX_ENTRIES {
            let newest = self.events[end - 1].0;
            let start = self.events[..end].partition_point(|e| e.0 < newest);
            listed.extend(self.events[start..end].iter().map(|&(_, i)| i));
            end = start;
        }
        listed.truncate(MAX_ENTRIES);
        listed
    }

    /// How many events are listed on each day from `first` to `last`, for
    /// the strip of bars above the slider.
    ///
    /// ```
    /// use troopmap::{scene::chronology::Listing, read_collection, scene::selection::Selection, Day};
    /// let data = read_collection("c", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"kind": "event", "start": "2024-10-10"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"kind": "event", "start": "2024-10-12"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"kind": "event", "start": "2024-10-12T18:00Z"}}]}"#).unwrap();
    /// let day = |s| Day::parse(s).unwrap();
    /// let listing = Listing::new(&data.features, &Selection::default());
    /// assert_eq!(listing.per_day(day("2024-10-10"), day("2024-10-12")), vec![1, 0, 2]);
    /// ```
    pub fn per_day(&self, first: Day, last: Day) -> Vec<u32> {
        let mut counts = vec![0; usize::try_from(last.0 - first.0 + 1).unwrap_or(0)];
        for (day, _) in &self.events {
            if let Some(count) = usize::try_from(day.0 - first.0)
                .ok()
                .and_then(|i| counts.get_mut(i))
            {
                *count += 1;
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{model::statement::Grade, read_collection};

    fn entries(features: &[MapFeature], selection: &Selection, day: Day) -> Vec<usize> {
        Listing::new(features, selection).until(day)
    }

    #[test]
    fn a_crowded_day_lists_its_first_events_in_data_order() {
        let crowded = 2 * MAX_ENTRIES + 1;
        let features: Vec<String> = (0..crowded)
            .map(|_| "2024-10-18")
            .chain(["2024-10-17"; 5])
            .map(|d| format!(r#"{{"type": "Feature", "geometry": null, "properties": {{"kind": "event", "start": "{d}"}}}}"#))
            .collect();
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        );
        let data = read_collection("c", &text).unwrap();
        let listed = entries(
            &data.features,
            &Selection::default(),
            Day::parse("2024-10-18").unwrap(),
        );
        assert_eq!(listed, (0..MAX_ENTRIES).collect::<Vec<_>>());
        // The day before comes after the whole of the crowded day.
        let day_after = entries(
            &data.features,
            &Selection::default(),
            Day::parse("2024-10-17").unwrap(),
        );
        assert_eq!(day_after, (crowded..crowded + 5).collect::<Vec<_>>());
    }

    #[test]
    fn the_bundled_chronology_on_2024_10_18_lists_nis_first_among_that_day() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/data/nk-deployment-2024.geojson"
        );
        let data = read_collection("d", &std::fs::read_to_string(path).unwrap()).unwrap();
        let day = Day::parse("2024-10-18").unwrap();
        let listed = entries(&data.features, &Selection::default(), day);
        let ids: Vec<String> = listed
            .iter()
            .filter_map(|&i| data.features[i].id.as_ref())
            .map(ToString::to_string)
            .collect();
        assert!(
            ids.contains(&"event:2024-10-18-nis-confirms".to_owned()),
            "{ids:?}"
        );
        // Newest first, and nothing after the day.
        let days: Vec<Day> = listed
            .iter()
            .filter_map(|&i| data.features[i].span.first_day())
            .collect();
        assert!(days.windows(2).all(|w| w[0] >= w[1]));
        assert!(days.iter().all(|d| *d <= day));
        // Filters apply: only claims.
        let claims = Selection {
            confidence: Some(vec![Grade::Claimed]),
            ..Selection::default()
        };
        assert!(entries(&data.features, &claims, day)
            .iter()
            .all(|&i| data.features[i].grade == Some(Grade::Claimed)));
        // As made public by Oct 15, the NIS statement is not yet listed.
        let known = Selection {
            replay: Replay::MadePublicBy,
            ..Selection::default()
        };
        let early = entries(&data.features, &known, Day::parse("2024-10-15").unwrap());
        assert!(early.iter().all(|&i| data.features[i]
            .id
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            != Some("event:2024-10-18-nis-confirms")));
    }
}
