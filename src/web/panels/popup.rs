//! The popup of a feature: its name, its facts (see
//! [`crate::scene::facts`]: dates, who said it and what the statement
//! does, every caveat the data carries, troops), description and sources.
//! Every value from the data is set as text; a source becomes a link only
//! when its URL is http or https.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::geojson::convention::DateOrder;
use crate::web::input::extras;
use crate::web::page::dom::describe_js_error;

use crate::model::{MapFeature, Source};
use crate::scene::facts::{facts, source_details, source_title};
use crate::space::bounds::bounds;
use crate::time::Day;
use crate::web::page::bindings::lat_lng;
use crate::web::page::dom::{self, element};

/// The class of a popup not built yet, and the attributes that hold what
/// the extras module builds it from.
const LAZY: &str = "popup-lazy";
const FEATURE: &str = "data-lazy-feature";
const AS_OF: &str = "data-lazy-as-of";
const ORDER: &str = "data-lazy-order";

/// The tallest a popup grows, in CSS pixels, before it scrolls: a feature
/// with many caveats keeps the map in view.
pub const MAX_HEIGHT: u32 = 340;

/// Opens a popup of its own on `map` for feature `index` (one drawn on the
/// canvas, or without a place), at its point or the middle of its shape;
/// a feature with no place (an event its sources do not place) has it in
/// the middle of the map.
/// Opens feature `index`'s popup where it is, though it is not on the map
/// on the day shown (Leaflet pans the map to it).
pub fn open_elsewhere(
    map: &leaflet::Map,
    scene: &crate::scene::Scene,
    index: usize,
) -> Result<(), JsValue> {
    let Some(feature) = scene.data().features.get(index) else {
        return Ok(());
    };
    let order = scene.data().date_order_of(index);
    open_on(map, index, feature, scene.as_of(), order)
}

pub fn open_on(
    map: &leaflet::Map,
    index: usize,
    feature: &MapFeature,
    as_of: Option<Day>,
    order: Option<DateOrder>,
) -> Result<(), JsValue> {
    let at = anchor(feature).unwrap_or_else(|| {
        let center = map.get_center();
        geo::coord! { x: center.lng(), y: center.lat() }
    });
    let popup = leaflet::Popup::new_with_lat_lng(&lat_lng(at), &options().unchecked_into());
    popup.set_content(&lazy(index, feature, as_of, order)?.into());
    popup.open_on(map);
    Ok(())
}

/// How every popup is sized: at most 340 pixels wide and [`MAX_HEIGHT`]
/// tall, scrolling beyond.
pub fn options() -> JsValue {
    crate::web::page::bindings::object(&[
        ("maxWidth", 340.into()),
        ("maxHeight", MAX_HEIGHT.into()),
    ])
}

/// Closes the popup open on `map`, if any.
pub fn close_on(map: &leaflet::Map) -> Result<(), JsValue> {
    // Leaflet's `closePopup()` without a popup closes the open one.
    js_sys::Reflect::get(map, &"closePopup".into())?
        .dyn_into::<js_sys::Function>()?
        .call0(map)?;
    Ok(())
}

/// Where a feature's popup points: a point itself, a line's middle vertex,
/// else the middle of its bounds.
pub fn anchor(feature: &MapFeature) -> Option<geo::Coord<f64>> {
    match feature.geometry.as_ref()? {
        geo::Geometry::Point(p) => Some(p.0),
        geo::Geometry::LineString(line) => line.0.get(line.0.len() / 2).copied(),
        other => bounds([other]).map(|r| r.center()),
    }
}

/// A popup's content until it opens: the feature's name, and the feature's
/// own text (its JSON, as loaded), kept on the element for the extras
/// module, which builds the rest ([`content_on`]) when the popup opens
/// (see [`fill_when_opened`]). `order` is how its file's dates like
/// `03/04/2024` were read.
pub fn lazy(
    index: usize,
    feature: &MapFeature,
    as_of: Option<Day>,
    order: Option<DateOrder>,
) -> Result<HtmlElement, JsValue> {
    let root = element("div", "popup", "")?;
    root.class_list().add_1(LAZY)?;
    root.set_attribute(crate::web::input::link::FEATURE_INDEX, &index.to_string())?;
    dom::add(&root, &element("h2", "popup-name", &feature.label())?)?;
    dom::add(
        &root,
        &element(
            "p",
            "popup-loading",
            "Reading its dates, grades and sources…",
        )?,
    )?;
    let order = order.map_or("", DateOrder::as_str);
    let as_of = as_of.map(|d| d.to_string()).unwrap_or_default();
    // As attributes (text, never parsed), so that a copy of the element
    // (a unit's popup copies its sighting's) keeps them.
    let raw = feature.raw.text();
    for (key, value) in [(FEATURE, &*raw), (AS_OF, &as_of), (ORDER, order)] {
        root.set_attribute(key, value)?;
    }
    Ok(root)
}

/// Has every lazy popup built when it opens on `map`: the extras module
/// reads the feature's text and builds its facts and sources, which take
/// the place of the placeholder.
pub fn fill_when_opened(map: &leaflet::Map) {
    let on_open = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        if let Ok(popup) = Reflect::get(&event, &"popup".into()) {
            fill_in(&popup);
        }
    });
    map.on("popupopen", on_open.as_ref().unchecked_ref());
    // The map lives as long as the page.
    on_open.forget();
}

