//! Ids given twice. Each feature's id is noticed as it is read, and the
//! first feature with each id is remembered by a 64-bit hash of the id as
//! ids are compared ([`IdKey`]), with no copy of its text. Two ids whose
//! hashes meet are compared in full, from the features themselves.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{FeatureId, MapFeature};

/// The first feature with an id.
#[derive(Clone, Copy)]
pub(super) struct First {
    /// Its place among the features kept.
    kept: usize,
    /// Its index in the file.
    pub(super) index: usize,
    /// The warning of the id's first repeat, which counts the others.
    pub(super) warned: Option<usize>,
}

/// The ids of the features read so far.
#[derive(Default)]
pub(super) struct Ids {
    /// By the hash of its id: the first feature with it.
    first: HashMap<u64, First, BuildHasherDefault<Hashed>>,
    /// The first features with ids whose hash met another id's.
    met: Vec<First>,
}

impl Ids {
    /// Feature `index`, kept at `kept` among `features` (those before it
    /// are there), has `id`: the first feature with the same id, when
    /// one came before.
    pub(super) fn notice(
        &mut self,
        features: &[MapFeature],
        (kept, index): (usize, usize),
        id: &FeatureId,
    ) -> Option<&mut First> {
        let key = IdKey::of(id);
        let same = |first: &First| {
            let other = features.get(first.kept).and_then(|f| f.id.as_ref());
            other.is_some_and(|other| IdKey::of(other) == key)
        };
        let new = First {
            kept,
            index,
            warned: None,
        };
        match self.first.entry(key.hash()) {
            Entry::Vacant(entry) => {
                entry.insert(new);
                None
            }
            Entry::Occupied(entry) if same(entry.get()) => Some(entry.into_mut()),
            // Another id with the same hash (rare): compared one by one.
            Entry::Occupied(_) => match self.met.iter().position(same) {
                Some(at) => self.met.get_mut(at),
                None => {
                    self.met.push(new);
                    None
                }
            },
        }
    }

    /// Room for `more` ids, when there are any.
    pub(super) fn reserve(&mut self, more: usize) {
        let _ = self.first.try_reserve(more);
    }

    /// Whether no feature had an id.
    pub(super) fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// The warnings were moved `by` places down the list.
    pub(super) fn shift(&mut self, by: usize) {
        for first in self.first.values_mut().chain(&mut self.met) {
            if let Some(at) = &mut first.warned {
                *at += by;
            }
        }
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Hashed(u64);

impl Hasher for Hashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0, bytes);
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

/// A feature id as ids are compared: text as written; numbers by value to
/// nine decimals (1 and 1.0 are one id), a whole number without a string
/// made of it (most files number their features).
#[derive(PartialEq, Eq)]
pub(super) enum IdKey<'a> {
    Whole(i64),
    Number(String),
    Text(&'a str),
}

impl IdKey<'_> {
    pub(super) fn of(id: &FeatureId) -> IdKey<'_> {
        match id {
            FeatureId::Text(t) => IdKey::Text(t),
            // Compared by value where a float holds it exactly.
            FeatureId::Number(n) => match n.as_f64() {
                Some(v) if v.is_finite() && v.abs() < 9e15 => {
                    if v.fract() == 0.0 {
                        return IdKey::Whole(v as i64);
                    }
                    let written = crate::number::decimal(v, 9);
                    // Within half a billionth of a whole number: that one.
                    if written.contains('.') {
                        IdKey::Number(written)
                    } else {
                        IdKey::Whole(v.round() as i64)
                    }
                }
                _ => IdKey::Number(n.to_string()),
            },
        }
    }

    /// 64 bits of it: equal keys hash alike.
    fn hash(&self) -> u64 {
        match self {
            IdKey::Whole(n) => mix(1, &n.to_le_bytes()),
            IdKey::Number(n) => mix(2, n.as_bytes()),
            IdKey::Text(t) => mix(3, t.as_bytes()),
        }
    }
}

