//! The page embedded in another (`?embed=1`, see [`PageMode`]): the map
//! and the date controls, the legend and the chronology folded, no import
//! and no export, and a link that opens the same view in the full map.

use wasm_bindgen::prelude::*;
use web_sys::{DragEvent, HtmlElement};

use crate::scene::embed::{without_embed, PageMode};
use crate::web::page::dom::{self, element};

/// The mode the page's address asks for.
pub fn mode() -> Result<PageMode, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(PageMode::of(&window.location().search()?))
}

/// What the link to the full map says.
pub const FULL_MAP: &str = "Open the full map";

/// What the status line says when a file is dropped on the embedded map.
pub const DROP_REFUSED: &str =
    "This embedded map does not import files: open the full map to add yours.";

/// Makes the page what `mode` asks for. Embedded: marks `<body>`
/// (`class="embed"`), takes the import dialog, the exports, the pictures
/// and the videos out of the
/// page, puts the link to the full map in the toolbar, and answers files
/// dropped on the map with a word in the status line.
pub fn apply(mode: PageMode) -> Result<(), JsValue> {
    if mode == PageMode::Full {
        return Ok(());
    }
    let document = dom::document()?;
    if let Some(body) = document.body() {
        body.class_list().add_1("embed")?;
    }
    for id in [
        "import-open",
        "import-dialog",
        "export",
        "export-positions",
        "save-image",
        "record-video",
        "share-options",
        "recording",
    ] {
        if let Some(gone) = document.get_element_by_id(id) {
            gone.remove();
        }
    }
    let link = element("a", "", FULL_MAP)?;
    link.set_id("full-map");
    link.set_attribute("target", "_blank")?;
    link.set_attribute("rel", "noopener")?;
    let toolbar: HtmlElement = dom::by_id("toolbar")?;
    dom::add(&toolbar, &link)?;
    refresh_link()?;
    refuse_drops()
}

/// Points the link to the full map at the view the address holds now:
/// the same address without `embed`. Nothing to do in the full map.
pub fn refresh_link() -> Result<(), JsValue> {
    let Some(link) = dom::document()?.get_element_by_id("full-map") else {
        return Ok(());
    };
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let location = window.location();
    let href = format!(
        "{}{}{}{}",
        location.origin()?,
        location.pathname()?,
        without_embed(&location.search()?),
        location.hash()?
    );
    link.set_attribute("href", &href)
}

/// A file dropped on the embedded map is not opened (nor does the
/// browser leave the map for it): the status line says where to import.
fn refuse_drops() -> Result<(), JsValue> {
    let map: HtmlElement = dom::by_id("map")?;
    let on_drag = Closure::<dyn FnMut(DragEvent)>::new(|event: DragEvent| event.prevent_default());
    map.add_event_listener_with_callback("dragover", on_drag.as_ref().unchecked_ref())?;
    on_drag.forget();
    let on_drop = Closure::<dyn FnMut(DragEvent)>::new(|event: DragEvent| {
        event.prevent_default();
        if let Ok(status) = dom::by_id::<HtmlElement>("status") {
            status.set_text_content(Some(DROP_REFUSED));
        }
    });
    map.add_event_listener_with_callback("drop", on_drop.as_ref().unchecked_ref())?;
    on_drop.forget();
    Ok(())
}
