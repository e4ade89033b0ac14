//! `offer_snapshots`: the offers a call could present when it started, so
//! that its close is judged by what the agent could see.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_snapshots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub interaction_id: i64,
    /// JSON list of offer codes.
    pub eligible: String,
    pub taken_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
