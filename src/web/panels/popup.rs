//! The popup of a feature: name, dates, who said it and what the statement
//! does, every caveat the data carries, troops, description and sources. Every value from the data is set as text; a source becomes a
//! link only when its URL is http or https.

use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

use crate::model::caveat::caveats;
use crate::model::statement::Grade;
use crate::model::{MapFeature, Source};
use crate::space::bounds::bounds;
use crate::space::measure;
use crate::time::Day;
use crate::web::page::bindings::lat_lng;
use crate::web::page::dom::{self, element};

/// The tallest a popup grows, in CSS pixels, before it scrolls: a feature
/// with many caveats keeps the map in view.
pub const MAX_HEIGHT: u32 = 340;

/// Opens a popup of its own on `map` for feature `index` (one drawn on the
/// canvas, or without a place), at its point or the middle of its shape;
/// a feature with no place (an event its sources do not place) has it in
/// the middle of the map.
pub fn open_on(
    map: &leaflet::Map,
    index: usize,
    feature: &MapFeature,
    as_of: Option<Day>,
) -> Result<(), JsValue> {
    let at = anchor(feature).unwrap_or_else(|| {
        let center = map.get_center();
        geo::coord! { x: center.lng(), y: center.lat() }
    });
    let options = leaflet::PopupOptions::new();
    js_sys::Reflect::set(&options, &"maxWidth".into(), &340.into())?;
    js_sys::Reflect::set(&options, &"maxHeight".into(), &MAX_HEIGHT.into())?;
    let popup = leaflet::Popup::new_with_lat_lng(&lat_lng(at), &options);
    popup.set_content(&content_on(index, feature, as_of)?.into());
    popup.open_on(map);
    Ok(())
}

/// Closes the popup open on `map`, if any.
pub fn close_on(map: &leaflet::Map) -> Result<(), JsValue> {
    // Leaflet's `closePopup()` without a popup closes the open one.
    js_sys::Reflect::get(map, &"closePopup".into())?
        .dyn_into::<js_sys::Function>()?
        .call0(map)?;
    Ok(())
}

/// Where a feature's popup points: a point itself, a line's middle vertex,
/// else the middle of its bounds.
pub fn anchor(feature: &MapFeature) -> Option<geo::Coord<f64>> {
    match feature.geometry.as_ref()? {
        geo::Geometry::Point(p) => Some(p.0),
        geo::Geometry::LineString(line) => line.0.get(line.0.len() / 2).copied(),
        other => bounds([other]).map(|r| r.center()),
    }
}

/// Builds the popup content for `feature`, number `index` in the data.
pub fn content(index: usize, feature: &MapFeature) -> Result<HtmlElement, JsValue> {
    content_on(index, feature, None)
}

