//! The offline basemap: Natural Earth countries, simplified once at build
//! time and written as compact GeoJSON for the page to draw.

use std::fmt::Write as _;

use geo::{Coord, LineString, Simplify};

use crate::native::error::ShapeError;
use crate::native::topo::Topology;

/// Where the map is read closely (zoom 2 to 8): Europe with western Russia,
/// and East Asia with the Russian Far East, as (west, south, east, north).
pub const DETAIL: [(f64, f64, f64, f64); 2] =
    [(-25.0, 34.0, 60.0, 72.0), (95.0, 20.0, 150.0, 62.0)];

/// Outside [`DETAIL`], borders are simplified this many times more.
const COARSE_FACTOR: f64 = 10.0;

/// Builds the basemap GeoJSON from a `world-atlas` countries topology.
///
/// Borders are simplified as arcs, before polygons are assembled, so that
/// neighbouring countries keep sharing exactly the same border. Arcs that
/// touch the [`DETAIL`] regions keep `tolerance`; the rest of the world is
/// simplified more.
///
/// # Units
/// `tolerance` is in degrees (0.01° is about 1 km, two pixels at zoom 8);
/// the output keeps `decimals` decimal places.
///
/// # Errors
/// [`ShapeError::NoObject`] when the topology has no `object`, and
/// [`ShapeError::MissingArc`] when one of its rings refers to an arc the
/// topology lacks.
pub fn build(
    topology: &Topology,
    object: &str,
    tolerance: f64,
    decimals: usize,
) -> Result<String, ShapeError> {
    let simplified: Vec<Vec<Coord<f64>>> = topology
        .arcs
        .iter()
        .map(|arc| {
            let line = LineString::new(arc.clone());
            let detailed = arc.iter().any(|c| {
                DETAIL
                    .iter()
                    .any(|&(w, s, e, n)| (w..=e).contains(&c.x) && (s..=n).contains(&c.y))
            });
            line.simplify(if detailed {
                tolerance
            } else {
                tolerance * COARSE_FACTOR
            })
            .0
        })
        .collect();
    let shapes = topology.object(object)?;
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[");
    let mut first = true;
    for shape in shapes {
        // Antarctica's ring runs along the map's edges and the date line;
        // nothing this map shows is there.
        if shape.name.as_deref() == Some("Antarctica") {
            continue;
        }
        let multi = topology.assemble(shape, &simplified)?;
        let mut polygons = Vec::new();
        for polygon in &multi.0 {
            let exterior = ring_text(polygon.exterior(), decimals);
            let Some(exterior) = exterior else { continue };
            let mut rings = vec![exterior];
            rings.extend(
                polygon
                    .interiors()
                    .iter()
                    .filter_map(|r| ring_text(r, decimals)),
            );
            polygons.push(format!("[{}]", rings.join(",")));
        }
        if polygons.is_empty() {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        // A JSON string, written as `serde_json::to_string` would, which
        // cannot fail for a string.
        let name = serde_json::Value::from(shape.name.as_deref().unwrap_or("")).to_string();
        let _ = write!(
            out,
            "{{\"type\":\"Feature\",\"properties\":{{\"name\":{name}}},\"geometry\":{{\"type\":\"MultiPolygon\",\"coordinates\":[{}]}}}}",
            polygons.join(",")
        );
    }
    out.push_str("]}");
    Ok(out)
}

/// A ring as GeoJSON text, rounded, without repeated positions; `None` when
/// too little is left of it to draw.
///
/// Natural Earth cuts Russia and Fiji at the date line, and a ring running
/// along the cut jumps between 180 and -180; drawn as is, each jump is a
/// band across the whole world. Longitudes are unwrapped so that each step
/// is the short way round, then the ring is moved by whole turns to lie
/// mostly within -180..180.
fn ring_text(ring: &LineString<f64>, decimals: usize) -> Option<String> {
    let mut xs: Vec<f64> = Vec::with_capacity(ring.0.len());
    for c in &ring.0 {
        let x = match xs.last() {
            Some(&previous) => previous + (c.x - previous + 180.0).rem_euclid(360.0) - 180.0,
            None => c.x,
        };
        xs.push(x);
    }
    // Keep the bulk of the ring on the map: Russia is unwrapped from its
    // start at Chukotka, and shifted back by a whole turn.
    let (min, max) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let shift = -360.0 * (((min + max) / 2.0 - 180.0) / 360.0).ceil();
    let mut positions: Vec<String> = Vec::with_capacity(ring.0.len());
    for (c, x) in ring.0.iter().zip(xs) {
        let p = format!(
            "[{},{}]",
            number(x + shift, decimals),
            number(c.y, decimals)
        );
        if positions.last() != Some(&p) {
            positions.push(p);
        }
    }
    (positions.len() >= 4).then(|| format!("[{}]", positions.join(",")))
}

fn number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(131.88500001, 3), "131.885");
        assert_eq!(number(-0.0001, 3), "0");
        assert_eq!(number(40.0, 3), "40");
    }

    #[test]
    fn rings_across_the_date_line_are_unwrapped() {
        let ring = LineString::from(vec![
            (179.0, 65.0),
            (-179.0, 65.0),
            (-179.0, 66.0),
            (179.0, 66.0),
            (179.0, 65.0),
        ]);
        assert_eq!(
            ring_text(&ring, 0).as_deref(),
            Some("[[179,65],[181,65],[181,66],[179,66],[179,65]]")
        );
        // A ring starting east of the line is moved back as a whole.
        let ring = LineString::from(vec![
            (-180.0, 65.0),
            (170.0, 65.0),
            (30.0, 60.0),
            (-175.0, 66.0),
            (-180.0, 65.0),
        ]);
        assert_eq!(
            ring_text(&ring, 0).as_deref(),
            Some("[[180,65],[170,65],[30,60],[185,66],[180,65]]")
        );
    }

    #[test]
    fn tiny_rings_are_dropped_and_the_rest_is_valid_geojson() {
        let text = r#"{"type": "Topology", "arcs": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[0, 0], [0.0001, 0], [0, 0.0001], [0, 0]]],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
              {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Big"}},
              {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Speck"}}]}}}"#;
        let topology = Topology::parse(text).unwrap();
        let out = build(&topology, "countries", 0.01, 3).unwrap();
        let data = crate::read_collection("basemap", &out).unwrap();
        assert_eq!(data.features.len(), 1);
        assert_eq!(data.features[0].name.as_deref(), Some("Big"));
    }

    const SQUARE: &str = r#"{"type": "Topology", "arcs": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
          {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Say \"Côte\"\\"}}]}}}"#;

    #[test]
    fn names_are_written_as_json_strings() {
        let topology = Topology::parse(SQUARE).unwrap();
        let out = build(&topology, "countries", 0.01, 3).unwrap();
        assert!(
            out.contains(r#""properties":{"name":"Say \"Côte\"\\"}"#),
            "{out}"
        );
    }

    #[test]
    fn a_missing_object_or_arc_says_which() {
        let topology = Topology::parse(SQUARE).unwrap();
        let error = build(&topology, "land", 0.01, 3).unwrap_err();
        assert_eq!(error.to_string(), "the topology has no object \"land\"");
        // `-2` is `~1`: arc 1 reversed, which this topology lacks.
        let topology = Topology::parse(&SQUARE.replace("[[0]]", "[[0, -2]]")).unwrap();
        let error = build(&topology, "countries", 0.01, 3).unwrap_err();
        assert_eq!(error, ShapeError::MissingArc { index: 1 });
        assert_eq!(
            error.to_string(),
            "a ring refers to arc 1, which does not exist"
        );
    }
}
