//! The agent's queue, attempts and the customer card.

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send};
use crate::domain::bases::{AttemptResult, BaseKind, RecordStatus, Segment};
use crate::paths::api;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A record in a list: enough to recognize it, no personal data in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordSummary {
    pub id: i64,
    pub cuenta: String,
    pub nombre: String,
    pub segmento: Segment,
    pub base_id: i64,
    pub base_name: String,
    pub base_kind: BaseKind,
    pub status: RecordStatus,
    pub attempts: u32,
    pub prioridad: i32,
    pub callback_at: Option<DateTime<Utc>>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The agent holding the record now, if any.
    pub held_by: Option<UserRef>,
}

/// `POST /api/v1/queue/next`: the record handed out, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NextRecord {
    pub record: Option<RecordSummary>,
    /// Until when the record is held for this agent.
    pub lease_expires_at: Option<DateTime<Utc>>,
    /// A callback agreed with this customer is due.
    pub is_callback: bool,
    /// Why nothing was handed out, in Spanish.
    pub message: Option<String>,
}

/// `POST /api/v1/records/{id}/attempts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttemptRequest {
    pub result: AttemptResult,
    /// Required for `VOLVER_A_LLAMAR`; optional after `CONTACTADO`.
    #[serde(default)]
    pub callback_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Chosen by the client once per attempt: a resent request is recorded once.
    pub request_id: String,
}

/// One attempt on a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttemptView {
    pub id: i64,
    pub result: AttemptResult,
    pub at: DateTime<Utc>,
    pub agent: UserRef,
    pub callback_at: Option<DateTime<Utc>>,
    /// `AGENTE` or `MARCADOR`.
    pub source: String,
    pub notes: Option<String>,
}

/// A phone number as the card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PhoneView {
    /// `******1234` unless revealed.
    pub number: String,
    /// On the list of numbers never to call.
    pub excluded: bool,
}

/// The customer card beside the guide (SPEC §2, procedure step 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CustomerCard {
    pub record: RecordSummary,
    /// `****1222` unless revealed.
    pub documento: Option<String>,
    pub phones: Vec<PhoneView>,
    pub ciudad: Option<String>,
    pub servicios: Vec<String>,
    pub plan: Option<String>,
    pub antiguedad_meses: Option<i32>,
    pub valor_mensual_centavos: Option<i64>,
    pub motivo: Option<String>,
    pub nota_encuesta: Option<i32>,
    pub fecha_evento: Option<NaiveDate>,
    /// Offer codes that came with the base.
    pub ofrecimientos: Vec<String>,
    /// The file's extra columns.
    pub extra: BTreeMap<String, String>,
    /// Newest first.
    pub attempts: Vec<AttemptView>,
    /// The same cuenta in other bases.
    pub other_records: Vec<RecordSummary>,
    /// Whether the current user holds the record (may record attempts).
    pub held_by_me: bool,
    /// This agent has a call through the guide in progress on the record.
    #[serde(default)]
    pub guide_in_progress: bool,
    /// The customer's open case (follow-up), if any: `(id, state)`.
    #[serde(default)]
    pub open_case: Option<(i64, crate::domain::cases::CaseState)>,
    pub lease_expires_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/records/{id}/reveal`: which personal datum to show whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevealField {
    Telefonos,
    Documento,
}

/// The revealed values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Revealed {
    pub values: Vec<String>,
}

/// `POST /api/v1/queue/next`.
pub async fn next_record(csrf: &str) -> Result<NextRecord, ClientError> {
    send::<(), NextRecord>(Method::Post, api::QUEUE_NEXT, None, csrf).await
}

/// `GET /api/v1/queue/current`: the record this agent holds, if any.
pub async fn current_record() -> Result<Option<RecordSummary>, ClientError> {
    get(api::QUEUE_CURRENT).await
}

/// `GET /api/v1/queue/callbacks`: this agent's callbacks, soonest first.
pub async fn my_callbacks() -> Result<Vec<RecordSummary>, ClientError> {
    get(api::QUEUE_CALLBACKS).await
}

/// `GET /api/v1/records/{id}/card`.
pub async fn customer_card(id: i64) -> Result<CustomerCard, ClientError> {
    get(&api::record_card(id)).await
}

/// `POST /api/v1/records/open?cuenta=…&base=…`: the dialer's screen-pop
/// opens this customer for the signed-in agent.
pub async fn open_record(
    cuenta: &str,
    base: &str,
    csrf: &str,
) -> Result<CustomerCard, ClientError> {
    send::<(), CustomerCard>(Method::Post, &api::record_open(cuenta, base), None, csrf).await
}

/// `POST /api/v1/records/{id}/attempts`.
pub async fn record_attempt(
    id: i64,
    request: &AttemptRequest,
    csrf: &str,
) -> Result<RecordSummary, ClientError> {
    send(Method::Post, &api::record_attempts(id), Some(request), csrf).await
}

/// `POST /api/v1/records/{id}/release`: give the record back untouched.
pub async fn release_record(id: i64, csrf: &str) -> Result<(), ClientError> {
    send::<(), ()>(Method::Post, &api::record_release(id), None, csrf).await
}

/// `POST /api/v1/records/{id}/keepalive`: still working on it.
pub async fn keep_record(id: i64, csrf: &str) -> Result<RecordSummary, ClientError> {
    send::<(), RecordSummary>(Method::Post, &api::record_keepalive(id), None, csrf).await
}

/// `POST /api/v1/records/{id}/reveal`.
pub async fn reveal(id: i64, field: RevealField, csrf: &str) -> Result<Revealed, ClientError> {
    send(Method::Post, &api::record_reveal(id), Some(&field), csrf).await
}

/// An agent's state as they and their leaders see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgentStateView {
    pub state: crate::domain::agent_state::AgentStateKind,
    pub reason: Option<String>,
    pub since: Option<DateTime<Utc>>,
    /// The guide step of the call in progress.
    pub step: Option<String>,
}

/// `PUT /api/v1/me/state`: available, or a pause with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChooseStateRequest {
    pub state: crate::domain::agent_state::AgentStateKind,
    #[serde(default)]
    pub reason: Option<String>,
}

/// `GET /api/v1/me/state`.
pub async fn my_state() -> Result<AgentStateView, ClientError> {
    get(api::MY_STATE).await
}

/// `PUT /api/v1/me/state`.
pub async fn choose_state(
    request: &ChooseStateRequest,
    csrf: &str,
) -> Result<AgentStateView, ClientError> {
    send(Method::Put, api::MY_STATE, Some(request), csrf).await
}
