//! The time conventions of files made by other tools, detected per feature:
//!
//! 1. `start` and/or `end` (as in Leaflet.timeline);
//! 2. a single instant in `time`, `date`, `datetime` or `timestamp`;
//! 3. per-vertex `times` or `coordTimes` arrays on lines (as in
//!    Leaflet.TimeDimension and GPX/KML converters; also inside
//!    `coordinateProperties`, as togeojson writes them): the track's span,
//!    and the times for moving along it. They come before a single instant
//!    on the same feature. On a point or multi-point (Leaflet.TimeDimension,
//!    folium), `times` gives the span from the first to the last; on a
//!    GeometryCollection of LineStrings (a converted `gx:MultiTrack`), one
//!    array per line gives the span.
//!
//! What a feature gives beside the time it is shown by, and does not say
//! the same, is named in [`Timing::unused`] (see [`UnusedTime`]).
//!
//! Each value may be an ISO 8601 date or date-time, a Unix time in seconds
//! or milliseconds (a number), or a date written `DD/MM/YYYY` or
//! `MM/DD/YYYY` — read only when it cannot be mistaken, or when the person
//! chose the order for the file. A date is never guessed.

use serde_json::{Map, Value};

use crate::geojson::found::FoundValue;
use crate::time::{Span, TimeBound};

/// The property naming the places a statement concerns: a feature id, or
/// a list of them (see `scene::follow`).
pub const CONCERNS: &str = "concerns";

/// Keys holding a single instant, in the order they are looked for.
pub const INSTANT_KEYS: [&str; 4] = ["time", "date", "datetime", "timestamp"];
/// Keys holding one time per vertex of a line.
pub const VERTEX_KEYS: [&str; 2] = ["times", "coordTimes"];
/// Every property [`timing`] reads: `start` and `end`, then the other
/// time-looking ones, which it uses or says it did not use.
pub const TIME_KEYS: [&str; 11] = [
    "start",
    "end",
    "time",
    "date",
    "datetime",
    "timestamp",
    "times",
    "coordTimes",
    "coordinateProperties",
    "begin",
    "timespan",
];

/// Numbers at least this large are Unix milliseconds, smaller ones seconds
/// (10^11 seconds is the year 5138; 10^11 milliseconds is March 1973).
const MILLISECONDS_FROM: f64 = 1e11;
/// Numbers smaller than this (fewer than nine digits) are not read as Unix
/// times at all.
const UNIX_FROM: f64 = 1e8;

/// The order of day and month in dates like `03/04/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `03/04/2024` is 3 April.
    DayFirst,
    /// `03/04/2024` is 4 March.
    MonthFirst,
}

impl DateOrder {
    /// Its name in the page's menu and between the page's modules.
    ///
    /// ```
    /// use troopmap::DateOrder;
    /// assert_eq!(DateOrder::DayFirst.as_str(), "day-first");
    /// assert_eq!(DateOrder::parse("month-first"), Some(DateOrder::MonthFirst));
    /// assert_eq!(DateOrder::parse(""), None);
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day-first",
            DateOrder::MonthFirst => "month-first",
        }
    }

    /// Reads a name written by [`DateOrder::as_str`]; anything else is no
    /// order.
    pub fn parse(name: &str) -> Option<DateOrder> {
        [DateOrder::DayFirst, DateOrder::MonthFirst]
            .into_iter()
            .find(|o| o.as_str() == name)
    }
}

/// Choices a person makes for one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// How to read `DD/MM/YYYY`-style dates; without it, only those that
    /// cannot be mistaken are read.
    pub date_order: Option<DateOrder>,
}

/// When a feature is shown, and how that was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timing {
    pub span: Span,
    /// Seconds since 1970 for each vertex of a line, from `times` or
    /// `coordTimes`, in vertex order (lines of a multi-line one after the
    /// other).
    pub vertex_times: Option<Vec<i64>>,
    /// The convention the span was read from, if any.
    pub source: Option<TimeSource>,
    /// Time-looking properties not used, each with its property and why.
    pub unused: Vec<(String, UnusedTime)>,
}

