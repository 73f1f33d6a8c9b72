//! What was found where something else was expected: a JSON value, named in
//! a few words for a message.

use std::fmt;

use serde_json::{Number, Value};

/// The longest text a message quotes; longer text is only named.
pub const SHORT_TEXT: usize = 40;

/// A JSON value as a message names it: its type and, when short, the value
/// itself.
///
/// ```
/// use serde_json::json;
/// use troopmap::geojson::found::FoundValue;
/// let found = |v| FoundValue::of(&v).to_string();
/// assert_eq!(found(json!(null)), "null");
/// assert_eq!(found(json!(true)), "the boolean true");
/// assert_eq!(found(json!(1.50)), "the number 1.5");
/// assert_eq!(found(json!("Vladivostok")), "the text \"Vladivostok\"");
/// assert_eq!(found(json!("x".repeat(41))), "text");
/// assert_eq!(found(json!([1, 2])), "an array");
/// assert_eq!(found(json!({})), "an object");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean(bool),
    /// A number, as serde_json read it.
    Number(Number),
    /// Text of at most [`SHORT_TEXT`] characters, quoted in the message.
    Text(String),
    /// Longer text, named but not quoted.
    LongText,
    /// An array, whatever it holds.
    Array,
    /// An object, whatever it holds.
    Object,
}

impl FoundValue {
    /// What `value` is, as a message names it.
    pub fn of(value: &Value) -> FoundValue {
        match value {
            Value::Null => FoundValue::Null,
            Value::Bool(b) => FoundValue::Boolean(*b),
            Value::Number(n) => FoundValue::Number(n.clone()),
            Value::String(s) if s.chars().count() <= SHORT_TEXT => FoundValue::Text(s.clone()),
            Value::String(_) => FoundValue::LongText,
            Value::Array(_) => FoundValue::Array,
            Value::Object(_) => FoundValue::Object,
        }
    }
}

impl From<&Value> for FoundValue {
    fn from(value: &Value) -> FoundValue {
        FoundValue::of(value)
    }
}

impl fmt::Display for FoundValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FoundValue::Null => f.write_str("null"),
            FoundValue::Boolean(b) => write!(f, "the boolean {b}"),
            FoundValue::Number(n) => write!(f, "the number {n}"),
            FoundValue::Text(s) => write!(f, "the text {}", crate::model::quote::quoted(s)),
            FoundValue::LongText => f.write_str("text"),
            FoundValue::Array => f.write_str("an array"),
            FoundValue::Object => f.write_str("an object"),
        }
    }
}
