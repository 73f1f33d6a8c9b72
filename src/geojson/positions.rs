//! Writing unit positions as GeoJSON: one Point per position shown, at
//! the sighting's coordinates (or the glided point), with the sighting's
//! properties and what the map says of the position.

use serde_json::{json, Map, Value};

use crate::model::Dataset;
use crate::space::sightings::{Position, Units};

/// The FeatureCollection of `positions` (of `units`, read from `data`):
/// each a Point with the sighting's properties, then `unit`, `last_seen`
/// (the sighting's time as written: its `start`, `time`, `date`,
/// `datetime` or `timestamp`), `age_days`, `observed` (seen on
/// the day shown), `interpolated` (glided between sightings) and
/// `source_id` (the sighting's id, or null).
///
/// ```
/// use troopmap::geojson::positions::export_positions;
/// use troopmap::space::sightings::{UnitRule, Units};
/// let data = troopmap::read_collection("s", r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "id": "s1", "geometry": {"type": "Point", "coordinates": [36.2, 49.9]},
///    "properties": {"unit": "1st", "side": "blue", "start": "2022-04-25"}}]}"#).unwrap();
/// let rule = UnitRule::default();
/// let units = Units::of(&data.features, &rule);
/// let noon = troopmap::Day::parse("2022-04-30").unwrap().start_seconds() + 43_200;
/// let text = export_positions(&data, &units, &units.positions_at(noon, &rule));
/// assert_eq!(text, r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[36.2,49.9]},"properties":{"unit":"1st","side":"blue","start":"2022-04-25","last_seen":"2022-04-25","age_days":5,"observed":false,"interpolated":false,"source_id":"s1"}}]}"#);
/// ```
pub fn export_positions(data: &Dataset, units: &Units, positions: &[Position]) -> String {
    let features: Vec<Value> = positions
        .iter()
        .filter_map(|position| position_feature(data, units, position))
        .collect();
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

/// One position as [`export_positions`] writes it.
pub(crate) fn position_feature(
    data: &Dataset,
    units: &Units,
    position: &Position,
) -> Option<Value> {
    let feature = data.features.get(position.sighting)?;
    let unit = units.get(position.unit)?;
    let mut properties: Map<String, Value> = feature.properties();
    // The time as written, in the first property that gives one.
    let written = ["start", "time", "date", "datetime", "timestamp"]
        .iter()
        .find_map(|key| properties.get(*key).filter(|v| !v.is_null()));
    let last_seen = match written {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => feature
            .span
            .start
            .map(|t| t.to_string())
            .unwrap_or_default(),
    };
    properties.insert("unit".into(), Value::String(unit.name.clone()));
    properties.insert("last_seen".into(), Value::String(last_seen));
    properties.insert("age_days".into(), position.age_days.into());
    properties.insert("observed".into(), position.observed.into());
    properties.insert("interpolated".into(), position.interpolated.into());
    let id = feature.id.as_ref().map(|id| id.to_string());
    properties.insert("source_id".into(), id.map_or(Value::Null, Value::String));
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [position.at.x, position.at.y]},
        "properties": properties,
    }))
}

/// The file name positions on `day` are saved under.
///
/// ```
/// let day = troopmap::Day::parse("2022-04-30").unwrap();
/// assert_eq!(troopmap::geojson::positions::file_name(day), "troopmap-positions-2022-04-30.geojson");
/// ```
pub fn file_name(day: impl std::fmt::Display) -> String {
    format!("troopmap-positions-{day}.geojson")
}
