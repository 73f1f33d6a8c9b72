//! Large data drawn on one canvas, from Rust: from
//! [`crate::web::render::CANVAS_FROM`] features on, the map does not make a
//! Leaflet layer per feature. Each feature is projected once when the data
//! is loaded; a step of the scene is drawn at once, in the step's own
//! task, so that the next frame shows it (a move or zoom of the map is
//! drawn as it ends), style by style.
//! A click asks which feature is under it, and its popup opens.

use std::cell::Cell;
use std::rc::Rc;

use leaflet::{Map, Point};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::draw::projected::Projected;
use crate::draw::raster::Pixmap;
use crate::scene::action::Action;
use crate::scene::Scene;
use crate::time::index::Change;
use crate::web::dispatch::Dispatch;
use crate::web::page::{bindings, dom};
use crate::web::render::{Opened, Renderer};

mod looks;
mod paint;
mod points;

pub(in crate::web) use looks::{canvas_element, context_2d, new_canvas, Hidden};
use looks::{look, Pens, LOOKS};
pub(in crate::web) use paint::{fit_canvas, View};
use points::Points;

/// The pane of the canvas: above the lines of small data (400), under
/// their points (450).
const PANE: &str = "bulk";

/// How far from a click (in screen pixels) a point, line or outline still
/// counts: a point's ring is drawn 7.75 pixels out.
const HIT_PIXELS: f64 = 8.0;

/// The canvas layer; empty until given data.
pub struct Canvas {
    map: Map,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// Each feature's shapes, projected once.
    projected: Projected,
    /// Each feature's style (see [`looks`]), as drawn now.
    looks: Vec<u8>,
    /// The passes that draw each feature (see [`paint::passes`]).
    passes: Vec<u8>,
    /// The features whose grade changes through time (`grades`).
    graded: Vec<u32>,
    /// Scratch lists of shown features by style, kept between frames.
    buckets: Vec<Vec<u32>>,
    /// How each style is drawn at the device pixel ratio: made again only
    /// when the ratio changes.
    pens: Option<Pens>,
    /// The frame, drawn in Rust and put on the canvas in one call.
    pixmap: Pixmap,
    /// Scratch: the points of a frame, and what of each shows.
    points: Points,
    /// Whether the scene changed what this canvas shows since it was
    /// last drawn.
    stale: bool,
    /// Whether the last frame drew units under way.
    drew_units: bool,
    /// Whether the canvas is hidden, having nothing drawn.
    hidden: Hidden,
    /// Whether a frame has been asked for and not drawn yet.
    frame_requested: Rc<Cell<bool>>,
    /// Sends [`Action::Draw`] at the next animation frame.
    on_frame: Closure<dyn FnMut()>,
}

impl Canvas {
    /// Makes the canvas in its own pane of `map`. After every move and
    /// zoom, and at the frame after a change, it asks (through `dispatch`)
    /// to be drawn; a click asks which feature is under it.
    pub fn new(map: &Map, dispatch: &Dispatch) -> Result<Canvas, JsValue> {
        let pane = bindings::create_pane(map, PANE);
        pane.style().set_property("z-index", "420")?;
        // Clicks go to the map, which sends them as [`Action::Pick`].
        pane.style().set_property("pointer-events", "none")?;
        let (canvas, context) = new_canvas()?;
        // Hidden while Leaflet animates a zoom; drawn anew when it ends.
        canvas.set_class_name("leaflet-zoom-hide bulk-canvas");
        canvas.set_attribute("aria-hidden", "true")?;
        dom::add(&pane, &canvas)?;
        let frame_requested = Rc::new(Cell::new(false));
        let on_frame = {
            let (requested, dispatch) = (frame_requested.clone(), dispatch.clone());
            Closure::new(move || {
                requested.set(false);
                dispatch.send(Action::Draw);
            })
        };
        wire(map, dispatch);
        Ok(Canvas {
            map: map.clone(),
            canvas,
            context,
            projected: Projected::default(),
            looks: Vec::new(),
            passes: Vec::new(),
            graded: Vec::new(),
            buckets: vec![Vec::new(); 3 * LOOKS],
            pens: None,
            pixmap: Pixmap::default(),
            points: Points::default(),
            stale: false,
            drew_units: false,
            hidden: Hidden::default(),
            frame_requested,
            on_frame,
        })
    }

    /// Lets go of all data, and clears what was drawn.
    pub fn release(&mut self) {
        self.projected = Projected::default();
        self.looks = Vec::new();
        self.passes = Vec::new();
        self.graded = Vec::new();
        if let Err(error) = self.frame(None) {
            report(&error);
        }
    }

