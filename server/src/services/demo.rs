//! Demo data for a first run: one user of every role, in two teams, all with
//! the same demo password. Only `faro serve` on an empty database calls this.

use super::error::ServiceError;
use super::passwords;
use super::users::{NewUser, insert_user};
use crate::db;
use app::domain::role::Role;
use sea_orm::DatabaseConnection;

/// The demo password unless `--demo-password` says otherwise.
pub const DEFAULT_DEMO_PASSWORD: &str = "Faro.Demo.2026";

/// The demo users: login, name, role, leader. Leaders come before the people
/// who report to them.
pub const DEMO_USERS: &[(&str, &str, Role, Option<&str>)] = &[
    ("admin", "Diana Rojas", Role::Admin, None),
    ("gerente", "Martha Cárdenas", Role::Gerente, None),
    (
        "coordinador",
        "Andrés Villamil",
        Role::Coordinador,
        Some("gerente"),
    ),
    (
        "supervisor1",
        "Laura Gómez",
        Role::Supervisor,
        Some("coordinador"),
    ),
    (
        "supervisor2",
        "Julián Ortiz",
        Role::Supervisor,
        Some("coordinador"),
    ),
    (
        "asesor1",
        "Camila Restrepo",
        Role::Asesor,
        Some("supervisor1"),
    ),
    (
        "asesor2",
        "Santiago Mejía",
        Role::Asesor,
        Some("supervisor1"),
    ),
    (
        "asesor3",
        "Valentina Ríos",
        Role::Asesor,
        Some("supervisor2"),
    ),
    (
        "asesor4",
        "Mateo Herrera",
        Role::Asesor,
        Some("supervisor2"),
    ),
    ("backoffice", "Paola Castro", Role::Backoffice, None),
    ("calidad", "Natalia Suárez", Role::Calidad, None),
];

/// Creates the demo users in one transaction.
pub async fn seed(db: &DatabaseConnection, password: &str) -> Result<(), ServiceError> {
    // One hash for all: the password is the same and published anyway.
    let hash = passwords::hash(password.to_string()).await?;
    let txn = db::begin_write(db).await?;
    for (login, name, role, reports_to) in DEMO_USERS {
        insert_user(
            &txn,
            NewUser {
                login,
                name,
                role: *role,
                reports_to: *reports_to,
                password_hash: hash.clone(),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn demo_covers_every_role_and_two_teams() {
        let roles: BTreeSet<Role> = DEMO_USERS.iter().map(|u| u.2).collect();
        assert_eq!(roles.len(), Role::ALL.len());
        let supervisors_with_agents: BTreeSet<&str> = DEMO_USERS
            .iter()
            .filter(|u| u.2 == Role::Asesor)
            .filter_map(|u| u.3)
            .collect();
        assert_eq!(supervisors_with_agents.len(), 2);
    }

    #[test]
    fn leaders_are_listed_before_their_reports() {
        for (index, user) in DEMO_USERS.iter().enumerate() {
            if let Some(leader) = user.3 {
                let leader_index = DEMO_USERS.iter().position(|u| u.0 == leader).unwrap();
                assert!(leader_index < index, "{} before {}", leader, user.0);
            }
        }
    }
}
