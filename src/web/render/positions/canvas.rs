//! Many units, or units with symbols, on a canvas of their own, drawn with
//! the browser's 2-D context at each step and after each move of the map.
//!
//! A unit is its standard symbol where its sighting carries a code (see
//! [`super::symbols`]), else a dot in its side's colour; either fades with
//! its age, and a position glided between two sightings is hollow and
//! dashed (a symbol: faint, in a dashed ring), a guess. Where units crowd
//! — [`CROWD`] or more in a cell of [`CELL`] pixels, as at low zoom — they
//! gather into one count, which a click zooms into. Labels name the units
//! that are drawn alone, as long as they do not cover each other and
//! there are at most [`LABELS_UP_TO`] of them; the rest wait for room.
//!
//! The canvas's `data-drawn` says what it drew ("units alone, counts,
//! labels, tracks"), and `data-largest-count` the largest count and where it is
//! ("count x y").

use crate::number::decimal;
use leaflet::Map;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::draw::projected::mercator;
use crate::draw::style::{unit_opacity, UNIT_RADIUS, UNIT_WEIGHT};
use crate::scene::Scene;
use crate::space::sightings::Position;
use crate::web::dispatch::Dispatch;
use crate::web::page::{bindings, dom};
use crate::web::render::canvas::{fit_canvas, View};

use super::color_of;
use super::symbols::Symbols;

/// The pane of the units' canvas: over the points of the data (450),
/// under tooltips and popups.
const PANE: &str = "units";
/// The side of a cell of the grid units crowd in, in CSS pixels.
const CELL: f64 = 44.0;
/// From this many units in one cell, they are drawn as a count.
pub const CROWD: usize = 4;
/// Labels are drawn when at most this many units are drawn alone.
pub const LABELS_UP_TO: usize = 300;
/// How far from a click (in CSS pixels) a unit's mark still counts.
const HIT: f64 = 4.0;
/// A label's font, and the width of one of its characters, about.
const FONT: &str = "600 11px system-ui, sans-serif";
const CHAR_WIDTH: f64 = 6.4;

/// What a click found.
pub enum Picked {
    /// A unit drawn alone, at this position.
    Unit(Position),
    /// A count: the corners (south-west, north-east) of its units.
    Crowd(geo::Coord<f64>, geo::Coord<f64>),
}

/// A mark drawn, for clicks: at (x, y) in CSS pixels, `radius` around.
struct Mark {
    x: f64,
    y: f64,
    radius: f64,
    /// A unit's position (by its place in the positions shown), or a
    /// crowd (by its place in the crowds drawn).
    what: Target,
}

#[derive(Clone, Copy)]
enum Target {
    Unit(usize),
    Crowd(usize),
}

/// Units gathered in one cell.
#[derive(Clone, Copy)]
struct Crowd {
    count: usize,
    sum: [f64; 2],
    south_west: geo::Coord<f64>,
    north_east: geo::Coord<f64>,
}

/// The canvas, and what it drew last.
pub struct UnitCanvas {
    map: Map,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// Whether units are drawn here (else the canvas stays empty).
    used: bool,
    positions: Vec<Position>,
    marks: Vec<Mark>,
    crowds: Vec<Crowd>,
    symbols: Symbols,
    /// Every unit's track up to the moment is drawn, under the units.
    pub all_tracks: bool,
}

impl UnitCanvas {
    /// The canvas in its own pane of `map`; it takes no clicks itself (the
    /// map hands them on, see [`super::Positions::click`]).
    pub fn new(map: &Map, dispatch: &Dispatch) -> Result<UnitCanvas, JsValue> {
        let pane = bindings::create_pane(map, PANE);
        pane.style().set_property("z-index", "460")?;
        pane.style().set_property("pointer-events", "none")?;
        let document = dom::document()?;
        let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
        canvas.set_class_name("leaflet-zoom-hide units-canvas");
        canvas.set_attribute("aria-hidden", "true")?;
        let context: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2-D canvas"))?
            .dyn_into()?;
        dom::add(&pane, &canvas)?;
        Ok(UnitCanvas {
            map: map.clone(),
            canvas,
            context,
            used: false,
            positions: Vec::new(),
            marks: Vec::new(),
            crowds: Vec::new(),
            symbols: Symbols::new(dispatch),
            all_tracks: false,
        })
    }

