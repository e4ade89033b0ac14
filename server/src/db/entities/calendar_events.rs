//! `calendar_events`: a leader's calendar — practices planned and free
//! "Agenda del líder" items. `starts_at` is the instant (UTC).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub leader_id: i64,
    pub kind: Option<String>,
    pub title: String,
    pub starts_at: DateTimeUtc,
    pub minutes: i32,
    /// JSON list of user ids.
    #[sea_orm(column_type = "Text")]
    pub participants: String,
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    pub series_id: Option<String>,
    pub status: String,
    pub record_id: Option<i64>,
    pub sequence: i32,
    #[sea_orm(unique)]
    pub request_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
