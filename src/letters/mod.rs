//! Official letters as PDF: numbered, on the office letterhead, kept by hash with every
//! version, verifiable by anyone through a QR code and a short code (DOMAIN.md section 12).

pub mod api;
pub mod model;
pub mod pdf;
pub mod rules;
pub mod service;
pub mod sources;
pub mod web;
