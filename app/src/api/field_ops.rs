//! The visit agenda, the mass-outage registry and the escalation queue over
//! the API (SPEC §3 steps 3–4, §7).

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send, upload};
use crate::domain::field_ops::{
    CustomerPlace, EscalationKind, EscalationStatus, Franja, IncidentPriority, IncidentStatus,
    VisitKind, VisitStatus,
};
use crate::paths::{api, encode_query_value};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

// ------------------------------------------------------------------ agenda

/// One slot of the agenda: a zone, a day and a franja with its capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotView {
    pub id: i64,
    pub zone: String,
    pub date: NaiveDate,
    pub franja: Franja,
    pub capacity: i32,
    pub booked: i32,
    pub active: bool,
}

impl SlotView {
    pub fn available(&self) -> i32 {
        if self.active {
            (self.capacity - self.booked).max(0)
        } else {
            0
        }
    }
}

/// `POST /api/v1/visit-slots`: opens (or changes the capacity of) the slots
/// of one zone for every day of a range, in the franjas given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotBatch {
    pub zone: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub franjas: Vec<Franja>,
    pub capacity: i32,
    /// Sundays and Colombian public holidays get no slots.
    #[serde(default)]
    pub skip_holidays: bool,
}

/// `PATCH /api/v1/visit-slots/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotChange {
    pub capacity: i32,
    pub active: bool,
}

/// What a batch or a CSV changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SlotImport {
    pub created: u32,
    pub updated: u32,
}

/// `GET /api/v1/records/{id}/visit-slots`: what the guide offers a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Availability {
    pub place: CustomerPlace,
    /// A mass outage in the customer's zone: no visit may be booked.
    pub blocked_by: Option<IncidentView>,
    /// The zone's slots from today on (full ones included, to show them).
    pub slots: Vec<SlotView>,
    /// The visit this call already booked, if any.
    pub booked: Option<VisitView>,
}

/// A technical visit booked for a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VisitView {
    pub id: i64,
    pub record_id: i64,
    pub cuenta: String,
    pub nombre: String,
    pub case_id: Option<i64>,
    pub slot: SlotView,
    pub kind: VisitKind,
    /// The RR order number, once the call is closed.
    pub order_number: Option<String>,
    pub motivo: String,
    pub status: VisitStatus,
    pub booked_by: UserRef,
    pub booked_at: DateTime<Utc>,
    /// Why it was cancelled or last rescheduled.
    pub reason: Option<String>,
}

/// `POST /api/v1/visits`: books a slot from the guide. One visit per call:
/// sending again with another slot moves it; with the same slot, nothing
/// changes (a retried request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BookVisit {
    pub interaction_key: String,
    pub slot_id: i64,
    pub kind: VisitKind,
    pub motivo: String,
}

/// `POST /api/v1/visits/{id}/reschedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RescheduleVisit {
    pub slot_id: i64,
    pub reason: String,
}

/// `POST /api/v1/visits/{id}/cancel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CancelVisit {
    pub reason: String,
}

pub async fn slots(
    zone: Option<String>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SlotView>, ClientError> {
    let zone = zone
        .map(|z| format!("&zone={}", encode_query_value(&z)))
        .unwrap_or_default();
    get(&format!("{}?from={from}&to={to}{zone}", api::VISIT_SLOTS)).await
}

pub async fn open_slots(batch: &SlotBatch, csrf: &str) -> Result<SlotImport, ClientError> {
    send(Method::Post, api::VISIT_SLOTS, Some(batch), csrf).await
}

pub async fn change_slot(
    id: i64,
    change: &SlotChange,
    csrf: &str,
) -> Result<SlotView, ClientError> {
    send(Method::Patch, &api::visit_slot(id), Some(change), csrf).await
}

/// Imports the agenda CSV chosen in the input with this id.
pub async fn import_slots(input_id: &str, csrf: &str) -> Result<SlotImport, ClientError> {
    upload(api::VISIT_SLOTS_IMPORT, input_id, csrf).await
}

pub async fn availability(
    record_id: i64,
    interaction_key: &str,
) -> Result<Availability, ClientError> {
    get(&format!(
        "{}?interaction={}",
        api::record_visit_slots(record_id),
        encode_query_value(interaction_key)
    ))
    .await
}

pub async fn book_visit(request: &BookVisit, csrf: &str) -> Result<VisitView, ClientError> {
    send(Method::Post, api::VISITS, Some(request), csrf).await
}

/// The visits of a slot (agenda) or of a case.
pub async fn visits_of_slot(slot_id: i64) -> Result<Vec<VisitView>, ClientError> {
    get(&format!("{}?slot={slot_id}", api::VISITS)).await
}

pub async fn reschedule_visit(
    id: i64,
    request: &RescheduleVisit,
    csrf: &str,
) -> Result<VisitView, ClientError> {
    send(
        Method::Post,
        &api::visit_reschedule(id),
        Some(request),
        csrf,
    )
    .await
}

pub async fn cancel_visit(
    id: i64,
    request: &CancelVisit,
    csrf: &str,
) -> Result<VisitView, ClientError> {
    send(Method::Post, &api::visit_cancel(id), Some(request), csrf).await
}

// --------------------------------------------------------------- incidents

/// A mass-outage notice (what Diagnosticador shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IncidentView {
    pub id: i64,
    /// `INC` and digits.
    pub number: String,
    pub priority: IncidentPriority,
    pub description: String,
    pub zones: Vec<String>,
    pub nodes: Vec<String>,
    pub starts_at: DateTime<Utc>,
    pub expected_end: Option<DateTime<Utc>>,
    pub status: IncidentStatus,
    pub closed_at: Option<DateTime<Utc>>,
    /// Contacts linked to it so far.
    pub contacts: u32,
}

