//! The frame of a picture: which part of the world it shows, and at what
//! size. Positions are projected as Leaflet projects them (Web Mercator,
//! `EPSG3857`), so that a picture of the view shows what the map shows.
//!
//! # Units
//! Sizes are CSS pixels; `ratio` device pixels per CSS pixel. Zoom is
//! Leaflet's: the world is 256 × 2^zoom CSS pixels wide.

use geo::Coord;

use crate::draw::projected::mercator;

/// A view of the map, and the size of the picture made of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The longitude and latitude at the picture's centre.
    pub center: Coord<f64>,
    pub zoom: f64,
    /// The picture's size in CSS pixels.
    pub width: f64,
    pub height: f64,
    /// Device pixels per CSS pixel: the picture is `width × ratio` pixels
    /// wide.
    pub ratio: f64,
}

impl Frame {
    /// The map's view (`width` × `height` CSS pixels around `center` at
    /// `zoom`) drawn into `pixels` (width, height in device pixels), or at
    /// the view's own size × `ratio` when `pixels` is `None`.
    ///
    /// A chosen size shows all of the view: its pixels per CSS pixel are
    /// the smaller of the two ratios of the sizes, and the other side gains
    /// room around the view.
    ///
    /// ```
    /// use troopmap::picture::frame::Frame;
    /// let center = geo::coord! { x: 130.0, y: 42.0 };
    /// let view = Frame::of_view(center, 5.0, (1280.0, 800.0), 2.0, None);
    /// assert_eq!(view.pixels(), (2560, 1600));
    /// let wide = Frame::of_view(center, 5.0, (1280.0, 800.0), 1.0, Some((1920, 1080)));
    /// assert_eq!(wide.pixels(), (1920, 1080));
    /// assert_eq!(wide.ratio, 1.35);
    /// assert!(wide.width >= 1280.0 && wide.height >= 800.0 - 1e-9);
    /// ```
    pub fn of_view(
        center: Coord<f64>,
        zoom: f64,
        (width, height): (f64, f64),
        ratio: f64,
        pixels: Option<(u32, u32)>,
    ) -> Frame {
        let (width, height) = (width.max(1.0), height.max(1.0));
        match pixels {
            None => Frame {
                center,
                zoom,
                width,
                height,
                ratio: ratio.max(0.25),
            },
            Some((w, h)) => {
                let (w, h) = (f64::from(w.max(1)), f64::from(h.max(1)));
                let ratio = (w / width).min(h / height);
                Frame {
                    center,
                    zoom,
                    width: w / ratio,
                    height: h / ratio,
                    ratio,
                }
            }
        }
    }

    /// The picture's size in device pixels.
    pub fn pixels(&self) -> (u32, u32) {
        let side = |css: f64| (css * self.ratio).round().clamp(1.0, 16_384.0) as u32;
        (side(self.width), side(self.height))
    }

    /// CSS pixels per world pixel at zoom 0.
    fn scale(&self) -> f64 {
        2f64.powf(self.zoom)
    }

    /// Where `c` (longitude, latitude) lands in the picture, in CSS pixels
    /// from its top-left corner.
    ///
    /// ```
    /// use troopmap::picture::frame::Frame;
    /// let frame = Frame::of_view(geo::coord! { x: 0.0, y: 0.0 }, 0.0, (256.0, 256.0), 1.0, None);
    /// let [x, y] = frame.place(geo::coord! { x: 0.0, y: 0.0 });
    /// assert!((x - 128.0).abs() < 1e-9 && (y - 128.0).abs() < 1e-9);
    /// let [east, _] = frame.place(geo::coord! { x: 90.0, y: 0.0 });
    /// assert!((east - 192.0).abs() < 1e-9);
    /// ```
    pub fn place(&self, c: Coord<f64>) -> [f64; 2] {
        let [x, y] = mercator(c);
        let [cx, cy] = mercator(self.center);
        let s = self.scale();
        [
            (x - cx) * s + self.width / 2.0,
            (y - cy) * s + self.height / 2.0,
        ]
    }

    /// Whether a point `margin` CSS pixels or less outside the picture
    /// could still show in it.
    pub fn holds(&self, [x, y]: [f64; 2], margin: f64) -> bool {
        x >= -margin && y >= -margin && x <= self.width + margin && y <= self.height + margin
    }
}
