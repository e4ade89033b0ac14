//! The ideas board of the mejora continua meetings, as the API gives it.

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send};
use crate::domain::practices::ideas::{ClientStatus, IdeaAction, IdeaArea, IdeaStatus};
use crate::paths::api;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A new idea. `client_id` is chosen by the device so a resent proposal
/// lands once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IdeaDraft {
    pub client_id: String,
    pub area: IdeaArea,
    pub title: String,
    pub description: String,
}

/// A step taken on an idea. `client_status` goes with
/// `RESPUESTA_CLIENTE`; `note` is required to discard and to record the
/// client's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IdeaStep {
    pub action: IdeaAction,
    #[serde(default)]
    pub client_status: Option<ClientStatus>,
    #[serde(default)]
    pub note: String,
}

/// One step of an idea's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IdeaEventView {
    pub at: DateTime<Utc>,
    pub actor: UserRef,
    /// `None` for the proposal itself.
    pub action: Option<IdeaAction>,
    pub status: IdeaStatus,
    pub client_status: Option<ClientStatus>,
    pub note: String,
}

/// An idea with its history and what the reader may do with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IdeaView {
    pub id: i64,
    pub author: UserRef,
    pub area: IdeaArea,
    pub title: String,
    pub description: String,
    pub status: IdeaStatus,
    pub client_status: Option<ClientStatus>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub history: Vec<IdeaEventView>,
    pub actions: Vec<IdeaAction>,
}

/// The ideas the reader may see: their own (agents) or those of the
/// people in their scope (leaders), newest first.
pub async fn list_ideas() -> Result<Vec<IdeaView>, ClientError> {
    get(api::IDEAS).await
}

pub async fn propose(draft: &IdeaDraft, csrf: &str) -> Result<IdeaView, ClientError> {
    send(Method::Post, api::IDEAS, Some(draft), csrf).await
}

pub async fn take_step(id: i64, step: &IdeaStep, csrf: &str) -> Result<IdeaView, ClientError> {
    send(Method::Post, &api::idea_steps(id), Some(step), csrf).await
}
