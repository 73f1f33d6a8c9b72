//! Framing what the map should show: where to move a web map's view
//! (Web Mercator, as Leaflet draws it) so that a box comes into the part
//! of the map that panels over it leave clear, and how much room those
//! panels take.
//!
//! # Units
//! Places are degrees, x = longitude, y = latitude. The screen is CSS
//! pixels, x to the right, y down. Zoom levels are Leaflet's: the world is
//! 256 × 2^zoom pixels wide.

use geo::{coord, Coord, Rect};

/// The zoom that following goes no closer than (as the map opens on data).
pub const MAX_ZOOM: f64 = 7.0;
/// The map's widest zoom.
pub const MIN_ZOOM: f64 = 2.0;
/// How many zoom levels following may zoom out to keep what is in view
/// along with what comes; further, it goes to what comes alone.
pub const MAX_ZOOM_OUT: f64 = 2.0;
/// The room kept between what comes into view and the clear part's edge.
pub const MARGIN_PX: f64 = 30.0;
/// Web Mercator's latitude limit.
const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// A rectangle of the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screen {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// The room panels take at each edge of the map.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Padding {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

impl Padding {
    /// The room `panels` (where they lie on the screen) take over `map`,
    /// and `gap` more beside each: a panel takes the band along the edge
    /// that costs the map least to keep clear of it (a tall one on the
    /// right, the right; a wide one at the foot, the foot; one in a corner,
    /// the smaller band). Panels beside the map, and panels that would
    /// leave less than half the map clear (a dialog over it), take none.
    ///
    /// ```
    /// use troopmap::space::framing::{Padding, Screen};
    /// let map = Screen { left: 0.0, top: 0.0, right: 1280.0, bottom: 800.0 };
    /// let legend = Screen { left: 1000.0, top: 12.0, right: 1224.0, bottom: 500.0 };
    /// let timeline = Screen { left: 280.0, top: 680.0, right: 1000.0, bottom: 776.0 };
    /// let below = Screen { left: 0.0, top: 800.0, right: 1280.0, bottom: 900.0 };
    /// // In the top left corner, nearer the top: its band along the left
    /// // costs less of the map.
    /// let corner = Screen { left: 56.0, top: 12.0, right: 306.0, bottom: 224.0 };
    /// let padding = Padding::clear_of(map, &[legend, timeline, below, corner], 20.0);
    /// assert_eq!(padding, Padding { top: 0.0, right: 300.0, bottom: 140.0, left: 326.0 });
    /// ```
    pub fn clear_of(map: Screen, panels: &[Screen], gap: f64) -> Padding {
        let mut padding = Padding::default();
        for panel in panels {
            let overlaps = panel.left < map.right
                && panel.right > map.left
                && panel.top < map.bottom
                && panel.bottom > map.top;
            if !overlaps {
                continue;
            }
            let (wide, high) = (map.right - map.left, map.bottom - map.top);
            // Each edge's band: its depth, how deep the map is that way,
            // and what it takes of the map (its depth times its length).
            let sides = [
                (panel.bottom - map.top, high, wide),
                (map.right - panel.left, wide, high),
                (map.bottom - panel.top, high, wide),
                (panel.right - map.left, wide, high),
            ];
            let Some((side, &(room, across, _))) = sides
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 .0 * a.1 .2).total_cmp(&(b.1 .0 * b.1 .2)))
            else {
                continue;
            };
            if room > across / 2.0 {
                continue;
            }
            let room = room + gap;
            let edge = match side {
                0 => &mut padding.top,
                1 => &mut padding.right,
                2 => &mut padding.bottom,
                _ => &mut padding.left,
            };
            *edge = edge.max(room);
        }
        padding
    }
}

/// A map's view: its centre, zoom and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub center: Coord<f64>,
    pub zoom: f64,
    pub width: f64,
    pub height: f64,
}

/// Where to move the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move {
    pub center: Coord<f64>,
    pub zoom: f64,
    /// A short move at the same zoom: a pan, not a flight.
    pub pan: bool,
}

