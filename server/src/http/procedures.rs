//! `/api/v1/procedures` and `/api/v1/typifications`: the call guide's
//! configuration (admin).

use super::error::ApiResult;
use super::extract::{ApiJson, ApiPath};
use crate::services::procedures;
use crate::services::sessions::Authenticated;
use crate::services::typifications;
use crate::state::AppState;
use app::api::error::ApiErrorBody;
use app::api::guide::{
    ProcedureText, Typification, TypificationImport, ValidationReport, VersionSummary, VersionView,
};
use app::domain::role::Capability;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_versions))
        .routes(routes!(get_version))
        .routes(routes!(get_version_file, save_version_file))
        .routes(routes!(copy_version))
        .routes(routes!(publish_version))
        .routes(routes!(validate_file))
        .routes(routes!(import_file))
        .routes(routes!(list_typifications))
        .routes(routes!(save_typification))
        .routes(routes!(import_typifications))
}

/// Every procedure version, newest first (admin).
#[utoipa::path(
    get,
    path = "/procedures",
    tag = "procedimiento",
    responses(
        (status = 200, description = "Versiones", body = [VersionSummary]),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_versions(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<VersionSummary>>> {
    Ok(Json(procedures::list(&state.db, &auth.actor).await?))
}

/// One version with its steps and what keeps it from being published.
#[utoipa::path(
    get,
    path = "/procedures/{id}",
    tag = "procedimiento",
    params(("id" = i64, Path, description = "Versión")),
    responses(
        (status = 200, description = "La versión", body = VersionView),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 404, description = "No existe", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_version(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<VersionView>> {
    Ok(Json(procedures::get(&state.db, &auth.actor, id).await?))
}

/// The version as its file (TOML), for review and export.
#[utoipa::path(
    get,
    path = "/procedures/{id}/file",
    tag = "procedimiento",
    params(("id" = i64, Path, description = "Versión")),
    responses(
        (status = 200, description = "El archivo", body = ProcedureText),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn get_version_file(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ProcedureText>> {
    Ok(Json(ProcedureText {
        text: procedures::file(&state.db, &auth.actor, id).await?,
    }))
}

/// Replaces a draft's content with an edited file. Saved even with
/// problems; publishing needs none.
#[utoipa::path(
    put,
    path = "/procedures/{id}/file",
    tag = "procedimiento",
    params(("id" = i64, Path, description = "Borrador")),
    request_body = ProcedureText,
    responses(
        (status = 200, description = "Guardado, con sus problemas", body = VersionView),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 409, description = "No es un borrador", body = ApiErrorBody),
        (status = 422, description = "El archivo no se puede leer", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_version_file(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ProcedureText>,
) -> ApiResult<Json<VersionView>> {
    Ok(Json(
        procedures::save(&state.db, &auth.actor, id, &body.text, Utc::now()).await?,
    ))
}

/// A new draft copied from a version.
#[utoipa::path(
    post,
    path = "/procedures/{id}/copy",
    tag = "procedimiento",
    params(("id" = i64, Path, description = "Versión a copiar")),
    responses(
        (status = 201, description = "El borrador", body = VersionView),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn copy_version(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<(StatusCode, Json<VersionView>)> {
    Ok((
        StatusCode::CREATED,
        Json(procedures::copy(&state.db, &auth.actor, id, Utc::now()).await?),
    ))
}

/// Publishes a draft without problems; new calls follow it, calls in
/// progress keep theirs.
#[utoipa::path(
    post,
    path = "/procedures/{id}/publish",
    tag = "procedimiento",
    params(("id" = i64, Path, description = "Borrador")),
    responses(
        (status = 200, description = "Publicada", body = VersionView),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 422, description = "Tiene problemas (todos listados)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn publish_version(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<VersionView>> {
    Ok(Json(
        procedures::publish(&state.db, &auth.actor, id, Utc::now()).await?,
    ))
}

/// Checks a procedure file without storing it.
#[utoipa::path(
    post,
    path = "/procedures/validate",
    tag = "procedimiento",
    request_body = ProcedureText,
    responses(
        (status = 200, description = "Resultado", body = ValidationReport),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn validate_file(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiJson(body): ApiJson<ProcedureText>,
) -> ApiResult<Json<ValidationReport>> {
    auth.actor.require(Capability::Configure)?;
    let problems = match procedures::parse_file(&body.text) {
        Ok(procedure) => {
            let catalog = typifications::active_codes(&state.db).await?;
            procedures::problems(&procedure, Some(&catalog))
        }
        Err(message) => vec![message],
    };
    Ok(Json(ValidationReport {
        valid: problems.is_empty(),
        problems,
    }))
}

/// Imports a procedure file (the TOML text as the body) as a new draft.
#[utoipa::path(
    post,
    path = "/procedures/import",
    tag = "procedimiento",
    request_body(content = String, content_type = "text/plain"),
    responses(
        (status = 201, description = "El borrador", body = VersionView),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 422, description = "El archivo no se puede leer", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn import_file(
    State(state): State<AppState>,
    auth: Authenticated,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<VersionView>)> {
    let text = String::from_utf8(body.to_vec()).map_err(|_| {
        crate::services::ServiceError::invalid("text", "El archivo debe estar en UTF-8.")
    })?;
    Ok((
        StatusCode::CREATED,
        Json(procedures::import(&state.db, &auth.actor, &text, Utc::now()).await?),
    ))
}

/// The typification catalog (active codes; the admin sees all).
#[utoipa::path(
    get,
    path = "/typifications",
    tag = "procedimiento",
    responses(
        (status = 200, description = "Catálogo", body = [Typification]),
        (status = 403, description = "Sin acceso", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn list_typifications(
    State(state): State<AppState>,
    auth: Authenticated,
) -> ApiResult<Json<Vec<Typification>>> {
    Ok(Json(typifications::list(&state.db, &auth.actor).await?))
}

/// Creates or changes one code (admin).
#[utoipa::path(
    put,
    path = "/typifications/{code}",
    tag = "procedimiento",
    params(("code" = String, Path, description = "Código")),
    request_body = Typification,
    responses(
        (status = 200, description = "Guardada", body = Typification),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 422, description = "Datos no válidos", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn save_typification(
    State(state): State<AppState>,
    auth: Authenticated,
    ApiPath(code): ApiPath<String>,
    ApiJson(item): ApiJson<Typification>,
) -> ApiResult<Json<Typification>> {
    Ok(Json(
        typifications::save(&state.db, &auth.actor, &code, item, Utc::now()).await?,
    ))
}

/// Imports the catalog from CSV (`codigo,nombre,requerimiento,spc`), whole
/// or not at all.
#[utoipa::path(
    post,
    path = "/typifications/import",
    tag = "procedimiento",
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "Importado", body = TypificationImport),
        (status = 403, description = "Solo administradores", body = ApiErrorBody),
        (status = 422, description = "Líneas con problemas (todas listadas)", body = ApiErrorBody),
    ),
    security(("sesion" = []))
)]
async fn import_typifications(
    State(state): State<AppState>,
    auth: Authenticated,
    body: Bytes,
) -> ApiResult<Json<TypificationImport>> {
    Ok(Json(
        typifications::import(&state.db, &auth.actor, &body, Utc::now()).await?,
    ))
}
