//! Small data drawn as Leaflet layers (SVG): a layer per feature, made the
//! first time the feature is shown, added and removed as the scene
//! changes, drawn anew when its grade of the day changes; and the units
//! moving along the routes shown.

use leaflet::{LayerGroup, Map};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::scene::Scene;
use crate::time::index::Change;
use crate::web::page::dom;
use crate::web::render::features::FeatureLayer;
use crate::web::render::labels;
use crate::web::render::movers::Movers;
use crate::web::render::{Opened, Renderer};

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

    /// Forgets every layer: the data is drawn elsewhere.
    pub fn release(&mut self) {
        self.group.clear_layers();
        self.layers = Vec::new();
        self.movers.clear();
    }

    /// The layer of feature `index`, when it is on the map.
    fn on_map(&self, index: usize) -> Option<&FeatureLayer> {
        self.layers
            .get(index)?
            .as_ref()
            .filter(|layer| self.group.has_layer(&layer.layer))
    }

    /// Drops the layer of every feature on the map whose layer was drawn
    /// with another grade than the scene's of the day (a place whose grade
    /// rose after it was made public, in the "made public by then" mode),
    /// or whose popup was made for another mode; returns them, to be added
    /// anew.
    fn take_stale(&mut self, scene: &Scene) -> Vec<usize> {
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
}

impl Renderer for Layers {
    /// Forgets every layer: the data is now the scene's.
    fn reset(&mut self, scene: &Scene) {
        self.release();
        self.layers = (0..scene.data().features.len()).map(|_| None).collect();
    }

    /// Removes the features that left and adds those that entered, nothing
    /// else. A feature that cannot be drawn is reported and skipped; the
    /// others still are.
    fn apply(&mut self, change: &Change, scene: &Scene) -> Result<(), JsValue> {
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
                let order = scene.data().date_order_of(i);
                match FeatureLayer::new(i, feature, grade, as_of, order) {
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

    fn regrade(&mut self, scene: &Scene) -> Result<Vec<usize>, JsValue> {
        let stale = self.take_stale(scene);
        if !stale.is_empty() {
            let change = Change {
                entered: stale.clone(),
                left: Vec::new(),
            };
            self.apply(&change, scene)?;
        }
        Ok(stale)
    }

    fn show_units(&mut self, scene: &Scene) -> Result<(), JsValue> {
        self.movers
            .show(scene.units(), &scene.data().features, &self.layers)
    }

    fn open(&mut self, index: usize, scene: &Scene) -> Result<Opened, JsValue> {
        let Some(layer) = self.on_map(index) else {
            let placeless = scene
                .data()
                .features
                .get(index)
                .is_some_and(|f| f.geometry.is_none());
            return Ok(if placeless && scene.shown().contains(index) {
                Opened::Elsewhere
            } else {
                Opened::NotShown
            });
        };
        // The view is kept: this time the popup does not pan the map
        // (Leaflet pans a frame later, so the option is restored only when
        // the popup closes).
        let popup = layer.layer.get_popup();
        let options = js_sys::Reflect::get(&popup, &"options".into())?;
        js_sys::Reflect::set(&options, &"autoPan".into(), &false.into())?;
        let restore = Closure::once_into_js(move || {
            let _ = js_sys::Reflect::set(&options, &"autoPan".into(), &true.into());
        });
        let once = js_sys::Reflect::get(&popup, &"once".into())?.dyn_into::<js_sys::Function>()?;
        once.call2(&popup, &"remove".into(), &restore)?;
        layer.layer.open_popup();
        Ok(Opened::Here)
    }

    /// Layers are drawn by Leaflet as they change: nothing to do.
    fn draw(&mut self, _scene: &Scene) -> Result<(), JsValue> {
        Ok(())
    }

    /// Layers take their own clicks.
    fn pick(&self, _x: f64, _y: f64, _scene: &Scene) -> Option<usize> {
        None
    }
}
