//! The renderers: what the scene shows, drawn on the map, either as a
//! Leaflet layer per feature (SVG, small data) or on one canvas (large
//! data).

pub mod canvas;
pub mod features;
pub mod labels;
pub mod layers;
pub mod movers;
