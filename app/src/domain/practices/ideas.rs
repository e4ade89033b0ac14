//! The ideas board worked in the mejora continua meetings (procedure
//! section 7): agents and supervisors propose; a leader approves an idea for
//! execution or discards it; the coordinador delivers the approved ones to
//! the client in the circuito de mejora continua and records the client's
//! answer. These are the rules of that life cycle, shared by the server
//! (which enforces them) and the board (which offers only what is allowed).

use crate::domain::role::Role;
use serde::{Deserialize, Serialize};

pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 120;
pub const TEXT_MAX: usize = 2_000;

/// Where an idea stands on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IdeaStatus {
    Propuesta,
    Aprobada,
    Descartada,
    Entregada,
}

impl IdeaStatus {
    /// The board's columns, in order.
    pub const ALL: [IdeaStatus; 4] = [
        IdeaStatus::Propuesta,
        IdeaStatus::Aprobada,
        IdeaStatus::Entregada,
        IdeaStatus::Descartada,
    ];

    pub fn code(self) -> &'static str {
        match self {
            IdeaStatus::Propuesta => "PROPUESTA",
            IdeaStatus::Aprobada => "APROBADA",
            IdeaStatus::Descartada => "DESCARTADA",
            IdeaStatus::Entregada => "ENTREGADA",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            IdeaStatus::Propuesta => "Propuesta",
            IdeaStatus::Aprobada => "Aprobada para ejecución",
            IdeaStatus::Descartada => "Descartada",
            IdeaStatus::Entregada => "Entregada al cliente",
        }
    }
}

/// What the client answered about an idea delivered to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClientStatus {
    EnEstudio,
    Aceptada,
    Implementada,
    Rechazada,
}

impl ClientStatus {
    pub const ALL: [ClientStatus; 4] = [
        ClientStatus::EnEstudio,
        ClientStatus::Aceptada,
        ClientStatus::Implementada,
        ClientStatus::Rechazada,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ClientStatus::EnEstudio => "EN_ESTUDIO",
            ClientStatus::Aceptada => "ACEPTADA",
            ClientStatus::Implementada => "IMPLEMENTADA",
            ClientStatus::Rechazada => "RECHAZADA",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ClientStatus::EnEstudio => "En estudio del cliente",
            ClientStatus::Aceptada => "Aceptada por el cliente",
            ClientStatus::Implementada => "Implementada",
            ClientStatus::Rechazada => "Rechazada por el cliente",
        }
    }
}

/// What an idea is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IdeaArea {
    Proceso,
    Producto,
}

impl IdeaArea {
    pub const ALL: [IdeaArea; 2] = [IdeaArea::Proceso, IdeaArea::Producto];

    pub fn code(self) -> &'static str {
        match self {
            IdeaArea::Proceso => "PROCESO",
            IdeaArea::Producto => "PRODUCTO",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            IdeaArea::Proceso => "Proceso",
            IdeaArea::Producto => "Producto",
        }
    }
}

/// A step of an idea's life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IdeaAction {
    Aprobar,
    Descartar,
    Entregar,
    /// The client's answer (needs a [`ClientStatus`]); may be given again
    /// as the client's position changes.
    RespuestaCliente,
}

impl IdeaAction {
    pub const ALL: [IdeaAction; 4] = [
        IdeaAction::Aprobar,
        IdeaAction::Descartar,
        IdeaAction::Entregar,
        IdeaAction::RespuestaCliente,
    ];

    pub fn code(self) -> &'static str {
        match self {
            IdeaAction::Aprobar => "APROBAR",
            IdeaAction::Descartar => "DESCARTAR",
            IdeaAction::Entregar => "ENTREGAR",
            IdeaAction::RespuestaCliente => "RESPUESTA_CLIENTE",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            IdeaAction::Aprobar => "Aprobar para ejecución",
            IdeaAction::Descartar => "Descartar",
            IdeaAction::Entregar => "Entregar al cliente",
            IdeaAction::RespuestaCliente => "Registrar respuesta del cliente",
        }
    }

    /// The status an idea in `from` reaches, or why it cannot.
    pub fn apply(self, from: IdeaStatus) -> Result<IdeaStatus, &'static str> {
        use IdeaStatus::*;
        match (self, from) {
            (IdeaAction::Aprobar, Propuesta) => Ok(Aprobada),
            (IdeaAction::Descartar, Propuesta | Aprobada) => Ok(Descartada),
            (IdeaAction::Entregar, Aprobada) => Ok(Entregada),
            (IdeaAction::RespuestaCliente, Entregada) => Ok(Entregada),
            (IdeaAction::Aprobar | IdeaAction::Descartar, _) => {
                Err("Solo se decide sobre ideas propuestas (o aprobadas, para descartarlas).")
            }
            (IdeaAction::Entregar, _) => Err("Solo se entregan al cliente ideas aprobadas."),
            (IdeaAction::RespuestaCliente, _) => {
                Err("La respuesta del cliente se registra sobre ideas ya entregadas.")
            }
        }
    }

    /// Deciding is done in the mejora continua meetings (supervisor,
    /// coordinador); delivering and the client's answer in the circuito,
    /// which the coordinador runs. The gerente may do both.
    pub fn allowed_to(self, role: Role) -> bool {
        match self {
            IdeaAction::Aprobar | IdeaAction::Descartar => {
                matches!(role, Role::Supervisor | Role::Coordinador | Role::Gerente)
            }
            IdeaAction::Entregar | IdeaAction::RespuestaCliente => {
                matches!(role, Role::Coordinador | Role::Gerente)
            }
        }
    }

    /// Whether the note is required: a discarded idea says why, and a
    /// client's answer says what the client said.
    pub fn needs_note(self) -> bool {
        matches!(self, IdeaAction::Descartar | IdeaAction::RespuestaCliente)
    }
}

