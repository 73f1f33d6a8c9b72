//! The moment shown, and how playing moves it: a day is shown at its noon
//! (UTC); playing steps a day at a time, or six hours at a time while a
//! unit is under way, and ends with the data's last day. Data stepped by
//! the clock (see [`crate::time::steps`]) plays one step at a time.
//!
//! # Units
//! Moments are seconds since 1970-01-01T00:00:00Z.

use crate::time::steps::Steps;
use crate::time::{Day, SECONDS_PER_DAY};
/// A day is shown at its noon, where units under way are drawn.
pub const NOON_S: i64 = 12 * 3600;
/// While a unit moves, playing steps this many seconds (six hours).
pub const STEP_UNDER_WAY_S: i64 = 6 * 3600;

/// The moment a day is shown at: its noon.
///
/// ```
/// use troopmap::{scene::play::noon, Day};
/// assert_eq!(noon(Day(0)), 43_200);
/// ```
pub fn noon(day: Day) -> i64 {
    day.start_seconds() + NOON_S
}

/// The day a moment falls on (UTC).
///
/// ```
/// use troopmap::{scene::play::day_of, Day};
/// assert_eq!(day_of(86_399), Day(0));
/// assert_eq!(day_of(-1), Day(-1));
/// ```
pub fn day_of(moment: i64) -> Day {
    Day(moment.div_euclid(SECONDS_PER_DAY) as i32)
}

/// The day and moment shown for `moment` on a slider from `first` to
/// `last`: the moment itself when its day is in range, else the noon of the
/// nearer end.
///
/// ```
/// use troopmap::{scene::play::{clamp, noon}, Day};
/// let (first, last) = (Day(10), Day(20));
/// assert_eq!(clamp(noon(Day(15)) + 3600, first, last), (Day(15), noon(Day(15)) + 3600));
/// assert_eq!(clamp(noon(Day(25)) + 3600, first, last), (Day(20), noon(Day(20))));
/// assert_eq!(clamp(0, first, last), (Day(10), noon(Day(10))));
/// ```
pub fn clamp(moment: i64, first: Day, last: Day) -> (Day, i64) {
    let day = day_of(moment);
    let clamped = day.clamp(first, last);
    if clamped == day {
        (day, moment)
    } else {
        (clamped, noon(clamped))
    }
}

/// What one tick of playing does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// Show this moment; then stop playing when `then_stop`.
    Go { to: i64, then_stop: bool },
    /// Stop playing where it is.
    Stop,
}

/// One tick of playing from `moment` (on day `current`) on a slider ending
/// on `last`. `under_way(after, before)` says whether a unit the map shows
/// is under way some time after `after` and before `before`.
///
/// While a unit moves, or sets out before the next noon, playing steps six
/// hours, and ends once past the last day even mid-journey; otherwise it
/// steps a day, and stops on the last day unless a unit still moves on it.
///
/// ```
/// use troopmap::{scene::play::{noon, tick, Tick, STEP_UNDER_WAY_S}, Day};
/// let last = Day(20);
/// // Nothing under way: a day at a time, stopping on the last day.
/// assert_eq!(tick(noon(Day(18)), Day(18), last, |_, _| false), Tick::Go { to: noon(Day(19)), then_stop: false });
/// assert_eq!(tick(noon(Day(19)), Day(19), last, |_, _| false), Tick::Go { to: noon(Day(20)), then_stop: true });
/// assert_eq!(tick(noon(Day(20)), Day(20), last, |_, _| false), Tick::Stop);
/// // A unit under way: six hours at a time.
/// assert_eq!(tick(noon(Day(18)), Day(18), last, |_, _| true), Tick::Go { to: noon(Day(18)) + STEP_UNDER_WAY_S, then_stop: false });
/// ```
pub fn tick(moment: i64, current: Day, last: Day, under_way: impl Fn(i64, i64) -> bool) -> Tick {
    if under_way(moment, noon(current.next())) {
        let to = moment + STEP_UNDER_WAY_S;
        return if day_of(to) > last {
            Tick::Stop
        } else {
            Tick::Go {
                to,
                then_stop: false,
            }
        };
    }
    if current >= last {
        return Tick::Stop;
    }
    let to = noon(current.next());
    // The last day ends playing, unless a unit still moves on it.
    let then_stop = current.next() >= last && !under_way(to, last.next().start_seconds());
    Tick::Go { to, then_stop }
}

