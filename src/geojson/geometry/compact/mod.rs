//! A geometry read straight from its JSON text, without a `serde_json`
//! value for each of its positions: each position is two numbers and a
//! flag, about 32 bytes, where a value of it takes about 112.
//!
//! Only a plain geometry is read so: one that RFC 7946 accepts, with no
//! key given twice and nothing the checks would refuse. For anything else
//! the reading gives up, and the geometry is read as a value, as before:
//! every message and its path then come from one place,
//! [`check_geometry`](super::check_geometry), word for word.

mod de;
mod lint;

pub use de::GeometrySeed;

/// A geometry read from its text, checked: RFC 7946 accepts it.
///
/// ```
/// use troopmap::geojson::geometry::compact::Compact;
/// let line = Compact::from_text(r#"{"type": "LineString", "coordinates": [[179.5, 60], [-179.5, 60]]}"#).unwrap();
/// assert_eq!(line.lint()[0].path, ".coordinates[1]");
/// assert!(matches!(line.into_geo(), geo::Geometry::LineString(l) if l.0.len() == 2));
/// // Anything the checks would refuse is left to them.
/// assert!(Compact::from_text(r#"{"type": "Point", "coordinates": [200, 0]}"#).is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Compact {
    kind: Kind,
    body: Body,
    /// Members RFC 7946 §7.1 forbids a geometry, in the order given.
    forbidden: Vec<&'static str>,
}

/// The seven geometry types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon,
    GeometryCollection,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "Point" => Kind::Point,
            "MultiPoint" => Kind::MultiPoint,
            "LineString" => Kind::LineString,
            "MultiLineString" => Kind::MultiLineString,
            "Polygon" => Kind::Polygon,
            "MultiPolygon" => Kind::MultiPolygon,
            "GeometryCollection" => Kind::GeometryCollection,
            _ => return None,
        })
    }
}

/// What a geometry holds: its coordinates, or the geometries of a
/// collection.
#[derive(Debug, Clone, PartialEq)]
enum Body {
    Coordinates(Nest),
    Geometries(Vec<Compact>),
}

/// Coordinates as written: a position, or an array of them, or of arrays.
#[derive(Debug, Clone, PartialEq)]
enum Nest {
    Position(Position),
    List(Vec<Nest>),
}

/// A position already checked: longitude and latitude in range.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Position {
    lon: f64,
    lat: f64,
    /// It has more than two numbers (an altitude).
    more: bool,
}

impl Position {
    fn coord(self) -> geo::Coord<f64> {
        geo::coord! { x: self.lon, y: self.lat }
    }
}

impl Compact {
    /// Reads a geometry object from its JSON text; `None` unless it is
    /// plain (see the module's notes).
    pub fn from_text(text: &str) -> Option<Compact> {
        use serde::de::DeserializeSeed;
        let mut de = serde_json::Deserializer::from_str(text);
        let compact = GeometrySeed.deserialize(&mut de).ok()??;
        de.end().ok()?;
        Some(compact)
    }

    /// The members RFC 7946 §7.1 forbids, each as its path below the
    /// geometry (`properties`, `geometries[1].features`) and its name: the
    /// geometry's own, then those of the geometries it holds.
    pub fn forbidden_members(&self) -> Vec<(String, &'static str)> {
        let mut found = Vec::new();
        self.forbidden_in("", &mut found);
        found
    }

