//! What a sighting's properties say of its unit besides its name: its
//! side, and which of a file's text properties could name units.

use crate::geojson::convention::INSTANT_KEYS;
use crate::geojson::read::READ_PROPERTIES;
use crate::model::property::{may_give, property};
use crate::model::MapFeature;

/// The text properties that could name units: those of the first 200
/// dated points of `features`, besides the properties the map reads
/// itself and the times, the most common first (then by name). A page
/// offers them as "Units by".
///
/// ```
/// use troopmap::space::unit_properties::text_properties;
/// let data = troopmap::read_collection("s", r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"date": "2022-04-01", "formation": "a", "side": "x", "n": 3}},
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"date": "2022-04-02", "unit": "b", "side": "y", "name": "b"}}]}"#).unwrap();
/// assert_eq!(text_properties(&data.features), ["side", "formation", "unit"]);
/// ```
pub fn text_properties(features: &[MapFeature]) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let points = features
        .iter()
        .filter(|f| matches!(f.geometry, Some(geo::Geometry::Point(_))) && f.span.start.is_some())
        .take(200);
    for feature in points {
        for (key, value) in feature.properties() {
            let known =
                READ_PROPERTIES.contains(&key.as_str()) || INSTANT_KEYS.contains(&key.as_str());
            if value.is_string() && !known {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    let mut names: Vec<(String, usize)> = counts.into_iter().collect();
    crate::sort::sort_by(&mut names, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)).is_lt()
    });
    names.into_iter().map(|(name, _)| name).collect()
}

/// A sighting's side: its `side`, else `affiliation`, else `country`, as
/// text.
pub fn side_of(raw: &str) -> Option<String> {
    [
        ("side", "\"side\""),
        ("affiliation", "\"affiliation\""),
        ("country", "\"country\""),
    ]
    .iter()
    .find_map(|(key, quoted)| {
        if !may_give(raw, quoted) {
            return None;
        }
        match property(raw, key)? {
            serde_json::Value::String(name) if !name.trim().is_empty() => Some(name),
            _ => None,
        }
    })
}
