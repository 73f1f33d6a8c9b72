//! How a grade looks on the map, shared by the features and the legend.

use crate::model::statement::Grade;
use crate::model::Precision;

/// The stroke of a feature drawn with a given grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stroke {
    /// A CSS colour.
    pub color: &'static str,
    /// An SVG `stroke-dasharray`; `None` draws a solid line.
    pub dash: Option<&'static str>,
    /// What the legend calls the pattern.
    pub pattern: &'static str,
}

/// The stroke for `grade`; `None` (no grade given) is a thin dash in dark
/// grey.
///
/// Solid is confirmed, dashed reported, dotted claimed or inferred (in two
/// colours), grey denied, and a doubt, a warning or a non-answer is a fine
/// olive dot whose points are hollow ([`hollow`]): never a confirmation's
/// solid blue.
///
/// ```
/// use troopmap::{draw::style::stroke, model::statement::Grade};
/// assert_eq!(stroke(Some(Grade::Confirmed)).dash, None);
/// assert!(stroke(Some(Grade::Claimed)).dash.is_some());
/// assert_ne!(stroke(Some(Grade::Unasserted)).color, stroke(Some(Grade::Confirmed)).color);
/// ```
pub fn stroke(grade: Option<Grade>) -> Stroke {
    match grade {
        Some(Grade::Confirmed) => Stroke {
            color: "#1d4e89",
            dash: None,
            pattern: "solid",
        },
        Some(Grade::Reported) => Stroke {
            color: "#2b83ba",
            dash: Some("10 7"),
            pattern: "dashed",
        },
        Some(Grade::Claimed) => Stroke {
            color: "#d95f02",
            dash: Some("1 7"),
            pattern: "dotted",
        },
        Some(Grade::Inferred) => Stroke {
            color: "#7b3294",
            dash: Some("1 7"),
            pattern: "dotted",
        },
        Some(Grade::Denied) => Stroke {
            color: "#8c8c8c",
            dash: Some("6 4 1 4"),
            pattern: "grey, dash-dot",
        },
        Some(Grade::Unasserted) => Stroke {
            color: "#6b7d1f",
            dash: Some("2 4"),
            pattern: "olive, fine dots, hollow",
        },
        None => Stroke {
            color: "#444444",
            dash: Some("3 3"),
            pattern: "fine dash",
        },
    }
}

impl Stroke {
    /// The dash as lengths of on and off, in pixels (empty: solid).
    ///
    /// ```
    /// use troopmap::{model::statement::Grade, draw::style::stroke};
    /// assert_eq!(stroke(Some(Grade::Reported)).dash_lengths(), [10.0, 7.0]);
    /// assert!(stroke(Some(Grade::Confirmed)).dash_lengths().is_empty());
    /// ```
    pub fn dash_lengths(&self) -> Vec<f64> {
        self.dash
            .unwrap_or("")
            .split_whitespace()
            // Read as JSON reads numbers: one number reader in the wasm.
            .filter_map(|d| serde_json::from_str(d).ok())
            .collect()
    }
}

/// Sizes in CSS pixels and opacities of what the map draws, the same for
/// the shapes of small data (SVG) and the canvas of large data.
pub mod size {
    /// An event's dot: radius, outline width, fill opacity.
    /// How many arrows of units that moved between two dates compared are
    /// labelled, the farthest first: more labels than this cover the map
    /// (the list of changes names every unit and distance).
    pub const MOVED_LABELS: usize = 20;
    pub const EVENT_RADIUS: f64 = 5.0;
    pub const EVENT_WEIGHT: f64 = 2.0;
    pub const EVENT_FILL_OPACITY: f64 = 0.85;
    /// A place's white ring: radius and outline width.
    pub const PLACE_RADIUS: f64 = 6.5;
    pub const PLACE_WEIGHT: f64 = 2.5;
    /// The dot in the ring of a place known to the exact point.
    pub const PLACE_DOT_RADIUS: f64 = 2.5;
    /// The opacity of a vague place's halo.
    pub const HALO_OPACITY: f64 = 0.18;
    /// A route's line width.
    pub const ROUTE_WEIGHT: f64 = 3.0;
    /// A route's arrowhead at its destination: its length and width, and
    /// how far its tip stops short of the line's end, clear of the place
    /// marker there.
    pub const ARROW_LENGTH: f64 = 15.0;
    pub const ARROW_WIDTH: f64 = 15.0;
    pub const ARROW_SHORT: f64 = 9.0;
    /// The opacity of a route while a unit moves along it (SVG).
    pub const FAINT_OPACITY: f64 = 0.35;
    /// An area's outline width and fill opacity.
    pub const AREA_WEIGHT: f64 = 2.0;
    pub const AREA_FILL_OPACITY: f64 = 0.15;
    /// A moving unit: the travelled part's width, the dot's radius and its
    /// white outline's width.
    pub const MOVER_WEIGHT: f64 = 4.0;
    pub const MOVER_RADIUS: f64 = 7.0;
    pub const MOVER_OUTLINE: f64 = 2.0;
}

