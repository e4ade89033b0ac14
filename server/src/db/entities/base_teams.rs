//! `base_teams`: which supervisors' teams work a base.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "base_teams")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub base_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub supervisor_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
