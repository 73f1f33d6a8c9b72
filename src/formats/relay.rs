//! What the page's readers module hands back, as JSON text: a conversion
//! crosses from one wasm module to another as text, and its problems keep
//! their words and where they are.

use serde_json::{json, Value};

use super::Converted;
use crate::model::problem::{Cause, LoadError, Problem};

/// `{"geojson": …, "notes": […]}` or `{"refused": […], "left_out": n}`.
pub fn to_json(result: &Result<Converted, LoadError>) -> String {
    match result {
        Ok(converted) => json!({
            "geojson": converted.geojson,
            "notes": converted.notes.iter().map(problem_json).collect::<Vec<_>>(),
        }),
        Err(error) => json!({
            "refused": error.problems.iter().map(problem_json).collect::<Vec<_>>(),
            "left_out": error.left_out,
        }),
    }
    .to_string()
}

/// The conversion [`to_json`] wrote, for `file`; `None` when the text is
/// not such JSON.
pub fn from_json(file: &str, text: &str) -> Option<Result<Converted, LoadError>> {
    let value: Value = serde_json::from_str(text).ok()?;
    let problems = |key: &str| -> Option<Vec<Problem>> {
        value[key].as_array()?.iter().map(problem_from).collect()
    };
    if let Some(geojson) = value["geojson"].as_str() {
        return Some(Ok(Converted {
            geojson: geojson.to_owned(),
            notes: problems("notes")?,
        }));
    }
    Some(Err(LoadError {
        file: file.to_owned(),
        problems: problems("refused")?,
        left_out: value["left_out"].as_u64().unwrap_or(0) as usize,
    }))
}

fn problem_json(p: &Problem) -> Value {
    json!({
        "feature": p.feature,
        "id": p.id,
        "property": p.property,
        "line_column": p.line_column,
        "path": p.path,
        "message": p.cause.to_string(),
    })
}

fn problem_from(v: &Value) -> Option<Problem> {
    let line_column = match v["line_column"].as_array().map(Vec::as_slice) {
        Some([line, column]) => Some((line.as_u64()? as usize, column.as_u64()? as usize)),
        _ => None,
    };
    Some(Problem {
        feature: v["feature"].as_u64().map(|f| f as usize),
        id: v["id"].as_str().map(str::to_owned),
        property: v["property"].as_str().map(str::to_owned),
        line_column,
        path: v["path"].as_str()?.to_owned(),
        cause: Cause::Relayed(v["message"].as_str()?.to_owned()),
    })
}

#[cfg(all(test, feature = "readers"))]
mod tests {
    use super::*;

    #[test]
    fn a_conversion_crosses_as_text_with_the_same_words() {
        let kml = "<kml><Placemark id=\"a\"><Model/></Placemark></kml>";
        let converted = super::super::kml::convert(kml).unwrap(); // ok: the test's own KML, which converts
        let relayed = from_json("a.kml", &to_json(&Ok(converted.clone())));
        let relayed = relayed.unwrap().unwrap(); // ok: what to_json wrote reads back; a failure is the test's
        assert_eq!(relayed.geojson, converted.geojson);
        let words = |notes: &[Problem]| notes.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(words(&relayed.notes), words(&converted.notes));
        assert_eq!(relayed.notes.len(), 1);

        let kml = super::super::Format::Kml;
        let refused = super::super::convert(kml, "b.kml", "<kml><Point>", Default::default());
        let refused = refused.unwrap(); // ok: a KML file is always converted (Some), here refused
        let relayed = from_json("b.kml", &to_json(&refused)).unwrap(); // ok: what to_json wrote reads back
        assert_eq!(
            relayed.unwrap_err().to_string(),
            refused.unwrap_err().to_string()
        );
        assert!(from_json("c.kml", "not json").is_none());
    }
}