/// Where to move `view` so that `target` lies in its part clear of
/// `padding`; `None` when it lies there already.
///
/// Near enough to bring in by a pan of at most half the map, at the same
/// zoom, it is panned in (just in, [`MARGIN_PX`] from the edge). Else the
/// view zooms out to keep what is in view and the target, when that is
/// within [`MAX_ZOOM_OUT`] levels; else it goes to the target alone,
/// centred, at the zoom shown or further out if the target needs it
/// (never closer than [`MAX_ZOOM`]).
///
/// ```
/// use geo::{coord, Rect};
/// use troopmap::space::framing::{follow, Padding, View};
/// let view = View { center: coord! { x: 130.0, y: 42.0 }, zoom: 5.0, width: 1280.0, height: 800.0 };
/// let padding = Padding { top: 30.0, right: 300.0, bottom: 140.0, left: 320.0 };
/// let vladivostok = Rect::new(coord! { x: 131.9, y: 43.1 }, coord! { x: 131.9, y: 43.1 });
/// assert_eq!(follow(&view, &padding, vladivostok), None);
/// // Kursk, far to the west: the view flies there.
/// let kursk = Rect::new(coord! { x: 36.19, y: 51.73 }, coord! { x: 36.19, y: 51.73 });
/// let to = follow(&view, &padding, kursk).unwrap();
/// assert!(!to.pan && to.zoom <= 5.0);
/// assert_eq!(follow(&troopmap::space::framing::View { center: to.center, zoom: to.zoom, ..view }, &padding, kursk), None);
/// ```
pub fn follow(view: &View, padding: &Padding, target: Rect<f64>) -> Option<Move> {
    let zoom = view.zoom;
    let clear = clear_part(view, padding, zoom);
    let box_ = pixels(target, zoom);
    let inside = box_.left >= clear.left
        && box_.right <= clear.right
        && box_.top >= clear.top
        && box_.bottom <= clear.bottom;
    if inside {
        return None;
    }
    // A pan, when it is short.
    if let Some((dx, dy)) = shift(&box_, &clear) {
        if dx.abs() <= view.width / 2.0 && dy.abs() <= view.height / 2.0 {
            let center = project(view.center, zoom);
            return Some(Move {
                center: unproject(coord! { x: center.x + dx, y: center.y + dy }, zoom),
                zoom,
                pan: true,
            });
        }
    }
    // What is in view and the target, not too far out.
    let seen = Rect::new(
        unproject(coord! { x: clear.left, y: clear.bottom }, zoom),
        unproject(coord! { x: clear.right, y: clear.top }, zoom),
    );
    let both = union(seen, target);
    let out = fit_zoom(both, view, padding).min(zoom);
    if zoom - out <= MAX_ZOOM_OUT {
        return Some(fly_to(both, out, padding));
    }
    let alone = fit_zoom(target, view, padding).min(zoom);
    Some(fly_to(target, alone, padding))
}

/// The part of the map clear of `padding`, in world pixels at `zoom`.
fn clear_part(view: &View, padding: &Padding, zoom: f64) -> Screen {
    let center = project(view.center, zoom);
    let (left, top) = (center.x - view.width / 2.0, center.y - view.height / 2.0);
    Screen {
        left: left + padding.left,
        top: top + padding.top,
        right: left + view.width - padding.right,
        bottom: top + view.height - padding.bottom,
    }
}

/// The shortest move of the view that brings `box_` into `clear`, with
/// [`MARGIN_PX`] to spare where there is room; `None` when it cannot fit.
fn shift(box_: &Screen, clear: &Screen) -> Option<(f64, f64)> {
    let along = |low: f64, high: f64, from: f64, to: f64| {
        let room = (to - from) - (high - low);
        if room < 0.0 {
            return None;
        }
        let margin = MARGIN_PX.min(room / 2.0);
        Some(if low < from + margin {
            low - (from + margin)
        } else if high > to - margin {
            high - (to - margin)
        } else {
            0.0
        })
    };
    Some((
        along(box_.left, box_.right, clear.left, clear.right)?,
        along(box_.top, box_.bottom, clear.top, clear.bottom)?,
    ))
}

/// The view centred so that `target`'s middle is the clear part's, at
/// `zoom`.
fn fly_to(target: Rect<f64>, zoom: f64, padding: &Padding) -> Move {
    let box_ = pixels(target, zoom);
    let middle = coord! {
        x: (box_.left + box_.right) / 2.0,
        y: (box_.top + box_.bottom) / 2.0,
    };
    // The clear part's middle lies this far from the map's.
    let offset = coord! {
        x: (padding.left - padding.right) / 2.0,
        y: (padding.top - padding.bottom) / 2.0,
    };
    Move {
        center: unproject(
            coord! { x: middle.x - offset.x, y: middle.y - offset.y },
            zoom,
        ),
        zoom,
        pan: false,
    }
}

