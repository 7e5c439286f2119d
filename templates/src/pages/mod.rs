//! Pages, one module per area.

pub mod account;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cases;
pub mod companies;
pub mod errors;
pub mod home;
pub mod letters;
pub mod notices;
pub mod notifications;
pub mod regulations;
pub mod reports;
pub mod schedules;
pub mod signup;
pub mod tripartit;
pub mod unions;
