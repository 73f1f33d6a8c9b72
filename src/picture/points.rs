//! The points of a picture: events' dots, places' rings and their labels,
//! and units where they were last seen.

use geo::Coord;

use crate::draw::style::{hollow, place_mark, size, stroke};
use crate::model::statement::Grade;
use crate::model::{Kind, MapFeature};
use crate::picture::frame::Frame;
use crate::picture::{Align, Drawn, Font, Mark, Measure, Paint, Pen};
use crate::scene::Scene;

/// A place label's type.
pub const LABEL_FONT: Font = Font {
    size: 12.0,
    bold: true,
};

/// An event's dot, or a place's ring (with a dot for an exact point, a
/// halo for a vague one).
pub fn point(
    feature: &MapFeature,
    grade: Option<Grade>,
    at: Coord<f64>,
    frame: &Frame,
    points: &mut Vec<Mark>,
) {
    let at = frame.place(at);
    if !frame.holds(at, 20.0) {
        return;
    }
    let style = stroke(grade);
    let color = style.color;
    // Rings and dots take their grade's dash, as lines do.
    let ring = |width: f64| Pen {
        paint: Paint::solid(color),
        width,
        dash: style.dash_lengths(),
    };
    if feature.kind != Kind::Place {
        let fill = if hollow(grade) {
            Paint::solid("#ffffff")
        } else {
            Paint::faint(color, size::EVENT_FILL_OPACITY)
        };
        points.push(Mark::Dot {
            at,
            radius: size::EVENT_RADIUS,
            fill: Some(fill),
            pen: Some(ring(size::EVENT_WEIGHT)),
        });
        return;
    }
    let mark = place_mark(feature.precision);
    if let Some(halo) = mark.halo {
        points.push(Mark::Dot {
            at,
            radius: halo,
            fill: Some(Paint::faint(color, size::HALO_OPACITY)),
            pen: None,
        });
    }
    points.push(Mark::Dot {
        at,
        radius: size::PLACE_RADIUS,
        fill: Some(Paint::solid("#ffffff")),
        pen: Some(ring(size::PLACE_WEIGHT)),
    });
    if mark.dot {
        points.push(Mark::Dot {
            at,
            radius: size::PLACE_DOT_RADIUS,
            fill: Some(Paint::solid(color)),
            pen: None,
        });
    }
}

/// The units where they were last seen: a dot in their side's colour,
/// fading with the sighting's age, and the unit's name.
pub fn units(scene: &Scene, frame: &Frame, marks: &mut Vec<Mark>, drawn: &mut Drawn) {
    let seen = scene.units_seen();
    for position in scene.positions() {
        let at = frame.place(position.at);
        if !frame.holds(at, size::MOVER_RADIUS) {
            continue;
        }
        drawn.sides.insert(position.side);
        drawn.symbols |= position.symbol.and_then(|n| seen.code(n)).is_some();
        marks.push(Mark::Unit {
            at,
            position,
            opacity: scene.unit_opacity(&position),
        });
        if let Some(unit) = seen.get(position.unit) {
            marks.push(Mark::Text {
                at: [at[0] + 9.0, at[1]],
                text: unit.name.clone(),
                font: Font {
                    size: 10.0,
                    bold: false,
                },
                align: Align::Left,
                paint: Paint::solid("#222222"),
            });
        }
    }
}

/// The places' names, beside their rings on a white box, where they do
/// not cover a name of a place listed earlier in the data.
pub fn place_labels(
    labels: &[([f64; 2], &MapFeature)],
    frame: &Frame,
    measure: Measure,
    marks: &mut Vec<Mark>,
) {
    let mut kept: Vec<[f64; 4]> = Vec::new();
    let height = LABEL_FONT.size + 6.0;
    for &(at, feature) in labels {
        let text = feature.label();
        let width = measure(&text, LABEL_FONT) + 10.0;
        let (x, y) = match feature.label_direction.as_deref() {
            Some("left") => (at[0] - 8.0 - width, at[1] - height / 2.0),
            Some("top") => (at[0] - width / 2.0, at[1] - 8.0 - height),
            Some("bottom") => (at[0] - width / 2.0, at[1] + 8.0),
            _ => (at[0] + 8.0, at[1] - height / 2.0),
        };
        let rect = [x, y, x + width, y + height];
        let covers = kept
            .iter()
            .any(|k| k[0] < rect[2] && rect[0] < k[2] && k[1] < rect[3] && rect[1] < k[3]);
        if covers || !frame.holds([x, y], width) {
            continue;
        }
        kept.push(rect);
        marks.push(Mark::Box {
            at: [x, y],
            size: [width, height],
            round: 3.0,
            fill: Paint::faint("#ffffff", 0.9),
            pen: Some(Pen::solid("#bbbbbb", 0.8)),
        });
        marks.push(Mark::Text {
            at: [x + 5.0, y + height / 2.0],
            text,
            font: LABEL_FONT,
            align: Align::Left,
            paint: Paint::solid("#222222"),
        });
    }
}
