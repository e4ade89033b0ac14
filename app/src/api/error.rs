//! The JSON shape of every API error: `{"error": {"code", "message", "fields"}}`.

use serde::{Deserialize, Serialize};

/// The body of every non-2xx API response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

/// What went wrong: a stable machine-readable `code` and a `message` in
/// Spanish for the person in front of the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiErrorDetail {
    /// Stable code, e.g. `no_autenticado`, `prohibido`, `validacion`.
    pub code: String,
    /// Explanation in Spanish (es-CO).
    pub message: String,
    /// Per-field problems of a rejected form, when there are any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl ApiErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiErrorBody {
            error: ApiErrorDetail {
                code: code.into(),
                message: message.into(),
                fields: Vec::new(),
            },
        }
    }

    /// The message for a given field, if the server rejected it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.error
            .fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }
}

/// Stable error codes shared by the server and the app.
pub mod codes {
    pub const UNAUTHENTICATED: &str = "no_autenticado";
    pub const FORBIDDEN: &str = "prohibido";
    pub const NOT_FOUND: &str = "no_encontrado";
    pub const VALIDATION: &str = "validacion";
    pub const CONFLICT: &str = "conflicto";
    pub const INVALID_CREDENTIALS: &str = "credenciales_invalidas";
    pub const ACCOUNT_LOCKED: &str = "cuenta_bloqueada";
    pub const TOO_MANY_ATTEMPTS: &str = "demasiados_intentos";
    pub const CSRF: &str = "csrf_invalido";
    pub const BAD_REQUEST: &str = "solicitud_invalida";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "tipo_de_contenido_no_soportado";
    pub const METHOD_NOT_ALLOWED: &str = "metodo_no_permitido";
    pub const PAYLOAD_TOO_LARGE: &str = "solicitud_demasiado_grande";
    pub const UNAVAILABLE: &str = "no_disponible";
    pub const INTERNAL: &str = "error_interno";
}
