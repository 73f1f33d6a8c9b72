//! Many features drawn at once: each feature's shapes projected once (Web
//! Mercator, as Leaflet's default map projection) into flat arrays, and
//! the feature under a click found among those shown without any drawing
//! library.
//!
//! Coordinates here are "world pixels" at zoom 0: the whole world is 256
//! units wide, as in Leaflet; at zoom z a map pixel is `2^-z` of a unit.

use geo::{Coord, Geometry, LineString};

use crate::model::MapFeature;

/// Leaflet's limit of the Web Mercator projection, in degrees of latitude.
const MAX_LATITUDE: f64 = 85.051_128_779_8;

/// Projects longitude/latitude to world pixels at zoom 0, exactly as
/// Leaflet's `EPSG3857` does.
///
/// ```
/// let [x, y] = troopmap::draw::projected::mercator(geo::coord! { x: 0.0, y: 0.0 });
/// assert!((x - 128.0).abs() < 1e-9 && (y - 128.0).abs() < 1e-9);
/// ```
pub fn mercator(c: Coord<f64>) -> [f64; 2] {
    let lat = c.y.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = 128.0 + c.x.to_radians() * 128.0 / std::f64::consts::PI;
    let y = 128.0
        - crate::space::trig::tan(std::f64::consts::FRAC_PI_4 + lat / 2.0).ln() * 128.0
            / std::f64::consts::PI;
    [x, y]
}

/// Longitude/latitude of world pixels at zoom 0: the inverse of
/// [`mercator`].
///
/// ```
/// use troopmap::draw::projected::{mercator, unmercator};
/// let c = geo::coord! { x: 131.9, y: 43.1 };
/// let back = unmercator(mercator(c));
/// assert!((back.x - c.x).abs() < 1e-9 && (back.y - c.y).abs() < 1e-9);
/// ```
pub fn unmercator([x, y]: [f64; 2]) -> Coord<f64> {
    let pi = std::f64::consts::PI;
    Coord {
        x: ((x - 128.0) * pi / 128.0).to_degrees(),
        y: (2.0 * ((128.0 - y) * pi / 128.0).exp().atan() - std::f64::consts::FRAC_PI_2)
            .to_degrees(),
    }
}

/// What a part of a feature is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A point: one coordinate.
    Point,
    /// An open line.
    Line,
    /// A polygon's outer ring (closed).
    Outer,
    /// A hole of the polygon whose outer ring comes before it.
    Hole,
}

/// One drawn part: its shape and its coordinates' range in [`Projected`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub shape: Shape,
    from: u32,
    to: u32,
}

/// Every feature's parts, projected once.
#[derive(Debug, Clone, Default)]
pub struct Projected {
    /// Per feature, its range in `parts`.
    features: Vec<(u32, u32)>,
    parts: Vec<Part>,
    coords: Vec<[f64; 2]>,
    /// Per feature that is one point, the point; NaN for the others. (A
    /// frame reads the points of many features: one read each.)
    dots: Vec<[f64; 2]>,
}

impl Projected {
    /// Projects `features`; a feature without geometry has no parts.
    pub fn of(features: &[MapFeature]) -> Projected {
        let mut projected = Projected::default();
        for feature in features {
            let first = projected.parts.len() as u32;
            if let Some(geometry) = &feature.geometry {
                projected.add(geometry);
            }
            let parts = &projected.parts[first as usize..];
            projected.dots.push(match parts {
                [Part {
                    shape: Shape::Point,
                    from,
                    ..
                }] => projected.coords[*from as usize],
                _ => [f64::NAN; 2],
            });
            projected
                .features
                .push((first, projected.parts.len() as u32));
        }
        projected
    }

    fn push(&mut self, shape: Shape, coords: impl Iterator<Item = Coord<f64>>) {
        let from = self.coords.len() as u32;
        self.coords.extend(coords.map(mercator));
        let to = self.coords.len() as u32;
        if to > from {
            self.parts.push(Part { shape, from, to });
        }
    }

    fn add_line(&mut self, line: &LineString<f64>) {
        self.push(Shape::Line, line.0.iter().copied());
    }

