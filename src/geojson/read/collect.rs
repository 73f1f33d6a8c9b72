//! The collector of a file's features: keeps the features read, and their
//! problems and warnings; notices ids given twice; tells a warning that
//! many features share in one line; and, once all are read, names dates
//! far from the file's others.

use std::collections::HashMap;
use std::ops::Range;

use serde_json::{Map, Value};

use super::cause::{bbox_fault, CollectionCause, Warning};
use super::feature::{read_feature, ReadFeature};
use super::ids::Ids;
use super::parse::DuplicateKey;
use super::surprise::Surprise;
use super::years::{far_years, DayRange};
use crate::geojson::convention::{ReadOptions, UnusedTime};
use crate::geojson::geometry::GeometryOddity;
use crate::model::problem::{Cause, Problem};
use crate::model::{Dataset, FeatureId, MapFeature, RawText};

/// Reads features one at a time: keeps them, and their problems and
/// warnings, and notices ids given twice.
pub(super) struct Collector {
    options: ReadOptions,
    features: Vec<MapFeature>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// The ids of the features read.
    ids: Ids,
    /// By kind of warning: the first feature's warning, and how many
    /// features after it had the same.
    groups: HashMap<String, (usize, usize)>,
    /// The first and last day of the features read.
    days: DayRange,
}

impl Collector {
    pub(super) fn new(options: ReadOptions, warnings: Vec<Problem>) -> Collector {
        Collector {
            options,
            features: Vec::new(),
            problems: Vec::new(),
            warnings,
            ids: Ids::default(),
            groups: HashMap::new(),
            days: DayRange::default(),
        }
    }

    /// Reads feature `index` from its `value`, and `text`
    /// when the file's own text of it is at hand; `duplicates` are the keys
    /// its text gives twice, their paths from the feature.
    pub(super) fn add(
        &mut self,
        index: usize,
        value: Value,
        text: Option<RawText>,
        duplicates: Vec<DuplicateKey>,
    ) {
        match read_feature(index, value, text, self.options, duplicates) {
            Ok(read) => self.add_read(index, read),
            Err(mut found) => self.problems.append(&mut found),
        }
    }

    /// Makes room for `count` features in all, at once: a file read as
    /// it arrives knows about how many it holds after its first ones, and
    /// room grown by doubling would hold the features twice for a while.
    /// Room the allocator cannot give is not made: the list then grows
    /// as it goes.
    /// The ids seen so far get room for one a feature as well.
    pub(super) fn make_room(&mut self, count: usize) {
        let more = count.saturating_sub(self.features.len());
        let _ = self.features.try_reserve_exact(more);
        if !self.ids.is_empty() {
            self.ids.reserve(more);
        }
    }

    /// Keeps feature `index`, read, and its warnings.
    pub(super) fn add_read(&mut self, index: usize, (feature, warnings): ReadFeature) {
        for warning in warnings {
            self.warn(warning);
        }
        if let Some(id) = &feature.id {
            self.notice_id(index, id);
        }
        self.days.add(&feature);
        self.features.push(feature);
    }

    /// A warning of a feature: listed, or counted in the first feature's
    /// of its kind.
    fn warn(&mut self, warning: Problem) {
        let Some(kind) = group_of(&warning) else {
            self.warnings.push(warning);
            return;
        };
        match self.groups.get_mut(&kind) {
            Some((_, more)) => *more += 1,
            None => {
                self.groups.insert(kind, (self.warnings.len(), 0));
                self.warnings.push(warning);
            }
        }
    }

    /// Feature `index` has `id`: a warning on the second feature with it,
    /// which counts the others.
    fn notice_id(&mut self, index: usize, id: &FeatureId) {
        // Room for an id a feature, as the room made for features (see
        // `make_room`), made with the first id: a file without ids makes
        // none.
        if self.ids.is_empty() {
            self.ids
                .reserve(self.features.capacity() - self.features.len());
        }
        let at = (self.features.len(), index);
        let Some(first) = self.ids.notice(&self.features, at, id) else {
            return;
        };
        match first.warned {
            // A third feature with the id, or more: counted in the
            // second's warning, not a line each.
            Some(warned) => {
                if let Some(Cause::Warning(Warning::DuplicateId { more, .. })) =
                    self.warnings.get_mut(warned).map(|w| &mut w.cause)
                {
                    *more += 1;
                }
            }
            None => {
                let cause = Warning::DuplicateId {
                    first: first.index,
                    more: 0,
                };
                first.warned = Some(self.warnings.len());
                self.warnings.push(
                    Problem::at_feature(index, Some(id.to_string()), cause).with_member("id"),
                );
            }
        }
    }

