//! Which pixels are already final: where many points overlap, most are
//! hidden under the opaque pixels of points drawn after them. Walking the
//! points from the last drawn to the first, a point whose every pixel is
//! under an opaque pixel of a later one need not be drawn: an opaque pixel
//! is copied, not blended, so what was under it never shows. The picture
//! is the same, pixel for pixel.

use super::Stamp;

/// One bit per pixel of a pixmap: set where an opaque pixel is drawn
/// later than what is being looked at. Each row has a word of set bits
/// on either side, so that a stamp over an edge needs no clipping: what
/// is outside is never drawn, and counts as covered.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    width: usize,
    height: usize,
    /// Words of bits per row; column `c` is bit `c + 64` of its row.
    stride: usize,
    bits: Vec<u64>,
}

/// The box (x0, y0, x1, y1, ends exclusive) of the pixels a line through
/// `points` may ink with a brush of that [`reach`](super::Brush::reach),
/// or a fill of the polygon through them with a reach of 1.
pub fn reach_of(points: &[[f64; 2]], reach: i32) -> [i32; 4] {
    let mut box_ = [i32::MAX, i32::MAX, i32::MIN, i32::MIN];
    for p in points {
        let (x, y) = (p[0].floor() as i32, p[1].floor() as i32);
        box_ = [
            box_[0].min(x - reach),
            box_[1].min(y - reach),
            box_[2].max(x + reach + 1),
            box_[3].max(y + reach + 1),
        ];
    }
    box_
}

/// A mask of the lowest `size` bits (all 64 from 64 on).
fn full(size: usize) -> u64 {
    if size >= 64 {
        u64::MAX
    } else {
        (1 << size) - 1
    }
}

impl Cover {
    /// Nothing covered, for a pixmap of `width` × `height`.
    pub fn reset(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        self.stride = (width + 128).div_ceil(64) + 1;
        self.bits.clear();
        self.bits.resize(self.stride * height, 0);
        // The margins: the word before column 0, and from column `width` on.
        let (word, bit) = ((width + 64) / 64, (width + 64) % 64);
        for row in self.bits.chunks_exact_mut(self.stride) {
            row[0] = u64::MAX;
            row[word] = !full(bit);
            row[word + 1..].fill(u64::MAX);
        }
    }

    /// The bits of the 64 columns from `x` of row `y`: all set outside
    /// the pixmap.
    fn window(&self, y: i32, x: i32) -> u64 {
        if y < 0 || y as usize >= self.height || x < -64 || x >= self.width as i32 {
            return u64::MAX;
        }
        let at = (x + 64) as usize;
        let (word, shift) = (y as usize * self.stride + at / 64, at % 64);
        (self.bits[word] >> shift) | ((self.bits[word + 1] << 1) << (63 - shift))
    }

    /// Sets the bits `mask` of the columns from `x` of row `y` (those
    /// inside the pixmap, or its margins).
    fn cover(&mut self, y: i32, x: i32, mask: u64) {
        if y < 0 || y as usize >= self.height || x < -64 || x >= self.width as i32 {
            return;
        }
        let at = (x + 64) as usize;
        let (word, shift) = (y as usize * self.stride + at / 64, at % 64);
        self.bits[word] |= mask << shift;
        self.bits[word + 1] |= (mask >> 1) >> (63 - shift);
    }

    /// The pixels of `stamp`, with its top left corner at (x, y), that no
    /// later opaque pixel covers: a mask of columns per row of the stamp,
    /// appended to `masks`; then covers its own opaque pixels. `false`,
    /// and nothing appended, when it is wholly covered. (A stamp over 64
    /// pixels wide is never covered and covers nothing: one empty mask.)
    pub fn take(&mut self, stamp: &Stamp, x: i32, y: i32, masks: &mut Vec<u64>) -> bool {
        if stamp.ink.is_empty() {
            masks.push(0);
            return true;
        }
        let first = masks.len();
        let mut seen = 0;
        for (row, &ink) in stamp.ink.iter().enumerate() {
            let left = ink & !self.window(y + row as i32, x);
            seen |= left;
            masks.push(left);
        }
        if seen == 0 {
            masks.truncate(first);
            return false;
        }
        for (row, &opaque) in stamp.opaque.iter().enumerate() {
            self.cover(y + row as i32, x, opaque);
        }
        true
    }