/// The popup content as a map replaying what was made public by `as_of`
/// shows it: for a feature whose grade changed, the grade it had then,
/// and nothing of later steps. `None`: the feature's own grade and its
/// whole history.
pub fn content_on(
    index: usize,
    feature: &MapFeature,
    as_of: Option<Day>,
) -> Result<HtmlElement, JsValue> {
    let root = element("div", "popup", "")?;
    // Which feature is open, for the address (see link.rs).
    root.set_attribute(crate::web::input::link::FEATURE_INDEX, &index.to_string())?;
    dom::add(&root, &element("h2", "popup-name", &feature.label())?)?;
    // Read from the feature's text once, for what the map shows but does
    // not otherwise use.
    let properties = feature.properties();

    let facts = element("dl", "popup-facts", "")?;
    let fact = |term: &str, value: &str| -> Result<(), JsValue> {
        dom::add(&facts, &element("dt", "", term)?)?;
        dom::add(&facts, &element("dd", "", value)?)?;
        Ok(())
    };
    fact("Kind", feature.kind.as_str())?;
    fact("Dates", &dates(feature, &properties))?;
    if let Some(speaker) = text(&properties, "speaker") {
        fact("Speaker", &speaker)?;
    }
    // Replaying what was known on a day, a feature whose grade changed
    // says only what it was then.
    let then = as_of.and_then(|day| Some((day, feature.grades.on(day)?)));
    let who = match then {
        Some((_, step)) => step.source_type.or(feature.source_type),
        None => feature.source_type,
    };
    if let Some(who) = who {
        fact("Who said it", &format!("{who} ({})", who.meaning()))?;
    }
    if let Some(stance) = feature.stance.filter(|_| then.is_none()) {
        fact("What it says", &format!("{stance}: {}", stance.meaning()))?;
    }
    match then {
        Some((_, step)) => fact(
            "Confidence",
            &format!(
                "{} ({}): its grade as made public by the day shown",
                step.grade,
                step.grade.meaning()
            ),
        )?,
        None => fact("Confidence", &confidence(feature))?,
    }
    if !feature.grades.is_empty() {
        let steps: Vec<String> = feature
            .grades
            .0
            .iter()
            .filter(|step| then.is_none_or(|(day, _)| step.from <= day))
            .map(|step| format!("{} from {}", step.grade, step.from))
            .collect();
        fact("Grade as made public", &steps.join("; "))?;
    }
    if let Some(precision) = feature.precision {
        fact(
            "Location",
            &format!(
                "{} ({precision_name})",
                precision.meaning(),
                precision_name = precision.as_str()
            ),
        )?;
    }
    if feature.geometry.is_none() {
        fact("Location", "not given: not drawn on the map")?;
    }
    if let Some(mode) = text(&properties, "mode") {
        fact("Mode", &mode)?;
    }
    if feature.troops.is_none() {
        if let Some(written) = text(&properties, "troops_as_written") {
            fact("Troops", &written)?;
        }
    }
    if let Some(troops) = feature.troops {
        let high = properties.get("troops_high").and_then(Value::as_f64);
        // The figure as its source wrote it ("at least 3,000", "up to
        // 10,000"), when the data keeps it; else an estimate.
        let figure = match (text(&properties, "troops_as_written"), high) {
            (Some(written), _) => written,
            (None, Some(high)) if high > troops => {
                format!(
                    "about {}–{}",
                    measure::grouped(troops),
                    measure::grouped(high)
                )
            }
            _ => format!("about {}", measure::grouped(troops)),
        };
        fact("Troops", &figure)?;
    }
    if let Some(metres) = feature.geometry.as_ref().and_then(measure::length_m) {
        // A line no source describes is measured as drawn, and says so.
        let term = if properties.contains_key("geometry_note") {
            "Length of the line as drawn"
        } else {
            "Length"
        };
        fact(term, &measure::length_text(metres))?;
        // Dates that only bound a period (a month, a window) are not the
        // journey's own: no duration or speed is made of them.
        if let Some(seconds) =
            measure::duration_s(&feature.span).filter(|_| !feature.date_precision)
        {
            fact("Duration", &measure::duration_text(seconds))?;
            if let Some(speed) = measure::speed_text(metres, seconds) {
                fact(
                    "Average speed",
                    &format!("{speed}, if it took the whole time"),
                )?;
            }
        }
    }
    if let Some(reported) = &feature.reported {
        fact("Made public", reported)?;
    }
    if properties.get("dates_disclosed") == Some(&Value::Bool(false)) {
        fact("Dates disclosed", "no: the sources did not give them")?;
    }
    if properties.get("casualties_note").is_none() {
        if let Some(casualties) = properties.get("casualties").and_then(Value::as_f64) {
            fact("Casualties", &measure::grouped(casualties))?;
        }
    }
    for (term, value) in caveats(&properties) {
        fact(&term, &value)?;
    }
    dom::add(&root, &facts)?;

    if let Some(description) = &feature.description {
        dom::add(&root, &element("p", "popup-description", description)?)?;
    }

    dom::add(&root, &element("h3", "", "Sources")?)?;
    if feature.sources.is_empty() {
        dom::add(&root, &element("p", "popup-none", "No source given.")?)?;
    } else {
        let list = element("ul", "popup-sources", "")?;
        for source in &feature.sources {
            let item = element("li", "", "")?;
            if let Some(reference) = &source.reference {
                dom::add(
                    &item,
                    &element("span", "popup-source-ref", &format!("[{reference}] "))?,
                )?;
            }
            let title = source
                .title
                .clone()
                .or_else(|| source.publisher.clone())
                .or_else(|| source.url.clone())
                .unwrap_or_else(|| "(untitled source)".to_owned());
            dom::add(&item, &source_link(source, &title)?)?;
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
            if !detail.is_empty() {
                dom::add(
                    &item,
                    &element(
                        "span",
                        "popup-source-detail",
                        &format!(" — {}", detail.join(", ")),
                    )?,
                )?;
            }
            dom::add(&list, &item)?;
        }
        dom::add(&root, &list)?;
    }
    Ok(root)
}

/// A source as a link that opens in a new tab, when its URL is http or
/// https; otherwise as plain text.
pub fn source_link(source: &Source, text: &str) -> Result<HtmlElement, JsValue> {
    let Some(url) = source.link() else {
        return element("span", "", text);
    };
    let a = element("a", "", text)?;
    a.set_attribute("href", url)?;
    a.set_attribute("target", "_blank")?;
    a.set_attribute("rel", "noopener noreferrer")?;
    Ok(a)
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
    let written = |key: &str, day: Option<crate::Day>| -> Option<String> {
        let text = text(properties, key)?;
        Some(match day {
            Some(day) if !text.starts_with(&day.to_string()) => format!("{text} (UTC day {day})"),
            _ => text,
        })
    };
    let start = written("start", feature.span.first_day());
    let end = written("end", feature.span.last_day());
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
