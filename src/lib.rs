//! Harmoni: the industrial-relations case system of a Dinas Tenaga Kerja (module tree only).

pub mod accounts;
pub mod api;
pub mod app;
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod clock;
pub mod companies;
pub mod config;
pub mod db;
pub mod demo;
pub mod documents;
pub mod error;
pub mod home;
pub mod http;
pub mod identity;
pub mod input;
pub mod notices;
pub mod notifications;
pub mod offices;
pub mod regulations;
pub mod schema;
pub mod secrets;
pub mod sequences;
pub mod tripartit;
pub mod unions;
