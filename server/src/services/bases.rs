//! Bases: which ones a leader sees, their counters, and the changes leaders
//! make (pause and resume, validity, teams, contact policy, retry rules).

use super::authz::{self, Actor};
use super::error::{FieldErrors, ServiceError};
use crate::db::{
    self,
    entities::{base_records, base_teams, bases, users},
};
use app::api::auth::UserRef;
use app::api::bases::{BaseCounters, BaseView, UpdateBaseRequest};
use app::domain::bases::{BaseKind, BaseStatus, RecordStatus, RetryRules, Segment};
use app::domain::contact_policy::ContactPolicy;
use app::domain::role::{Capability, Role};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// The ids of the bases an actor may see: all for admin and gerente; those
/// worked by the teams under a coordinador or supervisor.
pub async fn visible_base_ids(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Option<Vec<i64>>, ServiceError> {
    actor.require(Capability::ViewBases)?;
    if matches!(actor.role, Role::Admin | Role::Gerente) {
        return Ok(None);
    }
    let supervisors = team_supervisors(db, actor).await?;
    let ids = base_teams::Entity::find()
        .select_only()
        .column(base_teams::Column::BaseId)
        .filter(base_teams::Column::SupervisorId.is_in(supervisors))
        .distinct()
        .into_tuple::<i64>()
        .all(db)
        .await?;
    Ok(Some(ids))
}

/// The supervisors whose teams an actor leads (itself, for a supervisor).
pub async fn team_supervisors(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<i64>, ServiceError> {
    Ok(match actor.role {
        Role::Supervisor => vec![actor.id],
        Role::Coordinador => {
            users::Entity::find()
                .select_only()
                .column(users::Column::Id)
                .filter(users::Column::ReportsToId.eq(actor.id))
                .filter(users::Column::Role.eq(Role::Supervisor.code()))
                .into_tuple::<i64>()
                .all(db)
                .await?
        }
        Role::Admin | Role::Gerente => {
            users::Entity::find()
                .select_only()
                .column(users::Column::Id)
                .filter(users::Column::Role.eq(Role::Supervisor.code()))
                .into_tuple::<i64>()
                .all(db)
                .await?
        }
        _ => Vec::new(),
    })
}

/// The bases an actor may see, newest first, with their counters.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<BaseView>, ServiceError> {
    let visible = visible_base_ids(db, actor).await?;
    let mut query = bases::Entity::find().order_by_desc(bases::Column::Id);
    if let Some(ids) = &visible {
        query = query.filter(bases::Column::Id.is_in(ids.iter().copied()));
    }
    let rows = query.all(db).await?;
    views(db, rows).await
}

/// One base, if the actor may see it.
pub async fn get(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<BaseView, ServiceError> {
    ensure_visible(db, actor, id).await?;
    let row = find(db, id).await?;
    Ok(views(db, vec![row]).await?.remove(0))
}

/// Refuses unless the actor may see the base.
pub async fn ensure_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<(), ServiceError> {
    match visible_base_ids(db, actor).await? {
        Some(ids) if !ids.contains(&id) => Err(ServiceError::Forbidden),
        _ => Ok(()),
    }
}

/// Pauses, resumes or closes a base, or changes its validity, teams, contact
/// policy or retry rules. Supervisors change the bases of their team but not
/// which teams work them.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    request: UpdateBaseRequest,
) -> Result<BaseView, ServiceError> {
    actor.require(Capability::ManageBases)?;
    ensure_visible(db, actor, id).await?;
    if request.teams.is_some() && actor.role != Role::Admin {
        return Err(ServiceError::Forbidden);
    }
    let txn = db::begin_write(db).await?;
    let current = bases::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("La base no existe.".into()))?;

    let mut errors = FieldErrors::default();
    let valid_from = request.valid_from.or(current.valid_from);
    let valid_to = request.valid_to.or(current.valid_to);
    if let (Some(from), Some(to)) = (valid_from, valid_to)
        && to < from
    {
        errors.add("valid_to", "La vigencia termina antes de empezar.");
    }
    if let Some(policy) = &request.contact_policy {
        for problem in policy.problems() {
            errors.add("contact_policy", problem);
        }
    }
    if let Some(rules) = &request.retry_rules {
        for problem in rules.problems() {
            errors.add("retry_rules", problem);
        }
    }
    let teams = match &request.teams {
        Some(logins) => {
            let mut ids = Vec::new();
            for login in logins {
                match users::Entity::find()
                    .filter(users::Column::Login.eq(login.trim().to_lowercase()))
                    .one(&txn)
                    .await?
                {
                    Some(user) if user.role == Role::Supervisor.code() => ids.push(user.id),
                    _ => errors.add("teams", format!("«{login}» no es un supervisor.")),
                }
            }
            if ids.is_empty() {
                errors.add("teams", "La base necesita al menos un equipo.");
            }
            Some(ids)
        }
        None => None,
    };
    errors.into_result()?;

    let mut change = bases::ActiveModel {
        id: Set(id),
        updated_at: Set(Utc::now()),
        valid_from: Set(valid_from),
        valid_to: Set(valid_to),
        ..Default::default()
    };
    if let Some(status) = request.status {
        change.status = Set(status.code().into());
    }
    if let Some(policy) = &request.contact_policy {
        change.contact_policy = Set(serde_json::to_string(policy).unwrap_or_default());
    }
    if let Some(rules) = &request.retry_rules {
        change.retry_rules = Set(serde_json::to_string(rules).unwrap_or_default());
    }
    bases::Entity::update(change).exec(&txn).await?;
    if let Some(teams) = teams {
        base_teams::Entity::delete_many()
            .filter(base_teams::Column::BaseId.eq(id))
            .exec(&txn)
            .await?;
        base_teams::Entity::insert_many(teams.into_iter().map(|supervisor| {
            base_teams::ActiveModel {
                base_id: Set(id),
                supervisor_id: Set(supervisor),
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    get(db, actor, id).await
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<bases::Model, ServiceError> {
    bases::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("La base no existe.".into()))
}

/// A base's contact policy and retry rules, falling back to the defaults if
/// the stored JSON cannot be read.
pub fn rules_of(base: &bases::Model) -> (ContactPolicy, RetryRules) {
    (
        serde_json::from_str(&base.contact_policy).unwrap_or_default(),
        serde_json::from_str(&base.retry_rules).unwrap_or_default(),
    )
}

async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<bases::Model>,
) -> Result<Vec<BaseView>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|b| b.id).collect();
    let counts: Vec<(i64, String, i64)> = base_records::Entity::find()
        .select_only()
        .column(base_records::Column::BaseId)
        .column(base_records::Column::Status)
        .column_as(base_records::Column::Id.count(), "n")
        .filter(base_records::Column::BaseId.is_in(ids.clone()))
        .group_by(base_records::Column::BaseId)
        .group_by(base_records::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut counters: HashMap<i64, BaseCounters> = HashMap::new();
    for (base_id, status, n) in counts {
        let entry = counters.entry(base_id).or_default();
        let n = n as u64;
        entry.total += n;
        match status.parse::<RecordStatus>() {
            Ok(RecordStatus::Pendiente) => entry.pendientes += n,
            Ok(RecordStatus::EnGestion) => entry.en_gestion += n,
            Ok(RecordStatus::Contactado) => entry.contactados += n,
            _ => entry.cerrados += n,
        }
    }
    let team_rows = base_teams::Entity::find()
        .filter(base_teams::Column::BaseId.is_in(ids))
        .all(db)
        .await?;
    let supervisors: HashMap<i64, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(team_rows.iter().map(|t| t.supervisor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let (contact_policy, retry_rules) = rules_of(&row);
            BaseView {
                id: row.id,
                kind: row.kind.parse().unwrap_or(BaseKind::Fidelizacion),
                segments: row
                    .segments
                    .split(',')
                    .filter_map(|s| s.parse::<Segment>().ok())
                    .collect(),
                valid_from: row.valid_from,
                valid_to: row.valid_to,
                status: row.status.parse().unwrap_or(BaseStatus::Pausada),
                teams: team_rows
                    .iter()
                    .filter(|t| t.base_id == row.id)
                    .filter_map(|t| supervisors.get(&t.supervisor_id))
                    .map(|u| UserRef {
                        id: u.id,
                        login: u.login.clone(),
                        name: u.name.clone(),
                    })
                    .collect(),
                counters: counters.get(&row.id).copied().unwrap_or_default(),
                contact_policy,
                retry_rules,
                created_at: row.created_at,
                name: row.name,
            }
        })
        .collect())
}

/// Whether the team of a supervisor works a base.
pub async fn team_works_base(
    db: &impl ConnectionTrait,
    supervisor: i64,
    base_id: i64,
) -> Result<bool, ServiceError> {
    Ok(base_teams::Entity::find()
        .filter(base_teams::Column::BaseId.eq(base_id))
        .filter(base_teams::Column::SupervisorId.eq(supervisor))
        .one(db)
        .await?
        .is_some())
}

/// Whether an actor leads the agent (for reassignments and team views).
pub async fn leads_agent(
    db: &impl ConnectionTrait,
    actor: &Actor,
    agent_id: i64,
) -> Result<bool, ServiceError> {
    Ok(authz::user_scope(db, actor).await?.contains(agent_id))
}
