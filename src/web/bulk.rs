//! Large data drawn on one canvas, from Rust: from [`BULK_FROM`] features
//! on, the map does not make a Leaflet layer per feature. Each feature is
//! projected once when the data is loaded; a step of the slider changes
//! the set of shown features by its changes only, and the next animation
//! frame draws the shown features in a few batched paths, one per style.
//! A click finds the feature under it and opens its popup.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use leaflet::{LatLng, Map, Point};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::action::Action;
use crate::bulk::{mercator, Projected, Shape, ShownSet};
use crate::index::Change;
use crate::journeys::Journeys;
use crate::model::{Kind, MapFeature, Precision};
use crate::raster::{hex, Brush, Pixmap, Stamp};
use crate::statement::Grade;
use crate::style::{hollow, place_mark, size, stroke};
use crate::web::bindings;
use crate::web::dispatch::Dispatch;
use crate::web::dom;

/// From this many features on, the data is drawn on the canvas.
pub const BULK_FROM: usize = 2_000;

/// The pane of the canvas: above the lines of small data (400), under
/// their points (450).
const PANE: &str = "bulk";

/// How far from a click (in screen pixels) a point, line or outline still
/// counts: a point's ring is drawn 7.75 pixels out.
const HIT_PIXELS: f64 = 8.0;

/// The kinds as drawn: a place for each way its precision looks (see
/// [`place_mark`]), a route, an event.
const MARKS: [(Kind, Option<Precision>); 6] = [
    (Kind::Place, None),
    (Kind::Place, Some(Precision::Exact)),
    (Kind::Place, Some(Precision::Approximate)),
    (Kind::Place, Some(Precision::Area)),
    (Kind::Route, None),
    (Kind::Event, None),
];
/// Styles: every mark with every grade, and with none.
const LOOKS: usize = MARKS.len() * (Grade::ALL.len() + 1);

fn look(feature: &MapFeature, grade: Option<Grade>) -> u8 {
    let mark = MARKS
        .iter()
        .position(|&(kind, precision)| {
            kind == feature.kind
                && (kind != Kind::Place || place_mark(precision) == place_mark(feature.precision))
        })
        .unwrap_or(MARKS.len() - 1);
    let grade = grade
        .and_then(|c| Grade::ALL.iter().position(|&a| a == c))
        .map_or(0, |p| p + 1);
    (mark * (Grade::ALL.len() + 1) + grade) as u8
}

/// The kind, the precision (places only) and the grade of a style.
fn unlook(look: usize) -> (Kind, Option<Precision>, Option<Grade>) {
    let per_mark = Grade::ALL.len() + 1;
    let (kind, precision) = MARKS[(look / per_mark).min(MARKS.len() - 1)];
    let confidence = (look % per_mark)
        .checked_sub(1)
        .and_then(|i| Grade::ALL.get(i).copied());
    (kind, precision, confidence)
}

struct Inner {
    map: Map,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    active: bool,
    projected: Projected,
    looks: Vec<u8>,
    /// The features whose grade changes through time (`grades`).
    graded: Vec<u32>,
    /// The routes units move along (the app's own table).
    journeys: Rc<Journeys>,
    shown: ShownSet,
    moment: i64,
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
            journeys: Rc::new(Journeys::default()),
            shown: ShownSet::default(),
            moment: 0,
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

