//! What a person (or the page, for them) can do: every input of the map
//! becomes an [`Action`]; the scene carries out its part of it
//! ([`crate::scene::Scene::act`]) and answers with an [`Update`], which
//! the renderers and panels show.

use crate::model::Dataset;
use crate::scene::fragment::LinkState;
use crate::scene::playback::Playback;
use crate::scene::selection::Selection;
use crate::space::sightings::UnitRule;
use crate::time::index::Change;
use crate::time::Day;

/// One thing to do.
#[derive(Debug)]
pub enum Action {
    /// Select the day at this step of the slider (0 is the first day; for
    /// data stepped by the clock, the step's time).
    GoToStep(i32),
    /// Go on to this step of the slider while it is being dragged: as
    /// [`Action::GoToStep`], but the address is left as the drag's first
    /// step wrote it, and follows once the drag ends ([`Action::Moved`]):
    /// one history entry for a drag, not one per day it passes, and no
    /// address written many times a second (a browser takes a millisecond
    /// or more to write one, several with a million features loaded).
    Slide(i32),
    /// Select this day (kept within the data's range).
    GoToDay(Day),
    /// Move this many days (steps of the clock, for data stepped so),
    /// within the data's range.
    Step(i32),
    /// Show this moment (seconds since 1970): its day, and where units
    /// under way are then (kept within the data's days).
    GoToMoment(i64),
    /// Start or stop playing.
    TogglePlay,
    /// Play at this speed, with or without the loop, following the story
    /// or not (as the controls beside Play are set).
    Playback(Playback),
    /// Advance one step while playing; stops at the last day (or step).
    Tick,
    /// Download the features shown as GeoJSON.
    Export,
    /// Download the units' positions shown as GeoJSON.
    ExportPositions,
    /// Compare the day shown with another date (or stop comparing).
    Compare(Option<Day>),
    /// Download what changed between the two dates compared, as GeoJSON.
    ExportChanges,
    /// Download a picture of what the map shows (PNG).
    SaveImage,
    /// Start recording a video of the days playing from the one shown, or
    /// stop a recording without saving it.
    Record,
    /// Draw the recording's next frame, at the moment its clock has
    /// reached (the map shows that moment too).
    RecordFrame,
    /// Apply this replay mode and these filters (as the controls are set).
    Select(Selection),
    /// Show this feature: its day, the map on it, its popup.
    Choose(usize),
    /// Open this feature's popup.
    Open(usize),
    /// A click on the map at its container pixel `(x, y)`, where marks do
    /// not take clicks themselves (the canvas of large data): the popup of
    /// the feature drawn there opens.
    Pick { x: f64, y: f64 },
    /// Draw a frame: the canvas asked for one, or the map moved.
    Draw,
    /// Read units from sightings by this rule (the unit property, the
    /// stale limit, gliding).
    Units(UnitRule),
    /// Choose this unit (by its place in the units): the map pans to it,
    /// its popup opens and its track is drawn.
    ChooseUnit(usize),
    /// List the units shown anew (the list's filter or order changed).
    ListUnits,
    /// Draw every unit's track up to the moment, or none.
    AllTracks(bool),
    /// List the chronology for the day shown (after the slider rested).
    Relist,
    /// A person opened the popup of this feature on the map, or closed
    /// the one open (`None`).
    Popup(Option<usize>),
    /// The map's view moved, or a drag of the slider ended: the address
    /// follows what the map shows.
    Moved,
    /// Show what an address holds (opening a link, going back or forward).
    Restore(LinkState),
    /// Put loaded data on the map, added to what is there or instead of it.
    Load { data: Dataset, replace: bool },
    /// Hide, show again or remove one loaded file (by its place among the
    /// files on the map, or, to show, among those hidden).
    File { index: usize, act: FileAct },
}

impl Action {
    /// Whether the page's extras module makes what this asks for: a
    /// picture, a video, an export of positions or of changes.
    pub fn by_extras(&self) -> bool {
        matches!(
            self,
            Action::SaveImage | Action::Record | Action::ExportPositions | Action::ExportChanges
        )
    }

    /// Whether the address gains a history entry for it (`Some(true)`),
    /// follows it in place (`Some(false)`: playing, a moved view), or is
    /// left to the action itself (`None`).
    pub fn history(&self) -> Option<bool> {
        match self {
            Action::Tick
            | Action::GoToMoment(_)
            | Action::TogglePlay
            | Action::Export
            | Action::ExportPositions
            | Action::ExportChanges
            | Action::RecordFrame
            | Action::Relist
            | Action::ChooseUnit(_)
            | Action::ListUnits
            | Action::AllTracks(_)
            | Action::Playback(_)
            | Action::Moved => Some(false),
            Action::Popup(_)
            | Action::Restore(_)
            | Action::Load { .. }
            | Action::File { .. }
            | Action::Pick { .. }
            | Action::SaveImage
            | Action::Record
            | Action::Slide(_)
            | Action::Draw => None,
            Action::GoToStep(_)
            | Action::GoToDay(_)
            | Action::Step(_)
            | Action::Select(_)
            | Action::Compare(_)
            | Action::Units(_)
            | Action::Choose(_)
            | Action::Open(_) => Some(true),
        }
    }
}

/// What to do with one loaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAct {
    /// Take its features off the map, keeping them to show again.
    Hide,
    /// Put a hidden file's features back on the map.
    Show,
    /// Take its features off the map for good.
    Remove,
}

/// What an action changed in the scene, for the map and panels to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// The features that entered and left the map.
    pub change: Change,
    /// The chosen feature is chosen no more (it left the map, or a link
    /// chose none): its popup closes.
    pub closed: bool,
    /// The popup of this feature opens: it was chosen, and is on the map.
    pub open: Option<usize>,
    /// Playing stops: the last day is reached.
    pub stop: bool,
    /// The mode or filters changed: the chronology is listed anew.
    pub relisted: bool,
}
