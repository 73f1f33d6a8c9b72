//! What the map shows at a moment, answered in the core: the data, the
//! mode and filters, the day and moment shown, the features on the map (as
//! differences from the moment before), the units under way, and how
//! playing moves on. The web layer draws what a [`Scene`] answers; so can
//! anything else (a picture, a video, a test).

mod act;
pub mod action;
pub mod chronology;
pub mod compare;
pub mod embed;
pub mod facts;
pub mod files;
mod follow;
pub mod fragment;
pub mod play;
pub mod playback;
mod playing;
pub mod present;
pub mod selection;
pub mod shown;
pub mod status;
mod units;

use crate::model::statement::Grade;
use crate::model::Dataset;
use crate::scene::play::Tick;
use crate::scene::playback::Playback;
use crate::scene::selection::{made_public_on, Replay, Selection};
use crate::scene::shown::Shown;
use crate::space::journeys::{Journeys, Unit};
use crate::space::sightings::{UnitRule, Units};
use crate::time::index::{Change, TimeIndex};
use crate::time::steps::Steps;
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
    /// The slider's steps: days, or the clock's (see [`crate::time::steps`]).
    steps: Steps,
    moment: i64,
    journeys: Journeys,
    /// How units are read from sightings, and the units read so.
    unit_rule: UnitRule,
    units: Units,
    /// The feature whose popup is open.
    selected: Option<usize>,
    /// Files hidden by the person, kept aside to be shown again.
    hidden: Vec<Dataset>,
    /// How the date plays (see [`playback`]).
    playback: Playback,
    /// The date the day shown is compared with (see [`compare`]).
    compare: Option<Day>,
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
        Scene::with_units(data, selection, UnitRule::default())
    }

    /// [`Scene::new`], with units read from sightings by `unit_rule`.
    pub fn with_units(data: Dataset, selection: Selection, unit_rule: UnitRule) -> Scene {
        let index = TimeIndex::of(&data.features);
        let dated = index.date_range().is_some();
        let steps = Steps::of(&data.features);
        // From the first step's day to the last's: the data's first and
        // last days. Undated data is all shown, on a slider that cannot
        // move (on day 0).
        let (first, last) = (
            play::day_of(steps.moment(0)),
            play::day_of(steps.moment(steps.last())),
        );
        // The slider spans the data's own dates; the mode and filters
        // decide what is shown within them.
        // Data stepped by the clock is indexed by its steps.
        let shown = Shown::new(if selection == Selection::default() && steps.is_daily() {
            index
        } else {
            selection.index_in(&data.features, steps)
        });
        Scene {
            playback: Playback::for_data(&data),
            journeys: Journeys::of(&data.features),
            units: Units::of(&data.features, &unit_rule),
            unit_rule,
            data,
            selection,
            shown,
            first,
            last,
            dated,
            steps,
            moment: steps.first_on(first),
            selected: None,
            hidden: Vec::new(),
            compare: None,
        }
    }

    /// The data.
    pub fn data(&self) -> &Dataset {
        &self.data
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
    /// hours further while a unit moves and the date plays; for data
    /// stepped by the clock, the step's own time.
    pub fn moment(&self) -> i64 {
        self.moment
    }

    /// The slider's steps, chosen for the data when it was loaded.
    pub fn steps(&self) -> Steps {
        self.steps
    }

    /// The slider's step shown (0 is the first day, or the first time).
    pub fn step(&self) -> i32 {
        self.steps.step_of(self.moment)
    }

    /// The moment shown as the slider, the status and a link write it:
    /// `2024-10-08`, or `2024-10-08T14:00Z` for data stepped by the clock.
    ///
    /// ```
    /// use troopmap::{read_collection, scene::Scene};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-03-02T06:00Z", "end": "2024-03-02T18:00Z"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-03-02T09:00Z"}}]}"#).unwrap();
    /// let mut scene = Scene::new(data, Default::default());
    /// assert_eq!((scene.steps().last(), scene.when()), (12, "2024-03-02T06:00Z".to_owned()));
    /// scene.act(&troopmap::scene::action::Action::Step(1));
    /// assert_eq!(scene.when(), "2024-03-02T07:00Z");
    /// ```
    pub fn when(&self) -> String {
        self.steps.label(self.moment)
    }

    /// The moment shown as a file name writes it: `2024-10-08`, or
    /// `2024-03-02T1400Z` for data stepped by the clock.
    pub fn stamp(&self) -> String {
        let mut text = self.when();
        if let Some(colon) = text.find(':') {
            text.remove(colon);
        }
        text
    }

    /// The day shown (for data stepped by the clock, the step's day).
    pub fn day(&self) -> Day {
        match self.shown.day() {
            Some(_) if !self.steps.is_daily() => play::day_of(self.moment),
            Some(day) => day,
            None => self.first,
        }
    }

    /// The feature whose popup is open, chosen by a person or a link.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Shows `day`, kept within the data's days, at its noon (for data
    /// stepped by the clock, at its first step).
    pub fn go_to(&mut self, day: Day) -> Change {
        self.go_to_moment(self.steps.first_on(day))
    }

    /// Shows `moment`: its day's features (the day kept within the data's
    /// days, or the moment within the clock's steps) and where units are.
    pub fn go_to_moment(&mut self, moment: i64) -> Change {
        let (key, moment) = if self.steps.is_daily() {
            play::clamp(moment, self.first, self.last)
        } else {
            // The features on the map are those of the step.
            let moment = self.steps.clamp(moment);
            (Day(self.steps.step_of(moment)), moment)
        };
        self.moment = moment;
        self.shown.go_to(key)
    }

    /// Takes `selection` (mode and filters) on the day shown.
    pub fn select(&mut self, selection: Selection) -> Change {
        self.selection = selection;
        self.shown
            .use_index(self.selection.index_in(&self.data.features, self.steps))
    }

    /// The day playing starts from: the day shown, or, from the last day,
    /// the first again.
    pub fn play_from(&self) -> Day {
        if self.day() >= self.last {
            self.first
        } else {
            self.day()
        }
    }

    /// The moment playing starts from, when it is not the one shown: from
    /// the last step (day, or step of the clock), the first (as
    /// [`Scene::play_from`] says of days).
    pub fn play_start(&self) -> Option<i64> {
        let last = self.steps.last();
        (last > 0 && self.step() >= last).then(|| self.steps.moment(0))
    }

    /// What one tick of playing does from the moment shown (see
    /// [`play::tick`] and, for data stepped by the clock,
    /// [`play::tick_step`]), with the loop if it is on.
    pub fn tick(&self) -> Tick {
        let tick = if self.steps.is_daily() {
            play::tick(self.moment, self.day(), self.last, |after, before| {
                self.under_way(after, before)
            })
        } else {
            play::tick_step(self.moment, self.steps)
        };
        self.looped(tick, self.steps)
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
                || made_public_on(feature).is_none_or(|day| day.start_seconds() < before);
            known && self.selection.admits(feature)
        })
    }

    /// How units are read from sightings, and shown.
    pub fn unit_rule(&self) -> &UnitRule {
        &self.unit_rule
    }

    /// The units read from the data's sightings.
    pub fn units_seen(&self) -> &Units {
        &self.units
    }

    /// Reads units by `rule` from now on (another unit property, another
    /// stale limit, gliding or not).
    pub fn set_unit_rule(&mut self, rule: UnitRule) {
        if rule.property != self.unit_rule.property {
            self.units = Units::of(&self.data.features, &rule);
        }
        self.unit_rule = rule;
    }

    /// The units under way at the moment shown, on routes the map shows.
    pub fn units(&self) -> impl Iterator<Item = Unit> + '_ {
        self.journeys
            .around(self.moment)
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
        if !self.steps.is_daily() {
            let step = |bound: Option<crate::TimeBound>| Some(self.steps.step_of(bound?.seconds()));
            return Some((step(feature.span.start)?, step(feature.span.end)?));
        }
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
    use crate::scene::action::{Action, Update};
    use crate::scene::fragment::{self, LinkState};

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

    /// Plays `scene` with ticks until an update stops it; returns the
    /// moments shown.
    fn play_through(scene: &mut Scene) -> Vec<i64> {
        let mut shown = Vec::new();
        for _ in 0..1_000 {
            let update = scene.act(&Action::Tick);
            shown.push(scene.moment());
            if update.stop {
                return shown;
            }
        }
        panic!("playing never stopped");
    }

    #[test]
    fn stepping_stays_within_the_datas_days() {
        let mut scene = scene(STORY, Selection::default());
        scene.act(&Action::GoToStep(0));
        assert_eq!(scene.day(), day("2024-10-08"));
        let update = scene.act(&Action::Step(-5));
        assert_eq!(scene.day(), day("2024-10-08"));
        assert!(update.change.is_empty());
        let update = scene.act(&Action::Step(400));
        assert_eq!(scene.day(), day("2024-10-20"));
        assert_eq!(scene.moment(), play::noon(day("2024-10-20")));
        // The voyage left; the two events entered.
        assert_eq!(
            (update.change.entered, update.change.left),
            (vec![1, 2], vec![0])
        );
        let update = scene.act(&Action::GoToDay(day("2023-01-01")));
        assert_eq!(scene.day(), day("2024-10-08"));
        assert_eq!(update.change.entered, [0]);
    }

    #[test]
    fn play_ends_on_the_last_day_with_a_unit_under_way_on_it() {
        // Arrives at 18:00 on the data's last day.
        let mut scene = scene(
            r#"{"type": "FeatureCollection", "features": [
              {"type": "Feature", "id": "late", "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
               "properties": {"kind": "route", "start": "2024-10-12T06:00Z", "end": "2024-10-13T18:00Z"}}]}"#,
            Selection::default(),
        );
        scene.act(&Action::GoToDay(day("2024-10-12")));
        let start = scene.moment();
        let hours: Vec<i64> = play_through(&mut scene)
            .iter()
            .map(|m| (m - start) / 3600)
            .collect();
        // Six hours at a time to the arrival; the tick after it stops
        // where it is.
        assert_eq!(hours, [6, 12, 18, 24, 30, 30]);
        assert_eq!(scene.day(), scene.last());
        assert_eq!(scene.last(), day("2024-10-13"));
    }

    #[test]
    fn a_unit_setting_out_between_two_noons_is_played_by_the_hour() {
        // Sets out at 18:00 and arrives at 06:00: never under way at a noon.
        let mut scene = scene(
            r#"{"type": "FeatureCollection", "features": [
              {"type": "Feature", "id": "a", "geometry": null, "properties": {"kind": "event", "start": "2024-10-01", "end": "2024-10-05"}},
              {"type": "Feature", "id": "night", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0]]},
               "properties": {"kind": "route", "start": "2024-10-02T18:00Z", "end": "2024-10-03T06:00Z"}}]}"#,
            Selection::default(),
        );
        scene.act(&Action::GoToDay(day("2024-10-02")));
        let noon = play::noon(day("2024-10-02"));
        scene.act(&Action::Tick);
        assert_eq!(scene.moment(), noon + play::STEP_UNDER_WAY_S);
        scene.act(&Action::Tick);
        assert_eq!(scene.moment(), noon + 2 * play::STEP_UNDER_WAY_S);
        // At midnight the unit is half way.
        let units: Vec<Unit> = scene.units().collect();
        assert_eq!(units.len(), 1);
        assert!((units[0].at.x - 0.5).abs() < 1e-6, "{:?}", units[0].at);
        // A quarter of the way at 21:00; arrived by 07:00.
        scene.act(&Action::GoToMoment(noon + 9 * 3600));
        let units: Vec<Unit> = scene.units().collect();
        assert!((units[0].at.x - 0.25).abs() < 1e-6, "{:?}", units[0].at);
        scene.act(&Action::GoToMoment(noon + 19 * 3600));
        assert_eq!(scene.units().count(), 0);
    }

    #[test]
    fn a_popup_whose_feature_leaves_the_map_closes() {
        let mut scene = scene(STORY, Selection::default());
        scene.act(&Action::GoToDay(day("2024-10-09")));
        let update = scene.act(&Action::Open(0));
        assert_eq!((update.open, scene.selected()), (Some(0), Some(0)));
        // A feature not on the map cannot be chosen.
        let update = scene.act(&Action::Open(1));
        assert_eq!(
            (update.open, update.closed, scene.selected()),
            (None, true, None)
        );
        scene.act(&Action::Open(0));
        let update = scene.act(&Action::GoToDay(day("2024-10-18")));
        assert!(update.closed);
        assert_eq!(scene.selected(), None);
        assert_eq!(scene.link_state(None).feature, None);
        // A step that keeps it on the map keeps it chosen.
        scene.act(&Action::Open(1));
        let update = scene.act(&Action::Step(1));
        assert!(!update.closed);
        assert_eq!(scene.selected(), Some(1));
    }

    #[test]
    fn a_filter_that_hides_the_chosen_feature_closes_its_popup_and_relists() {
        let mut scene = scene(STORY, Selection::default());
        scene.act(&Action::GoToDay(day("2024-10-18")));
        scene.act(&Action::Choose(1));
        let hide_confirmed = Selection {
            confidence: Some(vec![Grade::Claimed]),
            ..Selection::default()
        };
        let update = scene.act(&Action::Select(hide_confirmed));
        assert!(update.closed && update.relisted);
        assert_eq!(update.change.left, [1]);
        assert_eq!(scene.selected(), None);
    }

    #[test]
    fn choosing_a_feature_goes_to_its_day_and_opens_it() {
        let mut scene = scene(STORY, Selection::default());
        scene.act(&Action::GoToDay(day("2024-10-08")));
        let update = scene.act(&Action::Choose(1));
        assert_eq!(scene.day(), day("2024-10-18"));
        assert_eq!(update.open, Some(1));
        assert_eq!(update.change.entered, [1]);
        // Made public by then: the voyage is listed on the day it was.
        scene.act(&Action::Select(Selection {
            replay: Replay::MadePublicBy,
            ..Selection::default()
        }));
        scene.act(&Action::Choose(0));
        assert_eq!(scene.day(), day("2024-10-18"));
        assert_eq!(scene.selected(), Some(0));
    }

    #[test]
    fn a_person_closing_a_popup_chooses_nothing() {
        let mut scene = scene(STORY, Selection::default());
        scene.act(&Action::GoToDay(day("2024-10-18")));
        let update = scene.act(&Action::Popup(Some(1)));
        assert_eq!((update, scene.selected()), (Update::default(), Some(1)));
        scene.act(&Action::Popup(None));
        assert_eq!(scene.selected(), None);
    }

    #[test]
    fn restoring_a_link_gives_back_the_state_it_holds() {
        let mut scene = scene(STORY, Selection::default());
        scene.act(&Action::GoToDay(day("2024-10-09")));
        let state = fragment::parse(
            "#date=2024-10-18&map=6/43.1/131.9&feature=nis&confidence=confirmed,claimed&replay=known",
        );
        let update = scene.act(&Action::Restore(state.clone()));
        // One change for the filter and the day together.
        assert_eq!(
            (update.change.entered, update.change.left),
            (vec![1], vec![])
        );
        assert_eq!(update.open, Some(1));
        assert!(update.relisted && !update.stop);
        assert_eq!(scene.link_state(state.view), state);
        // A link that chooses no feature closes the popup.
        let update = scene.act(&Action::Restore(LinkState {
            feature: None,
            ..state
        }));
        assert!(update.closed && update.change.is_empty());
    }

    #[test]
    fn actions_of_the_page_alone_leave_the_scene_as_it_is() {
        let mut scene = scene(STORY, Selection::default());
        scene.act(&Action::GoToDay(day("2024-10-18")));
        for action in [
            Action::TogglePlay,
            Action::Export,
            Action::Relist,
            Action::Moved,
            Action::Draw,
            Action::Pick { x: 1.0, y: 2.0 },
        ] {
            assert_eq!(scene.act(&action), Update::default());
        }
        assert_eq!((scene.day(), scene.count()), (day("2024-10-18"), 1));
    }

    #[test]
    fn playing_from_the_last_day_starts_again_from_the_first() {
        let mut scene = scene(STORY, Selection::default());
        scene.act(&Action::GoToDay(day("2024-10-18")));
        assert_eq!(scene.play_from(), day("2024-10-18"));
        scene.act(&Action::GoToDay(day("2024-10-20")));
        assert_eq!(scene.play_from(), day("2024-10-08"));
    }

    #[test]
    fn loading_a_file_keeps_the_mode_and_filters_and_chooses_nothing() {
        let claims_hidden = Selection {
            confidence: Some(vec![Grade::Confirmed]),
            ..Selection::default()
        };
        let mut scene = scene(STORY, claims_hidden.clone());
        scene.act(&Action::GoToDay(day("2024-10-18")));
        scene.act(&Action::Open(1));
        let more = match read_collection("more", STORY) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        let update = scene.load(more, false);
        assert_eq!(scene.data().features.len(), 6);
        assert_eq!(scene.selection(), &claims_hidden);
        assert_eq!((scene.selected(), scene.day()), (None, day("2024-10-08")));
        // The claimed voyages are filtered out on the first day.
        assert!(update.change.is_empty() && update.relisted);
        let update = scene.act(&Action::GoToDay(day("2024-10-18")));
        assert_eq!(update.change.entered, [1, 4]);
    }

    const ONE_DAY_TRACK: &str = include_str!("../../assets/examples/one-day-track.geojson");

    fn at(text: &str) -> i64 {
        crate::TimeBound::parse(text).unwrap().seconds()
    }

    #[test]
    fn issue_13_a_one_day_track_is_stepped_and_played_by_the_hour() {
        let mut scene = scene(ONE_DAY_TRACK, Selection::default());
        scene.go_to(scene.first());
        assert_eq!((scene.steps().every(), scene.steps().last()), (3600, 12));
        assert_eq!(
            (scene.step(), scene.when()),
            (0, "2024-03-02T06:00Z".to_owned())
        );
        // The slider's steps are hours, and each shows its own time.
        scene.act(&Action::Step(1));
        assert_eq!(
            (scene.moment(), scene.when()),
            (at("2024-03-02T07:00Z"), "2024-03-02T07:00Z".to_owned())
        );
        scene.act(&Action::GoToStep(4));
        assert_eq!(scene.when(), "2024-03-02T10:00Z");
        // Units are where they were last seen at the hour, not at noon.
        let seen: Vec<usize> = scene.positions().iter().map(|p| p.sighting).collect();
        assert_eq!(seen, [3, 1]);
        // Features follow the time rule by steps: at 10:00 the report of
        // 10:00 alone (feature 3), not those of later hours.
        assert_eq!(scene.shown().iter().collect::<Vec<_>>(), [3]);
        scene.act(&Action::GoToStep(6));
        assert_eq!(
            (scene.when().as_str(), scene.count()),
            ("2024-03-02T12:00Z", 1)
        );
        scene.act(&Action::GoToStep(8));
        assert_eq!(scene.count(), 0);
        // Past either end, the end.
        scene.act(&Action::Step(-99));
        assert_eq!(scene.when(), "2024-03-02T06:00Z");
        scene.act(&Action::GoToStep(99));
        assert_eq!(scene.when(), "2024-03-02T18:00Z");
        scene.act(&Action::GoToDay(day("2024-03-05")));
        assert_eq!(scene.when(), "2024-03-02T18:00Z");
        // Playing: from the last step, the first again; an hour a tick,
        // stopping on the last step.
        assert_eq!(scene.play_start(), Some(at("2024-03-02T06:00Z")));
        scene.act(&Action::GoToMoment(at("2024-03-02T06:00Z")));
        assert_eq!(scene.play_start(), None);
        let hours: Vec<i64> = play_through(&mut scene)
            .iter()
            .map(|m| (m - at("2024-03-02T06:00Z")) / 3600)
            .collect();
        assert_eq!(hours, (1..=12).collect::<Vec<_>>());
        assert_eq!(scene.tick(), Tick::Stop);
    }

    #[test]
    fn issue_13_by_the_clock_a_report_is_made_public_at_its_own_time() {
        let known = Selection {
            replay: Replay::MadePublicBy,
            ..Selection::default()
        };
        let mut scene = scene(ONE_DAY_TRACK, known);
        scene.go_to(scene.first());
        // 06:00: the report of 06:00 alone, not the day's nine.
        assert_eq!(
            (scene.when().as_str(), scene.count()),
            ("2024-03-02T06:00Z", 1)
        );
        assert_eq!(scene.positions().len(), 1);
        scene.act(&Action::GoToStep(6));
        // The step 12:00 is its hour: the reports of 06:00 to 12:30, not
        // those of 15:00 on.
        assert_eq!(scene.count(), 6);
        scene.act(&Action::GoToStep(12));
        assert_eq!(scene.count(), 9);
    }

    #[test]
    fn issue_13_a_link_keeps_the_hour_and_a_plain_date_still_opens() {
        let mut scene = scene(ONE_DAY_TRACK, Selection::default());
        scene.act(&Action::GoToStep(8));
        let state = scene.link_state(None);
        assert_eq!(fragment::format(&state), "#date=2024-03-02T14:00Z");
        // Step ↔ moment ↔ link, back again from elsewhere.
        scene.act(&Action::GoToStep(0));
        scene.act(&Action::Restore(fragment::parse("#date=2024-03-02T14:00Z")));
        assert_eq!((scene.step(), scene.moment()), (8, at("2024-03-02T14:00Z")));
        // A time between two steps opens on the step it falls in.
        scene.act(&Action::Restore(fragment::parse("#date=2024-03-02T09:59Z")));
        assert_eq!(scene.when(), "2024-03-02T09:00Z");
        // A plain date opens on that day's first step.
        scene.act(&Action::Restore(fragment::parse("#date=2024-03-02")));
        assert_eq!(scene.when(), "2024-03-02T06:00Z");
        // Daily data takes a time's day, and writes days.
        let mut daily = scene_of_story();
        daily.act(&Action::Restore(fragment::parse("#date=2024-10-18T23:00Z")));
        assert_eq!(
            (daily.day(), daily.when()),
            (day("2024-10-18"), "2024-10-18".to_owned())
        );
        assert_eq!(
            fragment::format(&daily.link_state(None)),
            "#date=2024-10-18"
        );
    }

    fn scene_of_story() -> Scene {
        scene(STORY, Selection::default())
    }

    #[test]
    fn issue_13_units_are_where_they_were_last_seen_as_the_filters_allow() {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30, 50]}, "properties": {"unit": "A", "date": "2022-04-01", "confidence": "reported"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [31, 50]}, "properties": {"formation": "A", "date": "2022-04-01", "confidence": "claimed"}},
          {"type": "Feature", "geometry": null, "properties": {"start": "2022-04-20"}}]}"#;
        let mut scene = scene(text, Selection::default());
        scene.act(&Action::GoToDay(day("2022-04-05")));
        // The sighting's own day is over; its unit is still shown.
        assert_eq!(scene.count(), 0);
        let at: Vec<(usize, i64)> = scene
            .positions()
            .iter()
            .map(|p| (p.sighting, p.age_days))
            .collect();
        assert_eq!(at, [(0, 4)]);
        let reported_hidden = Selection {
            confidence: Some(vec![Grade::Claimed]),
            ..Selection::default()
        };
        scene.act(&Action::Select(reported_hidden));
        assert!(scene.positions().is_empty());
        scene.act(&Action::Select(Selection::default()));
        let update = scene.act(&Action::Units(UnitRule {
            property: "formation".into(),
            ..UnitRule::default()
        }));
        assert!(update.relisted);
        assert_eq!(
            scene
                .positions()
                .iter()
                .map(|p| p.sighting)
                .collect::<Vec<_>>(),
            [1]
        );
        // Loading more data keeps the rule.
        let more = match read_collection("more", text) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        scene.load(more, false);
        assert_eq!(scene.unit_rule().property, "formation");
        assert_eq!(scene.units_seen().len(), 1);
        assert_eq!(
            scene.units_seen().get(0).map(|u| u.sightings.len()),
            Some(2)
        );
    }
}
