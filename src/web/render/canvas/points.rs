//! The points of a frame: where each is stamped, and which of its pixels
//! show. Where thousands of points overlap, most of each is under opaque
//! pixels of points drawn after it: walking them from the last drawn to
//! the first with a [`Cover`], only the pixels that show are drawn, and a
//! point wholly under later ones is not drawn at all. The frame is the
//! same, pixel for pixel.

use super::looks::Pens;
use super::paint::View;
use crate::draw::projected::{mercator, Projected, Shape};
use crate::draw::raster::{Cover, Pixmap, Stamp};
use crate::space::journeys::Unit;

/// A point to stamp: its stamp's top left corner, its style, and where
/// the masks of its pixels to draw begin ([`HIDDEN`] when none are).
type Spot = (i32, i32, u16, u32);

/// Where the masks of a point wholly under later points begin: nowhere.
const HIDDEN: u32 = u32::MAX;

/// The points of the frame being drawn; kept between frames as scratch.
#[derive(Default)]
pub(super) struct Points {
    /// The points, then the dots of units under way (drawn last, in the
    /// style of their route), from `units` on.
    spots: Vec<Spot>,
    units: usize,
    /// Per point drawn, a mask of the columns to draw in each row of its
    /// stamp.
    masks: Vec<u64>,
    /// What the points cover: once they are placed, every opaque pixel
    /// of them (a line or area wholly under it need not be drawn).
    cover: Cover,
}

impl Points {
    /// Places the points of the features of `buckets` (one per style, in
    /// the order drawn) on a pixmap of `size`, then the dots of `units`
    /// under way (each with its route's style), and finds what of each
    /// shows.
    pub(super) fn place(
        &mut self,
        buckets: &[Vec<u32>],
        projected: &Projected,
        pens: &Pens,
        (view, ratio): (&View, f64),
        size: (usize, usize),
        units: &[(Unit, usize)],
    ) {
        self.spots.clear();
        for (look, bucket) in buckets.iter().enumerate() {
            let stamp = &pens.looks[look].2;
            let mut spot = |world| {
                if let Some((x, y)) = corner(view.at(world, ratio), stamp, size) {
                    self.spots.push((x, y, look as u16, HIDDEN));
                }
            };
            for &i in bucket {
                if let Some(world) = projected.dot(i as usize) {
                    spot(world);
                    continue;
                }
                let parts = projected.parts(i as usize);
                for part in parts.iter().filter(|p| p.shape == Shape::Point) {
                    if let Some(&world) = projected.coords(part).first() {
                        spot(world);
                    }
                }
            }
        }
        self.units = self.spots.len();
        // A unit's dot is centred as a stroke's dots are (see
        // `Brush::stack`).
        let dots = units.iter().map(|(unit, look)| {
            let [x, y] = view.at(mercator(unit.at), ratio);
            let reach = pens.movers[*look].1;
            let (x, y) = (x.floor() as i32 - reach, y.floor() as i32 - reach);
            (x, y, *look as u16, HIDDEN)
        });
        self.spots.extend(dots);
        self.cover.reset(size.0, size.1);
        self.masks.clear();
        for (n, spot) in self.spots.iter_mut().enumerate().rev() {
            let at = self.masks.len() as u32;
            let stamp = stamp_of(pens, n >= self.units, spot.2);
            let seen = self.cover.take(stamp, spot.0, spot.1, &mut self.masks);
            spot.3 = if seen { at } else { HIDDEN };
        }
    }

    pub(super) fn cover(&self) -> &Cover {
        &self.cover
    }

    /// Draws what shows of the points placed last (a hidden one has no
    /// masks: [`HIDDEN`] is past their end).
    pub(super) fn stamp(&self, pixmap: &mut Pixmap, pens: &Pens) {
        for &spot in &self.spots[..self.units] {
            draw(spot, stamp_of(pens, false, spot.2), &self.masks, pixmap);
        }
    }

    /// Draws what shows of the dot of unit `n` placed last.
    pub(super) fn stamp_unit(&self, n: usize, pixmap: &mut Pixmap, pens: &Pens) {
        if let Some(&spot) = self.spots.get(self.units + n) {
            draw(spot, stamp_of(pens, true, spot.2), &self.masks, pixmap);
        }
    }
}

/// The stamp of style `look`: a point's, or a unit's dot.
fn stamp_of(pens: &Pens, unit: bool, look: u16) -> &Stamp {
    let look = look as usize;
    if unit {
        &pens.movers[look].0
    } else {
        &pens.looks[look].2
    }
}

/// Stamps what shows of `spot` with `stamp`; nothing of a hidden one.
fn draw((x, y, _, at): Spot, stamp: &Stamp, masks: &[u64], pixmap: &mut Pixmap) {
    if let Some(masks) = masks.get(at as usize..) {
        pixmap.stamp_masked(stamp, x, y, masks);
    }
}

/// Where a point at device pixel `at` is stamped with `stamp` (its top
/// left corner), if it reaches a pixmap of `size`.
fn corner([x, y]: [f64; 2], stamp: &Stamp, size: (usize, usize)) -> Option<(i32, i32)> {
    let half = stamp.size as f64 / 2.0;
    let (w, h) = (size.0 as f64, size.1 as f64);
    if x < -half || y < -half || x > w + half || y > h + half {
        return None;
    }
    // (`round` is a call in wasm; this is the same but at halves below
    // zero.)
    Some((
        (x - half + 0.5).floor() as i32,
        (y - half + 0.5).floor() as i32,
    ))
}
