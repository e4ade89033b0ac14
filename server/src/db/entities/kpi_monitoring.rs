//! `kpi_monitoring`: quality evaluations of agents (`monitoreo` import or
//! entered in Faro by the `calidad` role): calidad emitida.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "kpi_monitoring")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub source_key: String,
    pub day: Date,
    pub agent_login: String,
    pub score: f64,
    pub evaluator: String,
    pub interaction_ref: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub checklist: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub comments: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
