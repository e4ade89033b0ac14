//! Numbers never to call (SPEC §2 contact policy): kept by administrators,
//! honoured when handing out records.

use super::authz::Actor;
use super::error::ServiceError;
use crate::db::entities::excluded_numbers;
use crate::imports::values::normalize_phone;
use app::api::queue_admin::ExcludedNumber;
use app::domain::role::Capability;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder,
    sea_query::OnConflict,
};
use std::collections::HashSet;

/// Every excluded number.
pub async fn all(db: &impl ConnectionTrait) -> Result<HashSet<String>, ServiceError> {
    Ok(excluded_numbers::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.phone)
        .collect())
}

/// Whether every phone of a record (`a|b`) is excluded.
pub fn all_excluded(phones: &str, excluded: &HashSet<String>) -> bool {
    !excluded.is_empty()
        && phones
            .split('|')
            .filter(|p| !p.is_empty())
            .all(|p| excluded.contains(p))
}

pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<ExcludedNumber>, ServiceError> {
    actor.require(Capability::Configure)?;
    Ok(excluded_numbers::Entity::find()
        .order_by_asc(excluded_numbers::Column::Phone)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExcludedNumber {
            phone: row.phone,
            reason: row.reason,
            created_at: row.created_at,
        })
        .collect())
}

/// Adds (or updates the reason of) an excluded number.
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    phone: &str,
    reason: &str,
) -> Result<ExcludedNumber, ServiceError> {
    actor.require(Capability::Configure)?;
    let phone = normalize_phone(phone).map_err(|m| ServiceError::invalid("phone", m))?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ServiceError::invalid(
            "reason",
            "Indique el motivo de la exclusión (hasta 500 caracteres).",
        ));
    }
    let now = Utc::now();
    excluded_numbers::Entity::insert(excluded_numbers::ActiveModel {
        phone: Set(phone.clone()),
        reason: Set(reason.to_string()),
        created_by: Set(Some(actor.id)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(excluded_numbers::Column::Phone)
            .update_column(excluded_numbers::Column::Reason)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(ExcludedNumber {
        phone,
        reason: reason.to_string(),
        created_at: now,
    })
}

/// Removes a number from the list.
pub async fn remove(
    db: &DatabaseConnection,
    actor: &Actor,
    phone: &str,
) -> Result<(), ServiceError> {
    actor.require(Capability::Configure)?;
    let phone = normalize_phone(phone).map_err(|m| ServiceError::invalid("phone", m))?;
    let deleted = excluded_numbers::Entity::delete_by_id(phone)
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(ServiceError::NotFound(
            "Ese número no está en la lista de exclusión.".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_uncallable_only_when_every_phone_is_excluded() {
        let excluded: HashSet<String> = ["3105551234".to_string()].into();
        assert!(all_excluded("3105551234", &excluded));
        assert!(!all_excluded("3105551234|6015551234", &excluded));
        assert!(!all_excluded("3105551234", &HashSet::new()));
    }
}
