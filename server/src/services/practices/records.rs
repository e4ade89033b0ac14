//! Practices recorded as done: by leaders (possibly from a tablet that was
//! offline: a resent record lands once), read by the leader, their
//! coordinador and gerente, and — for a confirmación de proceso — by the
//! agent observed.

use super::calendar::{ids_json, ids_of};
use super::{catalog, leader_role, outside_team, team_of};
use crate::db::entities::{calendar_events, practice_records, users};
use crate::services::ServiceError;
use crate::services::authz::{Actor, UserScope, user_scope};
use crate::services::users::refs_by_id;
use app::api::kpis::checklist_score;
use app::api::practices::{EventStatus, RecordDetails, RecordDraft, RecordView};
use app::domain::local_time::{from_local, to_local};
use app::domain::practices::PracticeKind;
use app::domain::practices::barometer::survey_problems;
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

/// How far back a practice may be recorded.
pub const BACKFILL_DAYS: i64 = 31;
pub const MAX_TEXT: usize = 2_000;
pub const MAX_CLIENT_ID: usize = 80;

/// Stores a practice done; a resent record (same `client_id`) answers the
/// first. Marks the planned event it fulfils as done.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    draft: RecordDraft,
    now: DateTime<Utc>,
) -> Result<RecordView, ServiceError> {
    let role = leader_role(actor)?;
    let client_id = draft.client_id.trim().to_string();
    if client_id.is_empty() || client_id.len() > MAX_CLIENT_ID {
        return Err(ServiceError::Validation(vec![(
            "client_id".into(),
            "Falta el identificador del registro.".into(),
        )]));
    }
    let txn = crate::db::begin_write(db).await?;
    super::lock_person(&txn, actor.id).await?;
    if let Some(existing) = practice_records::Entity::find()
        .filter(practice_records::Column::ClientId.eq(&client_id))
        .one(&txn)
        .await?
    {
        txn.commit().await?;
        if existing.leader_id != actor.id {
            return Err(ServiceError::Conflict(
                "Ese identificador de registro ya se usó.".into(),
            ));
        }
        return view_one(db, existing).await;
    }
    let defs = catalog(&txn).await?;
    let mut problems: Vec<(String, String)> = Vec::new();
    if !defs
        .iter()
        .any(|d| d.kind == draft.kind && d.goal_for(role).is_some())
    {
        problems.push((
            "kind".into(),
            format!("«{}» no es una práctica de su rol.", draft.kind.label()),
        ));
    }
    let started = from_local(draft.started_at);
    if started > now + Duration::minutes(10) {
        problems.push((
            "started_at".into(),
            "No se puede registrar una práctica que aún no ha ocurrido.".into(),
        ));
    } else if started < now - Duration::days(BACKFILL_DAYS) {
        problems.push((
            "started_at".into(),
            format!("Solo se registran prácticas de los últimos {BACKFILL_DAYS} días."),
        ));
    }
    if !(1..=480).contains(&draft.minutes) {
        problems.push((
            "minutes".into(),
            "La duración debe estar entre 1 y 480 minutos.".into(),
        ));
    }
    if draft.notes.chars().count() > MAX_TEXT {
        problems.push((
            "notes".into(),
            format!("Las notas admiten hasta {MAX_TEXT} caracteres."),
        ));
    }
    if !outside_team(&txn, actor, &draft.participants)
        .await?
        .is_empty()
    {
        problems.push((
            "participants".into(),
            "Solo puede registrar como participantes a personas de su equipo.".into(),
        ));
    }
    let (agent_id, score) = check_details(&txn, actor, &draft, &mut problems).await?;
    let event = match draft.event_id {
        None => None,
        Some(id) => {
            let event = calendar_events::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|e| e.leader_id == actor.id);
            match event {
                None => {
                    problems.push((
                        "event_id".into(),
                        "Ese evento no está en su calendario.".into(),
                    ));
                    None
                }
                Some(e) if e.kind.as_deref() != Some(draft.kind.code()) => {
                    problems.push((
                        "event_id".into(),
                        "El evento planeado es de otra práctica.".into(),
                    ));
                    None
                }
                Some(e) if e.status != EventStatus::Planeada.code() => {
                    problems.push((
                        "event_id".into(),
                        "Ese evento ya se registró o se canceló.".into(),
                    ));
                    None
                }
                Some(e) => Some(e),
            }
        }
    };
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    let record = practice_records::ActiveModel {
        id: NotSet,
        client_id: Set(client_id),
        leader_id: Set(actor.id),
        kind: Set(draft.kind.code().into()),
        event_id: Set(draft.event_id),
        day: Set(draft.started_at.date()),
        started_at: Set(started),
        minutes: Set(draft.minutes as i32),
        participants: Set(ids_json(&draft.participants)),
        notes: Set(draft.notes.trim().to_string()),
        details: Set(serde_json::to_string(&draft.details)
            .map_err(|e| ServiceError::Internal(e.to_string()))?),
        agent_id: Set(agent_id),
        score_milli: Set(score.map(|s| (s * 1000.0).round() as i32)),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    if let RecordDetails::Barometro { plans, .. } = &draft.details {
        super::plans::insert(&txn, &record, plans, now).await?;
    }
    if let Some(event) = event {
        let sequence = event.sequence + 1;
        let mut event: calendar_events::ActiveModel = event.into();
        event.status = Set(EventStatus::Realizada.code().into());
        event.record_id = Set(Some(record.id));
        event.sequence = Set(sequence);
        event.updated_at = Set(now);
        event.update(&txn).await?;
    }
    txn.commit().await?;
    view_one(db, record).await
}

