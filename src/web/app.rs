//! The application: the one walk from an action to the map. The dispatch
//! hands the app an [`Action`]; the app has the [`Scene`] work out what
//! changes, and hands the change to the renderer that draws the data and
//! to the panels.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use leaflet::Map;
use wasm_bindgen::prelude::*;

use crate::geojson::export::{export_collection, file_name};
use crate::model::Dataset;
use crate::scene::action::Action;
use crate::scene::fragment::LinkState;
use crate::scene::play::{self, Tick};
use crate::scene::selection::Selection;
use crate::scene::Scene;
use crate::time::index::Change;
use crate::time::Day;
use crate::web::dispatch::{Dispatch, Sent};
use crate::web::input::controls::Controls;
use crate::web::input::link;
use crate::web::input::timers::Clock;
use crate::web::page::bindings::{self, lat_lng, object};
use crate::web::page::{dom, download, fit};
use crate::web::panels::days::Days;
use crate::web::panels::{chronology, histogram, popup};
use crate::web::render::features::POINT_PANE;
use crate::web::render::{labels, Opened, Renderers};

/// Milliseconds between days while playing: about two days a second.
const PLAY_INTERVAL_MS: i32 = 500;

/// Everything the page shows.
pub struct App {
    map: Map,
    /// What the map shows: the data, the mode and filters, the moment.
    scene: Scene,
    /// The renderers, and which one draws the data.
    drawing: Renderers,
    /// The feature whose popup is open.
    selected: Option<usize>,
    /// The strip, the chronology and the count under the map.
    days: Days,
    /// The play clock.
    clock: Clock,
}

impl App {
    /// The app for `map`, showing `data`, as the page holds it, and the
    /// one way inputs send it actions (they hold this, not the app).
    pub fn start(map: Map, data: Dataset) -> Result<(Rc<RefCell<App>>, Dispatch), JsValue> {
        // Inputs and timers reach the app through the dispatch; the app
        // does not keep itself alive through them.
        let handle: Rc<RefCell<Weak<RefCell<App>>>> = Rc::default();
        let dispatch = {
            let handle = handle.clone();
            Dispatch::new(move |action, sent| {
                let app = handle.borrow().upgrade();
                if let Some(app) = app {
                    App::dispatch(&app, action, sent);
                }
            })
        };
        let app = Rc::new(RefCell::new(App::new(map, data, &dispatch)?));
        *handle.borrow_mut() = Rc::downgrade(&app);
        Ok((app, dispatch))
    }

