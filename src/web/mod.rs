//! Everything that touches the browser: the Leaflet map, the controls, the
//! download. Built for `wasm32` only; the core it draws from is plain Rust.
//!
//! The flow is one way: a control becomes an [`app::Action`], the core works
//! out what changes, and [`app::App::apply`] applies only that to Leaflet.

pub mod app;
pub mod basemap;
pub mod bindings;
pub mod chronology;
pub mod controls;
pub mod dom;
pub mod download;
pub mod features;
pub mod histogram;
pub mod import;
pub mod labels;
pub mod legend;
pub mod link;
pub mod movers;
pub mod popup;

use wasm_bindgen::JsValue;

/// Where the bundled data is served from.
pub const DATA_URL: &str = "data/nk-deployment-2024.geojson";
/// Where the offline basemap is served from.
pub const BASEMAP_URL: &str = "basemap.geojson";

/// Entry point: builds the map and loads the bundled data.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(error) = app::run().await {
            let message = dom::describe_js_error(&error);
            web_sys::console::error_1(&JsValue::from_str(&message));
            dom::show_alert(&message);
        }
    });
}
