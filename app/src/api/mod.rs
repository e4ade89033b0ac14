//! Request and response types shared by the browser and the server, and the
//! typed client that calls them.

pub mod auth;
pub mod bases;
pub mod client;
pub mod error;
pub mod field_ops;
pub mod guide;
pub mod health;
pub mod ideas;
pub mod kpis;
pub mod live;
pub mod offers;
pub mod practices;
pub mod queue;
pub mod queue_admin;
pub mod security;
pub mod settings;
pub mod team;
pub mod users;
