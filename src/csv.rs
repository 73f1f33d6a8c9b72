//! Turning a CSV table of dated positions into GeoJSON in the data format.
//!
//! Columns are found by their header (`latitude`/`lat`/`y`,
//! `longitude`/`lon`/`lng`/`long`/`x`, `date`/`time`/`datetime`/
//! `timestamp`/`start`, `end`, `name`), or named by the caller. Every
//! other column is kept as a text property.

use serde_json::{Map, Value};

use crate::convention::{read_time, DateOrder};
use crate::time::TimeBound;

/// Which columns hold what; `None` means "find it by its header".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub name: Option<String>,
}

/// Reads `text` as CSV (RFC 4180: commas, double quotes, CRLF or LF) and
/// writes a FeatureCollection of points. Errors say the line and column.
///
/// ```
/// let csv = "name,lat,lon,date\nVladivostok,43.115,131.885,2024-10-18\n";
/// let json = troopmap::csv::convert(csv, &Default::default(), None).unwrap();
/// let data = troopmap::read_collection("converted", &json).unwrap();
/// assert_eq!(data.features[0].label(), "Vladivostok");
/// assert_eq!(data.features[0].span.first_day().unwrap().to_string(), "2024-10-18");
/// ```
pub fn convert(text: &str, columns: &Columns, order: Option<DateOrder>) -> Result<String, String> {
    let rows = parse(text)?;
    let Some((header, records)) = rows.split_first() else {
        return Err("the file is empty: expected a header line and rows".into());
    };
    let header: Vec<String> = header.1.iter().map(|h| h.trim().to_owned()).collect();
    let find =
        |given: &Option<String>, names: &[&str], what: &str| -> Result<Option<usize>, String> {
            if let Some(given) = given {
                return header
                    .iter()
                    .position(|h| h == given)
                    .map(Some)
                    .ok_or_else(|| {
                        format!(
                        "there is no column {given:?} for the {what}; the columns are {header:?}"
                    )
                    });
            }
            Ok(header
                .iter()
                .position(|h| names.contains(&h.to_lowercase().as_str())))
        };
    let required = |found: Option<usize>, what: &str, flag: &str| {
        found.ok_or_else(|| format!("no column for the {what} was found by its header; name it with {flag} (the columns are {header:?})"))
    };
    let lat = required(
        find(&columns.latitude, &["latitude", "lat", "y"], "latitude")?,
        "latitude",
        "--lat",
    )?;
    let lon = required(
        find(
            &columns.longitude,
            &["longitude", "lon", "lng", "long", "x"],
            "longitude",
        )?,
        "longitude",
        "--lon",
    )?;
    let start = find(
        &columns.start,
        &["date", "time", "datetime", "timestamp", "start"],
        "date",
    )?;
    let end = find(&columns.end, &["end"], "end")?;
    let name = find(&columns.name, &["name", "title"], "name")?;

    let mut features = Vec::with_capacity(records.len());
    for (line, record) in records {
        let line = *line;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            return Err(format!(
                "line {line}: {} values for {} columns",
                record.len(),
                header.len()
            ));
        }
        let number = |col: usize, low: f64, high: f64| -> Result<f64, String> {
            let cell = record[col].trim();
            let value: f64 = cell.parse().map_err(|_| {
                format!(
                    "line {line}, column {:?}: {cell:?} is not a number",
                    header[col]
                )
            })?;
            if !(low..=high).contains(&value) {
                return Err(format!(
                    "line {line}, column {:?}: {value} is outside {low}..{high}",
                    header[col]
                ));
            }
            Ok(value)
        };
        let y = number(lat, -90.0, 90.0)?;
        let x = number(lon, -180.0, 180.0)?;
        let mut properties = Map::new();
        if let Some(col) = name {
            properties.insert("name".into(), Value::String(record[col].clone()));
        }
        let time = |col: usize| -> Result<Option<String>, String> {
            let cell = record[col].trim();
            if cell.is_empty() {
                return Ok(None);
            }
            // A number in a CSV cell is a Unix time, as in a GeoJSON number,
            // if it has the nine or more digits of one since 1973; a shorter
            // one (a year, 20241018) is not guessed at.
            let digits = cell.split('.').next().unwrap_or("").trim_start_matches('-');
            let value = if !cell.is_empty()
                && cell
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            {
                if digits.len() < 9 {
                    return Err(format!(
                        "line {line}, column {:?}: {cell:?} is a number too short to be a Unix time; write dates as YYYY-MM-DD",
                        header[col]
                    ));
                }
                match cell.parse::<f64>() {
                    Ok(n) => serde_json::json!(n),
                    Err(_) => Value::String(cell.to_owned()),
                }
            } else {
                Value::String(cell.to_owned())
            };
            read_time(&value, order)
                .map(|t| Some(iso(t)))
                .map_err(|e| format!("line {line}, column {:?}: {e}", header[col]))
        };
        let first = start.map(time).transpose()?.flatten();
        let last = match end {
            Some(col) => time(col)?,
            // A single date is an instant: shown on its own day.
            None => first.clone(),
        };
        if let Some(first) = first {
            properties.insert("start".into(), Value::String(first));
        }
        if let Some(last) = last {
            properties.insert("end".into(), Value::String(last));
        }
        for (col, value) in record.iter().enumerate() {
            // Empty cells say nothing; the columns used above are in place.
            if value.trim().is_empty() || [Some(lat), Some(lon), name].contains(&Some(col)) {
                continue;
            }
            // A column named like a property the map reads would be read
            // as one, and may not fit it: it is kept under another name.
            let key = if properties.contains_key(&header[col])
                || crate::read::READ_PROPERTIES.contains(&header[col].as_str())
            {
                format!("csv:{}", header[col])
            } else {
                header[col].clone()
            };
            properties.insert(key, Value::String(value.clone()));
        }
        let mut feature = Map::new();
        feature.insert("type".into(), "Feature".into());
        feature.insert("id".into(), Value::String(format!("row:{line}")));
        feature.insert(
            "geometry".into(),
            serde_json::json!({"type": "Point", "coordinates": [x, y]}),
        );
        feature.insert("properties".into(), Value::Object(properties));
        features.push(Value::Object(feature));
    }
    Ok(serde_json::json!({"type": "FeatureCollection", "features": features}).to_string())
}

