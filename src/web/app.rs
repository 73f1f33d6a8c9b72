//! The application: the loaded data, the features on the map, and the one
//! place where changes are applied to Leaflet.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use leaflet::{LatLngBounds, Map};
use wasm_bindgen::prelude::*;

use crate::geojson::export::{export_collection, file_name};
use crate::model::{Dataset, Kind};
use crate::scene::action::Action;
use crate::scene::fragment::LinkState;
use crate::scene::play::{self, Tick};
use crate::scene::Scene;
use crate::space::bounds::bounds;
use crate::time::index::Change;
use crate::time::Day;
use crate::web::dispatch::{Dispatch, Sent};
use crate::web::input::controls::{self, Controls};
use crate::web::input::link;
use crate::web::input::timers::Clock;
use crate::web::page::bindings::{self, object};
use crate::web::page::{dom, download};
use crate::web::panels::days::Days;
use crate::web::panels::popup;
use crate::web::panels::{chronology, histogram};
use crate::web::render::canvas::{Bulk, BULK_FROM};
use crate::web::render::features::{lat_lng, POINT_PANE};
use crate::web::render::labels;
use crate::web::render::layers::Layers;

/// Milliseconds between days while playing: about two days a second.
const PLAY_INTERVAL_MS: i32 = 500;

/// Everything the page shows.
pub struct App {
    map: Map,
    /// What the map shows: the data, the mode and filters, the moment.
    scene: Scene,
    /// The features as Leaflet layers (small data).
    layers: Layers,
    /// The feature whose popup is open.
    selected: Option<usize>,
    /// The canvas that draws large data instead of a layer per feature.
    bulk: Bulk,
    /// The strip, the chronology and the count under the map.
    days: Days,
    /// The play clock, once made.
    clock: Option<Clock>,
}

impl App {
    /// The app for `map`, showing `data`, as the page holds it, and the
    /// one way inputs send it actions (they hold this, not the app).
    pub fn start(map: Map, data: Dataset) -> Result<(Rc<RefCell<App>>, Dispatch), JsValue> {
        let app = Rc::new(RefCell::new(App::new(map, data)?));
        // Timers reach the app as inputs do; the app does not keep itself
        // alive through them.
        let weak = Rc::downgrade(&app);
        let dispatch = Dispatch::new(move |action, sent| {
            if let Some(app) = weak.upgrade() {
                App::dispatch(&app, action, sent);
            }
        });
        {
            let mut this = app.borrow_mut();
            this.days.listen(dispatch.clone());
            this.clock = Some(Clock::new(dispatch.clone(), Action::Tick, PLAY_INTERVAL_MS));
        }
        Ok((app, dispatch))
    }

    fn new(map: Map, data: Dataset) -> Result<App, JsValue> {
        bindings::create_pane(&map, POINT_PANE)
            .style()
            .set_property("z-index", "450")?;
        // The layers first: the canvas's pane goes over their lines.
        let layers = Layers::new(&map);
        let bulk = Bulk::new(&map)?;
        let relabel = Closure::<dyn FnMut()>::new(|| {
            if let Err(error) = labels::declutter() {
                dom::show_alert(&dom::describe_js_error(&error));
            }
        });
        map.on("zoomend", relabel.as_ref());
        // The map lives as long as the page.
        relabel.forget();
        let mut app = App {
            map,
            scene: Scene::default(),
            layers,
            selected: None,
            bulk,
            days: Days::new(Controls::find()?, Dispatch::new(|_, _| {})),
            clock: None,
        };
        app.set_data(data)?;
        Ok(app)
    }

    /// Takes the data out, to be given back through [`App::set_data`].
    pub fn take_data(&mut self) -> Dataset {
        self.scene.take_data()
    }

