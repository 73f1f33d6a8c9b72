//! Reading a GeoJSON FeatureCollection (RFC 7946) into a [`Dataset`].
//!
//! Reading never changes what it was given: each feature's object is kept as
//! it came, and the parsed fields sit beside it.

use serde_json::{Map, Value};

use std::collections::HashMap;

use crate::convention::{self, ReadOptions, Timing};
use crate::geometry::{check_geometry, lint_geometry};
use crate::model::{Confidence, Dataset, FeatureId, Kind, MapFeature, Precision, Source};
use crate::problem::{LoadError, Problem};
use crate::time::Span;

/// At most this many problems are listed for one file; the rest are counted.
const MAX_PROBLEMS: usize = 100;

/// Reads a FeatureCollection from GeoJSON text.
///
/// Every problem found is returned, each saying where it is; a file with any
/// problem loads nothing. What is odd but loadable is listed in
/// [`Dataset::warnings`].
///
/// ```
/// let text = r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "id": "place:vladivostok",
///    "geometry": {"type": "Point", "coordinates": [131.885, 43.115]},
///    "properties": {"name": "Vladivostok", "kind": "place"}}]}"#;
/// let data = troopmap::read_collection("demo.geojson", text).unwrap();
/// assert_eq!(data.features[0].label(), "Vladivostok");
///
/// let error = troopmap::read_collection("bad.geojson", "{\"type\": ").unwrap_err();
/// assert!(error.to_string().contains("line 1, column 9: not valid JSON"));
/// ```
pub fn read_collection(file: &str, text: &str) -> Result<Dataset, LoadError> {
    read_collection_with(file, text, ReadOptions::default())
}

/// [`read_collection`], with choices the person made for this file (how
/// to read `03/04/2024`).
pub fn read_collection_with(
    file: &str,
    text: &str,
    options: ReadOptions,
) -> Result<Dataset, LoadError> {
    let fail = |problems| LoadError {
        file: file.to_owned(),
        problems,
    };
    // Some editors start UTF-8 files with a byte-order mark, which JSON
    // does not allow; it carries nothing, so it is skipped.
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let mut problem =
            Problem::at_path("", format!("not valid JSON: {}", json_reason(&e, text)));
        problem.line_column = Some((e.line(), e.column()));
        fail(vec![problem])
    })?;
    let mut data = read_value(value, options).map_err(fail)?;
    if bom {
        let skipped = "the file starts with a byte-order mark, which JSON does not allow: skipped";
        data.warnings.insert(0, Problem::at_path("", skipped));
    }
    Ok(data)
}

fn json_reason(error: &serde_json::Error, text: &str) -> String {
    // NaN and Infinity, which some writers emit, deserve a plainer word.
    let at = text
        .lines()
        .nth(error.line().saturating_sub(1))
        .and_then(|line| {
            let column = error.column().saturating_sub(1);
            let start = line
                .char_indices()
                .map(|(i, _)| i)
                .take_while(|&i| i <= column)
                .last()?;
            line.get(start.saturating_sub(1)..)
        });
    if let Some(rest) = at {
        let rest = rest.trim_start_matches([':', ',', '[', ' ']);
        if ["NaN", "Infinity", "-Infinity", "+Infinity"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            return "NaN and Infinity are not numbers in JSON; write null, or leave the value out"
                .to_owned();
        }
    }
    // serde_json appends " at line L column C"; the position is shown separately.
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(pos) => text[..pos].to_owned(),
        None => text,
    }
}

