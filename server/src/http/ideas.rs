//! The ideas board: `/api/v1/ideas` (read, propose) and
//! `/api/v1/ideas/{id}/steps` (approve, discard, deliver, client's answer).

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath};
use crate::services::practices::ideas;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::ideas::{IdeaDraft, IdeaStep, IdeaView};
use axum::Json;
use axum::extract::State;
use chrono::Utc;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_ideas, propose))
        .routes(routes!(take_step))
}

/// The ideas the reader may see, newest first, each with its history and
/// the steps the reader may take.
#[utoipa::path(
    get,
    path = "/ideas",
    tag = "prácticas",
    responses(
        (status = 200, description = "Tablero de ideas", body = [IdeaView]),
        (status = 403, description = "Back office y calidad no usan el tablero", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_ideas(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<IdeaView>>> {
    Ok(Json(ideas::list(&state.db, &auth.actor).await?))
}

/// Puts an idea on the board (asesor, supervisor, coordinador); a resent
/// proposal (same `client_id`) answers the first.
#[utoipa::path(
    post,
    path = "/ideas",
    tag = "prácticas",
    request_body = IdeaDraft,
    responses(
        (status = 200, description = "Idea propuesta", body = IdeaView),
        (status = 403, description = "Su rol no propone ideas", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn propose(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(draft): ApiJson<IdeaDraft>,
) -> ApiResult<Json<IdeaView>> {
    Ok(Json(
        ideas::propose(&state.db, &auth.actor, draft, Utc::now()).await?,
    ))
}

/// One step of an idea's life: approve or discard (leaders, never on their
/// own idea), deliver to the client and record its answer (coordinador,
/// gerente).
#[utoipa::path(
    post,
    path = "/ideas/{id}/steps",
    tag = "prácticas",
    params(("id" = i64, Path, description = "La idea")),
    request_body = IdeaStep,
    responses(
        (status = 200, description = "Idea actualizada", body = IdeaView),
        (status = 403, description = "Su rol no da ese paso", body = ApiErrorBody),
        (status = 404, description = "No existe o no es de su equipo", body = ApiErrorBody),
        (status = 409, description = "El estado de la idea no lo permite", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn take_step(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(step): ApiJson<IdeaStep>,
) -> ApiResult<Json<IdeaView>> {
    Ok(Json(
        ideas::take_step(&state.db, &auth.actor, id, step, Utc::now()).await?,
    ))
}
