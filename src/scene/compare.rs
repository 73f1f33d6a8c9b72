//! What changed between two dates: the features that appeared, went, stayed
//! or came and went in between (by the time rule, the mode and the filters
//! of the scene), the features whose grade changed between the statements
//! made public by each date, and the units that moved, were first seen or
//! went stale.
//!
//! # How things are linked
//! - A feature is the same feature on both dates: its place in the data.
//! - A change of grade is read from the feature's own statements through
//!   time (its `grades` property, see [`crate::model::history`]): the
//!   statement in force on a date is the last made public on or before it.
//! - A unit is the same unit on both dates when its sightings name it alike
//!   (the unit property, `unit` unless told otherwise, see
//!   [`crate::space::sightings`]).
//!
//! # Units
//! Distances are great-circle (haversine, on a sphere of the Earth's mean
//! radius, 6,371.0088 km), in kilometres.

use crate::model::statement::Grade;
use crate::scene::Scene;
use crate::space::sightings::Position;
use crate::time::Day;

/// Metres in a kilometre.
const KM: f64 = 1_000.0;

/// What a feature or unit did between the two dates, as the list groups
/// it and an export of the changes writes it (`change`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// On the map on the later date, not on the earlier.
    Appeared,
    /// On the map on the earlier date, not on the later.
    Gone,
    /// On the map on some day after the earlier date and before the later
    /// one, on neither.
    Between,
    /// A unit seen in another place on the later date.
    Moved,
    /// On the map on both dates.
    Unchanged,
}

impl Kind {
    /// The word an export writes in `change`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Appeared => "appeared",
            Kind::Gone => "gone",
            Kind::Between => "between",
            Kind::Moved => "moved",
            Kind::Unchanged => "unchanged",
        }
    }
}

/// A feature on the map on both dates whose grade differs between the
/// statements in force on each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Regrade {
    pub index: usize,
    pub from: Grade,
    pub to: Grade,
}

/// A unit on the map on one date or both: where it is shown on each.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitChange {
    /// The unit, by its place in [`crate::space::sightings::Units`].
    pub unit: usize,
    pub name: String,
    /// Its positions on the earlier date (several when it was reported in
    /// several places at once; none when not shown).
    pub from: Vec<Position>,
    /// Its positions on the later date.
    pub to: Vec<Position>,
    /// `Moved` (seen elsewhere), `Appeared` (first shown), `Gone` (no
    /// longer shown: gone stale or filtered) or `Unchanged`.
    pub kind: Kind,
    /// For a unit in one place on each date that moved: the great-circle
    /// distance between the two, in kilometres. A unit reported in several
    /// places on either date has none: the data does not say which place
    /// became which.
    pub distance_km: Option<f64>,
}

/// What changed from one date to another, for a scene's mode and filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub from: Day,
    pub to: Day,
    /// Features by index, each list in ascending order.
    pub appeared: Vec<usize>,
    pub gone: Vec<usize>,
    pub between: Vec<usize>,
    pub unchanged: Vec<usize>,
    pub regraded: Vec<Regrade>,
    /// Every unit shown on either date, the farthest moved first, then
    /// by name.
    pub units: Vec<UnitChange>,
}

impl Comparison {
    /// The units that moved, the farthest first (those in several places,
    /// with no distance, last).
    pub fn moved(&self) -> impl Iterator<Item = &UnitChange> {
        self.units.iter().filter(|u| u.kind == Kind::Moved)
    }

    /// What feature `index` did, when it was on the map on either date or
    /// in between.
    pub fn kind_of(&self, index: usize) -> Option<Kind> {
        [
            (&self.appeared, Kind::Appeared),
            (&self.gone, Kind::Gone),
            (&self.between, Kind::Between),
            (&self.unchanged, Kind::Unchanged),
        ]
        .into_iter()
        .find(|(list, _)| list.binary_search(&index).is_ok())
        .map(|(_, kind)| kind)
    }
}

impl Scene {
    /// The date the day shown is compared with, when it is.
    pub fn compared_with(&self) -> Option<Day> {
        self.compare
    }

    /// What changed between the date compared with and the day shown, the
    /// earlier taken as the start (see [`Scene::compare`]).
    ///
    /// ```
    /// use troopmap::{read_collection, scene::{action::Action, Scene}, Day};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-01", "end": "2024-10-05"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-18"}}]}"#).unwrap();
    /// let mut scene = Scene::new(data, Default::default());
    /// let d = |s| Day::parse(s).unwrap();
    /// scene.act(&Action::GoToDay(d("2024-10-18")));
    /// assert!(scene.comparison().is_none());
    /// scene.act(&Action::Compare(Some(d("2024-10-02"))));
    /// let c = scene.comparison().unwrap();
    /// assert_eq!((c.from, c.to, c.appeared, c.gone), (d("2024-10-02"), d("2024-10-18"), vec![1], vec![0]));
    /// assert_eq!(scene.link_state(None).compare, Some(d("2024-10-02")));
    /// ```
    pub fn comparison(&self) -> Option<Comparison> {
        let (from, to) = self.compared_days()?;
        Some(self.compare(from, to))
    }

