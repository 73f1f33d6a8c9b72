//! Looking at a JSON value as it is parsed: what kind of value it is,
//! its text (borrowed from the file's text where it has no escape) or its
//! number, and whether any object inside it gives a key twice; with the
//! value itself kept or not. What the typed reader ([`super::typed`])
//! needs of the values it only checks, with nothing built or copied for
//! them, and the quick parse of [`super::parse::parse`].

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A value looked at: a list or an object only if it was kept.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Seen<'de> {
    Null,
    Bool(bool),
    Number(Number),
    Text(Cow<'de, str>),
    List,
    Object,
    /// A list or an object, kept.
    Kept(Value),
}

impl Seen<'_> {
    /// The value, as serde_json's `Value` has it (a list or an object not
    /// kept is null).
    pub(super) fn into_value(self) -> Value {
        match self {
            Seen::Null | Seen::List | Seen::Object => Value::Null,
            Seen::Bool(b) => Value::Bool(b),
            Seen::Number(n) => Value::Number(n),
            Seen::Text(text) => Value::String(text.into_owned()),
            Seen::Kept(value) => value,
        }
    }
}

/// Looks at one value, and keeps its lists and objects when `keep`; sets
/// `twice` when an object in it gives a key twice (compared unescaped, as
/// serde_json compares them), or, not kept, has more keys than
/// [`FEW_KEYS`], or when it nests deeper than [`DEEPEST`].
pub(super) struct Look<'a> {
    twice: &'a mut bool,
    keep: bool,
    /// How many lists and objects this value is in, within the one looked
    /// at first.
    depth: usize,
}

/// Lists and objects nested deeper than this in a value are told as if
/// they gave a key twice, so that the feature is read the slow way: the
/// scan of a collection splits out no feature nested deeper than 100
/// levels (`crate::geojson::scan`), and a value the typed reader looks at
/// is at most five levels into its feature.
const DEEPEST: usize = 90;

