//! The company register: companies of the office, their identifiers, place, workforce and
//! contacts, and the representatives who keep their records.

pub mod api;
pub mod compliance;
pub mod history;
pub mod import;
pub mod imports;
pub mod model;
pub mod records;
pub mod rules;
pub mod service;
pub mod standing;
pub mod web;
