//! The data model: what the map knows about a feature.

pub mod caveat;
mod files;
pub mod history;
pub mod keys;
mod lz;
pub mod problem;
pub mod property;
pub mod quote;
pub mod raw;
pub mod statement;
pub mod verdict;

use std::fmt;

use serde_json::{Map, Value};

use crate::model::history::GradeHistory;
use crate::model::problem::Problem;
pub use crate::model::statement::Confidence;
use crate::model::statement::{Grade, SourceType, Stance};
use crate::time::{Day, Span, TimeBound};
pub use files::LoadedFile;
pub use raw::RawText;

/// What a feature stands for (the `kind` property).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A location: a city, a port, a training ground.
    Place,
    /// A movement from one place to another, drawn as a line with a direction.
    Route,
    /// Something that happened, or was said, at a place on a date.
    Event,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 3] = [Kind::Place, Kind::Route, Kind::Event];

    /// The value as written in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Place => "place",
            Kind::Route => "route",
            Kind::Event => "event",
        }
    }

    /// Reads the `kind` property.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// How exactly a place's point is known (the `precision` property).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    /// The point itself is known, e.g. a geolocated video.
    Exact,
    /// Somewhere in a town or village.
    Town,
    /// Somewhere in a city.
    City,
    /// Somewhere in an area, e.g. a stretch of coast.
    Area,
    /// A rough point, e.g. a building's district.
    Approximate,
}

impl Precision {
    /// Every precision, most exact first.
    pub const ALL: [Precision; 5] = [
        Precision::Exact,
        Precision::Town,
        Precision::City,
        Precision::Area,
        Precision::Approximate,
    ];

    /// The value as written in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Exact => "exact",
            Precision::Town => "town",
            Precision::City => "city",
            Precision::Area => "area",
            Precision::Approximate => "approximate",
        }
    }

    /// Reads the `precision` property.
    pub fn parse(text: &str) -> Option<Precision> {
        Precision::ALL.into_iter().find(|p| p.as_str() == text)
    }

    /// What it means, as the legend and popups say it.
    pub fn meaning(self) -> &'static str {
        match self {
            Precision::Exact => "the exact point",
            Precision::Town => "somewhere in the town",
            Precision::City => "somewhere in the city",
            Precision::Area => "somewhere in the area",
            Precision::Approximate => "an approximate point",
        }
    }
}

/// One entry of a feature's `sources`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// The source's number in a list of sources (`ref`), which descriptions
    /// may cite as `[N]`.
    pub reference: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    /// What else the entry says of the source, when it says anything
    /// (boxed: most sources of large files have none of it).
    pub more: Option<Box<SourceNotes>>,
}

/// The notes a source entry may carry beside its title, publisher, URL
/// and date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceNotes {
    /// The site the URL is on, when it republishes another's report.
    pub via: Option<String>,
    /// Set when the URL is a copy on another site and the original is not
    /// given: says so.
    pub mirror: Option<String>,
    /// Why the source has no date, or what its date stands for.
    pub date_note: Option<String>,
    /// What the source is cited for, when it is not the feature's own
    /// source (the same claim made elsewhere, say).
    pub note: Option<String>,
}

impl Source {
    /// The site the URL is on, when it republishes another's report.
    pub fn via(&self) -> Option<&str> {
        self.more.as_ref()?.via.as_deref()
    }

    /// Why the entry says this is a mirror, when it is one.
    pub fn mirror(&self) -> Option<&str> {
        self.more.as_ref()?.mirror.as_deref()
    }

    /// Why the source has no date, or what its date stands for.
    pub fn date_note(&self) -> Option<&str> {
        self.more.as_ref()?.date_note.as_deref()
    }

    /// What the source is cited for, when it is not the feature's own.
    pub fn note(&self) -> Option<&str> {
        self.more.as_ref()?.note.as_deref()
    }

    /// The URL, only when it is safe to offer as a link: `http` or `https`.
    ///
    /// ```
    /// use troopmap::Source;
    /// let link = |url: &str| Source { url: Some(url.into()), ..Source::default() }.link().is_some();
    /// assert!(link("https://example.org/a"));
    /// assert!(link("HTTP://example.org/a"));
    /// assert!(!link("javascript:alert(1)"));
    /// assert!(!link(" data:text/html,hi"));
    /// ```
    pub fn link(&self) -> Option<&str> {
        let url = self.url.as_deref()?.trim();
        let scheme = url.split_once(':')?.0.to_ascii_lowercase();
        let rest = &url[scheme.len() + 1..];
        ((scheme == "http" || scheme == "https") && rest.starts_with("//") && rest.len() > 2)
            .then_some(url)
    }
}

/// A feature's `id`, as loaded: a string or a number.
#[derive(Debug, Clone, PartialEq)]
pub enum FeatureId {
    Text(String),
    Number(serde_json::Number),
}

impl fmt::Display for FeatureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureId::Text(s) => f.write_str(s),
            FeatureId::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A feature as the map understands it, with the object it was read from.
