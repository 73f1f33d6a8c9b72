//! Reading a [`Compact`] geometry with serde, straight from the text.
//!
//! Whatever is not plain (see the module's notes) ends the reading with an
//! error, which only says "read it as a value instead".

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Body, Compact, Kind, Nest, Position};

/// The error that sends a geometry back to be read as a value.
fn not_plain<E: de::Error>() -> E {
    E::custom("not a plain geometry")
}

/// Reads a geometry object, or `null` (`None`), from a feature's
/// `geometry` member; errs on anything not plain.
#[derive(Debug, Clone, Copy)]
pub struct GeometrySeed;

impl<'de> DeserializeSeed<'de> for GeometrySeed {
    type Value = Option<Compact>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GeometrySeed {
    type Value = Option<Compact>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a plain geometry object or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        geometry(map).map(Some)
    }
}

/// A geometry object's members, read; the geometry once checked.
fn geometry<'de, A: MapAccess<'de>>(mut map: A) -> Result<Compact, A::Error> {
    let mut kind = None;
    let mut coordinates = None;
    let mut geometries = None;
    let mut bbox = false;
    let mut forbidden = Vec::new();
    // The other keys, to notice one given twice (objects have few). Keys
    // are borrowed from the text: one written with escapes is not plain.
    let mut others: Vec<&str> = Vec::new();
    while let Some(key) = map.next_key::<&'de str>()? {
        match key {
            "type" if kind.is_none() => {
                let name = map.next_value::<&'de str>()?;
                kind = Some(Kind::parse(name).ok_or_else(not_plain)?);
            }
            "coordinates" if coordinates.is_none() => {
                coordinates = Some(map.next_value_seed(NestSeed)?);
            }
            "geometries" if geometries.is_none() => {
                geometries = Some(map.next_value_seed(GeometriesSeed)?);
            }
            "bbox" if !bbox => {
                // As the geojson crate reads it: numbers, or null.
                bbox = true;
                map.next_value::<Option<Vec<f64>>>()?;
            }
            "type" | "coordinates" | "geometries" | "bbox" => return Err(not_plain()),
            other => {
                if others.contains(&other) {
                    return Err(not_plain());
                }
                if let Some(member) = forbidden_member(other) {
                    forbidden.push(member);
                }
                others.push(other);
                // A list or an object there is left to the slow way, with
                // however deep it nests.
                if !matches!(
                    map.next_value::<serde_json::Value>()?,
                    serde_json::Value::Null
                        | serde_json::Value::Bool(_)
                        | serde_json::Value::Number(_)
                        | serde_json::Value::String(_)
                ) {
                    return Err(not_plain());
                }
            }
        }
    }
    let kind = kind.ok_or_else(not_plain)?;
    let body = match (kind, coordinates, geometries) {
        (Kind::GeometryCollection, _, Some(items)) => Body::Geometries(items),
        (Kind::GeometryCollection, _, None) | (_, _, Some(_)) | (_, None, None) => {
            return Err(not_plain())
        }
        (_, Some(nest), None) => Body::Coordinates(nest),
    };
    let compact = Compact {
        kind,
        body,
        forbidden,
    };
    if compact.fits() {
        Ok(compact)
    } else {
        Err(not_plain())
    }
}

/// The members RFC 7946 §7.1 forbids a geometry, as
/// [`forbidden_members`](crate::geojson::read::surprise::forbidden_members)
/// names them.
fn forbidden_member(key: &str) -> Option<&'static str> {
    match key {
        "geometry" => Some("geometry"),
        "properties" => Some("properties"),
        "features" => Some("features"),
        _ => None,
    }
}

/// A collection's `geometries`: an array of geometry objects.
struct GeometriesSeed;

impl<'de> DeserializeSeed<'de> for GeometriesSeed {
    type Value = Vec<Compact>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GeometriesSeed {
    type Value = Vec<Compact>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of geometry objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        // null is not a geometry in a collection: left to the checks.
        while let Some(item) = seq.next_element_seed(GeometrySeed)? {
            // A collection within a collection is left to the slow way
            // (RFC 7946 §3.1.8 advises against it), however deep it nests.
            let item = item.filter(|item| item.kind != Kind::GeometryCollection);
            items.push(item.ok_or_else(not_plain)?);
        }
        Ok(items)
    }
}

/// Coordinates: a position (an array of numbers) or an array of them.
struct NestSeed;

impl<'de> DeserializeSeed<'de> for NestSeed {
    type Value = Nest;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NestSeed {
    type Value = Nest;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("coordinates")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Nest, A::Error> {
        nest(seq)
    }
}

/// The first item of an array of coordinates, which says what the array
/// is: a number begins a position.
enum First {
    Number(f64),
    Nest(Nest),
}

struct FirstSeed;

impl<'de> DeserializeSeed<'de> for FirstSeed {
    type Value = First;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FirstSeed {
    type Value = First;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or an array")
    }

    // As serde_json's `Number::as_f64` gives them.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<First, E> {
        Ok(First::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<First, E> {
        Ok(First::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<First, E> {
        Ok(First::Number(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<First, A::Error> {
        nest(seq).map(First::Nest)
    }
}

/// An array of coordinates: a position in range, or arrays all alike in
/// being arrays.
fn nest<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Nest, A::Error> {
    match seq.next_element_seed(FirstSeed)? {
        None => Ok(Nest::List(Vec::new())),
        Some(First::Number(lon)) => {
            let lat = seq.next_element::<f64>()?.ok_or_else(not_plain)?;
            let mut more = false;
            while seq.next_element::<f64>()?.is_some() {
                more = true;
            }
            if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                return Err(not_plain());
            }
            Ok(Nest::Position(Position { lon, lat, more }))
        }
        Some(First::Nest(first)) => {
            let mut items = vec![first];
            while let Some(item) = seq.next_element_seed(NestSeed)? {
                items.push(item);
            }
            Ok(Nest::List(items))
        }
    }
}
