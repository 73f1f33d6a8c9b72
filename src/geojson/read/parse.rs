//! Parsing JSON text into a [`Value`] as serde_json does, while noticing
//! keys given twice in one object.
//!
//! serde_json keeps the last value of a repeated key, silently (in the
//! place of the first); the file's own text, which export writes back,
//! keeps them all. The reader tells which one it read. Noticing costs next
//! to nothing: inserting a key says whether it was there already. Only
//! then is the text parsed again, slower, keeping track of where the parse
//! is (each key held on a stack while its value is read: moved there and
//! back, not copied), to say where each repeated key is.

use std::collections::HashMap;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use super::look::{Look, Seen};
use crate::geojson::found::FoundValue;
use crate::model::quote::QUOTED_CHARS;

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A key given more than once in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Where the object is, from the value parsed.
    pub path: Vec<Step>,
    /// The key.
    pub key: String,
    /// How many times the object gives it (2 or more).
    pub times: usize,
    /// The value read: the last one given.
    pub used: FoundValue,
}

impl DuplicateKey {
    /// The path to the key itself, written as the messages write paths
    /// (`properties.sources[0].title`), from `from` steps on; a key longer
    /// than a message quotes is cut, and "…" marks the cut.
    pub fn written_from(&self, from: usize) -> String {
        let mut text = String::new();
        let key = |text: &mut String, key: &str| {
            if !text.is_empty() {
                text.push('.');
            }
            match key.char_indices().nth(QUOTED_CHARS) {
                Some((cut, _)) => {
                    text.push_str(&key[..cut]);
                    text.push('…');
                }
                None => text.push_str(key),
            }
        };
        for step in self.path.iter().skip(from) {
            match step {
                Step::Key(k) => key(&mut text, k),
                Step::Index(i) => text.push_str(&format!("[{i}]")),
            }
        }
        key(&mut text, &self.key);
        text
    }

    /// The same key, its path without its first `count` steps.
    pub fn below(mut self, count: usize) -> DuplicateKey {
        self.path.drain(..count.min(self.path.len()));
        self
    }
}

/// Parses `text` as one JSON value: the value serde_json would give, and
/// every key given twice in an object, in the order they were met.
///
/// ```
/// use troopmap::geojson::read::parse::parse;
/// let (value, twice) = parse(r#"{"a": {"b": 1, "b": 2}, "c": [0, {"d": "x", "d": "y"}]}"#).unwrap();
/// assert_eq!(value["a"]["b"], 2);
/// assert_eq!(twice.len(), 2);
/// assert_eq!(twice[0].written_from(0), "a.b");
/// assert_eq!(twice[1].written_from(0), "c[1].d");
/// assert_eq!(twice[1].used.to_string(), "the text \"y\"");
/// ```
pub fn parse(text: &str) -> Result<(Value, Vec<DuplicateKey>), serde_json::Error> {
    let mut twice = false;
    let value = parse_with(text, Quick(&mut twice))?;
    if !twice {
        return Ok((value, Vec::new()));
    }
    let mut tracker = Tracker::default();
    let value = parse_with(text, Seed(&mut tracker))?;
    Ok((value, tracker.repeats.into_found()))
}

/// The whole of `text` as one value, read by `seed`.
fn parse_with<'de, S>(text: &'de str, seed: S) -> Result<Value, serde_json::Error>
where
    S: DeserializeSeed<'de, Value = Value>,
{
    let mut de = serde_json::Deserializer::from_str(text);
    let value = seed.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// The keys found given twice, each once with how many times: the same
/// key of the same object is one finding, however many times it comes.
#[derive(Default)]
pub struct Repeats {
    found: Vec<DuplicateKey>,
    /// Where each finding is in `found`, by its path and key.
    at: HashMap<(Vec<Step>, String), usize>,
}

impl Repeats {
    /// Notes that the object at `path` gives `key` again, this time with
    /// the value `used`.
    pub fn again(&mut self, path: &[Step], key: &str, used: FoundValue) {
        self.add(DuplicateKey {
            path: path.to_vec(),
            key: key.to_owned(),
            times: 2,
            used,
        });
    }

    /// Adds a finding: one more of the same key of the same object adds
    /// to its count, and its value is the one read.
    pub fn add(&mut self, found: DuplicateKey) {
        let place = (found.path.clone(), found.key.clone());
        match self.at.get(&place).and_then(|&i| self.found.get_mut(i)) {
            Some(seen) => {
                seen.times += found.times - 1;
                seen.used = found.used;
            }
            None => {
                self.at.insert(place, self.found.len());
                self.found.push(found);
            }
        }
    }

    /// The findings, in the order they were first met.
    pub fn into_found(self) -> Vec<DuplicateKey> {
        self.found
    }
}

/// Where the parse is, and what it has found.
#[derive(Default)]
struct Tracker {
    path: Vec<Step>,
    repeats: Repeats,
}

/// A visitor giving what serde_json's own `Value` visitor gives: the seed
/// is itself, and every value but an array or an object is made the same
/// way.
macro_rules! value_visitor {
    ($seed:ident) => {
        impl<'de> DeserializeSeed<'de> for $seed<'_> {
            type Value = Value;

            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
                deserializer.deserialize_any(self)
            }
        }

        impl<'de> Visitor<'de> for $seed<'_> {
            type Value = Value;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("any valid JSON value")
            }

            #[inline]
            fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
                Ok(Value::Bool(value))
            }

            #[inline]
            fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
                Ok(Value::Number(value.into()))
            }

            #[inline]
            fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
                Ok(Value::Number(value.into()))
            }

            #[inline]
            fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
                Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
            }

            #[inline]
            fn visit_str<E>(self, value: &str) -> Result<Value, E> {
                Ok(Value::String(value.to_owned()))
            }

            #[inline]
            fn visit_string<E>(self, value: String) -> Result<Value, E> {
                Ok(Value::String(value))
            }

            #[inline]
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }

            #[inline]
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }

            #[inline]
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
                self.array(seq)
            }

            #[inline]
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
                self.object(map)
            }
        }
    };
}

