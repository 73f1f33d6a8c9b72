//! Dates and instants, and the time rule that decides whether a feature is
//! shown on a day.
//!
//! Values come from ISO 8601 strings: a date (`2024-10-08`) or a date-time
//! (`2024-10-08T06:30`, `2024-10-08T06:30:00Z`, `2024-10-08T15:30:00+09:00`).
//! A date-time without an offset is read as UTC. Days are UTC calendar days.

mod error;
pub mod index;
pub mod steps;

use std::fmt;

pub use error::{TimeCause, TimeError};

/// Seconds in a day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// A UTC calendar day, counted from 1970-01-01.
///
/// ```
/// use troopmap::Day;
/// let day = Day::parse("2024-10-18").unwrap();
/// assert_eq!(day.to_string(), "2024-10-18");
/// assert_eq!(day.next().to_string(), "2024-10-19");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// The day from a year, month (1–12) and day of month, or `None` when
    /// there is no such day (2023-02-29, 2024-13-01).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day(days_from_civil(year, month, day)))
    }

    /// Reads a `YYYY-MM-DD` date, nothing more and nothing less.
    pub fn parse(text: &str) -> Result<Day, TimeError> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(TimeError::new(text, TimeCause::NotADate));
        }
        let year = digits(&text[0..4]);
        let month = digits(&text[5..7]);
        let day = digits(&text[8..10]);
        match (year, month, day) {
            (Some(y), Some(m), Some(d)) => Day::from_ymd(y as i32, m, d)
                .ok_or_else(|| TimeError::new(text, TimeCause::NoSuchDay)),
            _ => Err(TimeError::new(text, TimeCause::NotADate)),
        }
    }

    /// The day after this one.
    pub fn next(self) -> Day {
        Day(self.0.saturating_add(1))
    }

    /// The day before this one.
    pub fn previous(self) -> Day {
        Day(self.0.saturating_sub(1))
    }

    /// Year, month and day of month.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The first second of this day, in seconds since 1970-01-01T00:00:00Z.
    pub fn start_seconds(self) -> i64 {
        i64::from(self.0) * SECONDS_PER_DAY
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// One end of a feature's time span, as written in the data.
///
/// ```
/// use troopmap::TimeBound;
/// let noon = TimeBound::parse("2024-10-08T12:00:00+09:00").unwrap();
/// assert_eq!(noon.day().to_string(), "2024-10-08");
/// assert!(!noon.is_date_only());
/// assert!(TimeBound::parse("2024-10-08").unwrap().is_date_only());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeBound {
    /// Seconds since 1970-01-01T00:00:00Z.
    seconds: i64,
    date_only: bool,
}

impl TimeBound {
    /// Reads an ISO 8601 date or date-time (see the module docs).
    pub fn parse(text: &str) -> Result<TimeBound, TimeError> {
        let trimmed = text.trim();
        if trimmed.len() == 10 {
            let day = Day::parse(trimmed)?;
            return Ok(TimeBound {
                seconds: day.start_seconds(),
                date_only: true,
            });
        }
        parse_date_time(trimmed).ok_or_else(|| TimeError::new(text, TimeCause::NotADateTime))
    }

    /// The instant `seconds` after 1970-01-01T00:00:00Z (a Unix time).
    pub fn from_unix(seconds: i64) -> TimeBound {
        TimeBound {
            seconds,
            date_only: false,
        }
    }

    /// The whole of `day`, as a date-only value.
    pub fn from_day(day: Day) -> TimeBound {
        TimeBound {
            seconds: day.start_seconds(),
            date_only: true,
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z of the instant written.
    pub fn seconds(self) -> i64 {
        self.seconds
    }

    /// Whether the value was a date without a time of day.
    pub fn is_date_only(self) -> bool {
        self.date_only
    }

    /// The UTC day the instant falls on.
    pub fn day(self) -> Day {
        Day(self.seconds.div_euclid(SECONDS_PER_DAY) as i32)
    }

    /// The last second this value covers, as an end: a date-only value
    /// lasts to the end of its day.
    pub fn last_second(self) -> i64 {
        if self.date_only {
            self.seconds + SECONDS_PER_DAY - 1
        } else {
            self.seconds
        }
    }
}

/// A date, or a UTC date-time with seconds, as the data format writes it.
///
/// ```
/// use troopmap::TimeBound;
/// let t = |s| TimeBound::parse(s).unwrap().to_string();
/// assert_eq!(t("2024-10-08"), "2024-10-08");
/// assert_eq!(t("2024-10-08T12:00+09:00"), "2024-10-08T03:00:00Z");
/// ```
impl fmt::Display for TimeBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.date_only {
            return write!(f, "{}", self.day());
        }
        let seconds = self.seconds.rem_euclid(SECONDS_PER_DAY);
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.day(),
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }
}

