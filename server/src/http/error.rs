//! The one place where errors become HTTP responses:
//! `{"error": {"code", "message", "fields"}}` with the right status.

use crate::services::ServiceError;
use app::api::error::{ApiErrorBody, ApiErrorDetail, FieldError, codes};
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DbErr;

/// Everything an HTTP handler or middleware can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The body is not valid JSON.
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    /// The JSON does not have the expected shape; the field path when known.
    #[error("invalid JSON data at {field:?}: {detail}")]
    InvalidJson {
        field: Option<String>,
        detail: String,
    },
    #[error("not JSON")]
    UnsupportedMediaType,
    #[error("body too large")]
    PayloadTooLarge,
    /// A path or query parameter that does not parse.
    #[error("bad parameter: {0}")]
    BadParameter(String),
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("cross-site request")]
    CrossSite,
    #[error("no such route")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The dialer webhook has no secret configured.
    #[error("dialer webhook disabled")]
    DialerOff,
    /// The dialer's secret is missing or wrong.
    #[error("dialer secret wrong")]
    DialerSecret,
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, String, Vec<FieldError>) {
        use ServiceError as S;
        match self {
            ApiError::Service(err) => match err {
                S::Unauthenticated => (StatusCode::UNAUTHORIZED, codes::UNAUTHENTICATED, err.to_string(), vec![]),
                S::Forbidden => (StatusCode::FORBIDDEN, codes::FORBIDDEN, err.to_string(), vec![]),
                S::NotFound(message) => (StatusCode::NOT_FOUND, codes::NOT_FOUND, message.clone(), vec![]),
                S::Validation(fields) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    codes::VALIDATION,
                    err.to_string(),
                    fields
                        .iter()
                        .map(|(field, message)| FieldError {
                            field: field.clone(),
                            message: message.clone(),
                        })
                        .collect(),
                ),
                S::Conflict(message) => (StatusCode::CONFLICT, codes::CONFLICT, message.clone(), vec![]),
                S::InvalidCredentials => (StatusCode::UNAUTHORIZED, codes::INVALID_CREDENTIALS, err.to_string(), vec![]),
                S::AccountLocked { .. } => (StatusCode::LOCKED, codes::ACCOUNT_LOCKED, err.to_string(), vec![]),
                S::TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, codes::TOO_MANY_ATTEMPTS, err.to_string(), vec![]),
                S::Database(DbErr::ConnectionAcquire(_) | DbErr::Conn(_)) => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    codes::UNAVAILABLE,
                    "La base de datos no responde en este momento. Intente de nuevo en unos segundos.".into(),
                    vec![],
                ),
                S::Database(_) | S::Internal(_) => (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    codes::INTERNAL,
                    "Ocurrió un error interno. Intente de nuevo; si persiste, avise al administrador.".into(),
                    vec![],
                ),
            },
            ApiError::MalformedJson(_) => (
                StatusCode::BAD_REQUEST,
                codes::BAD_REQUEST,
                "El cuerpo de la solicitud no es un JSON válido.".into(),
                vec![],
            ),
            ApiError::InvalidJson { field, .. } => {
                let message = match field {
                    Some(field) => format!("El campo «{field}» falta o tiene un valor no válido."),
                    None => "Los datos enviados no tienen el formato esperado.".into(),
                };
                let fields = field
                    .iter()
                    .map(|field| FieldError {
                        field: field.clone(),
                        message: "Falta o tiene un valor no válido.".into(),
                    })
                    .collect();
                (StatusCode::UNPROCESSABLE_ENTITY, codes::VALIDATION, message, fields)
            }
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                codes::UNSUPPORTED_MEDIA_TYPE,
                "La solicitud debe enviarse como JSON (Content-Type: application/json).".into(),
                vec![],
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::PAYLOAD_TOO_LARGE,
                "La solicitud es demasiado grande.".into(),
                vec![],
            ),
            ApiError::BadParameter(_) => (
                StatusCode::BAD_REQUEST,
                codes::BAD_REQUEST,
                "Parámetro no válido en la dirección o la consulta.".into(),
                vec![],
            ),
            ApiError::Csrf => (
                StatusCode::FORBIDDEN,
                codes::CSRF,
                "La solicitud no trae un token de seguridad válido. Recargue la página e intente de nuevo.".into(),
                vec![],
            ),
            ApiError::CrossSite => (
                StatusCode::FORBIDDEN,
                codes::CSRF,
                "Solicitud rechazada: no proviene de Faro.".into(),
                vec![],
            ),
            ApiError::RouteNotFound => (
                StatusCode::NOT_FOUND,
                codes::NOT_FOUND,
                "Esta dirección no existe en la API de Faro.".into(),
                vec![],
            ),
            ApiError::DialerOff => (
                StatusCode::SERVICE_UNAVAILABLE,
                codes::UNAVAILABLE,
                "La integración con el marcador no está configurada (falta FARO_DIALER_SECRET).".into(),
                vec![],
            ),
            ApiError::DialerSecret => (
                StatusCode::UNAUTHORIZED,
                codes::UNAUTHENTICATED,
                "Falta la clave del marcador o no es correcta.".into(),
                vec![],
            ),
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                codes::METHOD_NOT_ALLOWED,
                "Esta dirección no admite ese método.".into(),
                vec![],
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message, fields) = self.parts();
        if status.is_server_error() {
            // The detail stays in the log; the user gets the Spanish message.
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = (
            status,
            Json(ApiErrorBody {
                error: ApiErrorDetail {
                    code: code.to_string(),
                    message,
                    fields,
                },
            }),
        )
            .into_response();
        if let ApiError::Service(
            ServiceError::TooManyAttempts { minutes } | ServiceError::AccountLocked { minutes },
        ) = &self
            && let Ok(value) = HeaderValue::from_str(&(minutes * 60).to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// The result type of handlers.
pub type ApiResult<T> = Result<T, ApiError>;
