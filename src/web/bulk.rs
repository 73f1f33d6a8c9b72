//! Large data drawn on one canvas, from Rust: from [`BULK_FROM`] features
//! on, the map does not make a Leaflet layer per feature. Each feature is
//! projected once when the data is loaded; a step of the slider changes
//! the set of shown features by its changes only, and the next animation
//! frame draws the shown features in a few batched paths, one per style.
//! A click finds the feature under it and opens its popup.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use geo::LineString;
use leaflet::{LatLng, Map, Point};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::bulk::{Projected, Shape, ShownSet};
use crate::index::Change;
use crate::model::{Confidence, Kind, MapFeature};
use crate::motion::{progress_at, split, track};
use crate::style::stroke;
use crate::web::app::App;
use crate::web::bindings;
use crate::web::dom;

/// From this many features on, the data is drawn on the canvas.
pub const BULK_FROM: usize = 2_000;

/// The pane of the canvas: above the lines of small data (400), under
/// their points (450).
const PANE: &str = "bulk";

/// How far from a click (in screen pixels) a point or line still counts.
const HIT_PIXELS: f64 = 6.0;

const KINDS: [Kind; 3] = [Kind::Place, Kind::Route, Kind::Event];
/// Styles: every kind with every confidence, and with none.
const LOOKS: usize = KINDS.len() * (Confidence::ALL.len() + 1);

fn look(feature: &MapFeature) -> u8 {
    let kind = KINDS.iter().position(|&k| k == feature.kind).unwrap_or(2);
    let confidence = feature
        .confidence
        .and_then(|c| Confidence::ALL.iter().position(|&a| a == c))
        .map_or(0, |p| p + 1);
    (kind * (Confidence::ALL.len() + 1) + confidence) as u8
}

fn unlook(look: usize) -> (Kind, Option<Confidence>) {
    let per_kind = Confidence::ALL.len() + 1;
    let kind = KINDS[(look / per_kind).min(KINDS.len() - 1)];
    let confidence = (look % per_kind)
        .checked_sub(1)
        .and_then(|i| Confidence::ALL.get(i).copied());
    (kind, confidence)
}

/// A route whose unit can be drawn moving.
struct Track {
    line: LineString<f64>,
    start: i64,
    end: i64,
    times: Option<Vec<i64>>,
}

struct Inner {
    map: Map,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    active: bool,
    projected: Projected,
    looks: Vec<u8>,
    tracks: HashMap<usize, Track>,
    shown: ShownSet,
    moment: i64,
    /// Scratch lists of shown features by style, kept between frames.
    buckets: Vec<Vec<u32>>,
    frame_requested: bool,
    on_frame: Option<Closure<dyn FnMut()>>,
}

/// The canvas layer; empty until given data.
pub struct Bulk(Rc<RefCell<Inner>>);

