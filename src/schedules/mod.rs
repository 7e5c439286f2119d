//! Mediation scheduling: clarification and mediation sessions in time and place, the summons
//! each produces with its delivery evidence, calendar invitations and private feeds, the
//! office schedule and the head's view of mediator load.

pub mod api;
pub mod demo;
pub mod ics;
pub mod model;
pub mod rules;
pub mod service;
pub mod web;
