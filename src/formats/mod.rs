//! Files that are not GeoJSON — KML, GPX, CSV tables and JSON arrays of
//! records — turned into GeoJSON in the data format, which the map then
//! reads as it reads any GeoJSON file.
//!
//! Which kind a file is comes from its name's extension, or, failing that,
//! from how its text begins ([`Format::of`]). Converting gives the GeoJSON
//! text and notes on what the conversion met ([`Converted`]); the notes
//! join the file's warnings when it loads ([`read_file`]).

use std::sync::Arc;

use crate::geojson::convention::ReadOptions;
use crate::geojson::read::Reader;
use crate::model::problem::{LoadError, Problem};
use crate::model::Dataset;

#[cfg(feature = "readers")]
pub use crate::geojson::csv::{convert_table, read_table, Columns};

/// The kinds of file the map reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GeoJSON, read as it is.
    GeoJson,
    /// KML (Google Earth, My Maps).
    Kml,
    /// GPX (GPS tracks, routes and waypoints).
    Gpx,
    /// A CSV table of dated positions.
    Csv,
    /// A JSON array of records (objects with a latitude, a longitude, a
    /// date…), as projects publish events.
    Records,
}

impl Format {
    /// The kind of file `name` is, by its extension, or else by how `text`
    /// begins: `<` for XML (KML or GPX by its root element), `{` or `[` for
    /// JSON — an array whose first element is an object other than GeoJSON
    /// being records, whatever the extension but `.geojson` —, anything
    /// else a table.
    ///
    /// ```
    /// use troopmap::formats::Format;
    /// assert_eq!(Format::of("a.kml", ""), Format::Kml);
    /// assert_eq!(Format::of("track", "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">"), Format::Gpx);
    /// assert_eq!(Format::of("x.json", "{}"), Format::GeoJson);
    /// assert_eq!(Format::of("seen.tsv", "lat\tlon"), Format::Csv);
    /// assert_eq!(Format::of("events.json", "[{\"lat\": 48.5}]"), Format::Records);
    /// assert_eq!(Format::of("x.json", "[{\"type\": \"Feature\"}]"), Format::GeoJson);
    /// ```
    #[cfg(feature = "readers")]
    pub fn of(name: &str, text: &str) -> Format {
        let extension = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "kml" => return Format::Kml,
            "gpx" => return Format::Gpx,
            "csv" | "tsv" => return Format::Csv,
            "geojson" => return Format::GeoJson,
            _ => {}
        }
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('<') {
            let mut end = head.len().min(4096);
            while !head.is_char_boundary(end) {
                end -= 1;
            }
            if head[..end].contains("<gpx") {
                Format::Gpx
            } else {
                Format::Kml
            }
        } else if crate::geojson::csv::sniff::is_records(head) {
            Format::Records
        } else if head.starts_with('{') || head.starts_with('[') || extension == "json" {
            Format::GeoJson
        } else {
            Format::Csv
        }
    }

    /// Whether the page hands file `name` to the readers module, told
    /// cheaply, from its extension and first character: every kind but
    /// GeoJSON; a JSON array too, which the readers tell apart (records,
    /// or GeoJSON given back as it is, to be refused as it would be).
    ///
    /// ```
    /// use troopmap::formats::Format;
    /// assert!(!Format::for_the_readers("a.geojson", "[1]"));
    /// assert!(Format::for_the_readers("events.json", " [{\"lat\": 1}]"));
    /// assert!(!Format::for_the_readers("data.json", "{\"type\": \"FeatureCollection\"}"));
    /// assert!(Format::for_the_readers("seen.txt", "lat,lon"));
    /// ```
    pub fn for_the_readers(name: &str, text: &str) -> bool {
        let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
        if extension.eq_ignore_ascii_case("geojson") {
            return false;
        }
        let head = text.trim_start_matches('\u{feff}').trim_start();
        !head.starts_with('{') || Format::named_for_the_readers(name)
    }

    /// Whether `name` says a file the readers convert: `.kml`, `.gpx`,
    /// `.csv` or `.tsv`, in any case.
    ///
    /// ```
    /// use troopmap::formats::Format;
    /// assert!(Format::named_for_the_readers("track.GPX"));
    /// assert!(!Format::named_for_the_readers("seen.geojson"));
    /// ```
    pub fn named_for_the_readers(name: &str) -> bool {
        let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
        ["kml", "gpx", "csv", "tsv"]
            .iter()
            .any(|e| extension.eq_ignore_ascii_case(e))
    }
}

/// A file turned into GeoJSON in the data format, with what the
/// conversion has to tell (warnings, each with where).
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// A FeatureCollection's text.
    pub geojson: String,
    /// What the person should know: the file's warnings from converting.
    pub notes: Vec<Problem>,
}

/// Converts a file that is not GeoJSON (KML, GPX, a table, with the
/// columns found by their names); `None` for GeoJSON, which is read as it
/// is.
#[cfg(feature = "readers")]
pub fn convert(
    format: Format,
    file: &str,
    text: &str,
    options: ReadOptions,
) -> Option<Result<Converted, LoadError>> {
    let result = match format {
        Format::Kml => kml::convert(text),
        Format::Gpx => gpx::convert(text),
        Format::Csv | Format::Records => {
            return Some(convert_table(file, text, &Columns::default(), options))
        }
        Format::GeoJson => return None,
    };
    Some(result.map_err(|problems| LoadError::of(file, problems)))
}

/// Reads a file of any kind the map reads, as the command line does:
/// GeoJSON as it is, other kinds converted first.
#[cfg(feature = "readers")]
pub fn read_file(file: &str, text: String, options: ReadOptions) -> Result<Dataset, LoadError> {
    let format = Format::of(file, &text);
    match convert(format, file, &text, options) {
        Some(converted) => read_converted(file, converted?, options),
        None => crate::geojson::read::read_collection_shared(file, text, options),
    }
}

/// Reads the GeoJSON that a conversion wrote, with the conversion's notes
/// first among the file's warnings.
pub fn read_converted(
    file: &str,
    converted: Converted,
    options: ReadOptions,
) -> Result<Dataset, LoadError> {
    let mut data = Reader::new_shared(file, &Arc::new(converted.geojson), options).finish()?;
    with_notes(&mut data, converted.notes);
    Ok(data)
}

/// Puts `notes` before the data's own warnings, within the cap on how many
/// are listed.
pub fn with_notes(data: &mut Dataset, notes: Vec<Problem>) {
    if notes.is_empty() {
        return;
    }
    let mut all = notes;
    all.append(&mut data.warnings);
    let (kept, left_out) = crate::model::problem::capped(all);
    data.warnings = kept;
    data.warnings_left_out += left_out;
    for file in &mut data.files {
        file.warnings = data.warnings.len() + data.warnings_left_out;
    }
}

#[cfg(feature = "readers")]
pub mod cause;
#[cfg(feature = "readers")]
pub mod gpx;
#[cfg(feature = "readers")]
pub mod kml;
pub mod relay;
#[cfg(feature = "readers")]
pub mod xml;
