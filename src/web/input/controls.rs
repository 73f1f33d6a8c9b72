//! The date slider, its buttons, the status line, the legend's filters and
//! the toolbar's export buttons: each turns a person's action into an
//! [`Action`].

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{
    HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlOutputElement, HtmlSelectElement,
};

use crate::model::statement::{Grade, SourceType};
use crate::model::Kind;
use crate::scene::selection::{Replay, Selection};

use crate::scene::action::Action;
use crate::time::steps::Steps;
use crate::time::Day;
use crate::web::dispatch::Dispatch;
use crate::web::page::dom;

/// The page's controls.
pub struct Controls {
    pub slider: HtmlInputElement,
    pub output: HtmlOutputElement,
    pub status: HtmlElement,
    pub play: HtmlButtonElement,
}

impl Controls {
    /// Finds the controls in the page.
    pub fn find() -> Result<Controls, JsValue> {
        Ok(Controls {
            slider: dom::by_id("date")?,
            output: dom::by_id("date-output")?,
            status: dom::by_id("status")?,
            play: dom::by_id("play")?,
        })
    }

    /// Sets the slider's range: one step per day from `first` to `last`.
    pub fn set_range(&self, first: Day, last: Day) {
        self.set_last(last.0 - first.0);
    }

    /// Sets the slider's range to `steps`, and names the step on the
    /// buttons beside it ("Previous day", "Next hour").
    pub fn set_steps(&self, steps: Steps) -> Result<(), JsValue> {
        self.set_last(steps.last());
        let document = dom::document()?;
        for (id, word) in [("previous", "Previous "), ("next", "Next ")] {
            if let Some(button) = document.get_element_by_id(id) {
                button.set_text_content(Some(&[word, steps.unit()].concat()));
            }
        }
        Ok(())
    }

    /// Sets the slider's range: steps 0 to `last`.
    fn set_last(&self, last: i32) {
        self.slider.set_min("0");
        self.slider.set_max(&last.to_string());
        self.slider.set_step("1");
    }

    /// Shows `day` (step `value` of the slider) and the count of features.
    pub fn show(&self, value: i32, day: Day, count: usize) -> Result<(), JsValue> {
        self.show_at(value, &day.to_string(), count)
    }

    /// Shows step `value` of the slider, written `date` (`2024-10-08`, or
    /// `2024-10-08T14:00Z` stepped by the clock), and the count of
    /// features.
    pub fn show_at(&self, value: i32, date: &str, count: usize) -> Result<(), JsValue> {
        self.slider.set_value(&value.to_string());
        self.slider.set_attribute("aria-valuetext", date)?;
        self.output.set_value(date);
        let noun = if count == 1 { "feature" } else { "features" };
        self.status
            .set_text_content(Some(&format!("{count} {noun} on {date}")));
        Ok(())
    }

    /// Adds what the status says of the units (see
    /// [`crate::scene::status::units`]) after the count of features.
    pub fn show_units(&self, units: Option<&str>) -> Result<(), JsValue> {
        if let Some(units) = units {
            let features = self.status.text_content().unwrap_or_default();
            self.status
                .set_text_content(Some(&format!("{features} · {units}")));
        }
        Ok(())
    }

    /// Shows that the data has no dates, and the count of features.
    pub fn show_undated(&self, count: usize) -> Result<(), JsValue> {
        self.slider.set_attribute("aria-valuetext", "undated")?;
        self.output.set_value("undated");
        let noun = if count == 1 { "feature" } else { "features" };
        self.status
            .set_text_content(Some(&format!("{count} {noun}, undated")));
        Ok(())
    }

    /// Shows whether the date is playing.
    pub fn show_playing(&self, playing: bool) -> Result<(), JsValue> {
        self.play
            .set_text_content(Some(if playing { "Pause" } else { "Play" }));
        self.play
            .set_attribute("aria-pressed", if playing { "true" } else { "false" })
    }
}

