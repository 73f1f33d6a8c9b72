//! Drawing a frame: the shown features, batched by style, stamped into one
//! pixmap in Rust and put on the canvas at once; then the units under way.

use leaflet::{LatLng, Map, Point};
use wasm_bindgen::prelude::*;

use super::looks::{unlook, Pens};
use super::Inner;
use crate::draw::projected::{mercator, Shape};
use crate::draw::raster::hex;
use crate::draw::style::{size, stroke};
use crate::model::Kind;
use crate::web::page::bindings;

/// Where world pixels (zoom 0) land on the screen: `world * scale + offset`
/// gives the map container's pixel.
pub(super) struct View {
    pub(super) scale: f64,
    pub(super) offset: [f64; 2],
}

impl View {
    pub(super) fn of(map: &Map) -> View {
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
    pub(super) fn draw(&mut self) -> Result<(), JsValue> {
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
        for unit in &self.units {
            let i = unit.index;
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
