//! The rows of a picture's legend: a sample of each grade's line and each
//! kind's marker drawn, as the map draws them, and what it means.

use crate::draw::style::{size, stroke};
use crate::model::statement::Grade;
use crate::model::Kind;
use crate::picture::{Mark, Paint, Pen};

/// One row of the legend.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// A grade's line, and its name and pattern.
    Grade(Option<Grade>),
    /// A kind's marker.
    Kind(Kind),
    /// A unit on its way.
    Mover,
    /// Units drawn by their MIL-STD-2525 / APP-6 symbol codes.
    Symbols,
    /// A side of the units from sightings (its name and colour).
    Side(String, &'static str),
}

/// The grades in the legend's order: confirmed first, "not given" last.
pub fn grade_order(key: &Key) -> usize {
    match key {
        Key::Grade(Some(g)) => Grade::ALL.iter().position(|a| a == g).unwrap_or(0),
        _ => Grade::ALL.len(),
    }
}

/// What a legend row says.
pub fn label(key: &Key) -> String {
    match key {
        Key::Grade(Some(Grade::Unasserted)) => format!(
            "doubts, warns, neither ({})",
            stroke(Some(Grade::Unasserted)).pattern
        ),
        Key::Grade(Some(g)) => format!("{} ({})", g.as_str(), stroke(Some(*g)).pattern),
        Key::Grade(None) => format!("grade not given ({})", stroke(None).pattern),
        Key::Kind(Kind::Place) => "place".to_owned(),
        Key::Kind(Kind::Event) => "event".to_owned(),
        Key::Kind(Kind::Route) => "route (arrow at its destination)".to_owned(),
        Key::Mover => "unit on its way (schematic)".to_owned(),
        Key::Symbols => "unit by its MIL-STD-2525 / APP-6 code".to_owned(),
        Key::Side(name, _) => format!("unit, last seen: {name}"),
    }
}

/// A legend row's sample, 30 pixels wide from `at`'s left.
pub fn sample(marks: &mut Vec<Mark>, key: &Key, [x, y]: [f64; 2]) {
    let grey = "#1d4e89";
    match key {
        Key::Grade(grade) => {
            let style = stroke(*grade);
            marks.push(Mark::Line {
                points: vec![[x, y], [x + 30.0, y]],
                pen: Pen {
                    paint: Paint::solid(style.color),
                    width: size::ROUTE_WEIGHT,
                    dash: style.dash_lengths(),
                },
            });
        }
        Key::Kind(Kind::Place) => {
            marks.push(Mark::Dot {
                at: [x + 15.0, y],
                radius: size::PLACE_RADIUS,
                fill: Some(Paint::solid("#ffffff")),
                pen: Some(Pen::solid(grey, size::PLACE_WEIGHT)),
            });
        }
        Key::Kind(Kind::Event) => marks.push(Mark::Dot {
            at: [x + 15.0, y],
            radius: size::EVENT_RADIUS,
            fill: Some(Paint::faint(grey, size::EVENT_FILL_OPACITY)),
            pen: Some(Pen::solid(grey, size::EVENT_WEIGHT)),
        }),
        Key::Kind(Kind::Route) => {
            marks.push(Mark::Line {
                points: vec![[x, y], [x + 20.0, y]],
                pen: Pen::solid(grey, size::ROUTE_WEIGHT),
            });
            marks.push(Mark::Area {
                rings: vec![vec![
                    [x + 30.0, y],
                    [x + 19.0, y - 6.0],
                    [x + 19.0, y + 6.0],
                ]],
                fill: Some(Paint::solid(grey)),
                pen: None,
            });
        }
        Key::Mover => marks.push(Mark::Dot {
            at: [x + 15.0, y],
            radius: size::MOVER_RADIUS,
            fill: Some(Paint::solid(grey)),
            pen: Some(Pen::solid("#ffffff", size::MOVER_OUTLINE)),
        }),
        // A frame, as a symbol's is drawn: the codes give the rest.
        Key::Symbols => marks.push(Mark::Box {
            at: [x + 7.0, y - 6.0],
            size: [16.0, 12.0],
            round: 0.0,
            fill: Paint::solid("#e8e8e8"),
            pen: Some(Pen::solid("#444444", 1.0)),
        }),
        Key::Side(_, color) => marks.push(Mark::Dot {
            at: [x + 15.0, y],
            radius: crate::draw::style::UNIT_RADIUS,
            fill: Some(Paint::solid(color)),
            pen: Some(Pen::solid("#ffffff", crate::draw::style::UNIT_WEIGHT)),
        }),
    }
}
