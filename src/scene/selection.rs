//! Which features the map shows on a day: by the time rule, or as a
//! replay of what had happened or been made public by then, narrowed by
//! grade, source type and kind.

use crate::model::statement::{Grade, SourceType};
use crate::model::{Kind, MapFeature};
use crate::time::index::{TimeIndex, NEVER};
use crate::time::steps::Steps;
use crate::time::{Day, SECONDS_PER_DAY};

/// Which dates decide what is shown on day D.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Replay {
    /// What is under way on D: the time rule on `start` and `end`.
    #[default]
    OnTheDay,
    /// Everything that had happened by D: `start` ≤ D, ended or not.
    HappenedBy,
    /// Everything that had been made public by D: `reported` ≤ D (or,
    /// without `reported`, `start` ≤ D).
    MadePublicBy,
}

impl Replay {
    /// Every mode, in the order the page offers them.
    pub const ALL: [Replay; 3] = [Replay::OnTheDay, Replay::HappenedBy, Replay::MadePublicBy];

    /// The name used in links and the page.
    pub fn as_str(self) -> &'static str {
        match self {
            Replay::OnTheDay => "on-the-day",
            Replay::HappenedBy => "happened",
            Replay::MadePublicBy => "known",
        }
    }

    /// Reads a name written by [`Replay::as_str`].
    pub fn parse(text: &str) -> Option<Replay> {
        Replay::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// The mode and the filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub replay: Replay,
    /// Only these grades; `None` is all. Features the data gives no
    /// grade are not graded, so this filter lets them through (the legend
    /// lists "not given" without a box).
    pub confidence: Option<Vec<Grade>>,
    /// Only these source types; `None` is all. Features the data gives no
    /// source type pass, as with grades.
    pub who: Option<Vec<SourceType>>,
    /// Only these kinds; `None` is all.
    pub kinds: Option<Vec<Kind>>,
}

impl Selection {
    /// Whether the filters let `feature` through, by its own grade and
    /// source type.
    pub fn admits(&self, feature: &MapFeature) -> bool {
        self.admits_kind(feature) && self.passes(feature.grade, feature.source_type)
    }

