//! Drawing a frame: the features the scene shows, batched by style,
//! stamped into one pixmap in Rust and put on the canvas at once; then the
//! units under way.

use crate::number::decimal;
use leaflet::{LatLng, Map, Point};
use wasm_bindgen::prelude::*;

use super::looks::{unlook, Pens, LOOKS};
use super::Canvas;
use crate::draw::projected::{mercator, Part, Projected, Shape};
use crate::draw::raster::{hex, reach_of, Cover, Pixmap};
use crate::draw::style::{size, stroke};
use crate::model::Kind;
use crate::scene::Scene;
use crate::space::journeys::Unit;
use crate::web::page::bindings;

/// Where world pixels (zoom 0) land on the screen: `world * scale + offset`
/// gives the map container's pixel.
pub(in crate::web) struct View {
    pub(in crate::web) scale: f64,
    pub(in crate::web) offset: [f64; 2],
}

impl View {
    pub(in crate::web) fn of(map: &Map) -> View {
        let scale = 2f64.powf(map.get_zoom());
        let origin = map.lat_lng_to_container_point(&LatLng::new(0.0, 0.0));
        View {
            scale,
            offset: [origin.x() - 128.0 * scale, origin.y() - 128.0 * scale],
        }
    }

    /// Where world pixels land on the canvas, in device pixels.
    pub(super) fn at(&self, world: [f64; 2], ratio: f64) -> [f64; 2] {
        [
            (world[0] * self.scale + self.offset[0]) * ratio,
            (world[1] * self.scale + self.offset[1]) * ratio,
        ]
    }
}

