//! KML (Google Earth, My Maps, GDAL) as GeoJSON in the data format, as
//! togeojson and GDAL make it: one feature per Placemark, in document
//! order; a MultiGeometry or gx:MultiTrack stays one feature.
//!
//! - `name`, `description` (text, never HTML) and `styleUrl` are
//!   properties, and so is each `ExtendedData` value (`Data` and
//!   `SchemaData`) under its name;
//! - a `TimeStamp` gives `start` and `end`: the moment itself, or the
//!   period a year-only (`2023`) or year-month (`2023-05`) value is, with
//!   `date_precision` `year` or `month`; a `TimeSpan`'s `begin` and `end`
//!   give them the same way;
//! - a `gx:Track` is a LineString whose `when`s become
//!   `coordinateProperties.times`; a `gx:MultiTrack` a MultiLineString;
//! - a MultiGeometry of one kind becomes that kind's Multi geometry,
//!   otherwise a GeometryCollection;
//! - altitudes are kept as a third value, as KML writes them.

use serde_json::{json, Map, Value};

mod coordinates;
mod properties;

use coordinates::coordinates_of;
pub use properties::period;
use properties::{extended_data, times};

use super::cause::{FormatNote, XmlCause};
use super::xml::{line_column, parse, Element};
use super::Converted;
use crate::model::problem::Problem;

/// Converts KML text; `Err` lists every problem, each with where it is.
pub fn convert(text: &str) -> Result<Converted, Vec<Problem>> {
    let root = parse(text).map_err(|e| vec![at(text, e.at, None, e.cause)])?;
    if root.name != "kml" {
        let found = root.name.clone();
        return Err(vec![at(
            text,
            root.at,
            None,
            XmlCause::Root {
                expected: "kml",
                found,
            },
        )]);
    }
    let mut reading = Reading {
        text,
        features: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
    };
    reading.container(&root);
    if !reading.problems.is_empty() {
        return Err(reading.problems);
    }
    let mut collection = Map::new();
    collection.insert("type".into(), "FeatureCollection".into());
    let title = root
        .child("Document")
        .and_then(|d| d.text_of("name"))
        .or_else(|| root.text_of("name"));
    if let Some(name) = title {
        collection.insert("name".into(), name.into());
    }
    collection.insert("features".into(), Value::Array(reading.features));
    Ok(Converted {
        geojson: Value::Object(collection).to_string(),
        notes: reading.notes,
    })
}

/// A problem at byte `offset`, for feature `feature` when there is one.
fn at(text: &str, offset: usize, feature: Option<usize>, cause: XmlCause) -> Problem {
    let mut problem = Problem::at_path("", crate::model::problem::Cause::Xml(cause));
    problem.line_column = Some(line_column(text, offset));
    problem.feature = feature;
    problem
}

/// What stops a placemark being read: at which byte, and why.
type Fault = (usize, XmlCause);

struct Reading<'a> {
    text: &'a str,
    features: Vec<Value>,
    problems: Vec<Problem>,
    notes: Vec<Problem>,
}

