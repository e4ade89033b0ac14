//! Interactions: one call run through the guide. Started (or resumed) by
//! the agent holding the record, autosaved as it goes (a newer revision
//! always wins, a stale one is ignored), closed once — the close is checked
//! against the procedure version the call started with, records the
//! contact attempt and opens or continues the case. The browser's key makes
//! every step idempotent.

use super::agent_states;
use super::authz::Actor;
use super::cases;
use super::error::ServiceError;
use super::field_ops;
use super::offers;
use super::procedures;
use super::queue;
use super::typifications;
use super::users::refs_by_id;
use crate::db::{
    self,
    entities::{base_records, interactions, procedure_versions},
};
use app::api::auth::UserRef;
use app::api::guide::{
    CloseResult, DraftSaved, GuideStart, InteractionDraft, InteractionView, RepeatContact,
    StartInteraction,
};
use app::domain::bases::AttemptResult;
use app::domain::cases::{CaseState, InteractionStatus};
use app::domain::local_time::parse_local_input;
use app::domain::procedure::{Answers, CallContext, Procedure, Recorded, walk};
use app::domain::role::Capability;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::Expr,
};
use std::collections::{BTreeMap, HashMap};

/// Limits that keep one interaction's row reasonable.
const MAX_ANSWER_CHARS: usize = 20_000;
const MAX_ANSWERS: usize = 400;

fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn check_key(key: &str) -> Result<(), ServiceError> {
    if valid_key(key) {
        Ok(())
    } else {
        Err(ServiceError::invalid(
            "key",
            "El identificador de la interacción no es válido.",
        ))
    }
}

fn not_found() -> ServiceError {
    ServiceError::NotFound("La interacción no existe.".into())
}

pub async fn to_view(
    db: &impl ConnectionTrait,
    model: interactions::Model,
    people: &HashMap<i64, UserRef>,
) -> Result<InteractionView, ServiceError> {
    let agent = match people.get(&model.agent_id) {
        Some(agent) => agent.clone(),
        None => refs_by_id(db, [model.agent_id])
            .await?
            .remove(&model.agent_id)
            .unwrap_or(UserRef {
                id: model.agent_id,
                login: String::new(),
                name: String::new(),
            }),
    };
    let version_number = procedure_versions::Entity::find_by_id(model.procedure_version_id)
        .select_only()
        .column(procedure_versions::Column::Number)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .unwrap_or_default();
    Ok(InteractionView {
        id: model.id,
        key: model.key,
        record_id: model.record_id,
        case_id: model.case_id,
        version_id: model.procedure_version_id,
        version_number: version_number.max(0) as u32,
        status: model.status.parse().unwrap_or(InteractionStatus::EnCurso),
        agent,
        started_at: model.started_at,
        closed_at: model.closed_at,
        draft: InteractionDraft {
            revision: model.revision,
            current_step: model.current_step,
            answers: serde_json::from_str(&model.answers).unwrap_or_default(),
            path: serde_json::from_str(&model.path).unwrap_or_default(),
            step_seconds: serde_json::from_str(&model.step_seconds).unwrap_or_default(),
            hold_seconds: model.hold_seconds.max(0) as u32,
        },
        requirement: model.requirement,
        typification: model.typification,
        spc: model.spc,
        cun: model.cun,
        case_state: model.case_state.and_then(|s| s.parse().ok()),
        callback_at: model.callback_at,
        notes: model.notes,
        strategic_notes: model.strategic_notes,
    })
}

async fn view_one(
    db: &impl ConnectionTrait,
    model: interactions::Model,
) -> Result<InteractionView, ServiceError> {
    to_view(db, model, &HashMap::new()).await
}

/// The record, if the agent holds it now.
async fn held_record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    record_id: i64,
    now: DateTime<Utc>,
) -> Result<base_records::Model, ServiceError> {
    let record = queue::find(db, record_id).await?;
    let holds = record.lease_agent_id == Some(actor.id)
        && record.lease_expires_at.is_some_and(|until| until > now);
    if holds {
        return Ok(record);
    }
    let supervisor = actor.reports_to_id.ok_or(ServiceError::Forbidden)?;
    if !super::bases::team_works_base(db, supervisor, record.base_id).await? {
        return Err(ServiceError::Forbidden);
    }
    Err(ServiceError::Conflict(
        "Este cliente no está reservado para usted: ábralo desde Mi cola o el marcador.".into(),
    ))
}