/// A time as the data format writes it: a date, or a UTC date-time.
fn iso(t: TimeBound) -> String {
    if t.is_date_only() {
        return t.day().to_string();
    }
    let seconds = t.seconds().rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        t.day(),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// Splits CSV text into rows of cells, each with the line it starts on
/// (a quoted value may hold line breaks).
pub fn parse(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
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
            (false, ',') => row.push(std::mem::take(&mut cell)),
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
        return Err(format!("line {line}: a quoted value is never closed"));
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

    #[test]
    fn quotes_commas_and_line_breaks_inside_values() {
        let rows = parse("a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\nc,d\n").unwrap();
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
        assert!(parse("a\n\"open").unwrap_err().contains("never closed"));
    }

    #[test]
    fn rows_say_where_they_are_wrong() {
        let error = convert(
            "lat,lon,date\n43.1,131.9,2024-10-18\n95,131.9,2024-10-18\n",
            &Columns::default(),
            None,
        )
        .unwrap_err();
        assert_eq!(error, "line 3, column \"lat\": 95 is outside -90..90");
        let error = convert(
            "lat,lon,date\n43.1,131.9,03/04/2024\n",
            &Columns::default(),
            None,
        )
        .unwrap_err();
        assert!(
            error
                .starts_with("line 2, column \"date\": \"03/04/2024\" could be 3 April or 4 March"),
            "{error}"
        );
        let error = convert("where,when\n1,2\n", &Columns::default(), None).unwrap_err();
        assert!(error.contains("--lat"), "{error}");
    }

    #[test]
    fn what_the_map_would_refuse_is_not_written() {
        let json = convert(
            "name,lat,lon,date,troops,kind\nA,1,2,,500,unit\n",
            &Columns::default(),
            None,
        )
        .unwrap();
        let data = crate::read_collection("c", &json).unwrap();
        let properties = &data.features[0].object()["properties"];
        assert_eq!(properties.get("date"), None);
        assert_eq!(properties["csv:troops"], "500");
        assert_eq!(properties["csv:kind"], "unit");
        let error = convert("lat,lon,date\n1,2,2024\n", &Columns::default(), None).unwrap_err();
        assert!(error.contains("too short to be a Unix time"), "{error}");
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
