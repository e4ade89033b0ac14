//! The dialer's events (SPEC §2): a call answered for an agent puts the
//! customer in front of that agent — the record is held for them, their state
//! turns "en llamada" and their open tab is alerted; the result of a dialing
//! attempt that never reached an agent is recorded on the record. Each event
//! id is applied once, so the dialer may resend freely.

use super::error::ServiceError;
use super::{agent_states, app_settings, bases, customers, live, queue, users};
use crate::db;
use crate::db::entities::users as users_entity;
use crate::db::entities::{base_records, dialer_events};
use app::api::live::{
    CallAnswered, DialerEvent, DialerEventKind, DialerEventReceipt, EVENT_CALL_ANSWERED,
};
use app::domain::bases::BaseStatus;
use app::domain::role::Role;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};

/// Applies one event. Answers whether it was new (`applied`) or a resend.
pub async fn receive(
    db: &DatabaseConnection,
    event: DialerEvent,
    now: DateTime<Utc>,
) -> Result<DialerEventReceipt, ServiceError> {
    let event_id = event.event_id.trim().to_string();
    if event_id.is_empty() || event_id.chars().count() > 100 {
        return Err(ServiceError::invalid(
            "event_id",
            "Falta el identificador del evento (hasta 100 caracteres).",
        ));
    }
    if let Some(previous) = dialer_events::Entity::find()
        .filter(dialer_events::Column::EventId.eq(event_id.as_str()))
        .one(db)
        .await?
    {
        return Ok(DialerEventReceipt {
            event_id,
            record_id: previous.record_id,
            applied: false,
        });
    }

    let agent = users::find_by_login(db, &event.agent)
        .await
        .map_err(|_| unknown_agent(&event.agent))?;
    if !agent.active || agent.role != Role::Asesor.code() {
        return Err(unknown_agent(&event.agent));
    }
    let record = match (&event.record_id, &event.cuenta, &event.base) {
        (Some(id), _, _) => queue::find(db, *id).await?,
        (None, Some(cuenta), Some(base)) => customers::find_by_cuenta(db, cuenta, base).await?,
        _ => {
            return Err(ServiceError::invalid(
                "record_id",
                "Indique el registro (record_id) o la cuenta y la base.",
            ));
        }
    };
    let supervisor = agent
        .reports_to_id
        .ok_or_else(|| not_team_base(&event.agent))?;
    let worked_by_team = bases::team_works_base(db, supervisor, record.base_id).await?;
    if !worked_by_team {
        return Err(not_team_base(&event.agent));
    }

    let txn = db::begin_write(db).await?;
    // The event id first: a concurrent resend waits here and then finds it.
    let inserted = dialer_events::Entity::insert(dialer_events::ActiveModel {
        id: NotSet,
        event_id: Set(event_id.clone()),
        kind: Set(kind_code(event.kind).into()),
        agent_id: Set(agent.id),
        record_id: Set(record.id),
        result: Set(event.result.map(|r| r.code().to_string())),
        received_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(dialer_events::Column::EventId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        drop(txn);
        return Ok(DialerEventReceipt {
            event_id,
            record_id: record.id,
            applied: false,
        });
    }
    match event.kind {
        DialerEventKind::Contestada => answered(&txn, &agent, &record, now).await?,
        DialerEventKind::Resultado => {
            let result = event.result.ok_or_else(|| {
                ServiceError::invalid("result", "Indique el resultado del intento.")
            })?;
            let record = base_records::Entity::find_by_id(record.id)
                .lock_exclusive()
                .one(&txn)
                .await?
                .ok_or_else(|| ServiceError::NotFound("El registro no existe.".into()))?;
            let held_by_other = record
                .lease_agent_id
                .is_some_and(|holder| holder != agent.id)
                && record.lease_expires_at.is_some_and(|until| until > now);
            if held_by_other {
                return Err(ServiceError::Conflict(
                    "Otro asesor tiene este cliente abierto; su resultado lo registra ese asesor."
                        .into(),
                ));
            }
            queue::apply_attempt(
                &txn,
                &record,
                agent.id,
                result,
                event.callback_at,
                None,
                queue::SOURCE_DIALER,
                &event_id,
                now,
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(DialerEventReceipt {
        event_id,
        record_id: record.id,
        applied: true,
    })
}

/// The customer answered: the record is held for the agent (whatever else
/// they held goes back), the agent is on the call and their tab is told.
async fn answered(
    txn: &impl ConnectionTrait,
    agent: &users_entity::Model,
    record: &base_records::Model,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let base = bases::find(txn, record.base_id).await?;
    if base.status != BaseStatus::Activa.code() {
        return Err(ServiceError::Conflict(format!(
            "La base «{}» no está activa; no se entregan sus clientes.",
            base.name
        )));
    }
    let lease = Duration::minutes(i64::from(app_settings::floor(txn).await?.lease_minutes));
    if let Some(other) = queue::held_record(txn, agent.id, now).await?
        && other.id != record.id
    {
        queue::drop_lease(txn, other.id).await?;
    }
    queue::take(txn, record, agent.id, lease, now).await?;
    agent_states::on_call(txn, agent.id, Some(record.id), now).await?;
    live::push(
        txn,
        agent.id,
        EVENT_CALL_ANSWERED,
        &CallAnswered {
            record_id: record.id,
            cuenta: record.cuenta.clone(),
            nombre: record.nombre.clone(),
            base_name: base.name,
            at: now,
        },
        now,
    )
    .await
}

fn kind_code(kind: DialerEventKind) -> &'static str {
    match kind {
        DialerEventKind::Contestada => "CONTESTADA",
        DialerEventKind::Resultado => "RESULTADO",
    }
}

fn unknown_agent(login: &str) -> ServiceError {
    ServiceError::invalid(
        "agent",
        format!("«{}» no es un asesor activo de Faro.", login.trim()),
    )
}

fn not_team_base(login: &str) -> ServiceError {
    ServiceError::invalid(
        "agent",
        format!(
            "La base de este registro no la trabaja el equipo de «{}».",
            login.trim()
        ),
    )
}
