//! The one authorization layer: who is acting, what their role allows
//! (`Role::can`, shared with the app) and which users their team covers.

use super::error::ServiceError;
use crate::db::entities::users;
use app::domain::role::{Capability, Role};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeSet;

/// The signed-in user behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub reports_to_id: Option<i64>,
}

impl Actor {
    /// Refuses unless the role has the capability.
    pub fn require(&self, capability: Capability) -> Result<(), ServiceError> {
        if self.role.can(capability) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden)
        }
    }

    /// Refuses unless the role has at least one of the capabilities.
    pub fn require_any(&self, capabilities: &[Capability]) -> Result<(), ServiceError> {
        if capabilities.iter().any(|c| self.role.can(*c)) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden)
        }
    }
}

/// The users an actor may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserScope {
    Everyone,
    Only(BTreeSet<i64>),
}

impl UserScope {
    pub fn contains(&self, user_id: i64) -> bool {
        match self {
            UserScope::Everyone => true,
            UserScope::Only(ids) => ids.contains(&user_id),
        }
    }
}

/// Admin and gerente see everyone; a coordinador their supervisors and those
/// supervisors' agents; a supervisor their agents; anyone else only themself.
pub async fn user_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<UserScope, ServiceError> {
    let mut ids = BTreeSet::from([actor.id]);
    match actor.role {
        Role::Admin | Role::Gerente => return Ok(UserScope::Everyone),
        Role::Coordinador => {
            let supervisors = direct_reports(db, &[actor.id]).await?;
            let agents = direct_reports(db, &supervisors).await?;
            ids.extend(supervisors);
            ids.extend(agents);
        }
        Role::Supervisor => ids.extend(direct_reports(db, &[actor.id]).await?),
        Role::Asesor | Role::Backoffice | Role::Calidad => {}
    }
    Ok(UserScope::Only(ids))
}

/// Refuses unless `target` is within the actor's scope.
pub async fn ensure_user_in_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
    target: i64,
) -> Result<(), ServiceError> {
    if user_scope(db, actor).await?.contains(target) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

async fn direct_reports(
    db: &impl ConnectionTrait,
    leaders: &[i64],
) -> Result<Vec<i64>, ServiceError> {
    if leaders.is_empty() {
        return Ok(Vec::new());
    }
    Ok(users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::ReportsToId.is_in(leaders.iter().copied()))
        .into_tuple::<i64>()
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            id: 1,
            login: "x".into(),
            name: "X".into(),
            role,
            reports_to_id: None,
        }
    }

    #[test]
    fn require_follows_the_role_table() {
        assert!(actor(Role::Admin).require(Capability::ManageUsers).is_ok());
        assert!(matches!(
            actor(Role::Supervisor).require(Capability::ManageUsers),
            Err(ServiceError::Forbidden)
        ));
        assert!(
            actor(Role::Supervisor)
                .require_any(&[Capability::ManageUsers, Capability::ViewTeam])
                .is_ok()
        );
    }

    #[test]
    fn scope_contains_only_listed_users() {
        let scope = UserScope::Only(BTreeSet::from([1, 2]));
        assert!(scope.contains(2));
        assert!(!scope.contains(3));
        assert!(UserScope::Everyone.contains(99));
    }
}
