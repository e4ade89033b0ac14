//! Integration tests: the real router on real databases. Every test runs on
//! SQLite and on PostgreSQL (see `on_both_databases!`).

mod common;

mod api_errors;
mod auth;
mod authz;
mod cli;
mod health;
mod pages;
mod users;
