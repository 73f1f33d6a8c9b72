//! Which keys a feature's properties have, as a set of 64 hash bits: a
//! key's bit clear means the feature surely lacks it, so that a search
//! for a property the data may or may not use (the unit a sighting names)
//! passes most features by without reading their text again.

/// The bits of a feature's property keys (one bit a key, chosen by the
/// key's hash; keys can share a bit). [`KeySet::ALL`] when the keys were
/// not noted: then every key may be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySet(u64);

impl Default for KeySet {
    /// Nothing known: every key may be there.
    fn default() -> KeySet {
        KeySet::ALL
    }
}

impl KeySet {
    /// Every key may be there.
    pub const ALL: KeySet = KeySet(u64::MAX);
    /// No key.
    pub const NONE: KeySet = KeySet(0);

    /// The set of `keys`.
    ///
    /// ```
    /// use troopmap::model::keys::KeySet;
    /// let keys = KeySet::of(["name", "unit"]);
    /// assert!(keys.may_have("unit") && keys.may_have("name"));
    /// assert!(!KeySet::of(["name"]).may_have("unit"));
    /// assert!(KeySet::ALL.may_have("anything"));
    /// ```
    pub fn of<'a>(keys: impl IntoIterator<Item = &'a str>) -> KeySet {
        let mut set = KeySet::NONE;
        for key in keys {
            set.insert(key);
        }
        set
    }

    /// Notes `key`.
    pub fn insert(&mut self, key: &str) {
        self.0 |= bit(key);
    }

    /// False only when the properties surely have no `key`.
    pub fn may_have(self, key: &str) -> bool {
        self.0 & bit(key) != 0
    }
}

/// A key's bit: six bits of its 64-bit FNV-1a hash, mixed.
fn bit(key: &str) -> u64 {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    1 << ((hash ^ (hash >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the conventions name (besides the times'): the synthetic
    /// data's are the first nine.
    const NAMED: [&str; 21] = [
        "name",
        "kind",
        "confidence",
        "description",
        "sources",
        "start",
        "end",
        "reported",
        "troops",
        "stance",
        "source_type",
        "precision",
        "label_direction",
        "place",
        "concerns",
        "date_precision",
        "grades",
        "times",
        "coordTimes",
        "side",
        "sidc",
    ];

    #[test]
    fn a_key_noted_is_always_found_and_most_others_are_not() {
        let keys = &NAMED[..9];
        let set = KeySet::of(keys.iter().copied());
        assert!(keys.iter().all(|k| set.may_have(k)));
        // Keys the synthetic data and the story do not use: a few may
        // share a bit with one that is there, most must not.
        let others: Vec<String> = (0..1000).map(|i| format!("key {i}")).collect();
        let passed = others.iter().filter(|k| !set.may_have(k)).count();
        assert!(passed > 750, "only {passed} of 1000 passed by");
        assert!(!KeySet::NONE.may_have("unit"));
    }

    #[test]
    fn the_unit_property_shares_no_bit_with_the_keys_the_conventions_name() {
        // So that a statement, a place or a route of the conventions is
        // passed by when units are looked for under the default property.
        let time = crate::geojson::convention::TIME_KEYS;
        assert!(!KeySet::of(NAMED.into_iter().chain(time)).may_have("unit"));
    }
}
