//! Integration tests: the real router on real databases. Every test runs on
//! SQLite and on PostgreSQL (see `on_both_databases!`).

// Tests fail by panicking; unwrap is how they say "this must hold".
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod api_errors;
mod auth;
mod authz;
mod barometer;
mod bases;
mod cli;
mod dialer;
mod field_ops;
mod guide;
mod health;
mod ideas;
mod kpis;
mod offers;
mod pages;
mod practices;
mod queue;
mod team;
mod users;
