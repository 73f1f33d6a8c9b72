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
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::draw::projected::mercator;
use crate::scene::Scene;
use crate::space::sightings::Position;
use crate::web::dispatch::Dispatch;
use crate::web::page::{bindings, dom};
use crate::web::render::canvas::{fit_canvas, new_canvas, Hidden, View};

use super::color_of;
use super::ink::{self, count};
pub use super::marks::Picked;
use super::marks::{Crowd, Mark, Target};
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
    /// Where the map was, and whether symbols were there, when it was
    /// last drawn.
    drawn: Option<([f64; 5], super::symbols::Script)>,
    /// Whether the canvas is hidden, having nothing drawn.
    hidden: Hidden,
}

impl UnitCanvas {
    /// The canvas in its own pane of `map`; it takes no clicks itself (the
    /// map hands them on, see [`super::Positions::click`]).
    pub fn new(map: &Map, dispatch: &Dispatch) -> Result<UnitCanvas, JsValue> {
        let pane = bindings::create_pane(map, PANE);
        pane.style().set_property("z-index", "460")?;
        pane.style().set_property("pointer-events", "none")?;
        let (canvas, context) = new_canvas()?;
        canvas.set_class_name("leaflet-zoom-hide units-canvas");
        canvas.set_attribute("aria-hidden", "true")?;
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
            drawn: None,
            hidden: Hidden::default(),
        })
    }

    /// New data: the canvas draws its units when `used`.
    pub fn reset(&mut self, scene: &Scene, used: bool) {
        self.used = used;
        self.positions.clear();
        self.marks.clear();
        let units = scene.units_seen();
        let codes = units.code_count();
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

    /// Draws anew, unless what was drawn still stands: the map has not
    /// moved and no symbols arrived since (a step draws at once, in
    /// [`UnitCanvas::show`]; this follows the map's frames).
    pub fn redraw(&mut self, scene: &Scene) -> Result<(), JsValue> {
        if self.drawn == Some((self.view_key(), self.symbols.script())) {
            return Ok(());
        }
        self.draw(scene)
    }

    /// Where the map is: its scale, where the world's corner lands, its
    /// size.
    fn view_key(&self) -> [f64; 5] {
        let view = View::of(&self.map);
        let size = self.map.get_size();
        [
            view.scale,
            view.offset[0],
            view.offset[1],
            size.x(),
            size.y(),
        ]
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
        let (width, height, _, _) = fit_canvas(&self.map, &self.canvas, ratio, [0.0; 2])?;
        self.drawn = Some((self.view_key(), self.symbols.script()));
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
            self.hidden.set(&self.canvas, tracks == 0);
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
                let column = (((x + CELL) / CELL) as usize).min(columns - 1);
                let cell = ((y + CELL) / CELL) as usize * columns + column;
                let count = counts.get_mut(cell)?;
                *count += 1;
                Some(cell)
            })
            .collect();
        // The crowded cells' crowds, by cell.
        let mut crowd_of: Vec<u32> = vec![u32::MAX; counts.len()];
        // At the map's closest zoom nothing gathers: a count could not be
        // zoomed into.
        let crowd = if self.map.get_zoom() >= self.map.get_max_zoom() {
            usize::MAX
        } else {
            CROWD
        };
        let mut alone: Vec<usize> = Vec::new();
        for (i, position) in self.positions.iter().enumerate() {
            let Some(cell) = cells[i] else {
                continue;
            };
            if (counts[cell] as usize) < crowd {
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
            let radius = self.unit(&position, x, y, ratio, scene)?;
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
        let empty = alone.is_empty() && self.crowds.is_empty() && tracks == 0;
        self.hidden.set(&self.canvas, empty);
        // What is drawn, said on the canvas (which no one reads as text):
        // how many units alone, counts and labels; where the largest
        // count is.
        self.canvas.set_attribute(
            "data-drawn",
            &format!("{} {} {labelled} {tracks}", alone.len(), self.crowds.len()),
        )?;
        let largest = self.crowds.iter().fold((0, 0.0, 0.0), |a, c| {
            let n = c.count as f64;
            if c.count > a.0 {
                (c.count, c.sum[0] / n, c.sum[1] / n)
            } else {
                a
            }
        });
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
        scene: &Scene,
    ) -> Result<f64, JsValue> {
        let context = &self.context;
        let opacity = scene.unit_opacity(position);
        let units = scene.units_seen();
        let symbol = position
            .symbol
            .and_then(|s| Some((s, units.code(s)?)))
            .and_then(|(s, code)| self.symbols.get(s, code, ratio));
        match symbol {
            Some(image) => ink::symbol(context, image, position, [x, y], opacity),
            None => ink::dot(context, position, [x, y], opacity),
        }
    }

    /// The names of the units drawn alone (`alone`), first units first,
    /// each where it covers no other label and no count; how many.
    fn labels(
        &self,
        alone: &[usize],
        scene: &Scene,
        on_screen: &dyn Fn(geo::Coord<f64>) -> [f64; 2],
    ) -> usize {
        let taken: Vec<[f64; 4]> = self
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
        let names: Vec<(&str, [f64; 2])> = alone
            .iter()
            .filter_map(|&i| {
                let position = self.positions.get(i)?;
                let name = units.get(position.unit)?.name.as_str();
                Some((name, on_screen(position.at)))
            })
            .collect();
        ink::labels(&self.context, &names, taken)
    }

    /// Every unit's sightings up to the moment, joined by thin dashed legs
    /// in its side's colour; how many tracks.
    fn tracks(
        &self,
        scene: &Scene,
        on_screen: &dyn Fn(geo::Coord<f64>) -> [f64; 2],
    ) -> Result<usize, JsValue> {
        let units = scene.units_seen();
        // A unit in two places has one track.
        let mut last = None;
        let lines = self
            .positions
            .iter()
            .filter(move |p| last.replace(p.unit) != Some(p.unit))
            .map(|position| {
                let track = units.track(position.unit, scene.moment());
                let points: Vec<[f64; 2]> = track.iter().map(|s| on_screen(s.at)).collect();
                (color_of(position), points)
            });
        ink::tracks(&self.context, lines)
    }
}
