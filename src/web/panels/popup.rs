//! The popup of a feature: its name, its facts (see
//! [`crate::scene::facts`]: dates, who said it and what the statement
//! does, every caveat the data carries, troops), description and sources.
//! Every value from the data is set as text; a source becomes a link only
//! when its URL is http or https.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

use crate::model::{MapFeature, Source};
use crate::scene::facts::{facts, source_details, source_title};
use crate::space::bounds::bounds;
use crate::time::Day;
use crate::web::page::bindings::lat_lng;
use crate::web::page::dom::{self, element};

/// The tallest a popup grows, in CSS pixels, before it scrolls: a feature
/// with many caveats keeps the map in view.
pub const MAX_HEIGHT: u32 = 340;

/// Opens a popup of its own on `map` for feature `index` (one drawn on the
/// canvas, or without a place), at its point or the middle of its shape;
/// a feature with no place (an event its sources do not place) has it in
/// the middle of the map.
pub fn open_on(
    map: &leaflet::Map,
    index: usize,
    feature: &MapFeature,
    as_of: Option<Day>,
) -> Result<(), JsValue> {
    let at = anchor(feature).unwrap_or_else(|| {
        let center = map.get_center();
        geo::coord! { x: center.lng(), y: center.lat() }
    });
    let popup = leaflet::Popup::new_with_lat_lng(&lat_lng(at), &options().unchecked_into());
    popup.set_content(&content_on(index, feature, as_of)?.into());
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

    if let Some(description) = &feature.description {
        dom::add(&root, &element("p", "popup-description", description)?)?;
    }

    dom::add(&root, &element("h3", "", "Sources")?)?;
    if feature.sources.is_empty() {
        dom::add(&root, &element("p", "popup-none", "No source given.")?)?;
    } else {
        let list = element("ul", "popup-sources", "")?;
        for source in &feature.sources {
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
