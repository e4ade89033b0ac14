//! `/api/v1/auth`: login, logout and the pre-session CSRF token.

use super::cookies;
use super::error::{ApiError, ApiResult};
use super::extract::ApiJson;
use crate::services::auth::{self, Client};
use crate::services::sessions::{self, Authenticated, random_token};
use crate::state::AppState;
use app::api::auth::{CsrfToken, LoginRequest, SessionInfo};
use app::api::error::ApiErrorBody;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(get_csrf_token))
}

/// Signs in and starts a new session (its id is set in the `faro_session`
/// cookie). Requires the pre-session token of `GET /auth/csrf` in
/// `X-CSRF-Token`.
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "sesión",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Sesión iniciada", body = SessionInfo),
        (status = 401, description = "Usuario o contraseña incorrectos", body = ApiErrorBody),
        (status = 403, description = "Token CSRF ausente o incorrecto", body = ApiErrorBody),
        (status = 422, description = "Faltan datos", body = ApiErrorBody),
        (status = 423, description = "Cuenta bloqueada por intentos fallidos", body = ApiErrorBody),
        (status = 429, description = "Demasiados intentos desde esta dirección", body = ApiErrorBody),
    )
)]
async fn login(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    ApiJson(request): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    let previous = cookies::read(&headers, cookies::SESSION);
    let session = auth::login(
        &state.db,
        &state.settings,
        request,
        &client,
        previous.as_deref(),
    )
    .await?;
    let info = sessions::session_info(&state.db, &state.settings, &session.authenticated).await?;
    let mut response = Json(info).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::session(
            &session.token,
            &state.settings,
            cookies::secure(&state.settings, &headers),
        ),
    );
    Ok(response)
}

/// Ends the current session.
#[utoipa::path(
    post,
    path = "/auth/logout",
    tag = "sesión",
    responses(
        (status = 204, description = "Sesión cerrada"),
        (status = 401, description = "No hay sesión", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn logout(
    State(state): State<AppState>,
    client: Client,
    auth: Authenticated,
    headers: HeaderMap,
) -> ApiResult<Response> {
    auth::logout(&state.db, &auth, &client).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear_session(cookies::secure(&state.settings, &headers)),
    );
    Ok(response)
}

/// A pre-session CSRF token for clients that sign in through the API; it is
/// also set in the `faro_csrf` cookie, and login must echo it.
#[utoipa::path(
    get,
    path = "/auth/csrf",
    tag = "sesión",
    responses((status = 200, description = "Token para el inicio de sesión", body = CsrfToken))
)]
async fn get_csrf_token(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let token = cookies::read(&headers, cookies::LOGIN_CSRF).unwrap_or_else(random_token);
    let mut response = Json(CsrfToken {
        csrf_token: token.clone(),
    })
    .into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::login_csrf(&token, cookies::secure(&state.settings, &headers)),
    );
    Ok(response)
}