/// The passes that draw a part of each feature of `projected`: bit 0 for
/// areas, 1 for lines, 2 for points.
pub(super) fn passes(projected: &Projected, count: usize) -> Vec<u8> {
    (0..count)
        .map(|i| {
            projected.parts(i).iter().fold(0, |bits, part| {
                bits | match part.shape {
                    Shape::Outer => 1,
                    Shape::Line => 2,
                    Shape::Point => 4,
                    Shape::Hole => 0,
                }
            })
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Pass {
    Areas,
    Lines,
}

impl Canvas {
    /// Draws a frame of what `scene` shows (with `None`, an empty one) and
    /// puts on the canvas what changed since the last.
    pub(super) fn frame(&mut self, scene: Option<&Scene>) -> Result<(), JsValue> {
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        self.fit_to_map(ratio)?;
        let before = self.pixmap.drawn();
        self.pixmap.clear();
        self.drew_units = false;
        if let Some(scene) = scene {
            self.paint(scene, ratio);
        }
        self.put(before)
    }

    /// Sizes the canvas and the pixmap to the map at `ratio` device pixels
    /// per pixel, its top left corner on the map container's.
    fn fit_to_map(&mut self, ratio: f64) -> Result<(), JsValue> {
        let (_, _, pixels_x, pixels_y) = fit_canvas(&self.map, &self.canvas, ratio, [0.0; 2])?;
        if self.pixmap.width() != pixels_x as usize || self.pixmap.height() != pixels_y as usize {
            self.pixmap.resize(pixels_x as usize, pixels_y as usize);
        }
        Ok(())
    }

    /// Puts on the canvas only what was drawn last time (`before`) or this
    /// time; hides the canvas while nothing is drawn (see [`super::Hidden`]).
    fn put(&mut self, before: Option<(usize, usize, usize, usize)>) -> Result<(), JsValue> {
        self.hidden.set(&self.canvas, self.pixmap.drawn().is_none());
        let Some((x, y, w, h)) = union(before, self.pixmap.drawn()) else {
            return Ok(());
        };
        let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            wasm_bindgen::Clamped(self.pixmap.data()),
            self.pixmap.width() as u32,
            self.pixmap.height() as u32,
        )?;
        self.context
            .put_image_data_with_dirty_x_and_dirty_y_and_dirty_width_and_dirty_height(
                &image, 0.0, 0.0, x as f64, y as f64, w as f64, h as f64,
            )
    }

    /// Draws what `scene` shows into the pixmap: areas, then lines, then
    /// points, then units under way; within each, style by style.
    fn paint(&mut self, scene: &Scene, ratio: f64) {
        let pens = match self.pens.take() {
            Some(pens) if pens.ratio == ratio => pens,
            _ => Pens::at(ratio),
        };
        for bucket in &mut self.buckets {
            bucket.clear();
        }
        // By pass, then style: each feature only in the passes that draw
        // a part of it.
        for i in scene.shown().iter() {
            let (Some(&look), Some(&passes)) = (self.looks.get(i), self.passes.get(i)) else {
                continue;
            };
            for pass in 0..3 {
                if passes & (1 << pass) != 0 {
                    self.buckets[pass * LOOKS + look as usize].push(i as u32);
                }
            }
        }
        let view = View::of(&self.map);
        let size = (self.pixmap.width(), self.pixmap.height());
        // The points are placed first: what they cover is not drawn under
        // them.
        let units: Vec<(Unit, usize)> = scene
            .units()
            .filter_map(|unit| {
                let look = *self.looks.get(unit.index)? as usize;
                Some((unit, look))
            })
            .collect();
        self.drew_units = !units.is_empty();
        self.points.place(
            &self.buckets[2 * LOOKS..],
            &self.projected,
            &pens,
            (&view, ratio),
            size,
            &units,
        );
        let mut painter = Painter {
            pixmap: &mut self.pixmap,
            projected: &self.projected,
            pens: &pens,
            cover: self.points.cover(),
            view,
            ratio,
            points: Vec::new(),
            rings: Vec::new(),
        };
        let passes = [Pass::Areas, Pass::Lines];
        for (n, bucket) in self.buckets[..2 * LOOKS].iter().enumerate() {
            let (pass, look) = (passes[n / LOOKS], n % LOOKS);
            for &i in bucket {
                painter.feature(pass, look, i as usize);
            }
        }
        self.points.stamp(painter.pixmap, &pens);
        for (n, (unit, look)) in units.iter().enumerate() {
            painter.travelled(unit, *look);
            self.points.stamp_unit(n, painter.pixmap, &pens);
        }
        self.pens = Some(pens);
    }
}

/// Draws into the pixmap, at a view and pixel ratio, with the pens of
/// each style; keeps its scratch lists between features.
struct Painter<'a> {
    pixmap: &'a mut Pixmap,
    projected: &'a Projected,
    pens: &'a Pens,
    /// What the points drawn after cover: a line or area wholly under
    /// it is left out.
    cover: &'a Cover,
    view: View,
    ratio: f64,
    points: Vec<[f64; 2]>,
    rings: Vec<Vec<[f64; 2]>>,
}

impl Painter<'_> {
    fn at(&self, world: [f64; 2]) -> [f64; 2] {
        self.view.at(world, self.ratio)
    }

    /// The parts of feature `index` that `pass` draws, in style `look`.
    fn feature(&mut self, pass: Pass, look: usize, index: usize) {
        let parts = self.projected.parts(index);
        for (n, part) in parts.iter().enumerate() {
            match (pass, part.shape) {
                (Pass::Lines, Shape::Line) => self.line(part, look),
                (Pass::Areas, Shape::Outer) => {
                    // The outer ring with the holes after it.
                    let holes = parts[n + 1..].iter().take_while(|p| p.shape == Shape::Hole);
                    self.area(part, holes, look);
                }
                _ => {}
            }
        }
    }

    /// A line, with an arrowhead at its end when it is a route.
    fn line(&mut self, part: &Part, look: usize) {
        let ([r, g, b], dash, _) = &self.pens.looks[look];
        let color = [*r, *g, *b, 255];
        let mut points = std::mem::take(&mut self.points);
        points.clear();
        points.extend(self.projected.coords(part).iter().map(|&c| self.at(c)));
        let arrow = (unlook(look).0 == Kind::Route && points.len() > 1).then(|| {
            arrowhead(
                points[points.len() - 2],
                points[points.len() - 1],
                self.ratio,
            )
        });
        let [x0, y0, x1, y1] = reach_of(&points, self.pens.line.reach());
        let [a0, b0, a1, b1] = reach_of(arrow.as_ref().map_or(&[], |a| &a[..]), 1);
        if !self
            .cover
            .hides_box([x0.min(a0), y0.min(b0), x1.max(a1), y1.max(b1)])
        {
            self.pixmap
                .stroke_with(&points, &self.pens.line, dash, color);
            if let Some(arrow) = arrow {
                self.pixmap.fill(&[&arrow], color);
            }
        }
        self.points = points;
    }

    /// An area: its outer ring and `holes` filled faintly, then outlined.
    fn area<'p>(&mut self, outer: &'p Part, holes: impl Iterator<Item = &'p Part>, look: usize) {
        let ([r, g, b], dash, _) = &self.pens.looks[look];
        let mut rings = std::mem::take(&mut self.rings);
        rings.clear();
        for ring in std::iter::once(outer).chain(holes) {
            rings.push(
                self.projected
                    .coords(ring)
                    .iter()
                    .map(|&c| self.at(c))
                    .collect(),
            );
        }
        // The outline's dots hold the fill's pixels too.
        let outer = rings.first().map_or(&[][..], Vec::as_slice);
        if self
            .cover
            .hides_box(reach_of(outer, self.pens.outline.reach() + 1))
        {
            self.rings = rings;
            return;
        }
        let refs: Vec<&[[f64; 2]]> = rings.iter().map(Vec::as_slice).collect();
        let fill = (size::AREA_FILL_OPACITY * 255.0).round() as u8;
        self.pixmap.fill(&refs, [*r, *g, *b, fill]);
        for ring in &rings {
            self.pixmap
                .stroke_with(ring, &self.pens.outline, dash, [*r, *g, *b, 255]);
        }
        self.rings = rings;
    }

    /// The travelled part of the route of a unit under way, drawn in
    /// style `look` (its dot is stamped with the points, see
    /// [`super::points::Points`]).
    fn travelled(&mut self, unit: &Unit, look: usize) {
        let [r, g, b] = hex(stroke(unlook(look).2).color);
        let mut line = std::mem::take(&mut self.points);
        line.clear();
        line.extend(unit.travelled.0.iter().map(|&c| self.at(mercator(c))));
        let travelled = &self.pens.mover[0];
        self.pixmap
            .stroke_with(&line, travelled, &[], [r, g, b, 255]);
        self.points = line;
    }
}

