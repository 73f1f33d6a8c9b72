//! The land at the map's opening view, as an SVG picture the page shows
//! from its first paint until its module has drawn the land itself
//! (`assets/style.css`, which takes it from the style sheet [`css`]
//! writes): without it the land appears only after Leaflet and the module
//! have loaded, several hundred milliseconds later.
//!
//! The picture is the page's own drawing: the same rings, through the same
//! path ([`Land::path`]), at the same whole pixels, in the same colours. It
//! is centred on the opening view's centre, as the page centres the
//! picture on the map, so each land pixel is where the map then draws it
//! (to within half a pixel on a map of an odd width or height, where
//! Leaflet rounds the view's corner).

use std::fmt::Write as _;

use geo::Coord;

use crate::draw::land::{pixel, Land, OPENING};
use crate::draw::projected::mercator;
use crate::picture::basemap::{Basemap, BORDER, BORDER_WIDTH, LAND};

/// The picture's size in CSS pixels: a map up to 3840 × 2400 (a 4K
/// screen) shows land to its edges; a larger one shows the sea around the
/// picture until the land is drawn.
pub const SIZE: [u32; 2] = [3840, 2400];

/// The SVG picture, `size` pixels, of `basemap`'s land at the opening view.
///
/// Each polygon is filled and then outlined before the next: where two
/// neighbours' outlines differ by a pixel, half of the first's border line
/// is under the second's land, which the page's canvas (every polygon
/// filled before any is outlined) does not do.
///
/// ```
/// use troopmap::picture::basemap::Basemap;
/// let map = Basemap::read(r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
///    "coordinates": [[[125, 38], [131, 38], [131, 44], [125, 44], [125, 38]]]}}]}"#).unwrap();
/// let svg = troopmap::native::opening::svg(&map, [400, 300]);
/// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"300\""));
/// assert!(svg.contains(" d=\"m"));
/// ```
pub fn svg(basemap: &Basemap, [width, height]: [u32; 2]) -> String {
    let ([lat, lon], zoom) = OPENING;
    let scale = 2f64.powf(zoom);
    let centre = mercator(Coord { x: lon, y: lat });
    // The picture's top left corner in world pixels at the opening zoom:
    // whole pixels, as Leaflet's view corner is.
    let corner = [
        (centre[0] * scale).round() - f64::from(width / 2),
        (centre[1] * scale).round() - f64::from(height / 2),
    ];
    // A path for each polygon, not one for all as on the canvas: the
    // browser paints a picture in tiles, and each tile then passes over
    // only the polygons whose boxes reach it.
    let mut paths = String::new();
    let mut last = None;
    let mut pen = [0; 2];
    Land::new(basemap.polygons()).rings(
        f64::from(width),
        f64::from(height),
        |[x, y]| [x * scale - corner[0], y * scale - corner[1]],
        |polygon, ring| {
            if last != Some(polygon) {
                if last.is_some() {
                    paths.push_str("\"/>");
                }
                paths.push_str("<path d=\"");
                // Each path's first move is from the picture's corner.
                (last, pen) = (Some(polygon), [0; 2]);
            }
            pen = relative(ring, pen, &mut paths);
        },
    );
    if last.is_some() {
        paths.push_str("\"/>");
    }
    let mut svg = String::with_capacity(paths.len() + 300);
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\"><g fill=\"{LAND}\" stroke=\"{BORDER}\" \
         stroke-width=\"{BORDER_WIDTH}\" stroke-linejoin=\"round\">{paths}</g></svg>"
    );
    svg
}

/// The picture `svg` as the page's style sheet takes it: the custom
/// property `--opening-land` on the document, the picture in it as a
/// `data:` address. In the style sheet, the picture is there when the
/// page's first paint is, with no request of its own to wait for.
///
/// ```
/// let css = troopmap::native::opening::css("<svg xmlns=\"http://www.w3.org/2000/svg\"><path fill=\"#f4f1e8\" d=\"m1 2l3 4z\"/></svg>\n");
/// assert_eq!(css, ":root{--opening-land:url(\"data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E%3Cpath fill=%22%23f4f1e8%22 d=%22m1 2l3 4z%22/%3E%3C/svg%3E\")}\n");
/// ```
pub fn css(svg: &str) -> String {
    let mut css = String::from(":root{--opening-land:url(\"data:image/svg+xml,");
    for c in svg.trim_end().chars() {
        match c {
            '%' => css.push_str("%25"),
            '#' => css.push_str("%23"),
            '<' => css.push_str("%3C"),
            '>' => css.push_str("%3E"),
            '"' => css.push_str("%22"),
            '\n' => css.push_str("%0A"),
            c => css.push(c),
        }
    }
    css.push_str("\")}\n");
    css
}

