//! Writing features back out as a GeoJSON FeatureCollection.

use serde_json::{Map, Value};

use crate::model::Dataset;

/// Writes the features at `indices` as an RFC 7946 FeatureCollection.
///
/// Each feature is written exactly as it was loaded: its id, geometry, every
/// property and every foreign member, in their order. The collection keeps
/// the loaded collection's own members, in their order.
///
/// ```
/// let text = r#"{"type":"FeatureCollection","name":"demo","features":[
///   {"type":"Feature","id":1,"geometry":null,"properties":{"x":[1,2]},"extra":"kept"},
///   {"type":"Feature","id":"b","geometry":null,"properties":null}]}"#;
/// let data = troopmap::read_collection("demo", text).unwrap();
/// let out = troopmap::export_collection(&data, [0]);
/// assert_eq!(out, r#"{"type":"FeatureCollection","name":"demo","features":[{"type":"Feature","id":1,"geometry":null,"properties":{"x":[1,2]},"extra":"kept"}]}"#);
/// ```
pub fn export_collection(data: &Dataset, indices: impl IntoIterator<Item = usize>) -> String {
    let features: Vec<Value> = indices
        .into_iter()
        .filter_map(|i| data.features.get(i))
        .map(|f| Value::Object(f.raw.clone()))
        .collect();
    let mut collection = Map::new();
    if !data.members.contains_key("type") {
        collection.insert("type".into(), Value::String("FeatureCollection".into()));
    }
    let mut features = Some(features);
    for (key, value) in &data.members {
        let value = match key.as_str() {
            "features" => Value::Array(features.take().unwrap_or_default()),
            _ => value.clone(),
        };
        collection.insert(key.clone(), value);
    }
    if let Some(features) = features {
        collection.insert("features".into(), Value::Array(features));
    }
    Value::Object(collection).to_string()
}

/// The file name an export on `day` is saved under.
///
/// ```
/// let day = troopmap::Day::parse("2024-10-18").unwrap();
/// assert_eq!(troopmap::export::file_name(day), "troopmap-2024-10-18.geojson");
/// ```
pub fn file_name(day: crate::Day) -> String {
    format!("troopmap-{day}.geojson")
}
