//! What each role finds in the navigation, and so which pages it may open.

use crate::domain::role::Role;
use crate::paths::page;

/// One entry of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    pub label: &'static str,
    pub href: &'static str,
}

const fn item(label: &'static str, href: &'static str) -> NavItem {
    NavItem { label, href }
}

const AGENT: &[NavItem] = &[
    item("Mi cola", page::QUEUE),
    item("Llamada", page::CALL),
    item("Mis casos", page::CASES),
    item("Mis indicadores", page::MY_INDICATORS),
    item("Ideas", page::IDEAS),
];

const LEADER: &[NavItem] = &[
    item("Equipo", page::TEAM),
    item("Indicadores", page::INDICATORS),
    item("Calendario", page::CALENDAR),
    item("Ideas", page::IDEAS),
];

const BACKOFFICE: &[NavItem] = &[
    item("Escalamientos", page::ESCALATIONS),
    item("Avisos", page::OUTAGES),
    item("Agenda", page::AGENDA),
];

const QUALITY: &[NavItem] = &[item("Monitoreo", page::MONITORING)];

const ADMIN: &[NavItem] = &[
    item("Configuración", page::SETTINGS),
    item("Escalamientos", page::ESCALATIONS),
    item("Avisos", page::OUTAGES),
    item("Agenda", page::AGENDA),
];

/// The navigation of a role, in the order it is shown.
pub fn nav_items(role: Role) -> &'static [NavItem] {
    match role {
        Role::Asesor => AGENT,
        Role::Supervisor | Role::Coordinador | Role::Gerente => LEADER,
        Role::Backoffice => BACKOFFICE,
        Role::Calidad => QUALITY,
        Role::Admin => ADMIN,
    }
}

/// Where a role lands after login: its first navigation entry.
pub fn home_path(role: Role) -> &'static str {
    nav_items(role)[0].href
}

/// Whether a role may open a page: pages belong to the navigation entry whose
/// path is their prefix; the profile is everyone's.
pub fn may_open(role: Role, path: &str) -> bool {
    path == page::PROFILE
        || path == page::HOME
        || nav_items(role).iter().any(|item| {
            path == item.href
                || path
                    .strip_prefix(item.href)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_home() {
        for role in Role::ALL {
            assert!(!nav_items(role).is_empty());
            assert!(may_open(role, home_path(role)));
        }
    }

    #[test]
    fn navigation_matches_the_issue() {
        let labels = |role| nav_items(role).iter().map(|i| i.label).collect::<Vec<_>>();
        assert_eq!(
            labels(Role::Asesor),
            [
                "Mi cola",
                "Llamada",
                "Mis casos",
                "Mis indicadores",
                "Ideas"
            ]
        );
        for leader in [Role::Supervisor, Role::Coordinador, Role::Gerente] {
            assert_eq!(
                labels(leader),
                ["Equipo", "Indicadores", "Calendario", "Ideas"]
            );
        }
        assert_eq!(
            labels(Role::Backoffice),
            ["Escalamientos", "Avisos", "Agenda"]
        );
        assert_eq!(labels(Role::Calidad), ["Monitoreo"]);
        assert_eq!(
            labels(Role::Admin),
            ["Configuración", "Escalamientos", "Avisos", "Agenda"]
        );
    }

    #[test]
    fn pages_of_other_roles_are_closed() {
        assert!(!may_open(Role::Asesor, page::TEAM));
        assert!(!may_open(Role::Supervisor, page::QUEUE));
        assert!(!may_open(Role::Supervisor, page::SETTINGS));
        assert!(may_open(Role::Admin, page::SETTINGS_SECURITY));
        assert!(!may_open(Role::Asesor, "/colas"));
        assert!(may_open(Role::Calidad, page::PROFILE));
        assert!(!may_open(Role::Asesor, page::ESCALATIONS));
        assert!(!may_open(Role::Supervisor, page::AGENDA));
        assert!(may_open(Role::Backoffice, page::OUTAGES));
    }

    #[test]
    fn leaders_open_the_monitoring_of_their_agents_and_calidad_its_form() {
        for leader in [Role::Supervisor, Role::Coordinador, Role::Gerente] {
            assert!(may_open(leader, page::INDICATOR_MONITORING));
            assert!(!may_open(leader, page::MONITORING));
        }
        assert!(may_open(Role::Calidad, page::MONITORING));
        assert!(!may_open(Role::Asesor, page::MONITORING));
        assert!(!may_open(Role::Asesor, page::INDICATOR_MONITORING));
    }
}
