//! How the date plays: at what speed, whether it starts again at the end,
//! and whether the map follows the story. Plain settings, kept by the
//! scene ([`Scene::playback`]), changed by
//! [`crate::scene::action::Action::Playback`] and kept in a link.
//!
//! # Units
//! The speed is in days a second; for data stepped by the clock (see
//! [`crate::time::steps`]), in steps a second. Waits are in milliseconds,
//! moments in seconds since 1970.

use crate::model::Dataset;
use crate::scene::play::Tick;
use crate::scene::Scene;
use crate::time::steps::Steps;
use crate::time::SECONDS_PER_DAY;

/// The speeds a person can choose, slowest first.
pub const SPEEDS: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];
/// The speed until one is chosen: two days (or steps) a second.
pub const DEFAULT_SPEED: f64 = 2.0;

/// How the date plays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Playback {
    /// Days a second (steps a second for data stepped by the clock): one
    /// of [`SPEEDS`].
    pub speed: f64,
    /// At the end, start again from the first day (or step).
    pub looping: bool,
    /// Move the view to what a step brings onto the map, when it lies
    /// outside the view.
    pub follow: bool,
}

impl Default for Playback {
    /// Two days a second, no loop, not following.
    fn default() -> Playback {
        Playback {
            speed: DEFAULT_SPEED,
            looping: false,
            follow: false,
        }
    }
}

impl Playback {
    /// The playback `data` opens with: following when the collection asks
    /// to be followed (`"follow": true`, as the bundled story does).
    ///
    /// ```
    /// use troopmap::{read_collection, scene::playback::Playback};
    /// let story = read_collection("s", r#"{"type": "FeatureCollection", "follow": true, "features": []}"#).unwrap();
    /// assert!(Playback::for_data(&story).follow);
    /// let other = read_collection("o", r#"{"type": "FeatureCollection", "follow": "yes", "features": []}"#).unwrap();
    /// assert_eq!(Playback::for_data(&other), Playback::default());
    /// ```
    pub fn for_data(data: &Dataset) -> Playback {
        Playback {
            follow: follows(data),
            ..Playback::default()
        }
    }

    /// `speed` when it is one of [`SPEEDS`].
    ///
    /// ```
    /// use troopmap::scene::playback::Playback;
    /// assert_eq!(Playback::speed_of(8.0), Some(8.0));
    /// assert_eq!(Playback::speed_of(3.0), None);
    /// assert_eq!(Playback::speed_of(f64::NAN), None);
    /// ```
    pub fn speed_of(speed: f64) -> Option<f64> {
        SPEEDS.into_iter().find(|&s| s == speed)
    }

    /// How long a tick from `from` to `to` waits before it shows `to`, at
    /// this speed: its share of a day (a tick of six hours a quarter of a
    /// day's wait), or, for data stepped by the clock, one step's. A tick
    /// back to the start (a loop) waits one day's (or step's) time.
    ///
    /// ```
    /// use troopmap::scene::playback::Playback;
    /// let at = |speed| Playback { speed, ..Playback::default() };
    /// assert_eq!(at(2.0).wait_ms(0, 86_400, true), 500.0);
    /// assert_eq!(at(8.0).wait_ms(0, 86_400, true), 125.0);
    /// assert_eq!(at(1.0).wait_ms(0, 6 * 3600, true), 250.0);
    /// assert_eq!(at(0.5).wait_ms(0, 3600, false), 2000.0);
    /// assert_eq!(at(2.0).wait_ms(86_400, 0, true), 500.0);
    /// ```
    pub fn wait_ms(&self, from: i64, to: i64, daily: bool) -> f64 {
        let step = 1000.0 / self.speed;
        if !daily || to <= from {
            return step;
        }
        step * (to - from) as f64 / SECONDS_PER_DAY as f64
    }

