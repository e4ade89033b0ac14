//! What a call in the guide does with field operations: at the start, the
//! customer's place and the outages affecting them; the slots the visit
//! step offers; at the close, the visit kept on the case with its RR order,
//! the contact linked to the notices, and the back-office escalations the
//! answers call for.

use super::super::authz::Actor;
use super::super::cases::add_event;
use super::super::error::ServiceError;
use super::escalations::{self, NewEscalation};
use super::{agenda, incidents, place_of, visits};
use crate::db::entities::{base_records, interactions};
use app::api::field_ops::{Availability, FieldContext};
use app::domain::bases::normalize_code;
use app::domain::cases::{CaseEventKind, InteractionStatus};
use app::domain::field_ops::{
    BOOKING_DAYS, EscalationKind, SlotAnswer, VisitStatus, escalation_for_resolution,
    normalize_incident_number,
};
use app::domain::local_time::local_date;
use app::domain::procedure::{Answers, CallContext, Field, FieldKind, Procedure, Step};
use app::domain::role::Capability;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr,
};

/// The guide's field context of a customer.
pub async fn field_context(
    db: &impl ConnectionTrait,
    record: &base_records::Model,
    now: DateTime<Utc>,
) -> Result<FieldContext, ServiceError> {
    let place = place_of(record);
    let outages = incidents::notices_for(db, &place, &record.cuenta, now).await?;
    Ok(FieldContext { place, outages })
}

/// The slots the visit step offers for the agent's call in progress.
pub async fn availability(
    db: &DatabaseConnection,
    actor: &Actor,
    record_id: i64,
    interaction_key: &str,
    now: DateTime<Utc>,
) -> Result<Availability, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let interaction = interactions::Entity::find()
        .filter(interactions::Column::Key.eq(interaction_key))
        .one(db)
        .await?
        .filter(|i| {
            i.agent_id == actor.id
                && i.record_id == record_id
                && i.status == InteractionStatus::EnCurso.code()
        })
        .ok_or_else(|| ServiceError::NotFound("La llamada en curso no existe.".into()))?;
    let record = super::super::queue::find(db, record_id).await?;
    let place = place_of(&record);
    let blocked_by = match incidents::blocking(db, &place, now).await? {
        Some(model) => Some(incidents::view_of(db, &model).await?),
        None => None,
    };
    let slots = match &place.zone {
        Some(zone) => agenda::of_zone(db, zone, local_date(now), BOOKING_DAYS).await?,
        None => Vec::new(),
    };
    let booked = match visits::of_interaction(db, interaction.id).await? {
        Some(visit) if visit.status == VisitStatus::Agendada.code() => {
            visits::views(db, vec![visit]).await?.pop()
        }
        _ => None,
    };
    Ok(Availability {
        place,
        blocked_by,
        slots,
        booked,
    })
}

/// Moves a customer's callback to `due` (the queue serves it then).
pub async fn bring_callback_forward(
    txn: &impl ConnectionTrait,
    record_id: i64,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    base_records::Entity::update_many()
        .col_expr(base_records::Column::CallbackAt, Expr::value(Some(due)))
        .col_expr(base_records::Column::NextAttemptAt, Expr::value(Some(due)))
        .col_expr(base_records::Column::UpdatedAt, Expr::value(now))
        .filter(base_records::Column::Id.eq(record_id))
        .filter(base_records::Column::OwnerAgentId.is_not_null())
        .exec(txn)
        .await?;
    Ok(())
}

/// A discarded call gives its visit's place back.
pub async fn on_discard(
    txn: &impl ConnectionTrait,
    interaction_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if let Some(visit) = visits::of_interaction(txn, interaction_id).await? {
        visits::cancel_in(txn, &visit, "La llamada se descartó.", now).await?;
    }
    Ok(())
}

