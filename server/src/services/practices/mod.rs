//! Leaders' management practices (SPEC §6): the catalog here; the calendar,
//! the practices recorded, adherence and the `.ics` feed in the submodules.

pub mod adherence;
pub mod calendar;
pub mod feed;
pub mod ideas;
pub mod plans;
pub mod records;

use crate::db::entities::{practice_catalog, users};
use crate::services::ServiceError;
use crate::services::authz::Actor;
use crate::services::offers::log_change;
use app::api::practices::{PracticeUpdate, PracticeView};
use app::domain::practices::{Frequency, PracticeDef, PracticeKind, default_catalog};
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, sea_query::OnConflict,
};

/// How the practices' changes are marked in the catalog history.
pub const CATALOG_ENTITY: &str = "PRACTICA";

/// The catalog as the operation configured it: the stored rows, and the
/// shipped definition of any practice never stored.
pub async fn catalog(db: &impl ConnectionTrait) -> Result<Vec<PracticeDef>, ServiceError> {
    let stored = practice_catalog::Entity::find().all(db).await?;
    default_catalog()
        .into_iter()
        .map(
            |shipped| match stored.iter().find(|row| row.kind == shipped.kind.code()) {
                Some(row) => from_row(row),
                None => Ok(shipped),
            },
        )
        .collect()
}

fn from_row(row: &practice_catalog::Model) -> Result<PracticeDef, ServiceError> {
    let bad = |what: &str| ServiceError::Internal(format!("practice_catalog {}: {what}", row.kind));
    Ok(PracticeDef {
        kind: row.kind.parse().map_err(|_| bad("kind"))?,
        frequency: serde_json::from_value(serde_json::Value::String(row.frequency.clone()))
            .map_err(|_| bad("frequency"))?,
        duration_minutes: u32::try_from(row.duration_minutes).map_err(|_| bad("duration"))?,
        goals: serde_json::from_str(&row.goals).map_err(|_| bad("goals"))?,
        active: row.active,
    })
}

fn frequency_code(frequency: Frequency) -> String {
    serde_json::to_value(frequency)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn view(def: &PracticeDef) -> PracticeView {
    PracticeView {
        kind: def.kind,
        label: def.kind.label().into(),
        purpose: def.kind.purpose().into(),
        frequency: def.frequency,
        duration_minutes: def.duration_minutes,
        goals: def.goals.clone(),
        goal_text: def.goal_text(),
        active: def.active,
    }
}

/// The catalog for anyone who plans or configures practices.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<PracticeView>, ServiceError> {
    actor.require_any(&[Capability::RunPractices, Capability::Configure])?;
    Ok(catalog(db).await?.iter().map(view).collect())
}

/// An administrator's change to one practice, with its line in the catalog
/// history. The catalog is configuration (SPEC §6): a gerente runs
/// practices under it and does not set their own goals.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    kind: PracticeKind,
    update: PracticeUpdate,
    now: DateTime<Utc>,
) -> Result<PracticeView, ServiceError> {
    actor.require(Capability::Configure)?;
    let def = PracticeDef {
        kind,
        frequency: update.frequency,
        duration_minutes: update.duration_minutes,
        goals: update.goals,
        active: update.active,
    };
    let problems = def.problems();
    if !problems.is_empty() {
        return Err(ServiceError::Validation(
            problems
                .into_iter()
                .map(|p| ("goals".to_string(), p))
                .collect(),
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let before = catalog(&txn)
        .await?
        .into_iter()
        .find(|d| d.kind == kind)
        .ok_or_else(|| ServiceError::NotFound("No existe esa práctica.".into()))?;
    let changes = differences(&before, &def);
    if !changes.is_empty() {
        practice_catalog::Entity::insert(practice_catalog::ActiveModel {
            kind: Set(kind.code().into()),
            frequency: Set(frequency_code(def.frequency)),
            duration_minutes: Set(def.duration_minutes as i32),
            goals: Set(serde_json::to_string(&def.goals).unwrap_or_else(|_| "[]".into())),
            active: Set(def.active),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(practice_catalog::Column::Kind)
                .update_columns([
                    practice_catalog::Column::Frequency,
                    practice_catalog::Column::DurationMinutes,
                    practice_catalog::Column::Goals,
                    practice_catalog::Column::Active,
                    practice_catalog::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        let action = match (before.active, def.active) {
            (true, false) => "RETIRADA",
            (false, true) => "ACTIVADA",
            _ => "EDITADA",
        };
        log_change(
            &txn,
            Some(actor.id),
            CATALOG_ENTITY,
            kind.code(),
            action,
            changes,
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(view(&def))
}

/// The history lines of a change, in Spanish.
fn differences(before: &PracticeDef, after: &PracticeDef) -> Vec<String> {
    let mut lines = Vec::new();
    if before.frequency != after.frequency {
        lines.push(format!(
            "Frecuencia: {} → {}",
            before.frequency.label(),
            after.frequency.label()
        ));
    }
    if before.duration_minutes != after.duration_minutes {
        lines.push(format!(
            "Duración: {} → {} min",
            before.duration_minutes, after.duration_minutes
        ));
    }
    if before.goal_text() != after.goal_text() {
        lines.push(format!(
            "Meta: {} → {}",
            before.goal_text(),
            after.goal_text()
        ));
    }
    if before.active != after.active {
        lines.push(if after.active { "Activada" } else { "Retirada" }.into());
    }
    lines
}

/// The role a leader runs practices as; refuses anyone else.
pub fn leader_role(actor: &Actor) -> Result<Role, ServiceError> {
    actor.require(Capability::RunPractices)?;
    Ok(actor.role)
}

/// Serializes one person's practice writes (events, records, ideas).
/// PostgreSQL runs at READ COMMITTED, so "was this request already made?"
/// followed by an insert could race a resent copy of the same request;
/// holding the person's row makes the copy wait and then find the first
/// one's rows. SQLite's immediate transactions are serialized already.
pub(crate) async fn lock_person(
    txn: &impl ConnectionTrait,
    user_id: i64,
) -> Result<(), ServiceError> {
    users::Entity::find_by_id(user_id)
        .lock_exclusive()
        .one(txn)
        .await?;
    Ok(())
}

/// The active people who report directly to `leader_id`.
pub(crate) async fn team_of(
    db: &impl ConnectionTrait,
    leader_id: i64,
) -> Result<Vec<i64>, ServiceError> {
    Ok(users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::ReportsToId.eq(leader_id))
        .filter(users::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?)
}

/// The ids in `ids` that are not the actor's team (direct reports).
pub(crate) async fn outside_team(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ids: &[i64],
) -> Result<Vec<i64>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let team = team_of(db, actor.id).await?;
    Ok(ids
        .iter()
        .copied()
        .filter(|id| !team.contains(id))
        .collect())
}
