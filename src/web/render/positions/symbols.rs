//! MIL-STD-2525 / APP-6 symbols, drawn by milsymbol (npm, pinned in
//! package.json, copied next to the page as `milsymbol.js`). The script is
//! loaded only when the data's sightings carry symbol codes, so a page
//! without them costs nothing more; until it has loaded, or if it cannot
//! load, units are drawn by their side's colour.
//!
//! Each code is drawn once, to a small canvas, and stamped from there.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use crate::scene::action::Action;
use crate::web::dispatch::Dispatch;
use crate::web::page::bindings::object;
use crate::web::page::dom;

/// Where the page finds milsymbol (see index.html).
const SCRIPT: &str = "milsymbol.js";

/// The size milsymbol draws a symbol's frame at, in CSS pixels.
const SYMBOL_SIZE: f64 = 18.0;

#[wasm_bindgen]
extern "C" {
    /// milsymbol's `ms.Symbol`.
    #[wasm_bindgen(js_namespace = ms, js_name = Symbol)]
    type MsSymbol;

    #[wasm_bindgen(constructor, js_namespace = ms, js_class = "Symbol", catch)]
    fn new(code: &str, options: &JsValue) -> Result<MsSymbol, JsValue>;

    #[wasm_bindgen(method, js_name = isValid)]
    fn is_valid(this: &MsSymbol) -> bool;

    #[wasm_bindgen(method, js_name = asCanvas, catch)]
    fn as_canvas(this: &MsSymbol, factor: f64) -> Result<HtmlCanvasElement, JsValue>;

    #[wasm_bindgen(method, js_name = getAnchor)]
    fn get_anchor(this: &MsSymbol) -> JsValue;
}

/// Whether milsymbol is there to draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    NotAsked,
    Loading,
    Ready,
    Failed,
}

/// A code drawn: its canvas, at `ratio` device pixels per CSS pixel, and
/// the point of it that stands on the unit's place, in CSS pixels.
pub struct Image {
    pub canvas: HtmlCanvasElement,
    pub anchor: [f64; 2],
    pub size: [f64; 2],
}

/// The symbols of the data's codes, drawn as they are first needed.
pub struct Symbols {
    script: Rc<Cell<Script>>,
    dispatch: Dispatch,
    /// By code (a [`crate::space::sightings::Sighting::symbol`]): not
    /// drawn yet, drawn, or not drawable (milsymbol finds it invalid).
    images: Vec<Option<Option<Image>>>,
    ratio: f64,
}

impl Symbols {
    /// None yet; once milsymbol has loaded, a frame is asked for through
    /// `dispatch`.
    pub fn new(dispatch: &Dispatch) -> Symbols {
        Symbols {
            script: Rc::new(Cell::new(Script::NotAsked)),
            dispatch: dispatch.clone(),
            images: Vec::new(),
            ratio: 1.0,
        }
    }

    /// Forgets what was drawn: the data has `codes` codes. With any,
    /// milsymbol is loaded, once.
    pub fn reset(&mut self, codes: usize) {
        self.images.clear();
        self.images.resize_with(codes, || None);
        if codes > 0 && self.script.get() == Script::NotAsked {
            if let Err(error) = self.load() {
                failed(&self.script, &dom::describe_js_error(&error));
            }
        }
    }

    /// Whether milsymbol is loaded, loading or failed.
    pub fn script(&self) -> Script {
        self.script.get()
    }

    /// Adds milsymbol's script to the page; when it has loaded, asks for a
    /// frame.
    fn load(&mut self) -> Result<(), JsValue> {
        let document = dom::document()?;
        let script = document.create_element("script")?;
        script.set_attribute("src", SCRIPT)?;
        let loaded = {
            let (state, dispatch) = (self.script.clone(), self.dispatch.clone());
            Closure::once_into_js(move || {
                state.set(Script::Ready);
                dispatch.send(Action::Draw);
            })
        };
        let failed = {
            let state = self.script.clone();
            Closure::once_into_js(move || failed(&state, ""))
        };
        script.add_event_listener_with_callback("load", loaded.unchecked_ref())?;
        script.add_event_listener_with_callback("error", failed.unchecked_ref())?;
        self.script.set(Script::Loading);
        let body = document
            .body()
            .ok_or_else(|| JsValue::from_str("the page has no body"))?;
        body.append_child(&script)?;
        Ok(())
    }

    /// The symbol of code number `symbol`, written `code`, at `ratio`
    /// device pixels per CSS pixel; `None` until milsymbol has loaded, or
    /// when it cannot draw the code.
    pub fn get(&mut self, symbol: u32, code: &str, ratio: f64) -> Option<&Image> {
        if self.script.get() != Script::Ready {
            return None;
        }
        if ratio != self.ratio {
            self.ratio = ratio;
            self.images.iter_mut().for_each(|image| *image = None);
        }
        let slot = self.images.get_mut(symbol as usize)?;
        if slot.is_none() {
            *slot = Some(draw(code, ratio));
        }
        slot.as_ref()?.as_ref()
    }
}

/// milsymbol could not be loaded (`why`, when known): said, and units are
/// drawn by their side's colour from now on.
fn failed(script: &Cell<Script>, why: &str) {
    script.set(Script::Failed);
    dom::show_alert(&format!(
        "The unit symbols could not be loaded ({SCRIPT}): units are drawn by their side's colour. {why}"
    ));
}

/// `code` drawn at `ratio`, if milsymbol finds it valid.
fn draw(code: &str, ratio: f64) -> Option<Image> {
    let symbol = MsSymbol::new(code, &object(&[("size", SYMBOL_SIZE.into())])).ok()?;
    if !symbol.is_valid() {
        return None;
    }
    let canvas = symbol.as_canvas(ratio).ok()?;
    let anchor = symbol.get_anchor();
    let coordinate = |key: &str| {
        js_sys::Reflect::get(&anchor, &key.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    let (x, y) = (coordinate("x")?, coordinate("y")?);
    let size = [
        f64::from(canvas.width()) / ratio,
        f64::from(canvas.height()) / ratio,
    ];
    Some(Image {
        canvas,
        anchor: [x, y],
        size,
    })
}
