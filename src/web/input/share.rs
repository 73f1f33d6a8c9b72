//! "Save image" and "Record video" from the page's side: the pictures and
//! videos are made by the extras module ([`super::extras`]), imported the
//! first time a person asks for one. This hands it the data on the map
//! (once for each change of it) and what the view shows.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Reflect;
use leaflet::Map;
use wasm_bindgen::prelude::*;
use web_sys::MediaRecorder;

use crate::geojson::export::export_collection;
use crate::number::decimal;
use crate::scene::action::Action;
use crate::scene::fragment;
use crate::scene::Scene;
use crate::web::input::{extras, link};
use crate::web::page::dom::{self, describe_js_error};
use crate::web::page::download;
use crate::web::render::moved::Moved;

/// The WebM type this browser records: VP9, else VP8.
pub fn mime_type() -> Option<&'static str> {
    let window = web_sys::window()?;
    if !Reflect::has(&window, &"MediaRecorder".into()).unwrap_or(false) {
        return None;
    }
    [
        "video/webm;codecs=vp9",
        "video/webm;codecs=vp8",
        "video/webm",
    ]
    .into_iter()
    .find(|t| MediaRecorder::is_type_supported(t))
}

/// Why this browser cannot record a video of the map, or `None` when it
/// can.
pub fn cannot_record() -> Option<String> {
    if mime_type().is_none() {
        return Some(
            "This browser cannot record WebM video (no MediaRecorder for VP9 or VP8).".to_owned(),
        );
    }
    let probe = dom::document().ok()?.create_element("canvas").ok()?;
    if !Reflect::has(&probe, &"captureStream".into()).unwrap_or(false) {
        return Some("This browser cannot record a canvas: it has no captureStream.".to_owned());
    }
    None
}

/// Says on "Record video" why this browser cannot record, when it cannot
/// (a click then says it again, in the page's alert).
pub fn explain_recording() -> Result<(), JsValue> {
    let button = dom::document()?.get_element_by_id("record-video");
    if let (Some(why), Some(button)) = (cannot_record(), button) {
        button.set_attribute("title", &why)?;
        button.set_text_content(Some("Record video (not in this browser)"));
    }
    Ok(())
}

/// Says beside the link's tools, while imported files are on the map,
/// that the link does not hold them.
pub fn show_link_note(scene: &Scene) -> Result<(), JsValue> {
    let Some(note) = dom::document()?.get_element_by_id("link-note") else {
        return Ok(());
    };
    let imported: Vec<&str> = scene
        .data()
        .files
        .iter()
        .filter(|f| !f.linked)
        .map(|f| f.name.as_str())
        .collect();
    note.toggle_attribute_with_force("hidden", imported.is_empty())?;
    note.set_text_content(Some(&format!(
        "The link (and what pictures and videos print of it) does not hold your imported files ({}): send them along.",
        imported.join(", ")
    )));
    Ok(())
}

