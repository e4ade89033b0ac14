//! `faro user create | set-password | disable`.

use crate::services::security_log::{self, EventSource};
use crate::services::users::{self, NewUser};
use crate::services::{ServiceError, passwords};
use app::api::security::SecurityEventKind;
use app::domain::credentials::{Login, NewPassword};
use app::domain::role::Role;
use clap::Subcommand;
use std::io::{BufRead, IsTerminal};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user.
    Create {
        #[arg(long)]
        login: String,
        /// Full name, as shown in the app.
        #[arg(long)]
        name: String,
        /// asesor, supervisor, coordinador, gerente, backoffice, calidad or admin.
        #[arg(long)]
        role: Role,
        /// Login of the leader (required for asesor).
        #[arg(long)]
        reports_to: Option<String>,
        /// Read the password from the first line of standard input instead of
        /// asking for it.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a user's password; their open sessions end.
    SetPassword {
        login: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable a user; their open sessions end.
    Disable { login: String },
}

pub async fn run(database_url: &str, command: UserCommand) -> Result<(), String> {
    let db = super::open_database(database_url).await?;
    match command {
        UserCommand::Create {
            login,
            name,
            role,
            reports_to,
            password_stdin,
        } => {
            let parsed_login = Login::parse(&login)?;
            if role == Role::Asesor && reports_to.is_none() {
                return Err(
                    "Un asesor debe pertenecer al equipo de un supervisor: use --reports-to."
                        .into(),
                );
            }
            let password = read_password(password_stdin, &parsed_login)?;
            let hash = passwords::hash(password.expose().to_string())
                .await
                .map_err(message)?;
            let txn = crate::db::begin_write(&db)
                .await
                .map_err(|e| message(e.into()))?;
            let user = users::insert_user(
                &txn,
                NewUser {
                    login: parsed_login.as_str(),
                    name: &name,
                    role,
                    reports_to: reports_to.as_deref(),
                    password_hash: hash,
                },
            )
            .await
            .map_err(message)?;
            check_leader_role(&txn, role, user.reports_to_id).await?;
            security_log::record(
                &txn,
                SecurityEventKind::UserCreated,
                &EventSource {
                    user_id: Some(user.id),
                    login: Some(user.login.clone()),
                    ip: None,
                },
                format!(
                    "{} ({}) creado desde la línea de comandos con rol {}",
                    user.name,
                    user.login,
                    role.label()
                ),
            )
            .await
            .map_err(message)?;
            txn.commit().await.map_err(|e| message(e.into()))?;
            println!("Usuario «{}» creado con rol {}.", user.login, role.label());
        }
        UserCommand::SetPassword {
            login,
            password_stdin,
        } => {
            let parsed_login = Login::parse(&login)?;
            let password = read_password(password_stdin, &parsed_login)?;
            users::set_password_by_login(&db, parsed_login.as_str(), password.expose())
                .await
                .map_err(message)?;
            println!("Contraseña de «{parsed_login}» cambiada; sus sesiones abiertas se cerraron.");
        }
        UserCommand::Disable { login } => {
            users::disable_by_login(&db, &login)
                .await
                .map_err(message)?;
            println!(
                "Usuario «{}» desactivado; sus sesiones abiertas se cerraron.",
                login.trim().to_lowercase()
            );
        }
    }
    Ok(())
}

/// The leader given with `--reports-to` must have the role above.
async fn check_leader_role(
    db: &impl sea_orm::ConnectionTrait,
    role: Role,
    leader_id: Option<i64>,
) -> Result<(), String> {
    let (Some(expected), Some(leader_id)) = (role.reports_to_role(), leader_id) else {
        if leader_id.is_some() {
            return Err(format!("El rol {} no reporta a un líder.", role.label()));
        }
        return Ok(());
    };
    use sea_orm::EntityTrait;
    let leader = crate::db::entities::users::Entity::find_by_id(leader_id)
        .one(db)
        .await
        .map_err(|e| message(e.into()))?
        .ok_or("El líder no existe.")?;
    if leader.role != expected.code() {
        return Err(format!(
            "Un {} reporta a un {}; «{}» es {}.",
            role.label().to_lowercase(),
            expected.label().to_lowercase(),
            leader.login,
            leader.role
        ));
    }
    Ok(())
}

fn read_password(from_stdin: bool, login: &Login) -> Result<NewPassword, String> {
    let password = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|err| format!("No se pudo leer la contraseña: {err}"))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        if !std::io::stdin().is_terminal() {
            return Err("No hay terminal para pedir la contraseña: use --password-stdin.".into());
        }
        let first = rpassword::prompt_password("Contraseña: ").map_err(|e| e.to_string())?;
        let second =
            rpassword::prompt_password("Repita la contraseña: ").map_err(|e| e.to_string())?;
        if first != second {
            return Err("Las contraseñas no coinciden.".into());
        }
        first
    };
    NewPassword::parse(&password, login)
}

fn message(err: ServiceError) -> String {
    match err {
        ServiceError::Validation(fields) => fields
            .into_iter()
            .map(|(_, m)| m)
            .collect::<Vec<_>>()
            .join(" "),
        ServiceError::Database(db) => format!("Error de base de datos: {db}"),
        other => other.to_string(),
    }
}
