//! Trade unions (serikat pekerja/serikat buruh, SP/SB) recorded at the office, with the
//! companies where they have members.

pub mod api;
pub mod model;
pub mod rules;
pub mod service;
pub mod web;
