//! Alerts for open tabs. A service writes an alert row in its transaction;
//! every server instance polls the table a few times a second (and at once
//! when its own process wrote one) and hands new rows to the streams of the
//! tabs it serves. The database is the only shared part, so an alert written
//! by one instance reaches a tab connected to another.

use crate::db::entities::alerts;
use crate::services::ServiceError;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{Notify, broadcast, watch};

/// How often each instance looks for alerts written by other instances.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_millis(250);
/// Rows younger than this are looked at on every poll: a transaction that
/// commits late (its id lower than one already seen) is still delivered.
const LOOK_BACK_SECONDS: i64 = 30;
/// A reconnecting tab gets the alerts it missed up to this old.
pub const REPLAY_MINUTES: i64 = 5;

/// This instance's side of the alerts: the poller and its subscribers.
#[derive(Clone)]
pub struct LiveHub {
    inner: Arc<Inner>,
}

struct Inner {
    sender: broadcast::Sender<Arc<alerts::Model>>,
    wake: Notify,
    closing: watch::Sender<bool>,
}

impl Default for LiveHub {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(1024);
        let (closing, _) = watch::channel(false);
        LiveHub {
            inner: Arc::new(Inner {
                sender,
                wake: Notify::new(),
                closing,
            }),
        }
    }
}

impl LiveHub {
    /// New alerts as they are found.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<alerts::Model>> {
        self.inner.sender.subscribe()
    }

    /// Turns true when the server is shutting down: streams end so the
    /// graceful shutdown does not wait for tabs that never close.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.inner.closing.subscribe()
    }

    /// Look now: this process just committed an alert.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    pub fn close(&self) {
        let _ = self.inner.closing.send(true);
    }

    /// Starts the poller of this instance.
    pub fn spawn_poller(&self, db: DatabaseConnection) {
        let hub = self.clone();
        tokio::spawn(async move {
            let mut delivered: HashMap<i64, DateTime<Utc>> = HashMap::new();
            let mut closing = hub.closing();
            // Only what is written from now on: older alerts are replayed by
            // the stream a reconnecting tab opens.
            let mut started = Utc::now();
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(POLL_EVERY) => {}
                    _ = hub.inner.wake.notified() => {}
                    _ = closing.changed() => return,
                }
                let now = Utc::now();
                let since = (now - Duration::seconds(LOOK_BACK_SECONDS)).max(started);
                match recent(&db, since).await {
                    Ok(rows) => {
                        for row in rows {
                            if delivered.insert(row.id, row.created_at).is_none() {
                                let _ = hub.inner.sender.send(Arc::new(row));
                            }
                        }
                        delivered.retain(|_, at| *at >= since);
                    }
                    Err(err) => {
                        tracing::warn!(error = ?err, "no se pudieron leer las alertas");
                        // Keep the window from sliding past rows not yet read.
                        started = started.min(now - Duration::seconds(LOOK_BACK_SECONDS));
                    }
                }
            }
        });
    }
}

async fn recent(
    db: &DatabaseConnection,
    since: DateTime<Utc>,
) -> Result<Vec<alerts::Model>, sea_orm::DbErr> {
    alerts::Entity::find()
        .filter(alerts::Column::CreatedAt.gte(since))
        .order_by_asc(alerts::Column::Id)
        .all(db)
        .await
}

/// Alerts for a user newer than `after` and not older than the replay
/// window, for a tab that reconnects.
pub async fn missed(
    db: &DatabaseConnection,
    user: i64,
    after: i64,
    now: DateTime<Utc>,
) -> Result<Vec<alerts::Model>, ServiceError> {
    Ok(alerts::Entity::find()
        .filter(alerts::Column::UserId.eq(user))
        .filter(alerts::Column::Id.gt(after))
        .filter(alerts::Column::CreatedAt.gte(now - Duration::minutes(REPLAY_MINUTES)))
        .order_by_asc(alerts::Column::Id)
        .all(db)
        .await?)
}

/// For a tab that opens without a last event id (a page load, a sign-in):
/// the "call answered" alerts of the last minute whose customer the agent
/// still holds, so a call answered while the page was loading is not lost.
pub async fn still_relevant(
    db: &DatabaseConnection,
    user: i64,
    now: DateTime<Utc>,
) -> Result<Vec<alerts::Model>, ServiceError> {
    let recent = alerts::Entity::find()
        .filter(alerts::Column::UserId.eq(user))
        .filter(alerts::Column::Kind.eq(app::api::live::EVENT_CALL_ANSWERED))
        .filter(alerts::Column::CreatedAt.gte(now - Duration::seconds(60)))
        .order_by_asc(alerts::Column::Id)
        .all(db)
        .await?;
    let Some(latest) = recent.into_iter().next_back() else {
        return Ok(Vec::new());
    };
    let Ok(call) = serde_json::from_str::<app::api::live::CallAnswered>(&latest.payload) else {
        return Ok(Vec::new());
    };
    let held = super::queue::held_record(db, user, now).await?;
    Ok(if held.is_some_and(|record| record.id == call.record_id) {
        vec![latest]
    } else {
        Vec::new()
    })
}

/// Writes an alert for a user, inside the caller's transaction.
pub async fn push(
    db: &impl ConnectionTrait,
    user: i64,
    kind: &str,
    payload: &impl Serialize,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let payload =
        serde_json::to_string(payload).map_err(|err| ServiceError::Internal(err.to_string()))?;
    alerts::Entity::insert(alerts::ActiveModel {
        id: NotSet,
        user_id: Set(user),
        kind: Set(kind.into()),
        payload: Set(payload),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Deletes alerts nobody will replay any more.
pub async fn purge(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, ServiceError> {
    Ok(alerts::Entity::delete_many()
        .filter(alerts::Column::CreatedAt.lt(now - Duration::days(1)))
        .exec(db)
        .await?
        .rows_affected)
}
