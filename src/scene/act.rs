//! How the scene carries out an action: [`Scene::act`] answers each
//! [`Action`] with an [`Update`], what the map and panels show of it; and
//! [`Scene::load`] puts loaded data on the map.

use crate::model::Dataset;
use crate::scene::action::{Action, Update};
use crate::scene::chronology::listed_on;
use crate::scene::fragment::LinkState;
use crate::scene::play::Tick;
use crate::scene::playback::{Playback, DEFAULT_SPEED};
use crate::scene::shown::Shown;
use crate::scene::Scene;
use crate::space::journeys::Journeys;
use crate::space::sightings::{UnitRule, Units};
use crate::time::index::Change;
use crate::time::Day;

impl Scene {
    /// Puts loaded `data` on the map, added to what is there or instead of
    /// it (`replace`), with the same mode and filters, on its first day.
    /// The features are new: the update's change enters the first day's;
    /// nothing is chosen.
    ///
    /// ```
    /// use troopmap::{read_collection, scene::Scene, Day};
    /// let file = |start: &str| read_collection("s", &format!(r#"{{"type": "FeatureCollection", "features": [
    ///   {{"type": "Feature", "geometry": null, "properties": {{"start": "{start}"}}}}]}}"#)).unwrap();
    /// let mut scene = Scene::new(file("2024-10-08"), Default::default());
    /// let update = scene.load(file("2024-10-01"), false);
    /// assert_eq!((scene.data().features.len(), scene.day()), (2, Day::parse("2024-10-01").unwrap()));
    /// assert_eq!(update.change.entered, [1]);
    /// scene.load(file("2024-11-01"), true);
    /// assert_eq!(scene.data().features.len(), 1);
    /// ```
    pub fn load(&mut self, data: Dataset, replace: bool) -> Update {
        // Before the data is taken: whether it was followed by default.
        let (playback, followed) = (self.playback, self.follows_by_default());
        let compare = self.compare;
        let (data, hidden) = if replace {
            (data, Vec::new())
        } else {
            // Taken, not copied.
            let mut all = std::mem::take(&mut self.data);
            all.append(data);
            (all, std::mem::take(&mut self.hidden))
        };
        let (selection, rule) = (
            std::mem::take(&mut self.selection),
            std::mem::take(&mut self.unit_rule),
        );
        // What the old data holds goes before the new is indexed, so that
        // the two are not held at once.
        self.data = Dataset::default();
        self.hidden = Vec::new();
        self.shown = Shown::default();
        self.units = Units::default();
        self.journeys = Journeys::default();
        *self = Scene::with_units(data, selection, rule);
        self.keep_playback(playback, followed);
        self.hidden = hidden;
        self.compare = compare;
        let change = self.go_to(self.first);
        Update {
            change,
            relisted: true,
            ..Update::default()
        }
    }

    /// Carries out the scene's part of `action` and says what changed.
    /// Actions that do not change the scene (drawing, exporting, loading:
    /// the app's own) change nothing here.
    pub fn act(&mut self, action: &Action) -> Update {
        match action {
            // A day's step shows its noon; a step of the clock, its time.
            Action::GoToStep(step) | Action::Slide(step) => {
                self.moved_to_moment(self.steps.moment(*step))
            }
            Action::GoToDay(day) => self.moved_to(*day),
            Action::Step(steps) => {
                self.moved_to_moment(self.steps.moment(self.step().saturating_add(*steps)))
            }
            Action::GoToMoment(moment) => self.moved_to_moment(*moment),
            Action::Tick => match self.tick() {
                Tick::Stop => Update {
                    stop: true,
                    ..Update::default()
                },
                Tick::Go { to, then_stop } => {
                    let change = self.go_to_moment(to);
                    Update {
                        stop: then_stop,
                        ..self.moved(change)
                    }
                }
            },
            Action::Select(selection) => {
                let change = self.select(selection.clone());
                Update {
                    relisted: true,
                    ..self.moved(change)
                }
            }
            Action::Compare(day) => {
                self.compare = *day;
                Update::default()
            }
            Action::Choose(index) => self.choose(*index),
            Action::Open(index) => self.open(Some(*index)),
            Action::Popup(index) => {
                // A person opened a mark's popup, or closed it: it is
                // open already, or closed.
                self.selected = index.filter(|&i| self.shown.contains(i));
                Update::default()
            }
            Action::Restore(state) => self.restore(state),
            Action::Playback(playback) => {
                self.set_playback(*playback);
                Update::default()
            }
            Action::Units(rule) => {
                self.set_unit_rule(rule.clone());
                Update {
                    relisted: true,
                    ..Update::default()
                }
            }
            // Owns its data: see [`Scene::load`].
            Action::File { index, act } => self.file(*index, *act),
            Action::Load { .. }
            | Action::TogglePlay
            | Action::Export
            | Action::ExportPositions
            | Action::ExportChanges
            | Action::Relist
            | Action::ChooseUnit(_)
            | Action::ListUnits
            | Action::AllTracks(_)
            | Action::Moved
            | Action::Pick { .. }
            | Action::SaveImage
            | Action::Record
            | Action::RecordFrame
            | Action::Draw => Update::default(),
        }
    }

