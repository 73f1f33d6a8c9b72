//! Reading a feature's properties: each value checked against what the
//! map expects of it, every problem recorded with the property it is in.

use serde_json::{Map, Value};

use super::cause::{GradeCause, PropertyCause, SourceCause, Warning};
use crate::geojson::found::FoundValue;
use crate::model::history::{GradeHistory, GradeStep};
use crate::model::problem::{Cause, Problem};
use crate::model::statement::{Grade, SourceType, Stance};
use crate::model::Confidence;
use crate::model::{Kind, Source, SourceNotes};
use crate::time::{Span, TimeBound};

/// A feature's problems, each naming the feature (its index and id).
pub(super) struct Found {
    index: usize,
    id: Option<String>,
    pub(super) problems: Vec<Problem>,
    /// What is odd in the feature's properties but does not stop it.
    pub(super) warnings: Vec<Problem>,
}

impl Found {
    pub(super) fn new(index: usize, id: Option<String>, problems: Vec<Problem>) -> Found {
        Found {
            index,
            id,
            problems,
            warnings: Vec::new(),
        }
    }

    /// A problem of this feature.
    pub(super) fn at(&self, cause: impl Into<Cause>) -> Problem {
        Problem::at_feature(self.index, self.id.clone(), cause)
    }

    /// Records a problem in the feature's member `member`.
    pub(super) fn member(&mut self, member: &str, cause: impl Into<Cause>) {
        let problem = self.at(cause).with_member(member);
        self.problems.push(problem);
    }

    /// Records a warning of the property `key`: the feature still loads.
    pub(super) fn warn(&mut self, key: &str, cause: impl Into<Cause>) {
        let problem = self.at(cause).with_property(key);
        self.warnings.push(problem);
    }

    /// Records a problem in the property `key`.
    pub(super) fn property(&mut self, key: &str, cause: impl Into<Cause>) {
        let problem = self.at(cause).with_property(key);
        self.problems.push(problem);
    }
}

/// A text property: `Ok(None)` when absent or null, `Err` with what is
/// there when it is not text.
fn text_of(properties: &Map<String, Value>, key: &str) -> Result<Option<String>, FoundValue> {
    match properties.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(FoundValue::of(other)),
    }
}

/// A text property; `None` when absent or null, and a problem when it is
/// not text.
pub(super) fn text(
    properties: &Map<String, Value>,
    key: &str,
    found: &mut Found,
) -> Option<String> {
    text_of(properties, key).unwrap_or_else(|value| {
        found.property(key, PropertyCause::NotText { found: value });
        None
    })
}

/// A text property the map only shows (the `name`, the `description`):
/// of another type — as converters write a number for a name — it is
/// kept as it is among the other properties, with a warning, and the
/// feature loads (named by its id; without a description). Properties
/// that make the map's claims (kind, grade, stance, precision, sources,
/// times, troops) stay errors: read wrongly, a mark would claim what no
/// source says.
pub(super) fn shown_text(
    properties: &Map<String, Value>,
    key: &str,
    found: &mut Found,
) -> Option<String> {
    text_of(properties, key).unwrap_or_else(|value| {
        found.warn(key, Warning::NotShown { found: value });
        None
    })
}

/// The `description`: text, or the object KML converters write for a
/// description that held HTML or CDATA (`{"@type": "html", "value":
/// "…"}`), whose `value` is read as text — never as HTML — with a warning.
pub(super) fn description(properties: &Map<String, Value>, found: &mut Found) -> Option<String> {
    const KEY: &str = "description";
    if let Some(Value::Object(object)) = properties.get(KEY) {
        if let Some(Value::String(value)) = object.get("value") {
            found.warn(KEY, Warning::DescriptionObject);
            return Some(value.clone());
        }
    }
    shown_text(properties, KEY, found)
}

/// A property whose value must be one of a few names (`what` says what
/// they are, for the message).
pub(super) fn one_of(
    properties: &Map<String, Value>,
    key: &str,
    what: &'static str,
    names: &[&'static str],
    found: &mut Found,
) -> Option<&'static str> {
    let value = text(properties, key, found)?;
    let known = names.iter().copied().find(|n| *n == value);
    if known.is_none() {
        let expected = names.to_vec();
        found.property(
            key,
            PropertyCause::NotOneOf {
                value,
                what,
                expected,
            },
        );
    }
    known
}

/// A number property.
pub(super) fn number(properties: &Map<String, Value>, key: &str, found: &mut Found) -> Option<f64> {
    match properties.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(other) => {
            let cause = PropertyCause::NotANumber {
                found: FoundValue::of(other),
            };
            found.property(key, cause);
            None
        }
    }
}

