//! troopmap shows reported troop movements through time on a web map, with
//! every feature's sources and confidence.
//!
//! The crate is a pure core that builds and tests natively — the data model,
//! time, GeoJSON in and out, geometry, and the set of features shown on a
//! day — and, for `wasm32` only, the [`web`] module that draws it with
//! Leaflet. Nothing in the core touches a browser.
//!
//! ```
//! use troopmap::{read_collection, Day, Shown, TimeIndex};
//! let text = r#"{"type": "FeatureCollection", "features": [
//!   {"type": "Feature", "id": "route:sea", "geometry": {"type": "LineString",
//!    "coordinates": [[129.8, 41.7], [131.9, 43.1]]},
//!    "properties": {"kind": "route", "start": "2024-10-08", "end": "2024-10-13"}}]}"#;
//! let data = read_collection("demo.geojson", text).unwrap();
//! let mut shown = Shown::new(TimeIndex::of(&data.features));
//! shown.go_to(Day::parse("2024-10-10").unwrap());
//! assert_eq!(shown.count(), 1);
//! ```

pub mod draw;
pub mod formats;
pub mod geojson;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod number;
pub mod picture;
pub mod scene;
pub mod sort;
pub mod space;
pub mod time;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use geojson::convention::{DateOrder, ReadOptions};
pub use geojson::export::export_collection;
pub use geojson::read::{read_collection, read_collection_shared, read_collection_with};
pub use model::problem::{Cause, LoadError, Problem};
pub use model::{
    Confidence, Dataset, FeatureId, Kind, LoadedFile, MapFeature, Precision, Source, SourceNotes,
};
pub use scene::shown::Shown;
pub use time::index::{Change, TimeIndex};
pub use time::{Day, Span, TimeBound, TimeCause, TimeError};