    /// New data: the canvas draws its units when `used`.
    pub fn reset(&mut self, scene: &Scene, used: bool) {
        self.used = used;
        self.positions.clear();
        self.marks.clear();
        let units = scene.units_seen();
        let codes = (0..)
            .take_while(|&symbol| units.code(symbol).is_some())
            .count();
        self.symbols.reset(if used { codes } else { 0 });
        if let Err(error) = self.draw(scene) {
            dom::show_alert(&dom::describe_js_error(&error));
        }
    }

    /// Draws `positions`.
    pub fn show(&mut self, positions: &[Position], scene: &Scene) -> Result<(), JsValue> {
        self.positions.clear();
        self.positions.extend_from_slice(positions);
        self.draw(scene)
    }

    /// What is drawn at the map's container point `(x, y)`: the mark drawn
    /// last (on top) first.
    pub fn pick(&self, x: f64, y: f64) -> Option<Picked> {
        let mark = self
            .marks
            .iter()
            .rev()
            .find(|m| (m.x - x).hypot(m.y - y) <= m.radius + HIT)?;
        Some(match mark.what {
            Target::Unit(i) => Picked::Unit(*self.positions.get(i)?),
            Target::Crowd(i) => {
                let crowd = self.crowds.get(i)?;
                Picked::Crowd(crowd.south_west, crowd.north_east)
            }
        })
    }