impl Bulk {
    /// Makes the canvas in its own pane of `map`, redrawn after every move
    /// and zoom.
    pub fn new(map: &Map) -> Result<Bulk, JsValue> {
        let pane = bindings::create_pane(map, PANE);
        pane.style().set_property("z-index", "420")?;
        // Clicks go to the map, which asks [`Bulk::hit`].
        pane.style().set_property("pointer-events", "none")?;
        let canvas: HtmlCanvasElement = dom::document()?
            .create_element("canvas")?
            .dyn_into()
            .map_err(|_| JsValue::from_str("no canvas element"))?;
        // Hidden while Leaflet animates a zoom; drawn anew when it ends.
        canvas.set_class_name("leaflet-zoom-hide bulk-canvas");
        canvas.set_attribute("aria-hidden", "true")?;
        dom::add(&pane, &canvas)?;
        let context: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2D canvas"))?
            .dyn_into()?;
        let inner = Rc::new(RefCell::new(Inner {
            map: map.clone(),
            canvas,
            context,
            active: false,
            projected: Projected::default(),
            looks: Vec::new(),
            tracks: HashMap::new(),
            shown: ShownSet::default(),
            moment: 0,
            buckets: vec![Vec::new(); LOOKS],
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
        inner.looks = features.iter().map(look).collect();
        inner.tracks = features
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let (line, start, end) = track(f)?;
                Some((
                    i,
                    Track {
                        line: line.clone(),
                        start,
                        end,
                        times: f.vertex_times.clone(),
                    },
                ))
            })
            .collect();
        inner.shown = ShownSet::new(features.len());
        drop(inner);
        request_frame(&self.0);
    }

    /// Applies a change of the features shown; drawn at the next frame.
    pub fn apply(&self, change: &Change) {
        self.0.borrow_mut().shown.apply(change);
        request_frame(&self.0);
    }

    /// Sets the moment (seconds since 1970) for units under way; returns
    /// whether any is.
    pub fn set_moment(&self, moment: i64) -> bool {
        let mut inner = self.0.borrow_mut();
        inner.moment = moment;
        let under_way = inner.shown.iter().any(|i| {
            inner
                .tracks
                .get(&i)
                .is_some_and(|t| t.start <= moment && moment <= t.end)
        });
        drop(inner);
        request_frame(&self.0);
        under_way
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
        let size = self.map.get_size();
        let (width, height) = (size.x(), size.y());
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let (pixels_x, pixels_y) = ((width * ratio) as u32, (height * ratio) as u32);
        if self.canvas.width() != pixels_x || self.canvas.height() != pixels_y {
            self.canvas.set_width(pixels_x);
            self.canvas.set_height(pixels_y);
            let style = self.canvas.style();
            style.set_property("width", &format!("{width}px"))?;
            style.set_property("height", &format!("{height}px"))?;
        }
        // The canvas covers the map container: its top left corner sits at
        // the container's (0, 0), wherever the panes were dragged to.
        let corner = bindings::container_point_to_layer_point(&self.map, &Point::new(0.0, 0.0));
        self.canvas.style().set_property(
            "transform",
            &format!("translate3d({}px, {}px, 0)", corner.x(), corner.y()),
        )?;
        let context = &self.context;
        context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)?;
        context.clear_rect(0.0, 0.0, width, height);
        if !self.active {
            return Ok(());
        }
        let view = View::of(&self.map);
        for bucket in &mut self.buckets {
            bucket.clear();
        }
        for i in self.shown.iter() {
            if let Some(&look) = self.looks.get(i) {
                self.buckets[look as usize].push(i as u32);
            }
        }
        context.set_line_cap("round");
        context.set_line_join("round");
        let bounds = (-20.0, -20.0, width + 20.0, height + 20.0);
        for pass in [Pass::Areas, Pass::Lines, Pass::Points] {
            for (look, bucket) in self.buckets.iter().enumerate() {
                if bucket.is_empty() {
                    continue;
                }
                let (kind, confidence) = unlook(look);
                let style = stroke(confidence);
                let dash = js_sys::Array::new();
                for length in style.dash.unwrap_or("").split_whitespace() {
                    if let Ok(n) = length.parse::<f64>() {
                        dash.push(&n.into());
                    }
                }
                context.set_line_dash(&dash)?;
                context.set_stroke_style_str(style.color);
                context.begin_path();
                let mut arrows = Vec::new();
                let mut any = false;
                for &i in bucket {
                    for part in self.projected.parts(i as usize) {
                        let coords = self.projected.coords(part);
                        match (pass, part.shape) {
                            (Pass::Points, Shape::Point) => {
                                let (x, y) = view.at(coords[0]);
                                if x < bounds.0 || y < bounds.1 || x > bounds.2 || y > bounds.3 {
                                    continue;
                                }
                                let radius = if kind == Kind::Place { 6.5 } else { 5.0 };
                                context.move_to(x + radius, y);
                                context.arc(x, y, radius, 0.0, std::f64::consts::TAU)?;
                                any = true;
                            }
                            (Pass::Lines, Shape::Line)
                            | (Pass::Areas, Shape::Outer | Shape::Hole) => {
                                let mut points = coords.iter().map(|&c| view.at(c));
                                if let Some((x, y)) = points.next() {
                                    context.move_to(x, y);
                                }
                                for (x, y) in points {
                                    context.line_to(x, y);
                                }
                                if part.shape != Shape::Line {
                                    context.close_path();
                                } else if kind == Kind::Route && coords.len() > 1 {
                                    arrows.push((
                                        view.at(coords[coords.len() - 2]),
                                        view.at(coords[coords.len() - 1]),
                                    ));
                                }
                                any = true;
                            }
                            _ => {}
                        }
                    }
                }
                if !any {
                    continue;
                }
                match pass {
                    Pass::Areas => {
                        context.set_global_alpha(0.15);
                        context.set_fill_style_str(style.color);
                        context.fill_with_canvas_winding_rule(web_sys::CanvasWindingRule::Evenodd);
                        context.set_global_alpha(1.0);
                        context.set_line_width(2.0);
                        context.stroke();
                    }
                    Pass::Lines => {
                        context.set_line_width(3.0);
                        context.stroke();
                        draw_arrows(context, &arrows, style.color)?;
                    }
                    Pass::Points => {
                        if kind == Kind::Place {
                            context.set_fill_style_str("#ffffff");
                            context.fill();
                            context.set_line_width(2.5);
                        } else {
                            context.set_global_alpha(0.85);
                            context.set_fill_style_str(style.color);
                            context.fill();
                            context.set_global_alpha(1.0);
                            context.set_line_width(2.0);
                        }
                        context.stroke();
                    }
                }
            }
        }
        self.draw_movers(&view)
    }

