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
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr,
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

    if let Some(until) = user.locked_until.filter(|until| *until > now) {
        security_log::record(
            db,
            SecurityEventKind::LoginFailed,
            &source,
            "Cuenta bloqueada",
        )
        .await?;
        return Err(ServiceError::AccountLocked {
            minutes: minutes_until(until, now),
        });
    }

    if !passwords::verify(request.password, Some(user.password_hash.clone())).await? {
        return Err(record_wrong_password(db, settings, &user, &source, now).await?);
    }

    let txn = db::begin_write(db).await?;
    if let Some(previous) = previous {
        sessions::delete(&txn, &sessions::hash_token(previous)).await?;
    }
    users::Entity::update_many()
        .col_expr(users::Column::FailedLogins, Expr::value(0))
        .col_expr(
            users::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(users::Column::LastLoginAt, Expr::value(now))
        .filter(users::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
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
    txn.commit().await?;
    Ok(session)
}

/// Counts a wrong password; the run that reaches the limit locks the account.
async fn record_wrong_password(
    db: &DatabaseConnection,
    settings: &Settings,
    user: &users::Model,
    source: &EventSource,
    now: DateTime<Utc>,
) -> Result<ServiceError, ServiceError> {
    use sea_orm::ExprTrait;
    let txn = db::begin_write(db).await?;
    // Incremented in SQL so concurrent failures all count.
    users::Entity::update_many()
        .col_expr(
            users::Column::FailedLogins,
            Expr::col(users::Column::FailedLogins).add(1),
        )
        .filter(users::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    let failures = users::Entity::find_by_id(user.id)
        .one(&txn)
        .await?
        .map(|u| u.failed_logins)
        .unwrap_or(0);
    security_log::record(
        &txn,
        SecurityEventKind::LoginFailed,
        source,
        format!(
            "Contraseña incorrecta ({failures} de {})",
            settings.login_max_failures
        ),
    )
    .await?;
    let outcome = if failures >= settings.login_max_failures {
        let until = now + settings.lockout;
        users::Entity::update_many()
            .col_expr(users::Column::FailedLogins, Expr::value(0))
            .col_expr(users::Column::LockedUntil, Expr::value(until))
            .filter(users::Column::Id.eq(user.id))
            .exec(&txn)
            .await?;
        security_log::record(
            &txn,
            SecurityEventKind::Lockout,
            source,
            format!(
                "Cuenta bloqueada {} minutos tras {failures} intentos fallidos",
                settings.lockout.num_minutes()
            ),
        )
        .await?;
        ServiceError::AccountLocked {
            minutes: minutes_until(until, now),
        }
    } else {
        ServiceError::InvalidCredentials
    };
    txn.commit().await?;
    Ok(outcome)
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
    let seconds = (until - now).num_seconds().max(1);
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

    if !passwords::verify(request.current_password, Some(user.password_hash.clone())).await? {
        return Err(ServiceError::invalid(
            "current_password",
            "La contraseña actual no es correcta.",
        ));
    }
    let hash = passwords::hash(new_password.expose().to_string()).await?;
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    users::Entity::update(users::ActiveModel {
        id: Set(user.id),
        password_hash: Set(hash),
        password_changed_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    sessions::delete_for_user(&txn, user.id, Some(&auth.id_hash)).await?;
    security_log::record(
        &txn,
        SecurityEventKind::PasswordChange,
        &EventSource {
            user_id: Some(user.id),
            login: Some(user.login.clone()),
            ip: client.ip.clone(),
        },
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
