//! Why a text is not a date or a date-time.

use std::fmt;

/// A value that could not be read as a date or date-time.
///
/// ```
/// use troopmap::time::{Day, TimeCause};
/// let error = Day::parse("2023-02-29").unwrap_err();
/// assert_eq!(error.cause, TimeCause::NoSuchDay);
/// assert_eq!(
///     error.to_string(),
///     "\"2023-02-29\" is not a valid time: there is no such day in the calendar"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError {
    /// The text as it was given.
    pub value: String,
    /// Why it is not a time.
    pub cause: TimeCause,
}

impl TimeError {
    pub(super) fn new(value: &str, cause: TimeCause) -> TimeError {
        TimeError {
            value: value.to_owned(),
            cause,
        }
    }
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not a valid time: {}",
            crate::model::quote::quoted(&self.value),
            self.cause
        )
    }
}

/// Why a text is not a time; its words say what was expected instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeCause {
    /// Ten characters that are not `YYYY-MM-DD`.
    NotADate,
    /// A `YYYY-MM-DD` date the calendar does not have (2023-02-29).
    NoSuchDay,
    /// Neither a date nor an ISO 8601 date-time.
    NotADateTime,
}

impl fmt::Display for TimeCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeCause::NotADate => "expected a date as YYYY-MM-DD",
            TimeCause::NoSuchDay => "there is no such day in the calendar",
            TimeCause::NotADateTime => {
                "expected an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])"
            }
        })
    }
}

impl std::error::Error for TimeError {}
