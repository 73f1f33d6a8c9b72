//! Reading a plain feature's text with its geometry kept compact: its
//! members as values, but its `geometry` straight into a [`Compact`]
//! geometry, never a value of each position (a geometry of millions of
//! positions then takes about a third of the memory, and no copy of it is
//! made to convert it).
//!
//! Only a plain feature is read so: an object giving no key twice, with a
//! plain geometry or null. For anything else this gives up, and the feature
//! is read as a value as before, so that every message and warning comes
//! from one place.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::parse::Quick;
use crate::geojson::geometry::compact::{Compact, GeometrySeed};

/// A plain feature: its members but `geometry`, and its geometry (`None`
/// for null), when it has that member.
pub(super) struct FastFeature {
    pub(super) members: Map<String, Value>,
    pub(super) geometry: Option<Option<Compact>>,
}

/// Reads the text of one feature; `None` unless it is plain.
pub(super) fn parse_fast(text: &str) -> Option<FastFeature> {
    let mut de = serde_json::Deserializer::from_str(text);
    let feature = FeatureSeed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(feature)
}

struct FeatureSeed;

impl<'de> DeserializeSeed<'de> for FeatureSeed {
    type Value = FastFeature;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FastFeature, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed {
    type Value = FastFeature;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a plain feature object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FastFeature, A::Error> {
        let mut members = Map::new();
        let mut geometry = None;
        let mut twice = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "geometry" {
                if geometry.is_some() {
                    twice = true;
                }
                geometry = Some(map.next_value_seed(GeometrySeed)?);
            } else {
                let value = map.next_value_seed(Quick(&mut twice))?;
                if members.insert(key, value).is_some() {
                    twice = true;
                }
            }
            if twice {
                return Err(de::Error::custom("a key given twice"));
            }
        }
        Ok(FastFeature { members, geometry })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_features_are_read_so() {
        let plain = r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"a": [1]}}"#;
        let feature = parse_fast(plain).unwrap();
        assert!(matches!(feature.geometry, Some(Some(_))));
        assert_eq!(
            feature.members.keys().collect::<Vec<_>>(),
            ["type", "properties"]
        );
        assert!(matches!(
            parse_fast(r#"{"geometry": null}"#).unwrap().geometry,
            Some(None)
        ));
        assert!(parse_fast(r#"{"properties": {}}"#)
            .unwrap()
            .geometry
            .is_none());
        for not_plain in [
            r#"{"geometry": null, "geometry": null}"#,
            r#"{"a": 1, "a": 1}"#,
            r#"{"a": {"b": 1, "b": 1}}"#,
            r#"{"geometry": {"type": "Point", "coordinates": [1, 2], "type": "Point"}}"#,
            r#"{"geometry": {"type": "Point", "coordinates": [1, 2, "3"]}}"#,
            r#"{"geometry": {"type": "Point", "coordinates": [1, 95]}}"#,
            r#"{"geometry": {"type": "Point", "coordinates": [1, 2], "bbox": 7}}"#,
            r#"{"geometry": 5}"#,
            "[]",
            "{",
        ] {
            assert!(parse_fast(not_plain).is_none(), "{not_plain}");
        }
    }
}
