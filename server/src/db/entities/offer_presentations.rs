//! `offer_presentations`: each offer told to a customer and the answer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_presentations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub interaction_id: i64,
    pub field_id: String,
    pub seq: i32,
    pub agent_id: i64,
    pub tipo_base: String,
    pub segmento: String,
    pub offer_code: String,
    pub offer_name: String,
    pub kind: String,
    pub level: i16,
    pub answer: String,
    pub closed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
