//! Units from sightings: a sighting is a point feature with a time and a
//! unit (the property [`UnitRule::property`] names). At a moment each unit
//! is at its latest sighting at or before it, until it goes stale; every
//! sighting at that latest time is a position (a unit reported in two
//! places at once is shown in both). Optionally a unit glides along the
//! great circle to its next sighting, drawn as a guess.
//!
//! # Units
//! Moments are seconds since 1970-01-01T00:00:00Z; ages are whole UTC days.

use geo::Coord;

use crate::model::property::{may_give, property};
use crate::model::MapFeature;
use crate::space::symbols::symbol_code;
use crate::space::unit_properties::side_of;
use crate::time::{Day, TimeBound};

/// The UTC day a moment falls on.
fn day_of(moment: i64) -> Day {
    TimeBound::from_unix(moment).day()
}

/// How a file's units are read and shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRule {
    /// The property that names a feature's unit.
    pub property: String,
    /// A sighting on day D is shown through day D + this many days, and
    /// not after; `None`: it never goes stale.
    pub stale_after: Option<u32>,
    /// Between two sightings a unit moves along the great circle from the
    /// one to the next (a guess), rather than staying where it was seen.
    pub glide: bool,
}

/// The property named `unit`, stale after 30 days, no gliding.
impl Default for UnitRule {
    fn default() -> UnitRule {
        UnitRule {
            property: "unit".to_owned(),
            stale_after: Some(30),
            glide: false,
        }
    }
}

/// A unit seen at a point at a time: feature `index`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sighting {
    pub index: usize,
    pub at: Coord<f64>,
    /// Its side (`side`, else `affiliation`, else `country`), by its place
    /// in [`Units::sides`].
    pub side: Option<usize>,
    /// When it was seen (its `start`), in seconds since 1970.
    pub time: i64,
    /// Its symbol code (see [`crate::space::symbols`]), by its place in
    /// [`Units::code`].
    pub symbol: Option<u32>,
}

/// A unit and its sightings, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub name: String,
    pub sightings: Vec<Sighting>,
}

/// Where a unit is shown at a moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// The unit, by its place in [`Units`].
    pub unit: usize,
    /// The sighting the position comes from (the latest at or before the
    /// moment), by feature index.
    pub sighting: usize,
    pub at: Coord<f64>,
    /// The sighting's side, by its place in [`Units::sides`].
    pub side: Option<usize>,
    /// When the unit was last seen, in seconds since 1970.
    pub seen: i64,
    /// Whole days from the day it was last seen to the day shown.
    pub age_days: i64,
    /// Between two sightings, on the great circle: a guess.
    pub interpolated: bool,
    /// The sighting's symbol code, by its place in [`Units::code`].
    pub symbol: Option<u32>,
    /// Seen on the day shown (for data stepped by the clock, the scene
    /// says: within the step shown).
    pub observed: bool,
}

impl Position {
    /// "last seen 2022-04-30 (5 days ago)", as a label or popup says it.
    ///
    /// ```
    /// use troopmap::space::sightings::Position;
    /// let day = 86_400;
    /// let p = |age_days| Position { unit: 0, sighting: 0, at: geo::coord! { x: 0.0, y: 0.0 },
    ///     side: None, seen: 19_112 * day, age_days, interpolated: false, symbol: None, observed: age_days == 0 };
    /// assert_eq!(p(5).last_seen(), "last seen 2022-04-30 (5 days ago)");
    /// assert_eq!(p(1).last_seen(), "last seen 2022-04-30 (1 day ago)");
    /// assert_eq!(p(0).last_seen(), "last seen 2022-04-30 (that day)");
    /// ```
    pub fn last_seen(&self) -> String {
        let ago = match self.age_days {
            0 => "that day".to_owned(),
            1 => "1 day ago".to_owned(),
            n => format!("{n} days ago"),
        };
        format!("last seen {} ({ago})", day_of(self.seen))
    }
}

/// Every unit of a dataset, with its sightings, and the sides they name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Units {
    units: Vec<Unit>,
    sides: Vec<String>,
    /// (feature index, unit) of each sighting, by feature index.
    unit_of: Vec<(usize, usize)>,
    /// The symbol codes the sightings carry, each once.
    codes: Vec<String>,
    /// Each unit's place in the units sorted by name.
    name_rank: Vec<u32>,
}

