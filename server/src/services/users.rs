//! Users and teams: who may see whom, and the administrator's changes.

use super::authz::{self, Actor, UserScope};
use super::error::{FieldErrors, ServiceError};
use super::passwords;
use super::security_log::{self, EventSource};
use super::sessions;
use crate::db::{self, entities::users};
use app::api::auth::UserRef;
use app::api::security::SecurityEventKind;
use app::api::users::{
    CreateUserRequest, SetPasswordRequest, TeamMember, TeamView, UpdateUserRequest, UserView,
};
use app::domain::credentials::{Login, NewPassword, PersonName};
use app::domain::role::{Capability, Role};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use std::collections::HashMap;

/// The users the actor may see, by name.
pub async fn list_users(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<UserView>, ServiceError> {
    actor.require_any(&[Capability::ManageUsers, Capability::ViewTeam])?;
    let scope = authz::user_scope(db, actor).await?;
    let mut query = users::Entity::find();
    if let UserScope::Only(ids) = &scope {
        query = query.filter(users::Column::Id.is_in(ids.iter().copied()));
    }
    let mut rows = query.all(db).await?;
    sort_by_name(&mut rows);
    let leaders = leaders_of(db, &rows).await?;
    rows.into_iter().map(|row| to_view(row, &leaders)).collect()
}

/// One user, if the actor may see them.
pub async fn get_user(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<UserView, ServiceError> {
    actor.require_any(&[Capability::ManageUsers, Capability::ViewTeam])?;
    // Scope first: outside one's teams, whether the user exists is not told.
    authz::ensure_user_in_scope(db, actor, id).await?;
    let row = find(db, id).await?;
    let leaders = leaders_of(db, std::slice::from_ref(&row)).await?;
    to_view(row, &leaders)
}

/// The teams (a supervisor and their agents) the actor may see.
pub async fn list_teams(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<TeamView>, ServiceError> {
    actor.require_any(&[Capability::ManageUsers, Capability::ViewTeam])?;
    let scope = authz::user_scope(db, actor).await?;
    let mut everyone = users::Entity::find().all(db).await?;
    sort_by_name(&mut everyone);
    let by_id: HashMap<i64, &users::Model> = everyone.iter().map(|u| (u.id, u)).collect();
    let teams = everyone
        .iter()
        .filter(|u| u.role == Role::Supervisor.code() && scope.contains(u.id))
        .map(|supervisor| TeamView {
            supervisor: user_ref(supervisor),
            coordinador: supervisor
                .reports_to_id
                .and_then(|id| by_id.get(&id))
                .map(|c| user_ref(c)),
            agents: everyone
                .iter()
                .filter(|u| u.reports_to_id == Some(supervisor.id) && u.role == Role::Asesor.code())
                .map(|agent| TeamMember {
                    id: agent.id,
                    login: agent.login.clone(),
                    name: agent.name.clone(),
                    active: agent.active,
                })
                .collect(),
        })
        .collect();
    Ok(teams)
}

/// Creates a user (admin).
pub async fn create_user(
    db: &DatabaseConnection,
    actor: &Actor,
    request: CreateUserRequest,
    ip: Option<String>,
) -> Result<UserView, ServiceError> {
    actor.require(Capability::ManageUsers)?;
    create(db, request, &actor.login, ip).await
}

/// Creates a user from `faro user create`, with the same rules.
pub async fn create_user_from_cli(
    db: &DatabaseConnection,
    request: CreateUserRequest,
) -> Result<UserView, ServiceError> {
    create(db, request, "la línea de comandos", None).await
}

async fn create(
    db: &DatabaseConnection,
    request: CreateUserRequest,
    by: &str,
    ip: Option<String>,
) -> Result<UserView, ServiceError> {
    let mut errors = FieldErrors::default();
    let login = errors.check("login", Login::parse(&request.login));
    let name = errors.check("name", PersonName::parse(&request.name));
    let password = errors.check(
        "password",
        NewPassword::parse_for(&request.password, &request.login),
    );
    let hash = match &password {
        Some(password) => Some(passwords::hash(password.expose().to_string()).await?),
        None => None,
    };
    // The leader is checked (and locked) in the transaction that inserts.
    let txn = db::begin_write(db).await?;
    let leader = check_leader(
        &txn,
        request.role,
        request.reports_to.as_deref(),
        None,
        &mut errors,
    )
    .await?;
    errors.into_result()?;
    let (Some(login), Some(name), Some(hash)) = (login, name, hash) else {
        return Err(ServiceError::Internal("validated fields missing".into()));
    };
    let row = insert_row(
        &txn,
        &login,
        name.into_inner(),
        request.role,
        leader.as_ref().map(|l| l.id),
        hash,
    )
    .await
    .map_err(|err| match err {
        ServiceError::Conflict(message) => ServiceError::invalid("login", message),
        other => other,
    })?;
    security_log::record(
        &txn,
        SecurityEventKind::UserCreated,
        &admin_source(ip, &row),
        format!(
            "{by} creó a {} ({}) con rol {}",
            row.name,
            row.login,
            request.role.label()
        ),
    )
    .await?;
    txn.commit().await?;
    let leaders = leaders_of(db, std::slice::from_ref(&row)).await?;
    to_view(row, &leaders)
}

/// Inserts a user row; a repeated login is a [`ServiceError::Conflict`].
async fn insert_row(
    db: &impl ConnectionTrait,
    login: &Login,
    name: String,
    role: Role,
    reports_to_id: Option<i64>,
    password_hash: String,
) -> Result<users::Model, ServiceError> {
    let now = Utc::now();
    let inserted = users::Entity::insert(users::ActiveModel {
        id: NotSet,
        login: Set(login.as_str().to_string()),
        name: Set(name),
        role: Set(role.code().to_string()),
        reports_to_id: Set(reports_to_id),
        active: Set(true),
        password_hash: Set(password_hash),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        password_changed_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_with_returning(db)
    .await;
    match inserted {
        Ok(row) => Ok(row),
        Err(err) if ServiceError::is_unique_violation(&err) => Err(ServiceError::Conflict(
            format!("Ya existe un usuario «{login}»."),
        )),
        Err(err) => Err(err.into()),
    }
}

/// Changes a user's name, role, leader or status (admin). A role change is a
/// security event of its own.
pub async fn update_user(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    request: UpdateUserRequest,
    ip: Option<String>,
) -> Result<UserView, ServiceError> {
    actor.require(Capability::ManageUsers)?;
    // Everything is read inside the write transaction, with the rows locked
    // (PostgreSQL; SQLite serializes writers), so a concurrent change cannot
    // slip between the checks and the update — e.g. an agent assigned to a
    // supervisor who is being demoted.
    let txn = db::begin_write(db).await?;
    let current = find_for_update(&txn, id).await?;
    let current_role: Role = current
        .role
        .parse()
        .map_err(|_| ServiceError::Internal(format!("bad role in db for {id}")))?;
    let role = request.role.unwrap_or(current_role);
    let mut errors = FieldErrors::default();
    let name = match &request.name {
        Some(name) => errors
            .check("name", PersonName::parse(name))
            .map(PersonName::into_inner),
        None => Some(current.name.clone()),
    };

    // The leader: as requested, or kept when still valid for the new role.
    let leader_login = match &request.reports_to {
        Some(requested) => requested.clone(),
        None => match current.reports_to_id {
            Some(leader_id) if role.reports_to_role().is_some() => {
                Some(find(&txn, leader_id).await?.login)
            }
            _ => None,
        },
    };
    let leader = check_leader(&txn, role, leader_login.as_deref(), Some(id), &mut errors).await?;

    let active = request.active.unwrap_or(current.active);
    if id == actor.id && (role != Role::Admin || !active) {
        errors.add(
            if active { "role" } else { "active" },
            "No puede quitarse a sí mismo el rol de administrador ni desactivarse.",
        );
    }
    if (role != current_role || !active) && current_role.is_leader() {
        let reports = active_reports(&txn, id).await?;
        if reports > 0 {
            errors.add(
                if role != current_role { "role" } else { "active" },
                format!("Tiene {reports} personas a cargo; reasígnelas a otro líder antes de este cambio."),
            );
        }
    }
    errors.into_result()?;

    let now = Utc::now();
    let unlock = request.unlock == Some(true);
    let mut change = users::ActiveModel {
        id: Set(id),
        name: Set(name.unwrap_or_else(|| current.name.clone())),
        role: Set(role.code().to_string()),
        reports_to_id: Set(leader.as_ref().map(|l| l.id)),
        active: Set(active),
        updated_at: Set(now),
        ..Default::default()
    };
    if unlock {
        change.failed_logins = Set(0);
        change.locked_until = Set(None);
    }
    let row = users::Entity::update(change).exec(&txn).await?;
    let source = admin_source(ip, &row);
    if role != current_role {
        security_log::record(
            &txn,
            SecurityEventKind::RoleChange,
            &source,
            format!(
                "{} cambió el rol de {}: {} → {}",
                actor.login,
                row.login,
                current_role.label(),
                role.label()
            ),
        )
        .await?;
    }
    if !active && current.active {
        sessions::delete_for_user(&txn, id, None).await?;
        security_log::record(
            &txn,
            SecurityEventKind::UserDisabled,
            &source,
            format!("{} desactivó a {}", actor.login, row.login),
        )
        .await?;
    }
    let mut other_changes = Vec::new();
    if row.name != current.name {
        other_changes.push(format!("nombre «{}» → «{}»", current.name, row.name));
    }
    if row.reports_to_id != current.reports_to_id {
        other_changes.push(format!(
            "líder {} → {}",
            describe_leader(db, current.reports_to_id).await?,
            leader
                .as_ref()
                .map(|l| l.login.clone())
                .unwrap_or_else(|| "ninguno".into())
        ));
    }
    if active && !current.active {
        other_changes.push("reactivado".into());
    }
    if unlock {
        other_changes.push("desbloqueado".into());
    }
    if !other_changes.is_empty() {
        security_log::record(
            &txn,
            SecurityEventKind::UserUpdated,
            &source,
            format!(
                "{} modificó a {}: {}",
                actor.login,
                row.login,
                other_changes.join("; ")
            ),
        )
        .await?;
    }
    txn.commit().await?;
    let leaders = leaders_of(db, std::slice::from_ref(&row)).await?;
    to_view(row, &leaders)
}

/// Sets a user's password (admin); their open sessions end.
pub async fn set_password(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    request: SetPasswordRequest,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    actor.require(Capability::ManageUsers)?;
    let user = find(db, id).await?;
    set_password_of(
        db,
        &user,
        &request.password,
        admin_source(ip, &user),
        &actor.login,
    )
    .await
}

/// Sets a password by login: for the `faro user set-password` command.
pub async fn set_password_by_login(
    db: &DatabaseConnection,
    login: &str,
    password: &str,
) -> Result<(), ServiceError> {
    let user = find_by_login(db, login).await?;
    let source = EventSource {
        user_id: Some(user.id),
        login: Some(user.login.clone()),
        ip: None,
    };
    set_password_of(db, &user, password, source, "línea de comandos").await
}

async fn set_password_of(
    db: &DatabaseConnection,
    user: &users::Model,
    password: &str,
    source: EventSource,
    by: &str,
) -> Result<(), ServiceError> {
    let login = Login::parse(&user.login).map_err(ServiceError::Internal)?;
    let password =
        NewPassword::parse(password, &login).map_err(|m| ServiceError::invalid("password", m))?;
    let hash = passwords::hash(password.expose().to_string()).await?;
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    users::Entity::update(users::ActiveModel {
        id: Set(user.id),
        password_hash: Set(hash),
        password_changed_at: Set(now),
        failed_logins: Set(0),
        locked_until: Set(None),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    sessions::delete_for_user(&txn, user.id, None).await?;
    security_log::record(
        &txn,
        SecurityEventKind::PasswordChange,
        &source,
        format!("Contraseña de {} restablecida por {by}", user.login),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A user of the demo data, inserted without an actor.
pub struct NewUser<'a> {
    pub login: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub reports_to: Option<&'a str>,
    /// Already hashed (the demo hashes its one password once).
    pub password_hash: String,
}

pub async fn insert_user(
    db: &impl ConnectionTrait,
    new: NewUser<'_>,
) -> Result<users::Model, ServiceError> {
    let login = Login::parse(new.login).map_err(|m| ServiceError::invalid("login", m))?;
    let name = PersonName::parse(new.name).map_err(|m| ServiceError::invalid("name", m))?;
    let reports_to_id = match new.reports_to {
        Some(leader) => Some(find_by_login(db, leader).await?.id),
        None => None,
    };
    insert_row(
        db,
        &login,
        name.into_inner(),
        new.role,
        reports_to_id,
        new.password_hash,
    )
    .await
}

/// Disables a user by login and ends their sessions: for `faro user disable`.
pub async fn disable_by_login(db: &DatabaseConnection, login: &str) -> Result<(), ServiceError> {
    let user = find_by_login(db, login).await?;
    let txn = db::begin_write(db).await?;
    users::Entity::update(users::ActiveModel {
        id: Set(user.id),
        active: Set(false),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    sessions::delete_for_user(&txn, user.id, None).await?;
    security_log::record(
        &txn,
        SecurityEventKind::UserDisabled,
        &EventSource {
            user_id: Some(user.id),
            login: Some(user.login.clone()),
            ip: None,
        },
        format!("{} desactivado desde la línea de comandos", user.login),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Whether any user exists (an empty database gets demo data).
pub async fn any_user(db: &impl ConnectionTrait) -> Result<bool, ServiceError> {
    Ok(users::Entity::find().count(db).await? > 0)
}

pub async fn find_by_login(
    db: &impl ConnectionTrait,
    login: &str,
) -> Result<users::Model, ServiceError> {
    let normalized = login.trim().to_lowercase();
    users::Entity::find()
        .filter(users::Column::Login.eq(normalized.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("No existe el usuario «{normalized}».")))
}

/// A user row, locked until the transaction ends (PostgreSQL).
async fn find_for_update(
    txn: &impl ConnectionTrait,
    id: i64,
) -> Result<users::Model, ServiceError> {
    users::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El usuario no existe.".into()))
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<users::Model, ServiceError> {
    users::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("El usuario no existe.".into()))
}

/// Validates the leader a user of `role` would report to.
async fn check_leader(
    db: &impl ConnectionTrait,
    role: Role,
    leader_login: Option<&str>,
    user_id: Option<i64>,
    errors: &mut FieldErrors,
) -> Result<Option<users::Model>, ServiceError> {
    let leader_login = leader_login.map(str::trim).filter(|l| !l.is_empty());
    let Some(expected) = role.reports_to_role() else {
        if leader_login.is_some() {
            errors.add(
                "reports_to",
                format!("El rol {} no reporta a un líder.", role.label()),
            );
        }
        return Ok(None);
    };
    let Some(leader_login) = leader_login else {
        if role == Role::Asesor {
            errors.add(
                "reports_to",
                "Un asesor debe pertenecer al equipo de un supervisor.",
            );
        }
        return Ok(None);
    };
    let leader = users::Entity::find()
        .filter(users::Column::Login.eq(leader_login.to_lowercase()))
        .lock_exclusive()
        .one(db)
        .await?;
    match leader {
        None => errors.add(
            "reports_to",
            format!("No existe el usuario «{leader_login}»."),
        ),
        Some(leader) if Some(leader.id) == user_id => {
            errors.add("reports_to", "Un usuario no puede reportarse a sí mismo.")
        }
        Some(leader) if leader.role != expected.code() => errors.add(
            "reports_to",
            format!(
                "Un {} reporta a un {}; «{}» no lo es.",
                role.label().to_lowercase(),
                expected.label().to_lowercase(),
                leader.login
            ),
        ),
        Some(leader) if !leader.active => {
            errors.add("reports_to", format!("«{}» está inactivo.", leader.login))
        }
        Some(leader) => return Ok(Some(leader)),
    }
    Ok(None)
}

async fn active_reports(db: &impl ConnectionTrait, leader_id: i64) -> Result<u64, ServiceError> {
    Ok(users::Entity::find()
        .filter(users::Column::ReportsToId.eq(leader_id))
        .filter(users::Column::Active.eq(true))
        .count(db)
        .await?)
}

async fn describe_leader(
    db: &impl ConnectionTrait,
    id: Option<i64>,
) -> Result<String, ServiceError> {
    Ok(match id {
        Some(id) => find(db, id).await?.login,
        None => "ninguno".into(),
    })
}

async fn leaders_of(
    db: &impl ConnectionTrait,
    rows: &[users::Model],
) -> Result<HashMap<i64, UserRef>, ServiceError> {
    let ids: Vec<i64> = rows.iter().filter_map(|r| r.reports_to_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?
        .iter()
        .map(|leader| (leader.id, user_ref(leader)))
        .collect())
}

/// Orders people as a Spanish reader expects ("Álvaro" with the A's), the
/// same on SQLite and PostgreSQL whatever their collations.
fn sort_by_name(rows: &mut [users::Model]) {
    rows.sort_by_cached_key(|row| (collation_key(&row.name), row.id));
}

fn collation_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            // «ñ» sorts after «n»: keep it distinct but right after.
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

pub fn user_ref(user: &users::Model) -> UserRef {
    UserRef {
        id: user.id,
        login: user.login.clone(),
        name: user.name.clone(),
    }
}

fn to_view(row: users::Model, leaders: &HashMap<i64, UserRef>) -> Result<UserView, ServiceError> {
    let now: DateTime<Utc> = Utc::now();
    Ok(UserView {
        id: row.id,
        role: row
            .role
            .parse()
            .map_err(|_| ServiceError::Internal(format!("bad role in db for {}", row.id)))?,
        reports_to: row.reports_to_id.and_then(|id| leaders.get(&id).cloned()),
        active: row.active,
        locked_until: row.locked_until.filter(|until| *until > now),
        last_login_at: row.last_login_at,
        created_at: row.created_at,
        login: row.login,
        name: row.name,
    })
}

/// Events of an administrator's change are filed under the user changed; the
/// detail names the administrator.
fn admin_source(ip: Option<String>, target: &users::Model) -> EventSource {
    EventSource {
        user_id: Some(target.id),
        login: Some(target.login.clone()),
        ip,
    }
}

/// References to the given users, by id.
pub async fn refs_by_id(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, UserRef>, ServiceError> {
    let ids: Vec<i64> = ids
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?
        .iter()
        .map(|u| (u.id, user_ref(u)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_ignoring_case_and_accents() {
        let mut names = vec!["Zoe", "Álvaro", "andrés", "Beatriz", "Ángela"];
        names.sort_by_cached_key(|n| collation_key(n));
        assert_eq!(names, ["Álvaro", "andrés", "Ángela", "Beatriz", "Zoe"]);
    }
}
