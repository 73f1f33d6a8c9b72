//! GPX (GPS tracks, routes and waypoints) as GeoJSON in the data format,
//! as togeojson and GDAL make it: one feature per waypoint, route and
//! track, in that order; a track's segments together as one
//! MultiLineString.
//!
//! Names, descriptions (`desc`), comments (`cmt`), sources (`src`),
//! symbols (`sym`), types, numbers and links are properties. A waypoint's
//! `time` is its `time`; the points' times of a route or track are its
//! `coordinateProperties.times` (one array per segment), used when every
//! point has one. Elevations are kept as a third value of each position.
//! Extensions are not read.

use gpx::{Gpx, Waypoint};
use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use super::cause::{FormatNote, XmlCause};
use super::xml::{guard, line_column};
use super::Converted;
use crate::model::problem::{Cause, Problem};

/// Converts GPX text; `Err` says what is wrong, and where when it is known.
pub fn convert(text: &str) -> Result<Converted, Vec<Problem>> {
    guard(text).map_err(|e| {
        let mut problem = Problem::at_path("", Cause::Xml(e.cause));
        problem.line_column = Some(line_column(text, e.at));
        vec![problem]
    })?;
    let data = gpx::read(text.as_bytes()).map_err(|error| vec![refusal(text, &error)])?;
    let mut reading = Reading {
        features: Vec::new(),
        notes: Vec::new(),
    };
    reading.read(&data);
    let mut collection = Map::new();
    collection.insert("type".into(), "FeatureCollection".into());
    if let Some(name) = data.metadata.as_ref().and_then(|m| m.name.as_deref()) {
        collection.insert("name".into(), name.into());
    }
    collection.insert("features".into(), Value::Array(reading.features));
    Ok(Converted {
        geojson: Value::Object(collection).to_string(),
        notes: reading.notes,
    })
}

/// The GPX reader's refusal, at the line and column the XML reader gives,
/// or else where the element it names first appears.
fn refusal(text: &str, error: &gpx::errors::GpxError) -> Problem {
    use gpx::errors::GpxError;
    let mut problem = Problem::at_path("", Cause::Xml(XmlCause::Gpx(error.to_string())));
    problem.line_column = match error {
        GpxError::XmlParseError(e) => {
            let p = xml::common::Position::position(e);
            Some((p.row as usize + 1, p.column as usize + 1))
        }
        GpxError::InvalidChildElement(name, _) | GpxError::InvalidClosingTag(name, _) => text
            .find(&format!("<{name}"))
            .or_else(|| text.find(&format!("</{name}")))
            .map(|at| line_column(text, at)),
        GpxError::LonLatOutOfBoundsError(which, _, value) => {
            let attribute = if which.starts_with("lat") {
                "lat"
            } else {
                "lon"
            };
            [
                format!("{attribute}=\"{value}"),
                format!("{attribute}='{value}"),
            ]
            .iter()
            .find_map(|written| text.find(written.as_str()))
            .map(|at| line_column(text, at))
        }
        _ => None,
    };
    problem
}

struct Reading {
    features: Vec<Value>,
    notes: Vec<Problem>,
}

impl Reading {
    fn read(&mut self, data: &Gpx) {
        for point in &data.waypoints {
            let mut properties = describe(point);
            if let Some(time) = point.time {
                properties.insert("time".into(), moment(time.into()).into());
            }
            self.push(
                json!({"type": "Point", "coordinates": position(point)}),
                properties,
            );
        }
        for route in &data.routes {
            let words = [
                ("name", &route.name),
                ("description", &route.description),
                ("comment", &route.comment),
                ("source", &route.source),
                ("type", &route.type_),
            ];
            let properties = said(&words, route.number, &route.links);
            self.line(&[route.points.as_slice()], properties, false);
        }
        for track in &data.tracks {
            let words = [
                ("name", &track.name),
                ("description", &track.description),
                ("comment", &track.comment),
                ("source", &track.source),
                ("type", &track.type_),
            ];
            let properties = said(&words, track.number, &track.links);
            let segments: Vec<&[Waypoint]> =
                track.segments.iter().map(|s| s.points.as_slice()).collect();
            self.line(&segments, properties, true);
        }
    }

