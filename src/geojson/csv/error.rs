//! Why a table could not be converted, in the words a person reads.

use std::fmt;

use crate::model::quote::quoted;
use crate::number::decimal;

use crate::geojson::convention::InstantError;
use crate::geojson::found::FoundValue;
use crate::time::TimeBound;

/// The kinds of table converted: their rows and columns have other names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// A CSV table: lines and columns, named by the header.
    Csv,
    /// A JSON array of records: records and fields, named by their keys.
    Records,
}

impl Table {
    /// What a column is called: `column` or `field`.
    pub fn column(self) -> &'static str {
        match self {
            Table::Csv => "column",
            Table::Records => "field",
        }
    }

    /// What the names of columns are called: `header` or `name`.
    fn names(self) -> &'static str {
        match self {
            Table::Csv => "header",
            Table::Records => "name",
        }
    }

    /// What a column named like one of the map's properties is renamed
    /// with: `csv:` or `json:` before its name.
    pub fn prefix(self) -> &'static str {
        match self {
            Table::Csv => "csv:",
            Table::Records => "json:",
        }
    }
}

/// Where a row is: the line a CSV record starts on (from 1), or a record's
/// index in the JSON array (from 0, as `[0]` is the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Line(usize),
    Record(usize),
}

impl Place {
    fn table(self) -> Table {
        match self {
            Place::Line(_) => Table::Csv,
            Place::Record(_) => Table::Records,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(line) => write!(f, "line {line}"),
            Place::Record(index) => write!(f, "record {index}"),
        }
    }
}

/// Why a table, or one of its rows, could not be converted; a row's says
/// its line (or record), and the column (or field) when there is one.
#[derive(Debug, Clone, PartialEq)]
pub enum CsvError {
    /// No header line.
    Empty,
    /// Neither a CSV table nor a JSON array of records; how the text
    /// begins, at most `BEGINNING` (32) characters of it.
    NotATable { begins: String },
    /// A quoted value never closed; `line` is the file's last.
    Unclosed { line: usize },
    /// A column named by the caller that the table does not have.
    NoSuchColumn {
        table: Table,
        given: String,
        what: &'static str,
        header: Vec<String>,
    },
    /// A required column not found by its name (`flag` names it).
    NoColumn {
        table: Table,
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
    /// An element of an array of records that is not an object.
    NotARecord { index: usize, found: FoundValue },
    /// A latitude or longitude left empty: an empty cell, a field the
    /// record does not have, or `null`.
    NoValue { at: Place, column: String },
    /// A latitude or longitude that is not a number.
    NotANumber {
        at: Place,
        column: String,
        cell: String,
    },
    /// A latitude or longitude outside `low..high`.
    OutOfRange {
        at: Place,
        column: String,
        value: f64,
        low: f64,
        high: f64,
    },
    /// A date that is not a time.
    Time {
        at: Place,
        column: String,
        error: InstantError,
    },
    /// An end before the start.
    Backwards {
        at: Place,
        start: TimeBound,
        end: TimeBound,
    },
    /// The CSV reader's own refusal (not met with text as input).
    Reader { line: usize, reason: String },
}

/// The numbers held are never NaN (only plain decimal numbers are read),
/// so equality is an equivalence.
impl Eq for CsvError {}

/// How many characters of a file that is not a table its message quotes.
pub const BEGINNING: usize = 32;

impl CsvError {
    /// The refusal of `text`, which is not a table: it names how it begins.
    pub fn not_a_table(text: &str) -> CsvError {
        let head = text.trim_start_matches('\u{feff}').trim_start();
        let mut begins: String = head.chars().take(BEGINNING).collect();
        if begins.len() < head.len() {
            begins.push('…');
        }
        CsvError::NotATable { begins }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => f.write_str("the file is empty: expected a header line and rows"),
            CsvError::NotATable { begins } => write!(
                f,
                "not a CSV table or a JSON array of records: it begins with {begins:?}"
            ),
            CsvError::Unclosed { line } => {
                write!(f, "line {line}: a quoted value is never closed")
            }
            CsvError::NoSuchColumn {
                table,
                given,
                what,
                header,
            } => write!(
                f,
                "there is no {} {} for the {what}; the {}s are {}",
                table.column(),
                quoted(given),
                table.column(),
                Columns(header)
            ),
            CsvError::NoColumn {
                table,
                what,
                flag,
                header,
            } => write!(
                f,
                "no {} for the {what} was found by its {}; name it with {flag} (the {}s are {})",
                table.column(),
                table.names(),
                table.column(),
                Columns(header)
            ),
            CsvError::RowLength {
                line,
                values,
                columns,
            } => write!(f, "line {line}: {values} values for {columns} columns"),
            CsvError::NotARecord { index, found } => write!(
                f,
                "record {index}: expected an object of fields, found {found}"
            ),
            CsvError::NoValue { at, column } => {
                write!(f, "{at}, {}: no value", Named(*at, column))
            }
            CsvError::NotANumber { at, column, cell } => write!(
                f,
                "{at}, {}: {} is not a number",
                Named(*at, column),
                quoted(cell)
            ),
            CsvError::OutOfRange {
                at,
                column,
                value,
                low,
                high,
            } => {
                // Written by integer arithmetic, as the page writes numbers:
                // no float formatting tables in the module that converts.
                let [value, low, high] = [value, low, high].map(|x| decimal(*x, 9));
                write!(
                    f,
                    "{at}, {}: {value} is outside {low}..{high}",
                    Named(*at, column)
                )
            }
            CsvError::Time { at, column, error } => {
                write!(f, "{at}, {}: {error}", Named(*at, column))
            }
            CsvError::Backwards { at, start, end } => {
                write!(f, "{at}: the end ({end}) is before the start ({start})")
            }
            CsvError::Reader { line, reason } => write!(f, "line {line}: {reason}"),
        }
    }
}

impl std::error::Error for CsvError {}

/// A column as a row's message names it: `column "lat"`, `field "lat"`.
struct Named<'a>(Place, &'a str);

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0.table().column(), quoted(self.1))
    }
}

/// A header's columns as a message lists them, in brackets: the first
/// [`Columns::LISTED`], each quoted, within about [`Columns::CHARS`]
/// characters, then how many more.
struct Columns<'a>(&'a [String]);

impl Columns<'_> {
    const LISTED: usize = 20;
    const CHARS: usize = 600;
}

impl fmt::Display for Columns<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut listed = String::new();
        let mut count = 0;
        for column in self.0.iter().take(Self::LISTED) {
            if listed.len() >= Self::CHARS {
                break;
            }
            let comma = if count == 0 { "" } else { ", " };
            listed.push_str(&format!("{comma}{}", quoted(column)));
            count += 1;
        }
        f.write_str("[")?;
        f.write_str(&listed)?;
        if self.0.len() > count {
            write!(f, ", … and {} more", self.0.len() - count)?;
        }
        f.write_str("]")
    }
}
