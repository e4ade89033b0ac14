//! Faro's server: the REST API, the server-rendered app, the database and the
//! `faro` command line.

pub mod cli;
pub mod db;
pub mod http;
pub mod imports;
pub mod services;
pub mod settings;
pub mod state;
