//! The agent's queue: handing out the next record under a lease, keeping
//! and releasing it, and recording each attempt with its result.
//!
//! A record is held by one agent at a time. Handing out runs in a write
//! transaction: on SQLite writers are serialized (`BEGIN IMMEDIATE`); on
//! PostgreSQL candidates are locked with `FOR UPDATE SKIP LOCKED`, and the
//! lease is taken with a conditional update, so two agents never get the
//! same record.

use super::agent_states;
use super::app_settings;
use super::authz::Actor;
use super::bases::rules_of;
use super::error::ServiceError;
use super::exclusions;
use crate::db::{
    self,
    entities::{base_records, base_teams, bases, record_attempts, users},
};
use app::api::auth::UserRef;
use app::api::queue::{AttemptRequest, NextRecord, RecordSummary};
use app::domain::bases::{AttemptResult, BaseKind, BaseStatus, RecordStatus, Segment};
use app::domain::local_time::{format_date_time, local_date};
use app::domain::role::Capability;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::Expr,
};
use std::collections::HashMap;

/// Candidates locked per round. One: with `SKIP LOCKED`, a transaction that
/// locked more than it takes would hide records from agents asking at the
/// same moment.
const CANDIDATES: u64 = 1;

/// Where records are handed from.
pub const SOURCE_AGENT: &str = "AGENTE";
pub const SOURCE_DIALER: &str = "MARCADOR";

/// Hands the agent the next record: the one they already hold, else a due
/// callback of theirs, else the highest priority, oldest record of an active
/// base of their team that the contact policy allows calling now.
pub async fn claim_next(
    db: &DatabaseConnection,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<NextRecord, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let lease = Duration::minutes(i64::from(app_settings::floor(db).await?.lease_minutes));

    if let Some(held) = held_record(db, actor.id, now).await? {
        let summary = summaries(db, vec![held.clone()]).await?.remove(0);
        return Ok(NextRecord {
            is_callback: held.callback_at.is_some_and(|at| at <= now),
            lease_expires_at: held.lease_expires_at,
            record: Some(summary),
            message: None,
        });
    }

    let Some(supervisor) = actor.reports_to_id else {
        return Ok(nothing(
            "No pertenece a un equipo: pida a su supervisor que lo agregue.",
        ));
    };
    let (callable, waiting) = callable_bases(db, supervisor, now).await?;
    if callable.is_empty() {
        let message = match waiting {
            Some(next) => format!(
                "Ninguna base de su equipo se puede llamar ahora (política de contacto). Próxima franja: {}.",
                format_date_time(next)
            ),
            None => "Su equipo no tiene bases activas.".into(),
        };
        return Ok(nothing(&message));
    }

    let excluded = exclusions::all(db).await?;
    let txn = db::begin_write(db).await?;
    // Callbacks due for this agent come first, then everything else.
    for callbacks_only in [true, false] {
        loop {
            let query = base_records::Entity::find()
                .filter(base_records::Column::Status.is_in([
                    RecordStatus::Pendiente.code(),
                    RecordStatus::EnGestion.code(),
                ]))
                .filter(free_at(now))
                .filter(
                    Condition::any()
                        .add(base_records::Column::NextAttemptAt.is_null())
                        .add(base_records::Column::NextAttemptAt.lte(now)),
                )
                .filter(
                    Condition::any()
                        .add(base_records::Column::OwnerAgentId.is_null())
                        .add(base_records::Column::OwnerAgentId.eq(actor.id)),
                );
            let candidates = if callbacks_only {
                query
                    .filter(base_records::Column::BaseId.is_in(callable.clone()))
                    .filter(base_records::Column::OwnerAgentId.eq(actor.id))
                    .filter(base_records::Column::CallbackAt.lte(now))
                    .order_by_asc(base_records::Column::CallbackAt)
                    .order_by_asc(base_records::Column::Id)
                    .limit(CANDIDATES)
                    .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
                    .all(&txn)
                    .await?
            } else {
                best_per_base(&txn, query, &callable).await?
            };
            if candidates.is_empty() {
                break;
            }
            let mut progressed = false;
            for candidate in candidates {
                if exclusions::all_excluded(&candidate.telefonos, &excluded) {
                    // Nobody may call this customer: close it rather than
                    // meet it at the head of the queue again.
                    base_records::Entity::update_many()
                        .col_expr(
                            base_records::Column::Status,
                            Expr::value(RecordStatus::Cerrado.code()),
                        )
                        .col_expr(base_records::Column::UpdatedAt, Expr::value(now))
                        .filter(base_records::Column::Id.eq(candidate.id))
                        .exec(&txn)
                        .await?;
                    progressed = true;
                    continue;
                }
                let taken = base_records::Entity::update_many()
                    .col_expr(base_records::Column::LeaseAgentId, Expr::value(actor.id))
                    .col_expr(
                        base_records::Column::LeaseExpiresAt,
                        Expr::value(now + lease),
                    )
                    .col_expr(base_records::Column::UpdatedAt, Expr::value(now))
                    .filter(base_records::Column::Id.eq(candidate.id))
                    .filter(free_at(now))
                    .exec(&txn)
                    .await?;
                if taken.rows_affected == 1 {
                    agent_states::on_call(&txn, actor.id, Some(candidate.id), now).await?;
                    txn.commit().await?;
                    let record = find(db, candidate.id).await?;
                    return Ok(NextRecord {
                        is_callback: callbacks_only,
                        lease_expires_at: record.lease_expires_at,
                        record: Some(summaries(db, vec![record]).await?.remove(0)),
                        message: None,
                    });
                }
            }
            if !progressed {
                break;
            }
        }
    }
    txn.commit().await?;
    Ok(nothing(
        "No hay clientes por llamar en este momento. Intente de nuevo en unos minutos.",
    ))
}

