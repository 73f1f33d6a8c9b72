//! The units' part of the scene: where each unit is shown at the moment,
//! how solid it is drawn, and how its popup and list say when it was last
//! seen.

use crate::draw::style::unit_opacity;
use crate::model::MapFeature;
use crate::scene::selection::{made_public_at, made_public_on, Replay};
use crate::scene::Scene;
use crate::space::sightings::Position;

impl Scene {
    /// Where each unit is shown at the moment shown (see
    /// [`Units::positions_at`]): of sightings the mode and filters admit,
    /// unit by unit.
    ///
    /// Data stepped by the clock places units as they are at the end of
    /// the step, as its features are those of the whole step: a unit is
    /// observed when it was seen within the step.
    pub fn positions(&self) -> Vec<Position> {
        self.positions_when(self.moment, self.day())
    }

    /// [`Scene::positions`] as the map would show them at `moment` of
    /// `day`.
    pub(super) fn positions_when(&self, moment: i64, day: crate::time::Day) -> Vec<Position> {
        let daily = self.steps.is_daily();
        let at = if daily {
            moment
        } else {
            moment + self.steps.every() - 1
        };
        let mut positions = self.units.positions_at(at, &self.unit_rule);
        if !daily {
            for p in &mut positions {
                p.observed = p.seen >= moment && !p.interpolated;
            }
        }
        let public_by = |f: &MapFeature| {
            if daily {
                made_public_on(f).is_none_or(|made| made <= day)
            } else {
                made_public_at(f).is_none_or(|t| t <= at)
            }
        };
        positions.retain(|p| {
            self.data.features.get(p.sighting).is_some_and(|f| {
                self.selection.admits(f)
                    && (self.selection.replay != Replay::MadePublicBy || public_by(f))
            })
        });
        positions
    }

    /// How solid `position` is drawn: 1 when observed, fainter the older
    /// the sighting (by days, or for data stepped by the clock by steps)
    /// down to a quarter (see [`crate::draw::style::unit_opacity`]).
    pub fn unit_opacity(&self, position: &Position) -> f64 {
        if self.steps.is_daily() {
            return unit_opacity(position.age_days, self.unit_rule.stale_after);
        }
        if position.observed {
            return 1.0;
        }
        let steps = self.step() - self.steps.step_of(position.seen);
        unit_opacity(
            i64::from(steps.max(1)),
            Some(self.steps.last().max(1) as u32),
        )
    }

    /// "last seen 2022-04-30 (5 days ago)", or for data stepped by the
    /// clock "last seen 2024-03-02T15:00Z (3 hours ago)".
    ///
    /// ```
    /// use troopmap::{read_collection, scene::{action::Action, Scene}};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]}, "properties": {"unit": "a", "time": "2024-03-02T06:00Z"}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 2]}, "properties": {"unit": "a", "time": "2024-03-02T06:30Z"}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3, 3]}, "properties": {"unit": "b", "time": "2024-03-02T13:00Z"}}]}"#).unwrap();
    /// let mut scene = Scene::new(data, Default::default());
    /// scene.act(&Action::GoToStep(3));
    /// let said: Vec<String> = scene.positions().iter().map(|p| scene.last_seen(p)).collect();
    /// assert_eq!(said, ["last seen 2024-03-02T06:30Z (2 hours 30 minutes ago)"]);
    /// scene.act(&Action::GoToStep(7));
    /// let said: Vec<String> = scene.positions().iter().map(|p| scene.last_seen(p)).collect();
    /// assert_eq!(said[1], "last seen 2024-03-02T13:00Z (within the step)");
    /// ```
    pub fn last_seen(&self, position: &Position) -> String {
        if self.steps.is_daily() {
            return position.last_seen();
        }
        let when = crate::time::steps::minute(position.seen);
        let minutes = (self.moment - position.seen + 59).div_euclid(60);
        let ago = match (minutes / 60, minutes % 60) {
            _ if minutes <= 0 => "within the step".to_owned(),
            (0, m) => plural(m, "minute"),
            (h, 0) => plural(h, "hour"),
            (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
        };
        let ago = if minutes <= 0 {
            ago
        } else {
            format!("{ago} ago")
        };
        format!("last seen {when} ({ago})")
    }
}

/// "1 hour", "3 hours".
fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}
