//! `escalations`: what the back office is asked to solve for a case.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "escalations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `faro:<interaction>:<kind>`: a retried close escalates once.
    pub source_key: String,
    /// An `EscalationKind` code.
    pub kind: String,
    /// An `EscalationStatus` code.
    pub status: String,
    pub case_id: i64,
    pub record_id: i64,
    pub cuenta: String,
    pub zone: Option<String>,
    pub interaction_id: Option<i64>,
    pub data: String,
    pub created_at: DateTimeUtc,
    pub due_at: DateTimeUtc,
    pub taken_by: Option<i64>,
    pub taken_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
