//! The operation's adjustable settings.

use super::client::{ClientError, Method, get, send};
use crate::paths::api;
use serde::{Deserialize, Serialize};

/// How the floor works: leases, pauses, long calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FloorSettings {
    /// Minutes a handed-out record stays with its agent without activity.
    pub lease_minutes: u32,
    /// Calls longer than this are flagged on Equipo en vivo.
    pub long_call_minutes: u32,
    /// Reasons an agent may give for a pause.
    pub pause_reasons: Vec<String>,
}

impl Default for FloorSettings {
    fn default() -> Self {
        FloorSettings {
            lease_minutes: 15,
            long_call_minutes: 15,
            pause_reasons: [
                "Descanso",
                "Almuerzo",
                "Capacitación",
                "Retroalimentación",
                "Baño",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl FloorSettings {
    /// Problems, in Spanish, for the form that edits them.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if !(1..=240).contains(&self.lease_minutes) {
            problems.push((
                "lease_minutes",
                "La reserva de un registro debe durar entre 1 y 240 minutos.".into(),
            ));
        }
        if !(1..=240).contains(&self.long_call_minutes) {
            problems.push((
                "long_call_minutes",
                "El umbral de llamada larga debe estar entre 1 y 240 minutos.".into(),
            ));
        }
        let reasons: Vec<String> = self
            .pause_reasons
            .iter()
            .map(|r| r.trim().to_lowercase())
            .collect();
        if reasons.is_empty()
            || reasons
                .iter()
                .any(|r| r.is_empty() || r.chars().count() > 40)
        {
            problems.push(("pause_reasons", "Cada motivo de pausa debe tener entre 1 y 40 caracteres, y debe haber al menos uno.".into()));
        } else if reasons
            .iter()
            .enumerate()
            .any(|(i, r)| reasons[..i].contains(r))
        {
            problems.push(("pause_reasons", "Hay motivos de pausa repetidos.".into()));
        }
        problems
    }
}

/// `GET /api/v1/settings/floor`.
pub async fn floor_settings() -> Result<FloorSettings, ClientError> {
    get(api::FLOOR_SETTINGS).await
}

/// `PUT /api/v1/settings/floor` (admin).
pub async fn save_floor_settings(
    settings: &FloorSettings,
    csrf: &str,
) -> Result<FloorSettings, ClientError> {
    send(Method::Put, api::FLOOR_SETTINGS, Some(settings), csrf).await
}
