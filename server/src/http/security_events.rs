//! `/api/v1/security-events`: the security log (admin).

use super::error::ApiResult;
use super::extract::ApiQuery;
use crate::services::security_log;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::security::SecurityEventPage;
use app::domain::role::Capability;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_security_events))
}

#[derive(Debug, Deserialize, IntoParams)]
struct PageQuery {
    /// Only events older than this id (from `next_before`).
    before: Option<i64>,
    /// Events per page, 1–200 (default 50).
    limit: Option<u64>,
}

/// Security events, newest first.
#[utoipa::path(
    get,
    path = "/security-events",
    tag = "seguridad",
    params(PageQuery),
    responses(
        (status = 200, description = "Una página del registro", body = SecurityEventPage),
        (status = 403, description = "Solo el administrador", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_security_events(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> ApiResult<Json<SecurityEventPage>> {
    auth.actor.require(Capability::ViewSecurityLog)?;
    let limit = query.limit.unwrap_or(50).clamp(1, 200);
    Ok(Json(
        security_log::list(&state.db, query.before, limit).await?,
    ))
}
