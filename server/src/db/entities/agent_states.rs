//! `agent_states`: what each agent is doing now.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agent_states")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// An `AgentStateKind` code.
    pub state: String,
    /// The pause reason, when paused.
    pub reason: Option<String>,
    pub since: DateTimeUtc,
    /// The record of the call in progress.
    pub record_id: Option<i64>,
    /// The guide step of the call in progress.
    pub step: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