#[derive(Debug, Clone)]
pub struct MapFeature {
    /// The feature's `id`, if it had one.
    pub id: Option<FeatureId>,
    pub name: Option<String>,
    pub kind: Kind,
    pub span: Span,
    pub confidence: Option<Confidence>,
    /// What the statement does: the `stance` property, else the reading of
    /// `confidence`.
    pub stance: Option<Stance>,
    /// Who the source is: the `source_type` property, else the reading of
    /// `confidence`.
    pub source_type: Option<SourceType>,
    /// How it is drawn and filtered, from `confidence` and `stance`.
    pub grade: Option<Grade>,
    /// Its grade through time, when the data gives one (`grades`).
    pub grades: GradeHistory,
    /// An estimated number of troops.
    pub troops: Option<f64>,
    /// How exactly a place's point is known.
    pub precision: Option<Precision>,
    /// Seconds since 1970 for each vertex of a line, when the data gives
    /// them (`times`, `coordTimes`).
    pub vertex_times: Option<Vec<i64>>,
    /// x = longitude, y = latitude. `None` for a feature without geometry.
    pub geometry: Option<geo::Geometry<f64>>,
    /// The day it was made public (the `reported` property), as written.
    pub reported: Option<String>,
    /// Whether its dates only bound a period (`date_precision` is set).
    pub date_precision: bool,
    /// Where a place's label goes (`label_direction`).
    pub label_direction: Option<String>,
    /// Whether its properties have `concerns` (the places a statement is
    /// about), read from its text when needed (see `scene::follow`).
    pub has_concerns: bool,
    /// Which keys its properties have: a search for a property most
    /// features lack (a sighting's unit) passes by those that surely lack
    /// it without reading their text again.
    pub keys: keys::KeySet,
    /// The id of the place an event happened at (`place`).
    pub place: Option<String>,
    /// The GeoJSON Feature exactly as loaded, as JSON text (the file's own
    /// text where it could be cut out): export writes this back. Kept as
    /// text, it costs about its size; [`MapFeature::object`] parses it.
    pub raw: RawText,
}

impl MapFeature {
    /// The day it was made public, when `reported` gives one.
    pub fn reported_day(&self) -> Option<Day> {
        TimeBound::parse(self.reported.as_deref()?)
            .ok()
            .map(TimeBound::day)
    }

    /// The Feature object as loaded, key order kept.
    pub fn object(&self) -> Map<String, Value> {
        serde_json::from_str(&self.raw.text()).unwrap_or_default()
    }

    /// The properties as loaded (empty when there are none).
    pub fn properties(&self) -> Map<String, Value> {
        match self.object().remove("properties") {
            Some(Value::Object(properties)) => properties,
            _ => Map::new(),
        }
    }

    /// A name to show: the `name`, else the id, else a placeholder.
    pub fn label(&self) -> String {
        match (&self.name, &self.id) {
            (Some(name), _) if !name.trim().is_empty() => name.clone(),
            (_, Some(id)) => id.to_string(),
            _ => "(unnamed feature)".to_owned(),
        }
    }
}

/// Everything loaded from one GeoJSON FeatureCollection.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub features: Vec<MapFeature>,
    /// Every member of the FeatureCollection, in its order, kept for
    /// export; `features` is left empty there (the features are above).
    pub members: Map<String, Value>,
    /// What was odd but loadable, each saying where: the first
    /// [`crate::model::problem::MAX_LISTED`] of a file.
    pub warnings: Vec<Problem>,
    /// How many more warnings there were.
    pub warnings_left_out: usize,
    /// The files the features came from, in order: the first file's
    /// features come first, and so on.
    pub files: Vec<LoadedFile>,
}

impl Dataset {
    /// Adds `other`'s features (and warnings) after this one's; the
    /// collection's own members stay this one's.
    ///
    /// ```
    /// let mut a = troopmap::read_collection("a", r#"{"type": "FeatureCollection", "name": "a", "features": [{"type": "Feature", "id": 1, "geometry": null, "properties": {}}]}"#).unwrap();
    /// let b = troopmap::read_collection("b", r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "id": 2, "geometry": null, "properties": {}}]}"#).unwrap();
    /// a.append(b);
    /// assert_eq!(a.features.len(), 2);
    /// assert_eq!(a.members["name"], "a");
    /// ```
    pub fn append(&mut self, other: Dataset) {
        self.files.extend(other.files);
        self.features.extend(other.features);
        self.warnings.extend(other.warnings);
        self.warnings_left_out += other.warnings_left_out;
    }

    /// Where the map opens: the collection's optional `view` member,
    /// `[west, south, east, north]` in degrees; `None` when it is absent or
    /// not four numbers in range with west < east and south < north.
    ///
    /// ```
    /// let data = troopmap::read_collection("v", r#"{"type": "FeatureCollection",
    ///     "view": [125, 37, 136, 46], "features": []}"#).unwrap();
    /// assert_eq!(data.view().map(|r| (r.min().x, r.max().y)), Some((125.0, 46.0)));
    /// ```
    pub fn view(&self) -> Option<geo::Rect<f64>> {
        let numbers: Vec<f64> = self
            .members
            .get("view")?
            .as_array()?
            .iter()
            .filter_map(Value::as_f64)
            .collect();
        let [west, south, east, north] = numbers[..] else {
            return None;
        };
        let valid = (-180.0..=180.0).contains(&west)
            && (-180.0..=180.0).contains(&east)
            && (-90.0..=90.0).contains(&south)
            && (-90.0..=90.0).contains(&north)
            && west < east
            && south < north;
        valid.then(|| {
            geo::Rect::new(
                geo::coord! { x: west, y: south },
                geo::coord! { x: east, y: north },
            )
        })
    }
}