    /// `tick`, played with or without the loop: looping, the end goes
    /// back to `start` instead of stopping, and reaching the last day
    /// does not stop playing. Without steps to play (one day), it stops.
    ///
    /// ```
    /// use troopmap::scene::{play::Tick, playback::Playback};
    /// let looping = Playback { looping: true, ..Playback::default() };
    /// assert_eq!(looping.looped(Tick::Stop, 100, true), Tick::Go { to: 100, then_stop: false });
    /// assert_eq!(looping.looped(Tick::Go { to: 7, then_stop: true }, 100, true), Tick::Go { to: 7, then_stop: false });
    /// assert_eq!(looping.looped(Tick::Stop, 100, false), Tick::Stop);
    /// assert_eq!(Playback::default().looped(Tick::Stop, 100, true), Tick::Stop);
    /// ```
    pub fn looped(&self, tick: Tick, start: i64, can_move: bool) -> Tick {
        if !self.looping || !can_move {
            return tick;
        }
        match tick {
            Tick::Stop => Tick::Go {
                to: start,
                then_stop: false,
            },
            Tick::Go { to, .. } => Tick::Go {
                to,
                then_stop: false,
            },
        }
    }
}

/// Whether the collection asks to be followed: `"follow": true`.
fn follows(data: &Dataset) -> bool {
    data.members.get("follow") == Some(&serde_json::Value::Bool(true))
}

/// What a speed choice says, a second written `/s`: `2 days/s`,
/// `½ hour/s`, or, for a step of several units, `4 steps of 10 minutes/s`.
///
/// ```
/// use troopmap::scene::playback::speed_label;
/// assert_eq!(speed_label(2.0, "day"), "2 days/s");
/// assert_eq!(speed_label(1.0, "day"), "1 day/s");
/// assert_eq!(speed_label(0.5, "hour"), "½ hour/s");
/// assert_eq!(speed_label(4.0, "10 minutes"), "4 steps of 10 minutes/s");
/// assert_eq!(speed_label(0.5, "10 minutes"), "½ step of 10 minutes/s");
/// ```
pub fn speed_label(speed: f64, unit: &str) -> String {
    let count = if speed == 0.5 {
        "½".to_owned()
    } else {
        crate::number::decimal(speed, 1)
    };
    let one = speed <= 1.0;
    let noun = match (unit.starts_with(|c: char| c.is_ascii_digit()), one) {
        (true, true) => format!("step of {unit}"),
        (true, false) => format!("steps of {unit}"),
        (false, true) => unit.to_owned(),
        (false, false) => format!("{unit}s"),
    };
    format!("{count} {noun}/s")
}

impl Scene {
    /// How the date plays: its speed, the loop, following the story.
    pub fn playback(&self) -> &Playback {
        &self.playback
    }

    /// Whether the data asks to be followed (see [`Playback::for_data`]):
    /// following is then on unless a person or a link turns it off.
    pub fn follows_by_default(&self) -> bool {
        follows(&self.data)
    }

    /// Plays from now on with `playback`; the speed is kept to one of
    /// [`SPEEDS`].
    pub fn set_playback(&mut self, playback: Playback) {
        self.playback = Playback {
            speed: Playback::speed_of(playback.speed).unwrap_or(self.playback.speed),
            ..playback
        };
    }

    /// The playback kept when data is loaded after `before`'s, which
    /// followed by default or not (`followed`): the speed and the loop
    /// stay; following stays as a person set it against that data's
    /// default, and else takes the new data's.
    pub(super) fn keep_playback(&mut self, before: Playback, followed: bool) {
        let follow = if before.follow == followed {
            self.follows_by_default()
        } else {
            before.follow
        };
        self.playback = Playback { follow, ..before };
    }

    /// How long playing waits before its next tick from the moment shown
    /// (see [`Playback::wait_ms`]).
    pub fn tick_wait_ms(&self) -> f64 {
        let to = match self.tick() {
            Tick::Go { to, .. } => to,
            Tick::Stop => self.moment,
        };
        self.playback
            .wait_ms(self.moment, to, self.steps.is_daily())
    }