    /// Takes `features` to draw, whose units move as `journeys` says (or,
    /// with `None`, lets go of all data); nothing is shown until changes
    /// arrive.
    pub fn set_data(&self, features: Option<&[MapFeature]>, journeys: Rc<Journeys>) {
        let mut inner = self.0.borrow_mut();
        inner.active = features.is_some();
        let features = features.unwrap_or(&[]);
        inner.projected = Projected::of(features);
        inner.looks = features.iter().map(|f| look(f, f.grade)).collect();
        inner.graded = (0..features.len() as u32)
            .filter(|&i| !features[i as usize].grades.is_empty())
            .collect();
        inner.journeys = journeys;
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

    /// Sets the moment (seconds since 1970) for units under way.
    pub fn set_moment(&self, moment: i64) {
        self.0.borrow_mut().moment = moment;
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

/// Where world pixels (zoom 0) land on the screen: `world * scale + offset`
/// gives the map container's pixel.
struct View {
    scale: f64,
    offset: [f64; 2],
}

impl View {
    fn of(map: &Map) -> View {
        let scale = 2f64.powf(map.get_zoom());
        let origin = map.lat_lng_to_container_point(&LatLng::new(0.0, 0.0));
        View {
            scale,
            offset: [origin.x() - 128.0 * scale, origin.y() - 128.0 * scale],
        }
    }

    fn at(&self, world: [f64; 2]) -> (f64, f64) {
        (
            world[0] * self.scale + self.offset[0],
            world[1] * self.scale + self.offset[1],
        )
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Pass {
    Areas,
    Lines,
    Points,
}

impl Inner {
    fn draw(&mut self) -> Result<(), JsValue> {
        let map_size = self.map.get_size();
        let (width, height) = (map_size.x(), map_size.y());
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let (pixels_x, pixels_y) = ((width * ratio) as u32, (height * ratio) as u32);
        let canvas = &self.canvas;
        if canvas.width() != pixels_x || canvas.height() != pixels_y {
            canvas.set_width(pixels_x);
            canvas.set_height(pixels_y);
            let style = canvas.style();
            style.set_property("width", &format!("{width}px"))?;
            style.set_property("height", &format!("{height}px"))?;
        }
        if self.pixmap.width() != pixels_x as usize || self.pixmap.height() != pixels_y as usize {
            self.pixmap.resize(pixels_x as usize, pixels_y as usize);
        }
        // The canvas covers the map container: its top left corner sits at
        // the container's (0, 0), wherever the panes were dragged to.
        let corner = bindings::container_point_to_layer_point(&self.map, &Point::new(0.0, 0.0));
        canvas.style().set_property(
            "transform",
            &format!("translate3d({}px, {}px, 0)", corner.x(), corner.y()),
        )?;
        let before = self.pixmap.drawn();
        self.pixmap.clear();
        if self.active {
            self.paint(ratio);
        }
        // Only what was drawn last time or this time is put back.
        let after = self.pixmap.drawn();
        let Some((x, y, w, h)) = union(before, after) else {
            return Ok(());
        };
        let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            wasm_bindgen::Clamped(self.pixmap.data()),
            pixels_x,
            pixels_y,
        )?;
        self.context
            .put_image_data_with_dirty_x_and_dirty_y_and_dirty_width_and_dirty_height(
                &image, 0.0, 0.0, x as f64, y as f64, w as f64, h as f64,
            )
    }

    /// Draws the shown features into the pixmap: areas, then lines, then
    /// points, then units under way; within each, style by style.
    fn paint(&mut self, ratio: f64) {
        let view = View::of(&self.map);
        let at = |c: [f64; 2]| {
            let (x, y) = view.at(c);
            [x * ratio, y * ratio]
        };
        let pens = match self.pens.take() {
            Some(pens) if pens.ratio == ratio => pens,
            _ => Pens::at(ratio),
        };
        for bucket in &mut self.buckets {
            bucket.clear();
        }
        for i in self.shown.iter() {
            if let Some(&look) = self.looks.get(i) {
                self.buckets[look as usize].push(i as u32);
            }
        }
        let (w, h) = (self.pixmap.width() as f64, self.pixmap.height() as f64);
        let mut points: Vec<[f64; 2]> = Vec::new();
        let mut rings: Vec<Vec<[f64; 2]>> = Vec::new();
        for pass in [Pass::Areas, Pass::Lines, Pass::Points] {
            for (look, bucket) in self.buckets.iter().enumerate() {
                let kind = unlook(look).0;
                let ([r, g, b], dash, stamp) = &pens.looks[look];
                let (r, g, b) = (*r, *g, *b);
                for &i in bucket {
                    let parts = self.projected.parts(i as usize);
                    for (n, part) in parts.iter().enumerate() {
                        let coords = self.projected.coords(part);
                        match (pass, part.shape) {
                            (Pass::Points, Shape::Point) => {
                                let [x, y] = at(coords[0]);
                                let half = stamp.size as f64 / 2.0;
                                if x < -half || y < -half || x > w + half || y > h + half {
                                    continue;
                                }
                                self.pixmap.stamp(
                                    stamp,
                                    (x - half).round() as i32,
                                    (y - half).round() as i32,
                                );
                            }
                            (Pass::Lines, Shape::Line) => {
                                points.clear();
                                points.extend(coords.iter().map(|&c| at(c)));
                                self.pixmap
                                    .stroke_with(&points, &pens.line, dash, [r, g, b, 255]);
                                if kind == Kind::Route && points.len() > 1 {
                                    let arrow = arrowhead(
                                        points[points.len() - 2],
                                        points[points.len() - 1],
                                        ratio,
                                    );
                                    self.pixmap.fill(&[&arrow], [r, g, b, 255]);
                                }
                            }
                            (Pass::Areas, Shape::Outer) => {
                                // The outer ring with the holes after it.
                                rings.clear();
                                rings.push(coords.iter().map(|&c| at(c)).collect());
                                for hole in
                                    parts[n + 1..].iter().take_while(|p| p.shape == Shape::Hole)
                                {
                                    rings.push(
                                        self.projected
                                            .coords(hole)
                                            .iter()
                                            .map(|&c| at(c))
                                            .collect(),
                                    );
                                }
                                let refs: Vec<&[[f64; 2]]> =
                                    rings.iter().map(Vec::as_slice).collect();
                                let fill = (size::AREA_FILL_OPACITY * 255.0).round() as u8;
                                self.pixmap.fill(&refs, [r, g, b, fill]);
                                for ring in &rings {
                                    self.pixmap.stroke_with(
                                        ring,
                                        &pens.outline,
                                        dash,
                                        [r, g, b, 255],
                                    );
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        self.pens = Some(pens);
        self.paint_movers(&at, ratio);
    }

    /// Units under way: the travelled part of their route, and a dot where
    /// they are.
    fn paint_movers(&mut self, at: &impl Fn([f64; 2]) -> [f64; 2], ratio: f64) {
        let journeys = Rc::clone(&self.journeys);
        for journey in journeys.iter().filter(|j| self.shown.contains(j.index)) {
            let Some(unit) = journey.unit_at(self.moment) else {
                continue;
            };
            let i = journey.index;
            let [r, g, b] = hex(stroke(unlook(self.looks[i] as usize).2).color);
            let line: Vec<[f64; 2]> = unit.travelled.0.iter().map(|&c| at(mercator(c))).collect();
            self.pixmap
                .stroke(&line, size::MOVER_WEIGHT * ratio, &[], [r, g, b, 255]);
            // A dot of the route's colour in a white outline, as a round
            // pen's width: the outline's outer edge, then its inner one.
            let dot = [at(mercator(unit.at))];
            let (outer, inner) = (
                size::MOVER_RADIUS + size::MOVER_OUTLINE / 2.0,
                size::MOVER_RADIUS - size::MOVER_OUTLINE / 2.0,
            );
            self.pixmap
                .stroke(&dot, 2.0 * outer * ratio, &[], [255, 255, 255, 255]);
            self.pixmap
                .stroke(&dot, 2.0 * inner * ratio, &[], [r, g, b, 255]);
        }
    }
}

/// How each style is drawn at one device pixel ratio.
struct Pens {
    ratio: f64,
    /// Per style: its colour, its dash in device pixels, and its point,
    /// drawn once by a canvas, then copied.
    looks: Vec<([u8; 3], Vec<f64>, Stamp)>,
    line: Brush,
    outline: Brush,
}

impl Pens {
    fn at(ratio: f64) -> Pens {
        let looks = (0..LOOKS)
            .map(|look| {
                let style = stroke(unlook(look).2);
                let dash = style.dash_lengths().iter().map(|d| d * ratio).collect();
                let sprite = sprite(look, ratio).unwrap_or_default();
                (hex(style.color), dash, sprite)
            })
            .collect();
        Pens {
            ratio,
            looks,
            line: Brush::round(size::ROUTE_WEIGHT * ratio),
            outline: Brush::round(size::AREA_WEIGHT * ratio),
        }
    }
}

/// The rectangle holding both (x, y, width, height), if either is.
fn union(
    a: Option<(usize, usize, usize, usize)>,
    b: Option<(usize, usize, usize, usize)>,
) -> Option<(usize, usize, usize, usize)> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (x0, y0) = (a.0.min(b.0), a.1.min(b.1));
            let (x1, y1) = ((a.0 + a.2).max(b.0 + b.2), (a.1 + a.3).max(b.1 + b.3));
            Some((x0, y0, x1 - x0, y1 - y0))
        }
        (one, None) | (None, one) => one,
    }
}

/// The arrowhead at the end `to` of a route coming from `from`.
fn arrowhead(from: [f64; 2], to: [f64; 2], ratio: f64) -> [[f64; 2]; 3] {
    let angle = (to[1] - from[1]).atan2(to[0] - from[0]);
    let (length, spread) = (10.0 * ratio, 0.45);
    [
        to,
        [
            to[0] - length * (angle - spread).cos(),
            to[1] - length * (angle - spread).sin(),
        ],
        [
            to[0] - length * (angle + spread).cos(),
            to[1] - length * (angle + spread).sin(),
        ],
    ]
}

/// A style's point as the small-data map draws it (an event's filled
/// dot; a place's white ring, with a dot for an exact point or a faint
/// halo for a vague one; in the grade's colour and dash), drawn once
/// by a canvas.
fn sprite(look: usize, ratio: f64) -> Result<Stamp, JsValue> {
    let (kind, precision, confidence) = unlook(look);
    let style = stroke(confidence);
    let mark = place_mark(precision);
    let half = match (kind, mark.halo) {
        (Kind::Place, Some(halo)) => halo + 1.0,
        _ => 9.0,
    };
    let (canvas, context) = new_canvas()?;
    let pixels = (2.0 * half * ratio).ceil() as u32;
    canvas.set_width(pixels);
    canvas.set_height(pixels);
    context.scale(ratio, ratio)?;
    if let (Kind::Place, Some(halo)) = (kind, mark.halo) {
        context.begin_path();
        context.arc(half, half, halo, 0.0, std::f64::consts::TAU)?;
        context.set_global_alpha(size::HALO_OPACITY);
        context.set_fill_style_str(style.color);
        context.fill();
        context.set_global_alpha(1.0);
    }
    let dash: js_sys::Array = style
        .dash_lengths()
        .into_iter()
        .map(JsValue::from)
        .collect();
    context.set_line_dash(&dash)?;
    context.set_line_cap("round");
    context.set_stroke_style_str(style.color);
    context.begin_path();
    if kind == Kind::Place {
        context.arc(half, half, size::PLACE_RADIUS, 0.0, std::f64::consts::TAU)?;
        context.set_fill_style_str("#ffffff");
        context.fill();
        context.set_line_width(size::PLACE_WEIGHT);
    } else {
        context.arc(half, half, size::EVENT_RADIUS, 0.0, std::f64::consts::TAU)?;
        if hollow(confidence) {
            context.set_fill_style_str("#ffffff");
        } else {
            context.set_global_alpha(size::EVENT_FILL_OPACITY);
            context.set_fill_style_str(style.color);
        }
        context.fill();
        context.set_global_alpha(1.0);
        context.set_line_width(size::EVENT_WEIGHT);
    }
    context.stroke();
    if kind == Kind::Place && mark.dot {
        context.set_line_dash(&js_sys::Array::new())?;
        context.begin_path();
        context.arc(
            half,
            half,
            size::PLACE_DOT_RADIUS,
            0.0,
            std::f64::consts::TAU,
        )?;
        context.set_fill_style_str(style.color);
        context.fill();
    }
    let rgba = context
        .get_image_data(0.0, 0.0, pixels as f64, pixels as f64)?
        .data()
        .0;
    Ok(Stamp::from_rgba(pixels as usize, &rgba))
}

fn new_canvas() -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let canvas: HtmlCanvasElement = dom::document()?
        .create_element("canvas")?
        .dyn_into()
        .map_err(|_| JsValue::from_str("no canvas element"))?;
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2D canvas"))?
        .dyn_into()?;
    Ok((canvas, context))
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
