//! What is odd in a file but loadable, in the words a person reads.

use std::fmt;

use super::surprise::Surprise;
use crate::geojson::found::FoundValue;
use crate::geojson::geometry::GeometryOddity;

/// What is odd in a file but does not stop it loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The file starts with a byte-order mark, which is skipped.
    ByteOrderMark,
    /// A single Feature, loaded as a collection of one.
    SingleFeature,
    /// A bare geometry of this type, loaded as one feature.
    BareGeometry { kind: String },
    /// A description written as an object with a `value`, read as text.
    DescriptionObject,
    /// The collection is wrapped in another object, under `key`.
    Wrapped { key: String },
    /// A `crs` member, from an older GeoJSON.
    Crs,
    /// An id that feature `first` already has.
    DuplicateId { first: usize, more: usize },
    /// A geometry that is odd but drawable.
    Geometry(GeometryOddity),
    /// A converted table's column (`what` says "column" or "field") kept
    /// as the property `to`: the map reads a property of its name itself
    /// (`reads`), or an earlier column is kept under it.
    RenamedColumn {
        what: &'static str,
        column: String,
        to: String,
        reads: bool,
    },
    /// Something the file's writer may not have meant: a key given twice,
    /// a member RFC 7946 §7.1 forbids, a far year, a time not used.
    Surprise(Surprise),
    /// A name or description that is not text: kept among the other
    /// properties, not shown as one.
    NotShown { found: FoundValue },
    /// A feature's warning that `more` features after it have too: one
    /// line for them all.
    Repeated { warning: Box<Warning>, more: usize },
}

impl From<Surprise> for Warning {
    fn from(surprise: Surprise) -> Warning {
        Warning::Surprise(surprise)
    }
}

impl From<GeometryOddity> for Warning {
    fn from(oddity: GeometryOddity) -> Warning {
        Warning::Geometry(oddity)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::ByteOrderMark => f.write_str(
                "the file starts with a byte-order mark, which JSON does not allow: skipped",
            ),
            Warning::SingleFeature => f.write_str(
                "a single Feature, not a FeatureCollection: loaded as a collection of one",
            ),
            Warning::BareGeometry { kind } => write!(
                f,
                "a bare {kind}, not a FeatureCollection: loaded as one feature, with no properties and no date (shown on every day)"
            ),
            Warning::DescriptionObject => f.write_str(
                "the description is an object, as KML converters write one that held HTML: its \"value\" is shown as text, never as HTML",
            ),
            Warning::Wrapped { key } => write!(
                f,
                "the FeatureCollection is wrapped in another object, under {key:?}: only the collection was loaded, and export writes it alone"
            ),
            Warning::Crs => f.write_str(
                "a \"crs\" member is from an older GeoJSON; RFC 7946 coordinates are always WGS84 longitude and latitude (kept as it is)",
            ),
            Warning::DuplicateId { first, more: 0 } => write!(
                f,
                "the id is also feature {first}'s; ids should tell features apart"
            ),
            Warning::DuplicateId { first, more } => write!(
                f,
                "the id is also feature {first}'s, and {more} more features have it; ids should tell features apart"
            ),
            Warning::Geometry(oddity) => write!(f, "{oddity}"),
            Warning::RenamedColumn {
                what,
                column,
                to,
                reads,
            } => {
                use crate::model::quote::quoted;
                let (column, to) = (quoted(column), quoted(to));
                write!(f, "{what} {column} is kept as {to}: ")?;
                if *reads {
                    write!(f, "the map reads {column} itself")
                } else {
                    write!(f, "an earlier {what} is kept as {column}")
                }
            }
            Warning::Surprise(surprise) => write!(f, "{surprise}"),
            Warning::NotShown { found } => write!(
                f,
                "expected text, found {found}: kept as it is among the other properties, and not shown"
            ),
            Warning::Repeated { warning, more } => write!(
                f,
                "{warning} — likewise in {} more {} ({} in all)",
                crate::number::thousands(*more),
                if *more == 1 { "feature" } else { "features" },
                crate::number::thousands(more.saturating_add(1))
            ),
        }
    }
}
