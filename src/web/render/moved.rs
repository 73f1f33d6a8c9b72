//! What the map draws of two dates compared: the features gone and in
//! between, faint; the features that appeared, outlined in green; and for
//! each unit in one place on each date that moved,
//! an arrow from where it was to where it is, dashed (it says where, not
//! which way it went), labelled with the unit and the great-circle
//! distance.

use js_sys::Array;
use leaflet::{CircleMarker, Layer, LayerGroup, Map, PathOptions, Polygon, Polyline};
use wasm_bindgen::{JsCast, JsValue};

use crate::draw::projected::{mercator, unmercator};
use crate::draw::style::size::MOVED_LABELS;
use crate::number::decimal;
use crate::scene::compare::Comparison;
use crate::scene::Scene;
use crate::space::trig;
use crate::web::page::bindings::{self, lat_lng, object};
use crate::web::page::dom;
use crate::web::render::features::{FeatureLayer, POINT_PANE};

/// The arrows' colour: apart from the grades' colours.
const COLOR: &str = "#111111";

/// The outline of what appeared: apart from the grades' colours and the
/// arrows' black.
const APPEARED: &str = "#1a9850";

/// How long an arrowhead's barbs are, as a share of the arrow.
const BARB: f64 = 0.18;

/// What the map draws of a comparison: the features gone and in between,
/// faint, and the arrows of the units that moved.
pub struct Moved {
    group: LayerGroup,
    features: LayerGroup,
}

impl Moved {
    /// Nothing yet; drawn on `map`.
    pub fn new(map: &Map) -> Moved {
        let (group, features) = (LayerGroup::new(), LayerGroup::new());
        features.add_to(map);
        group.add_to(map);
        Moved { group, features }
    }

    /// The groups the extras module draws in (see [`draw`]): the arrows,
    /// then the features.
    pub fn groups(&self) -> JsValue {
        Array::of2(&self.group, &self.features).into()
    }

    /// Takes everything off the map.
    pub fn clear(&self) {
        self.group.clear_layers();
        self.features.clear_layers();
    }
}

/// The most features gone or in between drawn: more would slow the map
/// (the list and the export name them all).
pub const MOST_DRAWN: usize = 2_000;

/// Draws the features of `comparison` gone (faint) and in between (faint
/// and marked `change-between`) in `group`, and no other, with their
/// popups, at most [`MOST_DRAWN`]; then a green outline over each feature
/// that appeared (at most [`MOST_DRAWN`] marks more). Only what the map
/// does not show on its day is drawn faint, and only what it shows is
/// outlined: on the earlier of the two dates, what appeared is not on the
/// map, and what is gone is drawn as it is.
pub fn draw_features(
    group: &LayerGroup,
    scene: &Scene,
    comparison: &Comparison,
) -> Result<(), JsValue> {
    group.clear_layers();
    let kinds = [
        (&comparison.gone, "change-gone"),
        (&comparison.between, "change-between"),
    ];
    let mut drawn = 0;
    'faint: for (list, class) in kinds {
        for &index in list {
            if drawn == MOST_DRAWN {
                break 'faint;
            }
            let Some(feature) = scene.data().features.get(index) else {
                continue;
            };
            if scene.shown().contains(index) {
                continue;
            }
            let order = scene.data().date_order_of(index);
            let grade = scene.selection().grade_on(feature, scene.day());
            let Some(layer) = FeatureLayer::new(index, feature, grade, scene.as_of(), order)?
            else {
                continue;
            };
            drawn += 1;
            group.add_layer(&layer.layer);
            layer.on_added()?;
            layer.set_faint(true);
            layer.add_class(class)?;
        }
    }
    let appeared = comparison.appeared.iter().filter_map(|&i| {
        if !scene.shown().contains(i) {
            return None;
        }
        let feature = scene.data().features.get(i)?;
        Some((feature, feature.geometry.as_ref()?))
    });
    let mut marks = 0;
    for (feature, geometry) in appeared {
        for layer in outline(geometry) {
            if marks == MOST_DRAWN {
                return Ok(());
            }
            marks += 1;
            group.add_layer(&layer);
            if let Some(element) = bindings::get_element(&layer) {
                element.set_attribute("class", "change-appeared")?;
                if let Some(id) = &feature.id {
                    element.set_attribute("data-feature-id", &id.to_string())?;
                }
            }
        }
    }
    Ok(())
}

