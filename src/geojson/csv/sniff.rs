//! What kind of table a text holds, from how it begins: a JSON array of
//! records, or a CSV table, or neither.

use serde::Deserialize;

use crate::geojson::geometry::GEOMETRY_TYPES;

/// Whether `text` is a JSON array whose first element is an object other
/// than a GeoJSON one (whose `type` is not a GeoJSON type), as projects
/// publish events: `[{"lat": 48.5, "lon": 35.1, "date": …}, …]`. Only
/// the first element is read; one that is not valid JSON counts, so that
/// the error is told where it is.
///
/// ```
/// use troopmap::geojson::csv::sniff::is_records;
/// assert!(is_records("\u{feff} [\n {\"latitude\": 48.5, \"type\": \"shelling\"}]"));
/// assert!(!is_records("[{\"type\": \"Feature\", \"geometry\": null}]"));
/// assert!(!is_records("[[1, 2]]"));
/// assert!(!is_records("{\"type\": \"FeatureCollection\"}"));
/// ```
pub fn is_records(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let Some(rest) = head.strip_prefix('[') else {
        return false;
    };
    let rest = rest.trim_start();
    if !rest.starts_with('{') {
        return false;
    }
    /// The first element's `type`, the rest of it skipped.
    #[derive(Deserialize)]
    struct First {
        #[serde(rename = "type")]
        kind: Option<serde_json::Value>,
    }
    let mut elements = serde_json::Deserializer::from_str(rest).into_iter::<First>();
    match elements.next() {
        Some(Ok(First { kind })) => !kind
            .as_ref()
            .and_then(serde_json::Value::as_str)
            .is_some_and(|kind| {
                // An array of GeoJSON objects is not records.
                ["Feature", "FeatureCollection"].contains(&kind) || GEOMETRY_TYPES.contains(&kind)
            }),
        _ => true,
    }
}

/// Whether `text` may be a CSV table: it does not begin as JSON or XML
/// does, and has no control characters near its start, as a binary file
/// has (tabs and line ends aside).
///
/// ```
/// use troopmap::geojson::csv::sniff::may_be_csv;
/// assert!(may_be_csv("lat;lon\n43,1;131,9\n"));
/// assert!(!may_be_csv("  {\"type\": \"FeatureCollection\"}"));
/// assert!(!may_be_csv("<?xml version=\"1.0\"?>"));
/// assert!(!may_be_csv("PK\u{3}\u{4}\u{14}\0"));
/// ```
pub fn may_be_csv(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    !head.starts_with(['{', '[', '<'])
        && !head
            .chars()
            .take(1024)
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}
