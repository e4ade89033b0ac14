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
use app::api::kpis::{
    BreakdownBy, BreakdownRow, ChecklistItem, EvaluableAgent, EvaluableInteraction, Granularity,
    KpiRecords, KpiReport, KpiSettings, MonitoringDraft, MonitoringView, SeriesPoint, SourceImport,
};
use app::domain::bases::{BaseKind, Segment};
use app::domain::kpis::{Kpi, KpiFilters, Period};
use app::domain::role::Capability;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_kpis))
        .routes(routes!(get_series))
        .routes(routes!(get_breakdown))
        .routes(routes!(get_records))
        .routes(routes!(export))
        .routes(routes!(list_monitoring, save_monitoring))
        .routes(routes!(monitoring_checklist))
        .routes(routes!(monitoring_agents))
        .routes(routes!(monitoring_interactions))
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

/// The period and filters of every view, with what the view adds.
#[derive(Debug, Deserialize, IntoParams)]
struct ViewQuery {
    from: NaiveDate,
    to: NaiveDate,
    team: Option<String>,
    agent: Option<String>,
    tipo_base: Option<BaseKind>,
    segmento: Option<Segment>,
    /// Series: `dia`, `semana`, `mes`; breakdown: `equipo`, `asesor`.
    by: Option<String>,
    /// Records: the KPI.
    kpi: Option<Kpi>,
    /// Export: `resumen`, `serie` or `desglose`.
    vista: Option<String>,
    /// Export: `csv` or `xlsx`.
    formato: Option<String>,
}

impl ViewQuery {
    fn base(&self) -> KpiQuery {
        KpiQuery {
            from: self.from,
            to: self.to,
            team: self.team.clone(),
            agent: self.agent.clone(),
            tipo_base: self.tipo_base,
            segmento: self.segmento,
        }
    }

    fn granularity(&self) -> Result<Granularity, ServiceError> {
        match self.by.as_deref().unwrap_or("dia") {
            "dia" => Ok(Granularity::Dia),
            "semana" => Ok(Granularity::Semana),
            "mes" => Ok(Granularity::Mes),
            other => Err(ServiceError::invalid(
                "by",
                format!("«{other}» no es una agrupación: use dia, semana o mes."),
            )),
        }
    }

    fn breakdown_by(&self) -> Result<BreakdownBy, ServiceError> {
        match self.by.as_deref().unwrap_or("equipo") {
            "equipo" => Ok(BreakdownBy::Equipo),
            "asesor" => Ok(BreakdownBy::Asesor),
            other => Err(ServiceError::invalid(
                "by",
                format!("«{other}» no es un desglose: use equipo o asesor."),
            )),
        }
    }
}

/// Checks the period and narrows the filters to what the actor may see.
async fn scoped(
    state: &AppState,
    auth: &Authenticated,
    query: &ViewQuery,
) -> Result<(Period, KpiFilters, KpiSettings), ServiceError> {
    let (period, filters) = query.base().split()?;
    let filters = kpis::scoped(&state.db, &auth.actor, filters).await?;
    Ok((period, filters, kpis::settings::get(&state.db).await?))
}

