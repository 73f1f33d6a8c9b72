//! The units controls: which property names a unit ("Units by", or
//! "none"), after how many days a sighting goes stale (or never), and
//! whether units glide between sightings. A change sends
//! [`Action::Units`]; the controls show the rule a link or a file brings.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

use crate::scene::action::Action;
use crate::space::sightings::UnitRule;
use crate::web::dispatch::Dispatch;
use crate::web::page::dom;

/// The value of the "none" choice: no property, no units.
const NONE: &str = "";

/// Sends the rule the controls are set to whenever one changes.
pub fn wire(dispatch: &Dispatch) -> Result<(), JsValue> {
    for id in ["unit-property", "stale-after", "stale-never", "glide"] {
        let element: HtmlElement = dom::by_id(id)?;
        let dispatch = dispatch.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || match rule() {
            Ok(rule) => dispatch.send(Action::Units(rule)),
            Err(error) => dom::show_alert(&dom::describe_js_error(&error)),
        });
        element.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
        // The controls live as long as the page.
        on_change.forget();
    }
    let all: HtmlInputElement = dom::by_id("all-tracks")?;
    let on_change = {
        let (all, dispatch) = (all.clone(), dispatch.clone());
        Closure::<dyn FnMut()>::new(move || dispatch.send(Action::AllTracks(all.checked())))
    };
    all.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
    on_change.forget();
    Ok(())
}

/// The rule the controls are set to.
pub fn rule() -> Result<UnitRule, JsValue> {
    let property: HtmlSelectElement = dom::by_id("unit-property")?;
    let days: HtmlInputElement = dom::by_id("stale-after")?;
    let never: HtmlInputElement = dom::by_id("stale-never")?;
    let glide: HtmlInputElement = dom::by_id("glide")?;
    let default = UnitRule::default();
    let stale_after = if never.checked() {
        None
    } else {
        // A box left empty or holding no whole number keeps the default.
        days.value().trim().parse().ok().or(default.stale_after)
    };
    days.set_disabled(never.checked());
    Ok(UnitRule {
        property: property.value(),
        stale_after,
        glide: glide.checked(),
    })
}

/// Offers `names` (the data's text properties) as "Units by", with the
/// rule's own property among them, and sets every control to `rule`. The
/// controls are shown only when there is something to choose.
pub fn show(names: &[String], rule: &UnitRule) -> Result<(), JsValue> {
    let controls: HtmlElement = dom::by_id("units-controls")?;
    controls.set_hidden(names.is_empty() && rule.property == UnitRule::default().property);
    let select: HtmlSelectElement = dom::by_id("unit-property")?;
    select.set_text_content(None);
    let mut choices: Vec<&str> = names.iter().map(String::as_str).collect();
    if !rule.property.is_empty() && !choices.contains(&rule.property.as_str()) {
        choices.insert(0, &rule.property);
    }
    for name in choices.into_iter().chain(std::iter::once(NONE)) {
        let text = if name == NONE { "none" } else { name };
        let option = dom::element("option", "", text)?;
        option.set_attribute("value", name)?;
        dom::add(&select, &option)?;
    }
    select.set_value(&rule.property);
    set(rule)
}

/// Unfolds the controls for data with units, folds them for other data
/// (where they are one line, out of the way): when new data comes, not
/// while a person is choosing.
pub fn unfold(open: bool) -> Result<(), JsValue> {
    let controls: HtmlElement = dom::by_id("units-controls")?;
    if open {
        controls.set_attribute("open", "")
    } else {
        controls.remove_attribute("open")
    }
}

/// Sets the stale limit and the glide box to `rule`.
pub fn set(rule: &UnitRule) -> Result<(), JsValue> {
    let select: HtmlSelectElement = dom::by_id("unit-property")?;
    select.set_value(&rule.property);
    let days: HtmlInputElement = dom::by_id("stale-after")?;
    let never: HtmlInputElement = dom::by_id("stale-never")?;
    let glide: HtmlInputElement = dom::by_id("glide")?;
    never.set_checked(rule.stale_after.is_none());
    days.set_disabled(rule.stale_after.is_none());
    if let Some(limit) = rule.stale_after {
        days.set_value(&limit.to_string());
    }
    glide.set_checked(rule.glide);
    Ok(())
}
