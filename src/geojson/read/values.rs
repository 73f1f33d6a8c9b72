//! The values the typed reader ([`super::typed`]) takes from a feature's
//! members: each key once, text and names looked at where they are
//! written, the sources checked as the value path checks them; anything
//! else gives up.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::look::{Look, Seen};

pub(super) fn give_up<E: de::Error>() -> E {
    E::custom("not the common case")
}

/// A key as written, with no escape in it.
pub(super) struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = &'de str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<&'de str, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = &'de str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<&'de str, E> {
        Ok(key)
    }
}

/// The keys of one object so far: the first [`FEW`] where they are made,
/// with no allocation (most objects have fewer), the rest in a list.
#[derive(Default)]
pub(super) struct Keys<'de> {
    few: [&'de str; FEW],
    len: usize,
    more: Vec<&'de str>,
}

/// How many keys [`Keys`] holds without allocating.
const FEW: usize = 16;

impl<'de> Keys<'de> {
    /// Each key once: a key given twice gives up.
    pub(super) fn first_time<E: de::Error>(&mut self, key: &'de str) -> Result<(), E> {
        let few = &mut self.few[..self.len];
        if few.contains(&key) || self.more.contains(&key) {
            return Err(give_up());
        }
        match self.few.get_mut(self.len) {
            Some(slot) => {
                *slot = key;
                self.len += 1;
            }
            None => self.more.push(key),
        }
        Ok(())
    }
}

/// A value read whole, with no key given twice inside it.
pub(super) fn value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Value, A::Error> {
    kept(map).map(Seen::into_value)
}

/// A value read whole (its text borrowed where it can be), with no key
/// given twice inside it.
pub(super) fn kept<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Seen<'de>, A::Error> {
    let mut twice = false;
    let value = map.next_value_seed(Look::keep(&mut twice))?;
    if twice {
        return Err(give_up());
    }
    Ok(value)
}

/// A value looked at, with no key given twice inside it.
pub(super) fn look<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Seen<'de>, A::Error> {
    let mut twice = false;
    let seen = map.next_value_seed(Look::only(&mut twice))?;
    if twice {
        return Err(give_up());
    }
    Ok(seen)
}

/// Text, or null (none); anything else gives up when `strict`, and is
/// none otherwise.
pub(super) fn text<'de, A: MapAccess<'de>>(
    map: &mut A,
    strict: bool,
) -> Result<Option<Cow<'de, str>>, A::Error> {
    match look(map)? {
        Seen::Text(text) => Ok(Some(text)),
        Seen::Null => Ok(None),
        _ if strict => Err(give_up()),
        _ => Ok(None),
    }
}

/// One of a few names, or null; anything else gives up.
pub(super) fn name<'de, A: MapAccess<'de>, T>(
    map: &mut A,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, A::Error> {
    match text(map, true)? {
        None => Ok(None),
        Some(text) => parse(&text).map(Some).ok_or_else(give_up),
    }
}

/// `sources`: an array of plain sources (null gives up, as rare as it is),
/// checked as [`super::properties`] reads them; they are read again when
/// shown (see `super::shown`).
pub(super) struct SourcesSeed;

impl<'de> DeserializeSeed<'de> for SourcesSeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SourcesSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("sources")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(SourceSeed)?.is_some() {}
        Ok(())
    }
}

/// One source as [`super::properties`] reads it without a problem: text
/// fields, a `ref` of text or a number, notes of any kind (kept only when
/// they are text), no key given twice.
struct SourceSeed;

impl<'de> DeserializeSeed<'de> for SourceSeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SourceSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a source")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = Keys::default();
        while let Some(key) = map.next_key_seed(Key)? {
            seen.first_time(key)?;
            match (key, look(&mut map)?) {
                ("title" | "publisher" | "url" | "date", Seen::Null | Seen::Text(_)) => {}
                ("title" | "publisher" | "url" | "date", _) => return Err(give_up()),
                ("ref", Seen::Null | Seen::Number(_) | Seen::Text(_)) => {}
                ("ref", _) => return Err(give_up()),
                // Notes, and keys the map does not read.
                _ => {}
            }
        }
        Ok(())
    }
}
