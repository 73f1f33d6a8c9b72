//! A geometry read compactly, straight from its text, gives what the same
//! geometry read as a value gives: the same `geo` geometry, the same
//! warnings with the same paths; and a geometry the checks refuse is never
//! read compactly, so that its message is the one the checks give.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};

use troopmap::geojson::geometry::compact::Compact;
use troopmap::geojson::geometry::{check_geometry, lint_geometry};
use troopmap::geojson::read::surprise::{forbidden_members, GeoJsonObject};

/// A number as files write it: an integer or a float, in range or not.
fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (-180.0..=180.0f64).prop_map(Value::from),
        2 => (-180i64..=180).prop_map(Value::from),
        1 => prop_oneof![Just(json!(180)), Just(json!(-180.0)), Just(json!(90)), Just(json!(-90.0)), Just(json!(-0.0))],
        1 => (-400.0..400.0f64).prop_map(Value::from),
    ]
}

/// A position: mostly two or three numbers, at times too few or not
/// numbers.
fn position() -> impl Strategy<Value = Value> {
    let good = (
        number(),
        -90.0..=90.0f64,
        proptest::option::of(-500.0..9000.0f64),
    )
        .prop_map(|(x, y, z)| match z {
            Some(z) => json!([x, y, z]),
            None => json!([x, y]),
        });
    prop_oneof![
        12 => good,
        1 => (number(), number()).prop_map(|(x, y)| json!([x, y])),
        1 => prop_oneof![Just(json!([1])), Just(json!([])), Just(json!([1, "2"])), Just(json!([1, 2, null])), Just(json!([[1, 2]])), Just(json!(3)), Just(json!("x"))],
    ]
}

fn line(min: usize) -> impl Strategy<Value = Value> {
    proptest::collection::vec(position(), min..6).prop_map(Value::Array)
}

/// A ring: mostly closed, at times open or short, wound either way.
fn ring() -> impl Strategy<Value = Value> {
    (proptest::collection::vec(position(), 0..6), 0..8u8).prop_map(|(mut ps, how)| {
        if how > 1 && !ps.is_empty() {
            ps.push(ps[0].clone());
        }
        if how == 7 {
            ps.reverse();
        }
        Value::Array(ps)
    })
}

fn with_members(mut geometry: Value, extra: Vec<(usize, Value)>) -> Value {
    const KEYS: [&str; 6] = [
        "properties",
        "geometry",
        "features",
        "bbox",
        "title",
        "coordinates",
    ];
    if let Value::Object(members) = &mut geometry {
        for (k, value) in extra {
            members.insert(KEYS[k % KEYS.len()].to_owned(), value);
        }
    }
    geometry
}

fn geometry() -> impl Strategy<Value = Value> {
    let extra = proptest::collection::vec(
        (
            0..6usize,
            prop_oneof![
                Just(json!(null)),
                Just(json!([1, 2, 3, 4])),
                Just(json!({"a": 1})),
                Just(json!("x"))
            ],
        ),
        0..2,
    );
    let leaf = prop_oneof![
        position().prop_map(|p| json!({"type": "Point", "coordinates": p})),
        line(0).prop_map(|p| json!({"type": "MultiPoint", "coordinates": p})),
        line(0).prop_map(|p| json!({"type": "LineString", "coordinates": p})),
        proptest::collection::vec(line(1), 0..3)
            .prop_map(|p| json!({"type": "MultiLineString", "coordinates": p})),
        proptest::collection::vec(ring(), 0..3)
            .prop_map(|r| json!({"type": "Polygon", "coordinates": r})),
        proptest::collection::vec(proptest::collection::vec(ring(), 0..2), 0..3)
            .prop_map(|p| json!({"type": "MultiPolygon", "coordinates": p})),
        Just(json!({"type": "Circle", "coordinates": [1, 2]})),
        Just(json!({"type": "Point"})),
        Just(json!({"coordinates": [1, 2]})),
        Just(json!({"type": 7, "coordinates": [1, 2]})),
        Just(json!({"type": "LineString", "coordinates": 5})),
    ];
    let leaf = (leaf, extra.clone()).prop_map(|(g, extra)| with_members(g, extra));
    leaf.prop_recursive(2, 8, 3, move |inner| {
        (
            proptest::collection::vec(prop_oneof![8 => inner, 1 => Just(Value::Null)], 0..3),
            extra.clone(),
        )
            .prop_map(|(g, extra)| {
                with_members(
                    json!({"type": "GeometryCollection", "geometries": g}),
                    extra,
                )
            })
    })
}