/// `POST /api/v1/incidents`, `PUT /api/v1/incidents/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IncidentDraft {
    pub number: String,
    pub priority: IncidentPriority,
    pub description: String,
    pub zones: Vec<String>,
    pub nodes: Vec<String>,
    pub starts_at: DateTime<Utc>,
    pub expected_end: Option<DateTime<Utc>>,
}

/// A customer who called while a notice lasted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LinkedCustomer {
    pub record_id: i64,
    pub cuenta: String,
    pub nombre: String,
    /// The agent of the last contact.
    pub agent: UserRef,
    pub contacts: u32,
    pub last_contact_at: DateTime<Utc>,
    pub case_id: Option<i64>,
    /// The callback the closing set (due at once).
    pub callback_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/incidents/{id}/close`: the notice and whom to call back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IncidentClosure {
    pub incident: IncidentView,
    pub customers: Vec<LinkedCustomer>,
}

/// In the guide: a notice that affects the customer, and how often they
/// already called for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutageNotice {
    pub incident: IncidentView,
    pub previous_contacts: u32,
    pub last_contact_at: Option<DateTime<Utc>>,
}

/// `GuideStart.field`: where the customer is and what affects them now.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldContext {
    pub place: CustomerPlace,
    pub outages: Vec<OutageNotice>,
}

pub async fn incidents(active_only: bool) -> Result<Vec<IncidentView>, ClientError> {
    get(&format!("{}?active={active_only}", api::INCIDENTS)).await
}

pub async fn create_incident(
    draft: &IncidentDraft,
    csrf: &str,
) -> Result<IncidentView, ClientError> {
    send(Method::Post, api::INCIDENTS, Some(draft), csrf).await
}

pub async fn update_incident(
    id: i64,
    draft: &IncidentDraft,
    csrf: &str,
) -> Result<IncidentView, ClientError> {
    send(Method::Put, &api::incident(id), Some(draft), csrf).await
}

pub async fn close_incident(id: i64, csrf: &str) -> Result<IncidentClosure, ClientError> {
    send::<(), _>(Method::Post, &api::incident_close(id), None, csrf).await
}

pub async fn incident_customers(id: i64) -> Result<Vec<LinkedCustomer>, ClientError> {
    get(&api::incident_customers(id)).await
}

// ------------------------------------------------------------- escalations

/// One answer of the back office, as the case shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EscalationAnswer {
    pub at: DateTime<Utc>,
    pub by: UserRef,
    pub text: String,
    /// The callback it set on the case.
    pub callback_at: Option<DateTime<Utc>>,
    /// True for the answer that resolved it.
    pub resolves: bool,
}

/// An escalation in the back office's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EscalationView {
    pub id: i64,
    pub kind: EscalationKind,
    pub status: EscalationStatus,
    pub case_id: i64,
    pub record_id: i64,
    pub cuenta: String,
    pub nombre: String,
    pub zone: Option<String>,
    /// The agent who owns the case.
    pub owner: UserRef,
    /// What the agent captured for the resolving area.
    pub data: String,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub taken_by: Option<UserRef>,
    pub taken_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub answers: Vec<EscalationAnswer>,
}

/// `POST /api/v1/escalations/{id}/answer` and `/resolve`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EscalationReply {
    pub text: String,
    /// When the agent should call the customer back; now when empty.
    #[serde(default)]
    pub callback_at: Option<DateTime<Utc>>,
}

/// The response time of one escalation kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EscalationSla {
    pub kind: EscalationKind,
    pub hours: i32,
}

/// Filters of the queue (`GET /api/v1/escalations`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EscalationFilter {
    pub status: Option<EscalationStatus>,
    /// Pending and in progress only (ignored when `status` is given).
    pub open_only: bool,
    pub kind: Option<EscalationKind>,
    pub overdue_only: bool,
    pub mine_only: bool,
}

impl EscalationFilter {
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.code()));
        } else if self.open_only {
            parts.push("open=true".to_string());
        }
        if let Some(kind) = self.kind {
            parts.push(format!("kind={}", kind.code()));
        }
        if self.overdue_only {
            parts.push("overdue=true".to_string());
        }
        if self.mine_only {
            parts.push("mine=true".to_string());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

pub async fn escalations(filter: &EscalationFilter) -> Result<Vec<EscalationView>, ClientError> {
    get(&format!("{}{}", api::ESCALATIONS, filter.query())).await
}

pub async fn take_escalation(id: i64, csrf: &str) -> Result<EscalationView, ClientError> {
    send::<(), _>(
        Method::Post,
        &api::escalation_action(id, "take"),
        None,
        csrf,
    )
    .await
}

pub async fn answer_escalation(
    id: i64,
    reply: &EscalationReply,
    csrf: &str,
) -> Result<EscalationView, ClientError> {
    send(
        Method::Post,
        &api::escalation_action(id, "answer"),
        Some(reply),
        csrf,
    )
    .await
}

pub async fn resolve_escalation(
    id: i64,
    reply: &EscalationReply,
    csrf: &str,
) -> Result<EscalationView, ClientError> {
    send(
        Method::Post,
        &api::escalation_action(id, "resolve"),
        Some(reply),
        csrf,
    )
    .await
}

pub async fn escalation_slas() -> Result<Vec<EscalationSla>, ClientError> {
    get(api::ESCALATION_SLAS).await
}

pub async fn save_escalation_slas(
    slas: &Vec<EscalationSla>,
    csrf: &str,
) -> Result<Vec<EscalationSla>, ClientError> {
    send(Method::Put, api::ESCALATION_SLAS, Some(slas), csrf).await
}
