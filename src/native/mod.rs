//! What is made on the command line, not in the page: the offline basemap
//! (Natural Earth countries, from TopoJSON) and synthetic data for the
//! benchmark.

pub mod basemap;
pub mod error;
pub mod opening;
pub mod synth;
pub mod topo;

pub use error::{ShapeError, TopoError};
