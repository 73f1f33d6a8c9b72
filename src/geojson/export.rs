//! Writing features back out as a GeoJSON FeatureCollection.

use serde_json::Value;

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
    let mut features = String::from("[");
    for (n, feature) in indices
        .into_iter()
        .filter_map(|i| data.features.get(i))
        .enumerate()
    {
        if n > 0 {
            features.push(',');
        }
        features.push_str(&feature.raw.text());
    }
    features.push(']');
    let mut out = String::from("{");
    let mut first = true;
    let mut member = |out: &mut String, key: &str, value: &str| {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&Value::String(key.to_owned()).to_string());
        out.push(':');
        out.push_str(value);
    };
    if !data.members.contains_key("type") {
        member(&mut out, "type", "\"FeatureCollection\"");
    }
    let mut written = false;
    for (key, value) in &data.members {
        if key == "features" {
            member(&mut out, key, &features);
            written = true;
        } else {
            member(&mut out, key, &value.to_string());
        }
    }
    if !written {
        member(&mut out, "features", &features);
    }
    out.push('}');
    out
}

/// The file name an export on `day` is saved under.
///
/// ```
/// let day = troopmap::Day::parse("2024-10-18").unwrap();
/// assert_eq!(troopmap::geojson::export::file_name(day), "troopmap-2024-10-18.geojson");
/// ```
pub fn file_name(day: impl std::fmt::Display) -> String {
    format!("troopmap-{day}.geojson")
}
