//! Cases (SPEC §7): opened when an interaction is not closed in first
//! contact, continued by later interactions, listed in "Mis casos" and the
//! team's view, reassigned by supervisors. Every change leaves a history
//! entry.

use super::authz::{self, Actor, UserScope};
use super::error::ServiceError;
use super::users::refs_by_id;
use crate::db::{
    self,
    entities::{base_records, bases, case_events, cases, interactions, users},
};
use app::api::auth::UserRef;
use app::api::guide::{CaseEventView, CaseSummary, CaseView, InteractionView};
use app::domain::bases::{BaseKind, Segment};
use app::domain::cases::{CaseEventKind, CaseState};
use app::domain::local_time::format_date_time;
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, NullOrdering, Order},
};
use std::collections::HashMap;

/// The most cases a list returns (the oldest callbacks first).
const LIST_LIMIT: u64 = 500;

fn unknown_user(id: i64) -> UserRef {
    UserRef {
        id,
        login: String::new(),
        name: "(usuario retirado)".into(),
    }
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<cases::Model, ServiceError> {
    cases::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El caso no existe.".into()))
}

/// The open case of a record, if any (a record has at most one).
pub async fn open_case_of_record(
    db: &impl ConnectionTrait,
    record_id: i64,
) -> Result<Option<cases::Model>, ServiceError> {
    Ok(cases::Entity::find()
        .filter(cases::Column::RecordId.eq(record_id))
        .filter(cases::Column::State.ne(CaseState::Cerrado.code()))
        .order_by_desc(cases::Column::Id)
        .one(db)
        .await?)
}

pub async fn add_event(
    db: &impl ConnectionTrait,
    case_id: i64,
    kind: CaseEventKind,
    actor: Option<i64>,
    detail: String,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    case_events::Entity::insert(case_events::ActiveModel {
        id: NotSet,
        case_id: Set(case_id),
        at: Set(now),
        actor_id: Set(actor),
        kind: Set(kind.code().into()),
        detail: Set(detail),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// What a closed interaction means for its case: continue the case it
/// belongs to, or open one when it was not solved in first contact.
pub async fn follow_interaction(
    txn: &impl ConnectionTrait,
    interaction: &interactions::Model,
    state: CaseState,
    callback_at: Option<DateTime<Utc>>,
    typification: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ServiceError> {
    let callback_text = callback_at
        .map(|at| format!(" Devolución: {}.", format_date_time(at)))
        .unwrap_or_default();
    let detail = format!(
        "Interacción {} tipificada {typification}; estado {}.{callback_text}",
        interaction.id,
        state.label()
    );
    let existing = match interaction.case_id {
        Some(id) => Some(find(txn, id).await?),
        None => open_case_of_record(txn, interaction.record_id).await?,
    };
    match existing {
        Some(case) => {
            cases::Entity::update_many()
                .col_expr(cases::Column::State, Expr::value(state.code()))
                .col_expr(cases::Column::CallbackAt, Expr::value(callback_at))
                .col_expr(
                    cases::Column::LastInteractionId,
                    Expr::value(interaction.id),
                )
                .col_expr(cases::Column::Typification, Expr::value(Some(typification)))
                .col_expr(cases::Column::OwnerId, Expr::value(interaction.agent_id))
                .col_expr(cases::Column::UpdatedAt, Expr::value(now))
                .col_expr(
                    cases::Column::ClosedAt,
                    Expr::value((!state.is_open()).then_some(now)),
                )
                .filter(cases::Column::Id.eq(case.id))
                .exec(txn)
                .await?;
            let kind = if state.is_open() {
                CaseEventKind::Gestion
            } else {
                CaseEventKind::Cerrado
            };
            add_event(txn, case.id, kind, Some(interaction.agent_id), detail, now).await?;
            Ok(Some(case.id))
        }
        None if state.is_open() => {
            let case = cases::Entity::insert(cases::ActiveModel {
                id: NotSet,
                record_id: Set(interaction.record_id),
                cuenta: Set(interaction.cuenta.clone()),
                tipo_base: Set(interaction.tipo_base.clone()),
                segmento: Set(interaction.segmento.clone()),
                state: Set(state.code().into()),
                owner_id: Set(interaction.agent_id),
                opened_by: Set(interaction.id),
                last_interaction_id: Set(interaction.id),
                typification: Set(Some(typification.to_string())),
                callback_at: Set(callback_at),
                created_at: Set(now),
                updated_at: Set(now),
                closed_at: Set(None),
            })
            .exec_with_returning(txn)
            .await?;
            add_event(
                txn,
                case.id,
                CaseEventKind::Abierto,
                Some(interaction.agent_id),
                detail,
                now,
            )
            .await?;
            Ok(Some(case.id))
        }
        None => Ok(None),
    }
}

/// Who may read a case: its owner, or a leader whose scope covers the owner.
async fn ensure_may_read(
    db: &impl ConnectionTrait,
    actor: &Actor,
    case: &cases::Model,
) -> Result<(), ServiceError> {
    if case.owner_id == actor.id {
        return Ok(());
    }
    actor.require_any(&[Capability::ViewTeam, Capability::Configure])?;
    authz::ensure_user_in_scope(db, actor, case.owner_id).await
}

pub async fn summaries(
    db: &impl ConnectionTrait,
    rows: Vec<cases::Model>,
) -> Result<Vec<CaseSummary>, ServiceError> {
    let record_ids: Vec<i64> = rows.iter().map(|c| c.record_id).collect();
    let records: HashMap<i64, base_records::Model> = if record_ids.is_empty() {
        HashMap::new()
    } else {
        base_records::Entity::find()
            .filter(base_records::Column::Id.is_in(record_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect()
    };
    let base_ids: Vec<i64> = records.values().map(|r| r.base_id).collect();
    let base_names: HashMap<i64, String> = if base_ids.is_empty() {
        HashMap::new()
    } else {
        bases::Entity::find()
            .filter(bases::Column::Id.is_in(base_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|b| (b.id, b.name))
            .collect()
    };
    let owners = refs_by_id(db, rows.iter().map(|c| c.owner_id)).await?;
    Ok(rows
        .into_iter()
        .map(|case| {
            let record = records.get(&case.record_id);
            let base_id = record.map(|r| r.base_id).unwrap_or_default();
            CaseSummary {
                id: case.id,
                record_id: case.record_id,
                cuenta: case.cuenta.clone(),
                nombre: record.map(|r| r.nombre.clone()).unwrap_or_default(),
                base_id,
                base_name: base_names.get(&base_id).cloned().unwrap_or_default(),
                tipo_base: case.tipo_base.parse().unwrap_or(BaseKind::Fidelizacion),
                segmento: case.segmento.parse().unwrap_or(Segment::Hogar),
                state: case.state.parse().unwrap_or(CaseState::Soporte),
                owner: owners
                    .get(&case.owner_id)
                    .cloned()
                    .unwrap_or_else(|| unknown_user(case.owner_id)),
                typification: case.typification.clone(),
                callback_at: case.callback_at,
                created_at: case.created_at,
                updated_at: case.updated_at,
            }
        })
        .collect())
}

/// An agent's own cases; a leader's team's (their scope); open ones by
/// default, soonest callback first.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    open_only: bool,
) -> Result<Vec<CaseSummary>, ServiceError> {
    actor.require_any(&[Capability::WorkOwnQueue, Capability::ViewTeam])?;
    let mut query = cases::Entity::find();
    if actor.role == Role::Asesor {
        query = query.filter(cases::Column::OwnerId.eq(actor.id));
    } else if let UserScope::Only(ids) = authz::user_scope(db, actor).await? {
        query = query.filter(cases::Column::OwnerId.is_in(ids));
    }
    if open_only {
        query = query.filter(cases::Column::State.ne(CaseState::Cerrado.code()));
    }
    let rows = query
        .order_by_with_nulls(cases::Column::CallbackAt, Order::Asc, NullOrdering::Last)
        .order_by_asc(cases::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    summaries(db, rows).await
}

/// A case whole, with its history and interactions.
pub async fn view(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<CaseView, ServiceError> {
    let case = find(db, id).await?;
    ensure_may_read(db, actor, &case).await?;
    build_view(db, case).await
}

pub async fn build_view(
    db: &impl ConnectionTrait,
    case: cases::Model,
) -> Result<CaseView, ServiceError> {
    let case_id = case.id;
    let events = case_events::Entity::find()
        .filter(case_events::Column::CaseId.eq(case.id))
        .order_by_desc(case_events::Column::At)
        .order_by_desc(case_events::Column::Id)
        .all(db)
        .await?;
    let linked = interactions::Entity::find()
        .filter(
            Condition::any()
                .add(interactions::Column::CaseId.eq(case.id))
                .add(interactions::Column::Id.eq(case.opened_by)),
        )
        .filter(interactions::Column::Status.eq("CERRADA"))
        .order_by_desc(interactions::Column::StartedAt)
        .all(db)
        .await?;
    let actors = refs_by_id(
        db,
        events
            .iter()
            .filter_map(|e| e.actor_id)
            .chain(linked.iter().map(|i| i.agent_id)),
    )
    .await?;
    let mut interactions_out: Vec<InteractionView> = Vec::with_capacity(linked.len());
    for model in linked {
        interactions_out.push(super::interactions::to_view(db, model, &actors).await?);
    }
    Ok(CaseView {
        summary: summaries(db, vec![case]).await?.remove(0),
        events: events
            .into_iter()
            .map(|e| CaseEventView {
                at: e.at,
                kind: e.kind.parse().unwrap_or(CaseEventKind::Gestion),
                actor: e
                    .actor_id
                    .map(|id| actors.get(&id).cloned().unwrap_or_else(|| unknown_user(id))),
                detail: e.detail,
            })
            .collect(),
        visits: super::field_ops::visits::of_case(db, case_id).await?,
        escalations: super::field_ops::escalations::of_case(db, case_id).await?,
        interactions: interactions_out,
    })
}

/// Gives a case (and the customer's callback) to another agent of the
/// same team.
pub async fn reassign(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    owner_login: &str,
    now: DateTime<Utc>,
) -> Result<CaseSummary, ServiceError> {
    actor.require(Capability::ManageBases)?;
    let txn = db::begin_write(db).await?;
    let case = find(&txn, id).await?;
    authz::ensure_user_in_scope(&txn, actor, case.owner_id).await?;
    let owner = users::Entity::find()
        .filter(users::Column::Login.eq(owner_login.trim().to_lowercase()))
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::invalid("owner", "Ese asesor no existe."))?;
    let record = super::queue::find(&txn, case.record_id).await?;
    let same_team = owner.role == Role::Asesor.code()
        && owner.active
        && match owner.reports_to_id {
            Some(supervisor) => {
                super::bases::team_works_base(&txn, supervisor, record.base_id).await?
            }
            None => false,
        };
    if !same_team || !authz::user_scope(&txn, actor).await?.contains(owner.id) {
        return Err(ServiceError::invalid(
            "owner",
            "Elija un asesor activo de un equipo que trabaje la base de este cliente.",
        ));
    }
    if !case
        .state
        .parse::<CaseState>()
        .is_ok_and(CaseState::is_open)
    {
        return Err(ServiceError::Conflict("El caso ya está cerrado.".into()));
    }
    if owner.id != case.owner_id {
        cases::Entity::update_many()
            .col_expr(cases::Column::OwnerId, Expr::value(owner.id))
            .col_expr(cases::Column::UpdatedAt, Expr::value(now))
            .filter(cases::Column::Id.eq(case.id))
            .exec(&txn)
            .await?;
        // The callback promised to the customer goes with the case.
        base_records::Entity::update_many()
            .col_expr(
                base_records::Column::OwnerAgentId,
                Expr::value(Some(owner.id)),
            )
            .col_expr(base_records::Column::UpdatedAt, Expr::value(now))
            .filter(base_records::Column::Id.eq(case.record_id))
            .filter(base_records::Column::OwnerAgentId.eq(case.owner_id))
            .exec(&txn)
            .await?;
        let previous = refs_by_id(&txn, [case.owner_id]).await?;
        let from = previous
            .get(&case.owner_id)
            .map(|u| u.name.clone())
            .unwrap_or_default();
        add_event(
            &txn,
            case.id,
            CaseEventKind::Reasignado,
            Some(actor.id),
            format!("De {from} a {}.", owner.name),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(summaries(db, vec![find(db, id).await?]).await?.remove(0))
}
