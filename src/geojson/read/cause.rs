//! Why the reader refuses a file, or warns of it: one enum for each place
//! a cause arises (the JSON text, the collection, a feature's members, its
//! properties), and one for what is odd but loadable. Each variant carries
//! what its words need, and its `Display` gives those words.

use std::fmt;

use serde_json::Value;

use crate::geojson::found::FoundValue;
use crate::time::TimeError;

pub use super::warning::Warning;

/// Why a text is not valid JSON (where is said apart: line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// `NaN` or `Infinity`, which some writers emit and JSON has no words
    /// for.
    NanOrInfinity,
    /// Anything else, in serde_json's words, without its position.
    Parser(String),
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not valid JSON: ")?;
        match self {
            SyntaxError::NanOrInfinity => f.write_str(
                "NaN and Infinity are not numbers in JSON; write null, or leave the value out",
            ),
            SyntaxError::Parser(reason) => f.write_str(reason),
        }
    }
}

/// What a `bbox` must be.
const BBOX: &str =
    "a \"bbox\" must be an array of 2×n numbers, its south-west and north-east corners (RFC 7946 §5)";

/// What is wrong with `value` as a `bbox`, if anything: it must be an
/// array of 2×n numbers, n at least 2.
///
/// ```
/// use troopmap::geojson::read::cause::bbox_fault;
/// use serde_json::json;
/// assert_eq!(bbox_fault(&json!([130, 42, 133, 44])), None);
/// assert_eq!(bbox_fault(&json!([130, 42, 133])).as_deref(), Some("3 numbers"));
/// assert_eq!(bbox_fault(&json!("x")).as_deref(), Some("the text \"x\""));
/// ```
pub fn bbox_fault(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) if !items.iter().all(Value::is_number) => {
            Some("an array holding other than numbers".to_owned())
        }
        Value::Array(items) if items.len() >= 4 && items.len() % 2 == 0 => None,
        Value::Array(items) => Some(format!("{} numbers", items.len())),
        other => Some(FoundValue::of(other).to_string()),
    }
}

/// Why the document is not a FeatureCollection the map reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectionCause {
    /// The document is not an object.
    NotAnObject { found: FoundValue },
    /// A `type` naming something other than a FeatureCollection.
    WrongType { name: String },
    /// A `type` that is not text.
    TypeNotText { found: FoundValue },
    /// No `type`, and no FeatureCollection wrapped in another member.
    NoType,
    /// `features` that is not an array.
    FeaturesNotArray { found: FoundValue },
    /// No `features`.
    NoFeatures,
    /// A `bbox` that is not 2×n numbers (RFC 7946 §5): what it is.
    Bbox { found: String },
}

impl fmt::Display for CollectionCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CollectionCause::NotAnObject { found } => write!(
                f,
                "expected a GeoJSON FeatureCollection object, found {found}"
            ),
            CollectionCause::WrongType { name } => {
                write!(
                    f,
                    "expected \"FeatureCollection\", found {}",
                    crate::model::quote::quoted(name)
                )
            }
            CollectionCause::TypeNotText { found } => write!(
                f,
                "expected the string \"FeatureCollection\", found {found}"
            ),
            CollectionCause::NoType => {
                f.write_str("the member \"type\": \"FeatureCollection\" is missing")
            }
            CollectionCause::Bbox { found } => write!(f, "{BBOX}, found {found}"),
            CollectionCause::FeaturesNotArray { found } => {
                write!(f, "expected an array of features, found {found}")
            }
            CollectionCause::NoFeatures => f.write_str("the member \"features\" is missing"),
        }
    }
}

/// Why a feature's members (other than its geometry, which has
/// [`GeometryCause`](crate::geojson::geometry::GeometryCause)) are not a
/// Feature's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeatureCause {
    /// The feature is not an object.
    NotAnObject { found: FoundValue },
    /// An `id` that is neither text nor a number.
    IdNotTextOrNumber { found: FoundValue },
    /// A `type` other than `"Feature"`, written as JSON in the message.
    WrongType { found: Value },
    /// No `type`.
    NoType,
    /// No `geometry` (null would say "no location").
    NoGeometry,
    /// `properties` that are neither an object nor null.
    PropertiesNotObject { found: FoundValue },
    /// A `bbox` that is not 2×n numbers (RFC 7946 §5): what it is.
    Bbox { found: String },
}

