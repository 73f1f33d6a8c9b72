//! Times a feature gives that the map does not use, each with why: no
//! time is dropped without a word.
//!
//! A feature's time comes from the first convention it has (see the
//! module above). What a later convention gives beside it is not used;
//! when it says another time than the one used (a `time` outside the
//! `start`–`end` span), or is no time the map reads, the person is told.
//! Per-position times on a shape that takes none (a Polygon, a
//! GeometryCollection holding other than lines) are told too.

use std::fmt;

use serde_json::{Map, Value};

use super::{
    absent, point_times, read_time, takes_times, vertex_times, vertex_value, ReadOptions, Timing,
    INSTANT_KEYS, TIME_KEYS,
};
use crate::time::{Span, TimeBound};

/// Where a feature's time was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeSource {
    /// `start` and/or `end`, as each is given.
    StartEnd { start: bool, end: bool },
    /// Per-position times in `key` (`times` or `coordTimes`), inside
    /// `coordinateProperties` when `nested`.
    Positions { key: &'static str, nested: bool },
    /// A single instant in this property.
    Instant(&'static str),
}

impl TimeSource {
    /// The property it is read from, at the top of `properties`
    /// (`coordinateProperties` for the times inside it; `start`, or `end`
    /// when there is no `start`).
    fn key(self) -> &'static str {
        match self {
            TimeSource::StartEnd { start: false, .. } => "end",
            TimeSource::StartEnd { .. } => "start",
            TimeSource::Positions { nested: true, .. } => "coordinateProperties",
            TimeSource::Positions { key, .. } | TimeSource::Instant(key) => key,
        }
    }

    /// The property it names, as a path below `properties`
    /// (`coordinateProperties.times`); `start`, or `end` when there is no
    /// `start`.
    pub fn to_property(self) -> String {
        match self {
            TimeSource::StartEnd { .. } => self.key().to_owned(),
            TimeSource::Positions { key, nested: true } => format!("coordinateProperties.{key}"),
            TimeSource::Positions { key, .. } | TimeSource::Instant(key) => key.to_owned(),
        }
    }
}

impl fmt::Display for TimeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeSource::StartEnd {
                start: true,
                end: true,
            } => f.write_str("\"start\" and \"end\""),
            _ => write!(f, "\"{}\"", self.to_property()),
        }
    }
}

/// The shapes that take per-position times.
const SHAPES: &str =
    "a LineString, MultiLineString, Point, MultiPoint or GeometryCollection of LineStrings";

/// Why a time-looking property is not used (the property is named beside
/// it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnusedTime {
    /// Per-position times on a shape that takes none; `used` is where the
    /// feature's time comes from instead, if anywhere.
    Shape { used: Option<TimeSource> },
    /// A time outside the one read first, from `used`; `value` is the time
    /// as written (none for an array of times).
    Outside {
        value: Option<Value>,
        used: TimeSource,
    },
    /// A property KML converters write a period in (`begin`, `timespan`),
    /// which the map does not read; `used` is where the feature's time
    /// comes from instead, if anywhere.
    NotAConvention { used: Option<TimeSource> },
    /// A value beside the one read first, from `used`, that is no time the
    /// map reads.
    Unreadable {
        value: Option<Value>,
        used: TimeSource,
    },
}

impl fmt::Display for UnusedTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = match self {
            UnusedTime::Outside { value, .. } | UnusedTime::Unreadable { value, .. } => {
                value.as_ref()
            }
            UnusedTime::Shape { .. } | UnusedTime::NotAConvention { .. } => None,
        };
        if let Some(value) = value {
            write!(f, "{} is ", written(value))?;
        }
        f.write_str("not used: ")?;
        match self {
            UnusedTime::Shape { used } => {
                write!(f, "the map reads per-position times only on {SHAPES}; ")?;
                shown_by(f, *used)
            }
            UnusedTime::NotAConvention { used } => {
                f.write_str("the map reads a period only from \"start\" and \"end\"; ")?;
                shown_by(f, *used)
            }
            UnusedTime::Outside { value, used } => {
                let this = if value.is_some() {
                    "this time is"
                } else {
                    "these times are"
                };
                write!(
                    f,
                    "the feature's time is read from {used} first, and {this} outside it"
                )
            }
            UnusedTime::Unreadable { used, .. } => write!(
                f,
                "the feature's time is read from {used} first (and this is no time the map reads)"
            ),
        }
    }
}

