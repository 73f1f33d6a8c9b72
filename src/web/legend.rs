//! The legend: what each line pattern and marker means, built from the same
//! style table the features use.

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::model::Kind;
use crate::statement::{Grade, SourceType};
use crate::style::{arrow_id, stroke};
use crate::web::dom::{self, element, svg};

/// Fills the legend element `#legend`, and adds the arrowhead markers that
/// routes refer to.
pub fn build() -> Result<(), JsValue> {
    add_arrow_markers()?;
    let legend: Element = dom::by_id("legend")?;
    let details = element("details", "", "")?;
    // Open on a wide screen; on a phone the map needs the room.
    if !dom::narrow() {
        details.set_attribute("open", "")?;
    }
    dom::add(&details, &element("summary", "", "Legend")?)?;
    let list = element("ul", "", "")?;
    dom::add(
        &list,
        &element("li", "legend-heading", "How sure (the grade)")?,
    )?;
    let labels = Grade::ALL
        .iter()
        .map(|&c| (Some(c), grade_name(c), c.meaning()))
        .chain(std::iter::once((
            None,
            "not given",
            "the data gives no confidence or stance",
        )));
    for (confidence, name, meaning) in labels {
        let item = element("li", "", "")?;
        // Each label a person can see can also be hidden: a filter.
        match confidence {
            Some(c) => dom::add(
                &item,
                &filter_box("confidence", c.as_str(), &format!("Show {name}"))?,
            )?,
            None => dom::add(&item, &element("span", "filter-spacer", "")?)?,
        }
        dom::add(&item, &line_sample(confidence)?)?;
        let text = element("span", "", "")?;
        dom::add(&text, &element("strong", "", name)?)?;
        dom::add(
            &text,
            &element(
                "span",
                "legend-meaning",
                &format!(" {}: {meaning}", stroke(confidence).pattern),
            )?,
        )?;
        dom::add(&item, &text)?;
        dom::add(&list, &item)?;
    }
    // Who said it: one row of boxes, each named and explained on hover.
    dom::add(&list, &element("li", "legend-heading", "Who said it")?)?;
    let row = element("li", "legend-who", "")?;
    for who in SourceType::ALL {
        let label = element("label", "", "")?;
        label.set_attribute("title", who.meaning())?;
        dom::add(
            &label,
            &filter_box(
                "who",
                who.as_str(),
                &format!("Show what {} said", who.meaning()),
            )?,
        )?;
        dom::add(&label, &element("span", "", who.as_str())?)?;
        dom::add(&row, &label)?;
    }
    dom::add(&list, &row)?;
    dom::add(&list, &element("li", "legend-heading", "What it is")?)?;
    for (class, label) in [
        ("place", "place (ring, labelled)"),
        ("exact", "place known to the exact point (dot in the ring)"),
        (
            "approximate",
            "place known roughly (faint halo; wider for an area)",
        ),
        ("event", "event (filled dot)"),
        ("unasserted", "a doubt, warning or non-answer (hollow dot)"),
        ("route", "route (line, arrow at its destination)"),
    ] {
        let item = element("li", "", "")?;
        match Kind::parse(class) {
            Some(kind) => dom::add(
                &item,
                &filter_box("kind", kind.as_str(), &format!("Show {}s", kind.as_str()))?,
            )?,
            None => dom::add(&item, &element("span", "filter-spacer", "")?)?,
        }
        dom::add(&item, &kind_sample(class)?)?;
        dom::add(&item, &element("span", "", label)?)?;
        dom::add(&list, &item)?;
    }
    dom::add(&details, &list)?;
    dom::add(&legend, &details)?;
    Ok(())
}

/// How the legend names a grade.
fn grade_name(grade: Grade) -> &'static str {
    match grade {
        Grade::Unasserted => "doubts, warns, neither",
        other => other.as_str(),
    }
}

/// A checked box that shows or hides one grade, source type or kind.
fn filter_box(group: &str, value: &str, label: &str) -> Result<web_sys::HtmlElement, JsValue> {
    let input = element("input", "filter", "")?;
    input.set_attribute("type", "checkbox")?;
    input.set_attribute("checked", "")?;
    input.set_attribute(&format!("data-{group}"), value)?;
    input.set_attribute("aria-label", label)?;
    Ok(input)
}