/// The colours of units' sides, in the order the sides first appear in
/// the data: neutral hues, none of them a grade's, none meaning friend or
/// foe. A ninth side takes the first colour again; the legend names each.
pub const SIDE_COLORS: [&str; 8] = [
    "#1b9e77", "#a6761d", "#e7298a", "#66a61e", "#e6ab02", "#17becf", "#8c564b", "#bcbd22",
];

/// A unit's marker: its radius and outline, and its fill's opacity by age:
/// full on the day it was seen, fading to [`UNIT_OLDEST_OPACITY`] on the
/// last day before it goes stale.
pub const UNIT_RADIUS: f64 = 6.0;
pub const UNIT_WEIGHT: f64 = 2.0;
pub const UNIT_OLDEST_OPACITY: f64 = 0.25;

/// The fill opacity of a unit's marker `age_days` after it was seen, when
/// it goes stale after `stale_after` days (`None`: never; it then fades
/// over 30 days and stays faint).
///
/// ```
/// use troopmap::draw::style::unit_opacity;
/// assert_eq!(unit_opacity(0, Some(30)), 1.0);
/// assert_eq!(unit_opacity(30, Some(30)), 0.25);
/// assert!(unit_opacity(15, Some(30)) > 0.25 && unit_opacity(15, Some(30)) < 1.0);
/// assert_eq!(unit_opacity(400, None), 0.25);
/// ```
pub fn unit_opacity(age_days: i64, stale_after: Option<u32>) -> f64 {
    let span = f64::from(stale_after.unwrap_or(30).max(1));
    let old = (age_days.max(0) as f64 / span).min(1.0);
    1.0 - old * (1.0 - UNIT_OLDEST_OPACITY)
}

/// How a place's marker shows the precision of its point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceMark {
    /// A dot in the ring: the exact point.
    pub dot: bool,
    /// A faint halo around the ring, in pixels: the wider, the vaguer.
    pub halo: Option<f64>,
}

/// The mark for a place of `precision` (`None`: not given, drawn as a city).
///
/// ```
/// use troopmap::{draw::style::place_mark, Precision};
/// assert!(place_mark(Some(Precision::Exact)).dot);
/// assert!(place_mark(Some(Precision::Approximate)).halo.is_some());
/// assert_eq!(place_mark(Some(Precision::City)), place_mark(None));
/// ```
pub fn place_mark(precision: Option<Precision>) -> PlaceMark {
    match precision {
        Some(Precision::Exact) => PlaceMark {
            dot: true,
            halo: None,
        },
        Some(Precision::Town | Precision::City) | None => PlaceMark {
            dot: false,
            halo: None,
        },
        Some(Precision::Approximate) => PlaceMark {
            dot: false,
            halo: Some(13.0),
        },
        Some(Precision::Area) => PlaceMark {
            dot: false,
            halo: Some(18.0),
        },
    }
}

/// Whether a point of this grade is drawn hollow: a statement that says
/// nothing is so has no filled dot.
pub fn hollow(grade: Option<Grade>) -> bool {
    grade == Some(Grade::Unasserted)
}

/// The name of the arrowhead marker drawn at the end of a route, one per
/// grade so that it takes the route's colour.
pub fn arrow_id(grade: Option<Grade>) -> &'static str {
    match grade {
        Some(Grade::Confirmed) => "arrow-confirmed",
        Some(Grade::Reported) => "arrow-reported",
        Some(Grade::Claimed) => "arrow-claimed",
        Some(Grade::Inferred) => "arrow-inferred",
        Some(Grade::Denied) => "arrow-denied",
        Some(Grade::Unasserted) => "arrow-unasserted",
        None => "arrow-none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grade_looks_different() {
        let mut looks: Vec<(&str, Option<&str>)> = Grade::ALL
            .iter()
            .map(|&c| stroke(Some(c)))
            .map(|s| (s.color, s.dash))
            .collect();
        looks.push((stroke(None).color, stroke(None).dash));
        let count = looks.len();
        looks.sort();
        looks.dedup();
        assert_eq!(looks.len(), count);
    }
}
