//! Named surprises: what a file holds that loads, but not as its writer
//! may think — a key given twice, a member RFC 7946 §7.1 forbids, a Feature
//! without `properties`, a year far from the file's others, a time the map
//! does not use. Each is a warning with where it is.

use std::fmt;

use serde_json::{Map, Value};

use crate::geojson::convention::{written, UnusedTime};
use crate::geojson::found::FoundValue;

/// A surprise, one variant per kind; its `Display` gives the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Surprise {
    /// `key` given `times` times in one object; the last value, `used`,
    /// is the one read.
    DuplicateKey {
        key: String,
        times: usize,
        used: FoundValue,
    },
    /// A member RFC 7946 §7.1 forbids `object` (a kind of GeoJSON object)
    /// to have; kept, not read.
    ForbiddenMember {
        object: GeoJsonObject,
        member: &'static str,
    },
    /// A Feature without a `properties` member, which RFC 7946 requires.
    NoProperties,
    /// A time `value` (as written) more than [`FAR_YEARS`] years from the
    /// file's other dates, whose years run from `near.0` to `near.1`.
    FarYear { value: Value, near: (i32, i32) },
    /// A time-looking property the map does not use, and why.
    TimeNotUsed(UnusedTime),
}

/// How many years from the file's other dates a date may be before it is
/// named as a likely typo.
pub const FAR_YEARS: i32 = 100;

impl fmt::Display for Surprise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Surprise::DuplicateKey { key, times, used } => {
                let (count, others) = match times {
                    2 => ("twice".to_owned(), "the first"),
                    n => (format!("{n} times"), "the others"),
                };
                write!(
                    f,
                    "the key {} is given {count} in one object: the last value ({used}) is read, {others} ignored",
                    crate::model::quote::quoted(key)
                )
            }
            Surprise::ForbiddenMember { object, member } => write!(
                f,
                "RFC 7946 §7.1 forbids {object} to have a \"{member}\" member; kept, not read"
            ),
            Surprise::NoProperties => f.write_str(
                "the Feature has no \"properties\" member, which RFC 7946 requires (null when it has none): read as none",
            ),
            Surprise::FarYear { value, near } => {
                write!(
                    f,
                    "{} is more than {FAR_YEARS} years from the file's other dates ({}–{}): a typo?",
                    written(value),
                    near.0,
                    near.1
                )
            }
            Surprise::TimeNotUsed(unused) => write!(f, "{unused}"),
        }
    }
}

/// The kinds of GeoJSON object RFC 7946 §7.1 gives members to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoJsonObject {
    FeatureCollection,
    Feature,
    Geometry,
}

impl GeoJsonObject {
    /// `key`, when it is a member that defines another kind of object,
    /// which §7.1 forbids this one to have.
    fn forbids(self, key: &str) -> Option<&'static str> {
        use GeoJsonObject::{Feature, FeatureCollection, Geometry};
        match (self, key) {
            (FeatureCollection | Feature, "coordinates") => Some("coordinates"),
            (FeatureCollection | Feature, "geometries") => Some("geometries"),
            (FeatureCollection | Geometry, "geometry") => Some("geometry"),
            (FeatureCollection | Geometry, "properties") => Some("properties"),
            (Feature | Geometry, "features") => Some("features"),
            _ => None,
        }
    }
}

impl fmt::Display for GeoJsonObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GeoJsonObject::FeatureCollection => "a FeatureCollection",
            GeoJsonObject::Feature => "a Feature",
            GeoJsonObject::Geometry => "a geometry",
        })
    }
}

/// The members of `members`, an object of kind `object`, that RFC 7946
/// §7.1 forbids it, each with its path below it (`properties`,
/// `geometries[1].features`): of a geometry, those of the geometries it
/// holds too.
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::read::surprise::{forbidden_members, GeoJsonObject};
/// let feature = json!({"type": "Feature", "geometry": null, "properties": {}, "coordinates": [1, 2]});
/// let found = forbidden_members(GeoJsonObject::Feature, feature.as_object().unwrap());
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].0, "coordinates");
/// assert_eq!(found[0].1.to_string(), "RFC 7946 §7.1 forbids a Feature to have a \"coordinates\" member; kept, not read");
/// ```
pub fn forbidden_members(
    object: GeoJsonObject,
    members: &Map<String, Value>,
) -> Vec<(String, Surprise)> {
    let mut found = Vec::new();
    forbidden_in(object, members, "", &mut found);
    found
}

fn forbidden_in(
    object: GeoJsonObject,
    members: &Map<String, Value>,
    path: &str,
    found: &mut Vec<(String, Surprise)>,
) {
    // One pass over the members, without hashing: most objects have none.
    let mut geometries = None;
    for (key, value) in members {
        if let Some(member) = object.forbids(key) {
            let surprise = Surprise::ForbiddenMember { object, member };
            found.push((format!("{path}{member}"), surprise));
        } else if key == "geometries" {
            geometries = value.as_array();
        }
    }
    if object != GeoJsonObject::Geometry {
        return;
    }
    for (i, item) in geometries.into_iter().flatten().enumerate() {
        if let Value::Object(inner) = item {
            let path = format!("{path}geometries[{i}].");
            forbidden_in(GeoJsonObject::Geometry, inner, &path, found);
        }
    }
}
