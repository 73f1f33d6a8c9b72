//! The scene's playback (see [`crate::scene::playback`]): what it plays
//! with, how it keeps it when data is loaded, and how long each tick of
//! playing waits.

use crate::scene::play::Tick;
use crate::scene::playback::{follows, Playback};
use crate::scene::Scene;
use crate::time::steps::Steps;

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
        // Added to the story, following stays as a person set it.
        scene.act(&Action::Playback(Playback {
            follow: false,
            ..chosen
        }));
        match read_collection("o", other) {
            Ok(data) => {
                scene.load(data, false);
            }
            Err(e) => panic!("{e}"),
        }
        assert!(!scene.playback().follow);
        assert!(scene.follows_by_default());
    }
}
