//! `/api/v1/team`: Equipo en vivo and reassigning customers.

use super::error::ApiResult;
use super::extract::ApiJson;
use crate::services::sessions::Authenticated;
use crate::services::team_live;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::team::{ReassignRequest, ReassignResult, TeamLive};
use axum::Json;
use axum::extract::State;
use chrono::Utc;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_team_live))
        .routes(routes!(reassign_records))
}

/// The leader's agents live: state and its start, the customer on the line,
/// long calls, callbacks due, today's work per base.
#[utoipa::path(
    get,
    path = "/team/live",
    tag = "equipo",
    responses(
        (status = 200, description = "Equipo en vivo", body = TeamLive),
        (status = 403, description = "Solo líderes", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_team_live(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<TeamLive>> {
    Ok(Json(
        team_live::live(&state.db, &auth.actor, Utc::now()).await?,
    ))
}

/// Moves an agent's open customers (callbacks they promised) to another agent
/// of the same team (supervisor of the team, or admin).
#[utoipa::path(
    post,
    path = "/team/reassign",
    tag = "equipo",
    request_body = ReassignRequest,
    responses(
        (status = 200, description = "Clientes reasignados", body = ReassignResult),
        (status = 403, description = "Fuera de sus equipos", body = ApiErrorBody),
        (status = 422, description = "Asesores no válidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn reassign_records(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(request): ApiJson<ReassignRequest>,
) -> ApiResult<Json<ReassignResult>> {
    Ok(Json(
        team_live::reassign(
            &state.db,
            &auth.actor,
            &request.from,
            &request.to,
            Utc::now(),
        )
        .await?,
    ))
}