/// `words` as a JSON string.
fn text(words: &str) -> String {
    serde_json::to_string(words).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The picture size chosen beside "Save image": `None` for the view's
/// own size.
fn chosen_size() -> Option<(u32, u32)> {
    let select: web_sys::HtmlSelectElement = dom::by_id("picture-size").ok()?;
    let value = select.value();
    let (w, h) = value.split_once('x')?;
    Some((w.parse().ok()?, h.parse().ok()?))
}

/// The last day a video shows, when one is chosen.
fn record_until() -> Option<String> {
    let field: web_sys::HtmlInputElement = dom::by_id("record-until").ok()?;
    Some(field.value()).filter(|v| !v.is_empty())
}

/// Whether the online OpenStreetMap tiles are on in the map.
fn online_tiles() -> bool {
    dom::document()
        .ok()
        .and_then(|d| {
            d.query_selector("#map .leaflet-tile-pane img")
                .ok()
                .flatten()
        })
        .is_some()
}

/// The page's side of pictures and videos: which data the extras module
/// holds.
#[derive(Default)]
pub struct Sharing {
    /// The version of the data the module was last given.
    given: Rc<Cell<Option<u64>>>,
}

impl Sharing {
    /// Asks the module for a picture (or, with `video`, to start or cancel
    /// a video) of what `map` shows of `scene`, whose data is at
    /// `version`; `speed` is the play speed (days, or steps, a second).
    pub fn ask(&self, map: &Map, scene: &Scene, version: u64, video: bool, speed: f64) {
        if video {
            if let Some(why) = cannot_record() {
                dom::show_alert(&why);
                return;
            }
        }
        let data = self.data(scene, version);
        let view = link::view(map);
        let size = map.get_size();
        let center = map.get_center();
        let ratio = if video {
            1.0
        } else {
            web_sys::window().map_or(1.0, |w| w.device_pixel_ratio())
        };
        let link = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        // Written by hand, as the link is: numbers by `decimal`, text as
        // JSON strings (no JSON values built in the map's module).
        let number = |x: f64| decimal(x, 9);
        let mut request = format!(
            r#"{{"fragment":{},"moment":{},"center":[{},{}],"zoom":{},"size":[{},{}],"ratio":{},"online_tiles":{},"link":{},"speed":{}"#,
            text(&fragment::format(&scene.link_state(Some(view)))),
            scene.moment(),
            number(center.lng()),
            number(center.lat()),
            number(map.get_zoom()),
            number(size.x()),
            number(size.y()),
            number(ratio),
            online_tiles(),
            text(&link),
            number(speed),
        );
        if let Some((w, h)) = chosen_size() {
            request.push_str(&format!(r#","pixels":[{w},{h}]"#));
        }
        if let Some(day) = record_until() {
            request.push_str(&format!(r#","until":{}"#, text(&day)));
        }
        request.push('}');
        let what = if video { "video" } else { "picture" };
        let name = if video { "record" } else { "save_image" };
        let then = move |answer: String| match answer.is_empty() {
            true => Ok(()),
            false => Err(format!("The {what} could not be made: {answer}")),
        };
        self.call(data, version, name, (request, None), Box::new(then));
    }
}

impl Sharing {
    /// The data and its files, as the module's `open` takes them, unless
    /// the module has this version already.
    fn data(&self, scene: &Scene, version: u64) -> Option<(String, String)> {
        (self.given.get() != Some(version)).then(|| {
            let all = scene.data();
            let files: Vec<String> = all
                .files
                .iter()
                .map(|f| {
                    let order = f.date_order.map_or("null".to_owned(), |o| text(o.as_str()));
                    format!(
                        r#"{{"name":{},"linked":{},"date_order":{order}}}"#,
                        text(&f.name),
                        f.linked
                    )
                })
                .collect();
            (
                export_collection(all, 0..all.features.len()),
                format!("[{}]", files.join(",")),
            )
        })
    }

    /// Carries out what the module makes: a picture, a video, the export of
    /// positions or of changes.
    pub fn act(&self, action: &Action, map: &Map, scene: &Scene, version: u64) {
        match action {
            Action::SaveImage | Action::Record => {
                let video = matches!(action, Action::Record);
                self.ask(map, scene, version, video, scene.playback().speed);
            }
            Action::ExportPositions => self.export_positions(map, scene, version),
            Action::ExportChanges => self.export_changes(map, scene, version),
            _ => {}
        }
    }

    /// Has the module write the units' positions `scene` shows (see
    /// [`crate::geojson::positions`]), and downloads them as
    /// `troopmap-positions-YYYY-MM-DD.geojson`.
    pub fn export_positions(&self, map: &Map, scene: &Scene, version: u64) {
        let name = crate::geojson::positions::file_name(scene.stamp());
        self.call_with(map, scene, version, ("export_positions", None), saved(name));
    }

    /// Has the module write what changed between the dates `scene`
    /// compares (see [`crate::geojson::changes`]), and downloads it as
    /// `troopmap-changes-A-to-B.geojson`.
    pub fn export_changes(&self, map: &Map, scene: &Scene, version: u64) {
        let Some((from, to)) = scene.compared_days() else {
            return;
        };
        let name = crate::geojson::changes::file_name(from, to);
        self.call_with(map, scene, version, ("export_changes", None), saved(name));
    }

    /// Has the module list what changed between the dates `scene`
    /// compares (in the panel, see [`crate::web::panels::changes::fill`]),
    /// and draw the arrows of the units that moved in `moved`.
    pub fn show_changes(&self, map: &Map, scene: &Scene, version: u64, moved: &Moved) {
        let then = |answer: String| match answer.is_empty() {
            true => Ok(()),
            false => Err(format!("What changed could not be listed: {answer}")),
        };
        let call = ("changes", Some(moved.groups()));
        self.call_with(map, scene, version, call, Box::new(then));
    }

    /// [`Sharing::call`] of function `name` with the link of what `map`
    /// shows of `scene` (and `extra`, when given).
    fn call_with(
        &self,
        map: &Map,
        scene: &Scene,
        version: u64,
        (name, extra): (&'static str, Option<JsValue>),
        then: Then,
    ) {
        let data = self.data(scene, version);
        let fragment = fragment::format(&scene.link_state(Some(link::view(map))));
        self.call(data, version, name, (fragment, extra), then);
    }

    /// Loads the module, gives it `data` (of `version`) when it has not
    /// had it, calls its function `name` with `argument`, and hands `then`
    /// its answer (or why there is none); what `then` says failed is told.
    fn call(
        &self,
        data: Option<(String, String)>,
        version: u64,
        name: &'static str,
        (argument, extra): (String, Option<JsValue>),
        then: Then,
    ) {
        let given = self.given.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let answer = async {
                let module = extras::module().await?;
                let function = |name: &str| extras::function(&module, name);
                if let Some((text, files)) = data {
                    let said = function("open")?
                        .call2(&JsValue::NULL, &text.into(), &files.into())
                        .map_err(|e| describe_js_error(&e))?;
                    if let Some(why) = said.as_string().filter(|a| !a.is_empty()) {
                        return Err(why);
                    }
                    given.set(Some(version));
                }
                let function = function(name)?;
                match extra {
                    Some(extra) => function.call2(&JsValue::NULL, &argument.into(), &extra),
                    None => function.call1(&JsValue::NULL, &argument.into()),
                }
                .map_err(|e| describe_js_error(&e))
                .map(|a| a.as_string().unwrap_or_default())
            };
            let done = match answer.await {
                Ok(answer) => then(answer),
                Err(why) => then(why),
            };
            if let Err(why) = done {
                dom::show_alert(&why);
            }
        });
    }
}

/// What is done with the module's answer.
type Then = Box<dyn FnOnce(String) -> Result<(), String>>;

/// Saves the module's answer, GeoJSON, as `name`; else says why not.
fn saved(name: String) -> Then {
    Box::new(move |answer: String| {
        let failed = |why: String| format!("{name} could not be written: {why}");
        if !answer.starts_with('{') {
            return Err(failed(answer));
        }
        download::save(&name, "application/geo+json", &answer)
            .map_err(|e| failed(describe_js_error(&e)))
    })
}
