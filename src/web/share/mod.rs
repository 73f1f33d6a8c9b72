//! Sharing what the map shows: "Save image" (a PNG of the view, with its
//! caption) and "Record video" (a WebM of the days playing), both drawn
//! from the scene by [`crate::picture`] and painted on a 2-D canvas
//! ([`paint`]).

pub mod paint;
pub mod record;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::picture::basemap::Basemap;
use crate::picture::frame::Frame;
use crate::picture::png_text::with_text;
use crate::picture::{compose, image_name, video_name, Picture, Setting};
use crate::scene::action::Action;
use crate::scene::Scene;
use crate::web::dispatch::Dispatch;
use crate::web::page::{basemap, dom, download};
use crate::web::render::positions::symbols::Symbols;

use crate::web::BASEMAP_URL;

/// The basemap's polygons for pictures: read once, the first time a
/// picture is made.
#[derive(Clone, Default)]
pub struct Countries(Rc<RefCell<Loading>>);

#[derive(Default)]
enum Loading {
    #[default]
    Not,
    Under,
    Done(Rc<Basemap>),
}

impl Countries {
    /// The polygons, when read; else starts reading them and, once read,
    /// sends `then` through `dispatch`.
    pub fn get(&self, dispatch: &Dispatch, then: fn() -> Action) -> Option<Rc<Basemap>> {
        let state = &self.0;
        match &*state.borrow() {
            Loading::Done(map) => return Some(map.clone()),
            Loading::Under => return None,
            Loading::Not => {}
        }
        *state.borrow_mut() = Loading::Under;
        let (state, dispatch) = (state.clone(), dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let read = match basemap::start_fetch(BASEMAP_URL) {
                Ok(pending) => basemap::read_utf8(BASEMAP_URL, pending).await.ok(),
                Err(_) => None,
            };
            let map = read.as_deref().and_then(Basemap::read);
            if map.is_none() {
                dom::show_alert(
                    "The basemap could not be read for the picture: it is drawn without land.",
                );
            }
            *state.borrow_mut() = Loading::Done(Rc::new(map.unwrap_or_default()));
            dispatch.send(then());
        });
        None
    }
}

/// What the page asks for: the link's state, the moment, the view and
/// the size of the picture, as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The address's fragment: the day, the mode, the filters, the units.
    pub fragment: String,
    /// The moment shown (seconds since 1970).
    pub moment: i64,
    pub frame: Frame,
    /// Whether the online OpenStreetMap tiles are on in the map.
    pub online_tiles: bool,
    /// The address that reopens the view.
    pub link: String,
    /// Days (or, for data stepped by the clock, steps) a second of video
    /// plays.
    pub speed: f64,
    /// The last day a video shows, when not the data's last.
    pub until: Option<crate::time::Day>,
}

impl Request {
    /// Reads the page's JSON; `None` when a part is missing.
    pub fn read(json: &str) -> Option<Request> {
        let value: serde_json::Value = serde_json::from_str(json).ok()?;
        let number = |key: &str| value.get(key).and_then(serde_json::Value::as_f64);
        let pair = |key: &str| {
            let list = value.get(key)?.as_array()?;
            Some((list.first()?.as_f64()?, list.get(1)?.as_f64()?))
        };
        let (lon, lat) = pair("center")?;
        let pixels = pair("pixels").map(|(w, h)| (w as u32, h as u32));
        Some(Request {
            fragment: value.get("fragment")?.as_str()?.to_owned(),
            moment: number("moment")? as i64,
            frame: Frame::of_view(
                geo::coord! { x: lon, y: lat },
                number("zoom")?,
                pair("size")?,
                number("ratio")?,
                pixels,
            ),
            online_tiles: value
                .get("online_tiles")
                .and_then(serde_json::Value::as_bool)
                == Some(true),
            link: value.get("link")?.as_str()?.to_owned(),
            speed: number("speed").filter(|s| *s > 0.0).unwrap_or(2.0),
            until: value
                .get("until")
                .and_then(serde_json::Value::as_str)
                .and_then(|d| crate::time::Day::parse(d).ok()),
        })
    }
}

/// The picture of `scene` the request frames, measured on `context`.
pub fn picture_of(
    scene: &Scene,
    request: &Request,
    countries: &Basemap,
    context: &web_sys::CanvasRenderingContext2d,
) -> Picture {
    let setting = Setting {
        frame: request.frame,
        basemap: Some(countries),
        online_tiles: request.online_tiles,
        link: request.link.clone(),
    };
    compose(scene, &setting, &|text, font| {
        paint::measure(context, text, font)
    })
}

/// Saves the picture of `scene` the request asks for as a PNG.
pub fn save_image(
    scene: &Scene,
    request: &Request,
    land: &Basemap,
    symbols: &mut Symbols,
) -> Result<(), JsValue> {
    let (canvas, context) = paint::canvas()?;
    let picture = picture_of(scene, request, land, &context);
    paint::paint(
        &picture,
        &canvas,
        &context,
        Some((symbols, scene.units_seen())),
    )?;
    let name = image_name(&scene.when());
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = save_png(&canvas, &picture, &name).await {
            dom::show_alert(&format!(
                "The picture could not be saved: {}",
                dom::describe_js_error(&error)
            ));
        }
    });
    Ok(())
}

/// Starts the video of `scene` from its moment (from the first, when the
/// last is shown) to its last, at the request's speed.
pub fn start_video(
    scene: &Scene,
    request: &Request,
    land: Rc<Basemap>,
    dispatch: &Dispatch,
) -> Result<record::Recording, JsValue> {
    if let Some(why) = crate::web::input::share::cannot_record() {
        return Err(JsValue::from_str(&why));
    }
    let steps = scene.steps();
    let last = steps.moment(steps.last());
    let from = scene.play_start().unwrap_or(scene.moment());
    // Until the end of the day chosen, when it is before the last.
    let to = match request.until {
        Some(day) => (day.next().start_seconds() - 1).clamp(from, last),
        None => last,
    };
    if to <= from {
        return Err(JsValue::from_str(&format!(
            "the video would end before it starts: it plays from {} (the day shown), so choose a later day to end it",
            steps.label(from)
        )));
    }
    let every = if steps.is_daily() {
        crate::time::SECONDS_PER_DAY
    } else {
        steps.every()
    };
    let name = video_name(&steps.label(from), &steps.label(to));
    record::Recording::start(
        request.clone(),
        land,
        (from, to),
        request.speed * every as f64,
        dispatch,
        name,
    )
}

/// The canvas as a PNG with the picture's words in it, downloaded.
async fn save_png(
    canvas: &web_sys::HtmlCanvasElement,
    picture: &Picture,
    name: &str,
) -> Result<(), JsValue> {
    let canvas = canvas.clone();
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = canvas.to_blob(&resolve);
    });
    let blob: web_sys::Blob = JsFuture::from(promise).await?.dyn_into()?;
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let bytes = with_text(&bytes, &picture.text).unwrap_or(bytes);
    download::save_bytes(name, "image/png", &bytes)
}
