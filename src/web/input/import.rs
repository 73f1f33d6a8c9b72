//! Importing files (GeoJSON, and KML, GPX and CSV through the readers
//! module): chosen in the import dialog (the toolbar's "Import…") or
//! dropped on the map, several at once, added to the data on the map or
//! replacing it. Each file gets the same verdict as on the command line;
//! a refused file changes nothing. The dialog shows the progress while
//! files are read, and closes when they are: the map shows what loaded,
//! the alert what did not.

use wasm_bindgen::prelude::*;
use web_sys::{
    DragEvent, File, HtmlDialogElement, HtmlElement, HtmlInputElement, HtmlProgressElement,
    HtmlSelectElement,
};

use crate::formats::{with_notes, Format};
use crate::geojson::convention::{DateOrder, ReadOptions};
use crate::model::problem::LoadError;
use crate::model::verdict::verdict;
use crate::model::Dataset;
use crate::number::fixed;
use crate::scene::action::Action;
use crate::web::dispatch::Dispatch;
use crate::web::input::readers;
use crate::web::page::dom;
use crate::web::page::loading::{Loaded, Loading};

/// The largest GeoJSON file the page reads: read as its bytes arrive,
/// it is kept packed (a 635 MB file of 1,000,000 features takes 700 MB of
/// wasm memory in all).
pub const MAX_BYTES: f64 = 1024.0 * 1024.0 * 1024.0;

/// The largest file the readers convert (KML, GPX, CSV, JSON records):
/// its whole text, and the GeoJSON made of it, are held at once.
pub const MAX_CONVERTED_BYTES: f64 = 200.0 * 1024.0 * 1024.0;

/// Connects the toolbar's "Import…" and the dialog's Close button, the
/// file input and the drop target.
pub fn wire(dispatch: &Dispatch) -> Result<(), JsValue> {
    let dialog: HtmlDialogElement = dom::by_id("import-dialog")?;
    let opener: HtmlElement = dom::by_id("import-open")?;
    let modal = dialog.clone();
    let on_open = Closure::<dyn FnMut()>::new(move || {
        // Opened while dropped files are read: as a modal dialog now.
        if modal.open() {
            modal.close();
        }
        if let Err(error) = modal.show_modal() {
            dom::show_alert(&dom::describe_js_error(&error));
        }
    });
    opener.add_event_listener_with_callback("click", on_open.as_ref().unchecked_ref())?;
    on_open.forget();
    let closer: HtmlElement = dom::by_id("import-close")?;
    let on_close = Closure::<dyn FnMut()>::new(move || dialog.close());
    closer.add_event_listener_with_callback("click", on_close.as_ref().unchecked_ref())?;
    on_close.forget();

    let input: HtmlInputElement = dom::by_id("import")?;
    let handle = dispatch.clone();
    let chooser = input.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let files = chooser
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        // Choosing the same file again must fire `change` again.
        chooser.set_value("");
        start(&handle, files);
    });
    input.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
    on_change.forget();

    let map: HtmlElement = dom::by_id("map")?;
    let on_drag = Closure::<dyn FnMut(DragEvent)>::new(|event: DragEvent| event.prevent_default());
    map.add_event_listener_with_callback("dragover", on_drag.as_ref().unchecked_ref())?;
    on_drag.forget();
    let handle = dispatch.clone();
    let on_drop = Closure::<dyn FnMut(DragEvent)>::new(move |event: DragEvent| {
        event.prevent_default();
        let files = event
            .data_transfer()
            .and_then(|d| d.files())
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        start(&handle, files);
    });
    map.add_event_listener_with_callback("drop", on_drop.as_ref().unchecked_ref())?;
    on_drop.forget();

    Ok(())
}

/// The import dialog: shown, without holding the page, while files
/// dropped on the map are read (for its progress); closed once they are.
fn dialog(open: bool) {
    let Ok(dialog) = dom::by_id::<HtmlDialogElement>("import-dialog") else {
        return;
    };
    match (open, dialog.open()) {
        (true, false) => dialog.show(),
        (false, true) => dialog.close(),
        _ => {}
    }
}

fn start(dispatch: &Dispatch, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    let dispatch = dispatch.clone();
    dialog(true);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = import(&dispatch, files).await {
            dialog(false);
            dom::show_alert(&dom::describe_js_error(&error));
        }
    });
}