    fn admits_kind(&self, feature: &MapFeature) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|allowed| allowed.contains(&feature.kind))
    }

    /// Whether the grade and source filters let a grade and a source type
    /// through; what is not given passes.
    fn passes(&self, grade: Option<Grade>, who: Option<SourceType>) -> bool {
        let confidence = match &self.confidence {
            None => true,
            Some(allowed) => grade.is_none_or(|g| allowed.contains(&g)),
        };
        let who = match &self.who {
            None => true,
            Some(allowed) => who.is_none_or(|s| allowed.contains(&s)),
        };
        confidence && who
    }

    /// The days, from `from` on, that the filters show a feature whose
    /// grade changes through time, in the "made public by then" mode: the
    /// first run of days whose grade and source type they let through
    /// (on each day, the grade it had then).
    fn known_days(&self, feature: &MapFeature, from: i32) -> (i32, i32) {
        let mut run: Option<(i32, i32)> = None;
        for (k, (step, until)) in feature.grades.spans().enumerate() {
            // The first step's grade is the feature's from the day it was
            // made public, even when the step is dated later.
            let start = if k == 0 { from } else { step.from.0.max(from) };
            if until < start {
                continue;
            }
            let who = step.source_type.or(feature.source_type);
            if self.passes(Some(step.grade), who) {
                run = match run {
                    None => Some((start, until)),
                    Some((a, b)) if b.saturating_add(1) >= start => Some((a, until)),
                    Some(_) => break,
                };
            } else if run.is_some() {
                break;
            }
        }
        run.unwrap_or(NEVER)
    }

    /// The grade `feature` is drawn with on `day`: in the "made public by
    /// then" mode, the grade it had then, when the data gives its grades
    /// through time; otherwise its own.
    ///
    /// ```
    /// use troopmap::{read_collection, scene::selection::{Replay, Selection}, model::statement::Grade, Day};
    /// let data = read_collection("d", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"kind": "place", "confidence": "confirmed",
    ///    "reported": "2024-10-24", "grades": [{"from": "2024-10-24", "confidence": "claimed"},
    ///    {"from": "2024-10-28", "confidence": "confirmed"}]}}]}"#).unwrap();
    /// let on = |replay, day| Selection { replay, ..Selection::default() }.grade_on(&data.features[0], Day::parse(day).unwrap());
    /// assert_eq!(on(Replay::MadePublicBy, "2024-10-25"), Some(Grade::Claimed));
    /// assert_eq!(on(Replay::MadePublicBy, "2024-10-28"), Some(Grade::Confirmed));
    /// assert_eq!(on(Replay::OnTheDay, "2024-10-25"), Some(Grade::Confirmed));
    /// ```
    pub fn grade_on(&self, feature: &MapFeature, day: Day) -> Option<Grade> {
        match self.replay {
            Replay::MadePublicBy => feature.grades.on(day).map(|s| s.grade).or(feature.grade),
            _ => feature.grade,
        }
    }

    /// The time index that answers "what is shown on day D" for this
    /// selection.
    ///
    /// ```
    /// use troopmap::{read_collection, scene::selection::{Replay, Selection}, Day};
    /// let data = read_collection("d", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties":
    ///    {"start": "2024-10-08", "end": "2024-10-13", "reported": "2024-10-18"}}]}"#).unwrap();
    /// let day = Day::parse("2024-10-15").unwrap();
    /// let shown = |replay| Selection { replay, ..Selection::default() }.index(&data.features).shown_on(day).len();
    /// assert_eq!((shown(Replay::OnTheDay), shown(Replay::HappenedBy), shown(Replay::MadePublicBy)), (0, 1, 0));
    /// ```
    pub fn index(&self, features: &[MapFeature]) -> TimeIndex {
        self.index_in(features, Steps::default())
    }

    /// [`Selection::index`] keyed by the slider's `steps`: by days, or,
    /// for data stepped by the clock, by steps, a feature being on every
    /// step whose period its times meet (what is dated by the day, such as
    /// the day it was made public, meets the steps of its whole day).
    ///
    /// ```
    /// use troopmap::{read_collection, scene::selection::Selection, time::steps::Steps};
    /// let data = read_collection("d", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"time": "2024-03-02T06:00Z"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"time": "2024-03-02T09:30Z"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"time": "2024-03-02T12:00Z"}}]}"#).unwrap();
    /// let steps = Steps::of(&data.features);
    /// let index = Selection::default().index_in(&data.features, steps);
    /// // Hours from 06:00: the step of 09:00 holds the report of 09:30 only.
    /// assert_eq!(index.shown_on(troopmap::Day(3)), [1]);
    /// assert!(index.shown_on(troopmap::Day(4)).is_empty());
    /// ```
    pub fn index_in(&self, features: &[MapFeature], steps: Steps) -> TimeIndex {
        let daily = steps.is_daily();
        // The step a moment falls in; none past either end of the steps
        // (before the first: the first).
        let (earliest, latest) = (steps.moment(0), steps.moment(steps.last()) + steps.every());
        let step_at = |moment: i64| (moment < latest).then(|| steps.step_of(moment));
        // Days as steps: a day's first step to its last; a run of days
        // outside the steps, never.
        let by_day = |(first, last): (i32, i32)| {
            if daily || first > last {
                return (first, last);
            }
            let first = match first {
                i32::MIN => Some(first),
                day => step_at(Day(day).start_seconds()),
            };
            let last = match last {
                i32::MAX => Some(last),
                day => {
                    let end = Day(day).start_seconds() + SECONDS_PER_DAY - 1;
                    (end >= earliest).then(|| steps.step_of(end))
                }
            };
            match (first, last) {
                (Some(first), Some(last)) => (first, last),
                _ => NEVER,
            }
        };
        let days = features
            .iter()
            .map(|f| {
                if !self.admits_kind(f) {
                    return NEVER;
                }
                let first = f.span.first_day().map_or(i32::MIN, |d| d.0);
                let public = made_public_on(f).map_or(i32::MIN, |d| d.0);
                if self.replay == Replay::MadePublicBy && !f.grades.is_empty() {
                    return by_day(self.known_days(f, public));
                }
                if !self.passes(f.grade, f.source_type) {
                    return NEVER;
                }
                // Its start and end as steps, open ends open.
                let (start, end) = if daily {
                    (first, f.span.last_day().map_or(i32::MAX, |d| d.0))
                } else {
                    (
                        f.span
                            .start
                            .map_or(i32::MIN, |t| steps.step_of(t.seconds())),
                        f.span.end.map_or(i32::MAX, |t| steps.step_of(t.seconds())),
                    )
                };
                match self.replay {
                    Replay::OnTheDay => (start, end),
                    Replay::HappenedBy => (start, i32::MAX),
                    Replay::MadePublicBy if daily => (public, i32::MAX),
                    // By the clock: from the step it was made public in.
                    Replay::MadePublicBy => made_public_at(f)
                        .map_or(Some(i32::MIN), step_at)
                        .map_or(NEVER, |first| (first, i32::MAX)),
                }
            })
            .collect();
        TimeIndex::from_days(days)
    }
}

/// The moment `feature` was made public: the start of its `reported`
/// day, else its own start (a report is public when it tells of it; by
/// the clock, not from the start of its day).
pub fn made_public_at(feature: &MapFeature) -> Option<i64> {
    match feature.reported_day() {
        Some(day) => Some(day.start_seconds()),
        None => feature.span.start.map(|start| start.seconds()),
    }
}