/// The `sources` array: every entry that reads, and a problem for each
/// that does not.
pub(super) fn sources(properties: &Map<String, Value>, found: &mut Found) -> Vec<Source> {
    match properties.get("sources") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match read_source(item) {
                Ok(source) => Some(source),
                Err(cause) => {
                    found.property(&format!("sources[{i}]"), cause);
                    None
                }
            })
            .collect(),
        Some(other) => {
            let cause = SourceCause::NotAnArray {
                found: FoundValue::of(other),
            };
            found.property("sources", cause);
            Vec::new()
        }
    }
}

/// The `grades` property: an array of `{"from": DATE, "confidence": LABEL}`
/// (or `"stance"`; optionally `"source_type"`), in date order. Each problem goes to `problem` with the
/// property it is in.
pub(super) fn read_grades(
    value: Option<&Value>,
    problem: &mut dyn FnMut(String, GradeCause),
) -> GradeHistory {
    let items = match value {
        None | Some(Value::Null) => return GradeHistory::default(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            let found = FoundValue::of(other);
            problem("grades".to_owned(), GradeCause::NotAnArray { found });
            return GradeHistory::default();
        }
    };
    let mut grades = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let key = format!("grades[{i}]");
        let field = |name: &str| item.get(name).and_then(Value::as_str);
        let from = field("from").map(|t| TimeBound::parse(t).map(TimeBound::day));
        let confidence = field("confidence").map(|t| Confidence::parse(t).ok_or(t));
        let stance = field("stance").map(|t| Stance::parse(t).ok_or(t));
        let who = field("source_type").map(|t| SourceType::parse(t).ok_or(t));
        let grade = match (confidence, stance, who) {
            (Some(Err(t)), _, _) => Err(GradeCause::UnknownConfidence {
                value: t.to_owned(),
            }),
            (_, Some(Err(t)), _) => Err(GradeCause::UnknownStance {
                value: t.to_owned(),
            }),
            (_, _, Some(Err(t))) => Err(GradeCause::UnknownSourceType {
                value: t.to_owned(),
            }),
            (c, s, w) => {
                let (c, w) = (c.and_then(Result::ok), w.and_then(Result::ok));
                Grade::of(c, s.and_then(Result::ok))
                    .map(|grade| (grade, w.or(c.map(SourceType::from_confidence))))
                    .ok_or(GradeCause::NoGrade)
            }
        };
        match (from, grade) {
            (Some(Ok(day)), Ok((grade, source_type))) => {
                if grades
                    .last()
                    .is_some_and(|last: &GradeStep| last.from > day)
                {
                    problem(key, GradeCause::OutOfOrder);
                }
                grades.push(GradeStep {
                    from: day,
                    grade,
                    source_type,
                });
            }
            (None, _) => problem(key, GradeCause::NoFrom),
            (Some(Err(error)), _) => problem(format!("{key}.from"), GradeCause::From(error)),
            (_, Err(cause)) => problem(key, cause),
        }
    }
    GradeHistory(grades.into_boxed_slice())
}

/// Without a `kind`: lines are routes, dated points are events, the rest places.
pub(super) fn default_kind(geometry: Option<&geo::Geometry<f64>>, span: Span) -> Kind {
    match geometry {
        Some(geo::Geometry::LineString(_) | geo::Geometry::MultiLineString(_)) => Kind::Route,
        Some(geo::Geometry::Point(_)) if span.start.is_some() => Kind::Event,
        _ => Kind::Place,
    }
}

pub(crate) fn read_source(value: &Value) -> Result<Source, SourceCause> {
    let Value::Object(fields) = value else {
        let found = FoundValue::of(value);
        return Err(SourceCause::NotAnObject { found });
    };
    let field = |field: &'static str| -> Result<Option<String>, SourceCause> {
        match fields.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(SourceCause::FieldNotText {
                field,
                found: FoundValue::of(other),
            }),
        }
    };
    let reference = match fields.get("ref") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            let found = FoundValue::of(other);
            return Err(SourceCause::RefNotNumberOrText { found });
        }
    };
    // Notes about a source are shown when they are text, and otherwise
    // kept only in the feature's own text (export gives them back).
    let note = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_owned);
    Ok(Source {
        reference,
        title: field("title")?,
        publisher: field("publisher")?,
        url: field("url")?,
        date: field("date")?,
        more: Some(SourceNotes {
            via: note("via"),
            mirror: note("mirror"),
            date_note: note("date_note"),
            note: note("note"),
        })
        .filter(|more| *more != SourceNotes::default())
        .map(Box::new),
    })
}
