//! Writing what changed between two dates as GeoJSON (the map's "Export
//! changes" and `troopmap diff`): the features and unit positions
//! involved, each with `change`, and for each unit that moved a line from
//! where it was to where it is.

use serde_json::{json, Map, Value};

use crate::geojson::positions::position_feature;
use crate::geojson::scan::scan;
use crate::model::Dataset;
use crate::scene::compare::{Comparison, Kind, UnitChange};
use crate::space::sightings::{Position, Units};

/// The FeatureCollection of what changed in `comparison` (of `data` and
/// its `units`):
///
/// - every feature on the map on either date or in between, in the
///   data's order, written exactly as loaded with `change` (`appeared`,
///   `gone`, `between` or `unchanged`) put first in its properties, and,
///   when its grade changed between the statements in force on each date,
///   `grade_from` and `grade_to`;
/// - each unit's positions: those on the later date (`change`:
///   `appeared`, `moved` or `unchanged`, `on`: the later date) and, for
///   units gone or moved, those on the earlier one (`gone` or `moved`,
///   `on`: the earlier date), each a Point as the positions export writes
///   it (see [`crate::geojson::positions`]);
/// - for each unit in one place on each date that moved, a LineString from
///   the earlier place to the later with `change` (`moved`), `unit`,
///   `from`, `to` (the dates) and `distance_km` (great circle, to the
///   metre).
///
/// A feature's own property named like one of these is replaced in this
/// export (the data is not changed); [`clashes`] tells which features
/// have one.
///
/// ```
/// use troopmap::{read_collection, scene::Scene, Day};
/// use troopmap::geojson::changes::export_changes;
/// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-18", "n": 1.50}}]}"#).unwrap();
/// let scene = Scene::new(data, Default::default());
/// let d = |s| Day::parse(s).unwrap();
/// let text = export_changes(scene.data(), scene.units_seen(), &scene.compare(d("2024-10-07"), d("2024-10-20")));
/// assert_eq!(text, r#"{"type":"FeatureCollection","features":[{"type": "Feature", "geometry": null, "properties": {"change":"appeared","start": "2024-10-18", "n": 1.50}}]}"#);
/// ```
pub fn export_changes(data: &Dataset, units: &Units, comparison: &Comparison) -> String {
    let mut out = String::from(r#"{"type":"FeatureCollection","features":["#);
    let mut first = true;
    let mut push = |out: &mut String, text: &str| {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(text);
    };
    for (index, kind) in features(comparison) {
        let Some(feature) = data.features.get(index) else {
            continue;
        };
        let mut extra = vec![("change", Value::from(kind.as_str()))];
        if let Some(regrade) = comparison.regraded.iter().find(|r| r.index == index) {
            extra.push(("grade_from", Value::from(regrade.from.as_str())));
            extra.push(("grade_to", Value::from(regrade.to.as_str())));
        }
        push(&mut out, &with_properties(&feature.raw.text(), &extra));
    }
    let (from, to) = (comparison.from.to_string(), comparison.to.to_string());
    for unit in &comparison.units {
        let earlier = matches!(unit.kind, Kind::Gone | Kind::Moved);
        let later = unit.kind != Kind::Gone;
        let sides = [(earlier, &unit.from, &from), (later, &unit.to, &to)];
        for (_, positions, on) in sides.into_iter().filter(|side| side.0) {
            for position in positions {
                if let Some(point) = point(data, units, position, unit.kind, on) {
                    push(&mut out, &point.to_string());
                }
            }
        }
        if let Some(line) = line(unit, &from, &to) {
            push(&mut out, &line.to_string());
        }
    }
    out.push_str("]}");
    out
}

/// The features involved, by index in the data's order, with what each
/// did.
fn features(comparison: &Comparison) -> Vec<(usize, Kind)> {
    let mut all: Vec<(usize, Kind)> = [
        (&comparison.appeared, Kind::Appeared),
        (&comparison.gone, Kind::Gone),
        (&comparison.between, Kind::Between),
        (&comparison.unchanged, Kind::Unchanged),
    ]
    .into_iter()
    .flat_map(|(list, kind)| list.iter().map(move |&i| (i, kind)))
    .collect();
    crate::sort::sort_by(&mut all, |a, b| a.0 < b.0);
    all
}

/// The features among those involved whose own properties have a member
/// the export writes (`change`, `grade_from`, `grade_to`): by index, with
/// the member's name.
pub fn clashes(data: &Dataset, comparison: &Comparison) -> Vec<(usize, &'static str)> {
    features(comparison)
        .into_iter()
        .filter_map(|(index, _)| {
            let properties = data.features.get(index)?.properties();
            ["change", "grade_from", "grade_to"]
                .into_iter()
                .find(|key| properties.contains_key(*key))
                .map(|key| (index, key))
        })
        .collect()
}

/// A unit's position on a date, as the positions export writes it, with
/// `change` and `on`.
fn point(
    data: &Dataset,
    units: &Units,
    position: &Position,
    kind: Kind,
    on: &str,
) -> Option<Value> {
    let mut feature = position_feature(data, units, position)?;
    let properties = feature.get_mut("properties")?.as_object_mut()?;
    properties.insert("change".into(), kind.as_str().into());
    properties.insert("on".into(), on.into());
    Some(feature)
}

/// The line of a unit that moved from one place to another.
fn line(unit: &UnitChange, from: &str, to: &str) -> Option<Value> {
    let (Kind::Moved, Some(km), [a], [b]) =
        (unit.kind, unit.distance_km, &unit.from[..], &unit.to[..])
    else {
        return None;
    };
    // To the metre.
    let km = (km * 1_000.0).round() / 1_000.0;
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[a.at.x, a.at.y], [b.at.x, b.at.y]]},
        "properties": {"change": "moved", "unit": unit.name, "from": from, "to": to, "distance_km": km},
    }))
}

