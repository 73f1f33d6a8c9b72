//! Tables of dated positions — CSV, and JSON arrays of records — turned
//! into GeoJSON in the data format.
//!
//! A CSV table's values are parted by commas, or by semicolons or tabs
//! when the header has more of those. Columns are found by their header
//! (`latitude`/`lat`/`y`, `longitude`/`lon`/`lng`/`long`/`x`, `date`/
//! `time`/`datetime`/`timestamp`/`start`, `end`, `name`/`title`), or named
//! by the caller. Every other column is kept as a text property, under
//! another name when the map reads its own (with a note). A JSON array of
//! records is read the same way, its fields as columns ([`records`]).
//! Every bad row is told, by its line (or record) and column.

pub(crate) mod error;
mod layout;
pub mod records;
mod row;
pub mod sniff;
mod table;

pub use error::{CsvError, Place, Table};

use crate::formats::Converted;
use crate::geojson::convention::{DateOrder, ReadOptions};
use crate::model::problem::LoadError;
use crate::model::Dataset;
use layout::Layout;
use row::{Cell, Row};
use table::{refused, Converting};

/// Which columns hold what; `None` means "find it by its header".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub name: Option<String>,
}

/// Converts `text`, the content of `file`, by what it holds: a JSON array
/// of records ([`records::convert`]) or a CSV table ([`convert`]). Any
/// other text — a JSON object, XML, a binary file — is refused in one
/// line that says how it begins.
///
/// ```
/// use troopmap::geojson::csv::convert_table;
/// let error = convert_table("events.json", r#"{"type": "FeatureCollection", "features": []}"#,
///     &Default::default(), Default::default()).unwrap_err();
/// assert_eq!(
///     error.problems[0].to_string(),
///     r#"not a CSV table or a JSON array of records: it begins with "{\"type\": \"FeatureCollection\", \"f…""#
/// );
/// ```
pub fn convert_table(
    file: &str,
    text: &str,
    columns: &Columns,
    options: ReadOptions,
) -> Result<Converted, LoadError> {
    let order = options.date_order;
    if sniff::is_records(text) {
        records::convert(file, text, columns, order)
    } else if sniff::may_be_csv(text) {
        convert(file, text, columns, order)
    } else {
        Err(refused(file, CsvError::not_a_table(text)))
    }
}

/// Reads `text`, the content of `file`, as the map reads a table: its
/// columns found by their names, converted ([`convert_table`]), then read
/// as GeoJSON with the conversion's notes among its warnings.
///
/// ```
/// let text = "lat,lon,date,description\n43.1,131.9,2024-10-18,seen at the port\n";
/// let data = troopmap::formats::read_table("seen.csv", text, Default::default()).unwrap();
/// assert_eq!(data.features.len(), 1);
/// assert_eq!(
///     data.warnings[0].to_string(),
///     "column \"description\" is kept as \"csv:description\": the map reads \"description\" itself"
/// );
/// ```
pub fn read_table(file: &str, text: &str, options: ReadOptions) -> Result<Dataset, LoadError> {
    let converted = convert_table(file, text, &Columns::default(), options)?;
    crate::formats::read_converted(file, converted, options)
}

