//! A small rasterizer for drawing many features into one block of pixels:
//! filled polygons (even-odd), thick dashed lines with round ends, and
//! copies of small images. Pixels are RGBA with straight (not
//! premultiplied) alpha, as a canvas's `ImageData` holds them, so that a
//! page puts a whole frame with one call.
//!
//! No anti-aliasing: at the map's sizes (points 10 pixels wide, lines 2–3)
//! it costs more than it shows.

mod cover;
mod stroke;

pub use cover::{reach_of, Cover};
pub use stroke::Brush;

/// An RGBA colour, straight alpha.
pub type Rgba = [u8; 4];

/// `#rrggbb` as RGB; black for anything else.
///
/// ```
/// assert_eq!(troopmap::draw::raster::hex("#1d4e89"), [0x1d, 0x4e, 0x89]);
/// ```
pub fn hex(color: &str) -> [u8; 3] {
    let digits = color.trim_start_matches('#');
    let channel = |i: usize| {
        digits
            .get(i..i + 2)
            .and_then(|d| u8::from_str_radix(d, 16).ok())
            .unwrap_or(0)
    };
    [channel(0), channel(2), channel(4)]
}

/// A small image to copy: its size, its pixels, and, when it is at most
/// 64 pixels wide, a bit per column of each row with ink and with opaque
/// ink (what a [`Cover`] reads).
#[derive(Debug, Clone, Default)]
pub struct Stamp {
    pub size: usize,
    /// Its pixels, row by row.
    pixels: Vec<Rgba>,
    /// Per row: its columns with ink (none when over 64 pixels wide).
    ink: Vec<u64>,
    /// Per row: its columns with opaque ink.
    opaque: Vec<u64>,
}

impl Stamp {
    /// The stamp of a `size` × `size` RGBA image.
    pub fn from_rgba(size: usize, rgba: &[u8]) -> Stamp {
        let pixels: Vec<Rgba> = rgba
            .chunks_exact(4)
            .take(size * size)
            .map(|p| [p[0], p[1], p[2], p[3]])
            .collect();
        let (mut ink, mut opaque) = (Vec::new(), Vec::new());
        if size <= 64 {
            for row in pixels.chunks(size.max(1)) {
                let bits = |test: fn(u8) -> bool| {
                    (row.iter().enumerate())
                        .filter(|(_, p)| test(p[3]))
                        .fold(0u64, |bits, (col, _)| bits | 1 << col)
                };
                ink.push(bits(|a| a > 0));
                opaque.push(bits(|a| a == 255));
            }
        }
        Stamp {
            size,
            pixels,
            ink,
            opaque,
        }
    }
}

/// A block of pixels, and the rectangle that was drawn on since it was
/// last cleared.
#[derive(Debug, Clone, Default)]
pub struct Pixmap {
    width: usize,
    height: usize,
    /// Row by row: whole pixels, each written at once.
    data: Vec<Rgba>,
    /// (x0, y0, x1, y1), exclusive ends; empty when x1 <= x0.
    drawn: (i32, i32, i32, i32),
}

impl Pixmap {
    pub fn new(width: usize, height: usize) -> Pixmap {
        let mut pixmap = Pixmap::default();
        pixmap.resize(width, height);
        pixmap
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// The pixels, row by row, RGBA.
    pub fn data(&self) -> &[u8] {
        self.data.as_flattened()
    }

    /// The rectangle drawn on since the last clear: x, y, width, height.
    pub fn drawn(&self) -> Option<(usize, usize, usize, usize)> {
        let (x0, y0, x1, y1) = self.drawn;
        (x1 > x0 && y1 > y0).then(|| {
            (
                x0 as usize,
                y0 as usize,
                (x1 - x0) as usize,
                (y1 - y0) as usize,
            )
        })
    }

    /// Makes the pixmap `width` × `height`, cleared.
    pub fn resize(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        // Zeroed memory from the allocator, which need not clear fresh
        // pages.
        self.data = vec![[0; 4]; width * height];
        self.drawn = (0, 0, 0, 0);
    }

    /// Makes every pixel transparent again: only those drawn on are touched.
    pub fn clear(&mut self) {
        if let Some((x, y, w, h)) = self.drawn() {
            for row in y..y + h {
                let start = row * self.width + x;
                self.data[start..start + w].fill([0; 4]);
            }
        }
        self.drawn = (0, 0, 0, 0);
    }

    fn note(&mut self, x0: i32, y0: i32, x1: i32, y1: i32) {
        let (a, b, c, d) = self.drawn;
        self.drawn = if c <= a {
            (x0, y0, x1, y1)
        } else {
            (a.min(x0), b.min(y0), c.max(x1), d.max(y1))
        };
    }

    /// The pixel at (x, y): RGBA; `None` outside.
    pub fn pixel(&self, x: i32, y: i32) -> Option<Rgba> {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return None;
        }
        Some(self.data[y as usize * self.width + x as usize])
    }