    /// Asks for a frame, once until it is drawn.
    fn request_frame(&self) {
        if self.frame_requested.get() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let requested = window.request_animation_frame(self.on_frame.as_ref().unchecked_ref());
        self.frame_requested.set(requested.is_ok());
    }
}

impl Renderer for Canvas {
    /// Projects the scene's features and notes each one's style; nothing
    /// is drawn until the scene shows some.
    fn reset(&mut self, scene: &Scene) {
        let features = &scene.data().features;
        // The old data's shapes go before the new are projected.
        self.projected = Projected::default();
        self.projected = Projected::of(features);
        self.looks = features.iter().map(|f| look(f, f.grade)).collect();
        self.passes = paint::passes(&self.projected, features.len());
        self.graded = (0..features.len() as u32)
            .filter(|&i| !features[i as usize].grades.is_empty())
            .collect();
        self.request_frame();
    }

    /// Notes the change; it is drawn with the units, in the same task
    /// (see [`Renderer::show_units`]).
    fn apply(&mut self, change: &Change, _scene: &Scene) -> Result<(), JsValue> {
        self.stale |= !change.is_empty();
        Ok(())
    }

    /// Restyles each feature whose grade changes through time with its
    /// grade of the day; the canvas has no popups to open again.
    fn regrade(&mut self, scene: &Scene) -> Result<Vec<usize>, JsValue> {
        let mut changed = false;
        for &i in &self.graded {
            let i = i as usize;
            let Some(feature) = scene.data().features.get(i) else {
                continue;
            };
            let now = look(feature, scene.grade_of(i));
            if let Some(slot) = self.looks.get_mut(i).filter(|l| **l != now) {
                *slot = now;
                changed = true;
            }
        }
        self.stale |= changed;
        Ok(Vec::new())
    }

    /// Draws the step now, features and units under way, when anything
    /// on the canvas changed: the frame that follows the step shows it.
    /// (Waiting for an animation frame to draw would put the drawing's
    /// time after that frame's wait, and the step would show a frame
    /// later.)
    fn show_units(&mut self, scene: &Scene) -> Result<(), JsValue> {
        // Units are looked for only when nothing else calls for a frame
        // (the frame finds them again).
        let wanted = self.stale || self.drew_units || scene.units().next().is_some();
        if !wanted || self.frame_requested.get() {
            return Ok(());
        }
        self.stale = false;
        self.frame(Some(scene))
    }

    fn open(&mut self, index: usize, scene: &Scene) -> Result<Opened, JsValue> {
        Ok(if scene.shown().contains(index) {
            Opened::Elsewhere
        } else {
            Opened::NotShown
        })
    }

    /// Draws now, unless a frame is on its way: it will draw the scene as
    /// it is then, once.
    fn draw(&mut self, scene: &Scene) -> Result<(), JsValue> {
        if self.frame_requested.get() {
            return Ok(());
        }
        self.stale = false;
        self.frame(Some(scene))
    }

    fn pick(&self, x: f64, y: f64, scene: &Scene) -> Option<usize> {
        let view = View::of(&self.map);
        let at = [
            (x - view.offset[0]) / view.scale,
            (y - view.offset[1]) / view.scale,
        ];
        self.projected
            .hit(scene.shown().iter(), at, HIT_PIXELS / view.scale)
    }
}

fn report(error: &JsValue) {
    dom::show_alert(&format!(
        "The features could not be drawn: {}",
        dom::describe_js_error(error)
    ));
}

/// A move or zoom of `map` has the canvas drawn anew; a click on it asks
/// which feature is under it. Leaflet ends every move and zoom, and a
/// resize that changes the view, with `moveend`: drawing on `zoomend` and
/// `viewreset` as well drew a zoom twice.
fn wire(map: &Map, dispatch: &Dispatch) {
    for event in ["moveend", "resize"] {
        let dispatch = dispatch.clone();
        let redraw = Closure::<dyn FnMut()>::new(move || dispatch.send(Action::Draw));
        map.on(event, redraw.as_ref());
        // The map and its canvas live as long as the page.
        redraw.forget();
    }
    let dispatch = dispatch.clone();
    let on_click = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let Ok(point) = js_sys::Reflect::get(&event, &"containerPoint".into()) else {
            return;
        };
        let point: Point = point.unchecked_into();
        dispatch.send(Action::Pick {
            x: point.x(),
            y: point.y(),
        });
    });
    map.on("click", on_click.as_ref());
    on_click.forget();
}
