//! Where a moving unit is along its route at a moment: by the per-vertex
//! times when the data gives them, else by the elapsed share of the route's
//! length on the globe.
//!
//! # Units
//! Moments are seconds since 1970-01-01T00:00:00Z; lengths are metres on the
//! mean Earth radius (haversine); coordinates are x = longitude, y = latitude.

use crate::model::{Kind, MapFeature};
use geo::{Coord, LineString};

/// How far along a line a unit is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// The segment it is on (from vertex `segment` to `segment + 1`).
    pub segment: usize,
    /// How far along that segment, 0 to 1.
    pub ratio: f64,
    /// Where it is.
    pub at: Coord<f64>,
}

/// Where a unit moving along `line` from `start` to `end` is at `moment`;
/// `None` outside that time, or for a line without vertices.
///
/// With `vertex_times` (one per vertex, in order), the unit is at each
/// vertex at its time and moves evenly in between; without, it moves at an
/// even speed over the whole line. A zero-length line keeps it at its one
/// point; a segment across the antimeridian is followed the short way.
///
/// ```
/// use geo::line_string;
/// use troopmap::space::motion::progress_at;
/// let line = line_string![(x: 130.0, y: 42.0), (x: 131.0, y: 42.0), (x: 132.0, y: 42.0)];
/// let half = progress_at(&line, 0, 100, None, 50).unwrap();
/// assert!((half.at.x - 131.0).abs() < 0.01);
/// let later = progress_at(&line, 0, 100, None, 75).unwrap();
/// assert_eq!(later.segment, 1);
/// assert!(progress_at(&line, 0, 100, None, 101).is_none());
/// ```
pub fn progress_at(
    line: &LineString<f64>,
    start: i64,
    end: i64,
    vertex_times: Option<&[i64]>,
    moment: i64,
) -> Option<Progress> {
    let points = &line.0;
    let first = *points.first()?;
    if moment < start.min(end) || moment > end.max(start) {
        return None;
    }
    if points.len() == 1 {
        return Some(Progress {
            segment: 0,
            ratio: 0.0,
            at: first,
        });
    }
    if let Some(times) =
        vertex_times.filter(|t| t.len() == points.len() && t.windows(2).all(|w| w[0] <= w[1]))
    {
        // The segment whose times hold the moment; the first of equal ones.
        let segment = times
            .windows(2)
            .position(|w| w[0] <= moment && moment <= w[1])?;
        let (t0, t1) = (times[segment], times[segment + 1]);
        let ratio = if t1 > t0 {
            (moment - t0) as f64 / (t1 - t0) as f64
        } else {
            1.0
        };
        return Some(along(points, segment, ratio));
    }
    let lengths: Vec<f64> = points
        .windows(2)
        .map(|w| super::sphere::distance(w[0], w[1]))
        .collect();
    let total: f64 = lengths.iter().sum();
    if total == 0.0 {
        return Some(Progress {
            segment: 0,
            ratio: 0.0,
            at: first,
        });
    }
    let share = if end > start {
        (moment - start) as f64 / (end - start) as f64
    } else {
        1.0
    };
    let mut left = share.clamp(0.0, 1.0) * total;
    for (segment, &length) in lengths.iter().enumerate() {
        if left <= length || segment + 1 == lengths.len() {
            let ratio = if length > 0.0 {
                (left / length).clamp(0.0, 1.0)
            } else {
                1.0
            };
            return Some(along(points, segment, ratio));
        }
        left -= length;
    }
    None
}

fn along(points: &[Coord<f64>], segment: usize, ratio: f64) -> Progress {
    let (a, b) = (points[segment], points[segment + 1]);
    let at = match ratio {
        r if r <= 0.0 => a,
        r if r >= 1.0 => b,
        r => super::sphere::between(a, b, r),
    };
    Progress { segment, ratio, at }
}

/// The line cut where the unit is: the part travelled, and the part ahead.
///
/// ```
/// use geo::line_string;
/// use troopmap::space::motion::{progress_at, split};
/// let line = line_string![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 4.0, y: 0.0)];
/// let (done, ahead) = split(&line, &progress_at(&line, 0, 4, None, 1).unwrap());
/// assert_eq!(done.0.len(), 2);
/// assert_eq!(ahead.0.len(), 3);
/// assert_eq!(done.0.last(), ahead.0.first());
/// ```
pub fn split(line: &LineString<f64>, progress: &Progress) -> (LineString<f64>, LineString<f64>) {
    let cut = (progress.segment + 1).min(line.0.len());
    let mut done: Vec<Coord<f64>> = line.0[..cut].to_vec();
    done.push(progress.at);
    let mut ahead = vec![progress.at];
    ahead.extend_from_slice(&line.0[cut..]);
    (LineString::new(done), LineString::new(ahead))
}

