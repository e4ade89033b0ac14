//! `kpi_contacts`: every attempt to reach a customer, Faro's own and the
//! dialer's consolidated report (`gestion`): what contactabilidad counts.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kpi_contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub source_key: String,
    pub at: DateTimeUtc,
    /// The Bogotá date of `at`.
    pub day: Date,
    pub cuenta: String,
    pub tipo_base: String,
    pub segmento: String,
    pub agent_login: String,
    pub result: String,
    pub contacted: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
