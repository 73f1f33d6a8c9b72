//! What the map shows at a moment, answered in the core: the data, the
//! mode and filters, the day and moment shown, the features on the map (as
//! differences from the moment before), the units under way, and how
//! playing moves on. The web layer draws what a [`Scene`] answers; so can
//! anything else (a picture, a video, a test).

pub mod action;
pub mod chronology;
pub mod fragment;
pub mod play;
pub mod selection;
pub mod shown;

use crate::model::statement::Grade;
use crate::model::Dataset;
use crate::scene::chronology::listed_on;
use crate::scene::play::Tick;
use crate::scene::selection::{Replay, Selection};
use crate::scene::shown::Shown;
use crate::space::journeys::{Journeys, Unit};
use crate::time::index::{Change, TimeIndex};
use crate::time::Day;

/// The data, the selection and the moment shown.
#[derive(Debug)]
pub struct Scene {
    data: Dataset,
    selection: Selection,
    shown: Shown,
    first: Day,
    last: Day,
    dated: bool,
    moment: i64,
    journeys: Journeys,
}

impl Default for Scene {
    /// No data.
    fn default() -> Scene {
        Scene::new(Dataset::default(), Selection::default())
    }
}

impl Scene {
    /// `data` with `selection`, before any day is shown: nothing is on the
    /// map until [`Scene::go_to`].
    ///
    /// ```
    /// use troopmap::{read_collection, scene::Scene, scene::selection::Selection, Day};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-08", "end": "2024-10-13"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-18"}}]}"#).unwrap();
    /// let mut scene = Scene::new(data, Selection::default());
    /// assert_eq!((scene.first(), scene.last()), (Day::parse("2024-10-08").unwrap(), Day::parse("2024-10-18").unwrap()));
    /// let change = scene.go_to(Day::parse("2024-10-10").unwrap());
    /// assert_eq!(change.entered, [0]);
    /// assert_eq!(scene.count(), 1);
    /// // Past the last day: the last day, at its noon.
    /// scene.go_to(Day::parse("2024-12-01").unwrap());
    /// assert_eq!(scene.day(), scene.last());
    /// ```
    pub fn new(data: Dataset, selection: Selection) -> Scene {
        let index = TimeIndex::of(&data.features);
        let range = index.date_range();
        // Undated data is all shown, on a slider that cannot move.
        let (first, last) = range.unwrap_or((Day(0), Day(0)));
        // The slider spans the data's own dates; the mode and filters
        // decide what is shown within them.
        let shown = Shown::new(if selection == Selection::default() {
            index
        } else {
            selection.index(&data.features)
        });
        Scene {
            journeys: Journeys::of(&data.features),
            data,
            selection,
            shown,
            first,
            last,
            dated: range.is_some(),
            moment: play::noon(first),
        }
    }

    /// The data.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// Takes the data out, leaving the scene empty.
    pub fn take_data(&mut self) -> Dataset {
        std::mem::take(&mut self.data)
    }

    /// The mode and filters.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The features on the map.
    pub fn shown(&self) -> &Shown {
        &self.shown
    }

    /// How many features are on the map.
    pub fn count(&self) -> usize {
        self.shown.count()
    }

    /// The data's first and last days (day 0 when it is undated).
    pub fn first(&self) -> Day {
        self.first
    }

    pub fn last(&self) -> Day {
        self.last
    }

    /// Whether any feature has a date; without, there is no day to show.
    pub fn dated(&self) -> bool {
        self.dated
    }

    /// The moment shown, in seconds since 1970: noon of the day shown, or
    /// hours further while a unit moves and the date plays.
    pub fn moment(&self) -> i64 {
        self.moment
    }

    /// The day shown.
    pub fn day(&self) -> Day {
        self.shown.day().unwrap_or(self.first)
    }

    /// Shows `day`, kept within the data's days, at its noon.
    pub fn go_to(&mut self, day: Day) -> Change {
        self.go_to_moment(play::noon(day))
    }

    /// Shows `moment`: its day's features (the day kept within the data's
    /// days) and where units under way are.
    pub fn go_to_moment(&mut self, moment: i64) -> Change {
        let (day, moment) = play::clamp(moment, self.first, self.last);
        self.moment = moment;
        self.shown.go_to(day)
    }

    /// Takes `selection` (mode and filters) on the day shown.
    pub fn select(&mut self, selection: Selection) -> Change {
        self.selection = selection;
        self.shown
            .use_index(self.selection.index(&self.data.features))
    }

    /// What one tick of playing does from the moment shown (see
    /// [`play::tick`]).
    pub fn tick(&self) -> Tick {
        play::tick(self.moment, self.day(), self.last, |after, before| {
            self.under_way(after, before)
        })
    }

    /// Whether a unit the filters and the mode let on the map is under way
    /// some time after `after` and before `before`: in the "made public by
    /// then" mode, only one made public before `before`.
    pub fn under_way(&self, after: i64, before: i64) -> bool {
        self.journeys.under_way(after, before, |journey| {
            let Some(feature) = self.data.features.get(journey.index) else {
                return false;
            };
            let known = self.selection.replay != Replay::MadePublicBy
                || listed_on(feature, Replay::MadePublicBy)
                    .is_none_or(|day| day.start_seconds() < before);
            known && self.selection.admits(feature)
        })
    }

