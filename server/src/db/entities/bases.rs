//! `bases`: lists of customers to call.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub name: String,
    /// A `BaseKind` code.
    pub kind: String,
    /// `Segment` codes joined by `,`.
    pub segments: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    /// A `BaseStatus` code.
    pub status: String,
    /// JSON of `ContactPolicy`.
    #[sea_orm(column_type = "Text")]
    pub contact_policy: String,
    /// JSON of `RetryRules`.
    #[sea_orm(column_type = "Text")]
    pub retry_rules: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
