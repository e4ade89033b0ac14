//! The ideas board: agents and leaders propose; leaders decide in the
//! mejora continua meetings; the coordinador delivers approved ideas to the
//! client in the circuito and records the client's answers. Every step is
//! kept in `idea_events`.

use crate::db::entities::{idea_events, ideas};
use crate::services::ServiceError;
use crate::services::authz::{Actor, UserScope, user_scope};
use crate::services::users::refs_by_id;
use app::api::auth::UserRef;
use app::api::ideas::{IdeaDraft, IdeaEventView, IdeaStep, IdeaView};
use app::domain::practices::ideas::{
    ClientStatus, IdeaAction, IdeaArea, IdeaStatus, TEXT_MAX, actions_for, idea_problems,
    may_propose,
};
use app::domain::role::Role;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

const MAX_CLIENT_ID: usize = 80;
/// The board shows at most this many ideas, newest first.
const BOARD_LIMIT: u64 = 500;

/// Who may read the board: everyone who proposes or decides, and the
/// administrator.
fn may_read(role: Role) -> bool {
    !matches!(role, Role::Backoffice | Role::Calidad)
}

/// Puts an idea on the board as `PROPUESTA`; a resent proposal (same
/// `client_id`) answers the first.
pub async fn propose(
    db: &DatabaseConnection,
    actor: &Actor,
    draft: IdeaDraft,
    now: DateTime<Utc>,
) -> Result<IdeaView, ServiceError> {
    if !may_propose(actor.role) {
        return Err(ServiceError::Forbidden);
    }
    let client_id = draft.client_id.trim().to_string();
    let mut problems: Vec<(String, String)> = idea_problems(&draft.title, &draft.description)
        .into_iter()
        .map(|(field, message)| (field.to_string(), message))
        .collect();
    if client_id.is_empty() || client_id.len() > MAX_CLIENT_ID {
        problems.push((
            "client_id".into(),
            "Falta el identificador de la idea.".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }
    let txn = crate::db::begin_write(db).await?;
    super::lock_person(&txn, actor.id).await?;
    if let Some(existing) = ideas::Entity::find()
        .filter(ideas::Column::ClientId.eq(&client_id))
        .one(&txn)
        .await?
    {
        txn.commit().await?;
        if existing.author_id != actor.id {
            return Err(ServiceError::Conflict(
                "Ese identificador de idea ya se usó.".into(),
            ));
        }
        return view_one(db, actor, existing).await;
    }
    let idea = ideas::ActiveModel {
        id: NotSet,
        client_id: Set(client_id),
        author_id: Set(actor.id),
        area: Set(draft.area.code().to_string()),
        title: Set(draft.title.trim().to_string()),
        description: Set(draft.description.trim().to_string()),
        status: Set(IdeaStatus::Propuesta.code().to_string()),
        client_status: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    record_event(&txn, &idea, actor.id, None, "", now).await?;
    txn.commit().await?;
    view_one(db, actor, idea).await
}

/// Takes one step on an idea in the actor's scope. A retried step (the same
/// action, answer and note as the idea's last step, by the same person)
/// answers the idea as it stands instead of failing.
pub async fn take_step(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    step: IdeaStep,
    now: DateTime<Utc>,
) -> Result<IdeaView, ServiceError> {
    if !step.action.allowed_to(actor.role) {
        return Err(ServiceError::Forbidden);
    }
    let note = step.note.trim().to_string();
    let mut problems: Vec<(String, String)> = Vec::new();
    if step.action.needs_note() && note.is_empty() {
        let message = match step.action {
            IdeaAction::Descartar => "Escriba por qué se descarta la idea.",
            _ => "Escriba lo que respondió el cliente.",
        };
        problems.push(("note".into(), message.into()));
    }
    if note.chars().count() > TEXT_MAX {
        problems.push((
            "note".into(),
            format!("La nota admite hasta {TEXT_MAX} caracteres."),
        ));
    }
    let client_status = match (step.action, step.client_status) {
        (IdeaAction::RespuestaCliente, None) => {
            problems.push((
                "client_status".into(),
                "Elija el estado que dio el cliente.".into(),
            ));
            None
        }
        (IdeaAction::RespuestaCliente, Some(status)) => Some(status),
        (_, _) => None,
    };
    if !problems.is_empty() {
        return Err(ServiceError::Validation(problems));
    }

    let txn = crate::db::begin_write(db).await?;
    // The idea's row is the lock: two leaders deciding at once take turns.
    let idea = ideas::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("La idea no existe.".into()))?;
    if !user_scope(&txn, actor).await?.contains(idea.author_id) {
        // Outside the actor's teams the idea does not exist for them.
        return Err(ServiceError::NotFound("La idea no existe.".into()));
    }
    let last = idea_events::Entity::find()
        .filter(idea_events::Column::IdeaId.eq(idea.id))
        .order_by_desc(idea_events::Column::Id)
        .one(&txn)
        .await?;
    if let Some(last) = last
        && last.actor_id == actor.id
        && last.action == step.action.code()
        && last.client_status.as_deref() == client_status.map(ClientStatus::code)
        && last.note == note
    {
        txn.commit().await?;
        return view_one(db, actor, idea).await;
    }
    if is_decision(step.action) && idea.author_id == actor.id {
        return Err(ServiceError::Conflict(
            "Una idea propia la decide su líder en la reunión de mejora continua.".into(),
        ));
    }
    let from = status_of(&idea)?;
    let to = step
        .action
        .apply(from)
        .map_err(|message| ServiceError::Conflict(message.to_string()))?;
    let mut active: ideas::ActiveModel = idea.into();
    active.status = Set(to.code().to_string());
    if step.action == IdeaAction::RespuestaCliente {
        active.client_status = Set(client_status.map(|s| s.code().to_string()));
    }
    active.updated_at = Set(now);
    let idea = active.update(&txn).await?;
    record_event(&txn, &idea, actor.id, Some(step.action), &note, now).await?;
    txn.commit().await?;
    view_one(db, actor, idea).await
}

/// The ideas the actor may see, newest first: an agent's own; a leader's
/// and those of the people in their scope; everyone's for the gerente and
/// the administrator.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<IdeaView>, ServiceError> {
    if !may_read(actor.role) {
        return Err(ServiceError::Forbidden);
    }
    let mut query = ideas::Entity::find();
    if let UserScope::Only(ids) = user_scope(db, actor).await? {
        query = query.filter(ideas::Column::AuthorId.is_in(ids));
    }
    let rows = query
        .order_by_desc(ideas::Column::CreatedAt)
        .order_by_desc(ideas::Column::Id)
        .limit(BOARD_LIMIT)
        .all(db)
        .await?;
    views(db, actor, rows).await
}

async fn record_event(
    txn: &impl ConnectionTrait,
    idea: &ideas::Model,
    actor_id: i64,
    action: Option<IdeaAction>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    idea_events::ActiveModel {
        id: NotSet,
        idea_id: Set(idea.id),
        actor_id: Set(actor_id),
        action: Set(action.map_or("PROPONER", IdeaAction::code).to_string()),
        status: Set(idea.status.clone()),
        client_status: Set(action
            .filter(|a| *a == IdeaAction::RespuestaCliente)
            .and(idea.client_status.clone())),
        note: Set(note.to_string()),
        at: Set(now),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Approving or discarding: never by the idea's own author.
fn is_decision(action: IdeaAction) -> bool {
    matches!(action, IdeaAction::Aprobar | IdeaAction::Descartar)
}

fn status_of(idea: &ideas::Model) -> Result<IdeaStatus, ServiceError> {
    IdeaStatus::from_code(&idea.status).ok_or_else(|| {
        ServiceError::Internal(format!("estado de idea desconocido: {}", idea.status))
    })
}

async fn view_one(
    db: &impl ConnectionTrait,
    actor: &Actor,
    idea: ideas::Model,
) -> Result<IdeaView, ServiceError> {
    let mut list = views(db, actor, vec![idea]).await?;
    Ok(list.remove(0))
}

async fn views(
    db: &impl ConnectionTrait,
    actor: &Actor,
    rows: Vec<ideas::Model>,
) -> Result<Vec<IdeaView>, ServiceError> {
    let ids: Vec<i64> = rows.iter().map(|i| i.id).collect();
    let mut events: HashMap<i64, Vec<idea_events::Model>> = HashMap::new();
    if !ids.is_empty() {
        for event in idea_events::Entity::find()
            .filter(idea_events::Column::IdeaId.is_in(ids))
            .order_by_asc(idea_events::Column::Id)
            .all(db)
            .await?
        {
            events.entry(event.idea_id).or_default().push(event);
        }
    }
    let people = refs_by_id(
        db,
        rows.iter()
            .map(|i| i.author_id)
            .chain(events.values().flatten().map(|e| e.actor_id)),
    )
    .await?;
    let person = |id: i64| {
        people.get(&id).cloned().unwrap_or(UserRef {
            id,
            login: String::new(),
            name: format!("Usuario {id}"),
        })
    };
    rows.into_iter()
        .map(|idea| {
            let status = status_of(&idea)?;
            let history = events
                .remove(&idea.id)
                .unwrap_or_default()
                .into_iter()
                .map(|e| IdeaEventView {
                    at: e.at,
                    actor: person(e.actor_id),
                    action: IdeaAction::from_code(&e.action),
                    status: IdeaStatus::from_code(&e.status).unwrap_or(status),
                    client_status: e.client_status.as_deref().and_then(ClientStatus::from_code),
                    note: e.note,
                })
                .collect();
            Ok(IdeaView {
                id: idea.id,
                author: person(idea.author_id),
                area: IdeaArea::from_code(&idea.area).unwrap_or(IdeaArea::Proceso),
                title: idea.title,
                description: idea.description,
                status,
                client_status: idea
                    .client_status
                    .as_deref()
                    .and_then(ClientStatus::from_code),
                created_at: idea.created_at,
                updated_at: idea.updated_at,
                history,
                actions: actions_for(actor.role, status)
                    .into_iter()
                    .filter(|a| !(is_decision(*a) && idea.author_id == actor.id))
                    .collect(),
            })
        })
        .collect()
}