impl Units {
    /// The units of `features` under `rule`: each point feature with a
    /// time and a unit (text, or a number read as text) is a sighting.
    /// Units are in the order they first appear.
    pub fn of(features: &[MapFeature], rule: &UnitRule) -> Units {
        let mut units: Vec<Unit> = Vec::new();
        // No property: no units ("none" in the page).
        if rule.property.is_empty() {
            return Units::default();
        }
        let mut by_name = std::collections::BTreeMap::new();
        let mut sides: Vec<String> = Vec::new();
        // In feature order, as they are found.
        let mut unit_of: Vec<(usize, usize)> = Vec::new();
        let mut codes: Vec<String> = Vec::new();
        let mut by_code = std::collections::BTreeMap::new();
        // The key as a file writes it, quotes and all.
        let key = serde_json::Value::from(rule.property.as_str()).to_string();
        for (index, feature) in features.iter().enumerate() {
            let (Some(geo::Geometry::Point(point)), Some(start)) =
                (&feature.geometry, feature.span.start)
            else {
                continue;
            };
            // Most features of most files name no unit: their keys, noted
            // when read, pass most by; a search of the text the rest.
            if !feature.keys.may_have(&rule.property) {
                continue;
            }
            let raw = feature.raw.text();
            if !may_give(&raw, &key) {
                continue;
            }
            let name = match property(&raw, &rule.property) {
                Some(serde_json::Value::String(name)) if !name.trim().is_empty() => name,
                Some(serde_json::Value::Number(number)) => number.to_string(),
                _ => continue,
            };
            let slot = *by_name.entry(name.clone()).or_insert_with(|| {
                units.push(Unit {
                    name,
                    sightings: Vec::new(),
                });
                units.len() - 1
            });
            let side = side_of(&raw).map(|name| {
                sides.iter().position(|s| *s == name).unwrap_or_else(|| {
                    sides.push(name);
                    sides.len() - 1
                })
            });
            let symbol = symbol_code(&raw).map(|code| {
                *by_code.entry(code.clone()).or_insert_with(|| {
                    codes.push(code);
                    codes.len() - 1
                }) as u32
            });
            unit_of.push((index, slot));
            units[slot].sightings.push(Sighting {
                index,
                at: point.0,
                side,
                time: start.seconds(),
                symbol,
            });
        }
        for unit in &mut units {
            // The key is unique (the index): no need for a stable sort.
            crate::sort::sort_by(&mut unit.sightings, |a, b| {
                (a.time, a.index) < (b.time, b.index)
            });
        }
        // The map holds the names in order.
        let mut name_rank = vec![0; units.len()];
        for (rank, &unit) in by_name.values().enumerate() {
            name_rank[unit] = rank as u32;
        }
        Units {
            units,
            sides,
            unit_of,
            codes,
            name_rank,
        }
    }

    /// The unit feature `index` is a sighting of, if it is one.
    pub fn unit_of(&self, index: usize) -> Option<usize> {
        let at = self
            .unit_of
            .binary_search_by_key(&index, |&(i, _)| i)
            .ok()?;
        Some(self.unit_of[at].1)
    }

    /// The sides the sightings name, in the order they first appear.
    pub fn sides(&self) -> &[String] {
        &self.sides
    }

    /// Symbol code `symbol` (a [`Sighting::symbol`]).
    pub fn code(&self, symbol: u32) -> Option<&str> {
        self.codes.get(symbol as usize).map(String::as_str)
    }

    /// Unit `unit`'s place among the units sorted by name (by their
    /// text, character by character).
    ///
    /// ```
    /// use troopmap::space::sightings::{UnitRule, Units};
    /// let data = troopmap::read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 2]}, "properties": {"unit": "b", "date": "2022-04-05"}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]}, "properties": {"unit": "a", "date": "2022-04-01"}}]}"#).unwrap();
    /// let units = Units::of(&data.features, &UnitRule::default());
    /// assert_eq!((units.name_rank(0), units.name_rank(1)), (1, 0));
    /// ```
    pub fn name_rank(&self, unit: usize) -> u32 {
        self.name_rank.get(unit).copied().unwrap_or(u32::MAX)
    }

