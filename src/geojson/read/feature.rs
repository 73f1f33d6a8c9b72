//! Reading one Feature: its members, then its properties, in named steps.

use geo::CoordsIter;
use serde_json::{Map, Value};

use super::cause::{bbox_fault, FeatureCause, Warning};
use super::parse::{DuplicateKey, Step};
use super::properties::{self, default_kind, read_grades, Found};
use super::surprise::{forbidden_members, GeoJsonObject, Surprise};
use crate::geojson::convention::{self, ReadOptions, Timing};
use crate::geojson::found::FoundValue;
use crate::geojson::geometry::compact::Compact;
use crate::geojson::geometry::{check_geometry, lint_geometry};
use crate::model::history::GradeHistory;
use crate::model::keys::KeySet;
use crate::model::problem::Problem;
use crate::model::statement::{Grade, SourceType, Stance};
use crate::model::{Confidence, FeatureId, Kind, MapFeature, Precision, RawText};

/// A feature read, and its warnings.
pub(super) type ReadFeature = (MapFeature, Vec<Problem>);

/// Reads feature `index` from its `value`; `source` is
/// the file's own text of it, when at hand, and `duplicates` the keys it
/// gives twice. Gives the feature with what is odd but loadable in it, or
/// its problems.
pub(super) fn read_feature(
    index: usize,
    value: Value,
    source: Option<RawText>,
    options: ReadOptions,
    duplicates: Vec<DuplicateKey>,
) -> Result<ReadFeature, Vec<Problem>> {
    let Value::Object(raw) = value else {
        let found = FoundValue::of(&value);
        let cause = FeatureCause::NotAnObject { found };
        return Err(vec![Problem::at_feature(index, None, cause)]);
    };
    let (id, mut found) = read_id(index, &raw);
    let mut warnings: Vec<Problem> = duplicates.into_iter().map(|d| twice(&found, d)).collect();
    check_type(&raw, &mut found);
    if let Some(fault) = raw.get("bbox").and_then(bbox_fault) {
        found.member("bbox", FeatureCause::Bbox { found: fault });
    }
    forbidden(GeoJsonObject::Feature, &raw, "", &found, &mut warnings);
    let geometry = read_geometry(&raw, &mut found, &mut warnings);
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
    Ok((fields.into_feature(id, geometry, raw), warnings))
}

/// The warning for a key the feature's text gives twice: in a property
/// (`sources[0].title`), or in a member (`geometry.coordinates`).
fn twice(found: &Found, duplicate: DuplicateKey) -> Problem {
    let in_properties = matches!(duplicate.path.first(), Some(Step::Key(k)) if k == "properties");
    let cause = Surprise::DuplicateKey {
        key: duplicate.key.clone(),
        times: duplicate.times,
        used: duplicate.used.clone(),
    };
    if in_properties {
        found.at(cause).with_property(&duplicate.written_from(1))
    } else {
        found.at(cause).with_member(&duplicate.written_from(0))
    }
}

/// Members RFC 7946 §7.1 forbids a Feature (or, `below` it, a geometry)
/// to have.
fn forbidden(
    object: GeoJsonObject,
    members: &Map<String, Value>,
    below: &str,
    found: &Found,
    warnings: &mut Vec<Problem>,
) {
    for (path, surprise) in forbidden_members(object, members) {
        warnings.push(found.at(surprise).with_member(&format!("{below}{path}")));
    }
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
                if let Value::Object(members) = value {
                    forbidden(
                        GeoJsonObject::Geometry,
                        members,
                        "geometry.",
                        found,
                        warnings,
                    );
                }
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

/// A geometry read apart, plain: its oddities go to `warnings`, as
/// [`read_geometry`] tells them.
pub(super) fn compact_geometry(
    compact: Compact,
    found: &Found,
    warnings: &mut Vec<Problem>,
) -> geo::Geometry<f64> {
    for (path, member) in compact.forbidden_members() {
        let object = GeoJsonObject::Geometry;
        let surprise = Surprise::ForbiddenMember { object, member };
        warnings.push(found.at(surprise).with_member(&format!("geometry.{path}")));
    }
    for odd in compact.lint() {
        let member = format!("geometry{}", odd.path);
        warnings.push(found.at(odd.cause).with_member(&member));
    }
    compact.into_geo()
}

/// The `properties` member: an object, or none (absent or null).
fn properties_member<'a>(
    raw: &'a Map<String, Value>,
    found: &mut Found,
) -> Option<&'a Map<String, Value>> {
    match raw.get("properties") {
        None => {
            // RFC 7946 requires the member, null when there are none.
            let warning = found.at(Surprise::NoProperties).with_member("properties");
            found.warnings.push(warning);
            None
        }
        Some(Value::Null) => None,
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
pub(super) struct Fields {
    pub(super) name: Option<String>,
    pub(super) timing: Timing,
    pub(super) kind: Kind,
    pub(super) confidence: Option<Confidence>,
    pub(super) stance: Option<Stance>,
    pub(super) source_type: Option<SourceType>,
    pub(super) grades: GradeHistory,
    pub(super) precision: Option<Precision>,
    pub(super) troops: Option<f64>,
    pub(super) reported: Option<String>,
    pub(super) date_precision: bool,
    pub(super) label_direction: Option<String>,
    pub(super) place: Option<String>,
    pub(super) has_concerns: bool,
    pub(super) keys: KeySet,
}

impl Fields {
    /// Reads every property the map understands, each problem to `found`.
    fn read(
        properties: &Map<String, Value>,
        geometry: Option<&geo::Geometry<f64>>,
        options: ReadOptions,
        found: &mut Found,
    ) -> Fields {
        let name = properties::shown_text(properties, "name", found);
        // Checked, and read again when shown (see `shown`).
        properties::description(properties, found);
        let timing = match convention::timing(properties, geometry, options) {
            Ok(mut timing) => {
                for (key, unused) in std::mem::take(&mut timing.unused) {
                    found.warn(&key, Surprise::TimeNotUsed(unused));
                }
                timing
            }
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
        properties::sources(properties, found);
        let text_of = |key: &str| {
            properties
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        Fields {
            name,
            timing,
            kind,
            confidence,
            stance,
            source_type,
            grades,
            precision,
            troops,
            reported: text_of("reported"),
            date_precision: properties
                .get("date_precision")
                .is_some_and(|v| !convention::absent(v)),
            label_direction: text_of("label_direction"),
            place: text_of("place"),
            has_concerns: properties.contains_key(convention::CONCERNS),
            keys: KeySet::of(properties.keys().map(String::as_str)),
        }
    }

    /// The feature, once every property read without a problem.
    pub(super) fn into_feature(
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
            troops: self.troops,
            precision: self.precision,
            vertex_times: self.timing.vertex_times,
            // Empty coordinates stand for no geometry (RFC 7946 3.1):
            // nothing is drawn; the file's text is kept as it came.
            geometry: geometry.filter(|g| g.coords_count() > 0),
            reported: self.reported,
            date_precision: self.date_precision,
            label_direction: self.label_direction,
            place: self.place,
            has_concerns: self.has_concerns,
            keys: self.keys,
            raw,
        }
    }
}
