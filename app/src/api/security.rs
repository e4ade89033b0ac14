//! The security event log, as administrators read it.

use super::client::{ClientError, get};
use crate::paths::api;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Kinds of security events written to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SecurityEventKind {
    LoginOk,
    LoginFailed,
    Lockout,
    Logout,
    RoleChange,
    Forbidden,
    PasswordChange,
    UserCreated,
    UserUpdated,
    UserDisabled,
}

impl SecurityEventKind {
    pub const ALL: [SecurityEventKind; 10] = [
        SecurityEventKind::LoginOk,
        SecurityEventKind::LoginFailed,
        SecurityEventKind::Lockout,
        SecurityEventKind::Logout,
        SecurityEventKind::RoleChange,
        SecurityEventKind::Forbidden,
        SecurityEventKind::PasswordChange,
        SecurityEventKind::UserCreated,
        SecurityEventKind::UserUpdated,
        SecurityEventKind::UserDisabled,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            SecurityEventKind::LoginOk => "login_ok",
            SecurityEventKind::LoginFailed => "login_failed",
            SecurityEventKind::Lockout => "lockout",
            SecurityEventKind::Logout => "logout",
            SecurityEventKind::RoleChange => "role_change",
            SecurityEventKind::Forbidden => "forbidden",
            SecurityEventKind::PasswordChange => "password_change",
            SecurityEventKind::UserCreated => "user_created",
            SecurityEventKind::UserUpdated => "user_updated",
            SecurityEventKind::UserDisabled => "user_disabled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            SecurityEventKind::LoginOk => "Inicio de sesión",
            SecurityEventKind::LoginFailed => "Inicio de sesión fallido",
            SecurityEventKind::Lockout => "Bloqueo por intentos fallidos",
            SecurityEventKind::Logout => "Cierre de sesión",
            SecurityEventKind::RoleChange => "Cambio de rol",
            SecurityEventKind::Forbidden => "Acceso denegado",
            SecurityEventKind::PasswordChange => "Cambio de contraseña",
            SecurityEventKind::UserCreated => "Usuario creado",
            SecurityEventKind::UserUpdated => "Usuario modificado",
            SecurityEventKind::UserDisabled => "Usuario desactivado",
        }
    }
}

/// One row of the security log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SecurityEventView {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: SecurityEventKind,
    /// The user the event is about (or who attempted it), when known.
    pub login: Option<String>,
    pub ip: Option<String>,
    pub detail: String,
}

/// A page of the security log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SecurityEventPage {
    pub events: Vec<SecurityEventView>,
    /// Pass as `before` to get the next (older) page; absent on the last page.
    pub next_before: Option<i64>,
}

/// `GET /api/v1/security-events[?before=ID]`.
pub async fn list_security_events(before: Option<i64>) -> Result<SecurityEventPage, ClientError> {
    get(&api::security_events_before(before)).await
}
