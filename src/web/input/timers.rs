//! Timers that send the app an action: the play clock (again and again,
//! each after its own wait, until stopped) and a one-shot timer (once,
//! after a delay, unless one is already pending).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::scene::action::Action;
use crate::web::dispatch::Dispatch;

/// Sends an action again and again while running, each after its own
/// wait, kept to time: the wait counts from when the last was due, so the
/// time spent carrying an action out does not slow the clock.
pub struct Clock {
    send: Closure<dyn FnMut()>,
    timer: Option<i32>,
    /// When the next action is due (the page's clock, in milliseconds),
    /// while running.
    due: Option<f64>,
}

impl Clock {
    /// A stopped clock that sends `action` through `dispatch` once
    /// started.
    pub fn new(dispatch: Dispatch, action: fn() -> Action) -> Clock {
        Clock {
            send: Closure::new(move || dispatch.send(action())),
            timer: None,
            due: None,
        }
    }

    /// Whether it runs.
    pub fn running(&self) -> bool {
        self.due.is_some()
    }

    /// Starts it (again): the action is sent in `wait_ms`.
    pub fn start(&mut self, wait_ms: f64) -> Result<(), JsValue> {
        self.stop();
        let due = now()? + wait_ms;
        self.set(due)
    }

    /// Sends the action again `wait_ms` after the last was due (at once,
    /// when that is past). Does nothing when stopped.
    pub fn next(&mut self, wait_ms: f64) -> Result<(), JsValue> {
        let Some(last) = self.due else {
            return Ok(());
        };
        let due = (last + wait_ms).max(now()?);
        self.set(due)
    }

    /// Stops it.
    pub fn stop(&mut self) {
        self.due = None;
        if let (Some(id), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }

    /// Sends the action at `due`.
    fn set(&mut self, due: f64) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        if let Some(id) = self.timer.take() {
            window.clear_timeout_with_handle(id);
        }
        let wait = (due - now()?).max(0.0).round() as i32;
        self.timer = Some(
            window.set_timeout_with_callback_and_timeout_and_arguments_0(
                self.send.as_ref().unchecked_ref(),
                wait,
            )?,
        );
        self.due = Some(due);
        Ok(())
    }
}

/// The page's clock, in milliseconds.
fn now() -> Result<f64, JsValue> {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .ok_or_else(|| JsValue::from_str("no clock"))
}

/// Sends an action once, after a delay.
pub struct Later {
    send: Closure<dyn FnMut()>,
    after_ms: i32,
    pending: bool,
}

impl Later {
    /// Sends `action` through `dispatch` `after_ms` milliseconds after
    /// each [`Later::ask`].
    pub fn new(dispatch: Dispatch, action: fn() -> Action, after_ms: i32) -> Later {
        Later {
            send: Closure::new(move || dispatch.send(action())),
            after_ms,
            pending: false,
        }
    }

    /// Sets the timer, unless it is already set.
    pub fn ask(&mut self) -> Result<(), JsValue> {
        if self.pending {
            return Ok(());
        }
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        window.set_timeout_with_callback_and_timeout_and_arguments_0(
            self.send.as_ref().unchecked_ref(),
            self.after_ms,
        )?;
        self.pending = true;
        Ok(())
    }

    /// Notes that the action arrived: the next ask sets the timer again.
    pub fn arrived(&mut self) {
        self.pending = false;
    }
}