    /// Copies `stamp` with its top left corner at (x, y), over what is there.
    pub fn stamp(&mut self, stamp: &Stamp, x: i32, y: i32) {
        if !stamp.ink.is_empty() {
            return self.stamp_masked(stamp, x, y, &stamp.ink);
        }
        let (w, h) = (self.width as i32, self.height as i32);
        let size = stamp.size as i32;
        for (i, &color) in stamp.pixels.iter().enumerate() {
            let (px, py) = (x + i as i32 % size, y + i as i32 / size);
            if color[3] == 0 || px < 0 || py < 0 || px >= w || py >= h {
                continue;
            }
            blend(
                &mut self.data[py as usize * self.width + px as usize],
                color,
            );
        }
        if x < w && y < h && x + size > 0 && y + size > 0 {
            self.note(x.max(0), y.max(0), (x + size).min(w), (y + size).min(h));
        }
    }

    /// Copies the pixels of `stamp` (with its top left corner at (x, y))
    /// that `masks` holds, a mask of columns per row (see
    /// [`Cover::take`]); the others are left as they are.
    pub fn stamp_masked(&mut self, stamp: &Stamp, x: i32, y: i32, masks: &[u64]) {
        if stamp.ink.is_empty() {
            return self.stamp(stamp, x, y);
        }
        let (w, h) = (self.width as i32, self.height as i32);
        let size = stamp.size;
        let (mut x0, mut y0, mut x1, mut y1) = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
        for (row, &mask) in masks.iter().enumerate().take(size) {
            let py = y + row as i32;
            if mask == 0 || py < 0 || py >= h {
                continue;
            }
            let line = &stamp.pixels[row * size..(row + 1) * size];
            // Run by run of the mask's bits, cut to the pixmap.
            let mut bits = mask;
            while bits != 0 {
                let from = bits.trailing_zeros() as i32;
                let to = from + (!(bits >> from)).trailing_zeros() as i32;
                bits = if to >= 64 { 0 } else { bits & (u64::MAX << to) };
                let (from, to) = (from.max(-x), to.min(w - x));
                if from >= to {
                    continue;
                }
                let start = py as usize * self.width + (x + from) as usize;
                let span = &mut self.data[start..start + (to - from) as usize];
                for (target, &color) in span.iter_mut().zip(&line[from as usize..]) {
                    blend(target, color);
                }
                x0 = x0.min(x + from);
                x1 = x1.max(x + to);
                y0 = y0.min(py);
                y1 = y1.max(py + 1);
            }
        }
        if x1 > x0 {
            self.note(x0, y0, x1, y1);
        }
    }