/// Who may put an idea on the board.
pub fn may_propose(role: Role) -> bool {
    matches!(role, Role::Asesor | Role::Supervisor | Role::Coordinador)
}

/// The actions `role` may take on an idea in `status`, in board order.
pub fn actions_for(role: Role, status: IdeaStatus) -> Vec<IdeaAction> {
    IdeaAction::ALL
        .into_iter()
        .filter(|a| a.allowed_to(role) && a.apply(status).is_ok())
        .collect()
}

/// The problems of a new idea, in Spanish, by field.
pub fn idea_problems(title: &str, description: &str) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let title_len = title.trim().chars().count();
    if title_len < TITLE_MIN {
        problems.push((
            "title",
            format!("Escriba un título de al menos {TITLE_MIN} caracteres."),
        ));
    } else if title_len > TITLE_MAX {
        problems.push((
            "title",
            format!("El título admite hasta {TITLE_MAX} caracteres."),
        ));
    }
    let text_len = description.trim().chars().count();
    if text_len == 0 {
        problems.push(("description", "Describa la idea o mejora.".to_string()));
    } else if text_len > TEXT_MAX {
        problems.push((
            "description",
            format!("La descripción admite hasta {TEXT_MAX} caracteres."),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_idea_goes_from_proposed_to_delivered_or_discarded() {
        let approved = IdeaAction::Aprobar.apply(IdeaStatus::Propuesta).unwrap();
        assert_eq!(approved, IdeaStatus::Aprobada);
        let delivered = IdeaAction::Entregar.apply(approved).unwrap();
        assert_eq!(delivered, IdeaStatus::Entregada);
        assert_eq!(
            IdeaAction::RespuestaCliente.apply(delivered),
            Ok(IdeaStatus::Entregada)
        );
        assert_eq!(
            IdeaAction::Descartar.apply(IdeaStatus::Aprobada),
            Ok(IdeaStatus::Descartada)
        );
    }

    #[test]
    fn no_step_is_skipped_and_a_closed_idea_stays_closed() {
        assert!(IdeaAction::Entregar.apply(IdeaStatus::Propuesta).is_err());
        assert!(
            IdeaAction::RespuestaCliente
                .apply(IdeaStatus::Aprobada)
                .is_err()
        );
        for action in IdeaAction::ALL {
            assert!(action.apply(IdeaStatus::Descartada).is_err());
        }
        assert!(IdeaAction::Descartar.apply(IdeaStatus::Entregada).is_err());
        assert!(IdeaAction::Aprobar.apply(IdeaStatus::Aprobada).is_err());
    }

    #[test]
    fn only_leaders_decide_and_only_the_circuit_delivers() {
        assert!(actions_for(Role::Asesor, IdeaStatus::Propuesta).is_empty());
        assert_eq!(
            actions_for(Role::Supervisor, IdeaStatus::Propuesta),
            [IdeaAction::Aprobar, IdeaAction::Descartar]
        );
        assert_eq!(
            actions_for(Role::Supervisor, IdeaStatus::Aprobada),
            [IdeaAction::Descartar]
        );
        assert_eq!(
            actions_for(Role::Coordinador, IdeaStatus::Aprobada),
            [IdeaAction::Descartar, IdeaAction::Entregar]
        );
        assert_eq!(
            actions_for(Role::Coordinador, IdeaStatus::Entregada),
            [IdeaAction::RespuestaCliente]
        );
        for role in [Role::Backoffice, Role::Calidad, Role::Admin] {
            for status in IdeaStatus::ALL {
                assert!(actions_for(role, status).is_empty());
            }
        }
        assert!(may_propose(Role::Asesor) && may_propose(Role::Supervisor));
        assert!(!may_propose(Role::Calidad));
    }

    #[test]
    fn codes_read_back() {
        for s in IdeaStatus::ALL {
            assert_eq!(IdeaStatus::from_code(s.code()), Some(s));
        }
        for s in ClientStatus::ALL {
            assert_eq!(ClientStatus::from_code(s.code()), Some(s));
        }
        for a in IdeaAction::ALL {
            assert_eq!(IdeaAction::from_code(a.code()), Some(a));
        }
        for a in IdeaArea::ALL {
            assert_eq!(IdeaArea::from_code(a.code()), Some(a));
        }
    }

    #[test]
    fn a_new_idea_needs_a_title_and_a_description() {
        assert!(idea_problems("Guion corto de bienvenida", "Quitar la segunda frase.").is_empty());
        let problems = idea_problems(" ab ", "  ");
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].0, "title");
        assert_eq!(problems[1].0, "description");
        assert_eq!(
            idea_problems(&"x".repeat(TITLE_MAX + 1), "ok")[0].0,
            "title"
        );
    }
}
