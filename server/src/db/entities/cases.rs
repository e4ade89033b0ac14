//! `cases`: the follow-up of an interaction not closed in first contact.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub record_id: i64,
    pub cuenta: String,
    pub tipo_base: String,
    pub segmento: String,
    /// A `CaseState` code.
    pub state: String,
    pub owner_id: i64,
    /// The interaction that opened it.
    pub opened_by: i64,
    pub last_interaction_id: i64,
    pub typification: Option<String>,
    pub callback_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