    /// Shows `data` instead of what is on the map: a new time index, the
    /// slider over the new data's dates, the view on it, its first day.
    pub fn set_data(&mut self, data: Dataset) -> Result<(), JsValue> {
        self.stop()?;
        let selection = self.scene.selection().clone();
        self.scene = Scene::new(data, selection);
        let (first, last) = (self.scene.first(), self.scene.last());
        self.days.controls().set_range(first, last);
        self.days
            .controls()
            .slider
            .set_disabled(!self.scene.dated());
        let features = &self.scene.data().features;
        self.layers.clear(features.len());
        self.selected = None;
        self.days.reset();
        self.bulk
            .set_data((features.len() >= BULK_FROM).then_some(&features[..]));
        fit_to_story(&self.map, self.scene.data());
        self.go_to(first)
    }

    /// Carries out `action`, reporting any failure in the page, and keeps
    /// the address in step (a history entry for each step a person takes;
    /// playing moves the entry along instead).
    fn dispatch(app: &Rc<RefCell<App>>, action: Action, sent: Sent) {
        // An echo repeats what the action before did: it writes no history.
        let history = match sent {
            Sent::Input => action.history(),
            Sent::Echo => None,
        };
        let result = match action {
            Action::TogglePlay => app.borrow_mut().toggle_play(),
            Action::Popup(index) => {
                app.borrow_mut().popup(index, sent);
                Ok(())
            }
            Action::Restore(state) => app.borrow_mut().restore(&state),
            Action::Load { data, replace } => app.borrow_mut().load(data, replace),
            Action::Moved => Ok(()),
            other => app.borrow_mut().act(other),
        };
        if let Err(error) = result {
            dom::show_alert(&dom::describe_js_error(&error));
        }
        if let Some(push) = history {
            app.borrow().remember(push);
        }
    }

    /// Shows what an address holds: the mode and filters, then the day,
    /// the view and the selected feature; the address itself is not
    /// rewritten on the way.
    fn restore(&mut self, state: &LinkState) -> Result<(), JsValue> {
        link::set_controls(state)?;
        self.act(Action::Select)?;
        if let Some(day) = state.day {
            self.act(Action::GoToDay(day))?;
        }
        if let Some((zoom, lat, lon)) = state.view {
            let at_once = object(&[("animate", false.into())]);
            self.map
                .set_view_with_options(&leaflet::LatLng::new(lat, lon), zoom, &at_once);
        }
        self.select(state.feature.as_deref())?;
        // The address already says this; it is only tidied.
        self.remember(false);
        Ok(())
    }

    /// Puts `data` on the map, added to what is there or instead of it.
    fn load(&mut self, data: Dataset, replace: bool) -> Result<(), JsValue> {
        let data = if replace {
            data
        } else {
            // Taken, not copied: set_data puts the whole back at once.
            let mut all = self.take_data();
            all.append(data);
            all
        };
        self.set_data(data)
    }

    /// Writes what the map shows into the address: a new history entry
    /// when `push`, else in place of the current one.
    fn remember(&self, push: bool) {
        if let Err(error) = link::write(&self.link_state(), push) {
            dom::show_alert(&dom::describe_js_error(&error));
        }
    }

    /// Notes the feature whose popup opened, or that the popup closed
    /// (`None`). A person's doing is the selection, and a history entry;
    /// an echo of the app's own action (see [`Sent::Echo`]) only marks the
    /// chronology, since the action keeps `selected` itself (see
    /// [`App::select`], [`App::open_popup`], `apply` and `set_data`).
    fn popup(&mut self, index: Option<usize>, sent: Sent) {
        if sent == Sent::Input {
            self.selected = index;
            if let Err(error) = self.mark_window(index) {
                dom::show_alert(&dom::describe_js_error(&error));
            }
        }
        if let Err(error) = chronology::highlight(index) {
            dom::show_alert(&dom::describe_js_error(&error));
        }
        if sent == Sent::Input {
            self.remember(index.is_some());
        }
    }

    /// Closes the open popup, if any: nothing is chosen.
    fn close_popup(&mut self) -> Result<(), JsValue> {
        self.selected = None;
        self.mark_window(None)?;
        // Leaflet's `closePopup()` without a popup closes the open one.
        js_sys::Reflect::get(&self.map, &"closePopup".into())?
            .dyn_into::<js_sys::Function>()?
            .call0(&self.map)?;
        Ok(())
    }

