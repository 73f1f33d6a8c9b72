//! A table's rows gathered into a FeatureCollection, or, when any is bad,
//! into the file's refusal: every bad row told, up to the cap on how many
//! problems are listed, then counted.

use serde_json::Value;

use super::layout::Layout;
use super::row::Row;
use super::CsvError;
use crate::formats::Converted;
use crate::geojson::convention::DateOrder;
use crate::model::problem::{LoadError, Problem, MAX_LISTED};

/// The rows converted so far, and the bad ones.
pub(super) struct Converting {
    layout: Layout,
    order: Option<DateOrder>,
    /// The FeatureCollection's text so far: each feature is written as
    /// soon as it is made, not kept as a value (a tree of maps weighs many
    /// times its text).
    geojson: String,
    features: usize,
    /// Which columns have a value kept, in some row.
    written: Vec<bool>,
    problems: Vec<Problem>,
    left_out: usize,
}

impl Converting {
    pub(super) fn new(layout: Layout, order: Option<DateOrder>) -> Converting {
        let written = vec![false; layout.header.len()];
        Converting {
            layout,
            order,
            geojson: String::from(OPENING),
            features: 0,
            written,
            problems: Vec::new(),
            left_out: 0,
        }
    }

    /// Converts one row, or tells what is wrong with it.
    pub(super) fn row(&mut self, row: &Row) {
        match row.feature(&self.layout, self.order, &mut self.written) {
            // Once a row is refused, the file is: the others are checked,
            // not kept.
            Ok(feature) if self.problems.is_empty() => self.write(&feature),
            Ok(_) => {}
            Err(error) => self.refuse(error),
        }
    }

    /// Writes a feature after those before it.
    fn write(&mut self, feature: &Value) {
        if self.features > 0 {
            self.geojson.push(',');
        }
        self.geojson.push_str(&feature.to_string());
        self.features += 1;
    }

    /// Tells what is wrong with a row.
    pub(super) fn refuse(&mut self, error: CsvError) {
        if self.problems.len() < MAX_LISTED {
            self.problems.push(Problem::at_path("", error));
        } else {
            self.left_out += 1;
        }
        self.geojson = String::new();
    }

    /// The FeatureCollection, with a note for each column renamed; or
    /// the refusal of `file`, with a problem for each bad row.
    pub(super) fn finish(self, file: &str) -> Result<Converted, LoadError> {
        if !self.problems.is_empty() {
            return Err(LoadError {
                file: file.to_owned(),
                problems: self.problems,
                left_out: self.left_out,
            });
        }
        let notes = self.layout.renamed(&self.written);
        let mut geojson = self.geojson;
        geojson.push_str("]}");
        Ok(Converted {
            geojson,
            notes: notes
                .into_iter()
                .map(|warning| Problem::at_path("", warning))
                .collect(),
        })
    }
}

/// How the FeatureCollection's text begins, before its features.
const OPENING: &str = r#"{"type":"FeatureCollection","features":["#;

/// The refusal of `file` as a whole, for one reason.
pub(super) fn refused(file: &str, error: CsvError) -> LoadError {
    LoadError::of(file, vec![Problem::at_path("", error)])
}