/// One tick of playing from `moment` on data stepped by the clock: the
/// next step, stopping on the last.
///
/// ```
/// use troopmap::{read_collection, scene::play::{tick_step, Tick}, time::steps::Steps};
/// let data = read_collection("t", r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-03-02T06:00Z", "end": "2024-03-02T08:00Z"}},
///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-03-02T07:00Z"}}]}"#).unwrap();
/// let steps = Steps::of(&data.features);
/// assert_eq!((steps.every(), steps.last()), (600, 12));
/// assert_eq!(tick_step(steps.moment(0) + 60, steps), Tick::Go { to: steps.moment(1), then_stop: false });
/// assert_eq!(tick_step(steps.moment(11), steps), Tick::Go { to: steps.moment(12), then_stop: true });
/// assert_eq!(tick_step(steps.moment(12), steps), Tick::Stop);
/// ```
pub fn tick_step(moment: i64, steps: Steps) -> Tick {
    let next = steps.step_of(moment).saturating_add(1);
    if next > steps.last() {
        return Tick::Stop;
    }
    Tick::Go {
        to: steps.moment(next),
        then_stop: next >= steps.last(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_collection;
    use crate::space::journeys::Journeys;

    /// Plays from `from` until it stops, each unit of `data` counting;
    /// returns every moment shown.
    fn play(data: &str, from: &str, last: &str) -> Vec<i64> {
        let data = match read_collection("t", data) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let journeys = Journeys::of(&data.features);
        let last = Day::parse(last).unwrap();
        let mut moment = noon(Day::parse(from).unwrap());
        let mut shown = vec![moment];
        for _ in 0..1000 {
            let under_way = |after, before| journeys.under_way(after, before, |_| true);
            match tick(moment, day_of(moment), last, under_way) {
                Tick::Stop => break,
                Tick::Go { to, then_stop } => {
                    moment = to;
                    shown.push(moment);
                    if then_stop {
                        break;
                    }
                }
            }
        }
        shown
    }

    fn hours(moments: &[i64], since: i64) -> Vec<i64> {
        moments.iter().map(|m| (m - since) / 3600).collect()
    }

    #[test]
    fn playing_ends_on_the_last_day_with_a_unit_still_under_way() {
        // Arrives at 18:00 on the last day: steps of six hours to 18:00,
        // then no further.
        let track = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
          "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
          "properties": {"kind": "route", "start": "2024-10-12T06:00Z", "end": "2024-10-13T18:00Z"}}]}"#;
        let shown = play(track, "2024-10-12", "2024-10-13");
        let start = noon(Day::parse("2024-10-12").unwrap());
        assert_eq!(hours(&shown, start), [0, 6, 12, 18, 24, 30]);
        assert_eq!(
            day_of(*shown.last().unwrap()),
            Day::parse("2024-10-13").unwrap()
        );
    }

    #[test]
    fn a_unit_that_sets_out_between_two_noons_is_played_in_hours() {
        let track = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
          "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
          "properties": {"kind": "route", "start": "2024-10-08T18:00Z", "end": "2024-10-09T06:00Z"}},
          {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-11"}}]}"#;
        let shown = play(track, "2024-10-08", "2024-10-11");
        let start = noon(Day::parse("2024-10-08").unwrap());
        // Noon, 18:00 (sets out), 00:00, 06:00 (arrives), then the next
        // day's noon and the last day's.
        assert_eq!(hours(&shown, start), [0, 6, 12, 18, 48, 72]);
    }

    #[test]
    fn nothing_under_way_plays_a_day_at_a_time_to_the_last_day() {
        let data = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-01", "end": "2024-10-04"}}]}"#;
        let shown = play(data, "2024-10-01", "2024-10-04");
        let start = noon(Day::parse("2024-10-01").unwrap());
        assert_eq!(hours(&shown, start), [0, 24, 48, 72]);
    }

    #[test]
    fn the_clamp_keeps_a_moment_within_the_days_and_shows_an_end_at_noon() {
        let (first, last) = (
            Day::parse("2024-10-01").unwrap(),
            Day::parse("2024-10-31").unwrap(),
        );
        let evening = first.start_seconds() + 20 * 3600;
        assert_eq!(clamp(evening, first, last), (first, evening));
        assert_eq!(
            clamp(last.next().start_seconds(), first, last),
            (last, noon(last))
        );
        assert_eq!(
            clamp(first.start_seconds() - 1, first, last),
            (first, noon(first))
        );
    }
}
