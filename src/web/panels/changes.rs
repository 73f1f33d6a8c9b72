//! "What changed between A and B": the comparison of the day shown with
//! another date, listed by group (units moved, then what appeared, went,
//! came and went in between, and changed grade), each group sorted by the
//! size of its change: units by the distance moved, features by when they
//! began. Choosing an entry opens its popup (a unit's: pans to it).
//! Everything is written as text.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement, HtmlInputElement};

use crate::number::decimal;
use crate::scene::action::Action;
use crate::scene::compare::{Comparison, Kind};
use crate::scene::Scene;
use crate::time::Day;
use crate::web::dispatch::Dispatch;
use crate::web::input::share::Sharing;
use crate::web::page::dom;
use crate::web::render::Renderers;

/// The most entries a group lists; the rest are counted.
const MOST: usize = 200;

/// The attributes an entry names what it leads to with.
const FEATURE: &str = "data-feature-index";
const UNIT: &str = "data-unit";

/// Wires the compare controls and the list: a date compares, "Stop
/// comparing" stops, an entry opens what it names, "Export changes"
/// downloads the comparison.
pub fn wire(dispatch: &Dispatch) -> Result<(), JsValue> {
    let input: HtmlInputElement = dom::by_id("compare-date")?;
    let handle = dispatch.clone();
    let field = input.clone();
    listen(&input, "change", move |_| {
        handle.send(Action::Compare(Day::parse(&field.value()).ok()));
    })?;
    let handle = dispatch.clone();
    let off: HtmlElement = dom::by_id("compare-off")?;
    listen(&off, "click", move |_| handle.send(Action::Compare(None)))?;
    let handle = dispatch.clone();
    let export: HtmlElement = dom::by_id("export-changes")?;
    listen(&export, "click", move |_| {
        handle.send(Action::ExportChanges)
    })?;
    let handle = dispatch.clone();
    let list: HtmlElement = dom::by_id("changes-list")?;
    listen(&list, "click", move |event| {
        let Some(entry) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button.change-entry").ok().flatten())
        else {
            return;
        };
        let number = |name| entry.get_attribute(name).and_then(|v| v.parse().ok());
        if let Some(index) = number(FEATURE) {
            handle.send(Action::Open(index));
        } else if let Some(unit) = number(UNIT) {
            handle.send(Action::ChooseUnit(unit));
        }
    })?;
    Ok(())
}

fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    f: impl FnMut(web_sys::Event) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    // The controls live as long as the page.
    closure.forget();
    Ok(())
}

/// Shows what changed between the date `scene` compares with and its day:
/// the controls, and (through `sharing`, the extras module) the list and
/// the arrows of the units that moved; or nothing when not comparing.
pub fn show(
    map: &leaflet::Map,
    scene: &Scene,
    sharing: &Sharing,
    drawing: &Renderers,
    version: u64,
) -> Result<(), JsValue> {
    show_controls(scene)?;
    let moved = drawing.moved();
    if scene.compared_with().is_some() && scene.dated() {
        sharing.show_changes(map, scene, version, moved);
    } else {
        moved.clear();
    }
    Ok(())
}

/// Shows the date compared with in its control, and the panel while
/// comparing (its list is filled by [`fill`], in the extras module).
fn show_controls(scene: &Scene) -> Result<(), JsValue> {
    let input: HtmlInputElement = dom::by_id("compare-date")?;
    let wanted = scene
        .compared_with()
        .map(|d| d.to_string())
        .unwrap_or_default();
    if input.value() != wanted {
        input.set_value(&wanted);
    }
    let comparing = scene.compared_with().is_some() && scene.dated();
    let off: HtmlElement = dom::by_id("compare-off")?;
    off.set_hidden(!comparing);
    let panel: HtmlElement = dom::by_id("changes")?;
    panel.set_hidden(!comparing);
    Ok(())
}

