//! Technical visits: booked from the guide in a slot of the customer's
//! zone, atomically (a slot never takes more visits than its capacity, on
//! SQLite or PostgreSQL, however many agents book at once), rescheduled or
//! cancelled with a reason, and kept on the case with the RR order.

use super::super::authz::Actor;
use super::super::cases::add_event;
use super::super::error::ServiceError;
use super::super::users::refs_by_id;
use super::{agenda, incidents, place_of};
use crate::db::{
    self,
    entities::{base_records, cases, interactions, visit_slots, visits},
};
use app::api::auth::UserRef;
use app::api::field_ops::{BookVisit, CancelVisit, RescheduleVisit, VisitView};
use app::domain::cases::{CaseEventKind, InteractionStatus};
use app::domain::field_ops::{Franja, VisitKind, VisitStatus, place_key, slot_passed};
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use std::collections::HashMap;

const MAX_TEXT: usize = 500;

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<visits::Model, ServiceError> {
    visits::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("La visita no existe.".into()))
}

pub async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<visits::Model>,
) -> Result<Vec<VisitView>, ServiceError> {
    let slot_ids: Vec<i64> = rows.iter().map(|v| v.slot_id).collect();
    let record_ids: Vec<i64> = rows.iter().map(|v| v.record_id).collect();
    let slots: HashMap<i64, visit_slots::Model> = if slot_ids.is_empty() {
        HashMap::new()
    } else {
        visit_slots::Entity::find()
            .filter(visit_slots::Column::Id.is_in(slot_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect()
    };
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
    let people = refs_by_id(db, rows.iter().map(|v| v.booked_by)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for visit in rows {
        let Some(slot) = slots.get(&visit.slot_id) else {
            continue;
        };
        out.push(VisitView {
            id: visit.id,
            record_id: visit.record_id,
            cuenta: visit.cuenta.clone(),
            nombre: names.get(&visit.record_id).cloned().unwrap_or_default(),
            case_id: visit.case_id,
            slot: agenda::to_view(slot),
            kind: visit.kind.parse().unwrap_or(VisitKind::Lls),
            order_number: visit.order_number.clone(),
            motivo: visit.motivo.clone(),
            status: visit.status.parse().unwrap_or(VisitStatus::Agendada),
            booked_by: people.get(&visit.booked_by).cloned().unwrap_or(UserRef {
                id: visit.booked_by,
                login: String::new(),
                name: "(usuario retirado)".into(),
            }),
            booked_at: visit.booked_at,
            reason: visit.reason.clone(),
        });
    }
    Ok(out)
}

async fn view(db: &impl ConnectionTrait, id: i64) -> Result<VisitView, ServiceError> {
    views(db, vec![find(db, id).await?])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("La visita no existe.".into()))
}

/// Takes one place of a slot, or says why not. The check and the increment
/// are one statement: concurrent bookings queue on the row (PostgreSQL) or
/// on the write lock (SQLite) and each sees the count the previous left.
async fn take_place(
    txn: &impl ConnectionTrait,
    slot: &visit_slots::Model,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let taken = visit_slots::Entity::update_many()
        .col_expr(
            visit_slots::Column::Booked,
            Expr::col(visit_slots::Column::Booked).add(1),
        )
        .col_expr(visit_slots::Column::UpdatedAt, Expr::value(now))
        .filter(visit_slots::Column::Id.eq(slot.id))
        .filter(visit_slots::Column::Active.eq(true))
        .filter(Expr::col(visit_slots::Column::Booked).lt(Expr::col(visit_slots::Column::Capacity)))
        .exec(txn)
        .await?
        .rows_affected;
    if taken == 1 {
        Ok(())
    } else {
        Err(ServiceError::Conflict(format!(
            "El cupo del {} {} en {} ya no tiene lugar. Elija otro.",
            slot.date.format("%d/%m/%Y"),
            slot.franja,
            slot.zone
        )))
    }
}

async fn free_place(
    txn: &impl ConnectionTrait,
    slot_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    visit_slots::Entity::update_many()
        .col_expr(
            visit_slots::Column::Booked,
            Expr::col(visit_slots::Column::Booked).sub(1),
        )
        .col_expr(visit_slots::Column::UpdatedAt, Expr::value(now))
        .filter(visit_slots::Column::Id.eq(slot_id))
        .filter(visit_slots::Column::Booked.gt(0))
        .exec(txn)
        .await?;
    Ok(())
}

/// Locks the slots a move touches, lowest id first: two calls moving
/// visits in opposite directions between the same slots would otherwise
/// each hold one row and wait for the other (a deadlock on PostgreSQL).
/// SQLite's write lock already serializes the whole transaction.
async fn lock_slots(txn: &impl ConnectionTrait, ids: &[i64]) -> Result<(), ServiceError> {
    visit_slots::Entity::find()
        .filter(visit_slots::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(visit_slots::Column::Id)
        .lock_exclusive()
        .all(txn)
        .await?;
    Ok(())
}

/// A slot the customer at `record` may be booked into now.
async fn bookable_slot(
    txn: &impl ConnectionTrait,
    record: &base_records::Model,
    slot_id: i64,
    now: DateTime<Utc>,
) -> Result<visit_slots::Model, ServiceError> {
    let slot = agenda::find(txn, slot_id).await?;
    let place = place_of(record);
    if place.zone.as_deref().map(place_key) != Some(slot.zone_key.clone()) {
        return Err(ServiceError::invalid(
            "slot_id",
            "Ese cupo no es de la zona del cliente.",
        ));
    }
    let franja = slot.franja.parse::<Franja>().unwrap_or(Franja::Am);
    if slot_passed(slot.date, franja, now) {
        return Err(ServiceError::invalid("slot_id", "Ese cupo ya pasó."));
    }
    if let Some(incident) = incidents::blocking(txn, &place, now).await? {
        return Err(ServiceError::Conflict(format!(
            "No se agendan visitas en {}: la falla masiva {} (prioridad {}) sigue activa. El cliente queda vinculado al aviso.",
            place.zone.unwrap_or_default(),
            incident.number,
            incident.priority.to_lowercase()
        )));
    }
    Ok(slot)
}

fn check_text(field: &str, value: &str, what: &str) -> Result<String, ServiceError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ServiceError::invalid(field, format!("Indique {what}.")));
    }
    if value.chars().count() > MAX_TEXT {
        return Err(ServiceError::invalid(
            field,
            format!("Escriba {what} en hasta {MAX_TEXT} caracteres."),
        ));
    }
    Ok(value.to_string())
}

