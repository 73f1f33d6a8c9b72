//! Fitting the map's view to the data, clear of the panels over the map.

use js_sys::Array;
use leaflet::{LatLngBounds, Map};

use crate::model::{Dataset, Kind};
use crate::space::bounds::bounds;
use crate::web::page::bindings::{lat_lng, object};
use crate::web::page::dom;

/// Opens the map on the data's `view`, else on the movements (the routes),
/// else on everything, clear of the legend and the date controls.
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
    let size = |id: &str| {
        dom::by_id::<web_sys::HtmlElement>(id)
            .map_or((0, 0), |e| (e.offset_width(), e.offset_height()))
    };
    let (legend_width, _) = size("legend");
    let (panel_width, _) = size("import-panel");
    let (chronology_width, _) = size("chronology");
    let panel_width = panel_width.max(chronology_width);
    let (_, timeline_height) = size("timeline");
    let (map_width, _) = size("map");
    // The date controls float over the map's foot, or (on a narrow
    // screen) sit under it.
    let stacked = dom::narrow();
    // On a narrow screen the panels sit small, in two rows at the top, and
    // the map gets the width.
    let wide = map_width > 2 * (legend_width + panel_width) + 200;
    let right = if wide { legend_width + 40 } else { 20 };
    let left = if wide { panel_width + 70 } else { 30 };
    let (top, bottom) = if stacked {
        (90, 30)
    } else {
        (30, timeline_height + 40)
    };
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
