//! The bundled basemap (Natural Earth countries) for pictures: its rings
//! read once, projected for each frame, in the colours the map uses.

use geo::Coord;

use crate::picture::frame::Frame;
use crate::picture::{Mark, Paint, Pen};

mod read;

/// The sea, the land and the borders, as the page draws them.
pub const SEA: &str = "#bcd6e8";
pub const LAND: &str = "#f4f1e8";
pub const BORDER: &str = "#9c9488";
/// A border's width in CSS pixels.
pub const BORDER_WIDTH: f64 = 0.8;

/// One polygon: its rings, and the box around them.
#[derive(Debug, Clone)]
struct Country {
    rings: Vec<Vec<Coord<f64>>>,
    west: f64,
    south: f64,
    east: f64,
    north: f64,
}

/// The countries' polygons.
#[derive(Debug, Clone, Default)]
pub struct Basemap {
    countries: Vec<Country>,
}

impl Basemap {
    /// The polygons of a GeoJSON FeatureCollection of (Multi)Polygons;
    /// anything else in it is passed over. `None` when the text is not
    /// JSON.
    ///
    /// ```
    /// let map = troopmap::picture::basemap::Basemap::read(r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 0]]]}}]}"#).unwrap();
    /// assert_eq!(map.len(), 1);
    /// ```
    pub fn read(text: &str) -> Option<Basemap> {
        let polygons = read::polygons(text)?;
        Some(Basemap {
            countries: polygons.into_iter().filter_map(country).collect(),
        })
    }

    /// How many polygons it holds.
    pub fn len(&self) -> usize {
        self.countries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }

    /// Each polygon's rings (longitude, latitude), and the box around them
    /// (west, south, east, north).
    pub fn polygons(&self) -> impl Iterator<Item = (&[Vec<Coord<f64>>], [f64; 4])> {
        self.countries
            .iter()
            .map(|c| (c.rings.as_slice(), [c.west, c.south, c.east, c.north]))
    }

    /// Adds the land within `frame` to `marks`.
    pub fn draw(&self, frame: &Frame, marks: &mut Vec<Mark>) {
        for country in &self.countries {
            let corners = [
                frame.place(Coord {
                    x: country.west,
                    y: country.north,
                }),
                frame.place(Coord {
                    x: country.east,
                    y: country.south,
                }),
            ];
            let off = corners[1][0] < 0.0
                || corners[0][0] > frame.width
                || corners[1][1] < 0.0
                || corners[0][1] > frame.height;
            if off {
                continue;
            }
            let rings = country
                .rings
                .iter()
                .map(|ring| ring.iter().map(|&c| frame.place(c)).collect())
                .collect();
            marks.push(Mark::Area {
                rings,
                fill: Some(Paint::solid(LAND)),
                pen: Some(Pen::solid(BORDER, BORDER_WIDTH)),
            });
        }
    }
}

/// A country of the rings of three points or more, and the box around
/// them; `None` if there are none.
fn country(rings: Vec<Vec<Coord<f64>>>) -> Option<Country> {
    let rings: Vec<Vec<Coord<f64>>> = rings.into_iter().filter(|ring| ring.len() >= 3).collect();
    let points = rings.iter().flatten();
    let (mut west, mut south, mut east, mut north) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for c in points {
        west = west.min(c.x);
        east = east.max(c.x);
        south = south.min(c.y);
        north = north.max(c.y);
    }
    (!rings.is_empty()).then_some(Country {
        rings,
        west,
        south,
        east,
        north,
    })
}