    /// How many symbol codes the sightings carry, each counted once.
    pub fn code_count(&self) -> usize {
        self.codes.len()
    }

    /// Whether any sighting carries a symbol code.
    pub fn has_symbols(&self) -> bool {
        !self.codes.is_empty()
    }

    /// Whether there are none: a file without units shows as before.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// How many units there are.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// The units, in the order they first appear.
    pub fn iter(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter()
    }

    /// Unit `unit`.
    pub fn get(&self, unit: usize) -> Option<&Unit> {
        self.units.get(unit)
    }

    /// The track of unit `unit` at `moment`: its sightings at or before
    /// it, in time order (empty for no such unit).
    ///
    /// ```
    /// use troopmap::space::sightings::{UnitRule, Units};
    /// let data = troopmap::read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 2]}, "properties": {"unit": "a", "date": "2022-04-05"}},
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]}, "properties": {"unit": "a", "date": "2022-04-01"}}]}"#).unwrap();
    /// let units = Units::of(&data.features, &UnitRule::default());
    /// let day = |d: &str| troopmap::Day::parse(d).unwrap().start_seconds();
    /// let indices = |m| units.track(0, m).iter().map(|s| s.index).collect::<Vec<_>>();
    /// assert_eq!((indices(day("2022-04-03")), indices(day("2022-04-05"))), (vec![1], vec![1, 0]));
    /// assert!(units.track(7, day("2022-04-05")).is_empty());
    /// ```
    pub fn track(&self, unit: usize, moment: i64) -> &[Sighting] {
        let Some(unit) = self.units.get(unit) else {
            return &[];
        };
        let seen = unit.sightings.partition_point(|s| s.time <= moment);
        &unit.sightings[..seen]
    }

    /// Where every unit is shown at `moment` under `rule`, unit by unit.
    pub fn positions_at(&self, moment: i64, rule: &UnitRule) -> Vec<Position> {
        let mut positions = Vec::new();
        for (unit, sightings) in self.units.iter().map(|u| &u.sightings).enumerate() {
            positions_of(unit, sightings, moment, rule, &mut positions);
        }
        positions
    }
}

/// The positions of one unit at `moment`, pushed onto `out`.
fn positions_of(
    unit: usize,
    sightings: &[Sighting],
    moment: i64,
    rule: &UnitRule,
    out: &mut Vec<Position>,
) {
    // The sightings at or before the moment: a prefix, by time.
    let seen = sightings.partition_point(|s| s.time <= moment);
    let Some(latest) = seen.checked_sub(1).map(|i| sightings[i]) else {
        return;
    };
    let age_days = i64::from(day_of(moment).0 - day_of(latest.time).0);
    if rule
        .stale_after
        .is_some_and(|days| age_days > i64::from(days))
    {
        return;
    }
    let at_latest = &sightings[..seen];
    let first_at_latest = at_latest.partition_point(|s| s.time < latest.time);
    let together = &at_latest[first_at_latest..];
    let position = |s: &Sighting, at, interpolated| Position {
        unit,
        sighting: s.index,
        at,
        side: s.side,
        seen: latest.time,
        age_days,
        interpolated,
        symbol: s.symbol,
        observed: age_days == 0,
    };
    if let (true, [only]) = (rule.glide, together) {
        if let Some(at) = glide(only, &sightings[seen..], moment, rule) {
            out.push(position(only, at, true));
            return;
        }
    }
    out.extend(together.iter().map(|s| position(s, s.at, false)));
}

