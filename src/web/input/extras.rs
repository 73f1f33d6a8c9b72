//! The page's extras: a wasm module of their own (`src/bin/extras.rs`,
//! built by Trunk next to the page as `troopmap-extras.js`) that builds
//! popups and makes pictures and videos. It is imported the first time one
//! of those is asked for, so that the map's own module, which every visitor
//! loads before the map shows, stays small.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::web::page::dom::describe_js_error;

#[wasm_bindgen(module = "/src/web/input/loaders.js")]
extern "C" {
    fn load_extras() -> Promise;
}

/// The module, loaded first if it is not; `Err` says why it could not be.
pub async fn module() -> Result<JsValue, String> {
    JsFuture::from(load_extras())
        .await
        .map_err(|e| format!("its module did not load: {}", describe_js_error(&e)))
}

/// The module's function `name`.
pub fn function(module: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("its module has no {name}"))
}