/// The closest whole zoom (within [`MIN_ZOOM`] and [`MAX_ZOOM`]) at which
/// `target` fits the clear part of the view, with [`MARGIN_PX`] around.
fn fit_zoom(target: Rect<f64>, view: &View, padding: &Padding) -> f64 {
    let room_x = view.width - padding.left - padding.right - 2.0 * MARGIN_PX;
    let room_y = view.height - padding.top - padding.bottom - 2.0 * MARGIN_PX;
    let at_zero = pixels(target, 0.0);
    let (wide, high) = (at_zero.right - at_zero.left, at_zero.bottom - at_zero.top);
    let scale = [(room_x, wide), (room_y, high)]
        .iter()
        .filter(|(_, size)| *size > 0.0)
        .map(|(room, size)| room.max(1.0) / size)
        .fold(f64::INFINITY, f64::min);
    scale.log2().floor().clamp(MIN_ZOOM, MAX_ZOOM)
}

fn union(a: Rect<f64>, b: Rect<f64>) -> Rect<f64> {
    Rect::new(
        coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
        coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
    )
}

/// `rect` in world pixels at `zoom`.
fn pixels(rect: Rect<f64>, zoom: f64) -> Screen {
    let (low, high) = (project(rect.min(), zoom), project(rect.max(), zoom));
    Screen {
        left: low.x,
        top: high.y,
        right: high.x,
        bottom: low.y,
    }
}

/// A place in world pixels at `zoom` (Web Mercator, as Leaflet's
/// EPSG:3857).
///
/// ```
/// use geo::coord;
/// use troopmap::space::framing::{project, unproject};
/// assert_eq!(project(coord! { x: 0.0, y: 0.0 }, 0.0), coord! { x: 128.0, y: 128.0 });
/// let kursk = coord! { x: 36.19, y: 51.73 };
/// let back = unproject(project(kursk, 7.0), 7.0);
/// assert!((back.x - kursk.x).abs() < 1e-9 && (back.y - kursk.y).abs() < 1e-9);
/// ```
pub fn project(place: Coord<f64>, zoom: f64) -> Coord<f64> {
    let size = 256.0 * zoom.exp2();
    let lat = place.y.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let y = super::trig::tan(std::f64::consts::FRAC_PI_4 + lat / 2.0).ln();
    coord! {
        x: (place.x + 180.0) / 360.0 * size,
        y: (1.0 - y / std::f64::consts::PI) / 2.0 * size,
    }
}

