//! `incidents`: mass-outage notices (what Diagnosticador shows).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "incidents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub number: String,
    /// An `IncidentPriority` code.
    pub priority: String,
    pub description: String,
    /// JSON list of zone names.
    pub zones: String,
    /// JSON list of node names.
    pub nodes: String,
    pub starts_at: DateTimeUtc,
    pub expected_end: Option<DateTimeUtc>,
    /// An `IncidentStatus` code.
    pub status: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub closed_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
