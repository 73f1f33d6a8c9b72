//! The page's readers of KML, GPX and CSV: a wasm module of their own,
//! loaded only when a file of those kinds is opened, so that the map's own
//! module stays small. One call, `convert`, gives JSON text
//! ([`troopmap::formats::relay`]).

#[cfg(target_arch = "wasm32")]
mod page {
    use troopmap::formats::{convert_xml, relay, Format};
    use wasm_bindgen::prelude::*;

    thread_local! {
        static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    /// Keeps the message of a panic, which the page asks for when a call
    /// fails: a bug's own words, for its report.
    pub fn keep_panics() {
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            PANIC.with(|p| *p.borrow_mut() = Some(message));
        }));
    }

    /// The message of the panic that stopped the last call, if one did.
    #[wasm_bindgen]
    pub fn last_panic() -> Option<String> {
        PANIC.with(|p| p.borrow_mut().take())
    }

    /// Converts file `name` holding `text` to GeoJSON in the data format.
    #[wasm_bindgen]
    pub fn convert(name: &str, text: &str) -> String {
        let format = Format::of(name, text);
        match convert_xml(format, name, text) {
            Some(result) => relay::to_json(&result),
            None => relay::to_json(&Err(troopmap::LoadError {
                file: name.to_owned(),
                problems: Vec::new(),
                left_out: 0,
            })),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    page::keep_panics();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("troopmap-readers runs in the page only; on the command line, use `troopmap validate` or `troopmap export`");
    std::process::exit(2);
}
