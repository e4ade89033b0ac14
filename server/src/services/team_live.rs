//! Equipo en vivo (SPEC §2): each agent's state and how long, the customer
//! on the line, long calls, callbacks due, today's work per base; and
//! reassigning an absent agent's customers.

use super::authz::{Actor, UserScope, user_scope};
use super::error::ServiceError;
use super::{app_settings, bases, users};
use crate::db;
use crate::db::entities::users as users_entity;
use crate::db::entities::{agent_states, base_records, record_attempts};
use app::api::team::{
    AgentBaseProgress, AgentLive, BaseLive, CallInProgress, ReassignResult, TeamLive,
};
use app::domain::agent_state::AgentStateKind;
use app::domain::bases::{AttemptResult, RecordStatus};
use app::domain::local_time::{bogota, local_date};
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    sea_query::Expr,
};
use std::collections::{BTreeMap, HashMap};

/// The agents the actor leads, active, by name.
async fn led_agents(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<users_entity::Model>, ServiceError> {
    let scope = user_scope(db, actor).await?;
    let mut query = users_entity::Entity::find()
        .filter(users_entity::Column::Role.eq(Role::Asesor.code()))
        .filter(users_entity::Column::Active.eq(true));
    if let UserScope::Only(ids) = &scope {
        query = query.filter(users_entity::Column::Id.is_in(ids.iter().copied()));
    }
    let mut agents = query.all(db).await?;
    agents.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(agents)
}

/// Midnight in Bogotá, today.
fn start_of_day(now: DateTime<Utc>) -> DateTime<Utc> {
    let midnight = local_date(now).and_hms_opt(0, 0, 0).expect("midnight");
    bogota()
        .from_local_datetime(&midnight)
        .single()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or(now)
}

pub async fn live(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<TeamLive, ServiceError> {
    actor.require(Capability::ViewTeam)?;
    let floor = app_settings::floor(db).await?;
    let agents = led_agents(db, actor).await?;
    let ids: Vec<i64> = agents.iter().map(|a| a.id).collect();
    let supervisors: HashMap<i64, users_entity::Model> = users_entity::Entity::find()
        .filter(users_entity::Column::Id.is_in(agents.iter().filter_map(|a| a.reports_to_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let states: HashMap<i64, agent_states::Model> = agent_states::Entity::find()
        .filter(agent_states::Column::UserId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.user_id, s))
        .collect();

    // Customers on the line.
    let on_call: Vec<i64> = states.values().filter_map(|s| s.record_id).collect();
    let records: HashMap<i64, base_records::Model> = base_records::Entity::find()
        .filter(base_records::Column::Id.is_in(on_call))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();

    // Callbacks each agent promised, due now or later today.
    let end_of_day = start_of_day(now) + Duration::days(1);
    let callbacks: Vec<(i64, DateTime<Utc>)> = base_records::Entity::find()
        .select_only()
        .column(base_records::Column::OwnerAgentId)
        .column(base_records::Column::CallbackAt)
        .filter(base_records::Column::OwnerAgentId.is_in(ids.clone()))
        .filter(base_records::Column::CallbackAt.lt(end_of_day))
        .filter(base_records::Column::Status.is_in([
            RecordStatus::Pendiente.code(),
            RecordStatus::EnGestion.code(),
        ]))
        .into_tuple()
        .all(db)
        .await?;

    // Today's attempts, per agent and per base.
    let attempts: Vec<(i64, i64, String)> = record_attempts::Entity::find()
        .select_only()
        .column(record_attempts::Column::AgentId)
        .column(record_attempts::Column::RecordId)
        .column(record_attempts::Column::Result)
        .filter(record_attempts::Column::AgentId.is_in(ids.clone()))
        .filter(record_attempts::Column::At.gte(start_of_day(now)))
        .into_tuple()
        .all(db)
        .await?;
    let attempted: Vec<i64> = attempts.iter().map(|a| a.1).collect();
    let base_of: HashMap<i64, i64> = base_records::Entity::find()
        .select_only()
        .column(base_records::Column::Id)
        .column(base_records::Column::BaseId)
        .filter(base_records::Column::Id.is_in(attempted))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let contacted = AttemptResult::Contactado.code();
    let mut per_base: BTreeMap<(i64, i64), (u32, u32)> = BTreeMap::new();
    let mut per_agent: HashMap<i64, (u32, u32)> = HashMap::new();
    for (agent, record, result) in &attempts {
        let contact = u32::from(result == contacted);
        let totals = per_agent.entry(*agent).or_default();
        totals.0 += 1;
        totals.1 += contact;
        if let Some(base) = base_of.get(record) {
            let cell = per_base.entry((*base, *agent)).or_default();
            cell.0 += 1;
            cell.1 += contact;
        }
    }

    let long_call = Duration::minutes(i64::from(floor.long_call_minutes));
    let agents_live = agents
        .iter()
        .map(|agent| {
            let state = states.get(&agent.id);
            let kind = state
                .map(|s| AgentStateKind::from_code(&s.state))
                .unwrap_or(AgentStateKind::Desconectado);
            let since = state.map(|s| s.since);
            let call = state
                .filter(|_| kind == AgentStateKind::EnLlamada)
                .and_then(|s| s.record_id)
                .and_then(|id| records.get(&id))
                .map(|record| CallInProgress {
                    record_id: record.id,
                    cuenta: record.cuenta.clone(),
                    nombre: record.nombre.clone(),
                    base_name: String::new(),
                });
            let (due, later) = callbacks
                .iter()
                .filter(|(owner, _)| *owner == agent.id)
                .fold((0, 0), |(due, later), (_, at)| {
                    if *at <= now {
                        (due + 1, later)
                    } else {
                        (due, later + 1)
                    }
                });
            let (attempts_today, contacts_today) =
                per_agent.get(&agent.id).copied().unwrap_or_default();
            AgentLive {
                agent: users::user_ref(agent),
                supervisor: agent
                    .reports_to_id
                    .and_then(|id| supervisors.get(&id))
                    .map(users::user_ref),
                state: kind,
                reason: state.and_then(|s| s.reason.clone()),
                since,
                step: state.and_then(|s| s.step.clone()),
                long_call: kind == AgentStateKind::EnLlamada
                    && since.is_some_and(|since| now - since >= long_call),
                call,
                callbacks_due: due,
                callbacks_later_today: later,
                attempts_today,
                contacts_today,
            }
        })
        .collect::<Vec<_>>();

    let visible = bases::list(db, actor).await?;
    let base_names: HashMap<i64, String> = visible.iter().map(|b| (b.id, b.name.clone())).collect();
    let agents_live = agents_live
        .into_iter()
        .map(|mut agent| {
            if let Some(call) = agent.call.as_mut()
                && let Some(record) = records.get(&call.record_id)
            {
                call.base_name = base_names.get(&record.base_id).cloned().unwrap_or_default();
            }
            agent
        })
        .collect();
    let bases_live = visible
        .into_iter()
        .map(|base| BaseLive {
            per_agent: ids
                .iter()
                .filter_map(|agent| {
                    per_base
                        .get(&(base.id, *agent))
                        .map(|(attempts, contacts)| AgentBaseProgress {
                            agent_id: *agent,
                            attempts: *attempts,
                            contacts: *contacts,
                        })
                })
                .collect(),
            base_id: base.id,
            name: base.name,
            status: base.status,
            pending: (base.counters.pendientes + base.counters.en_gestion) as u32,
            total: base.counters.total as u32,
        })
        .collect();

    Ok(TeamLive {
        generated_at: now,
        long_call_minutes: floor.long_call_minutes,
        agents: agents_live,
        bases: bases_live,
    })
}

/// Moves the open records an agent owns (callbacks they promised) to
/// another agent of the leader's teams.
pub async fn reassign(
    db: &DatabaseConnection,
    actor: &Actor,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<ReassignResult, ServiceError> {
    actor.require(Capability::ManageBases)?;
    let from_user = users::find_by_login(db, from).await?;
    let to_user = users::find_by_login(db, to).await?;
    let scope = user_scope(db, actor).await?;
    if !scope.contains(from_user.id) || !scope.contains(to_user.id) {
        return Err(ServiceError::Forbidden);
    }
    if from_user.id == to_user.id {
        return Err(ServiceError::invalid(
            "to",
            "Elija un asesor distinto para recibir los clientes.",
        ));
    }
    if from_user.role != Role::Asesor.code()
        || to_user.role != Role::Asesor.code()
        || !to_user.active
    {
        return Err(ServiceError::invalid(
            "to",
            "Solo se reasignan clientes entre asesores activos.",
        ));
    }
    if from_user.reports_to_id != to_user.reports_to_id {
        return Err(ServiceError::invalid(
            "to",
            "Los clientes solo pasan a un asesor del mismo equipo (trabaja las mismas bases).",
        ));
    }
    let txn = db::begin_write(db).await?;
    let moved = base_records::Entity::update_many()
        .col_expr(base_records::Column::OwnerAgentId, Expr::value(to_user.id))
        .col_expr(base_records::Column::UpdatedAt, Expr::value(now))
        .filter(base_records::Column::OwnerAgentId.eq(from_user.id))
        .filter(base_records::Column::Status.is_in([
            RecordStatus::Pendiente.code(),
            RecordStatus::EnGestion.code(),
        ]))
        .exec(&txn)
        .await?
        .rows_affected;
    txn.commit().await?;
    Ok(ReassignResult {
        moved: moved as u32,
    })
}