    fn new(map: Map, data: Dataset, dispatch: &Dispatch) -> Result<App, JsValue> {
        bindings::create_pane(&map, POINT_PANE)
            .style()
            .set_property("z-index", "450")?;
        let drawing = Renderers::new(&map, dispatch)?;
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
            drawing,
            selected: None,
            days: Days::new(Controls::find()?, dispatch.clone()),
            clock: Clock::new(dispatch.clone(), Action::Tick, PLAY_INTERVAL_MS),
        };
        app.set_data(data)?;
        Ok(app)
    }

    /// Carries out `action`, reporting any failure in the page, and keeps
    /// the address in step (a history entry for each step a person takes;
    /// playing moves the entry along instead).
    fn dispatch(app: &Rc<RefCell<App>>, action: Action, sent: Sent) {
        let action = match action {
            // A click where marks take no clicks: the feature drawn there.
            Action::Pick { x, y } => match app.borrow().picked(x, y) {
                Some(index) => Action::Open(index),
                None => return,
            },
            other => other,
        };
        // An echo repeats what the action before did: it writes no history.
        let history = match sent {
            Sent::Input => action.history(),
            Sent::Echo => None,
        };
        let mut this = app.borrow_mut();
        if let Err(error) = this.act(action, sent) {
            dom::show_alert(&dom::describe_js_error(&error));
        }
        if let Some(push) = history {
            this.remember(push);
        }
    }

    fn act(&mut self, action: Action, sent: Sent) -> Result<(), JsValue> {
        let current = self.scene.day();
        match action {
            Action::GoToStep(step) => self.go_to(Day(self.scene.first().0.saturating_add(step))),
            Action::GoToDay(day) => self.go_to(day),
            Action::Step(days) => self.go_to(Day(current.0.saturating_add(days))),
            Action::TogglePlay => self.toggle_play(),
            Action::Tick => self.tick(),
            Action::Export => {
                let text = export_collection(self.scene.data(), self.scene.shown().iter());
                download::save(&file_name(current), "application/geo+json", &text)
            }
            Action::Select(selection) => self.select(selection),
            Action::Choose(index) => self.choose(index),
            Action::Open(index) => self.open_popup(index),
            Action::Relist => {
                self.days.relisted();
                self.show_day()
            }
            Action::Popup(index) => self.popup(index, sent),
            Action::Moved => Ok(()),
            Action::Restore(state) => self.restore(&state),
            Action::Load { data, replace } => self.load(data, replace),
            Action::Draw => self.drawing.active().draw(&self.scene),
            // Made into `Open` by `dispatch`.
            Action::Pick { .. } => Ok(()),
        }
    }

    /// The feature drawn under the map's container point `(x, y)`.
    fn picked(&self, x: f64, y: f64) -> Option<usize> {
        self.drawing.shown().pick(x, y, &self.scene)
    }

    /// Shows `data` instead of what is on the map: a new time index, the
    /// slider over the new data's dates, the view on it, its first day.
    fn set_data(&mut self, data: Dataset) -> Result<(), JsValue> {
        self.stop()?;
        let selection = self.scene.selection().clone();
        self.scene = Scene::new(data, selection);
        let (first, last) = (self.scene.first(), self.scene.last());
        let controls = self.days.controls();
        controls.set_range(first, last);
        controls.slider.set_disabled(!self.scene.dated());
        self.drawing.choose(&self.scene);
        self.selected = None;
        self.days.reset();
        fit::to_story(&self.map, self.scene.data());
        self.go_to(first)
    }

    /// Puts `data` on the map, added to what is there or instead of it.
    fn load(&mut self, data: Dataset, replace: bool) -> Result<(), JsValue> {
        let data = if replace {
            data
        } else {
            // Taken, not copied: set_data puts the whole back at once.
            let mut all = self.scene.take_data();
            all.append(data);
            all
        };
        self.set_data(data)
    }

    /// Shows what an address holds: the mode and filters, then the day,
    /// the view and the selected feature; the address itself is not
    /// rewritten on the way.
    fn restore(&mut self, state: &LinkState) -> Result<(), JsValue> {
        link::set_controls(state)?;
        self.select(state.selection())?;
        if let Some(day) = state.day {
            self.go_to(day)?;
        }
        if let Some((zoom, lat, lon)) = state.view {
            let at_once = object(&[("animate", false.into())]);
            self.map
                .set_view_with_options(&leaflet::LatLng::new(lat, lon), zoom, &at_once);
        }
        self.open_by_id(state.feature.as_deref())?;
        // The address already says this; it is only tidied.
        self.remember(false);
        Ok(())
    }

    /// Writes what the map shows into the address: a new history entry
    /// when `push`, else in place of the current one.
    fn remember(&self, push: bool) {
        let state = link::state(&self.map, &self.scene, self.selected);
        if let Err(error) = link::write(&state, push) {
            dom::show_alert(&dom::describe_js_error(&error));
        }
    }

    /// Applies a mode and filters: the features they admit on the day.
    fn select(&mut self, selection: Selection) -> Result<(), JsValue> {
        let change = self.scene.select(selection);
        self.apply(&change)?;
        self.regrade()?;
        self.drawing.active().show_units(&self.scene)?;
        self.days.reset();
        self.show_day()
    }
}