mod error;
mod instant;
mod unused;

pub use error::{InstantError, TimingError, ACCEPTED};
pub use instant::read_time;
pub use unused::{written, TimeSource, UnusedTime};

/// Finds a feature's time by the conventions above. Each error is paired
/// with the property it is in.
pub fn timing(
    properties: &Map<String, Value>,
    geometry: Option<&geo::Geometry<f64>>,
    options: ReadOptions,
) -> Result<Timing, Vec<(String, TimingError)>> {
    let mut errors = Vec::new();
    let mut bound = |key: &str| -> Option<TimeBound> {
        match properties.get(key) {
            None => None,
            Some(value) if absent(value) => None,
            Some(value) => read_time(value, options.date_order)
                .map_err(|error| errors.push((key.to_owned(), error.into())))
                .ok(),
        }
    };
    let has = |key: &str| properties.get(key).is_some_and(|v| !absent(v));

    let mut timing = Timing::default();
    if has("start") || has("end") {
        timing = bounded(bound("start"), bound("end"));
        if timing.span.is_backwards() {
            errors.push(("end".into(), TimingError::Backwards));
        }
    } else if let Some((source, value)) = vertex_value(properties).filter(|&(source, _)| {
        // Per-vertex times come before a single instant on the shapes they
        // fit: GPX converters write both, the instant being the first
        // vertex's. On other shapes a `times` with no instant beside it is
        // an error; togeojson's `coordinateProperties` is not used there,
        // and the person is told (see `unused`).
        let nested = matches!(source, TimeSource::Positions { nested: true, .. });
        takes_times(geometry) || (!nested && !INSTANT_KEYS.into_iter().any(has))
    }) {
        let key = source.to_property();
        let span = |times: &[i64]| {
            let first = times.iter().min().copied().map(TimeBound::from_unix);
            let last = times.iter().max().copied().map(TimeBound::from_unix);
            Span::new(first, last)
        };
        timing.source = Some(source);
        match geometry {
            Some(geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_)) => {
                match point_times(&key, value, geometry, options) {
                    Ok(times) => timing.span = span(&times),
                    Err(error) => errors.push((key, error)),
                }
            }
            _ => match vertex_times(&key, value, geometry, options) {
                Ok(times) => {
                    timing.span = span(&times);
                    timing.vertex_times = Some(times);
                }
                Err(error) => errors.push((key, error)),
            },
        }
    } else if let Some(key) = INSTANT_KEYS.into_iter().find(|k| has(k)) {
        let instant = bound(key);
        timing.span = Span::new(instant, instant);
        timing.source = Some(TimeSource::Instant(key));
    }
    if errors.is_empty() {
        timing.unused = unused::unused(properties, geometry, &timing, options);
        Ok(timing)
    } else {
        Err(errors)
    }
}

/// The timing `start` and `end` give.
fn bounded(start: Option<TimeBound>, end: Option<TimeBound>) -> Timing {
    let span = Span::new(start, end);
    Timing {
        span,
        source: Some(TimeSource::StartEnd {
            start: span.start.is_some(),
            end: span.end.is_some(),
        }),
        ..Timing::default()
    }
}

