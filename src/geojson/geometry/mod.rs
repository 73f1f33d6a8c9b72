//! Checking a GeoJSON geometry against RFC 7946, converting it to `geo`
//! types, and noting what is odd but loadable.

pub mod compact;
mod error;
mod lint;
mod to_geo;

use serde_json::Value;

pub use error::{GeometryCause, GeometryError, GeometryOddity, GeometryWarning};
pub use lint::lint_geometry;

use crate::geojson::found::FoundValue;

/// The geometry types of RFC 7946.
pub const GEOMETRY_TYPES: [&str; 7] = [
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

/// Checks a GeoJSON geometry object against RFC 7946 and converts it.
///
/// On failure, says where below the geometry (`.coordinates[2]`) and what
/// is wrong there.
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::geometry::{check_geometry, GeometryCause};
/// let line = json!({"type": "LineString", "coordinates": [[127.5, 39.9], [131.9, 43.1]]});
/// assert!(check_geometry(&line).is_ok());
/// let bad = json!({"type": "Point", "coordinates": [200.0, 43.1]});
/// assert_eq!(check_geometry(&bad).unwrap_err().path, ".coordinates[0]");
/// assert!(matches!(check_geometry(&bad).unwrap_err().cause, GeometryCause::Longitude { .. }));
/// ```
pub fn check_geometry(value: &Value) -> Result<geo::Geometry<f64>, GeometryError> {
    check_shape(value, "")?;
    check_bboxes(value, "")?;
    Ok(to_geo::to_geo(value))
}

/// A geometry's `bbox` (and those of a collection's members) must be 2×n
/// numbers, as RFC 7946 §5 requires.
fn check_bboxes(value: &Value, path: &str) -> Result<(), GeometryError> {
    // `"bbox": null` says there is none.
    if let Some(found) = value
        .get("bbox")
        .filter(|b| !b.is_null())
        .and_then(crate::geojson::read::cause::bbox_fault)
    {
        let reason = format!(
            "a \"bbox\" must be an array of 2×n numbers, its south-west and north-east corners (RFC 7946 §5), found {found}"
        );
        return Err(GeometryError::at(
            format!("{path}.bbox"),
            GeometryCause::Invalid { reason },
        ));
    }
    let members = value.get("geometries").and_then(Value::as_array);
    for (i, member) in members.into_iter().flatten().enumerate() {
        check_bboxes(member, &format!("{path}.geometries[{i}]"))?;
    }
    Ok(())
}

fn check_shape(value: &Value, path: &str) -> Result<(), GeometryError> {
    let Value::Object(object) = value else {
        // A feature's geometry may be null; a member of a collection not.
        let found = FoundValue::of(value);
        let cause = if path.is_empty() {
            GeometryCause::NotAnObject { found }
        } else {
            GeometryCause::NotAnObjectInCollection { found }
        };
        return Err(GeometryError::at(path, cause));
    };
    let kind = match object.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        Some(other) => {
            return Err(GeometryError::at(
                format!("{path}.type"),
                GeometryCause::TypeNotText {
                    found: FoundValue::of(other),
                },
            ))
        }
        None => {
            return Err(GeometryError::at(
                format!("{path}.type"),
                GeometryCause::NoType,
            ))
        }
    };
    if kind == "GeometryCollection" {
        let Some(Value::Array(items)) = object.get("geometries") else {
            return Err(GeometryError::at(
                format!("{path}.geometries"),
                GeometryCause::NoGeometries,
            ));
        };
        for (i, item) in items.iter().enumerate() {
            check_shape(item, &format!("{path}.geometries[{i}]"))?;
        }
        return Ok(());
    }
    let depth = match kind {
        "Point" => 0,
        "MultiPoint" | "LineString" => 1,
        "MultiLineString" | "Polygon" => 2,
        "MultiPolygon" => 3,
        other => {
            return Err(GeometryError::at(
                format!("{path}.type"),
                GeometryCause::UnknownType {
                    name: other.to_owned(),
                },
            ))
        }
    };
    let path = format!("{path}.coordinates");
    let Some(coordinates) = object.get("coordinates") else {
        let kind = kind.to_owned();
        return Err(GeometryError::at(
            path,
            GeometryCause::NoCoordinates { kind },
        ));
    };
    check_nesting(coordinates, depth, &path)?;
    // RFC 7946 lets empty coordinates stand for no geometry: nothing to
    // draw, kept as it came. (A point's position is never empty.)
    if kind != "Point" && coordinates.as_array().is_some_and(Vec::is_empty) {
        return Ok(());
    }
    check_lengths(kind, coordinates, &path)
}

