//! Leaflet layers for the data's features, styled by kind and grade.

use geo::{Coord, CoordsIter, Geometry, LineString};
use js_sys::Array;
use leaflet::{CircleMarker, FeatureGroup, Layer, PathOptions, Polygon, Polyline};
use wasm_bindgen::{JsCast, JsValue};

use crate::draw::style::{arrow_id, hollow, place_mark, size, stroke};
use crate::model::statement::Grade;
use crate::model::{Kind, MapFeature};
use crate::time::Day;
use crate::web::page::bindings::{self, lat_lng, object};
use crate::web::page::dom;
use crate::web::panels::popup;
use crate::web::render::labels;

/// The map pane for point features, above Leaflet's overlay pane (400)
/// where lines are drawn; made by the app when it starts.
pub const POINT_PANE: &str = "points";

fn line_lat_lngs(line: &LineString<f64>) -> Array {
    line.0.iter().map(|&c| JsValue::from(lat_lng(c))).collect()
}

/// A feature drawn on the map.
pub struct FeatureLayer {
    /// What is added to and removed from the map: the one shape, or a group
    /// of the parts of a multi-geometry.
    pub layer: Layer,
    /// The shapes, each with the arrowhead it takes once its SVG path
    /// exists (routes' lines only).
    parts: Vec<(Layer, Option<&'static str>)>,
    /// The feature's id, written on its SVG elements for people and tests
    /// inspecting the page.
    id: Option<String>,
    /// The grade it is drawn with.
    pub grade: Option<Grade>,
    /// Whether its popup replays what was made public by a day.
    pub replayed: bool,
}

impl FeatureLayer {
    /// Builds the layer for `feature` (number `index` in the data), drawn
    /// with `grade`, with its popup (as made public by `as_of`, when the
    /// map replays that; see [`popup::content_on`]) and, for places, its
    /// label. `None` for a feature without geometry.
    pub fn new(
        index: usize,
        feature: &MapFeature,
        grade: Option<Grade>,
        as_of: Option<Day>,
        order: Option<crate::geojson::convention::DateOrder>,
    ) -> Result<Option<FeatureLayer>, JsValue> {
        let Some(geometry) = &feature.geometry else {
            return Ok(None);
        };
        let mut parts = Vec::new();
        add_parts(feature, grade, geometry, &mut parts);
        let layer: Layer = match parts.as_slice() {
            [(one, _)] => one.clone(),
            _ => {
                let group = FeatureGroup::new();
                for (part, _) in &parts {
                    group.add_layer(part);
                }
                group.unchecked_into()
            }
        };
        layer.bind_popup_with_options(
            &popup::lazy(index, feature, as_of, order)?.into(),
            &popup::options(),
        );
        if feature.kind == Kind::Place {
            let label = dom::element("span", "", &feature.label())?;
            label.set_attribute(labels::PRIORITY, &index.to_string())?;
            // `label_direction` lets the data move a label off a neighbour's.
            let wanted = feature.label_direction.as_deref();
            let (direction, offset) = match wanted {
                Some("left") => ("left", (-8, 0)),
                Some("top") => ("top", (0, -8)),
                Some("bottom") => ("bottom", (0, 8)),
                _ => ("right", (8, 0)),
            };
            bindings::bind_tooltip(
                &layer,
                &label.into(),
                &object(&[
                    ("permanent", true.into()),
                    ("direction", direction.into()),
                    (
                        "offset",
                        Array::of2(&offset.0.into(), &offset.1.into()).into(),
                    ),
                    ("className", "place-label".into()),
                ]),
            );
        }
        Ok(Some(FeatureLayer {
            layer,
            parts,
            id: feature.id.as_ref().map(ToString::to_string),
            grade,
            replayed: as_of.is_some(),
        }))
    }

    /// Draws the feature faint (while a unit moves along it) or as usual.
    pub fn set_faint(&self, faint: bool) {
        let style = PathOptions::new();
        style.set_opacity(if faint { size::FAINT_OPACITY } else { 1.0 });
        for (part, _) in &self.parts {
            part.unchecked_ref::<leaflet::Path>().set_style(&style);
        }
    }

    /// Adds `class` to each of its shapes' elements (once on the map).
    pub fn add_class(&self, class: &str) -> Result<(), JsValue> {
        for (part, _) in &self.parts {
            if let Some(element) = bindings::get_element(part) {
                element.class_list().add_1(class)?;
            }
        }
        Ok(())
    }