fn sample_svg() -> Result<Element, JsValue> {
    let s = svg("svg")?;
    s.set_attribute("width", "36")?;
    s.set_attribute("height", "14")?;
    s.set_attribute("aria-hidden", "true")?;
    Ok(s)
}

fn line_sample(confidence: Option<Grade>) -> Result<Element, JsValue> {
    let s = sample_svg()?;
    let line = svg("line")?;
    let style = stroke(confidence);
    for (k, v) in [
        ("x1", "2"),
        ("y1", "7"),
        ("x2", "34"),
        ("y2", "7"),
        ("stroke", style.color),
        ("stroke-width", "3"),
        ("stroke-linecap", "round"),
    ] {
        line.set_attribute(k, v)?;
    }
    if let Some(dash) = style.dash {
        line.set_attribute("stroke-dasharray", dash)?;
    }
    dom::add(&s, &line)?;
    Ok(s)
}

fn kind_sample(kind: &str) -> Result<Element, JsValue> {
    let s = sample_svg()?;
    let color = stroke(Some(Grade::Confirmed)).color;
    match kind {
        "route" => {
            let line = svg("line")?;
            for (k, v) in [
                ("x1", "2"),
                ("y1", "7"),
                ("x2", "27"),
                ("y2", "7"),
                ("stroke", color),
                ("stroke-width", "3"),
            ] {
                line.set_attribute(k, v)?;
            }
            dom::add(&s, &line)?;
            let head = svg("path")?;
            head.set_attribute("d", "M 25 2 L 35 7 L 25 12 z")?;
            head.set_attribute("fill", color)?;
            dom::add(&s, &head)?;
        }
        _ => {
            let circle = |r: &str, fill: &str, line: bool| -> Result<Element, JsValue> {
                let c = svg("circle")?;
                for (k, v) in [("cx", "18"), ("cy", "7"), ("r", r), ("fill", fill)] {
                    c.set_attribute(k, v)?;
                }
                if line {
                    c.set_attribute("stroke", color)?;
                    c.set_attribute("stroke-width", "2")?;
                }
                Ok(c)
            };
            match kind {
                "event" => dom::add(&s, &circle("4", color, true)?)?,
                "unasserted" => {
                    let hollow = circle("4", "#ffffff", false)?;
                    hollow.set_attribute("stroke", stroke(Some(Grade::Unasserted)).color)?;
                    hollow.set_attribute("stroke-width", "2")?;
                    dom::add(&s, &hollow)?;
                }
                "approximate" => {
                    let halo = circle("7", color, false)?;
                    halo.set_attribute("fill-opacity", "0.25")?;
                    dom::add(&s, &halo)?;
                    dom::add(&s, &circle("4", "#ffffff", true)?)?;
                }
                "exact" => {
                    dom::add(&s, &circle("5", "#ffffff", true)?)?;
                    dom::add(&s, &circle("2", color, false)?)?;
                }
                _ => dom::add(&s, &circle("5", "#ffffff", true)?)?,
            }
        }
    }
    Ok(s)
}

/// One `<marker>` per confidence, in a hidden `<svg>`, for routes'
/// `marker-end`.
fn add_arrow_markers() -> Result<(), JsValue> {
    let holder = svg("svg")?;
    holder.set_attribute("class", "arrow-defs")?;
    holder.set_attribute("aria-hidden", "true")?;
    let defs = svg("defs")?;
    let all = Grade::ALL
        .iter()
        .map(|&c| Some(c))
        .chain(std::iter::once(None));
    for confidence in all {
        let marker = svg("marker")?;
        for (k, v) in [
            ("id", arrow_id(confidence)),
            ("viewBox", "0 0 10 10"),
            // The tip stops short of the line's end, clear of the place marker there.
            ("refX", "16"),
            ("refY", "5"),
            ("markerWidth", "5"),
            ("markerHeight", "5"),
            ("markerUnits", "strokeWidth"),
            ("orient", "auto"),
        ] {
            marker.set_attribute(k, v)?;
        }
        let path = svg("path")?;
        path.set_attribute("d", "M 0 0 L 10 5 L 0 10 z")?;
        path.set_attribute("fill", stroke(confidence).color)?;
        dom::add(&marker, &path)?;
        dom::add(&defs, &marker)?;
    }
    dom::add(&holder, &defs)?;
    dom::document()?
        .body()
        .ok_or_else(|| JsValue::from_str("the page has no body"))?
        .append_child(&holder)?;
    Ok(())
}
