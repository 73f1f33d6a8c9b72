//! Timers that send the app an action: the play clock (every interval
//! until stopped) and a one-shot timer (once, after a delay, unless one is
//! already pending).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::scene::action::Action;
use crate::web::dispatch::Dispatch;

/// Sends an action every interval while running.
pub struct Clock {
    send: Closure<dyn FnMut()>,
    every_ms: i32,
    timer: Option<i32>,
}

impl Clock {
    /// A stopped clock that sends `action` through `dispatch` every
    /// `every_ms` milliseconds once started.
    pub fn new(dispatch: Dispatch, action: fn() -> Action, every_ms: i32) -> Clock {
        Clock {
            send: Closure::new(move || dispatch.send(action())),
            every_ms,
            timer: None,
        }
    }

    /// Whether it runs.
    pub fn running(&self) -> bool {
        self.timer.is_some()
    }

    /// Starts it (again).
    pub fn start(&mut self) -> Result<(), JsValue> {
        self.stop();
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        self.timer = Some(
            window.set_interval_with_callback_and_timeout_and_arguments_0(
                self.send.as_ref().unchecked_ref(),
                self.every_ms,
            )?,
        );
        Ok(())
    }

    /// Stops it.
    pub fn stop(&mut self) {
        if let (Some(id), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_interval_with_handle(id);
        }
    }
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