/// The seven indicators per day, week or month of the period.
#[utoipa::path(
    get,
    path = "/kpis/series",
    tag = "indicadores",
    params(ViewQuery),
    responses(
        (status = 200, description = "Tendencia", body = [SeriesPoint]),
        (status = 403, description = "Filtro fuera de su alcance, o back office", body = ApiErrorBody),
        (status = 422, description = "Periodo o agrupación inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_series(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<ViewQuery>,
) -> ApiResult<Json<Vec<SeriesPoint>>> {
    let by = query.granularity()?;
    let (period, filters, settings) = scoped(&state, &auth, &query).await?;
    Ok(Json(
        kpis::views::series(&state.db, period, &filters, by, &settings).await?,
    ))
}

/// The seven indicators per team or per agent (the drill-down).
#[utoipa::path(
    get,
    path = "/kpis/breakdown",
    tag = "indicadores",
    params(ViewQuery),
    responses(
        (status = 200, description = "Desglose", body = [BreakdownRow]),
        (status = 403, description = "Filtro fuera de su alcance, o back office", body = ApiErrorBody),
        (status = 422, description = "Periodo o desglose inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_breakdown(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<ViewQuery>,
) -> ApiResult<Json<Vec<BreakdownRow>>> {
    let by = query.breakdown_by()?;
    let (period, filters, settings) = scoped(&state, &auth, &query).await?;
    Ok(Json(
        kpis::views::breakdown(&state.db, period, &filters, by, &settings).await?,
    ))
}

/// The records behind one KPI's figure, newest first (at most 200).
#[utoipa::path(
    get,
    path = "/kpis/records",
    tag = "indicadores",
    params(ViewQuery),
    responses(
        (status = 200, description = "Registros", body = KpiRecords),
        (status = 403, description = "Filtro fuera de su alcance, o back office", body = ApiErrorBody),
        (status = 422, description = "Periodo inválido o falta el indicador", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_records(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<ViewQuery>,
) -> ApiResult<Json<KpiRecords>> {
    let kpi = query
        .kpi
        .ok_or_else(|| ServiceError::invalid("kpi", "Elija el indicador."))?;
    let (period, filters, settings) = scoped(&state, &auth, &query).await?;
    Ok(Json(
        kpis::views::records(&state.db, period, &filters, kpi, &settings).await?,
    ))
}

/// Any view of the dashboard as CSV (Excel in Spanish) or XLSX.
#[utoipa::path(
    get,
    path = "/kpis/export",
    tag = "indicadores",
    params(ViewQuery),
    responses(
        (status = 200, description = "Archivo", content_type = "text/csv"),
        (status = 403, description = "Filtro fuera de su alcance, o back office", body = ApiErrorBody),
        (status = 422, description = "Vista o formato inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn export(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<ViewQuery>,
) -> ApiResult<Response> {
    let (period, filters, settings) = scoped(&state, &auth, &query).await?;
    let vista = query.vista.clone().unwrap_or_else(|| "resumen".into());
    let sheet = match vista.as_str() {
        "resumen" => kpis::export::summary(
            &kpis::engine::compute(&state.db, period, &filters, &settings).await?,
        ),
        "serie" => kpis::export::series(
            &kpis::views::series(&state.db, period, &filters, query.granularity()?, &settings)
                .await?,
        ),
        "desglose" => {
            let by = query.breakdown_by()?;
            kpis::export::breakdown(
                &kpis::views::breakdown(&state.db, period, &filters, by, &settings).await?,
                by == BreakdownBy::Equipo,
            )
        }
        other => {
            return Err(ServiceError::invalid(
                "vista",
                format!("«{other}» no es una vista: use resumen, serie o desglose."),
            )
            .into());
        }
    };
    let name = format!("indicadores-{vista}-{}_{}", period.from, period.to);
    let (bytes, content_type, extension) = match query.formato.as_deref().unwrap_or("csv") {
        "csv" => (
            kpis::export::to_csv(&sheet)?,
            "text/csv; charset=utf-8",
            "csv",
        ),
        "xlsx" => (
            kpis::export::to_xlsx(&sheet)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        other => {
            return Err(ServiceError::invalid(
                "formato",
                format!("«{other}» no es un formato: use csv o xlsx."),
            )
            .into());
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{extension}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
struct MonitoringQuery {
    /// One agent's evaluations.
    agent: Option<String>,
}

/// Quality evaluations: the agent's own, the supervisor's team's, all for
/// calidad and the operation's leaders.
#[utoipa::path(
    get,
    path = "/monitoring",
    tag = "indicadores",
    params(MonitoringQuery),
    responses(
        (status = 200, description = "Evaluaciones", body = [MonitoringView]),
        (status = 403, description = "Asesor fuera de su alcance, o back office", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_monitoring(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<MonitoringQuery>,
) -> ApiResult<Json<Vec<MonitoringView>>> {
    Ok(Json(
        kpis::monitoring::list(&state.db, &auth.actor, query.agent).await?,
    ))
}

/// Saves an evaluation (calidad); its score feeds calidad emitida. A
/// retried save (same `request_id`) answers the first.
#[utoipa::path(
    post,
    path = "/monitoring",
    tag = "indicadores",
    request_body = MonitoringDraft,
    responses(
        (status = 200, description = "Guardada", body = MonitoringView),
        (status = 403, description = "Solo calidad", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos (por campo)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_monitoring(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(draft): ApiJson<MonitoringDraft>,
) -> ApiResult<Json<MonitoringView>> {
    Ok(Json(
        kpis::monitoring::save(&state.db, &auth.actor, draft, Utc::now()).await?,
    ))
}

/// The published guide's steps as a monitoring checklist.
#[utoipa::path(
    get,
    path = "/monitoring/checklist",
    tag = "indicadores",
    responses(
        (status = 200, description = "Pasos de la guía", body = [ChecklistItem]),
        (status = 403, description = "Back office", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn monitoring_checklist(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<ChecklistItem>>> {
    Ok(Json(
        kpis::monitoring::checklist(&state.db, &auth.actor).await?,
    ))
}

/// The agents calidad can evaluate, with their team.
#[utoipa::path(
    get,
    path = "/monitoring/agents",
    tag = "indicadores",
    responses(
        (status = 200, description = "Asesores", body = [EvaluableAgent]),
        (status = 403, description = "Solo calidad", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn monitoring_agents(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<EvaluableAgent>>> {
    Ok(Json(
        kpis::monitoring::agents(&state.db, &auth.actor).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct InteractionsQuery {
    /// The agent whose calls to list.
    agent: String,
}

/// An agent's latest closed calls, to choose the one an evaluation is about.
#[utoipa::path(
    get,
    path = "/monitoring/interactions",
    tag = "indicadores",
    params(InteractionsQuery),
    responses(
        (status = 200, description = "Interacciones recientes", body = [EvaluableInteraction]),
        (status = 403, description = "Solo calidad", body = ApiErrorBody),
        (status = 422, description = "Falta el asesor", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn monitoring_interactions(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<InteractionsQuery>,
) -> ApiResult<Json<Vec<EvaluableInteraction>>> {
    Ok(Json(
        kpis::monitoring::interactions(&state.db, &auth.actor, &query.agent).await?,
    ))
}