    /// Opens the popup of the feature with this id, when it is on the map.
    pub fn select(&mut self, id: Option<&str>) -> Result<(), JsValue> {
        let Some(id) = id else {
            // Nothing chosen (an address without a feature): the popup
            // that is open closes.
            return self.close_popup();
        };
        let found = self
            .scene
            .data()
            .features
            .iter()
            .position(|f| f.id.as_ref().is_some_and(|i| i.to_string() == id));
        self.select_index(found)
    }

    /// Opens the popup of feature `found`, when it is on the map.
    fn select_index(&mut self, found: Option<usize>) -> Result<(), JsValue> {
        if self.bulk.active() {
            return match found {
                Some(index) if self.bulk.shows(index) => self.open_popup(index),
                _ => Ok(()),
            };
        }
        if let Some(layer) = found.and_then(|i| self.layers.on_map(i)) {
            // The link's view is kept: this time the popup does not pan
            // the map (Leaflet pans a frame later, so the option is
            // restored only when the popup closes).
            let popup = layer.layer.get_popup();
            let options = js_sys::Reflect::get(&popup, &"options".into())?;
            js_sys::Reflect::set(&options, &"autoPan".into(), &false.into())?;
            let restore = Closure::once_into_js(move || {
                let _ = js_sys::Reflect::set(&options, &"autoPan".into(), &true.into());
            });
            let once =
                js_sys::Reflect::get(&popup, &"once".into())?.dyn_into::<js_sys::Function>()?;
            once.call2(&popup, &"remove".into(), &restore)?;
            layer.layer.open_popup();
            self.selected = found;
            self.mark_window(found)?;
        } else if let Some(index) = found.filter(|&i| {
            self.scene.data().features[i].geometry.is_none()
                && self.scene.shown().iter().any(|s| s == i)
        }) {
            self.open_popup(index)?;
        }
        Ok(())
    }

    /// The map.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// The canvas for large data.
    pub fn bulk(&self) -> &Bulk {
        &self.bulk
    }

    /// Opens a popup of its own for feature `index` (drawn on the canvas,
    /// or without a place), at its point or the middle of its shape; a
    /// feature with no place (an event its sources do not place) has it in
    /// the middle of the map.
    fn open_popup(&mut self, index: usize) -> Result<(), JsValue> {
        let Some(feature) = self.scene.data().features.get(index) else {
            return Ok(());
        };
        let at = anchor(feature).unwrap_or_else(|| {
            let center = self.map.get_center();
            geo::coord! { x: center.lng(), y: center.lat() }
        });
        let options = leaflet::PopupOptions::new();
        let _ = js_sys::Reflect::set(&options, &"maxWidth".into(), &340.into());
        let _ = js_sys::Reflect::set(&options, &"maxHeight".into(), &popup::MAX_HEIGHT.into());
        let popup = leaflet::Popup::new_with_lat_lng(&lat_lng(at), &options);
        popup.set_content(&popup::content_on(index, feature, self.scene.as_of())?.into());
        popup.open_on(&self.map);
        self.selected = Some(index);
        self.mark_window(Some(index))
    }

    /// Places the units under way at the moment shown.
    fn show_movers(&mut self) -> Result<(), JsValue> {
        if self.bulk.active() {
            self.bulk.set_units(self.scene.units().collect());
            return Ok(());
        }
        self.layers.show_units(&self.scene)
    }

    /// What the address should hold.
    fn link_state(&self) -> LinkState {
        let center = self.map.get_center();
        LinkState {
            day: self.scene.shown().day().filter(|_| self.scene.dated()),
            view: Some((
                (self.map.get_zoom() * 100.0).round() / 100.0,
                round(center.lat()),
                round(center.lng()),
            )),
            feature: self
                .selected
                .and_then(|i| self.scene.data().features.get(i))
                .and_then(|f| f.id.as_ref())
                .map(ToString::to_string),
            confidence: self.scene.selection().confidence.clone(),
            who: self.scene.selection().who.clone(),
            kinds: self.scene.selection().kinds.clone(),
            replay: self.scene.selection().replay,
        }
    }

