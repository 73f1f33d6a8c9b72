//! What a person is told about a file they loaded: the same words on the
//! page and on the command line.

use crate::model::Dataset;
use crate::problem::LoadError;

/// The verdict on one file: loaded (with its warnings) or refused (with
/// every problem), one line each.
///
/// ```
/// let ok = troopmap::read_collection("a.geojson", r#"{"type": "FeatureCollection", "features": []}"#);
/// assert_eq!(troopmap::verdict::verdict("a.geojson", &ok), "a.geojson: 0 features loaded");
/// let bad = troopmap::read_collection("b.geojson", "[]");
/// assert_eq!(
///     troopmap::verdict::verdict("b.geojson", &bad),
///     "b.geojson was not loaded: 1 problem\n  error: expected a GeoJSON FeatureCollection object, found an array"
/// );
/// ```
pub fn verdict(file: &str, result: &Result<Dataset, LoadError>) -> String {
    match result {
        Ok(data) => {
            let mut text = format!("{file}: {} loaded", count(data.features.len(), "feature"));
            if !data.warnings.is_empty() {
                text.push_str(&format!(", {}", count(data.warnings.len(), "warning")));
            }
            for warning in &data.warnings {
                text.push_str(&format!("\n  warning: {warning}"));
            }
            text
        }
        Err(error) => {
            let mut text = format!(
                "{file} was not loaded: {}",
                count(error.problems.len(), "problem")
            );
            for problem in &error.problems {
                text.push_str(&format!("\n  error: {problem}"));
            }
            text
        }
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
