//! `retention_outcomes`: per service, whether a cancellation request ended
//! retained or filed (own calls; the `retencion` import later).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "retention_outcomes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `faro:<interaction>:<service>` or the import's id: makes re-imports
    /// and retried closes idempotent.
    #[sea_orm(unique)]
    pub source_key: String,
    pub interaction_id: Option<i64>,
    pub closed_at: DateTimeUtc,
    pub cuenta: String,
    pub agent_id: Option<i64>,
    pub agent_login: String,
    pub segmento: String,
    pub tipo_base: Option<String>,
    pub service: String,
    pub result: String,
    pub offer_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
