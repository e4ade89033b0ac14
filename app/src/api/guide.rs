//! The call guide over the API: procedure versions, the typification
//! catalog, interactions (start, autosave, close) and cases.

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send, upload};
use crate::domain::bases::{BaseKind, Segment};
use crate::domain::cases::{CaseEventKind, CaseState, InteractionStatus, VersionStatus};
use crate::domain::procedure::{Answers, Procedure};
use crate::paths::{api, encode_query_value};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

// --------------------------------------------------------------- procedures

/// A procedure version in the admin's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionSummary {
    pub id: i64,
    pub number: u32,
    pub status: VersionStatus,
    pub title: String,
    pub approved_on: NaiveDate,
    pub author: String,
    pub approver: String,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// Interactions that followed this version.
    pub interactions: u64,
}

/// One version whole, with what keeps it from being published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionView {
    pub summary: VersionSummary,
    pub procedure: Procedure,
    /// Empty when the version can be published.
    pub problems: Vec<String>,
}

/// A procedure file (TOML) sent for validation, import or as a draft's new
/// content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProcedureText {
    pub text: String,
}

/// `POST /api/v1/procedures/validate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ValidationReport {
    pub valid: bool,
    pub problems: Vec<String>,
}

pub async fn versions() -> Result<Vec<VersionSummary>, ClientError> {
    get(api::PROCEDURES).await
}

pub async fn version(id: i64) -> Result<VersionView, ClientError> {
    get(&api::procedure(id)).await
}

pub async fn version_text(id: i64) -> Result<ProcedureText, ClientError> {
    get(&api::procedure_file(id)).await
}

pub async fn copy_version(id: i64, csrf: &str) -> Result<VersionView, ClientError> {
    send::<(), _>(Method::Post, &api::procedure_copy(id), None, csrf).await
}

pub async fn save_version_text(
    id: i64,
    text: &ProcedureText,
    csrf: &str,
) -> Result<VersionView, ClientError> {
    send(Method::Put, &api::procedure_file(id), Some(text), csrf).await
}

pub async fn validate_text(
    text: &ProcedureText,
    csrf: &str,
) -> Result<ValidationReport, ClientError> {
    send(Method::Post, api::PROCEDURES_VALIDATE, Some(text), csrf).await
}

/// Imports the file chosen in the input with this id as a new draft.
pub async fn import_version(input_id: &str, csrf: &str) -> Result<VersionView, ClientError> {
    upload(api::PROCEDURES_IMPORT, input_id, csrf).await
}

pub async fn publish_version(id: i64, csrf: &str) -> Result<VersionView, ClientError> {
    send::<(), _>(Method::Post, &api::procedure_publish(id), None, csrf).await
}

// ----------------------------------------------------------- typifications

/// A code of the typification (marcación) catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Typification {
    pub code: String,
    pub name: String,
    /// The requirement (path) it belongs to: SAC, SOPORTE, PQR …
    pub requirement: Option<String>,
    /// Counts as solved in first contact.
    pub spc: bool,
    pub active: bool,
}

/// `POST /api/v1/typifications/import`: what a CSV changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TypificationImport {
    pub created: u32,
    pub updated: u32,
}

pub async fn typifications() -> Result<Vec<Typification>, ClientError> {
    get(api::TYPIFICATIONS).await
}

/// Imports the catalog CSV chosen in the input with this id.
pub async fn import_typifications(
    input_id: &str,
    csrf: &str,
) -> Result<TypificationImport, ClientError> {
    upload(api::TYPIFICATIONS_IMPORT, input_id, csrf).await
}

pub async fn save_typification(
    item: &Typification,
    csrf: &str,
) -> Result<Typification, ClientError> {
    send(
        Method::Put,
        &api::typification(&item.code),
        Some(item),
        csrf,
    )
    .await
}

// ------------------------------------------------------------ interactions

/// `POST /api/v1/interactions`: start (or resume) the guide for a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StartInteraction {
    pub record_id: i64,
    /// Chosen by the browser; the same key always means the same interaction.
    pub key: String,
}

/// The work in progress, as autosaved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InteractionDraft {
    /// Grows with every change: an older save never overwrites a newer one.
    pub revision: i64,
    pub current_step: String,
    pub answers: Answers,
    /// Steps visited, in order, ending with the current one.
    pub path: Vec<String>,
    /// Seconds spent on each step.
    pub step_seconds: BTreeMap<String, u32>,
    /// Seconds the customer was on hold.
    pub hold_seconds: u32,
}

