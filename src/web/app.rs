//! The application: the one walk from an action to the map. The dispatch
//! hands the app an [`Action`]; the app has the [`Scene`] work out what
//! changes, and hands the change to the renderer that draws the data and
//! to the panels.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use leaflet::Map;
use wasm_bindgen::prelude::*;

use crate::model::Dataset;
use crate::scene::action::{Action, Update};
use crate::scene::present::Present;
use crate::scene::Scene;
use crate::web::dispatch::{Dispatch, Sent};

use crate::web::input::controls::Controls;
use crate::web::input::gestures::Gestures;
use crate::web::input::share::{self, Sharing};
use crate::web::input::timers::Clock;
use crate::web::input::{link, play_options};
use crate::web::page::bindings::{self, lat_lng, object};
use crate::web::page::{dom, download, fit, follow};
use crate::web::panels::days::Days;
use crate::web::panels::{self, changes, chronology, histogram, legend, popup, unit_list};
use crate::web::render::features::POINT_PANE;
use crate::web::render::{labels, Opened, Renderers};

/// Everything the page shows.
pub struct App {
    map: Map,
    /// What the map shows: the data, the mode and filters, the moment.
    scene: Scene,
    /// The renderers, and which one draws the data.
    drawing: Renderers,
    /// The strip, the chronology and the count under the map.
    days: Days,
    /// The play clock.
    clock: Clock,
    /// Whether a person is moving the map (following waits for them).
    gestures: Gestures,
    /// The moment the map was last drawn at.
    drawn_at: Option<i64>,
    /// The module that makes pictures and videos, and which data it has.
    sharing: Sharing,
    /// Counts the changes of the data on the map.
    data_version: u64,
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
        let app = Rc::new(RefCell::new(App::new(map, &dispatch)?));
        *handle.borrow_mut() = Rc::downgrade(&app);
        // The data comes as every later file does: what Leaflet reports
        // while it is put on the map reaches the app as echoes.
        dispatch.send(Action::Load {
            data,
            replace: true,
        });
        Ok((app, dispatch))
    }

    /// The app on `map`, without data.
    fn new(map: Map, dispatch: &Dispatch) -> Result<App, JsValue> {
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
        popup::fill_when_opened(&map);
        // The map lives as long as the page.
        relabel.forget();
        let gestures = Gestures::wire(&map, dispatch);
        Ok(App {
            map,
            scene: Scene::default(),
            drawing,
            days: Days::new(Controls::find()?, dispatch.clone()),
            clock: Clock::new(dispatch.clone(), || Action::Tick),
            gestures,
            drawn_at: None,
            sharing: Sharing::default(),
            data_version: 0,
        })
    }

    /// Carries out `action`, reporting any failure in the page, and keeps
    /// the address in step (a history entry for each step a person takes;
    /// playing moves the entry along instead).
    fn dispatch(app: &Rc<RefCell<App>>, action: Action, sent: Sent) {
        let action = match action {
            // A click where marks take no clicks: the unit drawn there, or
            // else the feature.
            Action::Pick { x, y } => match app.borrow_mut().picked(x, y) {
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
            link::remember(&this.map, &this.scene, push);
        }
    }

    /// Carries out `action`: the scene's part first, then what it changed
    /// is shown; the app's own actions (playing, exporting, drawing,
    /// loading) around it.
    fn act(&mut self, action: Action, sent: Sent) -> Result<(), JsValue> {
        let action = match action {
            Action::Load { data, replace } => return self.load(data, replace),
            Action::File { index, act } => {
                let update = self.scene.file(index, act);
                return self.reload(update, false);
            }
            other => other,
        };
        match &action {
            Action::TogglePlay => return self.toggle_play(),
            Action::Export => return download::export_day(&self.scene),
            // Made by the extras module.
            action if action.by_extras() => {
                let version = self.data_version;
                self.sharing.act(action, &self.map, &self.scene, version);
                return Ok(());
            }
            // An entry of the changes not on the map on the day shown (gone,
            // or in between): its popup opens on its own.
            Action::Open(index)
                if self.scene.compared_with().is_some() && !self.scene.shown().contains(*index) =>
            {
                return popup::open_elsewhere(&self.map, &self.scene, *index);
            }
            Action::Relist => {
                self.days.relisted();
                return self.show_day();
            }
            Action::ListUnits => {
                return unit_list::show(&self.scene, &self.scene.positions());
            }
            Action::ChooseUnit(_) | Action::AllTracks(_) | Action::Draw => {
                return self.drawing.act(&action, &self.scene).unwrap_or(Ok(()));
            }
            // The map's report of a popup the app opened or closed.
            Action::Popup(index) if sent == Sent::Echo => return chronology::highlight(*index),
            Action::Restore(state) => link::set_controls(state)?,
            _ => {}
        }
        let update = self.scene.act(&action);
        // Following the story waits while a person moves the map.
        let follow = self
            .scene
            .follow_target(&action, &update)
            .filter(|_| !self.gestures.under_way());
        if matches!(action, Action::Units(_) | Action::Restore(_)) {
            // The units may be others, or more: drawn anew, maybe otherwise.
            self.drawing.positions().clear(&self.scene);
        }
        let open = self.show(update)?;
        // Comparing anew, or a link that ends it (`show` follows the day).
        let ended = self.scene.compared_with().is_none();
        if matches!(action, Action::Compare(_)) || matches!(action, Action::Restore(_)) && ended {
            self.show_changes()?;
        }
        match &action {
            Action::Choose(index) => {
                // To where its popup opens.
                let feature = self.scene.data().features.get(*index);
                if let Some(center) = feature.and_then(popup::anchor) {
                    self.map.pan_to(&lat_lng(center));
                }
            }
            Action::Restore(state) => {
                self.show_unit_controls()?;
                play_options::show(self.scene.playback(), self.scene.steps())?;
                if let Some((zoom, lat, lon)) = state.view {
                    let at_once = object(&[("animate", false.into())]);
                    self.map
                        .set_view_with_options(&leaflet::LatLng::new(lat, lon), zoom, &at_once);
                }
            }
            Action::Units(_) => self.show_unit_controls()?,
            Action::Tick if self.clock.running() => self.clock.next(self.scene.tick_wait_ms())?,
            Action::Playback(_) if self.clock.running() => {
                self.clock.start(self.scene.tick_wait_ms())?
            }
            Action::Popup(index) => {
                // A person opened or closed a popup.
                self.mark_window(*index)?;
                chronology::highlight(*index)?;
                link::remember(&self.map, &self.scene, index.is_some());
            }
            _ => {}
        }
        if let Some(target) = follow {
            let playing = self.clock.running().then(|| self.scene.tick_wait_ms());
            follow::follow(&self.map, target, playing)?;
        }
        if let Some(index) = open {
            self.open(index)?;
        }
        match action {
            Action::Choose(_) => chronology::highlight(self.scene.selected()),
            // The address already says this; it is only tidied.
            Action::Restore(_) => {
                link::remember(&self.map, &self.scene, false);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Shows what the scene's update changed: the popup of a feature that
    /// left closes, the renderer applies the change, regrades and places
    /// the units, the panels follow the day; playing stops at the end.
    /// Returns the feature whose popup is to open: the one the update
    /// opens, or the chosen one, when its mark was drawn anew.
    fn show(&mut self, update: Update) -> Result<Option<usize>, JsValue> {
        if update.closed {
            self.close_popup()?;
            chronology::highlight(None)?;
        }
        let moved = self.drawn_at != Some(self.scene.moment());
        let mut open = update.open;
        if moved || update.relisted || !update.change.is_empty() {
            self.drawn_at = Some(self.scene.moment());
            let applied = self.drawing.active().apply(&update.change, &self.scene);
            let redrawn = self.drawing.active().regrade(&self.scene)?;
            open = open.or(self.scene.selected().filter(|s| redrawn.contains(s)));
            self.drawing.active().show_units(&self.scene)?;
            let positions = self.scene.positions();
            self.drawing.positions().show(&positions, &self.scene)?;
            if update.relisted {
                self.days.reset();
            }
            self.days.show(&self.scene, &positions)?;
            unit_list::show(&self.scene, &positions)?;
            if self.scene.compared_with().is_some() {
                self.show_changes()?;
            }
            applied?;
        }
        if update.stop {
            self.stop()?;
        }
        Ok(open)
    }

    /// The feature drawn under the map's container point `(x, y)`, unless
    /// a unit drawn on the canvas took the click.
    fn picked(&mut self, x: f64, y: f64) -> Option<usize> {
        match self.drawing.positions().click(x, y, &self.scene) {
            Ok(true) => return None,
            Ok(false) => {}
            Err(error) => dom::show_alert(&dom::describe_js_error(&error)),
        }
        self.drawing.shown().pick(x, y, &self.scene)
    }

    /// Puts `data` on the map, added to what is there or instead of it:
    /// the slider over its dates, the view on it, its first day.
    fn load(&mut self, data: Dataset, replace: bool) -> Result<(), JsValue> {
        self.stop()?;
        // A popup of the old data closes with it.
        self.close_popup()?;
        let update = self.scene.load(data, replace);
        self.reload(update, true)
    }

    /// Shows the scene's data anew (loaded, or a file hidden, shown or
    /// removed): the slider over its dates, its units, the files listed;
    /// the view on it when `fit_view`.
    fn reload(&mut self, update: Update, fit_view: bool) -> Result<(), JsValue> {
        self.stop()?;
        self.close_popup()?;
        let controls = self.days.controls();
        controls.set_steps(self.scene.steps())?;
        controls.slider.set_disabled(!self.scene.dated());
        self.drawing.choose(&self.scene);
        self.show_unit_controls()?;
        play_options::show(self.scene.playback(), self.scene.steps())?;
        crate::web::input::units::unfold(!self.scene.units_seen().is_empty())?;
        legend::show(&Present::of(&self.scene.data().features))?;
        if fit_view {
            fit::to_story(&self.map, self.scene.data());
        }
        panels::files::show(&self.scene)?;
        share::show_link_note(&self.scene)?;
        self.data_version += 1;
        self.drawn_at = None;
        self.show(update)?;
        Ok(())
    }

    /// What changed between the dates compared (see [`changes::show`]).
    fn show_changes(&self) -> Result<(), JsValue> {
        changes::show(
            &self.map,
            &self.scene,
            &self.sharing,
            &self.drawing,
            self.data_version,
        )
    }

    /// Shows the data's units (see [`panels::units::show_controls`]).
    fn show_unit_controls(&self) -> Result<(), JsValue> {
        panels::units::show_controls(&self.scene)
    }
}

/// Playing, and what every change of the scene redraws.
impl App {
    fn toggle_play(&mut self) -> Result<(), JsValue> {
        if self.clock.running() {
            return self.stop();
        }
        if let Some(from) = self.scene.play_start() {
            let update = self.scene.act(&Action::GoToMoment(from));
            if let Some(index) = self.show(update)? {
                self.open(index)?;
            }
        }
        self.clock.start(self.scene.tick_wait_ms())?;
        self.days.controls().show_playing(true)
    }

    fn stop(&mut self) -> Result<(), JsValue> {
        self.clock.stop();
        self.days.controls().show_playing(false)
    }

    /// Shows the day and the count in the controls, and the chronology up
    /// to the day.
    fn show_day(&mut self) -> Result<(), JsValue> {
        let positions = self.scene.positions();
        self.days.show(&self.scene, &positions)
    }
}

/// The popup of the one feature chosen.
impl App {
    /// Opens feature `index`'s popup: on its own mark, or else one of its
    /// own.
    fn open(&mut self, index: usize) -> Result<(), JsValue> {
        match self.drawing.active().open(index, &self.scene)? {
            Opened::Here => {}
            Opened::Elsewhere => {
                let Some(feature) = self.scene.data().features.get(index) else {
                    return Ok(());
                };
                let order = self.scene.data().date_order_of(index);
                popup::open_on(&self.map, index, feature, self.scene.as_of(), order)?;
            }
            Opened::NotShown => return Ok(()),
        }
        self.mark_window(Some(index))
    }

    /// Closes the open popup, if any.
    fn close_popup(&mut self) -> Result<(), JsValue> {
        self.mark_window(None)?;
        popup::close_on(&self.map)
    }

    /// Bands on the date strip the period that feature `index`'s dates
    /// bound, when they only bound one (`date_precision`).
    fn mark_window(&self, index: Option<usize>) -> Result<(), JsValue> {
        histogram::window(index.and_then(|i| self.scene.window_steps(i)))
    }
}
