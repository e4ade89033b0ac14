//! `visits`: a technical visit booked in a slot.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The call that booked it (one visit per call).
    pub interaction_id: Option<i64>,
    pub record_id: i64,
    pub cuenta: String,
    pub case_id: Option<i64>,
    pub slot_id: i64,
    /// A `VisitKind` code.
    pub kind: String,
    pub order_number: Option<String>,
    pub motivo: String,
    /// A `VisitStatus` code.
    pub status: String,
    pub reason: Option<String>,
    pub booked_by: i64,
    pub booked_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