    /// Draws the units shown, as the map is now.
    pub fn draw(&mut self, scene: &Scene) -> Result<(), JsValue> {
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let (width, height, _, _) = fit_canvas(&self.map, &self.canvas, ratio)?;
        let context = &self.context;
        context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)?;
        context.clear_rect(0.0, 0.0, width, height);
        self.marks.clear();
        self.crowds.clear();
        let view = View::of(&self.map);
        let on_screen = |at: geo::Coord<f64>| {
            let [x, y] = mercator(at);
            [
                x * view.scale + view.offset[0],
                y * view.scale + view.offset[1],
            ]
        };
        let tracks = if self.all_tracks {
            self.tracks(scene, &on_screen)?
        } else {
            0
        };
        if !self.used || self.positions.is_empty() {
            return self
                .canvas
                .set_attribute("data-drawn", &format!("0 0 0 {tracks}"));
        }
        // Which cell each position falls in, and how many are in each.
        let (columns, rows) = (
            (width / CELL).ceil() as usize + 2,
            (height / CELL).ceil() as usize + 2,
        );
        let mut counts = vec![0u32; columns * rows];
        let cells: Vec<Option<usize>> = self
            .positions
            .iter()
            .map(|p| {
                let [x, y] = on_screen(p.at);
                if x < -CELL || y < -CELL || x > width + CELL || y > height + CELL {
                    return None;
                }
                let cell = ((y + CELL) / CELL) as usize * columns + ((x + CELL) / CELL) as usize;
                let count = counts.get_mut(cell)?;
                *count += 1;
                Some(cell)
            })
            .collect();
        // The crowded cells' crowds, by cell.
        let mut crowd_of: Vec<u32> = vec![u32::MAX; counts.len()];
        let stale_after = scene.unit_rule().stale_after;
        let mut alone: Vec<usize> = Vec::new();
        for (i, position) in self.positions.iter().enumerate() {
            let Some(cell) = cells[i] else {
                continue;
            };
            if (counts[cell] as usize) < CROWD {
                alone.push(i);
                continue;
            }
            let [x, y] = on_screen(position.at);
            if crowd_of[cell] == u32::MAX {
                crowd_of[cell] = self.crowds.len() as u32;
                self.crowds.push(Crowd {
                    count: 0,
                    sum: [0.0, 0.0],
                    south_west: position.at,
                    north_east: position.at,
                });
            }
            let crowd = &mut self.crowds[crowd_of[cell] as usize];
            crowd.count += 1;
            crowd.sum = [crowd.sum[0] + x, crowd.sum[1] + y];
            crowd.south_west.x = crowd.south_west.x.min(position.at.x);
            crowd.south_west.y = crowd.south_west.y.min(position.at.y);
            crowd.north_east.x = crowd.north_east.x.max(position.at.x);
            crowd.north_east.y = crowd.north_east.y.max(position.at.y);
        }
        for &i in &alone {
            let position = self.positions[i];
            let [x, y] = on_screen(position.at);
            let radius = self.unit(&position, x, y, ratio, stale_after, scene)?;
            self.marks.push(Mark {
                x,
                y,
                radius,
                what: Target::Unit(i),
            });
        }
        for (i, crowd) in self.crowds.iter().enumerate() {
            let (x, y) = (
                crowd.sum[0] / crowd.count as f64,
                crowd.sum[1] / crowd.count as f64,
            );
            let radius = count(&self.context, crowd.count, x, y)?;
            self.marks.push(Mark {
                x,
                y,
                radius,
                what: Target::Crowd(i),
            });
        }
        let labelled = if alone.len() <= LABELS_UP_TO {
            self.labels(&alone, scene, &on_screen)
        } else {
            0
        };
        // What is drawn, said on the canvas (which no one reads as text):
        // how many units alone, counts and labels; where the largest
        // count is.
        self.canvas.set_attribute(
            "data-drawn",
            &format!("{} {} {labelled} {tracks}", alone.len(), self.crowds.len()),
        )?;
        let largest = self
            .marks
            .iter()
            .filter_map(|m| match m.what {
                Target::Crowd(i) => Some((self.crowds[i].count, m.x, m.y)),
                Target::Unit(_) => None,
            })
            .fold((0, 0.0, 0.0), |a, b| if b.0 > a.0 { b } else { a });
        self.canvas.set_attribute(
            "data-largest-count",
            &format!(
                "{} {} {}",
                largest.0,
                decimal(largest.1, 1),
                decimal(largest.2, 1)
            ),
        )
    }

    /// Draws one unit at (x, y): its symbol, or a dot; the radius it takes
    /// for clicks.
    fn unit(
        &mut self,
        position: &Position,
        x: f64,
        y: f64,
        ratio: f64,
        stale_after: Option<u32>,
        scene: &Scene,
    ) -> Result<f64, JsValue> {
        let context = &self.context;
        let opacity = unit_opacity(position.age_days, stale_after);
        let units = scene.units_seen();
        let symbol = position
            .symbol
            .and_then(|s| Some((s, units.code(s)?)))
            .and_then(|(s, code)| self.symbols.get(s, code, ratio));
        if let Some(image) = symbol {
            let [left, top] = [x - image.anchor[0], y - image.anchor[1]];
            context.set_global_alpha(if position.interpolated {
                0.45
            } else {
                opacity.max(0.35)
            });
            context.draw_image_with_html_canvas_element_and_dw_and_dh(
                &image.canvas,
                left,
                top,
                image.size[0],
                image.size[1],
            )?;
            context.set_global_alpha(1.0);
            let radius = image.size[0].max(image.size[1]) / 2.0;
            if position.interpolated {
                // A guess: a dashed ring around the faint symbol.
                context.set_line_dash(&dash(&[3.0, 3.0]))?;
                context.set_line_width(1.5);
                context.set_stroke_style_str(color_of(position));
                context.begin_path();
                context.arc(x, y, radius + 2.0, 0.0, std::f64::consts::TAU)?;
                context.stroke();
                context.set_line_dash(&dash(&[]))?;
            }
            return Ok(radius);
        }
        let color = color_of(position);
        context.begin_path();
        context.arc(x, y, UNIT_RADIUS, 0.0, std::f64::consts::TAU)?;
        if position.interpolated {
            context.set_fill_style_str("#ffffff");
            context.fill();
            context.set_line_dash(&dash(&[3.0, 3.0]))?;
        } else {
            context.set_global_alpha(opacity);
            context.set_fill_style_str(color);
            context.fill();
            context.set_global_alpha(1.0);
        }
        context.set_line_width(UNIT_WEIGHT);
        context.set_stroke_style_str(color);
        context.stroke();
        if position.interpolated {
            context.set_line_dash(&dash(&[]))?;
        }
        Ok(UNIT_RADIUS + UNIT_WEIGHT / 2.0)
    }

    /// The names of the units drawn alone (`alone`), first units first,
    /// each where it covers no other label and no count.
    fn labels(
        &self,
        alone: &[usize],
        scene: &Scene,
        on_screen: &dyn Fn(geo::Coord<f64>) -> [f64; 2],
    ) -> usize {
        let context = &self.context;
        context.set_font(FONT);
        context.set_text_baseline("middle");
        context.set_line_width(3.0);
        context.set_line_join("round");
        context.set_stroke_style_str("#ffffff");
        context.set_fill_style_str("#222222");
        let mut taken: Vec<[f64; 4]> = self
            .marks
            .iter()
            .filter(|m| matches!(m.what, Target::Crowd(_)))
            .map(|m| {
                [
                    m.x - m.radius,
                    m.y - m.radius,
                    m.x + m.radius,
                    m.y + m.radius,
                ]
            })
            .collect();
        let units = scene.units_seen();
        for &i in alone {
            let position = &self.positions[i];
            let Some(unit) = units.get(position.unit) else {
                continue;
            };
            let [x, y] = on_screen(position.at);
            let left = x + UNIT_RADIUS + 4.0;
            let room = [
                left,
                y - 7.0,
                left + unit.name.chars().count() as f64 * CHAR_WIDTH,
                y + 7.0,
            ];
            if taken.iter().any(|t| overlap(t, &room)) {
                continue;
            }
            taken.push(room);
            // A white halo under the text, so that it reads on any map.
            let _ = context.stroke_text(&unit.name, left, y);
            let _ = context.fill_text(&unit.name, left, y);
        }
        // The crowds' own boxes first.
        taken.len() - self.crowds.len()
    }

    /// Every unit's sightings up to the moment, joined by thin dashed legs
    /// in its side's colour.
    fn tracks(
        &self,
        scene: &Scene,
        on_screen: &dyn Fn(geo::Coord<f64>) -> [f64; 2],
    ) -> Result<usize, JsValue> {
        let context = &self.context;
        let units = scene.units_seen();
        let mut drawn = 0;
        context.set_line_width(1.0);
        context.set_line_dash(&dash(&[4.0, 4.0]))?;
        context.set_global_alpha(0.6);
        for position in &self.positions {
            let track = units.track(position.unit, scene.moment());
            if track.len() < 2 {
                continue;
            }
            context.set_stroke_style_str(color_of(position));
            context.begin_path();
            for (n, sighting) in track.iter().enumerate() {
                let [x, y] = on_screen(sighting.at);
                if n == 0 {
                    context.move_to(x, y);
                } else {
                    context.line_to(x, y);
                }
            }
            context.stroke();
            drawn += 1;
        }
        context.set_global_alpha(1.0);
        context.set_line_dash(&dash(&[]))?;
        Ok(drawn)
    }
}

/// Draws a count of `n` units at (x, y); its radius.
fn count(context: &CanvasRenderingContext2d, n: usize, x: f64, y: f64) -> Result<f64, JsValue> {
    let radius = 11.0 + (n as f64).log10() * 4.0;
    context.begin_path();
    context.arc(x, y, radius, 0.0, std::f64::consts::TAU)?;
    context.set_global_alpha(0.9);
    context.set_fill_style_str("#ffffff");
    context.fill();
    context.set_global_alpha(1.0);
    context.set_line_width(2.0);
    context.set_stroke_style_str("#333333");
    context.stroke();
    context.set_font("700 11px system-ui, sans-serif");
    context.set_text_align("center");
    context.set_text_baseline("middle");
    context.set_fill_style_str("#222222");
    context.fill_text(&n.to_string(), x, y)?;
    context.set_text_align("start");
    Ok(radius)
}

fn dash(lengths: &[f64]) -> js_sys::Array {
    lengths.iter().map(|&l| JsValue::from(l)).collect()
}

fn overlap(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}
