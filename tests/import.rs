//! The import corpus: every file in `tests/fixtures/import/` with the
//! verdict it must get (`NAME.expected`), the same from the library (what
//! the page shows) and from the command line; and round trips, from those
//! fixtures and from generated collections.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use troopmap::formats::{self, Format};
use troopmap::model::verdict::verdict;
use troopmap::{export_collection, read_collection_with, Cause, DateOrder, ReadOptions};
use troopmap::{Dataset, LoadError};

const CORPUS: &str = "tests/fixtures/import";

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .expect("the corpus folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| {
                ["geojson", "csv", "json", "kml", "gpx"]
                    .iter()
                    .any(|k| e == *k)
            })
        })
        .collect();
    files.sort();
    files
}

/// `NAME.day-first.geojson` is read day-first, `NAME.month-first.geojson`
/// month-first.
fn options(path: &Path) -> (ReadOptions, Option<&'static str>) {
    let name = path.to_string_lossy();
    if name.contains(".day-first.") {
        (
            ReadOptions {
                date_order: Some(DateOrder::DayFirst),
            },
            Some("--day-first"),
        )
    } else if name.contains(".month-first.") {
        (
            ReadOptions {
                date_order: Some(DateOrder::MonthFirst),
            },
            Some("--month-first"),
        )
    } else {
        (ReadOptions::default(), None)
    }
}

/// Reads a corpus file as `troopmap validate` and the page do: KML, GPX,
/// a CSV table or a JSON array of records converted first.
fn load(path: &Path) -> Result<Dataset, LoadError> {
    let text = std::fs::read_to_string(path).expect("a fixture");
    formats::read_file(&name(path), text, options(path).0)
}

/// Whether a corpus file is converted before it is read.
fn converted(path: &Path) -> bool {
    path.extension().is_some_and(|e| e != "geojson")
}

