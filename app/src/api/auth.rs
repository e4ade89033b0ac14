//! Login, logout and the current session.

use super::client::{ClientError, Method, send};
use crate::domain::role::Role;
use crate::paths::api;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Header that carries the CSRF token on every state-changing request.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub login: String,
    pub password: String,
}

/// Who is logged in, and the token their browser must echo in
/// [`CSRF_HEADER`] on every state-changing request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub user: CurrentUser,
    pub csrf_token: String,
    /// When the session ends at the latest, whatever the activity.
    pub expires_at: DateTime<Utc>,
    /// Minutes without activity after which the session ends.
    pub idle_timeout_minutes: u32,
}

/// The logged-in user as the app needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    /// The leader this user reports to, if any.
    pub reports_to: Option<UserRef>,
}

/// A short reference to a user.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UserRef {
    pub id: i64,
    pub login: String,
    pub name: String,
}

/// `GET /api/v1/auth/csrf`: a pre-session token for the login form, also set
/// in the `faro_csrf` cookie; the login request must echo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CsrfToken {
    pub csrf_token: String,
}

/// `PUT /api/v1/me/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/v1/auth/login` with the pre-session CSRF token.
pub async fn login(request: &LoginRequest, csrf_token: &str) -> Result<SessionInfo, ClientError> {
    send(Method::Post, api::LOGIN, Some(request), csrf_token).await
}

/// `POST /api/v1/auth/logout`.
pub async fn logout(csrf_token: &str) -> Result<(), ClientError> {
    send::<(), ()>(Method::Post, api::LOGOUT, None, csrf_token).await
}

/// `PUT /api/v1/me/password`.
pub async fn change_password(
    request: &ChangePasswordRequest,
    csrf_token: &str,
) -> Result<(), ClientError> {
    send(Method::Put, api::MY_PASSWORD, Some(request), csrf_token).await
}
