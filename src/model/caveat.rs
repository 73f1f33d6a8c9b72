//! The caveats a feature carries, as the popup lists them: notes about its
//! location, dates, mode, voyage, speaker and coordinates, each as text.

use serde_json::{Map, Value};

use crate::model::Confidence;

/// The properties that hold a caveat, in the order the popup lists them,
/// each with what the popup calls it. Any other `…_note` property is
/// listed after these.
pub const NAMED: [(&str, &str); 16] = [
    ("location_note", "Where"),
    ("precision_note", "Precision"),
    ("coordinates_source", "Coordinates from"),
    ("to_note", "Where to"),
    ("dates_note", "About the dates"),
    ("reported_note", "About the day made public"),
    ("voyage_confidence", "The voyage itself"),
    ("movement_confidence", "The movement itself"),
    ("geometry_note", "About the line"),
    ("mode_note", "About the mode"),
    ("troops_note", "About the figure"),
    ("casualties_note", "Casualties"),
    ("overlap_note", "May overlap"),
    ("confidence_note", "About the grade"),
    ("sources_note", "About the sources"),
    ("date_note", "About the date"),
];

/// The caveats `properties` carry, each as (what the popup calls it, the
/// text): the [`NAMED`] ones in order, then any other `…_note` property.
/// A grade given for a part of a feature (`voyage_confidence`) reads as
/// the grade does.
///
/// ```
/// use serde_json::json;
/// let properties = json!({"location_note": "placed at the city", "voyage_confidence": "confirmed",
///     "berth_note": "not known"});
/// let found = troopmap::model::caveat::caveats(properties.as_object().unwrap());
/// assert_eq!(found[0], ("Where".to_owned(), "placed at the city".to_owned()));
/// assert_eq!(found[1].1, "confirmed (an official, non-belligerent source)");
/// assert_eq!(found[2], ("Note (berth)".to_owned(), "not known".to_owned()));
/// ```
pub fn caveats(properties: &Map<String, Value>) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (key, term) in NAMED {
        if let Some(value) = properties.get(key).and_then(Value::as_str) {
            let value = match Confidence::parse(value) {
                Some(c) => format!("{c} ({})", c.meaning()),
                None => value.to_owned(),
            };
            found.push((term.to_owned(), value));
        }
    }
    for (key, value) in properties {
        let Some(stem) = key.strip_suffix("_note") else {
            continue;
        };
        if NAMED.iter().any(|(k, _)| k == key) {
            continue;
        }
        if let Some(value) = value.as_str() {
            found.push((
                format!("Note ({})", stem.replace('_', " ")),
                value.to_owned(),
            ));
        }
    }
    found
}
