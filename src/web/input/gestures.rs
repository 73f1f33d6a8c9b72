//! Whether a person is moving the map: dragging it (and while it glides
//! on after the drag) or zooming it. Following the story waits for them:
//! the view is theirs while they move it.

use std::cell::Cell;
use std::rc::Rc;

use leaflet::Map;
use wasm_bindgen::prelude::*;

use crate::web::dispatch::Dispatch;

#[derive(Default)]
struct Moving {
    /// Between Leaflet's `dragstart` and `dragend`.
    held: Cell<bool>,
    /// After `dragend`, until the map stops (`moveend`): it glides on.
    gliding: Cell<bool>,
    /// Between a `zoomstart` no action of the app caused and `zoomend`.
    zooming: Cell<bool>,
}

/// What a person is doing to the map, as Leaflet reports it.
#[derive(Clone, Default)]
pub struct Gestures(Rc<Moving>);

impl Gestures {
    /// Listens to `map`. A zoom that starts while `dispatch` carries out
    /// an action is the app's own (a link's view, following the story),
    /// not a person's.
    pub fn wire(map: &Map, dispatch: &Dispatch) -> Gestures {
        let gestures = Gestures::default();
        let on = |event: &str, f: Box<dyn Fn(&Moving)>| {
            let moving = Rc::clone(&gestures.0);
            let closure = Closure::<dyn FnMut()>::new(move || f(&moving));
            map.on(event, closure.as_ref());
            // The map lives as long as the page.
            closure.forget();
        };
        on(
            "dragstart",
            Box::new(|m| {
                m.held.set(true);
                m.gliding.set(false);
            }),
        );
        on(
            "dragend",
            Box::new(|m| {
                m.held.set(false);
                m.gliding.set(true);
            }),
        );
        on("moveend", Box::new(|m| m.gliding.set(false)));
        let dispatch = dispatch.clone();
        on(
            "zoomstart",
            Box::new(move |m| {
                if !dispatch.busy() {
                    m.zooming.set(true);
                }
            }),
        );
        on("zoomend", Box::new(|m| m.zooming.set(false)));
        gestures
    }

    /// Whether a person is dragging or zooming the map now.
    pub fn under_way(&self) -> bool {
        let moving = &self.0;
        moving.held.get() || moving.gliding.get() || moving.zooming.get()
    }
}