fn read_value(value: Value, options: ReadOptions) -> Result<Dataset, Vec<Problem>> {
    let Value::Object(mut members) = value else {
        return Err(vec![Problem::at_path(
            "",
            format!(
                "expected a GeoJSON FeatureCollection object, found {}",
                describe(&value)
            ),
        )]);
    };
    let mut warnings = Vec::new();
    match members.get("type") {
        Some(Value::String(t)) if t == "FeatureCollection" => {}
        Some(Value::String(t)) if t == "Feature" => {
            warnings.push(Problem::at_path(
                "type",
                "a single Feature, not a FeatureCollection: loaded as a collection of one",
            ));
            let feature = Value::Object(std::mem::take(&mut members));
            members.insert("type".into(), Value::String("FeatureCollection".into()));
            members.insert("features".into(), Value::Array(vec![feature]));
        }
        Some(Value::String(t)) => {
            return Err(vec![Problem::at_path(
                "type",
                format!("expected \"FeatureCollection\", found {t:?}"),
            )])
        }
        Some(other) => {
            return Err(vec![Problem::at_path(
                "type",
                format!(
                    "expected the string \"FeatureCollection\", found {}",
                    describe(other)
                ),
            )])
        }
        None => {
            // Some tools wrap the collection: {"data": {"type": "FeatureCollection", ...}}.
            let wrapped = members
                .iter()
                .find(|(_, v)| v.get("type").and_then(Value::as_str) == Some("FeatureCollection"));
            let Some((key, inner)) = wrapped.map(|(k, v)| (k.clone(), v.clone())) else {
                return Err(vec![Problem::at_path(
                    "type",
                    "the member \"type\": \"FeatureCollection\" is missing",
                )]);
            };
            let prefix = |mut p: Problem| {
                p.path = if p.path.is_empty() {
                    key.clone()
                } else {
                    format!("{key}.{}", p.path)
                };
                p
            };
            let mut data = read_value(inner, options)
                .map_err(|problems| problems.into_iter().map(prefix).collect::<Vec<_>>())?;
            data.warnings = data.warnings.into_iter().map(prefix).collect();
            data.warnings.insert(
                0,
                Problem::at_path(
                    key.as_str(),
                    format!("the FeatureCollection is wrapped in another object, under {key:?}: only the collection was loaded, and export writes it alone"),
                ),
            );
            return Ok(data);
        }
    }
    if members.contains_key("crs") {
        warnings.push(Problem::at_path(
            "crs",
            "a \"crs\" member is from an older GeoJSON; RFC 7946 coordinates are always WGS84 longitude and latitude (kept as it is)",
        ));
    }
    // The features are taken out; an empty array keeps their place among
    // the members, so that export writes them back in the same order.
    let features = match members.get_mut("features") {
        Some(Value::Array(features)) => std::mem::take(features),
        Some(other) => {
            return Err(vec![Problem::at_path(
                "features",
                format!("expected an array of features, found {}", describe(other)),
            )])
        }
        None => {
            return Err(vec![Problem::at_path(
                "features",
                "the member \"features\" is missing",
            )])
        }
    };
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(features.len());
    let mut first_with_id: HashMap<String, usize> = HashMap::new();
    for (index, feature) in features.into_iter().enumerate() {
        match read_feature(index, feature, options, &mut warnings) {
            Ok(feature) => {
                if let Some(id) = &feature.id {
                    let key = match id {
                        FeatureId::Text(t) => format!("text {t}"),
                        FeatureId::Number(n) => format!("number {n}"),
                    };
                    if let Some(first) = first_with_id.get(&key) {
                        warnings.push(
                            Problem::at_feature(index, Some(id.to_string()), format!("the id is also feature {first}'s; ids should tell features apart"))
                                .with_member("id"),
                        );
                    } else {
                        first_with_id.insert(key, index);
                    }
                }
                out.push(feature);
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    if !problems.is_empty() {
        return Err(capped(problems));
    }
    Ok(Dataset {
        features: out,
        members,
        warnings: capped(warnings),
    })
}

/// At most [`MAX_PROBLEMS`], and a line counting the rest.
fn capped(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem::at_path("", format!("and {more} more")));
    }
    problems
}

fn read_feature(
    index: usize,
    value: Value,
    options: ReadOptions,
    warnings: &mut Vec<Problem>,
) -> Result<MapFeature, Vec<Problem>> {
    let Value::Object(raw) = value else {
        return Err(vec![Problem::at_feature(
            index,
            None,
            format!("expected a Feature object, found {}", describe(&value)),
        )]);
    };
    let mut problems = Vec::new();
    let id = match raw.get("id") {
        None => None,
        Some(Value::String(s)) => Some(FeatureId::Text(s.clone())),
        Some(Value::Number(n)) => Some(FeatureId::Number(n.clone())),
        Some(other) => {
            problems.push(
                Problem::at_feature(
                    index,
                    None,
                    format!(
                        "an id must be a string or a number, found {}",
                        describe(other)
                    ),
                )
                .with_member("id"),
            );
            None
        }
    };
    let id_text = id.as_ref().map(ToString::to_string);
    let at = |message: String| Problem::at_feature(index, id_text.clone(), message);

    match raw.get("type") {
        Some(Value::String(t)) if t == "Feature" => {}
        Some(other) => problems
            .push(at(format!("expected \"type\": \"Feature\", found {other}")).with_member("type")),
        None => problems
            .push(at("the member \"type\": \"Feature\" is missing".into()).with_member("type")),
    }

    let geometry = match raw.get("geometry") {
        None => {
            problems.push(at("the member \"geometry\" is missing (use null for a feature without a location)".into()).with_member("geometry"));
            None
        }
        Some(Value::Null) => None,
        Some(value) => match check_geometry(value) {
            Ok(geometry) => {
                for (path, message) in lint_geometry(value) {
                    warnings.push(at(message).with_member(&format!("geometry{path}")));
                }
                Some(geometry)
            }
            Err((path, message)) => {
                problems.push(at(message).with_member(&format!("geometry{path}")));
                None
            }
        },
    };

    if raw.contains_key("crs") {
        warnings.push(at("a \"crs\" member is from an older GeoJSON; RFC 7946 coordinates are always WGS84 longitude and latitude (kept as it is)".into()).with_member("crs"));
    }

    let empty = Map::new();
    let properties = match raw.get("properties") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(p)) => p,
        Some(other) => {
            problems.push(
                at(format!(
                    "\"properties\" must be an object or null, found {}",
                    describe(other)
                ))
                .with_member("properties"),
            );
            &empty
        }
    };

    let text = |key: &str, problems: &mut Vec<Problem>| -> Option<String> {
        match properties.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                problems.push(
                    at(format!("expected text, found {}", describe(other))).with_property(key),
                );
                None
            }
        }
    };
    let name = text("name", &mut problems);
    let description = text("description", &mut problems);

    let timing = match convention::timing(properties, geometry.as_ref(), options) {
        Ok(timing) => timing,
        Err(errors) => {
            for (key, message) in errors {
                problems.push(at(message).with_property(&key));
            }
            Timing::default()
        }
    };
    let span = timing.span;

    // A property whose value must be one of a few names.
    let one_of = |key: &str, what: &str, names: &[&'static str], problems: &mut Vec<Problem>| {
        let value = text(key, problems)?;
        let found = names.iter().copied().find(|n| *n == value);
        if found.is_none() {
            let expected: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
            problems.push(
                at(format!(
                    "{value:?} is not {what}; expected one of {}",
                    expected.join(", ")
                ))
                .with_property(key),
            );
        }
        found
    };
    let kind = one_of(
        "kind",
        "a kind",
        &Kind::ALL.map(Kind::as_str),
        &mut problems,
    )
    .and_then(Kind::parse)
    .unwrap_or_else(|| default_kind(geometry.as_ref(), span));
    let confidence = one_of(
        "confidence",
        "a confidence label",
        &Confidence::ALL.map(Confidence::as_str),
        &mut problems,
    )
    .and_then(Confidence::parse);
    let precision = one_of(
        "precision",
        "a precision",
        &Precision::ALL.map(Precision::as_str),
        &mut problems,
    )
    .and_then(Precision::parse);
    let troops = match properties.get("troops") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(other) => {
            problems.push(
                at(format!("expected a number, found {}", describe(other))).with_property("troops"),
            );
            None
        }
    };
    let sources = match properties.get("sources") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match read_source(item) {
                Ok(source) => Some(source),
                Err(message) => {
                    problems.push(at(message).with_property(&format!("sources[{i}]")));
                    None
                }
            })
            .collect(),
        Some(other) => {
            problems.push(
                at(format!(
                    "expected an array of source objects, found {}",
                    describe(other)
                ))
                .with_property("sources"),
            );
            Vec::new()
        }
    };

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(MapFeature {
        id,
        name,
        kind,
        span,
        confidence,
        sources,
        troops,
        description,
        precision,
        vertex_times: timing.vertex_times,
        geometry,
        raw,
    })
}

