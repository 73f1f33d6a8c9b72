//! The list of the units shown: each with its side and when it was last
//! seen, sorted by name or by age, narrowed by typing; choosing one pans
//! the map to it, opens its popup and draws its track. Drawn only while
//! the list is open, so that steps cost nothing when it is folded.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDetailsElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

use crate::scene::action::Action;
use crate::scene::Scene;
use crate::space::sightings::Position;
use crate::web::dispatch::Dispatch;
use crate::web::page::dom::{self, element};

/// At most this many entries are listed; typing narrows the rest.
pub const LISTED: usize = 200;

/// The attribute of an entry that names its unit (its place in the units).
const UNIT: &str = "data-unit-index";

/// Lists anew when the filter or the order changes, or the list opens;
/// chooses the unit of an entry clicked (or pressed, as a button).
pub fn wire(dispatch: &Dispatch) -> Result<(), JsValue> {
    for (id, event) in [
        ("unit-filter", "input"),
        ("unit-sort", "change"),
        ("unit-list", "toggle"),
    ] {
        let target: HtmlElement = dom::by_id(id)?;
        let dispatch = dispatch.clone();
        let relist = Closure::<dyn FnMut()>::new(move || dispatch.send(Action::ListUnits));
        target.add_event_listener_with_callback(event, relist.as_ref().unchecked_ref())?;
        // The list lives as long as the page.
        relist.forget();
    }
    let entries: HtmlElement = dom::by_id("unit-entries")?;
    let dispatch = dispatch.clone();
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let unit = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
            .and_then(|b| b.get_attribute(UNIT))
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(unit) = unit {
            dispatch.send(Action::ChooseUnit(unit));
        }
    });
    entries.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    Ok(())
}

/// Shows how many units are shown; lists them when the list is open.
pub fn show(scene: &Scene, positions: &[Position]) -> Result<(), JsValue> {
    let panel: HtmlDetailsElement = dom::by_id("unit-list")?;
    let units = scene.units_seen();
    // A unit in two places is one entry, at the first.
    let mut shown: Vec<&Position> = Vec::with_capacity(positions.len());
    for p in positions {
        if shown.last().is_none_or(|last| last.unit != p.unit) {
            shown.push(p);
        }
    }
    // Written only when it changes: a step costs the legend no layout.
    let summary: Element = dom::by_id("unit-list-summary")?;
    let said = format!("Units shown ({})", shown.len());
    if summary.text_content().as_deref() != Some(said.as_str()) {
        summary.set_text_content(Some(&said));
    }
    if !panel.open() {
        return Ok(());
    }
    let filter: HtmlInputElement = dom::by_id("unit-filter")?;
    let query = filter.value().trim().to_ascii_lowercase();
    let by_age = dom::by_id::<HtmlSelectElement>("unit-sort")?.value() == "age";
    let sides = units.sides();
    // (key, the unit's rank by name), sorted: by name, or the latest seen
    // first (by the minute), then by name; then back to places in `shown`.
    let latest = shown.iter().map(|p| p.seen).max().unwrap_or(0);
    let mut order: Vec<(i32, u32)> = Vec::with_capacity(shown.len());
    let mut place_of_rank = vec![u32::MAX; units.len()];
    for (i, p) in shown.iter().enumerate() {
        let name = units.get(p.unit).map_or("", |u| u.name.as_str());
        let side = p.side.and_then(|s| sides.get(s)).map_or("", String::as_str);
        let matches = query.is_empty()
            || name.to_ascii_lowercase().contains(&query)
            || side.to_ascii_lowercase().contains(&query);
        if matches {
            let rank = units.name_rank(p.unit);
            let key = if by_age {
                ((latest - p.seen) / 60).min(i64::from(i32::MAX)) as i32
            } else {
                0
            };
            if let Some(place) = place_of_rank.get_mut(rank as usize) {
                *place = i as u32;
            }
            order.push((key, rank));
        }
    }
    crate::sort::sort(&mut order);
    for entry in &mut order {
        entry.1 = place_of_rank
            .get(entry.1 as usize)
            .copied()
            .unwrap_or(u32::MAX);
    }
    let list: Element = dom::by_id("unit-entries")?;
    list.set_text_content(None);
    for &(_, i) in order.iter().take(LISTED) {
        let Some(p) = shown.get(i as usize) else {
            continue;
        };
        let name = units.get(p.unit).map_or("", |u| u.name.as_str());
        let side = p
            .side
            .and_then(|s| sides.get(s))
            .map_or("side not given", String::as_str);
        let item = element("li", "", "")?;
        let button = element("button", "unit-entry", "")?;
        button.set_attribute("type", "button")?;
        button.set_attribute(UNIT, &p.unit.to_string())?;
        dom::add(&button, &element("span", "unit-entry-name", name)?)?;
        let meta = format!("{side} · {}", scene.last_seen(p));
        dom::add(&button, &element("span", "unit-entry-meta", &meta)?)?;
        dom::add(&item, &button)?;
        dom::add(&list, &item)?;
    }
    let left = order.len().saturating_sub(LISTED);
    if order.is_empty() || left > 0 {
        let text = if order.is_empty() {
            "No unit shown matches.".to_owned()
        } else {
            format!("… and {left} more: type to narrow the list.")
        };
        dom::add(&list, &element("li", "unit-entries-more", &text)?)?;
    }
    Ok(())
}
