//! What is wrong with a file, and where.

use std::fmt;

#[cfg(feature = "readers")]
use crate::formats::cause::{FormatNote, XmlCause};
use crate::geojson::convention::{InstantError, TimingError};
#[cfg(feature = "readers")]
use crate::geojson::csv::error::CsvError;
use crate::geojson::geometry::{GeometryCause, GeometryOddity};
use crate::geojson::read::cause::{
    CollectionCause, FeatureCause, GradeCause, PropertyCause, SourceCause, SyntaxError, Warning,
};
use crate::geojson::read::surprise::Surprise;

/// One thing wrong with loaded data, precise enough for a person to find and
/// fix it: where it is, and its [`Cause`].
///
/// ```
/// use troopmap::geojson::convention::TimingError;
/// use troopmap::{Cause, Problem};
/// let p = Problem::at_feature(3, Some("route:sea".into()), TimingError::Backwards)
///     .with_property("end");
/// assert_eq!(
///     p.to_string(),
///     "feature 3 (id \"route:sea\"), property \"end\" at features[3].properties.end: \"end\" is before \"start\": the time span is backwards"
/// );
/// assert_eq!(p.cause, Cause::Time(TimingError::Backwards));
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
    /// What is wrong; its words say what would be right.
    pub cause: Cause,
}

impl Problem {
    /// A problem with the document as a whole, at a JSON path.
    pub fn at_path(path: impl Into<String>, cause: impl Into<Cause>) -> Problem {
        Problem {
            feature: None,
            id: None,
            property: None,
            line_column: None,
            path: path.into(),
            cause: cause.into(),
        }
    }

    /// A problem with feature `index`.
    pub fn at_feature(index: usize, id: Option<String>, cause: impl Into<Cause>) -> Problem {
        Problem {
            feature: Some(index),
            id,
            path: format!("features[{index}]"),
            ..Problem::at_path("", cause)
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

/// What is wrong with a file, grouped by where it arises; each group's
/// `Display` gives the words a person reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// The text is not valid JSON.
    Syntax(SyntaxError),
    /// The document is not a FeatureCollection.
    Collection(CollectionCause),
    /// A feature's members are not a Feature's.
    Feature(FeatureCause),
    /// A feature's geometry breaks RFC 7946.
    Geometry(GeometryCause),
    /// A property's value is not what the map reads there.
    Property(PropertyCause),
    /// A feature's time cannot be read.
    Time(TimingError),
    /// Something odd that does not stop the file loading.
    Warning(Warning),
    /// A KML or GPX file that cannot be read.
    #[cfg(feature = "readers")]
    Xml(XmlCause),
    /// What converting a KML or GPX file met, though it loads.
    #[cfg(feature = "readers")]
    Note(FormatNote),
    /// A cause as the page's readers of other formats (a module of their
    /// own) worded it.
    Relayed(String),
    /// A table (CSV, or a JSON array of records), or one of its rows,
    /// cannot be converted; its words say the line (or record) and column.
    #[cfg(feature = "readers")]
    Table(CsvError),
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cause::Syntax(cause) => write!(f, "{cause}"),
            Cause::Collection(cause) => write!(f, "{cause}"),
            Cause::Feature(cause) => write!(f, "{cause}"),
            Cause::Geometry(cause) => write!(f, "{cause}"),
            Cause::Property(cause) => write!(f, "{cause}"),
            Cause::Time(cause) => write!(f, "{cause}"),
            Cause::Warning(cause) => write!(f, "{cause}"),
            #[cfg(feature = "readers")]
            Cause::Xml(cause) => write!(f, "{cause}"),
            #[cfg(feature = "readers")]
            Cause::Note(cause) => write!(f, "{cause}"),
            Cause::Relayed(words) => f.write_str(words),
            #[cfg(feature = "readers")]
            Cause::Table(cause) => write!(f, "{cause}"),
        }
    }
}

/// `From` each group (and each group within a group) into a [`Cause`].
macro_rules! cause_from {
    ($($from:ty => |$c:ident| $to:expr;)*) => {$(
        impl From<$from> for Cause {
            fn from($c: $from) -> Cause {
                $to
            }
        }
    )*};
}

cause_from! {
    SyntaxError => |c| Cause::Syntax(c);
    CollectionCause => |c| Cause::Collection(c);
    FeatureCause => |c| Cause::Feature(c);
    GeometryCause => |c| Cause::Geometry(c);
    PropertyCause => |c| Cause::Property(c);
    SourceCause => |c| Cause::Property(c.into());
    GradeCause => |c| Cause::Property(c.into());
    TimingError => |c| Cause::Time(c);
    InstantError => |c| Cause::Time(c.into());
    Warning => |c| Cause::Warning(c);
    GeometryOddity => |c| Cause::Warning(c.into());
    Surprise => |c| Cause::Warning(c.into());
}

#[cfg(feature = "readers")]
cause_from! {
    CsvError => |c| Cause::Table(c);
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some((line, column)) = self.line_column {
            write!(f, "line {line}, column {column}")?;
            wrote = true;
        }
        if let Some(index) = self.feature {
            if wrote {
                f.write_str(", ")?;
            }
            write!(f, "feature {index}")?;
            if let Some(id) = &self.id {
                write!(f, " (id {})", crate::model::quote::quoted(id))?;
            }
            wrote = true;
        }
        if let Some(property) = &self.property {
            write!(f, ", property {}", crate::model::quote::quoted(property))?;
        }
        if !self.path.is_empty() {
            f.write_str(if wrote { " at " } else { "at " })?;
            f.write_str(&self.path)?;
            wrote = true;
        }
        if wrote {
            f.write_str(": ")?;
        }
        write!(f, "{}", self.cause)
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

impl LoadError {
    /// `file` refused for `problems`: the first [`MAX_LISTED`] kept, the
    /// rest counted.
    pub fn of(file: &str, problems: Vec<Problem>) -> LoadError {
        let (problems, left_out) = capped(problems);
        LoadError {
            file: file.to_owned(),
            problems,
            left_out,
        }
    }
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

impl std::error::Error for LoadError {}
