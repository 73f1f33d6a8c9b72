//! Which column of a table holds what the map reads, and the property
//! every other column is kept as.

use std::collections::HashSet;

use super::{Columns, CsvError, Table};
use crate::geojson::read::cause::Warning;
use crate::geojson::read::READ_PROPERTIES;

/// Which column holds what the map reads, and the key each column's
/// values are kept under.
pub(super) struct Layout {
    pub(super) table: Table,
    /// The columns' names, as the header (or the records' keys) gives them.
    pub(super) header: Vec<String>,
    pub(super) lat: usize,
    pub(super) lon: usize,
    pub(super) start: Option<usize>,
    pub(super) end: Option<usize>,
    pub(super) name: Option<usize>,
    /// The property each column is kept as: its name, or its name after
    /// the table's prefix.
    pub(super) keys: Vec<String>,
}

impl Layout {
    /// The columns named by the caller, or else found by their names;
    /// latitude and longitude are required.
    pub(super) fn find(
        table: Table,
        header: Vec<String>,
        columns: &Columns,
    ) -> Result<Layout, CsvError> {
        let find = |given: &Option<String>, names: &[&str], what| {
            find_column(table, &header, given.as_deref(), names, what)
        };
        let required = |found: Option<usize>, what, flag| {
            found.ok_or_else(|| CsvError::NoColumn {
                table,
                what,
                flag,
                header: header.clone(),
            })
        };
        let longitude = ["longitude", "lon", "lng", "long", "x"];
        let date = ["date", "time", "datetime", "timestamp", "start"];
        let lat = required(
            find(&columns.latitude, &["latitude", "lat", "y"], "latitude")?,
            "latitude",
            "--lat",
        )?;
        let lon = required(
            find(&columns.longitude, &longitude, "longitude")?,
            "longitude",
            "--lon",
        )?;
        let start = find(&columns.start, &date, "date")?;
        let end = find(&columns.end, &["end"], "end")?;
        let name = find(&columns.name, &["name", "title"], "name")?;
        let mut layout = Layout {
            table,
            header,
            lat,
            lon,
            start,
            end,
            name,
            keys: Vec::new(),
        };
        layout.keys = layout.keys();
        Ok(layout)
    }

    /// Whether `col` is written as a place's own member (its position or
    /// name) rather than kept as a property.
    pub(super) fn places(&self, col: usize) -> bool {
        [Some(self.lat), Some(self.lon), self.name].contains(&Some(col))
    }

    /// Whether `col` gives the row's time.
    pub(super) fn times(&self, col: usize) -> bool {
        [self.start, self.end].contains(&Some(col))
    }

    /// One warning for each column kept under another name than its own
    /// in some row (`written[col]`), but for the time columns, whose values
    /// the map reads as `start` and `end` (their text as written is kept
    /// beside).
    pub(super) fn renamed(&self, written: &[bool]) -> Vec<Warning> {
        let columns = self.header.iter().zip(&self.keys).enumerate();
        columns
            .filter(|(col, (column, key))| {
                column != key && written.get(*col).copied().unwrap_or(false) && !self.times(*col)
            })
            .map(|(_, (column, key))| Warning::RenamedColumn {
                what: self.table.column(),
                column: column.clone(),
                to: key.clone(),
                // Else an earlier column is kept under its name.
                reads: READ_PROPERTIES.contains(&column.as_str()),
            })
            .collect()
    }

    /// The key each column is kept under: a column named like a property
    /// the map reads would be read as one, and may not fit it, and a
    /// column named like one kept before it would overwrite it: those get
    /// the table's prefix (as many times as it takes to be new). The
    /// position and name columns are not kept, and take no key.
    fn keys(&self) -> Vec<String> {
        let mut written: HashSet<String> = HashSet::new();
        let mut keys = Vec::with_capacity(self.header.len());
        for (col, column) in self.header.iter().enumerate() {
            let mut key = column.clone();
            if !self.places(col) {
                while written.contains(&key) || READ_PROPERTIES.contains(&key.as_str()) {
                    key = format!("{}{key}", self.table.prefix());
                }
                written.insert(key.clone());
            }
            keys.push(key);
        }
        keys
    }
}

/// The column named `given`, which must be there; without one, the first
/// whose header is one of `names` (in any case: the names are ASCII, and
/// so need no Unicode case tables), if any.
fn find_column(
    table: Table,
    header: &[String],
    given: Option<&str>,
    names: &[&str],
    what: &'static str,
) -> Result<Option<usize>, CsvError> {
    if let Some(given) = given {
        return match header.iter().position(|h| h == given) {
            Some(col) => Ok(Some(col)),
            None => Err(CsvError::NoSuchColumn {
                table,
                given: given.to_owned(),
                what,
                header: header.to_vec(),
            }),
        };
    }
    Ok(header
        .iter()
        .position(|h| names.iter().any(|name| h.eq_ignore_ascii_case(name))))
}

/// A number written plainly: an optional sign, digits, and an optional
/// fraction (no exponent, no `inf` or `NaN`).
pub(super) fn plain_number(cell: &str) -> Option<f64> {
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