/// A route's line and its time in seconds, when it can move: a LineString
/// with both a start and an end (a date-only end lasts to the end of its
/// day) that are the journey's own.
pub fn track(feature: &MapFeature) -> Option<(&LineString<f64>, i64, i64)> {
    let geo::Geometry::LineString(line) = feature.geometry.as_ref()? else {
        return None;
    };
    if feature.kind != Kind::Route {
        return None;
    }
    // Dates that only bound a period (`date_precision`: a month, a window)
    // are not the time of one journey: nothing is drawn moving.
    if feature.date_precision {
        return None;
    }
    let (start, end) = (feature.span.start?, feature.span.end?);
    Some((line, start.seconds(), end.last_second()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::line_string;

    fn near(a: Coord<f64>, x: f64, y: f64) -> bool {
        (a.x - x).abs() < 1e-6 && (a.y - y).abs() < 1e-6
    }

    #[test]
    fn the_ends_are_the_ends() {
        let line =
            line_string![(x: 127.75, y: 39.75), (x: 129.8, y: 40.75), (x: 131.885, y: 43.115)];
        assert!(near(
            progress_at(&line, 10, 20, None, 10).unwrap().at,
            127.75,
            39.75
        ));
        assert!(near(
            progress_at(&line, 10, 20, None, 20).unwrap().at,
            131.885,
            43.115
        ));
        assert!(progress_at(&line, 10, 20, None, 9).is_none());
        assert!(progress_at(&line, 10, 20, None, 21).is_none());
    }

    #[test]
    fn halfway_in_time_is_halfway_along_the_globe() {
        // Two segments of different lengths: the middle moment lies on the
        // longer one, at half the total length.
        let line = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 4.0, y: 0.0)];
        let p = progress_at(&line, 0, 100, None, 50).unwrap();
        assert_eq!(p.segment, 1);
        assert!((p.at.x - 2.0).abs() < 1e-6, "{:?}", p.at);
    }

    #[test]
    fn vertex_times_set_the_pace() {
        let line = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 4.0, y: 0.0)];
        let times = [0, 90, 100];
        // 45 of 90 seconds on the short first segment.
        let p = progress_at(&line, 0, 100, Some(&times), 45).unwrap();
        assert_eq!(p.segment, 0);
        assert!((p.at.x - 0.5).abs() < 1e-6, "{:?}", p.at);
        assert!(near(
            progress_at(&line, 0, 100, Some(&times), 90).unwrap().at,
            1.0,
            0.0
        ));
        // Times that go backwards are not a pace: the even pace is used.
        let p = progress_at(&line, 0, 100, Some(&[0, 100, 90]), 50).unwrap();
        assert!((p.at.x - 2.0).abs() < 1e-6);
    }

    #[test]
    fn zero_length_and_one_point_lines_stay_put() {
        let still = line_string![(x: 5.0, y: 5.0), (x: 5.0, y: 5.0)];
        assert!(near(
            progress_at(&still, 0, 10, None, 5).unwrap().at,
            5.0,
            5.0
        ));
        let one = line_string![(x: 7.0, y: 8.0)];
        assert!(near(
            progress_at(&one, 0, 10, None, 5).unwrap().at,
            7.0,
            8.0
        ));
        let none: LineString<f64> = LineString::new(vec![]);
        assert!(progress_at(&none, 0, 10, None, 5).is_none());
        // A moment span of zero puts the unit at the end.
        let line = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0)];
        assert!(near(
            progress_at(&line, 7, 7, None, 7).unwrap().at,
            1.0,
            0.0
        ));
    }

    #[test]
    fn across_the_antimeridian_the_short_way() {
        let line = line_string![(x: 179.0, y: 0.0), (x: -179.0, y: 0.0)];
        let p = progress_at(&line, 0, 10, None, 5).unwrap();
        assert!((p.at.x.abs() - 180.0).abs() < 1e-6, "{:?}", p.at);
        assert!(p.at.y.abs() < 1e-6);
    }

    #[test]
    fn the_split_meets_where_the_unit_is() {
        let line = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 4.0, y: 0.0)];
        let p = progress_at(&line, 0, 100, None, 50).unwrap();
        let (done, ahead) = split(&line, &p);
        assert_eq!(done.0.len(), 3);
        assert_eq!(ahead.0.len(), 2);
        assert_eq!(done.0.last(), ahead.0.first());
    }
}
