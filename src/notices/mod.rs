//! Strike notices (mogok kerja, UU 13/2003 Ps 140) and lock-out notices (penutupan perusahaan,
//! Ps 146-149) with their receipt and the office's facilitation, and PHK reports (PP 35/2021
//! Ps 37-39) with each worker's notice period.

pub mod api;
pub mod demo;
pub mod model;
pub mod rules;
pub mod service;
pub mod web;
