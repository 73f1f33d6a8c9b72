//! Where shapes lie: the box around them, and where a line crosses land.
//!
//! Coordinates are x = longitude, y = latitude, in degrees (WGS84), as in
//! GeoJSON and `geo`.

use geo::{BoundingRect, Rect};

/// The smallest box holding every geometry given, or `None` if there are none.
///
/// ```
/// use geo::{point, Geometry};
/// use troopmap::space::bounds::bounds;
/// let a = Geometry::Point(point!(x: 127.5, y: 39.9));
/// let b = Geometry::Point(point!(x: 131.9, y: 43.1));
/// let rect = bounds([&a, &b]).unwrap();
/// assert_eq!((rect.min().x, rect.max().y), (127.5, 43.1));
/// ```
pub fn bounds<'a>(
    geometries: impl IntoIterator<Item = &'a geo::Geometry<f64>>,
) -> Option<Rect<f64>> {
    geometries
        .into_iter()
        .filter_map(BoundingRect::bounding_rect)
        .reduce(|a, b| {
            Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        })
}

/// Where a line crosses land: for each offending segment, its index and a
/// point of it on land. Land within `exempt_m` of the line's two ends (its
/// ports) is allowed.
///
/// Segments clear of the ports are tested exactly; segments reaching into a
/// port's zone are sampled every 50 m outside it.
///
/// # Units
/// `exempt_m` in metres (haversine distance on the mean Earth radius).
///
/// ```
/// use geo::{line_string, polygon, MultiPolygon};
/// use troopmap::space::bounds::land_crossings;
/// let island = MultiPolygon::new(vec![polygon![(x: 1.0, y: -1.0), (x: 2.0, y: -1.0), (x: 2.0, y: 1.0), (x: 1.0, y: 1.0)]]);
/// let across = line_string![(x: 0.0, y: 0.0), (x: 3.0, y: 0.0), (x: 3.0, y: 2.0)];
/// assert_eq!(land_crossings(&across, &island, 5_000.0).len(), 1);
/// let around = line_string![(x: 0.0, y: 0.0), (x: 0.0, y: 2.0), (x: 3.0, y: 2.0)];
/// assert!(land_crossings(&around, &island, 5_000.0).is_empty());
/// ```
pub fn land_crossings(
    line: &geo::LineString<f64>,
    land: &geo::MultiPolygon<f64>,
    exempt_m: f64,
) -> Vec<(usize, geo::Coord<f64>)> {
    use super::sphere::{between, distance};
    use geo::Intersects;

    let (Some(&first), Some(&last)) = (line.0.first(), line.0.last()) else {
        return Vec::new();
    };
    let Some(reach) = line.bounding_rect() else {
        return Vec::new();
    };
    // Only polygons near the line matter; 0.2° covers the sampling margins.
    let near: Vec<&geo::Polygon<f64>> = land
        .0
        .iter()
        .filter(|p| {
            p.bounding_rect().is_some_and(|b| {
                b.min().x <= reach.max().x + 0.2
                    && b.max().x >= reach.min().x - 0.2
                    && b.min().y <= reach.max().y + 0.2
                    && b.max().y >= reach.min().y - 0.2
            })
        })
        .collect();
    let in_port =
        |c: geo::Coord<f64>| distance(c, first) <= exempt_m || distance(c, last) <= exempt_m;
    let on_land = |c: geo::Coord<f64>| near.iter().any(|p| p.intersects(&geo::Point::from(c)));
    let mut found = Vec::new();
    for (i, segment) in line.lines().enumerate() {
        let (a, b) = (segment.start, segment.end);
        let length = distance(a, b);
        let reaches_port = in_port(segment.start)
            || in_port(segment.end)
            || length > 0.0 && {
                // A segment may also pass through a port's zone in its middle.
                let steps = (length / 1_000.0).ceil() as usize;
                (1..steps).any(|k| in_port(between(a, b, k as f64 / steps as f64)))
            };
        if !reaches_port {
            if near.iter().any(|p| p.intersects(&segment)) {
                let steps = ((length / 50.0).ceil() as usize).max(1);
                let hit = (0..=steps)
                    .map(|k| between(a, b, k as f64 / steps as f64))
                    .find(|&c| on_land(c))
                    .unwrap_or(segment.start);
                found.push((i, hit));
            }
            continue;
        }
        let steps = ((length / 50.0).ceil() as usize).max(1);
        if let Some(hit) = (0..=steps)
            .map(|k| between(a, b, k as f64 / steps as f64))
            .find(|&c| !in_port(c) && on_land(c))
        {
            found.push((i, hit));
        }
    }
    found
}
