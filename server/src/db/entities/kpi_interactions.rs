//! `kpi_interactions`: closed interactions, Faro's own and imported
//! (`interacciones`), with typification and SPC: what FCR counts.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kpi_interactions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub source_key: String,
    pub at: DateTimeUtc,
    pub day: Date,
    pub cuenta: String,
    pub agent_login: String,
    pub tipo_base: String,
    pub segmento: String,
    pub typification: String,
    pub spc: bool,
    pub cun: Option<String>,
    /// When the same customer next had an interaction with the same
    /// typification, and how long after this one (µs).
    pub next_at: Option<DateTimeUtc>,
    pub gap_micros: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
