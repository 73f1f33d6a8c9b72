//! What can go wrong with a TopoJSON file: a text that is not a topology,
//! and a topology whose shapes cannot be built.

use std::fmt;

/// Why a text is not a TopoJSON topology ([`Topology::parse`]).
///
/// [`Topology::parse`]: crate::native::topo::Topology::parse
#[derive(Debug)]
pub enum TopoError {
    /// Not JSON, or JSON without a topology's members (`type`, `arcs`,
    /// `objects`) of the right kinds; serde's words say which and where.
    NotTopoJson(serde_json::Error),
    /// A JSON document whose `type` is not `"Topology"`.
    NotATopology { found: String },
    /// An arc position with fewer than two numbers.
    ShortPosition,
    /// A geometry whose `arcs` are not the indexes its type wants: a list
    /// of rings for a `Polygon`, a list of polygons for a `MultiPolygon`.
    BadArcReferences(serde_json::Error),
}

impl fmt::Display for TopoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TopoError::NotTopoJson(error) => write!(f, "not a TopoJSON topology: {error}"),
            TopoError::NotATopology { found } => {
                write!(f, "expected \"type\": \"Topology\", found {found:?}")
            }
            TopoError::ShortPosition => f.write_str("an arc position has fewer than two numbers"),
            TopoError::BadArcReferences(error) => write!(f, "bad arc references: {error}"),
        }
    }
}

impl std::error::Error for TopoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TopoError::NotTopoJson(error) | TopoError::BadArcReferences(error) => Some(error),
            TopoError::NotATopology { .. } | TopoError::ShortPosition => None,
        }
    }
}

/// Why shapes cannot be built from a topology ([`Topology::polygons`],
/// [`Topology::assemble`], the basemap's [`build`]).
///
/// [`Topology::polygons`]: crate::native::topo::Topology::polygons
/// [`Topology::assemble`]: crate::native::topo::Topology::assemble
/// [`build`]: crate::native::basemap::build
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// The topology has no object of that name (`countries`, `land`).
    NoObject { name: String },
    /// A ring refers to an arc the topology does not have; `index` is the
    /// arc's, with `~i` (a reversed arc) already read as `i`.
    MissingArc { index: i64 },
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::NoObject { name } => write!(f, "the topology has no object {name:?}"),
            ShapeError::MissingArc { index } => {
                write!(f, "a ring refers to arc {index}, which does not exist")
            }
        }
    }
}

impl std::error::Error for ShapeError {}
