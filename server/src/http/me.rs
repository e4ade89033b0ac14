//! `/api/v1/me`: the signed-in user.

use super::error::ApiResult;
use super::extract::ApiJson;
use crate::services::auth::{self, Client};
use crate::services::sessions::{self, Authenticated};
use crate::state::AppState;
use app::api::auth::{ChangePasswordRequest, SessionInfo};
use app::api::error::ApiErrorBody;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_me))
        .routes(routes!(change_my_password))
}

/// The signed-in user, their session and its CSRF token.
#[utoipa::path(
    get,
    path = "/me",
    tag = "sesión",
    responses(
        (status = 200, description = "Sesión actual", body = SessionInfo),
        (status = 401, description = "No hay sesión", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_me(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<SessionInfo>> {
    Ok(Json(
        sessions::session_info(&state.db, &state.settings, &auth).await?,
    ))
}

/// Changes one's own password; every other session of the user ends.
#[utoipa::path(
    put,
    path = "/me/password",
    tag = "sesión",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Contraseña cambiada"),
        (status = 401, description = "No hay sesión", body = ApiErrorBody),
        (status = 422, description = "Contraseña actual incorrecta o nueva inválida", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn change_my_password(
    State(state): State<AppState>,
    auth: Authenticated,
    client: Client,
    ApiJson(request): ApiJson<ChangePasswordRequest>,
) -> ApiResult<StatusCode> {
    auth::change_own_password(&state.db, &state.settings, &auth, request, &client).await?;
    Ok(StatusCode::NO_CONTENT)
}
