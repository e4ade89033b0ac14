//! `interactions`: one call run through the guide, from its first autosave
//! to its close.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interactions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Chosen by the browser: the idempotency key of start, saves and close.
    #[sea_orm(unique)]
    pub key: String,
    pub agent_id: i64,
    pub record_id: i64,
    pub case_id: Option<i64>,
    pub procedure_version_id: i64,
    pub cuenta: String,
    pub tipo_base: String,
    pub segmento: String,
    /// An `InteractionStatus` code.
    pub status: String,
    pub current_step: String,
    /// Answers as a JSON object (field id → value).
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    /// Steps visited, as a JSON array.
    #[sea_orm(column_type = "Text")]
    pub path: String,
    /// Seconds per step, as a JSON object.
    #[sea_orm(column_type = "Text")]
    pub step_seconds: String,
    pub hold_seconds: i32,
    pub revision: i64,
    pub requirement: Option<String>,
    pub typification: Option<String>,
    pub spc: Option<bool>,
    pub cun: Option<String>,
    pub case_state: Option<String>,
    pub callback_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub strategic_notes: Option<String>,
    pub started_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