/// Sizes `canvas` to `map` and `pad` CSS pixels more on each side (x, y)
/// at `ratio` device pixels per pixel, its top left corner `pad` up and
/// left of the map container's (wherever the panes were dragged to); the
/// map's width and height in CSS pixels, and the canvas's in device pixels.
pub(in crate::web) fn fit_canvas(
    map: &Map,
    canvas: &web_sys::HtmlCanvasElement,
    ratio: f64,
    pad: [f64; 2],
) -> Result<(f64, f64, u32, u32), JsValue> {
    let size = map.get_size();
    let (width, height) = (size.x(), size.y());
    let (outer_x, outer_y) = (width + 2.0 * pad[0], height + 2.0 * pad[1]);
    let (pixels_x, pixels_y) = ((outer_x * ratio) as u32, (outer_y * ratio) as u32);
    let style = canvas.style();
    if canvas.width() != pixels_x || canvas.height() != pixels_y {
        canvas.set_width(pixels_x);
        canvas.set_height(pixels_y);
        style.set_property("width", &format!("{}px", decimal(outer_x, 2)))?;
        style.set_property("height", &format!("{}px", decimal(outer_y, 2)))?;
    }
    let corner = bindings::container_point_to_layer_point(map, &Point::new(-pad[0], -pad[1]));
    style.set_property(
        "transform",
        &format!(
            "translate3d({}px, {}px, 0)",
            decimal(corner.x(), 2),
            decimal(corner.y(), 2)
        ),
    )?;
    Ok((width, height, pixels_x, pixels_y))
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

/// The arrowhead at the end `end` of a route coming from `from`, as the
/// SVG map draws it ([`size::ARROW_LENGTH`] and the rest), at `ratio`
/// device pixels per pixel.
fn arrowhead(from: [f64; 2], end: [f64; 2], ratio: f64) -> [[f64; 2]; 3] {
    let (dx, dy) = (end[0] - from[0], end[1] - from[1]);
    let norm = dx.hypot(dy).max(f64::EPSILON);
    let (ux, uy) = (dx / norm, dy / norm);
    let at = |back: f64, side: f64| {
        [
            end[0] - ux * back * ratio - uy * side * ratio,
            end[1] - uy * back * ratio + ux * side * ratio,
        ]
    };
    let (short, length, half) = (
        size::ARROW_SHORT,
        size::ARROW_SHORT + size::ARROW_LENGTH,
        size::ARROW_WIDTH / 2.0,
    );
    [at(short, 0.0), at(length, half), at(length, -half)]
}
