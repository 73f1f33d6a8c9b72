//! Lines: walked as dots of a round brush, dashed as SVG dashes them.

use super::{Pixmap, Rgba, Stamp};

impl Pixmap {
    /// Draws the line through `points`, `width` pixels wide with round ends
    /// and joins, dashed by `dash` (lengths of on and off, as in SVG; empty
    /// for a solid line). The colour is drawn opaque.
    pub fn stroke(&mut self, points: &[[f64; 2]], width: f64, dash: &[f64], color: Rgba) {
        self.stroke_with(points, &Brush::round(width), dash, color);
    }

    /// [`Pixmap::stroke`] with a brush made once for many lines.
    pub fn stroke_with(&mut self, points: &[[f64; 2]], brush: &Brush, dash: &[f64], color: Rgba) {
        self.walk(points, brush, dash, color, true);
    }

    /// [`Pixmap::stroke_with`]; dots wholly inside go through a [`Pen`]
    /// when `pen` (the tests compare both ways).
    pub(super) fn walk(
        &mut self,
        points: &[[f64; 2]],
        brush: &Brush,
        dash: &[f64],
        color: Rgba,
        pen: bool,
    ) {
        let radius = brush.radius;
        let disc = &brush.disc;
        let pattern: f64 = dash.iter().sum();
        let dashed = pattern > 0.0 && dash.len() % 2 == 0;
        // A solid line is walked half a radius at a time (the dots overlap
        // enough to keep its width on diagonals); a dashed one a pixel at a
        // time, so that no short dash is missed.
        let pace = if dashed { 1.0 } else { (radius / 2.0).max(1.0) };
        let margin = radius + 1.0;
        let (w, h) = (self.width as f64, self.height as f64);
        let (fast, mut pen) = (pen, Pen::new(brush, self.width, self.height, color));
        let mut travelled = 0.0;
        for segment in points.windows(2) {
            let (a, b) = (segment[0], segment[1]);
            let length = (b[0] - a[0]).hypot(b[1] - a[1]);
            // Only the part of the segment near the pixmap is walked.
            if let Some((t0, t1)) = clip(a, b, -margin, -margin, w + margin, h + margin) {
                let steps = ((t1 - t0) * length / pace).ceil().max(1.0) as usize;
                for i in 0..=steps {
                    let t = t0 + (t1 - t0) * i as f64 / steps as f64;
                    if dashed && !on(travelled + t * length, dash, pattern) {
                        continue;
                    }
                    let (x, y) = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]));
                    if !(fast && pen.dot(&mut self.data, x, y)) {
                        self.dot(x, y, disc, color);
                    }
                }
            }
            travelled += length;
        }
        if points.len() == 1 {
            self.dot(points[0][0], points[0][1], disc, color);
        }
        if let Some((x0, y0, x1, y1)) = pen.drawn() {
            self.note(x0, y0, x1, y1);
        }
    }

    fn dot(&mut self, x: f64, y: f64, disc: &[(i32, i32)], color: Rgba) {
        let (cx, cy) = (x.floor() as i32, y.floor() as i32);
        let (w, h) = (self.width as i32, self.height as i32);
        let (mut x0, mut y0, mut x1, mut y1) = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
        for &(dx, dy) in disc {
            let (px, py) = (cx + dx, cy + dy);
            if px < 0 || py < 0 || px >= w || py >= h {
                continue;
            }
            self.data[py as usize * self.width + px as usize] = [color[0], color[1], color[2], 255];
            x0 = x0.min(px);
            y0 = y0.min(py);
            x1 = x1.max(px + 1);
            y1 = y1.max(py + 1);
        }
        if x1 > x0 {
            self.note(x0, y0, x1, y1);
        }
    }
}

/// A brush's dots where they lie wholly inside a pixmap: each pixel's
/// place in the pixmap's bytes is found once per line, and the rectangle
/// drawn once for all.
struct Pen {
    offsets: Vec<usize>,
    reach: i32,
    width: usize,
    /// The centres allowed: reach..limit, so that a dot stays inside.
    limit: (i32, i32),
    color: [u8; 4],
    drawn: (i32, i32, i32, i32),
}

