//! "Record video": the days playing from the moment shown to the last,
//! each frame drawn from the scene as a picture (with its caption) on a
//! canvas whose stream a `MediaRecorder` encodes as WebM (VP9, else VP8).
//! Frames follow the wall clock, so the video plays at the chosen speed
//! and units move between days as smoothly as frames come.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobEvent, BlobPropertyBag, CanvasRenderingContext2d, HtmlCanvasElement, MediaRecorder,
    MediaRecorderOptions,
};

use crate::picture::basemap::Basemap;
use crate::picture::frame::Frame;
use crate::picture::link_at;
use crate::scene::action::Action;
use crate::scene::Scene;
use crate::space::framing::{follow, project, unproject, Padding, View};
use crate::web::dispatch::Dispatch;
use crate::web::input::share::mime_type;
use crate::web::input::timers::Clock;
use crate::web::page::{dom, download};
use crate::web::render::positions::symbols::Symbols;
use crate::web::share::{paint, picture_of, Request};

/// Milliseconds between frames: 25 a second.
const FRAME_MS: i32 = 40;
/// How long the view takes to fly to what the story brings, in
/// milliseconds of video.
const FLIGHT_MS: f64 = 800.0;
/// The part of a frame the caption covers, which following keeps clear:
/// the title and legend at the top, sources and link at the foot.
const CAPTION: Padding = Padding {
    top: 110.0,
    right: 30.0,
    bottom: 70.0,
    left: 30.0,
};
/// What the encoder may spend, in bits a second.
const BITS_PER_SECOND: u32 = 4_000_000;

/// A video being recorded.
pub struct Recording {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    recorder: MediaRecorder,
    request: Request,
    land: Rc<Basemap>,
    from: i64,
    to: i64,
    /// Seconds of the data's time per second of video.
    rate: f64,
    /// Where the view is flying, when a step brought features outside it
    /// (following the story): from, to, and when the flight began.
    flight: Option<(Frame, Frame, f64)>,
    /// When recording began, in the page's milliseconds.
    began: f64,
    clock: Clock,
    /// The video's pieces, as the encoder hands them over.
    pieces: Rc<RefCell<Vec<Blob>>>,
    name: String,
}

impl Recording {
    /// Starts recording the request's frame from moment `from` to `to` (seconds since
    /// 1970), `rate` seconds of the data per second of video; frames are
    /// asked for through `dispatch` ([`Action::RecordFrame`]), and the
    /// video is saved as `name` when it ends.
    pub fn start(
        request: Request,
        land: Rc<Basemap>,
        (from, to): (i64, i64),
        rate: f64,
        dispatch: &Dispatch,
        name: String,
    ) -> Result<Recording, JsValue> {
        let frame = request.frame;
        let mime = mime_type().ok_or_else(|| JsValue::from_str("no WebM encoder"))?;
        let (canvas, context) = paint::canvas()?;
        let (width, height) = frame.pixels();
        // Encoders want even sides.
        canvas.set_width(width & !1);
        canvas.set_height(height & !1);
        let stream = canvas.capture_stream_with_frame_request_rate(1000.0 / f64::from(FRAME_MS))?;
        let options = MediaRecorderOptions::new();
        options.set_mime_type(mime);
        options.set_video_bits_per_second(BITS_PER_SECOND);
        let recorder =
            MediaRecorder::new_with_media_stream_and_media_recorder_options(&stream, &options)?;
        let pieces: Rc<RefCell<Vec<Blob>>> = Rc::default();
        let on_data = {
            let pieces = pieces.clone();
            Closure::<dyn FnMut(BlobEvent)>::new(move |event: BlobEvent| {
                if let Some(data) = event.data().filter(|d| d.size() > 0.0) {
                    pieces.borrow_mut().push(data);
                }
            })
        };
        recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
        // Lives as long as the recorder, which may hand over its last piece
        // after the recording is dropped.
        on_data.forget();
        let mut clock = Clock::new(dispatch.clone(), || Action::RecordFrame);
        let recording = Recording {
            canvas,
            context,
            recorder,
            request,
            land,
            from,
            to,
            rate,
            flight: None,
            began: now(),
            clock: {
                clock.start(0.0)?;
                clock
            },
            pieces,
            name,
        };
        recording.recorder.start_with_time_slice(1000)?;
        show_progress(Some(0.0))?;
        Ok(recording)
    }

