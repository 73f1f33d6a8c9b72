//! Fuzzes the readers of tables: each input read as a `.csv` file and as
//! a `.json` file (a JSON array of records, or else GeoJSON); see
//! `read_as.rs`.
#![no_main]

#[path = "read_as.rs"]
mod read_as;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for name in ["fuzz.csv", "fuzz.json"] {
        read_as::read_as(name, text);
    }
});
