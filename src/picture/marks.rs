//! The map's own marks in a picture: each feature the scene shows, in its
//! grade's line and its kind's marker (the same table the map draws with,
//! [`crate::draw::style`]); each unit on its way, with the part of the
//! route travelled; each unit where it was last seen; and the places'
//! labels, a later one left out where it would cover an earlier one.

use std::collections::BTreeSet;

use geo::{Geometry, LineString};

use crate::draw::style::{size, stroke};
use crate::model::statement::Grade;
use crate::model::{Kind, MapFeature};
use crate::picture::frame::Frame;
use crate::picture::points::{place_labels, point, units};
use crate::picture::{Drawn, Mark, Measure, Paint, Pen};
use crate::scene::Scene;

/// Adds what `scene` shows within `frame` to `marks`: lines and areas
/// first, then points, units and labels over them.
pub fn draw(scene: &Scene, frame: &Frame, measure: Measure, marks: &mut Vec<Mark>) -> Drawn {
    let mut drawn = Drawn::default();
    let movers: Vec<_> = scene.units().collect();
    let moving: BTreeSet<usize> = movers.iter().map(|u| u.index).collect();
    let features = &scene.data().features;
    let mut points = Vec::new();
    let mut labels = Vec::new();
    for index in scene.shown().iter() {
        let Some(feature) = features.get(index) else {
            continue;
        };
        let Some(geometry) = &feature.geometry else {
            continue;
        };
        let grade = scene.grade_of(index);
        let look = Look {
            grade,
            faint: moving.contains(&index),
        };
        let before = marks.len() + points.len();
        shapes(feature, look, geometry, frame, marks, &mut points);
        if marks.len() + points.len() == before {
            continue;
        }
        drawn.features.push(index);
        if !drawn.grades.contains(&grade) {
            drawn.grades.push(grade);
        }
        if !drawn.kinds.contains(&feature.kind) {
            drawn.kinds.push(feature.kind);
        }
        if feature.kind == Kind::Place {
            if let Geometry::Point(p) = geometry {
                labels.push((frame.place(p.0), feature));
            }
        }
    }
    for unit in &movers {
        let Some(feature) = features.get(unit.index) else {
            continue;
        };
        let at = frame.place(unit.at);
        if !frame.holds(at, size::MOVER_RADIUS) {
            continue;
        }
        drawn.movers = true;
        let color = stroke(feature.grade).color;
        marks.push(Mark::Line {
            points: project(&unit.travelled, frame),
            pen: Pen::solid(color, size::MOVER_WEIGHT),
        });
        points.push(Mark::Dot {
            at,
            radius: size::MOVER_RADIUS,
            fill: Some(Paint::solid(color)),
            pen: Some(Pen::solid("#ffffff", size::MOVER_OUTLINE)),
        });
    }
    marks.append(&mut points);
    units(scene, frame, marks, &mut drawn);
    place_labels(&labels, frame, measure, marks);
    drawn
}

/// How a feature is drawn today.
#[derive(Clone, Copy)]
struct Look {
    grade: Option<Grade>,
    /// A unit moves along it: drawn faint.
    faint: bool,
}

fn project(line: &LineString<f64>, frame: &Frame) -> Vec<[f64; 2]> {
    line.0.iter().map(|&c| frame.place(c)).collect()
}

/// Whether any of `points` is in the frame, or the box around them
/// crosses it.
fn seen(points: &[[f64; 2]], frame: &Frame, margin: f64) -> bool {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &[x, y] in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    x1 >= -margin && y1 >= -margin && x0 <= frame.width + margin && y0 <= frame.height + margin
}

