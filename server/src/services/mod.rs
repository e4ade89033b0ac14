//! Business operations and the authorization layer, one module per area.
//! Handlers call these; these call the database.

pub mod agent_states;
pub mod app_settings;
pub mod auth;
pub mod authz;
pub mod base_imports;
pub mod bases;
pub mod cases;
pub mod customers;
pub mod demo;
pub mod dialer;
pub mod error;
pub mod exclusions;
pub mod field_ops;
pub mod interactions;
pub mod kpis;
pub mod live;
pub mod offers;
pub mod passwords;
pub mod practices;
pub mod procedures;
pub mod queue;
pub mod security_log;
pub mod sessions;
pub mod team_live;
pub mod typifications;
pub mod users;

pub use error::ServiceError;
