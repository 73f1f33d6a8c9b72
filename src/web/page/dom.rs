//! Small DOM helpers. Text from data is only ever set as text.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Node};

/// The page's document.
pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// The element with `id`, as type `T`.
pub fn by_id<T: JsCast>(id: &str) -> Result<T, JsValue> {
    document()?
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no element #{id}")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} is not the expected kind of element")))
}

/// A new element `tag` with `class` (if not empty) and `text` as its text.
pub fn element(tag: &str, class: &str, text: &str) -> Result<HtmlElement, JsValue> {
    let el: HtmlElement = document()?.create_element(tag)?.dyn_into()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    Ok(el)
}

/// Appends `child` to `parent`.
pub fn add(parent: &impl AsRef<Node>, child: &impl AsRef<Node>) -> Result<(), JsValue> {
    parent.as_ref().append_child(child.as_ref()).map(|_| ())
}

/// A new SVG element `tag`.
pub fn svg(tag: &str) -> Result<Element, JsValue> {
    document()?.create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
}

/// A readable message from a JavaScript error value.
pub fn describe_js_error(error: &JsValue) -> String {
    if let Some(text) = error.as_string() {
        return text;
    }
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    format!("{error:?}")
}

/// Shows `message` in the page's alert area (`role="alert"`), as text,
/// until the person dismisses it.
pub fn show_alert(message: &str) {
    if let (Ok(alert), Ok(text)) = (
        by_id::<HtmlElement>("alert"),
        by_id::<HtmlElement>("alert-text"),
    ) {
        text.set_text_content(Some(message));
        alert.set_hidden(false);
    }
}

/// Whether the screen is phone-narrow, as the page's CSS says
/// (`max-width: 520px`): the panels fold and the date controls sit under
/// the map.
pub fn narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= 520.0)
}
