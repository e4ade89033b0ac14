//! The seven roles of the operation (SPEC §1) and what each may do.
//!
//! This is the single source of truth for permissions: the server's
//! authorization layer asks [`Role::can`], and the app builds its navigation
//! from the same table, so the UI never offers what the API would refuse.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A user's role. Serialized in lowercase Spanish, as operations write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Asesor,
    Supervisor,
    Coordinador,
    Gerente,
    Backoffice,
    Calidad,
    Admin,
}

/// Something a role may be allowed to do. Team scoping (which records) is
/// decided separately by the server; this only answers "may this role ever".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Work one's own queue, run the call guide, see one's own cases and KPIs.
    WorkOwnQueue,
    /// See the users of one's team(s): supervisors, coordinadores, gerente.
    ViewTeam,
    /// See the operation's indicators beyond one's own.
    ViewTeamIndicators,
    /// Plan and record management practices.
    RunPractices,
    /// Work the back-office escalation queue.
    WorkEscalations,
    /// Enter monitoring evaluations.
    EnterMonitoring,
    /// Create users, change roles and teams, reset passwords.
    ManageUsers,
    /// Read the security event log.
    ViewSecurityLog,
    /// Configure procedures, offers, catalogs and imports.
    Configure,
    /// See bases and their progress (within one's teams).
    ViewBases,
    /// Import bases, pause and resume them, reassign their records (within
    /// one's teams).
    ManageBases,
}

impl Role {
    /// Every role, in the order the operation lists them.
    pub const ALL: [Role; 7] = [
        Role::Asesor,
        Role::Supervisor,
        Role::Coordinador,
        Role::Gerente,
        Role::Backoffice,
        Role::Calidad,
        Role::Admin,
    ];

    /// The code used in the API, the database and CSV files.
    pub fn code(self) -> &'static str {
        match self {
            Role::Asesor => "asesor",
            Role::Supervisor => "supervisor",
            Role::Coordinador => "coordinador",
            Role::Gerente => "gerente",
            Role::Backoffice => "backoffice",
            Role::Calidad => "calidad",
            Role::Admin => "admin",
        }
    }

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Asesor => "Asesor",
            Role::Supervisor => "Supervisor",
            Role::Coordinador => "Coordinador",
            Role::Gerente => "Gerente",
            Role::Backoffice => "Back office",
            Role::Calidad => "Calidad",
            Role::Admin => "Administrador",
        }
    }

    /// Whether this role leads people (has a team under it).
    pub fn is_leader(self) -> bool {
        matches!(self, Role::Supervisor | Role::Coordinador | Role::Gerente)
    }

    /// The role a user of this role must report to, if the hierarchy requires
    /// one: agents belong to a supervisor, supervisors to a coordinador,
    /// coordinadores to a gerente.
    pub fn reports_to_role(self) -> Option<Role> {
        match self {
            Role::Asesor => Some(Role::Supervisor),
            Role::Supervisor => Some(Role::Coordinador),
            Role::Coordinador => Some(Role::Gerente),
            _ => None,
        }
    }

    /// The permission table of SPEC §1.
    pub fn can(self, capability: Capability) -> bool {
        use Capability::*;
        use Role::*;
        match capability {
            WorkOwnQueue => self == Asesor,
            ViewTeam | ViewTeamIndicators | RunPractices => {
                matches!(self, Supervisor | Coordinador | Gerente)
            }
            WorkEscalations => matches!(self, Backoffice | Admin),
            EnterMonitoring => self == Calidad,
            ManageUsers | ViewSecurityLog | Configure => self == Admin,
            ViewBases => matches!(self, Admin | Gerente | Coordinador | Supervisor),
            ManageBases => matches!(self, Admin | Supervisor),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The reason a role code could not be read, in Spanish for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRole(pub String);

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "El rol «{}» no existe. Roles válidos: asesor, supervisor, coordinador, gerente, backoffice, calidad, admin.",
            self.0
        )
    }
}

impl std::error::Error for UnknownRole {}

impl FromStr for Role {
    type Err = UnknownRole;

    /// Accepts the code in any case, with or without surrounding spaces, and
    /// the common spellings of back office.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let normalized = s.trim().to_lowercase().replace([' ', '-', '_'], "");
        Role::ALL
            .into_iter()
            .find(|role| role.code() == normalized)
            .ok_or_else(|| UnknownRole(s.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_from_str() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>(), Ok(role));
        }
        assert_eq!(" Back Office ".parse::<Role>(), Ok(Role::Backoffice));
        assert_eq!("ADMIN".parse::<Role>(), Ok(Role::Admin));
    }

    #[test]
    fn unknown_role_is_explained_in_spanish() {
        let err = "jefe".parse::<Role>().unwrap_err();
        assert!(err.to_string().contains("El rol «jefe» no existe"));
    }

    #[test]
    fn serde_uses_the_lowercase_code() {
        assert_eq!(
            serde_json::to_string(&Role::Backoffice).unwrap(),
            "\"backoffice\""
        );
        let role: Role = serde_json::from_str("\"coordinador\"").unwrap();
        assert_eq!(role, Role::Coordinador);
    }

    #[test]
    fn only_admin_manages_users() {
        for role in Role::ALL {
            assert_eq!(role.can(Capability::ManageUsers), role == Role::Admin);
        }
    }

    #[test]
    fn leaders_see_their_team_and_agents_do_not() {
        assert!(Role::Supervisor.can(Capability::ViewTeam));
        assert!(Role::Coordinador.can(Capability::ViewTeam));
        assert!(Role::Gerente.can(Capability::ViewTeam));
        assert!(!Role::Asesor.can(Capability::ViewTeam));
        assert!(!Role::Calidad.can(Capability::ViewTeam));
    }

    #[test]
    fn hierarchy_links_agents_to_supervisors_to_coordinadores() {
        assert_eq!(Role::Asesor.reports_to_role(), Some(Role::Supervisor));
        assert_eq!(Role::Supervisor.reports_to_role(), Some(Role::Coordinador));
        assert_eq!(Role::Coordinador.reports_to_role(), Some(Role::Gerente));
        assert_eq!(Role::Admin.reports_to_role(), None);
    }
}
