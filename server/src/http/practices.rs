//! Leaders' management practices: `/api/v1/practices` (catalog),
//! `/api/v1/calendar`, `/api/v1/practice-records`, `/api/v1/adherence`, and
//! the token-addressed `.ics` feeds at `/ics/{token}.ics`.

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::services::practices::{self, adherence, calendar, feed, plans, records};
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::practices::{
    AdherenceReport, CalendarEvent, CalendarView, EventChange, EventDraft, FeedLink, FollowUpDraft,
    PlanView, PracticeUpdate, PracticeView, RecordDraft, RecordView, WeekPlanRequest,
};
use app::domain::practices::PracticeKind;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_practices))
        .routes(routes!(update_practice))
        .routes(routes!(get_calendar, create_event))
        .routes(routes!(change_event))
        .routes(routes!(plan_week))
        .routes(routes!(create_feed))
        .routes(routes!(list_records, save_record))
        .routes(routes!(my_feedback))
        .routes(routes!(get_adherence))
        .routes(routes!(list_plans))
        .routes(routes!(follow_up_plan))
}

/// Outside `/api/v1`: calendar programs fetch it without a session.
pub fn feed_router() -> axum::Router<AppState> {
    axum::Router::new().route("/ics/{file}", axum::routing::get(get_feed))
}

