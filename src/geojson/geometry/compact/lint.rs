//! What is odd but drawable in a [`Compact`] geometry: what
//! [`lint_geometry`](crate::geojson::geometry::lint_geometry) finds in the
//! same geometry as a value, in the same order, with the same paths. A
//! path is written only for what is found.

use super::{Body, Compact, Kind, Nest, Position};
use crate::geojson::geometry::{GeometryOddity, GeometryWarning};

impl Compact {
    /// Positions with a third value, rings wound against RFC 7946's rule,
    /// lines that jump across the antimeridian: each where it is first
    /// seen, one of each kind at most, in that order.
    pub fn lint(&self) -> Vec<GeometryWarning> {
        let mut seen = Seen::default();
        seen.geometry(self, "");
        [seen.altitude, seen.winding, seen.jump]
            .into_iter()
            .flatten()
            .collect()
    }
}

/// The first of each oddity seen.
#[derive(Default)]
struct Seen {
    altitude: Option<GeometryWarning>,
    winding: Option<GeometryWarning>,
    jump: Option<GeometryWarning>,
}

/// One list of positions: the geometry's path, the indices below its
/// coordinates (none to two), and for a ring whether it is the outer one.
struct List<'a> {
    path: &'a str,
    indices: [Option<usize>; 2],
    outer: Option<bool>,
}

impl List<'_> {
    /// The list's path, and an index below it.
    fn at(&self, index: Option<usize>) -> String {
        let mut text = format!("{}.coordinates", self.path);
        for i in self.indices.iter().chain([&index]).flatten() {
            text.push_str(&format!("[{i}]"));
        }
        text
    }
}

impl Seen {
    fn geometry(&mut self, compact: &Compact, path: &str) {
        let nest = match &compact.body {
            Body::Geometries(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.geometry(item, &format!("{path}.geometries[{i}]"));
                }
                return;
            }
            Body::Coordinates(nest) => nest,
        };
        let kind = compact.kind;
        let list = |indices, outer| List {
            path,
            indices,
            outer,
        };
        match kind {
            Kind::Point => {
                self.positions(kind, &list([None, None], None), std::slice::from_ref(nest));
            }
            Kind::MultiPoint | Kind::LineString => {
                self.nested(kind, &list([None, None], None), nest);
            }
            Kind::MultiLineString | Kind::Polygon => {
                let ring = kind == Kind::Polygon;
                for (i, line) in items(nest).enumerate() {
                    let outer = ring.then_some(i == 0);
                    self.nested(kind, &list([Some(i), None], outer), line);
                }
            }
            Kind::MultiPolygon => {
                for (p, polygon) in items(nest).enumerate() {
                    for (i, ring) in items(polygon).enumerate() {
                        self.nested(kind, &list([Some(p), Some(i)], Some(i == 0)), ring);
                    }
                }
            }
            Kind::GeometryCollection => {}
        }
    }

    /// A list of positions, as nested coordinates.
    fn nested(&mut self, kind: Kind, list: &List, nest: &Nest) {
        if let Nest::List(items) = nest {
            self.positions(kind, list, items);
        }
    }

    fn positions(&mut self, kind: Kind, list: &List, items: &[Nest]) {
        if self.altitude.is_none() {
            if let Some(k) = items.iter().position(|p| position(p).more) {
                // A Point's coordinates are the position itself.
                let at = list.at((kind != Kind::Point).then_some(k));
                self.altitude = Some(warning(at, GeometryOddity::Altitude));
            }
        }
        let line = matches!(kind, Kind::LineString | Kind::MultiLineString);
        if self.jump.is_none() && (line || list.outer.is_some()) {
            if let Some(from) = items
                .windows(2)
                .position(|w| (position(&w[1]).lon - position(&w[0]).lon).abs() > 180.0)
            {
                let at = list.at(Some(from + 1));
                self.jump = Some(warning(at, GeometryOddity::AntimeridianJump { from }));
            }
        }
        if let (Some(outer), None) = (list.outer, &self.winding) {
            // Twice the signed area (shoelace): positive is counterclockwise.
            let area: f64 = items
                .windows(2)
                .map(|w| {
                    let (a, b) = (position(&w[0]), position(&w[1]));
                    a.lon * b.lat - b.lon * a.lat
                })
                .sum();
            if (outer && area < 0.0) || (!outer && area > 0.0) {
                self.winding = Some(warning(list.at(None), GeometryOddity::Winding { outer }));
            }
        }
    }
}

fn warning(path: String, cause: GeometryOddity) -> GeometryWarning {
    GeometryWarning { path, cause }
}

/// A position of a list already checked to hold only positions.
fn position(nest: &Nest) -> Position {
    match nest {
        Nest::Position(p) => *p,
        Nest::List(_) => Position {
            lon: f64::NAN,
            lat: f64::NAN,
            more: false,
        },
    }
}

/// The items of an array of coordinates.
fn items(nest: &Nest) -> std::slice::Iter<'_, Nest> {
    match nest {
        Nest::List(items) => items.iter(),
        Nest::Position(_) => [].iter(),
    }
}
