//! The common feature read straight from its text into what the map keeps,
//! borrowing from the text, with no value built of its members or its
//! properties, and its geometry compact (a position in about 32 bytes, see
//! [`crate::geojson::geometry::compact`]): `type`, `id`, a `bbox`, a plain
//! `geometry` and `properties` whose
//! values are each of the type the map reads (or null), its sources plain
//! objects, no key given twice.
//!
//! Anything else gives up, and the feature is read as a value by
//! [`super::feature::read_feature`], which every problem and warning comes
//! from; what this gives for a feature it reads is what that gives (the
//! tests compare both on the bundled data, the fixtures and generated
//! files).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::cause::bbox_fault;
use super::feature::{compact_geometry, Fields, ReadFeature};
use super::parse::Quick;
use super::properties::{default_kind, Found};
use super::surprise::Surprise;
use crate::geojson::convention::{self, absent, ReadOptions, CONCERNS, TIME_KEYS};
use crate::geojson::geometry::compact::{Compact, GeometrySeed};
use crate::model::history::GradeHistory;
use crate::model::keys::KeySet;
use crate::model::statement::{SourceType, Stance};
use crate::model::{Confidence, FeatureId, Kind, Precision, RawText};

/// Feature `index` read from `text`, with its warnings; `None` unless it
/// is the common case this reads.
pub(super) fn read_typed(index: usize, text: &str, options: ReadOptions) -> Option<ReadFeature> {
    let mut de = serde_json::Deserializer::from_str(text);
    let feature = FeatureSeed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    let (Some(true), Some(geometry), Some(properties)) =
        (feature.is_feature, feature.geometry, feature.properties)
    else {
        return None;
    };
    // The id as text names the feature in its warnings, which few
    // features have: written only for those.
    let mut found = Found::new(index, None, Vec::new());
    let mut warnings = Vec::new();
    let geometry = geometry.map(|c| compact_geometry(c, &found, &mut warnings));
    let mut timing = convention::timing(&properties.times, geometry.as_ref(), options).ok()?;
    for (key, unused) in std::mem::take(&mut timing.unused) {
        found.warn(&key, Surprise::TimeNotUsed(unused));
    }
    warnings.append(&mut found.warnings);
    if let (false, Some(id)) = (warnings.is_empty(), &feature.id) {
        let id = id.to_string();
        for warning in &mut warnings {
            warning.id = Some(id.clone());
        }
    }
    let kind = properties
        .kind
        .unwrap_or_else(|| default_kind(geometry.as_ref(), timing.span));
    let fields = Fields {
        name: properties.name,
        timing,
        kind,
        confidence: properties.confidence,
        stance: properties.stance,
        source_type: properties.source_type,
        grades: GradeHistory::default(),
        precision: properties.precision,
        troops: properties.troops,
        reported: properties.reported,
        date_precision: properties.date_precision,
        label_direction: properties.label_direction,
        place: properties.place,
        has_concerns: properties.has_concerns,
        keys: properties.keys,
    };
    Some((
        fields.into_feature(feature.id, geometry, RawText::from("")),
        warnings,
    ))
}

/// Properties this does not read: read as values, with their problems.
const GIVE_UP: [&str; 1] = ["grades"];

#[derive(Default)]
struct TypedFeature {
    is_feature: Option<bool>,
    id: Option<FeatureId>,
    geometry: Option<Option<Compact>>,
    properties: Option<Properties>,
}

#[derive(Default)]
struct Properties {
    name: Option<String>,
    kind: Option<Kind>,
    confidence: Option<Confidence>,
    stance: Option<Stance>,
    source_type: Option<SourceType>,
    precision: Option<Precision>,
    troops: Option<f64>,
    reported: Option<String>,
    date_precision: bool,
    label_direction: Option<String>,
    place: Option<String>,
    has_concerns: bool,
    keys: KeySet,
    times: Map<String, Value>,
}

fn give_up<E: de::Error>() -> E {
    E::custom("not the common case")
}

