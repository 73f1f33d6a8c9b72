//! The panels beside the map: the legend, the popups, the date strip, the
//! chronology and the count.

pub mod changes;
pub mod chronology;
pub mod days;
pub mod files;
pub mod histogram;
pub mod legend;
pub mod popup;
pub mod samples;
pub mod unit_list;
pub mod units;
