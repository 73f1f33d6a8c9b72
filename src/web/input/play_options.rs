//! The choices beside Play: the speed, the loop and following the story.
//! A change sends the playback they are set to; the app sets them to what
//! the scene plays with (a link, new data).

use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use crate::number::decimal;
use crate::scene::action::Action;
use crate::scene::playback::{speed_label, Playback, DEFAULT_SPEED, SPEEDS};
use crate::time::steps::Steps;
use crate::web::dispatch::Dispatch;
use crate::web::page::dom;

/// Sends the playback the controls are set to whenever one changes.
pub fn wire(dispatch: &Dispatch) -> Result<(), JsValue> {
    for id in ["speed", "loop", "follow"] {
        let control: web_sys::EventTarget = dom::by_id(id)?;
        let handle = dispatch.clone();
        let send = Closure::<dyn FnMut()>::new(move || match chosen() {
            Ok(playback) => handle.send(Action::Playback(playback)),
            Err(error) => dom::show_alert(&dom::describe_js_error(&error)),
        });
        control.add_event_listener_with_callback("change", send.as_ref().unchecked_ref())?;
        // The controls live as long as the page.
        send.forget();
    }
    Ok(())
}

/// The playback the controls are set to.
fn chosen() -> Result<Playback, JsValue> {
    let speed: HtmlSelectElement = dom::by_id("speed")?;
    let checked = |id: &str| dom::by_id::<HtmlInputElement>(id).map(|c| c.checked());
    Ok(Playback {
        // Read as JSON reads numbers: one number reader in the wasm (the
        // standard one brings 11 KB of tables).
        speed: serde_json::from_str::<f64>(&speed.value())
            .ok()
            .and_then(Playback::speed_of)
            .unwrap_or(DEFAULT_SPEED),
        looping: checked("loop")?,
        follow: checked("follow")?,
    })
}

/// Sets the controls to `playback`, the speeds named in `steps`' unit
/// ("2 days a second", "2 hours a second").
pub fn show(playback: &Playback, steps: Steps) -> Result<(), JsValue> {
    let options = dom::document()?.query_selector_all("#speed option")?;
    for (i, speed) in SPEEDS.into_iter().enumerate() {
        if let Some(option) = options.item(i as u32) {
            option.set_text_content(Some(&speed_label(speed, steps.unit())));
        }
    }
    dom::by_id::<HtmlSelectElement>("speed")?.set_value(&decimal(playback.speed, 1));
    dom::by_id::<HtmlInputElement>("loop")?.set_checked(playback.looping);
    dom::by_id::<HtmlInputElement>("follow")?.set_checked(playback.follow);
    Ok(())
}