/// Whether `value` has what may nest without end, which is left to the
/// checks of values: a foreign member that is a list or an object, or a
/// collection within a collection.
fn nests_on(value: &Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    let foreign = object.iter().any(|(key, member)| {
        !matches!(key.as_str(), "type" | "coordinates" | "geometries" | "bbox")
            && (member.is_array() || member.is_object())
    });
    let items = object.get("geometries").and_then(Value::as_array);
    let collection = |g: &Value| g.get("type") == Some(&json!("GeometryCollection"));
    let inner = items.is_some_and(|items| items.iter().any(|g| collection(g) || nests_on(g)));
    foreign || (collection(value) && inner)
}

/// Whether a ring of `value` begins or ends with a third number: such a
/// ring's closing is left to the checks of values.
fn ring_end_with_altitude(value: &Value) -> bool {
    let three = |p: Option<&Value>| p.and_then(Value::as_array).is_some_and(|p| p.len() > 2);
    let rings = |rings: &Value| {
        rings.as_array().into_iter().flatten().any(|r| {
            let r = r.as_array();
            three(r.and_then(|r| r.first())) || three(r.and_then(|r| r.last()))
        })
    };
    match value.get("type").and_then(Value::as_str) {
        Some("Polygon") => value.get("coordinates").is_some_and(rings),
        Some("MultiPolygon") => value
            .get("coordinates")
            .and_then(Value::as_array)
            .is_some_and(|ps| ps.iter().any(rings)),
        Some("GeometryCollection") => value
            .get("geometries")
            .and_then(Value::as_array)
            .is_some_and(|gs| gs.iter().any(ring_end_with_altitude)),
        _ => false,
    }
}

