//! The slider's steps, chosen once per load from the data's own times.
//!
//! The rule: data is stepped by the clock when
//!
//! 1. every `start` and `end` in it is a date-time (a time of day, not a
//!    date alone),
//! 2. it has at least three different times (a track's per-vertex times
//!    count): a series of reports, not one instant, nor the two ends of
//!    one journey, which the days play six hours at a time, and
//! 3. its earliest and latest times are less than [`SUB_DAY_SPAN_S`]
//!    (72 hours) apart.
//!
//! It is then stepped every hour, or every ten minutes when those times
//! are less than six hours apart, or every minute when less than one hour,
//! from the earliest time rounded down to a step to the latest rounded up
//! (so at most 74 steps), each step shown at its own time. Every other
//! dated data is stepped a day at a time, each day shown at its noon, from
//! its first day to its last.
//!
//! # Units
//! Moments are seconds since 1970-01-01T00:00:00Z.

use crate::model::MapFeature;
use crate::time::{Day, TimeBound, SECONDS_PER_DAY};

/// Data whose times lie less than this far apart (72 hours) is stepped by
/// the clock, when every one of them has a time of day.
pub const SUB_DAY_SPAN_S: i64 = 72 * 3600;

/// A day is shown at its noon (UTC).
const NOON_S: i64 = 12 * 3600;

/// How the slider steps: step `n` shows moment `origin + n × every`
/// (plus noon, for days).
///
/// ```
/// use troopmap::{read_collection, time::steps::Steps};
/// let track = read_collection("t", r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30, 50]}, "properties": {"time": "2024-03-02T06:00:00Z"}},
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30, 51]}, "properties": {"time": "2024-03-02T12:00:00Z"}},
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [31, 50]}, "properties": {"time": "2024-03-02T18:30:00Z"}}]}"#).unwrap();
/// let steps = Steps::of(&track.features);
/// assert_eq!((steps.every(), steps.last()), (3600, 13));
/// assert_eq!(steps.label(steps.moment(1)), "2024-03-02T07:00Z");
/// assert_eq!(steps.step_of(steps.moment(1) + 1800), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Steps {
    /// Where step 0's period begins: the first day's midnight, or the
    /// earliest time rounded down to a step.
    origin: i64,
    /// Seconds from one step to the next.
    every: i64,
    /// The last step (0 when there is one).
    last: i32,
}

impl Default for Steps {
    /// One day: 1970-01-01, as undated data has.
    fn default() -> Steps {
        Steps::daily(Day(0), Day(0))
    }
}

impl Steps {
    /// One step a day from `first` to `last`.
    ///
    /// ```
    /// use troopmap::{time::steps::Steps, Day};
    /// let steps = Steps::daily(Day(10), Day(20));
    /// assert!(steps.is_daily());
    /// assert_eq!((steps.last(), steps.moment(0)), (10, 10 * 86_400 + 43_200));
    /// assert_eq!(steps.label(steps.moment(3)), "1970-01-14");
    /// ```
    pub fn daily(first: Day, last: Day) -> Steps {
        Steps {
            origin: first.start_seconds(),
            every: SECONDS_PER_DAY,
            last: last.0.saturating_sub(first.0).max(0),
        }
    }

    /// The steps for `features` (see the module's rule); a day, of
    /// 1970-01-01, for undated data.
    pub fn of(features: &[MapFeature]) -> Steps {
        let mut clock = true;
        // The earliest and latest times (a date's is its midnight), and
        // whether there is a third.
        let (mut times, mut two, mut series) = ((i64::MAX, i64::MIN), [None; 2], false);
        let mut time = |t: i64| {
            times = (times.0.min(t), times.1.max(t));
            match two {
                [None, _] => two[0] = Some(t),
                [_, None] if two[0] != Some(t) => two[1] = Some(t),
                [Some(a), Some(b)] => series |= a != t && b != t,
                _ => {}
            }
        };
        for feature in features {
            for bound in [feature.span.start, feature.span.end].into_iter().flatten() {
                clock &= !bound.is_date_only();
                time(bound.seconds());
            }
            for &t in feature.vertex_times.iter().flatten() {
                time(t);
            }
        }
        if times.0 > times.1 {
            return Steps::default();
        }
        let span = times.1 - times.0;
        if !clock || !series || span >= SUB_DAY_SPAN_S {
            let day = |t: i64| TimeBound::from_unix(t).day();
            return Steps::daily(day(times.0), day(times.1));
        }
        let every = match span {
            s if s < 3600 => 60,
            s if s < 6 * 3600 => 600,
            _ => 3600,
        };
        let origin = times.0.div_euclid(every) * every;
        // Rounded up: the latest time is a step of its own.
        let last = (times.1 - origin + every - 1).div_euclid(every);
        Steps {
            origin,
            every,
            last: last as i32,
        }
    }

