//! `/api/v1/visit-slots`, `/api/v1/visits`, `/api/v1/incidents`,
//! `/api/v1/escalations` and `/api/v1/escalation-slas`: the visit agenda,
//! the mass-outage registry and the back office's escalation queue.

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::services::field_ops::{agenda, calls, escalations, incidents, visits};
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::field_ops::{
    Availability, BookVisit, CancelVisit, EscalationFilter, EscalationReply, EscalationSla,
    EscalationView, IncidentClosure, IncidentDraft, IncidentView, LinkedCustomer, RescheduleVisit,
    SlotBatch, SlotChange, SlotImport, SlotView, VisitView,
};
use app::domain::field_ops::{EscalationKind, EscalationStatus};
use app::domain::local_time::local_date;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use chrono::{Duration, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_slots, open_slots))
        .routes(routes!(change_slot))
        .routes(routes!(import_slots))
        .routes(routes!(record_slots))
        .routes(routes!(list_visits, book_visit))
        .routes(routes!(reschedule_visit))
        .routes(routes!(cancel_visit))
        .routes(routes!(list_incidents, create_incident))
        .routes(routes!(update_incident))
        .routes(routes!(close_incident))
        .routes(routes!(incident_customers))
        .routes(routes!(list_escalations))
        .routes(routes!(take_escalation))
        .routes(routes!(answer_escalation))
        .routes(routes!(resolve_escalation))
        .routes(routes!(list_slas, save_slas))
}

// ------------------------------------------------------------------ agenda

#[derive(Debug, Deserialize, IntoParams)]
struct SlotQuery {
    /// Only this zone (any spelling).
    zone: Option<String>,
    /// First day, `aaaa-mm-dd`; default today (Bogotá).
    from: Option<NaiveDate>,
    /// Last day, inclusive; default two weeks after `from`.
    to: Option<NaiveDate>,
}

