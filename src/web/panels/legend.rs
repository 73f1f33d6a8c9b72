//! The legend: what each line pattern and mark means, drawn with the same
//! style table as the features. One short line per entry (its box, its
//! sample, its name); the long explanations under "What the lines mean".
//! It lists only what the data on the map holds ([`Present`]): entries for
//! the rest stay in the page, hidden, with their boxes, so that a filter
//! set by a person or a link holds when data that has them comes.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use crate::draw::style::stroke;
use crate::model::statement::{Grade, SourceType};
use crate::scene::present::{Mark, Present};
use crate::web::page::dom::{self, element};
use crate::web::panels::samples::{add_arrow_markers, line_sample, mark_sample};

/// Fills the legend element `#legend`, open or folded, and adds the
/// arrowhead markers that routes refer to.
pub fn build(open: bool) -> Result<(), JsValue> {
    add_arrow_markers()?;
    let legend: Element = dom::by_id("legend")?;
    let details = element("details", "", "")?;
    details.set_id("legend-details");
    if open {
        details.set_attribute("open", "")?;
    }
    dom::add(&details, &element("summary", "", "Legend")?)?;
    let (list, meanings) = (element("ul", "", "")?, element("ul", "", "")?);
    add_grades(&list, &meanings)?;
    add_who(&list, &meanings)?;
    add_marks(&list, &meanings)?;
    dom::add(&details, &list)?;
    let more = element("details", "legend-more", "")?;
    dom::add(&more, &element("summary", "", "What the lines mean")?)?;
    dom::add(&more, &meanings)?;
    dom::add(&details, &more)?;
    dom::add(&legend, &details)?;
    Ok(())
}

/// Lists only what `present` holds: every other entry, and a heading
/// whose entries are all absent, is hidden.
pub fn show(present: &Present) -> Result<(), JsValue> {
    let document = dom::document()?;
    let mut groups_present = Vec::new();
    let entries = document.query_selector_all("#legend [data-legend]")?;
    for i in 0..entries.length() {
        let Some(entry) = entries.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let key = entry.get_attribute("data-legend").unwrap_or_default();
        let (group, value) = key.split_once(':').unwrap_or((key.as_str(), ""));
        let listed = match group {
            "grade" if value == NOT_GIVEN => present.grade(None),
            "grade" => Grade::parse(value).is_some_and(|g| present.grade(Some(g))),
            "who" => SourceType::parse(value).is_some_and(|w| present.who(w)),
            "mark" => Mark::ALL
                .into_iter()
                .find(|m| m.as_str() == value)
                .is_some_and(|m| present.mark(m)),
            _ => true,
        };
        set_hidden(&entry, !listed)?;
        if listed && !groups_present.contains(&group.to_owned()) {
            groups_present.push(group.to_owned());
        }
    }
    let headings = document.query_selector_all("#legend [data-legend-group]")?;
    for i in 0..headings.length() {
        let Some(heading) = headings.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let group = heading
            .get_attribute("data-legend-group")
            .unwrap_or_default();
        set_hidden(&heading, !groups_present.contains(&group))?;
    }
    Ok(())
}

/// The value of the entry for features the data gives no grade.
const NOT_GIVEN: &str = "none";

fn set_hidden(entry: &Element, hidden: bool) -> Result<(), JsValue> {
    if hidden {
        entry.set_attribute("hidden", "")
    } else {
        entry.remove_attribute("hidden")
    }
}

/// A heading of the list, hidden with the last of its group's entries.
fn heading(group: &str, text: &str) -> Result<HtmlElement, JsValue> {
    let heading = element("li", "legend-heading", text)?;
    heading.set_attribute("data-legend-group", group)?;
    Ok(heading)
}

/// An entry of the list or of the explanations: `data-legend` is
/// `group:value`, by which [`show`] lists it or not.
fn entry(tag: &str, class: &str, group: &str, value: &str) -> Result<HtmlElement, JsValue> {
    let entry = element(tag, class, "")?;
    entry.set_attribute("data-legend", &format!("{group}:{value}"))?;
    Ok(entry)
}

/// The explanation of entry `group:value`, which its box is described by.
fn meaning(group: &str, value: &str, name: &str, says: &str) -> Result<HtmlElement, JsValue> {
    let item = entry("li", "", group, value)?;
    item.set_id(&meaning_id(group, value));
    dom::add(&item, &element("strong", "", name)?)?;
    dom::add(&item, &element("span", "legend-meaning", says)?)?;
    Ok(item)
}

fn meaning_id(group: &str, value: &str) -> String {
    format!("legend-means-{group}-{}", value.replace(' ', "-"))
}

