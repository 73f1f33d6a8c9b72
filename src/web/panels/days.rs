//! The panels that follow the day shown: the strip of events per step of
//! the slider (a day, or a step of the clock) with the step marked, the chronology up to the day (at most every
//! [`LIST_EVERY_MS`] while the slider moves, and once more when it
//! rests), and the date and count under the slider.

use wasm_bindgen::JsValue;

use crate::scene::action::Action;
use crate::scene::chronology::Listing;
use crate::scene::status;
use crate::scene::Scene;
use crate::space::sightings::Position;
use crate::web::dispatch::Dispatch;
use crate::web::input::controls::Controls;
use crate::web::input::timers::Later;
use crate::web::panels::chronology::Panel;
use crate::web::panels::histogram;

/// While the slider moves, the chronology is listed at most this often.
pub const LIST_EVERY_MS: f64 = 200.0;

/// The strip, the chronology and the count.
pub struct Days {
    /// The slot the chronology lists (a day's number, or a step of the
    /// clock), once listed; `None` after the data or the selection changed.
    listed: Option<i32>,
    /// The events the chronology and the strip draw from.
    listing: Listing,
    /// The chronology's entries on the page.
    panel: Panel,
    /// When the chronology was last listed (milliseconds, page clock).
    listed_at: f64,
    /// Lists the chronology once the slider has rested.
    relist: Later,
    controls: Controls,
}

impl Days {
    /// The panels, with `controls`; `dispatch` receives the action that
    /// lists the chronology once the slider has rested.
    pub fn new(controls: Controls, dispatch: Dispatch) -> Days {
        Days {
            listed: None,
            listing: Listing::default(),
            panel: Panel::default(),
            listed_at: f64::NEG_INFINITY,
            relist: Later::new(dispatch, || Action::Relist, LIST_EVERY_MS as i32),
            controls,
        }
    }

    /// The controls under the map.
    pub fn controls(&self) -> &Controls {
        &self.controls
    }

    /// Lists the events anew at the next [`Days::show`]: the data or the
    /// selection changed.
    pub fn reset(&mut self) {
        self.listed = None;
    }

    /// Notes that the rested slider's relisting arrived.
    pub fn relisted(&mut self) {
        self.relist.arrived();
    }

    /// Shows the scene's day: the strip, the chronology up to the day (with
    /// the chosen feature marked), the date and the count.
    pub fn show(&mut self, scene: &Scene, positions: &[Position]) -> Result<(), JsValue> {
        let (steps, selected) = (scene.steps(), scene.selected());
        let slot = steps.slot(scene.moment());
        // The events are listed anew only when the data or the selection
        // changed; a new day only looks them up.
        if self.listed.is_none() {
            self.listing = Listing::of_steps(
                &scene.data().features,
                scene.selection(),
                scene.units_seen(),
                steps,
            );
            self.panel.reset()?;
            // One bar per step: the slots of the first and the last.
            let slot = |step| steps.slot(steps.moment(step));
            histogram::draw(&self.listing.per_slot(slot(0), slot(steps.last())))?;
            histogram::window(selected.and_then(|i| scene.window_steps(i)))?;
            // Nothing listed yet, and at once.
            self.listed = Some(i32::MIN);
            self.listed_at = f64::NEG_INFINITY;
        }
        histogram::mark(scene.step())?;
        if self.listed != Some(slot) {
            // While the slider moves fast, the panel follows at most every
            // LIST_EVERY_MS, and once more when it stops: the map and the
            // count keep up with every step.
            let now = now_ms();
            if now - self.listed_at >= LIST_EVERY_MS {
                // A day with many new events is listed over several
                // listings, newest first.
                if self.panel.render(scene, &self.listing, slot, selected)? {
                    self.listed = Some(slot);
                } else {
                    self.listed = Some(i32::MIN);
                    self.relist.ask()?;
                }
                self.listed_at = now;
            } else {
                self.relist.ask()?;
            }
        }
        if scene.dated() {
            self.controls
                .show_at(scene.step(), &scene.when(), scene.count())?;
        } else {
            self.controls.show_undated(scene.count())?;
        }
        self.controls
            .show_units(status::units(scene, positions).as_deref())
    }
}

/// The page's clock, in milliseconds.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
