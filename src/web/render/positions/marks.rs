//! What the units' canvas drew, for clicks: each unit drawn alone and
//! each count, where it is and how far around it a click counts.

use crate::space::sightings::Position;

/// What a click found.
pub enum Picked {
    /// A unit drawn alone, at this position.
    Unit(Position),
    /// A count: the corners (south-west, north-east) of its units.
    Crowd(geo::Coord<f64>, geo::Coord<f64>),
}

/// A mark drawn, for clicks: at (x, y) in CSS pixels, `radius` around.
pub(super) struct Mark {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) radius: f64,
    /// A unit's position (by its place in the positions shown), or a
    /// crowd (by its place in the crowds drawn).
    pub(super) what: Target,
}

#[derive(Clone, Copy)]
pub(super) enum Target {
    Unit(usize),
    Crowd(usize),
}

/// Units gathered in one cell.
#[derive(Clone, Copy)]
pub(super) struct Crowd {
    pub(super) count: usize,
    pub(super) sum: [f64; 2],
    pub(super) south_west: geo::Coord<f64>,
    pub(super) north_east: geo::Coord<f64>,
}