    /// Whether a step is a day.
    pub fn is_daily(self) -> bool {
        self.every == SECONDS_PER_DAY
    }

    /// Seconds from one step to the next.
    pub fn every(self) -> i64 {
        self.every
    }

    /// What one step is called: `day`, `hour`, `10 minutes` or `minute`
    /// (the buttons beside the slider say "Next hour").
    pub fn unit(self) -> &'static str {
        match self.every {
            60 => "minute",
            600 => "10 minutes",
            3600 => "hour",
            _ => "day",
        }
    }

    /// The last step: the slider's maximum (its minimum is 0).
    pub fn last(self) -> i32 {
        self.last
    }

    /// The moment step `step` shows (kept within the steps): a day's noon,
    /// or the step's own time.
    pub fn moment(self, step: i32) -> i64 {
        let step = i64::from(step.min(self.last).max(0));
        let noon = if self.is_daily() { NOON_S } else { 0 };
        self.origin + step * self.every + noon
    }

    /// The step whose period holds `moment`, kept within the steps.
    pub fn step_of(self, moment: i64) -> i32 {
        let step = moment.saturating_sub(self.origin).div_euclid(self.every);
        step.min(i64::from(self.last)).max(0) as i32
    }

    /// The moment `day` opens at: its noon for days, else the first step
    /// on or after its midnight (kept within the steps).
    ///
    /// ```
    /// use troopmap::{time::steps::Steps, Day};
    /// assert_eq!(Steps::daily(Day(10), Day(20)).first_on(Day(12)), 12 * 86_400 + 43_200);
    /// ```
    pub fn first_on(self, day: Day) -> i64 {
        if self.is_daily() {
            return day.start_seconds() + NOON_S;
        }
        // The step of the midnight, rounded up: the step falls on the day.
        self.moment(self.step_of(day.start_seconds().saturating_add(self.every - 1)))
    }

    /// `moment` kept within the first and last step's moments.
    pub fn clamp(self, moment: i64) -> i64 {
        moment.min(self.moment(self.last)).max(self.moment(0))
    }

    /// How `moment` is written on the slider, in the status and in a link:
    /// its day (`2024-10-08`) for days, else its minute
    /// (`2024-10-08T14:00Z`).
    pub fn label(self, moment: i64) -> String {
        let mut text = minute(moment);
        if self.is_daily() {
            // `T14:00Z` off the end.
            text.truncate(text.len().saturating_sub(7));
        }
        text
    }

    /// The step of the slider, or for days the day's number, that `moment`
    /// falls in: moments with the same slot are listed together.
    pub fn slot(self, moment: i64) -> i32 {
        if self.is_daily() {
            TimeBound::from_unix(moment).day().0
        } else {
            self.step_of(moment)
        }
    }
}

