//! The units in the legend: the colour of each side and how a marker shows
//! its age, and the units controls (which property names a unit, the
//! stale limit, gliding; see [`crate::web::input::units`]).

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::draw::style::{SIDE_COLORS, UNIT_RADIUS, UNIT_WEIGHT};
use crate::space::sightings::Units;
use crate::web::page::dom::{self, element};
use crate::web::panels::samples::{circle, sample_svg};
use crate::web::render::positions::ON_CANVAS_FROM;

/// Moves the units' part of the page (its sides and its controls, in the
/// page as written) into the legend, built first, after what it lists.
pub fn build() -> Result<(), JsValue> {
    let details = dom::document()?
        .query_selector("#legend > details")?
        .ok_or_else(|| JsValue::from_str("the legend is not built"))?;
    let part: Element = dom::by_id("units-legend")?;
    dom::add(&details, &part)
}

/// Shows the scene's units: their sides in the legend, the units controls
/// set to the scene's rule, "Export positions" and the list of units when
/// there are any.
pub fn show_controls(scene: &crate::scene::Scene) -> Result<(), JsValue> {
    use wasm_bindgen::JsCast;
    let units = scene.units_seen();
    show(units)?;
    let names = crate::space::unit_properties::text_properties(&scene.data().features);
    crate::web::input::units::show(&names, scene.unit_rule())?;
    // An embedded map has no "Export positions".
    let document = dom::document()?;
    for id in ["export-positions", "unit-list"] {
        if let Some(element) = document.get_element_by_id(id) {
            element
                .unchecked_into::<web_sys::HtmlElement>()
                .set_hidden(units.is_empty());
        }
    }
    Ok(())
}

/// Names the colour of each side of `units`, and how a unit's marker shows
/// its age; empty for data without units.
pub fn show(units: &Units) -> Result<(), JsValue> {
    let list: Element = dom::by_id("legend-units")?;
    list.set_text_content(None);
    if units.is_empty() {
        return Ok(());
    }
    dom::add(
        &list,
        &element("li", "legend-heading", "Units, where last seen")?,
    )?;
    let sides = units
        .sides()
        .iter()
        .enumerate()
        .map(|(i, side)| (SIDE_COLORS[i % SIDE_COLORS.len()], side.as_str()))
        .chain(std::iter::once(("#555555", "side not given")));
    for (color, side) in sides {
        let item = element("li", "", "")?;
        dom::add(&item, &element("span", "filter-spacer", "")?)?;
        let s = sample_svg()?;
        dom::add(&s, &circle(UNIT_RADIUS, color, 1.0, color, UNIT_WEIGHT)?)?;
        dom::add(&item, &s)?;
        dom::add(&item, &element("span", "", side)?)?;
        dom::add(&list, &item)?;
    }
    dom::add(
        &list,
        &element(
            "li",
            "legend-meaning",
            "Solid: seen that day; fainter the longer ago it was seen, until it goes stale. \
             Hollow and dashed: between two sightings, a guess.",
        )?,
    )?;
    if units.has_symbols() {
        dom::add(
            &list,
            &element(
                "li",
                "legend-meaning",
                "A unit whose sighting carries a MIL-STD-2525 / APP-6 code is drawn with \
                 that code's symbol, in the code's own frame and colour: what the file says.",
            )?,
        )?;
    }
    if units.len() >= ON_CANVAS_FROM || units.has_symbols() {
        dom::add(
            &list,
            &element(
                "li",
                "legend-meaning",
                "A circle with a number: that many units crowd there; click it to zoom in.",
            )?,
        )?;
    }
    Ok(())
}
