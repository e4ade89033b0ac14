//! Agents' states: set by the agent (pause, back to available), by the queue
//! (a record handed out means a call) and by the guide (its current step).

use super::authz::Actor;
use super::error::ServiceError;
use crate::db::entities::agent_states;
use app::domain::agent_state::AgentStateKind;
use app::domain::role::Capability;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};

/// Sets a state. `since` moves only when the state (or pause reason)
/// changes, so it always says how long the agent has been doing this.
async fn set(
    db: &impl ConnectionTrait,
    user: i64,
    state: AgentStateKind,
    reason: Option<String>,
    record: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let current = agent_states::Entity::find_by_id(user).one(db).await?;
    let unchanged = current
        .as_ref()
        .is_some_and(|c| c.state == state.code() && c.reason == reason && c.record_id == record);
    let since = match (&current, unchanged) {
        (Some(c), true) => c.since,
        _ => now,
    };
    agent_states::Entity::insert(agent_states::ActiveModel {
        user_id: Set(user),
        state: Set(state.code().into()),
        reason: Set(reason),
        since: Set(since),
        record_id: Set(record),
        step: Set(if unchanged {
            current.and_then(|c| c.step)
        } else {
            None
        }),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(agent_states::Column::UserId)
            .update_columns([
                agent_states::Column::State,
                agent_states::Column::Reason,
                agent_states::Column::Since,
                agent_states::Column::RecordId,
                agent_states::Column::Step,
                agent_states::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// On a call with a record.
pub async fn on_call(
    db: &impl ConnectionTrait,
    user: i64,
    record: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    set(db, user, AgentStateKind::EnLlamada, None, record, now).await
}

/// Available for the next customer.
pub async fn available(
    db: &impl ConnectionTrait,
    user: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    set(db, user, AgentStateKind::Disponible, None, None, now).await
}

/// Signed out.
pub async fn disconnected(
    db: &impl ConnectionTrait,
    user: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    set(db, user, AgentStateKind::Desconectado, None, None, now).await
}

/// The agent chooses a state: available, or a pause with one of the
/// configured reasons. Calls start and end through the queue.
pub async fn choose(
    db: &DatabaseConnection,
    actor: &Actor,
    state: AgentStateKind,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    match state {
        AgentStateKind::Disponible => available(db, actor.id, now).await,
        AgentStateKind::EnPausa => {
            let reasons = super::app_settings::floor(db).await?.pause_reasons;
            let reason = reason.map(|r| r.trim().to_string()).unwrap_or_default();
            let Some(known) = reasons.iter().find(|r| r.eq_ignore_ascii_case(&reason)) else {
                return Err(ServiceError::invalid(
                    "reason",
                    format!("Elija un motivo de pausa: {}.", reasons.join(", ")),
                ));
            };
            set(
                db,
                actor.id,
                AgentStateKind::EnPausa,
                Some(known.clone()),
                None,
                now,
            )
            .await
        }
        _ => Err(ServiceError::invalid(
            "state",
            "Solo puede elegir «Disponible» o una pausa; las llamadas empiezan desde su cola.",
        )),
    }
}

/// Records the guide step an agent on a call is at.
pub async fn set_step(
    db: &impl ConnectionTrait,
    user: i64,
    step: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    agent_states::Entity::update_many()
        .col_expr(
            agent_states::Column::Step,
            Some(step.chars().take(80).collect::<String>()).into(),
        )
        .col_expr(agent_states::Column::UpdatedAt, now.into())
        .filter(agent_states::Column::UserId.eq(user))
        .filter(agent_states::Column::State.eq(AgentStateKind::EnLlamada.code()))
        .exec(db)
        .await?;
    Ok(())
}

/// The stored state of an agent, if any.
pub async fn of(
    db: &impl ConnectionTrait,
    user: i64,
) -> Result<Option<agent_states::Model>, ServiceError> {
    Ok(agent_states::Entity::find_by_id(user).one(db).await?)
}
