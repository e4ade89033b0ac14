//! Faro's schema. Migrations use sea-query's schema helpers only, never the
//! server's entities, so an old migration keeps compiling when entities change.
//! Timestamps are `timestamp with time zone` (UTC) on both databases.

use sea_orm_migration::prelude::*;

mod m20261128_000001_create_users;
mod m20261128_000002_create_sessions;
mod m20261128_000003_create_security_events;
mod m20261129_000004_create_bases;
mod m20261129_000005_create_queue_activity;
mod m20261129_000006_create_dialer_events;
mod m20261130_000007_queue_order;
mod m20261201_000008_create_guide;
mod m20261201_000009_create_offers;
mod m20261202_000010_create_field_ops;
mod m20261203_000011_create_kpis;
mod m20261204_000012_create_kpi_summaries;
mod m20261205_000013_kpi_contacts_covering_index;
mod m20261206_000014_create_practices;
mod m20261207_000015_create_ideas;
mod m20261208_000016_create_barometer_plans;

pub use m20261130_000007_queue_order::UNDATED;
pub use sea_orm_migration::MigratorTrait;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_create_users::Migration),
            Box::new(m20261128_000002_create_sessions::Migration),
            Box::new(m20261128_000003_create_security_events::Migration),
            Box::new(m20261129_000004_create_bases::Migration),
            Box::new(m20261129_000005_create_queue_activity::Migration),
            Box::new(m20261129_000006_create_dialer_events::Migration),
            Box::new(m20261130_000007_queue_order::Migration),
            Box::new(m20261201_000008_create_guide::Migration),
            Box::new(m20261201_000009_create_offers::Migration),
            Box::new(m20261202_000010_create_field_ops::Migration),
            Box::new(m20261203_000011_create_kpis::Migration),
            Box::new(m20261204_000012_create_kpi_summaries::Migration),
            Box::new(m20261205_000013_kpi_contacts_covering_index::Migration),
            Box::new(m20261206_000014_create_practices::Migration),
            Box::new(m20261207_000015_create_ideas::Migration),
            Box::new(m20261208_000016_create_barometer_plans::Migration),
        ]
    }
}
