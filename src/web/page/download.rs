//! Saving text, bytes or a blob as a file the person downloads.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use crate::web::page::dom;

/// Offers `text` for download as `file_name`, with media type `mime`.
pub fn save(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    save_blob(
        file_name,
        &Blob::new_with_str_sequence_and_options(&parts, &options)?,
    )
}

/// Offers `bytes` for download as `file_name`, with media type `mime`.
pub fn save_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    save_blob(
        file_name,
        &Blob::new_with_u8_array_sequence_and_options(&parts, &options)?,
    )
}

/// Offers `blob` for download as `file_name`.
pub fn save_blob(file_name: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let a: HtmlAnchorElement = dom::document()?.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Release the file once the browser has had time to start saving it.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// Downloads the features shown on the scene's day, as GeoJSON
/// (`troopmap-YYYY-MM-DD.geojson`).
pub fn export_day(scene: &crate::scene::Scene) -> Result<(), JsValue> {
    use crate::geojson::export::{export_collection, file_name};
    let text = export_collection(scene.data(), scene.shown().iter());
    save(&file_name(scene.stamp()), "application/geo+json", &text)
}
