//! Reading one Feature: its members, then its properties, in named steps;
//! and the collector that keeps the features read and notices ids given
//! twice.

use std::collections::HashMap;

use geo::CoordsIter;
use serde_json::{Map, Value};

use super::cause::{bbox_fault, CollectionCause, FeatureCause, Warning};
use super::properties::{self, default_kind, read_grades, Found};
use crate::geojson::convention::{self, ReadOptions, Timing};
use crate::geojson::found::FoundValue;
use crate::geojson::geometry::{check_geometry, lint_geometry};
use crate::model::history::GradeHistory;
use crate::model::problem::{Cause, Problem};
use crate::model::statement::{Grade, SourceType, Stance};
use crate::model::{Confidence, Dataset, FeatureId, Kind, MapFeature, Precision, RawText, Source};

/// Reads features one at a time: keeps them, and their problems and
/// warnings, and notices ids given twice.
pub(super) struct Collector {
    options: ReadOptions,
    features: Vec<MapFeature>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// By id: the first feature with it, and the warning of its first
    /// repeat, which counts the repeats after it.
    first_with_id: HashMap<String, (usize, Option<usize>)>,
}

impl Collector {
    pub(super) fn new(options: ReadOptions, warnings: Vec<Problem>) -> Collector {
        Collector {
            options,
            features: Vec::new(),
            problems: Vec::new(),
            warnings,
            first_with_id: HashMap::new(),
        }
    }

    /// Reads feature `index` from its `value`, and `text` when the file's
    /// own text of it is at hand.
    pub(super) fn add(&mut self, index: usize, value: Value, text: Option<RawText>) {
        match read_feature(index, value, text, self.options, &mut self.warnings) {
            Ok(feature) => {
                if let Some(id) = &feature.id {
                    let key = match id {
                        FeatureId::Text(t) => format!("text {t}"),
                        // 1 and 1.0 are the same number: compared by
                        // value where a float holds it exactly.
                        FeatureId::Number(n) => match n.as_f64() {
                            Some(v) if v.is_finite() && v.abs() < 9e15 => {
                                format!("number {}", crate::number::decimal(v, 9))
                            }
                            _ => format!("number {n}"),
                        },
                    };
                    match self.first_with_id.get_mut(&key) {
                        // A third feature with the id, or more: counted in
                        // the second's warning, not a line each.
                        Some((_, Some(warned))) => {
                            if let Some(Cause::Warning(Warning::DuplicateId { more, .. })) =
                                self.warnings.get_mut(*warned).map(|w| &mut w.cause)
                            {
                                *more += 1;
                            }
                        }
                        Some((first, warned)) => {
                            let cause = Warning::DuplicateId {
                                first: *first,
                                more: 0,
                            };
                            *warned = Some(self.warnings.len());
                            self.warnings.push(
                                Problem::at_feature(index, Some(id.to_string()), cause)
                                    .with_member("id"),
                            );
                        }
                        None => {
                            self.first_with_id.insert(key, (index, None));
                        }
                    }
                }
                self.features.push(feature);
            }
            Err(mut found) => self.problems.append(&mut found),
        }
    }

    pub(super) fn finish(mut self, members: Map<String, Value>) -> Result<Dataset, Vec<Problem>> {
        if let Some(found) = members.get("bbox").and_then(bbox_fault) {
            self.problems
                .push(Problem::at_path("bbox", CollectionCause::Bbox { found }));
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        Ok(Dataset {
            features: self.features,
            members,
            warnings: self.warnings,
            warnings_left_out: 0,
            files: Vec::new(),
        })
    }
}

/// Reads feature `index` from its `value`; `source` is the file's own text
/// of it, when at hand. What is odd but loadable goes to `warnings`.
fn read_feature(
    index: usize,
    value: Value,
    source: Option<RawText>,
    options: ReadOptions,
    warnings: &mut Vec<Problem>,
) -> Result<MapFeature, Vec<Problem>> {
    let Value::Object(raw) = value else {
        let found = FoundValue::of(&value);
        let cause = FeatureCause::NotAnObject { found };
        return Err(vec![Problem::at_feature(index, None, cause)]);
    };
    let (id, mut found) = read_id(index, &raw);
    check_type(&raw, &mut found);
    if let Some(fault) = raw.get("bbox").and_then(bbox_fault) {
        found.member("bbox", FeatureCause::Bbox { found: fault });
    }
    let geometry = read_geometry(&raw, &mut found, warnings);
    if raw.contains_key("crs") {
        warnings.push(found.at(Warning::Crs).with_member("crs"));
    }
    let empty = Map::new();
    let properties = properties_member(&raw, &mut found).unwrap_or(&empty);
    let fields = Fields::read(properties, geometry.as_ref(), options, &mut found);
    if !found.problems.is_empty() {
        return Err(found.problems);
    }
    warnings.append(&mut found.warnings);
    let raw = match source {
        Some(source) => source,
        None => RawText::from(Value::Object(raw).to_string()),
    };
    Ok(fields.into_feature(id, geometry, raw))
}

/// The `id` member, and the feature's problem list naming it.
fn read_id(index: usize, raw: &Map<String, Value>) -> (Option<FeatureId>, Found) {
    let mut problems = Vec::new();
    let id = match raw.get("id") {
        None => None,
        Some(Value::String(s)) => Some(FeatureId::Text(s.clone())),
        Some(Value::Number(n)) => Some(FeatureId::Number(n.clone())),
        Some(other) => {
            let found = FoundValue::of(other);
            let cause = FeatureCause::IdNotTextOrNumber { found };
            problems.push(Problem::at_feature(index, None, cause).with_member("id"));
            None
        }
    };
    let id_text = id.as_ref().map(ToString::to_string);
    (id, Found::new(index, id_text, problems))
}

/// `"type": "Feature"`.
fn check_type(raw: &Map<String, Value>, found: &mut Found) {
    match raw.get("type") {
        Some(Value::String(t)) if t == "Feature" => {}
        Some(other) => found.member(
            "type",
            FeatureCause::WrongType {
                found: other.clone(),
            },
        ),
        None => found.member("type", FeatureCause::NoType),
    }
}

/// The `geometry` member, checked; its oddities go to `warnings`.
fn read_geometry(
    raw: &Map<String, Value>,
    found: &mut Found,
    warnings: &mut Vec<Problem>,
) -> Option<geo::Geometry<f64>> {
    match raw.get("geometry") {
        None => {
            found.member("geometry", FeatureCause::NoGeometry);
            None
        }
        Some(Value::Null) => None,
        Some(value) => match check_geometry(value) {
            Ok(geometry) => {
                for odd in lint_geometry(value) {
                    let member = format!("geometry{}", odd.path);
                    warnings.push(found.at(odd.cause).with_member(&member));
                }
                Some(geometry)
            }
            Err(error) => {
                found.member(&format!("geometry{}", error.path), error.cause);
                None
            }
        },
    }
}

/// The `properties` member: an object, or none (absent or null).
fn properties_member<'a>(
    raw: &'a Map<String, Value>,
    found: &mut Found,
) -> Option<&'a Map<String, Value>> {
    match raw.get("properties") {
        None | Some(Value::Null) => None,
        Some(Value::Object(p)) => Some(p),
        Some(other) => {
            let cause = FeatureCause::PropertiesNotObject {
                found: FoundValue::of(other),
            };
            found.member("properties", cause);
            None
        }
    }
}

