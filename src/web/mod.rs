//! Everything that touches the browser: the Leaflet map, the controls, the
//! download. Built for `wasm32` only; the core it draws from is plain Rust.
//!
//! The flow is one way: an input sends an [`crate::scene::action::Action`]
//! through a [`dispatch::Dispatch`], the app has the core's scene work out
//! what changes, and applies only that to Leaflet.

pub mod app;
pub mod dispatch;
pub mod input;
pub mod page;
pub mod panels;
pub mod render;
pub mod share;
pub mod start;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where the bundled data is served from.
pub const DATA_URL: &str = "data/nk-deployment-2024.geojson";
/// Where the offline basemap is served from.
pub const BASEMAP_URL: &str = "basemap.geojson";

/// The data to show: `?data=PATH` in the address names a GeoJSON file
/// served beside the map (the same origin: the page's security policy lets
/// it fetch from nowhere else); without it, the bundled data.
pub fn data_url() -> Result<String, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let location = window.location();
    let params = web_sys::UrlSearchParams::new_with_str(&location.search()?)?;
    let Some(wanted) = params.get("data").filter(|d| !d.is_empty()) else {
        return Ok(DATA_URL.to_owned());
    };
    let url = web_sys::Url::new_with_base(&wanted, &location.href()?)?;
    if url.origin() != location.origin()? {
        return Err(JsValue::from_str(&format!(
            "?data={wanted}: only files served beside the map can be shown"
        )));
    }
    Ok(wanted)
}

/// Marks a moment of loading in the page's performance timeline (seen in
/// the browser's developer tools, and read by the benchmark).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The bytes of the wasm module's memory: for the benchmark, which cannot
/// see it in the JavaScript heap.
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

/// Entry point: builds the map and loads the bundled data.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(error) = start::run().await {
            let message = page::dom::describe_js_error(&error);
            web_sys::console::error_1(&JsValue::from_str(&message));
            page::dom::show_alert(&message);
        }
    });
}