/// Lines need two positions; polygon rings need four and must be closed.
fn check_lengths(kind: &str, coordinates: &Value, path: &str) -> Result<(), GeometryError> {
    let ring = match kind {
        "LineString" | "MultiLineString" => false,
        "Polygon" | "MultiPolygon" => true,
        _ => return Ok(()),
    };
    let lists: Vec<(String, &Vec<Value>)> = match (kind, coordinates) {
        ("LineString", Value::Array(list)) => vec![(path.to_owned(), list)],
        ("MultiLineString" | "Polygon", Value::Array(lists)) => arrays(lists, path),
        ("MultiPolygon", Value::Array(polygons)) => polygons
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                p.as_array()
                    .map(|rings| arrays(rings, &format!("{path}[{i}]")))
            })
            .flatten()
            .collect(),
        _ => Vec::new(),
    };
    for (list_path, list) in lists {
        let positions = list.len();
        if ring && positions < 4 {
            return Err(GeometryError::at(
                list_path,
                GeometryCause::ShortRing { positions },
            ));
        }
        if !ring && positions < 2 {
            return Err(GeometryError::at(
                list_path,
                GeometryCause::ShortLine { positions },
            ));
        }
        if ring && !same_position(list.first(), list.last()) {
            return Err(GeometryError::at(list_path, GeometryCause::OpenRing));
        }
    }
    Ok(())
}

/// Positions compared as numbers: `[0, 0]` and `[0.0, 0.0]` are the same.
fn same_position(a: Option<&Value>, b: Option<&Value>) -> bool {
    let numbers = |v: Option<&Value>| -> Vec<f64> {
        v.and_then(Value::as_array)
            .map(|p| p.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    numbers(a) == numbers(b)
}

fn arrays<'a>(items: &'a [Value], path: &str) -> Vec<(String, &'a Vec<Value>)> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.as_array().map(|a| (format!("{path}[{i}]"), a)))
        .collect()
}

fn check_nesting(value: &Value, depth: usize, path: &str) -> Result<(), GeometryError> {
    let Value::Array(items) = value else {
        let found = FoundValue::of(value);
        return Err(GeometryError::at(path, GeometryCause::NotAnArray { found }));
    };
    if depth == 0 {
        return check_position(items, path);
    }
    for (i, item) in items.iter().enumerate() {
        check_nesting(item, depth - 1, &format!("{path}[{i}]"))?;
    }
    Ok(())
}

fn check_position(items: &[Value], path: &str) -> Result<(), GeometryError> {
    let mut numbers = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Value::Number(number) = item else {
            let found = FoundValue::of(item);
            return Err(GeometryError::at(
                format!("{path}[{i}]"),
                GeometryCause::NotANumber { found },
            ));
        };
        numbers.push(number);
    }
    let [lon, lat, ..] = numbers[..] else {
        let numbers = numbers.len();
        return Err(GeometryError::at(
            path,
            GeometryCause::ShortPosition { numbers },
        ));
    };
    let within = |n: &serde_json::Number, limit: f64| {
        (-limit..=limit).contains(&n.as_f64().unwrap_or(f64::NAN))
    };
    if !within(lon, 180.0) {
        let longitude = lon.clone();
        return Err(GeometryError::at(
            format!("{path}[0]"),
            GeometryCause::Longitude { longitude },
        ));
    }
    if !within(lat, 90.0) {
        let latitude = lat.clone();
        return Err(GeometryError::at(
            format!("{path}[1]"),
            GeometryCause::Latitude { latitude },
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use serde_json::Value;

    /// Where and why `value` is refused, in words.
    fn error_of(value: Value) -> (String, String) {
        let error = check_geometry(&value).unwrap_err();
        (error.path, error.cause.to_string())
    }

    #[test]
    fn short_positions_are_refused_not_indexed() {
        let (path, message) =
            error_of(json!({"type": "LineString", "coordinates": [[1.0, 2.0], [3.0]]}));
        assert_eq!(path, ".coordinates[1]");
        assert!(message.contains("longitude and a latitude"));
    }

    #[test]
    fn rings_must_be_closed_and_long_enough() {
        let (path, message) =
            error_of(json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}));
        assert_eq!(path, ".coordinates[0]");
        assert!(message.contains("closed"));
        let (_, message) =
            error_of(json!({"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [0, 0]]]]}));
        assert!(message.contains("at least 4"));
    }

    #[test]
    fn a_ring_closed_with_a_float_for_an_integer_is_closed() {
        assert!(check_geometry(
            &json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0.0, 0.0]]]})
        )
        .is_ok());
    }

    #[test]
    fn wrong_nesting_and_unknown_types_say_where() {
        assert_eq!(
            error_of(json!({"type": "Point", "coordinates": [[1, 2]]})).0,
            ".coordinates[0]"
        );
        assert_eq!(
            error_of(json!({"type": "Circle", "coordinates": [1, 2]})).0,
            ".type"
        );
        assert_eq!(
            error_of(json!({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 95]}]})).0,
            ".geometries[0].coordinates[1]"
        );
    }

    #[test]
    fn third_values_are_accepted() {
        assert!(check_geometry(&json!({"type": "Point", "coordinates": [1.0, 2.0, 30.0]})).is_ok());
    }
}