    /// [`Playback::looped`] for the scene's steps: the loop starts again
    /// from the first step.
    pub(super) fn looped(&self, tick: Tick, steps: Steps) -> Tick {
        self.playback
            .looped(tick, steps.moment(0), steps.last() > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_collection;
    use crate::scene::action::Action;
    use crate::scene::selection::Selection;
    use crate::time::Day;

    fn scene(text: &str) -> Scene {
        match read_collection("t", text) {
            Ok(data) => Scene::new(data, Selection::default()),
            Err(e) => panic!("{e}"),
        }
    }

    const THREE_DAYS: &str = r#"{"type": "FeatureCollection", "follow": true, "features": [
      {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-01", "end": "2024-10-03"}}]}"#;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn looping_plays_from_the_last_day_back_to_the_first() {
        let mut scene = scene(THREE_DAYS);
        scene.act(&Action::GoToDay(day("2024-10-02")));
        scene.act(&Action::Playback(Playback {
            looping: true,
            ..*scene.playback()
        }));
        // Reaching the last day does not stop playing...
        let update = scene.act(&Action::Tick);
        assert_eq!((scene.day(), update.stop), (day("2024-10-03"), false));
        // ...and the tick after it shows the first day again.
        let update = scene.act(&Action::Tick);
        assert_eq!((scene.day(), update.stop), (day("2024-10-01"), false));
        assert!(update.change.is_empty());
        scene.act(&Action::Tick);
        assert_eq!(scene.day(), day("2024-10-02"));
        // Without the loop, the last day stops it.
        scene.act(&Action::Playback(Playback {
            looping: false,
            ..*scene.playback()
        }));
        let update = scene.act(&Action::Tick);
        assert_eq!((scene.day(), update.stop), (day("2024-10-03"), true));
        assert!(scene.act(&Action::Tick).stop);
    }

    #[test]
    fn the_wait_between_ticks_follows_the_speed() {
        let mut scene = scene(THREE_DAYS);
        scene.act(&Action::GoToDay(day("2024-10-01")));
        assert_eq!(scene.tick_wait_ms(), 500.0);
        for (speed, wait) in [(0.5, 2000.0), (1.0, 1000.0), (4.0, 250.0), (8.0, 125.0)] {
            scene.act(&Action::Playback(Playback {
                speed,
                ..*scene.playback()
            }));
            assert_eq!(scene.tick_wait_ms(), wait);
        }
        // A speed not offered is not taken.
        scene.act(&Action::Playback(Playback {
            speed: 3.0,
            ..*scene.playback()
        }));
        assert_eq!(scene.playback().speed, 8.0);
    }

    #[test]
    fn six_hours_under_way_wait_a_quarter_of_a_day() {
        let mut scene = scene(
            r#"{"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[130, 42], [132, 42]]},
               "properties": {"kind": "route", "start": "2024-10-12T06:00Z", "end": "2024-10-14T18:00Z"}}]}"#,
        );
        scene.act(&Action::GoToDay(day("2024-10-12")));
        scene.act(&Action::Playback(Playback {
            speed: 4.0,
            ..*scene.playback()
        }));
        assert_eq!(scene.tick_wait_ms(), 62.5);
    }

    #[test]
    fn loading_keeps_the_speed_and_the_loop_and_a_follow_set_by_hand() {
        let mut scene = scene(THREE_DAYS);
        assert!(scene.playback().follow);
        let chosen = Playback {
            speed: 8.0,
            looping: true,
            follow: true,
        };
        scene.act(&Action::Playback(chosen));
        let other = r#"{"type": "FeatureCollection", "features": []}"#;
        let load = |scene: &mut Scene, text: &str| match read_collection("o", text) {
            Ok(data) => {
                scene.load(data, true);
            }
            Err(e) => panic!("{e}"),
        };
        // Imported data is not followed by default...
        load(&mut scene, other);
        assert_eq!(
            *scene.playback(),
            Playback {
                follow: false,
                ..chosen
            }
        );
        // ...unless a person turned following on for it.
        scene.act(&Action::Playback(chosen));
        load(&mut scene, other);
        assert!(scene.playback().follow);
        // The story is followed again once loaded.
        scene.act(&Action::Playback(Playback {
            follow: false,
            ..chosen
        }));
        load(&mut scene, THREE_DAYS);
        assert!(scene.playback().follow);
    }
}
