//! Reading a GeoJSON FeatureCollection (RFC 7946) into a [`Dataset`].
//!
//! Reading never changes what it was given: each feature's object is kept as
//! it came, and the parsed fields sit beside it.

use std::sync::Arc;

use serde_json::{Map, Value};

pub mod cause;
mod collect;
mod feature;
mod finder;
mod ids;
pub(crate) mod json_error;
mod look;
pub mod parse;
mod properties;
pub mod shown;
pub mod stream;
pub mod surprise;
mod typed;
mod values;
mod warning;
mod whole;
mod years;

use cause::Warning;
use collect::Collector;
use parse::{parse, Repeats, Step};
use typed::read_typed;
use whole::{collection_duplicates, collection_warnings, read_whole};

use crate::geojson::convention::ReadOptions;
use crate::geojson::found::FoundValue;
use crate::model::problem::{capped, LoadError, Problem};
use crate::model::{Dataset, LoadedFile, RawText};

/// Every property the map reads, with a meaning of its own; other tools'
/// files (and converted tables) must not use these names for anything else.
pub const READ_PROPERTIES: [&str; 24] = [
    "name",
    "kind",
    "start",
    "end",
    "confidence",
    "sources",
    "troops",
    "description",
    "precision",
    "time",
    "date",
    "datetime",
    "timestamp",
    "times",
    "coordTimes",
    "coordinateProperties",
    "label_direction",
    "date_precision",
    "reported",
    "place",
    "stance",
    "source_type",
    "grades",
    crate::geojson::convention::CONCERNS,
];

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

/// [`read_collection_with`] on text the features keep parts of: the file is
/// then in memory once, however many features it has.
pub fn read_collection_shared(
    file: &str,
    text: String,
    options: ReadOptions,
) -> Result<Dataset, LoadError> {
    Reader::new_shared(file, &Arc::new(text), options).finish()
}

/// [`read_collection`], with choices the person made for this file (how
/// to read `03/04/2024`).
pub fn read_collection_with(
    file: &str,
    text: &str,
    options: ReadOptions,
) -> Result<Dataset, LoadError> {
    Reader::new(file, text, options).finish()
}

/// Reads a collection a few features at a time, so that a page can draw
/// and show progress between steps; gives exactly what
/// [`read_collection_with`] gives.
///
/// ```
/// let text = r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": null, "properties": {}},
///   {"type": "Feature", "geometry": null, "properties": {}}]}"#;
/// let mut reader = troopmap::geojson::read::Reader::new("two", text, Default::default());
/// assert_eq!(reader.progress(), (0, 2));
/// assert!(!reader.step(1));
/// assert_eq!(reader.progress(), (1, 2));
/// while !reader.step(1) {}
/// assert_eq!(reader.finish().unwrap().features.len(), 2);
/// ```
pub struct Reader<'a> {
    file: String,
    /// The text, without a byte-order mark.
    text: &'a str,
    bom: bool,
    /// The whole file's text, when the features may keep parts of it
    /// instead of copies.
    shared: Option<Arc<String>>,
    options: ReadOptions,
    /// `None` when the text is read whole at the end: it is not plainly a
    /// FeatureCollection, or a part of it is not valid JSON (the whole
    /// parse then says exactly where).
    parts: Option<Steps>,
}

struct Steps {
    members: Map<String, Value>,
    features: Vec<std::ops::Range<usize>>,
    next: usize,
    collector: Collector,
}