    fn forbidden_in(&self, path: &str, found: &mut Vec<(String, &'static str)>) {
        for member in &self.forbidden {
            found.push((format!("{path}{member}"), *member));
        }
        if let Body::Geometries(items) = &self.body {
            for (i, item) in items.iter().enumerate() {
                item.forbidden_in(&format!("{path}geometries[{i}]."), found);
            }
        }
    }

    /// The `geo` geometry, as the geojson crate's conversion gives it.
    pub fn into_geo(self) -> geo::Geometry<f64> {
        use geo::Geometry as G;
        let nest = match self.body {
            Body::Coordinates(nest) => nest,
            Body::Geometries(items) => {
                let items = items.into_iter().map(Compact::into_geo).collect();
                return G::GeometryCollection(geo::GeometryCollection(items));
            }
        };
        match (self.kind, nest) {
            (Kind::Point, Nest::Position(p)) => G::Point(geo::Point(p.coord())),
            (Kind::MultiPoint, nest) => G::MultiPoint(geo::MultiPoint(fitted(
                positions(nest).map(|p| geo::Point(p.coord())).collect(),
            ))),
            (Kind::LineString, nest) => G::LineString(line(nest)),
            (Kind::MultiLineString, nest) => G::MultiLineString(geo::MultiLineString(fitted(
                lists(nest).map(line).collect(),
            ))),
            (Kind::Polygon, nest) => G::Polygon(polygon(nest)),
            (Kind::MultiPolygon, nest) => G::MultiPolygon(geo::MultiPolygon(fitted(
                lists(nest).map(polygon).collect(),
            ))),
            // Not a shape that was checked: nothing.
            (Kind::Point | Kind::GeometryCollection, _) => {
                G::GeometryCollection(geo::GeometryCollection(Vec::new()))
            }
        }
    }

    /// Whether the geometry is one RFC 7946 accepts, as
    /// [`check_geometry`](super::check_geometry) checks it (positions were
    /// checked as they were read).
    fn fits(&self) -> bool {
        match (&self.body, self.kind) {
            (Body::Geometries(items), Kind::GeometryCollection) => items.iter().all(Compact::fits),
            (Body::Geometries(_), _) | (Body::Coordinates(_), Kind::GeometryCollection) => false,
            (Body::Coordinates(nest), kind) => fits(kind, nest),
        }
    }
}

/// Coordinates nested as `kind` asks, lines long enough, rings closed.
fn fits(kind: Kind, nest: &Nest) -> bool {
    let Nest::List(items) = nest else {
        return kind == Kind::Point;
    };
    let all_positions = |list: &Nest| match list {
        Nest::List(l) => l.iter().all(|p| matches!(p, Nest::Position(_))),
        Nest::Position(_) => false,
    };
    let line = |list: &Nest| matches!(list, Nest::List(l) if l.len() >= 2) && all_positions(list);
    let ring = |list: &Nest| match list {
        Nest::List(l) if l.len() >= 4 && all_positions(list) => {
            match (l.first(), l.last()) {
                // A third number would have to be compared too: left
                // to the checks of values.
                (Some(Nest::Position(a)), Some(Nest::Position(b))) => {
                    !a.more && !b.more && a.lon == b.lon && a.lat == b.lat
                }
                _ => false,
            }
        }
        _ => false,
    };
    let polygon = |list: &Nest| matches!(list, Nest::List(rings) if rings.iter().all(ring));
    match kind {
        Kind::Point | Kind::GeometryCollection => false,
        Kind::MultiPoint => all_positions(nest),
        // Empty coordinates stand for no geometry (RFC 7946 §3.1).
        Kind::LineString => items.is_empty() || line(nest),
        Kind::MultiLineString => items.iter().all(line),
        Kind::Polygon => items.iter().all(ring),
        Kind::MultiPolygon => items.iter().all(polygon),
    }
}

/// The items of an array of coordinates.
fn lists(nest: Nest) -> impl Iterator<Item = Nest> {
    let items = match nest {
        Nest::List(items) => items,
        Nest::Position(_) => Vec::new(),
    };
    items.into_iter()
}

/// The positions of an array of them (each item is one, once checked; a
/// map, not a filter, so that the result is allocated once, to size).
fn positions(nest: Nest) -> impl Iterator<Item = Position> {
    lists(nest).map(|p| match p {
        Nest::Position(p) => p,
        Nest::List(_) => Position {
            lon: f64::NAN,
            lat: f64::NAN,
            more: false,
        },
    })
}

fn line(nest: Nest) -> geo::LineString<f64> {
    geo::LineString(fitted(positions(nest).map(Position::coord).collect()))
}

/// A vector collected from the coordinates' own, whose room it may reuse
/// (twice its size, or more): cut to its size, as the map keeps it.
fn fitted<T>(mut items: Vec<T>) -> Vec<T> {
    items.shrink_to_fit();
    items
}

fn polygon(nest: Nest) -> geo::Polygon<f64> {
    let mut rings = lists(nest).map(line);
    let exterior = rings.next().unwrap_or_else(|| geo::LineString(Vec::new()));
    geo::Polygon::new(exterior, fitted(rings.collect()))
}