async fn by_key(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<interactions::Model>, ServiceError> {
    Ok(interactions::Entity::find()
        .filter(interactions::Column::Key.eq(key))
        .one(db)
        .await?)
}

/// The agent's own interaction by key; another agent's is "not found".
async fn own(
    db: &impl ConnectionTrait,
    actor: &Actor,
    key: &str,
) -> Result<interactions::Model, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    check_key(key)?;
    match by_key(db, key).await? {
        Some(model) if model.agent_id == actor.id => Ok(model),
        _ => Err(not_found()),
    }
}

/// Starts the guide for the record the agent holds, or resumes the call in
/// progress on it (whatever key the browser sends then). The interaction
/// follows the procedure published at its start, for good.
pub async fn start(
    db: &DatabaseConnection,
    actor: &Actor,
    request: StartInteraction,
    now: DateTime<Utc>,
) -> Result<GuideStart, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    check_key(&request.key)?;
    let txn = db::begin_write(db).await?;
    let record = held_record(&txn, actor, request.record_id, now).await?;
    let running = interactions::Entity::find()
        .filter(interactions::Column::AgentId.eq(actor.id))
        .filter(interactions::Column::RecordId.eq(record.id))
        .filter(interactions::Column::Status.eq(InteractionStatus::EnCurso.code()))
        .order_by_desc(interactions::Column::Id)
        .one(&txn)
        .await?;
    let model = match running {
        Some(model) => model,
        None => {
            if let Some(other) = by_key(&txn, &request.key).await? {
                // A key already used for another record or agent.
                if other.agent_id != actor.id || other.record_id != record.id {
                    return Err(ServiceError::Conflict(
                        "Ese identificador de interacción ya se usó.".into(),
                    ));
                }
                other
            } else {
                let (version, procedure) = procedures::published(&txn).await?;
                let base = super::bases::find(&txn, record.base_id).await?;
                let case = cases::open_case_of_record(&txn, record.id).await?;
                let first = procedure
                    .first_step()
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
                let inserted = interactions::Entity::insert(interactions::ActiveModel {
                    id: NotSet,
                    key: Set(request.key.clone()),
                    agent_id: Set(actor.id),
                    record_id: Set(record.id),
                    case_id: Set(case.map(|c| c.id)),
                    procedure_version_id: Set(version.id),
                    cuenta: Set(record.cuenta.clone()),
                    tipo_base: Set(base.kind.clone()),
                    segmento: Set(record.segmento.clone()),
                    status: Set(InteractionStatus::EnCurso.code().into()),
                    current_step: Set(first.clone()),
                    answers: Set("{}".into()),
                    path: Set(serde_json::to_string(&[first]).unwrap_or_default()),
                    step_seconds: Set("{}".into()),
                    hold_seconds: Set(0),
                    revision: Set(0),
                    requirement: Set(None),
                    typification: Set(None),
                    spc: Set(None),
                    cun: Set(None),
                    case_state: Set(None),
                    callback_at: Set(None),
                    notes: Set(None),
                    strategic_notes: Set(None),
                    started_at: Set(now),
                    updated_at: Set(now),
                    closed_at: Set(None),
                })
                .exec_with_returning(&txn)
                .await?;
                if offers::calls::uses_offers(&procedure) {
                    offers::calls::snapshot_at_start(&txn, inserted.id, &record, &base.kind, now)
                        .await?;
                }
                inserted
            }
        }
    };
    agent_states::on_call(&txn, actor.id, Some(record.id), now).await?;
    txn.commit().await?;

    let version = procedures::find(db, model.procedure_version_id).await?;
    let procedure = procedures::body_of(&version)?;
    let case = match model.case_id {
        Some(id) => Some(cases::build_view(db, cases::find(db, id).await?).await?),
        None => None,
    };
    let offers = if offers::calls::uses_offers(&procedure) {
        Some(offers::calls::context_for(db, &record, &model.tipo_base, now).await?)
    } else {
        None
    };
    Ok(GuideStart {
        interaction: view_one(db, model).await?,
        procedure,
        typifications: typifications::active(db).await?,
        case,
        offers,
        field: field_ops::calls::field_context(db, &record, now).await?,
    })
}

