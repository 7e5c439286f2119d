//! LKS Tripartit Kota (PP 8/2005 as amended by PP 46/2008): its terms and members, meetings
//! with attendance and minutes, and recommendations to the Wali Kota with their follow-up.
//! The Disnaker keeps these records as the secretariat.

pub mod api;
pub mod model;
pub mod rules;
pub mod service;
pub mod web;