/// The made-public rule: the day `feature` was made public is its
/// `reported` day, else the day it starts (a report is public the day it
/// tells of). In the "made public by then" mode a feature is on the map
/// from that day on, and the chronology lists it under it.
///
/// ```
/// use troopmap::{read_collection, scene::selection::made_public_on, Day};
/// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-08", "reported": "2024-10-18"}},
///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-08"}},
///   {"type": "Feature", "geometry": null, "properties": {}}]}"#).unwrap();
/// let on = |i: usize| made_public_on(&data.features[i]).map(|d| d.to_string());
/// assert_eq!((on(0), on(1), on(2)), (Some("2024-10-18".into()), Some("2024-10-08".into()), None));
/// ```
pub fn made_public_on(feature: &MapFeature) -> Option<Day> {
    feature.reported_day().or_else(|| feature.span.first_day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{read_collection, Day};

    fn data() -> Vec<MapFeature> {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "sea", "geometry": null, "properties": {"kind": "route", "confidence": "inferred", "start": "2024-10-08", "end": "2024-10-13", "reported": "2024-10-18"}},
          {"type": "Feature", "id": "nis", "geometry": null, "properties": {"kind": "event", "confidence": "confirmed", "start": "2024-10-18", "reported": "2024-10-18"}},
          {"type": "Feature", "id": "place", "geometry": null, "properties": {"kind": "place", "confidence": "confirmed"}},
          {"type": "Feature", "id": "plan", "geometry": null, "properties": {"kind": "event", "start": "2024-11-01", "reported": "2024-10-18"}}]}"#;
        match read_collection("t", text) {
            Ok(d) => d.features,
            Err(e) => panic!("{e}"),
        }
    }

    fn shown(selection: &Selection, day: &str) -> Vec<usize> {
        selection.index(&data()).shown_on(Day::parse(day).unwrap())
    }

    #[test]
    fn the_first_sea_transfer_on_2024_10_15_in_each_mode() {
        let mode = |replay| Selection {
            replay,
            ..Selection::default()
        };
        assert_eq!(shown(&mode(Replay::OnTheDay), "2024-10-15"), [2]);
        assert_eq!(shown(&mode(Replay::HappenedBy), "2024-10-15"), [0, 2]);
        assert_eq!(shown(&mode(Replay::MadePublicBy), "2024-10-15"), [2]);
        // Made public on Oct 18: the voyage, and the plan for Nov 1.
        assert_eq!(
            shown(&mode(Replay::MadePublicBy), "2024-10-18"),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn issue_11_made_public_by_then_filters_a_place_by_the_grade_it_had_that_day() {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "kursk", "geometry": null, "properties": {"kind": "place",
           "confidence": "confirmed", "reported": "2024-10-18", "grades": [
             {"from": "2024-10-18", "confidence": "claimed"},
             {"from": "2024-10-28", "confidence": "confirmed"}]}}]}"#;
        let data = match read_collection("t", text) {
            Ok(d) => d.features,
            Err(e) => panic!("{e}"),
        };
        let known = |confidence: Option<Vec<Grade>>, who: Option<Vec<SourceType>>| Selection {
            replay: Replay::MadePublicBy,
            confidence,
            who,
            ..Selection::default()
        };
        let days = |selection: &Selection| -> Vec<bool> {
            let index = selection.index(&data);
            ["2024-10-17", "2024-10-20", "2024-10-28"]
                .map(|d| !index.shown_on(Day::parse(d).unwrap()).is_empty())
                .to_vec()
        };
        assert_eq!(days(&known(None, None)), [false, true, true]);
        // A claim until Oct 28, then confirmed: each filter shows the days
        // the place had its grade, and the grade drawn agrees.
        assert_eq!(
            days(&known(Some(vec![Grade::Claimed]), None)),
            [false, true, false]
        );
        assert_eq!(
            days(&known(Some(vec![Grade::Confirmed]), None)),
            [false, false, true]
        );
        assert_eq!(
            days(&known(None, Some(vec![SourceType::Party]))),
            [false, true, false]
        );
        assert_eq!(
            days(&known(None, Some(vec![SourceType::Official]))),
            [false, false, true]
        );
        let selection = known(None, None);
        assert_eq!(
            selection.grade_on(&data[0], Day::parse("2024-10-20").unwrap()),
            Some(Grade::Claimed)
        );
        // Outside that mode the place has its own grade.
        let today = Selection {
            confidence: Some(vec![Grade::Claimed]),
            ..Selection::default()
        };
        assert!(today
            .index(&data)
            .shown_on(Day::parse("2024-10-20").unwrap())
            .is_empty());
    }

    #[test]
    fn filters_narrow_every_mode() {
        let confirmed = Selection {
            confidence: Some(vec![Grade::Confirmed]),
            ..Selection::default()
        };
        assert_eq!(shown(&confirmed, "2024-10-18"), [1, 2]);
        // A feature with no confidence is not graded: no confidence filter
        // hides it.
        let none = Selection {
            confidence: Some(vec![]),
            ..Selection::default()
        };
        assert_eq!(shown(&none, "2024-11-02"), [3]);
        assert_eq!(shown(&confirmed, "2024-11-02"), [1, 2, 3]);
        let events = Selection {
            kinds: Some(vec![Kind::Event]),
            replay: Replay::HappenedBy,
            ..Selection::default()
        };
        assert_eq!(shown(&events, "2024-11-02"), [1, 3]);
        let nothing = Selection {
            kinds: Some(vec![]),
            ..Selection::default()
        };
        assert!(shown(&nothing, "2024-10-18").is_empty());
    }
}
