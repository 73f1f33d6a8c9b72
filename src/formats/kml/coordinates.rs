//! KML coordinates as GeoJSON positions.

use serde_json::Value;

use crate::formats::cause::XmlCause;

/// KML's `lon,lat[,alt]` tuples, parted by white space (white space around
/// the commas, as some writers put it, is allowed).
pub(super) fn coordinates_of(text: &str) -> Result<Vec<Value>, XmlCause> {
    let mut joined = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else {
            if pending_space && c != ',' && !joined.ends_with(',') && !joined.is_empty() {
                joined.push(' ');
            }
            pending_space = false;
            joined.push(c);
        }
    }
    joined
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(|tuple| {
            let numbers = tuple
                .split(',')
                .filter(|n| !n.is_empty())
                .map(|n| {
                    number(n).ok_or_else(|| XmlCause::Number {
                        element: "coordinates".into(),
                        value: n.to_owned(),
                    })
                })
                .collect::<Result<Vec<Value>, XmlCause>>()?;
            if numbers.len() < 2 {
                return Err(XmlCause::ShortPosition {
                    value: tuple.to_owned(),
                });
            }
            Ok(Value::Array(numbers))
        })
        .collect()
}

/// A coordinate as written when it is a JSON number (`0` stays `0`), else
/// as read (`+1.5`, `.5`); `None` when it is not a finite number.
fn number(text: &str) -> Option<Value> {
    if let Ok(number) = serde_json::from_str::<serde_json::Number>(text) {
        return Some(Value::Number(number));
    }
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Value::from)
}
