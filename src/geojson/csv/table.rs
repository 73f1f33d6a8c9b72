//! A table's rows gathered into a FeatureCollection, or, when any is bad,
//! into the file's refusal: every bad row told, up to the cap on how many
//! problems are listed, then counted.

use serde_json::{json, Value};

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
    features: Vec<Value>,
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
            features: Vec::new(),
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
            Ok(feature) if self.problems.is_empty() => self.features.push(feature),
            Ok(_) => {}
            Err(error) => self.refuse(error),
        }
    }

    /// Tells what is wrong with a row.
    pub(super) fn refuse(&mut self, error: CsvError) {
        if self.problems.len() < MAX_LISTED {
            self.problems.push(Problem::at_path("", error));
        } else {
            self.left_out += 1;
        }
        self.features.clear();
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
        let geojson = json!({"type": "FeatureCollection", "features": self.features}).to_string();
        Ok(Converted {
            geojson,
            notes: notes
                .into_iter()
                .map(|warning| Problem::at_path("", warning))
                .collect(),
        })
    }
}

/// The refusal of `file` as a whole, for one reason.
pub(super) fn refused(file: &str, error: CsvError) -> LoadError {
    LoadError {
        file: file.to_owned(),
        problems: vec![Problem::at_path("", error)],
        left_out: 0,
    }
}
