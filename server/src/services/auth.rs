//! Logging in and out, and changing one's own password.
//!
//! Login defends against guessing twice: an account locks after a run of
//! wrong passwords, and an address that fails too often across accounts is
//! refused for a while. Both counts live in the database, so every server
//! instance enforces the same limits.

use super::error::{FieldErrors, ServiceError};
use super::passwords;
use super::security_log::{self, EventSource};
use super::sessions::{self, Authenticated, NewSession};
use crate::db::{self, entities::users};
use crate::settings::Settings;
use app::api::auth::{ChangePasswordRequest, LoginRequest};
use app::api::security::SecurityEventKind;
use app::domain::credentials::{Login, NewPassword};
use app::domain::role::Role;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    ExprTrait, QueryFilter, sea_query::Expr,
};

/// The browser behind a request.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// Checks the credentials and opens a new session. `previous` is the session
/// the browser presented, if any: it is ended, so the id always changes at
/// login (no session fixation).
pub async fn login(
    db: &DatabaseConnection,
    settings: &Settings,
    request: LoginRequest,
    client: &Client,
    previous: Option<&str>,
) -> Result<NewSession, ServiceError> {
    let now = Utc::now();
    let attempted = request.login.trim().to_lowercase();
    let source = EventSource {
        user_id: None,
        login: Some(attempted.chars().take(100).collect()),
        ip: client.ip.clone(),
    };

    let mut errors = FieldErrors::default();
    if request.login.trim().is_empty() {
        errors.add("login", "Escriba su usuario.");
    }
    if request.password.is_empty() {
        errors.add("password", "Escriba su contraseña.");
    }
    errors.into_result()?;

    if let Some(ip) = &client.ip {
        refuse_noisy_address(db, settings, ip, now).await?;
    }

    let user = match Login::parse(&attempted) {
        Ok(login) => {
            users::Entity::find()
                .filter(users::Column::Login.eq(login.as_str()))
                .one(db)
                .await?
        }
        Err(_) => None,
    };

    let Some(user) = user.filter(|u| u.active) else {
        // Same work as a real check, so timing does not reveal who exists.
        passwords::verify(request.password, None).await?;
        security_log::record(
            db,
            SecurityEventKind::LoginFailed,
            &source,
            "Usuario inexistente o inactivo",
        )
        .await?;
        return Err(ServiceError::InvalidCredentials);
    };
    let source = EventSource {
        user_id: Some(user.id),
        ..source
    };

    // The attempt is counted before the password is checked, so guesses sent
    // in parallel cannot get more answers than the limit allows.
    let attempt = reserve_attempt(db, settings, &user, &source, now).await?;
    if !passwords::verify(request.password, Some(user.password_hash.clone())).await? {
        return Err(record_wrong_password(db, settings, &user, &source, attempt, now).await?);
    }

    let txn = db::begin_write(db).await?;
    if let Some(previous) = previous {
        sessions::delete(&txn, &sessions::hash_token(previous)).await?;
    }
    let cleared = users::Entity::update_many()
        .col_expr(users::Column::FailedLogins, Expr::value(0))
        .col_expr(
            users::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(users::Column::LastLoginAt, Expr::value(now))
        .filter(users::Column::Id.eq(user.id))
        .filter(not_locked(now))
        .exec(&txn)
        .await?;
    if cleared.rows_affected == 0 {
        // Locked by parallel wrong guesses while this one was being checked.
        drop(txn);
        return Err(refuse_locked(db, settings, &user, &source, now).await?);
    }
    let session = sessions::create(
        &txn,
        settings,
        &user,
        client.ip.clone(),
        client.user_agent.clone(),
    )
    .await?;
    security_log::record(
        &txn,
        SecurityEventKind::LoginOk,
        &source,
        "Inicio de sesión",
    )
    .await?;
    if session.authenticated.actor.role == Role::Asesor {
        super::agent_states::available(&txn, user.id, now).await?;
    }
    txn.commit().await?;
    Ok(session)
}

/// Not locked at `now`.
fn not_locked(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(users::Column::LockedUntil.is_null())
        .add(users::Column::LockedUntil.lte(now))
}

/// Counts one more attempt against the account and answers its number, or
/// refuses when the account is locked or every allowed attempt is already
/// taken (by requests still being checked).
async fn reserve_attempt(
    db: &DatabaseConnection,
    settings: &Settings,
    user: &users::Model,
    source: &EventSource,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    let txn = db::begin_write(db).await?;
    let reserved = users::Entity::update_many()
        .col_expr(
            users::Column::FailedLogins,
            Expr::col(users::Column::FailedLogins).add(1),
        )
        .filter(users::Column::Id.eq(user.id))
        .filter(not_locked(now))
        .filter(users::Column::FailedLogins.lt(settings.login_max_failures))
        .exec(&txn)
        .await?;
    if reserved.rows_affected == 0 {
        drop(txn);
        return Err(refuse_locked(db, settings, user, source, now).await?);
    }
    let attempt = users::Entity::find_by_id(user.id)
        .one(&txn)
        .await?
        .map(|u| u.failed_logins)
        .unwrap_or(settings.login_max_failures);
    txn.commit().await?;
    Ok(attempt)
}

/// Refuses a locked account, locking it now if the attempts ran out without
/// a lock yet (they are all in flight).
async fn refuse_locked(
    db: &DatabaseConnection,
    settings: &Settings,
    user: &users::Model,
    source: &EventSource,
    now: DateTime<Utc>,
) -> Result<ServiceError, ServiceError> {
    let txn = db::begin_write(db).await?;
    let current = users::Entity::find_by_id(user.id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::InvalidCredentials)?;
    let until = match current.locked_until.filter(|until| *until > now) {
        Some(until) => until,
        None => lock_account(&txn, settings, user, source, now).await?,
    };
    security_log::record(
        &txn,
        SecurityEventKind::LoginFailed,
        source,
        "Cuenta bloqueada",
    )
    .await?;
    txn.commit().await?;
    Ok(ServiceError::AccountLocked {
        minutes: minutes_until(until, now),
    })
}

/// Records a wrong password; the attempt that reaches the limit locks the
/// account.
async fn record_wrong_password(
    db: &DatabaseConnection,
    settings: &Settings,
    user: &users::Model,
    source: &EventSource,
    attempt: i32,
    now: DateTime<Utc>,
) -> Result<ServiceError, ServiceError> {
    let txn = db::begin_write(db).await?;
    security_log::record(
        &txn,
        SecurityEventKind::LoginFailed,
        source,
        format!(
            "Contraseña incorrecta ({attempt} de {})",
            settings.login_max_failures
        ),
    )
    .await?;
    let outcome = if attempt >= settings.login_max_failures {
        let until = lock_account(&txn, settings, user, source, now).await?;
        ServiceError::AccountLocked {
            minutes: minutes_until(until, now),
        }
    } else {
        ServiceError::InvalidCredentials
    };
    txn.commit().await?;
    Ok(outcome)
}

/// Locks the account for the lock-out period; answers until when.
async fn lock_account(
    txn: &impl ConnectionTrait,
    settings: &Settings,
    user: &users::Model,
    source: &EventSource,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ServiceError> {
    let until = now + settings.lockout;
    users::Entity::update_many()
        .col_expr(users::Column::FailedLogins, Expr::value(0))
        .col_expr(users::Column::LockedUntil, Expr::value(until))
        .filter(users::Column::Id.eq(user.id))
        .exec(txn)
        .await?;
    security_log::record(
        txn,
        SecurityEventKind::Lockout,
        source,
        format!(
            "Cuenta bloqueada {} minutos tras {} intentos fallidos",
            settings.lockout.num_minutes(),
            settings.login_max_failures
        ),
    )
    .await?;
    Ok(until)
}

async fn refuse_noisy_address(
    db: &DatabaseConnection,
    settings: &Settings,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let since = now - settings.address_window;
    let failures = security_log::failed_logins_from(db, ip, since).await?;
    if failures < settings.address_max_failures {
        return Ok(());
    }
    let oldest = security_log::oldest_failed_login_from(db, ip, since).await?;
    let free_at = oldest.unwrap_or(now) + settings.address_window;
    Err(ServiceError::TooManyAttempts {
        minutes: minutes_until(free_at, now),
    })
}

/// Whole minutes left, rounded up and at least one.
fn minutes_until(until: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let seconds = std::cmp::max((until - now).num_seconds(), 1);
    (seconds + 59) / 60
}

/// Ends the current session.
pub async fn logout(
    db: &DatabaseConnection,
    auth: &Authenticated,
    client: &Client,
) -> Result<(), ServiceError> {
    let txn = db::begin_write(db).await?;
    sessions::delete(&txn, &auth.id_hash).await?;
    if auth.actor.role == Role::Asesor {
        super::agent_states::disconnected(&txn, auth.actor.id, Utc::now()).await?;
    }
    security_log::record(
        &txn,
        SecurityEventKind::Logout,
        &EventSource {
            user_id: Some(auth.actor.id),
            login: Some(auth.actor.login.clone()),
            ip: client.ip.clone(),
        },
        "Cierre de sesión",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Changes the signed-in user's password after checking the current one;
/// every other session of theirs ends.
pub async fn change_own_password(
    db: &DatabaseConnection,
    settings: &Settings,
    auth: &Authenticated,
    request: ChangePasswordRequest,
    client: &Client,
) -> Result<(), ServiceError> {
    let user = users::Entity::find_by_id(auth.actor.id)
        .one(db)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    let login = Login::parse(&user.login).map_err(ServiceError::Internal)?;
    let mut errors = FieldErrors::default();
    if request.current_password.is_empty() {
        errors.add("current_password", "Escriba su contraseña actual.");
    }
    let new_password = errors.check(
        "new_password",
        NewPassword::parse(&request.new_password, &login),
    );
    if request.new_password == request.current_password && !request.new_password.is_empty() {
        errors.add(
            "new_password",
            "La nueva contraseña debe ser distinta de la actual.",
        );
    }
    errors.into_result()?;
    let new_password =
        new_password.ok_or_else(|| ServiceError::Internal("checked above".into()))?;

    // Guessing the current password from an open session is guessing a
    // password: it counts toward the same lock-out as the login.
    let source = EventSource {
        user_id: Some(user.id),
        login: Some(user.login.clone()),
        ip: client.ip.clone(),
    };
    let now = Utc::now();
    let attempt = reserve_attempt(db, settings, &user, &source, now).await?;
    if !passwords::verify(request.current_password, Some(user.password_hash.clone())).await? {
        return Err(
            match record_wrong_password(db, settings, &user, &source, attempt, now).await? {
                ServiceError::InvalidCredentials => ServiceError::invalid(
                    "current_password",
                    "La contraseña actual no es correcta.",
                ),
                locked => locked,
            },
        );
    }
    let hash = passwords::hash(new_password.expose().to_string()).await?;
    let txn = db::begin_write(db).await?;
    users::Entity::update(users::ActiveModel {
        id: Set(user.id),
        password_hash: Set(hash),
        password_changed_at: Set(now),
        failed_logins: Set(0),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    sessions::delete_for_user(&txn, user.id, Some(&auth.id_hash)).await?;
    security_log::record(
        &txn,
        SecurityEventKind::PasswordChange,
        &source,
        "Cambió su propia contraseña",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn minutes_left_round_up() {
        let now = Utc::now();
        assert_eq!(minutes_until(now + Duration::seconds(61), now), 2);
        assert_eq!(minutes_until(now + Duration::minutes(15), now), 15);
        assert_eq!(minutes_until(now - Duration::seconds(5), now), 1);
    }
}
