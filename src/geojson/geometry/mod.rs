//! Checking a GeoJSON geometry against RFC 7946, converting it to `geo`
//! types, and noting what is odd but loadable.

use serde_json::Value;

use crate::model::problem::describe;

/// Checks a GeoJSON geometry object against RFC 7946 and converts it.
///
/// On failure, returns the JSON path below the geometry (`.coordinates[2]`)
/// and what is wrong there.
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::geometry::check_geometry;
/// let line = json!({"type": "LineString", "coordinates": [[127.5, 39.9], [131.9, 43.1]]});
/// assert!(check_geometry(&line).is_ok());
/// let bad = json!({"type": "Point", "coordinates": [200.0, 43.1]});
/// assert_eq!(check_geometry(&bad).unwrap_err().0, ".coordinates[0]");
/// ```
pub fn check_geometry(value: &Value) -> Result<geo::Geometry<f64>, (String, String)> {
    check_shape(value, "")?;
    let parsed = geojson::Geometry::from_json_value(value.clone())
        .map_err(|e| (String::new(), format!("not a valid GeoJSON geometry: {e}")))?;
    geo::Geometry::<f64>::try_from(parsed)
        .map_err(|e| (String::new(), format!("not a valid GeoJSON geometry: {e}")))
}

fn check_shape(value: &Value, path: &str) -> Result<(), (String, String)> {
    let Value::Object(object) = value else {
        // A feature's geometry may be null; a member of a collection not.
        let expected = if path.is_empty() {
            "a geometry object or null"
        } else {
            "a geometry object (null is not allowed in a GeometryCollection)"
        };
        return Err((
            path.to_owned(),
            format!("expected {expected}, found {}", describe(value)),
        ));
    };
    let kind = match object.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        Some(other) => {
            return Err((
                format!("{path}.type"),
                format!("expected a geometry type name, found {}", describe(other)),
            ))
        }
        None => {
            return Err((
                format!("{path}.type"),
                "the geometry has no \"type\"".to_owned(),
            ))
        }
    };
    if kind == "GeometryCollection" {
        let Some(Value::Array(items)) = object.get("geometries") else {
            return Err((
                format!("{path}.geometries"),
                "a GeometryCollection needs a \"geometries\" array".to_owned(),
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
            return Err((
                format!("{path}.type"),
                format!("{other:?} is not a GeoJSON geometry type; expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection"),
            ))
        }
    };
    let path = format!("{path}.coordinates");
    let Some(coordinates) = object.get("coordinates") else {
        return Err((path, format!("a {kind} needs \"coordinates\"")));
    };
    check_nesting(coordinates, depth, &path)?;
    // RFC 7946 lets empty coordinates stand for no geometry: nothing to
    // draw, kept as it came. (A point's position is never empty.)
    if kind != "Point" && coordinates.as_array().is_some_and(Vec::is_empty) {
        return Ok(());
    }
    // Lines need two positions; polygon rings need four and must be closed.
    let (min, ring) = match kind {
        "LineString" | "MultiLineString" => (2, false),
        "Polygon" | "MultiPolygon" => (4, true),
        _ => return Ok(()),
    };
    let lists: Vec<(String, &Vec<Value>)> = match (kind, coordinates) {
        ("LineString", Value::Array(list)) => vec![(path.clone(), list)],
        ("MultiLineString" | "Polygon", Value::Array(lists)) => arrays(lists, &path),
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
        if list.len() < min {
            let what = if ring {
                "a polygon ring needs at least 4 positions"
            } else {
                "a line needs at least 2 positions"
            };
            return Err((list_path, format!("{what}, found {}", list.len())));
        }
        if ring && !same_position(list.first(), list.last()) {
            return Err((
                list_path,
                "a polygon ring must end where it starts (closed ring)".to_owned(),
            ));
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

fn check_nesting(value: &Value, depth: usize, path: &str) -> Result<(), (String, String)> {
    let Value::Array(items) = value else {
        return Err((
            path.to_owned(),
            format!("expected an array, found {}", describe(value)),
        ));
    };
    if depth == 0 {
        return check_position(items, path);
    }
    for (i, item) in items.iter().enumerate() {
        check_nesting(item, depth - 1, &format!("{path}[{i}]"))?;
    }
    Ok(())
}

fn check_position(items: &[Value], path: &str) -> Result<(), (String, String)> {
    for (i, item) in items.iter().enumerate() {
        if !item.is_number() {
            return Err((
                format!("{path}[{i}]"),
                format!("expected a number, found {}", describe(item)),
            ));
        }
    }
    if items.len() < 2 {
        return Err((
            path.to_owned(),
            format!(
                "a position needs a longitude and a latitude, found {} number(s)",
                items.len()
            ),
        ));
    }
    let lon = items[0].as_f64().unwrap_or(f64::NAN);
    let lat = items[1].as_f64().unwrap_or(f64::NAN);
    if !(-180.0..=180.0).contains(&lon) {
        return Err((
            format!("{path}[0]"),
            format!("longitude {lon} is outside -180..180 (positions are [longitude, latitude])"),
        ));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err((
            format!("{path}[1]"),
            format!("latitude {lat} is outside -90..90 (positions are [longitude, latitude])"),
        ));
    }
    Ok(())
}

/// What is odd but drawable in a GeoJSON geometry already checked by
/// [`check_geometry`]: positions with a third value, polygon rings wound
/// against RFC 7946's rule, lines that jump across the antimeridian. Each
/// is (JSON path below the geometry, message); one of each kind at most.
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::geometry::lint_geometry;
/// let line = json!({"type": "LineString", "coordinates": [[179.5, 60.0, 10.0], [-179.5, 60.0, 10.0]]});
/// let found = lint_geometry(&line);
/// assert_eq!(found.len(), 2);
/// assert_eq!(found[0].0, ".coordinates[0]");
/// assert_eq!(found[1].0, ".coordinates[1]");
/// ```
pub fn lint_geometry(value: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut third = None;
    let mut winding = None;
    let mut jump = None;
    lint(value, "", &mut third, &mut winding, &mut jump);
    if let Some(path) = third {
        found.push((
            path,
            "positions have a third value (an altitude): kept, but not shown".to_owned(),
        ));
    }
    if let Some((path, outer)) = winding {
        let (wound, asked) = if outer {
            ("clockwise", "counterclockwise")
        } else {
            ("counterclockwise", "clockwise")
        };
        let ring = if outer { "the outer ring" } else { "a hole" };
        found.push((
            path,
            format!("{ring} winds {wound}; RFC 7946 asks for {asked} (drawn all the same)"),
        ));
    }
    if let Some((path, i)) = jump {
        found.push((
            path,
            format!("the line jumps across the antimeridian between positions {i} and {}; RFC 7946 asks for such lines to be cut in two there", i + 1),
        ));
    }
    found
}

type Found = Option<String>;

fn lint(
    value: &Value,
    path: &str,
    third: &mut Found,
    winding: &mut Option<(String, bool)>,
    jump: &mut Option<(String, usize)>,
) {
    let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
    if kind == "GeometryCollection" {
        for (i, item) in value
            .get("geometries")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            lint(
                item,
                &format!("{path}.geometries[{i}]"),
                third,
                winding,
                jump,
            );
        }
        return;
    }
    let path = format!("{path}.coordinates");
    let Some(coordinates) = value.get("coordinates") else {
        return;
    };
    let positions = |v: &Value| -> Vec<Vec<f64>> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                p.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_f64)
                    .collect()
            })
            .collect()
    };
    let mut lists: Vec<(String, Vec<Vec<f64>>, Option<bool>)> = Vec::new();
    match kind {
        "Point" => lists.push((
            path.clone(),
            vec![coordinates
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_f64)
                .collect()],
            None,
        )),
        "MultiPoint" | "LineString" => lists.push((path.clone(), positions(coordinates), None)),
        "MultiLineString" => {
            for (i, line) in coordinates.as_array().into_iter().flatten().enumerate() {
                lists.push((format!("{path}[{i}]"), positions(line), None));
            }
        }
        "Polygon" => {
            for (i, ring) in coordinates.as_array().into_iter().flatten().enumerate() {
                lists.push((format!("{path}[{i}]"), positions(ring), Some(i == 0)));
            }
        }
        "MultiPolygon" => {
            for (p, polygon) in coordinates.as_array().into_iter().flatten().enumerate() {
                for (i, ring) in polygon.as_array().into_iter().flatten().enumerate() {
                    lists.push((format!("{path}[{p}][{i}]"), positions(ring), Some(i == 0)));
                }
            }
        }
        _ => {}
    }
    for (list_path, list, ring) in lists {
        if third.is_none() {
            if let Some(k) = list.iter().position(|p| p.len() > 2) {
                // A Point's coordinates are the position itself.
                *third = Some(if kind == "Point" {
                    list_path.clone()
                } else {
                    format!("{list_path}[{k}]")
                });
            }
        }
        if jump.is_none() && (kind.contains("LineString") || ring.is_some()) {
            if let Some(i) = list.windows(2).position(|w| {
                w[0].len() >= 2 && w[1].len() >= 2 && (w[1][0] - w[0][0]).abs() > 180.0
            }) {
                *jump = Some((format!("{list_path}[{}]", i + 1), i));
            }
        }
        if let (Some(outer), None) = (ring, &winding) {
            // Twice the signed area (shoelace): positive is counterclockwise.
            let area: f64 = list
                .windows(2)
                .filter(|w| w[0].len() >= 2 && w[1].len() >= 2)
                .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
                .sum();
            if (outer && area < 0.0) || (!outer && area > 0.0) {
                *winding = Some((list_path.clone(), outer));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use serde_json::Value;

    fn error_of(value: Value) -> (String, String) {
        check_geometry(&value).unwrap_err()
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
