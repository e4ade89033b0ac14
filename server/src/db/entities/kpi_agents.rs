//! `kpi_agents`: the HR roster (`agentes` import): who works the floor,
//! under which supervisor, from when until when. Rotation and the teams of
//! imported rows come from here.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kpi_agents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub login: String,
    pub name: String,
    /// A `Role` code.
    pub role: String,
    pub supervisor: Option<String>,
    pub hired_on: Date,
    pub retired_on: Option<Date>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
