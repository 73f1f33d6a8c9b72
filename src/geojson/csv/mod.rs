//! Turning a CSV table of dated positions into GeoJSON in the data format.
//!
//! Values are parted by commas, or by semicolons or tabs when the header
//! has more of those. Columns are found by their header (`latitude`/`lat`/`y`,
//! `longitude`/`lon`/`lng`/`long`/`x`, `date`/`time`/`datetime`/
//! `timestamp`/`start`, `end`, `name`), or named by the caller. Every
//! other column is kept as a text property.

mod error;
mod row;

use serde_json::json;

pub use error::CsvError;
use row::Row;

use crate::geojson::convention::DateOrder;

/// Which columns hold what; `None` means "find it by its header".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub name: Option<String>,
}

/// Reads `text` as CSV (RFC 4180: commas — or semicolons or tabs —,
/// double quotes, CRLF or LF) and
/// writes a FeatureCollection of points. Errors say the line and column.
///
/// ```
/// use troopmap::geojson::csv::{convert, CsvError};
/// let csv = "name,lat,lon,date\nVladivostok,43.115,131.885,2024-10-18\n";
/// let json = convert(csv, &Default::default(), None).unwrap();
/// let data = troopmap::read_collection("converted", &json).unwrap();
/// assert_eq!(data.features[0].label(), "Vladivostok");
/// assert_eq!(data.features[0].span.first_day().unwrap().to_string(), "2024-10-18");
/// let error = convert("lat,lon\n95,131.9\n", &Default::default(), None).unwrap_err();
/// assert!(matches!(error, CsvError::OutOfRange { line: 2, .. }));
/// assert_eq!(error.to_string(), "line 2, column \"lat\": 95 is outside -90..90");
/// ```
pub fn convert(
    text: &str,
    columns: &Columns,
    order: Option<DateOrder>,
) -> Result<String, CsvError> {
    let delimiter = delimiter(text);
    let rows = parse(text, delimiter)?;
    let Some(((_, header), records)) = rows.split_first() else {
        return Err(CsvError::Empty);
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let layout = Layout::find(&header, columns)?;
    let mut features = Vec::with_capacity(records.len());
    for (line, cells) in records {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = Row {
            line: *line,
            cells,
            header: &header,
            delimiter,
        };
        features.push(row.feature(&layout, order)?);
    }
    Ok(json!({"type": "FeatureCollection", "features": features}).to_string())
}

/// Which column holds what the map reads.
struct Layout {
    lat: usize,
    lon: usize,
    start: Option<usize>,
    end: Option<usize>,
    name: Option<usize>,
}

impl Layout {
    /// The columns named by the caller, or else found by their headers;
    /// latitude and longitude are required.
    fn find(header: &[String], columns: &Columns) -> Result<Layout, CsvError> {
        let find = |given: &Option<String>, names: &[&str], what| {
            find_column(header, given.as_deref(), names, what)
        };
        let required = |found: Option<usize>, what, flag| {
            found.ok_or_else(|| CsvError::NoColumn {
                what,
                flag,
                header: header.to_vec(),
            })
        };
        let longitude = ["longitude", "lon", "lng", "long", "x"];
        let date = ["date", "time", "datetime", "timestamp", "start"];
        Ok(Layout {
            lat: required(
                find(&columns.latitude, &["latitude", "lat", "y"], "latitude")?,
                "latitude",
                "--lat",
            )?,
            lon: required(
                find(&columns.longitude, &longitude, "longitude")?,
                "longitude",
                "--lon",
            )?,
            start: find(&columns.start, &date, "date")?,
            end: find(&columns.end, &["end"], "end")?,
            name: find(&columns.name, &["name", "title"], "name")?,
        })
    }

    /// Whether `col` is written as a place's own member (its position or
    /// name) rather than kept as a property.
    fn places(&self, col: usize) -> bool {
        [Some(self.lat), Some(self.lon), self.name].contains(&Some(col))
    }
}

/// The column named `given`, which must be there; without one, the first
/// whose header is one of `names` (in any case), if any.
fn find_column(
    header: &[String],
    given: Option<&str>,
    names: &[&str],
    what: &'static str,
) -> Result<Option<usize>, CsvError> {
    if let Some(given) = given {
        return match header.iter().position(|h| h == given) {
            Some(col) => Ok(Some(col)),
            None => Err(CsvError::NoSuchColumn {
                given: given.to_owned(),
                what,
                header: header.to_vec(),
            }),
        };
    }
    Ok(header
        .iter()
        .position(|h| names.contains(&h.to_lowercase().as_str())))
}

/// A number written plainly: an optional sign, digits, and an optional
/// fraction (no exponent, no `inf` or `NaN`).
fn plain_number(cell: &str) -> Option<f64> {
    let digits = cell
        .strip_prefix('-')
        .or_else(|| cell.strip_prefix('+'))
        .unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    cell.parse().ok()
}

/// The character that parts the values: a comma, or a semicolon or tab
/// when the header line has more of those (as spreadsheets write in
/// languages where the comma is the decimal point).
fn delimiter(text: &str) -> char {
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
        [c, s, t] if s > c && s >= t => ';',
        [c, _, t] if t > c => '\t',
        _ => ',',
    }
}

