//! How confidence looks on the map, shared by the features and the legend.

use crate::model::{Confidence, Precision};

/// The stroke of a feature drawn with a given confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stroke {
    /// A CSS colour.
    pub color: &'static str,
    /// An SVG `stroke-dasharray`; `None` draws a solid line.
    pub dash: Option<&'static str>,
    /// What the legend calls the pattern.
    pub pattern: &'static str,
}

/// The stroke for `confidence`; `None` (no confidence given) is a thin
/// dash in dark grey.
///
/// Solid is confirmed, dashed reported, dotted claimed or inferred (in two
/// colours), and grey denied.
///
/// ```
/// use troopmap::{style::stroke, Confidence};
/// assert_eq!(stroke(Some(Confidence::Confirmed)).dash, None);
/// assert!(stroke(Some(Confidence::Claimed)).dash.is_some());
/// ```
pub fn stroke(confidence: Option<Confidence>) -> Stroke {
    match confidence {
        Some(Confidence::Confirmed) => Stroke {
            color: "#1d4e89",
            dash: None,
            pattern: "solid",
        },
        Some(Confidence::Reported) => Stroke {
            color: "#2b83ba",
            dash: Some("10 7"),
            pattern: "dashed",
        },
        Some(Confidence::Claimed) => Stroke {
            color: "#d95f02",
            dash: Some("1 7"),
            pattern: "dotted",
        },
        Some(Confidence::Inferred) => Stroke {
            color: "#7b3294",
            dash: Some("1 7"),
            pattern: "dotted",
        },
        Some(Confidence::Denied) => Stroke {
            color: "#8c8c8c",
            dash: Some("6 4 1 4"),
            pattern: "grey, dash-dot",
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
    /// use troopmap::{style::stroke, Confidence};
    /// assert_eq!(stroke(Some(Confidence::Reported)).dash_lengths(), [10.0, 7.0]);
    /// assert!(stroke(Some(Confidence::Confirmed)).dash_lengths().is_empty());
    /// ```
    pub fn dash_lengths(&self) -> Vec<f64> {
        self.dash
            .unwrap_or("")
            .split_whitespace()
            .filter_map(|d| d.parse().ok())
            .collect()
    }
}

/// Sizes in CSS pixels and opacities of what the map draws, the same for
/// the shapes of small data (SVG) and the canvas of large data.
pub mod size {
    /// An event's dot: radius, outline width, fill opacity.
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
    /// An area's outline width and fill opacity.
    pub const AREA_WEIGHT: f64 = 2.0;
    pub const AREA_FILL_OPACITY: f64 = 0.15;
    /// A moving unit: the travelled part's width, the dot's radius and its
    /// white outline's width.
    pub const MOVER_WEIGHT: f64 = 4.0;
    pub const MOVER_RADIUS: f64 = 7.0;
    pub const MOVER_OUTLINE: f64 = 2.0;
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
/// use troopmap::{style::place_mark, Precision};
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

/// The name of the arrowhead marker drawn at the end of a route, one per
/// confidence so that it takes the route's colour.
pub fn arrow_id(confidence: Option<Confidence>) -> &'static str {
    match confidence {
        Some(Confidence::Confirmed) => "arrow-confirmed",
        Some(Confidence::Reported) => "arrow-reported",
        Some(Confidence::Claimed) => "arrow-claimed",
        Some(Confidence::Inferred) => "arrow-inferred",
        Some(Confidence::Denied) => "arrow-denied",
        None => "arrow-none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_confidence_looks_different() {
        let mut looks: Vec<(&str, Option<&str>)> = Confidence::ALL
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