/// The agenda's slots of a range (kept by the back office and the admin;
/// read by agents and leaders, who reschedule their cases' visits).
#[utoipa::path(
    get,
    path = "/visit-slots",
    tag = "visitas",
    params(SlotQuery),
    responses(
        (status = 200, description = "Cupos", body = [SlotView]),
        (status = 403, description = "Solo quienes trabajan llamadas, visitas o equipos", body = ApiErrorBody),
        (status = 422, description = "Rango inválido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_slots(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<SlotQuery>,
) -> ApiResult<Json<Vec<SlotView>>> {
    let from = query.from.unwrap_or_else(|| local_date(Utc::now()));
    let to = query.to.unwrap_or(from + Duration::days(13));
    Ok(Json(
        agenda::list(&state.db, &auth.actor, query.zone.as_deref(), from, to).await?,
    ))
}

/// Opens (or sets the capacity of) a zone's slots for every day of a range.
#[utoipa::path(
    post,
    path = "/visit-slots",
    tag = "visitas",
    request_body = SlotBatch,
    responses(
        (status = 200, description = "Cupos abiertos", body = SlotImport),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos (por campo)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn open_slots(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(batch): ApiJson<SlotBatch>,
) -> ApiResult<Json<SlotImport>> {
    Ok(Json(
        agenda::open(&state.db, &auth.actor, batch, Utc::now()).await?,
    ))
}

/// Changes one slot's capacity (never below what is booked) or closes it.
#[utoipa::path(
    patch,
    path = "/visit-slots/{id}",
    tag = "visitas",
    params(("id" = i64, Path, description = "Cupo")),
    request_body = SlotChange,
    responses(
        (status = 200, description = "Cupo", body = SlotView),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
        (status = 422, description = "Capacidad inválida", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn change_slot(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(change): ApiJson<SlotChange>,
) -> ApiResult<Json<SlotView>> {
    Ok(Json(
        agenda::change(&state.db, &auth.actor, id, change, Utc::now()).await?,
    ))
}

/// The agenda from CSV (`zona,fecha,franja,capacidad`), whole or not at all.
#[utoipa::path(
    post,
    path = "/visit-slots/import",
    tag = "visitas",
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "Importado", body = SlotImport),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
        (status = 422, description = "Líneas con problemas (todas listadas)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn import_slots(
    State(state): State<AppState>,
    auth: Authenticated,
    body: Bytes,
) -> ApiResult<Json<SlotImport>> {
    Ok(Json(
        agenda::import(&state.db, &auth.actor, &body, Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct AvailabilityQuery {
    /// The key of the agent's call in progress.
    interaction: String,
}

/// The slots the guide offers a customer: the zone's agenda for two weeks,
/// the outage that blocks booking and the visit this call already booked.
#[utoipa::path(
    get,
    path = "/records/{id}/visit-slots",
    tag = "visitas",
    params(("id" = i64, Path, description = "Registro"), AvailabilityQuery),
    responses(
        (status = 200, description = "Agenda del cliente", body = Availability),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
        (status = 404, description = "No es una llamada en curso del asesor", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn record_slots(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<AvailabilityQuery>,
) -> ApiResult<Json<Availability>> {
    Ok(Json(
        calls::availability(&state.db, &auth.actor, id, &query.interaction, Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct VisitQuery {
    /// The slot whose visits to list.
    slot: i64,
}

/// The visits booked in a slot (back office and admin).
#[utoipa::path(
    get,
    path = "/visits",
    tag = "visitas",
    params(VisitQuery),
    responses(
        (status = 200, description = "Visitas", body = [VisitView]),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_visits(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<VisitQuery>,
) -> ApiResult<Json<Vec<VisitView>>> {
    Ok(Json(
        visits::of_slot(&state.db, &auth.actor, query.slot).await?,
    ))
}

/// Books a slot for the agent's call in progress, atomically: never more
/// visits than the slot's capacity. One visit per call (again with another
/// slot moves it; the same slot again is a retry).
#[utoipa::path(
    post,
    path = "/visits",
    tag = "visitas",
    request_body = BookVisit,
    responses(
        (status = 200, description = "Visita agendada", body = VisitView),
        (status = 403, description = "Solo asesores", body = ApiErrorBody),
        (status = 409, description = "Cupo lleno, falla masiva en la zona o llamada terminada", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn book_visit(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(request): ApiJson<BookVisit>,
) -> ApiResult<Json<VisitView>> {
    Ok(Json(
        visits::book(&state.db, &auth.actor, request, Utc::now()).await?,
    ))
}

/// Moves a visit to another slot of its zone, with a reason.
#[utoipa::path(
    post,
    path = "/visits/{id}/reschedule",
    tag = "visitas",
    params(("id" = i64, Path, description = "Visita")),
    request_body = RescheduleVisit,
    responses(
        (status = 200, description = "Visita reprogramada", body = VisitView),
        (status = 403, description = "Sin permiso sobre esta visita", body = ApiErrorBody),
        (status = 409, description = "Cupo lleno, falla masiva o visita cancelada", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn reschedule_visit(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<RescheduleVisit>,
) -> ApiResult<Json<VisitView>> {
    Ok(Json(
        visits::reschedule(&state.db, &auth.actor, id, request, Utc::now()).await?,
    ))
}

/// Cancels a visit with a reason and frees its place.
#[utoipa::path(
    post,
    path = "/visits/{id}/cancel",
    tag = "visitas",
    params(("id" = i64, Path, description = "Visita")),
    request_body = CancelVisit,
    responses(
        (status = 200, description = "Visita cancelada", body = VisitView),
        (status = 403, description = "Sin permiso sobre esta visita", body = ApiErrorBody),
        (status = 409, description = "La visita ya estaba cancelada", body = ApiErrorBody),
        (status = 422, description = "Falta el motivo", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn cancel_visit(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<CancelVisit>,
) -> ApiResult<Json<VisitView>> {
    Ok(Json(
        visits::cancel(&state.db, &auth.actor, id, request, Utc::now()).await?,
    ))
}

// --------------------------------------------------------------- incidents

#[derive(Debug, Deserialize, IntoParams)]
struct IncidentQuery {
    /// Only active notices.
    #[serde(default)]
    active: bool,
}

/// The mass-outage notices, active first.
#[utoipa::path(
    get,
    path = "/incidents",
    tag = "avisos",
    params(IncidentQuery),
    responses(
        (status = 200, description = "Avisos", body = [IncidentView]),
        (status = 403, description = "Solo back office, administradores y líderes", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_incidents(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<IncidentQuery>,
) -> ApiResult<Json<Vec<IncidentView>>> {
    Ok(Json(
        incidents::list(&state.db, &auth.actor, query.active).await?,
    ))
}

/// Registers a notice.
#[utoipa::path(
    post,
    path = "/incidents",
    tag = "avisos",
    request_body = IncidentDraft,
    responses(
        (status = 200, description = "Aviso registrado", body = IncidentView),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos (por campo)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn create_incident(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(draft): ApiJson<IncidentDraft>,
) -> ApiResult<Json<IncidentView>> {
    Ok(Json(
        incidents::create(&state.db, &auth.actor, draft, Utc::now()).await?,
    ))
}

/// Changes an active notice.
#[utoipa::path(
    put,
    path = "/incidents/{id}",
    tag = "avisos",
    params(("id" = i64, Path, description = "Aviso")),
    request_body = IncidentDraft,
    responses(
        (status = 200, description = "Aviso", body = IncidentView),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
        (status = 409, description = "El aviso está cerrado", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos (por campo)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn update_incident(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(draft): ApiJson<IncidentDraft>,
) -> ApiResult<Json<IncidentView>> {
    Ok(Json(
        incidents::update(&state.db, &auth.actor, id, draft, Utc::now()).await?,
    ))
}

/// Closes a notice; every linked customer's case gets its callback due now.
/// Closing a closed notice again answers the same list.
#[utoipa::path(
    post,
    path = "/incidents/{id}/close",
    tag = "avisos",
    params(("id" = i64, Path, description = "Aviso")),
    responses(
        (status = 200, description = "Aviso cerrado y clientes para devolver la llamada", body = IncidentClosure),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn close_incident(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<IncidentClosure>> {
    Ok(Json(
        incidents::close(&state.db, &auth.actor, id, Utc::now()).await?,
    ))
}

/// The customers who called while the notice affected them.
#[utoipa::path(
    get,
    path = "/incidents/{id}/customers",
    tag = "avisos",
    params(("id" = i64, Path, description = "Aviso")),
    responses(
        (status = 200, description = "Clientes vinculados", body = [LinkedCustomer]),
        (status = 403, description = "Solo back office, administradores y líderes", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn incident_customers(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<LinkedCustomer>>> {
    Ok(Json(
        incidents::customers(&state.db, &auth.actor, id).await?,
    ))
}

// ------------------------------------------------------------- escalations

#[derive(Debug, Deserialize, IntoParams)]
struct EscalationQuery {
    status: Option<EscalationStatus>,
    /// Pending and in progress only (when no `status` is given).
    #[serde(default)]
    open: bool,
    kind: Option<EscalationKind>,
    /// Only those past their due time.
    #[serde(default)]
    overdue: bool,
    /// Only those the caller took.
    #[serde(default)]
    mine: bool,
}

/// The back office's queue: open first, soonest due first.
#[utoipa::path(
    get,
    path = "/escalations",
    tag = "escalamientos",
    params(EscalationQuery),
    responses(
        (status = 200, description = "Escalamientos", body = [EscalationView]),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_escalations(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<EscalationQuery>,
) -> ApiResult<Json<Vec<EscalationView>>> {
    let filter = EscalationFilter {
        status: query.status,
        open_only: query.open,
        kind: query.kind,
        overdue_only: query.overdue,
        mine_only: query.mine,
    };
    Ok(Json(
        escalations::list(&state.db, &auth.actor, &filter, Utc::now()).await?,
    ))
}

/// Takes an escalation.
#[utoipa::path(
    post,
    path = "/escalations/{id}/take",
    tag = "escalamientos",
    params(("id" = i64, Path, description = "Escalamiento")),
    responses(
        (status = 200, description = "Tomado", body = EscalationView),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
        (status = 409, description = "Ya lo tomó otra persona o está resuelto", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn take_escalation(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<EscalationView>> {
    Ok(Json(
        escalations::take(&state.db, &auth.actor, id, Utc::now()).await?,
    ))
}

/// Answers an escalation one holds: the answer goes on the case, the case's
/// callback is set and its agent's tab is alerted.
#[utoipa::path(
    post,
    path = "/escalations/{id}/answer",
    tag = "escalamientos",
    params(("id" = i64, Path, description = "Escalamiento")),
    request_body = EscalationReply,
    responses(
        (status = 200, description = "Respondido", body = EscalationView),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
        (status = 409, description = "No lo tiene tomado o ya está resuelto", body = ApiErrorBody),
        (status = 422, description = "Respuesta inválida", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn answer_escalation(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(reply): ApiJson<EscalationReply>,
) -> ApiResult<Json<EscalationView>> {
    let view = escalations::reply(&state.db, &auth.actor, id, reply, false, Utc::now()).await?;
    state.live.wake();
    Ok(Json(view))
}

/// Answers and resolves an escalation one holds.
#[utoipa::path(
    post,
    path = "/escalations/{id}/resolve",
    tag = "escalamientos",
    params(("id" = i64, Path, description = "Escalamiento")),
    request_body = EscalationReply,
    responses(
        (status = 200, description = "Resuelto", body = EscalationView),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
        (status = 409, description = "No lo tiene tomado o ya está resuelto", body = ApiErrorBody),
        (status = 422, description = "Respuesta inválida", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn resolve_escalation(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(reply): ApiJson<EscalationReply>,
) -> ApiResult<Json<EscalationView>> {
    let view = escalations::reply(&state.db, &auth.actor, id, reply, true, Utc::now()).await?;
    state.live.wake();
    Ok(Json(view))
}

/// The response time of each escalation kind.
#[utoipa::path(
    get,
    path = "/escalation-slas",
    tag = "escalamientos",
    responses(
        (status = 200, description = "Tiempos de respuesta", body = [EscalationSla]),
        (status = 403, description = "Solo back office y administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_slas(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<EscalationSla>>> {
    Ok(Json(escalations::list_slas(&state.db, &auth.actor).await?))
}

/// Sets the response times (admin); new escalations use them.
#[utoipa::path(
    put,
    path = "/escalation-slas",
    tag = "escalamientos",
    request_body = [EscalationSla],
    responses(
        (status = 200, description = "Guardados", body = [EscalationSla]),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 422, description = "Horas fuera de rango", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_slas(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(slas): ApiJson<Vec<EscalationSla>>,
) -> ApiResult<Json<Vec<EscalationSla>>> {
    Ok(Json(
        escalations::save_slas(&state.db, &auth.actor, slas, Utc::now()).await?,
    ))
}
