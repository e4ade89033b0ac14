//! Cases (SPEC §7): the follow-up of an interaction not closed in first
//! contact, and the interactions' own states.

use super::bases::{code_enum, normalize_code};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

code_enum! {
    /// Where a case stands: closed, or in follow-up by one of four areas.
    CaseState, "El estado del caso" {
        Cerrado => ("CERRADO", "Cerrado"),
        Soporte => ("SOPORTE", "Soporte"),
        Visitas => ("VISITAS", "Visitas"),
        Pqr => ("PQR", "PQR"),
        Escalamientos => ("ESCALAMIENTOS", "Escalamientos"),
    }
}

code_enum! {
    /// An interaction is running, closed by the agent, or abandoned (the
    /// customer hung up before the guide ended).
    InteractionStatus, "El estado de la interacción" {
        EnCurso => ("EN_CURSO", "En curso"),
        Cerrada => ("CERRADA", "Cerrada"),
        Descartada => ("DESCARTADA", "Descartada"),
    }
}

code_enum! {
    /// A procedure version's life: edited as a draft, published (the one the
    /// guide starts new calls with), or retired by a later publication.
    VersionStatus, "El estado de la versión" {
        Borrador => ("BORRADOR", "Borrador"),
        Publicada => ("PUBLICADA", "Publicada"),
        Retirada => ("RETIRADA", "Retirada"),
    }
}

code_enum! {
    /// What happened to a case, in its history.
    CaseEventKind, "El tipo de evento" {
        Abierto => ("ABIERTO", "Abierto"),
        Gestion => ("GESTION", "Nueva gestión"),
        Reasignado => ("REASIGNADO", "Reasignado"),
        Cerrado => ("CERRADO", "Cerrado"),
        Visita => ("VISITA", "Visita técnica"),
        Escalado => ("ESCALADO", "Escalado al back office"),
        RespuestaBackoffice => ("RESPUESTA_BACKOFFICE", "Respuesta del back office"),
        Aviso => ("AVISO", "Aviso de falla masiva"),
    }
}

impl CaseState {
    pub fn is_open(self) -> bool {
        self != CaseState::Cerrado
    }
}

/// How a callback stands against now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackDue {
    /// Later than today.
    Later,
    /// Today, still ahead.
    Today,
    /// Its time has come (or passed today).
    Due,
    /// From a previous day and not made.
    Overdue,
}

impl CallbackDue {
    pub fn of(
        callback: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> CallbackDue {
        use super::local_time::local_date;
        let (day, today) = (local_date(callback), local_date(now));
        if day < today {
            CallbackDue::Overdue
        } else if callback <= now {
            CallbackDue::Due
        } else if day == today {
            CallbackDue::Today
        } else {
            CallbackDue::Later
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CallbackDue::Later => "Programada",
            CallbackDue::Today => "Hoy",
            CallbackDue::Due => "Para hacer ya",
            CallbackDue::Overdue => "Vencida",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn callbacks_are_due_by_bogota_days() {
        // 2026-12-01 14:00 UTC is 09:00 in Bogotá.
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 14, 0, 0).unwrap();
        let at = |d, h| Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap();
        assert_eq!(CallbackDue::of(at(1, 13), now), CallbackDue::Due);
        assert_eq!(CallbackDue::of(at(1, 20), now), CallbackDue::Today);
        // 04:00 UTC on the 1st is still the 30th in Bogotá.
        assert_eq!(CallbackDue::of(at(1, 4), now), CallbackDue::Overdue);
        assert_eq!(CallbackDue::of(at(2, 14), now), CallbackDue::Later);
        assert_eq!(
            "escalamientos".parse::<CaseState>(),
            Ok(CaseState::Escalamientos)
        );
        assert!(!CaseState::Cerrado.is_open());
    }
}
