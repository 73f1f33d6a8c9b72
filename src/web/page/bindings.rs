//! Leaflet functions the `leaflet` crate does not expose (or names wrongly).

use js_sys::Object;
use leaflet::{Layer, Map, Point};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `L.geoJSON(data, options)`.
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    pub fn geo_json(data: &JsValue, options: &JsValue) -> Layer;

    /// `L.layerGroup(layers, options)`.
    #[wasm_bindgen(js_namespace = L, js_name = layerGroup)]
    pub fn layer_group(layers: &JsValue, options: &JsValue) -> Layer;

    /// A `L.Control.Layers` switcher.
    #[wasm_bindgen(extends = Object)]
    pub type LayersControl;

    /// `L.control.layers(baseLayers, overlays, options)`.
    #[wasm_bindgen(js_namespace = ["L", "control"], js_name = layers)]
    pub fn layers_control(base: &JsValue, overlays: &JsValue, options: &JsValue) -> LayersControl;

    #[wasm_bindgen(method, js_name = addTo)]
    pub fn add_to(this: &LayersControl, map: &Map) -> LayersControl;

    /// A `L.Control.Scale` bar.
    #[wasm_bindgen(extends = Object)]
    pub type ScaleControl;

    /// `L.control.scale(options)`.
    #[wasm_bindgen(js_namespace = ["L", "control"], js_name = scale)]
    pub fn scale_control(options: &JsValue) -> ScaleControl;

    #[wasm_bindgen(method, js_name = addTo)]
    pub fn add_to(this: &ScaleControl, map: &Map) -> ScaleControl;

    /// A Leaflet map, for the methods the crate lacks.
    #[wasm_bindgen(extends = Object)]
    type MapExt;

    #[wasm_bindgen(method, js_name = createPane)]
    fn create_pane(this: &MapExt, name: &str) -> web_sys::HtmlElement;

    #[wasm_bindgen(method, js_name = containerPointToLayerPoint)]
    fn container_point_to_layer_point(this: &MapExt, point: &Point) -> Point;

    /// A Leaflet layer, for the methods the crate lacks or misnames.
    #[wasm_bindgen(extends = Object)]
    type LayerExt;

    #[wasm_bindgen(method, js_name = bindTooltip)]
    fn bind_tooltip(this: &LayerExt, content: &JsValue, options: &JsValue);

    #[wasm_bindgen(method, catch, js_name = getElement)]
    fn get_element(this: &LayerExt) -> Result<Option<web_sys::Element>, JsValue>;
}

/// `map.createPane(name)`: a new pane to draw layers in.
pub fn create_pane(map: &Map, name: &str) -> web_sys::HtmlElement {
    map.unchecked_ref::<MapExt>().create_pane(name)
}

/// `map.containerPointToLayerPoint(point)`: where a point of the map's
/// container is in the panes, which move as the map is dragged.
pub fn container_point_to_layer_point(map: &Map, point: &Point) -> Point {
    map.unchecked_ref::<MapExt>()
        .container_point_to_layer_point(point)
}

/// `layer.bindTooltip(content, options)`.
pub fn bind_tooltip(layer: &Layer, content: &JsValue, options: &JsValue) {
    layer
        .unchecked_ref::<LayerExt>()
        .bind_tooltip(content, options);
}

/// `path.getElement()`: the SVG element of a path on the map; `None` for
/// layers that are not paths (groups have no such method).
pub fn get_element(layer: &Layer) -> Option<web_sys::Element> {
    layer
        .unchecked_ref::<LayerExt>()
        .get_element()
        .ok()
        .flatten()
}

/// A plain JavaScript object from `(key, value)` pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// The one conversion from the core's coordinates (x = longitude,
/// y = latitude) to Leaflet's.
pub fn lat_lng(c: geo::Coord<f64>) -> leaflet::LatLng {
    leaflet::LatLng::new(c.y, c.x)
}
