//! What a feature's popup tells, as text: its facts in order (kind,
//! dates, who said it and what it says, its grade, place, troops, length,
//! when it was made public, every caveat) and each source's details. The
//! popup sets them as text; a picture or a test can read them here.

use serde_json::{Map, Value};

use crate::model::caveat::caveats;
use crate::model::statement::Grade;
use crate::model::{MapFeature, Source};
use crate::space::measure;
use crate::time::Day;

/// The facts a popup lists, in order, each a term and its value.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Facts(pub Vec<(String, String)>);

impl Facts {
    fn add(&mut self, term: &str, value: impl Into<String>) {
        self.0.push((term.to_owned(), value.into()));
    }

    /// The value of the first fact with `term`.
    pub fn get(&self, term: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(t, _)| t == term)
            .map(|(_, v)| v.as_str())
    }
}

/// The facts of `feature` (its `properties` read once from its text), as
/// a map replaying what was made public by `as_of` tells them: for a
/// feature whose grade changed, the grade it had then, and nothing of
/// later steps. `None`: its own grade and its whole history.
///
/// ```
/// use troopmap::{read_collection, scene::facts::facts};
/// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
///   {"type": "Feature", "geometry": null, "properties": {"kind": "event",
///    "start": "2024-10-08", "end": "2024-10-13", "date_precision": "window",
///    "troops": 1500, "troops_as_written": "about 1,500", "stance": "doubts"}}]}"#).unwrap();
/// let feature = &data.features[0];
/// let facts = facts(feature, &feature.properties(), None);
/// assert_eq!(facts.get("Dates"), Some("between 2024-10-08 and 2024-10-13 (window)"));
/// assert_eq!(facts.get("Troops"), Some("about 1,500"));
/// assert!(facts.get("Confidence").is_some_and(|c| c.starts_with("none:")));
/// assert_eq!(facts.get("Location"), Some("not given: not drawn on the map"));
/// ```
pub fn facts(feature: &MapFeature, properties: &Map<String, Value>, as_of: Option<Day>) -> Facts {
    let mut facts = Facts::default();
    facts.add("Kind", feature.kind.as_str());
    facts.add("Dates", dates(feature, properties));
    if let Some(speaker) = text(properties, "speaker") {
        facts.add("Speaker", speaker);
    }
    statement(&mut facts, feature, as_of);
    place(&mut facts, feature, properties);
    troops(&mut facts, feature, properties);
    length(&mut facts, feature, properties);
    record(&mut facts, feature, properties);
    facts
}

/// Who said it, what the statement does, and the grade: replaying what
/// was known on a day, a feature whose grade changed says only what it
/// was then.
fn statement(facts: &mut Facts, feature: &MapFeature, as_of: Option<Day>) {
    let then = as_of.and_then(|day| Some((day, feature.grades.on(day)?)));
    let who = match then {
        Some((_, step)) => step.source_type.or(feature.source_type),
        None => feature.source_type,
    };
    if let Some(who) = who {
        facts.add("Who said it", format!("{who} ({})", who.meaning()));
    }
    if let Some(stance) = feature.stance.filter(|_| then.is_none()) {
        facts.add("What it says", format!("{stance}: {}", stance.meaning()));
    }
    match then {
        Some((_, step)) => facts.add(
            "Confidence",
            format!(
                "{} ({}): its grade as made public by the day shown",
                step.grade,
                step.grade.meaning()
            ),
        ),
        None => facts.add("Confidence", confidence(feature)),
    }
    if !feature.grades.is_empty() {
        let steps: Vec<String> = feature
            .grades
            .0
            .iter()
            .filter(|step| then.is_none_or(|(day, _)| step.from <= day))
            .map(|step| format!("{} from {}", step.grade, step.from))
            .collect();
        facts.add("Grade as made public", steps.join("; "));
    }
}

/// How precise its place is, or that it has none; how it moved.
fn place(facts: &mut Facts, feature: &MapFeature, properties: &Map<String, Value>) {
    if let Some(precision) = feature.precision {
        facts.add(
            "Location",
            format!("{} ({})", precision.meaning(), precision.as_str()),
        );
    }
    if feature.geometry.is_none() {
        facts.add("Location", "not given: not drawn on the map");
    }
    if let Some(mode) = text(properties, "mode") {
        facts.add("Mode", mode);
    }
}

