//! `/api/v1/kpis`: the seven indicators (SPEC §5), their settings, and the
//! imports of the external sources they count.

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::imports::kpi_sources::SourceKind;
use crate::services::ServiceError;
use crate::services::kpis;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::kpis::{KpiReport, KpiSettings, SourceImport};
use app::domain::bases::{BaseKind, Segment};
use app::domain::kpis::{KpiFilters, Period};
use app::domain::role::Capability;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_kpis))
        .routes(routes!(get_settings, save_settings))
        .routes(routes!(import_source))
}

#[derive(Debug, Deserialize, IntoParams)]
struct KpiQuery {
    /// First day, `aaaa-mm-dd`, Bogotá time.
    from: NaiveDate,
    /// Last day, included.
    to: NaiveDate,
    /// A supervisor's login: their agents.
    team: Option<String>,
    /// An agent's login.
    agent: Option<String>,
    tipo_base: Option<BaseKind>,
    segmento: Option<Segment>,
}

impl KpiQuery {
    fn split(self) -> Result<(Period, KpiFilters), ServiceError> {
        let period = Period::new(self.from, self.to)
            .map_err(|message| ServiceError::invalid("to", message))?;
        Ok((
            period,
            KpiFilters {
                team: self.team,
                agent: self.agent,
                tipo_base: self.tipo_base,
                segmento: self.segmento,
            },
        ))
    }
}

/// The seven indicators for a period: value, numerator, denominator,
/// whether it applies to the filters, and goal. Agents get their own
/// figures, supervisors their team's.
#[utoipa::path(
    get,
    path = "/kpis",
    tag = "indicadores",
    params(KpiQuery),
    responses(
        (status = 200, description = "Indicadores", body = KpiReport),
        (status = 403, description = "Filtro fuera de su alcance, o back office", body = ApiErrorBody),
        (status = 422, description = "Periodo inválido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_kpis(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<KpiQuery>,
) -> ApiResult<Json<KpiReport>> {
    let (period, filters) = query.split()?;
    Ok(Json(
        kpis::report(&state.db, &auth.actor, period, filters).await?,
    ))
}

/// Goals, calidad MEC's weights, the FCR window and the detractor loop.
#[utoipa::path(
    get,
    path = "/kpis/settings",
    tag = "indicadores",
    responses(
        (status = 200, description = "Ajustes de los indicadores", body = KpiSettings),
        (status = 403, description = "Back office", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_settings(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<KpiSettings>> {
    if auth.actor.role == app::domain::role::Role::Backoffice {
        return Err(ServiceError::Forbidden.into());
    }
    Ok(Json(kpis::settings::get(&state.db).await?))
}

/// Saves the indicators' settings (gerente and admin).
#[utoipa::path(
    put,
    path = "/kpis/settings",
    tag = "indicadores",
    request_body = KpiSettings,
    responses(
        (status = 200, description = "Guardado", body = KpiSettings),
        (status = 403, description = "Solo gerente y administrador", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos (por campo)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_settings(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(settings): ApiJson<KpiSettings>,
) -> ApiResult<Json<KpiSettings>> {
    Ok(Json(
        kpis::settings::save(&state.db, &auth.actor, settings).await?,
    ))
}

/// Imports one file of an external source (`agentes`, `gestion`,
/// `interacciones`, `retencion`, `encuestas`, `monitoreo`, `asistencia`):
/// every bad line listed and nothing stored, or all of it; a re-import adds
/// only what is new.
#[utoipa::path(
    post,
    path = "/kpi-imports/{kind}",
    tag = "indicadores",
    params(("kind" = String, Path, description = "Fuente")),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "Importado", body = SourceImport),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 404, description = "Fuente desconocida", body = ApiErrorBody),
        (status = 422, description = "Líneas con problemas (todas listadas)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn import_source(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(kind): ApiPath<String>,
    body: Bytes,
) -> ApiResult<Json<SourceImport>> {
    auth.actor.require(Capability::Configure)?;
    let kind: SourceKind = kind.parse().map_err(ServiceError::NotFound)?;
    Ok(Json(
        kpis::imports::import_file(&state.db, kind, &body, Utc::now()).await?,
    ))
}