/// The nine practices with frequency, duration and goals per role.
#[utoipa::path(
    get,
    path = "/practices",
    tag = "prácticas",
    responses(
        (status = 200, description = "Catálogo de prácticas", body = [PracticeView]),
        (status = 403, description = "Ni líder ni administrador", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_practices(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<PracticeView>>> {
    Ok(Json(practices::list(&state.db, &auth.actor).await?))
}

/// Changes one practice's frequency, duration, goals or whether it is
/// active (admin); the change is kept in the catalog history.
#[utoipa::path(
    put,
    path = "/practices/{kind}",
    tag = "prácticas",
    params(("kind" = String, Path, description = "Código de la práctica")),
    request_body = PracticeUpdate,
    responses(
        (status = 200, description = "Práctica guardada", body = PracticeView),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn update_practice(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(kind): ApiPath<String>,
    ApiJson(update): ApiJson<PracticeUpdate>,
) -> ApiResult<Json<PracticeView>> {
    let kind: PracticeKind = kind
        .parse()
        .map_err(|message: String| crate::services::ServiceError::NotFound(message))?;
    Ok(Json(
        practices::update(&state.db, &auth.actor, kind, update, Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct RangeQuery {
    /// First day, `aaaa-mm-dd`, Bogotá time.
    from: NaiveDate,
    /// Last day, included.
    to: NaiveDate,
    /// Another leader's calendar (coordinador, gerente: within scope).
    leader: Option<i64>,
}

/// A leader's calendar between two days, with conflicts and the team.
#[utoipa::path(
    get,
    path = "/calendar",
    tag = "prácticas",
    params(RangeQuery),
    responses(
        (status = 200, description = "Calendario", body = CalendarView),
        (status = 403, description = "No es líder, o líder fuera de su alcance", body = ApiErrorBody),
        (status = 422, description = "Rango inválido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_calendar(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<RangeQuery>,
) -> ApiResult<Json<CalendarView>> {
    Ok(Json(
        calendar::view(&state.db, &auth.actor, query.from, query.to, query.leader).await?,
    ))
}

/// Plans an event (a practice or a free item), once or repeated. A retried
/// request (same `request_id`) answers the same events.
#[utoipa::path(
    post,
    path = "/calendar",
    tag = "prácticas",
    request_body = EventDraft,
    responses(
        (status = 200, description = "Eventos creados", body = [CalendarEvent]),
        (status = 403, description = "No es líder", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn create_event(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(draft): ApiJson<EventDraft>,
) -> ApiResult<Json<Vec<CalendarEvent>>> {
    Ok(Json(
        calendar::create(&state.db, &auth.actor, draft, Utc::now()).await?,
    ))
}

/// Moves, resizes, edits or cancels one of the leader's events.
#[utoipa::path(
    put,
    path = "/calendar/{id}",
    tag = "prácticas",
    params(("id" = i64, Path, description = "Evento")),
    request_body = EventChange,
    responses(
        (status = 200, description = "Evento guardado", body = CalendarEvent),
        (status = 404, description = "No está en su calendario", body = ApiErrorBody),
        (status = 409, description = "Ya realizado", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn change_event(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<EventChange>,
) -> ApiResult<Json<CalendarEvent>> {
    Ok(Json(
        calendar::change(&state.db, &auth.actor, id, change, Utc::now()).await?,
    ))
}

/// "Planificar semana": every practice owed that week and not yet planned,
/// placed in free time.
#[utoipa::path(
    post,
    path = "/calendar/plan-week",
    tag = "prácticas",
    request_body = WeekPlanRequest,
    responses(
        (status = 200, description = "Eventos planeados", body = [CalendarEvent]),
        (status = 403, description = "No es líder", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn plan_week(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(request): ApiJson<WeekPlanRequest>,
) -> ApiResult<Json<Vec<CalendarEvent>>> {
    Ok(Json(
        calendar::plan_week(&state.db, &auth.actor, request, Utc::now()).await?,
    ))
}

/// A new secret address for the leader's `.ics` feed; the previous one
/// stops working.
#[utoipa::path(
    post,
    path = "/calendar/feed",
    tag = "prácticas",
    responses(
        (status = 200, description = "Dirección del calendario", body = FeedLink),
        (status = 403, description = "No es líder", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn create_feed(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<FeedLink>> {
    Ok(Json(
        feed::create_link(&state.db, &auth.actor, Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct RecordsQuery {
    from: NaiveDate,
    to: NaiveDate,
}

/// Practices recorded between two days, within the actor's scope.
#[utoipa::path(
    get,
    path = "/practice-records",
    tag = "prácticas",
    params(RecordsQuery),
    responses(
        (status = 200, description = "Prácticas realizadas", body = [RecordView]),
        (status = 403, description = "Ni líder ni administrador", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_records(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<RecordsQuery>,
) -> ApiResult<Json<Vec<RecordView>>> {
    Ok(Json(
        records::list(&state.db, &auth.actor, query.from, query.to).await?,
    ))
}

/// Records a practice done; a resent record (same `client_id`) answers
/// the first.
#[utoipa::path(
    post,
    path = "/practice-records",
    tag = "prácticas",
    request_body = RecordDraft,
    responses(
        (status = 200, description = "Práctica registrada", body = RecordView),
        (status = 403, description = "No es líder", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_record(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(draft): ApiJson<RecordDraft>,
) -> ApiResult<Json<RecordView>> {
    Ok(Json(
        records::save(&state.db, &auth.actor, draft, Utc::now()).await?,
    ))
}

/// The agent's confirmaciones de proceso: score and feedback.
#[utoipa::path(
    get,
    path = "/practice-records/mine",
    tag = "prácticas",
    responses(
        (status = 200, description = "Confirmaciones de proceso del asesor", body = [RecordView]),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn my_feedback(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<RecordView>>> {
    Ok(Json(records::my_feedback(&state.db, &auth.actor).await?))
}

/// The barómetro action plans the reader follows: their own meetings',
/// those of the leaders in their scope and those they own; open first.
#[utoipa::path(
    get,
    path = "/barometer-plans",
    tag = "prácticas",
    responses(
        (status = 200, description = "Planes de acción del barómetro", body = [PlanView]),
        (status = 403, description = "No es líder", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_plans(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<PlanView>>> {
    Ok(Json(plans::list(&state.db, &auth.actor, Utc::now()).await?))
}

/// A follow-up of a barómetro action plan, possibly closing it; a resent
/// follow-up (same `client_id`) answers the plan as it stands.
#[utoipa::path(
    post,
    path = "/barometer-plans/{id}/follow-ups",
    tag = "prácticas",
    params(("id" = i64, Path, description = "El plan de acción")),
    request_body = FollowUpDraft,
    responses(
        (status = 200, description = "Seguimiento registrado", body = PlanView),
        (status = 403, description = "No es líder", body = ApiErrorBody),
        (status = 404, description = "No existe o no es de su equipo", body = ApiErrorBody),
        (status = 409, description = "El plan ya está cerrado", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn follow_up_plan(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(draft): ApiJson<FollowUpDraft>,
) -> ApiResult<Json<PlanView>> {
    Ok(Json(
        plans::follow_up(&state.db, &auth.actor, id, draft, Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct AdherenceQuery {
    /// Weeks of history, the current one included (1–26, default 8).
    weeks: Option<u32>,
}

/// Adherence per leader and week, with the roll-up over the leaders in
/// scope.
#[utoipa::path(
    get,
    path = "/adherence",
    tag = "prácticas",
    params(AdherenceQuery),
    responses(
        (status = 200, description = "Adherencia a las prácticas", body = AdherenceReport),
        (status = 403, description = "Ni líder ni administrador", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_adherence(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<AdherenceQuery>,
) -> ApiResult<Json<AdherenceReport>> {
    Ok(Json(
        adherence::report(&state.db, &auth.actor, query.weeks.unwrap_or(8), Utc::now()).await?,
    ))
}

/// The `.ics` feed of the leader whose token is in the address.
async fn get_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match feed::render(&state.db, token, Utc::now()).await {
        Ok(Some(body)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            body,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "no se pudo generar el calendario .ics");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
