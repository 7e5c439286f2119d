//! The working-day calendar: holidays and closures per office, the deadline engine, the rules.

pub mod api;
pub mod data;
pub mod local;
pub mod model;
pub mod rules;
pub mod service;
pub mod web;
