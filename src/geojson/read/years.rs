//! Dates far from the rest of the file's: `"0024-10-18"` among 2024 dates
//! is most likely a typo, and would stretch the slider over 2,000 years.
//!
//! "The rest" is told robustly: every feature's first and last day, their
//! median, and the days within [`FAR_YEARS`] years of it. A date farther
//! is named only when such dates are fewer than the near ones, and the
//! near ones span at most [`FAR_YEARS`] years themselves: a file whose
//! dates truly spread over centuries is not a file of typos.

use serde_json::{Map, Value};

use super::surprise::{Surprise, FAR_YEARS};
use crate::geojson::convention::{read_time, timing, ReadOptions, TimeSource, Timing};
use crate::model::problem::Problem;
use crate::model::MapFeature;
use crate::time::{Day, TimeBound};

/// More than [`FAR_YEARS`] years, in days (of 365.25 days).
const FAR_DAYS: i32 = FAR_YEARS * 36525 / 100;

/// The first and last day of the features read so far, kept as they are
/// read: most files span less than a century, and then the features need
/// not be gone through again.
#[derive(Debug, Clone, Copy)]
pub(super) struct DayRange {
    low: i32,
    high: i32,
}

impl Default for DayRange {
    fn default() -> DayRange {
        DayRange {
            low: i32::MAX,
            high: i32::MIN,
        }
    }
}

impl DayRange {
    /// Takes in the days of `feature`.
    pub(super) fn add(&mut self, feature: &MapFeature) {
        for bound in [feature.span.start, feature.span.end].into_iter().flatten() {
            let day = bound.day().0;
            self.low = self.low.min(day);
            self.high = self.high.max(day);
        }
    }

    /// Whether some days may be more than a century apart.
    fn over_a_century(self) -> bool {
        self.high.saturating_sub(self.low) > FAR_DAYS
    }
}

/// A warning for each date of `features` far from the file's others (see
/// the module's words), naming its property and its value as written;
/// `range` is their days' range.
pub(super) fn far_years(
    features: &[MapFeature],
    range: DayRange,
    options: ReadOptions,
) -> Vec<Problem> {
    if !range.over_a_century() {
        return Vec::new();
    }
    let bounds = |f: &MapFeature| [f.span.start, f.span.end].into_iter().flatten();
    let mut days: Vec<i32> = features
        .iter()
        .flat_map(bounds)
        .map(|b| b.day().0)
        .collect();
    crate::sort::sort(&mut days);
    let median = days[(days.len() - 1) / 2];
    let near = |day: Day| (day.0 - median).abs() <= FAR_DAYS;
    let near_days: Vec<i32> = days.iter().copied().filter(|&d| near(Day(d))).collect();
    let (Some(&low), Some(&high)) = (near_days.first(), near_days.last()) else {
        return Vec::new();
    };
    let far = days.len() - near_days.len();
    if far >= near_days.len() || high - low > FAR_DAYS {
        return Vec::new();
    }
    let years = (Day(low).ymd().0, Day(high).ymd().0);
    let mut warnings = Vec::new();
    for (index, feature) in features.iter().enumerate() {
        let far = |bound: Option<TimeBound>| bound.filter(|b| !near(b.day()));
        let (first, last) = (far(feature.span.start), far(feature.span.end));
        if first.is_none() && last.is_none() {
            continue;
        }
        // Rare: where the time came from is found again.
        let properties = feature.properties();
        let Ok(Timing {
            source: Some(source),
            ..
        }) = timing(&properties, feature.geometry.as_ref(), options)
        else {
            continue;
        };
        let mut named: Vec<String> = Vec::new();
        for (bound, is_first) in [(first, true), (last, false)] {
            let Some((key, value)) =
                bound.and_then(|b| written_at(&properties, source, is_first, b, options))
            else {
                continue;
            };
            if named.contains(&key) {
                continue;
            }
            let id = feature.id.as_ref().map(ToString::to_string);
            let surprise = Surprise::FarYear { value, near: years };
            warnings.push(Problem::at_feature(index, id, surprise).with_property(&key));
            named.push(key);
        }
    }
    warnings
}

/// The property (a path below `properties`) that gave a feature's first
/// (or last) time `bound`, read from `source`, and its value as written.
fn written_at(
    properties: &Map<String, Value>,
    source: TimeSource,
    first: bool,
    bound: TimeBound,
    options: ReadOptions,
) -> Option<(String, Value)> {
    let key = match source {
        TimeSource::StartEnd { .. } if first => "start".to_owned(),
        TimeSource::StartEnd { .. } => "end".to_owned(),
        other => other.to_property(),
    };
    let TimeSource::Positions { key: inner, nested } = source else {
        return properties.get(&key).map(|v| (key, v.clone()));
    };
    let array = if nested {
        properties.get("coordinateProperties")?.get(inner)?
    } else {
        properties.get(inner)?
    };
    // The time in the array (or in one of its arrays, one per line) that
    // is the bound.
    let is_bound =
        |v: &Value| read_time(v, options.date_order).is_ok_and(|t| t.seconds() == bound.seconds());
    for (i, item) in array.as_array()?.iter().enumerate() {
        if let Value::Array(line) = item {
            if let Some(j) = line.iter().position(is_bound) {
                return Some((format!("{key}[{i}][{j}]"), line[j].clone()));
            }
        } else if is_bound(item) {
            return Some((format!("{key}[{i}]"), item.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::read_collection;

    /// The warnings of a collection of points dated `dates`.
    fn warnings(dates: &[&str]) -> Vec<String> {
        let features: Vec<String> = dates
            .iter()
            .map(|d| {
                format!(
                    r#"{{"type": "Feature", "geometry": null, "properties": {{"date": "{d}"}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        );
        match read_collection("t", &text) {
            Ok(data) => data.warnings.iter().map(ToString::to_string).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_date_far_from_a_few_others_is_named_with_their_years() {
        let got = warnings(&["2023-12-30", "0024-10-18", "2024-01-02"]);
        assert_eq!(
            got,
            ["feature 1, property \"date\" at features[1].properties.date: \"0024-10-18\" is more than 100 years from the file's other dates (2023–2024): a typo?"]
        );
    }

    #[test]
    fn as_many_far_dates_as_near_ones_are_no_typo_and_neither_is_a_century() {
        assert_eq!(
            warnings(&["1024-01-01", "1024-06-01", "2024-01-01", "2024-06-01"]),
            Vec::<String>::new()
        );
        assert_eq!(
            warnings(&["1924-10-18", "2024-10-18", "2024-10-19"]),
            Vec::<String>::new()
        );
        assert_eq!(warnings(&["2024-10-18"]), Vec::<String>::new());
    }
}