/// The head of each base's queue (priority, then oldest event, then id),
/// best first. One query per base walks that base's hand-out index in order
/// and stops at the first free record, where one query over all the bases
/// would sort every pending record on each request.
async fn best_per_base(
    txn: &impl ConnectionTrait,
    query: sea_orm::Select<base_records::Entity>,
    bases: &[i64],
) -> Result<Vec<base_records::Model>, ServiceError> {
    let mut heads = Vec::with_capacity(bases.len());
    for base in bases {
        heads.extend(
            query
                .clone()
                .filter(base_records::Column::BaseId.eq(*base))
                .order_by_desc(base_records::Column::Prioridad)
                .order_by_asc(base_records::Column::QueueOrder)
                .order_by_asc(base_records::Column::Id)
                .limit(CANDIDATES)
                .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
                .all(txn)
                .await?,
        );
    }
    heads.sort_by_key(|r| (std::cmp::Reverse(r.prioridad), r.queue_order, r.id));
    Ok(heads)
}

/// A record's place within its priority: the event date as days since
/// 1970; records without a date come after every dated one.
pub fn queue_order(fecha_evento: Option<NaiveDate>) -> i64 {
    match fecha_evento {
        Some(date) => (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days(),
        None => migrations::UNDATED,
    }
}

fn nothing(message: &str) -> NextRecord {
    NextRecord {
        record: None,
        lease_expires_at: None,
        is_callback: false,
        message: Some(message.to_string()),
    }
}

/// Not held by anyone (or held under a lease that ran out).
fn free_at(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(base_records::Column::LeaseExpiresAt.is_null())
        .add(base_records::Column::LeaseExpiresAt.lte(now))
}

/// Bases of a team that may be called now, and, when none may, the next
/// moment one may.
async fn callable_bases(
    db: &impl ConnectionTrait,
    supervisor: i64,
    now: DateTime<Utc>,
) -> Result<(Vec<i64>, Option<DateTime<Utc>>), ServiceError> {
    let today = local_date(now);
    let team_bases = bases::Entity::find()
        .filter(
            bases::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(base_teams::Column::BaseId)
                    .from(base_teams::Entity)
                    .and_where(base_teams::Column::SupervisorId.eq(supervisor))
                    .to_owned(),
            ),
        )
        .filter(bases::Column::Status.eq(BaseStatus::Activa.code()))
        .all(db)
        .await?;
    let mut callable = Vec::new();
    let mut soonest: Option<DateTime<Utc>> = None;
    for base in team_bases {
        let within_validity = base.valid_from.is_none_or(|from| from <= today)
            && base.valid_to.is_none_or(|to| today <= to);
        if !within_validity {
            continue;
        }
        let (policy, _) = rules_of(&base);
        if policy.allows(now) {
            callable.push(base.id);
        } else if let Some(next) = policy.next_allowed(now) {
            soonest = Some(soonest.map_or(next, |s| s.min(next)));
        }
    }
    Ok((callable, soonest))
}