    /// Call after the layer was added to the map: routes get their arrowhead,
    /// and every path its feature id (Leaflet makes a new SVG path each time
    /// a layer is added).
    pub fn on_added(&self) -> Result<(), JsValue> {
        for (part, arrow) in &self.parts {
            let Some(path) = bindings::get_element(part) else {
                continue;
            };
            if let Some(arrow) = arrow {
                path.set_attribute("marker-end", &format!("url(#{arrow})"))?;
            }
            if let Some(id) = &self.id {
                path.set_attribute("data-feature-id", id)?;
            }
        }
        Ok(())
    }
}

/// The Leaflet shapes for `geometry`, styled for `feature`: points as
/// circle markers, lines as polylines, polygons as polygons; multi-geometries
/// and collections as one shape per part.
fn add_parts(
    feature: &MapFeature,
    grade: Option<Grade>,
    geometry: &Geometry<f64>,
    parts: &mut Vec<(Layer, Option<&'static str>)>,
) {
    let arrow = (feature.kind == Kind::Route).then(|| arrow_id(grade));
    // An empty part (RFC 7946 allows empty coordinates) has nothing to
    // draw, and Leaflet cannot place a label or popup on it.
    if geometry.coords_count() == 0 {
        return;
    }
    match geometry {
        Geometry::Point(p) => {
            parts.extend(point(feature, grade, p.0).into_iter().map(|l| (l, None)))
        }
        Geometry::MultiPoint(points) => {
            for p in points {
                parts.extend(point(feature, grade, p.0).into_iter().map(|l| (l, None)));
            }
        }
        Geometry::Line(line) => parts.push((polyline(grade, &LineString::from(*line)), arrow)),
        Geometry::LineString(line) => parts.push((polyline(grade, line), arrow)),
        Geometry::MultiLineString(lines) => parts.extend(
            lines
                .iter()
                .filter(|l| !l.0.is_empty())
                .map(|l| (polyline(grade, l), arrow)),
        ),
        Geometry::Polygon(p) => parts.push((polygon(grade, p), None)),
        Geometry::MultiPolygon(ps) => parts.extend(
            ps.iter()
                .filter(|p| !p.exterior().0.is_empty())
                .map(|p| (polygon(grade, p), None)),
        ),
        Geometry::Rect(r) => parts.push((polygon(grade, &r.to_polygon()), None)),
        Geometry::Triangle(t) => parts.push((polygon(grade, &t.to_polygon()), None)),
        Geometry::GeometryCollection(items) => {
            for item in items {
                add_parts(feature, grade, item, parts);
            }
        }
    }
}

fn path_options(grade: Option<Grade>) -> PathOptions {
    let style = stroke(grade);
    let options = PathOptions::new();
    options.set_color(style.color.to_owned());
    options.set_dash_array(style.dash.unwrap_or("").to_owned());
    options.set_line_cap("round".to_owned());
    options
}

/// A point: an event's filled dot, or a place's ring, with a dot inside
/// for an exact point or a faint halo around it for a vague one.
fn point(feature: &MapFeature, grade: Option<Grade>, at: Coord<f64>) -> Vec<Layer> {
    let color = stroke(grade).color;
    let circle = |radius: f64, options: PathOptions| -> Layer {
        let _ = js_sys::Reflect::set(&options, &"radius".into(), &radius.into());
        // Points sit in their own pane above the lines, so that a place at
        // the end of a route can still be clicked.
        options.set_pane(POINT_PANE.to_owned());
        CircleMarker::new_with_options(&lat_lng(at), &options).unchecked_into()
    };
    let options = path_options(grade);
    options.set_fill(true);
    if feature.kind != Kind::Place {
        options.set_weight(size::EVENT_WEIGHT);
        // A doubt, a warning or a non-answer: a hollow dot.
        if hollow(grade) {
            options.set_fill_color("#ffffff".to_owned());
            options.set_fill_opacity(1.0);
        } else {
            options.set_fill_color(color.to_owned());
            options.set_fill_opacity(size::EVENT_FILL_OPACITY);
        }
        return vec![circle(size::EVENT_RADIUS, options)];
    }
    let mark = place_mark(feature.precision);
    let mut parts = Vec::new();
    if let Some(halo) = mark.halo {
        let faint = PathOptions::new();
        faint.set_stroke(false);
        faint.set_fill(true);
        faint.set_fill_color(color.to_owned());
        faint.set_fill_opacity(size::HALO_OPACITY);
        parts.push(circle(halo, faint));
    }
    options.set_weight(size::PLACE_WEIGHT);
    options.set_fill_color("#ffffff".to_owned());
    options.set_fill_opacity(1.0);
    parts.push(circle(size::PLACE_RADIUS, options));
    if mark.dot {
        let dot = PathOptions::new();
        dot.set_stroke(false);
        dot.set_fill(true);
        dot.set_fill_color(color.to_owned());
        dot.set_fill_opacity(1.0);
        parts.push(circle(size::PLACE_DOT_RADIUS, dot));
    }
    parts
}

fn polyline(grade: Option<Grade>, line: &LineString<f64>) -> Layer {
    let options = path_options(grade);
    options.set_weight(size::ROUTE_WEIGHT);
    options.set_fill(false);
    // Unclipped, the arrowhead stays at the route's real end.
    let _ = js_sys::Reflect::set(&options, &"noClip".into(), &true.into());
    Polyline::new_with_options(&line_lat_lngs(line), &options.unchecked_into()).unchecked_into()
}

fn polygon(grade: Option<Grade>, polygon: &geo::Polygon<f64>) -> Layer {
    let options = path_options(grade);
    options.set_weight(size::AREA_WEIGHT);
    options.set_fill_opacity(size::AREA_FILL_OPACITY);
    let rings: Array = std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .map(|r| JsValue::from(line_lat_lngs(r)))
        .collect();
    Polygon::new_with_options(&rings, &options.unchecked_into()).unchecked_into()
}
