//! What a person is told about a file they loaded: the same words on the
//! page and on the command line.

use crate::model::problem::{count, lines, LoadError};
use crate::model::Dataset;

/// The verdict on one file: loaded (with its warnings) or refused (with
/// every problem), one line each.
///
/// ```
/// let ok = troopmap::read_collection("a.geojson", r#"{"type": "FeatureCollection", "features": []}"#);
/// assert_eq!(troopmap::model::verdict::verdict("a.geojson", &ok), "a.geojson: 0 features loaded");
/// let bad = troopmap::read_collection("b.geojson", "[]");
/// assert_eq!(
///     troopmap::model::verdict::verdict("b.geojson", &bad),
///     "b.geojson was not loaded: 1 problem\n  error: expected a GeoJSON FeatureCollection object, found an array"
/// );
/// ```
pub fn verdict(file: &str, result: &Result<Dataset, LoadError>) -> String {
    match result {
        Ok(data) => {
            let mut text = format!("{file}: {} loaded", count(data.features.len(), "feature"));
            let warnings = data.warnings.len() + data.warnings_left_out;
            if warnings > 0 {
                text.push_str(&format!(", {}", count(warnings, "warning")));
            }
            text + &lines(&data.warnings, data.warnings_left_out, "warning")
        }
        Err(error) => refused(error),
    }
}

/// The verdict on a refused file, as [`verdict`] words it: the error's
/// own words.
pub fn refused(error: &LoadError) -> String {
    error.to_string()
}

/// The verdict on a file that is not UTF-8 text.
pub fn not_utf8(file: &str) -> String {
    format!("{file} was not loaded: it is not UTF-8 text")
}