    fn add_polygon(&mut self, polygon: &geo::Polygon<f64>) {
        self.push(Shape::Outer, polygon.exterior().0.iter().copied());
        for hole in polygon.interiors() {
            self.push(Shape::Hole, hole.0.iter().copied());
        }
    }

    fn add(&mut self, geometry: &Geometry<f64>) {
        match geometry {
            Geometry::Point(p) => self.push(Shape::Point, std::iter::once(p.0)),
            Geometry::MultiPoint(points) => {
                for p in points {
                    self.push(Shape::Point, std::iter::once(p.0));
                }
            }
            Geometry::Line(line) => self.add_line(&LineString::from(*line)),
            Geometry::LineString(line) => self.add_line(line),
            Geometry::MultiLineString(lines) => lines.iter().for_each(|l| self.add_line(l)),
            Geometry::Polygon(p) => self.add_polygon(p),
            Geometry::MultiPolygon(ps) => ps.iter().for_each(|p| self.add_polygon(p)),
            Geometry::Rect(r) => self.add_polygon(&r.to_polygon()),
            Geometry::Triangle(t) => self.add_polygon(&t.to_polygon()),
            Geometry::GeometryCollection(items) => items.iter().for_each(|g| self.add(g)),
        }
    }

    /// The parts of feature `index` (none for an unknown index).
    pub fn parts(&self, index: usize) -> &[Part] {
        match self.features.get(index) {
            Some(&(from, to)) => &self.parts[from as usize..to as usize],
            None => &[],
        }
    }

    /// The point of feature `index` when it is one point.
    pub fn dot(&self, index: usize) -> Option<[f64; 2]> {
        self.dots.get(index).copied().filter(|d| !d[0].is_nan())
    }

    /// The projected coordinates of `part`.
    pub fn coords(&self, part: &Part) -> &[[f64; 2]] {
        &self.coords[part.from as usize..part.to as usize]
    }

    /// The feature whose drawing is nearest `at` (world pixels), within
    /// `tolerance` (world pixels) of a point or line, or inside a polygon;
    /// points before lines before polygons, as they are drawn on top.
    pub fn hit(
        &self,
        shown: impl IntoIterator<Item = usize>,
        at: [f64; 2],
        tolerance: f64,
    ) -> Option<usize> {
        // (layer: 0 points, 1 lines, 2 polygons; distance; index)
        let mut best: Option<(u8, f64, usize)> = None;
        for index in shown {
            let parts = self.parts(index);
            for (n, part) in parts.iter().enumerate() {
                let coords = self.coords(part);
                let found = match part.shape {
                    Shape::Point => Some((0, distance(at, coords[0]))),
                    Shape::Line => Some((1, distance_to_line(at, coords))),
                    // Inside (and not in one of its holes), or on its outline.
                    Shape::Outer => {
                        let in_hole = parts[n + 1..]
                            .iter()
                            .take_while(|p| p.shape == Shape::Hole)
                            .any(|hole| inside(at, self.coords(hole)));
                        if inside(at, coords) && !in_hole {
                            Some((2, 0.0))
                        } else {
                            Some((2, distance_to_line(at, coords)))
                        }
                    }
                    Shape::Hole => None,
                };
                let Some((layer, d)) = found else { continue };
                if d > tolerance {
                    continue;
                }
                if best.is_none_or(|(l, bd, _)| (layer, d) < (l, bd)) {
                    best = Some((layer, d, index));
                }
            }
        }
        best.map(|(_, _, index)| index)
    }
}

fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

fn distance_to_line(at: [f64; 2], line: &[[f64; 2]]) -> f64 {
    if line.len() == 1 {
        return distance(at, line[0]);
    }
    line.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
            let length = dx * dx + dy * dy;
            let t = if length == 0.0 {
                0.0
            } else {
                (((at[0] - a[0]) * dx + (at[1] - a[1]) * dy) / length).clamp(0.0, 1.0)
            };
            distance(at, [a[0] + t * dx, a[1] + t * dy])
        })
        .fold(f64::INFINITY, f64::min)
}

