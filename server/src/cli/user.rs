//! `faro user create | set-password | disable`.

use crate::services::users;
use app::api::users::CreateUserRequest;
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
            let password = read_password(password_stdin, &parsed_login)?;
            let user = users::create_user_from_cli(
                &db,
                CreateUserRequest {
                    login,
                    name,
                    role,
                    reports_to,
                    password: password.expose().to_string(),
                },
            )
            .await
            .map_err(super::service_message)?;
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
                .map_err(super::service_message)?;
            println!("Contraseña de «{parsed_login}» cambiada; sus sesiones abiertas se cerraron.");
        }
        UserCommand::Disable { login } => {
            users::disable_by_login(&db, &login)
                .await
                .map_err(super::service_message)?;
            println!(
                "Usuario «{}» desactivado; sus sesiones abiertas se cerraron.",
                login.trim().to_lowercase()
            );
        }
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
