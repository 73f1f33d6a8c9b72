//! Great circles: the distance between two places and the places between
//! them, as `geo`'s `Haversine` works them out (the same formulas, in the
//! same order, on the same sphere), with the sines and cosines of
//! [`super::trig`], so that the page's module does without the standard
//! library's reduction of huge angles.

use geo::Coord;

use super::trig::{cos, sin};

/// The sphere's radius in metres: `geo::Haversine`'s.
const RADIUS: f64 = geo::Haversine.radius();

/// Metres along a great circle from `a` to `b` (longitude, latitude).
///
/// ```
/// use geo::{coord, Distance, Haversine, Point};
/// let (a, b) = (coord! { x: 129.8, y: 41.7 }, coord! { x: 131.9, y: 43.1 });
/// let theirs = Haversine.distance(Point::from(a), Point::from(b));
/// assert_eq!(troopmap::space::sphere::distance(a, b), theirs);
/// ```
pub fn distance(a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (theta1, theta2) = (a.y.to_radians(), b.y.to_radians());
    let delta_theta = (b.y - a.y).to_radians();
    let delta_lambda = (b.x - a.x).to_radians();
    let h = sin(delta_theta / 2.0).powi(2)
        + cos(theta1) * cos(theta2) * sin(delta_lambda / 2.0).powi(2);
    RADIUS * (2.0 * h.sqrt().asin())
}

/// The place `ratio` of the way along a great circle from `a` to `b`.
///
/// ```
/// use geo::{coord, Haversine, InterpolatePoint, Point};
/// let (a, b) = (coord! { x: 129.8, y: 41.7 }, coord! { x: 131.9, y: 43.1 });
/// let theirs = Haversine.point_at_ratio_between(Point::from(a), Point::from(b), 0.3);
/// assert_eq!(troopmap::space::sphere::between(a, b, 0.3), theirs.0);
/// ```
pub fn between(a: Coord<f64>, b: Coord<f64>, ratio: f64) -> Coord<f64> {
    if a == b || ratio == 0.0 {
        return a;
    }
    if ratio == 1.0 {
        return b;
    }
    let (lat1, lon1) = (a.y.to_radians(), a.x.to_radians());
    let (lat2, lon2) = (b.y.to_radians(), b.x.to_radians());
    let (lat1_sin, lat1_cos) = (sin(lat1), cos(lat1));
    let (lat2_sin, lat2_cos) = (sin(lat2), cos(lat2));
    let (lon1_sin, lon1_cos) = (sin(lon1), cos(lon1));
    let (lon2_sin, lon2_cos) = (sin(lon2), cos(lon2));
    let m = lat1_cos * lat2_cos;
    let (n, o) = (lat1_cos * lon1_cos, lat2_cos * lon2_cos);
    let (p, q) = (lat1_cos * lon1_sin, lat2_cos * lon2_sin);
    let k = (sin((lat1 - lat2) / 2.0).powi(2) + m * sin((lon1 - lon2) / 2.0).powi(2)).sqrt();
    let d = 2.0 * k.asin();
    let from_a = sin((1.0 - ratio) * d) / sin(d);
    let from_b = sin(ratio * d) / sin(d);
    let x = from_a * n + from_b * o;
    let y = from_a * p + from_b * q;
    let z = from_a * lat1_sin + from_b * lat2_sin;
    Coord {
        x: y.atan2(x).to_degrees(),
        y: z.atan2(x.hypot(y)).to_degrees(),
    }
}
