//! Fuzzes the readers of tables: any text, read as a `.csv` file and as a
//! `.json` file (a JSON array of records, or else GeoJSON) the way the
//! page and the command line read them, must give a verdict and never
//! panic; what loads must export as GeoJSON that reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use troopmap::model::verdict::verdict;
use troopmap::{export_collection, formats, read_collection_shared, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let options = ReadOptions::default();
    for name in ["fuzz.csv", "fuzz.json"] {
        let result = formats::read_file(name, text.to_owned(), options);
        let _ = verdict(name, &result);
        let Ok(dataset) = result else { continue };
        let exported = export_collection(&dataset, 0..dataset.features.len());
        let again = read_collection_shared("again", exported, options).expect("an export reads back");
        assert_eq!(again.features.len(), dataset.features.len());
        for (a, b) in dataset.features.iter().zip(&again.features) {
            assert_eq!(&*a.raw, &*b.raw);
        }
    }
});