/// An interaction as the guide and the case history see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InteractionView {
    pub id: i64,
    pub key: String,
    pub record_id: i64,
    pub case_id: Option<i64>,
    pub version_id: i64,
    pub version_number: u32,
    pub status: InteractionStatus,
    pub agent: UserRef,
    pub started_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub draft: InteractionDraft,
    pub requirement: Option<String>,
    pub typification: Option<String>,
    pub spc: Option<bool>,
    pub cun: Option<String>,
    pub case_state: Option<CaseState>,
    pub callback_at: Option<DateTime<Utc>>,
    pub notes: Option<String>,
    pub strategic_notes: Option<String>,
}

/// Everything the guide needs to run in the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GuideStart {
    pub interaction: InteractionView,
    /// The version the interaction follows (never changes under it).
    pub procedure: Procedure,
    pub typifications: Vec<Typification>,
    /// The open case of this customer the call continues, with its history.
    pub case: Option<CaseView>,
    /// The offer selector's data (procedures with an offers field).
    #[serde(default)]
    pub offers: Option<super::offers::OfferContext>,
    /// Where the customer is and the mass outages affecting them.
    #[serde(default)]
    pub field: super::field_ops::FieldContext,
}

/// `PUT /api/v1/interactions/{key}`: the revision now stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DraftSaved {
    pub revision: i64,
}

/// `POST /api/v1/interactions/{key}/close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CloseResult {
    pub interaction: InteractionView,
    pub case: Option<CaseSummary>,
}

/// An earlier contact of the same customer with the same code (falla masiva:
/// the same `INC`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RepeatContact {
    pub interaction_id: i64,
    pub at: DateTime<Utc>,
    pub agent: UserRef,
}

pub async fn start_interaction(
    request: &StartInteraction,
    csrf: &str,
) -> Result<GuideStart, ClientError> {
    send(Method::Post, api::INTERACTIONS, Some(request), csrf).await
}

pub async fn save_draft(
    key: &str,
    draft: &InteractionDraft,
    csrf: &str,
) -> Result<DraftSaved, ClientError> {
    send(Method::Put, &api::interaction(key), Some(draft), csrf).await
}

pub async fn close_interaction(
    key: &str,
    draft: &InteractionDraft,
    csrf: &str,
) -> Result<CloseResult, ClientError> {
    send(
        Method::Post,
        &api::interaction_close(key),
        Some(draft),
        csrf,
    )
    .await
}

pub async fn abandon_interaction(key: &str, csrf: &str) -> Result<(), ClientError> {
    send::<(), ()>(Method::Post, &api::interaction_abandon(key), None, csrf).await
}

pub async fn repeat_contacts(
    record_id: i64,
    field: &str,
    value: &str,
) -> Result<Vec<RepeatContact>, ClientError> {
    get(&format!(
        "{}?registro={record_id}&campo={}&valor={}",
        api::INTERACTIONS_REPEAT,
        encode_query_value(field),
        encode_query_value(value)
    ))
    .await
}

// ------------------------------------------------------------------- cases

/// A case in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    pub id: i64,
    pub record_id: i64,
    pub cuenta: String,
    pub nombre: String,
    pub base_id: i64,
    pub base_name: String,
    pub tipo_base: BaseKind,
    pub segmento: Segment,
    pub state: CaseState,
    pub owner: UserRef,
    pub typification: Option<String>,
    pub callback_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaseEventView {
    pub at: DateTime<Utc>,
    pub kind: CaseEventKind,
    pub actor: Option<UserRef>,
    pub detail: String,
}

/// A case whole: its history and the interactions on it, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaseView {
    pub summary: CaseSummary,
    pub events: Vec<CaseEventView>,
    pub interactions: Vec<InteractionView>,
    /// Technical visits booked for it (cancelled ones too).
    #[serde(default)]
    pub visits: Vec<super::field_ops::VisitView>,
    /// What it asked the back office, with the answers.
    #[serde(default)]
    pub escalations: Vec<super::field_ops::EscalationView>,
}

/// `POST /api/v1/cases/{id}/reassign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReassignCase {
    /// The agent's login.
    pub owner: String,
}

/// `GET /api/v1/cases?abiertos=…`: the agent's own cases, or a leader's
/// team's.
pub async fn cases(open_only: bool) -> Result<Vec<CaseSummary>, ClientError> {
    get(&format!("{}?abiertos={open_only}", api::CASES)).await
}

pub async fn case(id: i64) -> Result<CaseView, ClientError> {
    get(&api::case(id)).await
}

pub async fn reassign_case(id: i64, owner: &str, csrf: &str) -> Result<CaseSummary, ClientError> {
    send(
        Method::Post,
        &api::case_reassign(id),
        Some(&ReassignCase {
            owner: owner.to_string(),
        }),
        csrf,
    )
    .await
}
