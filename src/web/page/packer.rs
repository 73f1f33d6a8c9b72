//! The packer worker: packs the text of a file the page reads as it
//! arrives on another thread, with this same wasm module, so that the
//! page's own thread only reads it.
//!
//! `assets/troopmap-packer.js` is both sides' script. In the page it
//! gives `troopmapPacker`, which starts the worker; in the worker it
//! instantiates the module the page sends it and calls the functions
//! below: nothing else of the module runs there. The page sends it each
//! piece of the file after taking the piece itself, and takes the blocks
//! it answers with as they come
//! ([`crate::geojson::read::stream::Streaming::adopt`]); the reading keeps
//! the bytes as they are until their blocks come. Should the worker not
//! start, or fail, the page packs the rest itself.

use std::cell::RefCell;

use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::geojson::read::stream::{Streaming, BLOCK};
use crate::model::raw::Framer;

thread_local! {
    /// The worker's packer (in the page's own instance, never used).
    static FRAMER: RefCell<Framer> = RefCell::default();
}

/// In the worker: room for the next `len` bytes of the file, which the
/// worker writes there.
#[no_mangle]
pub extern "C" fn troopmap_pack_room(len: usize) -> *mut u8 {
    FRAMER.with_borrow_mut(|framer| framer.room(len).as_mut_ptr())
}

/// In the worker: packs the bytes written, all of them at the file's end
/// (`all` not 0); gives the length of the frames written, which
/// [`troopmap_pack_frames`] points at.
#[no_mangle]
pub extern "C" fn troopmap_pack(all: u32) -> usize {
    FRAMER.with_borrow_mut(|framer| framer.pack(BLOCK, all != 0).len())
}

/// In the worker: where the frames the last packing wrote are.
#[no_mangle]
pub extern "C" fn troopmap_pack_frames() -> *const u8 {
    FRAMER.with_borrow(|framer| framer.frames().as_ptr())
}

/// The page's side of a packer worker, for one file; the worker ends with
/// it.
pub struct Packing(JsValue);

impl Packing {
    /// Starts a worker that packs what `reading` takes from now on;
    /// `None` when none can start (the reading then packs its bytes).
    pub fn start(reading: &mut Streaming) -> Option<Packing> {
        let start: Function = Reflect::get(&js_sys::global(), &"troopmapPacker".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let packing = Packing(start.call1(&JsValue::NULL, &wasm_bindgen::module()).ok()?);
        reading.pack_elsewhere();
        Some(packing)
    }

    /// Calls the worker's side `method`, with `piece` when there is one.
    fn call(&self, method: &str, piece: &JsValue) -> Result<JsValue, JsValue> {
        let method: Function = Reflect::get(&self.0, &method.into())?.dyn_into()?;
        method.call1(&self.0, piece)
    }

    /// Gives the worker `piece`, which the reading has taken (so it is
    /// moved to the worker, not copied).
    pub fn send(&self, piece: &Uint8Array) {
        let _ = self.call("send", piece);
    }

    /// Hands `reading` the blocks packed so far; once the worker failed,
    /// the reading packs the rest itself.
    pub fn hand(&self, reading: &mut Streaming) {
        loop {
            match self.call("take", &JsValue::NULL) {
                Ok(frames) if frames.is_undefined() => return,
                Ok(frames) if frames.is_instance_of::<Uint8Array>() => {
                    reading.adopt(&Uint8Array::from(frames).to_vec());
                }
                _ => return reading.pack_here(),
            }
        }
    }

    /// The file has ended: waits until the worker has packed the rest
    /// and hands it to `reading` (which packs what is left itself, should
    /// the worker fail, or say nothing for ten seconds), then ends the
    /// worker. The `packed` mark says that the worker packed the whole
    /// file.
    pub async fn finish(self, reading: &mut Streaming) -> Result<(), JsValue> {
        // A reading that gave up has no use for the rest.
        if !reading.packs_elsewhere() {
            return Ok(());
        }
        JsFuture::from(js_sys::Promise::from(self.call("end", &JsValue::NULL)?)).await?;
        self.hand(reading);
        if reading.packs_elsewhere() {
            crate::web::mark("packed");
        }
        reading.pack_here();
        Ok(())
    }
}

impl Drop for Packing {
    fn drop(&mut self) {
        let _ = self.call("stop", &JsValue::NULL);
    }
}