    /// The units under way at the moment shown, on routes the map shows.
    pub fn units(&self) -> impl Iterator<Item = Unit> + '_ {
        self.journeys
            .iter()
            .filter(|journey| self.shown.contains(journey.index))
            .filter_map(|journey| journey.unit_at(self.moment))
    }

    /// The index of the feature whose id reads `id`, the first if several
    /// share it.
    ///
    /// ```
    /// use troopmap::{read_collection, scene::Scene};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "id": 7, "geometry": null, "properties": {}},
    ///   {"type": "Feature", "id": "route:sea", "geometry": null, "properties": {}}]}"#).unwrap();
    /// let scene = Scene::new(data, Default::default());
    /// assert_eq!((scene.find("route:sea"), scene.find("7"), scene.find("8")), (Some(1), Some(0), None));
    /// ```
    pub fn find(&self, id: &str) -> Option<usize> {
        self.data
            .features
            .iter()
            .position(|f| f.id.as_ref().is_some_and(|i| i.to_string() == id))
    }

    /// The grade feature `index` is drawn with on the day shown (see
    /// [`Selection::grade_on`]).
    pub fn grade_of(&self, index: usize) -> Option<Grade> {
        let feature = self.data.features.get(index)?;
        self.selection.grade_on(feature, self.day())
    }

    /// The day a popup replays what was made public by, in that mode.
    pub fn as_of(&self) -> Option<Day> {
        (self.selection.replay == Replay::MadePublicBy).then_some(self.day())
    }

    /// The steps of the slider (0 is the first day) that feature `index`'s
    /// dates bound, when they only bound a period (`date_precision`).
    ///
    /// ```
    /// use troopmap::{read_collection, scene::Scene, scene::selection::Selection};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-01"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-08", "end": "2024-10-13", "date_precision": "window"}}]}"#).unwrap();
    /// let scene = Scene::new(data, Selection::default());
    /// assert_eq!(scene.window_steps(1), Some((7, 12)));
    /// assert_eq!(scene.window_steps(0), None);
    /// ```
    pub fn window_steps(&self, index: usize) -> Option<(i32, i32)> {
        let feature = self
            .data
            .features
            .get(index)
            .filter(|f| f.date_precision && self.dated)?;
        let (a, b) = (feature.span.first_day()?, feature.span.last_day()?);
        let (a, b) = (
            a.clamp(self.first, self.last),
            b.clamp(self.first, self.last),
        );
        Some((a.0 - self.first.0, b.0 - self.first.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::statement::Grade;
    use crate::read_collection;

    fn scene(text: &str, selection: Selection) -> Scene {
        match read_collection("t", text) {
            Ok(data) => Scene::new(data, selection),
            Err(e) => panic!("{e}"),
        }
    }

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    const STORY: &str = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "id": "voyage", "geometry": {"type": "LineString", "coordinates": [[129.8, 41.7], [131.9, 43.1]]},
       "properties": {"kind": "route", "start": "2024-10-08T00:00Z", "end": "2024-10-10T00:00Z", "reported": "2024-10-18", "confidence": "claimed"}},
      {"type": "Feature", "id": "nis", "geometry": null, "properties": {"kind": "event", "start": "2024-10-18", "confidence": "confirmed"}},
      {"type": "Feature", "id": "last", "geometry": null, "properties": {"kind": "event", "start": "2024-10-20"}}]}"#;

    #[test]
    fn a_unit_is_under_way_only_while_its_route_is_shown() {
        let mut scene = scene(STORY, Selection::default());
        scene.go_to(day("2024-10-09"));
        let units: Vec<Unit> = scene.units().collect();
        assert_eq!(units.len(), 1);
        assert!(units[0].at.x > 129.8 && units[0].at.x < 131.9);
        // Filtered out: no unit, and playing does not slow for it.
        let claims_hidden = Selection {
            confidence: Some(vec![Grade::Confirmed]),
            ..Selection::default()
        };
        let change = scene.select(claims_hidden);
        assert_eq!(change.left, [0]);
        assert_eq!(scene.units().count(), 0);
        assert!(!scene.under_way(scene.moment(), play::noon(day("2024-10-10"))));
    }

    #[test]
    fn made_public_by_then_a_route_moves_nothing_before_it_was_made_public() {
        let known = Selection {
            replay: Replay::MadePublicBy,
            ..Selection::default()
        };
        let mut scene = scene(STORY, known);
        scene.go_to(day("2024-10-09"));
        assert_eq!(scene.count(), 0);
        assert!(!scene.under_way(scene.moment(), play::noon(day("2024-10-10"))));
        assert_eq!(
            scene.tick(),
            Tick::Go {
                to: play::noon(day("2024-10-10")),
                then_stop: false
            }
        );
    }

    #[test]
    fn playing_steps_hours_while_a_unit_moves_and_stops_on_the_last_day() {
        let mut scene = scene(STORY, Selection::default());
        scene.go_to(day("2024-10-08"));
        assert_eq!(
            scene.tick(),
            Tick::Go {
                to: play::noon(day("2024-10-08")) + play::STEP_UNDER_WAY_S,
                then_stop: false
            }
        );
        scene.go_to(day("2024-10-19"));
        assert_eq!(
            scene.tick(),
            Tick::Go {
                to: play::noon(day("2024-10-20")),
                then_stop: true
            }
        );
        scene.go_to(day("2024-10-20"));
        assert_eq!(scene.tick(), Tick::Stop);
    }

    #[test]
    fn a_popup_replays_what_was_made_public_only_in_that_mode() {
        let mut scene = scene(STORY, Selection::default());
        scene.go_to(day("2024-10-19"));
        assert_eq!(scene.as_of(), None);
        scene.select(Selection {
            replay: Replay::MadePublicBy,
            ..Selection::default()
        });
        assert_eq!(scene.as_of(), Some(day("2024-10-19")));
        assert_eq!(scene.grade_of(0), Some(Grade::Claimed));
    }
}