    /// The earlier and the later of the date compared with and the day
    /// shown, when comparing.
    pub fn compared_days(&self) -> Option<(Day, Day)> {
        let other = self.compare.filter(|_| self.dated)?;
        Some((other.min(self.day()), other.max(self.day())))
    }

    /// What changed from `from` to `to` (in either order: the earlier is
    /// taken as the start) under the scene's mode and filters; each date
    /// is looked at as the map shows it (a day at its noon).
    ///
    /// ```
    /// use troopmap::{read_collection, scene::Scene, Day};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-01"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-08", "end": "2024-10-13"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-18"}},
    ///   {"type": "Feature", "geometry": null, "properties": {"start": "2024-10-01", "end": "2024-10-10"}}]}"#).unwrap();
    /// let scene = Scene::new(data, Default::default());
    /// let d = |s| Day::parse(s).unwrap();
    /// let c = scene.compare(d("2024-10-07"), d("2024-10-20"));
    /// assert_eq!((c.appeared, c.gone, c.between, c.unchanged), (vec![2], vec![3], vec![1], vec![0]));
    /// ```
    pub fn compare(&self, from: Day, to: Day) -> Comparison {
        let (from, to) = if to < from { (to, from) } else { (from, to) };
        // The index the map answers from, for the mode and the filters.
        let index = self.shown.index();
        let (key_from, key_to) = (self.key_of(from), self.key_of(to));
        let change = index.change(key_from, key_to);
        let on_from = index.shown_on(key_from);
        let unchanged: Vec<usize> = on_from
            .iter()
            .copied()
            .filter(|i| change.left.binary_search(i).is_err())
            .collect();
        let regraded = unchanged
            .iter()
            .filter_map(|&index| {
                let grades = &self.data.features.get(index)?.grades;
                let in_force = |day: Day| grades.on(day).filter(|s| s.from <= day);
                let (a, b) = (in_force(from)?.grade, in_force(to)?.grade);
                (a != b).then_some(Regrade {
                    index,
                    from: a,
                    to: b,
                })
            })
            .collect();
        Comparison {
            from,
            to,
            between: index.between(key_from, key_to),
            appeared: change.entered,
            gone: change.left,
            unchanged,
            regraded,
            units: self.unit_changes(from, to),
        }
    }

    /// The key the time index answers for `day`: the day itself, or for
    /// data stepped by the clock, the step of the day's first moment.
    fn key_of(&self, day: Day) -> Day {
        if self.steps.is_daily() {
            day
        } else {
            Day(self
                .steps
                .step_of(self.steps.clamp(self.steps.first_on(day))))
        }
    }

    /// Every unit shown on `from` or `to`, with what it did.
    fn unit_changes(&self, from: Day, to: Day) -> Vec<UnitChange> {
        let at = |day: Day| self.positions_when(self.steps.first_on(day), day);
        let mut units: Vec<UnitChange> = Vec::new();
        // Each unit's place in `units`, by its place in the scene's units.
        let mut slots: Vec<Option<usize>> = vec![None; self.units.len()];
        for (n, positions) in [at(from), at(to)].into_iter().enumerate() {
            for position in positions {
                let Some(slot) = slots.get_mut(position.unit) else {
                    continue;
                };
                let slot = *slot.get_or_insert_with(|| {
                    let name = self
                        .units
                        .get(position.unit)
                        .map(|u| u.name.clone())
                        .unwrap_or_default();
                    units.push(UnitChange {
                        unit: position.unit,
                        name,
                        from: Vec::new(),
                        to: Vec::new(),
                        kind: Kind::Unchanged,
                        distance_km: None,
                    });
                    units.len() - 1
                });
                if n == 0 {
                    units[slot].from.push(position);
                } else {
                    units[slot].to.push(position);
                }
            }
        }
        for unit in &mut units {
            let same_places = unit.from.len() == unit.to.len()
                && unit
                    .from
                    .iter()
                    .all(|a| unit.to.iter().any(|b| a.at == b.at));
            unit.kind = match (unit.from.is_empty(), unit.to.is_empty()) {
                (true, _) => Kind::Appeared,
                (_, true) => Kind::Gone,
                _ if same_places => Kind::Unchanged,
                _ => Kind::Moved,
            };
            if let (Kind::Moved, [a], [b]) = (unit.kind, &unit.from[..], &unit.to[..]) {
                unit.distance_km = Some(distance_km(a, b));
            }
        }
        // Names tell units apart, so the order is whole though the sort
        // is not stable.
        crate::sort::sort_by(&mut units, |a, b| {
            let far = |u: &UnitChange| u.distance_km.unwrap_or(-1.0);
            rank(a.kind)
                .cmp(&rank(b.kind))
                .then(far(b).total_cmp(&far(a)))
                .then_with(|| a.name.cmp(&b.name))
                .then(a.unit.cmp(&b.unit))
                .is_lt()
        });
        units
    }
}

/// The order units are listed in: moved, first seen, gone, then the rest.
fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Moved => 0,
        Kind::Appeared => 1,
        Kind::Gone => 2,
        Kind::Between => 3,
        Kind::Unchanged => 4,
    }
}

/// The great-circle distance between two positions, in kilometres.
fn distance_km(a: &Position, b: &Position) -> f64 {
    crate::space::sphere::distance(a.at, b.at) / KM
}
