//! Leaders' management practices: the catalog, the calendar, practices
//! recorded and adherence, as the API gives them.

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send};
use super::kpis::ChecklistItem;
use crate::domain::practices::adherence::WeekAdherence;
use crate::domain::practices::barometer::{ActionPlanDraft, PlanStatus, SurveyQuestion};
use crate::domain::practices::{Frequency, PracticeKind, RoleGoal};
use crate::paths::{api, encode_query_value};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// A practice of the catalog with its goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PracticeView {
    pub kind: PracticeKind,
    pub label: String,
    pub purpose: String,
    pub frequency: Frequency,
    pub duration_minutes: u32,
    pub goals: Vec<RoleGoal>,
    /// "supervisor: 1 al día" …
    pub goal_text: String,
    pub active: bool,
}

/// An administrator's change to one practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PracticeUpdate {
    pub frequency: Frequency,
    pub duration_minutes: u32,
    pub goals: Vec<RoleGoal>,
    pub active: bool,
}

/// Where an event of the calendar stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventStatus {
    Planeada,
    Realizada,
    Cancelada,
}

impl EventStatus {
    pub fn code(self) -> &'static str {
        match self {
            EventStatus::Planeada => "PLANEADA",
            EventStatus::Realizada => "REALIZADA",
            EventStatus::Cancelada => "CANCELADA",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventStatus::Planeada => "Planeada",
            EventStatus::Realizada => "Realizada",
            EventStatus::Cancelada => "Cancelada",
        }
    }

    pub fn parse(code: &str) -> Option<EventStatus> {
        [
            EventStatus::Planeada,
            EventStatus::Realizada,
            EventStatus::Cancelada,
        ]
        .into_iter()
        .find(|status| status.code() == code)
    }
}

/// An event of a leader's calendar. Times are local (Bogotá).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CalendarEvent {
    pub id: i64,
    pub leader: UserRef,
    /// The practice planned; `null` for a free "Agenda del líder" item.
    pub kind: Option<PracticeKind>,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub minutes: u32,
    pub participants: Vec<UserRef>,
    pub notes: String,
    /// Events planned together (a repeated event, or one "planificar semana").
    pub series_id: Option<String>,
    pub status: EventStatus,
    /// The practice recorded as done from this event.
    pub record_id: Option<i64>,
    /// Other events of the same leader that overlap this one.
    pub conflicts_with: Vec<i64>,
}

/// How an event repeats when created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RepeatDraft {
    pub frequency: Frequency,
    /// Weekdays for weekly and fortnightly series, 1 = Monday … 7 = Sunday.
    pub weekdays: Vec<u8>,
    /// The last day of the series (at most a year ahead).
    pub until: NaiveDate,
}

/// A new event (practice or free item), once or repeated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventDraft {
    /// Makes a retried create land once.
    pub request_id: String,
    pub kind: Option<PracticeKind>,
    /// Required for a free item; a practice defaults to its name.
    pub title: String,
    pub starts_at: NaiveDateTime,
    /// Default: the practice's duration (30 for a free item).
    pub minutes: Option<u32>,
    pub participants: Vec<i64>,
    pub notes: String,
    pub repeat: Option<RepeatDraft>,
}

/// A change to one event: moved, resized, retitled, or cancelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventChange {
    pub starts_at: NaiveDateTime,
    pub minutes: u32,
    pub title: String,
    pub participants: Vec<i64>,
    pub notes: String,
    pub cancelled: bool,
}

/// "Planificar semana".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WeekPlanRequest {
    pub request_id: String,
    /// Any day of the week to plan.
    pub week: NaiveDate,
}

/// The calendar of a leader between two days (inclusive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CalendarView {
    pub leader: UserRef,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub events: Vec<CalendarEvent>,
    /// People the leader may invite: their team.
    pub team: Vec<UserRef>,
}

/// Per kind, what a practice done records beyond date, time and notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "tipo", rename_all = "snake_case")]
pub enum RecordDetails {
    /// Diálogo diario / semanal, agenda, adherencia, mejora continua,
    /// circuito: what was agreed.
    General { agreements: String },
    /// Confirmación de proceso: the agent observed on a live call, the
    /// guide's steps marked, and the feedback the agent reads.
    ConfirmacionProceso {
        agent_id: i64,
        checklist: Vec<ChecklistItem>,
        feedback: String,
    },
    /// Confirmación de funciones: the leader observed running a practice.
    ConfirmacionFunciones {
        observed_id: i64,
        practice: PracticeKind,
        strengths: String,
        opportunities: String,
    },
    /// Barómetro: the work-climate survey shared with the team and the
    /// action plans agreed for its worst-rated questions.
    Barometro {
        /// The survey's period, as the company names it ("2026-2").
        period: String,
        respondents: u32,
        questions: Vec<SurveyQuestion>,
        plans: Vec<ActionPlanDraft>,
    },
}

/// A practice done, as entered (on a tablet possibly offline: `client_id`
/// makes a resent record land once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordDraft {
    pub client_id: String,
    pub kind: PracticeKind,
    /// The planned event it fulfils, if any.
    pub event_id: Option<i64>,
    pub started_at: NaiveDateTime,
    pub minutes: u32,
    pub participants: Vec<i64>,
    pub notes: String,
    pub details: RecordDetails,
}