/// The GeoJSON a corpus table converts to, as a value.
fn conversion(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("a fixture");
    let file = name(path);
    let converted = formats::convert(Format::of(&file, &text), &file, &text, options(path).0)
        .expect("a kind that is converted")
        .expect("it converts");
    serde_json::from_str(&converted.geojson).expect("JSON")
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn the_corpus_has_at_least_40_bad_or_odd_files() {
    let files = corpus();
    let bad = files.iter().filter(|p| name(p).starts_with("err-")).count();
    let odd = files
        .iter()
        .filter(|p| name(p).starts_with("warn-"))
        .count();
    assert!(bad + odd >= 40, "{bad} refused and {odd} with warnings");
    assert!(
        bad >= 30 && odd >= 8,
        "{bad} refused and {odd} with warnings"
    );
}

#[test]
fn every_file_gets_its_expected_verdict() {
    let mut wrong = Vec::new();
    for path in corpus() {
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap_or_default();
        let file = name(&path);
        let result = load(&path);
        let got = verdict(&file, &result);
        if got != expected.trim_end() {
            wrong.push(format!(
                "{file}:\n  expected: {}\n  got:      {got}",
                expected.trim_end()
            ));
        }
        // The prefix says what the file is for.
        let refused = result.is_err();
        let warned = result.as_ref().is_ok_and(|d| !d.warnings.is_empty());
        let kind_ok = match &file[..file.find('-').unwrap_or(0)] {
            "err" => refused,
            "warn" => warned,
            "ok" => !refused && !warned,
            _ => false,
        };
        if !kind_ok {
            wrong.push(format!(
                "{file}: refused {refused}, warned {warned}, which its name does not say"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The causes of a corpus file's problems, or else of its warnings.
fn causes(file: &str) -> Vec<Cause> {
    let path = Path::new(CORPUS).join(file);
    match load(&path) {
        Ok(data) => data.warnings.into_iter().map(|w| w.cause).collect(),
        Err(error) => error.problems.into_iter().map(|p| p.cause).collect(),
    }
}

#[test]
fn every_bad_or_odd_file_is_told_by_the_type_of_its_cause() {
    use troopmap::formats::cause::{FormatNote as N, XmlCause as X};
    use troopmap::geojson::convention::{InstantError as I, TimingError as T};
    use troopmap::geojson::convention::{TimeSource as Ts, UnusedTime as U};
    use troopmap::geojson::csv::{CsvError as Csv, Place};
    use troopmap::geojson::found::FoundValue as F;
    use troopmap::geojson::geometry::{GeometryCause as G, GeometryOddity as O};
    use troopmap::geojson::read::cause::{
        CollectionCause as C, FeatureCause as Fe, PropertyCause as P, SourceCause as S,
        SyntaxError as Sy, Warning as W,
    };
    use troopmap::geojson::read::surprise::{GeoJsonObject as Obj, Surprise as Su};
    use troopmap::{TimeCause, TimeError};
    use Cause::{Collection, Feature, Geometry, Note, Property, Syntax, Table, Time, Warning, Xml};

    let mut checked = Vec::new();
    macro_rules! causes {
        ($($file:literal => $pattern:pat,)*) => {$(
            let got = causes($file);
            assert!(matches!(got.as_slice(), $pattern), "{}: {got:?}", $file);
            checked.push($file);
        )*};
    }
    causes! {
        "err-ambiguous-date.geojson" => [Time(T::Instant(I::Ambiguous { first: 3, second: 4, year: 2024, .. }))],
        "err-array-at-top.geojson" => [Collection(C::NotAnObject { found: F::Array })],
        "err-backwards.geojson" => [Time(T::Backwards)],
        "err-bbox.geojson" => [Feature(Fe::Bbox { .. }), Collection(C::Bbox { .. })],
        "err-date-long-text.geojson" => [Time(T::Instant(I::NotIso(TimeError { .. })))],
        "err-bad-date.geojson" => [Time(T::Instant(I::NotIso(TimeError { cause: TimeCause::NoSuchDay, .. })))],
        "err-collection-no-geometries.geojson" => [Geometry(G::NoGeometries)],
        "err-confidence.geojson" => [Property(P::NotOneOf { what: "a confidence label", .. })],
        "err-csv-bad-rows.csv" => [
            Table(Csv::OutOfRange { at: Place::Line(3), .. }),
            Table(Csv::NoValue { at: Place::Line(5), .. }),
            Table(Csv::Time { at: Place::Line(6), error: I::NotIso(_), .. }),
        ],
        "err-csv-is-xml.csv" => [Table(Csv::NotATable { .. })],
        "err-csv-no-position-columns.csv" => [Table(Csv::NoColumn { what: "latitude", .. })],
        "err-csv-unclosed-quote.csv" => [Table(Csv::Unclosed { line: 3 })],
        "err-date-as-number.geojson" => [
            Time(T::Instant(I::TooFewDigits { date: Some(_), .. })),
            Time(T::Instant(I::QuotedUnixTime { .. })),
        ],
        "err-date-words.geojson" => [Time(T::Instant(I::NotIso(TimeError { cause: TimeCause::NotADateTime, .. })))],
        "err-empty.geojson" => [Syntax(Sy::Parser(_))],
        "err-feature-is-number.geojson" => [Feature(Fe::NotAnObject { found: F::Number(_) })],
        "err-feature-type.geojson" => [Feature(Fe::WrongType { .. })],
        "err-features-object.geojson" => [Collection(C::FeaturesNotArray { found: F::Object })],
        "err-id-object.geojson" => [Feature(Fe::IdNotTextOrNumber { found: F::Object })],
        "err-infinity.geojson" => [Syntax(Sy::NanOrInfinity)],
        "err-gpx-billion-laughs.gpx" => [Xml(X::Entities)],
        "err-gpx-broken.gpx" => [Xml(X::Gpx(_))],
        "err-kind.geojson" => [Property(P::NotOneOf { what: "a kind", .. })],
        "err-kml-billion-laughs.kml" => [Xml(X::Entities)],
        "err-kml-broken.kml" => [Xml(X::Syntax(_))],
        "err-kml-coordinates.kml" => [Xml(X::Number { .. }), Xml(X::ShortPosition { .. })],
        "err-latitude-swapped.geojson" => [Geometry(G::Latitude { .. })],
        "err-line-flat.geojson" => [Geometry(G::NotAnArray { found: F::Number(_) })],
        "err-line-one-position.geojson" => [Geometry(G::ShortLine { positions: 1 })],
        "err-longitude-range.geojson" => [Geometry(G::Longitude { .. })],
        "err-multipolygon-nesting.geojson" => [Geometry(G::NotAnArray { .. })],

        "err-nan.geojson" => [Syntax(Sy::NanOrInfinity)],
        "err-no-coordinates.geojson" => [Geometry(G::NoCoordinates { .. })],
        "err-no-features.geojson" => [Collection(C::NoFeatures)],
        "err-no-geometry-member.geojson" => [Feature(Fe::NoGeometry)],
        "err-no-type.geojson" => [Collection(C::NoType)],
        "err-point-one-number.geojson" => [Geometry(G::ShortPosition { numbers: 1 })],
        "err-point-text-numbers.geojson" => [Geometry(G::NotANumber { found: F::Text(_) })],
        "err-polygon-short-ring.geojson" => [Geometry(G::ShortRing { positions: 3 })],
        "err-polygon-unclosed.geojson" => [Geometry(G::OpenRing)],
        "err-precision.geojson" => [Property(P::NotOneOf { what: "a precision", .. })],
        "err-properties-array.geojson" => [Feature(Fe::PropertiesNotObject { found: F::Array })],
        "err-several-features.geojson" => [
            Geometry(G::Latitude { .. }),
            Time(T::Instant(I::NotIso(_))),
            Property(P::NotOneOf { what: "a kind", .. }),
        ],
        "err-single-quotes.geojson" => [Syntax(Sy::Parser(_))],
        "err-source-url-number.geojson" => [Property(P::Source(S::FieldNotText { field: "url", .. }))],
        "err-records-bad.json" => [
            Table(Csv::OutOfRange { at: Place::Record(1), .. }),
            Table(Csv::NoValue { at: Place::Record(2), .. }),
            Table(Csv::NotARecord { index: 3, found: F::Text(_) }),
            Table(Csv::Time { at: Place::Record(4), error: I::NotIso(_), .. }),
            Table(Csv::Backwards { at: Place::Record(5), .. }),
        ],
        "err-records-in-an-object.json" => [Collection(C::NoType)],
        "err-sources-text.geojson" => [Property(P::Source(S::NotAnArray { found: F::Text(_) }))],
        "err-time-boolean.geojson" => [Time(T::Instant(I::NotATime { found: F::Boolean(true) }))],
        "err-times-count.geojson" => [Time(T::TimesPerVertex { times: 2, vertices: 3, line: None })],
        "err-times-on-polygon.geojson" => [Time(T::NotALine { .. })],
        "err-timestamp-huge.geojson" => [Time(T::Instant(I::TooFar { .. }))],
        "err-topology.geojson" => [Collection(C::WrongType { .. })],
        "err-trailing-comma.geojson" => [Syntax(Sy::Parser(_))],
        "err-troops-text.geojson" => [Property(P::NotANumber { found: F::Text(_) })],
        "err-truncated.geojson" => [Syntax(Sy::Parser(_))],
        "err-unknown-geometry.geojson" => [Geometry(G::UnknownType { .. })],
        "err-wrapped-bad.geojson" => [Geometry(G::Latitude { .. })],
        "warn-altitude.geojson" => [Warning(W::Geometry(O::Altitude))],
        "warn-altitudes-many.geojson" => [Warning(W::Repeated { more: 149, .. })],
        "warn-antimeridian.geojson" => [Warning(W::Geometry(O::AntimeridianJump { from: 1 }))],
        "warn-bare-collection.geojson" => [Warning(W::BareGeometry { .. })],
        "warn-bare-point.geojson" => [Warning(W::BareGeometry { .. })],
        "warn-byte-order-mark.geojson" => [Warning(W::ByteOrderMark)],
        "warn-clockwise-ring.geojson" => [Warning(W::Geometry(O::Winding { outer: true }))],
        "warn-crs.geojson" => [Warning(W::Crs)],
        "warn-csv-renamed-columns.csv" => [
            Warning(W::RenamedColumn { what: "column", reads: true, .. }),
            Warning(W::RenamedColumn { what: "column", reads: true, .. }),
            Warning(W::RenamedColumn { what: "column", reads: false, .. }),
        ],
        "warn-description-object.geojson" => [Warning(W::DescriptionObject)],
        "warn-duplicate-ids-many.geojson" => [Warning(W::DuplicateId { first: 0, more: 48 })],
        "warn-duplicate-keys.geojson" => [
            Warning(W::Surprise(Su::DuplicateKey { times: 2, .. })),
            Warning(W::Surprise(Su::DuplicateKey { times: 2, .. })),
            Warning(W::Surprise(Su::DuplicateKey { times: 2, used: F::Array, .. })),
            Warning(W::Surprise(Su::DuplicateKey { times: 3, .. })),
            Warning(W::Surprise(Su::DuplicateKey { times: 2, .. })),
        ],
        "warn-duplicate-ids.geojson" => [
            Warning(W::DuplicateId { first: 0, more: 0 }),
            Warning(W::DuplicateId { first: 1, more: 0 }),
        ],
        "warn-gpx-some-times.gpx" => [
            Note(N::SomeTimes { with: 1, of: 4 }),
            Note(N::SinglePoints { count: 1 }),
        ],
        "warn-hole-winding.geojson" => [Warning(W::Geometry(O::Winding { outer: false }))],
        "warn-kml-notes.kml" => [
            Note(N::TimeOnContainer { .. }),
            Note(N::NotDrawn { .. }),
            Note(N::TrackTimes { whens: 1, coords: 2 }),
        ],
        "warn-records-renamed-fields.json" => [
            Warning(W::RenamedColumn { what: "field", reads: true, .. }),
            Warning(W::RenamedColumn { what: "field", reads: true, .. }),
        ],
        "warn-kml-timespan.geojson" => [
            Warning(W::Surprise(Su::TimeNotUsed(U::NotAConvention { used: Some(Ts::StartEnd { start: false, end: true }) }))),
            Warning(W::Surprise(Su::TimeNotUsed(U::NotAConvention { used: None }))),
        ],
        "warn-multitrack-times.geojson" => [Warning(W::Surprise(Su::TimeNotUsed(U::Shape { used: None })))],
        "warn-name-number.geojson" => [Warning(W::NotShown { found: F::Number(_) })],
        "warn-no-properties.geojson" => [Warning(W::Repeated { more: 2, .. })],
        "warn-rfc7946-members.geojson" => [
            Warning(W::Surprise(Su::ForbiddenMember { object: Obj::FeatureCollection, member: "properties" })),
            Warning(W::Surprise(Su::ForbiddenMember { object: Obj::Feature, member: "coordinates" })),
            Warning(W::Surprise(Su::ForbiddenMember { object: Obj::Geometry, member: "properties" })),
            Warning(W::Surprise(Su::ForbiddenMember { object: Obj::Geometry, member: "features" })),
        ],
        "warn-single-feature.geojson" => [Warning(W::SingleFeature)],
        "warn-time-beside-start.geojson" => [
            Warning(W::Surprise(Su::TimeNotUsed(U::Outside { value: Some(_), used: Ts::StartEnd { start: true, end: true } }))),
            Warning(W::Surprise(Su::TimeNotUsed(U::Outside { used: Ts::Instant("time"), .. }))),
            Warning(W::Surprise(Su::TimeNotUsed(U::Unreadable { used: Ts::StartEnd { start: true, end: false }, .. }))),
            Warning(W::Surprise(Su::TimeNotUsed(U::Outside { value: None, .. }))),
        ],
        "warn-times-on-polygon.geojson" => [
            Warning(W::Surprise(Su::TimeNotUsed(U::Shape { used: None }))),
            Warning(W::Surprise(Su::TimeNotUsed(U::Shape { used: Some(Ts::Instant("time")) }))),
        ],
        "warn-wrapped.geojson" => [Warning(W::Wrapped { .. })],
        "warn-year-typo.geojson" => [
            Warning(W::Surprise(Su::FarYear { near: (2024, 2024), .. })),
            Warning(W::Surprise(Su::FarYear { near: (2024, 2024), .. })),
        ],
    }
    let unchecked: Vec<String> = corpus()
        .iter()
        .map(|p| name(p))
        .filter(|n| !n.starts_with("ok-") && !checked.contains(&n.as_str()))
        .collect();
    assert!(unchecked.is_empty(), "no cause checked for {unchecked:?}");
}

#[test]
fn the_command_line_gives_the_same_verdicts_and_never_panics() {
    for path in corpus() {
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap_or_default();
        let (_, flag) = options(&path);
        let output = Command::new(env!("CARGO_BIN_EXE_troopmap"))
            .arg("validate")
            .args(flag)
            .arg(name(&path))
            .current_dir(CORPUS)
            .output()
            .expect("the troopmap binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(stdout.trim_end(), expected.trim_end(), "{}", name(&path));
        let code = output.status.code();
        let want = if name(&path).starts_with("err-") {
            Some(1)
        } else {
            Some(0)
        };
        assert_eq!(
            code,
            want,
            "{}: exit code {code:?}, stderr {}",
            name(&path),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Text of a value with its keys in order (serde_json's maps compare
/// without order).
fn text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[test]
fn loadable_fixtures_export_exactly_what_came_in() {
    for path in corpus() {
        let file = name(&path);
        // A single Feature, a bare geometry or a wrapped collection is
        // exported as the collection it was read as; the byte-order mark
        // is not JSON.
        if file.starts_with("err-")
            || file.starts_with("warn-bare-")
            || ["warn-single-feature.geojson", "warn-wrapped.geojson"].contains(&file.as_str())
        {
            continue;
        }
        let data = load(&path).expect("loads");
        let exported: Value =
            serde_json::from_str(&export_collection(&data, 0..data.features.len())).expect("JSON");
        // What came in, for a table, is the GeoJSON it converts to.
        let original = if converted(&path) {
            conversion(&path)
        } else {
            let input = std::fs::read_to_string(&path).expect("a fixture");
            serde_json::from_str(input.trim_start_matches('\u{feff}')).expect("JSON")
        };
        assert_eq!(text(&exported), text(&original), "{file}");
    }
}

// Generated collections: ids of both kinds (or none), every geometry type,
// 3-D positions, nested properties with Unicode and nulls, foreign members
// and bounding boxes, in any key order.

fn position() -> impl Strategy<Value = Value> {
    (
        -180.0..=180.0f64,
        -90.0..=90.0f64,
        proptest::option::of(-500.0..9000.0f64),
    )
        .prop_map(|(x, y, z)| match z {
            Some(z) => json!([x, y, z]),
            None => json!([x, y]),
        })
}

fn ring() -> impl Strategy<Value = Value> {
    proptest::collection::vec(position(), 3..6).prop_map(|mut ps| {
        ps.push(ps[0].clone());
        Value::Array(ps)
    })
}

fn geometry() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        position().prop_map(|p| json!({"type": "Point", "coordinates": p})),
        proptest::collection::vec(position(), 1..4)
            .prop_map(|p| json!({"type": "MultiPoint", "coordinates": p})),
        proptest::collection::vec(position(), 2..5)
            .prop_map(|p| json!({"type": "LineString", "coordinates": p})),
        proptest::collection::vec(proptest::collection::vec(position(), 2..4), 1..3)
            .prop_map(|p| json!({"type": "MultiLineString", "coordinates": p})),
        proptest::collection::vec(ring(), 1..3)
            .prop_map(|r| json!({"type": "Polygon", "coordinates": r})),
        proptest::collection::vec(proptest::collection::vec(ring(), 1..2), 1..3)
            .prop_map(|p| json!({"type": "MultiPolygon", "coordinates": p})),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        proptest::collection::vec(
            inner.prop_filter("no null in a collection", |g| !g.is_null()),
            0..3,
        )
        .prop_map(|g| json!({"type": "GeometryCollection", "geometries": g}))
    })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12..1e12f64).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec(("[a-zé_]{1,6}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

fn feature() -> impl Strategy<Value = Value> {
    let id = prop_oneof![
        Just(None),
        "[a-z:0-9-]{1,12}".prop_map(|s| Some(Value::String(s))),
        any::<u32>().prop_map(|n| Some(Value::from(n))),
    ];
    let properties =
        proptest::collection::vec(("[a-zA-Zé_]{1,8}", json_value()), 0..5).prop_map(|kv| {
            kv.into_iter()
                .filter(|(k, _)| !troopmap::geojson::read::READ_PROPERTIES.contains(&k.as_str()))
                .collect::<Map<String, Value>>()
        });
    let known = (
        proptest::option::of("\\PC{0,10}"),
        proptest::option::of(prop_oneof![Just("place"), Just("route"), Just("event")]),
        proptest::option::of((0u32..20, 0u32..20).prop_map(|(a, b)| {
            (
                format!("2024-10-{:02}", a + 1),
                format!("2024-11-{:02}", b + 1),
            )
        })),
    );
    let foreign = proptest::collection::vec(("[a-z]{1,6}", json_value()), 0..3);
    (id, geometry(), properties, known, foreign, any::<bool>()).prop_map(
        |(id, geometry, mut properties, (name, kind, span), foreign, bbox)| {
            if let Some(name) = name {
                properties.insert("name".into(), Value::String(name));
            }
            if let Some(kind) = kind {
                properties.insert("kind".into(), Value::from(kind));
            }
            if let Some((start, end)) = span {
                properties.insert("start".into(), Value::String(start));
                properties.insert("end".into(), Value::String(end));
            }
            let mut f = Map::new();
            for (k, v) in foreign {
                if !["type", "id", "geometry", "properties", "bbox", "crs"].contains(&k.as_str()) {
                    f.insert(k, v);
                }
            }
            f.insert("type".into(), json!("Feature"));
            if let Some(id) = id {
                f.insert("id".into(), id);
            }
            if bbox {
                f.insert("bbox".into(), json!([-10.5, -20, 30, 40.25]));
            }
            f.insert("geometry".into(), geometry);
            f.insert("properties".into(), Value::Object(properties));
            Value::Object(f)
        },
    )
}

/// A FeatureCollection of `features`, with a `name` member if given.
fn generated_collection(features: Vec<Value>, name: Option<String>) -> Value {
    let mut collection = Map::new();
    collection.insert("type".into(), json!("FeatureCollection"));
    if let Some(name) = name {
        collection.insert("name".into(), Value::String(name));
    }
    collection.insert("features".into(), Value::Array(features));
    Value::Object(collection)
}

/// What the property below asserts of one input: it loads, and exporting
/// every feature gives back its text exactly (keys in order).
fn exported_as_it_came(input: &Value) -> Result<(), String> {
    let data = read_collection_with("generated", &input.to_string(), ReadOptions::default())
        .map_err(|error| format!("{error}\n{input}"))?;
    let exported: Value =
        serde_json::from_str(&export_collection(&data, 0..data.features.len())).expect("JSON");
    if text(&exported) == text(input) {
        Ok(())
    } else {
        Err(format!(
            "exported {}\ninput    {}",
            text(&exported),
            text(input)
        ))
    }
}

// No failure persistence: a seed file replays a failure only while the
// strategies above stay exactly as they were, so each case proptest has
// found is kept below as a named test holding the input itself.
proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn export_after_import_gives_back_every_feature_as_it_came(
        features in proptest::collection::vec(feature(), 0..6),
        name in proptest::option::of("\\PC{0,10}"),
    ) {
        let input = generated_collection(features, name);
        exported_as_it_came(&input).map_err(TestCaseError::fail)?;
    }
}

/// Once `tests/import.proptest-regressions` (seed `cc 43ee4e18…`), the
/// input proptest shrank to: `-31.629893737701938`, which serde_json's fast
/// float parser reads as `-31.629893737701934` (without its
/// `float_roundtrip` feature), so the export gave back another number. The
/// GeometryCollection around a MultiPolygon with one zero-area ring is as
/// proptest left it; it loads and is exported as it came.
#[test]
fn regression_a_coordinate_the_fast_float_parser_misreads_comes_back_exactly() {
    let ring = json!([
        [0.0, -31.629893737701938],
        [0.0, 0.0],
        [0.0, 0.0],
        [0.0, -31.629893737701938]
    ]);
    let feature = json!({
        "type": "Feature",
        "geometry": {
            "type": "GeometryCollection",
            "geometries": [{"type": "MultiPolygon", "coordinates": [[ring]]}]
        },
        "properties": {}
    });
    let input = generated_collection(vec![feature], None);
    assert!(
        input.to_string().contains("-31.629893737701938"),
        "the input holds the number as written: {input}"
    );
    if let Err(message) = exported_as_it_came(&input) {
        panic!("{message}");
    }
}

#[test]
fn the_command_line_exports_every_loaded_file_whole() {
    for path in corpus() {
        let file = name(&path);
        if file.starts_with("err-") {
            continue;
        }
        let (_, flag) = options(&path);
        let output = Command::new(env!("CARGO_BIN_EXE_troopmap"))
            .args(["export", "--all"])
            .args(flag)
            .arg(&file)
            .current_dir(CORPUS)
            .output()
            .expect("the troopmap binary runs");
        assert!(
            output.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let exported: Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
        let text_in = std::fs::read_to_string(&path).unwrap_or_default();
        let input: Value = if converted(&path) {
            conversion(&path)
        } else {
            serde_json::from_str(text_in.trim_start_matches('\u{feff}')).unwrap_or_default()
        };
        // A wrapped collection or a lone feature is written as a collection;
        // a bare geometry, exactly as written, in one feature.
        let bare = file.starts_with("warn-bare-");
        let features_in = input
            .pointer("/features")
            .or_else(|| input.as_object()?.values().find_map(|v| v.get("features")))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_else(|| {
                if bare {
                    vec![serde_json::json!({"type": "Feature", "geometry": input, "properties": null})]
                } else {
                    vec![input.clone()]
                }
            });
        let features_out = exported["features"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            features_out.iter().map(text).collect::<Vec<_>>(),
            features_in.iter().map(text).collect::<Vec<_>>(),
            "{file}"
        );
    }
}

#[test]
fn gpx_and_folium_times_give_each_feature_its_days() {
    let text =
        std::fs::read_to_string(format!("{CORPUS}/ok-gpx-tracks.geojson")).unwrap_or_default();
    let data = match troopmap::read_collection("ok-gpx-tracks.geojson", &text) {
        Ok(data) => data,
        Err(error) => panic!("{error}"),
    };
    let days: Vec<(String, Option<String>, Option<String>)> = data
        .features
        .iter()
        .map(|f| {
            (
                f.id.as_ref().map(ToString::to_string).unwrap_or_default(),
                f.span.first_day().map(|d| d.to_string()),
                f.span.last_day().map(|d| d.to_string()),
            )
        })
        .collect();
    let day = |s: &str| Some(s.to_owned());
    assert_eq!(
        days,
        [
            (
                "older-togeojson".into(),
                day("2024-10-08"),
                day("2024-10-12")
            ),
            (
                "newer-togeojson".into(),
                day("2024-10-08"),
                day("2024-10-12")
            ),
            ("folium-point".into(), day("2024-10-18"), day("2024-10-18")),
            ("folium-points".into(), day("2024-10-18"), day("2024-10-19")),
            (
                "gdal-track-point".into(),
                day("2024-10-18"),
                day("2024-10-18")
            ),
            ("empty-cell".into(), None, None),
        ]
    );
    // The tracks keep their times for moving along them.
    assert!(data.features[..2]
        .iter()
        .all(|f| f.vertex_times.as_ref().is_some_and(|t| t.len() == 3)));
}

#[test]
fn messages_quote_at_most_80_characters_of_a_value() {
    // A 10,005-character "date": its message quotes 80 characters of it
    // and says how long it is.
    let expected = std::fs::read_to_string(format!("{CORPUS}/err-date-long-text.expected"))
        .expect("the fixture's verdict");
    assert!(
        expected.contains("…\" (10005 characters) is not a valid time"),
        "{expected}"
    );
    for path in corpus() {
        let verdict = std::fs::read_to_string(path.with_extension("expected")).unwrap_or_default();
        for line in verdict.lines() {
            assert!(
                line.len() <= 1024,
                "{}: a line of {} bytes",
                name(&path),
                line.len()
            );
        }
    }
}

#[test]
fn a_converted_kml_description_object_is_read_as_its_text() {
    let path = format!("{CORPUS}/warn-description-object.geojson");
    let text = std::fs::read_to_string(&path).expect("the fixture");
    let data = read_collection_with("d", &text, Default::default()).expect("it loads");
    assert_eq!(
        troopmap::geojson::read::shown::description(&data.features[0]).as_deref(),
        Some("<b>Seen</b> at the <a href=\"https://example.org\">port</a>")
    );
}

/// The days a corpus file's features are shown, by id: first and last.
fn days_of(file: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let text = std::fs::read_to_string(format!("{CORPUS}/{file}")).unwrap_or_default();
    let data = match troopmap::read_collection(file, &text) {
        Ok(data) => data,
        Err(error) => panic!("{error}"),
    };
    data.features
        .iter()
        .map(|f| {
            (
                f.id.as_ref().map(ToString::to_string).unwrap_or_default(),
                f.span.first_day().map(|d| d.to_string()),
                f.span.last_day().map(|d| d.to_string()),
            )
        })
        .collect()
}

#[test]
fn a_converted_multitrack_is_shown_from_its_first_to_its_last_time() {
    let day = |s: &str| Some(s.to_owned());
    assert_eq!(
        days_of("warn-multitrack-times.geojson"),
        [
            ("multitrack".into(), day("2024-10-08"), day("2024-10-10")),
            // A point and a track together: the times are not used, and
            // the warning says so.
            ("placemark".into(), None, None),
        ]
    );
}

#[test]
fn times_on_a_polygon_are_not_used_and_the_warning_says_what_is() {
    let day = |s: &str| Some(s.to_owned());
    assert_eq!(
        days_of("warn-times-on-polygon.geojson"),
        [
            ("area".into(), None, None),
            ("areas".into(), day("2024-10-09"), day("2024-10-09")),
        ]
    );
    let expected = std::fs::read_to_string(format!("{CORPUS}/warn-times-on-polygon.expected"))
        .unwrap_or_default();
    assert!(
        expected.contains("the feature is shown on every day"),
        "{expected}"
    );
    assert!(
        expected.contains("the feature's time is read from \"time\""),
        "{expected}"
    );
}

#[test]
fn a_repeated_key_is_named_with_the_value_read_which_is_the_last() {
    let text = std::fs::read_to_string(format!("{CORPUS}/warn-duplicate-keys.geojson"))
        .unwrap_or_default();
    let data = match troopmap::read_collection("d", &text) {
        Ok(data) => data,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(data.features[0].label(), "Vladivostok");
    assert_eq!(
        data.features[1].span.first_day().map(|d| d.to_string()),
        Some("2024-10-10".into())
    );
    let warnings: Vec<String> = data.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings[3].starts_with("feature 1 (id \"sighting\"), property \"start\"")
            && warnings[3].contains("given 3 times")
            && warnings[3].contains("the last value (the text \"2024-10-10\") is read"),
        "{warnings:?}"
    );
    // Export writes the feature's own text back: every key as written.
    let exported = export_collection(&data, 0..data.features.len());
    assert_eq!(
        exported.matches("\"start\": \"2024-10-0").count(),
        2,
        "{exported}"
    );
}

#[test]
fn a_year_typo_is_named_and_a_file_spread_over_centuries_is_not() {
    let expected =
        std::fs::read_to_string(format!("{CORPUS}/warn-year-typo.expected")).unwrap_or_default();
    assert!(
        expected.contains(
            "feature 2 (id \"typo\"), property \"start\" at features[2].properties.start: \"0024-10-18\" is more than 100 years from the file's other dates (2024–2024): a typo?"
        ),
        "{expected}"
    );
    // Dates every fifty years from 1500 to 2000: history, not typos.
    let features: Vec<Value> = (0..11)
        .map(|i| {
            json!({"type": "Feature", "geometry": null,
                   "properties": {"date": format!("{}-06-01", 1500 + 50 * i)}})
        })
        .collect();
    let text = generated_collection(features, None).to_string();
    let data = read_collection_with("history", &text, ReadOptions::default()).expect("loads");
    assert_eq!(data.warnings, []);
}

#[test]
fn many_features_with_one_oddity_make_one_line_with_the_count() {
    let expected = std::fs::read_to_string(format!("{CORPUS}/warn-altitudes-many.expected"))
        .unwrap_or_default();
    let lines: Vec<&str> = expected.lines().collect();
    assert_eq!(
        lines[0],
        "warn-altitudes-many.geojson: 150 features loaded, 1 warning"
    );
    assert_eq!(
        lines[1],
        "  warning: feature 0 (id \"wpt0\") at features[0].geometry.coordinates: positions have a third value (an altitude): kept, but not shown — likewise in 149 more features (150 in all)"
    );
    assert_eq!(lines.len(), 2);
}
