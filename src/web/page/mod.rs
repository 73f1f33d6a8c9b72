//! The page itself: the DOM, JavaScript bindings Leaflet's crate lacks, the
//! basemap, and downloads.

pub mod basemap;
pub mod bindings;
pub mod dom;
pub mod download;
pub mod embed;
pub mod fit;
pub mod follow;
pub mod land;
pub mod loading;
pub mod packer;
