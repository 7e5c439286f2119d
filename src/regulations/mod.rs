//! Company regulations (PP) and collective agreements (PKB): submissions for ratification or
//! registration, the desk's review, the head's decree or letter, Harmoni's own clocks
//! (deemed ratification, lapse, renewal reminders), external PP/PKB, and the PP/PKB criterion.

pub mod api;
pub mod demo;
pub mod model;
pub mod rules;
pub mod service;
pub mod web;