    /// Whether every pixel of the box from (x0, y0) to (x1, y1) (exclusive)
    /// is covered.
    pub fn hides_box(&self, [x0, y0, x1, y1]: [i32; 4]) -> bool {
        let (x0, x1) = (x0.max(0), x1.min(self.width as i32));
        (y0.max(0)..y1.min(self.height as i32)).all(|y| {
            (x0..x1).step_by(64).all(|x| {
                let n = (x1 - x).min(64) as usize;
                self.window(y, x) & full(n) == full(n)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Brush, Pixmap, Stamp};
    use super::*;

    /// Whether every pixel `pixmap` inked lies in `box_`.
    fn inside(pixmap: &Pixmap, [x0, y0, x1, y1]: [i32; 4]) -> bool {
        (0..pixmap.height() as i32).all(|y| {
            (0..pixmap.width() as i32).all(|x| {
                let ink = pixmap.pixel(x, y).is_some_and(|c| c[3] > 0);
                !ink || (x0..x1).contains(&x) && (y0..y1).contains(&y)
            })
        })
    }

    #[test]
    fn what_a_line_or_fill_inks_is_in_its_reach() {
        let shapes: [&[[f64; 2]]; 3] = [
            &[[3.3, 4.1], [30.7, 22.4], [12.2, 35.9]],
            &[[20.5, 20.5]],
            &[[10.0, 30.9], [39.6, 2.2], [25.1, 38.0], [4.4, 4.5]],
        ];
        for points in shapes {
            for width in [1.0, 2.0, 3.0, 4.0, 7.0] {
                let brush = Brush::round(width);
                for dash in [&[][..], &[4.0, 3.0]] {
                    let mut line = Pixmap::new(48, 48);
                    line.stroke_with(points, &brush, dash, [9, 9, 9, 255]);
                    assert!(
                        inside(&line, reach_of(points, brush.reach())),
                        "{points:?} {width}"
                    );
                }
            }
            let mut area = Pixmap::new(48, 48);
            area.fill(&[points], [9, 9, 9, 255]);
            assert!(inside(&area, reach_of(points, 1)), "{points:?}");
        }
    }

    /// A dot of `size` pixels: an opaque ring round a translucent middle,
    /// with empty corners.
    fn dot(size: usize) -> Stamp {
        let c = (size as f64 - 1.0) / 2.0;
        let rgba: Vec<u8> = (0..size * size)
            .flat_map(|i| {
                let (x, y) = ((i % size) as f64, (i / size) as f64);
                let r = (x - c).hypot(y - c);
                let alpha = if r > c + 0.3 {
                    0
                } else if r > c - 1.5 {
                    255
                } else {
                    200
                };
                [(i * 37 % 256) as u8, 90, 200, alpha]
            })
            .collect();
        Stamp::from_rgba(size, &rgba)
    }

    #[test]
    fn covered_bits_are_exactly_those_set_and_outside_is_covered() {
        let mut cover = Cover::default();
        cover.reset(130, 3);
        cover.cover(1, 60, full(10));
        for x in -70..140 {
            let inside = (0..130).contains(&x);
            let bit = cover.window(1, x) & 1 == 1;
            assert_eq!(bit, (60..70).contains(&x) || !inside, "{x}");
        }
        assert!(cover.hides_box([60, 1, 70, 2]));
        assert!(!cover.hides_box([59, 1, 70, 2]));
        assert!(!cover.hides_box([60, 0, 61, 2]));
        for x in -64..130 {
            cover.cover(2, x, 1);
        }
        assert!(cover.hides_box([-5, 2, 500, 3]));
        assert!(cover.hides_box([10, 2, 120, 9]));
        // Outside the pixmap counts as covered.
        assert!(cover.hides_box([0, -4, 10, 0]) && cover.hides_box([130, 0, 140, 3]));
        assert_eq!(cover.window(0, 120) & full(20), !full(10) & full(20));
    }

    /// Stamps drawn all, and drawn leaving out those the cover says are
    /// hidden, give the same pixels; and many are left out.
    #[test]
    fn leaving_out_hidden_stamps_changes_no_pixel() {
        let stamps = [dot(12), dot(9), dot(17)];
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % n) as i32
        };
        // Dense in the middle, some over the edges.
        let spots: Vec<(i32, i32, usize)> = (0..3000)
            .map(|_| (next(60) - 10, next(50) - 10, next(3) as usize))
            .collect();
        let (mut all, mut some) = (Pixmap::new(48, 40), Pixmap::new(48, 40));
        let mut cover = Cover::default();
        cover.reset(48, 40);
        let mut masks = Vec::new();
        let mut kept: Vec<Option<usize>> = vec![None; spots.len()];
        for (n, &(x, y, s)) in spots.iter().enumerate().rev() {
            let at = masks.len();
            kept[n] = cover.take(&stamps[s], x, y, &mut masks).then_some(at);
        }
        for (n, &(x, y, s)) in spots.iter().enumerate() {
            all.stamp(&stamps[s], x, y);
            if let Some(at) = kept[n] {
                some.stamp_masked(&stamps[s], x, y, &masks[at..]);
            }
        }
        assert_eq!(all.data(), some.data());
        let left = kept.iter().filter(|k| k.is_none()).count();
        assert!(left > 2000, "{left} of 3000 left out");
        // Of those drawn, most pixels are left out too.
        let drawn: u32 = masks.iter().map(|m| m.count_ones()).sum();
        let inked: usize = kept
            .iter()
            .zip(&spots)
            .filter(|(k, _)| k.is_some())
            .map(|(_, &(_, _, s))| stamps[s].pixels.iter().filter(|p| p[3] > 0).count())
            .sum();
        assert!(
            (drawn as usize) * 2 < inked,
            "{drawn} of {inked} pixels drawn"
        );
    }
}