/// Without a `kind`: lines are routes, dated points are events, the rest places.
fn default_kind(geometry: Option<&geo::Geometry<f64>>, span: Span) -> Kind {
    match geometry {
        Some(geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_)) => Kind::Route,
        Some(geo::Geometry::Point(_)) if span.start.is_some() => Kind::Event,
        _ => Kind::Place,
    }
}

fn read_source(value: &Value) -> Result<Source, String> {
    let Value::Object(fields) = value else {
        return Err(format!(
            "expected a source object with \"title\", \"publisher\", \"url\" and \"date\", found {}",
            describe(value)
        ));
    };
    let field = |key: &str| -> Result<Option<String>, String> {
        match fields.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!("\"{key}\" must be text, found {}", describe(other))),
        }
    };
    let reference = match fields.get("ref") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(format!(
                "\"ref\" must be a number or text, found {}",
                describe(other)
            ))
        }
    };
    Ok(Source {
        reference,
        title: field("title")?,
        publisher: field("publisher")?,
        url: field("url")?,
        date: field("date")?,
    })
}

/// A short description of a JSON value for messages: its type and, when
/// short, the value itself.
pub(crate) fn describe(value: &Value) -> String {
    let kind = match value {
        Value::Null => return "null".into(),
        Value::Bool(b) => return format!("the boolean {b}"),
        Value::Number(n) => return format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => return format!("the text {s:?}"),
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    kind.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection(features: &str) -> String {
        format!(r#"{{"type": "FeatureCollection", "features": [{features}]}}"#)
    }

    fn messages(text: &str) -> Vec<String> {
        match read_collection("t.geojson", text) {
            Ok(_) => vec![],
            Err(e) => e.problems.iter().map(ToString::to_string).collect(),
        }
    }

    const POINT: &str = r#""geometry": {"type": "Point", "coordinates": [131.885, 43.115]}"#;

    #[test]
    fn syntax_errors_give_line_and_column() {
        let got = messages("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [,]\n}");
        assert_eq!(got.len(), 1);
        assert!(
            got[0].starts_with("line 3, column 16: not valid JSON"),
            "{got:?}"
        );
    }

    #[test]
    fn a_feature_with_a_bad_date_is_named_by_index_id_and_property() {
        let text = collection(&format!(
            r#"{{"type": "Feature", "id": "ok", {POINT}, "properties": {{}}}},
               {{"type": "Feature", "id": "x", {POINT}, "properties": {{"start": "2024-10-32"}}}}"#
        ));
        let got = messages(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with(
                "feature 1 (id \"x\"), property \"start\" at features[1].properties.start:"
            ),
            "{got:?}"
        );
        assert!(got[0].contains("\"2024-10-32\""), "{got:?}");
    }

    #[test]
    fn every_problem_is_listed_not_only_the_first() {
        let text = collection(&format!(
            r#"{{"type": "Feature", {POINT}, "properties": {{"kind": "ship", "confidence": "sure"}}}},
               {{"type": "Feature", {POINT}, "properties": {{"start": "2024-10-13", "end": "2024-10-08"}}}}"#
        ));
        let got = messages(&text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].contains("\"ship\" is not a kind"));
        assert!(got[1].contains("\"sure\" is not a confidence label"));
        assert!(got[2].contains("backwards"));
    }

    #[test]
    fn a_date_only_end_on_the_start_day_is_not_backwards() {
        let text = collection(&format!(
            r#"{{"type": "Feature", {POINT}, "properties": {{"start": "2024-10-13T08:00Z", "end": "2024-10-13"}}}},
               {{"type": "Feature", {POINT}, "properties": {{"start": "2024-10-13T23:30-02:00", "end": "2024-10-14"}}}}"#
        ));
        assert_eq!(messages(&text), Vec::<String>::new());
        let text = collection(&format!(
            r#"{{"type": "Feature", {POINT}, "properties": {{"start": "2024-10-14T00:00Z", "end": "2024-10-13"}}}}"#
        ));
        assert_eq!(messages(&text).len(), 1);
    }

    #[test]
    fn the_wrong_top_level_type_is_refused() {
        assert_eq!(
            messages("[]"),
            vec!["expected a GeoJSON FeatureCollection object, found an array"]
        );
        assert_eq!(
            messages(r#"{"type": "Topology"}"#),
            vec!["at type: expected \"FeatureCollection\", found \"Topology\""]
        );
    }

    #[test]
    fn the_raw_feature_is_kept_as_it_came() {
        let text = collection(&format!(
            r#"{{"type": "Feature", "id": 7, "zeta": [1, {{"b": null}}], {POINT}, "properties": {{"z": 1, "a": "é"}}, "alpha": true}}"#
        ));
        let data = read_collection("t", &text).unwrap();
        let feature = &data.features[0];
        assert_eq!(feature.id, Some(FeatureId::Number(7.into())));
        let keys: Vec<&str> = feature.raw.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["type", "id", "zeta", "geometry", "properties", "alpha"]
        );
    }

    #[test]
    fn kind_defaults_follow_the_geometry() {
        let text = collection(
            r#"{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "properties": null},
               {"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, 0]}, "properties": {"start": "2024-10-18"}},
               {"type": "Feature", "geometry": null, "properties": {}}"#,
        );
        let data = read_collection("t", &text).unwrap();
        let kinds: Vec<Kind> = data.features.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [Kind::Route, Kind::Event, Kind::Place]);
    }
}
