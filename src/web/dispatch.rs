//! The one way an input reaches the app: it sends an [`Action`]. Inputs
//! hold a [`Dispatch`], never the app itself.
//!
//! Actions are carried out one at a time. Leaflet reports what an action
//! does to the map as events while the action runs: a popup opened or
//! closed, the view moved. Those arrive here as actions too. They wait
//! until the running action ends, and are then carried out as *echoes*
//! ([`Sent::Echo`]): the app knows they repeat what it just did. Nothing
//! re-enters the app while it acts.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::scene::action::Action;

/// How an action reached the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// From a person, a timer or the address.
    Input,
    /// Sent while another action ran: the map's own report of what that
    /// action did.
    Echo,
}

struct Queue {
    carry_out: Box<dyn Fn(Action, Sent)>,
    busy: Cell<bool>,
    waiting: RefCell<VecDeque<Action>>,
}

/// Sends actions to the app.
#[derive(Clone)]
pub struct Dispatch(Rc<Queue>);

impl Dispatch {
    /// A dispatch that hands each action to `carry_out`, one at a time.
    pub fn new(carry_out: impl Fn(Action, Sent) + 'static) -> Dispatch {
        Dispatch(Rc::new(Queue {
            carry_out: Box::new(carry_out),
            busy: Cell::new(false),
            waiting: RefCell::new(VecDeque::new()),
        }))
    }

    /// Whether an action is being carried out: what the map reports now
    /// is that action's doing, not a person's.
    pub fn busy(&self) -> bool {
        self.0.busy.get()
    }

    /// Has the app carry out `action`, now or, while another action runs,
    /// as an echo once it ends.
    pub fn send(&self, action: Action) {
        let queue = &self.0;
        if queue.busy.get() {
            queue.waiting.borrow_mut().push_back(action);
            return;
        }
        queue.busy.set(true);
        (queue.carry_out)(action, Sent::Input);
        loop {
            let next = queue.waiting.borrow_mut().pop_front();
            match next {
                Some(echo) => (queue.carry_out)(echo, Sent::Echo),
                None => break,
            }
        }
        queue.busy.set(false);
    }
}
