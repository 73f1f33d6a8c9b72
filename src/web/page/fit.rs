//! Fitting the map's view to the data, clear of the panels over the map.

use js_sys::Array;
use leaflet::{LatLngBounds, Map};
use web_sys::DomRect;

use crate::model::{Dataset, Kind};
use crate::space::bounds::bounds;
use crate::web::page::bindings::{lat_lng, object};
use crate::web::page::dom;

/// Pixels between the data and a panel.
const MARGIN: f64 = 16.0;
/// The least share of the map's width and height the panels must leave
/// the data for it to go beside or below them (see [`padding`]).
const ROOM: f64 = 0.35;

/// Opens the map on the data's `view`, else on the movements (the routes),
/// else on everything, clear of the panels over the map as they are now:
/// the tools and the chronology at the left, the legend at the right, the
/// date controls at the foot.
pub fn to_story(map: &Map, data: &Dataset) {
    let routes = data
        .features
        .iter()
        .filter(|f| f.kind == Kind::Route)
        .filter_map(|f| f.geometry.as_ref());
    let all = data.features.iter().filter_map(|f| f.geometry.as_ref());
    let Some(rect) = data
        .view()
        .or_else(|| bounds(routes))
        .or_else(|| bounds(all))
    else {
        return;
    };
    let corners = Array::of2(&lat_lng(rect.min()).into(), &lat_lng(rect.max()).into());
    let [left, top, right, bottom] = padding();
    let top_left = Array::of2(&left.into(), &top.into());
    let bottom_right = Array::of2(&right.into(), &bottom.into());
    map.fit_bounds_with_options(
        &LatLngBounds::new_from_list(&corners),
        &object(&[
            ("paddingTopLeft", top_left.into()),
            ("paddingBottomRight", bottom_right.into()),
            ("maxZoom", 7.into()),
            // New data is shown at once, not after a flight across the map.
            ("animate", false.into()),
        ]),
    );
}

/// The padding, in pixels, that keeps the data clear of the panels:
/// left, top, right, bottom, each measured from the panels' boxes over
/// the map. The data goes between the panels at the sides where they
/// leave it room; else below the panels at the top (a phone, where they
/// are folded); else below the toolbar only, under the panels (a small
/// window with the panels open).
fn padding() -> [f64; 4] {
    let Some(map) = rect("map") else {
        return [MARGIN; 4];
    };
    let over = |id: &str| rect(id).filter(|r| r.width() > 0.0 && r.height() > 0.0);
    let reach = |ids: &[&str], from: &dyn Fn(&DomRect) -> f64| {
        ids.iter()
            .filter_map(|id| over(id))
            .map(|r| from(&r).max(0.0))
            .fold(0.0, f64::max)
    };
    let left = reach(&["toolbar", "chronology"], &|r| r.right() - map.left());
    let right = reach(&["legend"], &|r| map.right() - r.left());
    let below = |ids: &[&str]| reach(ids, &|r| r.bottom() - map.top());
    // The date controls float over the map's foot, or (on a narrow
    // screen) sit under it.
    let bottom = reach(&["timeline"], &|r| map.bottom() - r.top()) + MARGIN;
    let choices = [
        // Nothing lies at the top between the two sides.
        [left + MARGIN, MARGIN, right + MARGIN, bottom],
        [
            MARGIN,
            below(&["toolbar", "chronology", "legend"]) + MARGIN,
            MARGIN,
            bottom,
        ],
    ];
    let roomy = |[l, t, r, b]: &[f64; 4]| {
        map.width() - l - r >= map.width() * ROOM && map.height() - t - b >= map.height() * ROOM
    };
    choices.into_iter().find(roomy).unwrap_or([
        MARGIN,
        below(&["toolbar"]) + MARGIN,
        MARGIN,
        bottom,
    ])
}

/// The box of the element with `id`, on screen.
fn rect(id: &str) -> Option<DomRect> {
    dom::by_id::<web_sys::Element>(id)
        .ok()
        .map(|e| e.get_bounding_client_rect())
}