/// The place at world pixel `point` at `zoom`: [`project`] undone.
pub fn unproject(point: Coord<f64>, zoom: f64) -> Coord<f64> {
    let size = 256.0 * zoom.exp2();
    let y = (1.0 - 2.0 * point.y / size) * std::f64::consts::PI;
    coord! {
        x: point.x / size * 360.0 - 180.0,
        y: (2.0 * y.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, y: f64) -> Rect<f64> {
        Rect::new(coord! { x: x, y: y }, coord! { x: x, y: y })
    }

    const PADDING: Padding = Padding {
        top: 30.0,
        right: 300.0,
        bottom: 140.0,
        left: 320.0,
    };

    fn view(x: f64, y: f64, zoom: f64) -> View {
        View {
            center: coord! { x: x, y: y },
            zoom,
            width: 1280.0,
            height: 800.0,
        }
    }

    /// Where `place` is on the screen (from the map's top left) in `view`.
    fn on_screen(view: &View, place: Coord<f64>) -> Coord<f64> {
        let (c, p) = (project(view.center, view.zoom), project(place, view.zoom));
        coord! { x: p.x - c.x + view.width / 2.0, y: p.y - c.y + view.height / 2.0 }
    }

    fn clear_on_screen(view: &View, place: Coord<f64>) -> bool {
        let at = on_screen(view, place);
        at.x >= PADDING.left - 1e-6
            && at.x <= view.width - PADDING.right + 1e-6
            && at.y >= PADDING.top - 1e-6
            && at.y <= view.height - PADDING.bottom + 1e-6
    }

    fn after(view: &View, to: Move) -> View {
        View {
            center: to.center,
            zoom: to.zoom,
            ..*view
        }
    }

    #[test]
    fn a_place_under_a_panel_is_brought_out_by_a_short_pan() {
        let from = view(130.0, 42.0, 6.0);
        // Just under the legend, on the right.
        let place = unproject(
            coord! {
                x: project(from.center, 6.0).x + 1280.0 / 2.0 - 150.0,
                y: project(from.center, 6.0).y,
            },
            6.0,
        );
        assert!(!clear_on_screen(&from, place));
        let to = follow(&from, &PADDING, point(place.x, place.y)).unwrap();
        assert!(to.pan && to.zoom == 6.0);
        let now = after(&from, to);
        assert!(clear_on_screen(&now, place));
        // Just in, with the margin to spare.
        let at = on_screen(&now, place);
        assert!(
            (at.x - (1280.0 - PADDING.right - MARGIN_PX)).abs() < 1e-6,
            "{at:?}"
        );
    }

    #[test]
    fn a_place_a_little_further_zooms_out_to_keep_the_view() {
        let from = view(130.0, 42.0, 6.0);
        // Beyond a pan of half the map at zoom 6, within one zoom level.
        let place = coord! { x: 100.0, y: 42.0 };
        let to = follow(&from, &PADDING, point(place.x, place.y)).unwrap();
        assert!(!to.pan && to.zoom < 6.0 && to.zoom >= 4.0, "{to:?}");
        let now = after(&from, to);
        assert!(clear_on_screen(&now, place));
        // What was in the clear part still is.
        assert!(clear_on_screen(&now, coord! { x: 130.0, y: 42.0 }));
    }

    #[test]
    fn kursk_from_korea_is_reached_and_shown_clear_of_the_panels() {
        let from = view(130.5, 41.5, 5.0);
        let kursk = coord! { x: 36.19, y: 51.73 };
        let to = follow(&from, &PADDING, point(kursk.x, kursk.y)).unwrap();
        let now = after(&from, to);
        assert!(clear_on_screen(&now, kursk), "{to:?}");
        assert!(to.zoom <= 5.0 && to.zoom >= MIN_ZOOM);
        assert_eq!(follow(&now, &PADDING, point(kursk.x, kursk.y)), None);
    }

    #[test]
    fn far_from_everything_in_view_it_goes_to_the_target_alone() {
        let from = view(130.0, 42.0, 7.0);
        let target = Rect::new(coord! { x: -77.1, y: 38.8 }, coord! { x: -73.9, y: 40.8 });
        let to = follow(&from, &PADDING, target).unwrap();
        // Not the whole world: the target alone, no closer than shown.
        assert!(to.zoom >= 5.0 && to.zoom <= 7.0, "{to:?}");
        let now = after(&from, to);
        assert!(clear_on_screen(&now, target.min()) && clear_on_screen(&now, target.max()));
        // Korea is out of view now.
        assert!(!clear_on_screen(&now, coord! { x: 130.0, y: 42.0 }));
    }

    #[test]
    fn a_target_wider_than_the_view_zooms_out_never_in() {
        let from = view(10.0, 50.0, 3.0);
        let europe = Rect::new(coord! { x: 4.4, y: 40.8 }, coord! { x: 30.5, y: 55.8 });
        assert_eq!(follow(&from, &PADDING, europe), None);
        let far = view(10.0, 50.0, 9.0);
        let to = follow(&far, &PADDING, europe).unwrap();
        assert!(to.zoom <= MAX_ZOOM && !to.pan);
        let now = after(&far, to);
        assert!(clear_on_screen(&now, europe.min()) && clear_on_screen(&now, europe.max()));
    }

    #[test]
    fn panels_beside_the_map_or_covering_it_take_no_room() {
        let map = Screen {
            left: 0.0,
            top: 0.0,
            right: 375.0,
            bottom: 600.0,
        };
        let beneath = Screen {
            left: 0.0,
            top: 600.0,
            right: 375.0,
            bottom: 700.0,
        };
        let dialog = Screen {
            left: 20.0,
            top: 20.0,
            right: 355.0,
            bottom: 580.0,
        };
        let chronology = Screen {
            left: 50.0,
            top: 48.0,
            right: 200.0,
            bottom: 80.0,
        };
        assert_eq!(
            Padding::clear_of(map, &[beneath, dialog, chronology], 10.0),
            Padding {
                top: 90.0,
                ..Padding::default()
            }
        );
    }
}
