//! One row of a table made into a GeoJSON point feature: its position,
//! its time, and every other value kept as a property.

use serde_json::{json, Map, Value};

use super::layout::{plain_number, Layout};
use super::{CsvError, Place};
use crate::geojson::convention::{read_time, DateOrder};
use crate::time::{Span, TimeBound};

/// One value of a row, as the table wrote it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Cell<'a> {
    /// A CSV cell: text, whatever it holds.
    Text(&'a str),
    /// A record's field: a JSON value.
    Json(&'a Value),
    /// A field the record does not have.
    Missing,
}

/// One row of the table: where it is, and its values by column, in the
/// order the table gives them.
pub(super) struct Row<'a> {
    pub(super) at: Place,
    pub(super) cells: Vec<(usize, Cell<'a>)>,
    /// Whether a comma in a number is its decimal point (as where commas
    /// do not part the values).
    pub(super) decimal_comma: bool,
}

impl Row<'_> {
    /// The row as a GeoJSON point feature; `written[col]` is set for each
    /// column it keeps a value of.
    pub(super) fn feature(
        &self,
        layout: &Layout,
        order: Option<DateOrder>,
        written: &mut [bool],
    ) -> Result<Value, CsvError> {
        let y = self.coordinate(layout, layout.lat, 90.0)?;
        let x = self.coordinate(layout, layout.lon, 180.0)?;
        let mut properties = Map::new();
        if let Some(name) = layout.name.and_then(|col| self.name(col)) {
            properties.insert("name".into(), Value::String(name));
        }
        let (first, last) = self.span(layout, order)?;
        if let Some(first) = first {
            properties.insert("start".into(), Value::String(first.to_string()));
        }
        if let Some(last) = last {
            properties.insert("end".into(), Value::String(last.to_string()));
        }
        self.keep_the_rest(layout, &mut properties, written);
        let id = match self.at {
            Place::Line(line) => format!("row:{line}"),
            Place::Record(index) => format!("record:{index}"),
        };
        Ok(json!({
            "type": "Feature",
            "id": id,
            "geometry": {"type": "Point", "coordinates": [x, y]},
            "properties": properties,
        }))
    }

    /// The value in column `col`.
    fn cell(&self, col: usize) -> Cell<'_> {
        // A CSV row has every column, in order.
        if let Some(&(c, cell)) = self.cells.get(col) {
            if c == col {
                return cell;
            }
        }
        match self.cells.iter().find(|(c, _)| *c == col) {
            Some((_, cell)) => *cell,
            None => Cell::Missing,
        }
    }

    /// The name in column `col`: its text, or a number's; none when it is
    /// empty (the map then labels the feature with its id).
    fn name(&self, col: usize) -> Option<String> {
        let name = match self.cell(col) {
            Cell::Text(text) => text.to_owned(),
            Cell::Json(Value::String(text)) => text.clone(),
            Cell::Json(Value::Null) | Cell::Missing => return None,
            Cell::Json(value) => value.to_string(),
        };
        (!name.trim().is_empty()).then_some(name)
    }

    /// The number in column `col`, which must lie within ±`limit`.
    fn coordinate(&self, layout: &Layout, col: usize, limit: f64) -> Result<f64, CsvError> {
        let (at, column) = (self.at, || layout.header[col].clone());
        let text = match self.cell(col) {
            Cell::Text(text) => text.trim(),
            Cell::Json(Value::Number(number)) => match number.as_f64() {
                Some(value) => return in_range(at, column, value, limit),
                None => {
                    return Err(CsvError::NotANumber {
                        at,
                        column: column(),
                        cell: number.to_string(),
                    })
                }
            },
            Cell::Json(Value::String(text)) => text.trim(),
            Cell::Json(Value::Null) | Cell::Missing => {
                return Err(CsvError::NoValue {
                    at,
                    column: column(),
                })
            }
            Cell::Json(value) => {
                return Err(CsvError::NotANumber {
                    at,
                    column: column(),
                    cell: value.to_string(),
                })
            }
        };
        if text.is_empty() {
            return Err(CsvError::NoValue {
                at,
                column: column(),
            });
        }
        // Where commas do not part the values, one may be a decimal point.
        let written = if self.decimal_comma {
            text.replacen(',', ".", 1)
        } else {
            text.to_owned()
        };
        let value = plain_number(&written).ok_or_else(|| CsvError::NotANumber {
            at,
            column: column(),
            cell: text.to_owned(),
        })?;
        in_range(at, column, value, limit)
    }

    /// When the row is shown: from its date to its end, or on its date
    /// alone; neither when it gives none.
    fn span(
        &self,
        layout: &Layout,
        order: Option<DateOrder>,
    ) -> Result<(Option<TimeBound>, Option<TimeBound>), CsvError> {
        let first = match layout.start {
            Some(col) => self.time(layout, col, order)?,
            None => None,
        };
        let last = match layout.end {
            Some(col) => self.time(layout, col, order)?,
            // A single date is an instant: shown on its own day.
            None => first,
        };
        if let (Some(start), Some(end)) = (first, last) {
            if Span::new(first, last).is_backwards() {
                let at = self.at;
                return Err(CsvError::Backwards { at, start, end });
            }
        }
        Ok((first, last))
    }

    /// The time in column `col`; `None` when it is empty.
    fn time(
        &self,
        layout: &Layout,
        col: usize,
        order: Option<DateOrder>,
    ) -> Result<Option<TimeBound>, CsvError> {
        let value = match self.cell(col) {
            Cell::Text(text) => {
                let text = text.trim();
                // A plain number in a CSV cell is a Unix time, as a number
                // is in GeoJSON (nine or more digits); anything else is
                // read as text.
                match plain_number(text) {
                    Some(n) => json!(n),
                    None => Value::String(text.to_owned()),
                }
            }
            Cell::Json(Value::String(text)) => Value::String(text.trim().to_owned()),
            Cell::Json(value) => value.clone(),
            Cell::Missing => Value::Null,
        };
        if value.is_null() || value.as_str() == Some("") {
            return Ok(None);
        }
        read_time(&value, order)
            .map(Some)
            .map_err(|error| CsvError::Time {
                at: self.at,
                column: layout.header[col].clone(),
                error,
            })
    }

    /// Every other value, as it came: a CSV cell as text (an empty one as
    /// empty text), a record's field as its JSON value. An empty time is
    /// not kept (the row has no time), nor an empty cell of a column
    /// without a name (a spreadsheet's trailing separators).
    fn keep_the_rest(
        &self,
        layout: &Layout,
        properties: &mut Map<String, Value>,
        written: &mut [bool],
    ) {
        for &(col, cell) in &self.cells {
            if layout.places(col) {
                continue;
            }
            let value = match cell {
                Cell::Text(text) => Value::String(text.to_owned()),
                Cell::Json(value) => value.clone(),
                Cell::Missing => continue,
            };
            let empty = value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty());
            if empty && (layout.times(col) || layout.header[col].trim().is_empty()) {
                continue;
            }
            if let Some(written) = written.get_mut(col) {
                *written = true;
            }
            properties.insert(layout.keys[col].clone(), value);
        }
    }
}

/// `value` if it lies within ±`limit`.
fn in_range(
    at: Place,
    column: impl FnOnce() -> String,
    value: f64,
    limit: f64,
) -> Result<f64, CsvError> {
    if (-limit..=limit).contains(&value) {
        Ok(value)
    } else {
        Err(CsvError::OutOfRange {
            at,
            column: column(),
            value,
            low: -limit,
            high: limit,
        })
    }
}