    /// Fills the area inside `rings` (even-odd: a ring inside another is a
    /// hole), sampling each pixel at its centre.
    ///
    /// Each edge is looked at only in the rows it crosses (an edge list
    /// sorted by first row, and the edges active in a row), so that a
    /// country of thousands of edges fills in time proportional to its
    /// edges plus its rows, not their product.
    pub fn fill(&mut self, rings: &[&[[f64; 2]]], color: Rgba) {
        let rows = self.height as i64;
        // (first row, end row, a, b) of each edge that crosses a row's
        // centre inside the pixmap: the rows whose centre y has
        // min <= y < max.
        let mut edges: Vec<(i64, i64, [f64; 2], [f64; 2])> = Vec::new();
        for ring in rings {
            let n = ring.len();
            for i in 0..n {
                let (a, b) = (ring[i], ring[(i + 1) % n]);
                let (low, high) = (a[1].min(b[1]), a[1].max(b[1]));
                // A level edge crosses no row's centre. (An edge with an
                // end not a number is left out; before, it made a crossing
                // of NaN. The map's points are always numbers.)
                if low.partial_cmp(&high) != Some(std::cmp::Ordering::Less) {
                    continue;
                }
                let first = ((low - 0.5).ceil() as i64).max(0);
                let end = ((high - 0.5).ceil() as i64).min(rows);
                if first < end {
                    edges.push((first, end, a, b));
                }
            }
        }
        if edges.is_empty() {
            return;
        }
        crate::sort::sort_by(&mut edges, |a, b| a.0 < b.0); // equal firsts are alike
        let first = edges[0].0;
        let last = edges.iter().map(|e| e.1).max().unwrap_or(first);
        let mut active: Vec<(i64, [f64; 2], [f64; 2])> = Vec::new();
        let mut next = 0;
        let mut crossings: Vec<f64> = Vec::new();
        let (mut x0, mut x1) = (i32::MAX, i32::MIN);
        for row in first..last {
            active.retain(|e| e.0 > row);
            while next < edges.len() && edges[next].0 <= row {
                let (_, end, a, b) = edges[next];
                active.push((end, a, b));
                next += 1;
            }
            let y = row as f64 + 0.5;
            crossings.clear();
            crossings.extend(
                active
                    .iter()
                    .map(|&(_, a, b)| a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1])),
            );
            crate::sort::sort_by(&mut crossings, |a, b| a.total_cmp(b).is_lt()); // equal ones are alike
            for pair in crossings.chunks_exact(2) {
                let from = (pair[0] - 0.5).ceil().max(0.0) as i32;
                let to = ((pair[1] - 0.5).floor() as i32).min(self.width as i32 - 1);
                if to < from {
                    continue;
                }
                x0 = x0.min(from);
                x1 = x1.max(to + 1);
                let start = row as usize * self.width + from as usize;
                let span = &mut self.data[start..start + (to - from + 1) as usize];
                for target in span {
                    blend(target, color);
                }
            }
        }
        if x1 > x0 {
            self.note(x0, first as i32, x1, last as i32);
        }
    }
}