/// Reads `text` as CSV (RFC 4180: commas — or semicolons or tabs —,
/// double quotes, CRLF or LF, a byte-order mark skipped) and writes a
/// FeatureCollection of points, one for each row; or refuses `file` with
/// a problem for each bad row, which says its line and column.
///
/// ```
/// use troopmap::geojson::csv::{convert, CsvError, Place};
/// use troopmap::Cause;
/// let csv = "name,lat,lon,date\nVladivostok,43.115,131.885,2024-10-18\n";
/// let converted = convert("seen.csv", csv, &Default::default(), None).unwrap();
/// let data = troopmap::read_collection("converted", &converted.geojson).unwrap();
/// assert_eq!(data.features[0].label(), "Vladivostok");
/// assert_eq!(data.features[0].span.first_day().unwrap().to_string(), "2024-10-18");
/// let error = convert("seen.csv", "lat,lon\n95,131.9\n43.1,200\n", &Default::default(), None).unwrap_err();
/// assert!(matches!(
///     &error.problems[0].cause,
///     Cause::Table(CsvError::OutOfRange { at: Place::Line(2), .. })
/// ));
/// assert_eq!(
///     error.to_string(),
///     "seen.csv was not loaded: 2 problems\n  \
///      error: line 2, column \"lat\": 95 is outside -90..90\n  \
///      error: line 3, column \"lon\": 200 is outside -180..180"
/// );
/// ```
pub fn convert(
    file: &str,
    text: &str,
    columns: &Columns,
    order: Option<DateOrder>,
) -> Result<Converted, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        None => return Err(refused(file, CsvError::Empty)),
        Some(Err(error)) => return Err(refused(file, reader_error(&error))),
        Some(Ok(header)) => header.iter().map(|h| h.trim().to_owned()).collect(),
    };
    let layout = Layout::find(Table::Csv, header, columns).map_err(|e| refused(file, e))?;
    let width = layout.header.len();
    let mut converting = Converting::new(layout, order);
    let decimal_comma = delimiter != b',';
    let convert_row = |converting: &mut Converting, record: &csv::StringRecord| {
        let (_, line) = start(text, record);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            return;
        }
        if record.len() != width {
            return converting.refuse(CsvError::RowLength {
                line,
                values: record.len(),
                columns: width,
            });
        }
        converting.row(&Row {
            at: Place::Line(line),
            cells: record.iter().map(Cell::Text).enumerate().collect(),
            decimal_comma,
        });
    };
    // Each row is converted once the next is read: the last is checked
    // for a quoted value left open, which the reader takes to the end.
    let mut last: Option<csv::StringRecord> = None;
    for record in records {
        match record {
            Ok(record) => {
                if let Some(previous) = last.replace(record) {
                    convert_row(&mut converting, &previous);
                }
            }
            Err(error) => converting.refuse(reader_error(&error)),
        }
    }
    if let Some(record) = last {
        let (byte, line) = start(text, &record);
        if open_quote(text.get(byte..).unwrap_or(""), delimiter) {
            converting.refuse(CsvError::Unclosed { line });
        } else {
            convert_row(&mut converting, &record);
        }
    }
    converting.finish(file)
}

/// Where `record` starts in `text`: its first byte and line (from 1). The
/// reader's position is where it began reading, before the line ends and
/// blank lines it skips.
fn start(text: &str, record: &csv::StringRecord) -> (usize, usize) {
    let Some(position) = record.position() else {
        return (0, 0);
    };
    let (mut byte, mut line) = (position.byte() as usize, position.line() as usize);
    let skipped = text.get(byte..).unwrap_or("");
    for b in skipped.bytes().take_while(|b| matches!(b, b'\r' | b'\n')) {
        byte += 1;
        line += usize::from(b == b'\n');
    }
    (byte, line)
}

/// The CSV reader's refusal in a row's words.
fn reader_error(error: &csv::Error) -> CsvError {
    CsvError::Reader {
        line: error.position().map_or(0, |p| p.line() as usize),
        reason: error.to_string(),
    }
}

/// Whether the text of a record ends inside a quoted value: a quote that
/// opens a value and none that closes it (`""` inside is a quote).
fn open_quote(record: &str, delimiter: u8) -> bool {
    let (mut quoted, mut at_start) = (false, true);
    let mut bytes = record.bytes().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' && bytes.next_if_eq(&b'"').is_none() {
                quoted = false;
            }
        } else if b == b'"' && at_start {
            (quoted, at_start) = (true, false);
        } else {
            at_start = b == delimiter || b == b'\n' || b == b'\r';
        }
    }
    quoted
}

