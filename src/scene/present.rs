//! What the data on the map holds, as the legend lists it: the grades
//! (with "not given"), who said it, and the kinds of mark. The legend
//! lists these and nothing else, so that it explains what is on the map.

use crate::model::statement::{Grade, SourceType};
use crate::model::{Kind, MapFeature, Precision};

/// A kind of mark the legend explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// A place: a labelled ring.
    Place,
    /// A place known to the exact point: a dot in the ring.
    Exact,
    /// A place known roughly: a faint halo (wider for an area).
    Approximate,
    /// An event: a filled dot.
    Event,
    /// A doubt, a warning or a non-answer: a hollow dot.
    Unasserted,
    /// A route: a line with an arrow at its destination.
    Route,
}

impl Mark {
    /// Every mark, in the order the legend lists them.
    pub const ALL: [Mark; 6] = [
        Mark::Place,
        Mark::Exact,
        Mark::Approximate,
        Mark::Event,
        Mark::Unasserted,
        Mark::Route,
    ];

    /// Its name in the page (`data-mark`).
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Place => "place",
            Mark::Exact => "exact",
            Mark::Approximate => "approximate",
            Mark::Event => "event",
            Mark::Unasserted => "unasserted",
            Mark::Route => "route",
        }
    }

    /// The kind its filter box hides, for the marks that have one.
    pub fn kind(self) -> Option<Kind> {
        match self {
            Mark::Place => Some(Kind::Place),
            Mark::Event => Some(Kind::Event),
            Mark::Route => Some(Kind::Route),
            Mark::Exact | Mark::Approximate | Mark::Unasserted => None,
        }
    }
}

/// What a set of features holds, for the legend.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Present {
    grades: Vec<Grade>,
    ungraded: bool,
    who: Vec<SourceType>,
    marks: Vec<Mark>,
}

impl Present {
    /// What `features` hold: every grade and source type a feature has, on
    /// any day (its `grades` through time too), and every kind of mark.
    ///
    /// ```
    /// use troopmap::{read_collection, model::statement::{Grade, SourceType}, scene::present::{Mark, Present}};
    /// let data = read_collection("s", r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [131.9, 43.1]},
    ///    "properties": {"kind": "event", "confidence": "reported", "source_type": "media", "start": "2024-10-18"}}]}"#).unwrap();
    /// let present = Present::of(&data.features);
    /// assert!(present.grade(Some(Grade::Reported)));
    /// assert!(!present.grade(Some(Grade::Confirmed)));
    /// // Every feature is graded: "not given" is not listed.
    /// assert!(!present.grade(None));
    /// assert!(present.who(SourceType::Media) && !present.who(SourceType::Official));
    /// assert!(present.mark(Mark::Event) && !present.mark(Mark::Place) && !present.mark(Mark::Unasserted));
    /// ```
    pub fn of<'a>(features: impl IntoIterator<Item = &'a MapFeature>) -> Present {
        let mut present = Present::default();
        for feature in features {
            present.add(feature);
        }
        present
    }

    fn add(&mut self, feature: &MapFeature) {
        let steps = feature.grades.0.iter();
        let grades = feature
            .grade
            .into_iter()
            .chain(steps.clone().map(|s| s.grade));
        let who = feature
            .source_type
            .into_iter()
            .chain(steps.filter_map(|s| s.source_type));
        if feature.grade.is_none() && feature.grades.is_empty() {
            self.ungraded = true;
        }
        let mut unasserted = false;
        for grade in grades {
            unasserted |= grade == Grade::Unasserted;
            push(&mut self.grades, grade);
        }
        for who in who {
            push(&mut self.who, who);
        }
        let marks: &[Mark] = match (feature.kind, feature.precision) {
            (Kind::Place, Some(Precision::Exact)) => &[Mark::Place, Mark::Exact],
            (Kind::Place, Some(Precision::Approximate | Precision::Area)) => {
                &[Mark::Place, Mark::Approximate]
            }
            (Kind::Place, _) => &[Mark::Place],
            (Kind::Event, _) if unasserted => &[Mark::Event, Mark::Unasserted],
            (Kind::Event, _) => &[Mark::Event],
            (Kind::Route, _) => &[Mark::Route],
        };
        for &mark in marks {
            push(&mut self.marks, mark);
        }
    }

    /// Whether a feature has `grade` (`None`: a feature has no grade).
    pub fn grade(&self, grade: Option<Grade>) -> bool {
        match grade {
            Some(grade) => self.grades.contains(&grade),
            None => self.ungraded,
        }
    }

    /// Whether a feature's source is of type `who`.
    pub fn who(&self, who: SourceType) -> bool {
        self.who.contains(&who)
    }

    /// Whether a feature is drawn with `mark`.
    pub fn mark(&self, mark: Mark) -> bool {
        self.marks.contains(&mark)
    }
}

fn push<T: PartialEq>(all: &mut Vec<T>, value: T) {
    if !all.contains(&value) {
        all.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_collection;

    fn present(features: &str) -> Present {
        let text = format!(r#"{{"type": "FeatureCollection", "features": [{features}]}}"#);
        let data = read_collection("t", &text).map_err(|e| e.to_string());
        Present::of(&data.map(|d| d.features).unwrap_or_default())
    }

    #[test]
    fn nothing_is_present_in_no_data() {
        let none = Present::default();
        assert!(Grade::ALL.iter().all(|&g| !none.grade(Some(g))));
        assert!(!none.grade(None));
        assert!(Mark::ALL.iter().all(|&m| !none.mark(m)));
    }

    #[test]
    fn a_feature_without_grade_lists_not_given() {
        let p = present(
            r#"{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                "properties": {"kind": "route", "start": "2024-10-08"}}"#,
        );
        assert!(p.grade(None));
        assert!(p.mark(Mark::Route) && !p.mark(Mark::Place));
        assert!(SourceType::ALL.iter().all(|&w| !p.who(w)));
    }

    #[test]
    fn a_grade_held_on_a_later_day_is_present() {
        let p = present(
            r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.2, 51.7]},
                "properties": {"kind": "place", "precision": "area", "confidence": "claimed",
                  "grades": [{"from": "2024-10-18", "confidence": "claimed"},
                             {"from": "2024-10-28", "confidence": "confirmed"}]}}"#,
        );
        assert!(p.grade(Some(Grade::Claimed)) && p.grade(Some(Grade::Confirmed)));
        assert!(p.who(SourceType::Official) && p.who(SourceType::Party));
        assert!(p.mark(Mark::Place) && p.mark(Mark::Approximate) && !p.mark(Mark::Exact));
    }

    #[test]
    fn a_doubt_is_a_hollow_dot() {
        let p = present(
            r#"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [14.2, 40.8]},
                "properties": {"kind": "event", "confidence": "confirmed", "stance": "doubts", "start": "2024-10-19"}}"#,
        );
        assert!(p.grade(Some(Grade::Unasserted)) && !p.grade(Some(Grade::Confirmed)));
        assert!(p.mark(Mark::Event) && p.mark(Mark::Unasserted));
    }
}