    fn push(&mut self, geometry: Value, properties: Map<String, Value>) {
        self.features.push(json!({
            "type": "Feature",
            "geometry": geometry,
            "properties": properties,
        }));
    }

    /// A route (one part) or a track (its segments): a LineString or a
    /// MultiLineString, or a Point when it has one point in all.
    fn line(&mut self, parts: &[&[Waypoint]], mut properties: Map<String, Value>, track: bool) {
        let index = self.features.len();
        let all: Vec<&Waypoint> = parts.iter().flat_map(|p| p.iter()).collect();
        let timed = all.iter().filter(|p| p.time.is_some()).count();
        if timed > 0 && timed < all.len() {
            self.note(
                index,
                FormatNote::SomeTimes {
                    with: timed,
                    of: all.len(),
                },
            );
        }
        let with_times = timed == all.len() && timed > 0;
        let times_of = |points: &[Waypoint]| -> Value {
            points
                .iter()
                .filter_map(|p| p.time.map(|t| Value::from(moment(t.into()))))
                .collect()
        };
        if let [only] = all.as_slice() {
            if with_times {
                properties.insert(
                    "coordinateProperties".into(),
                    json!({"times": times_of(std::slice::from_ref(*only))}),
                );
            }
            self.push(
                json!({"type": "Point", "coordinates": position(only)}),
                properties,
            );
            return;
        }
        let kept: Vec<&[Waypoint]> = parts.iter().copied().filter(|p| p.len() >= 2).collect();
        let single = parts.iter().filter(|p| p.len() == 1).count();
        if single > 0 {
            self.note(index, FormatNote::SinglePoints { count: single });
        }
        let lines: Vec<Value> = kept
            .iter()
            .map(|p| p.iter().map(position).collect())
            .collect();
        let times: Vec<Value> = kept.iter().map(|p| times_of(p)).collect();
        let geometry = if track {
            if with_times {
                properties.insert("coordinateProperties".into(), json!({ "times": times }));
            }
            json!({"type": "MultiLineString", "coordinates": lines})
        } else {
            if with_times {
                let first = times.into_iter().next().unwrap_or(Value::Array(Vec::new()));
                properties.insert("coordinateProperties".into(), json!({ "times": first }));
            }
            let first = lines.into_iter().next().unwrap_or(Value::Array(Vec::new()));
            json!({"type": "LineString", "coordinates": first})
        };
        self.push(geometry, properties);
    }

    fn note(&mut self, index: usize, note: FormatNote) {
        let mut problem = Problem::at_path("", Cause::Note(note));
        problem.feature = Some(index);
        self.notes.push(problem);
    }
}

/// A waypoint's own words as properties.
fn describe(point: &Waypoint) -> Map<String, Value> {
    let words = [
        ("name", &point.name),
        ("description", &point.description),
        ("comment", &point.comment),
        ("source", &point.source),
        ("symbol", &point.symbol),
        ("type", &point.type_),
    ];
    said(&words, None, &point.links)
}

/// Properties from what GPX says of a waypoint, route or track: its texts
/// under the names given, its number and its links' addresses.
fn said(
    words: &[(&str, &Option<String>)],
    number: Option<u32>,
    links: &[gpx::Link],
) -> Map<String, Value> {
    let mut properties = Map::new();
    for (key, value) in words {
        if let Some(value) = value {
            properties.insert((*key).into(), value.as_str().into());
        }
    }
    if let Some(number) = number {
        properties.insert("number".into(), number.into());
    }
    if !links.is_empty() {
        let hrefs: Vec<Value> = links.iter().map(|l| l.href.as_str().into()).collect();
        properties.insert("links".into(), Value::Array(hrefs));
    }
    properties
}

/// `[lon, lat]`, or `[lon, lat, elevation]`.
fn position(point: &Waypoint) -> Value {
    let p = point.point();
    let mut numbers = vec![json!(p.x()), json!(p.y())];
    if let Some(elevation) = point.elevation.filter(|e| e.is_finite()) {
        numbers.push(json!(elevation));
    }
    Value::Array(numbers)
}

/// A moment as the data format writes it: `YYYY-MM-DDThh:mm:ssZ`, with
/// milliseconds when it has them.
fn moment(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    let millis = t.millisecond();
    if millis > 0 {
        text.push_str(&format!(".{millis:03}"));
    }
    text.push('Z');
    text
}