impl Reading<'_> {
    /// Every placemark inside `element`, however deep in folders.
    fn container(&mut self, element: &Element) {
        for child in &element.children {
            match child.name.as_str() {
                "Placemark" => self.placemark(child),
                "TimeStamp" | "TimeSpan" if element.name != "kml" => self.note(
                    child,
                    None,
                    FormatNote::TimeOnContainer {
                        time: child.name.clone(),
                        container: element.name.clone(),
                    },
                ),
                _ => self.container(child),
            }
        }
    }

    fn note(&mut self, element: &Element, feature: Option<usize>, note: FormatNote) {
        let mut problem = Problem::at_path("", crate::model::problem::Cause::Note(note));
        problem.line_column = Some(line_column(self.text, element.at));
        problem.feature = feature;
        self.notes.push(problem);
    }

    fn placemark(&mut self, placemark: &Element) {
        let index = self.features.len();
        let mut properties = Map::new();
        for name in ["name", "description", "styleUrl"] {
            if let Some(child) = placemark.child(name) {
                properties.insert(name.into(), child.text.trim().into());
            }
        }
        if let Some(extended) = placemark.child("ExtendedData") {
            extended_data(extended, &mut properties);
        }
        if let Some(stamp) = placemark.child("TimeStamp") {
            if let Some(when) = stamp.text_of("when") {
                let (start, _, precision) = period(when);
                let (_, end, _) = period(when);
                times(&mut properties, Some(start), Some(end), precision);
            }
        } else if let Some(span) = placemark.child("TimeSpan") {
            let begin = span.text_of("begin").map(period);
            let end = span.text_of("end").map(period);
            let precision = begin
                .as_ref()
                .and_then(|b| b.2)
                .or(end.as_ref().and_then(|e| e.2));
            times(
                &mut properties,
                begin.map(|b| b.0),
                end.map(|e| e.1),
                precision,
            );
        }
        let mut geometry = Value::Null;
        let shape = placemark
            .children
            .iter()
            .find(|c| is_geometry(&c.name) || c.name == "Model");
        if let Some(shape) = shape {
            match self.geometry(shape, index) {
                Ok(Some((g, Some(t)))) => {
                    geometry = g;
                    properties.insert("coordinateProperties".into(), json!({ "times": t }));
                }
                Ok(Some((g, None))) => geometry = g,
                Ok(None) => {}
                Err((offset, cause)) => {
                    self.problems
                        .push(at(self.text, offset, Some(index), cause))
                }
            }
        }
        let mut feature = Map::new();
        feature.insert("type".into(), "Feature".into());
        if let Some(id) = placemark.attribute("id") {
            feature.insert("id".into(), id.into());
        }
        feature.insert("geometry".into(), geometry);
        feature.insert("properties".into(), Value::Object(properties));
        self.features.push(Value::Object(feature));
    }

    /// The element as a GeoJSON geometry, with its per-position times when
    /// it is a track; `None` for what the map does not draw.
    fn geometry(
        &mut self,
        shape: &Element,
        index: usize,
    ) -> Result<Option<(Value, Option<Value>)>, Fault> {
        let positions = |e: &Element| -> Result<Vec<Value>, Fault> {
            let coordinates = e.child("coordinates").unwrap_or(e);
            coordinates_of(&coordinates.text).map_err(|cause| (coordinates.at, cause))
        };
        let ring = |e: Option<&Element>| -> Result<Option<Value>, Fault> {
            match e.and_then(|b| b.child("LinearRing")) {
                Some(r) => positions(r).map(|p| Some(Value::Array(p))),
                None => Ok(None),
            }
        };
        Ok(Some(match shape.name.as_str() {
            "Point" => {
                let mut all = positions(shape)?;
                let first = if all.is_empty() {
                    Value::Array(Vec::new())
                } else {
                    all.swap_remove(0)
                };
                (json!({"type": "Point", "coordinates": first}), None)
            }
            "LineString" => (
                json!({"type": "LineString", "coordinates": positions(shape)?}),
                None,
            ),
            "LinearRing" => (
                json!({"type": "Polygon", "coordinates": [positions(shape)?]}),
                None,
            ),
            "Polygon" => {
                let mut rings: Vec<Value> =
                    ring(shape.child("outerBoundaryIs"))?.into_iter().collect();
                for inner in shape.all("innerBoundaryIs") {
                    rings.extend(ring(Some(inner))?);
                }
                (json!({"type": "Polygon", "coordinates": rings}), None)
            }
            "Track" => return self.track(shape, index).map(Some),
            "MultiTrack" => {
                let mut lines = Vec::new();
                let mut all_times = Vec::new();
                for track in shape.all("Track") {
                    let (line, times) = self.track_line(track, index)?;
                    lines.push(line);
                    all_times.push(times);
                }
                let times = all_times.into_iter().collect::<Option<Vec<Value>>>();
                (
                    json!({"type": "MultiLineString", "coordinates": lines}),
                    times.map(Value::Array),
                )
            }
            "MultiGeometry" => return self.multi(shape, index).map(Some),
            other => {
                let element = other.to_owned();
                self.note(shape, Some(index), FormatNote::NotDrawn { element });
                return Ok(None);
            }
        }))
    }

    /// A gx:Track: a LineString (a Point when it has one position) with
    /// its times.
    fn track(&mut self, track: &Element, index: usize) -> Result<(Value, Option<Value>), Fault> {
        let (line, times) = self.track_line(track, index)?;
        let geometry = match line.as_array().map(Vec::len) {
            Some(1) => json!({"type": "Point", "coordinates": line[0]}),
            _ => json!({"type": "LineString", "coordinates": line}),
        };
        Ok((geometry, times))
    }

    /// A gx:Track's positions, and its times when they pair up with them.
    fn track_line(
        &mut self,
        track: &Element,
        index: usize,
    ) -> Result<(Value, Option<Value>), Fault> {
        let mut line = Vec::new();
        for coord in track.all("coord") {
            let spaced = coord.text.split_whitespace().collect::<Vec<_>>().join(",");
            let mut one = coordinates_of(&spaced).map_err(|cause| (coord.at, cause))?;
            line.append(&mut one);
        }
        let whens: Vec<Value> = track
            .all("when")
            .map(|w| Value::String(w.text.trim().to_owned()))
            .collect();
        let times = if whens.len() == line.len() {
            Some(Value::Array(whens))
        } else {
            let note = FormatNote::TrackTimes {
                whens: whens.len(),
                coords: line.len(),
            };
            self.note(track, Some(index), note);
            None
        };
        Ok((Value::Array(line), times))
    }

    /// A MultiGeometry: the Multi geometry of its one kind, or a
    /// GeometryCollection; tracks keep their times when all its parts are
    /// tracks.
    fn multi(&mut self, multi: &Element, index: usize) -> Result<(Value, Option<Value>), Fault> {
        let mut parts = Vec::new();
        let mut part_times = Vec::new();
        for child in multi.children.iter().filter(|c| is_geometry(&c.name)) {
            if let Some((geometry, times)) = self.geometry(child, index)? {
                parts.push(geometry);
                part_times.push(times);
            }
        }
        let kinds: Vec<&str> = parts.iter().filter_map(|g| g["type"].as_str()).collect();
        let one_kind = kinds
            .first()
            .filter(|k| kinds.iter().all(|other| other == *k));
        let multi_kind = match one_kind {
            Some(&"Point") => Some("MultiPoint"),
            Some(&"LineString") => Some("MultiLineString"),
            Some(&"Polygon") => Some("MultiPolygon"),
            _ => None,
        };
        let Some(kind) = multi_kind else {
            let geometry = json!({"type": "GeometryCollection", "geometries": parts});
            return Ok((geometry, None));
        };
        let coordinates: Vec<Value> = parts.iter_mut().map(|g| g["coordinates"].take()).collect();
        let times = if kind == "MultiLineString" {
            part_times
                .into_iter()
                .collect::<Option<Vec<Value>>>()
                .map(Value::Array)
        } else {
            None
        };
        Ok((json!({"type": kind, "coordinates": coordinates}), times))
    }
}

fn is_geometry(name: &str) -> bool {
    matches!(
        name,
        "Point"
            | "LineString"
            | "LinearRing"
            | "Polygon"
            | "MultiGeometry"
            | "Track"
            | "MultiTrack"
    )
}
