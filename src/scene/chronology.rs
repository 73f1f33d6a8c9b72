//! The chronology: the dated events up to a day, newest first, as the
//! panel beside the map lists them; for data stepped by the clock (see
//! [`crate::time::steps`]), up to the step shown.

use crate::model::{Kind, MapFeature};
use crate::scene::selection::{made_public_at, made_public_on, Replay, Selection};
use crate::space::sightings::Units;
use crate::time::steps::Steps;
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

/// The moment an event is listed at: its start, or, when replaying what
/// had been made public, the start of the day it was.
pub fn listed_at(feature: &MapFeature, replay: Replay) -> Option<i64> {
    match replay {
        Replay::MadePublicBy => made_public_at(feature),
        _ => feature.span.start.map(|start| start.seconds()),
    }
}

/// The slot an event is listed in on a slider of `steps`: the number of
/// its day ([`listed_on`]), or, stepped by the clock, its step.
pub fn slot_of(feature: &MapFeature, replay: Replay, steps: Steps) -> Option<i32> {
    if steps.is_daily() {
        listed_on(feature, replay).map(|day| day.0)
    } else {
        listed_at(feature, replay).map(|moment| steps.step_of(moment))
    }
}

/// The dated events a selection admits, sorted by the slot they are listed
/// in (a day's number, or a step of the clock): built once when the data or
/// the selection changes, so that moving the slider costs a binary search,
/// not a pass over every feature.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// (slot, feature index), ascending.
    events: Vec<(i32, usize)>,
    /// For each event, how many more sightings of its unit in that slot
    /// are listed under it (0 for any other event).
    more: Vec<usize>,
}

impl Listing {
    /// Lists the events of `features` that `selection` admits, by day.
    pub fn new(features: &[MapFeature], selection: &Selection) -> Listing {
        Listing::in_slots(features, selection, Steps::default())
    }

    /// Lists the events of `features` that `selection` admits, each in its
    /// slot on a slider of `steps` (see [`slot_of`]).
    fn in_slots(features: &[MapFeature], selection: &Selection, steps: Steps) -> Listing {
        // Sorted as the time index sorts its entries, (i32, u32): one sort
        // in the wasm for both.
        let mut sorted: Vec<(i32, u32)> = features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == Kind::Event && selection.admits(f))
            .filter_map(|(i, f)| slot_of(f, selection.replay, steps).map(|s| (s, i as u32)))
            .collect();
        sorted.sort_unstable();
        Listing {
            events: sorted.into_iter().map(|(s, i)| (s, i as usize)).collect(),
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
        Listing::of_steps(features, selection, units, Steps::default())
    }

    /// Lists as [`Listing::of_units`] does, on a slider of `steps`: by
    /// day, or, stepped by the clock, by step (a unit's sightings of one
    /// step as one entry).
    ///
    /// ```
    /// use troopmap::{scene::chronology::Listing, read_collection, scene::selection::Selection, time::steps::Steps};
    /// use troopmap::space::sightings::{UnitRule, Units};
    /// let seen = |unit: &str, time: &str| format!(r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [1, 1]}},
    ///   "properties": {{"kind": "event", "unit": "{unit}", "time": "2024-03-02T{time}Z"}}}}"#);
    /// let text = format!(r#"{{"type": "FeatureCollection", "features": [{}, {}, {}, {}]}}"#,
    ///   seen("a", "06:00"), seen("a", "06:30"), seen("b", "09:00"), seen("a", "12:00"));
    /// let data = read_collection("c", &text).unwrap();
    /// let (units, steps) = (Units::of(&data.features, &UnitRule::default()), Steps::of(&data.features));
    /// assert_eq!((steps.every(), steps.last()), (3600, 6));
    /// let listing = Listing::of_steps(&data.features, &Selection::default(), &units, steps);
    /// // Up to 09:00: the 09:00 sighting, then a's two of 06:00 as one.
    /// assert_eq!(listing.until_slot(3), vec![2, 0]);
    /// assert_eq!(listing.more_at(0, 0), 1);
    /// assert_eq!(listing.per_slot(0, steps.last()), vec![1, 0, 0, 1, 0, 0, 1]);
    /// ```
    pub fn of_steps(
        features: &[MapFeature],
        selection: &Selection,
        units: &Units,
        steps: Steps,
    ) -> Listing {
        let listing = Listing::in_slots(features, selection, steps);
        if units.is_empty() {
            return listing;
        }
        // Slot by slot, in data order: a unit's first sighting of the slot
        // stays, and counts the others.
        let mut kept_at = vec![usize::MAX; units.len()];
        let mut touched: Vec<usize> = Vec::new();
        let (mut events, mut more) = (Vec::new(), Vec::new());
        let mut current = None;
        for &(slot, index) in &listing.events {
            if current != Some(slot) {
                for unit in touched.drain(..) {
                    kept_at[unit] = usize::MAX;
                }
                current = Some(slot);
            }
            if let Some(unit) = units.unit_of(index) {
                if let Some(count) = more.get_mut(kept_at[unit]) {
                    *count += 1;
                    continue;
                }
                kept_at[unit] = events.len();
                touched.push(unit);
            }
            events.push((slot, index));
            more.push(0);
        }
        Listing { events, more }
    }

    /// How many more sightings of its unit entry `index`, listed on `day`,
    /// stands for.
    pub fn more(&self, day: Day, index: usize) -> usize {
        self.more_at(day.0, index)
    }

    /// How many more sightings of its unit entry `index`, listed in
    /// `slot`, stands for.
    pub fn more_at(&self, slot: i32, index: usize) -> usize {
        self.events
            .binary_search(&(slot, index))
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
        self.until_slot(day.0)
    }

    /// The events listed in `slot` or before, newest first (ties in data
    /// order), at most [`MAX_ENTRIES`].
    pub fn until_slot(&self, slot: i32) -> Vec<usize> {
        // Slot by slot from the newest back; within a slot the events are
        // in data order already (sorted by slot, then index).
        let mut listed = Vec::new();
        let mut end = self.events.partition_point(|e| e.0 <= slot);
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
        self.per_slot(first.0, last.0)
    }

    /// How many events are listed in each slot from `first` to `last`.
    pub fn per_slot(&self, first: i32, last: i32) -> Vec<u32> {
        let mut counts = vec![0; usize::try_from(last - first + 1).unwrap_or(0)];
        for (slot, _) in &self.events {
            if let Some(count) = usize::try_from(slot - first)
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
