//! Liveness and readiness answers.

use serde::{Deserialize, Serialize};

/// `GET /healthz` and `GET /readyz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HealthStatus {
    /// `ok`, or `no_disponible` when a dependency is down.
    pub status: String,
    /// What was checked, e.g. `proceso` or `base_de_datos`.
    pub check: String,
}
