//! `/api/v1/users` and `/api/v1/teams`: people and teams.

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath};
use crate::services::auth::Client;
use crate::services::sessions::Authenticated;
use crate::services::users;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::users::{
    CreateUserRequest, SetPasswordRequest, TeamView, UpdateUserRequest, UserView,
};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user))
        .routes(routes!(set_user_password))
        .routes(routes!(list_teams))
}

/// Users the caller may see: everyone for admin and gerente; the teams under
/// a coordinador or supervisor.
#[utoipa::path(
    get,
    path = "/users",
    tag = "usuarios",
    responses(
        (status = 200, description = "Usuarios visibles", body = Vec<UserView>),
        (status = 401, description = "No hay sesión", body = ApiErrorBody),
        (status = 403, description = "El rol no ve usuarios", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_users(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<UserView>>> {
    Ok(Json(users::list_users(&state.db, &auth.actor).await?))
}

/// Creates a user (admin).
#[utoipa::path(
    post,
    path = "/users",
    tag = "usuarios",
    request_body = CreateUserRequest,
    responses(
        (status = 201, description = "Usuario creado", body = UserView),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos o usuario repetido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn create_user(
    State(state): State<AppState>,
    auth: Authenticated,
    client: Client,
    ApiJson(request): ApiJson<CreateUserRequest>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    let user = users::create_user(&state.db, &auth.actor, request, client.ip).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// One user, within the caller's teams.
#[utoipa::path(
    get,
    path = "/users/{id}",
    tag = "usuarios",
    params(("id" = i64, Path, description = "Id del usuario")),
    responses(
        (status = 200, description = "El usuario", body = UserView),
        (status = 403, description = "Fuera de sus equipos", body = ApiErrorBody),
        (status = 404, description = "No existe", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_user(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(users::get_user(&state.db, &auth.actor, id).await?))
}

/// Changes name, role, leader, status or lock-out (admin). Absent fields stay.
#[utoipa::path(
    patch,
    path = "/users/{id}",
    tag = "usuarios",
    params(("id" = i64, Path, description = "Id del usuario")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, description = "Usuario modificado", body = UserView),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
        (status = 404, description = "No existe", body = ApiErrorBody),
        (status = 422, description = "Cambio inválido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn update_user(
    State(state): State<AppState>,
    auth: Authenticated,
    client: Client,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<UpdateUserRequest>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(
        users::update_user(&state.db, &auth.actor, id, request, client.ip).await?,
    ))
}

/// Sets a user's password (admin); their sessions end.
#[utoipa::path(
    put,
    path = "/users/{id}/password",
    tag = "usuarios",
    params(("id" = i64, Path, description = "Id del usuario")),
    request_body = SetPasswordRequest,
    responses(
        (status = 204, description = "Contraseña restablecida"),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
        (status = 404, description = "No existe", body = ApiErrorBody),
        (status = 422, description = "Contraseña inválida", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn set_user_password(
    State(state): State<AppState>,
    auth: Authenticated,
    client: Client,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<SetPasswordRequest>,
) -> ApiResult<StatusCode> {
    users::set_password(&state.db, &auth.actor, id, request, client.ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Teams (a supervisor and their agents) within the caller's reach.
#[utoipa::path(
    get,
    path = "/teams",
    tag = "usuarios",
    responses(
        (status = 200, description = "Equipos visibles", body = Vec<TeamView>),
        (status = 403, description = "El rol no ve equipos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_teams(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<TeamView>>> {
    Ok(Json(users::list_teams(&state.db, &auth.actor).await?))
}