fn check_draft(draft: &InteractionDraft) -> Result<(), ServiceError> {
    if draft.answers.len() > MAX_ANSWERS
        || draft
            .answers
            .iter()
            .any(|(k, v)| k.len() > 60 || v.chars().count() > MAX_ANSWER_CHARS)
    {
        return Err(ServiceError::invalid(
            "answers",
            "Las respuestas son demasiado largas.",
        ));
    }
    if draft.path.len() > 200 || draft.current_step.len() > 60 {
        return Err(ServiceError::invalid("path", "El recorrido no es válido."));
    }
    Ok(())
}

/// Autosave: stores the draft when it is newer than the stored one. Saving
/// the same or an older revision again changes nothing and answers the
/// stored revision.
pub async fn save_draft(
    db: &DatabaseConnection,
    actor: &Actor,
    key: &str,
    draft: InteractionDraft,
    now: DateTime<Utc>,
) -> Result<DraftSaved, ServiceError> {
    check_draft(&draft)?;
    let model = own(db, actor, key).await?;
    if model.status != InteractionStatus::EnCurso.code() {
        return Err(ServiceError::Conflict(
            "Esta interacción ya terminó; sus cambios no se guardan.".into(),
        ));
    }
    let procedure = procedures::body_of(&procedures::find(db, model.procedure_version_id).await?)?;
    if procedure.step(&draft.current_step).is_none() {
        return Err(ServiceError::invalid(
            "current_step",
            "El paso no existe en el procedimiento de esta llamada.",
        ));
    }
    let step_title = procedure
        .step(&draft.current_step)
        .map(|s| format!("{}. {}", s.number, s.title))
        .unwrap_or_default();
    let txn = db::begin_write(db).await?;
    let result = interactions::Entity::update_many()
        .col_expr(
            interactions::Column::CurrentStep,
            Expr::value(draft.current_step.clone()),
        )
        .col_expr(
            interactions::Column::Answers,
            Expr::value(json(&draft.answers)),
        )
        .col_expr(interactions::Column::Path, Expr::value(json(&draft.path)))
        .col_expr(
            interactions::Column::StepSeconds,
            Expr::value(json(&draft.step_seconds)),
        )
        .col_expr(
            interactions::Column::HoldSeconds,
            Expr::value(draft.hold_seconds.min(i32::MAX as u32) as i32),
        )
        .col_expr(interactions::Column::Revision, Expr::value(draft.revision))
        .col_expr(interactions::Column::UpdatedAt, Expr::value(now))
        .filter(interactions::Column::Id.eq(model.id))
        .filter(interactions::Column::Status.eq(InteractionStatus::EnCurso.code()))
        .filter(interactions::Column::Revision.lt(draft.revision))
        .exec(&txn)
        .await?;
    if result.rows_affected > 0 {
        agent_states::set_step(&txn, actor.id, &step_title, now).await?;
    }
    txn.commit().await?;
    let stored = if result.rows_affected > 0 {
        draft.revision
    } else {
        own(db, actor, key).await?.revision
    };
    Ok(DraftSaved { revision: stored })
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// What the answers put in the interaction's columns.
struct Closing {
    path: Vec<String>,
    requirement: Option<String>,
    typification: String,
    spc: bool,
    cun: Option<String>,
    state: CaseState,
    callback_at: Option<DateTime<Utc>>,
    notes: Option<String>,
    strategic: Option<String>,
}

fn closing_of(
    procedure: &Procedure,
    context: &CallContext,
    answers: &Answers,
    catalog: &std::collections::BTreeSet<String>,
    now: DateTime<Utc>,
) -> Result<Closing, ServiceError> {
    let walked = walk(procedure, context, answers);
    if !walked.complete {
        return Err(ServiceError::Validation(
            walked
                .problems
                .into_iter()
                .map(|p| ("answers".to_string(), p))
                .collect(),
        ));
    }
    // Answers of steps the path did not take are not part of the call.
    let get = |what: Recorded| -> Option<String> {
        let field = procedure.recorded_field(what)?;
        let on_path = walked.path.iter().any(|step| {
            procedure
                .step(step)
                .is_some_and(|s| s.fields.iter().any(|f| f.id == field.id))
        });
        if on_path && field.visible(context, answers) {
            procedure.recorded(what, answers)
        } else {
            None
        }
    };
    let typification = get(Recorded::Typification).unwrap_or_default();
    if !catalog.contains(&typification) {
        return Err(ServiceError::invalid(
            "tipificacion",
            format!("La tipificación «{typification}» no está en el catálogo activo."),
        ));
    }
    let state: CaseState = get(Recorded::CaseState)
        .unwrap_or_default()
        .parse()
        .map_err(|_| ServiceError::invalid("estado_caso", "Elija el estado del caso."))?;
    let callback_at = match get(Recorded::Callback) {
        Some(value) => Some(parse_local_input(&value).ok_or_else(|| {
            ServiceError::invalid("devolucion", "La fecha de la devolución no es válida.")
        })?),
        None => None,
    };
    if state.is_open() {
        match callback_at {
            None => {
                return Err(ServiceError::invalid(
                    "devolucion",
                    "Un caso en seguimiento necesita la fecha de la devolución de llamada.",
                ));
            }
            Some(at) if at <= now => {
                return Err(ServiceError::invalid(
                    "devolucion",
                    "La devolución de llamada debe quedar en el futuro.",
                ));
            }
            Some(_) => {}
        }
    }
    let notes = get(Recorded::Notes);
    let strategic = get(Recorded::StrategicNotes);
    let requirement = get(Recorded::Requirement);
    let spc = get(Recorded::Spc).as_deref() == Some("SI");
    let cun = get(Recorded::Cun).map(|c| c.to_uppercase());
    Ok(Closing {
        path: walked.path,
        requirement,
        typification,
        spc,
        cun,
        state,
        callback_at: if state.is_open() { callback_at } else { None },
        notes,
        strategic,
    })
}

/// Closes the call: every answer the path needs is given and valid, the
/// typification is in the catalog, a follow-up has its callback. Stores the
/// interaction, opens or continues the case, records the contact attempt
/// (which schedules the callback in the queue) and frees the agent. Closing
/// again answers the stored result.
pub async fn close(
    db: &DatabaseConnection,
    actor: &Actor,
    key: &str,
    draft: InteractionDraft,
    now: DateTime<Utc>,
) -> Result<CloseResult, ServiceError> {
    check_draft(&draft)?;
    let model = own(db, actor, key).await?;
    if model.status == InteractionStatus::Cerrada.code() {
        return closed_result(db, model).await;
    }
    if model.status != InteractionStatus::EnCurso.code() {
        return Err(ServiceError::Conflict(
            "Esta interacción se descartó y no puede cerrarse.".into(),
        ));
    }
    let procedure = procedures::body_of(&procedures::find(db, model.procedure_version_id).await?)?;
    let context = CallContext {
        tipo_base: model.tipo_base.clone(),
        segmento: model.segmento.clone(),
    };
    let catalog = typifications::active_codes(db).await?;
    let closing = closing_of(&procedure, &context, &draft.answers, &catalog, now)?;

    let txn = db::begin_write(db).await?;
    // Re-read under the write lock: a concurrent retry may have closed it.
    let current = by_key(&txn, key).await?.ok_or_else(not_found)?;
    if current.status == InteractionStatus::Cerrada.code() {
        drop(txn);
        return closed_result(db, current).await;
    }
    let mut step_seconds: BTreeMap<String, u32> = draft.step_seconds.clone();
    step_seconds.retain(|step, _| procedure.step(step).is_some());
    interactions::Entity::update_many()
        .col_expr(
            interactions::Column::Status,
            Expr::value(InteractionStatus::Cerrada.code()),
        )
        .col_expr(
            interactions::Column::CurrentStep,
            Expr::value(closing.path.last().cloned().unwrap_or_default()),
        )
        .col_expr(
            interactions::Column::Answers,
            Expr::value(json(&draft.answers)),
        )
        .col_expr(interactions::Column::Path, Expr::value(json(&closing.path)))
        .col_expr(
            interactions::Column::StepSeconds,
            Expr::value(json(&step_seconds)),
        )
        .col_expr(
            interactions::Column::HoldSeconds,
            Expr::value(draft.hold_seconds.min(i32::MAX as u32) as i32),
        )
        .col_expr(
            interactions::Column::Revision,
            Expr::value(draft.revision.max(current.revision)),
        )
        .col_expr(
            interactions::Column::Requirement,
            Expr::value(closing.requirement.clone()),
        )
        .col_expr(
            interactions::Column::Typification,
            Expr::value(Some(closing.typification.clone())),
        )
        .col_expr(interactions::Column::Spc, Expr::value(Some(closing.spc)))
        .col_expr(interactions::Column::Cun, Expr::value(closing.cun.clone()))
        .col_expr(
            interactions::Column::CaseState,
            Expr::value(Some(closing.state.code())),
        )
        .col_expr(
            interactions::Column::CallbackAt,
            Expr::value(closing.callback_at),
        )
        .col_expr(
            interactions::Column::Notes,
            Expr::value(closing.notes.clone()),
        )
        .col_expr(
            interactions::Column::StrategicNotes,
            Expr::value(closing.strategic.clone()),
        )
        .col_expr(interactions::Column::UpdatedAt, Expr::value(now))
        .col_expr(interactions::Column::ClosedAt, Expr::value(Some(now)))
        .filter(interactions::Column::Id.eq(current.id))
        .exec(&txn)
        .await?;
    // The interaction as FCR counts it (same transaction).
    super::kpis::facts::record_interaction(
        &txn,
        super::kpis::facts::InteractionFact {
            source_key: format!("faro:{}", current.id),
            at: now,
            cuenta: current.cuenta.clone(),
            agent_login: actor.login.clone(),
            tipo_base: current.tipo_base.clone(),
            segmento: current.segmento.clone(),
            typification: closing.typification.clone(),
            spc: closing.spc,
            cun: closing.cun.clone(),
        },
    )
    .await?;
    // The outages the customer called under (before the case is touched:
    // the lock order of a notice's closing).
    field_ops::calls::link_outages(
        &txn,
        &current,
        &procedure,
        &context,
        &draft.answers,
        &closing.path,
        now,
    )
    .await?;
    // What was offered and retained, for the retention indicators.
    offers::calls::record_close(
        &txn,
        &current,
        &actor.login,
        &procedure,
        &context,
        &draft.answers,
        &closing.path,
        now,
    )
    .await?;
    let case_id = cases::follow_interaction(
        &txn,
        &current,
        closing.state,
        closing.callback_at,
        &closing.typification,
        now,
    )
    .await?;
    // The visit kept on the case and the back office's escalations.
    field_ops::calls::record_close(
        &txn,
        &current,
        &procedure,
        &context,
        &draft.answers,
        &closing.path,
        case_id,
        now,
    )
    .await?;
    if case_id.is_some() && current.case_id.is_none() {
        interactions::Entity::update_many()
            .col_expr(interactions::Column::CaseId, Expr::value(case_id))
            .filter(interactions::Column::Id.eq(current.id))
            .exec(&txn)
            .await?;
    }

    // The contact itself, once: it counts for contactabilidad and puts a
    // follow-up's callback in the agent's queue.
    let attempt_id = format!("guia-{key}");
    if !queue::already_recorded(&txn, queue::SOURCE_AGENT, &attempt_id).await? {
        let record = base_records::Entity::find_by_id(current.record_id)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound("El registro no existe.".into()))?;
        let held_by_other = record.lease_agent_id.is_some_and(|a| a != actor.id)
            && record.lease_expires_at.is_some_and(|until| until > now);
        if !held_by_other {
            queue::apply_attempt(
                &txn,
                &record,
                actor.id,
                AttemptResult::Contactado,
                closing.callback_at,
                closing.notes.clone(),
                queue::SOURCE_AGENT,
                &attempt_id,
                now,
            )
            .await?;
        }
    }
    agent_states::available(&txn, actor.id, now).await?;
    txn.commit().await?;
    let stored = by_key(db, key).await?.ok_or_else(not_found)?;
    closed_result(db, stored).await
}