/// A practice done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub id: i64,
    pub leader: UserRef,
    pub kind: PracticeKind,
    pub event_id: Option<i64>,
    pub day: NaiveDate,
    pub started_at: NaiveDateTime,
    pub minutes: u32,
    pub participants: Vec<UserRef>,
    pub notes: String,
    pub details: RecordDetails,
    /// Confirmación de proceso: the agent observed and the score 0–100.
    pub agent: Option<UserRef>,
    pub score: Option<f64>,
}

/// A leader's adherence over weeks, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LeaderAdherence {
    pub leader: UserRef,
    pub role: crate::domain::role::Role,
    pub weeks: Vec<WeekAdherence>,
}

/// Adherence of the leaders in the actor's scope, with the roll-up per week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AdherenceReport {
    pub leaders: Vec<LeaderAdherence>,
    /// Per week (newest first): credited and due over all the leaders.
    pub roll_up: Vec<WeekTotal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WeekTotal {
    pub week: NaiveDate,
    pub credited: u32,
    pub due: u32,
}

/// The secret address of a leader's calendar feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FeedLink {
    /// Path (with the token) to subscribe to from Outlook or Google Calendar.
    pub path: String,
}

pub async fn list_catalog() -> Result<Vec<PracticeView>, ClientError> {
    get(api::PRACTICES).await
}

pub async fn update_practice(
    kind: PracticeKind,
    update: &PracticeUpdate,
    csrf: &str,
) -> Result<PracticeView, ClientError> {
    send(
        Method::Put,
        &format!("{}/{}", api::PRACTICES, kind.code()),
        Some(update),
        csrf,
    )
    .await
}

/// The practices' changes in the catalog history, newest first (admin).
pub async fn practice_history() -> Result<Vec<super::offers::CatalogChange>, ClientError> {
    get(&format!("{}?entity=PRACTICA", api::OFFERS_HISTORY)).await
}

pub async fn calendar(
    from: NaiveDate,
    to: NaiveDate,
    leader: Option<i64>,
) -> Result<CalendarView, ClientError> {
    let mut path = format!("{}?from={from}&to={to}", api::CALENDAR);
    if let Some(leader) = leader {
        path.push_str(&format!(
            "&leader={}",
            encode_query_value(&leader.to_string())
        ));
    }
    get(&path).await
}

pub async fn create_event(
    draft: &EventDraft,
    csrf: &str,
) -> Result<Vec<CalendarEvent>, ClientError> {
    send(Method::Post, api::CALENDAR, Some(draft), csrf).await
}

pub async fn change_event(
    id: i64,
    change: &EventChange,
    csrf: &str,
) -> Result<CalendarEvent, ClientError> {
    send(
        Method::Put,
        &format!("{}/{id}", api::CALENDAR),
        Some(change),
        csrf,
    )
    .await
}

pub async fn plan_week(
    request: &WeekPlanRequest,
    csrf: &str,
) -> Result<Vec<CalendarEvent>, ClientError> {
    send(Method::Post, api::CALENDAR_PLAN_WEEK, Some(request), csrf).await
}

pub async fn save_record(draft: &RecordDraft, csrf: &str) -> Result<RecordView, ClientError> {
    send(Method::Post, api::PRACTICE_RECORDS, Some(draft), csrf).await
}

pub async fn list_records(from: NaiveDate, to: NaiveDate) -> Result<Vec<RecordView>, ClientError> {
    get(&format!("{}?from={from}&to={to}", api::PRACTICE_RECORDS)).await
}

/// The agent's confirmaciones de proceso, newest first.
pub async fn my_feedback() -> Result<Vec<RecordView>, ClientError> {
    get(api::PRACTICE_RECORDS_MINE).await
}

pub async fn adherence(weeks: u32) -> Result<AdherenceReport, ClientError> {
    get(&format!("{}?weeks={weeks}", api::ADHERENCE)).await
}

/// A barómetro action plan and its follow-ups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanView {
    pub id: i64,
    pub record_id: i64,
    /// The leader whose barómetro agreed it.
    pub leader: UserRef,
    pub owner: UserRef,
    pub question: String,
    pub action: String,
    pub due: NaiveDate,
    pub status: PlanStatus,
    pub overdue: bool,
    pub closed_at: Option<DateTime<Utc>>,
    pub follow_ups: Vec<FollowUpView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUpView {
    pub at: DateTime<Utc>,
    pub author: UserRef,
    pub note: String,
    pub closes: bool,
}

/// A follow-up of a plan; `close` closes it. `client_id` makes a resent
/// follow-up land once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FollowUpDraft {
    pub client_id: String,
    pub note: String,
    #[serde(default)]
    pub close: bool,
}

/// The barómetro plans the reader follows: their own meetings', those of the
/// leaders in their scope, and those they own.
pub async fn barometer_plans() -> Result<Vec<PlanView>, ClientError> {
    get(api::BAROMETER_PLANS).await
}

pub async fn follow_up_plan(
    id: i64,
    draft: &FollowUpDraft,
    csrf: &str,
) -> Result<PlanView, ClientError> {
    send(Method::Post, &api::plan_follow_ups(id), Some(draft), csrf).await
}

pub async fn feed_link(csrf: &str) -> Result<FeedLink, ClientError> {
    send::<(), _>(Method::Post, api::CALENDAR_FEED, None, csrf).await
}