/// The marks of one geometry: lines and areas into `marks`, points into
/// `points` (drawn over every line).
fn shapes(
    feature: &MapFeature,
    look: Look,
    geometry: &Geometry<f64>,
    frame: &Frame,
    marks: &mut Vec<Mark>,
    points: &mut Vec<Mark>,
) {
    let style = stroke(look.grade);
    let line_pen = |width: f64| Pen {
        paint: Paint::faint(
            style.color,
            if look.faint { size::FAINT_OPACITY } else { 1.0 },
        ),
        width,
        dash: style.dash_lengths(),
    };
    let line = |line: &LineString<f64>, marks: &mut Vec<Mark>| {
        let projected = project(line, frame);
        if projected.len() < 2 || !seen(&projected, frame, size::ARROW_LENGTH) {
            return;
        }
        let arrow = (feature.kind == Kind::Route).then(|| arrowhead(&projected));
        marks.push(Mark::Line {
            points: projected,
            pen: line_pen(size::ROUTE_WEIGHT),
        });
        if let Some(Some(head)) = arrow {
            marks.push(Mark::Area {
                rings: vec![head],
                fill: Some(line_pen(0.0).paint),
                pen: None,
            });
        }
    };
    let area = |polygons: &[geo::Polygon<f64>], marks: &mut Vec<Mark>| {
        areas(
            polygons,
            line_pen(size::AREA_WEIGHT),
            style.color,
            frame,
            marks,
        )
    };
    match geometry {
        Geometry::Point(p) => point(feature, look.grade, p.0, frame, points),
        Geometry::MultiPoint(many) => {
            for p in many {
                point(feature, look.grade, p.0, frame, points);
            }
        }
        Geometry::Line(l) => line(&LineString::from(*l), marks),
        Geometry::LineString(l) => line(l, marks),
        Geometry::MultiLineString(lines) => {
            for l in lines {
                line(l, marks);
            }
        }
        Geometry::Polygon(p) => area(std::slice::from_ref(p), marks),
        Geometry::MultiPolygon(many) => area(&many.0, marks),
        Geometry::Rect(r) => area(&[r.to_polygon()], marks),
        Geometry::Triangle(t) => area(&[t.to_polygon()], marks),
        Geometry::GeometryCollection(items) => {
            for item in items {
                shapes(feature, look, item, frame, marks, points);
            }
        }
    }
}

fn areas(
    polygons: &[geo::Polygon<f64>],
    pen: Pen,
    color: &str,
    frame: &Frame,
    marks: &mut Vec<Mark>,
) {
    for polygon in polygons {
        let rings: Vec<Vec<[f64; 2]>> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .map(|ring| project(ring, frame))
            .filter(|ring| ring.len() >= 3)
            .collect();
        if rings.first().is_none_or(|outer| !seen(outer, frame, 0.0)) {
            continue;
        }
        marks.push(Mark::Area {
            rings,
            fill: Some(Paint::faint(color, size::AREA_FILL_OPACITY)),
            pen: Some(pen.clone()),
        });
    }
}

/// A route's arrowhead: a triangle whose tip stops short of the line's
/// end, pointing along its last piece.
fn arrowhead(points: &[[f64; 2]]) -> Option<Vec<[f64; 2]>> {
    let end = *points.last()?;
    // The last piece long enough to give a direction.
    let from = points
        .iter()
        .rev()
        .find(|p| (p[0] - end[0]).hypot(p[1] - end[1]) > 0.5)?;
    let (dx, dy) = (end[0] - from[0], end[1] - from[1]);
    let length = dx.hypot(dy);
    let (ux, uy) = (dx / length, dy / length);
    let tip = [
        end[0] - ux * size::ARROW_SHORT,
        end[1] - uy * size::ARROW_SHORT,
    ];
    let base = [
        tip[0] - ux * size::ARROW_LENGTH,
        tip[1] - uy * size::ARROW_LENGTH,
    ];
    let half = size::ARROW_WIDTH / 2.0;
    Some(vec![
        tip,
        [base[0] - uy * half, base[1] + ux * half],
        [base[0] + uy * half, base[1] - ux * half],
    ])
}