    /// Puts `warnings` (the collection's own, found after its features
    /// when the file is read as it arrives) before the features'.
    pub(super) fn prepend(&mut self, warnings: Vec<Problem>) {
        let shift = warnings.len();
        for (at, _) in self.groups.values_mut() {
            *at += shift;
        }
        self.ids.shift(shift);
        self.warnings.splice(0..0, warnings);
    }

    /// Gives the features read their parts of the whole `text` (their
    /// `ranges`, in the order read), when the text was not whole as they
    /// were read.
    pub(super) fn texts(
        &mut self,
        text: impl Fn(Range<usize>) -> Option<RawText>,
        ranges: Vec<Range<usize>>,
    ) {
        if !self.problems.is_empty() {
            return;
        }
        for (feature, range) in self.features.iter_mut().zip(ranges) {
            if let Some(raw) = text(range) {
                feature.raw = raw;
            }
        }
    }

    pub(super) fn finish(mut self, members: Map<String, Value>) -> Result<Dataset, Vec<Problem>> {
        if let Some(found) = members.get("bbox").and_then(bbox_fault) {
            self.problems
                .push(Problem::at_path("bbox", CollectionCause::Bbox { found }));
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        for warning in far_years(&self.features, self.days, self.options) {
            self.warn(warning);
        }
        // Each kind many features share: its first warning counts the rest.
        for (at, more) in self.groups.into_values().filter(|&(_, more)| more > 0) {
            let Some(problem) = self.warnings.get_mut(at) else {
                continue;
            };
            if let Cause::Warning(first) = &problem.cause {
                let warning = Box::new(first.clone());
                problem.cause = Cause::Warning(Warning::Repeated { warning, more });
            }
        }
        Ok(Dataset {
            features: self.features,
            members,
            warnings: self.warnings,
            warnings_left_out: 0,
            files: Vec::new(),
        })
    }
}

/// The kind of a feature's warning, when features may share it word for
/// word but for where: the kind of oddity, and for a member or property,
/// its path below the feature. `None` for a warning told once for many
/// features already (an id given twice) and for the collection's own.
fn group_of(warning: &Problem) -> Option<String> {
    warning.feature?;
    let Cause::Warning(cause) = &warning.cause else {
        return None;
    };
    // The path below `features[N]`.
    let below = warning
        .path
        .find(']')
        .map_or("", |end| &warning.path[end + 1..]);
    let kind = match cause {
        Warning::Geometry(GeometryOddity::Altitude) => "altitude".to_owned(),
        Warning::Geometry(GeometryOddity::Winding { outer }) => format!("winding {outer}"),
        Warning::Geometry(GeometryOddity::AntimeridianJump { .. }) => "antimeridian".to_owned(),
        Warning::Crs => "crs".to_owned(),
        Warning::DescriptionObject => "description".to_owned(),
        Warning::Surprise(surprise) => match surprise {
            Surprise::NoProperties => "no properties".to_owned(),
            Surprise::DuplicateKey { .. } => format!("key {below}"),
            Surprise::ForbiddenMember { .. } => format!("member {below}"),
            Surprise::FarYear { .. } => format!("far {below}"),
            Surprise::TimeNotUsed(unused) => {
                let why = match unused {
                    UnusedTime::Shape { used } => format!("shape {used:?}"),
                    UnusedTime::Outside { used, .. } => format!("outside {used:?}"),
                    UnusedTime::Unreadable { used, .. } => format!("unreadable {used:?}"),
                    UnusedTime::NotAConvention { used } => format!("convention {used:?}"),
                };
                format!("unused {why} {below}")
            }
        },
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geojson::read::ids::IdKey;

    /// How ids were compared before `IdKey`: by a string made of each.
    fn as_string(id: &FeatureId) -> String {
        match id {
            FeatureId::Text(t) => format!("text {t}"),
            FeatureId::Number(n) => match n.as_f64() {
                Some(v) if v.is_finite() && v.abs() < 9e15 => {
                    format!("number {}", crate::number::decimal(v, 9))
                }
                _ => format!("number {n}"),
            },
        }
    }

    #[test]
    fn repeated_ids_among_thousands_are_warned_as_the_strings_say() {
        use crate::geojson::read::stream::Streaming;
        // Numbers written two ways, texts that look like them, and ids
        // of their own, read both whole and as the page reads.
        let ids: Vec<String> = (0..3000)
            .map(|i| match i % 7 {
                0 if i % 2 == 0 => format!("{}", i / 7 % 50),
                0 => format!("{}.0", i / 7 % 50),
                1 => format!("\"{}\"", i / 7 % 40),
                2 => format!("\"t{}\"", i % 30),
                _ => format!("\"u{i}\""),
            })
            .collect();
        let features: Vec<String> = ids
            .iter()
            .map(|id| {
                format!(
                    r#"{{"type": "Feature", "id": {id}, "geometry": null, "properties": {{}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        );
        // Worked out apart: each id's features, by the old strings.
        let mut by_string: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, written) in ids.iter().enumerate() {
            let id = match serde_json::from_str(written) {
                Ok(Value::String(s)) => FeatureId::Text(s),
                Ok(Value::Number(n)) => FeatureId::Number(n),
                other => panic!("{written}: {other:?}"),
            };
            let key = as_string(&id);
            match by_string.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(index),
                None => by_string.push((key, vec![index])),
            }
        }
        let mut want: Vec<(usize, usize, usize)> = by_string
            .iter()
            .filter(|(_, list)| list.len() > 1)
            .map(|(_, list)| (list[1], list[0], list.len() - 2))
            .collect();
        want.sort_unstable();
        assert_eq!(want.len(), 50 + 40 + 30);
        let warned = |data: &Dataset| {
            let mut got: Vec<(usize, usize, usize)> = data
                .warnings
                .iter()
                .filter_map(|w| match w.cause {
                    Cause::Warning(Warning::DuplicateId { first, more }) => {
                        Some((w.feature?, first, more))
                    }
                    _ => None,
                })
                .collect();
            got.sort_unstable();
            got
        };
        let Ok(whole) = crate::geojson::read::read_collection("t", &text) else {
            panic!("reads");
        };
        let mut reading = Streaming::new("t", ReadOptions::default(), text.len());
        for piece in text.as_bytes().chunks(4096) {
            reading.push(piece);
            while !reading.step(100) {}
        }
        let Ok(Ok(streamed)) = reading.finish() else {
            panic!("reads as it arrives");
        };
        // The first hundred warnings are listed; the rest counted.
        for data in [&whole, &streamed] {
            let got = warned(data);
            assert_eq!(got, want[..got.len()]);
            assert_eq!(got.len() + data.warnings_left_out, want.len());
        }
    }

    #[test]
    fn ids_are_the_same_exactly_when_their_strings_were() {
        let written = [
            "1",
            "1.0",
            "1.0000000001",
            "0.9999999999",
            "1.000000001",
            "2.5",
            "2.50",
            "2.5000000001",
            "-0.0",
            "0",
            "1e-10",
            "-3",
            "-3.0",
            "-2.9999999999",
            "8999999999999999",
            "9000000000000000",
            "9000000000000001",
            "1e300",
            "123456789012345678901234567890",
            "\"1\"",
            "\"text 1\"",
            "\"number 1\"",
        ];
        let ids: Vec<FeatureId> = written
            .iter()
            .map(|w| match serde_json::from_str(w) {
                Ok(serde_json::Value::String(s)) => FeatureId::Text(s),
                Ok(serde_json::Value::Number(n)) => FeatureId::Number(n),
                other => panic!("{w}: {other:?}"),
            })
            .collect();
        for (a, wa) in ids.iter().zip(written) {
            for (b, wb) in ids.iter().zip(written) {
                assert_eq!(
                    IdKey::of(a) == IdKey::of(b),
                    as_string(a) == as_string(b),
                    "{wa} and {wb}"
                );
            }
        }
    }
}