/// An answer as a person reads it.
fn shown(field: &Field, value: &str) -> String {
    match field.kind {
        FieldKind::YesNo | FieldKind::Check => if value == "SI" { "Sí" } else { "No" }.to_string(),
        FieldKind::Choice | FieldKind::Multi => value
            .split('|')
            .map(|v| field.option_label(v).unwrap_or(v).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        _ => value.to_string(),
    }
}

/// The step's answers, one "Label: value" line each: what the resolving
/// area needs to know without opening the call.
fn step_summary(step: &Step, context: &CallContext, answers: &Answers) -> String {
    step.visible_fields(context, answers)
        .filter(|f| !matches!(f.kind, FieldKind::VisitSlot | FieldKind::Offers))
        .filter_map(|f| {
            answers
                .get(&f.id)
                .filter(|v| !v.trim().is_empty())
                .map(|v| format!("{}: {}", f.label, shown(f, v)))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The fields the call walked past and saw, with their steps. Collected
/// into a list: iterators of closures held across awaits would make the
/// close's future not `Send`.
fn visible_fields<'a>(
    procedure: &'a Procedure,
    context: &'a CallContext,
    answers: &'a Answers,
    path: &[String],
) -> Vec<(&'a Step, &'a Field)> {
    let mut visible = Vec::new();
    for step in path.iter().filter_map(|id| procedure.step(id)) {
        for field in step.visible_fields(context, answers) {
            visible.push((step, field));
        }
    }
    visible
}

/// Links a closing call to the notices the customer called under: those
/// covering their place and any named in an INC field. Runs before the
/// close touches the case, so it takes the notice's lock before the case's,
/// in the order a notice's closing does.
pub async fn link_outages(
    txn: &impl ConnectionTrait,
    interaction: &interactions::Model,
    procedure: &Procedure,
    context: &CallContext,
    answers: &Answers,
    path: &[String],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let record = super::super::queue::find(txn, interaction.record_id).await?;
    let mut linked: Vec<i64> = incidents::affecting(txn, &place_of(&record), now)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    for (_, field) in visible_fields(procedure, context, answers, path) {
        let named = field.kind == FieldKind::Code
            && field
                .prefix
                .as_deref()
                .is_some_and(|p| normalize_code(p) == "INC");
        let number = named
            .then(|| answers.get(&field.id))
            .flatten()
            .and_then(|v| normalize_incident_number(v).ok());
        if let Some(number) = number
            && let Some(incident) = incidents::by_number(txn, &number).await?
            && !linked.contains(&incident.id)
        {
            linked.push(incident.id);
        }
    }
    for incident in linked {
        incidents::link_contact(
            txn,
            incident,
            interaction.id,
            record.id,
            &record.cuenta,
            interaction.agent_id,
            now,
        )
        .await?;
    }
    Ok(())
}

/// Everything a close does for field operations, in its transaction.
#[allow(clippy::too_many_arguments)]
pub async fn record_close(
    txn: &impl ConnectionTrait,
    interaction: &interactions::Model,
    procedure: &Procedure,
    context: &CallContext,
    answers: &Answers,
    path: &[String],
    case_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let record = super::super::queue::find(txn, interaction.record_id).await?;
    let place = place_of(&record);
    let visible = visible_fields(procedure, context, answers, path);

    // The visit this call booked: kept on the case with its order, or
    // given back when the call ended without it.
    if let Some(visit) = visits::of_interaction(txn, interaction.id).await? {
        let booked = visible.iter().find_map(|&(step, f)| {
            (f.kind == FieldKind::VisitSlot)
                .then(|| answers.get(&f.id))
                .flatten()
                .and_then(|v| match SlotAnswer::parse(v) {
                    Ok(SlotAnswer::Booked(slot)) if slot.visit == visit.id => Some(step),
                    _ => None,
                })
        });
        match booked {
            Some(step) if visit.status == VisitStatus::Agendada.code() => {
                let order = step
                    .visible_fields(context, answers)
                    .find(|f| f.kind == FieldKind::Code && f.prefix.is_none())
                    .and_then(|f| answers.get(&f.id))
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty());
                visits::attach_to_case(txn, visit.id, case_id, order.clone(), now).await?;
                if let Some(case) = case_id {
                    let slot = agenda::find(txn, visit.slot_id).await?;
                    add_event(
                        txn,
                        case,
                        CaseEventKind::Visita,
                        Some(interaction.agent_id),
                        format!(
                            "Visita {}{} agendada para el {} {} en {}.",
                            visit.kind,
                            order.map(|o| format!(" orden {o}")).unwrap_or_default(),
                            slot.date.format("%d/%m/%Y"),
                            slot.franja,
                            slot.zone
                        ),
                        now,
                    )
                    .await?;
                }
            }
            Some(_) => {}
            None => {
                visits::cancel_in(txn, &visit, "La llamada cerró sin esta visita.", now).await?;
            }
        }
    }

    // What the back office must solve, for a case left in follow-up.
    let Some(case_id) = case_id else {
        return Ok(());
    };
    let mut wanted: Vec<(EscalationKind, &Step)> = Vec::new();
    for &(step, field) in &visible {
        let Some(value) = answers.get(&field.id) else {
            continue;
        };
        let kind = match field.kind {
            FieldKind::VisitSlot => matches!(SlotAnswer::parse(value), Ok(SlotAnswer::NoSlot))
                .then_some(EscalationKind::SinCupo),
            FieldKind::Choice => escalation_for_resolution(value),
            _ => None,
        };
        if let Some(kind) = kind
            && !wanted.iter().any(|(k, _)| *k == kind)
        {
            wanted.push((kind, step));
        }
    }
    for (kind, step) in wanted {
        escalations::open(
            txn,
            NewEscalation {
                kind,
                case_id,
                record_id: record.id,
                cuenta: &record.cuenta,
                zone: place.zone.clone(),
                interaction_id: interaction.id,
                data: step_summary(step, context, answers),
            },
            interaction.agent_id,
            now,
        )
        .await?;
    }
    Ok(())
}
