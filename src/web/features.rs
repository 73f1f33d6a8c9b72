//! Leaflet layers for the data's features, styled by kind and confidence.

use geo::{Coord, Geometry, LineString};
use js_sys::Array;
use leaflet::{CircleMarker, LatLng, Layer, PathOptions, Polygon, Polyline};
use wasm_bindgen::{JsCast, JsValue};

use crate::model::{Kind, MapFeature};
use crate::style::{arrow_id, stroke};
use crate::web::bindings::{self, object};
use crate::web::{dom, popup};

/// The map pane for point features, above Leaflet's overlay pane (400)
/// where lines are drawn; made by [`crate::web::app`].
pub const POINT_PANE: &str = "points";

/// The one conversion from the core's coordinates (x = longitude,
/// y = latitude) to Leaflet's.
pub fn lat_lng(c: Coord<f64>) -> LatLng {
    LatLng::new(c.y, c.x)
}

fn line_lat_lngs(line: &LineString<f64>) -> Array {
    line.0.iter().map(|&c| JsValue::from(lat_lng(c))).collect()
}

/// A feature drawn on the map.
pub struct FeatureLayer {
    pub layer: Layer,
    /// The arrowhead to attach once the route's path exists, for routes.
    arrow: Option<&'static str>,
    /// The feature's id, written on its SVG element for people and tests
    /// inspecting the page.
    id: Option<String>,
}

impl FeatureLayer {
    /// Builds the layer for `feature`, with its popup and, for places, its
    /// label. `None` for a feature without geometry.
    pub fn new(feature: &MapFeature) -> Result<Option<FeatureLayer>, JsValue> {
        let Some(geometry) = &feature.geometry else {
            return Ok(None);
        };
        let style = stroke(feature.confidence);
        let options = PathOptions::new();
        options.set_color(style.color.to_owned());
        options.set_dash_array(style.dash.unwrap_or("").to_owned());
        options.set_line_cap("round".to_owned());
        let mut arrow = None;
        let layer: Layer = match (feature.kind, geometry) {
            (_, Geometry::Point(p)) => {
                let place = feature.kind == Kind::Place;
                options.set_weight(if place { 2.5 } else { 2.0 });
                options.set_fill(true);
                options.set_fill_color(if place {
                    "#ffffff".to_owned()
                } else {
                    style.color.to_owned()
                });
                options.set_fill_opacity(if place { 1.0 } else { 0.85 });
                let _ = js_sys::Reflect::set(
                    &options,
                    &"radius".into(),
                    &(if place { 6.5 } else { 5.0 }).into(),
                );
                // Points sit in their own pane above the lines, so that a
                // place at the end of a route can still be clicked.
                options.set_pane(POINT_PANE.to_owned());
                let marker = CircleMarker::new_with_options(&lat_lng(p.0), &options);
                marker.unchecked_into()
            }
            (_, Geometry::LineString(line)) => {
                options.set_weight(3.0);
                options.set_fill(false);
                let _ = js_sys::Reflect::set(&options, &"noClip".into(), &true.into());
                arrow = (feature.kind == Kind::Route).then(|| arrow_id(feature.confidence));
                Polyline::new_with_options(&line_lat_lngs(line), &options.unchecked_into())
                    .unchecked_into()
            }
            (_, Geometry::MultiLineString(lines)) => {
                options.set_weight(3.0);
                options.set_fill(false);
                let parts: Array = lines
                    .0
                    .iter()
                    .map(|l| JsValue::from(line_lat_lngs(l)))
                    .collect();
                arrow = (feature.kind == Kind::Route).then(|| arrow_id(feature.confidence));
                Polyline::new_with_options(&parts, &options.unchecked_into()).unchecked_into()
            }
            (_, Geometry::Polygon(polygon)) => {
                options.set_weight(2.0);
                options.set_fill_opacity(0.15);
                let rings: Array = std::iter::once(polygon.exterior())
                    .chain(polygon.interiors())
                    .map(|r| JsValue::from(line_lat_lngs(r)))
                    .collect();
                Polygon::new_with_options(&rings, &options.unchecked_into()).unchecked_into()
            }
            _ => {
                // Other geometries (multi-points, multi-polygons, collections)
                // are drawn by Leaflet's own GeoJSON reader, from the geometry
                // as loaded, with the same style.
                let geometry = feature
                    .raw
                    .get("geometry")
                    .map(|g| g.to_string())
                    .unwrap_or_default();
                let parsed = js_sys::JSON::parse(&geometry)?;
                bindings::geo_json(&parsed, &object(&[("style", options.into())]))
            }
        };
        layer.bind_popup_with_options(
            &popup::content(feature)?.into(),
            &object(&[("maxWidth", 340.into())]),
        );
        if feature.kind == Kind::Place {
            let label = dom::element("span", "", &feature.label())?;
            bindings::bind_tooltip(
                &layer,
                &label.into(),
                &object(&[
                    ("permanent", true.into()),
                    ("direction", "right".into()),
                    ("offset", Array::of2(&8.into(), &0.into()).into()),
                    ("className", "place-label".into()),
                ]),
            );
        }
        Ok(Some(FeatureLayer {
            layer,
            arrow,
            id: feature.id.as_ref().map(ToString::to_string),
        }))
    }

    /// Call after the layer was added to the map: routes get their arrowhead,
    /// and every path its feature id (Leaflet makes a new SVG path each time
    /// a layer is added).
    pub fn on_added(&self) -> Result<(), JsValue> {
        // Layers drawn by L.geoJSON (multi-geometries) are groups without
        // an element of their own.
        let Some(path) = bindings::get_element(&self.layer) else {
            return Ok(());
        };
        if let Some(arrow) = self.arrow {
            path.set_attribute("marker-end", &format!("url(#{arrow})"))?;
        }
        if let Some(id) = &self.id {
            path.set_attribute("data-feature-id", id)?;
        }
        Ok(())
    }
}
