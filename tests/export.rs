//! Export writes back what was loaded: ids, geometry, every property and
//! foreign member, in order.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use troopmap::{export_collection, read_collection, Day, TimeIndex};

const FIXTURE: &str = "tests/fixtures/kept-as-loaded.geojson";

fn load() -> (String, troopmap::Dataset) {
    let text = std::fs::read_to_string(FIXTURE).expect("the fixture exists");
    let data = read_collection(FIXTURE, &text).unwrap_or_else(|e| panic!("{e}"));
    (text, data)
}

/// Key order matters: serde_json is built with `preserve_order`, so two
/// values are compared with their keys in order by comparing their text.
fn same_with_order(a: &Value, b: &Value) -> bool {
    serde_json::to_string(a).ok() == serde_json::to_string(b).ok()
}

#[test]
fn exporting_everything_gives_back_the_file() {
    let (text, data) = load();
    let exported: Value =
        serde_json::from_str(&export_collection(&data, 0..data.features.len())).expect("JSON");
    let original: Value = serde_json::from_str(&text).expect("JSON");
    assert!(
        same_with_order(&exported, &original),
        "\n{exported}\n!=\n{original}"
    );
}

/// Numbers keep their value; their spelling may change (`1.5e3` is written
/// `1500.0`), as with any JSON writer that reads numbers as numbers.
#[test]
fn ids_stay_as_they_came_strings_and_numbers() {
    let (_, data) = load();
    let exported: Value =
        serde_json::from_str(&export_collection(&data, 0..data.features.len())).expect("JSON");
    let ids: Vec<&Value> = exported["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| &f["id"])
        .collect();
    assert_eq!(ids[0], &Value::from(42));
    assert_eq!(ids[1], &Value::from("route:both-days"));
    assert_eq!(
        ids[2],
        &Value::Null,
        "a feature without an id must not be given one"
    );
    assert_eq!(ids[3].to_string(), "1500.0");
}

#[test]
fn exporting_a_day_writes_only_what_the_time_rule_shows() {
    let (_, data) = load();
    let index = TimeIndex::of(&data.features);
    let ids_on = |day: &str| -> Vec<String> {
        let day = Day::parse(day).expect("date");
        let exported: Value =
            serde_json::from_str(&export_collection(&data, index.shown_on(day))).expect("JSON");
        exported["features"]
            .as_array()
            .expect("features")
            .iter()
            .map(|f| f["id"].to_string())
            .collect()
    };
    assert_eq!(ids_on("2024-10-07"), ["42", "1500.0"]);
    assert_eq!(
        ids_on("2024-10-08"),
        ["42", "\"route:both-days\"", "1500.0"]
    );
    assert_eq!(
        ids_on("2024-10-12"),
        ["42", "\"route:both-days\"", "1500.0"]
    );
    // 2024-10-14T08:00+09:00 is 2024-10-13T23:00Z: shown from 2024-10-13.
    assert_eq!(
        ids_on("2024-10-13"),
        ["42", "\"route:both-days\"", "null", "1500.0"]
    );
    assert_eq!(ids_on("2024-10-14"), ["42", "null", "1500.0"]);
}
