//! The back office's escalation queue: what the guide could not solve in
//! the call (a visit without a slot, DIME inventory errors, sector or
//! platform faults, a puntual platform error, a técnico de confianza)
//! lands here with the agent's data, the case it belongs to and a due time
//! from the kind's SLA. The back office takes it, answers and resolves it;
//! each answer goes on the case, alerts its agent and sets the callback.

use super::super::authz::Actor;
use super::super::cases::{self, add_event};
use super::super::error::ServiceError;
use super::super::live;
use super::super::users::refs_by_id;
use crate::db::{
    self,
    entities::{
        base_records, cases as case_rows, escalation_answers, escalation_slas, escalations,
    },
};
use app::api::auth::UserRef;
use app::api::field_ops::{
    EscalationAnswer, EscalationFilter, EscalationReply, EscalationSla, EscalationView,
};
use app::api::live::{EVENT_ESCALATION_ANSWERED, EscalationAnswered};
use app::domain::cases::CaseEventKind;
use app::domain::field_ops::{EscalationKind, EscalationStatus, default_sla_hours};
use app::domain::local_time::format_date_time;
use app::domain::role::Capability;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::Expr,
};
use std::collections::HashMap;

const MAX_REPLY: usize = 2_000;
/// Longest SLA an admin may set: thirty days.
const MAX_SLA_HOURS: i32 = 720;

fn unknown(id: i64) -> UserRef {
    UserRef {
        id,
        login: String::new(),
        name: "(usuario retirado)".into(),
    }
}

/// The configured hours of every kind (defaults where none).
pub async fn slas(db: &impl ConnectionTrait) -> Result<Vec<EscalationSla>, ServiceError> {
    let stored: HashMap<String, i32> = escalation_slas::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.kind, row.hours))
        .collect();
    Ok(EscalationKind::ALL
        .iter()
        .map(|kind| EscalationSla {
            kind: *kind,
            hours: stored
                .get(kind.code())
                .copied()
                .unwrap_or_else(|| default_sla_hours(*kind)),
        })
        .collect())
}

