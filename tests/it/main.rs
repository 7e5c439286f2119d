//! Integration tests: the real application on a random port, a fresh database per test, both backends.

mod helpers;
#[path = "../support/smtp.rs"]
mod smtp;

mod accounts;
mod admin;
mod api;
mod browser;
mod calendar;
mod case_machine;
mod cases;
mod companies;
mod config;
mod letters;
mod lks;
mod mail;
mod notices;
mod regulation_machine;
mod regulations;
mod regulations_api;
mod reports;
mod schedules;
mod schema;
mod security;
mod signup;
mod tripartit;
mod unions;