    /// The moment the video has reached by the clock, and whether it is
    /// the last.
    pub fn moment(&self) -> (i64, bool) {
        let seconds = (now() - self.began) / 1000.0;
        let moment = self.from + (seconds * self.rate) as i64;
        (moment.min(self.to), moment >= self.to)
    }

    /// Draws `scene` as the next frame (units' symbols from `symbols`),
    /// and shows how far the video is.
    pub fn draw(&self, scene: &Scene, symbols: &mut Symbols) -> Result<(), JsValue> {
        // Each frame's link opens its own day and view.
        let frame = self.frame_now();
        let request = Request {
            link: link_at(&self.request.link, &scene.when(), Some(&frame)),
            frame,
            ..self.request.clone()
        };
        let picture = picture_of(scene, &request, &self.land, &self.context);
        paint::paint(
            &picture,
            &self.canvas,
            &self.context,
            Some((symbols, scene.units_seen())),
        )?;
        let span = (self.to - self.from).max(1) as f64;
        show_progress(Some((scene.moment() - self.from) as f64 / span))
    }

    /// Follows the story: moves the view (over [`FLIGHT_MS`] of video) so
    /// that `target`, what a step brought onto the map, is in it, clear of
    /// the caption.
    pub fn follow(&mut self, target: geo::Rect<f64>) {
        let frame = self.frame_now();
        let view = View {
            center: frame.center,
            zoom: frame.zoom,
            width: frame.width,
            height: frame.height,
        };
        if let Some(to) = follow(&view, &CAPTION, target) {
            let end = Frame {
                center: to.center,
                zoom: to.zoom,
                ..frame
            };
            self.flight = Some((frame, end, now()));
        }
    }

    /// The view of the frame drawn now: where a flight has reached.
    fn frame_now(&self) -> Frame {
        let Some((from, to, began)) = self.flight else {
            return self.request.frame;
        };
        let t = ((now() - began) / FLIGHT_MS).clamp(0.0, 1.0);
        // Eased, and straight in the projected plane at the lower zoom.
        let t = t * t * (3.0 - 2.0 * t);
        let zoom = from.zoom.min(to.zoom);
        let (a, b) = (project(from.center, zoom), project(to.center, zoom));
        let at = geo::coord! { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
        Frame {
            center: unproject(at, zoom),
            zoom: from.zoom + (to.zoom - from.zoom) * t,
            ..from
        }
    }

    /// Asks for the next frame, a frame's time after this one was due.
    pub fn again(&mut self) -> Result<(), JsValue> {
        self.clock.next(f64::from(FRAME_MS))
    }

    /// Ends the video and saves it.
    pub fn finish(mut self) -> Result<(), JsValue> {
        self.clock.stop();
        let (pieces, name) = (self.pieces.clone(), self.name.clone());
        let on_stop = Closure::once_into_js(move || {
            let parts: js_sys::Array = pieces.borrow().iter().map(JsValue::from).collect();
            let options = BlobPropertyBag::new();
            options.set_type("video/webm");
            let saved = Blob::new_with_blob_sequence_and_options(&parts, &options)
                .and_then(|video| download::save_blob(&name, &video));
            if let Err(error) = saved {
                dom::show_alert(&format!(
                    "The video could not be saved: {}",
                    dom::describe_js_error(&error)
                ));
            }
        });
        self.recorder.set_onstop(Some(on_stop.unchecked_ref()));
        self.recorder.stop()?;
        show_progress(None)
    }

    /// Ends the video without saving it.
    pub fn cancel(mut self) -> Result<(), JsValue> {
        self.clock.stop();
        self.recorder.set_onstop(None);
        self.recorder.stop()?;
        show_progress(None)
    }
}

/// The page's clock, in milliseconds.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Shows the progress bar and Cancel at `done` (0 to 1), or hides them.
fn show_progress(done: Option<f64>) -> Result<(), JsValue> {
    let panel: web_sys::HtmlElement = dom::by_id("recording")?;
    panel.set_hidden(done.is_none());
    let button: web_sys::HtmlButtonElement = dom::by_id("record-video")?;
    button.set_disabled(done.is_some());
    if let Some(done) = done {
        let bar: web_sys::HtmlProgressElement = dom::by_id("record-progress")?;
        bar.set_value(done.clamp(0.0, 1.0));
    }
    Ok(())
}
