//! Large data drawn on one canvas, from Rust: from [`BULK_FROM`] features
//! on, the map does not make a Leaflet layer per feature. Each feature is
//! projected once when the data is loaded; a step of the slider changes
//! the set of shown features by its changes only, and the next animation
//! frame draws the shown features in a few batched paths, one per style.
//! A click finds the feature under it and opens its popup.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use leaflet::{Map, Point};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::draw::projected::{Projected, ShownSet};
use crate::draw::raster::Pixmap;
use crate::model::statement::Grade;
use crate::model::MapFeature;
use crate::scene::action::Action;
use crate::space::journeys::Unit;
use crate::time::index::Change;
use crate::web::dispatch::Dispatch;
use crate::web::page::bindings;
use crate::web::page::dom;

mod looks;
mod paint;

use looks::{look, new_canvas, Pens, LOOKS};
use paint::View;

/// From this many features on, the data is drawn on the canvas.
pub const BULK_FROM: usize = 2_000;

/// The pane of the canvas: above the lines of small data (400), under
/// their points (450).
const PANE: &str = "bulk";

/// How far from a click (in screen pixels) a point, line or outline still
/// counts: a point's ring is drawn 7.75 pixels out.
const HIT_PIXELS: f64 = 8.0;

struct Inner {
    map: Map,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    active: bool,
    projected: Projected,
    looks: Vec<u8>,
    /// The features whose grade changes through time (`grades`).
    graded: Vec<u32>,
    shown: ShownSet,
    /// The units under way, as the scene placed them at the moment shown.
    units: Vec<Unit>,
    /// Scratch lists of shown features by style, kept between frames.
    buckets: Vec<Vec<u32>>,
    /// How each style is drawn at the device pixel ratio: made again only
    /// when the ratio changes.
    pens: Option<Pens>,
    /// The frame, drawn in Rust and put on the canvas in one call.
    pixmap: Pixmap,
    frame_requested: bool,
    on_frame: Option<Closure<dyn FnMut()>>,
}

/// The canvas layer; empty until given data. A clone is another handle
/// on the same canvas.
#[derive(Clone)]
pub struct Bulk(Rc<RefCell<Inner>>);

impl Bulk {
    /// Makes the canvas in its own pane of `map`, redrawn after every move
    /// and zoom.
    pub fn new(map: &Map) -> Result<Bulk, JsValue> {
        let pane = bindings::create_pane(map, PANE);
        pane.style().set_property("z-index", "420")?;
        // Clicks go to the map, which asks [`Bulk::hit`].
        pane.style().set_property("pointer-events", "none")?;
        let (canvas, context) = new_canvas()?;
        // Hidden while Leaflet animates a zoom; drawn anew when it ends.
        canvas.set_class_name("leaflet-zoom-hide bulk-canvas");
        canvas.set_attribute("aria-hidden", "true")?;
        dom::add(&pane, &canvas)?;
        let inner = Rc::new(RefCell::new(Inner {
            map: map.clone(),
            canvas,
            context,
            active: false,
            projected: Projected::default(),
            looks: Vec::new(),
            graded: Vec::new(),
            shown: ShownSet::default(),
            units: Vec::new(),
            buckets: vec![Vec::new(); LOOKS],
            pens: None,
            pixmap: Pixmap::default(),
            frame_requested: false,
            on_frame: None,
        }));
        let weak = Rc::downgrade(&inner);
        inner.borrow_mut().on_frame = Some(Closure::new(move || draw_now(&weak)));
        for event in ["moveend", "zoomend", "resize", "viewreset"] {
            let weak = Rc::downgrade(&inner);
            let redraw = Closure::<dyn FnMut()>::new(move || draw_now(&weak));
            map.on(event, redraw.as_ref());
            // The map and its canvas live as long as the page.
            redraw.forget();
        }
        Ok(Bulk(inner))
    }

    /// Whether the data is drawn here.
    pub fn active(&self) -> bool {
        self.0.borrow().active
    }

