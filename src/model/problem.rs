//! What is wrong with a file, and where.

use std::fmt;

/// One thing wrong with loaded data, precise enough for a person to find and
/// fix it.
///
/// ```
/// use troopmap::Problem;
/// let p = Problem::at_feature(3, Some("route:sea".into()), "the time span is backwards")
///     .with_property("end");
/// assert_eq!(
///     p.to_string(),
///     "feature 3 (id \"route:sea\"), property \"end\" at features[3].properties.end: the time span is backwards"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Index of the feature in the collection's `features` array.
    pub feature: Option<usize>,
    /// The feature's id, as text.
    pub id: Option<String>,
    /// The property concerned, if any.
    pub property: Option<String>,
    /// Line and column (both from 1) in the file, for syntax errors.
    pub line_column: Option<(usize, usize)>,
    /// Where in the document, as a JSON path (`features[3].geometry`).
    pub path: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl Problem {
    /// A problem with the document as a whole, at a JSON path.
    pub fn at_path(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            feature: None,
            id: None,
            property: None,
            line_column: None,
            path: path.into(),
            message: message.into(),
        }
    }

    /// A problem with feature `index`.
    pub fn at_feature(index: usize, id: Option<String>, message: impl Into<String>) -> Problem {
        Problem {
            feature: Some(index),
            id,
            path: format!("features[{index}]"),
            ..Problem::at_path("", message)
        }
    }

    /// Narrows the problem to one of the feature's properties.
    pub fn with_property(mut self, property: &str) -> Problem {
        self.path = format!("{}.properties.{property}", self.path);
        self.property = Some(property.to_owned());
        self
    }

    /// Narrows the problem to a member of the feature (`geometry`, `id`).
    pub fn with_member(mut self, member: &str) -> Problem {
        self.path = format!("{}.{member}", self.path);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some((line, column)) = self.line_column {
            write!(f, "line {line}, column {column}")?;
            wrote = true;
        }
        if let Some(index) = self.feature {
            write!(f, "feature {index}")?;
            if let Some(id) = &self.id {
                write!(f, " (id {id:?})")?;
            }
            wrote = true;
        }
        if let Some(property) = &self.property {
            write!(f, ", property {property:?}")?;
        }
        if !self.path.is_empty() {
            f.write_str(if wrote { " at " } else { "at " })?;
            f.write_str(&self.path)?;
            wrote = true;
        }
        if wrote {
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

/// Everything that stopped a file from loading, named after the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file's name, as the person chose it.
    pub file: String,
    /// The first problems, at most [`MAX_LISTED`].
    pub problems: Vec<Problem>,
    /// How many more there were.
    pub left_out: usize,
}

/// At most this many problems (or warnings) of a file are kept to be
/// listed; the rest are counted.
pub const MAX_LISTED: usize = 100;

/// The first [`MAX_LISTED`] of `problems`, and how many were left out.
pub fn capped(mut problems: Vec<Problem>) -> (Vec<Problem>, usize) {
    let left_out = problems.len().saturating_sub(MAX_LISTED);
    problems.truncate(MAX_LISTED);
    (problems, left_out)
}

impl fmt::Display for LoadError {
    /// The same words as the page's and `troopmap validate`'s verdict on a
    /// refused file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} was not loaded: {}{}",
            self.file,
            count(self.problems.len() + self.left_out, "problem"),
            lines(&self.problems, self.left_out, "error")
        )
    }
}

/// One line per problem listed, and one for those left out.
pub(crate) fn lines(problems: &[Problem], left_out: usize, kind: &str) -> String {
    let mut text = String::new();
    for problem in problems {
        text.push_str(&format!("\n  {kind}: {problem}"));
    }
    if left_out > 0 {
        text.push_str(&format!("\n  … and {left_out} more"));
    }
    text
}

/// `n` of `noun`: "1 problem", "2 problems".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A short description of a JSON value for messages: its type and, when
/// short, the value itself.
pub(crate) fn describe(value: &serde_json::Value) -> String {
    use serde_json::Value;
    let kind = match value {
        Value::Null => return "null".into(),
        Value::Bool(b) => return format!("the boolean {b}"),
        Value::Number(n) => return format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => return format!("the text {s:?}"),
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    kind.to_owned()
}

impl std::error::Error for LoadError {}
