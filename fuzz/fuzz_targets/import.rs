//! Fuzzes the importer: any text, read as GeoJSON (with and without a date
//! order), must give a verdict and never panic; what loads must export,
//! index and read back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use troopmap::{export_collection, read_collection_with, verdict::verdict, DateOrder, ReadOptions, TimeIndex};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for date_order in [None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)] {
        let options = ReadOptions { date_order };
        let result = read_collection_with("fuzz", text, options);
        let _ = verdict("fuzz", &result);
        let Ok(dataset) = result else { continue };
        let index = TimeIndex::of(&dataset.features);
        if let Some((first, last)) = index.date_range() {
            let _ = index.shown_on(first);
            let _ = index.change(first, last);
        }
        let exported = export_collection(&dataset, 0..dataset.features.len());
        // What was exported loads again, with the same features.
        let again = read_collection_with("again", &exported, options).expect("an export reads back");
        assert_eq!(again.features.len(), dataset.features.len());
    }
    let _ = troopmap::csv::convert(text, &Default::default(), None);
});
