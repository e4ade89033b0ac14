//! Writing and reading the security event log.

use super::error::ServiceError;
use crate::db::entities::security_events;
use app::api::security::{SecurityEventKind, SecurityEventPage, SecurityEventView};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Who and where an event came from.
#[derive(Debug, Clone, Default)]
pub struct EventSource {
    pub user_id: Option<i64>,
    pub login: Option<String>,
    pub ip: Option<String>,
}

/// Appends an event. Runs inside the caller's transaction when given one, so
/// the event lands together with the change it describes.
pub async fn record(
    db: &impl ConnectionTrait,
    kind: SecurityEventKind,
    source: &EventSource,
    detail: impl Into<String>,
) -> Result<(), ServiceError> {
    let event = security_events::ActiveModel {
        id: NotSet,
        created_at: Set(Utc::now()),
        kind: Set(kind.code().to_string()),
        user_id: Set(source.user_id),
        login: Set(source.login.clone()),
        ip: Set(source.ip.clone()),
        detail: Set(detail.into()),
    };
    security_events::Entity::insert(event).exec(db).await?;
    Ok(())
}

/// Failed logins from an address since a moment.
pub async fn failed_logins_from(
    db: &impl ConnectionTrait,
    ip: &str,
    since: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    Ok(security_events::Entity::find()
        .filter(security_events::Column::Ip.eq(ip))
        .filter(security_events::Column::Kind.eq(SecurityEventKind::LoginFailed.code()))
        .filter(security_events::Column::CreatedAt.gt(since))
        .count(db)
        .await?)
}

/// The oldest failed login from an address since a moment, to tell the user
/// how long to wait.
pub async fn oldest_failed_login_from(
    db: &impl ConnectionTrait,
    ip: &str,
    since: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ServiceError> {
    Ok(security_events::Entity::find()
        .filter(security_events::Column::Ip.eq(ip))
        .filter(security_events::Column::Kind.eq(SecurityEventKind::LoginFailed.code()))
        .filter(security_events::Column::CreatedAt.gt(since))
        .order_by_asc(security_events::Column::CreatedAt)
        .one(db)
        .await?
        .map(|event| event.created_at))
}

/// A page of events, newest first, older than `before` when given.
pub async fn list(
    db: &impl ConnectionTrait,
    before: Option<i64>,
    limit: u64,
) -> Result<SecurityEventPage, ServiceError> {
    let mut query = security_events::Entity::find().order_by_desc(security_events::Column::Id);
    if let Some(before) = before {
        query = query.filter(security_events::Column::Id.lt(before));
    }
    let mut rows = query.limit(limit + 1).all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next_before = if more {
        rows.last().map(|row| row.id)
    } else {
        None
    };
    let events = rows
        .into_iter()
        .map(|row| SecurityEventView {
            id: row.id,
            at: row.created_at,
            // Unknown codes can only come from a newer Faro writing to the
            // same database; show them as the closest safe kind.
            kind: SecurityEventKind::from_code(&row.kind).unwrap_or(SecurityEventKind::Forbidden),
            login: row.login,
            ip: row.ip,
            detail: row.detail,
        })
        .collect();
    Ok(SecurityEventPage {
        events,
        next_before,
    })
}
