//! `/api/v1/interactions` and `/api/v1/cases`: the call guide at work.

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::services::cases;
use crate::services::interactions;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::guide::{
    CaseSummary, CaseView, CloseResult, DraftSaved, GuideStart, InteractionDraft, ReassignCase,
    RepeatContact, StartInteraction,
};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start_interaction))
        .routes(routes!(save_draft))
        .routes(routes!(close_interaction))
        .routes(routes!(abandon_interaction))
        .routes(routes!(repeat_contacts))
        .routes(routes!(list_cases))
        .routes(routes!(get_case))
        .routes(routes!(reassign_case))
}

/// Starts the guide for the record the agent holds, or resumes the call in
/// progress on it.
#[utoipa::path(
    post,
    path = "/interactions",
    tag = "guía",
    request_body = StartInteraction,
    responses(
        (status = 200, description = "La guía, con el procedimiento de la llamada", body = GuideStart),
        (status = 403, description = "Solo asesores del equipo", body = ApiErrorBody),
        (status = 409, description = "El cliente no está reservado para usted", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn start_interaction(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(request): ApiJson<StartInteraction>,
) -> ApiResult<Json<GuideStart>> {
    Ok(Json(
        interactions::start(&state.db, &auth.actor, request, Utc::now()).await?,
    ))
}

/// Autosave of the call in progress; an older revision never overwrites a
/// newer one.
#[utoipa::path(
    put,
    path = "/interactions/{key}",
    tag = "guía",
    params(("key" = String, Path, description = "Clave de la interacción")),
    request_body = InteractionDraft,
    responses(
        (status = 200, description = "La revisión guardada", body = DraftSaved),
        (status = 404, description = "No existe o es de otro asesor", body = ApiErrorBody),
        (status = 409, description = "Ya terminó", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_draft(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(key): ApiPath<String>,
    ApiJson(draft): ApiJson<InteractionDraft>,
) -> ApiResult<Json<DraftSaved>> {
    Ok(Json(
        interactions::save_draft(&state.db, &auth.actor, &key, draft, Utc::now()).await?,
    ))
}

/// Closes the call (idempotent): checks it against its procedure version,
/// stores it, opens or continues the case and records the contact.
#[utoipa::path(
    post,
    path = "/interactions/{key}/close",
    tag = "guía",
    params(("key" = String, Path, description = "Clave de la interacción")),
    request_body = InteractionDraft,
    responses(
        (status = 200, description = "Cerrada", body = CloseResult),
        (status = 404, description = "No existe o es de otro asesor", body = ApiErrorBody),
        (status = 422, description = "Falta algo (todo listado)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn close_interaction(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(key): ApiPath<String>,
    ApiJson(draft): ApiJson<InteractionDraft>,
) -> ApiResult<Json<CloseResult>> {
    Ok(Json(
        interactions::close(&state.db, &auth.actor, &key, draft, Utc::now()).await?,
    ))
}

/// The customer hung up: the interaction is kept as discarded.
#[utoipa::path(
    post,
    path = "/interactions/{key}/abandon",
    tag = "guía",
    params(("key" = String, Path, description = "Clave de la interacción")),
    responses(
        (status = 204, description = "Descartada"),
        (status = 404, description = "No existe o es de otro asesor", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn abandon_interaction(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(key): ApiPath<String>,
) -> ApiResult<StatusCode> {
    interactions::abandon(&state.db, &auth.actor, &key, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
struct RepeatQuery {
    /// The record on the line.
    registro: i64,
    /// The field (e.g. `numero_inc`).
    campo: String,
    /// Its value (e.g. `INC000123456`).
    valor: String,
}

/// Earlier contacts of this customer with the same value in a field
/// (falla masiva: already called for the same incident).
#[utoipa::path(
    get,
    path = "/interactions/repeat",
    tag = "guía",
    params(RepeatQuery),
    responses(
        (status = 200, description = "Contactos anteriores", body = [RepeatContact]),
        (status = 403, description = "Solo asesores del equipo", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn repeat_contacts(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<RepeatQuery>,
) -> ApiResult<Json<Vec<RepeatContact>>> {
    Ok(Json(
        interactions::repeats(
            &state.db,
            &auth.actor,
            query.registro,
            &query.campo,
            &query.valor,
            Utc::now(),
        )
        .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct CasesQuery {
    /// Only cases in follow-up (default `true`).
    abiertos: Option<bool>,
}

/// The agent's cases, or the leader's team's; soonest callback first.
#[utoipa::path(
    get,
    path = "/cases",
    tag = "guía",
    params(CasesQuery),
    responses(
        (status = 200, description = "Casos", body = [CaseSummary]),
        (status = 403, description = "Sin acceso", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_cases(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<CasesQuery>,
) -> ApiResult<Json<Vec<CaseSummary>>> {
    Ok(Json(
        cases::list(&state.db, &auth.actor, query.abiertos.unwrap_or(true)).await?,
    ))
}

/// A case with its history and interactions (its owner or their leaders).
#[utoipa::path(
    get,
    path = "/cases/{id}",
    tag = "guía",
    params(("id" = i64, Path, description = "Caso")),
    responses(
        (status = 200, description = "El caso", body = CaseView),
        (status = 403, description = "Fuera de su alcance", body = ApiErrorBody),
        (status = 404, description = "No existe", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_case(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<CaseView>> {
    Ok(Json(cases::view(&state.db, &auth.actor, id).await?))
}

/// Gives a case to another agent of the team (supervisor or admin).
#[utoipa::path(
    post,
    path = "/cases/{id}/reassign",
    tag = "guía",
    params(("id" = i64, Path, description = "Caso")),
    request_body = ReassignCase,
    responses(
        (status = 200, description = "Reasignado", body = CaseSummary),
        (status = 403, description = "Fuera de su equipo", body = ApiErrorBody),
        (status = 422, description = "Asesor no válido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn reassign_case(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ReassignCase>,
) -> ApiResult<Json<CaseSummary>> {
    Ok(Json(
        cases::reassign(&state.db, &auth.actor, id, &request.owner, Utc::now()).await?,
    ))
}