fn forbidden(value: &Value) -> Vec<(String, String)> {
    let members = value.as_object().cloned().unwrap_or_default();
    forbidden_members(GeoJsonObject::Geometry, &members)
        .into_iter()
        .map(|(path, surprise)| (path, surprise.to_string()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_compact_geometry_is_the_geometry_its_value_gives(value in geometry()) {
        let text = value.to_string();
        let compact = Compact::from_text(&text);
        let checked = check_geometry(&value);
        match compact {
            Some(compact) => {
                let Ok(geometry) = checked else {
                    panic!("{text} read compactly, refused as a value: {checked:?}");
                };
                prop_assert_eq!(compact.lint(), lint_geometry(&value), "{}", text);
                let members: Vec<(String, String)> = compact
                    .forbidden_members()
                    .into_iter()
                    .map(|(path, member)| {
                        let surprise = format!("RFC 7946 §7.1 forbids a geometry to have a \"{member}\" member; kept, not read");
                        (path, surprise)
                    })
                    .collect();
                prop_assert_eq!(members, forbidden(&value), "{}", text);
                prop_assert_eq!(compact.into_geo(), geometry, "{}", text);
            }
            None => {
                // Only what the checks refuse, or a ring whose closing
                // would compare altitudes, or a member the checks read
                // otherwise (a collection's "coordinates" or "bbox" not
                // numbers), is left to them.
                let odd_member = text.contains("\"bbox\":\"x\"")
                    || text.contains("\"bbox\":{")
                    || (text.contains("\"coordinates\"") && text.contains("GeometryCollection"));
                prop_assert!(
                    checked.is_err()
                        || ring_end_with_altitude(&value)
                        || odd_member
                        || nests_on(&value),
                    "{} is plain, but was not read compactly",
                    text
                );
            }
        }
    }

    #[test]
    fn a_feature_read_in_steps_warns_as_one_read_whole(value in geometry()) {
        let feature = json!({"type": "Feature", "geometry": value, "properties": {}});
        let stepped = json!({"type": "FeatureCollection", "features": [feature]}).to_string();
        // A wrapped collection is read whole, each geometry as a value.
        let wrapped = json!({"data": {"type": "FeatureCollection", "features": [feature]}}).to_string();
        let words = |text: &str| match troopmap::read_collection("f", text) {
            Ok(data) => (
                data.features.iter().map(|f| format!("{:?}", f.geometry)).collect::<Vec<_>>(),
                data.warnings.iter().map(|w| w.to_string().replace("data.features", "features")).filter(|w| !w.starts_with("at data:")).collect::<Vec<_>>(),
            ),
            Err(e) => (vec![], e.problems.iter().map(|p| p.to_string().replace("data.features", "features")).collect()),
        };
        prop_assert_eq!(words(&stepped), words(&wrapped), "{}", stepped);
    }
}

#[test]
fn a_million_positions_are_read_compactly() {
    let positions: Vec<Value> = (0..1_000_000)
        .map(|i| json!([f64::from(i % 360) - 180.0, 45.5]))
        .collect();
    let text = json!({"type": "MultiPoint", "coordinates": positions}).to_string();
    let compact = Compact::from_text(&text).expect("plain");
    assert!(compact.lint().is_empty());
    let geo::Geometry::MultiPoint(points) = compact.into_geo() else {
        panic!("a MultiPoint");
    };
    assert_eq!(points.0.len(), 1_000_000);
    assert_eq!(points.0[359].x(), 179.0);
}

#[test]
fn every_geometry_error_is_worded_as_before() {
    // Each refused geometry: where, and the words, as the checks of values
    // give them (the compact reading leaves every one to them).
    let cases: [(Value, &str, &str); 15] = [
        (json!(5), "", "expected a geometry object or null, found the number 5"),
        (json!({"type": "GeometryCollection", "geometries": [null]}), ".geometries[0]", "expected a geometry object (null is not allowed in a GeometryCollection), found null"),
        (json!({"type": 1, "coordinates": [1, 2]}), ".type", "expected a geometry type name, found the number 1"),
        (json!({"coordinates": [1, 2]}), ".type", "the geometry has no \"type\""),
        (json!({"type": "Circle", "coordinates": [1, 2]}), ".type", "\"Circle\" is not a GeoJSON geometry type; expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection"),
        (json!({"type": "GeometryCollection"}), ".geometries", "a GeometryCollection needs a \"geometries\" array"),
        (json!({"type": "Point"}), ".coordinates", "a Point needs \"coordinates\""),
        (json!({"type": "MultiPoint", "coordinates": [1, 2]}), ".coordinates[0]", "expected an array, found the number 1"),
        (json!({"type": "Point", "coordinates": [1, "2"]}), ".coordinates[1]", "expected a number, found the text \"2\""),
        (json!({"type": "Point", "coordinates": [1]}), ".coordinates", "a position needs a longitude and a latitude, found 1 number(s)"),
        (json!({"type": "Point", "coordinates": [200, 1]}), ".coordinates[0]", "longitude 200 is outside -180..180 (positions are [longitude, latitude])"),
        (json!({"type": "Point", "coordinates": [1, -95.5]}), ".coordinates[1]", "latitude -95.5 is outside -90..90 (positions are [longitude, latitude])"),
        (json!({"type": "LineString", "coordinates": [[1, 2]]}), ".coordinates", "a line needs at least 2 positions, found 1"),
        (json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}), ".coordinates[0]", "a polygon ring needs at least 4 positions, found 3"),
        (json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}), ".coordinates[0]", "a polygon ring must end where it starts (closed ring)"),
    ];
    for (value, path, words) in cases {
        let feature = json!({"type": "Feature", "geometry": value, "properties": {}});
        let text = json!({"type": "FeatureCollection", "features": [feature]}).to_string();
        let error = troopmap::read_collection("f", &text).expect_err("refused");
        assert_eq!(
            error.problems[0].to_string(),
            format!("feature 0 at features[0].geometry{path}: {words}"),
            "{value}"
        );
    }
    // What only the geojson crate refused: a geometry's bbox not numbers.
    let invalid = json!({"type": "Point", "coordinates": [1, 2], "bbox": "x"});
    let error = check_geometry(&invalid).expect_err("refused");
    assert!(error
        .cause
        .to_string()
        .starts_with("not a valid GeoJSON geometry:"));
}
