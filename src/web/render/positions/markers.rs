//! Units as SVG markers, for a few units without symbols: a marker per
//! position the scene answers, in its side's colour, solid on the day the
//! unit was seen and fading with its age; a position glided between two
//! sightings is hollow and dashed, a guess. Its tooltip names the unit;
//! its popup says when it was last seen and what the sighting says.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leaflet::{CircleMarker, Layer, LayerGroup, Map, PathOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::draw::style::{UNIT_RADIUS, UNIT_WEIGHT};
use crate::scene::Scene;
use crate::space::sightings::Position;
use crate::web::page::bindings::{self, lat_lng, object};
use crate::web::page::dom::{self, element};
use crate::web::panels::popup;
use crate::web::render::features::POINT_PANE;
use crate::web::render::labels;

use super::{color_of, content, draw_track, sighting_content, track_of, Told};

/// A marker on the map, what it was drawn as, and what its popup tells
/// when it opens.
struct Marker {
    marker: CircleMarker,
    drawn: Position,
    told: Rc<RefCell<Told>>,
    /// Builds the popup when it opens, and draws the unit's track (which
    /// goes with any popup that closes, see [`super::Positions::new`]);
    /// kept as long as the marker.
    _popup: Closure<dyn Fn(JsValue) -> JsValue>,
    _track: Closure<dyn Fn()>,
}

/// The markers of the units shown.
pub struct Markers {
    group: LayerGroup,
    /// The track of the unit whose popup is open.
    track: LayerGroup,
    /// By (unit, sighting): a unit reported in two places has two.
    markers: HashMap<(usize, usize), Marker>,
}

impl Markers {
    /// No markers yet; they are drawn on `map`.
    pub fn new(map: &Map, track: &LayerGroup) -> Markers {
        let group = LayerGroup::new();
        group.add_to(map);
        Markers {
            group,
            track: track.clone(),
            markers: HashMap::new(),
        }
    }

    /// Forgets every marker (the data changed).
    pub fn clear(&mut self) {
        self.group.clear_layers();
        self.track.clear_layers();
        self.markers.clear();
    }

    /// Draws `positions` of the scene's units, and no other: a marker
    /// whose position is gone is removed; one that moved or aged is drawn
    /// anew.
    pub fn show(&mut self, positions: &[Position], scene: &Scene) -> Result<(), JsValue> {
        let mut kept = HashMap::with_capacity(positions.len());
        let mut changed = false;
        for position in positions {
            let key = (position.unit, position.sighting);
            let marker = match self.markers.remove(&key) {
                // By the clock, its age changes with every step.
                Some(marker) if marker.drawn == *position && scene.steps().is_daily() => marker,
                // Only older (or younger): faded in place.
                Some(mut marker) if same_place(&marker.drawn, position) => {
                    age(&mut marker, position, scene)?;
                    marker
                }
                Some(old) => {
                    self.group.remove_layer(old.marker.unchecked_ref());
                    changed = true;
                    self.add(position, scene)?
                }
                None => {
                    changed = true;
                    self.add(position, scene)?
                }
            };
            kept.insert(key, marker);
        }
        for gone in self.markers.values() {
            self.group.remove_layer(gone.marker.unchecked_ref());
            changed = true;
        }
        self.markers = kept;
        if changed {
            labels::declutter()?;
        }
        Ok(())
    }

    /// Opens the popup of the marker drawn for `position`; whether there
    /// is one.
    pub fn open(&self, position: &Position) -> bool {
        match self.markers.get(&(position.unit, position.sighting)) {
            Some(marker) => {
                marker.marker.unchecked_ref::<Layer>().open_popup();
                true
            }
            None => false,
        }
    }

    /// A marker for `position`, added to the map.
    fn add(&self, position: &Position, scene: &Scene) -> Result<Marker, JsValue> {
        let units = scene.units_seen();
        let name = units.get(position.unit).map_or("", |u| u.name.as_str());
        let color = color_of(position);
        let style = PathOptions::new();
        style.set_color(color.to_owned());
        style.set_weight(UNIT_WEIGHT);
        style.set_fill(true);
        style.set_pane(POINT_PANE.to_owned());
        if position.interpolated {
            // A guess: hollow, dashed.
            style.set_fill_color("#ffffff".to_owned());
            style.set_fill_opacity(1.0);
            style.set_dash_array("3 3".to_owned());
        } else {
            style.set_fill_color(color.to_owned());
            style.set_fill_opacity(scene.unit_opacity(position));
        }
        js_sys::Reflect::set(&style, &"radius".into(), &UNIT_RADIUS.into())?;
        let marker = CircleMarker::new_with_options(&lat_lng(position.at), &style);
        let layer: &Layer = marker.unchecked_ref();
        // The unit's name, as text, under the place names when they crowd.
        let label = element("span", "", name)?;
        let priority = scene.data().features.len() + position.unit;
        label.set_attribute(labels::PRIORITY, &priority.to_string())?;
        bindings::bind_tooltip(
            layer,
            &label.into(),
            &object(&[
                ("permanent", true.into()),
                ("direction", "right".into()),
                ("offset", js_sys::Array::of2(&8.into(), &0.into()).into()),
                ("className", "place-label unit-label".into()),
            ]),
        );
        let told = Rc::new(RefCell::new(Told::of(scene, position, name, color)?));
        let draw_track = {
            let (told, group) = (told.clone(), self.track.clone());
            Closure::<dyn Fn()>::new(move || {
                if let Err(error) = draw_track(&told.borrow(), &group) {
                    dom::show_alert(&dom::describe_js_error(&error));
                }
            })
        };
        layer.on("popupopen", draw_track.as_ref());
        let popup = {
            let told = told.clone();
            Closure::<dyn Fn(JsValue) -> JsValue>::new(move |_| match content(&told.borrow()) {
                Ok(element) => element.into(),
                Err(error) => error,
            })
        };
        layer.bind_popup_with_options(popup.as_ref(), &popup::options());
        self.group.add_layer(layer);
        if let Some(element) = bindings::get_element(layer) {
            // Added to Leaflet's own classes, which make it take clicks.
            element.class_list().add_1("leaflet-unit")?;
            element.set_attribute("data-unit", name)?;
            element.set_attribute("data-age-days", &position.age_days.to_string())?;
            if position.interpolated {
                element.set_attribute("data-guess", "glided")?;
            }
        }
        Ok(Marker {
            marker,
            drawn: *position,
            told,
            _popup: popup,
            _track: draw_track,
        })
    }
}

/// Whether two positions are drawn at the same place the same way, and
/// differ at most in age.
fn same_place(a: &Position, b: &Position) -> bool {
    a.at == b.at && a.interpolated == b.interpolated && a.seen == b.seen && a.side == b.side
}

/// Fades `marker` to the age of `position`.
fn age(marker: &mut Marker, position: &Position, scene: &Scene) -> Result<(), JsValue> {
    if !position.interpolated {
        let style = PathOptions::new();
        style.set_fill_opacity(scene.unit_opacity(position));
        marker.marker.set_style(&style);
    }
    if let Some(element) = bindings::get_element(marker.marker.unchecked_ref()) {
        element.set_attribute("data-age-days", &position.age_days.to_string())?;
    }
    marker.drawn = *position;
    let mut told = marker.told.borrow_mut();
    told.position = *position;
    told.seen = scene.last_seen(position);
    if told.as_of != scene.as_of() {
        // In "made public by then", what the sighting says is of the day.
        told.sighting = sighting_content(scene, position)?;
        told.as_of = scene.as_of();
    }
    told.track = track_of(scene, position);
    Ok(())
}