/// Connects every control: each sends its action.
pub fn wire(dispatch: &Dispatch) -> Result<(), JsValue> {
    let slider: HtmlInputElement = dom::by_id("date")?;
    let handle = dispatch.clone();
    let input = slider.clone();
    // A step of the slider adds a history entry; while it is dragged, the
    // steps after the first leave the address alone, and it follows once
    // the drag ends. A press of the pointer or of a key on it begins a new
    // step, and so does the end of one (`change`, and the pointer let go:
    // a drag that ends where it began has no `change`).
    let settled = Rc::new(Cell::new(true));
    let first = Rc::clone(&settled);
    listen(&slider, "input", move || {
        let value = input.value_as_number();
        if value.is_finite() {
            let step = value as i32;
            handle.send(if first.replace(false) {
                Action::GoToStep(step)
            } else {
                Action::Slide(step)
            });
        }
    })?;
    for (event, ends) in [
        ("change", true),
        ("pointerup", true),
        ("pointerdown", false),
    ] {
        let (settled, handle) = (Rc::clone(&settled), dispatch.clone());
        listen(&slider, event, move || {
            settled.set(true);
            if ends {
                handle.send(Action::Moved);
            }
        })?;
    }
    // Space plays and pauses while the slider has focus, as in players.
    let handle = dispatch.clone();
    let on_key =
        Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
            settled.set(true);
            if event.key() == " " {
                event.prevent_default();
                // A held key plays or pauses once, not on every repeat.
                if !event.repeat() {
                    handle.send(Action::TogglePlay);
                }
            }
        });
    slider.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref())?;
    on_key.forget();
    // The replay mode and the legend's filters.
    let replay: HtmlElement = dom::by_id("replay")?;
    let handle = dispatch.clone();
    listen(&replay, "change", move || send_selection(&handle))?;
    let boxes = dom::document()?.query_selector_all("#legend input.filter")?;
    for i in 0..boxes.length() {
        if let Some(target) = boxes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::EventTarget>().ok())
        {
            let handle = dispatch.clone();
            listen(&target, "change", move || send_selection(&handle))?;
        }
    }
    for (id, action) in [
        ("previous", (|| Action::Step(-1)) as fn() -> Action),
        ("next", (|| Action::Step(1)) as fn() -> Action),
        ("play", (|| Action::TogglePlay) as fn() -> Action),
    ] {
        let button: HtmlElement = dom::by_id(id)?;
        let handle = dispatch.clone();
        listen(&button, "click", move || handle.send(action()))?;
    }
    // The toolbar's exports, which an embedded map does not offer.
    for (id, action) in [
        ("export", (|| Action::Export) as fn() -> Action),
        (
            "export-positions",
            (|| Action::ExportPositions) as fn() -> Action,
        ),
        ("save-image", (|| Action::SaveImage) as fn() -> Action),
        ("record-video", (|| Action::Record) as fn() -> Action),
        ("record-cancel", (|| Action::Record) as fn() -> Action),
    ] {
        if let Some(button) = dom::document()?.get_element_by_id(id) {
            let handle = dispatch.clone();
            listen(&button, "click", move || handle.send(action()))?;
        }
    }
    Ok(())
}

fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    f: impl FnMut() + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut()>::new(f);
    target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    // The controls live as long as the page.
    closure.forget();
    Ok(())
}

/// Sends the mode and filters the controls are set to.
fn send_selection(dispatch: &Dispatch) {
    match selection() {
        Ok(selection) => dispatch.send(Action::Select(selection)),
        Err(error) => dom::show_alert(&dom::describe_js_error(&error)),
    }
}

/// The mode and filters the page's controls are set to.
pub fn selection() -> Result<Selection, JsValue> {
    let replay: HtmlSelectElement = dom::by_id("replay")?;
    let checked = |group: &str| -> Result<(Vec<String>, u32), JsValue> {
        let boxes =
            dom::document()?.query_selector_all(&format!("#legend input.filter[data-{group}]"))?;
        let mut on = Vec::new();
        for i in 0..boxes.length() {
            if let Some(input) = boxes
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                if input.checked() {
                    on.push(
                        input
                            .get_attribute(&format!("data-{group}"))
                            .unwrap_or_default(),
                    );
                }
            }
        }
        Ok((on, boxes.length()))
    };
    // All boxes checked is no filter at all. (Features without a
    // confidence pass any confidence filter: see `Selection::admits`.)
    let (confidences, all) = checked("confidence")?;
    let confidence = (confidences.len() as u32 != all)
        .then(|| confidences.iter().filter_map(|c| Grade::parse(c)).collect());
    let (who, all) = checked("who")?;
    let who = (who.len() as u32 != all)
        .then(|| who.iter().filter_map(|w| SourceType::parse(w)).collect());
    let (kinds, all) = checked("kind")?;
    let kinds =
        (kinds.len() as u32 != all).then(|| kinds.iter().filter_map(|k| Kind::parse(k)).collect());
    Ok(Selection {
        replay: Replay::parse(&replay.value()).unwrap_or_default(),
        confidence,
        who,
        kinds,
    })
}