/// Checks the per-kind details; answers the agent observed and the score
/// of a confirmación de proceso.
async fn check_details(
    db: &impl ConnectionTrait,
    actor: &Actor,
    draft: &RecordDraft,
    problems: &mut Vec<(String, String)>,
) -> Result<(Option<i64>, Option<f64>), ServiceError> {
    let long = |text: &str| text.chars().count() > MAX_TEXT;
    match (&draft.details, draft.kind) {
        (
            RecordDetails::ConfirmacionProceso {
                agent_id,
                checklist,
                feedback,
            },
            PracticeKind::ConfirmacionProceso,
        ) => {
            let agent = users::Entity::find_by_id(*agent_id).one(db).await?;
            let in_team = agent.as_ref().is_some_and(|a| {
                a.reports_to_id == Some(actor.id) && a.role == "asesor" && a.active
            });
            if !in_team {
                problems.push((
                    "agent_id".into(),
                    "Elija un asesor activo de su equipo.".into(),
                ));
            }
            let score = checklist_score(checklist);
            if score.is_none() {
                problems.push((
                    "checklist".into(),
                    "Marque al menos un paso de la guía como cumple o no cumple.".into(),
                ));
            }
            if checklist
                .iter()
                .any(|item| item.weight == 0 || item.weight > 100)
            {
                problems.push(("checklist".into(), "Cada paso pesa entre 1 y 100.".into()));
            }
            if feedback.trim().is_empty() {
                problems.push((
                    "feedback".into(),
                    "Escriba la retroalimentación para el asesor.".into(),
                ));
            } else if long(feedback) {
                problems.push((
                    "feedback".into(),
                    format!("La retroalimentación admite hasta {MAX_TEXT} caracteres."),
                ));
            }
            Ok((Some(*agent_id), score))
        }
        (
            RecordDetails::ConfirmacionFunciones {
                observed_id,
                practice,
                strengths,
                opportunities,
            },
            PracticeKind::ConfirmacionFunciones,
        ) => {
            let scope = user_scope(db, actor).await?;
            let observed = users::Entity::find_by_id(*observed_id).one(db).await?;
            let valid = observed.as_ref().is_some_and(|o| {
                o.id != actor.id
                    && scope.contains(o.id)
                    && matches!(o.role.as_str(), "supervisor" | "coordinador")
            });
            if !valid {
                problems.push((
                    "observed_id".into(),
                    "Elija un líder de su equipo para observar.".into(),
                ));
            }
            if *practice == PracticeKind::ConfirmacionFunciones {
                problems.push((
                    "practice".into(),
                    "Elija la práctica que el líder dirigía.".into(),
                ));
            }
            if strengths.trim().is_empty() && opportunities.trim().is_empty() {
                problems.push((
                    "strengths".into(),
                    "Anote fortalezas u oportunidades de mejora observadas.".into(),
                ));
            }
            if long(strengths) || long(opportunities) {
                problems.push((
                    "strengths".into(),
                    format!("Cada campo admite hasta {MAX_TEXT} caracteres."),
                ));
            }
            Ok((None, None))
        }
        (
            RecordDetails::Barometro {
                period,
                respondents,
                questions,
                plans,
            },
            PracticeKind::Barometro,
        ) => {
            if period.trim().is_empty() || period.chars().count() > 40 {
                problems.push((
                    "period".into(),
                    "Indique el periodo de la encuesta (por ejemplo 2026-2).".into(),
                ));
            }
            if *respondents == 0 {
                problems.push((
                    "respondents".into(),
                    "Indique cuántas personas respondieron la encuesta.".into(),
                ));
            }
            let mut owners = team_of(db, actor.id).await?;
            owners.push(actor.id);
            for (field, message) in
                survey_problems(questions, plans, draft.started_at.date(), &owners)
            {
                problems.push((field.into(), message));
            }
            Ok((None, None))
        }
        (RecordDetails::General { agreements }, kind)
            if !matches!(
                kind,
                PracticeKind::ConfirmacionProceso
                    | PracticeKind::ConfirmacionFunciones
                    | PracticeKind::Barometro
            ) =>
        {
            if long(agreements) {
                problems.push((
                    "agreements".into(),
                    format!("Los acuerdos admiten hasta {MAX_TEXT} caracteres."),
                ));
            }
            Ok((None, None))
        }
        _ => {
            problems.push((
                "details".into(),
                "Los datos del registro no corresponden a la práctica elegida.".into(),
            ));
            Ok((None, None))
        }
    }
}

