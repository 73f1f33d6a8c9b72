//! What can be wrong, or odd, in a GeoJSON geometry, and where below it.

use std::fmt;

use serde_json::Number;

use crate::geojson::found::FoundValue;

/// Why a geometry was refused, and the JSON path below the geometry
/// (`.coordinates[2]`; empty for the geometry itself).
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::geometry::{check_geometry, GeometryCause};
/// let error = check_geometry(&json!({"type": "Circle", "coordinates": [1, 2]})).unwrap_err();
/// assert_eq!(error.path, ".type");
/// assert!(matches!(&error.cause, GeometryCause::UnknownType { name } if name == "Circle"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeometryError {
    /// Where, below the geometry.
    pub path: String,
    /// What is wrong there.
    pub cause: GeometryCause,
}

impl GeometryError {
    pub(super) fn at(path: impl Into<String>, cause: GeometryCause) -> GeometryError {
        GeometryError {
            path: path.into(),
            cause,
        }
    }
}

impl fmt::Display for GeometryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at geometry{}: {}", self.path, self.cause)
    }
}

impl std::error::Error for GeometryError {}

/// Why a geometry breaks RFC 7946, one variant per rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeometryCause {
    /// A feature's geometry that is neither an object nor null.
    NotAnObject { found: FoundValue },
    /// A member of a GeometryCollection that is not an object (null
    /// included).
    NotAnObjectInCollection { found: FoundValue },
    /// A `type` that is not text.
    TypeNotText { found: FoundValue },
    /// No `type` at all.
    NoType,
    /// A `type` that names no geometry type.
    UnknownType { name: String },
    /// A GeometryCollection without a `geometries` array.
    NoGeometries,
    /// A geometry other than a collection without `coordinates`.
    NoCoordinates { kind: String },
    /// Coordinates nested less deeply than the type says.
    NotAnArray { found: FoundValue },
    /// A value in a position that is not a number.
    NotANumber { found: FoundValue },
    /// A position with fewer than two numbers.
    ShortPosition { numbers: usize },
    /// A longitude outside -180..180.
    Longitude { longitude: Number },
    /// A latitude outside -90..90.
    Latitude { latitude: Number },
    /// A line of fewer than two positions.
    ShortLine { positions: usize },
    /// A polygon ring of fewer than four positions.
    ShortRing { positions: usize },
    /// A polygon ring whose last position is not its first.
    OpenRing,
    /// What the geojson crate refuses after these checks, in its words.
    Invalid { reason: String },
}

impl fmt::Display for GeometryCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// A number as the message writes it: as a float.
        fn float(n: &Number) -> String {
            crate::number::decimal(n.as_f64().unwrap_or(f64::NAN), 9)
        }
        match self {
            GeometryCause::NotAnObject { found } => {
                write!(f, "expected a geometry object or null, found {found}")
            }
            GeometryCause::NotAnObjectInCollection { found } => write!(
                f,
                "expected a geometry object (null is not allowed in a GeometryCollection), found {found}"
            ),
            GeometryCause::TypeNotText { found } => {
                write!(f, "expected a geometry type name, found {found}")
            }
            GeometryCause::NoType => f.write_str("the geometry has no \"type\""),
            GeometryCause::UnknownType { name } => write!(
                f,
                "{} is not a GeoJSON geometry type; expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection",
                crate::model::quote::quoted(name)
            ),
            GeometryCause::NoGeometries => {
                f.write_str("a GeometryCollection needs a \"geometries\" array")
            }
            GeometryCause::NoCoordinates { kind } => write!(f, "a {kind} needs \"coordinates\""),
            GeometryCause::NotAnArray { found } => write!(f, "expected an array, found {found}"),
            GeometryCause::NotANumber { found } => write!(f, "expected a number, found {found}"),
            GeometryCause::ShortPosition { numbers } => write!(
                f,
                "a position needs a longitude and a latitude, found {numbers} number(s)"
            ),
            GeometryCause::Longitude { longitude } => write!(
                f,
                "longitude {} is outside -180..180 (positions are [longitude, latitude])",
                float(longitude)
            ),
            GeometryCause::Latitude { latitude } => write!(
                f,
                "latitude {} is outside -90..90 (positions are [longitude, latitude])",
                float(latitude)
            ),
            GeometryCause::ShortLine { positions } => {
                write!(f, "a line needs at least 2 positions, found {positions}")
            }
            GeometryCause::ShortRing { positions } => write!(
                f,
                "a polygon ring needs at least 4 positions, found {positions}"
            ),
            GeometryCause::OpenRing => {
                f.write_str("a polygon ring must end where it starts (closed ring)")
            }
            GeometryCause::Invalid { reason } => {
                write!(f, "not a valid GeoJSON geometry: {reason}")
            }
        }
    }
}

/// Something odd but drawable in a geometry, and the JSON path below the
/// geometry where it is first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeometryWarning {
    /// Where, below the geometry.
    pub path: String,
    /// What is odd there.
    pub cause: GeometryOddity,
}

impl fmt::Display for GeometryWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at geometry{}: {}", self.path, self.cause)
    }
}

/// What is odd but drawable in a geometry, one variant per oddity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeometryOddity {
    /// Positions with a third value (an altitude), which the map ignores.
    Altitude,
    /// A ring wound against RFC 7946's rule: an outer ring clockwise, or a
    /// hole counterclockwise.
    Winding { outer: bool },
    /// A line that jumps across the antimeridian between position `from`
    /// and the next, instead of being cut in two there.
    AntimeridianJump { from: usize },
}

impl fmt::Display for GeometryOddity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            GeometryOddity::Altitude => {
                f.write_str("positions have a third value (an altitude): kept, but not shown")
            }
            GeometryOddity::Winding { outer } => {
                let (ring, wound, asked) = if outer {
                    ("the outer ring", "clockwise", "counterclockwise")
                } else {
                    ("a hole", "counterclockwise", "clockwise")
                };
                write!(
                    f,
                    "{ring} winds {wound}; RFC 7946 asks for {asked} (drawn all the same)"
                )
            }
            GeometryOddity::AntimeridianJump { from } => write!(
                f,
                "the line jumps across the antimeridian between positions {from} and {}; RFC 7946 asks for such lines to be cut in two there",
                from + 1
            ),
        }
    }
}
