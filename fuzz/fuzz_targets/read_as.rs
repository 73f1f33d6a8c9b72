//! What every reader's fuzz target checks: `text`, read as a file named
//! `name` is read by the page and the command line, gets a verdict and
//! never panics; what loads exports as GeoJSON that reads back the same.

use troopmap::model::verdict::verdict;
use troopmap::{export_collection, formats, read_collection_shared, ReadOptions};

pub fn read_as(name: &str, text: &str) {
    let options = ReadOptions::default();
    let result = formats::read_file(name, text.to_owned(), options);
    let _ = verdict(name, &result);
    let Ok(dataset) = result else { return };
    let exported = export_collection(&dataset, 0..dataset.features.len());
    // ok: an export that does not read back is the bug the fuzzer looks for.
    let again = read_collection_shared("again", exported, options).expect("an export reads back");
    assert_eq!(again.features.len(), dataset.features.len());
    for (a, b) in dataset.features.iter().zip(&again.features) {
        assert_eq!(&*a.raw, &*b.raw);
    }
}