/// The grades: each one's line and name, with a box that hides it; and
/// the line of features that give none.
fn add_grades(list: &Element, meanings: &Element) -> Result<(), JsValue> {
    dom::add(list, &heading("grade", "How sure (the grade)")?)?;
    let grades = Grade::ALL
        .iter()
        .map(|&g| (Some(g), g.as_str(), grade_name(g), g.meaning()))
        .chain(std::iter::once((
            None,
            NOT_GIVEN,
            "not given",
            "the data gives no confidence or stance",
        )));
    for (grade, value, name, says) in grades {
        let item = entry("li", "", "grade", value)?;
        // Each grade a person can see can also be hidden: a filter.
        match grade {
            Some(g) => {
                let input = filter_box("confidence", g.as_str(), &format!("Show {name}"))?;
                input.set_attribute("aria-describedby", &meaning_id("grade", value))?;
                dom::add(&item, &input)?;
            }
            None => dom::add(&item, &element("span", "filter-spacer", "")?)?,
        }
        dom::add(&item, &line_sample(grade)?)?;
        dom::add(&item, &element("span", "", name)?)?;
        dom::add(list, &item)?;
        let pattern = stroke(grade).pattern;
        dom::add(
            meanings,
            &meaning("grade", value, name, &format!(" {pattern}: {says}"))?,
        )?;
    }
    Ok(())
}

/// Who said it: one row of boxes, each named, and explained on hover and
/// under "What the lines mean".
fn add_who(list: &Element, meanings: &Element) -> Result<(), JsValue> {
    dom::add(list, &heading("who", "Who said it")?)?;
    let row = element("li", "legend-who", "")?;
    row.set_attribute("data-legend-group", "who")?;
    for who in SourceType::ALL {
        let label = entry("label", "", "who", who.as_str())?;
        label.set_attribute("title", who.meaning())?;
        let input = filter_box(
            "who",
            who.as_str(),
            &format!("Show what {} said", who.meaning()),
        )?;
        dom::add(&label, &input)?;
        dom::add(&label, &element("span", "", who.as_str())?)?;
        dom::add(&row, &label)?;
        let says = format!(": said by {}", who.meaning());
        dom::add(
            meanings,
            &meaning("who", who.as_str(), who.as_str(), &says)?,
        )?;
    }
    dom::add(list, &row)?;
    Ok(())
}

/// What it is: each kind of mark, with a box that hides its kind.
fn add_marks(list: &Element, meanings: &Element) -> Result<(), JsValue> {
    dom::add(list, &heading("mark", "What it is")?)?;
    for mark in Mark::ALL {
        let (name, says) = mark_words(mark);
        let item = entry("li", "", "mark", mark.as_str())?;
        match mark.kind() {
            Some(kind) => {
                let label = format!("Show {}s", kind.as_str());
                let input = filter_box("kind", kind.as_str(), &label)?;
                input.set_attribute("aria-describedby", &meaning_id("mark", mark.as_str()))?;
                dom::add(&item, &input)?;
            }
            None => dom::add(&item, &element("span", "filter-spacer", "")?)?,
        }
        dom::add(&item, &mark_sample(mark)?)?;
        dom::add(&item, &element("span", "", name)?)?;
        dom::add(list, &item)?;
        dom::add(meanings, &meaning("mark", mark.as_str(), name, says)?)?;
    }
    Ok(())
}

/// A mark's short name, and what its sample shows.
fn mark_words(mark: Mark) -> (&'static str, &'static str) {
    match mark {
        Mark::Place => ("place", ": a ring, labelled"),
        Mark::Exact => (
            "exact point",
            ": a place known to the exact point (dot in the ring)",
        ),
        Mark::Approximate => (
            "rough place",
            ": a place known roughly (faint halo; wider for an area)",
        ),
        Mark::Event => (
            "event",
            ": something that happened or was said (filled dot)",
        ),
        Mark::Unasserted => (
            "doubt or warning",
            ": a statement that says nothing is so (hollow dot), never a confirmation",
        ),
        Mark::Route => ("route", ": a movement (line, arrow at its destination)"),
    }
}

/// How the legend names a grade.
fn grade_name(grade: Grade) -> &'static str {
    match grade {
        Grade::Unasserted => "doubts, warns, neither",
        other => other.as_str(),
    }
}

/// A checked box that shows or hides one grade, source type or kind.
fn filter_box(group: &str, value: &str, label: &str) -> Result<HtmlElement, JsValue> {
    let input = element("input", "filter", "")?;
    input.set_attribute("type", "checkbox")?;
    input.set_attribute("checked", "")?;
    input.set_attribute(&format!("data-{group}"), value)?;
    input.set_attribute("aria-label", label)?;
    Ok(input)
}
