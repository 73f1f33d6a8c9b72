//! Units where they were last seen, drawn over the data: as SVG markers
//! (see [`markers`]) for a few units, or on a canvas of their own (see
//! [`canvas`]) from [`ON_CANVAS_FROM`] units on or when their sightings
//! carry symbol codes, which the canvas draws as standard symbols (see
//! [`symbols`]). Either way a unit's popup says when it was last seen and
//! what its sighting says, and opening it draws the unit's track.

pub mod canvas;
pub(crate) mod ink;
pub mod markers;
mod marks;
pub mod symbols;

use leaflet::{CircleMarker, LayerGroup, Map, PathOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::draw::style::SIDE_COLORS;
use crate::scene::Scene;
use crate::space::sightings::Position;
use crate::time::Day;
use crate::web::dispatch::Dispatch;
use crate::web::page::bindings::{self, lat_lng, object};
use crate::web::page::dom::{self, element};
use crate::web::panels::popup;

use canvas::UnitCanvas;
use markers::Markers;

/// From this many units on, units are drawn on the canvas.
pub const ON_CANVAS_FROM: usize = 200;

/// The units' marks, on SVG markers or on the canvas, and the track of the
/// unit whose popup is open.
pub struct Positions {
    map: Map,
    markers: Markers,
    canvas: UnitCanvas,
    on_canvas: bool,
    track: LayerGroup,
    /// The unit whose popup the canvas opened, and the popup.
    open: Option<(usize, leaflet::Popup)>,
}

impl Positions {
    /// No units yet; they are drawn on `map`, the canvas asking for frames
    /// (when its symbols have loaded) through `dispatch`.
    pub fn new(map: &Map, dispatch: &Dispatch) -> Result<Positions, JsValue> {
        let track = LayerGroup::new();
        track.add_to(map);
        // Whatever popup closes, the track it showed goes with it.
        let clear = {
            let track = track.clone();
            Closure::<dyn Fn()>::new(move || {
                track.clear_layers();
            })
        };
        map.on("popupclose", clear.as_ref());
        // The map lives as long as the page.
        clear.forget();
        Ok(Positions {
            map: map.clone(),
            markers: Markers::new(map, &track),
            canvas: UnitCanvas::new(map, dispatch)?,
            on_canvas: false,
            track,
            open: None,
        })
    }

    /// Forgets every mark (the data or the rule changed), and chooses how
    /// the scene's units are drawn.
    pub fn clear(&mut self, scene: &Scene) {
        self.markers.clear();
        self.track.clear_layers();
        if let Some((_, popup)) = self.open.take() {
            popup.close();
        }
        let units = scene.units_seen();
        self.on_canvas = units.len() >= ON_CANVAS_FROM || units.has_symbols();
        self.canvas.reset(scene, self.on_canvas);
    }

    /// Draws `positions` of the scene's units, and no other.
    pub fn show(&mut self, positions: &[Position], scene: &Scene) -> Result<(), JsValue> {
        if !self.on_canvas {
            self.markers.show(positions, scene)?;
        }
        // The popup the canvas opened follows its unit, or closes.
        if let Some((unit, is_open)) = self.open.as_ref().map(|(u, p)| (*u, p.is_open())) {
            match positions.iter().find(|p| p.unit == unit) {
                Some(position) if is_open => self.open(position, scene)?,
                _ => {
                    if let Some((_, popup)) = self.open.take() {
                        popup.close();
                    }
                }
            }
        }
        // The canvas draws the units, or only all their tracks.
        if self.on_canvas || self.canvas.all_tracks {
            self.canvas.show(positions, scene)?;
        }
        Ok(())
    }

    /// Draws the canvas anew (the map moved, or symbols arrived).
    pub fn draw(&mut self, scene: &Scene) -> Result<(), JsValue> {
        if self.on_canvas || self.canvas.all_tracks {
            self.canvas.redraw(scene)?;
        }
        Ok(())
    }

    /// Shows every unit's track up to the moment, or none.
    pub fn show_all_tracks(&mut self, all: bool, scene: &Scene) -> Result<(), JsValue> {
        self.canvas.all_tracks = all;
        self.canvas.show(&scene.positions(), scene)
    }

    /// A click at the map's container point `(x, y)`: on a unit drawn on
    /// the canvas, its popup opens; on a count of units, the map zooms in
    /// to them. Whether the click was taken.
    pub fn click(&mut self, x: f64, y: f64, scene: &Scene) -> Result<bool, JsValue> {
        if !self.on_canvas {
            return Ok(false);
        }
        match self.canvas.pick(x, y) {
            Some(canvas::Picked::Unit(position)) => {
                self.open(&position, scene)?;
                Ok(true)
            }
            Some(canvas::Picked::Crowd(south_west, north_east)) => {
                let bounds = leaflet::LatLngBounds::new(&lat_lng(south_west), &lat_lng(north_east));
                let padded =
                    object(&[("padding", js_sys::Array::of2(&40.into(), &40.into()).into())]);
                if south_west == north_east {
                    let zoom = (self.map.get_zoom() + 3.0).min(self.map.get_max_zoom());
                    self.map.set_view(&lat_lng(south_west), zoom);
                } else {
                    self.map.fit_bounds_with_options(&bounds, &padded);
                }
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Chooses unit `unit`: the map pans to where it is shown, its popup
    /// opens and its track is drawn. `false` when it is not shown.
    pub fn choose(
        &mut self,
        unit: usize,
        positions: &[Position],
        scene: &Scene,
    ) -> Result<bool, JsValue> {
        let Some(position) = positions.iter().find(|p| p.unit == unit) else {
            return Ok(false);
        };
        self.map.pan_to(&lat_lng(position.at));
        if self.on_canvas || !self.markers.open(position) {
            self.open(position, scene)?;
        }
        Ok(true)
    }

    /// Opens the popup of `position` on the map, with its track (or shows
    /// it anew in the popup already open on its unit).
    fn open(&mut self, position: &Position, scene: &Scene) -> Result<(), JsValue> {
        let units = scene.units_seen();
        let name = units.get(position.unit).map_or("", |u| u.name.as_str());
        let told = Told::of(scene, position, name, color_of(position))?;
        let popup = match self.open.take() {
            Some((unit, popup)) if unit == position.unit && popup.is_open() => {
                popup.set_lat_lng(&lat_lng(position.at).into());
                popup
            }
            _ => {
                let popup = leaflet::Popup::new_with_lat_lng(
                    &lat_lng(position.at),
                    &popup::options().unchecked_into(),
                );
                popup.open_on(&self.map);
                popup
            }
        };
        popup.set_content(&content(&told)?.into());
        // Its sighting's part is built now, open as it is.
        popup::fill_in(&popup);
        draw_track(&told, &self.track)?;
        self.open = Some((position.unit, popup));
        Ok(())
    }
}

/// A unit's colour: its side's, or grey without a side.
pub(super) fn color_of(position: &Position) -> &'static str {
    position
        .side
        .map_or("#555555", |side| SIDE_COLORS[side % SIDE_COLORS.len()])
}

/// What a unit's popup tells: its name, its position, its sighting.
pub(super) struct Told {
    pub(super) name: String,
    pub(super) position: Position,
    /// When it was last seen, and how long ago.
    pub(super) seen: String,
    /// What the sighting's own popup says, as of `as_of`.
    pub(super) sighting: web_sys::HtmlElement,
    pub(super) as_of: Option<Day>,
    /// Where and when the unit was seen up to the moment shown.
    pub(super) track: Vec<(geo::Coord<f64>, i64)>,
    pub(super) color: String,
}

impl Told {
    /// What the popup of `position` of unit `name`, drawn in `color`, tells
    /// at the scene's moment.
    pub(super) fn of(
        scene: &Scene,
        position: &Position,
        name: &str,
        color: &str,
    ) -> Result<Told, JsValue> {
        Ok(Told {
            name: name.to_owned(),
            position: *position,
            seen: scene.last_seen(position),
            sighting: sighting_content(scene, position)?,
            as_of: scene.as_of(),
            track: track_of(scene, position),
            color: color.to_owned(),
        })
    }
}

/// What the sighting of `position` says, as its own popup says it at the
/// scene's moment, without the feature's mark for the address (the popup
/// is the unit's).
pub(super) fn sighting_content(
    scene: &Scene,
    position: &Position,
) -> Result<web_sys::HtmlElement, JsValue> {
    let feature = scene
        .data()
        .features
        .get(position.sighting)
        .ok_or_else(|| JsValue::from_str("a unit's sighting is not in the data"))?;
    let order = scene.data().date_order_of(position.sighting);
    let content = popup::lazy(position.sighting, feature, scene.as_of(), order)?;
    content.remove_attribute(crate::web::input::link::FEATURE_INDEX)?;
    Ok(content)
}

/// Where and when the unit of `position` was seen up to the scene's
/// moment.
pub(super) fn track_of(scene: &Scene, position: &Position) -> Vec<(geo::Coord<f64>, i64)> {
    scene
        .units_seen()
        .track(position.unit, scene.moment())
        .iter()
        .map(|s| (s.at, s.time))
        .collect()
}

/// Draws a unit's track into `group`: its sightings as small solid dots
/// (the date on hover), joined by thin dashed legs, which no source saw.
pub(super) fn draw_track(told: &Told, group: &LayerGroup) -> Result<(), JsValue> {
    group.clear_layers();
    let legs = PathOptions::new();
    legs.set_color(told.color.clone());
    legs.set_weight(1.5);
    legs.set_dash_array("4 4".to_owned());
    legs.set_interactive(false);
    let points: js_sys::Array = told
        .track
        .iter()
        .map(|(at, _)| JsValue::from(lat_lng(*at)))
        .collect();
    let line = leaflet::Polyline::new_with_options(&points, &legs.unchecked_into());
    group.add_layer(line.unchecked_ref());
    if let Some(element) = bindings::get_element(line.unchecked_ref()) {
        element.class_list().add_1("unit-track")?;
    }
    for (at, time) in &told.track {
        let dot = PathOptions::new();
        dot.set_color(told.color.clone());
        dot.set_weight(1.0);
        dot.set_fill(true);
        dot.set_fill_color(told.color.clone());
        dot.set_fill_opacity(1.0);
        js_sys::Reflect::set(&dot, &"radius".into(), &3.into())?;
        let point = CircleMarker::new_with_options(&lat_lng(*at), &dot);
        let seen = crate::time::TimeBound::from_unix(*time).to_string();
        bindings::bind_tooltip(
            point.unchecked_ref(),
            &JsValue::from_str(&seen),
            &object(&[]),
        );
        group.add_layer(point.unchecked_ref());
        if let Some(element) = bindings::get_element(point.unchecked_ref()) {
            element.class_list().add_1("unit-track-point")?;
        }
    }
    Ok(())
}

/// The popup of a unit's position: its name, when it was last seen (and
/// whether the place is a guess), then what the sighting says.
pub(super) fn content(told: &Told) -> Result<web_sys::Element, JsValue> {
    let position = &told.position;
    let root = element("div", "popup unit-popup", "")?;
    dom::add(&root, &element("h2", "popup-name", &told.name)?)?;
    dom::add(&root, &element("p", "unit-seen", &told.seen)?)?;
    if position.interpolated {
        dom::add(
            &root,
            &element(
                "p",
                "unit-guess",
                "Drawn between two sightings, on the great circle: a guess, not a sighting.",
            )?,
        )?;
    }
    // A copy: the popup may open many times.
    let sighting = told.sighting.clone_node_with_deep(true)?;
    dom::add(&root, &sighting)?;
    Ok(root.into())
}
