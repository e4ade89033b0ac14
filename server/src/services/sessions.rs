//! Server-side sessions in the database: created at login with a fresh id,
//! ended by logout, idle timeout or absolute timeout.

use super::authz::Actor;
use super::error::ServiceError;
use crate::db::entities::{sessions, users};
use crate::settings::Settings;
use app::api::auth::{CurrentUser, SessionInfo, UserRef};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::Expr,
};
use sha2::{Digest, Sha256};

/// Activity is written back at most this often, so reads stay reads.
const TOUCH_INTERVAL_SECONDS: i64 = 60;

/// A signed-in request: who, and which session.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub actor: Actor,
    pub id_hash: String,
    pub csrf_token: String,
    pub expires_at: DateTime<Utc>,
}

/// A session just created: `token` goes to the browser's cookie once and is
/// never stored.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub authenticated: Authenticated,
}

/// 256 random bits, URL-safe.
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// What the database keeps instead of the session id.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session for a user.
pub async fn create(
    db: &impl ConnectionTrait,
    settings: &Settings,
    user: &users::Model,
    ip: Option<String>,
    user_agent: Option<String>,
) -> Result<NewSession, ServiceError> {
    let now = Utc::now();
    let token = random_token();
    let id_hash = hash_token(&token);
    let csrf_token = random_token();
    let expires_at = now + settings.session_absolute;
    sessions::Entity::insert(sessions::ActiveModel {
        id_hash: Set(id_hash.clone()),
        user_id: Set(user.id),
        csrf_token: Set(csrf_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        ip: Set(ip),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(255).collect())),
    })
    .exec_without_returning(db)
    .await?;
    Ok(NewSession {
        token,
        authenticated: Authenticated {
            actor: actor_of(user)?,
            id_hash,
            csrf_token,
            expires_at,
        },
    })
}

/// The session behind a cookie value, if it is still valid. Expired sessions
/// are deleted on sight; activity is recorded at most once a minute.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    settings: &Settings,
    token: &str,
) -> Result<Option<Authenticated>, ServiceError> {
    let id_hash = hash_token(token);
    let Some((session, Some(user))) = sessions::Entity::find_by_id(id_hash.clone())
        .find_also_related(users::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    if !is_alive(&session, settings.session_idle, now) || !user.active {
        delete(db, &id_hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > Duration::seconds(TOUCH_INTERVAL_SECONDS) {
        sessions::Entity::update_many()
            .col_expr(sessions::Column::LastSeenAt, Expr::value(now))
            .filter(sessions::Column::IdHash.eq(id_hash.clone()))
            .exec(db)
            .await?;
    }
    Ok(Some(Authenticated {
        actor: actor_of(&user)?,
        id_hash,
        csrf_token: session.csrf_token,
        expires_at: session.expires_at,
    }))
}

/// Whether a session is still valid, without counting this as activity (a
/// long-lived event stream must not keep an idle session open).
pub async fn still_valid(
    db: &impl ConnectionTrait,
    settings: &Settings,
    id_hash: &str,
) -> Result<bool, ServiceError> {
    let found = sessions::Entity::find_by_id(id_hash.to_string())
        .find_also_related(users::Entity)
        .one(db)
        .await?;
    Ok(match found {
        Some((session, Some(user))) => {
            user.active && is_alive(&session, settings.session_idle, Utc::now())
        }
        _ => false,
    })
}

/// Neither past its absolute end nor idle for too long.
fn is_alive(session: &sessions::Model, idle: Duration, now: DateTime<Utc>) -> bool {
    now < session.expires_at && now < session.last_seen_at + idle
}

/// Ends one session.
pub async fn delete(db: &impl ConnectionTrait, id_hash: &str) -> Result<(), ServiceError> {
    sessions::Entity::delete_many()
        .filter(sessions::Column::IdHash.eq(id_hash))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user, except `keep` (the one making the change).
pub async fn delete_for_user(
    db: &impl ConnectionTrait,
    user_id: i64,
    keep: Option<&str>,
) -> Result<(), ServiceError> {
    let mut query = sessions::Entity::delete_many().filter(sessions::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        query = query.filter(sessions::Column::IdHash.ne(keep));
    }
    query.exec(db).await?;
    Ok(())
}

/// Deletes sessions that can no longer be used; returns how many.
pub async fn purge_expired(
    db: &impl ConnectionTrait,
    settings: &Settings,
) -> Result<u64, ServiceError> {
    let now = Utc::now();
    let result = sessions::Entity::delete_many()
        .filter(
            Condition::any()
                .add(sessions::Column::ExpiresAt.lte(now))
                .add(sessions::Column::LastSeenAt.lte(now - settings.session_idle)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// The session as the app sees it (`GET /api/v1/me`, server-rendered pages).
pub async fn session_info(
    db: &impl ConnectionTrait,
    settings: &Settings,
    auth: &Authenticated,
) -> Result<SessionInfo, ServiceError> {
    let reports_to = match auth.actor.reports_to_id {
        Some(leader_id) => users::Entity::find_by_id(leader_id)
            .one(db)
            .await?
            .map(|leader| UserRef {
                id: leader.id,
                login: leader.login,
                name: leader.name,
            }),
        None => None,
    };
    Ok(SessionInfo {
        user: CurrentUser {
            id: auth.actor.id,
            login: auth.actor.login.clone(),
            name: auth.actor.name.clone(),
            role: auth.actor.role,
            reports_to,
        },
        csrf_token: auth.csrf_token.clone(),
        expires_at: auth.expires_at,
        idle_timeout_minutes: u32::try_from(settings.session_idle.num_minutes())
            .unwrap_or(u32::MAX),
    })
}

/// The actor a user row stands for.
pub fn actor_of(user: &users::Model) -> Result<Actor, ServiceError> {
    let role = user.role.parse().map_err(|_| {
        ServiceError::Internal(format!("unknown role {:?} for user {}", user.role, user.id))
    })?;
    Ok(Actor {
        id: user.id,
        login: user.login.clone(),
        name: user.name.clone(),
        role,
        reports_to_id: user.reports_to_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(last_seen: DateTime<Utc>, expires: DateTime<Utc>) -> sessions::Model {
        sessions::Model {
            id_hash: "h".into(),
            user_id: 1,
            csrf_token: "c".into(),
            created_at: last_seen,
            last_seen_at: last_seen,
            expires_at: expires,
            ip: None,
            user_agent: None,
        }
    }

    #[test]
    fn a_session_dies_when_idle_or_past_its_end() {
        let now = Utc::now();
        let idle = Duration::minutes(30);
        assert!(is_alive(
            &session(now - Duration::minutes(29), now + Duration::hours(1)),
            idle,
            now
        ));
        assert!(!is_alive(
            &session(now - Duration::minutes(30), now + Duration::hours(1)),
            idle,
            now
        ));
        assert!(!is_alive(&session(now, now), idle, now));
    }

    #[test]
    fn tokens_are_random_and_hashes_are_hex_sha256() {
        let a = random_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, random_token());
        assert_eq!(hash_token("abc").len(), 64);
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
