//! `/healthz` (the process answers) and `/readyz` (the database answers).

use crate::db;
use crate::state::AppState;
use app::api::health::HealthStatus;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
}

/// The process is up.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operación",
    responses((status = 200, description = "Proceso activo", body = HealthStatus))
)]
async fn healthz() -> Json<HealthStatus> {
    Json(HealthStatus {
        status: "ok".into(),
        check: "proceso".into(),
    })
}

/// The database answers; load balancers send traffic only when it does.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operación",
    responses(
        (status = 200, description = "Listo", body = HealthStatus),
        (status = 503, description = "La base de datos no responde", body = HealthStatus),
    )
)]
async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<HealthStatus>) {
    if db::ping(&state.db).await {
        (
            StatusCode::OK,
            Json(HealthStatus {
                status: "ok".into(),
                check: "base_de_datos".into(),
            }),
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(HealthStatus {
                status: "no_disponible".into(),
                check: "base_de_datos".into(),
            }),
        )
    }
}