impl fmt::Display for FeatureCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureCause::NotAnObject { found } => {
                write!(f, "expected a Feature object, found {found}")
            }
            FeatureCause::IdNotTextOrNumber { found } => {
                write!(f, "an id must be a string or a number, found {found}")
            }
            FeatureCause::WrongType { found } => {
                write!(f, "expected \"type\": \"Feature\", found {found}")
            }
            FeatureCause::NoType => f.write_str("the member \"type\": \"Feature\" is missing"),
            FeatureCause::NoGeometry => f.write_str(
                "the member \"geometry\" is missing (use null for a feature without a location)",
            ),
            FeatureCause::PropertiesNotObject { found } => {
                write!(f, "\"properties\" must be an object or null, found {found}")
            }
            FeatureCause::Bbox { found } => write!(f, "{BBOX}, found {found}"),
        }
    }
}

/// Why a property's value is not what the map reads there (times have
/// [`TimingError`](crate::geojson::convention::TimingError)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PropertyCause {
    /// A value that should be text.
    NotText { found: FoundValue },
    /// Text that is none of the names `expected` (`what` names them: "a
    /// kind").
    NotOneOf {
        value: String,
        what: &'static str,
        expected: Vec<&'static str>,
    },
    /// A value that should be a number.
    NotANumber { found: FoundValue },
    /// The `sources`, or one of them.
    Source(SourceCause),
    /// The `grades`, or one of them.
    Grade(GradeCause),
}

impl From<SourceCause> for PropertyCause {
    fn from(cause: SourceCause) -> PropertyCause {
        PropertyCause::Source(cause)
    }
}

impl From<GradeCause> for PropertyCause {
    fn from(cause: GradeCause) -> PropertyCause {
        PropertyCause::Grade(cause)
    }
}

impl fmt::Display for PropertyCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PropertyCause::NotText { found } => write!(f, "expected text, found {found}"),
            PropertyCause::NotOneOf {
                value,
                what,
                expected,
            } => {
                write!(
                    f,
                    "{} is not {what}; expected one of ",
                    crate::model::quote::quoted(value)
                )?;
                for (i, name) in expected.iter().enumerate() {
                    let comma = if i == 0 { "" } else { ", " };
                    write!(f, "{comma}{name:?}")?;
                }
                Ok(())
            }
            PropertyCause::NotANumber { found } => write!(f, "expected a number, found {found}"),
            PropertyCause::Source(cause) => write!(f, "{cause}"),
            PropertyCause::Grade(cause) => write!(f, "{cause}"),
        }
    }
}

/// Why `sources`, or one source in it, cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceCause {
    /// `sources` that are not an array.
    NotAnArray { found: FoundValue },
    /// A source that is not an object.
    NotAnObject { found: FoundValue },
    /// `title`, `publisher`, `url` or `date` that is not text.
    FieldNotText {
        field: &'static str,
        found: FoundValue,
    },
    /// A `ref` that is neither a number nor text.
    RefNotNumberOrText { found: FoundValue },
}

impl fmt::Display for SourceCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceCause::NotAnArray { found } => {
                write!(f, "expected an array of source objects, found {found}")
            }
            SourceCause::NotAnObject { found } => write!(
                f,
                "expected a source object with \"title\", \"publisher\", \"url\" and \"date\", found {found}"
            ),
            SourceCause::FieldNotText { field, found } => {
                write!(f, "\"{field}\" must be text, found {found}")
            }
            SourceCause::RefNotNumberOrText { found } => {
                write!(f, "\"ref\" must be a number or text, found {found}")
            }
        }
    }
}

/// Why `grades`, or one entry in it, cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GradeCause {
    /// `grades` that are not an array.
    NotAnArray { found: FoundValue },
    /// A `confidence` that names no confidence label.
    UnknownConfidence { value: String },
    /// A `stance` that names no stance.
    UnknownStance { value: String },
    /// A `source_type` that names no source type.
    UnknownSourceType { value: String },
    /// An entry with neither `confidence` nor `stance`.
    NoGrade,
    /// An entry dated before the one above it.
    OutOfOrder,
    /// An entry without a `from` date.
    NoFrom,
    /// A `from` that is not a date.
    From(TimeError),
}

impl fmt::Display for GradeCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GradeCause::NotAnArray { found } => write!(
                f,
                "expected an array of {{\"from\": date, \"confidence\": label}}, found {found}"
            ),
            GradeCause::UnknownConfidence { value } => {
                write!(
                    f,
                    "{} is not a confidence label",
                    crate::model::quote::quoted(value)
                )
            }
            GradeCause::UnknownStance { value } => {
                write!(f, "{} is not a stance", crate::model::quote::quoted(value))
            }
            GradeCause::UnknownSourceType { value } => write!(
                f,
                "{} is not a source type",
                crate::model::quote::quoted(value)
            ),
            GradeCause::NoGrade => f.write_str("gives neither \"confidence\" nor \"stance\""),
            GradeCause::OutOfOrder => f.write_str("is dated before the entry above it"),
            GradeCause::NoFrom => f.write_str("has no \"from\" date"),
            GradeCause::From(error) => write!(f, "{error}"),
        }
    }
}
