//! `kpi_surveys`: the customers' survey answers (`encuestas` import): NPS
//! and the agent-satisfaction question of calidad percibida.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kpi_surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub source_key: String,
    pub day: Date,
    pub cuenta: String,
    pub agent_login: String,
    pub nps: Option<i16>,
    pub satisfaction: Option<i16>,
    pub interaction_ref: Option<String>,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
