//! Deep links: the address's fragment follows what the map shows (day,
//! view, selected feature, filters, replay mode), opening such an address
//! restores it, and back and forward walk through the changes.

use leaflet::Map;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use crate::scene::action::Action;
use crate::scene::fragment::{self, LinkState};
use crate::web::dispatch::Dispatch;
use crate::web::page::{dom, embed};

/// The attribute on a popup's content naming its feature's index.
pub const FEATURE_INDEX: &str = "data-feature-index";

/// The view of `map` as a link records it: zoom, latitude, longitude.
pub fn view(map: &Map) -> (f64, f64, f64) {
    let center = map.get_center();
    (
        (map.get_zoom() * 100.0).round() / 100.0,
        round(center.lat()),
        round(center.lng()),
    )
}

/// Five decimals of a degree: about a metre.
fn round(degrees: f64) -> f64 {
    (degrees * 1e5).round() / 1e5
}

/// Writes `state` into the address: a new history entry when `push`, else
/// in place of the current one. Nothing is written when it is unchanged.
/// An embedded map's link to the full map follows the address.
pub fn write(state: &LinkState, push: bool) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let hash = fragment::format(state);
    if window.location().hash()? != hash {
        let history = window.history()?;
        if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&hash))?;
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&hash))?;
        }
    }
    embed::refresh_link()
}

/// Writes what `map` shows of `scene` into the address: a new history
/// entry when `push`, else in place of the current one; a failure is told.
pub fn remember(map: &Map, scene: &crate::scene::Scene, push: bool) {
    let state = scene.link_state(Some(view(map)));
    if let Err(error) = write(&state, push) {
        dom::show_alert(&dom::describe_js_error(&error));
    }
}

/// The state the address holds now.
pub fn read() -> Result<LinkState, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(fragment::parse(&window.location().hash()?))
}

/// Sets the mode and the filters' boxes to show what `state` holds.
pub fn set_controls(state: &LinkState) -> Result<(), JsValue> {
    let replay: HtmlSelectElement = dom::by_id("replay")?;
    replay.set_value(state.replay.as_str());
    let boxes = dom::document()?.query_selector_all("#legend input.filter")?;
    for i in 0..boxes.length() {
        let Some(input) = boxes
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        let on = match (
            input.get_attribute("data-confidence"),
            input.get_attribute("data-kind"),
            input.get_attribute("data-who"),
        ) {
            (Some(c), _, _) => state
                .confidence
                .as_ref()
                .is_none_or(|all| all.iter().any(|x| x.as_str() == c)),
            (_, Some(k), _) => state
                .kinds
                .as_ref()
                .is_none_or(|all| all.iter().any(|x| x.as_str() == k)),
            (_, _, Some(w)) => state
                .who
                .as_ref()
                .is_none_or(|all| all.iter().any(|x| x.as_str() == w)),
            _ => true,
        };
        input.set_checked(on);
    }
    Ok(())
}

/// Restores the address's state now, and again whenever the person goes
/// back or forward; keeps the view in the address as the map moves.
pub fn wire(map: &Map, dispatch: &Dispatch) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let state = read()?;
    if state != LinkState::default() {
        dispatch.send(Action::Restore(state));
    }
    let handle = dispatch.clone();
    let on_pop = Closure::<dyn FnMut()>::new(move || match read() {
        Ok(state) => handle.send(Action::Restore(state)),
        Err(error) => dom::show_alert(&dom::describe_js_error(&error)),
    });
    window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref())?;
    on_pop.forget();

    let handle = dispatch.clone();
    let on_move = Closure::<dyn FnMut()>::new(move || handle.send(Action::Moved));
    map.on("moveend", on_move.as_ref());
    on_move.forget();
    let handle = dispatch.clone();
    let on_open = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let index = js_sys::Reflect::get(&event, &"popup".into())
            .ok()
            .and_then(|popup| {
                let get = js_sys::Reflect::get(&popup, &"getContent".into())
                    .ok()?
                    .dyn_into::<js_sys::Function>()
                    .ok()?;
                get.call0(&popup).ok()
            })
            .and_then(|content| content.dyn_into::<web_sys::Element>().ok())
            .and_then(|content| content.get_attribute(FEATURE_INDEX))
            .and_then(|i| i.parse::<usize>().ok());
        handle.send(Action::Popup(index));
    });
    map.on("popupopen", on_open.as_ref());
    on_open.forget();
    let handle = dispatch.clone();
    let on_close = Closure::<dyn FnMut()>::new(move || handle.send(Action::Popup(None)));
    map.on("popupclose", on_close.as_ref());
    on_close.forget();
    Ok(())
}
