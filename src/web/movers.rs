//! Units moving along their routes: while a route's time holds the moment
//! shown, a marker sits where the unit is, the part travelled is drawn
//! solid and the route itself faint.

use std::collections::{BTreeMap, BTreeSet};

use js_sys::Array;
use leaflet::{CircleMarker, Layer, LayerGroup, Map, PathOptions, Polyline};
use wasm_bindgen::{JsCast, JsValue};

use crate::journeys::Journeys;
use crate::model::MapFeature;
use crate::style::{size, stroke};
use crate::web::bindings;
use crate::web::features::{lat_lng, FeatureLayer, POINT_PANE};

struct Mover {
    marker: CircleMarker,
    travelled: Polyline,
}

/// The movers on the map, and the routes that could have one.
pub struct Movers {
    group: LayerGroup,
    /// Routes on the map (by feature index) that have a line and a span.
    routes: BTreeSet<usize>,
    active: BTreeMap<usize, Mover>,
}

impl Movers {
    /// No movers yet; they are drawn on `map`.
    pub fn new(map: &Map) -> Movers {
        let group = LayerGroup::new();
        group.add_to(map);
        Movers {
            group,
            routes: BTreeSet::new(),
            active: BTreeMap::new(),
        }
    }

    /// Forgets every route (the data changed).
    pub fn clear(&mut self) {
        self.group.clear_layers();
        self.routes.clear();
        self.active.clear();
    }

    /// Notes features added to and removed from the map.
    pub fn track_change(
        &mut self,
        entered: &[usize],
        left: &[usize],
        journeys: &Journeys,
        layers: &[Option<FeatureLayer>],
    ) {
        for &i in left {
            self.routes.remove(&i);
            self.stop(i, layers);
        }
        for &i in entered {
            if journeys.get(i).is_some() {
                self.routes.insert(i);
            }
        }
    }

    /// Places every mover for `moment` (seconds since 1970), where
    /// `journeys` says its unit is.
    pub fn show(
        &mut self,
        moment: i64,
        journeys: &Journeys,
        features: &[MapFeature],
        layers: &[Option<FeatureLayer>],
    ) -> Result<(), JsValue> {
        let routes: Vec<usize> = self.routes.iter().copied().collect();
        for i in routes {
            let Some(unit) = journeys.get(i).and_then(|j| j.unit_at(moment)) else {
                self.stop(i, layers);
                continue;
            };
            let points: Array = unit
                .travelled
                .0
                .iter()
                .map(|&c| JsValue::from(lat_lng(c)))
                .collect();
            match self.active.get(&i) {
                Some(mover) => {
                    mover.marker.set_lat_lng(&lat_lng(unit.at));
                    mover.travelled.set_lat_lngs(&points);
                }
                None => {
                    let color = stroke(features[i].grade).color;
                    let line_style = PathOptions::new();
                    line_style.set_color(color.to_owned());
                    line_style.set_weight(size::MOVER_WEIGHT);
                    line_style.set_interactive(false);
                    let travelled =
                        Polyline::new_with_options(&points, &line_style.unchecked_into());
                    let dot = PathOptions::new();
                    dot.set_color("#ffffff".to_owned());
                    dot.set_weight(size::MOVER_OUTLINE);
                    dot.set_fill(true);
                    dot.set_fill_color(color.to_owned());
                    dot.set_fill_opacity(1.0);
                    dot.set_pane(POINT_PANE.to_owned());
                    dot.set_interactive(false);
                    let _ =
                        js_sys::Reflect::set(&dot, &"radius".into(), &size::MOVER_RADIUS.into());
                    let marker = CircleMarker::new_with_options(&lat_lng(unit.at), &dot);
                    self.group.add_layer(&travelled.clone().unchecked_into());
                    self.group.add_layer(&marker.clone().unchecked_into());
                    let id = features[i]
                        .id
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    if let Some(element) = bindings::get_element(marker.unchecked_ref::<Layer>()) {
                        element.set_attribute("data-mover-of", &id)?;
                        element.set_attribute("class", "leaflet-mover")?;
                    }
                    if let Some(Some(layer)) = layers.get(i) {
                        layer.set_faint(true);
                    }
                    self.active.insert(i, Mover { marker, travelled });
                }
            }
        }
        Ok(())
    }

    fn stop(&mut self, index: usize, layers: &[Option<FeatureLayer>]) {
        if let Some(mover) = self.active.remove(&index) {
            self.group.remove_layer(mover.marker.unchecked_ref());
            self.group.remove_layer(mover.travelled.unchecked_ref());
            if let Some(Some(layer)) = layers.get(index) {
                layer.set_faint(false);
            }
        }
    }
}
