//! The line under the slider, after how many features the time rule shows
//! on the day: for data with units, how many units are shown and how many
//! of them were seen that day.

use crate::scene::Scene;
use crate::space::sightings::Position;

/// What the status line says of the units of `scene`, shown at
/// `positions` (see [`Scene::positions`]), after its count of features:
/// `None` for data without units.
///
/// ```
/// use troopmap::{read_collection, scene::{status::units, Scene}, Day};
/// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30, 50]}, "properties": {"unit": "A", "date": "2022-04-01"}},
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [31, 50]}, "properties": {"unit": "B", "date": "2022-04-03"}}]}"#).unwrap();
/// let mut scene = Scene::new(data, Default::default());
/// scene.go_to(Day::parse("2022-04-03").unwrap());
/// assert_eq!(units(&scene, &scene.positions()).as_deref(), Some("2 units, 1 seen that day"));
/// scene.go_to(Day::parse("2022-04-01").unwrap());
/// assert_eq!(units(&scene, &scene.positions()).as_deref(), Some("1 unit, 1 seen that day"));
/// ```
pub fn units(scene: &Scene, positions: &[Position]) -> Option<String> {
    if scene.units_seen().is_empty() {
        return None;
    }
    // Positions come unit by unit, and a unit's positions are all of one
    // time: each unit is counted where its positions begin.
    let shown = distinct(positions.iter().map(|p| p.unit));
    let seen = distinct(positions.iter().filter(|p| p.observed).map(|p| p.unit));
    let noun = if shown == 1 { "unit" } else { "units" };
    let steps = scene.steps();
    let then = if steps.is_daily() {
        "that day".to_owned()
    } else {
        format!("within the {}", steps.unit())
    };
    Some(format!("{shown} {noun}, {seen} seen {then}"))
}

/// How many runs of equal units `units` holds.
fn distinct(units: impl Iterator<Item = usize>) -> usize {
    let mut last = None;
    units
        .filter(|&unit| last.replace(unit) != Some(unit))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_collection;

    #[test]
    fn data_without_units_says_nothing_of_them() {
        let data = match read_collection(
            "s",
            r#"{"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"start": "2024-10-08"}}]}"#,
        ) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        let scene = Scene::new(data, Default::default());
        assert_eq!(units(&scene, &scene.positions()), None);
    }
}
