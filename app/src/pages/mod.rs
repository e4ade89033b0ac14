//! One page per file, grouped by who uses them.

pub mod admin;
pub mod agent;
pub mod backoffice;
pub mod home;
pub mod ideas;
pub mod leader;
pub mod login;
pub mod not_found;
pub mod profile;
pub mod quality;
