//! The error type of the business layer. User-facing messages are Spanish;
//! internal detail (database errors) is logged, never shown.

use sea_orm::{DbErr, SqlErr};

/// Why a business operation did not happen. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("Debe iniciar sesión para continuar.")]
    Unauthenticated,

    #[error("No tiene permiso para realizar esta acción.")]
    Forbidden,

    #[error("{0}")]
    NotFound(String),

    /// One or more fields are invalid: `(field, message)`.
    #[error("Revise los datos: {}", .0.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>().join(" "))]
    Validation(Vec<(String, String)>),

    #[error("{0}")]
    Conflict(String),

    #[error("Usuario o contraseña incorrectos.")]
    InvalidCredentials,

    #[error(
        "La cuenta está bloqueada por intentos fallidos. Intente de nuevo en {minutes} minutos o pida al administrador que la desbloquee."
    )]
    AccountLocked { minutes: i64 },

    #[error(
        "Demasiados intentos fallidos desde este equipo. Espere {minutes} minutos e intente de nuevo."
    )]
    TooManyAttempts { minutes: i64 },

    #[error("Error de base de datos")]
    Database(#[from] DbErr),

    #[error("Error interno: {0}")]
    Internal(String),
}

impl ServiceError {
    /// A single invalid field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ServiceError::Validation(vec![(field.to_string(), message.into())])
    }

    /// Whether a database error is a unique-constraint violation, which
    /// services turn into a [`ServiceError::Conflict`] with their own words.
    pub fn is_unique_violation(err: &DbErr) -> bool {
        matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
    }
}

/// Collects field errors so a form gets all its problems at once.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push((field.to_string(), message.into()));
    }

    /// Records the error of a parse, returning the value when it parsed.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), ServiceError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Validation(self.0))
        }
    }
}