/// A key as written, with no escape in it.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = &'de str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<&'de str, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = &'de str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<&'de str, E> {
        Ok(key)
    }
}

/// Each key once: a key given twice gives up.
fn first_time<'de, E: de::Error>(seen: &mut Vec<&'de str>, key: &'de str) -> Result<(), E> {
    if seen.contains(&key) {
        return Err(give_up());
    }
    seen.push(key);
    Ok(())
}

/// A value read whole, with no key given twice inside it.
fn value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Value, A::Error> {
    let mut twice = false;
    let value = map.next_value_seed(Quick(&mut twice))?;
    if twice {
        return Err(give_up());
    }
    Ok(value)
}

/// Text, or null; anything else gives up.
fn text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    match value(map)? {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text)),
        _ => Err(give_up()),
    }
}

/// One of a few names, or null; anything else gives up.
fn name<'de, A: MapAccess<'de>, T>(
    map: &mut A,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, A::Error> {
    match text(map)? {
        None => Ok(None),
        Some(text) => parse(&text).map(Some).ok_or_else(give_up),
    }
}

struct FeatureSeed;

impl<'de> DeserializeSeed<'de> for FeatureSeed {
    type Value = TypedFeature;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<TypedFeature, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed {
    type Value = TypedFeature;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TypedFeature, A::Error> {
        let mut feature = TypedFeature::default();
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            first_time(&mut seen, key)?;
            match key {
                "type" => feature.is_feature = Some(text(&mut map)?.as_deref() == Some("Feature")),
                "id" => {
                    feature.id = Some(match value(&mut map)? {
                        Value::String(s) => FeatureId::Text(s),
                        Value::Number(n) => FeatureId::Number(n),
                        _ => return Err(give_up()),
                    })
                }
                "geometry" => feature.geometry = Some(map.next_value_seed(GeometrySeed)?),
                "properties" => feature.properties = Some(map.next_value_seed(PropertiesSeed)?),
                // A box around the feature, as some tools write it.
                "bbox" => {
                    if bbox_fault(&value(&mut map)?).is_some() {
                        return Err(give_up());
                    }
                }
                _ => return Err(give_up()),
            }
        }
        Ok(feature)
    }
}

struct PropertiesSeed;

impl<'de> DeserializeSeed<'de> for PropertiesSeed {
    type Value = Properties;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Properties, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PropertiesSeed {
    type Value = Properties;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the properties")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Properties, A::Error> {
        let mut p = Properties {
            keys: KeySet::NONE,
            ..Properties::default()
        };
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            first_time(&mut seen, key)?;
            p.keys.insert(key);
            match key {
                "name" => p.name = text(&mut map)?,
                // Checked; read again when shown (see `super::shown`).
                "description" => {
                    text(&mut map)?;
                }
                "kind" => p.kind = name(&mut map, Kind::parse)?,
                "confidence" => p.confidence = name(&mut map, Confidence::parse)?,
                "stance" => p.stance = name(&mut map, Stance::parse)?,
                "source_type" => p.source_type = name(&mut map, SourceType::parse)?,
                "precision" => p.precision = name(&mut map, Precision::parse)?,
                "troops" => {
                    p.troops = match value(&mut map)? {
                        Value::Null => None,
                        Value::Number(n) => n.as_f64(),
                        _ => return Err(give_up()),
                    }
                }
                "sources" => {
                    map.next_value_seed(SourcesSeed)?;
                }
                "reported" => p.reported = value(&mut map)?.as_str().map(str::to_owned),
                "label_direction" => {
                    p.label_direction = value(&mut map)?.as_str().map(str::to_owned)
                }
                "place" => p.place = value(&mut map)?.as_str().map(str::to_owned),
                "date_precision" => p.date_precision = !absent(&value(&mut map)?),
                CONCERNS => {
                    p.has_concerns = true;
                    value(&mut map)?;
                }
                key if TIME_KEYS.contains(&key) => {
                    let time = value(&mut map)?;
                    p.times.insert(key.to_owned(), time);
                }
                key if GIVE_UP.contains(&key) => return Err(give_up()),
                // Not read by the map: kept only in the feature's text
                // (read as a value only to find a key given twice in it).
                _ => {
                    value(&mut map)?;
                }
            }
        }
        Ok(p)
    }
}

