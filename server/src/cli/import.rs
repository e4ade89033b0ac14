//! `faro import bases FILE --tipo-base KIND --nombre NAME`: the same import as
//! the web page, for scripts. Exit status non-zero, and nothing stored, when
//! any row is bad.

use crate::imports::kpi_sources::SourceKind;
use crate::imports::values::parse_date;
use crate::services::base_imports::{self, ImportProgress, ImportRequest, Importer};
use app::api::bases::ImportStatus;
use app::domain::bases::BaseKind;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import a base of customers from a CSV file.
    Bases {
        /// The CSV file (UTF-8 with or without BOM, or Windows-1252; `,` or `;`).
        file: PathBuf,
        /// FIDELIZACION, ABANDONOS, DETRACTORES, CANCELACIONES or BROWNFIELD.
        #[arg(long)]
        tipo_base: BaseKind,
        /// The base's name: a new name creates it, an existing one adds to it.
        #[arg(long)]
        nombre: String,
        /// Logins of the supervisors whose teams work the base, separated by commas.
        #[arg(long, value_delimiter = ',')]
        equipos: Vec<String>,
        /// First day the base may be worked (aaaa-mm-dd or dd/mm/aaaa).
        #[arg(long)]
        vigencia_desde: Option<String>,
        /// Last day the base may be worked.
        #[arg(long)]
        vigencia_hasta: Option<String>,
    },
    /// Import the typification catalog (`codigo,nombre,requerimiento,spc`).
    Tipificaciones {
        /// The CSV file.
        file: PathBuf,
    },
    /// Import offers into the catalog (`codigo,nombre,guion,tipo,escalon,…`;
    /// see procedures/ofertas.csv).
    Ofertas {
        /// The CSV file.
        file: PathBuf,
    },
    /// Import the technical-visit agenda (`zona,fecha,franja,capacidad`).
    Agenda {
        /// The CSV file.
        file: PathBuf,
    },
    /// Import the HR roster (`login,nombre,rol,supervisor,fecha_ingreso,fecha_retiro`).
    Agentes { file: PathBuf },
    /// Import the dialer's consolidated report (`fecha_hora,cuenta,tipo_base,segmento,asesor,resultado`).
    Gestion { file: PathBuf },
    /// Import interactions (`id,fecha_hora,cuenta,asesor,tipo_base,segmento,tipificacion,spc,cun`).
    Interacciones { file: PathBuf },
    /// Import retention outcomes (`id,fecha_cierre,cuenta,asesor,segmento,servicio,resultado,oferta`).
    Retencion { file: PathBuf },
    /// Import survey answers (`id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion`).
    Encuestas { file: PathBuf },
    /// Import quality monitoring (`id,fecha,asesor,nota,evaluador,id_interaccion`).
    Monitoreo { file: PathBuf },
    /// Import attendance (`fecha,asesor,programado,ausente,motivo`).
    Asistencia { file: PathBuf },
}

/// Prints every bad line and answers the one-line summary.
fn line_report(err: crate::services::ServiceError) -> String {
    match err {
        crate::services::ServiceError::Validation(lines) => {
            for (_, line) in &lines {
                eprintln!("{line}");
            }
            "El archivo tiene problemas: no se importó nada.".to_string()
        }
        other => super::service_message(other),
    }
}