/// Books (or moves) the visit of the agent's call in progress.
pub async fn book(
    db: &DatabaseConnection,
    actor: &Actor,
    request: BookVisit,
    now: DateTime<Utc>,
) -> Result<VisitView, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let motivo = check_text("motivo", &request.motivo, "el motivo de la visita")?;
    let txn = db::begin_write(db).await?;
    // The call's row is the lock that keeps two tabs of one call from
    // booking two visits.
    let interaction = interactions::Entity::find()
        .filter(interactions::Column::Key.eq(request.interaction_key.as_str()))
        .lock_exclusive()
        .one(&txn)
        .await?
        .filter(|i| i.agent_id == actor.id)
        .ok_or_else(|| ServiceError::NotFound("La interacción no existe.".into()))?;
    if interaction.status != InteractionStatus::EnCurso.code() {
        return Err(ServiceError::Conflict(
            "La llamada ya terminó: la visita se gestiona desde el caso.".into(),
        ));
    }
    let record = super::super::queue::find(&txn, interaction.record_id).await?;
    // Locked (call, then visit, then slots: the order every writer uses) so
    // a back-office change cannot move it between this read and the update.
    let existing = visits::Entity::find()
        .filter(visits::Column::InteractionId.eq(interaction.id))
        .lock_exclusive()
        .one(&txn)
        .await?;
    let standing = existing
        .as_ref()
        .filter(|v| v.status == VisitStatus::Agendada.code());
    if let Some(visit) = standing.filter(|v| v.slot_id == request.slot_id) {
        // A retried request: the same visit, nothing taken twice.
        if visit.kind != request.kind.code() || visit.motivo != motivo {
            visits::Entity::update_many()
                .col_expr(visits::Column::Kind, Expr::value(request.kind.code()))
                .col_expr(visits::Column::Motivo, Expr::value(motivo))
                .col_expr(visits::Column::UpdatedAt, Expr::value(now))
                .filter(visits::Column::Id.eq(visit.id))
                .exec(&txn)
                .await?;
        }
        let id = visit.id;
        txn.commit().await?;
        return view(db, id).await;
    }
    if let Some(visit) = standing {
        lock_slots(&txn, &[visit.slot_id, request.slot_id]).await?;
    }
    let slot = bookable_slot(&txn, &record, request.slot_id, now).await?;
    take_place(&txn, &slot, now).await?;
    let id = match existing {
        Some(visit) => {
            if visit.status == VisitStatus::Agendada.code() {
                free_place(&txn, visit.slot_id, now).await?;
            }
            visits::Entity::update_many()
                .col_expr(visits::Column::SlotId, Expr::value(slot.id))
                .col_expr(visits::Column::Kind, Expr::value(request.kind.code()))
                .col_expr(visits::Column::Motivo, Expr::value(motivo))
                .col_expr(
                    visits::Column::Status,
                    Expr::value(VisitStatus::Agendada.code()),
                )
                .col_expr(
                    visits::Column::Reason,
                    Expr::value(Some("Cupo cambiado durante la llamada.")),
                )
                .col_expr(visits::Column::BookedAt, Expr::value(now))
                .col_expr(visits::Column::UpdatedAt, Expr::value(now))
                .filter(visits::Column::Id.eq(visit.id))
                .exec(&txn)
                .await?;
            visit.id
        }
        None => {
            visits::Entity::insert(visits::ActiveModel {
                id: NotSet,
                interaction_id: Set(Some(interaction.id)),
                record_id: Set(record.id),
                cuenta: Set(record.cuenta.clone()),
                case_id: Set(interaction.case_id),
                slot_id: Set(slot.id),
                kind: Set(request.kind.code().into()),
                order_number: Set(None),
                motivo: Set(motivo),
                status: Set(VisitStatus::Agendada.code().into()),
                reason: Set(None),
                booked_by: Set(actor.id),
                booked_at: Set(now),
                updated_at: Set(now),
            })
            .exec_with_returning(&txn)
            .await?
            .id
        }
    };
    txn.commit().await?;
    view(db, id).await
}

