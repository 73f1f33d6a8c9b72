//! Text from a file, quoted in a message: at most [`QUOTED_CHARS`]
//! characters, then "…" and how long it is, so that a message stays short
//! whatever a file holds (a 50 MB "date" is not echoed whole).

use std::fmt;

/// The most characters of a value a message quotes.
pub const QUOTED_CHARS: usize = 80;

/// `text` quoted as Rust quotes a string (`"…"`, with escapes), cut after
/// [`QUOTED_CHARS`] characters.
///
/// ```
/// use troopmap::model::quote::quoted;
/// assert_eq!(quoted("2024-13-01").to_string(), r#""2024-13-01""#);
/// let long = "9".repeat(1000);
/// assert_eq!(quoted(&long).to_string(), format!("\"{}…\" (1000 characters)", "9".repeat(80)));
/// ```
pub fn quoted(text: &str) -> Quoted<'_> {
    Quoted(text)
}

/// See [`quoted`].
pub struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(QUOTED_CHARS) {
            None => write!(f, "{:?}", self.0),
            Some((cut, _)) => {
                let shown = format!("{:?}", &self.0[..cut]);
                let open = shown.strip_suffix('"').unwrap_or(&shown);
                write!(f, "{open}…\" ({} characters)", self.0.chars().count())
            }
        }
    }
}