    pub(crate) fn act(&mut self, action: Action) -> Result<(), JsValue> {
        let current = self.scene.day();
        match action {
            Action::GoToStep(step) => self.go_to(Day(self.scene.first().0.saturating_add(step))),
            Action::GoToDay(day) => self.go_to(day),
            Action::Step(days) => self.go_to(Day(current.0.saturating_add(days))),
            Action::Tick => match self.scene.tick() {
                Tick::Stop => self.stop(),
                Tick::Go { to, then_stop } => {
                    self.go_to_moment(to)?;
                    if then_stop {
                        self.stop()?;
                    }
                    Ok(())
                }
            },
            Action::Export => {
                let text = export_collection(self.scene.data(), self.scene.shown().iter());
                download::save(&file_name(current), "application/geo+json", &text)
            }
            Action::Select => {
                let change = self.scene.select(controls::selection()?);
                self.apply(&change)?;
                self.regrade(current)?;
                self.show_movers()?;
                self.days.reset();
                self.show_day()
            }
            Action::Choose(index) => self.choose(index),
            Action::Open(index) => self.open_popup(index),
            Action::Relist => {
                self.days.relisted();
                self.show_day()
            }
            // Carried out by `dispatch`, which holds the app's handle.
            Action::TogglePlay
            | Action::Popup(_)
            | Action::Moved
            | Action::Restore(_)
            | Action::Load { .. } => Ok(()),
        }
    }

    fn toggle_play(&mut self) -> Result<(), JsValue> {
        if self.clock.as_ref().is_some_and(Clock::running) {
            return self.stop();
        }
        if self
            .scene
            .shown()
            .day()
            .is_some_and(|d| d >= self.scene.last())
        {
            self.go_to(self.scene.first())?;
        }
        if let Some(clock) = &mut self.clock {
            clock.start()?;
        }
        self.days.controls().show_playing(true)
    }

    fn stop(&mut self) -> Result<(), JsValue> {
        if let Some(clock) = &mut self.clock {
            clock.stop();
        }
        self.days.controls().show_playing(false)
    }

    /// Selects `day` (kept within the data's range), at noon, and applies
    /// the change.
    fn go_to(&mut self, day: Day) -> Result<(), JsValue> {
        self.go_to_moment(play::noon(day))
    }

    /// Shows `moment` (seconds since 1970): its day's features, and where
    /// units under way are.
    fn go_to_moment(&mut self, moment: i64) -> Result<(), JsValue> {
        let change = self.scene.go_to_moment(moment);
        let clamped = self.scene.day();
        let applied = self.apply(&change);
        self.regrade(clamped)?;
        self.show_movers()?;
        self.show_day()?;
        applied
    }

    /// Shows the day and the count in the controls, and the chronology up
    /// to the day.
    fn show_day(&mut self) -> Result<(), JsValue> {
        self.days.show(&self.scene, self.selected)
    }

    /// Shows feature `index`: its day, the map on it, and its popup.
    fn choose(&mut self, index: usize) -> Result<(), JsValue> {
        let Some(feature) = self.scene.data().features.get(index) else {
            return Ok(());
        };
        // To where its popup opens.
        let center = anchor(feature);
        if let Some(day) =
            crate::scene::chronology::listed_on(feature, self.scene.selection().replay)
        {
            self.go_to(day)?;
        }
        if let Some(center) = center {
            self.map.pan_to(&lat_lng(center));
        }
        self.select_index(Some(index))?;
        chronology::highlight(self.selected)
    }

    /// The one place that changes the map: removes the features that left
    /// and adds those that entered, nothing else. A feature that cannot be
    /// drawn is reported and skipped; the others still are.
    fn apply(&mut self, change: &Change) -> Result<(), JsValue> {
        // A chosen feature that leaves the map is chosen no more.
        if self.selected.is_some_and(|s| change.left.contains(&s)) {
            self.close_popup()?;
            chronology::highlight(None)?;
        }
        if self.bulk.active() {
            self.bulk.apply(change);
            return Ok(());
        }
        self.layers.apply(change, &self.scene)
    }
}