/// Time: stepping, going to a day or a moment, playing.
impl App {
    fn toggle_play(&mut self) -> Result<(), JsValue> {
        if self.clock.running() {
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
        self.clock.start()?;
        self.days.controls().show_playing(true)
    }

    fn tick(&mut self) -> Result<(), JsValue> {
        match self.scene.tick() {
            Tick::Stop => self.stop(),
            Tick::Go { to, then_stop } => {
                self.go_to_moment(to)?;
                if then_stop {
                    self.stop()?;
                }
                Ok(())
            }
        }
    }

    fn stop(&mut self) -> Result<(), JsValue> {
        self.clock.stop();
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
        let applied = self.apply(&change);
        self.regrade()?;
        self.drawing.active().show_units(&self.scene)?;
        self.show_day()?;
        applied
    }

    /// Shows the day and the count in the controls, and the chronology up
    /// to the day.
    fn show_day(&mut self) -> Result<(), JsValue> {
        self.days.show(&self.scene, self.selected)
    }

    /// The one place that changes the map: removes the features that left
    /// and adds those that entered, nothing else. A chosen feature that
    /// leaves the map is chosen no more.
    fn apply(&mut self, change: &Change) -> Result<(), JsValue> {
        if self.selected.is_some_and(|s| change.left.contains(&s)) {
            self.close_popup()?;
            chronology::highlight(None)?;
        }
        self.drawing.active().apply(change, &self.scene)
    }

    /// Draws anew every feature whose look changed with the day (a place
    /// whose grade rose after it was made public, in the "made public by
    /// then" mode); a popup open on one opens again.
    fn regrade(&mut self) -> Result<(), JsValue> {
        let redrawn = self.drawing.active().regrade(&self.scene)?;
        match self.selected.filter(|s| redrawn.contains(s)) {
            Some(selected) => self.open(selected),
            None => Ok(()),
        }
    }
}

/// The popup: the one feature chosen.
impl App {
    /// Notes the feature whose popup opened, or that the popup closed
    /// (`None`). A person's doing is the selection, and a history entry;
    /// an echo of the app's own action (see [`Sent::Echo`]) only marks the
    /// chronology, since the action keeps `selected` itself.
    fn popup(&mut self, index: Option<usize>, sent: Sent) -> Result<(), JsValue> {
        if sent == Sent::Input {
            self.selected = index;
            self.mark_window(index)?;
        }
        chronology::highlight(index)?;
        if sent == Sent::Input {
            self.remember(index.is_some());
        }
        Ok(())
    }

    /// Shows feature `index`: its day, the map on it, and its popup.
    fn choose(&mut self, index: usize) -> Result<(), JsValue> {
        let Some(feature) = self.scene.data().features.get(index) else {
            return Ok(());
        };
        // To where its popup opens.
        let center = popup::anchor(feature);
        let replay = self.scene.selection().replay;
        if let Some(day) = crate::scene::chronology::listed_on(feature, replay) {
            self.go_to(day)?;
        }
        if let Some(center) = center {
            self.map.pan_to(&lat_lng(center));
        }
        self.open(index)?;
        chronology::highlight(self.selected)
    }

    /// Opens the popup of the feature with this id, when it is on the map;
    /// with none (an address without a feature), closes the one open.
    fn open_by_id(&mut self, id: Option<&str>) -> Result<(), JsValue> {
        let Some(id) = id else {
            return self.close_popup();
        };
        match self.scene.find(id) {
            Some(index) => self.open(index),
            None => Ok(()),
        }
    }

    /// Opens feature `index`'s popup, when it is on the map: on its own
    /// mark, or else one of its own.
    fn open(&mut self, index: usize) -> Result<(), JsValue> {
        match self.drawing.active().open(index, &self.scene)? {
            Opened::Here => {
                self.selected = Some(index);
                self.mark_window(Some(index))
            }
            Opened::Elsewhere => self.open_popup(index),
            Opened::NotShown => Ok(()),
        }
    }

    /// Opens a popup of its own for feature `index`.
    fn open_popup(&mut self, index: usize) -> Result<(), JsValue> {
        let Some(feature) = self.scene.data().features.get(index) else {
            return Ok(());
        };
        popup::open_on(&self.map, index, feature, self.scene.as_of())?;
        self.selected = Some(index);
        self.mark_window(Some(index))
    }

    /// Closes the open popup, if any: nothing is chosen.
    fn close_popup(&mut self) -> Result<(), JsValue> {
        self.selected = None;
        self.mark_window(None)?;
        popup::close_on(&self.map)
    }

    /// Bands on the date strip the period that feature `index`'s dates
    /// bound, when they only bound one (`date_precision`).
    fn mark_window(&self, index: Option<usize>) -> Result<(), JsValue> {
        histogram::window(index.and_then(|i| self.scene.window_steps(i)))
    }
}
