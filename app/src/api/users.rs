//! Users and teams, as administrators and leaders see them.

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send};
use crate::domain::role::Role;
use crate::paths::api;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A user in a list or detail view.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub reports_to: Option<UserRef>,
    pub active: bool,
    /// Set while the account is locked out after failed logins.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/users` (admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CreateUserRequest {
    pub login: String,
    pub name: String,
    pub role: Role,
    /// Login of the leader this user reports to (required for asesor,
    /// supervisor and coordinador).
    #[serde(default)]
    pub reports_to: Option<String>,
    pub password: String,
}

/// `PATCH /api/v1/users/{id}` (admin). Absent fields stay as they are;
/// `reports_to: null` removes the leader.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UpdateUserRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub reports_to: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// `true` lifts a lock-out after failed logins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock: Option<bool>,
}

/// `PUT /api/v1/users/{id}/password` (admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SetPasswordRequest {
    pub password: String,
}

/// A supervisor's team: the unit of SPEC §5's `team` filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamView {
    pub supervisor: UserRef,
    pub coordinador: Option<UserRef>,
    pub agents: Vec<TeamMember>,
}

/// An agent of a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub active: bool,
}

/// `GET /api/v1/users`: the users the caller may see.
pub async fn list_users() -> Result<Vec<UserView>, ClientError> {
    get(api::USERS).await
}

/// `POST /api/v1/users`.
pub async fn create_user(request: &CreateUserRequest, csrf: &str) -> Result<UserView, ClientError> {
    send(Method::Post, api::USERS, Some(request), csrf).await
}

/// `PATCH /api/v1/users/{id}`.
pub async fn update_user(
    id: i64,
    request: &UpdateUserRequest,
    csrf: &str,
) -> Result<UserView, ClientError> {
    send(Method::Patch, &api::user(id), Some(request), csrf).await
}

/// `PUT /api/v1/users/{id}/password`.
pub async fn set_user_password(
    id: i64,
    request: &SetPasswordRequest,
    csrf: &str,
) -> Result<(), ClientError> {
    send(Method::Put, &api::user_password(id), Some(request), csrf).await
}

/// `GET /api/v1/teams`: the teams the caller may see.
pub async fn list_teams() -> Result<Vec<TeamView>, ClientError> {
    get(api::TEAMS).await
}

/// Distinguishes "field absent" (`None`) from "field null" (`Some(None)`).
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S, T>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_distinguishes_absent_from_null_leader() {
        let absent: UpdateUserRequest = serde_json::from_str(r#"{"name":"Ana"}"#).unwrap();
        assert_eq!(absent.reports_to, None);
        let null: UpdateUserRequest = serde_json::from_str(r#"{"reports_to":null}"#).unwrap();
        assert_eq!(null.reports_to, Some(None));
        let set: UpdateUserRequest = serde_json::from_str(r#"{"reports_to":"sup1"}"#).unwrap();
        assert_eq!(set.reports_to, Some(Some("sup1".into())));
    }
}
