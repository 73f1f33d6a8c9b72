//! Importing files (GeoJSON, and KML, GPX and CSV through the readers
//! module): chosen in the import dialog (the toolbar's "Import…") or
//! dropped on the map, several at once, added to the data on the map or
//! replacing it. Each file gets the same verdict as on the command line;
//! a refused file changes nothing. The dialog shows the progress while
//! files are read, and closes when they are: the map shows what loaded,
//! the alert what did not.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DragEvent, File, HtmlDialogElement, HtmlElement, HtmlInputElement, HtmlProgressElement,
    HtmlSelectElement, TextDecodeOptions, TextDecoder,
};

use crate::formats::{with_notes, Format};
use crate::geojson::convention::{DateOrder, ReadOptions};
use crate::geojson::read::Reader;
use crate::model::problem::LoadError;
use crate::model::verdict::verdict;
use crate::model::Dataset;
use crate::number::fixed;
use crate::scene::action::Action;
use crate::web::dispatch::Dispatch;
use crate::web::input::readers;
use crate::web::page::dom;

/// The largest file the page reads.
pub const MAX_BYTES: f64 = 200.0 * 1024.0 * 1024.0;
/// Files are read in pieces of this size, so that the progress bar moves
/// and the page can draw between them.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

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
        let read = match read_text(file, &progress).await {
            Ok(text) => read(&name, text, options, &progress)
                .await?
                .map_err(|why| format!("{name} was not loaded: {why}")),
            Err(message) => Err(message),
        };
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

/// Reads one file's text: GeoJSON as it is; KML, GPX and CSV converted
/// first by the readers module. `Err` says why the readers could not run.
async fn read(
    name: &str,
    text: String,
    options: ReadOptions,
    progress: &HtmlProgressElement,
) -> Result<Result<Result<Dataset, LoadError>, String>, JsValue> {
    if !Format::for_the_readers(name, &text) {
        return Ok(Ok(check(
            name,
            std::sync::Arc::new(text),
            options,
            progress,
        )
        .await?));
    }
    progress.set_attribute("aria-label", &format!("Converting {name}"))?;
    progress.remove_attribute("value")?;
    let converted = match readers::convert(name, &text, options.date_order).await {
        Ok(Ok(converted)) => converted,
        Ok(Err(refused)) => return Ok(Ok(Err(refused))),
        Err(message) => return Ok(Err(message)),
    };
    drop(text);
    let notes = converted.notes;
    let mut result = check(
        name,
        std::sync::Arc::new(converted.geojson),
        options,
        progress,
    )
    .await?;
    if let Ok(data) = &mut result {
        with_notes(data, notes);
    }
    Ok(Ok(result))
}

/// Features read between two chances for the page to draw: a few
/// milliseconds' work.
const FEATURES_PER_STEP: usize = 2000;

/// Reads the text as GeoJSON a few hundred features at a time, moving the
/// progress bar and letting the page draw in between.
async fn check(
    name: &str,
    text: std::sync::Arc<String>,
    options: ReadOptions,
    progress: &HtmlProgressElement,
) -> Result<Result<Dataset, LoadError>, JsValue> {
    progress.set_attribute("aria-label", &format!("Checking {name}"))?;
    // The features keep parts of the file's text, not copies.
    let mut reader = Reader::new_shared(name, &text, options);
    while !reader.step(FEATURES_PER_STEP) {
        let (done, total) = reader.progress();
        progress.set_max(total.max(1) as f64);
        progress.set_value(done as f64);
        yield_to_page().await?;
    }
    let mut result = reader.finish();
    if let Ok(data) = &mut result {
        // Its popups read its dates again, in the extras module.
        for file in &mut data.files {
            file.date_order = options.date_order;
        }
    }
    Ok(result)
}

/// Lets the browser handle events and draw before going on.
async fn yield_to_page() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let mut schedule = |resolve: js_sys::Function, _reject: js_sys::Function| {
        let _ = window.set_timeout_with_callback(&resolve);
    };
    JsFuture::from(js_sys::Promise::new(&mut schedule))
        .await
        .map(|_| ())
}

fn date_order() -> Result<Option<DateOrder>, JsValue> {
    let select: HtmlSelectElement = dom::by_id("date-order")?;
    Ok(DateOrder::parse(&select.value()))
}

/// The file's text, read piece by piece with the progress bar moving; a
/// file over [`MAX_BYTES`] or not UTF-8 is refused with a message.
async fn read_text(file: &File, progress: &HtmlProgressElement) -> Result<String, String> {
    let name = file.name();
    let size = file.size();
    if size > MAX_BYTES {
        return Err(format!(
            "{name} was not loaded: it is {} MB, and the map reads files of up to {} MB",
            fixed(size / 1_048_576.0, 0),
            fixed(MAX_BYTES / 1_048_576.0, 0)
        ));
    }
    let failed = |e: JsValue| format!("{name} was not loaded: {}", dom::describe_js_error(&e));
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    // Keep a byte-order mark, so that the page warns of it as the command
    // line does.
    let _ = js_sys::Reflect::set(&options, &"ignoreBOM".into(), &true.into());
    let decoder = TextDecoder::new_with_label_and_options("utf-8", &options).map_err(failed)?;
    progress
        .set_attribute("aria-label", &format!("Reading {name}"))
        .map_err(failed)?;
    let stream = TextDecodeOptions::new();
    stream.set_stream(true);
    progress.set_max(size.max(1.0));
    progress.set_value(0.0);
    progress.set_hidden(false);
    let mut text = String::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + CHUNK).min(size);
        let blob = file.slice_with_f64_and_f64(at, end).map_err(failed)?;
        let buffer = JsFuture::from(blob.array_buffer()).await.map_err(failed)?;
        let bytes = Uint8Array::new(&buffer).to_vec();
        let piece = decoder
            .decode_with_u8_array_and_options(&bytes, &stream)
            .map_err(|_| crate::model::verdict::not_utf8(&name))?;
        text.push_str(&piece);
        at = end;
        progress.set_value(at);
    }
    let rest = decoder
        .decode()
        .map_err(|_| crate::model::verdict::not_utf8(&name))?;
    text.push_str(&rest);
    Ok(text)
}