async fn view_one(
    db: &impl ConnectionTrait,
    record: practice_records::Model,
) -> Result<RecordView, ServiceError> {
    views(db, vec![record])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::Internal("record view".into()))
}

async fn views(
    db: &impl ConnectionTrait,
    records: Vec<practice_records::Model>,
) -> Result<Vec<RecordView>, ServiceError> {
    let mut ids: Vec<i64> = Vec::new();
    for r in &records {
        ids.push(r.leader_id);
        ids.extend(r.agent_id);
        ids.extend(ids_of(&r.participants));
    }
    let refs = refs_by_id(db, ids).await?;
    records
        .into_iter()
        .map(|r| {
            let bad =
                |what: &str| ServiceError::Internal(format!("practice_records {}: {what}", r.id));
            Ok(RecordView {
                id: r.id,
                leader: refs
                    .get(&r.leader_id)
                    .cloned()
                    .ok_or_else(|| bad("leader"))?,
                kind: r.kind.parse().map_err(|_| bad("kind"))?,
                event_id: r.event_id,
                day: r.day,
                started_at: to_local(r.started_at),
                minutes: r.minutes.max(0) as u32,
                participants: ids_of(&r.participants)
                    .iter()
                    .filter_map(|id| refs.get(id).cloned())
                    .collect(),
                notes: r.notes.clone(),
                details: serde_json::from_str(&r.details).map_err(|_| bad("details"))?,
                agent: r.agent_id.and_then(|id| refs.get(&id).cloned()),
                score: r.score_milli.map(|s| f64::from(s) / 1000.0),
            })
        })
        .collect()
}

/// Practices recorded between two local days: a leader's own; a
/// coordinador's and gerente's also those of the leaders in their scope;
/// an administrator's all.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<RecordView>, ServiceError> {
    actor.require_any(&[Capability::RunPractices, Capability::Configure])?;
    if to < from || (to - from).num_days() > 366 {
        return Err(ServiceError::Validation(vec![(
            "to".into(),
            "El rango debe ir de una fecha a otra igual o posterior, de hasta un año.".into(),
        )]));
    }
    let mut query = practice_records::Entity::find()
        .filter(practice_records::Column::Day.gte(from))
        .filter(practice_records::Column::Day.lte(to));
    if actor.role != Role::Admin {
        match user_scope(db, actor).await? {
            UserScope::Everyone => {}
            UserScope::Only(ids) => {
                query = query.filter(practice_records::Column::LeaderId.is_in(ids));
            }
        }
    }
    let rows = query
        .order_by_desc(practice_records::Column::StartedAt)
        .order_by_desc(practice_records::Column::Id)
        .all(db)
        .await?;
    views(db, rows).await
}

/// The confirmaciones de proceso in which the agent was observed, newest
/// first: the score and the feedback their supervisor left.
pub async fn my_feedback(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<RecordView>, ServiceError> {
    if actor.role != Role::Asesor {
        return Err(ServiceError::Forbidden);
    }
    let rows = practice_records::Entity::find()
        .filter(practice_records::Column::AgentId.eq(actor.id))
        .filter(practice_records::Column::Kind.eq(PracticeKind::ConfirmacionProceso.code()))
        .order_by_desc(practice_records::Column::StartedAt)
        .all(db)
        .await?;
    views(db, rows).await
}