    /// What the address holds for the scene, seen at `view` (zoom,
    /// latitude, longitude).
    pub fn link_state(&self, view: Option<(f64, f64, f64)>) -> LinkState {
        let selection = &self.selection;
        let day = self.shown.day().map(|_| self.day()).filter(|_| self.dated);
        LinkState {
            day,
            // The step's time, where the data is stepped by the clock.
            moment: day.filter(|_| !self.steps.is_daily()).map(|_| self.moment),
            view,
            feature: self
                .selected
                .and_then(|i| self.data.features.get(i))
                .and_then(|f| f.id.as_ref())
                .map(ToString::to_string),
            confidence: selection.confidence.clone(),
            who: selection.who.clone(),
            kinds: selection.kinds.clone(),
            replay: selection.replay,
            units: Some(self.unit_rule.clone()).filter(|rule| *rule != UnitRule::default()),
            speed: Some(self.playback.speed).filter(|&speed| speed != DEFAULT_SPEED),
            looping: self.playback.looping,
            follow: Some(self.playback.follow).filter(|&f| f != self.follows_by_default()),
            compare: self.compare.filter(|_| self.dated),
        }
    }

    /// Shows `day` (see [`Scene::go_to`]), and says what changed.
    fn moved_to(&mut self, day: Day) -> Update {
        let change = self.go_to(day);
        self.moved(change)
    }

    /// Shows `moment` (see [`Scene::go_to_moment`]), and says what changed.
    fn moved_to_moment(&mut self, moment: i64) -> Update {
        let change = self.go_to_moment(moment);
        self.moved(change)
    }

    /// The update for `change`: the chosen feature, if it left, is chosen
    /// no more.
    fn moved(&mut self, change: Change) -> Update {
        let closed = self.selected.is_some_and(|s| change.left.contains(&s));
        if closed {
            self.selected = None;
        }
        Update {
            change,
            closed,
            ..Update::default()
        }
    }

    /// Chooses feature `index` (`None`: none), when it is on the map.
    fn open(&mut self, index: Option<usize>) -> Update {
        let open = index.filter(|&i| self.shown.contains(i));
        let closed = self.selected.is_some() && open.is_none();
        self.selected = open;
        Update {
            open,
            closed,
            ..Update::default()
        }
    }

    /// Shows feature `index`: the day it is listed on, and its popup.
    fn choose(&mut self, index: usize) -> Update {
        let Some(feature) = self.data.features.get(index) else {
            return Update::default();
        };
        let day = listed_on(feature, self.selection.replay);
        let moved = match day {
            Some(day) => self.moved_to(day),
            None => Update::default(),
        };
        let opened = self.open(Some(index));
        Update {
            open: opened.open,
            closed: moved.closed || opened.closed,
            ..moved
        }
    }

    /// Shows what a link holds: its mode and filters, its day, and its
    /// feature's popup (when the feature is on the map that day).
    fn restore(&mut self, state: &LinkState) -> Update {
        self.compare = state.compare;
        self.set_unit_rule(state.units.clone().unwrap_or_default());
        self.set_playback(Playback {
            speed: state.speed.unwrap_or(DEFAULT_SPEED),
            looping: state.looping,
            follow: state.follow.unwrap_or(self.follows_by_default()),
        });
        let change = self.select(state.selection());
        let filtered = self.moved(change);
        // A time of day is kept where the data is stepped by the clock;
        // elsewhere the link's day is shown, as is a plain date there.
        let stepped = match (state.moment, state.day) {
            (Some(moment), _) if !self.steps.is_daily() => {
                self.moved_to_moment(self.steps.moment(self.steps.step_of(moment)))
            }
            (_, Some(day)) => self.moved_to(day),
            (_, None) => Update::default(),
        };
        let feature = state.feature.as_deref().and_then(|id| self.find(id));
        let opened = self.open(feature);
        Update {
            change: filtered.change.then(stepped.change),
            closed: filtered.closed || stepped.closed || opened.closed,
            open: opened.open,
            stop: false,
            relisted: true,
        }
    }
}
