//! The append-only audit trail: every state change, who made it, when, and what changed.

pub mod api;
pub mod model;
pub mod service;
pub mod web;
