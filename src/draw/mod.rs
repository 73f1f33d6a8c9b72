//! How marks look and are drawn, apart from any browser: the one
//! definition of every mark (its colour, dash and size, used by both
//! renderers and the legend), features projected for fast drawing, and the
//! pixel buffer the canvas paints into.

pub mod land;
pub mod projected;
pub mod raster;
pub mod style;
