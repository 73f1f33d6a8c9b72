//! Why a table could not be converted, in the words a person reads.

use std::fmt;

use crate::model::quote::quoted;

use crate::geojson::convention::InstantError;
use crate::time::TimeBound;

/// Why a table could not be converted; each says the line, and the
/// column when there is one.
#[derive(Debug, Clone, PartialEq)]
pub enum CsvError {
    /// No header line.
    Empty,
    /// A quoted value never closed; `line` is the file's last.
    Unclosed { line: usize },
    /// A column named by the caller that the header does not have.
    NoSuchColumn {
        given: String,
        what: &'static str,
        header: Vec<String>,
    },
    /// A required column not found by its header (`flag` names it).
    NoColumn {
        what: &'static str,
        flag: &'static str,
        header: Vec<String>,
    },
    /// A row with more or fewer values than the header has columns.
    RowLength {
        line: usize,
        values: usize,
        columns: usize,
    },
    /// A latitude or longitude that is not a number.
    NotANumber {
        line: usize,
        column: String,
        cell: String,
    },
    /// A latitude or longitude outside `low..high`.
    OutOfRange {
        line: usize,
        column: String,
        value: f64,
        low: f64,
        high: f64,
    },
    /// A date that is not a time.
    Time {
        line: usize,
        column: String,
        error: InstantError,
    },
    /// An end before the start.
    Backwards {
        line: usize,
        start: TimeBound,
        end: TimeBound,
    },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => f.write_str("the file is empty: expected a header line and rows"),
            CsvError::Unclosed { line } => {
                write!(f, "line {line}: a quoted value is never closed")
            }
            CsvError::NoSuchColumn {
                given,
                what,
                header,
            } => write!(
                f,
                "there is no column {} for the {what}; the columns are {}",
                quoted(given),
                Columns(header)
            ),
            CsvError::NoColumn { what, flag, header } => write!(
                f,
                "no column for the {what} was found by its header; name it with {flag} (the columns are {})",
                Columns(header)
            ),
            CsvError::RowLength {
                line,
                values,
                columns,
            } => write!(f, "line {line}: {values} values for {columns} columns"),
            CsvError::NotANumber { line, column, cell } => {
                write!(
                    f,
                    "line {line}, column {}: {} is not a number",
                    quoted(column),
                    quoted(cell)
                )
            }
            CsvError::OutOfRange {
                line,
                column,
                value,
                low,
                high,
            } => write!(
                f,
                "line {line}, column {column:?}: {value} is outside {low}..{high}"
            ),
            CsvError::Time {
                line,
                column,
                error,
            } => write!(f, "line {line}, column {column:?}: {error}"),
            CsvError::Backwards { line, start, end } => write!(
                f,
                "line {line}: the end ({end}) is before the start ({start})"
            ),
        }
    }
}

impl std::error::Error for CsvError {}

/// A header's columns as a message lists them, in brackets: the first
/// [`Columns::LISTED`], each quoted, then how many more.
struct Columns<'a>(&'a [String]);

impl Columns<'_> {
    const LISTED: usize = 20;
}

impl fmt::Display for Columns<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, column) in self.0.iter().take(Self::LISTED).enumerate() {
            let comma = if i == 0 { "" } else { ", " };
            write!(f, "{comma}{}", quoted(column))?;
        }
        if self.0.len() > Self::LISTED {
            write!(f, ", … and {} more", self.0.len() - Self::LISTED)?;
        }
        f.write_str("]")
    }
}