impl<'a> Reader<'a> {
    /// Finds the collection's parts; reads nothing yet.
    pub fn new(file: &str, text: &'a str, options: ReadOptions) -> Reader<'a> {
        // Some editors start UTF-8 files with a byte-order mark, which JSON
        // does not allow; it carries nothing, so it is skipped.
        let (text, bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let parts =
            crate::geojson::scan::scan(text).and_then(|parts| Steps::new(text, parts, options));
        Reader {
            file: file.to_owned(),
            text,
            bom,
            shared: None,
            options,
            parts,
        }
    }

    /// [`Reader::new`] on a file's text that the features then share: each
    /// keeps its part of `whole`, not a copy.
    pub fn new_shared(file: &str, whole: &'a Arc<String>, options: ReadOptions) -> Reader<'a> {
        let mut reader = Reader::new(file, whole.as_str(), options);
        reader.shared = Some(Arc::clone(whole));
        reader
    }

    /// Features read so far, and in all (0 of 0 when read whole at the end).
    pub fn progress(&self) -> (usize, usize) {
        self.parts
            .as_ref()
            .map_or((0, 0), |p| (p.next, p.features.len()))
    }

    /// Reads up to `count` more features; `true` when none are left.
    pub fn step(&mut self, count: usize) -> bool {
        let Some(steps) = &mut self.parts else {
            return true;
        };
        let end = steps.next.saturating_add(count).min(steps.features.len());
        while steps.next < end {
            let index = steps.next;
            let range = steps.features[index].clone();
            let text = &self.text[range.clone()];
            let raw = match &self.shared {
                // Ranges count from after the byte-order mark.
                Some(whole) => {
                    let skip = if self.bom { '\u{feff}'.len_utf8() } else { 0 };
                    RawText::shared(whole, range.start + skip..range.end + skip)
                        .unwrap_or_else(|| RawText::from(text))
                }
                None => RawText::from(text),
            };
            if let Some((mut feature, warnings)) = read_typed(index, text, self.options) {
                feature.raw = raw;
                steps.collector.add_read(index, (feature, warnings));
                steps.next += 1;
                continue;
            }
            match parse_feature(text) {
                Ok((value, duplicates)) => {
                    steps.collector.add(index, value, Some(raw), duplicates);
                }
                Err(_) => {
                    // Broken JSON: the whole parse gives its line and column.
                    self.parts = None;
                    return true;
                }
            }
            steps.next += 1;
        }
        steps.next == steps.features.len()
    }

    /// The collection, or every problem that refused it.
    pub fn finish(mut self) -> Result<Dataset, LoadError> {
        while !self.step(usize::MAX) {}
        let result = match self.parts.take() {
            Some(steps) => steps.collector.finish(steps.members),
            None => read_whole(self.text, self.options),
        };
        completed(&self.file, result, self.bom)
    }
}

/// One feature's text the typed reader left (see [`typed`]), parsed as a
/// value, which every message comes from; and the keys it gives twice.
/// `Err` for text that is not JSON.
fn parse_feature(text: &str) -> Result<(Value, Vec<parse::DuplicateKey>), ()> {
    parse(text).map_err(|_| ())
}

/// The data read from `file` (`bom`: after a byte-order mark), with its
/// warnings capped, or what refused it.
fn completed(
    file: &str,
    result: Result<Dataset, Vec<Problem>>,
    bom: bool,
) -> Result<Dataset, LoadError> {
    let mut data = result.map_err(|problems| LoadError::of(file, problems))?;
    if bom {
        let skipped = Problem::at_path("", Warning::ByteOrderMark);
        data.warnings.insert(0, skipped);
    }
    (data.warnings, data.warnings_left_out) = capped(std::mem::take(&mut data.warnings));
    data.files = vec![LoadedFile::new(file, &data)];
    Ok(data)
}

/// A plain FeatureCollection's members (`features` as an empty array, in
/// its place), parsed, and the collection's own warnings; `None` for any
/// other shape, which is read whole.
fn head<'a>(
    text: &dyn Fn(std::ops::Range<usize>) -> Option<std::borrow::Cow<'a, str>>,
    parts: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
) -> Option<(Map<String, Value>, Vec<Problem>)> {
    let mut members = Map::new();
    let mut has_features = false;
    let mut twice = Repeats::default();
    for (raw_key, value) in parts {
        let raw_key = text(raw_key)?;
        let key: String = serde_json::from_str(&raw_key).ok()?;
        let value = if key == "features" {
            // Only one plainly written array is split into features;
            // anything else ("\u0066eatures", a second "features", not
            // an array) is read whole, as serde_json reads it.
            let first = text(value.start..value.start + 1)?;
            if has_features || raw_key != "\"features\"" || first != "[" {
                return None;
            }
            has_features = true;
            // An empty array keeps the features' place among the members,
            // so that export writes them back in the same order.
            Value::Array(Vec::new())
        } else {
            let (value, inner) = parse(&text(value)?).ok()?;
            for mut found in inner {
                found.path.insert(0, Step::Key(key.clone()));
                twice.add(found);
            }
            value
        };
        if members.insert(key.clone(), value).is_some() {
            let used = members.get(&key).map_or(FoundValue::Null, FoundValue::of);
            twice.again(&[], &key, used);
        }
    }
    let plain =
        has_features && members.get("type").and_then(Value::as_str) == Some("FeatureCollection");
    if !plain {
        return None;
    }
    let mut warnings = collection_duplicates(twice.into_found());
    warnings.extend(collection_warnings(&members));
    Some((members, warnings))
}

impl Steps {
    /// The members of a plain FeatureCollection, parsed; `None` for any other
    /// shape, which is read whole.
    fn new(text: &str, parts: crate::geojson::scan::Parts, options: ReadOptions) -> Option<Steps> {
        let part = |range| text.get(range).map(std::borrow::Cow::Borrowed);
        let (members, warnings) = head(&part, parts.members)?;
        Some(Steps {
            collector: Collector::new(options, warnings),
            members,
            features: parts.features,
            next: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FeatureId, Kind};

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
    fn the_same_number_written_twice_is_a_duplicate_id_a_text_is_not() {
        let text = collection(&format!(
            r#"{{"type": "Feature", "id": 1, {POINT}, "properties": {{}}}},
               {{"type": "Feature", "id": 1.0, {POINT}, "properties": {{}}}},
               {{"type": "Feature", "id": "1", {POINT}, "properties": {{}}}}"#
        ));
        let warnings: Vec<String> = match read_collection("t", &text) {
            Ok(data) => data.warnings.iter().map(ToString::to_string).collect(),
            Err(e) => panic!("{e}"),
        };
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("feature 1 (id \"1.0\")"),
            "{warnings:?}"
        );
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
    fn past_the_first_hundred_problems_the_rest_are_counted_even_when_wrapped() {
        let bad = format!(r#"{{"type": "Feature", {POINT}, "properties": {{"kind": "ship"}}}}"#);
        let features = vec![bad; 105].join(",");
        for text in [
            collection(&features),
            format!(r#"{{"data": {}}}"#, collection(&features)),
        ] {
            let verdict = crate::model::verdict::verdict("f", &read_collection("f", &text));
            let lines: Vec<&str> = verdict.lines().collect();
            assert_eq!(lines[0], "f was not loaded: 105 problems");
            assert_eq!(lines.len(), 1 + 100 + 1);
            assert_eq!(lines[101], "  … and 5 more");
        }
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
    fn reading_in_steps_gives_what_reading_whole_gives() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        files.retain(|p| p.extension().is_some_and(|e| e == "geojson"));
        files.push(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets/data/nk-deployment-2024.geojson"),
        );
        assert!(files.len() > 40);
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.trim_start_matches('\u{feff}');
            let mut reader = Reader::new("f", text, ReadOptions::default());
            while !reader.step(1) {}
            let stepped = crate::model::verdict::verdict("f", &reader.finish());
            let whole = read_whole(text, ReadOptions::default())
                .map(|mut data| {
                    (data.warnings, data.warnings_left_out) = capped(data.warnings);
                    data
                })
                .map_err(|problems| LoadError::of("f", problems));
            assert_eq!(
                stepped,
                crate::model::verdict::verdict("f", &whole),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn syntax_error_columns_count_characters() {
        let got = messages("{\"a\": \"Владивосток\", x}");
        assert!(got[0].starts_with("line 1, column 22:"), "{got:?}");
        let got = messages("{\"type\": \"FeatureCollection\", \"features\": [\n\t\tNaN]}");
        assert!(got[0].contains("NaN and Infinity"), "{got:?}");
    }

    #[test]
    fn escaped_duplicate_and_deep_features_read_as_serde_json_reads_them() {
        let feature = r#"{"type":"Feature","geometry":null,"properties":{}}"#;
        let count = |text: &str| {
            read_collection("t", text)
                .map(|d| d.features.len())
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            count(&format!(
                r#"{{"type":"FeatureCollection","\u0066eatures":[{feature}]}}"#
            )),
            Ok(1)
        );
        assert_eq!(
            count(&format!(
                r#"{{"type":"FeatureCollection","features":[{feature},{feature}],"feature\u0073":[]}}"#
            )),
            Ok(0)
        );
        let deep = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":null,"properties":{{"x":{}{}}}}}]}}"#,
            "[".repeat(125),
            "]".repeat(125)
        );
        assert!(count(&deep)
            .unwrap_err()
            .contains("recursion limit exceeded"));
    }

    #[test]
    fn features_share_the_files_text_and_give_back_their_own_part() {
        let feature =
            r#"{"type": "Feature", "id": "a", "geometry": null, "properties": {"n": 1.50}}"#;
        for bom in ["", "\u{feff}"] {
            let text = format!(
                r#"{bom}{{"type": "FeatureCollection", "features": [{feature}, {feature}]}}"#
            );
            let Ok(data) = read_collection_shared("s", text, ReadOptions::default()) else {
                panic!("reads");
            };
            assert_eq!(data.features.len(), 2);
            assert_eq!(data.features[1].raw.text(), feature, "with {bom:?}");
        }
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
        let object = feature.object();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["type", "id", "zeta", "geometry", "properties", "alpha"]
        );
        // The file's own text of the feature, byte for byte.
        let start = text.find(r#"{"type": "Feature""#).unwrap();
        assert_eq!(
            &text[start..start + feature.raw.text().len()],
            feature.raw.text()
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

    #[test]
    fn grades_and_sources_are_refused_by_cause_with_the_property_they_are_in() {
        use crate::geojson::read::cause::{GradeCause, PropertyCause, SourceCause};
        use crate::model::problem::Cause;
        use crate::time::TimeCause;
        let text = collection(&format!(
            r#"{{"type": "Feature", {POINT}, "properties": {{
                "grades": [{{"from": "2024-10-09", "confidence": "confirmed"}},
                           {{"from": "2024-10-08", "stance": "claims"}},
                           {{"confidence": "reported"}},
                           {{"from": "2024-02-30", "confidence": "reported"}}],
                "sources": [{{"ref": true}}]}}}}"#
        ));
        let problems = match read_collection("t", &text) {
            Ok(_) => panic!("refused"),
            Err(e) => e.problems,
        };
        let got: Vec<(&str, &Cause)> = problems
            .iter()
            .map(|p| (p.property.as_deref().unwrap_or(""), &p.cause))
            .collect();
        assert!(
            matches!(
                got[..],
                [
                    ("grades[1]", Cause::Property(PropertyCause::Grade(GradeCause::OutOfOrder))),
                    ("grades[2]", Cause::Property(PropertyCause::Grade(GradeCause::NoFrom))),
                    ("grades[3].from", Cause::Property(PropertyCause::Grade(GradeCause::From(ref e)))),
                    ("sources[0]", Cause::Property(PropertyCause::Source(SourceCause::RefNotNumberOrText { .. }))),
                ] if e.cause == TimeCause::NoSuchDay
            ),
            "{got:?}"
        );
        let words: Vec<String> = problems.iter().map(|p| p.cause.to_string()).collect();
        assert_eq!(
            words,
            [
                "is dated before the entry above it",
                "has no \"from\" date",
                "\"2024-02-30\" is not a valid time: there is no such day in the calendar",
                "\"ref\" must be a number or text, found the boolean true",
            ]
        );
    }

    #[test]
    fn keys_given_twice_are_told_where_they_are_however_the_file_is_read() {
        let warnings = |text: &str| -> Vec<String> {
            match read_collection("t", text) {
                Ok(data) => data.warnings.iter().map(ToString::to_string).collect(),
                Err(e) => panic!("{e}"),
            }
        };
        let twice = "the key \"name\" is given twice in one object: the last value (the text \"B\") is read, the first ignored";
        let feature = r#"{"type": "Feature", "id": "f", "geometry": null, "properties": {"name": "A", "name": "B"}}"#;
        // Wrapped: read whole, every path under the member it is in.
        let wrapped = format!(
            r#"{{"data": {{"type": "FeatureCollection", "features": [{feature}]}}, "x": {{"k": 1, "k": 2}}}}"#
        );
        assert_eq!(
            warnings(&wrapped)[1],
            format!("feature 0 (id \"f\"), property \"name\" at data.features[0].properties.name: {twice}")
        );
        assert_eq!(
            warnings(&wrapped).len(),
            2,
            "what is outside the collection is not told"
        );
        // A single Feature.
        assert_eq!(
            warnings(feature)[1],
            format!(
                "feature 0 (id \"f\"), property \"name\" at features[0].properties.name: {twice}"
            )
        );
        // A bare geometry: its members are the feature's geometry's.
        let bare = r#"{"type": "Point", "coordinates": [1, 2], "coordinates": [3, 4]}"#;
        assert!(
            warnings(bare)[1].starts_with(
                "feature 0 at features[0].geometry.coordinates: the key \"coordinates\" is given twice"
            ),
            "{:?}",
            warnings(bare)
        );
        let data = read_collection("t", bare).unwrap();
        assert_eq!(
            data.features[0].geometry,
            Some(geo::Geometry::Point(geo::point!(x: 3.0, y: 4.0)))
        );
    }

    #[test]
    fn one_kind_of_warning_is_grouped_only_where_its_words_would_be_the_same() {
        let feature = |props: &str| {
            format!(r#"{{"type": "Feature", "geometry": null, "properties": {{{props}}}}}"#)
        };
        let text = collection(
            &[
                feature(r#""a": 1, "a": 2"#),
                feature(r#""b": 1, "b": 2"#),
                feature(r#""a": 3, "a": 4"#),
                feature(r#""a": 5, "a": 6"#),
            ]
            .join(","),
        );
        let data = read_collection("t", &text).unwrap();
        let got: Vec<String> = data.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("feature 0, property \"a\""), "{got:?}");
        assert!(
            got[0].ends_with("— likewise in 2 more features (3 in all)"),
            "{got:?}"
        );
        assert!(got[1].starts_with("feature 1, property \"b\""), "{got:?}");
    }
}
