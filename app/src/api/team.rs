//! Equipo en vivo: what the leader watches on the floor.

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send};
use crate::domain::agent_state::AgentStateKind;
use crate::domain::bases::BaseStatus;
use crate::paths::api;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The customer an agent is on a call with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CallInProgress {
    pub record_id: i64,
    pub cuenta: String,
    pub nombre: String,
    pub base_name: String,
}

/// One agent, live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgentLive {
    pub agent: UserRef,
    pub supervisor: Option<UserRef>,
    pub state: AgentStateKind,
    /// The pause reason.
    pub reason: Option<String>,
    /// Since when the agent is in this state.
    pub since: Option<DateTime<Utc>>,
    /// The guide step of the call in progress.
    pub step: Option<String>,
    pub call: Option<CallInProgress>,
    /// On a call for longer than the floor's threshold.
    pub long_call: bool,
    /// Callbacks promised by this agent whose time has come.
    pub callbacks_due: u32,
    /// Callbacks promised for later today.
    pub callbacks_later_today: u32,
    pub attempts_today: u32,
    pub contacts_today: u32,
}

/// Today's work of one agent on one base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgentBaseProgress {
    pub agent_id: i64,
    pub attempts: u32,
    pub contacts: u32,
}

/// A base the team works, with its progress per agent today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaseLive {
    pub base_id: i64,
    pub name: String,
    pub status: BaseStatus,
    pub pending: u32,
    pub total: u32,
    pub per_agent: Vec<AgentBaseProgress>,
}

/// `GET /api/v1/team/live`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamLive {
    pub generated_at: DateTime<Utc>,
    pub long_call_minutes: u32,
    pub agents: Vec<AgentLive>,
    pub bases: Vec<BaseLive>,
}

/// `POST /api/v1/team/reassign`: the pending customers and callbacks an
/// agent owns go to another agent (an absence, a change of shift).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReassignRequest {
    /// Login of the agent who owns the records now.
    pub from: String,
    /// Login of the agent who takes them.
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReassignResult {
    pub moved: u32,
}

pub async fn team_live() -> Result<TeamLive, ClientError> {
    get(api::TEAM_LIVE).await
}

pub async fn reassign(
    request: &ReassignRequest,
    csrf: &str,
) -> Result<ReassignResult, ClientError> {
    send(Method::Post, api::TEAM_REASSIGN, Some(request), csrf).await
}