impl Pen {
    fn new(brush: &Brush, width: usize, height: usize, color: Rgba) -> Pen {
        let reach = brush
            .disc
            .iter()
            .map(|&(dx, dy)| dx.abs().max(dy.abs()))
            .max()
            .unwrap_or(0);
        let row = width as i64;
        // Offsets from the disc's top left corner (all positive).
        let offsets = brush
            .disc
            .iter()
            .map(|&(dx, dy)| ((dy + reach) as i64 * row + (dx + reach) as i64) as usize)
            .collect();
        Pen {
            offsets,
            reach,
            width,
            limit: (width as i32 - reach, height as i32 - reach),
            color: [color[0], color[1], color[2], 255],
            drawn: (i32::MAX, i32::MAX, i32::MIN, i32::MIN),
        }
    }

    /// Draws the dot at (x, y) if it lies wholly inside; `false` if not.
    fn dot(&mut self, data: &mut [Rgba], x: f64, y: f64) -> bool {
        let (cx, cy) = (x.floor() as i32, y.floor() as i32);
        if cx < self.reach || cy < self.reach || cx >= self.limit.0 || cy >= self.limit.1 {
            return false;
        }
        let corner = (cy - self.reach) as usize * self.width + (cx - self.reach) as usize;
        for &offset in &self.offsets {
            data[corner + offset] = self.color;
        }
        let (x0, y0, x1, y1) = self.drawn;
        self.drawn = (x0.min(cx), y0.min(cy), x1.max(cx), y1.max(cy));
        true
    }

    /// The rectangle its dots covered (exclusive ends), if any.
    fn drawn(&self) -> Option<(i32, i32, i32, i32)> {
        let (x0, y0, x1, y1) = self.drawn;
        let r = self.reach;
        (x1 >= x0).then_some((x0 - r, y0 - r, x1 + r + 1, y1 + r + 1))
    }
}

/// The pixels a round pen of some width covers around its centre pixel.
#[derive(Debug, Clone)]
pub struct Brush {
    radius: f64,
    disc: Vec<(i32, i32)>,
}

impl Brush {
    pub fn round(width: f64) -> Brush {
        let radius = (width / 2.0).max(0.5);
        let reach = radius.ceil() as i32;
        let disc = (-reach..=reach)
            .flat_map(|dy| (-reach..=reach).map(move |dx| (dx, dy)))
            .filter(|&(dx, dy)| ((dx * dx + dy * dy) as f64) <= radius * radius + 0.25)
            .collect();
        Brush { radius, disc }
    }

    /// How many pixels from a point of a line its dots reach, at most.
    pub fn reach(&self) -> i32 {
        self.radius.ceil() as i32
    }

    /// The stamp of dots of `layers` (brush, colour) laid one over the
    /// other, centred: put down with its corner at (⌊x⌋ − reach, ⌊y⌋ −
    /// reach), it gives the same pixels as a dot of each at (x, y), the
    /// reach being that of the widest brush (the second value).
    pub fn stack(layers: &[(&Brush, Rgba)]) -> (Stamp, i32) {
        let reach = layers
            .iter()
            .map(|(brush, _)| brush.radius.ceil() as i32)
            .max()
            .unwrap_or(0);
        let size = (2 * reach + 1) as usize;
        let mut pixmap = Pixmap::new(size, size);
        let centre = reach as f64 + 0.5;
        for (brush, color) in layers {
            pixmap.stroke_with(&[[centre, centre]], brush, &[], *color);
        }
        (Stamp::from_rgba(size, pixmap.data()), reach)
    }
}

/// Whether a dash pattern is "on" at distance `at` along the line.
fn on(at: f64, dash: &[f64], pattern: f64) -> bool {
    let mut left = at.rem_euclid(pattern);
    for (i, length) in dash.iter().enumerate() {
        if left < *length {
            return i % 2 == 0;
        }
        left -= length;
    }
    false
}

/// The part of segment a→b inside the rectangle, as fractions (t0, t1)
/// of the segment (Liang–Barsky); `None` when it misses.
fn clip(a: [f64; 2], b: [f64; 2], x0: f64, y0: f64, x1: f64, y1: f64) -> Option<(f64, f64)> {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a[0] - x0),
        (dx, x1 - a[0]),
        (-dy, a[1] - y0),
        (dy, y1 - a[1]),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some((t0, t1))
}
