//! What a person is told about a file they loaded: the same words on the
//! page and on the command line.

use crate::model::Dataset;
use crate::problem::{LoadError, Problem};
use crate::read::omitted;

/// The verdict on one file: loaded (with its warnings) or refused (with
/// every problem), one line each.
///
/// ```
/// let ok = troopmap::read_collection("a.geojson", r#"{"type": "FeatureCollection", "features": []}"#);
/// assert_eq!(troopmap::verdict::verdict("a.geojson", &ok), "a.geojson: 0 features loaded");
/// let bad = troopmap::read_collection("b.geojson", "[]");
/// assert_eq!(
///     troopmap::verdict::verdict("b.geojson", &bad),
///     "b.geojson was not loaded: 1 problem\n  error: expected a GeoJSON FeatureCollection object, found an array"
/// );
/// ```
pub fn verdict(file: &str, result: &Result<Dataset, LoadError>) -> String {
    match result {
        Ok(data) => {
            let mut text = format!("{file}: {} loaded", count(data.features.len(), "feature"));
            if !data.warnings.is_empty() {
                text.push_str(&format!(", {}", count(total(&data.warnings), "warning")));
            }
            text + &lines(&data.warnings, "warning")
        }
        Err(error) => refused(file, &error.problems),
    }
}

/// The verdict on a refused file.
pub fn refused(file: &str, problems: &[Problem]) -> String {
    format!(
        "{file} was not loaded: {}{}",
        count(total(problems), "problem"),
        lines(problems, "error")
    )
}

/// One line per problem, and one for those left out.
fn lines(problems: &[Problem], kind: &str) -> String {
    let mut text = String::new();
    for problem in problems {
        match omitted(problem) {
            Some(more) => text.push_str(&format!("\n  … and {more} more")),
            None => text.push_str(&format!("\n  {kind}: {problem}")),
        }
    }
    text
}

/// How many problems a list stands for, counting those left out of it.
fn total(problems: &[Problem]) -> usize {
    problems.iter().map(|p| omitted(p).unwrap_or(1)).sum()
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