/// The troops: the figure as its source wrote it ("at least 3,000", "up
/// to 10,000"), when the data keeps it; else an estimate.
fn troops(facts: &mut Facts, feature: &MapFeature, properties: &Map<String, Value>) {
    let written = text(properties, "troops_as_written");
    let Some(troops) = feature.troops else {
        if let Some(written) = written {
            facts.add("Troops", written);
        }
        return;
    };
    let high = properties.get("troops_high").and_then(Value::as_f64);
    let figure = match (written, high) {
        (Some(written), _) => written,
        (None, Some(high)) if high > troops => format!(
            "about {}–{}",
            measure::grouped(troops),
            measure::grouped(high)
        ),
        _ => format!("about {}", measure::grouped(troops)),
    };
    facts.add("Troops", figure);
}

/// The length of its line, and the duration and speed its own dates give.
fn length(facts: &mut Facts, feature: &MapFeature, properties: &Map<String, Value>) {
    let Some(metres) = feature.geometry.as_ref().and_then(measure::length_m) else {
        return;
    };
    // A line no source describes is measured as drawn, and says so.
    let term = if properties.contains_key("geometry_note") {
        "Length of the line as drawn"
    } else {
        "Length"
    };
    facts.add(term, measure::length_text(metres));
    // Dates that only bound a period (a month, a window) are not the
    // journey's own: no duration or speed is made of them.
    let Some(seconds) = measure::duration_s(&feature.span).filter(|_| !feature.date_precision)
    else {
        return;
    };
    facts.add("Duration", measure::duration_text(seconds));
    if let Some(speed) = measure::speed_text(metres, seconds) {
        facts.add(
            "Average speed",
            format!("{speed}, if it took the whole time"),
        );
    }
}

/// When it was made public, whether its dates were, its casualties, and
/// every caveat the data carries.
fn record(facts: &mut Facts, feature: &MapFeature, properties: &Map<String, Value>) {
    if let Some(reported) = &feature.reported {
        facts.add("Made public", reported.as_str());
    }
    if properties.get("dates_disclosed") == Some(&Value::Bool(false)) {
        facts.add("Dates disclosed", "no: the sources did not give them");
    }
    if properties.get("casualties_note").is_none() {
        if let Some(casualties) = properties.get("casualties").and_then(Value::as_f64) {
            facts.add("Casualties", measure::grouped(casualties));
        }
    }
    for (term, value) in caveats(properties) {
        facts.add(&term, value);
    }
}

/// What a source is called in a list: its title, else its publisher,
/// else its URL.
pub fn source_title(source: &Source) -> String {
    source
        .title
        .clone()
        .or_else(|| source.publisher.clone())
        .or_else(|| source.url.clone())
        .unwrap_or_else(|| "(untitled source)".to_owned())
}

/// What a list of sources says of one after its title: publisher, who it
/// came through, its date (or why it has none), a mirror, a note.
pub fn source_details(source: &Source) -> Vec<String> {
    let mut detail = Vec::new();
    if let Some(publisher) = &source.publisher {
        detail.push(publisher.clone());
    }
    if let Some(via) = source.via() {
        detail.push(format!("via {via}"));
    }
    match (&source.date, source.date_note()) {
        (Some(date), _) => detail.push(date.clone()),
        (None, Some(why)) => detail.push(format!("undated: {why}")),
        (None, None) => {}
    }
    if let Some(mirror) = source.mirror() {
        detail.push(format!("mirror: {mirror}"));
    }
    if let Some(note) = source.note() {
        detail.push(note.to_owned());
    }
    detail
}

/// The grade as the popup says it: a doubt, a warning or a non-answer is
/// never called a confirmation, whatever label it carries.
fn confidence(feature: &MapFeature) -> String {
    match (feature.grade, feature.confidence) {
        (Some(Grade::Unasserted), _) => format!("none: {}", Grade::Unasserted.meaning()),
        (_, Some(c)) => format!("{c} ({})", c.meaning()),
        (Some(grade), None) => format!("{grade} ({})", grade.meaning()),
        (None, None) => "not given".to_owned(),
    }
}

/// A text property.
fn text(properties: &Map<String, Value>, key: &str) -> Option<String> {
    properties.get(key)?.as_str().map(str::to_owned)
}

