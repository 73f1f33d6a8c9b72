//! What reading KML or GPX can refuse or warn of, in the words a person
//! reads; where it is (line, column, feature) is the [`Problem`]'s.
//!
//! [`Problem`]: crate::model::problem::Problem

use std::fmt;

use crate::model::quote::{quoted, QUOTED_CHARS};

/// Why a KML or GPX file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlCause {
    /// Not well-formed XML, in the XML reader's words.
    Syntax(String),
    /// The document declares entities of its own.
    Entities,
    /// An entity that is not one of XML's five.
    UnknownEntity(String),
    /// An element never closed.
    Unclosed(String),
    /// No element at all.
    NoElement,
    /// The root element is not the format's.
    Root {
        expected: &'static str,
        found: String,
    },
    /// A coordinate that is not a number.
    Number { element: String, value: String },
    /// A position with fewer than two numbers.
    ShortPosition { value: String },
    /// A GPX reader's refusal, in its words.
    Gpx(String),
}

impl fmt::Display for XmlCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlCause::Syntax(error) => write!(f, "not well-formed XML: {}", clip(error)),
            XmlCause::Entities => f.write_str(
                "the file declares XML entities of its own (<!ENTITY …>), which the map never expands: a few such lines can grow into gigabytes (\"billion laughs\"); remove the declarations",
            ),
            XmlCause::UnknownEntity(name) => write!(
                f,
                "&{}; is not one of XML's own entities (&amp; &lt; &gt; &quot; &apos;), and the map expands no other",
                clip(name)
            ),
            XmlCause::Unclosed(name) => write!(f, "<{}> is never closed", clip(name)),
            XmlCause::NoElement => f.write_str("there is no XML element in the file"),
            XmlCause::Root { expected, found } => {
                write!(f, "the root element is <{}>, not <{expected}>", clip(found))
            }
            XmlCause::Number { element, value } => write!(
                f,
                "{} in <{}> is not a number",
                quoted(value),
                clip(element)
            ),
            XmlCause::ShortPosition { value } => write!(
                f,
                "{} is not a position: it needs a longitude and a latitude",
                quoted(value)
            ),
            XmlCause::Gpx(error) => write!(f, "not read as GPX: {}", clip(error)),
        }
    }
}

/// What reading KML or GPX met that the person should know, though the
/// file loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatNote {
    /// A gx:Track whose `when`s and `gx:coord`s do not pair up.
    TrackTimes { whens: usize, coords: usize },
    /// An element the map does not draw, in place of a geometry.
    NotDrawn { element: String },
    /// A TimeStamp or TimeSpan on a container, not on a placemark.
    TimeOnContainer { time: String, container: String },
    /// Only some points of a GPX route or track have times.
    SomeTimes { with: usize, of: usize },
    /// GPX track segments or routes of a single point, left out.
    SinglePoints { count: usize },
}

impl fmt::Display for FormatNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatNote::TrackTimes { whens, coords } => write!(
                f,
                "the gx:Track has {whens} <when> and {coords} <gx:coord>, which should pair up: drawn without its times"
            ),
            FormatNote::NotDrawn { element } => write!(
                f,
                "a <{}> is not a geometry the map draws: the placemark is listed without a location",
                clip(element)
            ),
            FormatNote::TimeOnContainer { time, container } => write!(
                f,
                "a <{}> on a <{}> is not applied to what it holds: only a placemark's own time is read",
                clip(time),
                clip(container)
            ),
            FormatNote::SomeTimes { with, of } => write!(
                f,
                "{with} of its {of} points have a time: its times are not used, so it is shown on every day"
            ),
            FormatNote::SinglePoints { count } => write!(
                f,
                "{count} of its segments have a single point, which is not a line: left out"
            ),
        }
    }
}

/// A name or message from the file, kept to a line: at most
/// [`QUOTED_CHARS`] characters, then "…".
fn clip(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS) {
        None => text.replace('\n', " "),
        Some((cut, _)) => format!("{}…", text[..cut].replace('\n', " ")),
    }
}
