//! The one way an input reaches the app: it sends an [`Action`]. Inputs
//! hold a [`Dispatch`], never the app itself.

use std::rc::Rc;

use crate::action::Action;

/// Sends actions to the app.
#[derive(Clone)]
pub struct Dispatch(Rc<dyn Fn(Action)>);

impl Dispatch {
    /// A dispatch that hands each action to `carry_out`.
    pub fn new(carry_out: impl Fn(Action) + 'static) -> Dispatch {
        Dispatch(Rc::new(carry_out))
    }

    /// Has the app carry out `action`.
    pub fn send(&self, action: Action) {
        (self.0)(action)
    }
}
