//! Reading TopoJSON (the format of Natural Earth's `world-atlas` files) into
//! `geo` polygons.
//!
//! A topology stores each shared border once, as an arc; polygons list the
//! arcs that make their rings (`~i`, written as a negative index, is arc `i`
//! reversed). Positions may be quantized: integers, delta-encoded along each
//! arc, mapped back to degrees by the topology's `transform`.

use std::collections::BTreeMap;

use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::Deserialize;

use crate::native::error::{ShapeError, TopoError};

/// A decoded topology: arcs in degrees, and the named objects built on them.
#[derive(Debug, Clone)]
pub struct Topology {
    /// Every arc, in degrees (x = longitude, y = latitude).
    pub arcs: Vec<Vec<Coord<f64>>>,
    /// Each object's geometries, by object name (`countries`, `land`).
    pub objects: BTreeMap<String, Vec<TopoShape>>,
}

/// A geometry's name (its `name` property) and its polygons.
pub type NamedShape = (Option<String>, MultiPolygon<f64>);

/// One polygonal geometry of a topology object, in terms of arcs.
#[derive(Debug, Clone)]
pub struct TopoShape {
    pub name: Option<String>,
    /// Polygons, each a list of rings, each a list of arc references.
    pub polygons: Vec<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
struct RawTopology {
    #[serde(rename = "type")]
    kind: String,
    transform: Option<RawTransform>,
    arcs: Vec<Vec<Vec<f64>>>,
    objects: BTreeMap<String, RawObject>,
}

#[derive(Deserialize)]
struct RawTransform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct RawObject {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    geometries: Vec<RawObject>,
    #[serde(default)]
    arcs: serde_json::Value,
    #[serde(default)]
    properties: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Topology {
    /// Reads a TopoJSON document.
    pub fn parse(text: &str) -> Result<Topology, TopoError> {
        let raw: RawTopology = serde_json::from_str(text).map_err(TopoError::NotTopoJson)?;
        if raw.kind != "Topology" {
            return Err(TopoError::NotATopology { found: raw.kind });
        }
        let arcs = raw
            .arcs
            .iter()
            .map(|arc| decode_arc(arc, raw.transform.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        let mut objects = BTreeMap::new();
        for (name, object) in raw.objects {
            let mut shapes = Vec::new();
            collect_shapes(&object, &mut shapes)?;
            objects.insert(name, shapes);
        }
        Ok(Topology { arcs, objects })
    }

    /// The object `name` as multipolygons, one per geometry, with their names.
    pub fn polygons(&self, name: &str) -> Result<Vec<NamedShape>, ShapeError> {
        self.object(name)?
            .iter()
            .map(|shape| Ok((shape.name.clone(), self.assemble(shape, &self.arcs)?)))
            .collect()
    }

    /// The geometries of the object `name`, in terms of arcs.
    pub fn object(&self, name: &str) -> Result<&[TopoShape], ShapeError> {
        self.objects
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| ShapeError::NoObject {
                name: name.to_owned(),
            })
    }

    /// Builds a shape's polygons from the given arcs, which may be simplified
    /// versions of [`Topology::arcs`] (shared borders stay shared).
    pub fn assemble(
        &self,
        shape: &TopoShape,
        arcs: &[Vec<Coord<f64>>],
    ) -> Result<MultiPolygon<f64>, ShapeError> {
        let mut polygons = Vec::with_capacity(shape.polygons.len());
        for rings in &shape.polygons {
            let mut built = Vec::with_capacity(rings.len());
            for ring in rings {
                built.push(ring_coords(ring, arcs)?);
            }
            let mut built = built.into_iter();
            let Some(exterior) = built.next() else {
                continue;
            };
            polygons.push(Polygon::new(
                LineString::new(exterior),
                built.map(LineString::new).collect(),
            ));
        }
        Ok(MultiPolygon::new(polygons))
    }
}

fn decode_arc(
    arc: &[Vec<f64>],
    transform: Option<&RawTransform>,
) -> Result<Vec<Coord<f64>>, TopoError> {
    let mut out = Vec::with_capacity(arc.len());
    let (mut x, mut y) = (0.0, 0.0);
    for position in arc {
        let (&px, &py) = match (position.first(), position.get(1)) {
            (Some(px), Some(py)) => (px, py),
            _ => return Err(TopoError::ShortPosition),
        };
        out.push(match transform {
            Some(t) => {
                x += px;
                y += py;
                Coord {
                    x: x * t.scale[0] + t.translate[0],
                    y: y * t.scale[1] + t.translate[1],
                }
            }
            None => Coord { x: px, y: py },
        });
    }
    Ok(out)
}

fn collect_shapes(object: &RawObject, out: &mut Vec<TopoShape>) -> Result<(), TopoError> {
    let name = object
        .properties
        .as_ref()
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .map(str::to_owned);
    match object.kind.as_deref().unwrap_or("") {
        "GeometryCollection" => {
            for geometry in &object.geometries {
                collect_shapes(geometry, out)?;
            }
        }
        "Polygon" => out.push(TopoShape {
            name,
            polygons: vec![parse_arcs(&object.arcs)?],
        }),
        "MultiPolygon" => out.push(TopoShape {
            name,
            polygons: parse_arcs(&object.arcs)?,
        }),
        // Points and lines carry no land or borders; a null geometry nothing.
        _ => {}
    }
    Ok(())
}

fn parse_arcs<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, TopoError> {
    T::deserialize(value).map_err(TopoError::BadArcReferences)
}

fn ring_coords(ring: &[i64], arcs: &[Vec<Coord<f64>>]) -> Result<Vec<Coord<f64>>, ShapeError> {
    let mut coords: Vec<Coord<f64>> = Vec::new();
    for &reference in ring {
        let (index, reversed) = if reference < 0 {
            (!reference, true)
        } else {
            (reference, false)
        };
        let arc = usize::try_from(index)
            .ok()
            .and_then(|i| arcs.get(i))
            .ok_or(ShapeError::MissingArc { index })?;
        let mut points: Vec<Coord<f64>> = arc.clone();
        if reversed {
            points.reverse();
        }
        // Consecutive arcs share their joining position.
        let skip = usize::from(!coords.is_empty());
        coords.extend(points.into_iter().skip(skip));
    }
    Ok(coords)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, Contains};

    const SQUARE: &str = r#"{"type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [100, 10]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]]],
        "objects": {"land": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Square"}},
            {"type": "MultiPolygon", "arcs": [[[-2, -1]]]},
            {"type": null}]}}}"#;

    #[test]
    fn quantized_arcs_are_delta_decoded_and_joined() {
        let topology = Topology::parse(SQUARE).unwrap();
        let shapes = topology.polygons("land").unwrap();
        assert_eq!(shapes.len(), 2);
        let (name, square) = &shapes[0];
        assert_eq!(name.as_deref(), Some("Square"));
        assert_eq!(square.0[0].exterior().0.len(), 5);
        assert_eq!(square.unsigned_area(), 4.0);
        assert!(square.contains(&geo::point!(x: 101.0, y: 11.0)));
        // The same square from both arcs reversed.
        assert_eq!(shapes[1].1.unsigned_area(), 4.0);
        assert_eq!(
            shapes[1].1 .0[0].exterior().0[0],
            geo::coord! { x: 100.0, y: 10.0 }
        );
    }

    #[test]
    fn a_missing_arc_is_an_error_not_a_panic() {
        let text = SQUARE.replace("[[[-2, -1]]]", "[[[-9, -1]]]");
        let error = Topology::parse(&text)
            .unwrap()
            .polygons("land")
            .unwrap_err();
        // `-9` is `~8`: arc 8 reversed.
        assert_eq!(error, ShapeError::MissingArc { index: 8 });
        assert_eq!(
            error.to_string(),
            "a ring refers to arc 8, which does not exist"
        );
    }

    #[test]
    fn a_missing_object_is_named() {
        let error = Topology::parse(SQUARE)
            .unwrap()
            .polygons("rivers")
            .unwrap_err();
        assert_eq!(error.to_string(), "the topology has no object \"rivers\"");
    }

    /// The words of a text that is not a topology, as `troopmap basemap`
    /// prints them after the file's name.
    fn refusal(text: &str) -> String {
        Topology::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn a_topology_without_arcs_is_not_topojson() {
        let text = r#"{"type": "Topology", "objects": {}}"#;
        assert!(matches!(
            Topology::parse(text),
            Err(TopoError::NotTopoJson(_))
        ));
        assert_eq!(
            refusal(text),
            "not a TopoJSON topology: missing field `arcs` at line 1 column 35"
        );
        assert_eq!(
            refusal("land.json"),
            "not a TopoJSON topology: expected value at line 1 column 1"
        );
    }

    #[test]
    fn another_type_is_named() {
        let text = r#"{"type": "FeatureCollection", "arcs": [], "objects": {}}"#;
        assert_eq!(
            refusal(text),
            "expected \"type\": \"Topology\", found \"FeatureCollection\""
        );
    }

    #[test]
    fn a_position_needs_two_numbers() {
        let text = SQUARE.replace("[0, 4]]", "[0]]");
        assert!(matches!(
            Topology::parse(&text),
            Err(TopoError::ShortPosition)
        ));
        assert_eq!(refusal(&text), "an arc position has fewer than two numbers");
    }

    #[test]
    fn arc_references_of_the_wrong_depth_are_refused() {
        // A polygon's arcs are rings of indexes, not indexes.
        let text = SQUARE.replace("\"arcs\": [[0, 1]]", "\"arcs\": [0, 1]");
        assert!(matches!(
            Topology::parse(&text),
            Err(TopoError::BadArcReferences(_))
        ));
        assert_eq!(
            refusal(&text),
            "bad arc references: invalid type: integer `0`, expected a sequence"
        );
    }
}