/// `moment` to the minute, in UTC: `YYYY-MM-DDTHH:MMZ`.
///
/// ```
/// use troopmap::time::steps::minute;
/// assert_eq!(minute(86_400 + 14 * 3600 + 59), "1970-01-02T14:00Z");
/// ```
pub fn minute(moment: i64) -> String {
    // The data format's own writing (`…T14:00:00Z`), less the seconds.
    let mut text = TimeBound::from_unix(moment - moment.rem_euclid(60)).to_string();
    // `:00Z` off the end, `Z` back on.
    text.truncate(text.len().saturating_sub(4));
    text.push('Z');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_collection;

    /// Steps of a file of points at `times` (any time the format reads).
    fn steps_of(times: &[&str]) -> Steps {
        let features: Vec<String> = times
            .iter()
            .map(|t| {
                format!(
                    r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [30, 50]}}, "properties": {{"unit": "A", "time": "{t}"}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        );
        match read_collection("t", &text) {
            Ok(data) => Steps::of(&data.features),
            Err(e) => panic!("{e}"),
        }
    }

    fn labels(steps: Steps) -> Vec<String> {
        (0..=steps.last())
            .map(|s| steps.label(steps.moment(s)))
            .collect()
    }

    #[test]
    fn daily_data_is_stepped_by_the_day_at_noon() {
        let steps = steps_of(&["2024-10-08", "2024-10-13"]);
        let first = Day::parse("2024-10-08").unwrap();
        assert_eq!(
            steps,
            Steps::daily(first, Day::parse("2024-10-13").unwrap())
        );
        assert_eq!(steps.last(), 5);
        assert_eq!(steps.moment(2), first.start_seconds() + 2 * 86_400 + NOON_S);
        assert_eq!(labels(steps)[5], "2024-10-13");
        // A moment's step is its day's, whatever its hour.
        assert_eq!(steps.step_of(first.start_seconds() + 86_400 + 3600), 1);
        assert_eq!(steps.first_on(first), steps.moment(0));
    }

    #[test]
    fn a_one_day_track_with_times_is_stepped_by_the_hour() {
        let steps = steps_of(&[
            "2024-03-02T06:00:00Z",
            "2024-03-02T09:30:00Z",
            "2024-03-02T18:00:00Z",
        ]);
        assert_eq!(
            (steps.every(), steps.last(), steps.unit()),
            (3600, 12, "hour")
        );
        let labels = labels(steps);
        assert_eq!(labels[0], "2024-03-02T06:00Z");
        assert_eq!(labels[1], "2024-03-02T07:00Z");
        assert_eq!(labels[12], "2024-03-02T18:00Z");
        // 09:30 falls in the 09:00 step.
        let half_past = TimeBound::parse("2024-03-02T09:30Z").unwrap().seconds();
        assert_eq!(steps.step_of(half_past), 3);
        assert_eq!(steps.slot(half_past), 3);
        // Beyond either end, the end.
        assert_eq!(steps.step_of(0), 0);
        assert_eq!(steps.step_of(i64::MAX), 12);
        assert_eq!(steps.moment(99), steps.moment(12));
    }

    #[test]
    fn a_three_hour_track_is_stepped_by_ten_minutes() {
        let steps = steps_of(&[
            "2024-03-02T06:05Z",
            "2024-03-02T07:00Z",
            "2024-03-02T09:05+00:00",
        ]);
        assert_eq!((steps.every(), steps.last()), (600, 19));
        let labels = labels(steps);
        assert_eq!(
            (labels[0].as_str(), labels[1].as_str(), labels[19].as_str()),
            (
                "2024-03-02T06:00Z",
                "2024-03-02T06:10Z",
                "2024-03-02T09:10Z"
            )
        );
        // Under an hour: a minute at a time.
        let steps = steps_of(&[
            "2024-03-02T06:00Z",
            "2024-03-02T06:10Z",
            "2024-03-02T06:20Z",
        ]);
        assert_eq!((steps.every(), steps.last()), (60, 20));
    }

    #[test]
    fn times_spanning_ten_days_are_stepped_by_the_day() {
        let steps = steps_of(&[
            "2024-03-02T06:00Z",
            "2024-03-07T06:00Z",
            "2024-03-12T06:00Z",
        ]);
        assert!(steps.is_daily());
        assert_eq!(steps.last(), 10);
        assert_eq!(labels(steps)[0], "2024-03-02");
        // Just under three days is by the clock; three days are not.
        let within = steps_of(&[
            "2024-03-02T00:00Z",
            "2024-03-03T00:00Z",
            "2024-03-04T23:59Z",
        ]);
        assert_eq!((within.every(), within.last()), (3600, 72));
        assert!(steps_of(&[
            "2024-03-02T00:00Z",
            "2024-03-03T00:00Z",
            "2024-03-05T00:00Z"
        ])
        .is_daily());
    }

    #[test]
    fn a_date_without_a_time_keeps_the_data_daily() {
        let steps = steps_of(&["2024-03-02T06:00Z", "2024-03-02T07:00Z", "2024-03-02"]);
        assert!(steps.is_daily());
        assert_eq!(steps.last(), 0);
        assert_eq!(Steps::of(&[]), Steps::default());
    }

    #[test]
    fn one_instant_or_one_journeys_two_ends_keep_the_data_daily() {
        assert!(steps_of(&["2024-03-02T06:00Z", "2024-03-02T06:00Z"]).is_daily());
        assert!(steps_of(&["2024-03-02T06:00Z", "2024-03-02T18:00Z"]).is_daily());
        // A track's times between its ends make it a series.
        let track = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
          "geometry": {"type": "LineString", "coordinates": [[30, 50], [31, 50], [32, 50]]},
          "properties": {"coordTimes": ["2024-03-02T06:00Z", "2024-03-02T07:00Z", "2024-03-02T08:00Z"]}}]}"#;
        let steps = Steps::of(&read_collection("t", track).unwrap().features);
        assert_eq!((steps.every(), steps.last()), (600, 12));
    }

    #[test]
    fn a_day_opens_at_its_first_step() {
        // 20:00 on March 2 to 04:00 on March 3.
        let steps = steps_of(&[
            "2024-03-02T20:00Z",
            "2024-03-03T01:00Z",
            "2024-03-03T04:00Z",
        ]);
        let day = |s| Day::parse(s).unwrap();
        assert_eq!(
            minute(steps.first_on(day("2024-03-03"))),
            "2024-03-03T00:00Z"
        );
        assert_eq!(
            minute(steps.first_on(day("2024-03-02"))),
            "2024-03-02T20:00Z"
        );
        assert_eq!(
            minute(steps.first_on(day("2024-03-09"))),
            "2024-03-03T04:00Z"
        );
        assert_eq!(minute(steps.clamp(0)), "2024-03-02T20:00Z");
    }
}
