//! Following the story on the map: the one place the view is moved to
//! what a step brought (the decision is [`crate::space::framing::follow`]),
//! clear of the panels over the map, wherever they are.

use geo::{coord, Rect};
use leaflet::Map;
use wasm_bindgen::prelude::*;

use crate::space::framing::{self, Padding, Screen, View};
use crate::web::page::bindings::{lat_lng, object};
use crate::web::page::dom;

/// Room kept beside each panel, in CSS pixels.
const GAP_PX: f64 = 16.0;
/// How long the view takes to move, in seconds, when a person steps.
const MOVE_S: f64 = 0.6;
/// While playing, the view takes no longer than a tick, nor less than this.
const SHORTEST_MOVE_S: f64 = 0.2;

/// Moves `map`'s view, smoothly, so that `target` lies in the part of the
/// map no panel covers; does nothing when it lies there. While playing,
/// with ticks `tick_ms` apart, the move takes no longer than a tick.
pub fn follow(map: &Map, target: Rect<f64>, tick_ms: Option<f64>) -> Result<(), JsValue> {
    let seconds = tick_ms.map_or(MOVE_S, |ms| (ms / 1000.0).clamp(SHORTEST_MOVE_S, MOVE_S));
    let size = map.get_size();
    let center = map.get_center();
    let view = View {
        center: coord! { x: center.lng(), y: center.lat() },
        zoom: map.get_zoom(),
        width: size.x(),
        height: size.y(),
    };
    let Some(to) = framing::follow(&view, &padding()?, target) else {
        return Ok(());
    };
    let options = object(&[("animate", true.into()), ("duration", seconds.into())]);
    if to.pan {
        map.pan_to_with_options(&lat_lng(to.center), &options);
    } else {
        map.fly_to_with_zoom_and_options(&lat_lng(to.center), to.zoom, &options);
    }
    Ok(())
}

/// The room the page's panels take over the map, measured where they are
/// now: every element of the page beside the map itself that lies over
/// it (the legend, the chronology, the date controls, whatever else).
fn padding() -> Result<Padding, JsValue> {
    let document = dom::document()?;
    let map = dom::by_id::<web_sys::Element>("map")?;
    let panels = document.query_selector_all("body > *")?;
    let screen = |element: &web_sys::Element| {
        let r = element.get_bounding_client_rect();
        Screen {
            left: r.left(),
            top: r.top(),
            right: r.right(),
            bottom: r.bottom(),
        }
    };
    let mut over = Vec::new();
    for i in 0..panels.length() {
        let Some(panel) = panels
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let shown = screen(&panel);
        if panel.id() != "map" && shown.right > shown.left && shown.bottom > shown.top {
            over.push(shown);
        }
    }
    Ok(Padding::clear_of(screen(&map), &over, GAP_PX))
}
