//! Integration tests: the real application on a random port, a fresh database per test, both backends.

mod helpers;

mod accounts;
mod admin;
mod api;
mod browser;
mod calendar;
mod config;
mod schema;
mod security;
