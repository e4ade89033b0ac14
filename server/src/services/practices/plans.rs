//! The action plans agreed in barómetro meetings, followed up until each
//! is closed: by the leader who agreed them, by their owner, and by the
//! leaders above (coordinador, gerente).

use crate::db::entities::{barometer_follow_ups, barometer_plans, practice_records};
use crate::services::ServiceError;
use crate::services::authz::{Actor, UserScope, user_scope};
use crate::services::users::refs_by_id;
use app::api::auth::UserRef;
use app::api::practices::{FollowUpDraft, FollowUpView, PlanView};
use app::domain::local_time::local_date;
use app::domain::practices::barometer::{ActionPlanDraft, PlanStatus, overdue};
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, Condition,
    ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

const MAX_NOTE: usize = 2_000;
const MAX_CLIENT_ID: usize = 80;
const LIST_LIMIT: u64 = 500;

/// Stores the plans of a barómetro record, in its transaction.
pub(super) async fn insert(
    txn: &impl ConnectionTrait,
    record: &practice_records::Model,
    plans: &[ActionPlanDraft],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    for plan in plans {
        barometer_plans::ActiveModel {
            id: NotSet,
            record_id: Set(record.id),
            leader_id: Set(record.leader_id),
            owner_id: Set(plan.owner_id),
            question: Set(plan.question.trim().to_string()),
            action: Set(plan.action.trim().to_string()),
            due_date: Set(plan.due),
            status: Set(PlanStatus::Abierta.code().to_string()),
            closed_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Who follows plans: leaders, within their scope, and agents, who may own
/// a plan of their supervisor's barómetro.
fn may_follow(actor: &Actor) -> Result<(), ServiceError> {
    if actor.role == Role::Asesor {
        return Ok(());
    }
    actor.require(Capability::RunPractices)
}

/// The plans the actor follows, open ones first and by due date: a
/// leader's scope and the plans they own; an agent's own plans.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<PlanView>, ServiceError> {
    may_follow(actor)?;
    let mut query = barometer_plans::Entity::find();
    if !actor.role.can(Capability::RunPractices) {
        query = query.filter(barometer_plans::Column::OwnerId.eq(actor.id));
    } else if let UserScope::Only(ids) = user_scope(db, actor).await? {
        query = query.filter(
            Condition::any()
                .add(barometer_plans::Column::LeaderId.is_in(ids))
                .add(barometer_plans::Column::OwnerId.eq(actor.id)),
        );
    }
    let rows = query
        .order_by_asc(barometer_plans::Column::Status)
        .order_by_asc(barometer_plans::Column::DueDate)
        .order_by_asc(barometer_plans::Column::Id)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    views(db, rows, now).await
}

/// Adds a follow-up to a plan, possibly closing it. A resent follow-up
/// (same `client_id`) answers the plan as it stands.
pub async fn follow_up(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    draft: FollowUpDraft,
    now: DateTime<Utc>,
) -> Result<PlanView, ServiceError> {
    may_follow(actor)?;
    let client_id = draft.client_id.trim().to_string();
    let note = draft.note.trim().to_string();
    let mut problems: Vec<(String, String)> = Vec::new();
    if client_id.is_empty() || client_id.len() > MAX_CLIENT_ID {
        problems.push((
            "client_id".into(),
            "Falta el identificador del seguimiento.".into(),
        ));
    }
    if note.is_empty() {
        problems.push((
            "note".into(),
            if draft.close {
                "Escriba el resultado con el que se cierra el plan."
            } else {
                "Escriba el avance del plan."
            }
            .into(),
        ));
    } else if note.chars().count() > MAX_NOTE {
        problems.push((
            "note".into(),
            format!("El seguimiento admite hasta {MAX_NOTE} caracteres."),
        ));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    let txn = crate::db::begin_write(db).await?;
    let plan = barometer_plans::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let in_scope = actor.role.can(Capability::RunPractices)
        && user_scope(&txn, actor).await?.contains(plan.leader_id);
    if !in_scope && plan.owner_id != actor.id {
        return Err(not_found());
    }
    if let Some(existing) = barometer_follow_ups::Entity::find()
        .filter(barometer_follow_ups::Column::ClientId.eq(&client_id))
        .one(&txn)
        .await?
    {
        txn.commit().await?;
        if existing.author_id != actor.id || existing.plan_id != plan.id {
            return Err(ServiceError::Conflict(
                "Ese identificador de seguimiento ya se usó.".into(),
            ));
        }
        return view_one(db, plan, now).await;
    }
    if plan.status == PlanStatus::Cerrada.code() {
        return Err(ServiceError::Conflict(
            "El plan ya está cerrado: no recibe más seguimientos.".into(),
        ));
    }
    barometer_follow_ups::ActiveModel {
        id: NotSet,
        client_id: Set(client_id),
        plan_id: Set(plan.id),
        author_id: Set(actor.id),
        note: Set(note),
        closes: Set(draft.close),
        at: Set(now),
    }
    .insert(&txn)
    .await?;
    let mut active: barometer_plans::ActiveModel = plan.into();
    if draft.close {
        active.status = Set(PlanStatus::Cerrada.code().to_string());
        active.closed_at = Set(Some(now));
    }
    active.updated_at = Set(now);
    let plan = active.update(&txn).await?;
    txn.commit().await?;
    view_one(db, plan, now).await
}

fn not_found() -> ServiceError {
    ServiceError::NotFound("El plan de acción no existe.".into())
}

async fn view_one(
    db: &impl ConnectionTrait,
    plan: barometer_plans::Model,
    now: DateTime<Utc>,
) -> Result<PlanView, ServiceError> {
    views(db, vec![plan], now)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::Internal("plan view".into()))
}

async fn views(
    db: &impl ConnectionTrait,
    plans: Vec<barometer_plans::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<PlanView>, ServiceError> {
    let ids: Vec<i64> = plans.iter().map(|p| p.id).collect();
    let mut follow_ups: HashMap<i64, Vec<barometer_follow_ups::Model>> = HashMap::new();
    if !ids.is_empty() {
        for row in barometer_follow_ups::Entity::find()
            .filter(barometer_follow_ups::Column::PlanId.is_in(ids))
            .order_by_asc(barometer_follow_ups::Column::Id)
            .all(db)
            .await?
        {
            follow_ups.entry(row.plan_id).or_default().push(row);
        }
    }
    let people = refs_by_id(
        db,
        plans
            .iter()
            .flat_map(|p| [p.leader_id, p.owner_id])
            .chain(follow_ups.values().flatten().map(|f| f.author_id)),
    )
    .await?;
    let person = |id: i64| {
        people.get(&id).cloned().unwrap_or(UserRef {
            id,
            login: String::new(),
            name: format!("Usuario {id}"),
        })
    };
    let today = local_date(now);
    Ok(plans
        .into_iter()
        .map(|plan| {
            let status = PlanStatus::from_code(&plan.status).unwrap_or(PlanStatus::Abierta);
            PlanView {
                id: plan.id,
                record_id: plan.record_id,
                leader: person(plan.leader_id),
                owner: person(plan.owner_id),
                question: plan.question,
                action: plan.action,
                due: plan.due_date,
                status,
                overdue: overdue(status, plan.due_date, today),
                closed_at: plan.closed_at,
                follow_ups: follow_ups
                    .remove(&plan.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|f| FollowUpView {
                        at: f.at,
                        author: person(f.author_id),
                        note: f.note,
                        closes: f.closes,
                    })
                    .collect(),
            }
        })
        .collect())
}
