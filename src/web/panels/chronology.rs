//! The chronology panel: the dated events up to the selected day (or step
//! of the clock), newest first, each with its date, place, confidence, summary and sources.
//! Choosing one shows it on the map; choosing a feature on the map marks
//! its entry.

use std::collections::HashMap;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::draw::style::stroke;
use crate::model::{Dataset, MapFeature};
use crate::scene::action::Action;
use crate::scene::chronology::{listed_at, listed_on, slot_of, Listing};
use crate::scene::Scene;
use crate::web::dispatch::Dispatch;
use crate::web::page::dom::{self, element};
use crate::web::panels::popup;

/// The most entries a listing makes: a day with many new events is
/// listed over several listings, newest first, so that no step of the
/// slider waits for hundreds of entries.
const NEW_PER_LISTING: usize = 24;

/// The entries on the page, kept from one day to the next: a step of the
/// slider adds the new day's entries and drops the oldest, and leaves the
/// others where they are.
#[derive(Default)]
pub struct Panel {
    /// The entries listed, newest first, by feature index.
    order: Vec<usize>,
    items: HashMap<usize, HtmlElement>,
    /// Feature ids to their index, for events that name their `place`;
    /// made when one first does.
    places: Option<HashMap<String, usize>>,
    empty: Option<HtmlElement>,
}

impl Panel {
    /// Forgets every entry: the data or the selection changed.
    pub fn reset(&mut self) -> Result<(), JsValue> {
        let list: HtmlElement = dom::by_id("chronology-list")?;
        list.set_text_content(None);
        self.order.clear();
        self.items.clear();
        self.empty = None;
        self.places = None;
        Ok(())
    }

    /// Lists the events up to slot `slot` (see [`Listing::until_slot`]):
    /// the scene's day, or its step of the clock; `false` while some are
    /// left for the next listing (at most [`NEW_PER_LISTING`] new entries
    /// are made at once). The list says its day (`data-day`) once whole.
    pub fn render(
        &mut self,
        scene: &Scene,
        listing: &Listing,
        slot: i32,
        selected: Option<usize>,
    ) -> Result<bool, JsValue> {
        let list: HtmlElement = dom::by_id("chronology-list")?;
        let listed = listing.until_slot(slot);
        if listed == self.order && (self.empty.is_some() == listed.is_empty()) {
            // The day (or time) listed, for whoever waits for the panel.
            list.set_attribute("data-day", &scene.when())?;
            return Ok(true);
        }
        match (&self.empty, listed.is_empty()) {
            (None, true) => {
                let empty = element("li", "chronology-empty", "No dated event yet.")?;
                dom::add(&list, &empty)?;
                self.empty = Some(empty);
            }
            (Some(empty), false) => {
                empty.remove();
                self.empty = None;
            }
            _ => {}
        }
        let mut items = HashMap::with_capacity(listed.len());
        let (mut shown, mut made) = (Vec::with_capacity(listed.len()), 0);
        for &index in &listed {
            let item = match self.items.remove(&index) {
                Some(item) => item,
                None if made < NEW_PER_LISTING => {
                    made += 1;
                    self.entry(scene, listing, index, selected)?
                }
                None => continue,
            };
            items.insert(index, item);
            shown.push(index);
        }
        let whole = shown.len() == listed.len();
        for (_, gone) in self.items.drain() {
            gone.remove();
        }
        // In the new order, moving only the entries not already in place.
        let mut cursor = list.first_element_child();
        for index in &shown {
            let item = &items[index];
            let node: &Element = item;
            if cursor.as_ref() == Some(node) {
                cursor = node.next_element_sibling();
            } else {
                list.insert_before(item, cursor.as_ref().map(|c| c.as_ref()))?;
            }
        }
        self.items = items;
        self.order = shown;
        if whole {
            list.set_attribute("data-day", &scene.when())?;
        } else {
            list.remove_attribute("data-day")?;
        }
        Ok(whole)
    }

    fn entry(
        &mut self,
        scene: &Scene,
        listing: &Listing,
        index: usize,
        selected: Option<usize>,
    ) -> Result<HtmlElement, JsValue> {
        let (data, selection) = (scene.data(), scene.selection());
        let feature = &data.features[index];
        let item = element("li", "", "")?;
        item.set_attribute("data-entry", &index.to_string())?;
        if selected == Some(index) {
            item.set_attribute("aria-current", "true")?;
        }
        let button = element("button", "chronology-entry", "")?;
        button.set_attribute("type", "button")?;
        let listed = listed_on(feature, selection.replay);
        // Its day, or for data stepped by the clock its time.
        let date = listed_at(feature, selection.replay)
            .map(|moment| scene.steps().label(moment))
            .unwrap_or_default();
        dom::add(&button, &element("span", "chronology-date", &date)?)?;
        // Listed by the day it was made public: the day it is dated too.
        if let Some(first) = feature.span.first_day().filter(|&d| Some(d) != listed) {
            let when = format!("made public; dated {first}");
            dom::add(&button, &element("span", "chronology-when", &when)?)?;
        }
        dom::add(&button, &badge(feature)?)?;
        if let Some(place) = self.place_name(data, feature) {
            dom::add(&button, &element("span", "chronology-place", &place)?)?;
        }
        dom::add(
            &button,
            &element(
                "span",
                "chronology-summary",
                &summary(scene, listing, index),
            )?,
        )?;
        dom::add(&item, &button)?;
        let sources = element("span", "chronology-sources", "")?;
        for source in &crate::geojson::read::shown::sources(feature) {
            // A link is named by its publisher; a source without one (an
            // article with no publisher given) by its title.
            let (first, second) = match source.link() {
                Some(_) => (&source.publisher, &source.title),
                None => (&source.title, &source.publisher),
            };
            let title = first
                .clone()
                .or_else(|| second.clone())
                .unwrap_or_else(|| "source".into());
            dom::add(&sources, &popup::source_link(source, &title)?)?;
        }
        dom::add(&item, &sources)?;
        Ok(item)
    }

