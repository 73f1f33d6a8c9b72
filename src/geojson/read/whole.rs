//! Reading a document parsed whole, when it is not plainly a
//! FeatureCollection (a single Feature, a bare geometry, a wrapped
//! collection) or a part of it is not valid JSON; and the collection's own
//! warnings, which both ways of reading give.

use serde_json::{Map, Value};

use super::cause::{CollectionCause, Warning};
use super::collect::Collector;
use super::json_error::{char_column, syntax_error};
use super::parse::{parse, DuplicateKey, Step};
use super::surprise::{forbidden_members, GeoJsonObject, Surprise};
use crate::geojson::convention::ReadOptions;
use crate::geojson::found::FoundValue;
use crate::geojson::geometry::GEOMETRY_TYPES;
use crate::model::problem::Problem;
use crate::model::Dataset;

/// Reads the whole text as one JSON value, then as a collection.
pub(super) fn read_whole(text: &str, options: ReadOptions) -> Result<Dataset, Vec<Problem>> {
    let (value, twice) = parse(text).map_err(|e| {
        let mut problem = Problem::at_path("", syntax_error(&e, text));
        problem.line_column = Some((e.line(), char_column(text, e.line(), e.column())));
        vec![problem]
    })?;
    read_value(value, twice, options)
}

/// Reads a document parsed whole; `twice` are the keys its text gives
/// twice, their paths from the document.
fn read_value(
    value: Value,
    twice: Vec<DuplicateKey>,
    options: ReadOptions,
) -> Result<Dataset, Vec<Problem>> {
    let Value::Object(mut members) = value else {
        let found = FoundValue::of(&value);
        return Err(vec![Problem::at_path(
            "",
            CollectionCause::NotAnObject { found },
        )]);
    };
    let mut warnings = Vec::new();
    // The keys given twice in each feature, from the feature.
    let mut in_features: Vec<Vec<DuplicateKey>> = Vec::new();
    let mut in_collection = Vec::new();
    let refused = |cause: CollectionCause| Err(vec![Problem::at_path("type", cause)]);
    match members.get("type") {
        Some(Value::String(t)) if t == "FeatureCollection" => {
            for duplicate in twice {
                match duplicate.path.get(..2) {
                    Some([Step::Key(k), Step::Index(i)]) if k == "features" => {
                        let i = *i;
                        if in_features.len() <= i {
                            in_features.resize_with(i + 1, Vec::new);
                        }
                        in_features[i].push(duplicate.below(2));
                    }
                    _ => in_collection.push(duplicate),
                }
            }
        }
        Some(Value::String(t)) if t == "Feature" => {
            in_features.push(twice);
            warnings.push(Problem::at_path("type", Warning::SingleFeature));
            let feature = Value::Object(std::mem::take(&mut members));
            members.insert("type".into(), Value::String("FeatureCollection".into()));
            members.insert("features".into(), Value::Array(vec![feature]));
        }
        Some(Value::String(t)) if GEOMETRY_TYPES.contains(&t.as_str()) => {
            let geometry = Step::Key("geometry".to_owned());
            in_features.push(
                twice
                    .into_iter()
                    .map(|mut d| {
                        d.path.insert(0, geometry.clone());
                        d
                    })
                    .collect(),
            );
            warnings.push(Problem::at_path(
                "type",
                Warning::BareGeometry { kind: t.clone() },
            ));
            let geometry = Value::Object(std::mem::take(&mut members));
            let mut feature = Map::new();
            feature.insert("type".into(), Value::String("Feature".into()));
            feature.insert("geometry".into(), geometry);
            feature.insert("properties".into(), Value::Null);
            members.insert("type".into(), Value::String("FeatureCollection".into()));
            members.insert(
                "features".into(),
                Value::Array(vec![Value::Object(feature)]),
            );
        }
        Some(Value::String(t)) => return refused(CollectionCause::WrongType { name: t.clone() }),
        Some(other) => {
            let found = FoundValue::of(other);
            return refused(CollectionCause::TypeNotText { found });
        }
        None => {
            return read_wrapped(&members, twice, options)
                .unwrap_or_else(|| refused(CollectionCause::NoType))
        }
    }
    warnings.extend(collection_duplicates(in_collection));
    warnings.extend(collection_warnings(&members));
    // The features are taken out; an empty array keeps their place among
    // the members, so that export writes them back in the same order.
    let features = match members.get_mut("features") {
        Some(Value::Array(features)) => std::mem::take(features),
        Some(other) => {
            let found = FoundValue::of(other);
            let cause = CollectionCause::FeaturesNotArray { found };
            return Err(vec![Problem::at_path("features", cause)]);
        }
        None => {
            let cause = CollectionCause::NoFeatures;
            return Err(vec![Problem::at_path("features", cause)]);
        }
    };
    let mut collector = Collector::new(options, warnings);
    let mut in_features = in_features.into_iter();
    for (index, feature) in features.into_iter().enumerate() {
        let twice = in_features.next().unwrap_or_default();
        collector.add(index, feature, None, twice);
    }
    collector.finish(members)
}

/// A collection some tools wrap in another object
/// (`{"data": {"type": "FeatureCollection", ...}}`), read with every path
/// under the member it is in; `None` when there is none.
fn read_wrapped(
    members: &Map<String, Value>,
    twice: Vec<DuplicateKey>,
    options: ReadOptions,
) -> Option<Result<Dataset, Vec<Problem>>> {
    let (key, inner) = members
        .iter()
        .find(|(_, v)| v.get("type").and_then(Value::as_str) == Some("FeatureCollection"))?;
    let prefix = |mut p: Problem| {
        p.path = if p.path.is_empty() {
            key.clone()
        } else {
            format!("{key}.{}", p.path)
        };
        p
    };
    // Keys given twice outside the collection are in what is not loaded.
    let inside = twice
        .into_iter()
        .filter(|d| matches!(d.path.first(), Some(Step::Key(k)) if k == key))
        .map(|d| d.below(1))
        .collect();
    let read = read_value(inner.clone(), inside, options).map(|mut data| {
        data.warnings = data.warnings.into_iter().map(prefix).collect();
        let wrapped = Warning::Wrapped { key: key.clone() };
        data.warnings
            .insert(0, Problem::at_path(key.as_str(), wrapped));
        data
    });
    Some(read.map_err(|problems| problems.into_iter().map(prefix).collect()))
}

/// Warnings about the collection itself.
pub(super) fn collection_warnings(members: &Map<String, Value>) -> Vec<Problem> {
    let mut warnings = Vec::new();
    if members.contains_key("crs") {
        warnings.push(Problem::at_path("crs", Warning::Crs));
    }
    for (path, surprise) in forbidden_members(GeoJsonObject::FeatureCollection, members) {
        warnings.push(Problem::at_path(path, surprise));
    }
    warnings
}

/// Warnings for the keys the collection's text gives twice, outside its
/// features.
pub(super) fn collection_duplicates(twice: Vec<DuplicateKey>) -> Vec<Problem> {
    twice
        .into_iter()
        .map(|d| {
            let path = d.written_from(0);
            let cause = Surprise::DuplicateKey {
                key: d.key,
                times: d.times,
                used: d.used,
            };
            Problem::at_path(path, cause)
        })
        .collect()
}