/// The feature's dates as a reader would say them, as written in its
/// `properties`; when a date-time falls on another UTC day than it reads,
/// that day too.
pub fn dates(feature: &MapFeature, properties: &Map<String, Value>) -> String {
    let written = |key: &str, day: Option<Day>| -> Option<String> {
        let text = text(properties, key)?;
        Some(match day {
            Some(day) if !text.starts_with(&day.to_string()) => format!("{text} (UTC day {day})"),
            _ => text,
        })
    };
    // Times another tool wrote (`date`, `time`, a track's `times`) are told
    // as the map read them.
    let (start, end) = match (
        written("start", feature.span.first_day()),
        written("end", feature.span.last_day()),
    ) {
        (None, None) => (
            feature.span.start.map(|t| t.to_string()),
            feature.span.end.map(|t| t.to_string()),
        ),
        pair => pair,
    };
    // Dates that only bound a period say so (a `date_precision` that is
    // not text still bounds one).
    if feature.date_precision {
        let precision = text(properties, "date_precision")
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| "a period".to_owned());
        return match (start, end) {
            (Some(a), _) if precision == "not before" => format!("not before {a}"),
            (Some(a), Some(b)) if a != b => format!("between {a} and {b} ({precision})"),
            (Some(a), _) => format!("{a} ({precision})"),
            (None, Some(b)) => format!("until {b} ({precision})"),
            (None, None) => "undated (shown on every day)".to_owned(),
        };
    }
    match (start, end) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("from {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => "undated (shown on every day)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_collection;

    fn feature(properties: &str, geometry: &str) -> MapFeature {
        let text = format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature",
              "geometry": {geometry}, "properties": {properties}}}]}}"#
        );
        match read_collection("t", &text) {
            Ok(mut data) => data.features.remove(0),
            Err(e) => panic!("{e}"),
        }
    }

    const SEA: &str = r#"{"type": "LineString", "coordinates": [[129.8, 41.7], [131.9, 43.1]]}"#;

    #[test]
    fn a_schematic_line_is_measured_as_drawn_and_a_window_gives_no_speed() {
        let f = feature(
            r#"{"kind": "route", "start": "2024-10-08", "end": "2024-10-13",
                "date_precision": "window", "geometry_note": "schematic"}"#,
            SEA,
        );
        let drawn = facts(&f, &f.properties(), None);
        assert!(drawn.get("Length of the line as drawn").is_some());
        assert_eq!(drawn.get("Length"), None);
        assert_eq!(drawn.get("Duration"), None);
        assert_eq!(drawn.get("Average speed"), None);
        let f = feature(
            r#"{"kind": "route", "start": "2024-10-08", "end": "2024-10-13"}"#,
            SEA,
        );
        let told = facts(&f, &f.properties(), None);
        assert!(told.get("Length").is_some() && told.get("Average speed").is_some());
    }

    #[test]
    fn replaying_a_day_tells_only_the_grade_made_public_by_then() {
        let f = feature(
            r#"{"kind": "place", "confidence": "confirmed", "reported": "2024-10-18",
                "grades": [{"from": "2024-10-18", "confidence": "claimed", "source_type": "party"},
                           {"from": "2024-10-28", "confidence": "confirmed", "source_type": "official"}]}"#,
            r#"{"type": "Point", "coordinates": [36.2, 51.7]}"#,
        );
        let day = Day::parse("2024-10-20").ok();
        let then = facts(&f, &f.properties(), day);
        assert!(then
            .get("Confidence")
            .is_some_and(|c| c.starts_with("claimed")));
        assert_eq!(
            then.get("Grade as made public"),
            Some("claimed from 2024-10-18")
        );
        assert!(then
            .get("Who said it")
            .is_some_and(|w| w.starts_with("party")));
        let all = facts(&f, &f.properties(), None);
        assert_eq!(
            all.get("Grade as made public"),
            Some("claimed from 2024-10-18; confirmed from 2024-10-28")
        );
        assert_eq!(all.get("Made public"), Some("2024-10-18"));
    }

    #[test]
    fn a_source_is_named_and_detailed_in_order() {
        let f = feature(
            r#"{"sources": [{"publisher": "NIS", "date": "2024-10-18", "note": "briefing"},
                            {"url": "https://example.org/a"}]}"#,
            "null",
        );
        assert_eq!(
            source_title(&crate::geojson::read::shown::sources(&f)[0]),
            "NIS"
        );
        assert_eq!(
            source_details(&crate::geojson::read::shown::sources(&f)[0]),
            ["NIS", "2024-10-18", "briefing"]
        );
        assert_eq!(
            source_title(&crate::geojson::read::shown::sources(&f)[1]),
            "https://example.org/a"
        );
        assert!(source_details(&crate::geojson::read::shown::sources(&f)[1]).is_empty());
    }

    #[test]
    fn a_time_another_tool_wrote_is_told_as_the_map_read_it() {
        let f = feature(r#"{"date": "2022-05-09"}"#, "null");
        assert_eq!(
            facts(&f, &f.properties(), None).get("Dates"),
            Some("2022-05-09")
        );
        let f = feature(r#"{"time": "2024-10-18T19:34:34Z"}"#, "null");
        assert_eq!(
            facts(&f, &f.properties(), None).get("Dates"),
            Some("2024-10-18T19:34:34Z")
        );
        let f = feature(r#"{}"#, "null");
        assert_eq!(
            facts(&f, &f.properties(), None).get("Dates"),
            Some("undated (shown on every day)")
        );
    }
}