/// What the map reads of a feature's properties.
struct Fields {
    name: Option<String>,
    description: Option<String>,
    timing: Timing,
    kind: Kind,
    confidence: Option<Confidence>,
    stance: Option<Stance>,
    source_type: Option<SourceType>,
    grades: GradeHistory,
    precision: Option<Precision>,
    troops: Option<f64>,
    sources: Vec<Source>,
    reported: Option<String>,
    date_precision: bool,
    label_direction: Option<String>,
    place: Option<String>,
}

impl Fields {
    /// Reads every property the map understands, each problem to `found`.
    fn read(
        properties: &Map<String, Value>,
        geometry: Option<&geo::Geometry<f64>>,
        options: ReadOptions,
        found: &mut Found,
    ) -> Fields {
        let name = properties::text(properties, "name", found);
        let description = properties::description(properties, found);
        let timing = match convention::timing(properties, geometry, options) {
            Ok(timing) => timing,
            Err(errors) => {
                for (key, error) in errors {
                    found.property(&key, error);
                }
                Timing::default()
            }
        };
        let one_of = |key, what, names: &[&'static str], found: &mut Found| {
            properties::one_of(properties, key, what, names, found)
        };
        let kind = one_of("kind", "a kind", &Kind::ALL.map(Kind::as_str), found)
            .and_then(Kind::parse)
            .unwrap_or_else(|| default_kind(geometry, timing.span));
        let confidence = one_of(
            "confidence",
            "a confidence label",
            &Confidence::ALL.map(Confidence::as_str),
            found,
        )
        .and_then(Confidence::parse);
        let stance = one_of("stance", "a stance", &Stance::NAMES, found).and_then(Stance::parse);
        let source_type = one_of(
            "source_type",
            "a source type",
            &SourceType::ALL.map(SourceType::as_str),
            found,
        )
        .and_then(SourceType::parse);
        let grades = read_grades(properties.get("grades"), &mut |key, cause| {
            found.property(&key, cause)
        });
        let precision = one_of(
            "precision",
            "a precision",
            &Precision::ALL.map(Precision::as_str),
            found,
        )
        .and_then(Precision::parse);
        let troops = properties::number(properties, "troops", found);
        let sources = properties::sources(properties, found);
        let text_of = |key: &str| {
            properties
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        Fields {
            name,
            description,
            timing,
            kind,
            confidence,
            stance,
            source_type,
            grades,
            precision,
            troops,
            sources,
            reported: text_of("reported"),
            date_precision: properties
                .get("date_precision")
                .is_some_and(|v| !convention::absent(v)),
            label_direction: text_of("label_direction"),
            place: text_of("place"),
        }
    }

    /// The feature, once every property read without a problem.
    fn into_feature(
        self,
        id: Option<FeatureId>,
        geometry: Option<geo::Geometry<f64>>,
        raw: RawText,
    ) -> MapFeature {
        let confidence = self.confidence;
        MapFeature {
            id,
            name: self.name,
            kind: self.kind,
            span: self.timing.span,
            confidence,
            stance: self.stance.or(confidence.map(Stance::from_confidence)),
            source_type: self
                .source_type
                .or(confidence.map(SourceType::from_confidence)),
            grade: Grade::of(confidence, self.stance),
            grades: self.grades,
            sources: self.sources,
            troops: self.troops,
            description: self.description,
            precision: self.precision,
            vertex_times: self.timing.vertex_times,
            // Empty coordinates stand for no geometry (RFC 7946 3.1):
            // nothing is drawn; the file's text is kept as it came.
            geometry: geometry.filter(|g| g.coords_count() > 0),
            reported: self.reported,
            date_precision: self.date_precision,
            label_direction: self.label_direction,
            place: self.place,
            raw,
        }
    }
}
