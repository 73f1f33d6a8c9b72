//! Lengths, durations and speeds of routes, as a reader would say them.
//!
//! # Units
//! Lengths are geodesic (WGS84 ellipsoid) in metres, shown in kilometres
//! and nautical miles (1,852 m); durations in seconds, shown in days and
//! hours; speeds in km/h and knots.

use crate::number::fixed;
use geo::{Geodesic, Length};

use crate::time::{Span, SECONDS_PER_DAY};

const NAUTICAL_MILE_M: f64 = 1_852.0;

/// The geodesic length of a line or multi-line geometry, in metres;
/// `None` for other geometries.
///
/// ```
/// use geo::{line_string, Geometry};
/// let line = Geometry::LineString(line_string![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0)]);
/// let metres = troopmap::space::measure::length_m(&line).unwrap();
/// assert!((metres - 111_319.5).abs() < 1.0);
/// ```
pub fn length_m(geometry: &geo::Geometry<f64>) -> Option<f64> {
    match geometry {
        geo::Geometry::LineString(line) => Some(Geodesic.length(line)),
        geo::Geometry::MultiLineString(lines) => {
            Some(lines.iter().map(|l| Geodesic.length(l)).sum())
        }
        _ => None,
    }
}

/// How long a span lasts, in seconds: a date-only end counts its whole day.
/// `None` when either end is open.
///
/// ```
/// use troopmap::{Span, TimeBound};
/// let voyage = Span::new(TimeBound::parse("2024-10-08").ok(), TimeBound::parse("2024-10-13").ok());
/// assert_eq!(troopmap::space::measure::duration_s(&voyage), Some(6 * 86_400));
/// ```
pub fn duration_s(span: &Span) -> Option<i64> {
    let (start, end) = (span.start?, span.end?);
    let end = if end.is_date_only() {
        end.seconds() + SECONDS_PER_DAY
    } else {
        end.seconds()
    };
    Some(end - start.seconds())
}

/// "1,234 km (666 nmi)".
pub fn length_text(metres: f64) -> String {
    format!(
        "{} km ({} nmi)",
        grouped((metres / 1000.0).round()),
        grouped((metres / NAUTICAL_MILE_M).round())
    )
}

/// "6 days", "1 day 12 hours", "5 hours".
pub fn duration_text(seconds: i64) -> String {
    let hours = (seconds as f64 / 3600.0).round() as i64;
    let (days, hours) = (hours / 24, hours % 24);
    let unit = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (days, hours) {
        (0, h) => unit(h, "hour", "hours"),
        (d, 0) => unit(d, "day", "days"),
        (d, h) => format!("{} {}", unit(d, "day", "days"), unit(h, "hour", "hours")),
    }
}

/// The average speed over a length and a duration: "5 km/h (2.7 kn)";
/// `None` for no time.
pub fn speed_text(metres: f64, seconds: i64) -> Option<String> {
    if seconds <= 0 {
        return None;
    }
    let kmh = metres / 1000.0 / (seconds as f64 / 3600.0);
    let knots = metres / NAUTICAL_MILE_M / (seconds as f64 / 3600.0);
    let short = |v: f64| {
        if v < 10.0 {
            fixed(v, 1)
        } else {
            grouped(v.round())
        }
    };
    Some(format!("{} km/h ({} kn)", short(kmh), short(knots)))
}

/// A whole number with thousands separated: "11,000".
///
/// ```
/// assert_eq!(troopmap::space::measure::grouped(11000.0), "11,000");
/// assert_eq!(troopmap::space::measure::grouped(400.4), "400");
/// ```
pub fn grouped(value: f64) -> String {
    let digits = fixed(value.abs(), 0);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::TimeBound;

    #[test]
    fn texts_read_as_people_write_them() {
        assert_eq!(length_text(1_234_000.0), "1,234 km (666 nmi)");
        assert_eq!(duration_text(6 * 86_400), "6 days");
        assert_eq!(duration_text(86_400 + 12 * 3600), "1 day 12 hours");
        assert_eq!(duration_text(5 * 3600), "5 hours");
        assert_eq!(
            speed_text(120_000.0, 24 * 3600).as_deref(),
            Some("5.0 km/h (2.7 kn)")
        );
        assert_eq!(speed_text(1_000.0, 0), None);
    }

    #[test]
    fn open_spans_have_no_duration() {
        let from = Span::new(TimeBound::parse("2024-10-08").ok(), None);
        assert_eq!(duration_s(&from), None);
        let hours = Span::new(
            TimeBound::parse("2024-10-08T06:00Z").ok(),
            TimeBound::parse("2024-10-08T18:00Z").ok(),
        );
        assert_eq!(duration_s(&hours), Some(12 * 3600));
    }
}