    /// Takes `features` to draw (or, with `None`, lets go of all data);
    /// nothing is shown until changes arrive.
    pub fn set_data(&self, features: Option<&[MapFeature]>) {
        let mut inner = self.0.borrow_mut();
        inner.active = features.is_some();
        let features = features.unwrap_or(&[]);
        inner.projected = Projected::of(features);
        inner.looks = features.iter().map(|f| look(f, f.grade)).collect();
        inner.graded = (0..features.len() as u32)
            .filter(|&i| !features[i as usize].grades.is_empty())
            .collect();
        inner.units.clear();
        inner.shown = ShownSet::new(features.len());
        drop(inner);
        request_frame(&self.0);
    }

    /// Applies a change of the features shown; drawn at the next frame.
    pub fn apply(&self, change: &Change) {
        self.0.borrow_mut().shown.apply(change);
        request_frame(&self.0);
    }

    /// Draws each feature whose grade changes through time with the grade
    /// `grade_of` gives it now (in the "made public by then" mode, the
    /// grade it had on the day).
    pub fn regrade(
        &self,
        features: &[MapFeature],
        grade_of: impl Fn(&MapFeature) -> Option<Grade>,
    ) {
        let mut inner = self.0.borrow_mut();
        let mut changed = false;
        for k in 0..inner.graded.len() {
            let i = inner.graded[k] as usize;
            let Some(feature) = features.get(i) else {
                continue;
            };
            let now = look(feature, grade_of(feature));
            if inner.looks.get(i) != Some(&now) {
                if let Some(slot) = inner.looks.get_mut(i) {
                    *slot = now;
                }
                changed = true;
            }
        }
        drop(inner);
        if changed {
            request_frame(&self.0);
        }
    }

    /// Draws `units`, the units under way, from the next frame on.
    pub fn set_units(&self, units: Vec<Unit>) {
        self.0.borrow_mut().units = units;
        request_frame(&self.0);
    }

    /// Whether feature `index` is drawn now.
    pub fn shows(&self, index: usize) -> bool {
        self.0.borrow().shown.contains(index)
    }

    /// The shown feature drawn under the container point `(x, y)`.
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        let inner = self.0.borrow();
        if !inner.active {
            return None;
        }
        let view = View::of(&inner.map);
        let at = [
            (x - view.offset[0]) / view.scale,
            (y - view.offset[1]) / view.scale,
        ];
        inner
            .projected
            .hit(inner.shown.iter(), at, HIT_PIXELS / view.scale)
    }
}

fn request_frame(inner: &Rc<RefCell<Inner>>) {
    let mut this = inner.borrow_mut();
    if this.frame_requested {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let requested = this
        .on_frame
        .as_ref()
        .map(|f| window.request_animation_frame(f.as_ref().unchecked_ref()));
    this.frame_requested = matches!(requested, Some(Ok(_)));
}

fn draw_now(inner: &Weak<RefCell<Inner>>) {
    let Some(inner) = inner.upgrade() else { return };
    let Ok(mut this) = inner.try_borrow_mut() else {
        return;
    };
    this.frame_requested = false;
    if let Err(error) = this.draw() {
        dom::show_alert(&format!(
            "The features could not be drawn: {}",
            dom::describe_js_error(&error)
        ));
    }
}

/// A click on `map` opens the popup of the canvas feature under it.
pub fn wire(map: &Map, bulk: &Bulk, dispatch: &Dispatch) {
    let (bulk, handle) = (bulk.clone(), dispatch.clone());
    let on_click = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let Ok(point) = js_sys::Reflect::get(&event, &"containerPoint".into()) else {
            return;
        };
        let point: Point = point.unchecked_into();
        if let Some(index) = bulk.hit(point.x(), point.y()) {
            handle.send(Action::Open(index));
        }
    });
    map.on("click", on_click.as_ref());
    on_click.forget();
}