/// The record an agent holds under a live lease, if any.
pub async fn held_record(
    db: &impl ConnectionTrait,
    agent: i64,
    now: DateTime<Utc>,
) -> Result<Option<base_records::Model>, ServiceError> {
    Ok(base_records::Entity::find()
        .filter(base_records::Column::LeaseAgentId.eq(agent))
        .filter(base_records::Column::LeaseExpiresAt.gt(now))
        .order_by_desc(base_records::Column::LeaseExpiresAt)
        .one(db)
        .await?)
}

/// The agent's callbacks (due or not), soonest first.
pub async fn callbacks(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<RecordSummary>, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let rows = base_records::Entity::find()
        .filter(base_records::Column::OwnerAgentId.eq(actor.id))
        .filter(base_records::Column::CallbackAt.is_not_null())
        .filter(base_records::Column::Status.eq(RecordStatus::EnGestion.code()))
        .order_by_asc(base_records::Column::CallbackAt)
        .limit(200)
        .all(db)
        .await?;
    summaries(db, rows).await
}

/// Gives the lease on a record to an agent (the dialer's screen-pop, or a
/// record opened by cuenta). Refused while another agent holds it.
pub async fn take(
    txn: &impl ConnectionTrait,
    record: &base_records::Model,
    agent: i64,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let taken = base_records::Entity::update_many()
        .col_expr(base_records::Column::LeaseAgentId, Expr::value(agent))
        .col_expr(
            base_records::Column::LeaseExpiresAt,
            Expr::value(now + lease),
        )
        .col_expr(base_records::Column::UpdatedAt, Expr::value(now))
        .filter(base_records::Column::Id.eq(record.id))
        .filter(
            Condition::any()
                .add(free_at(now))
                .add(base_records::Column::LeaseAgentId.eq(agent)),
        )
        .exec(txn)
        .await?;
    if taken.rows_affected == 0 {
        return Err(ServiceError::Conflict(
            "Este cliente lo está atendiendo otro asesor en este momento.".into(),
        ));
    }
    Ok(())
}