/// Lists `comparison` (of the scene's data) in the panel.
pub fn fill(scene: &Scene, comparison: &Comparison) -> Result<(), JsValue> {
    let title: HtmlElement = dom::by_id("changes-title")?;
    title.set_text_content(Some(&format!(
        "What changed between {} and {}",
        comparison.from, comparison.to
    )));
    let list: HtmlElement = dom::by_id("changes-list")?;
    list.set_text_content(None);
    let document = dom::document()?;
    for (heading, entries) in groups(scene, comparison) {
        if entries.is_empty() {
            continue;
        }
        let section = document.create_element("section")?;
        section.set_class_name("change-group");
        let h = document.create_element("h3")?;
        h.set_text_content(Some(&format!("{heading} ({})", entries.len())));
        section.append_child(&h)?;
        let ul = document.create_element("ul")?;
        for (attribute, value, text) in entries.iter().take(MOST) {
            ul.append_child(&entry(&document, attribute, *value, text)?.into())?;
        }
        if entries.len() > MOST {
            let more = document.create_element("li")?;
            more.set_text_content(Some(&format!("… and {} more", entries.len() - MOST)));
            ul.append_child(&more)?;
        }
        section.append_child(&ul)?;
        list.append_child(&section)?;
    }
    if list.child_element_count() == 0 {
        let none = document.create_element("p")?;
        none.set_text_content(Some("Nothing changed."));
        list.append_child(&none)?;
    }
    Ok(())
}

/// One entry: a button naming what it leads to.
fn entry(
    document: &Document,
    attribute: &str,
    value: usize,
    text: &str,
) -> Result<web_sys::Element, JsValue> {
    let li = document.create_element("li")?;
    let button = document.create_element("button")?;
    button.set_attribute("type", "button")?;
    button.set_class_name("change-entry");
    button.set_attribute(attribute, &value.to_string())?;
    button.set_text_content(Some(text));
    li.append_child(&button)?;
    Ok(li)
}

type Entry = (&'static str, usize, String);

/// The groups of the list, each with its entries: (attribute, its value,
/// text).
fn groups(scene: &Scene, c: &Comparison) -> Vec<(&'static str, Vec<Entry>)> {
    let unit_entries = |kind: Kind, say: &dyn Fn(&crate::scene::compare::UnitChange) -> String| {
        c.units
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| (UNIT, u.unit, say(u)))
            .collect::<Vec<Entry>>()
    };
    let moved = unit_entries(Kind::Moved, &|u| match u.distance_km {
        Some(km) => format!("{}: {} km", u.name, decimal(km, 1)),
        None => format!("{}: seen in several places", u.name),
    });
    let mut appeared = unit_entries(Kind::Appeared, &|u| format!("{}: first seen", u.name));
    appeared.extend(features(scene, &c.appeared));
    let mut gone = unit_entries(Kind::Gone, &|u| format!("{}: no longer shown", u.name));
    gone.extend(features(scene, &c.gone));
    let regraded = c
        .regraded
        .iter()
        .map(|r| {
            let text = format!(
                "{}: {} → {}",
                name(scene, r.index),
                r.from.as_str(),
                r.to.as_str()
            );
            (FEATURE, r.index, text)
        })
        .collect();
    vec![
        ("Moved", moved),
        ("Appeared", appeared),
        ("Gone", gone),
        ("Came and went in between", features(scene, &c.between)),
        ("Grade changed", regraded),
    ]
}

/// Features as entries, by when they began (then by their place in the
/// data): their name and dates.
fn features(scene: &Scene, indices: &[usize]) -> Vec<Entry> {
    let features = &scene.data().features;
    let mut sorted: Vec<usize> = indices.to_vec();
    let key = |i: usize| {
        let start = features.get(i).and_then(|f| f.span.first_day());
        (start.map_or(i32::MIN, |d| d.0), i)
    };
    crate::sort::sort_by(&mut sorted, |&a, &b| key(a) < key(b));
    sorted
        .into_iter()
        .map(|i| {
            let dates = features.get(i).map(|f| dates(&f.span)).unwrap_or_default();
            let text = if dates.is_empty() {
                name(scene, i)
            } else {
                format!("{} ({dates})", name(scene, i))
            };
            (FEATURE, i, text)
        })
        .collect()
}

/// A feature's name, or its place in the data.
fn name(scene: &Scene, index: usize) -> String {
    scene
        .data()
        .features
        .get(index)
        .and_then(|f| f.name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("feature {index}"))
}

/// "2024-10-08 – 2024-10-13", "2024-10-18", "from 2024-10-18" or nothing.
fn dates(span: &crate::time::Span) -> String {
    match (span.start, span.end) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), Some(_)) => a.to_string(),
        (Some(a), None) => format!("from {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => String::new(),
    }
}