/// The quick parse: notes only whether any object gives a key twice.
struct Quick<'a>(&'a mut bool);

impl<'de> DeserializeSeed<'de> for Quick<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Look::keep(self.0)
            .deserialize(deserializer)
            .map(Seen::into_value)
    }
}

/// The slower parse, which keeps track of where it is.
struct Seed<'a>(&'a mut Tracker);

value_visitor!(Seed);

impl<'de> Seed<'_> {
    fn array<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        self.0.path.push(Step::Index(0));
        while let Some(item) = seq.next_element_seed(Seed(&mut *self.0))? {
            items.push(item);
            if let Some(Step::Index(i)) = self.0.path.last_mut() {
                *i += 1;
            }
        }
        self.0.path.pop();
        Ok(Value::Array(items))
    }

    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // The key is where the value is while it is read.
            self.0.path.push(Step::Key(key));
            let value = map.next_value_seed(Seed(&mut *self.0))?;
            let Some(Step::Key(key)) = self.0.path.pop() else {
                continue;
            };
            match members.entry(key) {
                Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                Entry::Occupied(mut entry) => {
                    // serde_json keeps the last value, in the first's place.
                    entry.insert(value);
                    let used = FoundValue::of(entry.get());
                    self.0.repeats.again(&self.0.path, entry.key(), used);
                }
            }
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_gives_what_serde_json_gives() {
        for text in [
            r#"{"type": "Feature", "n": [1, -2, 3.5, 1e300, 18446744073709551615], "s": "é\n", "x": null, "b": true}"#,
            r#"{"a": 1, "b": 2, "a": 3}"#,
            "[]",
            "{}",
            "  \"text\"  ",
            "-0.0",
        ] {
            let ours = parse(text).map(|(v, _)| v.to_string()).ok();
            let theirs = serde_json::from_str::<Value>(text)
                .map(|v| v.to_string())
                .ok();
            assert_eq!(ours, theirs, "{text}");
        }
        // Key order, with a repeat kept in the first's place.
        let (value, _) = parse(r#"{"z": 1, "a": 2, "z": 3}"#).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["z", "a"]);
        assert_eq!(value["z"], 3);
    }

    #[test]
    fn errors_are_serde_jsons() {
        for text in ["{\"a\": }", "[1, 2", "{} x", "NaN", "", "[1,]"] {
            let ours = parse(text).err().map(|e| e.to_string());
            let theirs = serde_json::from_str::<Value>(text)
                .err()
                .map(|e| e.to_string());
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn a_key_three_times_is_one_finding_and_objects_apart_are_apart() {
        let (_, twice) =
            parse(r#"[{"k": 1, "k": 2, "k": "last"}, {"k": 1}, {"k": 1, "k": [2]}]"#).unwrap();
        assert_eq!(twice.len(), 2);
        assert_eq!(
            (twice[0].times, twice[0].written_from(0)),
            (3, "[0].k".into())
        );
        assert_eq!(twice[0].used, FoundValue::Text("last".into()));
        assert_eq!(
            (twice[1].times, twice[1].written_from(0)),
            (2, "[2].k".into())
        );
        assert_eq!(twice[1].used, FoundValue::Array);
        assert_eq!(twice[1].clone().below(1).written_from(0), "k");
    }

    #[test]
    fn a_long_key_is_cut_in_the_path_and_many_keys_are_counted_once_each() {
        let long = "k".repeat(1000);
        let (_, twice) = parse(&format!(r#"{{"{long}": {{"a": 1, "a": 2}}}}"#)).unwrap();
        assert_eq!(twice[0].written_from(0), format!("{}….a", "k".repeat(80)));
        // Many keys, each given twice: each told once, quickly.
        let members: Vec<String> = (0..20_000)
            .map(|i| format!(r#""k{i}": 1, "k{i}": 2"#))
            .collect();
        let (_, twice) = parse(&format!("{{{}}}", members.join(","))).unwrap();
        assert_eq!(twice.len(), 20_000);
        assert!(twice.iter().all(|d| d.times == 2));
    }
}
