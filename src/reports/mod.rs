//! Leadership reports (DOMAIN.md section 9): the decent-work indicator as of any day, the
//! disputes of a period and the monthly HI facilities report, as pages, exports and API.

pub mod api;
pub mod export;
pub mod model;
pub mod rules;
pub mod service;
pub mod views;
pub mod web;
