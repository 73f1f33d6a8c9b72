//! The offline basemap's land on its own canvas: the countries' rings are
//! projected once (see [`crate::draw::land`]); at each move or zoom of the
//! map those in view are written as one SVG path, which the browser fills
//! and outlines in two calls. Leaflet's own vector layers built an object
//! for each of the 77,000 points before the map showed anything.
//!
//! The land is drawn off screen and handed to the canvas on the map as one
//! picture (its `bitmaprenderer`): a browser without a GPU copies every 2-D
//! canvas on the page at every frame, drawn anew or not, and the land's is
//! the largest, copied at every step of the slider for nothing. Where the
//! browser cannot, the land is drawn on the canvas itself.

use std::cell::RefCell;
use std::rc::Rc;

use leaflet::{LatLng, Map, Point};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, HtmlCanvasElement};

use crate::draw::land::Land as Projected;
use crate::draw::projected::mercator;
use crate::number::decimal;
use crate::picture::basemap::{Basemap, BORDER, BORDER_WIDTH, LAND};
use crate::web::page::{bindings, dom};
use crate::web::render::canvas::{canvas_element, context_2d, fit_canvas, View};

/// How far past the map's edges the land is drawn, as a share of the
/// map's size, so that a drag shows land before it ends (Leaflet's own
/// renderers pad as much).
const PADDING: f64 = 0.1;

#[wasm_bindgen]
extern "C" {
    /// An `OffscreenCanvas`, which the land is drawn on.
    type OffscreenCanvas;

    #[wasm_bindgen(constructor, catch)]
    fn new(width: u32, height: u32) -> Result<OffscreenCanvas, JsValue>;

    /// (Throws only for a kind of context other than one it has.)
    #[wasm_bindgen(method, js_name = getContext)]
    fn get_context(this: &OffscreenCanvas, kind: &str) -> JsValue;

    /// (Throws only without a context.)
    #[wasm_bindgen(method, js_name = transferToImageBitmap)]
    fn transfer_to_image_bitmap(this: &OffscreenCanvas) -> JsValue;

    /// A canvas's `bitmaprenderer` context, which shows a picture whole.
    type BitmapRenderer;

    /// (Throws only for a picture handed on already.)
    #[wasm_bindgen(method, js_name = transferFromImageBitmap)]
    fn transfer_from_image_bitmap(this: &BitmapRenderer, bitmap: &JsValue);
}

/// The land's canvas, and what it draws.
pub struct Land {
    map: Map,
    canvas: HtmlCanvasElement,
    /// How the land reaches the canvas.
    surface: Surface,
    land: Projected,
    /// The land in view as an SVG path, kept between draws.
    path: String,
    /// Whether the layer switcher has the land on.
    on: bool,
    /// The zoom and the world pixel at the canvas's top left corner when
    /// it was last drawn: a zoom animation scales the picture from there
    /// until it is drawn again.
    drawn: Option<Drawn>,
}

/// How the land reaches its canvas: drawn on an off-screen canvas of its
/// own at each draw, whose picture the canvas's `bitmaprenderer` is handed;
/// or, where the browser has no such canvas, drawn on the canvas's own 2-D
/// context.
enum Surface {
    Handed(BitmapRenderer),
    Direct(CanvasRenderingContext2d),
}

#[derive(Clone, Copy)]
struct Drawn {
    zoom: f64,
    corner: [f64; 2],
}

impl Land {
    /// Makes the canvas in `pane` and draws `basemap` on it; after every
    /// move, zoom and resize of `map` it is drawn again, and during a zoom
    /// animation or a flight it is scaled as the map is.
    pub fn add(
        map: &Map,
        pane: &web_sys::HtmlElement,
        basemap: &Basemap,
    ) -> Result<Rc<RefCell<Land>>, JsValue> {
        let (canvas, surface) = surface()?;
        canvas.set_class_name("leaflet-zoom-animated land-canvas");
        canvas.set_attribute("aria-hidden", "true")?;
        // Never the target of a click: the map's, under the marks.
        canvas.style().set_property("pointer-events", "none")?;
        dom::add(pane, &canvas)?;
        let land = Rc::new(RefCell::new(Land {
            map: map.clone(),
            canvas,
            surface,
            land: Projected::new(basemap.polygons()),
            path: String::new(),
            on: true,
            drawn: None,
        }));
        wire(map, &land);
        land.borrow_mut().draw()?;
        Ok(land)
    }

    /// Shows or hides the land (the layer switcher's "offline basemap").
    pub fn show(&mut self, on: bool) -> Result<(), JsValue> {
        if on == self.on {
            return Ok(());
        }
        self.on = on;
        self.canvas
            .style()
            .set_property("display", if on { "" } else { "none" })?;
        if on {
            self.draw()?;
        }
        Ok(())
    }

