//! The basemap's land for the page's canvas: the countries' rings projected
//! to world pixels once, the first time each is in view; then, for each
//! view, written as one SVG path in the canvas's pixels for the browser to
//! fill and outline.

use geo::Coord;

use crate::draw::projected::mercator;

/// The map's opening view: its centre (latitude, longitude) and zoom. The
/// page opens there, and the picture of its land shown until the page has
/// drawn the land is made for it (`crate::native::opening`).
pub const OPENING: ([f64; 2], f64) = ([42.0, 130.0], 5.0);

/// One polygon: its rings (longitude, latitude) until first in view, then
/// the same in world pixels (zoom 0, as Leaflet's `project` at zoom 0);
/// and the box around them in world pixels (west, north, east, south).
struct Country {
    rings: Vec<Vec<Coord<f64>>>,
    projected: Option<Vec<Vec<[f64; 2]>>>,
    bounds: [f64; 4],
}

/// The land; a scratch ring kept between rings.
#[derive(Default)]
pub struct Land {
    countries: Vec<Country>,
    scratch: Vec<[f64; 2]>,
}

impl Land {
    /// The land of `polygons` (each its rings, longitude and latitude, and
    /// the box around them: west, south, east, north). Each is projected
    /// the first time it is in view: at the map's first view most of the
    /// world's points are not.
    ///
    /// ```
    /// use geo::Coord;
    /// let ring = vec![Coord { x: 0.0, y: 0.0 }, Coord { x: 10.0, y: 0.0 }, Coord { x: 0.0, y: 10.0 }];
    /// let land = troopmap::draw::land::Land::new([(vec![ring].as_slice(), [0.0, 0.0, 10.0, 10.0])].into_iter());
    /// assert_eq!(land.len(), 1);
    /// ```
    pub fn new<'a>(polygons: impl Iterator<Item = (&'a [Vec<Coord<f64>>], [f64; 4])>) -> Land {
        let countries = polygons
            .map(|(rings, [west, south, east, north])| {
                // Mercator keeps east east and north north: the box's
                // corners are the projected box's.
                let [west, north] = mercator(Coord { x: west, y: north });
                let [east, south] = mercator(Coord { x: east, y: south });
                Country {
                    rings: rings.to_vec(),
                    projected: None,
                    bounds: [west, north, east, south],
                }
            })
            .collect();
        Land {
            countries,
            scratch: Vec::new(),
        }
    }

    /// How many polygons it holds.
    pub fn len(&self) -> usize {
        self.countries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }

    /// Writes into `path` (emptied first) an SVG path of every polygon
    /// whose box `at` puts within `width` × `height` pixels, `at` taking
    /// world pixels to those: each ring a move, lines and a close, at
    /// whole pixels, outer rings clockwise and holes counter-clockwise.
    /// The page fills it (non-zero) and strokes it.
    pub fn path(
        &mut self,
        path: &mut String,
        width: f64,
        height: f64,
        at: impl Fn([f64; 2]) -> [f64; 2],
    ) {
        path.clear();
        self.rings(width, height, at, |_, ring| {
            for (i, &[x, y]) in ring.iter().enumerate() {
                path.push(if i == 0 { 'M' } else { 'L' });
                whole(path, x);
                path.push(' ');
                whole(path, y);
            }
            path.push('Z');
        });
    }

    /// Gives `each` the rings [`Land::path`] writes, in the same order:
    /// the polygon's number and the ring's points in pixels, simplified,
    /// outer rings clockwise and holes counter-clockwise.
    pub fn rings(
        &mut self,
        width: f64,
        height: f64,
        at: impl Fn([f64; 2]) -> [f64; 2],
        mut each: impl FnMut(usize, &[[f64; 2]]),
    ) {
        let ring = &mut self.scratch;
        for (polygon, country) in self.countries.iter_mut().enumerate() {
            let [west, north, east, south] = country.bounds;
            let (top_left, bottom_right) = (at([west, north]), at([east, south]));
            if bottom_right[0] < 0.0
                || top_left[0] > width
                || bottom_right[1] < 0.0
                || top_left[1] > height
            {
                continue;
            }
            let rings = country.projected.get_or_insert_with(|| {
                let project = |ring: &Vec<Coord<f64>>| ring.iter().map(|&c| mercator(c)).collect();
                // Held once: the longitudes and latitudes are not needed again.
                std::mem::take(&mut country.rings)
                    .iter()
                    .map(project)
                    .collect()
            });
            for (n, points) in rings.iter().enumerate() {
                simplify(points.iter().map(|&c| at(c)), ring);
                if ring.len() < 3 {
                    continue;
                }
                // Outer rings one way round, holes the other: filled by the
                // non-zero rule, neighbours whose simplified borders overlap
                // leave no gap between them (even-odd would).
                if (n == 0) != (area(ring) > 0.0) {
                    ring.reverse();
                }
                each(polygon, ring);
            }
        }
    }
}

