//! Notifications: a transactional outbox delivered by a worker (SMTP, files, memory), with
//! delivery evidence, and the in-app notices of each user's inbox.

pub mod api;
pub mod model;
pub mod rules;
pub mod service;
pub mod transport;
pub mod web;
pub mod worker;