/// Blends `color` over the pixel `target` (RGBA, straight alpha).
#[inline(always)]
fn blend(target: &mut Rgba, color: Rgba) {
    let alpha = color[3] as u32;
    if alpha == 255 || target[3] == 0 {
        *target = color;
        return;
    }
    if alpha == 0 {
        return;
    }
    if target[3] == 255 {
        // Over opaque ink: the result is opaque.
        let keep = 255 - alpha;
        for c in 0..3 {
            target[c] = ((color[c] as u32 * alpha + target[c] as u32 * keep + 127) / 255) as u8;
        }
        return;
    }
    let under = target[3] as u32 * (255 - alpha);
    let out = alpha * 255 + under;
    for c in 0..3 {
        target[c] = ((color[c] as u32 * alpha * 255 + target[c] as u32 * under) / out) as u8;
    }
    target[3] = (out / 255) as u8;
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_stack_of_dots_stamps_the_pixels_of_the_dots() {
        let (outer, inner) = (Brush::round(16.0), Brush::round(12.0));
        let layers = [(&outer, [255, 255, 255, 255]), (&inner, [200, 30, 10, 255])];
        let (stamp, reach) = Brush::stack(&layers);
        // Inside, and over each edge.
        for (x, y) in [
            (20.3, 17.8),
            (20.5, 20.5),
            (2.2, 30.0),
            (38.9, 1.0),
            (-3.0, 20.0),
        ] {
            let (mut dots, mut stamped) = (Pixmap::new(40, 40), Pixmap::new(40, 40));
            for (brush, color) in layers {
                dots.stroke_with(&[[x, y]], brush, &[], color);
            }
            let (cx, cy) = (f64::floor(x) as i32, f64::floor(y) as i32);
            stamped.stamp(&stamp, cx - reach, cy - reach);
            assert_eq!(dots.data(), stamped.data(), "at ({x}, {y})");
        }
    }

    use super::*;

    const RED: Rgba = [255, 0, 0, 255];

    fn inked(p: &Pixmap) -> usize {
        p.data().chunks_exact(4).filter(|px| px[3] > 0).count()
    }

    #[test]
    fn a_square_is_filled_exactly_and_a_hole_stays_empty() {
        let mut p = Pixmap::new(20, 20);
        let outer: &[[f64; 2]] = &[[2.0, 2.0], [12.0, 2.0], [12.0, 12.0], [2.0, 12.0]];
        p.fill(&[outer], RED);
        assert_eq!(inked(&p), 100);
        assert_eq!(p.pixel(2, 2), Some(RED));
        assert_eq!(p.pixel(12, 12).map(|c| c[3]), Some(0));
        assert_eq!(p.drawn(), Some((2, 2, 10, 10)));
        let mut q = Pixmap::new(20, 20);
        let hole: &[[f64; 2]] = &[[5.0, 5.0], [9.0, 5.0], [9.0, 9.0], [5.0, 9.0]];
        q.fill(&[outer, hole], RED);
        assert_eq!(inked(&q), 100 - 16);
        assert_eq!(q.pixel(6, 6).map(|c| c[3]), Some(0));
    }

    #[test]
    fn translucent_colour_blends_over_what_is_there() {
        let mut p = Pixmap::new(4, 4);
        let all: &[[f64; 2]] = &[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]];
        p.fill(&[all], [0, 0, 255, 255]);
        p.fill(&[all], [255, 0, 0, 128]);
        let [r, g, b, a] = p.pixel(1, 1).unwrap_or_default();
        assert_eq!((g, a), (0, 255));
        assert!(
            (126..=129).contains(&r) && (126..=129).contains(&b),
            "{r} {b}"
        );
    }

    #[test]
    fn a_line_is_as_wide_as_asked_and_dashes_leave_gaps() {
        let mut solid = Pixmap::new(40, 10);
        solid.stroke(&[[5.0, 5.0], [35.0, 5.0]], 3.0, &[], RED);
        // 3 pixels wide along the line.
        assert_eq!(solid.pixel(20, 4), Some(RED));
        assert_eq!(solid.pixel(20, 6), Some(RED));
        assert_eq!(solid.pixel(20, 8).map(|c| c[3]), Some(0));
        let mut dashed = Pixmap::new(40, 10);
        dashed.stroke(&[[5.0, 5.0], [35.0, 5.0]], 3.0, &[4.0, 6.0], RED);
        let row: Vec<bool> = (0..40)
            .map(|x| dashed.pixel(x, 5).is_some_and(|c| c[3] > 0))
            .collect();
        assert!(row[5] && !row[12] && row[16], "{row:?}");
        assert!(inked(&dashed) < inked(&solid));
    }

    #[test]
    fn a_diagonal_line_keeps_its_width() {
        for width in [3.0, 6.0] {
            let mut p = Pixmap::new(60, 60);
            p.stroke(&[[5.3, 5.3], [55.3, 55.3]], width, &[], RED);
            // Across the line (pixels on the other diagonal lie 1.41 apart),
            // at every point along it, as many pixels of ink as its width
            // allows: no pinch where two dots barely touch.
            let least = if width > 3.0 { 3 } else { 2 };
            for t in 10..50 {
                let across = (-6..=6)
                    .filter(|d| p.pixel(t + d, t - d).is_some_and(|c| c[3] > 0))
                    .count();
                assert!(
                    across >= least,
                    "{across} pixels across at {t}, width {width}"
                );
            }
        }
    }

    #[test]
    fn lines_far_outside_cost_nothing_and_draw_nothing() {
        let mut p = Pixmap::new(10, 10);
        p.stroke(&[[-1e9, -1e9], [-1e9 + 1.0, 1e9]], 3.0, &[], RED);
        assert_eq!(inked(&p), 0);
        assert_eq!(p.drawn(), None);
        // Crossing the pixmap: only the crossing part is drawn.
        p.stroke(&[[-1e6, 5.0], [1e6, 5.0]], 1.0, &[], RED);
        assert_eq!(p.pixel(0, 5), Some(RED));
        assert_eq!(p.pixel(9, 5), Some(RED));
    }

    #[test]
    fn a_stamp_blends_alike_inside_and_cut_at_an_edge() {
        // Opaque, translucent and empty pixels mixed along its rows.
        let rgba: Vec<u8> = (0..16u8)
            .flat_map(|i| {
                [
                    i * 15,
                    100,
                    200 - i * 10,
                    [255, 0, 90, 180][usize::from(i % 4)],
                ]
            })
            .collect();
        let stamp = Stamp::from_rgba(4, &rgba);
        let under = [[0.0, 0.0], [9.0, 0.0], [9.0, 9.0], [0.0, 9.0]];
        let mut whole = Pixmap::new(9, 9);
        whole.fill(&[&under], [250, 10, 10, 120]);
        let mut cut = whole.clone();
        cut.resize(4, 4);
        cut.fill(&[&under], [250, 10, 10, 120]);
        whole.stamp(&stamp, 1, 1);
        cut.stamp(&stamp, 1, 1);
        for y in 1..4 {
            for x in 1..4 {
                assert_eq!(whole.pixel(x, y), cut.pixel(x, y), "({x}, {y})");
            }
        }
        // A translucent pixel over the translucent background: neither.
        let blended = whole.pixel(4, 1);
        assert_ne!(blended, Some([250, 10, 10, 120]));
        assert_ne!(blended, Some([45, 100, 170, 180]));
        assert!(blended.is_some_and(|c| c[3] > 180), "{blended:?}");
    }

    #[test]
    fn a_line_drawn_by_the_pen_is_the_line_drawn_dot_by_dot() {
        let lines: [&[[f64; 2]]; 4] = [
            &[[3.3, 4.1], [30.7, 22.4], [12.2, 35.9]],
            &[[-1.7, -0.9], [25.7, 17.4], [7.2, 30.9]],
            &[[38.5, 2.0], [41.0, 20.0], [20.0, 39.6]],
            &[[20.0, 20.0]],
        ];
        for line in lines {
            for dash in [&[][..], &[4.0, 3.0]] {
                for width in [1.0, 3.0, 6.0] {
                    let brush = Brush::round(width);
                    let mut by_pen = Pixmap::new(40, 40);
                    by_pen.walk(line, &brush, dash, [10, 20, 30, 255], true);
                    let mut by_dot = Pixmap::new(40, 40);
                    by_dot.walk(line, &brush, dash, [10, 20, 30, 255], false);
                    assert!(inked(&by_pen) > 0, "{line:?}");
                    assert_eq!(by_pen.data, by_dot.data, "{line:?} {dash:?} {width}");
                    // What it says it drew holds every pixel it drew.
                    let Some((x, y, w, h)) = by_pen.drawn() else {
                        panic!("nothing drawn");
                    };
                    for py in 0..40 {
                        for px in 0..40 {
                            let outside = px < x || py < y || px >= x + w || py >= y + h;
                            let ink = by_pen.pixel(px as i32, py as i32).is_some_and(|c| c[3] > 0);
                            assert!(
                                !(ink && outside),
                                "({px}, {py}) outside {:?}",
                                by_pen.drawn()
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_stamp_over_64_pixels_wide_is_copied_pixel_by_pixel() {
        // Every pixel a different colour, the first row empty.
        let rgba: Vec<u8> = (0..70 * 70u32)
            .flat_map(|i| {
                [
                    (i % 251) as u8,
                    (i / 70) as u8,
                    7,
                    if i < 70 { 0 } else { 255 },
                ]
            })
            .collect();
        let stamp = Stamp::from_rgba(70, &rgba);
        let mut p = Pixmap::new(20, 20);
        p.stamp(&stamp, -5, -1);
        for (x, y) in [(0, 0), (19, 19), (3, 7)] {
            let i = ((y + 1) * 70 + x + 5) as usize * 4;
            assert_eq!(
                p.pixel(x, y),
                Some([rgba[i], rgba[i + 1], rgba[i + 2], 255])
            );
        }
        assert_eq!(inked(&p), 400);
        assert_eq!(p.drawn(), Some((0, 0, 20, 20)));
    }

    #[test]
    fn a_stamp_is_copied_and_cut_at_the_edges_and_clear_empties_it() {
        let rgba: Vec<u8> = (0..9).flat_map(|_| [0u8, 200, 0, 255]).collect();
        let stamp = Stamp::from_rgba(3, &rgba);
        let mut inside = Pixmap::new(5, 5);
        inside.stamp(&stamp, 1, 1);
        assert_eq!(inked(&inside), 9);
        assert_eq!(inside.pixel(3, 3), Some([0, 200, 0, 255]));
        assert_eq!(inside.pixel(4, 4).map(|c| c[3]), Some(0));
        let mut p = Pixmap::new(5, 5);
        p.stamp(&stamp, -1, -1);
        assert_eq!(inked(&p), 4);
        p.stamp(&stamp, 3, 3);
        assert_eq!(inked(&p), 8);
        assert_eq!(p.drawn(), Some((0, 0, 5, 5)));
        p.clear();
        assert_eq!(inked(&p), 0);
        assert_eq!(p.drawn(), None);
    }
}
