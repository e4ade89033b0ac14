//! `procedure_versions`: the call guide's procedure, one row per version.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "procedure_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub number: i32,
    /// A `VersionStatus` code.
    pub status: String,
    pub title: String,
    pub approved_on: Date,
    pub author: String,
    pub approver: String,
    /// The `Procedure` as JSON.
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The file as the admin wrote it (comments and layout kept), when the
    /// version came from a file.
    #[sea_orm(column_type = "Text", nullable)]
    pub source: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub published_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