/// Writes `ring` as a move, lines and a close, at the whole pixels of
/// [`Land::path`], each relative to the point before (`m10 20l3-2l-3 7z`,
/// about half as long as `M10 20L13 18L10 25Z`), the move relative to
/// `pen`; gives where the pen is after the close (the ring's first point).
fn relative(ring: &[[f64; 2]], pen: [i64; 2], out: &mut String) -> [i64; 2] {
    let mut at = pen;
    for (i, &[x, y]) in ring.iter().enumerate() {
        let point = [pixel(x), pixel(y)];
        let (dx, dy) = (point[0] - at[0], point[1] - at[1]);
        // A minus sign parts two numbers as well as a space does.
        let gap = if dy < 0 { "" } else { " " };
        let _ = write!(out, "{}{dx}{gap}{dy}", if i == 0 { 'm' } else { 'l' });
        at = point;
    }
    out.push('z');
    ring.first().map_or(pen, |&[x, y]| [pixel(x), pixel(y)])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A square country of `size` degrees around `at` (longitude,
    /// latitude).
    fn square(at: [f64; 2], size: f64) -> String {
        let [x, y] = at;
        let h = size / 2.0;
        format!(
            r#"{{"type": "Feature", "properties": {{}}, "geometry": {{"type": "Polygon",
               "coordinates": [[[{w}, {s}], [{e}, {s}], [{e}, {n}], [{w}, {n}], [{w}, {s}]]]}}}}"#,
            w = x - h,
            e = x + h,
            s = y - h,
            n = y + h
        )
    }

    #[test]
    fn paths_are_written_relative_to_the_point_before() {
        let mut out = String::new();
        let pen = relative(
            &[[10.0, 20.0], [13.0, 18.0], [10.2, 24.6]],
            [0, 0],
            &mut out,
        );
        relative(&[[40.0, 40.0], [41.0, 41.0], [40.0, 42.0]], pen, &mut out);
        assert_eq!(out, "m10 20l3-2l-3 7zm30 20l1 1l-1 1z");
    }

    /// The points of the picture's paths, back in whole pixels.
    fn points(svg: &str) -> Vec<[f64; 2]> {
        let mut points = Vec::new();
        for d in svg.split(" d=\"").skip(1) {
            let mut rest = d.split('"').next().unwrap_or_default();
            let (mut at, mut first) = ([0.0, 0.0], [0.0, 0.0]);
            while let Some(command) = rest.chars().next() {
                rest = &rest[1..];
                let (numbers, next) =
                    rest.split_at(rest.find(['m', 'l', 'z']).unwrap_or(rest.len()));
                rest = next;
                if command == 'z' {
                    at = first;
                    continue;
                }
                let n: Vec<f64> = numbers
                    .replace('-', " -")
                    .split_whitespace()
                    .map(|n| n.parse().unwrap())
                    .collect();
                at = [at[0] + n[0], at[1] + n[1]];
                if command == 'm' {
                    first = at;
                }
                points.push(at);
            }
        }
        points
    }

    #[test]
    fn the_opening_centre_is_the_pictures_centre() {
        let ([lat, lon], zoom) = OPENING;
        // A country 2° wide around the opening centre: each of its sides
        // is where the map puts it, measured from the picture's centre.
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            square([lon, lat], 2.0)
        );
        let svg = svg(&Basemap::read(&text).unwrap(), [800, 600]);
        let centre = mercator(Coord { x: lon, y: lat });
        let pixel = |x: f64, y: f64| {
            let m = mercator(Coord { x, y });
            let scale = 2f64.powf(zoom);
            [
                (m[0] - centre[0]) * scale + 400.0,
                (m[1] - centre[1]) * scale + 300.0,
            ]
        };
        let [west, north] = pixel(lon - 1.0, lat + 1.0);
        let [east, south] = pixel(lon + 1.0, lat - 1.0);
        let p = points(&svg);
        let xs: Vec<f64> = p.iter().map(|p| p[0]).collect();
        let ys: Vec<f64> = p.iter().map(|p| p[1]).collect();
        let least = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
        let most = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
        for (drawn, wanted) in [
            (least(&xs), west),
            (most(&xs), east),
            (least(&ys), north),
            (most(&ys), south),
        ] {
            assert!((drawn - wanted).abs() <= 1.0, "{drawn} for {wanted}: {svg}");
        }
    }

    #[test]
    fn land_outside_the_picture_is_left_out_and_colours_are_the_maps() {
        let ([lat, lon], _) = OPENING;
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}, {}]}}"#,
            square([lon, lat], 1.0),
            // Far west of a 400-pixel picture at zoom 5 (9° each side).
            square([lon - 60.0, lat], 1.0)
        );
        let svg = svg(&Basemap::read(&text).unwrap(), [400, 300]);
        assert_eq!(svg.matches("<path").count(), 1, "{svg}");
        assert!(svg.contains(&format!("fill=\"{LAND}\"")));
        assert!(svg.contains(&format!("stroke=\"{BORDER}\"")));
        assert!(svg.contains(&format!("stroke-width=\"{BORDER_WIDTH}\"")));
    }
}