/// Reads every file, then puts what loaded on the map at once.
async fn import(dispatch: &Dispatch, files: Vec<File>) -> Result<(), JsValue> {
    let options = ReadOptions {
        date_order: date_order()?,
    };
    let replace = dom::document()?
        .query_selector("input[name=import-mode]:checked")?
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|e| e.value() == "replace");
    let progress: HtmlProgressElement = dom::by_id("import-progress")?;
    let mut verdicts = Vec::new();
    let mut loaded: Option<Dataset> = None;
    let mut noteworthy = false;
    for file in &files {
        let name = file.name();
        // A file that could not be read or handed to the readers: why.
        let read = read(file, options, &progress)
            .await?
            .map_err(|why| format!("{name} was not loaded: {why}"));
        let result = match read {
            Ok(result) => result,
            Err(message) => {
                verdicts.push(message);
                noteworthy = true;
                continue;
            }
        };
        noteworthy |= result.as_ref().map_or(true, |d| !d.warnings.is_empty());
        verdicts.push(verdict(&name, &result));
        if let Ok(data) = result {
            match &mut loaded {
                Some(all) => all.append(data),
                None => loaded = Some(data),
            }
        }
    }
    progress.set_hidden(true);
    dialog(false);
    if let Some(data) = loaded {
        dispatch.send(Action::Load { data, replace });
    }
    if noteworthy {
        dom::show_alert(&verdicts.join("\n"));
    }
    Ok(())
}

/// Why a file of `size` bytes is not read: over the limit of GeoJSON, or
/// of the files the readers convert.
fn too_large(size: f64, converted: bool) -> String {
    let (what, limit) = match converted {
        true => ("converts KML, GPX and CSV files", MAX_CONVERTED_BYTES),
        false => ("reads files", MAX_BYTES),
    };
    format!(
        "it is {} MB, and the map {what} of up to {} MB",
        fixed(size / 1_048_576.0, 0),
        fixed(limit / 1_048_576.0, 0)
    )
}

/// Reads one file: GeoJSON as its bytes arrive; KML, GPX and CSV
/// converted first by the readers module. `Err` says why the file could
/// not be read or the readers could not run.
async fn read(
    file: &File,
    options: ReadOptions,
    progress: &HtmlProgressElement,
) -> Result<Result<Result<Dataset, LoadError>, String>, JsValue> {
    let name = file.name();
    let size = file.size();
    let converted = Format::named_for_the_readers(&name);
    if size > MAX_BYTES || (converted && size > MAX_CONVERTED_BYTES) {
        return Ok(Err(too_large(size, converted)));
    }
    let loading = Loading::with(progress.clone(), &name)?;
    let loaded = loading
        .stream(&name, &file.stream(), Some(size as usize), options)
        .await?;
    let text = match loaded {
        Err(_) => return Ok(Err("it is not UTF-8 text".to_owned())),
        Ok(Loaded::Read(result)) => return Ok(Ok(dated(result, options))),
        Ok(Loaded::Other(text)) if text.len() as f64 > MAX_CONVERTED_BYTES => {
            return Ok(Err(too_large(size, true)));
        }
        Ok(Loaded::Other(text)) => text,
    };
    loading.say(&format!("Converting {name}"));
    progress.remove_attribute("value")?;
    let converted = match readers::convert(&name, &text, options.date_order).await {
        Ok(Ok(converted)) => converted,
        Ok(Err(refused)) => return Ok(Ok(Err(refused))),
        Err(message) => return Ok(Err(message)),
    };
    drop(text);
    let notes = converted.notes;
    let mut result = loading.read_text(&name, converted.geojson, options).await?;
    if let Ok(data) = &mut result {
        with_notes(data, notes);
    }
    Ok(Ok(dated(result, options)))
}

/// Data read with `options`: its popups read its dates again, in the
/// extras module.
fn dated(
    mut result: Result<Dataset, LoadError>,
    options: ReadOptions,
) -> Result<Dataset, LoadError> {
    if let Ok(data) = &mut result {
        for file in &mut data.files {
            file.date_order = options.date_order;
        }
    }
    result
}

fn date_order() -> Result<Option<DateOrder>, JsValue> {
    let select: HtmlSelectElement = dom::by_id("date-order")?;
    Ok(DateOrder::parse(&select.value()))
}
