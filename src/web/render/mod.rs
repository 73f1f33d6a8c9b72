//! The renderers: what the scene shows, drawn on the map, either as a
//! Leaflet layer per feature (SVG, small data) or on one canvas (large
//! data). Both answer to [`Renderer`]; [`Renderers::choose`] is the one
//! place that picks between them. Neither keeps its own copy of what is
//! shown: each is handed the [`Scene`] and draws what it answers.

pub mod canvas;
pub mod features;
pub mod labels;
pub mod layers;
pub mod moved;
pub mod movers;
pub mod positions;

use leaflet::Map;
use wasm_bindgen::JsValue;

use crate::scene::action::Action;
use crate::scene::Scene;
use crate::time::index::Change;
use crate::web::dispatch::Dispatch;

use canvas::Canvas;
use layers::Layers;
use moved::Moved;
use positions::Positions;

/// From this many marks on, the data is drawn on the canvas: a mark for
/// each feature, and one for each point of a MultiPoint (which the SVG
/// layers draw as a circle each).
pub const CANVAS_FROM: usize = 2_000;

/// How many marks the features make, counted up to `limit`.
fn marks(features: &[crate::model::MapFeature], limit: usize) -> usize {
    let mut count = 0;
    for feature in features {
        count += match &feature.geometry {
            Some(geo::Geometry::MultiPoint(points)) => points.0.len().max(1),
            Some(geo::Geometry::GeometryCollection(parts)) => parts.0.len().max(1),
            _ => 1,
        };
        if count >= limit {
            break;
        }
    }
    count
}

/// What a renderer did when asked to open a feature's popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// It opened the popup of the feature's own mark.
    Here,
    /// The feature is on the map, but has no mark of its own with a popup
    /// (drawn on the canvas, or without a place): the app opens one.
    Elsewhere,
    /// The feature is not on the map.
    NotShown,
}

/// Draws what the scene shows. Every method is handed the scene as it is
/// now; a renderer keeps only what drawing needs (layers, projected
/// shapes), never which features are shown.
pub trait Renderer {
    /// Lets go of everything drawn: the scene holds other data.
    fn reset(&mut self, scene: &Scene);
    /// Shows a change of the features on the map.
    fn apply(&mut self, change: &Change, scene: &Scene) -> Result<(), JsValue>;
    /// Draws anew each feature whose look changes with the day (its grade
    /// of the day, in the "made public by then" mode); returns those whose
    /// mark was replaced, so that a popup open on one opens again.
    fn regrade(&mut self, scene: &Scene) -> Result<Vec<usize>, JsValue>;
    /// Places the units under way at the scene's moment.
    fn show_units(&mut self, scene: &Scene) -> Result<(), JsValue>;
    /// Opens feature `index`'s popup on its mark, when it has one.
    fn open(&mut self, index: usize, scene: &Scene) -> Result<Opened, JsValue>;
    /// Draws a frame: after the map moved, or when the renderer asked for
    /// one ([`crate::scene::action::Action::Draw`]).
    fn draw(&mut self, scene: &Scene) -> Result<(), JsValue>;
    /// The feature drawn under the map's container point `(x, y)`, for
    /// renderers whose marks do not take clicks themselves.
    fn pick(&self, x: f64, y: f64, scene: &Scene) -> Option<usize>;
}

/// Both renderers, and which one draws the data; and the units where they
/// were last seen, drawn over either.
pub struct Renderers {
    layers: Layers,
    canvas: Canvas,
    on_canvas: bool,
    positions: Positions,
    moved: Moved,
}

impl Renderers {
    /// Both renderers on `map`, the canvas asking for its frames through
    /// `dispatch`.
    pub fn new(map: &Map, dispatch: &Dispatch) -> Result<Renderers, JsValue> {
        // The layers first: the canvas's pane goes over their lines.
        let layers = Layers::new(map);
        let canvas = Canvas::new(map, dispatch)?;
        Ok(Renderers {
            layers,
            canvas,
            on_canvas: false,
            positions: Positions::new(map, dispatch)?,
            moved: Moved::new(map),
        })
    }

    /// Chooses the renderer for the scene's data — the canvas from
    /// [`CANVAS_FROM`] marks on — and has the other let go of what it
    /// drew.
    pub fn choose(&mut self, scene: &Scene) {
        self.on_canvas = marks(&scene.data().features, CANVAS_FROM) >= CANVAS_FROM;
        self.positions.clear(scene);
        if self.on_canvas {
            self.layers.release();
            self.canvas.reset(scene);
        } else {
            self.canvas.release();
            self.layers.reset(scene);
        }
    }

    /// The renderer that draws the data.
    pub fn active(&mut self) -> &mut dyn Renderer {
        if self.on_canvas {
            &mut self.canvas
        } else {
            &mut self.layers
        }
    }

    /// The arrows of units that moved between two dates compared.
    pub fn moved(&self) -> &Moved {
        &self.moved
    }

    /// The units' markers.
    pub fn positions(&mut self) -> &mut Positions {
        &mut self.positions
    }

    /// Carries out what the renderers do alone: choosing a unit, showing
    /// every track, drawing anew; `None` for another action.
    pub fn act(&mut self, action: &Action, scene: &Scene) -> Option<Result<(), JsValue>> {
        Some(match action {
            Action::ChooseUnit(unit) => {
                let positions = scene.positions();
                self.positions.choose(*unit, &positions, scene).map(|_| ())
            }
            Action::AllTracks(all) => self.positions.show_all_tracks(*all, scene),
            Action::Draw => self
                .positions
                .draw(scene)
                .and_then(|()| self.active().draw(scene)),
            _ => return None,
        })
    }

    /// The renderer that draws the data, to ask.
    pub fn shown(&self) -> &dyn Renderer {
        if self.on_canvas {
            &self.canvas
        } else {
            &self.layers
        }
    }
}
