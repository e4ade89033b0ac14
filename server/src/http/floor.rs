//! `/api/v1/settings/floor` and `/api/v1/excluded-numbers`: how the floor
//! works, set by administrators.

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath};
use crate::services::sessions::Authenticated;
use crate::services::{app_settings, exclusions};
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::queue_admin::{ExcludeRequest, ExcludedNumber};
use app::api::settings::FloorSettings;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_floor_settings, save_floor_settings))
        .routes(routes!(list_excluded_numbers, add_excluded_number))
        .routes(routes!(remove_excluded_number))
}

/// Lease length, long-call threshold and pause reasons (everyone reads them).
#[utoipa::path(
    get,
    path = "/settings/floor",
    tag = "configuración",
    responses((status = 200, description = "Configuración de la operación", body = FloorSettings)),
    security(("sesion" = []))
)]
async fn get_floor_settings(
    State(state): State<AppState>,
    _auth: Authenticated,
) -> ApiResult<Json<FloorSettings>> {
    Ok(Json(app_settings::floor(&state.db).await?))
}

/// Saves them (admin).
#[utoipa::path(
    put,
    path = "/settings/floor",
    tag = "configuración",
    request_body = FloorSettings,
    responses(
        (status = 200, description = "Guardada", body = FloorSettings),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
        (status = 422, description = "Valores inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_floor_settings(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(settings): ApiJson<FloorSettings>,
) -> ApiResult<Json<FloorSettings>> {
    Ok(Json(
        app_settings::save_floor(&state.db, &auth.actor, settings).await?,
    ))
}

/// Numbers never to call (admin).
#[utoipa::path(
    get,
    path = "/excluded-numbers",
    tag = "configuración",
    responses(
        (status = 200, description = "Números excluidos", body = Vec<ExcludedNumber>),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_excluded_numbers(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<ExcludedNumber>>> {
    Ok(Json(exclusions::list(&state.db, &auth.actor).await?))
}

/// Adds a number to the exclusion list (admin).
#[utoipa::path(
    post,
    path = "/excluded-numbers",
    tag = "configuración",
    request_body = ExcludeRequest,
    responses(
        (status = 200, description = "Número excluido", body = ExcludedNumber),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
        (status = 422, description = "Número o motivo inválido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn add_excluded_number(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(request): ApiJson<ExcludeRequest>,
) -> ApiResult<Json<ExcludedNumber>> {
    Ok(Json(
        exclusions::add(&state.db, &auth.actor, &request.phone, &request.reason).await?,
    ))
}

/// Takes a number off the exclusion list (admin).
#[utoipa::path(
    delete,
    path = "/excluded-numbers/{phone}",
    tag = "configuración",
    params(("phone" = String, Path, description = "El número")),
    responses(
        (status = 204, description = "Quitado de la lista"),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
        (status = 404, description = "No estaba en la lista", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn remove_excluded_number(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(phone): ApiPath<String>,
) -> ApiResult<StatusCode> {
    exclusions::remove(&state.db, &auth.actor, &phone).await?;
    Ok(StatusCode::NO_CONTENT)
}
