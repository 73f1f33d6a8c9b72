//! A feature's grade through time (the `grades` property): a place named
//! in a claim and confirmed later is drawn, filtered and described, in the
//! "made public by then" mode, with the grade it had on the day shown.

use crate::model::statement::{Grade, SourceType};
use crate::time::Day;

/// One step of a feature's grade through time: from `from` on, until the
/// next step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradeStep {
    pub from: Day,
    pub grade: Grade,
    /// Who said it then (the step's `source_type`, else the reading of its
    /// `confidence`).
    pub source_type: Option<SourceType>,
}

/// A feature's grade through time (the `grades` property), in date order.
/// Before the first step the feature was not yet known; a map showing it
/// then gives it the first step's grade, never a later one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GradeHistory(pub Box<[GradeStep]>);

impl GradeHistory {
    /// The step in force on `day`: the last that began on or before it,
    /// else the first.
    ///
    /// ```
    /// use troopmap::{model::history::{GradeHistory, GradeStep}, model::statement::Grade, Day};
    /// let d = |s| Day::parse(s).unwrap();
    /// let step = |from, grade| GradeStep { from: d(from), grade, source_type: None };
    /// let kursk = GradeHistory(vec![step("2024-10-18", Grade::Claimed), step("2024-10-28", Grade::Confirmed)].into());
    /// let on = |day| kursk.on(d(day)).map(|s| s.grade);
    /// assert_eq!(on("2024-10-10"), Some(Grade::Claimed));
    /// assert_eq!(on("2024-10-27"), Some(Grade::Claimed));
    /// assert_eq!(on("2024-10-28"), Some(Grade::Confirmed));
    /// assert_eq!(GradeHistory::default().on(d("2024-10-28")), None);
    /// ```
    pub fn on(&self, day: Day) -> Option<GradeStep> {
        self.0
            .iter()
            .take_while(|step| step.from <= day)
            .last()
            .or(self.0.first())
            .copied()
    }

    /// Whether the data gives no grade through time.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each step with the last day it holds (`i32::MAX` for the last).
    pub fn spans(&self) -> impl Iterator<Item = (GradeStep, i32)> + '_ {
        self.0.iter().enumerate().map(|(k, step)| {
            let until = self.0.get(k + 1).map_or(i32::MAX, |next| next.from.0 - 1);
            (*step, until)
        })
    }
}
