//! How the date plays: at what speed, whether it starts again at the end,
//! and whether the map follows the story. Plain settings, kept by the
//! scene ([`crate::scene::Scene::playback`]), changed by
//! [`crate::scene::action::Action::Playback`] and kept in a link.
//!
//! # Units
//! The speed is in days a second; for data stepped by the clock (see
//! [`crate::time::steps`]), in steps a second. Waits are in milliseconds,
//! moments in seconds since 1970.

use crate::model::Dataset;
use crate::scene::play::Tick;
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
///
/// ```
/// use troopmap::{read_collection, scene::playback::follows};
/// let story = read_collection("s", r#"{"type": "FeatureCollection", "follow": true, "features": []}"#).unwrap();
/// assert!(follows(&story));
/// ```
pub fn follows(data: &Dataset) -> bool {
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