pub async fn list_slas(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<EscalationSla>, ServiceError> {
    actor.require_any(&[Capability::WorkEscalations, Capability::Configure])?;
    slas(db).await
}

pub async fn save_slas(
    db: &DatabaseConnection,
    actor: &Actor,
    wanted: Vec<EscalationSla>,
    now: DateTime<Utc>,
) -> Result<Vec<EscalationSla>, ServiceError> {
    actor.require(Capability::Configure)?;
    let problems: Vec<(String, String)> = wanted
        .iter()
        .filter(|sla| !(1..=MAX_SLA_HOURS).contains(&sla.hours))
        .map(|sla| {
            (
                sla.kind.code().to_string(),
                format!(
                    "{}: el tiempo de respuesta va de 1 a {MAX_SLA_HOURS} horas.",
                    sla.kind.label()
                ),
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    let txn = db::begin_write(db).await?;
    for sla in &wanted {
        escalation_slas::Entity::delete_many()
            .filter(escalation_slas::Column::Kind.eq(sla.kind.code()))
            .exec(&txn)
            .await?;
        escalation_slas::Entity::insert(escalation_slas::ActiveModel {
            kind: Set(sla.kind.code().into()),
            hours: Set(sla.hours),
            updated_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    slas(db).await
}

/// What a close hands the back office.
pub struct NewEscalation<'a> {
    pub kind: EscalationKind,
    pub case_id: i64,
    pub record_id: i64,
    pub cuenta: &'a str,
    pub zone: Option<String>,
    pub interaction_id: i64,
    pub data: String,
}

/// Opens an escalation inside the close's transaction; a retried close
/// finds it already there.
pub async fn open(
    txn: &impl ConnectionTrait,
    new: NewEscalation<'_>,
    agent_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let source_key = format!("faro:{}:{}", new.interaction_id, new.kind.code());
    let exists = escalations::Entity::find()
        .filter(escalations::Column::SourceKey.eq(&source_key))
        .one(txn)
        .await?
        .is_some();
    if exists {
        return Ok(());
    }
    let hours = slas(txn)
        .await?
        .into_iter()
        .find(|sla| sla.kind == new.kind)
        .map_or_else(|| default_sla_hours(new.kind), |sla| sla.hours);
    let due = now + Duration::hours(i64::from(hours));
    escalations::Entity::insert(escalations::ActiveModel {
        id: NotSet,
        source_key: Set(source_key),
        kind: Set(new.kind.code().into()),
        status: Set(EscalationStatus::Pendiente.code().into()),
        case_id: Set(new.case_id),
        record_id: Set(new.record_id),
        cuenta: Set(new.cuenta.to_string()),
        zone: Set(new.zone),
        interaction_id: Set(Some(new.interaction_id)),
        data: Set(new.data),
        created_at: Set(now),
        due_at: Set(due),
        taken_by: Set(None),
        taken_at: Set(None),
        resolved_at: Set(None),
        updated_at: Set(now),
    })
    .exec_without_returning(txn)
    .await?;
    add_event(
        txn,
        new.case_id,
        CaseEventKind::Escalado,
        Some(agent_id),
        format!(
            "Escalado al back office: {}. Vence el {}.",
            new.kind.label(),
            format_date_time(due)
        ),
        now,
    )
    .await?;
    Ok(())
}

pub async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<escalations::Model>,
) -> Result<Vec<EscalationView>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|e| e.id).collect();
    let answers = if ids.is_empty() {
        Vec::new()
    } else {
        escalation_answers::Entity::find()
            .filter(escalation_answers::Column::EscalationId.is_in(ids))
            .order_by_asc(escalation_answers::Column::At)
            .order_by_asc(escalation_answers::Column::Id)
            .all(db)
            .await?
    };
    let case_ids: Vec<i64> = rows.iter().map(|e| e.case_id).collect();
    let owners: HashMap<i64, i64> = if case_ids.is_empty() {
        HashMap::new()
    } else {
        case_rows::Entity::find()
            .filter(case_rows::Column::Id.is_in(case_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.owner_id))
            .collect()
    };
    let record_ids: Vec<i64> = rows.iter().map(|e| e.record_id).collect();
    let names: HashMap<i64, String> = if record_ids.is_empty() {
        HashMap::new()
    } else {
        base_records::Entity::find()
            .filter(base_records::Column::Id.is_in(record_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.nombre))
            .collect()
    };
    let people = refs_by_id(
        db,
        owners
            .values()
            .copied()
            .chain(rows.iter().filter_map(|e| e.taken_by))
            .chain(answers.iter().filter_map(|a| a.actor_id)),
    )
    .await?;
    let person = |id: i64| people.get(&id).cloned().unwrap_or_else(|| unknown(id));
    Ok(rows
        .into_iter()
        .map(|e| EscalationView {
            id: e.id,
            kind: e.kind.parse().unwrap_or(EscalationKind::Dime),
            status: e.status.parse().unwrap_or(EscalationStatus::Pendiente),
            case_id: e.case_id,
            record_id: e.record_id,
            cuenta: e.cuenta.clone(),
            nombre: names.get(&e.record_id).cloned().unwrap_or_default(),
            zone: e.zone.clone(),
            owner: person(owners.get(&e.case_id).copied().unwrap_or_default()),
            data: e.data.clone(),
            created_at: e.created_at,
            due_at: e.due_at,
            taken_by: e.taken_by.map(person),
            taken_at: e.taken_at,
            resolved_at: e.resolved_at,
            answers: answers
                .iter()
                .filter(|a| a.escalation_id == e.id)
                .map(|a| EscalationAnswer {
                    at: a.at,
                    by: a.actor_id.map(person).unwrap_or_else(|| unknown(0)),
                    text: a.text.clone(),
                    callback_at: a.callback_at,
                    resolves: a.resolves,
                })
                .collect(),
        })
        .collect())
}

async fn view(db: &impl ConnectionTrait, id: i64) -> Result<EscalationView, ServiceError> {
    let row = find(db, id).await?;
    Ok(views(db, vec![row]).await?.remove(0))
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<escalations::Model, ServiceError> {
    escalations::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El escalamiento no existe.".into()))
}

/// The queue: open ones first, soonest due first.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    filter: &EscalationFilter,
    now: DateTime<Utc>,
) -> Result<Vec<EscalationView>, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    let mut query = escalations::Entity::find();
    match filter.status {
        Some(status) => query = query.filter(escalations::Column::Status.eq(status.code())),
        None if filter.overdue_only || filter.open_only => {
            query = query.filter(escalations::Column::Status.ne(EscalationStatus::Resuelta.code()))
        }
        None => {}
    }
    if let Some(kind) = filter.kind {
        query = query.filter(escalations::Column::Kind.eq(kind.code()));
    }
    if filter.overdue_only {
        query = query.filter(escalations::Column::DueAt.lt(now));
    }
    if filter.mine_only {
        query = query.filter(escalations::Column::TakenBy.eq(actor.id));
    }
    let rows = query
        .order_by_asc(Expr::cust(
            "CASE WHEN status = 'RESUELTA' THEN 1 ELSE 0 END",
        ))
        .order_by_asc(escalations::Column::DueAt)
        .order_by_asc(escalations::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    views(db, rows).await
}

/// The escalations of a case (its reader was already checked).
pub async fn of_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<EscalationView>, ServiceError> {
    let rows = escalations::Entity::find()
        .filter(escalations::Column::CaseId.eq(case_id))
        .order_by_desc(escalations::Column::CreatedAt)
        .all(db)
        .await?;
    views(db, rows).await
}

/// Takes an escalation for the actor. Taking one already taken by someone
/// else is refused; taking one's own again is a no-op (a retry).
pub async fn take(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<EscalationView, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    let txn = db::begin_write(db).await?;
    let taken = escalations::Entity::update_many()
        .col_expr(
            escalations::Column::Status,
            Expr::value(EscalationStatus::EnGestion.code()),
        )
        .col_expr(escalations::Column::TakenBy, Expr::value(Some(actor.id)))
        .col_expr(escalations::Column::TakenAt, Expr::value(Some(now)))
        .col_expr(escalations::Column::UpdatedAt, Expr::value(now))
        .filter(escalations::Column::Id.eq(id))
        .filter(escalations::Column::Status.eq(EscalationStatus::Pendiente.code()))
        .exec(&txn)
        .await?
        .rows_affected;
    // Re-read: the one who won the race is named, not who it was before.
    let current = find(&txn, id).await?;
    if taken == 0 && current.taken_by != Some(actor.id) {
        let who = match current.taken_by {
            Some(other) => refs_by_id(&txn, [other])
                .await?
                .get(&other)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            None => String::new(),
        };
        return Err(ServiceError::Conflict(
            if current.status == EscalationStatus::Resuelta.code() {
                "El escalamiento ya está resuelto.".to_string()
            } else {
                format!("{who} ya tomó este escalamiento.")
            },
        ));
    }
    txn.commit().await?;
    view(db, id).await
}

/// Answers (and with `resolve`, closes) an escalation the actor holds.
pub async fn reply(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    reply: EscalationReply,
    resolve: bool,
    now: DateTime<Utc>,
) -> Result<EscalationView, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    let text = reply.text.trim().to_string();
    let mut problems = Vec::new();
    if text.is_empty() {
        problems.push((
            "text".to_string(),
            "Escriba la respuesta para el asesor.".to_string(),
        ));
    } else if text.chars().count() > MAX_REPLY {
        problems.push((
            "text".into(),
            format!("La respuesta admite hasta {MAX_REPLY} caracteres."),
        ));
    }
    if reply
        .callback_at
        .is_some_and(|at| at < now - Duration::minutes(5))
    {
        problems.push((
            "callback_at".into(),
            "La devolución de llamada no puede quedar en el pasado.".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    let txn = db::begin_write(db).await?;
    let current = escalations::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El escalamiento no existe.".into()))?;
    // A retried request (same answer within a minute) is applied once and
    // answered as it was the first time.
    let repeated = escalation_answers::Entity::find()
        .filter(escalation_answers::Column::EscalationId.eq(id))
        .filter(escalation_answers::Column::ActorId.eq(actor.id))
        .filter(escalation_answers::Column::Text.eq(text.as_str()))
        .filter(escalation_answers::Column::Resolves.eq(resolve))
        .filter(escalation_answers::Column::At.gte(now - Duration::minutes(1)))
        .one(&txn)
        .await?
        .is_some();
    if repeated {
        drop(txn);
        return view(db, id).await;
    }
    if current.status == EscalationStatus::Resuelta.code() {
        return Err(ServiceError::Conflict(
            "El escalamiento ya está resuelto.".into(),
        ));
    }
    if current.taken_by != Some(actor.id) {
        return Err(ServiceError::Conflict(
            "Tome el escalamiento antes de responderlo.".into(),
        ));
    }
    let callback = reply.callback_at.unwrap_or(now);
    escalation_answers::Entity::insert(escalation_answers::ActiveModel {
        id: NotSet,
        escalation_id: Set(id),
        at: Set(now),
        actor_id: Set(Some(actor.id)),
        text: Set(text.clone()),
        callback_at: Set(Some(callback)),
        resolves: Set(resolve),
    })
    .exec_without_returning(&txn)
    .await?;
    let mut update = escalations::Entity::update_many()
        .col_expr(escalations::Column::UpdatedAt, Expr::value(now))
        .filter(escalations::Column::Id.eq(id));
    if resolve {
        update = update
            .col_expr(
                escalations::Column::Status,
                Expr::value(EscalationStatus::Resuelta.code()),
            )
            .col_expr(escalations::Column::ResolvedAt, Expr::value(Some(now)));
    }
    update.exec(&txn).await?;

    // The answer on the case, its callback, and the agent's tab.
    let case = cases::find(&txn, current.case_id).await?;
    // A case the agent already closed keeps the answer, not a callback.
    let open_case = case
        .state
        .parse::<app::domain::cases::CaseState>()
        .is_ok_and(|state| state.is_open());
    if open_case {
        case_rows::Entity::update_many()
            .col_expr(case_rows::Column::CallbackAt, Expr::value(Some(callback)))
            .col_expr(case_rows::Column::UpdatedAt, Expr::value(now))
            .filter(case_rows::Column::Id.eq(case.id))
            .exec(&txn)
            .await?;
        super::calls::bring_callback_forward(&txn, current.record_id, callback, now).await?;
    }
    let kind: EscalationKind = current.kind.parse().unwrap_or(EscalationKind::Dime);
    add_event(
        &txn,
        case.id,
        CaseEventKind::RespuestaBackoffice,
        Some(actor.id),
        format!(
            "{}{}: {text} Devolución: {}.",
            kind.label(),
            if resolve { " (resuelto)" } else { "" },
            format_date_time(callback)
        ),
        now,
    )
    .await?;
    let nombre = base_records::Entity::find_by_id(current.record_id)
        .one(&txn)
        .await?
        .map(|r| r.nombre)
        .unwrap_or_default();
    live::push(
        &txn,
        case.owner_id,
        EVENT_ESCALATION_ANSWERED,
        &EscalationAnswered {
            escalation_id: id,
            case_id: case.id,
            cuenta: current.cuenta.clone(),
            nombre,
            kind,
            text,
            resolved: resolve,
            callback_at: Some(callback),
            at: now,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    view(db, id).await
}