/// When a feature is shown: from `start` to `end`, either of which may be open.
///
/// The time rule: a feature is shown on day D when it has no `start` or
/// `start` ≤ D, and it has no `end` or D ≤ `end`. Both ends are compared as
/// UTC days, so a date-only `end` includes that whole day, and a date-time
/// shows the feature on the day it falls on.
///
/// ```
/// use troopmap::{Day, Span, TimeBound};
/// let voyage = Span::new(
///     Some(TimeBound::parse("2024-10-08").unwrap()),
///     Some(TimeBound::parse("2024-10-13").unwrap()),
/// );
/// let day = |s| Day::parse(s).unwrap();
/// assert!(!voyage.contains(day("2024-10-07")));
/// assert!(voyage.contains(day("2024-10-08")));
/// assert!(voyage.contains(day("2024-10-13")));
/// assert!(!voyage.contains(day("2024-10-14")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Option<TimeBound>,
    pub end: Option<TimeBound>,
}

impl Span {
    /// Whether the end comes before the start (a date-only end counts as
    /// its whole day, so a start later that day is not before it).
    pub fn is_backwards(&self) -> bool {
        matches!((self.start, self.end), (Some(first), Some(last)) if first.seconds() > last.last_second())
    }

    pub fn new(start: Option<TimeBound>, end: Option<TimeBound>) -> Span {
        Span { start, end }
    }

    /// The first day shown, or `None` when the span has no start.
    pub fn first_day(&self) -> Option<Day> {
        self.start.map(TimeBound::day)
    }

    /// The last day shown, or `None` when the span has no end.
    pub fn last_day(&self) -> Option<Day> {
        self.end.map(TimeBound::day)
    }

    /// The time rule (see the type's docs).
    pub fn contains(&self, day: Day) -> bool {
        self.first_day().is_none_or(|first| first <= day)
            && self.last_day().is_none_or(|last| day <= last)
    }
}

/// The number `text` writes in decimal digits only, if a `u32` holds it.
fn digits(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0_u32, |n, b| {
        let digit = b.is_ascii_digit().then(|| u32::from(b - b'0'))?;
        n.checked_mul(10)?.checked_add(digit)
    })
}

fn parse_date_time(text: &str) -> Option<TimeBound> {
    // Everything accepted is ASCII; checking first makes every slice below
    // fall on a character boundary.
    if !text.is_ascii() {
        return None;
    }
    let (date, rest) = (text.get(..10)?, text.get(10..)?);
    let day = Day::parse(date).ok()?;
    // RFC 3339 allows `t` and `z` in lower case.
    let rest = rest
        .strip_prefix(['T', 't', ' '])
        .filter(|r| !r.starts_with(' '))?;
    // Split the clock from the offset: `Z`, `±hh:mm`, `±hhmm`, `±hh` or nothing.
    let (clock, offset_seconds) = if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else if let Some(pos) = rest.rfind(['+', '-']) {
        let (clock, offset) = rest.split_at(pos);
        (clock, parse_offset(offset)?)
    } else {
        (rest, 0)
    };
    let mut parts = clock.split(':');
    let hour = two_digits(parts.next()?)?;
    let minute = two_digits(parts.next()?)?;
    let second = match parts.next() {
        None => 0,
        Some(s) => {
            let (whole, fraction) = match s.find(['.', ',']) {
                Some(pos) => (&s[..pos], Some(&s[pos + 1..])),
                None => (s, None),
            };
            // A fraction of a second needs digits; it does not move the day.
            if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
                return None;
            }
            two_digits(whole)?
        }
    };
    if parts.next().is_some() || hour > 24 || minute > 59 || second > 59 {
        return None;
    }
    if hour == 24 && (minute != 0 || second != 0) {
        return None;
    }
    let seconds =
        day.start_seconds() + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)
            - offset_seconds;
    Some(TimeBound {
        seconds,
        date_only: false,
    })
}

fn two_digits(text: &str) -> Option<u32> {
    if text.len() == 2 {
        digits(text)
    } else {
        None
    }
}

