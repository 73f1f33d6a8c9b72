//! Small data drawn as Leaflet layers (SVG): a layer per feature, made the
//! first time the feature is shown, added and removed as the scene
//! changes, drawn anew when its grade of the day changes; and the units
//! moving along the routes shown.

use leaflet::{LayerGroup, Map};
use wasm_bindgen::JsValue;

use crate::scene::Scene;
use crate::time::index::Change;
use crate::web::page::dom;
use crate::web::render::features::FeatureLayer;
use crate::web::render::labels;
use crate::web::render::movers::Movers;

/// The layers of the features and the units under way.
pub struct Layers {
    /// Layers by feature index, made the first time a feature is shown.
    layers: Vec<Option<FeatureLayer>>,
    group: LayerGroup,
    movers: Movers,
}

impl Layers {
    /// No layers yet; they are drawn on `map`.
    pub fn new(map: &Map) -> Layers {
        let group = LayerGroup::new();
        group.add_to(map);
        Layers {
            layers: Vec::new(),
            group,
            movers: Movers::new(map),
        }
    }

    /// Forgets every layer: the data is now `count` features.
    pub fn clear(&mut self, count: usize) {
        self.group.clear_layers();
        self.layers = (0..count).map(|_| None).collect();
        self.movers.clear();
    }

    /// The layer of feature `index`, when it is on the map.
    pub fn on_map(&self, index: usize) -> Option<&FeatureLayer> {
        self.layers
            .get(index)?
            .as_ref()
            .filter(|layer| self.group.has_layer(&layer.layer))
    }

    /// Removes the features that left and adds those that entered, nothing
    /// else. A feature that cannot be drawn is reported and skipped; the
    /// others still are.
    pub fn apply(&mut self, change: &Change, scene: &Scene) -> Result<(), JsValue> {
        let as_of = scene.as_of();
        for &i in &change.left {
            if let Some(Some(layer)) = self.layers.get(i) {
                self.group.remove_layer(&layer.layer);
            }
        }
        let mut failed = Vec::new();
        for &i in &change.entered {
            let (Some(slot), Some(feature)) =
                (self.layers.get_mut(i), scene.data().features.get(i))
            else {
                continue;
            };
            if slot.is_none() {
                let grade = scene.grade_of(i);
                match FeatureLayer::new(i, feature, grade, as_of) {
                    Ok(layer) => *slot = layer,
                    Err(error) => failed.push(format!(
                        "{}: {}",
                        feature.label(),
                        dom::describe_js_error(&error)
                    )),
                }
            }
            if let Some(layer) = slot {
                self.group.add_layer(&layer.layer);
                layer.on_added()?;
            }
        }
        if !change.is_empty() {
            labels::declutter()?;
        }
        if failed.is_empty() {
            Ok(())
        } else {
            Err(JsValue::from_str(&format!(
                "Some features could not be drawn:\n{}",
                failed.join("\n")
            )))
        }
    }

    /// Drops the layer of every feature on the map whose layer was drawn
    /// with another grade than the scene's of the day (a place whose grade
    /// rose after it was made public, in the "made public by then" mode),
    /// or whose popup was made for another mode; returns them, to be added
    /// anew.
    pub fn take_stale(&mut self, scene: &Scene) -> Vec<usize> {
        let stale: Vec<usize> = scene
            .shown()
            .iter()
            .filter(|&i| {
                let (Some(Some(layer)), Some(feature)) =
                    (self.layers.get(i), scene.data().features.get(i))
                else {
                    return false;
                };
                !feature.grades.is_empty()
                    && (layer.grade != scene.grade_of(i)
                        || layer.replayed != scene.as_of().is_some())
            })
            .collect();
        for &i in &stale {
            if let Some(slot) = self.layers.get_mut(i) {
                if let Some(layer) = slot.take() {
                    self.group.remove_layer(&layer.layer);
                }
            }
        }
        stale
    }

    /// Places the units under way at the scene's moment.
    pub fn show_units(&mut self, scene: &Scene) -> Result<(), JsValue> {
        self.movers
            .show(scene.units(), &scene.data().features, &self.layers)
    }
}