/// `text` (a feature as loaded) with `extra` put first in its properties,
/// the rest of it as it was; a member of its properties of the same name
/// as one of `extra` is left out.
pub(crate) fn with_properties(text: &str, extra: &[(&str, Value)]) -> String {
    let members = |map: &mut String| {
        for (n, (key, value)) in extra.iter().enumerate() {
            if n > 0 {
                map.push(',');
            }
            map.push_str(&Value::from(*key).to_string());
            map.push(':');
            map.push_str(&value.to_string());
        }
    };
    let Some(parts) = scan(text) else {
        return through_values(text, extra);
    };
    let properties = parts
        .members
        .iter()
        .find(|(key, _)| &text[key.clone()] == "\"properties\"")
        .map(|(_, value)| value.clone());
    let Some(value) = properties else {
        // No properties: they are added at the end.
        let end = text.trim_end().len().saturating_sub(1);
        let mut out = text[..end].trim_end().to_owned();
        out.push_str(if parts.members.is_empty() { "" } else { "," });
        out.push_str(r#""properties":{"#);
        members(&mut out);
        out.push_str("}}");
        return out;
    };
    let inner = &text[value.clone()];
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..value.start]);
    if inner == "null" {
        out.push('{');
        members(&mut out);
        out.push('}');
    } else if let (Some(rest), Some(own)) = (inner.strip_prefix('{'), scan(inner)) {
        // A member of the same name as one of ours is left out; the others
        // are kept as written.
        let ours = |key: &std::ops::Range<usize>| {
            serde_json::from_str::<String>(&inner[key.clone()])
                .is_ok_and(|name| extra.iter().any(|(e, _)| *e == name))
        };
        out.push('{');
        members(&mut out);
        if own.members.iter().any(|(key, _)| ours(key)) {
            for (key, value) in own.members.iter().filter(|(key, _)| !ours(key)) {
                out.push(',');
                out.push_str(&inner[key.start..value.end]);
            }
            out.push('}');
        } else {
            if !own.members.is_empty() {
                out.push(',');
            }
            out.push_str(rest);
        }
    } else {
        return through_values(text, extra);
    }
    out.push_str(&text[value.end..]);
    out
}

/// [`with_properties`] through JSON values, for what the text way does
/// not take (properties that are neither an object nor null, text the
/// scanner does not split); the text as it was if it is not JSON.
fn through_values(text: &str, extra: &[(&str, Value)]) -> String {
    let Ok(Value::Object(mut feature)) = serde_json::from_str::<Value>(text) else {
        return text.to_owned();
    };
    let mut properties = Map::new();
    for (key, value) in extra {
        properties.insert((*key).to_owned(), value.clone());
    }
    if let Some(Value::Object(own)) = feature.get("properties") {
        for (key, value) in own {
            if !properties.contains_key(key) {
                properties.insert(key.clone(), value.clone());
            }
        }
    }
    // In the place the properties were (or at the end).
    feature.insert("properties".into(), Value::Object(properties));
    Value::Object(feature).to_string()
}

/// The file name the changes from one date to another are saved under.
///
/// ```
/// let d = |s| troopmap::Day::parse(s).unwrap();
/// assert_eq!(troopmap::geojson::changes::file_name(d("2024-10-07"), d("2024-10-20")), "troopmap-changes-2024-10-07-to-2024-10-20.geojson");
/// ```
pub fn file_name(from: impl std::fmt::Display, to: impl std::fmt::Display) -> String {
    format!("troopmap-changes-{from}-to-{to}.geojson")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(text: &str) -> String {
        with_properties(text, &[("change", Value::from("gone"))])
    }

    #[test]
    fn the_change_goes_first_and_the_rest_stays_as_written() {
        assert_eq!(
            change(
                r#"{"type": "Feature", "properties": {"a": 1.50, "b": [1e400]}, "geometry": null}"#
            ),
            r#"{"type": "Feature", "properties": {"change":"gone","a": 1.50, "b": [1e400]}, "geometry": null}"#
        );
        assert_eq!(
            change(r#"{"type":"Feature","properties":{ },"geometry":null}"#),
            r#"{"type":"Feature","properties":{"change":"gone" },"geometry":null}"#
        );
        assert_eq!(
            change(r#"{"type":"Feature","properties":null,"geometry":null}"#),
            r#"{"type":"Feature","properties":{"change":"gone"},"geometry":null}"#
        );
        assert_eq!(
            change(r#"{"type":"Feature","geometry":null} "#),
            r#"{"type":"Feature","geometry":null,"properties":{"change":"gone"}}"#
        );
    }

    #[test]
    fn a_property_of_the_same_name_is_replaced_in_place() {
        assert_eq!(
            change(r#"{"type":"Feature","properties":{"x":1,"change":"kept?"},"geometry":null}"#),
            r#"{"type":"Feature","properties":{"change":"gone","x":1},"geometry":null}"#
        );
    }
}