/// Splits CSV text into rows of cells, each with the line it starts on
/// (a quoted value may hold line breaks); `delimiter` parts the values.
fn parse(text: &str, delimiter: char) -> Result<Vec<(usize, Vec<String>)>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.is_empty() => quoted = true,
            (false, c) if c == delimiter => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err(CsvError::Unclosed { line });
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push((row_line, row));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geojson::convention::InstantError;

    /// Converts with the columns found by their headers and no date order;
    /// an error in its words.
    fn convert_plain(text: &str) -> Result<String, String> {
        convert(text, &Columns::default(), None).map_err(|e| e.to_string())
    }

    #[test]
    fn quotes_commas_and_line_breaks_inside_values() {
        let rows = parse("a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\nc,d\n", ',').unwrap();
        let cells: Vec<Vec<String>> = rows.iter().map(|r| r.1.clone()).collect();
        assert_eq!(
            cells,
            vec![
                vec!["a", "b"],
                vec!["x, \"y\"", "two\nlines"],
                vec!["c", "d"]
            ]
        );
        // The row after a value with a line break starts on line 4.
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 4]);
        assert!(parse("a\n\"open", ',')
            .unwrap_err()
            .to_string()
            .contains("never closed"));
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
    fn semicolons_tabs_decimal_commas_and_dotted_dates() {
        let read = |text: &str, order| {
            let json = convert(text, &Columns::default(), order).unwrap();
            let data = crate::read_collection("c", &json).unwrap();
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
        assert_eq!(
            read(
                "lat,lon,date\n43.1,131.9,10-18-2024\n",
                Some(DateOrder::MonthFirst)
            ),
            expected
        );
        let numbers = ["43.1", "-.5", ".5", "+7", "5."].map(plain_number);
        assert_eq!(
            numbers,
            [Some(43.1), Some(-0.5), Some(0.5), Some(7.0), Some(5.0)]
        );
        assert!(["", ".", "1e5", "inf", "NaN", "1.2.3", "3-4"]
            .iter()
            .all(|c| plain_number(c).is_none()));
        // A comma inside quotes does not count towards the delimiter.
        assert_eq!(delimiter("\"a,b,c\";lat;lon\n"), ';');
    }

    #[test]
    fn errors_are_told_by_their_variant() {
        let error = |text| convert(text, &Columns::default(), None).unwrap_err();
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
            CsvError::NotANumber { line: 2, .. }
        ));
        assert!(matches!(
            error("lat,lon,date\n1,2,true\n"),
            CsvError::Time {
                line: 2,
                error: InstantError::NotIso(_),
                ..
            }
        ));
        let named = Columns {
            latitude: Some("N".into()),
            ..Columns::default()
        };
        let missing = convert("lat,lon\n1,2\n", &named, None).unwrap_err();
        assert!(matches!(
            missing,
            CsvError::NoSuchColumn {
                what: "latitude",
                ..
            }
        ));
        assert_eq!(
            missing.to_string(),
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
            "N,E,seen,unit\n43.1,131.9,1729252800,\"1st, \"\"Storm\"\"\"\n",
            &columns,
            None,
        )
        .unwrap();
        let data = crate::read_collection("c", &json).unwrap();
        let properties = &data.features[0].object()["properties"];
        assert_eq!(properties["unit"], "1st, \"Storm\"");
        assert_eq!(properties["start"], "2024-10-18T12:00:00Z");
        assert_eq!(properties["seen"], "1729252800");
    }
}
