//! Place labels that do not cover each other: where two would overlap, the
//! one for the place listed later in the data is hidden until there is room.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomRect, Element};

use crate::web::page::dom;

/// The attribute on a label's text that orders labels: its feature's index.
pub const PRIORITY: &str = "data-label-priority";

/// Hides every label that would overlap a label of higher priority (a
/// lower feature index), and shows the rest.
pub fn declutter() -> Result<(), JsValue> {
    let found = dom::document()?.query_selector_all(".leaflet-tooltip.place-label")?;
    let mut labels: Vec<(u32, Element, DomRect)> = Vec::with_capacity(found.length() as usize);
    for i in 0..found.length() {
        let Some(label) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let priority = label
            .query_selector(&format!("[{PRIORITY}]"))?
            .and_then(|text| text.get_attribute(PRIORITY))
            .and_then(|p| p.parse().ok())
            .unwrap_or(u32::MAX);
        // Measure with the label shown, whatever it was before.
        label.class_list().remove_1("label-hidden")?;
        let rect = label.get_bounding_client_rect();
        labels.push((priority, label, rect));
    }
    // By priority, then in the page's order: sorted as the time index
    // sorts, (i32, u32), so that the wasm holds one sort for both.
    let mut order: Vec<(i32, u32)> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.0.min(i32::MAX as u32) as i32, i as u32))
        .collect();
    crate::sort::sort(&mut order);
    let mut kept: Vec<DomRect> = Vec::new();
    for &(_, i) in &order {
        let (_, label, rect) = &labels[i as usize];
        if kept.iter().any(|k| overlap(k, rect)) {
            label.class_list().add_1("label-hidden")?;
        } else {
            kept.push(rect.clone());
        }
    }
    Ok(())
}

fn overlap(a: &DomRect, b: &DomRect) -> bool {
    a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() && b.top() < a.bottom()
}
