//! `record_attempts`: every try to reach a customer, with its result.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub record_id: i64,
    pub agent_id: i64,
    /// An `AttemptResult` code.
    pub result: String,
    pub at: DateTimeUtc,
    pub callback_at: Option<DateTimeUtc>,
    /// `AGENTE` or `MARCADOR` (the dialer).
    pub source: String,
    /// The dialer's event id, so a resent event is recorded once.
    pub external_id: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
