//! One instant as files write it: an ISO 8601 date or date-time, a Unix
//! time, or a slashed date read in the order the person chose.

use serde_json::Value;

use super::error::InstantError;
use super::{DateOrder, MILLISECONDS_FROM, UNIX_FROM};
use crate::geojson::found::FoundValue;
use crate::time::{Day, TimeBound};

/// Reads one time value.
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::convention::{read_time, DateOrder};
/// let day = |v| read_time(&v, None).map(|t| t.day().to_string());
/// assert_eq!(day(json!("2024-10-18")).unwrap(), "2024-10-18");
/// assert_eq!(day(json!(1729209600)).unwrap(), "2024-10-18");
/// assert_eq!(day(json!(1729209600000_i64)).unwrap(), "2024-10-18");
/// assert_eq!(day(json!("18/10/2024")).unwrap(), "2024-10-18");
/// assert!(day(json!("03/04/2024")).unwrap_err().to_string().contains("could be 3 April or 4 March"));
/// assert_eq!(read_time(&json!("03/04/2024"), Some(DateOrder::MonthFirst)).unwrap().day().to_string(), "2024-03-04");
/// ```
pub fn read_time(value: &Value, order: Option<DateOrder>) -> Result<TimeBound, InstantError> {
    match value {
        Value::String(text) => read_text(text, order),
        Value::Number(number) => {
            let n = number.as_f64().unwrap_or(f64::NAN);
            // A number of fewer than nine digits is not read as a Unix
            // time: 20241018 is a date written as a number, 35 a count.
            if n.abs() < UNIX_FROM {
                return Err(InstantError::TooFewDigits {
                    number: number.clone(),
                    date: compact_date(n),
                });
            }
            let seconds = if n.abs() >= MILLISECONDS_FROM {
                n / 1000.0
            } else {
                n
            };
            // Years 1 to 9999, as ISO 8601 writes them.
            if !(-62_135_596_800.0..=253_402_300_799.0).contains(&seconds) {
                return Err(InstantError::TooFar {
                    number: number.clone(),
                });
            }
            Ok(TimeBound::from_unix(seconds.floor() as i64))
        }
        other => Err(InstantError::NotATime {
            found: FoundValue::of(other),
        }),
    }
}

/// A time written as text: a slashed date, a year-first date, or ISO 8601.
pub(super) fn read_text(text: &str, order: Option<DateOrder>) -> Result<TimeBound, InstantError> {
    // The common case, `2024-10-08`, straight away: neither of the two
    // below takes it.
    let bytes = text.as_bytes();
    let digits = |from: usize, to: usize| bytes[from..to].iter().all(u8::is_ascii_digit);
    if bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && digits(0, 4)
        && digits(5, 7)
        && digits(8, 10)
    {
        return TimeBound::parse(text).map_err(InstantError::NotIso);
    }
    if let Some(parts) = slash_date(text) {
        return read_slash_date(text, parts, order);
    }
    if let Some(iso) = year_first(text) {
        // The message quotes the value as written, not as rewritten.
        return TimeBound::parse(&iso).map_err(|mut e| {
            e.value = text.trim().to_owned();
            InstantError::NotIso(e)
        });
    }
    TimeBound::parse(text).map_err(|e| {
        let text = text.trim();
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            InstantError::QuotedUnixTime {
                text: text.to_owned(),
            }
        } else {
            InstantError::NotIso(e)
        }
    })
}

/// `20241018` as the day it would be if it were a date.
fn compact_date(n: f64) -> Option<Day> {
    if n.fract() != 0.0 || !(10_000_101.0..=99_991_231.0).contains(&n) {
        return None;
    }
    let n = n as u32;
    Day::from_ymd((n / 10_000) as i32, n / 100 % 100, n % 100)
}

/// `YYYY/MM/DD` or `YYYY.MM.DD`, with or without a time after it, written
/// as ISO 8601: year first, the order cannot be mistaken.
fn year_first(text: &str) -> Option<String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let separator = *bytes.get(4)?;
    if !matches!(separator, b'/' | b'.') || bytes.get(7) != Some(&separator) {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() < 10 || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return None;
    }
    Some(format!(
        "{}-{}-{}{}",
        &text[0..4],
        &text[5..7],
        &text[8..10],
        &text[10..]
    ))
}

/// `a/b/yyyy` (or with `.` or `-`), as three numbers.
fn slash_date(text: &str) -> Option<(u32, u32, i32)> {
    let text = text.trim();
    let separator = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = text.split(separator);
    let (Some(a), Some(b), Some(year), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let short = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !short(a) || !short(b) || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, year.parse().ok()?))
}

fn read_slash_date(
    text: &str,
    (a, b, year): (u32, u32, i32),
    order: Option<DateOrder>,
) -> Result<TimeBound, InstantError> {
    let day_first = Day::from_ymd(year, b, a);
    let month_first = Day::from_ymd(year, a, b);
    let chosen = match order {
        Some(DateOrder::DayFirst) => day_first,
        Some(DateOrder::MonthFirst) => month_first,
        None => match (day_first, month_first) {
            (Some(d), Some(m)) if d == m => Some(d),
            (Some(_), Some(_)) => {
                return Err(InstantError::Ambiguous {
                    text: text.to_owned(),
                    first: a,
                    second: b,
                    year,
                })
            }
            (one, other) => one.or(other),
        },
    };
    chosen
        .map(TimeBound::from_day)
        .ok_or_else(|| InstantError::NoSuchDay {
            text: text.to_owned(),
            order,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_first_day_read_straight_away_is_read_as_the_long_way_reads_it() {
        for text in [
            "2024-10-08",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "0000-01-01",
            "9999-12-31",
        ] {
            // The long way: neither a slashed nor a dotted date, and not
            // all digits, so the ISO reading and its message.
            assert_eq!(slash_date(text), None, "{text}");
            assert_eq!(year_first(text), None, "{text}");
            let long_way = TimeBound::parse(text).map_err(InstantError::NotIso);
            assert_eq!(
                read_text(text, None).map_err(|e| e.to_string()),
                long_way.map_err(|e| e.to_string()),
                "{text}"
            );
        }
    }
}