async fn closed_result(
    db: &impl ConnectionTrait,
    model: interactions::Model,
) -> Result<CloseResult, ServiceError> {
    let case = match model.case_id {
        Some(id) => Some(
            cases::summaries(db, vec![cases::find(db, id).await?])
                .await?
                .remove(0),
        ),
        None => None,
    };
    Ok(CloseResult {
        interaction: view_one(db, model).await?,
        case,
    })
}

/// The customer hung up before the end: the interaction is kept as
/// discarded (its answers stay for the record) and the agent records the
/// attempt's result as usual.
pub async fn abandon(
    db: &DatabaseConnection,
    actor: &Actor,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let model = own(db, actor, key).await?;
    if model.status == InteractionStatus::Cerrada.code() {
        return Err(ServiceError::Conflict(
            "La interacción ya está cerrada.".into(),
        ));
    }
    let txn = db::begin_write(db).await?;
    let discarded = interactions::Entity::update_many()
        .col_expr(
            interactions::Column::Status,
            Expr::value(InteractionStatus::Descartada.code()),
        )
        .col_expr(interactions::Column::UpdatedAt, Expr::value(now))
        .col_expr(interactions::Column::ClosedAt, Expr::value(Some(now)))
        .filter(interactions::Column::Id.eq(model.id))
        .filter(interactions::Column::Status.eq(InteractionStatus::EnCurso.code()))
        .exec(&txn)
        .await?
        .rows_affected;
    if discarded == 1 {
        field_ops::calls::on_discard(&txn, model.id, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Discards the agent's running interaction on a record when an attempt
/// without the guide ends the call (no contact, wrong number …).
pub async fn discard_running(
    txn: &impl ConnectionTrait,
    agent: i64,
    record: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let running = interactions::Entity::find()
        .filter(interactions::Column::AgentId.eq(agent))
        .filter(interactions::Column::RecordId.eq(record))
        .filter(interactions::Column::Status.eq(InteractionStatus::EnCurso.code()))
        .all(txn)
        .await?;
    for interaction in &running {
        field_ops::calls::on_discard(txn, interaction.id, now).await?;
    }
    interactions::Entity::update_many()
        .col_expr(
            interactions::Column::Status,
            Expr::value(InteractionStatus::Descartada.code()),
        )
        .col_expr(interactions::Column::UpdatedAt, Expr::value(now))
        .col_expr(interactions::Column::ClosedAt, Expr::value(Some(now)))
        .filter(interactions::Column::AgentId.eq(agent))
        .filter(interactions::Column::RecordId.eq(record))
        .filter(interactions::Column::Status.eq(InteractionStatus::EnCurso.code()))
        .exec(txn)
        .await?;
    Ok(())
}

/// Earlier closed contacts of this customer that gave the same value to a
/// field (falla masiva: "already called for this incident").
pub async fn repeats(
    db: &DatabaseConnection,
    actor: &Actor,
    record_id: i64,
    field: &str,
    value: &str,
    now: DateTime<Utc>,
) -> Result<Vec<RepeatContact>, ServiceError> {
    actor.require(Capability::WorkOwnQueue)?;
    let record = held_record(db, actor, record_id, now).await?;
    let value = value.trim().to_uppercase();
    if field.is_empty() || value.is_empty() || field.len() > 60 || value.len() > 60 {
        return Ok(Vec::new());
    }
    // Answers are stored as a JSON object with sorted keys: the pair appears
    // verbatim, so a LIKE over this customer's interactions finds it.
    let needle = format!("%{}:{}%", json(&field), json(&value));
    let found = interactions::Entity::find()
        .filter(interactions::Column::Cuenta.eq(record.cuenta.clone()))
        .filter(interactions::Column::Status.eq(InteractionStatus::Cerrada.code()))
        .filter(interactions::Column::Answers.like(needle))
        .order_by_desc(interactions::Column::StartedAt)
        .limit(20)
        .all(db)
        .await?;
    let people = refs_by_id(db, found.iter().map(|i| i.agent_id)).await?;
    Ok(found
        .into_iter()
        .map(|i| RepeatContact {
            interaction_id: i.id,
            at: i.started_at,
            agent: people.get(&i.agent_id).cloned().unwrap_or(UserRef {
                id: i.agent_id,
                login: String::new(),
                name: String::new(),
            }),
        })
        .collect())
}
