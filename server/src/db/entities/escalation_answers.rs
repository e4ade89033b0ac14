//! `escalation_answers`: the back office's answers to an escalation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "escalation_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub escalation_id: i64,
    pub at: DateTimeUtc,
    pub actor_id: Option<i64>,
    pub text: String,
    pub callback_at: Option<DateTimeUtc>,
    pub resolves: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
