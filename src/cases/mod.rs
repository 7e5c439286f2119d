//! Dispute cases: from a complaint to its end (UU 2/2004; DOMAIN.md section 2).

pub mod api;
pub mod demo;
pub mod model;
pub mod rules;
pub mod service;
pub mod web;