/// Who may change a visit after the call: the back office and the admin,
/// the agent who owns its case (or booked it), and that agent's
/// supervisor. Coordinadores and gerentes only read.
async fn ensure_may_change(
    db: &impl ConnectionTrait,
    actor: &Actor,
    visit: &visits::Model,
) -> Result<(), ServiceError> {
    if actor.role.can(Capability::WorkEscalations) {
        return Ok(());
    }
    let owner = match visit.case_id {
        Some(case) => cases::Entity::find_by_id(case)
            .one(db)
            .await?
            .map(|c| c.owner_id)
            .unwrap_or(visit.booked_by),
        None => visit.booked_by,
    };
    match actor.role {
        Role::Asesor if owner == actor.id => Ok(()),
        Role::Supervisor => super::super::authz::ensure_user_in_scope(db, actor, owner).await,
        _ => Err(ServiceError::Forbidden),
    }
}

async fn standing_visit(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<visits::Model, ServiceError> {
    let visit = visits::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("La visita no existe.".into()))?;
    ensure_may_change(txn, actor, &visit).await?;
    if visit.status != VisitStatus::Agendada.code() {
        return Err(ServiceError::Conflict(
            "La visita ya está cancelada.".into(),
        ));
    }
    Ok(visit)
}

fn slot_words(slot: &visit_slots::Model) -> String {
    format!(
        "{} {} en {}",
        slot.date.format("%d/%m/%Y"),
        slot.franja,
        slot.zone
    )
}

