//! The `faro` command line: `serve` (default), `migrate`, `user …`,
//! `import …`, `procedure …`, `kpis …`.

mod import;
mod kpis;
mod migrate;
mod procedure;
pub mod serve;
mod user;

use crate::db::DEFAULT_DATABASE_URL;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "faro",
    version,
    about = "Faro: la herramienta de la operación outbound premium (Hogar y Móvil)."
)]
pub struct Cli {
    /// Database: a SQLite file (`sqlite://ruta.db?mode=rwc`) or PostgreSQL
    /// (`postgres://usuario:clave@host/base`).
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of `serve`, also accepted without the word `serve`.
    #[command(flatten)]
    pub serve: serve::ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and the API (the default).
    Serve(serve::ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Import CSV files.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// The seven indicators for a period, as a table or JSON.
    Kpis(kpis::KpisArgs),
    /// Procedure versions as files: export, validate, import.
    #[command(subcommand)]
    Procedure(procedure::ProcedureCommand),
}

/// Runs the command; the error is a message for the operator, in Spanish.
pub async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        None => serve::run(&cli.database_url, cli.serve).await,
        Some(Command::Serve(args)) => serve::run(&cli.database_url, args).await,
        Some(Command::Migrate) => migrate::run(&cli.database_url).await,
        Some(Command::User(command)) => user::run(&cli.database_url, command).await,
        Some(Command::Import(command)) => import::run(&cli.database_url, command).await,
        Some(Command::Procedure(command)) => procedure::run(&cli.database_url, command).await,
        Some(Command::Kpis(args)) => kpis::run(&cli.database_url, args).await,
    }
}

/// Connects and migrates, in the words an operator needs when it fails.
pub(crate) async fn open_database(url: &str) -> Result<sea_orm::DatabaseConnection, String> {
    let db = crate::db::connect(url).await.map_err(|err| {
        format!(
            "No se pudo conectar a la base de datos ({}): {err}",
            redact(url)
        )
    })?;
    crate::db::migrate(&db)
        .await
        .map_err(|err| format!("No se pudieron aplicar las migraciones: {err}"))?;
    Ok(db)
}

/// A service error in the words an operator reads on the terminal.
pub(crate) fn service_message(err: crate::services::ServiceError) -> String {
    use crate::services::ServiceError;
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

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_is_the_default_and_takes_its_flags_without_the_word() {
        let cli = Cli::try_parse_from(["faro", "--bind", "0.0.0.0:8080", "--no-demo"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.bind, "0.0.0.0:8080");
        assert!(cli.serve.no_demo);
    }

    #[test]
    fn user_commands_parse() {
        let cli = Cli::try_parse_from([
            "faro",
            "--database-url",
            "sqlite://x.db",
            "user",
            "create",
            "--login",
            "ana",
            "--name",
            "Ana",
            "--role",
            "asesor",
            "--reports-to",
            "sup1",
            "--password-stdin",
        ])
        .unwrap();
        assert_eq!(cli.database_url, "sqlite://x.db");
        assert!(matches!(cli.command, Some(Command::User(_))));
    }

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact("postgres://faro:secreta@db:5432/faro"),
            "postgres://faro:***@db:5432/faro"
        );
        assert_eq!(redact("sqlite://data/faro.db"), "sqlite://data/faro.db");
    }
}
