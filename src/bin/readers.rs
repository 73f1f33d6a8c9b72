//! The page's readers of KML, GPX and CSV: a wasm module of their own,
//! loaded only when a file of those kinds is opened, so that the map's own
//! module stays small. One call, `convert`, gives JSON text
//! ([`troopmap::formats::relay`]).

#[cfg(target_arch = "wasm32")]
mod page {
    use troopmap::formats::{self, relay, Format};
    use troopmap::{DateOrder, ReadOptions};
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

    /// Converts file `name` holding `text` to GeoJSON in the data format;
    /// `date_order` is how the person asked dates like `03/04/2024` to be
    /// read (`day-first`, `month-first`, or none).
    #[wasm_bindgen]
    pub fn convert(name: &str, text: &str, date_order: &str) -> String {
        let options = ReadOptions {
            date_order: DateOrder::parse(date_order),
        };
        let format = Format::of(name, text);
        let result = formats::convert(format, name, text, options).unwrap_or_else(|| {
            // GeoJSON is the page's own to read; it is not sent here.
            Ok(formats::Converted {
                geojson: text.to_owned(),
                notes: Vec::new(),
            })
        });
        relay::to_json(&result)
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
