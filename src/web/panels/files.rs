//! The files on the map, listed in the import dialog ("Files on the map",
//! folded until opened): each with its count of features and warnings,
//! and buttons to hide it (or show it again) and to remove it. Names are
//! written as text, never as HTML.

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

use crate::model::LoadedFile;
use crate::scene::action::{Action, FileAct};
use crate::scene::Scene;
use crate::web::dispatch::Dispatch;
use crate::web::page::dom::{self, element};

/// Lists the scene's files: those on the map, then those hidden.
pub fn show(scene: &Scene) -> Result<(), JsValue> {
    // An embedded map has no import dialog, and no list.
    let Some(list) = dom::document()?.get_element_by_id("files") else {
        return Ok(());
    };
    list.set_text_content(None);
    for (index, file) in scene.files().iter().enumerate() {
        let item = entry(file, false)?;
        dom::add(&item, &button(&file.name, index, "hide", "Hide")?)?;
        dom::add(&item, &button(&file.name, index, "remove", "Remove")?)?;
        dom::add(&list, &item)?;
    }
    for (index, file) in scene.hidden_files().enumerate() {
        let item = entry(file, true)?;
        dom::add(&item, &button(&file.name, index, "show", "Show")?)?;
        dom::add(&list, &item)?;
    }
    let count = list.child_element_count();
    let details: HtmlElement = dom::by_id("files-details")?;
    details.set_hidden(count == 0);
    let heading: HtmlElement = dom::by_id("files-heading")?;
    heading.set_text_content(Some(&format!("Files on the map ({count})")));
    Ok(())
}

/// One file's line: its name, and what it gave.
fn entry(file: &LoadedFile, hidden: bool) -> Result<HtmlElement, JsValue> {
    let item = element("li", if hidden { "file hidden-file" } else { "file" }, "")?;
    dom::add(&item, &element("span", "file-name", &file.name)?)?;
    let mut said = format!(
        "{} feature{}",
        file.features,
        if file.features == 1 { "" } else { "s" }
    );
    if file.warnings > 0 {
        let s = if file.warnings == 1 { "" } else { "s" };
        said.push_str(&format!(", {} warning{s}", file.warnings));
    }
    if hidden {
        said.push_str(", hidden");
    }
    dom::add(&item, &element("span", "file-count", &said)?)?;
    Ok(item)
}

fn button(name: &str, index: usize, act: &str, words: &str) -> Result<HtmlButtonElement, JsValue> {
    let button: HtmlButtonElement = element("button", "file-act", words)?.dyn_into()?;
    button.set_type("button");
    button.set_attribute("data-act", act)?;
    button.set_attribute("data-index", &index.to_string())?;
    button.set_attribute("aria-label", &format!("{words} {name}"))?;
    Ok(button)
}

/// One listener for the list's buttons.
pub fn wire(dispatch: &Dispatch) -> Result<(), JsValue> {
    let list: Element = dom::by_id("files")?;
    let dispatch = dispatch.clone();
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("button[data-act]").ok().flatten())
        else {
            return;
        };
        let act = match button.get_attribute("data-act").as_deref() {
            Some("hide") => FileAct::Hide,
            Some("show") => FileAct::Show,
            Some("remove") => FileAct::Remove,
            _ => return,
        };
        let index = button
            .get_attribute("data-index")
            .and_then(|i| i.parse().ok());
        if let Some(index) = index {
            dispatch.send(Action::File { index, act });
        }
    });
    list.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    Ok(())
}
