//! Why a feature's time could not be read: one value ([`InstantError`]),
//! or the way the values are laid out ([`TimingError`]).

use std::fmt;

use serde_json::Number;

use super::DateOrder;
use crate::geojson::found::FoundValue;
use crate::time::{Day, TimeError};

/// What the formats accepted are, for messages.
pub const ACCEPTED: &str = "accepted: YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss][Z|±hh:mm], YYYY/MM/DD, Unix seconds or milliseconds as a number of nine or more digits, and DD/MM/YYYY or MM/DD/YYYY once the order is chosen for the file";

/// Why one value is not a time; every message but [`InstantError::TooFar`]'s
/// ends with the formats [`ACCEPTED`].
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::convention::{read_time, InstantError};
/// let error = read_time(&json!("03/04/2024"), None).unwrap_err();
/// assert!(matches!(error, InstantError::Ambiguous { first: 3, second: 4, year: 2024, .. }));
/// assert!(error.to_string().starts_with("\"03/04/2024\" could be 3 April or 4 March 2024"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstantError {
    /// Text that is no ISO 8601 date or date-time, year first (`2024/10/18`)
    /// or not; the error quotes it as written.
    NotIso(TimeError),
    /// Digits in quotes: a Unix time written as text.
    QuotedUnixTime { text: String },
    /// A number of fewer than nine digits; `date` is the day it would be
    /// if it were a date written as a number (`20241018`).
    TooFewDigits { number: Number, date: Option<Day> },
    /// A number that, as seconds or milliseconds, is outside the years 1
    /// to 9999.
    TooFar { number: Number },
    /// Neither text nor a number.
    NotATime { found: FoundValue },
    /// A slashed date that reads as two days (`03/04/2024`), with no order
    /// chosen for the file.
    Ambiguous {
        text: String,
        first: u32,
        second: u32,
        year: i32,
    },
    /// A slashed date that is no day in the order chosen, or in either.
    NoSuchDay {
        text: String,
        order: Option<DateOrder>,
    },
}

impl fmt::Display for InstantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstantError::NotIso(error) => write!(f, "{error}"),
            InstantError::QuotedUnixTime { text } => write!(
                f,
                "{} is text: a Unix time is written as a number, without quotes",
                crate::model::quote::quoted(text)
            ),
            InstantError::TooFewDigits { number, date } => {
                write!(
                    f,
                    "the number {} has fewer than nine digits, too few for a Unix time in seconds (from 1973-03-03) or milliseconds",
                    float(number)
                )?;
                if let Some(day) = date {
                    write!(f, ": if it is the date {day}, write it as \"{day}\"")?;
                }
                Ok(())
            }
            InstantError::TooFar { number } => write!(
                f,
                "the number {} is too far from today to be a Unix time in seconds or milliseconds",
                float(number)
            ),
            InstantError::NotATime { found } => write!(
                f,
                "expected a date, a date-time or a Unix time, found {found}"
            ),
            InstantError::Ambiguous {
                text,
                first,
                second,
                year,
            } => write!(
                f,
                "{text:?} could be {first} {} or {second} {} {year}: choose day-first or month-first for this file and import it again",
                month_name(*second),
                month_name(*first),
            ),
            InstantError::NoSuchDay { text, order } => {
                let order = match order {
                    Some(DateOrder::DayFirst) => " day-first",
                    Some(DateOrder::MonthFirst) => " month-first",
                    None => "",
                };
                write!(
                    f,
                    "{} is not a valid{order} date",
                    crate::model::quote::quoted(text)
                )
            }
        }?;
        if matches!(self, InstantError::TooFar { .. }) {
            return Ok(());
        }
        write!(f, " ({ACCEPTED})")
    }
}

impl std::error::Error for InstantError {}

/// A number as the messages write it: as a float, to nine decimals at
/// most.
fn float(number: &Number) -> String {
    crate::number::decimal(number.as_f64().unwrap_or(f64::NAN), 9)
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

/// Why a feature's time could not be read, in the property named beside
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimingError {
    /// A time that could not be read.
    Instant(InstantError),
    /// The time at `index` of an array of times could not be read.
    InArray { index: usize, error: InstantError },
    /// `end` before `start`.
    Backwards,
    /// Times on a point or multi-point that are not an array.
    TimesNotArray { found: FoundValue },
    /// An empty array of times on a point (`key` is the property).
    NoTimes { key: String },
    /// Not one time per point of a multi-point.
    TimesPerPoint { times: usize, points: usize },
    /// Times per vertex (in `key`) on a shape that is not a line.
    NotALine { key: String },
    /// Times per vertex that are not an array.
    VertexTimesNotArray { found: FoundValue },
    /// A multi-line's times that are not one array per line.
    NotArraysPerLine,
    /// Not as many arrays of times as lines.
    ArraysPerLines { arrays: usize, lines: usize },
    /// Not one time per vertex; `line` is which line of a multi-line.
    TimesPerVertex {
        times: usize,
        vertices: usize,
        line: Option<usize>,
    },
}

impl From<InstantError> for TimingError {
    fn from(error: InstantError) -> TimingError {
        TimingError::Instant(error)
    }
}

impl fmt::Display for TimingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimingError::Instant(error) => write!(f, "{error}"),
            TimingError::InArray { index, error } => write!(f, "time {index}: {error}"),
            TimingError::Backwards => {
                f.write_str("\"end\" is before \"start\": the time span is backwards")
            }
            TimingError::TimesNotArray { found } => {
                write!(f, "expected an array of times, found {found}")
            }
            TimingError::NoTimes { key } => {
                write!(f, "\"{key}\" is an empty array: give at least one time")
            }
            TimingError::TimesPerPoint { times, points } => {
                write!(f, "{times} times for {points} points: give one time per point")
            }
            TimingError::NotALine { key } => write!(
                f,
                "\"{key}\" gives one time per vertex of a line, but the geometry is not a LineString or MultiLineString"
            ),
            TimingError::VertexTimesNotArray { found } => write!(
                f,
                "expected an array of times, one per vertex, found {found}"
            ),
            TimingError::NotArraysPerLine => f.write_str("expected one array of times per line"),
            TimingError::ArraysPerLines { arrays, lines } => {
                write!(f, "{arrays} arrays of times for {lines} lines")
            }
            TimingError::TimesPerVertex {
                times,
                vertices,
                line,
            } => {
                write!(f, "{times} times for {vertices} vertices")?;
                if let Some(line) = line {
                    write!(f, " in line {line}")?;
                }
                f.write_str(": give one time per vertex")
            }
        }
    }
}

impl std::error::Error for TimingError {}