impl App {
    /// Bands on the date strip the period that feature `index`'s dates
    /// bound, when they only bound one (`date_precision`).
    fn mark_window(&self, index: Option<usize>) -> Result<(), JsValue> {
        histogram::window(index.and_then(|i| self.scene.window_steps(i)))
    }

    /// Draws anew, with the grade it has on `day`, every feature on the
    /// map whose layer was drawn with another (a place whose grade rose
    /// after it was made public, in the "made public by then" mode), or
    /// whose popup was made for another mode.
    fn regrade(&mut self, day: Day) -> Result<(), JsValue> {
        if self.bulk.active() {
            let scene = &self.scene;
            self.bulk.regrade(&scene.data().features, |f| {
                scene.selection().grade_on(f, day)
            });
            return Ok(());
        }
        let stale = self.layers.take_stale(&self.scene);
        if stale.is_empty() {
            return Ok(());
        }
        // A popup open on a feature drawn anew opens again on the new one.
        let reopen = self.selected.filter(|s| stale.contains(s));
        self.apply(&Change {
            entered: stale,
            left: Vec::new(),
        })?;
        if reopen.is_some() {
            self.select_index(reopen)?;
        }
        Ok(())
    }
}

/// Where a feature's popup points: a point itself, a line's middle vertex,
/// else the middle of its bounds.
fn anchor(feature: &crate::model::MapFeature) -> Option<geo::Coord<f64>> {
    match feature.geometry.as_ref()? {
        geo::Geometry::Point(p) => Some(p.0),
        geo::Geometry::LineString(line) => line.0.get(line.0.len() / 2).copied(),
        other => bounds([other]).map(|r| r.center()),
    }
}

/// Five decimals of a degree: about a metre.
fn round(degrees: f64) -> f64 {
    (degrees * 1e5).round() / 1e5
}

/// Opens the map on the data's `view`, else on the movements (the routes),
/// else on everything, clear of the legend and the date controls.
fn fit_to_story(map: &Map, data: &Dataset) {
    let routes = data
        .features
        .iter()
        .filter(|f| f.kind == Kind::Route)
        .filter_map(|f| f.geometry.as_ref());
    let all = data.features.iter().filter_map(|f| f.geometry.as_ref());
    let Some(rect) = data
        .view()
        .or_else(|| bounds(routes))
        .or_else(|| bounds(all))
    else {
        return;
    };
    let corners = Array::of2(&lat_lng(rect.min()).into(), &lat_lng(rect.max()).into());
    let size = |id: &str| {
        dom::by_id::<web_sys::HtmlElement>(id)
            .map_or((0, 0), |e| (e.offset_width(), e.offset_height()))
    };
    let (legend_width, _) = size("legend");
    let (panel_width, _) = size("import-panel");
    let (chronology_width, _) = size("chronology");
    let panel_width = panel_width.max(chronology_width);
    let (_, timeline_height) = size("timeline");
    let (map_width, _) = size("map");
    // The date controls float over the map's foot, or (on a narrow
    // screen) sit under it.
    let stacked = dom::narrow();
    // On a narrow screen the panels sit small, in two rows at the top, and
    // the map gets the width.
    let wide = map_width > 2 * (legend_width + panel_width) + 200;
    let right = if wide { legend_width + 40 } else { 20 };
    let left = if wide { panel_width + 70 } else { 30 };
    let (top, bottom) = if stacked {
        (90, 30)
    } else {
        (30, timeline_height + 40)
    };
    let top_left = Array::of2(&left.into(), &top.into());
    let bottom_right = Array::of2(&right.into(), &bottom.into());
    map.fit_bounds_with_options(
        &LatLngBounds::new_from_list(&corners),
        &object(&[
            ("paddingTopLeft", top_left.into()),
            ("paddingBottomRight", bottom_right.into()),
            ("maxZoom", 7.into()),
            // New data is shown at once, not after a flight across the map.
            ("animate", false.into()),
        ]),
    );
}
