//! `practice_records`: practices done, with their per-kind details (JSON).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "practice_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub client_id: String,
    pub leader_id: i64,
    pub kind: String,
    pub event_id: Option<i64>,
    /// The local (Bogotá) day it was done: what adherence counts.
    pub day: Date,
    pub started_at: DateTimeUtc,
    pub minutes: i32,
    /// JSON list of user ids.
    #[sea_orm(column_type = "Text")]
    pub participants: String,
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    /// JSON of `app::api::practices::RecordDetails`.
    #[sea_orm(column_type = "Text")]
    pub details: String,
    /// Confirmación de proceso: the agent observed, who reads the feedback.
    pub agent_id: Option<i64>,
    pub score_milli: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
