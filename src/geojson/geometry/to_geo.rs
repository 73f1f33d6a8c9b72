//! A geometry already checked ([`super::check_shape`]), as `geo` types,
//! read straight from its value: positions' first two numbers, polygons'
//! first ring as the exterior; empty coordinates give an empty geometry.

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};
use serde_json::Value;

/// The geometry of a checked GeoJSON geometry object.
pub(super) fn to_geo(value: &Value) -> Geometry<f64> {
    let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
    let coordinates = value.get("coordinates").unwrap_or(&Value::Null);
    match kind {
        "Point" => Geometry::Point(Point(coord(coordinates))),
        "MultiPoint" => Geometry::MultiPoint(MultiPoint(
            items(coordinates).map(|p| Point(coord(p))).collect(),
        )),
        "LineString" => Geometry::LineString(line(coordinates)),
        "MultiLineString" => {
            Geometry::MultiLineString(MultiLineString(items(coordinates).map(line).collect()))
        }
        "Polygon" => Geometry::Polygon(polygon(coordinates)),
        "MultiPolygon" => {
            Geometry::MultiPolygon(MultiPolygon(items(coordinates).map(polygon).collect()))
        }
        _ => Geometry::GeometryCollection(geo::GeometryCollection(
            items(value.get("geometries").unwrap_or(&Value::Null))
                .map(to_geo)
                .collect(),
        )),
    }
}

fn items(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

fn coord(value: &Value) -> Coord<f64> {
    let mut numbers = items(value).map(|n| n.as_f64().unwrap_or(0.0));
    let x = numbers.next().unwrap_or(0.0);
    let y = numbers.next().unwrap_or(0.0);
    Coord { x, y }
}

fn line(value: &Value) -> LineString<f64> {
    LineString(items(value).map(coord).collect())
}

fn polygon(value: &Value) -> Polygon<f64> {
    let mut rings = items(value).map(line);
    let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
    Polygon::new(exterior, rings.collect())
}