/// How the feature is shown instead: by `used`, or on every day.
fn shown_by(f: &mut fmt::Formatter<'_>, used: Option<TimeSource>) -> fmt::Result {
    match used {
        None => f.write_str("the feature is shown on every day"),
        Some(used) => write!(f, "the feature's time is read from {used}"),
    }
}

/// A value as written, for a message: text quoted (at most 80 characters
/// of it), a number as it is.
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::convention::written;
/// assert_eq!(written(&json!("2024-10-18")), "\"2024-10-18\"");
/// assert_eq!(written(&json!(1729209600)), "1729209600");
/// assert_eq!(written(&json!([1])), "an array");
/// ```
pub fn written(value: &Value) -> String {
    match value {
        Value::String(text) => crate::model::quote::quoted(text).to_string(),
        Value::Number(number) => number.to_string(),
        other => crate::geojson::found::FoundValue::of(other).to_string(),
    }
}

/// Every time-looking property of a feature that its `timing` did not use,
/// when it says something else or nothing the map reads, paired with the
/// property it is in.
pub(super) fn unused(
    properties: &Map<String, Value>,
    geometry: Option<&geo::Geometry<f64>>,
    timing: &Timing,
    options: ReadOptions,
) -> Vec<(String, UnusedTime)> {
    let mut notes = Vec::new();
    let used = timing.source;
    // Most features have no time-looking property but the one used: one
    // pass over the keys, without hashing, tells.
    let used_key = used.map(TimeSource::key);
    let other_time = |key: &String| {
        let key = key.as_str();
        TIME_KEYS[2..].contains(&key) && Some(key) != used_key
    };
    if !properties.keys().any(other_time) {
        return notes;
    }
    // A KML TimeSpan as converters write it: GDAL's `begin` (beside its
    // `end`), togeojson's `timespan` object.
    for key in ["begin", "timespan"] {
        if properties.get(key).is_some_and(|v| !absent(v)) {
            notes.push((key.to_owned(), UnusedTime::NotAConvention { used }));
        }
    }
    if let Some((source, value)) = vertex_value(properties) {
        let key = source.to_property();
        let read = used == Some(source);
        if !takes_times(geometry) {
            notes.push((key, UnusedTime::Shape { used }));
        } else if let (false, Some(used)) = (read, used) {
            // Only `start` and `end` come before per-position times.
            let times = match geometry {
                Some(geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_)) => {
                    point_times(&key, value, geometry, options)
                }
                _ => vertex_times(&key, value, geometry, options),
            };
            let note = match times {
                Ok(times) if times.iter().all(|&t| within(timing.span, t)) => None,
                Ok(_) => Some(UnusedTime::Outside { value: None, used }),
                Err(_) => Some(UnusedTime::Unreadable { value: None, used }),
            };
            notes.extend(note.map(|note| (key, note)));
        }
    }
    let Some(used) = used else {
        return notes;
    };
    for key in INSTANT_KEYS {
        let Some(value) = properties.get(key).filter(|v| !absent(v)) else {
            continue;
        };
        if used == TimeSource::Instant(key) {
            continue;
        }
        let note = match read_time(value, options.date_order) {
            Ok(time) if within(timing.span, time.seconds()) => continue,
            Ok(_) => UnusedTime::Outside {
                value: Some(value.clone()),
                used,
            },
            Err(_) => UnusedTime::Unreadable {
                value: Some(value.clone()),
                used,
            },
        };
        notes.push((key.to_owned(), note));
    }
    notes
}

/// Whether the instant `seconds` falls on a day `span` shows.
fn within(span: Span, seconds: i64) -> bool {
    span.contains(TimeBound::from_unix(seconds).day())
}
