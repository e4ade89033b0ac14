//! `/api/v1/bases`: bases, their imports and their settings.

use super::error::{ApiError, ApiResult};
use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::imports::values::parse_date;
use crate::services::ServiceError;
use crate::services::base_imports::{self, ImportRequest, Importer};
use crate::services::bases;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::bases::{BaseView, ImportBaseQuery, ImportView, UpdateBaseRequest};
use app::api::error::ApiErrorBody;
use app::domain::bases::BaseKind;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use utoipa_axum::{
    router::{OpenApiRouter, UtoipaMethodRouterExt},
    routes,
};

/// The largest base file accepted (100,000 rows fit in about 20 MB).
const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_bases))
        .routes(routes!(get_base, update_base))
        .routes(routes!(import_base, list_imports).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
        .routes(routes!(get_import))
}

/// Bases within the caller's teams, with their counters.
#[utoipa::path(
    get,
    path = "/bases",
    tag = "bases",
    responses(
        (status = 200, description = "Bases visibles", body = Vec<BaseView>),
        (status = 403, description = "El rol no ve bases", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_bases(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<BaseView>>> {
    Ok(Json(bases::list(&state.db, &auth.actor).await?))
}

/// One base.
#[utoipa::path(
    get,
    path = "/bases/{id}",
    tag = "bases",
    params(("id" = i64, Path, description = "Id de la base")),
    responses(
        (status = 200, description = "La base", body = BaseView),
        (status = 403, description = "Fuera de sus equipos", body = ApiErrorBody),
        (status = 404, description = "No existe", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_base(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<BaseView>> {
    Ok(Json(bases::get(&state.db, &auth.actor, id).await?))
}

/// Pauses, resumes or closes a base; changes its validity, contact policy,
/// retry rules or (admin) teams.
#[utoipa::path(
    patch,
    path = "/bases/{id}",
    tag = "bases",
    params(("id" = i64, Path, description = "Id de la base")),
    request_body = UpdateBaseRequest,
    responses(
        (status = 200, description = "Base modificada", body = BaseView),
        (status = 403, description = "Fuera de sus equipos o rol sin permiso", body = ApiErrorBody),
        (status = 422, description = "Cambio inválido", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn update_base(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<UpdateBaseRequest>,
) -> ApiResult<Json<BaseView>> {
    Ok(Json(
        bases::update(&state.db, &auth.actor, id, request).await?,
    ))
}

/// Imports a CSV file (the request body) into a base, creating the base when
/// the name is new. Answers at once (202) and keeps working; follow it with
/// `GET /bases/imports/{id}`. The same file imported again answers the
/// earlier import (200) and adds nothing.
#[utoipa::path(
    post,
    path = "/bases/imports",
    tag = "bases",
    params(ImportBaseQuery),
    request_body(content = String, content_type = "text/csv", description = "El archivo CSV"),
    responses(
        (status = 202, description = "Importación en curso", body = ImportView),
        (status = 200, description = "Este archivo ya se había importado en la base", body = ImportView),
        (status = 403, description = "Solo administrador y supervisores", body = ApiErrorBody),
        (status = 422, description = "Datos de la importación inválidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn import_base(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiQuery(query): ApiQuery<ImportBaseQuery>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<ImportView>)> {
    let request = import_request(query)?;
    let (view, job) = base_imports::start(
        &state.db,
        Importer::User(&auth.actor),
        request,
        body.to_vec(),
    )
    .await?;
    match job {
        Some(job) => {
            let db = state.db.clone();
            let progress = state.imports.clone();
            tokio::spawn(async move {
                if let Err(err) = base_imports::run(&db, &progress, job).await {
                    tracing::error!(error = ?err, "base import could not record its outcome");
                }
            });
            Ok((StatusCode::ACCEPTED, Json(view)))
        }
        None => Ok((StatusCode::OK, Json(view))),
    }
}

fn import_request(query: ImportBaseQuery) -> Result<ImportRequest, ApiError> {
    let kind: BaseKind = query
        .tipo_base
        .parse()
        .map_err(|message: String| ServiceError::invalid("tipo_base", message))?;
    let date = |field: &str, value: &Option<String>| -> Result<_, ApiError> {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(value) => parse_date(value)
                .map(Some)
                .map_err(|message| ServiceError::invalid(field, message).into()),
            None => Ok(None),
        }
    };
    Ok(ImportRequest {
        base_name: query.nombre,
        kind,
        teams: query
            .equipos
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        file_name: query.archivo.unwrap_or_else(|| "archivo.csv".into()),
        valid_from: date("vigencia_desde", &query.vigencia_desde)?,
        valid_to: date("vigencia_hasta", &query.vigencia_hasta)?,
    })
}

/// The latest imports (the caller's; all for admins).
#[utoipa::path(
    get,
    path = "/bases/imports",
    tag = "bases",
    responses(
        (status = 200, description = "Importaciones recientes", body = Vec<ImportView>),
        (status = 403, description = "Solo administrador y supervisores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_imports(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<ImportView>>> {
    Ok(Json(base_imports::list(&state.db, &auth.actor).await?))
}

/// An import's progress and, when it ends, its result and per-line errors.
#[utoipa::path(
    get,
    path = "/bases/imports/{id}",
    tag = "bases",
    params(("id" = i64, Path, description = "Id de la importación")),
    responses(
        (status = 200, description = "La importación", body = ImportView),
        (status = 403, description = "Importación de otra persona", body = ApiErrorBody),
        (status = 404, description = "No existe", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_import(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ImportView>> {
    Ok(Json(
        base_imports::get(&state.db, &state.imports, &auth.actor, id).await?,
    ))
}
