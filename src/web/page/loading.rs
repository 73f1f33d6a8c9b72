//! Loading the data the link names, with the map already on the page: the
//! file's features read as its bytes arrive, a slice of time at a time,
//! the progress bar and the status line saying how far it has got, and
//! the page free to draw and answer between slices.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlElement, HtmlProgressElement};

use crate::formats::Format;
use crate::geojson::convention::ReadOptions;
use crate::geojson::read::stream::{NotUtf8, Streaming};
use crate::model::problem::LoadError;
use crate::model::Dataset;
use crate::number::{fixed, thousands};
use crate::web::page::dom;
use crate::web::page::packer::Packing;

/// How long the page reads features before it lets the browser draw and
/// handle events: under the 50 ms a task may take before a person feels
/// the page stall.
const SLICE_MS: f64 = 40.0;

/// Files up to this size (when known) are packed by the page itself.
const PACKED_HERE: usize = 1 << 20;

/// What was loaded: GeoJSON read, or the text of a file the readers
/// convert (KML, GPX, a table).
pub enum Loaded {
    Read(Result<Dataset, LoadError>),
    Other(String),
}

/// A progress bar (and, for the data the link names, the status line)
/// while a file loads.
pub struct Loading {
    progress: HtmlProgressElement,
    status: Option<HtmlElement>,
    name: String,
}

impl Loading {
    /// Shows the page's progress bar for `url`'s file.
    pub fn start(url: &str) -> Result<Loading, JsValue> {
        let progress: HtmlProgressElement = dom::by_id("load-progress")?;
        let loading = Loading {
            progress,
            status: Some(dom::by_id("status")?),
            name: url.rsplit('/').next().unwrap_or(url).to_owned(),
        };
        loading.begin(&format!("Loading {}…", loading.name))?;
        Ok(loading)
    }

    /// Shows `progress` (the import dialog's) while `name` loads.
    pub fn with(progress: HtmlProgressElement, name: &str) -> Result<Loading, JsValue> {
        let loading = Loading {
            progress,
            status: None,
            name: name.to_owned(),
        };
        loading.begin(&format!("Reading {name}"))?;
        Ok(loading)
    }

    fn begin(&self, text: &str) -> Result<(), JsValue> {
        self.progress.set_hidden(false);
        self.progress.remove_attribute("value")?;
        self.say(text);
        Ok(())
    }

    /// Says what is happening, on the status line (when it has one) and
    /// to assistive technology through the progress bar.
    pub fn say(&self, text: &str) {
        if let Some(status) = &self.status {
            status.set_text_content(Some(text));
        }
        let _ = self.progress.set_attribute("aria-valuetext", text);
    }

    /// Reads the answer to a fetch begun by
    /// [`crate::web::page::basemap::start_fetch`] (see [`Loading::stream`]).
    pub async fn load(
        &self,
        url: &str,
        pending: js_sys::Promise,
        options: ReadOptions,
    ) -> Result<Loaded, JsValue> {
        let response = crate::web::page::basemap::answer(url, JsFuture::from(pending).await?)?;
        let total = response
            .headers()
            .get("content-length")
            .ok()
            .flatten()
            .and_then(|n| n.trim().parse::<usize>().ok());
        let body = response
            .body()
            .ok_or_else(|| JsValue::from_str(&format!("{url}: the answer has no body")))?;
        self.stream(url, &body, total, options).await?.map_err(|e| {
            JsValue::from_str(&format!("{url}: not UTF-8 text (byte {})", e.valid_up_to))
        })
    }