/// Moves a visit to another slot of its zone.
pub async fn reschedule(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    request: RescheduleVisit,
    now: DateTime<Utc>,
) -> Result<VisitView, ServiceError> {
    let reason = check_text("reason", &request.reason, "el motivo del cambio")?;
    let txn = db::begin_write(db).await?;
    let visit = standing_visit(&txn, actor, id).await?;
    if visit.slot_id == request.slot_id {
        return Err(ServiceError::invalid(
            "slot_id",
            "Elija un cupo distinto del actual.",
        ));
    }
    let record = super::super::queue::find(&txn, visit.record_id).await?;
    lock_slots(&txn, &[visit.slot_id, request.slot_id]).await?;
    let before = agenda::find(&txn, visit.slot_id).await?;
    let slot = bookable_slot(&txn, &record, request.slot_id, now).await?;
    take_place(&txn, &slot, now).await?;
    free_place(&txn, visit.slot_id, now).await?;
    visits::Entity::update_many()
        .col_expr(visits::Column::SlotId, Expr::value(slot.id))
        .col_expr(visits::Column::Reason, Expr::value(Some(reason.clone())))
        .col_expr(visits::Column::UpdatedAt, Expr::value(now))
        .filter(visits::Column::Id.eq(visit.id))
        .exec(&txn)
        .await?;
    if let Some(case) = visit.case_id {
        add_event(
            &txn,
            case,
            CaseEventKind::Visita,
            Some(actor.id),
            format!(
                "Visita reprogramada de {} a {}. Motivo: {reason}",
                slot_words(&before),
                slot_words(&slot)
            ),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    view(db, id).await
}

/// Cancels a visit and frees its place.
pub async fn cancel(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    request: CancelVisit,
    now: DateTime<Utc>,
) -> Result<VisitView, ServiceError> {
    let reason = check_text("reason", &request.reason, "el motivo de la cancelación")?;
    let txn = db::begin_write(db).await?;
    let visit = standing_visit(&txn, actor, id).await?;
    let slot = agenda::find(&txn, visit.slot_id).await?;
    cancel_in(&txn, &visit, &reason, now).await?;
    if let Some(case) = visit.case_id {
        add_event(
            &txn,
            case,
            CaseEventKind::Visita,
            Some(actor.id),
            format!(
                "Visita del {} cancelada. Motivo: {reason}",
                slot_words(&slot)
            ),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    view(db, id).await
}

/// Cancels inside the caller's transaction (also when a call is discarded).
pub async fn cancel_in(
    txn: &impl ConnectionTrait,
    visit: &visits::Model,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    // Re-read under the lock: the place freed is the slot the visit holds
    // now, once.
    let Some(current) = visits::Entity::find_by_id(visit.id)
        .lock_exclusive()
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    if current.status != VisitStatus::Agendada.code() {
        return Ok(());
    }
    visits::Entity::update_many()
        .col_expr(
            visits::Column::Status,
            Expr::value(VisitStatus::Cancelada.code()),
        )
        .col_expr(visits::Column::Reason, Expr::value(Some(reason)))
        .col_expr(visits::Column::UpdatedAt, Expr::value(now))
        .filter(visits::Column::Id.eq(current.id))
        .exec(txn)
        .await?;
    free_place(txn, current.slot_id, now).await
}

/// Keeps a call's visit on its case with the RR order number.
pub async fn attach_to_case(
    txn: &impl ConnectionTrait,
    visit_id: i64,
    case_id: Option<i64>,
    order: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    visits::Entity::update_many()
        .col_expr(visits::Column::CaseId, Expr::value(case_id))
        .col_expr(visits::Column::OrderNumber, Expr::value(order))
        .col_expr(visits::Column::UpdatedAt, Expr::value(now))
        .filter(visits::Column::Id.eq(visit_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// The visits of a slot (back office and admin).
pub async fn of_slot(
    db: &DatabaseConnection,
    actor: &Actor,
    slot_id: i64,
) -> Result<Vec<VisitView>, ServiceError> {
    actor.require(Capability::WorkEscalations)?;
    let rows = visits::Entity::find()
        .filter(visits::Column::SlotId.eq(slot_id))
        .order_by_asc(visits::Column::Status)
        .order_by_asc(visits::Column::BookedAt)
        .all(db)
        .await?;
    views(db, rows).await
}

/// The visits kept on a case (its reader was already checked).
pub async fn of_case(
    db: &impl ConnectionTrait,
    case_id: i64,
) -> Result<Vec<VisitView>, ServiceError> {
    let rows = visits::Entity::find()
        .filter(visits::Column::CaseId.eq(case_id))
        .order_by_desc(visits::Column::BookedAt)
        .all(db)
        .await?;
    views(db, rows).await
}

/// The visit a call booked, if any.
pub async fn of_interaction(
    db: &impl ConnectionTrait,
    interaction_id: i64,
) -> Result<Option<visits::Model>, ServiceError> {
    Ok(visits::Entity::find()
        .filter(visits::Column::InteractionId.eq(interaction_id))
        .one(db)
        .await?)
}