/// Where a unit last seen at `from` is at `moment` on its way to its next
/// sighting, the first of `after`: on the great circle between them, in
/// proportion to the time. `None` when it stays where it was seen: at the
/// sighting's own time, when the next time has several sightings (where
/// to is unknown), or when the gap is longer than the stale limit.
fn glide(from: &Sighting, after: &[Sighting], moment: i64, rule: &UnitRule) -> Option<Coord<f64>> {
    let next = after.first()?;
    if after.get(1).is_some_and(|s| s.time == next.time) || moment <= from.time {
        return None;
    }
    let gap_days = i64::from(day_of(next.time).0 - day_of(from.time).0);
    if rule
        .stale_after
        .is_some_and(|days| gap_days > i64::from(days))
    {
        return None;
    }
    let ratio = (moment - from.time) as f64 / (next.time - from.time) as f64;
    Some(super::sphere::between(from.at, next.at, ratio))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_collection;
    use crate::time::Day;

    /// Sightings as `(unit, [lon, lat], time)`.
    fn units(sightings: &[(&str, [f64; 2], &str)], rule: &UnitRule) -> Units {
        let features: Vec<String> = sightings
            .iter()
            .map(|(unit, [x, y], time)| {
                format!(
                    r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{x}, {y}]}},
                        "properties": {{"unit": "{unit}", "start": "{time}"}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        );
        match read_collection("t", &text) {
            Ok(data) => Units::of(&data.features, rule),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn keys_written_with_escapes_are_found() {
        // "unit", "side" and "sidc", each with a letter escaped; a name
        // with an escaped quote; and a feature that names no unit.
        let text = r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30, 50]},
             "properties": {"\u0075nit": "1st \"Guards\"", "\u0073ide": "Russia",
                            "\u0073idc": "SHGPUCI----D---", "start": "2022-04-01"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [31, 50]},
             "properties": {"u\nit": "not a unit", "start": "2022-04-02"}}]}"#;
        let units = match read_collection("t", text) {
            Ok(data) => Units::of(&data.features, &UnitRule::default()),
            Err(e) => panic!("{e}"),
        };
        let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["1st \"Guards\""]);
        assert_eq!(units.sides(), ["Russia"]);
        let symbol = units.iter().next().and_then(|u| u.sightings[0].symbol);
        assert_eq!(symbol.and_then(|s| units.code(s)), Some("SHGPUCI----D---"));
    }

    #[test]
    fn the_keys_noted_when_read_pass_by_no_sighting() {
        // Units under three property names, mixed with features that name
        // none; `grades` sends a feature through the reader of values,
        // the rest go through the typed reader.
        let mut features = Vec::new();
        for i in 0..300 {
            let key = ["unit", "formation", "btg"][i % 3];
            let grades = if i % 7 == 0 {
                r#", "grades": [{"from": "2024-03-01", "confidence": "reported"}]"#
            } else {
                ""
            };
            let unit = if i % 5 == 0 {
                String::new()
            } else {
                format!(r#""{key}": "unit {}", "#, i % 40)
            };
            features.push(format!(
                r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{}, 50]}},
                    "properties": {{{unit}"name": "f{i}", "start": "2024-03-{:02}"{grades}}}}}"#,
                30.0 + i as f64 / 100.0,
                1 + i % 28
            ));
        }
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        );
        let data = match read_collection("t", &text) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        let mut unknown = data.features.clone();
        for feature in &mut unknown {
            feature.keys = crate::model::keys::KeySet::ALL;
        }
        for property in ["unit", "formation", "btg", "name", "regiment"] {
            let rule = UnitRule {
                property: property.to_owned(),
                ..UnitRule::default()
            };
            let noted = Units::of(&data.features, &rule);
            assert_eq!(noted, Units::of(&unknown, &rule), "{property}");
            // The names each property gives, worked out apart.
            let expected = match property {
                "name" => 300,
                "regiment" => 0,
                _ => {
                    let k = ["unit", "formation", "btg"]
                        .iter()
                        .position(|p| *p == property)
                        .unwrap_or(0);
                    let names: std::collections::BTreeSet<usize> = (0..300)
                        .filter(|i| i % 3 == k && i % 5 != 0)
                        .map(|i| i % 40)
                        .collect();
                    names.len()
                }
            };
            assert_eq!(noted.units.len(), expected, "{property}");
        }
    }

    fn noon(day: &str) -> i64 {
        match Day::parse(day) {
            Ok(day) => day.start_seconds() + 12 * 3600,
            Err(e) => panic!("{e}"),
        }
    }

    /// `(sighting, age_days, interpolated)` of every position at `moment`.
    fn at(units: &Units, moment: i64, rule: &UnitRule) -> Vec<(usize, i64, bool)> {
        units
            .positions_at(moment, rule)
            .iter()
            .map(|p| (p.sighting, p.age_days, p.interpolated))
            .collect()
    }

    #[test]
    fn a_unit_is_shown_from_the_day_it_is_seen_until_it_goes_stale() {
        let rule = UnitRule::default();
        let u = units(&[("1st", [30.0, 50.0], "2022-04-01")], &rule);
        assert_eq!(at(&u, noon("2022-03-31"), &rule), []);
        assert_eq!(at(&u, noon("2022-04-01"), &rule), [(0, 0, false)]);
        assert_eq!(at(&u, noon("2022-04-02"), &rule), [(0, 1, false)]);
        // Seen on day D: shown through D + 30, not on D + 31.
        assert_eq!(at(&u, noon("2022-05-01"), &rule), [(0, 30, false)]);
        assert_eq!(at(&u, noon("2022-05-02"), &rule), []);
        let never = UnitRule {
            stale_after: None,
            ..UnitRule::default()
        };
        assert_eq!(at(&u, noon("2023-04-01"), &never), [(0, 365, false)]);
        let week = UnitRule {
            stale_after: Some(7),
            ..UnitRule::default()
        };
        assert_eq!(at(&u, noon("2022-04-08"), &week), [(0, 7, false)]);
        assert_eq!(at(&u, noon("2022-04-09"), &week), []);
    }

    #[test]
    fn the_latest_sighting_wins_and_two_at_one_time_are_both_shown() {
        let rule = UnitRule::default();
        let u = units(
            &[
                ("1st", [30.0, 50.0], "2022-04-01"),
                ("1st", [31.0, 50.0], "2022-04-05"),
                ("1st", [32.0, 50.0], "2022-04-05"),
                ("2nd", [35.0, 48.0], "2022-04-03"),
            ],
            &rule,
        );
        assert_eq!(u.len(), 2);
        assert_eq!(
            at(&u, noon("2022-04-04"), &rule),
            [(0, 3, false), (3, 1, false)]
        );
        assert_eq!(
            at(&u, noon("2022-04-06"), &rule),
            [(1, 1, false), (2, 1, false), (3, 3, false)]
        );
        // Reported in two places: no glide from there, nor to there.
        let glide = UnitRule {
            glide: true,
            ..UnitRule::default()
        };
        assert_eq!(at(&u, noon("2022-04-03"), &glide)[0], (0, 2, false));
    }

    #[test]
    fn gliding_follows_the_great_circle_but_never_across_a_stale_gap() {
        let glide = UnitRule {
            glide: true,
            stale_after: Some(10),
            ..UnitRule::default()
        };
        let u = units(
            &[
                ("1st", [30.0, 0.0], "2022-04-01T00:00Z"),
                ("1st", [32.0, 0.0], "2022-04-03T00:00Z"),
                ("1st", [40.0, 0.0], "2022-04-20T00:00Z"),
            ],
            &glide,
        );
        // Half way in time, half way along the equator.
        let halfway = u.positions_at(noon("2022-04-01") + 12 * 3600, &glide);
        assert_eq!(halfway.len(), 1);
        assert!(halfway[0].interpolated && !halfway[0].observed && halfway[0].age_days == 1);
        assert!((halfway[0].at.x - 31.0).abs() < 1e-9, "{:?}", halfway[0].at);
        // At a sighting's own time: the sighting, not a guess.
        let seen = u.positions_at(noon("2022-04-03") - 12 * 3600, &glide);
        assert_eq!((seen[0].sighting, seen[0].interpolated), (1, false));
        // 17 days to the next sighting, more than the 10-day limit: it
        // stays, then goes stale.
        assert_eq!(at(&u, noon("2022-04-10"), &glide), [(1, 7, false)]);
        assert_eq!(at(&u, noon("2022-04-14"), &glide), []);
        // Without gliding it stays where it was seen.
        let stay = UnitRule::default();
        assert_eq!(at(&u, noon("2022-04-02"), &stay), [(0, 1, false)]);
    }

    #[test]
    fn sub_day_sightings_count_from_their_time_of_day() {
        let rule = UnitRule::default();
        let u = units(
            &[
                ("bus", [30.0, 50.0], "2022-04-01T08:00Z"),
                ("bus", [30.5, 50.2], "2022-04-01T14:00Z"),
            ],
            &rule,
        );
        let morning = Day(19_083).start_seconds();
        assert_eq!(at(&u, morning + 7 * 3600, &rule), []);
        assert_eq!(at(&u, morning + 8 * 3600, &rule), [(0, 0, false)]);
        assert_eq!(at(&u, morning + 13 * 3600, &rule), [(0, 0, false)]);
        assert_eq!(at(&u, morning + 14 * 3600, &rule), [(1, 0, false)]);
    }

    #[test]
    fn only_timed_points_with_a_unit_are_sightings() {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"unit": 12, "start": "2022-04-01"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"unit": "x"}},
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}, "properties": {"unit": "x", "start": "2022-04-01"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"unit": " ", "start": "2022-04-01"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"formation": "y", "start": "2022-04-01"}}]}"#;
        let data = match read_collection("t", text) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        let by_unit = Units::of(&data.features, &UnitRule::default());
        let names: Vec<&str> = by_unit.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["12"]);
        let by_formation = Units::of(
            &data.features,
            &UnitRule {
                property: "formation".into(),
                ..UnitRule::default()
            },
        );
        assert_eq!(by_formation.get(0).map(|u| u.sightings[0].index), Some(4));
    }

    #[test]
    fn sides_are_read_from_side_affiliation_or_country_in_order() {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"unit": "a", "country": "X", "date": "2022-04-01"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"unit": "b", "affiliation": "Y", "country": "X", "date": "2022-04-01"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"unit": "c", "side": "X", "date": "2022-04-01"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"unit": "d", "date": "2022-04-01"}}]}"#;
        let data = match read_collection("t", text) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        let rule = UnitRule::default();
        let units = Units::of(&data.features, &rule);
        assert_eq!(units.sides(), ["X", "Y"]);
        let noon = Day(19_083).start_seconds() + 43_200;
        let sides: Vec<Option<usize>> = units
            .positions_at(noon, &rule)
            .iter()
            .map(|p| p.side)
            .collect();
        assert_eq!(sides, [Some(0), Some(1), Some(0), None]);
    }

    #[test]
    fn a_position_carries_its_own_sightings_symbol_code() {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]},
           "properties": {"unit": "a", "date": "2022-04-01", "sidc": "SHGPUCI----D---"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2, 2]},
           "properties": {"unit": "a", "date": "2022-04-03", "icon15": "shgpucia---d---"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3, 3]},
           "properties": {"unit": "b", "date": "2022-04-01", "icon": "b.png"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4, 4]},
           "properties": {"unit": "c", "date": "2022-04-01", "sidc": "SHGPUCI----D---"}}]}"#;
        let data = match read_collection("t", text) {
            Ok(data) => data,
            Err(e) => panic!("{e}"),
        };
        let units = Units::of(&data.features, &UnitRule::default());
        assert!(units.has_symbols());
        let codes = |moment| {
            units
                .positions_at(moment, &UnitRule::default())
                .iter()
                .map(|p| p.symbol.and_then(|s| units.code(s)).map(str::to_owned))
                .collect::<Vec<_>>()
        };
        let some = |c: &str| Some(c.to_owned());
        // The code of the sighting in force, in capitals; one code kept
        // once for two units; none for a picture's name.
        assert_eq!(
            codes(noon("2022-04-02")),
            [some("SHGPUCI----D---"), None, some("SHGPUCI----D---")]
        );
        assert_eq!(codes(noon("2022-04-03"))[0], some("SHGPUCIA---D---"));
        assert_eq!(
            (units.code(0), units.code(2)),
            (Some("SHGPUCI----D---"), None)
        );
        let plain = units_without_codes();
        assert!(!plain.has_symbols());
    }

    fn units_without_codes() -> Units {
        units(&[("1st", [30.0, 50.0], "2022-04-01")], &UnitRule::default())
    }
}