/// `sources`: an array of plain sources (null gives up, as rare as it is),
/// checked as [`super::properties`] reads them; they are read again when
/// shown (see `super::shown`).
struct SourcesSeed;

impl<'de> DeserializeSeed<'de> for SourcesSeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SourcesSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("sources")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(SourceSeed)?.is_some() {}
        Ok(())
    }
}

/// One source as [`super::properties`] reads it without a problem: text
/// fields, a `ref` of text or a number, notes of any kind (kept only when
/// they are text), no key given twice.
struct SourceSeed;

impl<'de> DeserializeSeed<'de> for SourceSeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SourceSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a source")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            first_time(&mut seen, key)?;
            match (key, value(&mut map)?) {
                ("title" | "publisher" | "url" | "date", Value::Null | Value::String(_)) => {}
                ("title" | "publisher" | "url" | "date", _) => return Err(give_up()),
                ("ref", Value::Null | Value::Number(_) | Value::String(_)) => {}
                ("ref", _) => return Err(give_up()),
                // Notes, and keys the map does not read.
                _ => {}
            }
        }
        Ok(())
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::geojson::read::feature::read_feature;
    use crate::geojson::read::parse_feature;
    use crate::geojson::scan::scan;

    /// The feature and its warnings as the slow path gives them, in words.
    fn slow(index: usize, text: &str) -> Option<String> {
        let (value, duplicates) = parse_feature(text).ok()?;
        let options = ReadOptions::default();
        let read = read_feature(index, value, Some(RawText::from("")), options, duplicates);
        Some(format!("{read:?}"))
    }

    /// Compares both ways on every feature of `text`; how many this read.
    fn compare(name: &str, text: &str) -> (usize, usize) {
        let Some(parts) = scan(text) else {
            return (0, 0);
        };
        let mut typed = 0;
        for (index, range) in parts.features.iter().enumerate() {
            let feature = &text[range.clone()];
            if let Some(read) = read_typed(index, feature, ReadOptions::default()) {
                typed += 1;
                let fast: Result<ReadFeature, Vec<crate::model::problem::Problem>> = Ok(read);
                assert_eq!(
                    Some(format!("{fast:?}")),
                    slow(index, feature),
                    "{name}, feature {index}: {feature}"
                );
            }
        }
        (typed, parts.features.len())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| e == "geojson" || e == "json")
            {
                out.push(path);
            }
        }
    }

    #[test]
    fn warnings_name_the_feature_by_its_id_as_the_value_path_does() {
        // Positions with an altitude, on features with ids of both kinds,
        // and one without.
        let text = r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "a-1", "geometry": {"type": "Point", "coordinates": [1, 2, 3]},
             "properties": {"start": "2024-10-08"}},
            {"type": "Feature", "id": 7, "geometry": {"type": "Point", "coordinates": [1, 2, 3]},
             "properties": {"start": "2024-10-08"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2, 3]},
             "properties": {"start": "2024-10-08"}}]}"#;
        assert_eq!(compare("ids", text), (3, 3));
        let ids: Vec<Vec<Option<String>>> = scan(text)
            .map(|parts| parts.features)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(i, r)| read_typed(i, &text[r.clone()], ReadOptions::default()))
            .map(|(_, warnings)| warnings.into_iter().map(|w| w.id).collect())
            .collect();
        let text_id = Some("a-1".to_owned());
        assert_eq!(ids, [vec![text_id], vec![Some("7".to_owned())], vec![None]]);
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn reads_what_the_value_path_reads_on_every_file_at_hand() {
        let mut paths = Vec::new();
        files(std::path::Path::new("assets"), &mut paths);
        files(std::path::Path::new("tests/fixtures"), &mut paths);
        assert!(paths.len() > 20, "{paths:?}");
        let mut read = (0, 0);
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let (typed, all) = compare(&path.display().to_string(), &text);
            read = (read.0 + typed, read.1 + all);
        }
        // Most features of the bundled data and fixtures are common ones.
        assert!(read.0 * 2 > read.1, "{read:?}");
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn reads_every_generated_feature_as_the_value_path_does() {
        for symbols in [false, true] {
            let mut out = Vec::new();
            assert!(crate::native::synth::write(1500, 9, &mut out).is_ok());
            let text = String::from_utf8(out).unwrap_or_default();
            assert_eq!(compare("synth", &text), (1500, 1500));
            let mut out = Vec::new();
            assert!(crate::native::synth::write_sightings(30, 20, symbols, 9, &mut out).is_ok());
            let text = String::from_utf8(out).unwrap_or_default();
            let (typed, all) = compare("sightings", &text);
            assert_eq!(typed, all);
        }
    }

    #[test]
    fn gives_up_where_the_value_path_has_something_to_say() {
        let point = r#""geometry": {"type": "Point", "coordinates": [1, 2]}"#;
        let given_up = [
            format!(r#"{{"type": "Feature", {point}, "properties": {{"name": 5}}}}"#),
            format!(r#"{{"type": "Feature", {point}, "properties": {{"kind": "camp"}}}}"#),
            format!(r#"{{"type": "Feature", {point}, "properties": {{"x": 1, "x": 2}}}}"#),
            format!(r#"{{"type": "Feature", {point}, "properties": {{"x": {{"a": 1, "a": 2}}}}}}"#),
            format!(
                r#"{{"type": "Feature", {point}, "properties": {{"sources": [{{"title": 1}}]}}}}"#
            ),
            format!(
                r#"{{"type": "Feature", {point}, "properties": {{"sources": [{{"u": 1, "u": 1}}]}}}}"#
            ),
            format!(
                r#"{{"type": "Feature", {point}, "properties": {{"start": "2024-02-01", "end": "2024-01-01"}}}}"#
            ),
            format!(r#"{{"type": "Feature", {point}, "properties": {{"grades": []}}}}"#),
            format!(
                r#"{{"type": "Feature", {point}, "properties": {{"description": {{"value": "v"}}}}}}"#
            ),
            format!(r#"{{"type": "Feature", {point}, "bbox": [1, 2, 1], "properties": {{}}}}"#),
            format!(r#"{{"type": "Feature", {point}, "crs": null, "properties": {{}}}}"#),
            format!(r#"{{"type": "Feature", {point}, "properties": null}}"#),
            format!(r#"{{"type": "Feature", {point}}}"#),
            format!(r#"{{"type": "Feature", "id": null, {point}, "properties": {{}}}}"#),
            format!(r#"{{"type": "Featur", {point}, "properties": {{}}}}"#),
            format!(r#"{{"type": "Feature", {point}, "properties": {{"n\u0061me": "x"}}}}"#),
            r#"{"type": "Feature", "properties": {}}"#.to_owned(),
        ];
        for text in given_up {
            assert!(
                read_typed(0, &text, ReadOptions::default()).is_none(),
                "{text}"
            );
        }
        let read = [
            format!(r#"{{"type": "Feature", "id": 7, {point}, "properties": {{"date": "2024-01-05", "time": "2023-01-01", "reported": 5}}}}"#),
            format!(r#"{{"type": "Feature", {point}, "properties": {{"sources": [{{"ref": 3, "via": 1, "note": "n", "x": [1]}}], "date_precision": ""}}}}"#),
            format!(r#"{{"type": "Feature", {point}, "bbox": [1, 2, 1, 2], "properties": {{}}}}"#),
            r#"{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2, 3], [4, 5]]}, "properties": {"times": ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"], "unit": "u"}}"#.to_owned(),
        ];
        for text in read {
            assert_eq!(
                compare(
                    "case",
                    &format!(r#"{{"type": "FeatureCollection", "features": [{text}]}}"#)
                ),
                (1, 1),
                "{text}"
            );
        }
    }
}
