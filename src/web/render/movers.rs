//! Units moving along their routes: while a route's time holds the moment
//! shown, a marker sits where the unit is, the part travelled is drawn
//! solid and the route itself faint.

use js_sys::Array;
use leaflet::{CircleMarker, Layer, LayerGroup, Map, PathOptions, Polyline};
use wasm_bindgen::{JsCast, JsValue};

use crate::draw::style::{size, stroke};
use crate::model::MapFeature;
use crate::space::journeys::Unit;
use crate::web::page::bindings;
use crate::web::page::bindings::lat_lng;
use crate::web::render::features::{FeatureLayer, POINT_PANE};

struct Mover {
    marker: CircleMarker,
    travelled: Polyline,
}

/// The movers on the map.
pub struct Movers {
    group: LayerGroup,
    /// By the index of the unit's feature, in its order.
    active: Vec<(usize, Mover)>,
}

impl Movers {
    /// No movers yet; they are drawn on `map`.
    pub fn new(map: &Map) -> Movers {
        let group = LayerGroup::new();
        group.add_to(map);
        Movers {
            group,
            active: Vec::new(),
        }
    }

    /// Forgets every mover (the data changed).
    pub fn clear(&mut self) {
        self.group.clear_layers();
        self.active.clear();
    }

    /// Draws `units`, the units under way (see [`crate::scene::Scene::units`]),
    /// and no other: a mover whose unit is not among them goes.
    pub fn show(
        &mut self,
        units: impl Iterator<Item = Unit>,
        features: &[MapFeature],
        layers: &[Option<FeatureLayer>],
    ) -> Result<(), JsValue> {
        let mut under_way = Vec::new();
        for unit in units {
            let i = unit.index;
            under_way.push(i);
            let points: Array = unit
                .travelled
                .0
                .iter()
                .map(|&c| JsValue::from(lat_lng(c)))
                .collect();
            match self.find(i) {
                Ok(at) => {
                    let mover = &self.active[at].1;
                    mover.marker.set_lat_lng(&lat_lng(unit.at));
                    mover.travelled.set_lat_lngs(&points);
                }
                Err(at) => {
                    let Some(feature) = features.get(i) else {
                        continue;
                    };
                    let mover = self.start(&unit, &points, feature)?;
                    if let Some(Some(layer)) = layers.get(i) {
                        layer.set_faint(true);
                    }
                    self.active.insert(at, (i, mover));
                }
            }
        }
        under_way.sort_unstable();
        let arrived: Vec<usize> = self
            .active
            .iter()
            .map(|&(i, _)| i)
            .filter(|i| under_way.binary_search(i).is_err())
            .collect();
        for i in arrived {
            self.stop(i, layers);
        }
        Ok(())
    }

    /// A mover for `unit` on the route of `feature`, at its place, with
    /// the part travelled (`points`), in the route's colour.
    fn start(&self, unit: &Unit, points: &Array, feature: &MapFeature) -> Result<Mover, JsValue> {
        let color = stroke(feature.grade).color;
        let line_style = PathOptions::new();
        line_style.set_color(color.to_owned());
        line_style.set_weight(size::MOVER_WEIGHT);
        line_style.set_interactive(false);
        let travelled = Polyline::new_with_options(points, &line_style.unchecked_into());
        let dot = PathOptions::new();
        dot.set_color("#ffffff".to_owned());
        dot.set_weight(size::MOVER_OUTLINE);
        dot.set_fill(true);
        dot.set_fill_color(color.to_owned());
        dot.set_fill_opacity(1.0);
        dot.set_pane(POINT_PANE.to_owned());
        dot.set_interactive(false);
        js_sys::Reflect::set(&dot, &"radius".into(), &size::MOVER_RADIUS.into())?;
        let marker = CircleMarker::new_with_options(&lat_lng(unit.at), &dot);
        self.group.add_layer(&travelled.clone().unchecked_into());
        self.group.add_layer(&marker.clone().unchecked_into());
        let id = feature
            .id
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        if let Some(element) = bindings::get_element(marker.unchecked_ref::<Layer>()) {
            element.set_attribute("data-mover-of", &id)?;
            element.set_attribute("class", "leaflet-mover")?;
        }
        Ok(Mover { marker, travelled })
    }

    /// Where the mover of feature `index` is among the active, or would go.
    fn find(&self, index: usize) -> Result<usize, usize> {
        self.active.binary_search_by_key(&index, |&(i, _)| i)
    }

    fn stop(&mut self, index: usize, layers: &[Option<FeatureLayer>]) {
        if let Ok(at) = self.find(index) {
            let (_, mover) = self.active.remove(at);
            self.group.remove_layer(mover.marker.unchecked_ref());
            self.group.remove_layer(mover.travelled.unchecked_ref());
            if let Some(Some(layer)) = layers.get(index) {
                layer.set_faint(false);
            }
        }
    }
}
