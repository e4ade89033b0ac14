//! What an agent is doing (SPEC §2): available, on a call, paused with a
//! reason, or disconnected.

use serde::{Deserialize, Serialize};

/// An agent's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgentStateKind {
    Disponible,
    EnLlamada,
    EnPausa,
    Desconectado,
}

impl AgentStateKind {
    pub fn code(self) -> &'static str {
        match self {
            AgentStateKind::Disponible => "DISPONIBLE",
            AgentStateKind::EnLlamada => "EN_LLAMADA",
            AgentStateKind::EnPausa => "EN_PAUSA",
            AgentStateKind::Desconectado => "DESCONECTADO",
        }
    }

    pub fn from_code(code: &str) -> AgentStateKind {
        match code {
            "DISPONIBLE" => AgentStateKind::Disponible,
            "EN_LLAMADA" => AgentStateKind::EnLlamada,
            "EN_PAUSA" => AgentStateKind::EnPausa,
            _ => AgentStateKind::Desconectado,
        }
    }

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            AgentStateKind::Disponible => "Disponible",
            AgentStateKind::EnLlamada => "En llamada",
            AgentStateKind::EnPausa => "En pausa",
            AgentStateKind::Desconectado => "Desconectado",
        }
    }
}

/// `mm:ss` below an hour, `h:mm:ss` above: how long a state has lasted.
pub fn format_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_stopwatch() {
        assert_eq!(format_duration(0), "00:00");
        assert_eq!(format_duration(75), "01:15");
        assert_eq!(format_duration(3600 + 61), "1:01:01");
        assert_eq!(format_duration(-5), "00:00");
    }

    #[test]
    fn codes_round_trip() {
        for kind in [
            AgentStateKind::Disponible,
            AgentStateKind::EnLlamada,
            AgentStateKind::EnPausa,
            AgentStateKind::Desconectado,
        ] {
            assert_eq!(AgentStateKind::from_code(kind.code()), kind);
        }
    }
}
