//! `base_imports`: each CSV file loaded into a base, its progress and result.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "base_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub base_id: Option<i64>,
    /// The base's name as requested (the base may not exist yet).
    pub base_name: String,
    pub file_name: String,
    pub file_sha256: String,
    /// An `ImportStatus` code.
    pub status: String,
    pub rows_total: i32,
    pub rows_processed: i32,
    pub rows_inserted: i32,
    pub rows_duplicated: i32,
    /// JSON list of `ImportRowError`.
    #[sea_orm(column_type = "Text")]
    pub errors: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    /// Written while the import runs; an old one means its server died.
    pub heartbeat_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
