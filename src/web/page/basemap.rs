//! The offline basemap (Natural Earth countries, bundled with the app) and
//! the optional online OpenStreetMap tiles.

use leaflet::{Layer, Map, TileLayer, TileLayerOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::picture::basemap::Basemap;
use crate::web::page::bindings::{self, object};
use crate::web::page::land::{report, Land};

/// The pane the basemap is drawn in: under the tile pane (200), so that
/// online tiles, when switched on, cover it.
const PANE: &str = "basemap";

/// Draws the bundled basemap (see [`crate::web::page::land`]) and offers
/// the online tiles, off, in a layer switcher.
pub async fn add(map: &Map, url: &str) -> Result<(), JsValue> {
    let pane = bindings::create_pane(map, PANE);
    pane.style().set_property("z-index", "150")?;
    let text = read_utf8(url, start_fetch(url)?).await?;
    let basemap =
        Basemap::read(&text).ok_or_else(|| JsValue::from_str(&format!("{url}: not JSON")))?;
    let land = Land::add(map, &pane, &basemap)?;
    // The switcher turns layers on and off: an empty group stands for the
    // land's canvas, and carries its attribution.
    let switch = bindings::layer_group(
        &js_sys::Array::new(),
        &object(&[("attribution", "Basemap: Natural Earth".into())]),
    );
    for (event, on) in [("add", true), ("remove", false)] {
        let land = land.clone();
        let toggle = Closure::<dyn FnMut()>::new(move || {
            let Ok(mut land) = land.try_borrow_mut() else {
                return;
            };
            if let Err(error) = land.show(on) {
                report(&error);
            }
        });
        switch.on(event, toggle.as_ref());
        // The switcher lives as long as the page.
        toggle.forget();
    }
    switch.add_to(map);

    let tile_options = TileLayerOptions::new();
    tile_options.set_attribution("© OpenStreetMap contributors".to_owned());
    tile_options.set_max_zoom(19.0);
    let tiles: Layer = TileLayer::new_options(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        &tile_options,
    )
    .unchecked_into();
    let overlays = object(&[
        ("Natural Earth basemap (offline)", switch.into()),
        ("OpenStreetMap tiles (online)", tiles.into()),
    ]);
    bindings::layers_control(
        &JsValue::NULL,
        &overlays,
        &object(&[("collapsed", true.into())]),
    )
    .add_to(map);
    Ok(())
}

/// Starts fetching `url`; [`read_utf8`] (or, for the data,
/// [`crate::web::page::loading::Loading::download`]) takes the answer.
///
/// The page's first script (`assets/early.js`) may have begun it already,
/// while the wasm module loaded: that answer is taken, once.
pub fn start_fetch(url: &str) -> Result<js_sys::Promise, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    if let Ok(early) = js_sys::Reflect::get(&window, &"troopmapEarly".into()) {
        let key = JsValue::from_str(url);
        if let Ok(pending) = js_sys::Reflect::get(&early, &key) {
            if pending.is_instance_of::<js_sys::Promise>() {
                let _ =
                    js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key);
                return Ok(pending.unchecked_into());
            }
        }
    }
    Ok(window.fetch_with_str(url))
}

/// The body of a fetch of `url` begun by [`start_fetch`], as UTF-8 text,
/// copied once from the response's bytes (no detour through a JavaScript
/// string). The page's first script may have read the bytes already (an
/// `ArrayBuffer` in place of the response).
pub async fn read_utf8(url: &str, pending: js_sys::Promise) -> Result<String, JsValue> {
    let answered = JsFuture::from(pending).await?;
    let buffer = if answered.is_instance_of::<js_sys::ArrayBuffer>() {
        answered
    } else {
        JsFuture::from(answer(url, answered)?.array_buffer()?).await?
    };
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    String::from_utf8(bytes).map_err(|e| {
        JsValue::from_str(&format!(
            "{url}: not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The response, unless the server said no.
pub fn answer(url: &str, response: JsValue) -> Result<Response, JsValue> {
    let response: Response = response.dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_str(&format!(
            "{url}: the server answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    Ok(response)
}
