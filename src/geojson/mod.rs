//! GeoJSON in and out: the reader (one step per member), the conventions
//! other tools write dates in, the checks of a geometry, the scan that
//! finds where a feature's text lies in the file, the lossless export, and
//! CSV made into GeoJSON.

pub mod changes;
pub mod convention;
#[cfg(feature = "readers")]
pub mod csv;
pub mod export;
pub mod found;
pub mod geometry;
pub mod positions;
pub mod read;
pub mod scan;
