//! The units in the legend: the colour of each side and how a marker shows
//! its age, and the units controls (which property names a unit, the
//! stale limit, gliding; see [`crate::web::input::units`]).

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::draw::style::{SIDE_COLORS, UNIT_RADIUS, UNIT_WEIGHT};
use crate::space::sightings::Units;
use crate::web::page::dom::{self, element};
use crate::web::panels::legend::{circle, sample_svg};

/// Adds the units' part to the legend (built first): empty, and the
/// controls hidden, until data with dated points comes.
pub fn build() -> Result<(), JsValue> {
    let details = dom::document()?
        .query_selector("#legend details")?
        .ok_or_else(|| JsValue::from_str("the legend is not built"))?;
    let units = element("ul", "legend-units", "")?;
    units.set_id("legend-units");
    dom::add(&details, &units)?;
    dom::add(&details, &unit_controls()?)
}

/// The units controls (see [`crate::web::input::units`]), hidden until the
/// data has dated points: which property names a unit, the stale limit,
/// gliding.
fn unit_controls() -> Result<Element, JsValue> {
    let fieldset = element("fieldset", "unit-controls", "")?;
    fieldset.set_id("units-controls");
    fieldset.set_attribute("hidden", "")?;
    dom::add(&fieldset, &element("legend", "", "Units, from sightings")?)?;
    let label = element("label", "", "Units by ")?;
    label.set_attribute("for", "unit-property")?;
    dom::add(&fieldset, &label)?;
    let select = element("select", "", "")?;
    select.set_id("unit-property");
    dom::add(&fieldset, &select)?;
    let days = element("label", "", "")?;
    let input = element("input", "", "")?;
    for (k, v) in [
        ("type", "number"),
        ("id", "stale-after"),
        ("min", "0"),
        ("max", "36500"),
        ("value", "30"),
    ] {
        input.set_attribute(k, v)?;
    }
    dom::add(&days, &input)?;
    dom::add(
        &days,
        &element("span", "", " days until a unit goes stale")?,
    )?;
    dom::add(&fieldset, &days)?;
    for (id, text) in [
        ("stale-never", " never stale"),
        ("glide", " glide between sightings (a guess)"),
    ] {
        let label = element("label", "", "")?;
        let input = element("input", "", "")?;
        input.set_attribute("type", "checkbox")?;
        input.set_id(id);
        dom::add(&label, &input)?;
        dom::add(&label, &element("span", "", text)?)?;
        dom::add(&fieldset, &label)?;
    }
    Ok(fieldset.into())
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
    Ok(())
}
