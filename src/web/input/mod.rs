//! The inputs: each turns what a person (or a timer, or the address) does
//! into an [`crate::scene::action::Action`] sent through the dispatch, and
//! nothing else.

pub mod controls;
pub mod extras;
pub mod gestures;
pub mod import;
pub mod link;
pub mod play_options;
pub mod readers;
pub mod share;
pub mod timers;
pub mod units;
