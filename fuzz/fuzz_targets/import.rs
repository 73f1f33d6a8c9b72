//! Fuzzes the importer: any text, read as GeoJSON (with and without a date
//! order) the way the page and the command line read it, must give a
//! verdict and never panic; what loads must export, index and read back
//! the same, each feature's text as it came.
#![no_main]

use libfuzzer_sys::fuzz_target;
use troopmap::model::verdict::verdict;
use troopmap::{export_collection, read_collection_shared, DateOrder, ReadOptions, TimeIndex};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for date_order in [None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)] {
        let options = ReadOptions { date_order };
        let result = read_collection_shared("fuzz", text.to_owned(), options);
        let _ = verdict("fuzz", &result);
        let Ok(dataset) = result else { continue };
        let index = TimeIndex::of(&dataset.features);
        if let Some((first, last)) = index.date_range() {
            let _ = index.shown_on(first);
            let _ = index.change(first, last);
        }
        let exported = export_collection(&dataset, 0..dataset.features.len());
        // What was exported loads again, with the same features, each
        // written as it came.
        let again = read_collection_shared("again", exported, options).expect("an export reads back");
        assert_eq!(again.features.len(), dataset.features.len());
        for (a, b) in dataset.features.iter().zip(&again.features) {
            assert_eq!(&*a.raw, &*b.raw);
        }
    }
});
