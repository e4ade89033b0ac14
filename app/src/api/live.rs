//! The dialer's webhook and the live events a signed-in tab receives.

use crate::domain::bases::AttemptResult;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Header carrying the dialer's shared secret (`Authorization: Bearer …` is
/// accepted as well).
pub const DIALER_SECRET_HEADER: &str = "x-faro-dialer-secret";

/// Server-sent event name of an answered call.
pub const EVENT_CALL_ANSWERED: &str = "llamada";

/// What the dialer reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DialerEventKind {
    /// The customer answered and the call was routed to the agent.
    Contestada,
    /// The result of a dialing attempt that never reached an agent (no
    /// answer, busy, voicemail, wrong number …).
    Resultado,
}

/// `POST /api/v1/dialer/events`. The record is given by `record_id`, or by
/// `cuenta` and `base` (the base's id or exact name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DialerEvent {
    /// The dialer's own id for this event: a resent event is applied once.
    pub event_id: String,
    pub kind: DialerEventKind,
    /// Login of the agent.
    pub agent: String,
    #[serde(default)]
    pub record_id: Option<i64>,
    #[serde(default)]
    pub cuenta: Option<String>,
    #[serde(default)]
    pub base: Option<String>,
    /// Required with `RESULTADO`.
    #[serde(default)]
    pub result: Option<AttemptResult>,
    /// With `VOLVER_A_LLAMAR`: when to call back.
    #[serde(default)]
    pub callback_at: Option<DateTime<Utc>>,
}

/// The answer to a dialer event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DialerEventReceipt {
    pub event_id: String,
    pub record_id: i64,
    /// False when this event id had already been applied.
    pub applied: bool,
}

/// The `llamada` event: a call was answered for this agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CallAnswered {
    pub record_id: i64,
    pub cuenta: String,
    pub nombre: String,
    pub base_name: String,
    pub at: DateTime<Utc>,
}

/// Server-sent event name of a back-office answer to one of the agent's
/// escalations.
pub const EVENT_ESCALATION_ANSWERED: &str = "escalamiento";

/// The `escalamiento` event: the back office answered (or resolved) an
/// escalation of a case this agent owns; the case's callback was updated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EscalationAnswered {
    pub escalation_id: i64,
    pub case_id: i64,
    pub cuenta: String,
    pub nombre: String,
    pub kind: crate::domain::field_ops::EscalationKind,
    pub text: String,
    pub resolved: bool,
    pub callback_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}
