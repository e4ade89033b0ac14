//! `faro procedure export|validate|import`: procedure versions as files, so
//! they can be reviewed and versioned outside Faro.

use crate::services::procedures;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ProcedureCommand {
    /// Print a version as its file (TOML) on standard output.
    Export {
        /// The version number; the published one when omitted.
        #[arg(long)]
        version: Option<u32>,
    },
    /// Check a file: exit status non-zero with every problem listed.
    Validate { file: PathBuf },
    /// Import a file as a new draft (publish it from the admin page).
    Import { file: PathBuf },
}

fn read(file: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(file)
        .map_err(|err| format!("No se pudo leer {}: {err}", file.display()))
}

pub async fn run(database_url: &str, command: ProcedureCommand) -> Result<(), String> {
    match command {
        ProcedureCommand::Validate { file } => {
            let procedure = procedures::parse_file(&read(&file)?)?;
            let problems = procedures::problems(&procedure, None);
            if problems.is_empty() {
                println!(
                    "El procedimiento «{}» (versión {}) es válido: {} pasos.",
                    procedure.meta.title,
                    procedure.meta.version,
                    procedure.steps.len()
                );
                Ok(())
            } else {
                for problem in &problems {
                    eprintln!("- {problem}");
                }
                Err(format!(
                    "El procedimiento tiene {} problema(s).",
                    problems.len()
                ))
            }
        }
        ProcedureCommand::Export { version } => {
            let db = super::open_database(database_url).await?;
            let text = procedures::file_by_number(&db, version)
                .await
                .map_err(super::service_message)?;
            print!("{text}");
            Ok(())
        }
        ProcedureCommand::Import { file } => {
            let text = read(&file)?;
            let procedure = procedures::parse_file(&text)?;
            let db = super::open_database(database_url).await?;
            let view =
                procedures::insert_draft(&db, None, procedure, Some(text), chrono::Utc::now())
                    .await
                    .map_err(super::service_message)?;
            println!("Importado como borrador, versión {}.", view.summary.number);
            if !view.problems.is_empty() {
                println!("Antes de publicarlo corrija:");
                for problem in &view.problems {
                    println!("- {problem}");
                }
            }
            Ok(())
        }
    }
}
