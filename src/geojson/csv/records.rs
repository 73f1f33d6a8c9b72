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
    let value: Value = serde_json::from_str(text)
        .map_err(|error| LoadError::of(file, vec![syntax_problem(&error, text)]))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::problem::Problem;

    fn read(text: &str, columns: &Columns) -> Result<Value, Vec<String>> {
        match convert("events.json", text, columns, None) {
            Ok(converted) => Ok(serde_json::from_str(&converted.geojson).unwrap()),
            Err(error) => Err(error.problems.iter().map(Problem::to_string).collect()),
        }
    }

    #[test]
    fn fields_are_kept_as_json_values_in_the_records_order() {
        let text = r#"[{"event": "shelling", "lat": "46.6", "lon": 32.6, "killed": 2,
                        "verified": true, "note": null, "where": {"oblast": "Kherson"}}]"#;
        let json = read(text, &Columns::default()).unwrap();
        let feature = &json["features"][0];
        assert_eq!(feature["id"], "record:0");
        assert_eq!(
            feature["geometry"]["coordinates"],
            serde_json::json!([32.6, 46.6])
        );
        let properties = feature["properties"].as_object().unwrap();
        let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
        assert_eq!(keys, ["event", "killed", "verified", "note", "where"]);
        assert_eq!(properties["killed"], 2);
        assert_eq!(properties["verified"], true);
        assert_eq!(properties["note"], Value::Null);
        assert_eq!(properties["where"]["oblast"], "Kherson");
    }

    #[test]
    fn columns_are_found_across_records_or_named() {
        // The second record brings a field the first does not have.
        let text =
            r#"[{"y": 1, "x": 2}, {"y": 3, "x": 4, "seen": "2022-04-30", "when": "2022-05-01"}]"#;
        let json = read(text, &Columns::default()).unwrap();
        assert_eq!(json["features"][1]["properties"]["seen"], "2022-04-30");
        let columns = Columns {
            start: Some("when".into()),
            ..Columns::default()
        };
        let json = read(text, &columns).unwrap();
        assert_eq!(json["features"][1]["properties"]["start"], "2022-05-01");
        let columns = Columns {
            latitude: Some("north".into()),
            ..Columns::default()
        };
        assert_eq!(
            read(text, &columns).unwrap_err(),
            ["there is no field \"north\" for the latitude; the fields are [\"y\", \"x\", \"seen\", \"when\"]"]
        );
        assert_eq!(
            read(r#"[{"place": "port"}]"#, &Columns::default()).unwrap_err(),
            ["no field for the latitude was found by its name; name it with --lat (the fields are [\"place\"])"]
        );
    }

    #[test]
    fn every_bad_record_is_told_by_its_index() {
        let text = r#"[{"lat": 1, "lon": 2}, {"lat": true, "lon": 2}, 7, {"lat": 1, "lon": 2, "date": "2022-13-01"}]"#;
        let problems = read(text, &Columns::default()).unwrap_err();
        assert_eq!(problems.len(), 3);
        assert_eq!(
            problems[0],
            "record 1, field \"lat\": \"true\" is not a number"
        );
        assert_eq!(
            problems[1],
            "record 2: expected an object of fields, found the number 7"
        );
        assert!(
            problems[2].starts_with("record 3, field \"date\": \"2022-13-01\""),
            "{problems:?}"
        );
    }

    #[test]
    fn text_that_is_not_json_is_told_where() {
        let problems = read("[{\"lat\": 1,\n  \"lon\": 2,]", &Columns::default()).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("line 2, column 12: not valid JSON"),
            "{problems:?}"
        );
    }
}
