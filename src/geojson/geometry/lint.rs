//! What is odd but drawable in a geometry already checked: positions with
//! a third value, rings wound against RFC 7946's rule, lines that jump
//! across the antimeridian.

use serde_json::Value;

use super::error::{GeometryOddity, GeometryWarning};

/// What is odd but drawable in a GeoJSON geometry already checked by
/// [`check_geometry`](super::check_geometry): positions with a third
/// value, polygon rings wound against RFC 7946's rule, lines that jump
/// across the antimeridian. Each says where below the geometry it is first
/// seen; one of each kind at most, in that order.
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::geometry::{lint_geometry, GeometryOddity};
/// let line = json!({"type": "LineString", "coordinates": [[179.5, 60.0, 10.0], [-179.5, 60.0, 10.0]]});
/// let found = lint_geometry(&line);
/// assert_eq!(found.len(), 2);
/// assert_eq!(found[0].path, ".coordinates[0]");
/// assert_eq!(found[1].path, ".coordinates[1]");
/// assert_eq!(found[1].cause, GeometryOddity::AntimeridianJump { from: 0 });
/// ```
pub fn lint_geometry(value: &Value) -> Vec<GeometryWarning> {
    let mut seen = Seen::default();
    seen.geometry(value, "");
    [seen.altitude, seen.winding, seen.jump]
        .into_iter()
        .flatten()
        .collect()
}

/// The first of each oddity seen.
#[derive(Default)]
struct Seen {
    altitude: Option<GeometryWarning>,
    winding: Option<GeometryWarning>,
    jump: Option<GeometryWarning>,
}

/// One list of positions of a geometry: where it is, its positions (as the
/// numbers they hold), and for a polygon ring whether it is the outer one.
struct Positions {
    path: String,
    list: Vec<Vec<f64>>,
    outer: Option<bool>,
}

impl Seen {
    fn geometry(&mut self, value: &Value, path: &str) {
        let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
        if kind == "GeometryCollection" {
            let items = value.get("geometries").and_then(Value::as_array);
            for (i, item) in items.into_iter().flatten().enumerate() {
                self.geometry(item, &format!("{path}.geometries[{i}]"));
            }
            return;
        }
        let Some(coordinates) = value.get("coordinates") else {
            return;
        };
        for positions in lists(kind, coordinates, &format!("{path}.coordinates")) {
            self.positions(kind, positions);
        }
    }

    fn positions(&mut self, kind: &str, Positions { path, list, outer }: Positions) {
        if self.altitude.is_none() {
            if let Some(k) = list.iter().position(|p| p.len() > 2) {
                // A Point's coordinates are the position itself.
                let at = if kind == "Point" {
                    path.clone()
                } else {
                    format!("{path}[{k}]")
                };
                self.altitude = Some(warning(at, GeometryOddity::Altitude));
            }
        }
        if self.jump.is_none() && (kind.contains("LineString") || outer.is_some()) {
            if let Some(from) = list.windows(2).position(|w| {
                w[0].len() >= 2 && w[1].len() >= 2 && (w[1][0] - w[0][0]).abs() > 180.0
            }) {
                let at = format!("{path}[{}]", from + 1);
                self.jump = Some(warning(at, GeometryOddity::AntimeridianJump { from }));
            }
        }
        if let (Some(outer), None) = (outer, &self.winding) {
            // Twice the signed area (shoelace): positive is counterclockwise.
            let area: f64 = list
                .windows(2)
                .filter(|w| w[0].len() >= 2 && w[1].len() >= 2)
                .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
                .sum();
            if (outer && area < 0.0) || (!outer && area > 0.0) {
                self.winding = Some(warning(path, GeometryOddity::Winding { outer }));
            }
        }
    }
}

fn warning(path: String, cause: GeometryOddity) -> GeometryWarning {
    GeometryWarning { path, cause }
}

/// The lists of positions of a geometry of type `kind`, each with its path.
fn lists(kind: &str, coordinates: &Value, path: &str) -> Vec<Positions> {
    let mut lists = Vec::new();
    let mut push = |path: String, list, outer| lists.push(Positions { path, list, outer });
    match kind {
        "Point" => push(path.to_owned(), vec![numbers(coordinates)], None),
        "MultiPoint" | "LineString" => push(path.to_owned(), positions(coordinates), None),
        "MultiLineString" => {
            for (i, line) in items(coordinates) {
                push(format!("{path}[{i}]"), positions(line), None);
            }
        }
        "Polygon" => {
            for (i, ring) in items(coordinates) {
                push(format!("{path}[{i}]"), positions(ring), Some(i == 0));
            }
        }
        "MultiPolygon" => {
            for (p, polygon) in items(coordinates) {
                for (i, ring) in items(polygon) {
                    push(format!("{path}[{p}][{i}]"), positions(ring), Some(i == 0));
                }
            }
        }
        _ => {}
    }
    lists
}

/// The members of an array, numbered; none when it is not one.
fn items(value: &Value) -> impl Iterator<Item = (usize, &Value)> {
    value.as_array().into_iter().flatten().enumerate()
}

/// The numbers of an array of positions.
fn positions(value: &Value) -> Vec<Vec<f64>> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .map(numbers)
        .collect()
}

/// The numbers of one position.
fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect()
}
