//! Offices (Disnaker) served by one installation: defined in config, mirrored into the database.

pub mod model;
pub mod service;
