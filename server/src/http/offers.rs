//! `/api/v1/offers`, `/api/v1/retention-policies` and
//! `/api/v1/reports/retention`: the offer selector's configuration (admin)
//! and its conversion report (leaders).

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::services::offers;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::offers::{CatalogChange, OfferImport, RetentionReport};
use app::domain::local_time::local_date;
use app::domain::offers::{Offer, RetentionPolicy};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use chrono::{Datelike, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_offers))
        .routes(routes!(save_offer))
        .routes(routes!(import_offers))
        .routes(routes!(offer_history))
        .routes(routes!(list_policies))
        .routes(routes!(save_policy))
        .routes(routes!(retention_report))
}

/// The offer catalog (the admin sees retired offers too).
#[utoipa::path(
    get,
    path = "/offers",
    tag = "ofertas",
    responses(
        (status = 200, description = "Catálogo", body = [Offer]),
        (status = 403, description = "Sin permiso", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_offers(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<Offer>>> {
    Ok(Json(offers::list(&state.db, &auth.actor).await?))
}

/// Creates or changes one offer; retiring or activating it is saving it
/// with `active` changed. Every change is kept in the history.
#[utoipa::path(
    put,
    path = "/offers/{code}",
    tag = "ofertas",
    params(("code" = String, Path, description = "Código de la oferta")),
    request_body = Offer,
    responses(
        (status = 200, description = "Guardada", body = Offer),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos (por campo)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_offer(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(code): ApiPath<String>,
    ApiJson(offer): ApiJson<Offer>,
) -> ApiResult<Json<Offer>> {
    Ok(Json(
        offers::save(&state.db, &auth.actor, &code, offer, Utc::now()).await?,
    ))
}

/// Imports offers from CSV, whole or not at all.
#[utoipa::path(
    post,
    path = "/offers/import",
    tag = "ofertas",
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "Importado", body = OfferImport),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 422, description = "Líneas con problemas (todas listadas)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn import_offers(
    State(state): State<AppState>,
    auth: Authenticated,
    body: Bytes,
) -> ApiResult<Json<OfferImport>> {
    Ok(Json(
        offers::import(&state.db, &auth.actor, &body, Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct HistoryQuery {
    /// Only the changes of this offer or policy.
    code: Option<String>,
    /// Only the changes of one catalog: `OFERTA`, `POLITICA` or `PRACTICA`.
    entity: Option<String>,
}

/// Who changed which offer or policy, when and what; newest first (admin).
#[utoipa::path(
    get,
    path = "/offers/history",
    tag = "ofertas",
    params(HistoryQuery),
    responses(
        (status = 200, description = "Historial", body = [CatalogChange]),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn offer_history(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<HistoryQuery>,
) -> ApiResult<Json<Vec<CatalogChange>>> {
    Ok(Json(
        offers::history(&state.db, &auth.actor, query.code, query.entity).await?,
    ))
}

/// The campaigns' retention policies.
#[utoipa::path(
    get,
    path = "/retention-policies",
    tag = "ofertas",
    responses(
        (status = 200, description = "Políticas", body = [RetentionPolicy]),
        (status = 403, description = "Sin permiso", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_policies(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<RetentionPolicy>>> {
    Ok(Json(offers::list_policies(&state.db, &auth.actor).await?))
}

/// Creates or changes one campaign's policy.
#[utoipa::path(
    put,
    path = "/retention-policies/{code}",
    tag = "ofertas",
    params(("code" = String, Path, description = "Código de la política")),
    request_body = RetentionPolicy,
    responses(
        (status = 200, description = "Guardada", body = RetentionPolicy),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 422, description = "Datos inválidos (por campo)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_policy(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(code): ApiPath<String>,
    ApiJson(policy): ApiJson<RetentionPolicy>,
) -> ApiResult<Json<RetentionPolicy>> {
    Ok(Json(
        offers::save_policy(&state.db, &auth.actor, &code, policy, Utc::now()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
struct PeriodQuery {
    /// First day (Bogotá), `aaaa-mm-dd`; default the first of this month.
    from: Option<NaiveDate>,
    /// Last day (Bogotá), inclusive; default today.
    to: Option<NaiveDate>,
}

/// Conversion per ladder rung and per offer, and retention per service,
/// over calls closed in the period by the agents the caller leads.
#[utoipa::path(
    get,
    path = "/reports/retention",
    tag = "ofertas",
    params(PeriodQuery),
    responses(
        (status = 200, description = "Reporte", body = RetentionReport),
        (status = 403, description = "Solo líderes y administradores", body = ApiErrorBody),
        (status = 422, description = "Periodo inválido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn retention_report(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<PeriodQuery>,
) -> ApiResult<Json<RetentionReport>> {
    let today = local_date(Utc::now());
    let to = query.to.unwrap_or(today);
    let from = query.from.unwrap_or_else(|| to.with_day(1).unwrap_or(to));
    Ok(Json(
        offers::report::report(&state.db, &auth.actor, from, to).await?,
    ))
}
