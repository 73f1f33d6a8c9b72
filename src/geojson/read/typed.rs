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

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::cause::bbox_fault;
use super::feature::{compact_geometry, Fields, ReadFeature};
use super::look::Seen;
use super::properties::{default_kind, Found};
use super::surprise::Surprise;
use super::values::{give_up, kept, look, name, text, value, Key, Keys, SourcesSeed};
use crate::geojson::convention::{self, absent, ReadOptions, CONCERNS, INSTANT_KEYS, TIME_KEYS};
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
    typed(index, feature, options)
}

/// Why [`read_typed_from`] did not read a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unread {
    /// The text ends before the feature does.
    Cut,
    /// Not the common case (or not JSON): read it as a value.
    Other,
}

/// Feature `index` read from the start of `bytes`, which go on after it
/// (to a file's end, or to where its bytes so far end): what
/// [`read_typed`] gives for the feature's own text, and how many bytes
/// long that is. The text is looked at first to about `reach` bytes (as
/// far again if the feature goes on), so that what follows it is not
/// checked as UTF-8 again for each feature.
pub(super) fn read_typed_from(
    index: usize,
    bytes: &[u8],
    reach: usize,
    options: ReadOptions,
) -> Result<(ReadFeature, usize), Unread> {
    let mut reach = reach.max(1);
    loop {
        let end = reach.min(bytes.len());
        let (text, bad) = match std::str::from_utf8(&bytes[..end]) {
            Ok(text) => (text, false),
            // Bytes that are not UTF-8, or a character cut where the reach
            // ends: the text before them (checked again, rarely).
            Err(e) => (
                std::str::from_utf8(&bytes[..e.valid_up_to()]).map_err(|_| Unread::Other)?,
                e.error_len().is_some(),
            ),
        };
        let mut values = serde_json::Deserializer::from_str(text).into_iter::<Whole>();
        match values.next() {
            Some(Ok(Whole(feature))) => {
                let length = values.byte_offset();
                return typed(index, feature, options)
                    .map(|read| (read, length))
                    .ok_or(Unread::Other);
            }
            Some(Err(e)) if e.is_eof() && !bad => {
                if end == bytes.len() {
                    return Err(Unread::Cut);
                }
                reach = reach.saturating_mul(2);
            }
            _ => return Err(Unread::Other),
        }
    }
}

/// A feature read by [`FeatureSeed`], as one value of a stream.
struct Whole<'de>(TypedFeature<'de>);

impl<'de> de::Deserialize<'de> for Whole<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Whole<'de>, D::Error> {
        FeatureSeed.deserialize(deserializer).map(Whole)
    }
}

/// The feature `read_typed` read, as the map keeps it.
fn typed(index: usize, feature: TypedFeature<'_>, options: ReadOptions) -> Option<ReadFeature> {
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
    let instant = properties
        .instant
        .as_ref()
        .map(|(key, text)| (*key, text.as_ref()));
    let (start, end) = (properties.start.as_deref(), properties.end.as_deref());
    // Most features' times are `start` and `end`, or one instant, as
    // text: read with no map made of them.
    let fast = (properties.times.is_empty())
        .then(|| convention::texts(start, end, instant, options.date_order))
        .flatten();
    let timing = match fast {
        Some(timing) => timing,
        // The others, and faults, the long way.
        None => {
            let mut times = properties.times;
            let texts = [("start", start), ("end", end)]
                .into_iter()
                .chain(instant.map(|(k, t)| (k, Some(t))));
            for (key, text) in texts {
                if let Some(text) = text {
                    times.insert(key.to_owned(), Value::String(text.to_owned()));
                }
            }
            let mut timing = convention::timing(&times, geometry.as_ref(), options).ok()?;
            for (key, unused) in std::mem::take(&mut timing.unused) {
                found.warn(&key, Surprise::TimeNotUsed(unused));
            }
            timing
        }
    };
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
struct TypedFeature<'de> {
    is_feature: Option<bool>,
    id: Option<FeatureId>,
    geometry: Option<Option<Compact>>,
    properties: Option<Properties<'de>>,
}

#[derive(Default)]
struct Properties<'de> {
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
    /// `start` and `end` as text (none when absent or blank).
    start: Option<Cow<'de, str>>,
    end: Option<Cow<'de, str>>,
    /// One of [`INSTANT_KEYS`], as text.
    instant: Option<(&'static str, Cow<'de, str>)>,
    /// The other time-looking properties.
    times: Map<String, Value>,
}

