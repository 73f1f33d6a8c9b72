//! What a popup, a chronology entry and a picture's caption show of a
//! feature, but the map does not keep: its `description` and `sources`,
//! read again from the feature's own text when shown. (For 100,000
//! features they would take about 40 MB kept; a popup reads one
//! feature's.)

use serde_json::Value;

use super::properties::read_source;
use crate::model::property::property;
use crate::model::{MapFeature, Source};

/// The feature's `description` as the map shows it: the text, or the
/// text inside the object KML converters write.
///
/// ```
/// use troopmap::geojson::read::shown::description;
/// let text = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
///   "geometry": null, "properties": {"description": "Seen at dawn."}}]}"#;
/// let data = troopmap::read_collection("d.geojson", text).unwrap();
/// assert_eq!(description(&data.features[0]).as_deref(), Some("Seen at dawn."));
/// ```
pub fn description(feature: &MapFeature) -> Option<String> {
    match property(&feature.raw.text(), "description")? {
        Value::String(text) => Some(text),
        Value::Object(mut object) => match object.remove("value") {
            Some(Value::String(text)) => Some(text),
            _ => None,
        },
        _ => None,
    }
}

/// The feature's `sources`, each as read when the file was loaded.
pub fn sources(feature: &MapFeature) -> Vec<Source> {
    match property(&feature.raw.text(), "sources") {
        Some(Value::Array(items)) => items.iter().filter_map(|s| read_source(s).ok()).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_reader_read() {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": null, "properties": {
            "description": {"@type": "html", "value": "<b>not HTML</b>"},
            "sources": [{"title": "T", "publisher": "P", "ref": 2, "via": "V"}, {"url": "https://example.org/a"}]}},
          {"type": "Feature", "geometry": null, "properties": {"sources": null}}]}"#;
        let data = crate::read_collection("s.geojson", text).unwrap_or_default();
        let first = &data.features[0];
        assert_eq!(description(first).as_deref(), Some("<b>not HTML</b>"));
        let found = sources(first);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].title.as_deref(), Some("T"));
        assert_eq!(found[0].reference.as_deref(), Some("2"));
        assert_eq!(found[0].via(), Some("V"));
        assert_eq!(found[1].link(), Some("https://example.org/a"));
        assert!(sources(&data.features[1]).is_empty());
        assert_eq!(description(&data.features[1]), None);
    }
}
