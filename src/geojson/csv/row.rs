//! One record of a table made into a GeoJSON point feature: its position,
//! its time, and every other cell kept as a property.

use serde_json::{json, Map, Value};

use super::{plain_number, CsvError, Layout};
use crate::geojson::convention::{read_time, DateOrder};
use crate::time::{Span, TimeBound};

/// One record of the table, with the line it starts on.
pub(super) struct Row<'a> {
    pub(super) line: usize,
    pub(super) cells: &'a [String],
    pub(super) header: &'a [String],
    pub(super) delimiter: char,
}

impl Row<'_> {
    /// The record as a GeoJSON point feature.
    pub(super) fn feature(
        &self,
        layout: &Layout,
        order: Option<DateOrder>,
    ) -> Result<Value, CsvError> {
        if self.cells.len() != self.header.len() {
            return Err(CsvError::RowLength {
                line: self.line,
                values: self.cells.len(),
                columns: self.header.len(),
            });
        }
        let y = self.coordinate(layout.lat, 90.0)?;
        let x = self.coordinate(layout.lon, 180.0)?;
        let mut properties = Map::new();
        if let Some(col) = layout.name {
            properties.insert("name".into(), Value::String(self.cells[col].clone()));
        }
        let (first, last) = self.span(layout, order)?;
        if let Some(first) = first {
            properties.insert("start".into(), Value::String(first.to_string()));
        }
        if let Some(last) = last {
            properties.insert("end".into(), Value::String(last.to_string()));
        }
        self.keep_the_rest(layout, &mut properties);
        Ok(json!({
            "type": "Feature",
            "id": format!("row:{}", self.line),
            "geometry": {"type": "Point", "coordinates": [x, y]},
            "properties": properties,
        }))
    }

    /// The number in column `col`, which must lie within ±`limit`.
    fn coordinate(&self, col: usize, limit: f64) -> Result<f64, CsvError> {
        let cell = self.cells[col].trim();
        // Where commas do not part the values, one may be a decimal point.
        let written = if self.delimiter == ',' {
            cell.to_owned()
        } else {
            cell.replacen(',', ".", 1)
        };
        let value = plain_number(&written).ok_or_else(|| CsvError::NotANumber {
            line: self.line,
            column: self.header[col].clone(),
            cell: cell.to_owned(),
        })?;
        if !(-limit..=limit).contains(&value) {
            return Err(CsvError::OutOfRange {
                line: self.line,
                column: self.header[col].clone(),
                value,
                low: -limit,
                high: limit,
            });
        }
        Ok(value)
    }

    /// When the row is shown: from its date to its end, or on its date
    /// alone; neither when it gives none.
    fn span(
        &self,
        layout: &Layout,
        order: Option<DateOrder>,
    ) -> Result<(Option<TimeBound>, Option<TimeBound>), CsvError> {
        let first = layout
            .start
            .map(|col| self.time(col, order))
            .transpose()?
            .flatten();
        let last = match layout.end {
            Some(col) => self.time(col, order)?,
            // A single date is an instant: shown on its own day.
            None => first,
        };
        if let (Some(start), Some(end)) = (first, last) {
            if Span::new(first, last).is_backwards() {
                let line = self.line;
                return Err(CsvError::Backwards { line, start, end });
            }
        }
        Ok((first, last))
    }

    /// The time in column `col`; `None` when the cell is empty.
    fn time(&self, col: usize, order: Option<DateOrder>) -> Result<Option<TimeBound>, CsvError> {
        let cell = self.cells[col].trim();
        if cell.is_empty() {
            return Ok(None);
        }
        // A plain number in a CSV cell is a Unix time, as a number is in
        // GeoJSON (nine or more digits); anything else is read as text.
        let value = match plain_number(cell) {
            Some(n) => json!(n),
            None => Value::String(cell.to_owned()),
        };
        read_time(&value, order)
            .map(Some)
            .map_err(|error| CsvError::Time {
                line: self.line,
                column: self.header[col].clone(),
                error,
            })
    }

    /// Every other cell that says something, as a text property.
    fn keep_the_rest(&self, layout: &Layout, properties: &mut Map<String, Value>) {
        for (col, value) in self.cells.iter().enumerate() {
            // Empty cells say nothing; the columns used above are in place.
            if value.trim().is_empty() || layout.places(col) {
                continue;
            }
            // A column named like a property the map reads would be read
            // as one, and may not fit it: it is kept under another name.
            let header = &self.header[col];
            let key = if properties.contains_key(header)
                || crate::geojson::read::READ_PROPERTIES.contains(&header.as_str())
            {
                format!("csv:{header}")
            } else {
                header.clone()
            };
            properties.insert(key, Value::String(value.clone()));
        }
    }
}