/// Ends whatever lease a record has (the agent moved to another customer).
pub async fn drop_lease(txn: &impl ConnectionTrait, id: i64) -> Result<(), ServiceError> {
    base_records::Entity::update_many()
        .col_expr(
            base_records::Column::LeaseAgentId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            base_records::Column::LeaseExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(base_records::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Extends the agent's lease on a record they hold.
pub async fn keep(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<RecordSummary, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let lease = Duration::minutes(i64::from(app_settings::floor(db).await?.lease_minutes));
    let record = find(db, id).await?;
    ensure_team_record(db, actor, &record).await?;
    let kept = base_records::Entity::update_many()
        .col_expr(
            base_records::Column::LeaseExpiresAt,
            Expr::value(now + lease),
        )
        .filter(base_records::Column::Id.eq(id))
        .filter(base_records::Column::LeaseAgentId.eq(actor.id))
        .filter(base_records::Column::LeaseExpiresAt.gt(now))
        .exec(db)
        .await?;
    if kept.rows_affected == 0 {
        return Err(lost_lease());
    }
    Ok(summaries(db, vec![find(db, id).await?]).await?.remove(0))
}

/// Gives a record back untouched.
pub async fn release(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let record = find(db, id).await?;
    ensure_team_record(db, actor, &record).await?;
    let txn = db::begin_write(db).await?;
    base_records::Entity::update_many()
        .col_expr(
            base_records::Column::LeaseAgentId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            base_records::Column::LeaseExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(base_records::Column::Id.eq(id))
        .filter(base_records::Column::LeaseAgentId.eq(actor.id))
        .exec(&txn)
        .await?;
    agent_states::available(&txn, actor.id, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Refuses records of bases the agent's team does not work.
async fn ensure_team_record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    record: &base_records::Model,
) -> Result<(), ServiceError> {
    let supervisor = actor.reports_to_id.ok_or(ServiceError::Forbidden)?;
    let worked = super::bases::team_works_base(db, supervisor, record.base_id).await?;
    if worked {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

fn lost_lease() -> ServiceError {
    ServiceError::Conflict(
        "Ya no tiene este cliente reservado (pasó el tiempo sin actividad o lo tomó otro asesor). Pida el siguiente cliente.".into(),
    )
}

/// Records an attempt by the agent who holds the record and applies the
/// base's retry rules. A resent request (same `request_id`) is recorded once
/// and answers the same.
pub async fn record_attempt(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    request: AttemptRequest,
    now: DateTime<Utc>,
) -> Result<RecordSummary, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let request_id = request.request_id.trim().to_string();
    if request_id.is_empty() || request_id.len() > 100 {
        return Err(ServiceError::invalid(
            "request_id",
            "Falta el identificador de la solicitud.",
        ));
    }
    let notes = request
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if notes.as_ref().is_some_and(|n| n.chars().count() > 4000) {
        return Err(ServiceError::invalid(
            "notes",
            "Las notas no pueden superar 4.000 caracteres.",
        ));
    }

    let txn = db::begin_write(db).await?;
    if already_recorded(&txn, SOURCE_AGENT, &request_id).await? {
        drop(txn);
        return Ok(summaries(db, vec![find(db, id).await?]).await?.remove(0));
    }
    let record = base_records::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El registro no existe.".into()))?;
    let holds = record.lease_agent_id == Some(actor.id)
        && record.lease_expires_at.is_some_and(|until| until > now);
    if !holds {
        ensure_team_record(&txn, actor, &record).await?;
        return Err(lost_lease());
    }
    apply_attempt(
        &txn,
        &record,
        actor.id,
        request.result,
        request.callback_at,
        notes,
        SOURCE_AGENT,
        &request_id,
        now,
    )
    .await?;
    // The call ended without the guide (no contact, hung up …).
    super::interactions::discard_running(&txn, actor.id, id, now).await?;
    agent_states::available(&txn, actor.id, now).await?;
    txn.commit().await?;
    Ok(summaries(db, vec![find(db, id).await?]).await?.remove(0))
}

/// Whether an attempt with this id from this source is already stored.
pub async fn already_recorded(
    db: &impl ConnectionTrait,
    source: &str,
    external_id: &str,
) -> Result<bool, ServiceError> {
    Ok(record_attempts::Entity::find()
        .filter(record_attempts::Column::Source.eq(source))
        .filter(record_attempts::Column::ExternalId.eq(external_id))
        .one(db)
        .await?
        .is_some())
}

/// Stores an attempt and moves the record on by its base's retry rules;
/// releases the lease.
#[allow(clippy::too_many_arguments)]
pub async fn apply_attempt(
    txn: &impl ConnectionTrait,
    record: &base_records::Model,
    agent: i64,
    result: AttemptResult,
    callback_at: Option<DateTime<Utc>>,
    notes: Option<String>,
    source: &str,
    external_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let base = super::bases::find(txn, record.base_id).await?;
    let (_, rules) = rules_of(&base);
    let attempts = record.attempts as u32 + 1;
    let outcome = rules
        .outcome(result, attempts, now, callback_at)
        .map_err(|message| ServiceError::invalid("callback_at", message))?;
    record_attempts::Entity::insert(record_attempts::ActiveModel {
        id: NotSet,
        record_id: Set(record.id),
        agent_id: Set(agent),
        result: Set(result.code().into()),
        at: Set(now),
        callback_at: Set(outcome.callback_at),
        source: Set(source.into()),
        external_id: Set(Some(external_id.to_string())),
        notes: Set(notes),
    })
    .exec_without_returning(txn)
    .await?;
    // The same attempt, as contactabilidad counts it (same transaction).
    let agent_login: String = users::Entity::find_by_id(agent)
        .select_only()
        .column(users::Column::Login)
        .into_tuple()
        .one(txn)
        .await?
        .unwrap_or_default();
    super::kpis::facts::record_contact(
        txn,
        super::kpis::facts::ContactFact {
            source_key: format!("faro:{source}:{external_id}"),
            at: now,
            cuenta: record.cuenta.clone(),
            tipo_base: base.kind.clone(),
            segmento: record.segmento.clone(),
            agent_login,
            result: result.code().into(),
        },
    )
    .await?;
    base_records::Entity::update_many()
        .col_expr(base_records::Column::Attempts, Expr::value(attempts as i32))
        .col_expr(
            base_records::Column::Status,
            Expr::value(outcome.status.code()),
        )
        .col_expr(
            base_records::Column::LastResult,
            Expr::value(Some(result.code())),
        )
        .col_expr(base_records::Column::LastAttemptAt, Expr::value(Some(now)))
        .col_expr(
            base_records::Column::NextAttemptAt,
            Expr::value(outcome.next_attempt_at),
        )
        .col_expr(
            base_records::Column::CallbackAt,
            Expr::value(outcome.callback_at),
        )
        // A callback keeps the customer with the agent who promised it.
        .col_expr(
            base_records::Column::OwnerAgentId,
            Expr::value(if outcome.callback_at.is_some() {
                Some(agent)
            } else {
                record.owner_agent_id
            }),
        )
        .col_expr(
            base_records::Column::LeaseAgentId,
            Expr::value(Option::<i64>::None),
        )
        .col_expr(
            base_records::Column::LeaseExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(base_records::Column::UpdatedAt, Expr::value(now))
        .filter(base_records::Column::Id.eq(record.id))
        .exec(txn)
        .await?;
    Ok(())
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<base_records::Model, ServiceError> {
    base_records::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El registro no existe.".into()))
}

/// Records as lists show them, with their base and holder.
pub async fn summaries(
    db: &impl ConnectionTrait,
    rows: Vec<base_records::Model>,
) -> Result<Vec<RecordSummary>, ServiceError> {
    let base_ids: Vec<i64> = rows.iter().map(|r| r.base_id).collect();
    let bases: HashMap<i64, bases::Model> = bases::Entity::find()
        .filter(bases::Column::Id.is_in(base_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let holder_ids: Vec<i64> = rows.iter().filter_map(|r| r.lease_agent_id).collect();
    let holders: HashMap<i64, users::Model> = if holder_ids.is_empty() {
        HashMap::new()
    } else {
        users::Entity::find()
            .filter(users::Column::Id.is_in(holder_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect()
    };
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|row| {
            let base = bases.get(&row.base_id);
            let held_by = row
                .lease_agent_id
                .filter(|_| row.lease_expires_at.is_some_and(|until| until > now))
                .and_then(|id| holders.get(&id))
                .map(|u| UserRef {
                    id: u.id,
                    login: u.login.clone(),
                    name: u.name.clone(),
                });
            RecordSummary {
                id: row.id,
                segmento: row.segmento.parse().unwrap_or(Segment::Hogar),
                base_id: row.base_id,
                base_name: base.map(|b| b.name.clone()).unwrap_or_default(),
                base_kind: base
                    .and_then(|b| b.kind.parse().ok())
                    .unwrap_or(BaseKind::Fidelizacion),
                status: row.status.parse().unwrap_or(RecordStatus::Pendiente),
                attempts: row.attempts as u32,
                prioridad: row.prioridad,
                callback_at: row.callback_at,
                next_attempt_at: row.next_attempt_at,
                held_by,
                cuenta: row.cuenta,
                nombre: row.nombre,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_events_come_first_and_undated_ones_last() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
        assert_eq!(queue_order(NaiveDate::from_ymd_opt(1970, 1, 2)), 1);
        assert!(queue_order(day(1)) < queue_order(day(2)));
        assert!(queue_order(day(28)) < queue_order(None));
        assert!(queue_order(NaiveDate::from_ymd_opt(9999, 12, 31)) < queue_order(None));
    }
}
