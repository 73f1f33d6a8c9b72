//! Where things are: the box around shapes, lengths and durations of
//! movements, how a unit moves along its route, and the journeys under way; units from sightings, and their symbols;
//! where to move a map's view to frame a place.

pub mod bounds;
pub mod framing;
pub mod journeys;
pub mod measure;
pub mod motion;
pub mod sightings;
pub mod sphere;
pub mod symbols;
pub mod trig;
pub mod unit_properties;
