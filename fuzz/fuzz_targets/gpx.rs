//! Fuzzes the reader of GPX (see `read_as.rs`).
#![no_main]

#[path = "read_as.rs"]
mod read_as;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for name in ["fuzz.gpx"] {
        read_as::read_as(name, text);
    }
});