pub async fn run(database_url: &str, command: ImportCommand) -> Result<(), String> {
    let db = super::open_database(database_url).await?;
    match command {
        ImportCommand::Tipificaciones { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|err| format!("No se pudo leer {}: {err}", file.display()))?;
            let report =
                crate::services::typifications::import_file(&db, &bytes, chrono::Utc::now())
                    .await
                    .map_err(line_report)?;
            println!(
                "Tipificaciones: {} nuevas, {} actualizadas.",
                report.created, report.updated
            );
            Ok(())
        }
        ImportCommand::Ofertas { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|err| format!("No se pudo leer {}: {err}", file.display()))?;
            let report =
                crate::services::offers::import_file(&db, None, &bytes, chrono::Utc::now())
                    .await
                    .map_err(line_report)?;
            println!(
                "Ofertas: {} nuevas, {} actualizadas.",
                report.created, report.updated
            );
            Ok(())
        }
        ImportCommand::Agenda { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|err| format!("No se pudo leer {}: {err}", file.display()))?;
            let report =
                crate::services::field_ops::agenda::import_file(&db, &bytes, chrono::Utc::now())
                    .await
                    .map_err(line_report)?;
            println!(
                "Agenda: {} cupos nuevos, {} actualizados.",
                report.created, report.updated
            );
            Ok(())
        }
        ImportCommand::Agentes { file } => kpi_source(&db, SourceKind::Agentes, &file).await,
        ImportCommand::Gestion { file } => kpi_source(&db, SourceKind::Gestion, &file).await,
        ImportCommand::Interacciones { file } => {
            kpi_source(&db, SourceKind::Interacciones, &file).await
        }
        ImportCommand::Retencion { file } => kpi_source(&db, SourceKind::Retencion, &file).await,
        ImportCommand::Encuestas { file } => kpi_source(&db, SourceKind::Encuestas, &file).await,
        ImportCommand::Monitoreo { file } => kpi_source(&db, SourceKind::Monitoreo, &file).await,
        ImportCommand::Asistencia { file } => kpi_source(&db, SourceKind::Asistencia, &file).await,
        ImportCommand::Bases {
            file,
            tipo_base,
            nombre,
            equipos,
            vigencia_desde,
            vigencia_hasta,
        } => {
            let bytes = std::fs::read(&file)
                .map_err(|err| format!("No se pudo leer {}: {err}", file.display()))?;
            let date = |value: Option<String>| value.map(|v| parse_date(&v)).transpose();
            let request = ImportRequest {
                base_name: nombre,
                kind: tipo_base,
                teams: equipos,
                file_name: file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                valid_from: date(vigencia_desde)?,
                valid_to: date(vigencia_hasta)?,
            };
            let (view, job) = base_imports::start(&db, Importer::CommandLine, request, bytes)
                .await
                .map_err(super::service_message)?;
            let view = match job {
                Some(job) => base_imports::run(&db, &ImportProgress::default(), job)
                    .await
                    .map_err(super::service_message)?,
                None => {
                    println!(
                        "Este archivo ya se había importado en la base «{}»; no se agregó nada.",
                        view.base_name
                    );
                    view
                }
            };
            match view.status {
                ImportStatus::Completada => {
                    println!(
                        "Base «{}»: {} registros nuevos, {} ya estaban en la base.",
                        view.base_name, view.rows_inserted, view.rows_duplicated
                    );
                    Ok(())
                }
                _ => {
                    for error in &view.errors {
                        let column = error
                            .column
                            .as_deref()
                            .map(|c| format!(" ({c})"))
                            .unwrap_or_default();
                        eprintln!("línea {}{column}: {}", error.line, error.message);
                    }
                    if view.errors_total as usize > view.errors.len() {
                        eprintln!(
                            "… y {} problemas más.",
                            view.errors_total as usize - view.errors.len()
                        );
                    }
                    Err(format!(
                        "La importación fue {}: no se guardó ningún registro.",
                        view.status.label().to_lowercase()
                    ))
                }
            }
        }
    }
}

/// One of the seven indicator sources of SPEC §5.
async fn kpi_source(
    db: &sea_orm::DatabaseConnection,
    kind: SourceKind,
    file: &std::path::Path,
) -> Result<(), String> {
    let bytes =
        std::fs::read(file).map_err(|err| format!("No se pudo leer {}: {err}", file.display()))?;
    let report = crate::services::kpis::imports::import_file(db, kind, &bytes, chrono::Utc::now())
        .await
        .map_err(line_report)?;
    println!(
        "{}: {} filas, {} nuevas, {} actualizadas, {} ya estaban.",
        kind.label(),
        report.rows,
        report.created,
        report.updated,
        report.unchanged
    );
    if report.detractors_queued > 0 {
        println!(
            "{} detractores agregados a la base DETRACTORES de su equipo.",
            report.detractors_queued
        );
    }
    Ok(())
}