/// Whether `at` is inside the closed `ring` (even-odd rule).
fn inside(at: [f64; 2], ring: &[[f64; 2]]) -> bool {
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[j]);
        if (a[1] > at[1]) != (b[1] > at[1])
            && at[0] < (b[0] - a[0]) * (at[1] - a[1]) / (b[1] - a[1]) + a[0]
        {
            inside = !inside;
        }
        j = i;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_collection;

    fn data(text: &str) -> Vec<MapFeature> {
        let wrapped = format!(r#"{{"type": "FeatureCollection", "features": [{text}]}}"#);
        match read_collection("t", &wrapped) {
            Ok(data) => data.features,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn mercator_matches_leaflet_at_known_points() {
        // Leaflet's EPSG3857 at zoom 0: R = 6378137, scale = 0.5 / (pi R).
        let [x, y] = mercator(geo::coord! { x: 131.885, y: 43.115 });
        assert!((x - 221.78488888888887).abs() < 1e-6, "{x}");
        assert!((y - 93.95509682435286).abs() < 1e-6, "{y}");
        // Beyond the projection's limit, a point sits on the edge.
        let [_, top] = mercator(geo::coord! { x: 0.0, y: 90.0 });
        assert!(top.abs() < 1e-6, "{top}");
    }

    #[test]
    fn every_geometry_becomes_parts_in_order() {
        let features = data(
            r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [0, 0]}, "properties": {}},
               {"type": "Feature", "geometry": null, "properties": {}},
               {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
                  [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                  [[2, 2], [2, 4], [4, 4], [2, 2]]]}, "properties": {}},
               {"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": [
                  {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                  {"type": "MultiPoint", "coordinates": [[0, 0], [1, 1]]}]}, "properties": {}}"#,
        );
        let projected = Projected::of(&features);
        let shapes = |i| {
            projected
                .parts(i)
                .iter()
                .map(|p| (p.shape, projected.coords(p).len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(shapes(0), [(Shape::Point, 1)]);
        assert_eq!(shapes(1), []);
        assert_eq!(shapes(2), [(Shape::Outer, 5), (Shape::Hole, 4)]);
        assert_eq!(
            shapes(3),
            [(Shape::Line, 2), (Shape::Point, 1), (Shape::Point, 1)]
        );
        assert_eq!(shapes(9), []);
    }

    #[test]
    fn a_click_finds_points_over_lines_over_polygons_and_only_those_shown() {
        let features = data(
            r#"{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
                  [[-10, -10], [10, -10], [10, 10], [-10, 10], [-10, -10]]]}, "properties": {}},
               {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[-5, 0], [5, 0]]}, "properties": {}},
               {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 0]}, "properties": {}}"#,
        );
        let projected = Projected::of(&features);
        let at = mercator(geo::coord! { x: 1.0, y: 0.0 });
        assert_eq!(projected.hit([0, 1, 2], at, 0.5), Some(2));
        assert_eq!(projected.hit([0, 1], at, 0.5), Some(1));
        assert_eq!(projected.hit([0], at, 0.5), Some(0));
        let off_line = mercator(geo::coord! { x: 1.0, y: 5.0 });
        assert_eq!(projected.hit([0, 1, 2], off_line, 0.5), Some(0));
        let outside = mercator(geo::coord! { x: 30.0, y: 30.0 });
        let holed = data(
            r#"{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
                  [[-10, -10], [10, -10], [10, 10], [-10, 10], [-10, -10]],
                  [[-5, -5], [-5, 5], [5, 5], [5, -5], [-5, -5]]]}, "properties": {}}"#,
        );
        let holed = Projected::of(&holed);
        let centre = mercator(geo::coord! { x: 0.0, y: 0.0 });
        assert_eq!(holed.hit([0], centre, 0.5), None, "a click in a hole");
        assert_eq!(
            holed.hit([0], mercator(geo::coord! { x: 7.0, y: 0.0 }), 0.5),
            Some(0)
        );
        assert_eq!(projected.hit([0, 1, 2], outside, 0.5), None);
        assert_eq!(projected.hit([], at, 0.5), None);
    }
}