    /// Draws the land in view and a margin around it, at the map's zoom.
    pub fn draw(&mut self) -> Result<(), JsValue> {
        if !self.on {
            return Ok(());
        }
        let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let size = self.map.get_size();
        // Whole pixels: a canvas at a fraction of a pixel is resampled, and
        // blurs.
        let pad = [(size.x() * PADDING).round(), (size.y() * PADDING).round()];
        let (_, _, pixels_x, pixels_y) = fit_canvas(&self.map, &self.canvas, ratio, pad)?;
        let view = View::of(&self.map);
        self.land.path(
            &mut self.path,
            f64::from(pixels_x),
            f64::from(pixels_y),
            |[x, y]| {
                [
                    (x * view.scale + view.offset[0] + pad[0]) * ratio,
                    (y * view.scale + view.offset[1] + pad[1]) * ratio,
                ]
            },
        );
        let (context, offscreen) = match &self.surface {
            Surface::Handed(_) => {
                let offscreen = OffscreenCanvas::new(pixels_x, pixels_y)?;
                (
                    offscreen.get_context("2d").unchecked_into(),
                    Some(offscreen),
                )
            }
            Surface::Direct(context) => (context.clone(), None),
        };
        context.clear_rect(0.0, 0.0, f64::from(pixels_x), f64::from(pixels_y));
        let path = web_sys::Path2d::new_with_path_string(&self.path)?;
        context.set_fill_style_str(LAND);
        context.fill_with_path_2d_and_winding(&path, CanvasWindingRule::Nonzero);
        context.set_stroke_style_str(BORDER);
        context.set_line_width(BORDER_WIDTH * ratio);
        context.set_line_join("round");
        context.stroke_with_path(&path);
        if let (Surface::Handed(shown), Some(offscreen)) = (&self.surface, offscreen) {
            shown.transfer_from_image_bitmap(&offscreen.transfer_to_image_bitmap());
        }
        self.drawn = Some(Drawn {
            zoom: self.map.get_zoom(),
            corner: [
                (-pad[0] - view.offset[0]) / view.scale,
                (-pad[1] - view.offset[1]) / view.scale,
            ],
        });
        Ok(())
    }

    /// Scales and moves the picture last drawn to where the map will show
    /// it at `zoom` around `center`, as Leaflet's own layers do during a
    /// zoom animation or a flight.
    fn follow(&self, center: &LatLng, zoom: f64) -> Result<(), JsValue> {
        let Some(drawn) = self.drawn else {
            return Ok(());
        };
        let size = self.map.get_size();
        let scale = 2f64.powf(zoom);
        let centre = mercator(geo::Coord {
            x: center.lng(),
            y: center.lat(),
        });
        // Leaflet's new pixel origin (from the map pane's position now),
        // then the corner's new layer point.
        let pane = bindings::container_point_to_layer_point(&self.map, &Point::new(0.0, 0.0));
        let origin = [
            (centre[0] * scale - size.x() / 2.0 - pane.x()).round(),
            (centre[1] * scale - size.y() / 2.0 - pane.y()).round(),
        ];
        let at = [
            drawn.corner[0] * scale - origin[0],
            drawn.corner[1] * scale - origin[1],
        ];
        let factor = 2f64.powf(zoom - drawn.zoom);
        self.canvas.style().set_property(
            "transform",
            &format!(
                "translate3d({}px, {}px, 0) scale({})",
                decimal(at[0], 2),
                decimal(at[1], 2),
                decimal(factor, 6)
            ),
        )
    }
}

/// A canvas for the map, and how the land reaches it: handed as pictures
/// drawn off screen where the browser has such canvases, else drawn on it.
fn surface() -> Result<(HtmlCanvasElement, Surface), JsValue> {
    let canvas = canvas_element()?;
    let offscreen = OffscreenCanvas::new(1, 1);
    // Asked for only with an off-screen 2-D context to be had: a canvas
    // that has one kind of context gives no other.
    if offscreen.is_ok_and(|o| o.get_context("2d").is_object()) {
        if let Ok(Some(shown)) = canvas.get_context("bitmaprenderer") {
            return Ok((canvas, Surface::Handed(shown.unchecked_into())));
        }
    }
    let context = context_2d(&canvas)?;
    Ok((canvas, Surface::Direct(context)))
}

/// Draws `land` again after each move, zoom and resize of `map`; scales it
/// during zoom animations (`zoomanim`) and flights (`zoom`).
fn wire(map: &Map, land: &Rc<RefCell<Land>>) {
    // A zoom ends with `moveend` too, and a view set anew with it.
    for event in ["moveend", "resize"] {
        let land = land.clone();
        let redraw = Closure::<dyn FnMut()>::new(move || {
            let Ok(mut land) = land.try_borrow_mut() else {
                return;
            };
            if let Err(error) = land.draw() {
                report(&error);
            }
        });
        map.on(event, redraw.as_ref());
        // The map and its land live as long as the page.
        redraw.forget();
    }
    let on_anim = {
        let land = land.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let center = js_sys::Reflect::get(&event, &"center".into());
            let zoom = js_sys::Reflect::get(&event, &"zoom".into())
                .ok()
                .and_then(|z| z.as_f64());
            let (Ok(center), Some(zoom), Ok(land)) = (center, zoom, land.try_borrow()) else {
                return;
            };
            if let Err(error) = land.follow(center.unchecked_ref(), zoom) {
                report(&error);
            }
        })
    };
    map.on("zoomanim", on_anim.as_ref());
    on_anim.forget();
    let on_zoom = {
        let (land, map) = (land.clone(), map.clone());
        Closure::<dyn FnMut()>::new(move || {
            let Ok(land) = land.try_borrow() else {
                return;
            };
            if let Err(error) = land.follow(&map.get_center(), map.get_zoom()) {
                report(&error);
            }
        })
    };
    map.on("zoom", on_zoom.as_ref());
    on_zoom.forget();
}

/// Says on the page that the land could not be drawn, and why.
pub fn report(error: &JsValue) {
    dom::show_alert(&format!(
        "The basemap could not be drawn: {}",
        dom::describe_js_error(error)
    ));
}