    /// The name of the place an event sits at (its `place` property).
    fn place_name(&mut self, data: &Dataset, feature: &MapFeature) -> Option<String> {
        let id = feature.place.as_deref()?;
        let places = self.places.get_or_insert_with(|| {
            data.features
                .iter()
                .enumerate()
                .filter_map(|(i, f)| Some((f.id.as_ref()?.to_string(), i)))
                .collect()
        });
        data.features.get(*places.get(id)?).map(MapFeature::label)
    }
}

/// One listener for every entry (the list is drawn anew as the day
/// changes), and the button that folds the panel away; folded at first
/// when `folded` (on a narrow screen, or embedded in another page).
pub fn wire(dispatch: &Dispatch, folded: bool) -> Result<(), JsValue> {
    let list: HtmlElement = dom::by_id("chronology-list")?;
    let handle = dispatch.clone();
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let entry = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest(".chronology-entry").ok().flatten())
            .and_then(|b| b.parent_element())
            .and_then(|li| li.get_attribute("data-entry"))
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(index) = entry {
            handle.send(Action::Choose(index));
        }
    });
    list.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();

    let panel: HtmlElement = dom::by_id("chronology")?;
    let toggle: HtmlElement = dom::by_id("chronology-toggle")?;
    let fold = {
        let (panel, toggle) = (panel.clone(), toggle.clone());
        move |folded: bool| {
            let _ = panel.class_list().toggle_with_force("collapsed", folded);
            let _ = toggle.set_attribute("aria-expanded", if folded { "false" } else { "true" });
        }
    };
    fold(folded);
    let on_toggle =
        Closure::<dyn FnMut()>::new(move || fold(!panel.class_list().contains("collapsed")));
    toggle.add_event_listener_with_callback("click", on_toggle.as_ref().unchecked_ref())?;
    on_toggle.forget();
    Ok(())
}

/// Marks the entry of feature `index` (or none), and brings it into view.
pub fn highlight(index: Option<usize>) -> Result<(), JsValue> {
    let items = dom::document()?.query_selector_all("#chronology-list li[data-entry]")?;
    for i in 0..items.length() {
        let Some(item) = items.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let this = item
            .get_attribute("data-entry")
            .and_then(|e| e.parse::<usize>().ok());
        if index.is_some() && this == index {
            item.set_attribute("aria-current", "true")?;
            item.scroll_into_view_with_bool(false);
        } else {
            item.remove_attribute("aria-current")?;
        }
    }
    Ok(())
}

/// The grade, and what the statement does where it says more than the
/// grade: "official · doubts", "party · denies".
fn badge(feature: &MapFeature) -> Result<HtmlElement, JsValue> {
    let grade = feature.grade.map_or("not given", |c| c.as_str());
    let label = match (feature.source_type, feature.stance) {
        (Some(who), Some(stance)) => format!("{who} · {stance}"),
        (None, Some(stance)) => stance.to_string(),
        _ => grade.to_owned(),
    };
    let badge = element(
        "span",
        &format!("badge badge-{}", grade.replace(' ', "-")),
        &label,
    )?;
    badge.set_attribute("title", feature.grade.map_or("not given", |g| g.meaning()))?;
    badge
        .style()
        .set_property("border-color", stroke(feature.grade).color)?;
    Ok(badge)
}

/// What entry `index` is called: a sighting by its unit ("… seen", or
/// "… seen in 2 places" for sightings of one day listed together), any
/// other feature by its name.
fn summary(scene: &Scene, listing: &Listing, index: usize) -> String {
    let units = scene.units_seen();
    let unit = units.unit_of(index).and_then(|u| units.get(u));
    let slot = scene
        .data()
        .features
        .get(index)
        .and_then(|f| slot_of(f, scene.selection().replay, scene.steps()));
    let more = slot.map_or(0, |slot| listing.more_at(slot, index));
    match (unit, more) {
        (Some(unit), 0) => format!("{} seen", unit.name),
        (Some(unit), more) => format!("{} seen in {} places", unit.name, more + 1),
        (None, _) => scene
            .data()
            .features
            .get(index)
            .map(|f| f.label())
            .unwrap_or_default(),
    }
}
