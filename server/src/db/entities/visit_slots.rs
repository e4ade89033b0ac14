//! `visit_slots`: the agenda: a zone, a day and a franja with its capacity.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visit_slots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub zone: String,
    /// `place_key` of the zone: what slots are looked up by.
    pub zone_key: String,
    pub date: Date,
    /// A `Franja` code.
    pub franja: String,
    pub capacity: i32,
    pub booked: i32,
    pub active: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