/// The byte that parts the values: a comma, or a semicolon or tab when
/// the header line has more of those (as spreadsheets write in languages
/// where the comma is the decimal point).
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts {
        [c, s, t] if s > c && s >= t => b';',
        [c, _, t] if t > c => b'\t',
        _ => b',',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geojson::convention::InstantError;
    use crate::model::problem::Problem;
    use crate::Cause;

    /// Converts with the columns found by their headers and no date order:
    /// the GeoJSON, or the first problem in its words.
    fn convert_plain(text: &str) -> Result<String, String> {
        convert("t.csv", text, &Columns::default(), None)
            .map(|converted| converted.geojson)
            .map_err(|e| e.problems[0].to_string())
    }

    /// The rows the reader gives, as cells with the line each starts on,
    /// through the conversion: each row's cells, kept under their headers.
    fn rows(text: &str) -> Vec<(String, Vec<String>)> {
        let converted = convert("t.csv", text, &Columns::default(), None).unwrap();
        let data = crate::read_collection("t.csv", &converted.geojson).unwrap();
        data.features
            .iter()
            .map(|f| {
                let object = f.object();
                let properties = object["properties"].as_object().unwrap();
                let cells = properties
                    .values()
                    .map(|v| v.as_str().unwrap_or_default().to_owned());
                (f.id.as_ref().unwrap().to_string(), cells.collect())
            })
            .collect()
    }

    /// The cause of each of the refusal's problems.
    fn causes(text: &str) -> Vec<CsvError> {
        let error = convert("t.csv", text, &Columns::default(), None).unwrap_err();
        error
            .problems
            .into_iter()
            .filter_map(|p| match p.cause {
                Cause::Table(error) => Some(error),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn quotes_commas_and_line_breaks_inside_values() {
        let got = rows("lat,lon,a,b\r\n1,2,\"x, \"\"y\"\"\",\"two\nlines\"\n1,2,c,d\n");
        assert_eq!(
            got,
            vec![
                (
                    "row:2".to_owned(),
                    vec!["x, \"y\"".to_owned(), "two\nlines".into()]
                ),
                // The row after a value with a line break starts on line 4.
                ("row:4".to_owned(), vec!["c".to_owned(), "d".into()]),
            ]
        );
        let error = convert_plain("lat,lon\n1,2\n\"open,3\n").unwrap_err();
        assert_eq!(error, "line 3: a quoted value is never closed");
        // A quote inside a value, not at its start, is a quote.
        let got = rows("lat,lon,h\n1,2,5'11\"\n");
        assert_eq!(got[0].1, ["5'11\""]);
    }

    #[test]
    fn a_byte_order_mark_and_blank_lines_are_skipped() {
        let got = rows("\u{feff}lat,lon,a\n\n1,2,x\n,,\n\n1,2,y");
        assert_eq!(
            got,
            [
                ("row:3".to_owned(), vec!["x".to_owned()]),
                ("row:6".to_owned(), vec!["y".to_owned()])
            ]
        );
    }

    #[test]
    fn rows_say_where_they_are_wrong() {
        let error = convert_plain("lat,lon,date\n43.1,131.9,2024-10-18\n95,131.9,2024-10-18\n")
            .unwrap_err();
        assert_eq!(error, "line 3, column \"lat\": 95 is outside -90..90");
        let error = convert_plain("lat,lon,date\n43.1,131.9,03/04/2024\n").unwrap_err();
        assert!(
            error
                .starts_with("line 2, column \"date\": \"03/04/2024\" could be 3 April or 4 March"),
            "{error}"
        );
        let error = convert_plain("where,when\n1,2\n").unwrap_err();
        assert!(error.contains("--lat"), "{error}");
    }

    #[test]
    fn every_bad_row_is_told_then_counted() {
        let text = "lat,lon,date\n95,1,\n1,2,2024-10-18\n1,x,\n1,2,2024-13-01\n1,2\n";
        let words: Vec<String> = causes(text).iter().map(ToString::to_string).collect();
        assert_eq!(words.len(), 4, "{words:?}");
        assert_eq!(words[0], "line 2, column \"lat\": 95 is outside -90..90");
        assert_eq!(words[1], "line 4, column \"lon\": \"x\" is not a number");
        assert!(
            words[2].starts_with("line 5, column \"date\": "),
            "{words:?}"
        );
        assert_eq!(words[3], "line 6: 2 values for 3 columns");
        let many: String = "lat,lon\n".to_owned() + &"95,1\n".repeat(250);
        let error = convert("t.csv", &many, &Columns::default(), None).unwrap_err();
        assert_eq!(error.problems.len(), crate::model::problem::MAX_LISTED);
        assert_eq!(error.left_out, 150);
        assert!(error.to_string().ends_with("\n  … and 150 more"));
    }

    #[test]
    fn what_the_map_would_refuse_is_not_written() {
        let json = convert_plain("name,lat,lon,date,troops,kind\nA,1,2,,500,unit\n").unwrap();
        let data = crate::read_collection("c", &json).unwrap();
        let properties = &data.features[0].object()["properties"];
        assert_eq!(properties.get("date"), None);
        assert_eq!(properties["csv:troops"], "500");
        assert_eq!(properties["csv:kind"], "unit");
        // So are columns named like the map's other properties.
        let json = convert_plain("lat,lon,reported,place\n1,2,yesterday,here\n").unwrap();
        let data = crate::read_collection("c", &json).unwrap();
        let properties = &data.features[0].object()["properties"];
        assert_eq!(properties["csv:reported"], "yesterday");
        assert_eq!(properties["csv:place"], "here");
        assert_eq!(data.features[0].reported, None);
        let error = convert_plain("lat,lon,date\n1,2,2024\n").unwrap_err();
        assert!(error.contains("fewer than nine digits"), "{error}");
        let error = convert_plain("lat,lon,start,end\n1,2,2024-10-18,2024-10-17\n").unwrap_err();
        assert_eq!(
            error,
            "line 2: the end (2024-10-17) is before the start (2024-10-18)"
        );
    }

    #[test]
    fn each_renamed_column_is_noted_once() {
        let text = "lat,lon,date,kind,unit,unit,description\n\
                    1,2,2024-10-18,tank,A,B,seen\n1,2,2024-10-19,truck,C,D,\n";
        let converted = convert("t.csv", text, &Columns::default(), None).unwrap();
        let notes: Vec<String> = converted.notes.iter().map(Problem::to_string).collect();
        assert_eq!(
            notes,
            [
                "column \"kind\" is kept as \"csv:kind\": the map reads \"kind\" itself",
                "column \"unit\" is kept as \"csv:unit\": an earlier column is kept as \"unit\"",
                "column \"description\" is kept as \"csv:description\": the map reads \"description\" itself",
            ]
        );
        // The date column is read as the start; its text is kept beside,
        // unannounced.
        let data = crate::read_collection("c", &converted.geojson).unwrap();
        let properties = &data.features[1].object()["properties"];
        assert_eq!(properties["csv:date"], "2024-10-19");
        assert_eq!(properties["csv:unit"], "D");
        assert_eq!(properties["unit"], "C");
    }

    #[test]
    fn empty_cells_are_kept_as_empty_text_but_an_empty_time_is_no_time() {
        let text = "name,lat,lon,date,end,unit,note,\n,1,2,,,,,\n";
        let json = convert_plain(text).unwrap();
        let data = crate::read_collection("c", &json).unwrap();
        let object = data.features[0].object();
        let properties = object["properties"].as_object().unwrap();
        let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
        // An empty name is no name (the map shows the id), and the
        // unnamed last column's empty cell says nothing.
        assert_eq!(keys, ["unit", "note"]);
        assert_eq!(data.features[0].label(), "row:2");
        assert_eq!(properties["unit"], "");
        assert!(data.features[0].span.first_day().is_none());
    }

    #[test]
    fn semicolons_tabs_decimal_commas_and_dotted_dates() {
        let read = |text: &str, order| {
            let json = convert("c", text, &Columns::default(), order).unwrap();
            let data = crate::read_collection("c", &json.geojson).unwrap();
            let f = &data.features[0];
            (
                f.object()["geometry"]["coordinates"].to_string(),
                f.span.first_day().map(|d| d.to_string()),
            )
        };
        let expected = ("[131.9,43.1]".to_owned(), Some("2024-10-18".to_owned()));
        assert_eq!(
            read("name;lat;lon;date\nA;43,1;131,9;18.10.2024\n", None),
            expected
        );
        assert_eq!(
            read("lat\tlon\tdate\n43.1\t131.9\t2024-10-18\n", None),
            expected
        );
        assert_eq!(
            read("lat,lon,date\n43.1,131.9,2024/10/18\n", None),
            expected
        );
        // Headers are found in any case.
        assert_eq!(
            read("Latitude,LON,DateTime\n43.1,131.9,2024-10-18\n", None),
            expected
        );
        assert_eq!(
            read(
                "lat,lon,date\n43.1,131.9,10-18-2024\n",
                Some(DateOrder::MonthFirst)
            ),
            expected
        );
        let numbers = ["43.1", "-.5", ".5", "+7", "5."].map(layout::plain_number);
        assert_eq!(
            numbers,
            [Some(43.1), Some(-0.5), Some(0.5), Some(7.0), Some(5.0)]
        );
        assert!(["", ".", "1e5", "inf", "NaN", "1.2.3", "3-4"]
            .iter()
            .all(|c| layout::plain_number(c).is_none()));
        // A comma inside quotes does not count towards the delimiter.
        assert_eq!(delimiter("\"a,b,c\";lat;lon\n"), b';');
    }

    #[test]
    fn errors_are_told_by_their_variant() {
        let error = |text| causes(text).remove(0);
        assert_eq!(error(""), CsvError::Empty);
        assert!(matches!(
            error("lat,lon\n1,2,3\n"),
            CsvError::RowLength {
                line: 2,
                values: 3,
                columns: 2
            }
        ));
        assert!(matches!(
            error("lat,lon\nx,2\n"),
            CsvError::NotANumber {
                at: Place::Line(2),
                ..
            }
        ));
        assert!(matches!(
            error("lat,lon,date\n1,2,true\n"),
            CsvError::Time {
                at: Place::Line(2),
                error: InstantError::NotIso(_),
                ..
            }
        ));
        let named = Columns {
            latitude: Some("N".into()),
            ..Columns::default()
        };
        let missing = convert("t.csv", "lat,lon\n1,2\n", &named, None).unwrap_err();
        assert!(matches!(
            &missing.problems[0].cause,
            Cause::Table(CsvError::NoSuchColumn {
                what: "latitude",
                ..
            })
        ));
        assert_eq!(
            missing.problems[0].to_string(),
            "there is no column \"N\" for the latitude; the columns are [\"lat\", \"lon\"]"
        );
    }

    #[test]
    fn columns_can_be_named_and_the_rest_is_kept() {
        let columns = Columns {
            latitude: Some("N".into()),
            longitude: Some("E".into()),
            start: Some("seen".into()),
            ..Columns::default()
        };
        let json = convert(
            "t.csv",
            "N,E,seen,unit\n43.1,131.9,1729252800,\"1st, \"\"Storm\"\"\"\n",
            &columns,
            None,
        )
        .unwrap();
        let data = crate::read_collection("c", &json.geojson).unwrap();
        let properties = &data.features[0].object()["properties"];
        assert_eq!(properties["unit"], "1st, \"Storm\"");
        assert_eq!(properties["start"], "2024-10-18T12:00:00Z");
        assert_eq!(properties["seen"], "1729252800");
    }

    #[test]
    fn a_file_that_is_no_table_is_told_in_one_line() {
        let refusal = |text: &str| {
            let error =
                convert_table("x", text, &Columns::default(), Default::default()).unwrap_err();
            assert_eq!(error.problems.len(), 1);
            error.problems[0].to_string()
        };
        let long_object = format!(
            "{{\"type\": \"FeatureCollection\", \"features\": [{}]}}",
            "1,".repeat(100_000)
        );
        assert_eq!(
            refusal(&long_object),
            r#"not a CSV table or a JSON array of records: it begins with "{\"type\": \"FeatureCollection\", \"f…""#
        );
        assert_eq!(
            refusal("<?xml version=\"1.0\"?>\n<kml>"),
            r#"not a CSV table or a JSON array of records: it begins with "<?xml version=\"1.0\"?>\n<kml>""#
        );
        assert!(refusal("PK\u{3}\u{4}\0\0").contains(r#"it begins with "PK\u{3}\u{4}\0\0""#));
        // A header of many long columns is listed in a few hundred bytes.
        let header = (0..40)
            .map(|i| format!("{i}{}", "x".repeat(100)))
            .collect::<Vec<_>>();
        let message = refusal(&(header.join(",") + "\n1\n"));
        assert!(message.starts_with("no column for the latitude was found by its header; name it with --lat (the columns are [\"0xxx"), "{message}");
        assert!(
            message.len() < 1024 && message.ends_with(" more])"),
            "{message}"
        );
    }
}