/// The green outline of a feature that appeared: a ring around each point,
/// a wide band along each line, the edge of each area; not clickable, so
/// that a click still reaches the feature under it.
fn outline(geometry: &geo::Geometry<f64>) -> Vec<Layer> {
    use geo::Geometry as G;
    let style = || {
        let style = PathOptions::new();
        style.set_color(APPEARED.to_owned());
        style.set_interactive(false);
        style.set_fill(false);
        style
    };
    let line = |coords: &[geo::Coord<f64>], weight: f64, opacity: f64| -> Layer {
        let style = style();
        style.set_weight(weight);
        style.set_opacity(opacity);
        let points: Array = coords.iter().map(|&c| JsValue::from(lat_lng(c))).collect();
        Polyline::new_with_options(&points, &style.unchecked_into()).unchecked_into()
    };
    let ring = |at: geo::Coord<f64>| -> Layer {
        let style = style();
        style.set_weight(3.0);
        // Over the points (and their halos), as the points are over lines.
        style.set_pane(POINT_PANE.to_owned());
        let _ = js_sys::Reflect::set(&style, &"radius".into(), &13.into());
        CircleMarker::new_with_options(&lat_lng(at), &style).unchecked_into()
    };
    let area = |polygon: &geo::Polygon<f64>| -> Layer {
        let style = style();
        style.set_weight(5.0);
        style.set_opacity(0.6);
        // Every ring: the holes' edges are the area's edges too.
        let rings: Array = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .map(|ring| {
                let ring: Array = ring.0.iter().map(|&c| JsValue::from(lat_lng(c))).collect();
                JsValue::from(ring)
            })
            .collect();
        Polygon::new_with_options(&rings, &style.unchecked_into()).unchecked_into()
    };
    match geometry {
        G::Point(p) => vec![ring(p.0)],
        G::MultiPoint(points) => points.iter().map(|p| ring(p.0)).collect(),
        G::LineString(l) => vec![line(&l.0, 10.0, 0.35)],
        G::MultiLineString(lines) => lines.iter().map(|l| line(&l.0, 10.0, 0.35)).collect(),
        G::Polygon(polygon) => vec![area(polygon)],
        G::MultiPolygon(polygons) => polygons.iter().map(area).collect(),
        G::GeometryCollection(all) => all.iter().flat_map(outline).collect(),
        G::Line(l) => vec![line(&[l.start, l.end], 10.0, 0.35)],
        G::Rect(r) => vec![area(&r.to_polygon())],
        G::Triangle(t) => vec![area(&t.to_polygon())],
    }
}

/// Draws the arrows of `comparison` in `group` (a Leaflet layer group),
/// and no other: each unit in one place on each date that moved; the
/// [`MOVED_LABELS`] farthest with their unit and distance.
pub fn draw(group: &LayerGroup, comparison: &Comparison) -> Result<(), JsValue> {
    group.clear_layers();
    let mut labelled = 0;
    for unit in comparison.moved() {
        let (Some(km), [a], [b]) = (unit.distance_km, &unit.from[..], &unit.to[..]) else {
            continue;
        };
        let style = PathOptions::new();
        style.set_color(COLOR.to_owned());
        style.set_weight(2.5);
        style.set_dash_array("6 5".to_owned());
        style.set_interactive(false);
        let points: Array = [a.at, b.at]
            .iter()
            .map(|&c| JsValue::from(lat_lng(c)))
            .collect();
        let line = Polyline::new_with_options(&points, &style.clone().unchecked_into());
        let head: Array = arrowhead(a.at, b.at)
            .iter()
            .map(|&c| JsValue::from(lat_lng(c)))
            .collect();
        style.set_dash_array(String::new());
        let head = Polyline::new_with_options(&head, &style.unchecked_into());
        let line: Layer = line.unchecked_into();
        group.add_layer(&line);
        group.add_layer(&head.unchecked_into());
        if let Some(element) = bindings::get_element(&line) {
            element.set_attribute("class", "change-arrow")?;
            element.set_attribute("data-unit", &unit.unit.to_string())?;
        }
        if labelled == MOVED_LABELS {
            continue;
        }
        labelled += 1;
        // The label is text, never HTML: the unit's name is the data's.
        let text = dom::document()?.create_element("span")?;
        text.set_text_content(Some(&format!("{}: {} km", unit.name, decimal(km, 1))));
        bindings::bind_tooltip(
            &line,
            &text.into(),
            &object(&[
                ("permanent", true.into()),
                ("direction", "center".into()),
                ("className", "change-distance".into()),
            ]),
        );
    }
    Ok(())
}

/// The two barbs of an arrow from `a` to `b` (longitude, latitude), as a
/// line through the tip: worked out on the Mercator plane, where the map
/// draws, so that the head points along the arrow at every zoom.
fn arrowhead(a: geo::Coord<f64>, b: geo::Coord<f64>) -> [geo::Coord<f64>; 3] {
    let ([ax, ay], [bx, by]) = (mercator(a), mercator(b));
    let (dx, dy) = (ax - bx, ay - by);
    let barb = |turn: f64| {
        let angle = turn.to_radians();
        let (sin, cos) = (trig::sin(angle), trig::cos(angle));
        unmercator([
            bx + BARB * (dx * cos - dy * sin),
            by + BARB * (dx * sin + dy * cos),
        ])
    };
    [barb(25.0), b, barb(-25.0)]
}