/// `+hh:mm`, `-hh:mm`, `+hhmm` or `+hh`; the text is ASCII.
fn parse_offset(offset: &str) -> Option<i64> {
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let body = offset.get(1..)?;
    let (h, m) = match body.len() {
        2 => (digits(body)?, 0),
        4 => (two_digits(body.get(..2)?)?, two_digits(body.get(2..)?)?),
        5 if body.as_bytes()[2] == b':' => {
            (two_digits(body.get(..2)?)?, two_digits(body.get(3..)?)?)
        }
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (i64::from(h) * 3600 + i64::from(m) * 60))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// How many days month `month` (1–12) of `year` has.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days, exact for the
// proleptic Gregorian calendar.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400) as u32;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe as i32 + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_read_as_the_standard_parse_reads_them() {
        for text in [
            "",
            "0",
            "07",
            "2024",
            "+1",
            "-1",
            " 1",
            "1a",
            "٣",
            "4294967295",
            "4294967296",
            "00000000004294967295",
            "99999999999",
        ] {
            let parsed = (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse::<u32>().ok())
                .flatten();
            assert_eq!(digits(text), parsed, "{text}");
        }
    }

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn bound(s: &str) -> Option<TimeBound> {
        Some(TimeBound::parse(s).unwrap())
    }

    #[test]
    fn days_round_trip_through_the_calendar() {
        for n in [-719_468, -1, 0, 1, 19_999, 20_004, 2_932_896] {
            let (y, m, d) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)), "{y}-{m}-{d}");
        }
        assert_eq!(Day(0).to_string(), "1970-01-01");
        assert_eq!(day("2024-02-29").next().to_string(), "2024-03-01");
        assert_eq!(day("2025-01-01").previous().to_string(), "2024-12-31");
    }

    #[test]
    fn a_refused_time_says_why_by_its_cause() {
        assert_eq!(
            Day::parse("2023-02-29").unwrap_err().cause,
            TimeCause::NoSuchDay
        );
        assert_eq!(
            Day::parse("2024/10/08").unwrap_err().cause,
            TimeCause::NotADate
        );
        let error = TimeBound::parse("2024-10-08T25:00").unwrap_err();
        assert_eq!(error.cause, TimeCause::NotADateTime);
        assert_eq!(
            error.to_string(),
            "\"2024-10-08T25:00\" is not a valid time: expected an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-10-32",
            "24-10-08",
            "2024/10/08",
            "",
            "2024-1-08",
        ] {
            assert!(Day::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn date_times_fall_on_their_utc_day() {
        assert_eq!(
            TimeBound::parse("2024-10-08T23:30:00-02:00").unwrap().day(),
            day("2024-10-09")
        );
        assert_eq!(
            TimeBound::parse("2024-10-08T01:00+09:00").unwrap().day(),
            day("2024-10-07")
        );
        assert_eq!(
            TimeBound::parse("2024-10-08T12:00:00.250Z").unwrap().day(),
            day("2024-10-08")
        );
        assert_eq!(
            TimeBound::parse("2024-10-08 12:00").unwrap().day(),
            day("2024-10-08")
        );
        assert_eq!(
            TimeBound::parse("2024-10-08T24:00Z").unwrap().day(),
            day("2024-10-09")
        );
        assert_eq!(
            TimeBound::parse("2024-10-08T06:30:15Z").unwrap().seconds(),
            day("2024-10-08").start_seconds() + 6 * 3600 + 30 * 60 + 15
        );
    }

    #[test]
    fn malformed_date_times_say_what_was_expected() {
        for text in [
            "2024-10-08T",
            "2024-10-08T25:00",
            "2024-10-08T12:60",
            "2024-10-08T12:00+25:00",
            "yesterday",
            "2024-10-08T1:2:3:4",
        ] {
            let error = TimeBound::parse(text).unwrap_err();
            assert_eq!(error.value, text);
            assert!(error.to_string().contains("ISO 8601"), "{error}");
        }
    }

    #[test]
    fn no_text_makes_the_parser_panic() {
        // Every short string over characters that matter to the parser,
        // multi-byte ones included.
        let alphabet = ['2', '0', '-', ':', '+', 'T', 'Z', '.', 'é', '€'];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            for tail in &texts {
                let _ = TimeBound::parse(&format!("2024-10-08T12:00{tail}"));
                let _ = TimeBound::parse(&format!("2024-10-08T{tail}"));
                let _ = TimeBound::parse(tail);
            }
        }
    }

    #[test]
    fn a_span_includes_both_boundary_days_and_nothing_beyond() {
        let span = Span::new(bound("2024-10-08"), bound("2024-10-13"));
        assert!(!span.contains(day("2024-10-07")));
        assert!(span.contains(day("2024-10-08")));
        assert!(span.contains(day("2024-10-13")));
        assert!(!span.contains(day("2024-10-14")));
    }

    #[test]
    fn a_date_time_end_still_shows_the_feature_on_that_day() {
        let span = Span::new(bound("2024-10-08T08:00Z"), bound("2024-10-13T00:00Z"));
        assert!(span.contains(day("2024-10-08")));
        assert!(span.contains(day("2024-10-13")));
        assert!(!span.contains(day("2024-10-14")));
    }

    #[test]
    fn open_ends_reach_forever() {
        let from = Span::new(bound("2024-10-18"), None);
        assert!(!from.contains(day("2024-10-17")));
        assert!(from.contains(day("2024-10-18")));
        assert!(from.contains(day("2099-01-01")));
        let until = Span::new(None, bound("2024-10-18"));
        assert!(until.contains(day("1900-01-01")));
        assert!(until.contains(day("2024-10-18")));
        assert!(!until.contains(day("2024-10-19")));
        assert!(Span::default().contains(day("2024-10-18")));
    }
}