    /// Units under way: the travelled part of their route, and a dot where
    /// they are.
    fn draw_movers(&self, view: &View) -> Result<(), JsValue> {
        let context = &self.context;
        context.set_line_dash(&js_sys::Array::new())?;
        for i in self.shown.iter() {
            let Some(track) = self.tracks.get(&i) else {
                continue;
            };
            let Some(progress) = progress_at(
                &track.line,
                track.start,
                track.end,
                track.times.as_deref(),
                self.moment,
            ) else {
                continue;
            };
            let color = stroke(unlook(self.looks[i] as usize).1).color;
            let (done, _) = split(&track.line, &progress);
            context.begin_path();
            for (n, c) in done.0.iter().enumerate() {
                let (x, y) = view.at(crate::bulk::mercator(*c));
                if n == 0 {
                    context.move_to(x, y);
                } else {
                    context.line_to(x, y);
                }
            }
            context.set_stroke_style_str(color);
            context.set_line_width(4.0);
            context.stroke();
            let (x, y) = view.at(crate::bulk::mercator(progress.at));
            context.begin_path();
            context.arc(x, y, 7.0, 0.0, std::f64::consts::TAU)?;
            context.set_fill_style_str(color);
            context.fill();
            context.set_stroke_style_str("#ffffff");
            context.set_line_width(2.0);
            context.stroke();
        }
        Ok(())
    }
}

/// Arrowheads at the ends of routes, showing their direction.
fn draw_arrows(
    context: &CanvasRenderingContext2d,
    arrows: &[((f64, f64), (f64, f64))],
    color: &str,
) -> Result<(), JsValue> {
    if arrows.is_empty() {
        return Ok(());
    }
    context.set_line_dash(&js_sys::Array::new())?;
    context.begin_path();
    for &((x0, y0), (x1, y1)) in arrows {
        let angle = (y1 - y0).atan2(x1 - x0);
        let (length, spread) = (10.0, 0.45);
        context.move_to(x1, y1);
        context.line_to(
            x1 - length * (angle - spread).cos(),
            y1 - length * (angle - spread).sin(),
        );
        context.line_to(
            x1 - length * (angle + spread).cos(),
            y1 - length * (angle + spread).sin(),
        );
        context.close_path();
    }
    context.set_fill_style_str(color);
    context.fill();
    Ok(())
}

/// A click on the map opens the popup of the canvas feature under it.
pub fn wire(app: &Rc<RefCell<App>>) {
    let map = app.borrow().map().clone();
    let handle = Rc::clone(app);
    let on_click = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let Ok(point) = js_sys::Reflect::get(&event, &"containerPoint".into()) else {
            return;
        };
        let point: Point = point.unchecked_into();
        let found = handle.borrow().bulk().hit(point.x(), point.y());
        if let Some(index) = found {
            let result = handle.borrow_mut().open_popup(index);
            if let Err(error) = result {
                dom::show_alert(&dom::describe_js_error(&error));
            }
        }
    });
    map.on("click", on_click.as_ref());
    on_click.forget();
}