/// Twice the signed area of a ring (positive when it turns clockwise on
/// the screen, where y grows downwards).
fn area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let ([x0, y0], [x1, y1]) = (ring[i], ring[(i + 1) % n]);
            x0 * y1 - x1 * y0
        })
        .sum()
}

/// `x` rounded to the whole pixel the path writes.
pub fn pixel(x: f64) -> i64 {
    x.round().clamp(-1e9, 1e9) as i64
}

/// `x` rounded to a whole number ([`pixel`]), written out (faster than
/// `write!`, which the page's size-optimized build makes slow).
fn whole(out: &mut String, x: f64) {
    let n = pixel(x);
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 10];
    let (mut rest, mut count) = (n.unsigned_abs(), 0);
    loop {
        digits[count] = b'0' + (rest % 10) as u8;
        count += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in digits[..count].iter().rev() {
        out.push(d as char);
    }
}

/// The points of a ring in pixels, into `out`, leaving out each point
/// less than a pixel from the last one kept (but never the ring's last):
/// at a country's scale most of its points fall within a pixel of the
/// one before.
fn simplify(points: impl Iterator<Item = [f64; 2]>, out: &mut Vec<[f64; 2]>) {
    out.clear();
    let mut last = None;
    for p in points {
        if let Some(&[x, y]) = out.last() {
            if (p[0] - x).powi(2) + (p[1] - y).powi(2) < 1.0 {
                last = Some(p);
                continue;
            }
        }
        out.push(p);
        last = None;
    }
    out.extend(last);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A square country given in world pixels (projected here by hand).
    fn square(west: f64, north: f64, east: f64, south: f64) -> Country {
        Country {
            rings: Vec::new(),
            projected: Some(vec![vec![
                [west, north],
                [east, north],
                [east, south],
                [west, south],
                [west, north],
            ]]),
            bounds: [west, north, east, south],
        }
    }

    fn land(countries: Vec<Country>) -> Land {
        Land {
            countries,
            scratch: Vec::new(),
        }
    }

    #[test]
    fn a_country_in_view_is_one_closed_ring_at_whole_pixels() {
        let mut path = String::from("old");
        land(vec![square(10.0, 10.4, 30.6, 30.0)]).path(&mut path, 40.0, 40.0, |c| c);
        assert_eq!(path, "M10 10L31 10L31 30L10 30L10 10Z");
        // Moved and scaled by the view.
        land(vec![square(10.0, 10.0, 30.0, 30.0)]).path(&mut path, 40.0, 40.0, |[x, y]| {
            [2.0 * x - 25.0, 2.0 * y - 25.0]
        });
        assert_eq!(path, "M-5 -5L35 -5L35 35L-5 35L-5 -5Z");
    }

    #[test]
    fn countries_out_of_view_and_rings_under_a_pixel_are_left_out() {
        let mut path = String::new();
        let mut countries = land(vec![
            square(100.0, 100.0, 120.0, 120.0),
            square(-50.0, 5.0, -10.0, 20.0),
            square(5.0, 5.0, 5.5, 5.5),
        ]);
        countries.path(&mut path, 40.0, 40.0, |c| c);
        assert_eq!(path, "");
        countries.path(&mut path, 40.0, 40.0, |[x, y]| [x - 90.0, y - 90.0]);
        assert_eq!(path, "M10 10L30 10L30 30L10 30L10 10Z");
    }

    #[test]
    fn outer_rings_turn_clockwise_and_holes_the_other_way() {
        let counter = vec![
            [10.0, 10.0],
            [10.0, 30.0],
            [30.0, 30.0],
            [30.0, 10.0],
            [10.0, 10.0],
        ];
        let hole_clockwise = vec![
            [15.0, 15.0],
            [25.0, 15.0],
            [25.0, 25.0],
            [15.0, 25.0],
            [15.0, 15.0],
        ];
        let mut land = land(vec![Country {
            rings: Vec::new(),
            projected: Some(vec![counter, hole_clockwise]),
            bounds: [10.0, 10.0, 30.0, 30.0],
        }]);
        let mut path = String::new();
        land.path(&mut path, 40.0, 40.0, |c| c);
        assert_eq!(
            path,
            "M10 10L30 10L30 30L10 30L10 10ZM15 15L15 25L25 25L25 15L15 15Z"
        );
    }

    #[test]
    fn whole_numbers_are_written_as_rust_writes_them() {
        for x in [
            0.0, 0.4, -0.4, 0.5, -0.5, 9.5, 10.0, -1234.56, 98765.4321, 1e12, -1e12,
        ] {
            let mut out = String::new();
            whole(&mut out, x);
            let n = x.round().clamp(-1e9, 1e9) as i64;
            assert_eq!(out, n.to_string(), "{x}");
        }
    }

    #[test]
    fn points_within_a_pixel_of_the_last_kept_are_left_out() {
        let mut out = Vec::new();
        let ring = [
            [0.0, 0.0],
            [0.5, 0.0],
            [0.9, 0.3],
            [2.0, 0.0],
            [2.1, 0.1],
            [2.2, 0.2],
        ];
        simplify(ring.into_iter(), &mut out);
        assert_eq!(
            out,
            vec![[0.0, 0.0], [2.0, 0.0], [2.2, 0.2]],
            "the last is kept"
        );
        simplify([[0.0, 0.0], [5.0, 5.0]].into_iter(), &mut out);
        assert_eq!(out, vec![[0.0, 0.0], [5.0, 5.0]]);
        simplify(std::iter::empty(), &mut out);
        assert!(out.is_empty());
    }
    #[test]
    fn rings_are_projected_as_leaflet_projects_them_once_in_view() {
        // Leaflet at zoom 0: (0, 0) is the middle of the 256-pixel world,
        // 180° east its right edge; north is up.
        let ring = vec![
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 180.0, y: 0.0 },
            Coord { x: 90.0, y: 45.0 },
        ];
        let far = vec![
            Coord { x: -100.0, y: 0.0 },
            Coord { x: -90.0, y: 0.0 },
            Coord { x: -90.0, y: 10.0 },
        ];
        let mut land = Land::new(
            [
                (vec![ring].as_slice(), [0.0, 0.0, 180.0, 45.0]),
                (vec![far].as_slice(), [-100.0, 0.0, -90.0, 10.0]),
            ]
            .into_iter(),
        );
        let [west, north, east, south] = land.countries[0].bounds;
        assert_eq!((west, east, south), (128.0, 256.0, 128.0));
        assert!(north < 128.0 && north > 64.0, "{north}");
        assert!(land.countries.iter().all(|c| c.projected.is_none()));
        let mut path = String::new();
        // A view of the eastern half of the world, at zoom 0.
        land.path(&mut path, 128.0, 256.0, |[x, y]| [x - 128.0, y]);
        let projected = land.countries[0].projected.as_ref().expect("in view");
        assert_eq!(projected[0][..2], [[128.0, 128.0], [256.0, 128.0]]);
        assert_eq!(projected[0][2], mercator(Coord { x: 90.0, y: 45.0 }));
        assert!(land.countries[0].rings.is_empty(), "held once");
        assert!(land.countries[1].projected.is_none(), "out of view");
        // Turned to run clockwise on the screen.
        assert_eq!(path, "M64 92L128 128L0 128Z");
    }
}