/// What [`timing`] gives for properties whose only time-looking ones are
/// `start` and `end`, or one of [`INSTANT_KEYS`], each text (`None` when
/// absent or blank), with no map made of them; `None` where [`timing`]
/// finds a fault or has a note, and for an instant beside `start` or `end`.
pub(crate) fn texts(
    start: Option<&str>,
    end: Option<&str>,
    instant: Option<(&'static str, &str)>,
    order: Option<DateOrder>,
) -> Option<Timing> {
    let read = |text: Option<&str>| text.map(|t| instant::read_text(t, order)).transpose();
    let (start, end) = (read(start).ok()?, read(end).ok()?);
    let timing = match (start, end, instant) {
        (None, None, None) => Timing::default(),
        (None, None, Some((key, text))) => {
            let at = Some(instant::read_text(text, order).ok()?);
            Timing {
                span: Span::new(at, at),
                source: Some(TimeSource::Instant(key)),
                ..Timing::default()
            }
        }
        (_, _, Some(_)) => return None,
        (start, end, None) => bounded(start, end),
    };
    Some(timing).filter(|timing| !timing.span.is_backwards())
}

/// Whether a time value says nothing: null, or an empty text (as GDAL
/// writes for an empty cell).
pub(crate) fn absent(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// The per-vertex times of a feature, and where they are: `times` or
/// `coordTimes`, itself or inside `coordinateProperties` (as togeojson
/// writes them).
fn vertex_value(properties: &Map<String, Value>) -> Option<(TimeSource, &Value)> {
    fn found(map: &Map<String, Value>) -> Option<(&'static str, &Value)> {
        VERTEX_KEYS
            .into_iter()
            .find_map(|k| map.get(k).filter(|v| !absent(v)).map(|v| (k, v)))
    }
    if let Some((key, value)) = found(properties) {
        return Some((TimeSource::Positions { key, nested: false }, value));
    }
    let Some(Value::Object(inner)) = properties.get("coordinateProperties") else {
        return None;
    };
    let (key, value) = found(inner)?;
    Some((TimeSource::Positions { key, nested: true }, value))
}

/// Whether `geometry` takes per-position times: a line or lines (a
/// GeometryCollection of LineStrings, as a converted `gx:MultiTrack`
/// is), a point or points.
fn takes_times(geometry: Option<&geo::Geometry<f64>>) -> bool {
    match geometry {
        Some(
            geo::Geometry::LineString(_)
            | geo::Geometry::MultiLineString(_)
            | geo::Geometry::Point(_)
            | geo::Geometry::MultiPoint(_),
        ) => true,
        Some(geo::Geometry::GeometryCollection(c)) => lines_of(c).is_some(),
        _ => false,
    }
}

/// The vertex count of each line of a GeometryCollection that holds only
/// LineStrings (at least one).
fn lines_of(collection: &geo::GeometryCollection<f64>) -> Option<Vec<usize>> {
    if collection.0.is_empty() {
        return None;
    }
    collection
        .iter()
        .map(|g| match g {
            geo::Geometry::LineString(line) => Some(line.0.len()),
            _ => None,
        })
        .collect()
}

/// Times on a point (any number: it is there from the first to the last)
/// or on a multi-point (one per point), as Leaflet.TimeDimension and
/// folium write them.
fn point_times(
    key: &str,
    value: &Value,
    geometry: Option<&geo::Geometry<f64>>,
    options: ReadOptions,
) -> Result<Vec<i64>, TimingError> {
    let Value::Array(items) = value else {
        return Err(TimingError::TimesNotArray {
            found: FoundValue::of(value),
        });
    };
    if items.is_empty() {
        return Err(TimingError::NoTimes {
            key: key.to_owned(),
        });
    }
    if let Some(geo::Geometry::MultiPoint(points)) = geometry {
        if items.len() != points.0.len() {
            return Err(TimingError::TimesPerPoint {
                times: items.len(),
                points: points.0.len(),
            });
        }
    }
    read_times(items, options)
}

/// Each of `items` as seconds since 1970; an error names the first that
/// is not a time, by its place in the array.
fn read_times(items: &[Value], options: ReadOptions) -> Result<Vec<i64>, TimingError> {
    items
        .iter()
        .enumerate()
        .map(|(index, value)| {
            read_time(value, options.date_order)
                .map(TimeBound::seconds)
                .map_err(|error| TimingError::InArray { index, error })
        })
        .collect()
}

fn vertex_times(
    key: &str,
    value: &Value,
    geometry: Option<&geo::Geometry<f64>>,
    options: ReadOptions,
) -> Result<Vec<i64>, TimingError> {
    let lines: Vec<usize> = match geometry {
        Some(geo::Geometry::LineString(line)) => Some(vec![line.0.len()]),
        Some(geo::Geometry::MultiLineString(lines)) => {
            Some(lines.iter().map(|l| l.0.len()).collect())
        }
        Some(geo::Geometry::GeometryCollection(c)) => lines_of(c),
        _ => None,
    }
    .ok_or_else(|| TimingError::NotALine {
        key: key.to_owned(),
    })?;
    let Value::Array(items) = value else {
        return Err(TimingError::VertexTimesNotArray {
            found: FoundValue::of(value),
        });
    };
    // A multi-line takes one array per line; a line one flat array.
    let groups: Vec<&Vec<Value>> = if lines.len() != 1 || items.first().is_some_and(Value::is_array)
    {
        items
            .iter()
            .map(|i| i.as_array().ok_or(TimingError::NotArraysPerLine))
            .collect::<Result<_, _>>()?
    } else {
        vec![items]
    };
    if groups.len() != lines.len() {
        return Err(TimingError::ArraysPerLines {
            arrays: groups.len(),
            lines: lines.len(),
        });
    }
    let mut times = Vec::with_capacity(lines.iter().sum());
    for (line, (group, vertices)) in groups.iter().zip(&lines).enumerate() {
        if group.len() != *vertices {
            return Err(TimingError::TimesPerVertex {
                times: group.len(),
                vertices: *vertices,
                line: (lines.len() > 1).then_some(line),
            });
        }
        times.extend(read_times(group, options)?);
    }
    Ok(times)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// The timing of a feature with these properties and geometry.
    fn read(
        properties: Value,
        geometry: Option<&geo::Geometry<f64>>,
    ) -> Result<Timing, Vec<(String, String)>> {
        read_map(&props(properties), geometry)
    }

    /// The timing, or each error's property and words.
    fn read_map(
        properties: &Map<String, Value>,
        geometry: Option<&geo::Geometry<f64>>,
    ) -> Result<Timing, Vec<(String, String)>> {
        timing(properties, geometry, ReadOptions::default()).map_err(|errors| {
            errors
                .into_iter()
                .map(|(key, error)| (key, error.to_string()))
                .collect()
        })
    }

    /// A span from its first to its last day, as [`days`] gives it.
    fn span(first: &str, last: &str) -> (Option<String>, Option<String>) {
        (Some(first.to_owned()), Some(last.to_owned()))
    }

    fn line(n: usize) -> geo::Geometry<f64> {
        geo::Geometry::LineString((0..n).map(|i| (i as f64, 0.0)).collect())
    }

    fn days(t: &Timing) -> (Option<String>, Option<String>) {
        (
            t.span.first_day().map(|d| d.to_string()),
            t.span.last_day().map(|d| d.to_string()),
        )
    }

    #[test]
    fn an_instant_is_shown_on_its_day_only() {
        for key in INSTANT_KEYS {
            let t = read(json!({ key: "2024-10-18T09:00Z" }), None).unwrap();
            assert_eq!(days(&t), span("2024-10-18", "2024-10-18"), "{key}");
        }
    }

    #[test]
    fn start_and_end_take_precedence_over_an_instant() {
        let t = read(
            json!({"start": "2024-10-08", "end": "2024-10-13", "date": "2024-12-01"}),
            None,
        )
        .unwrap();
        assert_eq!(days(&t), span("2024-10-08", "2024-10-13"));
    }

    #[test]
    fn vertex_times_give_the_track_its_span() {
        let p =
            props(json!({"coordTimes": ["2024-10-10T00:00Z", 1728691200, "2024-10-08T06:00Z"]}));
        let t = read_map(&p, Some(&line(3))).unwrap();
        assert_eq!(days(&t), span("2024-10-08", "2024-10-12"));
        assert_eq!(t.vertex_times.as_ref().map(Vec::len), Some(3));
    }

    #[test]
    fn vertex_times_must_match_the_vertices() {
        let errors = read(
            json!({"times": ["2024-10-10", "2024-10-11"]}),
            Some(&line(3)),
        )
        .unwrap_err();
        assert_eq!(
            errors,
            vec![(
                "times".to_owned(),
                "2 times for 3 vertices: give one time per vertex".to_owned()
            )]
        );
        let errors = read(
            json!({"times": ["2024-10-10"]}),
            Some(&geo::Geometry::Polygon(geo::Polygon::new(
                geo::LineString::from(vec![(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)]),
                vec![],
            ))),
        )
        .unwrap_err();
        assert!(errors[0].1.contains("not a LineString"));
    }

    #[test]
    fn gpx_and_folium_conventions() {
        let at = |days: [&str; 2]| {
            let days = days.map(|d| json!(format!("{d}T06:00:00Z")));
            json!([days[0], "2024-10-09T06:00:00Z", days[1]])
        };
        // togeojson's older output: the first vertex's `time` and the
        // per-vertex `coordTimes`; the track spans all of them.
        let legacy = read(
            json!({"time": "2024-10-08T06:00:00Z", "coordTimes": at(["2024-10-08", "2024-10-10"])}),
            Some(&line(3)),
        )
        .unwrap();
        assert_eq!(days(&legacy), span("2024-10-08", "2024-10-10"));
        assert_eq!(legacy.vertex_times.map(|t| t.len()), Some(3));
        // Its newer output, inside `coordinateProperties`.
        let modern = read(
            json!({"coordinateProperties": {"times": at(["2024-10-07", "2024-10-11"])}}),
            Some(&line(3)),
        )
        .unwrap();
        assert_eq!(days(&modern), span("2024-10-07", "2024-10-11"));
        let errors = read(
            json!({"coordinateProperties": {"coordTimes": ["2024-10-07"]}}),
            Some(&line(3)),
        )
        .unwrap_err();
        assert_eq!(errors[0].0, "coordinateProperties.coordTimes");
        // folium: a point with its time, a multi-point with one per point.
        let point = geo::Geometry::Point(geo::point!(x: 0.0, y: 0.0));
        let one = read(json!({"times": ["2024-10-09"]}), Some(&point)).unwrap();
        assert_eq!(days(&one), span("2024-10-09", "2024-10-09"));
        assert_eq!(one.vertex_times, None);
        let multi = geo::Geometry::MultiPoint(
            vec![geo::point!(x: 0.0, y: 0.0), geo::point!(x: 1.0, y: 0.0)].into(),
        );
        let two = read(
            json!({"times": [1728432000000_i64, 1728518400000_i64]}),
            Some(&multi),
        )
        .unwrap();
        assert_eq!(days(&two), span("2024-10-09", "2024-10-10"));
        let errors = read(json!({"times": [1728432000000_i64]}), Some(&multi)).unwrap_err();
        assert!(errors[0].1.contains("1 times for 2 points"), "{errors:?}");
        // An empty text is no time at all, as null is.
        let none = read(json!({"date": ""}), Some(&point)).unwrap();
        assert_eq!(none.span, Span::default());
    }

    #[test]
    fn year_first_dates_with_slashes_and_lower_case_letters() {
        let day = |v: Value| read_time(&v, None).map(|t| t.seconds());
        let iso = day(json!("2019-12-15T19:34:34Z")).unwrap();
        assert_eq!(day(json!("2019/12/15 19:34:34+00")), Ok(iso));
        assert_eq!(day(json!("2019-12-15t19:34:34z")), Ok(iso));
        assert_eq!(day(json!("2019.12.15")), day(json!("2019-12-15")));
        assert!(day(json!("2019/13/15")).is_err());
    }

    #[test]
    fn multi_lines_take_one_array_per_line() {
        let multi = geo::Geometry::MultiLineString(geo::MultiLineString::new(vec![
            vec![(0.0, 0.0), (1.0, 1.0)].into(),
            vec![(2.0, 2.0), (3.0, 3.0), (4.0, 4.0)].into(),
        ]));
        let p = props(
            json!({"coordTimes": [["2024-10-08", "2024-10-09"], ["2024-10-10", "2024-10-11", "2024-10-12"]]}),
        );
        let t = read_map(&p, Some(&multi)).unwrap();
        assert_eq!(days(&t), span("2024-10-08", "2024-10-12"));
    }

    #[test]
    fn times_that_do_not_fit_the_shape_are_told_by_cause() {
        let point = geo::Geometry::Point(geo::point!(x: 0.0, y: 0.0));
        let errors = |properties, geometry| {
            timing(&props(properties), Some(geometry), ReadOptions::default()).unwrap_err()
        };
        let got = errors(json!({"times": []}), &point);
        assert_eq!(
            got[0].1,
            TimingError::NoTimes {
                key: "times".into()
            }
        );
        assert_eq!(
            got[0].1.to_string(),
            "\"times\" is an empty array: give at least one time"
        );
        let got = errors(json!({"times": ["2024-10-08", true]}), &point);
        assert!(
            matches!(
                &got[0].1,
                TimingError::InArray {
                    index: 1,
                    error: InstantError::NotATime { .. }
                }
            ),
            "{got:?}"
        );
        assert!(got[0].1.to_string().starts_with("time 1: expected a date"));
        let multi = geo::Geometry::MultiLineString(geo::MultiLineString::new(vec![
            vec![(0.0, 0.0), (1.0, 1.0)].into(),
            vec![(2.0, 2.0), (3.0, 3.0)].into(),
        ]));
        let got = errors(json!({"times": [["2024-10-08", "2024-10-09"]]}), &multi);
        assert_eq!(
            got[0].1,
            TimingError::ArraysPerLines {
                arrays: 1,
                lines: 2
            }
        );
        assert_eq!(got[0].1.to_string(), "1 arrays of times for 2 lines");
        let got = errors(
            json!({"times": [["2024-10-08", "2024-10-09"], ["2024-10-10"]]}),
            &multi,
        );
        assert_eq!(
            got[0].1.to_string(),
            "1 times for 2 vertices in line 1: give one time per vertex"
        );
        let got = errors(
            json!({"times": [["2024-10-08", "2024-10-09"], "x"]}),
            &multi,
        );
        assert_eq!(got[0].1, TimingError::NotArraysPerLine);
    }

    #[test]
    fn an_empty_multi_line_takes_no_times() {
        let empty = geo::Geometry::MultiLineString(geo::MultiLineString::new(vec![]));
        let t = read(json!({"times": []}), Some(&empty)).unwrap();
        assert_eq!(t.vertex_times, Some(vec![]));
    }

    #[test]
    fn ambiguous_dates_are_never_guessed() {
        let error = read_time(&json!("03/04/2024"), None)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with(
                "\"03/04/2024\" could be 3 April or 4 March 2024: choose day-first or month-first"
            ),
            "{error}"
        );
        assert_eq!(
            read_time(&json!("03/04/2024"), Some(DateOrder::DayFirst))
                .unwrap()
                .day()
                .to_string(),
            "2024-04-03"
        );
        // Same day and month, or a day above 12: nothing to guess.
        assert_eq!(
            read_time(&json!("04/04/2024"), None)
                .unwrap()
                .day()
                .to_string(),
            "2024-04-04"
        );
        assert_eq!(
            read_time(&json!("10/18/2024"), None)
                .unwrap()
                .day()
                .to_string(),
            "2024-10-18"
        );
        assert_eq!(
            read_time(&json!("18.10.2024"), None)
                .unwrap()
                .day()
                .to_string(),
            "2024-10-18"
        );
        // An order that the value contradicts is an error, not a swap.
        assert!(read_time(&json!("18/10/2024"), Some(DateOrder::MonthFirst))
            .unwrap_err()
            .to_string()
            .contains("not a valid month-first date"));
    }

    #[test]
    fn unix_times_in_seconds_and_milliseconds() {
        // Fewer than nine digits is not a Unix time: a count, or a date
        // written as a number, which the message names.
        assert!(read_time(&json!(0), None).is_err());
        assert!(read_time(&json!(20241018), None)
            .unwrap_err()
            .to_string()
            .contains("if it is the date 2024-10-18, write it as \"2024-10-18\""));
        assert_eq!(
            read_time(&json!(100_000_000), None)
                .unwrap()
                .day()
                .to_string(),
            "1973-03-03"
        );
        assert_eq!(
            read_time(&json!(-100_000_000), None)
                .unwrap()
                .day()
                .to_string(),
            "1966-10-31"
        );
        assert_eq!(
            read_time(&json!(1729252800.5), None)
                .unwrap()
                .day()
                .to_string(),
            "2024-10-18"
        );
        assert!(read_time(&json!(1e300), None).is_err());
        assert!(read_time(&json!(true), None)
            .unwrap_err()
            .to_string()
            .contains("found the boolean true"));
    }

    #[test]
    fn a_time_beside_the_one_used_is_told_only_when_it_says_another() {
        let unused = |properties: Value, geometry: Option<&geo::Geometry<f64>>| {
            let t = read(properties, geometry).unwrap();
            t.unused
                .iter()
                .map(|(key, why)| format!("{key}: {why}"))
                .collect::<Vec<_>>()
        };
        let track = line(3);
        // GPX converters write the first vertex's time in `time`: the same.
        let times = json!([
            "2024-10-08T06:00Z",
            "2024-10-09T06:00Z",
            "2024-10-10T06:00Z"
        ]);
        assert_eq!(
            unused(
                json!({"time": "2024-10-08T06:00Z", "coordTimes": times}),
                Some(&track)
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            unused(json!({"time": "2024-10-01", "coordTimes": times}), Some(&track)),
            ["time: \"2024-10-01\" is not used: the feature's time is read from \"coordTimes\" first, and this time is outside it"]
        );
        assert_eq!(
            unused(json!({"end": "2024-10-13", "timestamp": 1729209600}), None),
            ["timestamp: 1729209600 is not used: the feature's time is read from \"end\" first, and this time is outside it"]
        );
        // A togeojson MultiGeometry of a point and a track: its times fit
        // no shape the map reads them on.
        let mixed = geo::Geometry::GeometryCollection(geo::GeometryCollection(vec![
            geo::Geometry::Point(geo::point!(x: 0.0, y: 0.0)),
            line(2),
        ]));
        let t = read(
            json!({"coordinateProperties": {"coordTimes": ["2024-10-08", "2024-10-09"]}}),
            Some(&mixed),
        )
        .unwrap();
        assert_eq!(t.span, Span::default());
        assert!(matches!(
            t.unused[..],
            [(ref key, UnusedTime::Shape { used: None })] if key == "coordinateProperties.coordTimes"
        ));
    }

    #[test]
    fn a_collection_of_lines_takes_one_array_of_times_per_line() {
        let lines =
            geo::Geometry::GeometryCollection(geo::GeometryCollection(vec![line(2), line(3)]));
        let t = read(
            json!({"coordinateProperties": {"times": [["2024-10-08", "2024-10-09"], ["2024-10-10", "2024-10-11", "2024-10-12"]]}}),
            Some(&lines),
        )
        .unwrap();
        assert_eq!(days(&t), span("2024-10-08", "2024-10-12"));
        assert_eq!(t.vertex_times.map(|v| v.len()), Some(5));
        let errors = read(
            json!({"times": [["2024-10-08", "2024-10-09"]]}),
            Some(&lines),
        )
        .unwrap_err();
        assert_eq!(errors[0].1, "1 arrays of times for 2 lines");
    }
}