/// Builds what `popup` (a Leaflet popup) holds, when it is lazy: call it
/// after setting the content of a popup already open.
pub fn fill_in(popup: &JsValue) {
    let root = Reflect::get(popup, &"getElement".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(popup).ok())
        .and_then(|e| e.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.query_selector(&format!(".{LAZY}")).ok().flatten());
    if let Some(root) = root {
        wasm_bindgen_futures::spawn_local(fill(root, popup.clone()));
    }
}

/// Builds the lazy popup `root` in the extras module, and has `popup` fit
/// its new content.
async fn fill(root: web_sys::Element, popup: JsValue) {
    let _ = root.class_list().remove_1(LAZY);
    let get = |key: &str| JsValue::from(root.get_attribute(key).unwrap_or_default());
    let index = root
        .get_attribute(crate::web::input::link::FEATURE_INDEX)
        .and_then(|i| i.parse::<u32>().ok())
        .unwrap_or(0);
    let built = match extras::module().await {
        Ok(module) => extras::function(&module, "popup").and_then(|f| {
            let arguments =
                js_sys::Array::of4(&get(FEATURE), &index.into(), &get(AS_OF), &get(ORDER));
            f.apply(&JsValue::NULL, &arguments)
                .map_err(|e| describe_js_error(&e))
        }),
        Err(why) => Err(why),
    };
    let loading = root.query_selector(".popup-loading").ok().flatten();
    match built.map(|b| b.dyn_into::<web_sys::Element>()) {
        Ok(Ok(content)) => {
            // Its name, facts and sources, before whatever else the popup
            // holds (a unit's last sighting).
            let name = root.query_selector(".popup-name").ok().flatten();
            for old in [name, loading].into_iter().flatten() {
                old.remove();
            }
            let first = root.first_child();
            while let Some(child) = content.first_child() {
                let _ = root.insert_before(&child, first.as_ref());
            }
        }
        Ok(Err(said)) => {
            if let Some(loading) = loading {
                loading.set_text_content(Some(&format!(
                    "Its details could not be read: {}",
                    said.as_string().unwrap_or_default()
                )));
            }
        }
        Err(why) => {
            if let Some(loading) = loading {
                loading.set_text_content(Some(&format!("Its details could not be read: {why}")));
            }
        }
    }
    // Its size and place again, as Leaflet's `update()` does, without its
    // first step, which would set the content anew (a popup whose content
    // is a function, as a unit's is, would make its placeholder again).
    for step in ["_updateLayout", "_updatePosition", "_adjustPan"] {
        if let Some(f) = Reflect::get(&popup, &step.into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = f.call0(&popup);
        }
    }
}

/// Builds the popup content for `feature`, number `index` in the data.
pub fn content(index: usize, feature: &MapFeature) -> Result<HtmlElement, JsValue> {
    content_on(index, feature, None)
}

/// The popup content as a map replaying what was made public by `as_of`
/// shows it: for a feature whose grade changed, the grade it had then,
/// and nothing of later steps. `None`: the feature's own grade and its
/// whole history.
pub fn content_on(
    index: usize,
    feature: &MapFeature,
    as_of: Option<Day>,
) -> Result<HtmlElement, JsValue> {
    let root = element("div", "popup", "")?;
    // Which feature is open, for the address (see link.rs).
    root.set_attribute(crate::web::input::link::FEATURE_INDEX, &index.to_string())?;
    dom::add(&root, &element("h2", "popup-name", &feature.label())?)?;
    // Read from the feature's text once, for what the map shows but does
    // not otherwise use.
    let properties = feature.properties();
    let list = element("dl", "popup-facts", "")?;
    for (term, value) in facts(feature, &properties, as_of).0 {
        dom::add(&list, &element("dt", "", &term)?)?;
        dom::add(&list, &element("dd", "", &value)?)?;
    }
    dom::add(&root, &list)?;

    if let Some(description) = crate::geojson::read::shown::description(feature) {
        dom::add(&root, &element("p", "popup-description", &description)?)?;
    }

    dom::add(&root, &element("h3", "", "Sources")?)?;
    let sources = crate::geojson::read::shown::sources(feature);
    if sources.is_empty() {
        dom::add(&root, &element("p", "popup-none", "No source given.")?)?;
    } else {
        let list = element("ul", "popup-sources", "")?;
        for source in &sources {
            let item = element("li", "", "")?;
            if let Some(reference) = &source.reference {
                dom::add(
                    &item,
                    &element("span", "popup-source-ref", &format!("[{reference}] "))?,
                )?;
            }
            dom::add(&item, &source_link(source, &source_title(source))?)?;
            let detail = source_details(source);
            if !detail.is_empty() {
                dom::add(
                    &item,
                    &element(
                        "span",
                        "popup-source-detail",
                        &format!(" — {}", detail.join(", ")),
                    )?,
                )?;
            }
            dom::add(&list, &item)?;
        }
        dom::add(&root, &list)?;
    }
    Ok(root)
}

/// A source as a link that opens in a new tab, when its URL is http or
/// https; otherwise as plain text.
pub fn source_link(source: &Source, text: &str) -> Result<HtmlElement, JsValue> {
    let Some(url) = source.link() else {
        return element("span", "", text);
    };
    let a = element("a", "", text)?;
    a.set_attribute("href", url)?;
    a.set_attribute("target", "_blank")?;
    a.set_attribute("rel", "noopener noreferrer")?;
    Ok(a)
}
