//! One property of a feature, read from its text without parsing the rest:
//! every other member and property is skipped, not built. Reading the unit
//! of each of 200,000 sightings costs a pass over their text, not 200,000
//! maps.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// The value of property `name` in the Feature object `text`; `None` when
/// the text has no such property, or is not an object.
///
/// ```
/// use troopmap::model::property::property;
/// let text = r#"{"type": "Feature", "geometry": null, "properties": {"name": "x", "unit": "1st Brigade"}}"#;
/// assert_eq!(property(text, "unit"), Some("1st Brigade".into()));
/// assert_eq!(property(text, "side"), None);
/// assert_eq!(property(r#"{"type": "Feature", "properties": null}"#, "unit"), None);
/// ```
pub fn property(text: &str, name: &str) -> Option<Value> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let properties = Member {
        key: "properties",
        inside: Some(name),
    };
    properties.deserialize(&mut reader).ok().flatten()
}

/// Whether the Feature object `text` may give the property whose key JSON
/// writes as `quoted` (quotes and all): the key is there as written, or
/// the text has escapes, which may write it otherwise (`"\u0075nit"`). A
/// quick test before [`property`], since most features of most files
/// name no unit, side or symbol code.
///
/// ```
/// use troopmap::model::property::may_give;
/// assert!(may_give(r#"{"properties": {"unit": "1st"}}"#, r#""unit""#));
/// assert!(may_give(r#"{"properties": {"\u0075nit": "1st"}}"#, r#""unit""#));
/// assert!(!may_give(r#"{"properties": {"units": "1st"}}"#, r#""unit""#));
/// ```
pub fn may_give(text: &str, quoted: &str) -> bool {
    text.contains(quoted) || text.contains('\\')
}

/// Reads an object (or null) for the value of one member, `key`; with
/// `inside`, for the value of member `inside` of that value.
struct Member<'n> {
    key: &'n str,
    inside: Option<&'n str>,
}

impl<'de> DeserializeSeed<'de> for Member<'_> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Option<Value>, D::Error> {
        reader.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Member<'_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object or null")
    }

    fn visit_unit<E>(self) -> Result<Option<Value>, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Option<Value>, A::Error> {
        let mut found = None;
        while let Some(key) = members.next_key::<Cow<'de, str>>()? {
            if key != self.key {
                members.next_value::<IgnoredAny>()?;
                continue;
            }
            // The last of repeated keys wins, as everywhere else.
            found = match self.inside {
                Some(inside) => members.next_value_seed(Member {
                    key: inside,
                    inside: None,
                })?,
                None => Some(members.next_value::<Value>()?),
            };
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_values_and_escaped_keys_are_read_whole() {
        let text = r#"{"properties": {"a": {"unit": "not this"}, "un\u0069t": [1, {"b": 2}]}, "type": "Feature"}"#;
        assert_eq!(
            property(text, "unit"),
            Some(serde_json::json!([1, {"b": 2}]))
        );
        assert_eq!(property(text, "b"), None);
    }

    #[test]
    fn text_that_is_not_an_object_has_no_property() {
        assert_eq!(property("[1, 2]", "unit"), None);
        assert_eq!(property(r#"{"properties": 3}"#, "unit"), None);
        assert_eq!(property("", "unit"), None);
    }
}