    /// Reads a file's bytes from `body` as they arrive (never as a
    /// JavaScript string), GeoJSON feature by feature as each is whole, a
    /// slice of time at a time; gives what
    /// [`crate::geojson::read::read_collection_shared`] gives for the
    /// whole text, or the text of a file the readers convert (`name` and
    /// its first character tell).
    pub async fn stream(
        &self,
        name: &str,
        body: &web_sys::ReadableStream,
        total: Option<usize>,
        options: ReadOptions,
    ) -> Result<Result<Loaded, NotUtf8>, JsValue> {
        let mut reading = Streaming::new(name, options, total.unwrap_or(0));
        // The text of a file over a megabyte is packed on another thread
        // (see `packer`); a smaller one packs here in a few milliseconds,
        // without waiting for a worker to start.
        let mut packing = match total {
            Some(size) if size <= PACKED_HERE => None,
            _ => Packing::start(&mut reading),
        };
        let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        let mut slice = Slice::new();
        loop {
            let chunk = JsFuture::from(reader.read()).await?;
            if js_sys::Reflect::get(&chunk, &"done".into())?.is_truthy() {
                break;
            }
            let piece: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())?.into();
            reading.push(&piece.to_vec());
            if let Some(packing) = &packing {
                packing.send(&piece);
            }
            if let Some(packing) = &packing {
                packing.hand(&mut reading);
            }
            // Once the reading packs itself (the worker failed, or the file
            // is read whole), the worker ends.
            packing = packing.filter(|_| reading.packs_elsewhere());
            // The features now whole, read until the slice is spent.
            while !reading.step(100) {
                slice.end(|| self.show(&reading, total)).await?;
            }
            slice.end(|| self.show(&reading, total)).await?;
        }
        if let Some(packing) = packing {
            packing.finish(&mut reading).await?;
        }
        if Format::for_the_readers(name, reading.head()) {
            return Ok(reading.into_text().map(Loaded::Other));
        }
        Ok(reading.finish().map(Loaded::Read))
    }

    /// Reads GeoJSON text (a file the readers converted) a slice of time
    /// at a time.
    pub async fn read_text(
        &self,
        name: &str,
        text: String,
        options: ReadOptions,
    ) -> Result<Result<Dataset, LoadError>, JsValue> {
        let mut reading = Streaming::whole(name, options, text);
        let mut slice = Slice::new();
        while !reading.step(100) {
            slice.end(|| self.show(&reading, None)).await?;
        }
        reading
            .finish()
            .map_err(|e| JsValue::from_str(&format!("{name}: not UTF-8 (byte {})", e.valid_up_to)))
    }

    /// How far the loading has got: bytes of the file, features read.
    fn show(&self, reading: &Streaming, total: Option<usize>) {
        let mb = |n: usize| fixed(n as f64 / 1e6, 1);
        let features = thousands(reading.features());
        let bytes = reading.bytes();
        let so_far = match total {
            Some(total) if total > 0 => {
                self.progress.set_max(total as f64);
                self.progress.set_value(bytes as f64);
                format!("{} of {} MB", mb(bytes), mb(total))
            }
            _ => format!("{} MB", mb(bytes)),
        };
        self.say(&format!(
            "Loading {}: {so_far}, {features} features",
            self.name
        ));
    }

    /// Hides the progress bar; the status line goes on to say what is
    /// shown.
    pub fn done(&self) {
        self.progress.set_hidden(true);
    }
}

/// A slice of the page's time: work goes on until it is spent.
struct Slice {
    began: f64,
}

impl Slice {
    fn new() -> Slice {
        Slice {
            began: js_sys::Date::now(),
        }
    }

    /// Once the slice is spent: `show` how far the work has got, let the
    /// page draw and answer, and begin the next.
    async fn end(&mut self, show: impl FnOnce()) -> Result<(), JsValue> {
        if js_sys::Date::now() - self.began < SLICE_MS {
            return Ok(());
        }
        show();
        yield_to_page().await?;
        self.began = js_sys::Date::now();
        Ok(())
    }
}

/// Waits until the browser has painted a frame: the next animation frame,
/// then a message after it (which comes once that frame is painted).
pub async fn painted() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let mut schedule = |resolve: js_sys::Function, _reject: js_sys::Function| {
        let _ = window.request_animation_frame(&resolve);
    };
    JsFuture::from(js_sys::Promise::new(&mut schedule)).await?;
    yield_to_page().await
}

/// Lets the browser handle events and draw before going on: a message to
/// the page itself, which (unlike a timer) is not held back when pauses
/// follow one another.
pub async fn yield_to_page() -> Result<(), JsValue> {
    let channel = web_sys::MessageChannel::new()?;
    let mut schedule = |resolve: js_sys::Function, _reject: js_sys::Function| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&JsValue::NULL);
    };
    JsFuture::from(js_sys::Promise::new(&mut schedule))
        .await
        .map(|_| ())
}
