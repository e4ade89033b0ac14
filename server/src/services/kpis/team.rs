//! Who is in a team for the indicators: the agents whose supervisor is the
//! team's login. The HR roster (`agentes` import) says so first; Faro's own
//! users count where the roster does not list them, so an operation that
//! never imports a roster still gets its teams right.

use crate::db::entities::{kpi_agents, users};
use crate::services::ServiceError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeSet;

/// The logins of a supervisor's agents.
pub async fn agents_of(db: &impl ConnectionTrait, team: &str) -> Result<Vec<String>, ServiceError> {
    let rostered: Vec<(String, Option<String>)> = kpi_agents::Entity::find()
        .select_only()
        .column(kpi_agents::Column::Login)
        .column(kpi_agents::Column::Supervisor)
        .into_tuple()
        .all(db)
        .await?;
    let in_roster: BTreeSet<&str> = rostered.iter().map(|(login, _)| login.as_str()).collect();
    let mut members: BTreeSet<String> = rostered
        .iter()
        .filter(|(_, supervisor)| supervisor.as_deref() == Some(team))
        .map(|(login, _)| login.clone())
        .collect();
    let leader: Option<i64> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::Login.eq(team))
        .into_tuple()
        .one(db)
        .await?;
    if let Some(leader) = leader {
        let users: Vec<String> = users::Entity::find()
            .select_only()
            .column(users::Column::Login)
            .filter(users::Column::ReportsToId.eq(leader))
            .into_tuple()
            .all(db)
            .await?;
        members.extend(
            users
                .into_iter()
                .filter(|login| !in_roster.contains(login.as_str())),
        );
    }
    Ok(members.into_iter().collect())
}
