//! The readers of KML, GPX and CSV, a wasm module of their own
//! (`src/bin/readers.rs`, built by Trunk next to the page as
//! `troopmap-readers.js`): imported the first time such a file is opened,
//! so that a page that never opens one does not load them.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::formats::{relay, Converted};
use crate::geojson::convention::DateOrder;
use crate::model::problem::LoadError;
use crate::web::page::dom::describe_js_error;

#[wasm_bindgen(module = "/src/web/input/loaders.js")]
extern "C" {
    fn load_readers() -> Promise;
    fn forget_readers();
}

/// The module's function `name`.
fn function(module: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
}

/// Converts file `name` with the readers module, loading it first if it
/// is not loaded; `Err` says why the module could not do it.
pub async fn convert(
    name: &str,
    text: &str,
    date_order: Option<DateOrder>,
) -> Result<Result<Converted, LoadError>, String> {
    let date_order = date_order.map_or("", DateOrder::as_str);
    let module = JsFuture::from(load_readers()).await.map_err(|e| {
        format!(
            "the readers of KML, GPX and CSV did not load: {}",
            describe_js_error(&e)
        )
    })?;
    let convert = function(&module, "convert")
        .ok_or("the readers of KML, GPX and CSV have no convert function")?;
    let answer = convert
        .call3(
            &JsValue::NULL,
            &name.into(),
            &text.into(),
            &date_order.into(),
        )
        .map_err(|e| {
            // A panic's own words, when the module kept them.
            let panic = function(&module, "last_panic")
                .and_then(|f| f.call0(&JsValue::NULL).ok())
                .and_then(|m| m.as_string());
            forget_readers();
            let why = panic.unwrap_or_else(|| describe_js_error(&e));
            format!("the reader stopped on this file, which is a bug in troopmap: {why}")
        })?;
    let answer = answer.as_string().unwrap_or_default();
    relay::from_json(name, &answer)
        .ok_or_else(|| "the reader's answer could not be read".to_owned())
}
