//! Where and why a text is not valid JSON, in the words a person reads.

use super::cause::SyntaxError;

/// The problem of a text that is not valid JSON: why, at its line and
/// column (in characters).
#[cfg(feature = "readers")]
pub(crate) fn syntax_problem(
    error: &serde_json::Error,
    text: &str,
) -> crate::model::problem::Problem {
    let mut problem = crate::model::problem::Problem::at_path("", syntax_error(error, text));
    problem.line_column = Some((
        error.line(),
        char_column(text, error.line(), error.column()),
    ));
    problem
}

/// serde_json counts columns in bytes; people count characters.
pub(super) fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line) = text.lines().nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut end = byte_column.min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let whole = line[..end].chars().count();
    // A column inside a character points at that character.
    if end < byte_column.min(line.len()) {
        whole + 1
    } else {
        whole
    }
}

/// Why serde_json refused `text`, in a person's words.
pub(super) fn syntax_error(error: &serde_json::Error, text: &str) -> SyntaxError {
    // NaN and Infinity, which some writers emit, deserve a plainer word.
    let at = text
        .lines()
        .nth(error.line().saturating_sub(1))
        .and_then(|line| {
            let column = error.column().saturating_sub(1);
            let start = line
                .char_indices()
                .map(|(i, _)| i)
                .take_while(|&i| i <= column)
                .last()?;
            line.get(start.saturating_sub(1)..)
        });
    if let Some(rest) = at {
        let rest = rest.trim_start_matches([':', ',', '[', ' ', '\t']);
        if ["NaN", "Infinity", "-Infinity", "+Infinity"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            return SyntaxError::NanOrInfinity;
        }
    }
    // serde_json appends " at line L column C"; the position is shown separately.
    let text = error.to_string();
    SyntaxError::Parser(match text.rfind(" at line ") {
        Some(pos) => text[..pos].to_owned(),
        None => text,
    })
}
