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

pub mod action;
pub mod basemap;
pub mod bulk;
pub mod caveat;
pub mod chronology;
pub mod convention;
pub mod csv;
pub mod export;
pub mod fragment;
pub mod geometry;
pub mod history;
pub mod index;
pub mod journeys;
pub mod measure;
pub mod model;
pub mod motion;
pub mod play;
pub mod problem;
pub mod raster;
pub mod read;
pub mod scan;
pub mod scene;
pub mod selection;
pub mod shown;
pub mod statement;
pub mod style;
pub mod synth;
pub mod time;
pub mod topo;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use convention::{DateOrder, ReadOptions};
pub use export::export_collection;
pub use index::{Change, TimeIndex};
pub use model::{Confidence, Dataset, FeatureId, Kind, MapFeature, Precision, Source, SourceNotes};
pub use problem::{LoadError, Problem};
pub use read::{read_collection, read_collection_shared, read_collection_with};
pub use shown::Shown;
pub use time::{Day, Span, TimeBound, TimeError};
