//! Symbol codes a sighting carries: a MIL-STD-2525 / APP-6 symbol
//! identification code, which the page draws as the standard symbol.
//!
//! A code is read from the first of `sidc`, `icon15` and `icon` that holds
//! one: a letter-based code of 2525B/C and APP-6A/B (10 to 15 characters:
//! a coding scheme, `S`, `G`, `W`, `I`, `O` or `E`, a standard identity,
//! then letters, digits, `-` and `*`, as datasets write them), or a
//! number-based code of 2525D/E and APP-6D (20 or 30 digits).
//! Anything else is not a code: the unit is drawn by its side's colour.

use crate::model::property::{may_give, property};

/// The properties a symbol code is read from, in order.
pub const SYMBOL_KEYS: [&str; 3] = ["sidc", "icon15", "icon"];

/// The symbol code of a feature whose properties are `raw` (its exact
/// text), in capitals, if it carries one.
///
/// ```
/// use troopmap::space::symbols::symbol_code;
/// let code = |props: &str| symbol_code(&format!(r#"{{"properties": {props}}}"#));
/// assert_eq!(code(r#"{"sidc": "SFGPUCI----D---"}"#).as_deref(), Some("SFGPUCI----D---"));
/// assert_eq!(code(r#"{"icon15": "shgpucii--*****"}"#).as_deref(), Some("SHGPUCII--*****"));
/// assert_eq!(code(r#"{"icon": "10061000001211000000"}"#).as_deref(), Some("10061000001211000000"));
/// // A picture's name is not a code; nor is a 19-digit number.
/// assert_eq!(code(r#"{"icon": "tank.png"}"#), None);
/// assert_eq!(code(r#"{"sidc": "1006100000121100000"}"#), None);
/// ```
pub fn symbol_code(raw: &str) -> Option<String> {
    SYMBOL_KEYS.iter().find_map(|key| {
        // Most features carry none: a search of the text passes them by.
        if !may_give(raw, &format!("\"{key}\"")) {
            return None;
        }
        match property(raw, key)? {
            serde_json::Value::String(code) if is_symbol_code(code.trim()) => {
                Some(code.trim().to_ascii_uppercase())
            }
            _ => None,
        }
    })
}

/// Whether `code` is written as a symbol identification code: letter-based
/// (10–15 characters) or number-based (20 or 30 digits).
///
/// ```
/// use troopmap::space::symbols::is_symbol_code;
/// assert!(is_symbol_code("SFGPUCI----D---"));
/// assert!(is_symbol_code("SHGPUCI---"));
/// assert!(is_symbol_code("130310000016110000000000000000"));
/// assert!(!is_symbol_code("SFG"));
/// assert!(!is_symbol_code("1SFGPUCI----D--"));
/// assert!(!is_symbol_code("SFGP UCI---D---"));
/// // A word is not a code.
/// assert!(!is_symbol_code("helicopter") && !is_symbol_code("artillery1"));
/// ```
pub fn is_symbol_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    if bytes.iter().all(u8::is_ascii_digit) {
        return bytes.len() == 20 || bytes.len() == 30;
    }
    // A coding scheme (warfighting, tactical graphics, weather,
    // intelligence, stability operations, emergency), then a standard
    // identity, then letters, digits, dashes and stars.
    (10..=15).contains(&bytes.len())
        && b"SGWIOE".contains(&bytes[0].to_ascii_uppercase())
        && b"PUAFNSHGWMDLJK-*".contains(&bytes[1].to_ascii_uppercase())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'*')
}
