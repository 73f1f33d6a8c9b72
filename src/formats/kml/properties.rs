//! A placemark's words and times as properties: `ExtendedData` under its
//! names, and `TimeStamp`/`TimeSpan` as `start`, `end` and the precision of
//! a year-only or year-month value.

use serde_json::{Map, Value};

use crate::formats::xml::Element;

/// `ExtendedData`'s values as text properties, under their names; a name
/// the placemark's own elements gave is kept as `data:NAME`.
pub(super) fn extended_data(extended: &Element, properties: &mut Map<String, Value>) {
    let mut put = |name: &str, value: &str| {
        let key = if properties.contains_key(name) {
            format!("data:{name}")
        } else {
            name.to_owned()
        };
        properties.insert(key, value.trim().into());
    };
    for data in extended.all("Data") {
        if let Some(name) = data.attribute("name") {
            put(name, data.child("value").map_or("", |v| v.text.as_str()));
        }
    }
    for schema in extended.all("SchemaData") {
        for simple in schema.all("SimpleData") {
            if let Some(name) = simple.attribute("name") {
                put(name, &simple.text);
            }
        }
    }
}

/// Writes `start`, `end` and `date_precision`, keeping what ExtendedData
/// gave under those names as `data:NAME`.
pub(super) fn times(
    properties: &mut Map<String, Value>,
    start: Option<String>,
    end: Option<String>,
    precision: Option<&str>,
) {
    let fields = [
        ("start", start),
        ("end", end),
        ("date_precision", precision.map(str::to_owned)),
    ];
    for (key, value) in fields {
        let Some(value) = value else { continue };
        if let Some(given) = properties.remove(key) {
            properties.insert(format!("data:{key}"), given);
        }
        properties.insert(key.into(), value.into());
    }
}

/// The first and last day of the period a KML time names: a year-only
/// (`2023`) or year-month (`2023-05`) value is that whole year or month,
/// with its precision; any other value is the moment itself.
///
/// ```
/// # use troopmap::formats::kml::period;
/// assert_eq!(period("2023"), ("2023-01-01".into(), "2023-12-31".into(), Some("year")));
/// assert_eq!(period("2024-02"), ("2024-02-01".into(), "2024-02-29".into(), Some("month")));
/// assert_eq!(period("2024-10-08T06:00Z"), ("2024-10-08T06:00Z".into(), "2024-10-08T06:00Z".into(), None));
/// ```
pub fn period(value: &str) -> (String, String, Option<&'static str>) {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let same = || (value.to_owned(), value.to_owned(), None);
    match value.split_once('-') {
        None if value.len() == 4 && digits(value) => (
            format!("{value}-01-01"),
            format!("{value}-12-31"),
            Some("year"),
        ),
        Some((year, month)) if year.len() == 4 && digits(year) && month.len() == 2 => {
            let (Ok(y), Ok(m)) = (year.parse::<i32>(), month.parse::<u32>()) else {
                return same();
            };
            if !(1..=12).contains(&m) {
                return same();
            }
            let last = crate::time::days_in_month(y, m);
            (
                format!("{year}-{month}-01"),
                format!("{year}-{month}-{last:02}"),
                Some("month"),
            )
        }
        _ => same(),
    }
}