impl<'a> Look<'a> {
    /// Looks at a value without keeping it.
    pub(super) fn only(twice: &'a mut bool) -> Look<'a> {
        Look {
            twice,
            keep: false,
            depth: 0,
        }
    }

    /// Keeps a value.
    pub(super) fn keep(twice: &'a mut bool) -> Look<'a> {
        Look {
            twice,
            keep: true,
            depth: 0,
        }
    }

    /// The same, for a value inside this one.
    fn inner(&mut self) -> Look<'_> {
        Look {
            twice: &mut *self.twice,
            keep: self.keep,
            depth: self.depth + 1,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Look<'_> {
    type Value = Seen<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Seen<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// The keys of an object not kept compared (one by one) for one given
/// twice: enough for the tags of a map's features.
const FEW_KEYS: usize = 64;

impl<'de> Visitor<'de> for Look<'_> {
    type Value = Seen<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Seen<'de>, E> {
        Ok(Seen::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Seen<'de>, E> {
        Ok(Seen::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Seen<'de>, E> {
        Ok(Seen::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Seen<'de>, E> {
        // serde_json's `Value` has no number that is not finite.
        Ok(Number::from_f64(value).map_or(Seen::Null, Seen::Number))
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Seen<'de>, E> {
        Ok(Seen::Text(Cow::Borrowed(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Seen<'de>, E> {
        Ok(Seen::Text(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E>(self, value: String) -> Result<Seen<'de>, E> {
        Ok(Seen::Text(Cow::Owned(value)))
    }

    fn visit_none<E>(self) -> Result<Seen<'de>, E> {
        Ok(Seen::Null)
    }

    fn visit_unit<E>(self) -> Result<Seen<'de>, E> {
        Ok(Seen::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Seen<'de>, A::Error> {
        *self.twice |= self.depth > DEEPEST;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.inner())? {
            if self.keep {
                items.push(item.into_value());
            }
        }
        Ok(match self.keep {
            true => Seen::Kept(Value::Array(items)),
            false => Seen::List,
        })
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Seen<'de>, A::Error> {
        *self.twice |= self.depth > DEEPEST;
        if self.keep {
            let mut members = Map::new();
            while let Some(key) = map.next_key::<String>()? {
                let value = map.next_value_seed(self.inner())?.into_value();
                // serde_json keeps the last value, in the first's place.
                *self.twice |= members.insert(key, value).is_some();
            }
            return Ok(Seen::Kept(Value::Object(members)));
        }
        let mut keys: Vec<Cow<'de, str>> = Vec::new();
        while let Some(key) = map.next_key_seed(KeyText)? {
            map.next_value_seed(self.inner())?;
            // More keys than are compared here: told as if one were given
            // twice, so that the value is read whole.
            *self.twice |= keys.len() == FEW_KEYS || keys.contains(&key);
            if keys.len() < FEW_KEYS {
                keys.push(key);
            }
        }
        Ok(Seen::Object)
    }
}

/// A key, unescaped: borrowed where it has no escape.
struct KeyText;

impl<'de> DeserializeSeed<'de> for KeyText {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyText {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geojson::read::parse::parse;

    fn look(text: &str) -> Option<(Seen<'_>, bool)> {
        let mut twice = false;
        let mut de = serde_json::Deserializer::from_str(text);
        let seen = Look::only(&mut twice).deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some((seen, twice))
    }

    #[test]
    fn finds_a_key_given_twice_where_the_parse_does() {
        let many: Vec<String> = (0..80).map(|i| format!("\"k{i}\": {i}")).collect();
        let texts = [
            r#"{"a": 1, "b": 2}"#.to_owned(),
            r#"{"a": 1, "a": 2}"#.to_owned(),
            r#"{"a": 1, "\u0061": 2}"#.to_owned(),
            r#"[1, {"x": [{"y": 1, "y": null}]}]"#.to_owned(),
            r#"{"x": {"y": 1}, "z": {"y": 1}}"#.to_owned(),
            format!("{{{}}}", many.join(", ")),
            format!("{{{}, \"k3\": 0}}", many.join(", ")),
            format!("{{{}, \"k79\": 0}}", many.join(", ")),
            format!("{{\"k79\": 0, {}}}", many.join(", ")),
        ];
        for text in texts {
            let Ok((_, repeats)) = parse(&text) else {
                panic!("{text} parses");
            };
            let Some((_, twice)) = look(&text) else {
                panic!("{text} is looked at");
            };
            // An object of many keys is told as if it gave one twice.
            let many = text.matches("\"k").count() > FEW_KEYS;
            assert_eq!(twice, many || !repeats.is_empty(), "{text}");
        }
        let few: Vec<String> = (0..FEW_KEYS).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}}}", few.join(", "));
        assert_eq!(look(&text).map(|(_, twice)| twice), Some(false));
        let text = format!("{{{}, \"k0\": 1}}", few.join(", "));
        assert_eq!(look(&text).map(|(_, twice)| twice), Some(true));
    }

    /// The value kept, and whether a key was given twice.
    fn keep(text: &str) -> Option<(Value, bool)> {
        let mut twice = false;
        let mut de = serde_json::Deserializer::from_str(text);
        let seen = Look::keep(&mut twice).deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some((seen.into_value(), twice))
    }

    #[test]
    fn keeps_what_serde_json_gives_and_looks_at_its_text_and_numbers() {
        for text in [
            "null",
            "true",
            "-3",
            "18446744073709551615",
            "2.5e3",
            "0.1",
            r#""plain""#,
            r#""a\nb é""#,
            r#"[1, [2, {"a": null}], "x"]"#,
            r#"{"a": {"b": [1.5, false]}, "c": "d", "a": 2}"#,
        ] {
            let Ok(value) = serde_json::from_str::<Value>(text) else {
                panic!("{text} parses");
            };
            let twice = text.contains(r#""a": 2"#);
            assert_eq!(keep(text), Some((value.clone(), twice)), "{text}");
            let Some((seen, _)) = look(text) else {
                panic!("{text} is looked at");
            };
            match (&seen, &value) {
                (Seen::List, Value::Array(_)) | (Seen::Object, Value::Object(_)) => {}
                _ => assert_eq!(seen.into_value(), value, "{text}"),
            }
        }
        assert_eq!(
            look(r#""a""#),
            Some((Seen::Text(Cow::Borrowed("a")), false))
        );
        // What serde_json refuses, this refuses.
        for text in ["1e400", "[1,]", r#"{"a" 1}"#, "\"\\x\""] {
            assert!(serde_json::from_str::<Value>(text).is_err());
            assert_eq!(look(text), None, "{text}");
            assert_eq!(keep(text), None, "{text}");
        }
    }
}
