//! The typification (marcación) catalog: shipped defaults, admin edits and
//! CSV imports. Codes are never deleted, only deactivated, so old
//! interactions keep pointing at a known code.

use super::authz::Actor;
use super::error::ServiceError;
use crate::db::{self, entities::typifications};
use crate::imports::{RowError, table, typifications as rows};
use app::api::guide::{Typification, TypificationImport};
use app::domain::role::Capability;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, sea_query::OnConflict,
};
use std::collections::BTreeSet;

pub const DEFAULT_FILE: &[u8] = include_bytes!("../../../procedures/tipificaciones.csv");

fn to_view(model: typifications::Model) -> Typification {
    Typification {
        code: model.code,
        name: model.name,
        requirement: model.requirement,
        spc: model.spc,
        active: model.active,
    }
}

/// Loads the shipped catalog when the table is empty (first start).
pub async fn ensure_default(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if typifications::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let (table, _) = table::read(DEFAULT_FILE).map_err(|e| ServiceError::Internal(e.message))?;
    let (items, errors) = rows::check(&table);
    if !errors.is_empty() {
        return Err(ServiceError::Internal(format!("{errors:?}")));
    }
    let txn = db::begin_write(db).await?;
    upsert_all(&txn, &items, now).await?;
    txn.commit().await?;
    Ok(())
}

async fn upsert_all(
    db: &impl ConnectionTrait,
    items: &[Typification],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    for item in items {
        typifications::Entity::insert(typifications::ActiveModel {
            code: Set(item.code.clone()),
            name: Set(item.name.clone()),
            requirement: Set(item.requirement.clone()),
            spc: Set(item.spc),
            active: Set(item.active),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(typifications::Column::Code)
                .update_columns([
                    typifications::Column::Name,
                    typifications::Column::Requirement,
                    typifications::Column::Spc,
                    typifications::Column::Active,
                    typifications::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Codes agents may choose now.
pub async fn active_codes(db: &impl ConnectionTrait) -> Result<BTreeSet<String>, ServiceError> {
    Ok(typifications::Entity::find()
        .filter(typifications::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.code)
        .collect())
}

/// The active catalog, for the guide.
pub async fn active(db: &impl ConnectionTrait) -> Result<Vec<Typification>, ServiceError> {
    Ok(typifications::Entity::find()
        .filter(typifications::Column::Active.eq(true))
        .order_by_asc(typifications::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(to_view)
        .collect())
}

pub async fn find(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<Typification>, ServiceError> {
    Ok(typifications::Entity::find_by_id(code.to_string())
        .one(db)
        .await?
        .map(to_view))
}

/// The catalog: everyone who works or leads calls reads it; the admin sees
/// inactive codes too.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<Typification>, ServiceError> {
    actor.require_any(&[
        Capability::Configure,
        Capability::WorkOwnQueue,
        Capability::ViewTeam,
        Capability::EnterMonitoring,
    ])?;
    if actor.role.can(Capability::Configure) {
        Ok(typifications::Entity::find()
            .order_by_asc(typifications::Column::Code)
            .all(db)
            .await?
            .into_iter()
            .map(to_view)
            .collect())
    } else {
        active(db).await
    }
}

/// Creates or changes one code.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
    item: Typification,
    now: DateTime<Utc>,
) -> Result<Typification, ServiceError> {
    actor.require(Capability::Configure)?;
    let saved = Typification {
        code: code.trim().to_uppercase(),
        name: item.name.trim().to_string(),
        requirement: item
            .requirement
            .map(|r| r.trim().to_uppercase())
            .filter(|r| !r.is_empty()),
        spc: item.spc,
        active: item.active,
    };
    let problems = rows::field_problems(&saved.code, &saved.name);
    if !problems.is_empty() {
        return Err(ServiceError::Validation(
            problems
                .into_iter()
                .map(|(column, message)| {
                    let field = if column == "nombre" { "name" } else { "code" };
                    (field.to_string(), message.to_string())
                })
                .collect(),
        ));
    }
    let txn = db::begin_write(db).await?;
    upsert_all(&txn, std::slice::from_ref(&saved), now).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The per-line report of a rejected file, as validation errors.
pub fn line_errors(errors: Vec<RowError>) -> ServiceError {
    ServiceError::Validation(
        errors
            .into_iter()
            .map(|e| {
                let place = match &e.column {
                    Some(column) => format!("Línea {}, columna «{column}»", e.line),
                    None => format!("Línea {}", e.line),
                };
                ("file".to_string(), format!("{place}: {}", e.message))
            })
            .collect(),
    )
}

/// Imports a CSV whole or not at all; codes in the file are created or
/// updated (and activated), codes not in it are left as they are.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<TypificationImport, ServiceError> {
    actor.require(Capability::Configure)?;
    import_file(db, bytes, now).await
}

/// The import itself, for the admin's page and the command line.
pub async fn import_file(
    db: &DatabaseConnection,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<TypificationImport, ServiceError> {
    let (table, mut errors) = table::read(bytes).map_err(|e| line_errors(vec![e]))?;
    let (items, more) = rows::check(&table);
    errors.extend(more);
    if !errors.is_empty() {
        return Err(line_errors(errors));
    }
    let txn = db::begin_write(db).await?;
    let existing = typifications::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| t.code)
        .collect::<BTreeSet<_>>();
    upsert_all(&txn, &items, now).await?;
    txn.commit().await?;
    let updated = items.iter().filter(|t| existing.contains(&t.code)).count() as u32;
    Ok(TypificationImport {
        created: items.len() as u32 - updated,
        updated,
    })
}