struct FeatureSeed;

impl<'de> DeserializeSeed<'de> for FeatureSeed {
    type Value = TypedFeature<'de>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<TypedFeature<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed {
    type Value = TypedFeature<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TypedFeature<'de>, A::Error> {
        let mut feature = TypedFeature::default();
        let mut seen = Keys::default();
        while let Some(key) = map.next_key_seed(Key)? {
            seen.first_time(key)?;
            match key {
                "type" => {
                    feature.is_feature = Some(text(&mut map, true)?.as_deref() == Some("Feature"))
                }
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
    type Value = Properties<'de>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Properties<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PropertiesSeed {
    type Value = Properties<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the properties")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Properties<'de>, A::Error> {
        let mut p = Properties {
            keys: KeySet::NONE,
            ..Properties::default()
        };
        let mut seen = Keys::default();
        while let Some(key) = map.next_key_seed(Key)? {
            seen.first_time(key)?;
            p.keys.insert(key);
            match key {
                "name" => p.name = text(&mut map, true)?.map(Cow::into_owned),
                // Checked; read again when shown (see `super::shown`).
                "description" => {
                    text(&mut map, true)?;
                }
                "kind" => p.kind = name(&mut map, Kind::parse)?,
                "confidence" => p.confidence = name(&mut map, Confidence::parse)?,
                "stance" => p.stance = name(&mut map, Stance::parse)?,
                "source_type" => p.source_type = name(&mut map, SourceType::parse)?,
                "precision" => p.precision = name(&mut map, Precision::parse)?,
                "troops" => {
                    p.troops = match look(&mut map)? {
                        Seen::Null => None,
                        Seen::Number(n) => n.as_f64(),
                        _ => return Err(give_up()),
                    }
                }
                "sources" => {
                    map.next_value_seed(SourcesSeed)?;
                }
                "reported" => p.reported = text(&mut map, false)?.map(Cow::into_owned),
                "label_direction" => {
                    p.label_direction = text(&mut map, false)?.map(Cow::into_owned)
                }
                "place" => p.place = text(&mut map, false)?.map(Cow::into_owned),
                "date_precision" => p.date_precision = !absent(&value(&mut map)?),
                CONCERNS => {
                    p.has_concerns = true;
                    look(&mut map)?;
                }
                // `start`, `end` and one instant as text, borrowed; the
                // others as values.
                key if TIME_KEYS.contains(&key) => {
                    let instant = INSTANT_KEYS.into_iter().find(|k| *k == key);
                    match (kept(&mut map)?, key, instant) {
                        // Nothing said, as `convention::absent` reads it.
                        (Seen::Null, ..) => {}
                        (Seen::Text(text), ..) if text.trim().is_empty() => {}
                        (Seen::Text(text), "start", _) => p.start = Some(text),
                        (Seen::Text(text), "end", _) => p.end = Some(text),
                        (Seen::Text(text), _, Some(key)) if p.instant.is_none() => {
                            p.instant = Some((key, text))
                        }
                        (seen, ..) => {
                            p.times.insert(key.to_owned(), seen.into_value());
                        }
                    }
                }
                key if GIVE_UP.contains(&key) => return Err(give_up()),
                // Not read by the map: kept only in the feature's text
                // (looked at only to find a key given twice in it).
                _ => {
                    look(&mut map)?;
                }
            }
        }
        Ok(p)
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

    #[cfg(not(target_arch = "wasm32"))]
    /// Holds `read_typed_from` to `read_typed` on every feature of
    /// `text`, read from its bytes with what follows it, however far it
    /// looks first; and a feature cut short is told as such.
    fn from_the_bytes_as_from_the_text(name: &str, text: &str) {
        let Some(parts) = scan(text) else {
            return;
        };
        let options = ReadOptions::default();
        for (index, range) in parts.features.iter().enumerate() {
            let feature = &text[range.clone()];
            let bytes = &text.as_bytes()[range.start..];
            let alone = read_typed(index, feature, options).map(|read| format!("{read:?}"));
            for reach in [1, 100, 4096, usize::MAX] {
                let got = read_typed_from(index, bytes, reach, options);
                let got = got.map(|(read, length)| (format!("{read:?}"), length));
                match &alone {
                    Some(read) => {
                        assert_eq!(got, Ok((read.clone(), feature.len())), "{name} {index}")
                    }
                    None => assert_eq!(got, Err(Unread::Other), "{name} {index}"),
                }
                if alone.is_some() {
                    for cut in [1, feature.len() / 2, feature.len() - 1] {
                        let got = read_typed_from(index, &bytes[..cut], reach, options);
                        assert_eq!(got.err(), Some(Unread::Cut), "{name} {index} cut at {cut}");
                    }
                }
            }
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn reads_from_the_bytes_what_it_reads_from_the_text_alone() {
        let mut out = Vec::new();
        assert!(crate::native::synth::write(300, 5, &mut out).is_ok());
        from_the_bytes_as_from_the_text("synth", &String::from_utf8(out).unwrap_or_default());
        let mut paths = Vec::new();
        files(std::path::Path::new("tests/fixtures"), &mut paths);
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            from_the_bytes_as_from_the_text(&path.display().to_string(), &text);
        }
        // Bytes that are not UTF-8 in the feature are not read; after it,
        // they are not its concern.
        let feature =
            r#"{"type": "Feature", "geometry": null, "properties": {"name": "AB", "x": ["AB"]}}"#;
        for (at, _) in feature.match_indices('A') {
            let mut bytes = feature.as_bytes().to_vec();
            bytes[at] = 0xff;
            for reach in [1, 4096] {
                let got = read_typed_from(0, &bytes, reach, ReadOptions::default());
                assert_eq!(got.err(), Some(Unread::Other));
            }
        }
        let mut bytes = feature.as_bytes().to_vec();
        bytes.extend_from_slice(b", \xff");
        let got = read_typed_from(0, &bytes, 1, ReadOptions::default());
        assert_eq!(got.map(|(_, length)| length).ok(), Some(feature.len()));
    }

    #[test]
    fn tags_of_many_keys_are_read_here_and_given_twice_are_not() {
        let tags: Vec<String> = (0..40).map(|i| format!(r#""tag{i}": "v{i}""#)).collect();
        let feature = |tags: &str| {
            format!(
                r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "geometry": null, "properties": {{"tags": {{{tags}}}}}}}]}}"#
            )
        };
        assert_eq!(compare("tags", &feature(&tags.join(", "))), (1, 1));
        let twice = format!(r#"{}, "tag7": "again""#, tags.join(", "));
        assert_eq!(compare("tags twice", &feature(&twice)), (0, 1));
    }

    #[test]
    fn start_and_end_alone_are_read_as_the_value_path_reads_them() {
        // Text, blank, null, numbers, a cut day, backwards, escapes, and
        // beside another time-looking property or per-vertex times.
        let values = [
            None,
            Some(r#""2024-10-08""#),
            Some(r#""2024-10-13T06:00:00Z""#),
            Some(r#""08/10/2024""#),
            Some(r#""  ""#),
            Some(r#""""#),
            Some("null"),
            Some("1728345600"),
            Some("20241008"),
            Some(r#""2024-13-40""#),
            Some(r#""2024-10-09""#),
            Some("[1]"),
        ];
        let mut features = Vec::new();
        for start in values {
            for end in values {
                for more in [
                    "",
                    r#", "date": "2024-10-10""#,
                    r#", "times": ["2024-10-09"]"#,
                ] {
                    let bound = |key: &str, value: Option<&str>| {
                        value.map_or(String::new(), |v| format!(r#", "{key}": {v}"#))
                    };
                    features.push(format!(
                        r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [1, 2]}}, "properties": {{"name": "x"{}{}{more}}}}}"#,
                        bound("start", start),
                        bound("end", end)
                    ));
                }
            }
        }
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        );
        let (typed, all) = compare("start and end", &text);
        assert_eq!(all, values.len() * values.len() * 3);
        // Those read here are more than a third: those with no fault or
        // note to tell.
        assert!(typed * 3 > all, "{typed} of {all}");
    }

    #[test]
    fn properties_of_many_keys_are_read_here_and_a_key_given_twice_is_not() {
        let keys: Vec<String> = (0..30).map(|i| format!(r#""p{i}": {i}"#)).collect();
        let feature = |keys: &str| {
            format!(
                r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "geometry": null, "properties": {{{keys}}}}}]}}"#
            )
        };
        assert_eq!(compare("30 keys", &feature(&keys.join(", "))), (1, 1));
        // Again among the first sixteen, after them, and across.
        for (again, at) in [(3, 10), (3, 25), (20, 28), (15, 16)] {
            let mut twice = keys.clone();
            twice.insert(at, format!(r#""p{again}": "again""#));
            assert_eq!(
                compare("twice", &feature(&twice.join(", "))),
                (0, 1),
                "{again} at {at}"
            );
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
