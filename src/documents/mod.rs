//! Uploaded documents (minutes, wage scales, letters): content-addressed files in the storage
//! directory, recorded against the record they belong to and downloaded through it.

pub mod api;
pub mod model;
pub mod rules;
pub mod service;
pub mod store;
pub mod web;
