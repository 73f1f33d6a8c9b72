//! A JSON array of records — `[{"lat": 48.5, "lon": 35.1, "date": …}, …]`,
//! as projects publish events — converted as a CSV table's rows are: the
//! fields are its columns, named by their keys.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::layout::Layout;
use super::row::{Cell, Row};
use super::table::{refused, Converting};
use super::{Columns, CsvError, Place, Table};
use crate::formats::Converted;
use crate::geojson::convention::DateOrder;
use crate::geojson::found::FoundValue;
use crate::geojson::read::json_error::syntax_problem;
use crate::model::problem::LoadError;

/// Reads `text`, a JSON array of objects, and writes a FeatureCollection
/// of points, one for each record, with the same columns found (or named)
/// as in a CSV table: strings, numbers, booleans and nested values are
/// kept as they are. Every bad record is told by its index.
///
/// ```
/// use troopmap::geojson::csv::records;
/// let text = r#"[{"id": 7, "latitude": 48.5, "longitude": 35.1, "datetime": "2022-04-30", "casualties": 2},
///               {"id": 8, "latitude": "95", "longitude": 35.1}]"#;
/// let error = records::convert("events.json", text, &Default::default(), None).unwrap_err();
/// assert_eq!(error.problems[0].to_string(), "record 1, field \"latitude\": 95 is outside -90..90");
/// let text = r#"[{"id": 7, "lat": 48.5, "lng": 35.1, "date": 1651276800, "tags": ["artillery"]}]"#;
/// let converted = records::convert("events.json", text, &Default::default(), None).unwrap();
/// let data = troopmap::read_collection("events.json", &converted.geojson).unwrap();
/// assert_eq!(data.features[0].span.first_day().unwrap().to_string(), "2022-04-30");
/// assert_eq!(data.features[0].object()["properties"]["tags"][0], "artillery");
/// ```
pub fn convert(
    file: &str,
    text: &str,
    columns: &Columns,
    order: Option<DateOrder>,
) -> Result<Converted, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|error| LoadError {
        file: file.to_owned(),
        problems: vec![syntax_problem(&error, text)],
        left_out: 0,
    })?;
    let Value::Array(records) = value else {
        return Err(refused(file, CsvError::not_a_table(text)));
    };
    let header = keys(&records);
    let index: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(col, key)| (key.clone(), col))
        .collect();
    let layout = Layout::find(Table::Records, header, columns).map_err(|e| refused(file, e))?;
    let mut converting = Converting::new(layout, order);
    for (i, record) in records.iter().enumerate() {
        let Value::Object(fields) = record else {
            converting.refuse(CsvError::NotARecord {
                index: i,
                found: FoundValue::of(record),
            });
            continue;
        };
        let cells = fields
            .iter()
            .filter_map(|(key, value)| Some((*index.get(key)?, Cell::Json(value))))
            .collect();
        converting.row(&Row {
            at: Place::Record(i),
            cells,
            decimal_comma: false,
        });
    }
    converting.finish(file)
}

/// Every key of the records, in the order they first come.
fn keys(records: &[Value]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut keys = Vec::new();
    for fields in records.iter().filter_map(Value::as_object) {
        for key in fields.keys() {
            if seen.insert(key.as_str()) {
                keys.push(key.clone());
            }
        }
    }
    keys
}
