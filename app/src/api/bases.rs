//! Bases and their imports, as leaders and administrators see them.

use super::auth::UserRef;
use super::client::{ClientError, Method, get, send, upload};
use crate::domain::bases::{BaseKind, BaseStatus, RetryRules, Segment};
use crate::domain::contact_policy::ContactPolicy;
use crate::paths::api;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How many records of a base are where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaseCounters {
    pub pendientes: u64,
    pub en_gestion: u64,
    pub contactados: u64,
    pub cerrados: u64,
    pub total: u64,
}

/// A base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BaseView {
    pub id: i64,
    pub name: String,
    pub kind: BaseKind,
    pub segments: Vec<Segment>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub status: BaseStatus,
    /// The supervisors whose teams work this base.
    pub teams: Vec<UserRef>,
    pub counters: BaseCounters,
    pub contact_policy: ContactPolicy,
    pub retry_rules: RetryRules,
    pub created_at: DateTime<Utc>,
}

/// `PATCH /api/v1/bases/{id}`: absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UpdateBaseRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<BaseStatus>,
    /// Supervisor logins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_policy: Option<ContactPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_rules: Option<RetryRules>,
}

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ImportStatus {
    /// Being read and stored.
    Procesando,
    /// Stored whole.
    Completada,
    /// Bad rows: nothing was stored.
    Rechazada,
    /// Stopped by a failure (e.g. the server restarted): nothing was stored.
    Fallida,
}

impl ImportStatus {
    pub fn code(self) -> &'static str {
        match self {
            ImportStatus::Procesando => "PROCESANDO",
            ImportStatus::Completada => "COMPLETADA",
            ImportStatus::Rechazada => "RECHAZADA",
            ImportStatus::Fallida => "FALLIDA",
        }
    }

    pub fn from_code(code: &str) -> ImportStatus {
        match code {
            "PROCESANDO" => ImportStatus::Procesando,
            "COMPLETADA" => ImportStatus::Completada,
            "RECHAZADA" => ImportStatus::Rechazada,
            _ => ImportStatus::Fallida,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ImportStatus::Procesando => "Procesando",
            ImportStatus::Completada => "Completada",
            ImportStatus::Rechazada => "Rechazada",
            ImportStatus::Fallida => "Fallida",
        }
    }

    pub fn is_finished(self) -> bool {
        self != ImportStatus::Procesando
    }
}

/// A problem with one line of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportRowError {
    pub line: u32,
    pub column: Option<String>,
    pub message: String,
}

/// An import and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportView {
    pub id: i64,
    pub base_id: Option<i64>,
    pub base_name: String,
    pub file_name: String,
    pub status: ImportStatus,
    pub rows_total: u32,
    pub rows_processed: u32,
    pub rows_inserted: u32,
    /// Records already in the base (a file imported again).
    pub rows_duplicated: u32,
    /// The first problems found (at most 500); `errors_total` counts all.
    pub errors: Vec<ImportRowError>,
    pub errors_total: u32,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl ImportView {
    /// 0–100, for the progress bar.
    pub fn percent(&self) -> u32 {
        if self.status.is_finished() {
            100
        } else {
            (self.rows_processed.min(self.rows_total) * 100)
                .checked_div(self.rows_total)
                .unwrap_or(0)
        }
    }
}

/// Query of `POST /api/v1/bases/imports` (the body is the CSV file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ImportBaseQuery {
    /// The base's name; a new name creates the base, an existing one adds to it.
    pub nombre: String,
    /// FIDELIZACION, ABANDONOS, DETRACTORES, CANCELACIONES or BROWNFIELD.
    pub tipo_base: String,
    /// Supervisor logins separated by commas (admin only; a supervisor
    /// imports for their own team).
    #[serde(default)]
    pub equipos: Option<String>,
    /// The file's name, for the history.
    #[serde(default)]
    pub archivo: Option<String>,
    #[serde(default)]
    pub vigencia_desde: Option<String>,
    #[serde(default)]
    pub vigencia_hasta: Option<String>,
}

/// `GET /api/v1/bases`.
pub async fn list_bases() -> Result<Vec<BaseView>, ClientError> {
    get(api::BASES).await
}

/// `PATCH /api/v1/bases/{id}`.
pub async fn update_base(
    id: i64,
    request: &UpdateBaseRequest,
    csrf: &str,
) -> Result<BaseView, ClientError> {
    send(Method::Patch, &api::base(id), Some(request), csrf).await
}

/// `GET /api/v1/bases/imports/{id}`.
pub async fn get_import(id: i64) -> Result<ImportView, ClientError> {
    get(&api::base_import(id)).await
}

/// `GET /api/v1/bases/imports`: the latest imports the caller may see.
pub async fn list_imports() -> Result<Vec<ImportView>, ClientError> {
    get(api::BASE_IMPORTS).await
}

/// `POST /api/v1/bases/imports`: uploads the file chosen in `input_id`.
pub async fn upload_base(
    query: &ImportBaseQuery,
    input_id: &str,
    csrf: &str,
) -> Result<ImportView, ClientError> {
    let mut path = format!(
        "{}?nombre={}&tipo_base={}",
        api::BASE_IMPORTS,
        crate::paths::encode_query_value(&query.nombre),
        crate::paths::encode_query_value(&query.tipo_base)
    );
    for (key, value) in [
        ("equipos", &query.equipos),
        ("archivo", &query.archivo),
        ("vigencia_desde", &query.vigencia_desde),
        ("vigencia_hasta", &query.vigencia_hasta),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            path.push_str(&format!(
                "&{key}={}",
                crate::paths::encode_query_value(value)
            ));
        }
    }
    upload(&path, input_id, csrf).await
}