/// `bytes` mixed into `hash`, eight at a time, their length too, then
/// finished as splitmix64 finishes: every bit of the result depends on
/// every byte (the table places an entry by the low bits, and on wasm32
/// compares bits 25 to 31 first).
fn mix(hash: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (hash ^ bytes.len() as u64).wrapping_mul(K);
    for chunk in bytes.chunks(8) {
        let mut word = [0; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(31);
    }
    let h = (h ^ h >> 30).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let h = (h ^ h >> 27).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ h >> 31
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_whose_hashes_meet_are_told_apart() {
        let feature = |id: &str| {
            format!(r#"{{"type": "Feature", "id": "{id}", "geometry": null, "properties": {{}}}}"#)
        };
        let features: Vec<String> = ["a", "b", "b", "a", "a"].map(feature).to_vec();
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        );
        let Ok(data) = crate::geojson::read::read_collection("t", &text) else {
            panic!("reads");
        };
        let features = &data.features;
        let mut ids = Ids::default();
        let notice = |ids: &mut Ids, at: usize| {
            let id = features[at].id.as_ref()?;
            ids.notice(&features[..at], (at, at + 100), id)
                .map(|first| first.index)
        };
        assert_eq!(notice(&mut ids, 0), None);
        // As if "b" hashed as "a" does: the first it finds is not its own.
        let (a, b) = (features[0].id.as_ref(), features[1].id.as_ref());
        let (Some(a), Some(b)) = (a, b) else {
            panic!("ids");
        };
        let (hash_a, hash_b) = (IdKey::of(a).hash(), IdKey::of(b).hash());
        assert_ne!(hash_a, hash_b);
        let first_a = ids.first.remove(&hash_a);
        ids.first.extend(first_a.map(|first| (hash_b, first)));
        assert_eq!(notice(&mut ids, 1), None);
        assert_eq!(ids.met.len(), 1);
        assert_eq!(notice(&mut ids, 2), Some(101));
        // "a" is found where "b" was put: its own.
        ids.first
            .extend(ids.first.get(&hash_b).copied().map(|f| (hash_a, f)));
        assert_eq!(notice(&mut ids, 3), Some(100));
        assert_eq!(notice(&mut ids, 4), Some(100));
    }

    #[test]
    fn equal_keys_hash_alike_and_others_mostly_not() {
        let mut hashes = std::collections::HashSet::new();
        for i in 0..20_000 {
            let key = format!("synthetic:event:{i}");
            assert_eq!(IdKey::Text(&key).hash(), IdKey::Text(&key.clone()).hash());
            hashes.insert(IdKey::Text(&key).hash());
            hashes.insert(IdKey::Whole(i).hash());
        }
        // Text and numbers alike, and a byte more or less.
        hashes.insert(IdKey::Text("1").hash());
        hashes.insert(IdKey::Text("1\0").hash());
        hashes.insert(IdKey::Number("1".into()).hash());
        assert_eq!(hashes.len(), 40_003);
        // The top seven bits (which hashbrown compares first) vary.
        let tops: std::collections::HashSet<u64> = hashes.iter().map(|h| h >> 57).collect();
        assert_eq!(tops.len(), 128);
    }

    #[test]
    fn ids_alike_but_for_their_last_bytes_spread_over_the_table() {
        // Where the table puts an entry (its low bits) and what it
        // compares first on wasm32 (bits 25 to 31), for 1,000 ids of
        // eight or sixteen bytes that differ only at their ends.
        let families: [fn(usize) -> String; 3] = [
            |i| format!("{i:08}"),
            |i| format!("ID_{i:05}"),
            |i| format!("event-{i:010}"),
        ];
        for (n, family) in families.iter().enumerate() {
            let hashes: Vec<u64> = (0..1000).map(|i| IdKey::Text(&family(i)).hash()).collect();
            let low: std::collections::HashSet<u64> = hashes.iter().map(|h| h & 0x3fff).collect();
            let control: std::collections::HashSet<u64> =
                hashes.iter().map(|h| h >> 25 & 0x7f).collect();
            // 1,000 random values over 16,384 places fill about 970.
            assert!(low.len() > 900, "family {n}: {} places", low.len());
            assert!(control.len() >= 120, "family {n}: {}", control.len());
        }
    }
}
