//! Importing a CSV file into a base: checked whole first, stored whole in one
//! transaction or not at all, idempotent (the same file again adds nothing;
//! records already in the base are skipped, never duplicated).

use super::authz::Actor;
use super::error::ServiceError;
use crate::db::{
    self,
    entities::{base_imports, base_records, base_teams, bases, users},
};
use crate::imports::{self, RowError, bases::NewRecord};
use app::api::bases::{ImportRowError, ImportStatus, ImportView};
use app::domain::bases::{BaseKind, BaseStatus, RecordStatus, RetryRules};
use app::domain::contact_policy::ContactPolicy;
use app::domain::role::{Capability, Role};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::OnConflict,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// Records inserted per statement: well under SQLite's and PostgreSQL's
/// limits on bound parameters.
const BATCH: usize = 500;
/// Problems kept in the report; the count keeps them all.
const MAX_REPORTED_ERRORS: usize = 500;
/// An import whose server stopped writing for this long is failed.
const STALE_AFTER_MINUTES: i64 = 10;

/// What to import, and into which base.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    pub base_name: String,
    pub kind: BaseKind,
    /// Supervisor logins (admin only).
    pub teams: Vec<String>,
    pub file_name: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// Progress of the imports this server instance is running, for the
/// progress bar; the database has the phase-level state for every instance.
#[derive(Debug, Clone, Default)]
pub struct ImportProgress(Arc<Mutex<HashMap<i64, (u32, u32)>>>);

impl ImportProgress {
    fn set(&self, id: i64, processed: u32, total: u32) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id, (processed, total));
        }
    }

    fn finish(&self, id: i64) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&id);
        }
    }

    fn get(&self, id: i64) -> Option<(u32, u32)> {
        self.0.lock().ok().and_then(|map| map.get(&id).copied())
    }
}

/// An accepted import waiting to run.
pub struct ImportJob {
    pub import_id: i64,
    request: ImportRequest,
    bytes: Vec<u8>,
    created_by: Option<i64>,
    teams: Vec<i64>,
}

/// Who starts an import.
pub enum Importer<'a> {
    /// Through the API: admin (any teams) or supervisor (their own team).
    User(&'a Actor),
    /// `faro import bases`.
    CommandLine,
}

/// Checks the request, records the import as under way and answers it with
/// the job to run. The same file already imported into the same base answers
/// that import and no job.
pub async fn start(
    db: &DatabaseConnection,
    importer: Importer<'_>,
    request: ImportRequest,
    bytes: Vec<u8>,
) -> Result<(ImportView, Option<ImportJob>), ServiceError> {
    let name = request
        .base_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.chars().count() < 3 || name.chars().count() > 120 {
        return Err(ServiceError::invalid(
            "nombre",
            "El nombre de la base debe tener entre 3 y 120 caracteres.",
        ));
    }
    if let (Some(from), Some(to)) = (request.valid_from, request.valid_to)
        && to < from
    {
        return Err(ServiceError::invalid(
            "vigencia_hasta",
            "La vigencia termina antes de empezar.",
        ));
    }
    if bytes.is_empty() {
        return Err(ServiceError::invalid("archivo", "El archivo está vacío."));
    }
    let request = ImportRequest {
        base_name: name,
        ..request
    };

    let (created_by, teams) = match importer {
        Importer::User(actor) => {
            actor.require(Capability::ManageBases)?;
            let teams = match actor.role {
                Role::Supervisor => {
                    if request
                        .teams
                        .iter()
                        .any(|login| !login.eq_ignore_ascii_case(&actor.login))
                    {
                        return Err(ServiceError::Forbidden);
                    }
                    vec![actor.id]
                }
                _ => supervisor_ids(db, &request.teams).await?,
            };
            (Some(actor.id), teams)
        }
        Importer::CommandLine => (None, supervisor_ids(db, &request.teams).await?),
    };

    let existing = bases::Entity::find()
        .filter(bases::Column::Name.eq(request.base_name.as_str()))
        .one(db)
        .await?;
    if let Some(base) = &existing {
        if base.kind != request.kind.code() {
            return Err(ServiceError::invalid(
                "tipo_base",
                format!(
                    "La base «{}» ya existe y es de tipo {}.",
                    base.name, base.kind
                ),
            ));
        }
        if let Importer::User(actor) = importer
            && actor.role == Role::Supervisor
            && !super::bases::team_works_base(db, actor.id, base.id).await?
        {
            return Err(ServiceError::Forbidden);
        }
    } else if teams.is_empty() {
        return Err(ServiceError::invalid(
            "equipos",
            "Indique al menos un equipo (login del supervisor) que trabajará la base.",
        ));
    }

    let sha256 = hex::encode(Sha256::digest(&bytes));
    if let Some(base) = &existing {
        let previous = base_imports::Entity::find()
            .filter(base_imports::Column::BaseId.eq(base.id))
            .filter(base_imports::Column::FileSha256.eq(sha256.as_str()))
            .filter(base_imports::Column::Status.is_in([
                ImportStatus::Completada.code(),
                ImportStatus::Procesando.code(),
            ]))
            .order_by_desc(base_imports::Column::Id)
            .one(db)
            .await?;
        if let Some(previous) = previous {
            return Ok((view(previous, None), None));
        }
    }

    let now = Utc::now();
    let row = base_imports::Entity::insert(base_imports::ActiveModel {
        id: NotSet,
        base_id: Set(existing.as_ref().map(|b| b.id)),
        base_name: Set(request.base_name.clone()),
        file_name: Set(request.file_name.chars().take(255).collect()),
        file_sha256: Set(sha256),
        status: Set(ImportStatus::Procesando.code().into()),
        rows_total: Set(0),
        rows_processed: Set(0),
        rows_inserted: Set(0),
        rows_duplicated: Set(0),
        errors: Set("[]".into()),
        created_by: Set(created_by),
        created_at: Set(now),
        heartbeat_at: Set(now),
        finished_at: Set(None),
    })
    .exec_with_returning(db)
    .await?;
    let view = view(row.clone(), None);
    Ok((
        view,
        Some(ImportJob {
            import_id: row.id,
            request,
            bytes,
            created_by,
            teams,
        }),
    ))
}

/// Runs an import to its end and answers its final state. Never leaves it
/// "in progress": any failure is recorded as `FALLIDA`.
pub async fn run(
    db: &DatabaseConnection,
    progress: &ImportProgress,
    job: ImportJob,
) -> Result<ImportView, ServiceError> {
    let id = job.import_id;
    let outcome = process(db, progress, job).await;
    progress.finish(id);
    if outcome.is_ok() {
        // Thousands of new rows: fresh statistics keep the planner on the
        // hand-out index (PostgreSQL otherwise sorts the whole base on every
        // "next customer" until autovacuum catches up).
        crate::db::analyze(db, "base_records").await;
    }
    if let Err(err) = &outcome {
        tracing::error!(import = id, error = ?err, "import failed");
        base_imports::Entity::update_many()
            .col_expr(base_imports::Column::Status, ImportStatus::Fallida.code().into())
            .col_expr(
                base_imports::Column::Errors,
                serde_json::to_string(&[RowError::new(0, None, "La importación falló por un error del servidor; no se guardó nada. Intente de nuevo.")])
                    .unwrap_or_default()
                    .into(),
            )
            .col_expr(base_imports::Column::FinishedAt, Some(Utc::now()).into())
            .filter(base_imports::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    let row = base_imports::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::Internal("import row vanished".into()))?;
    Ok(view(row, None))
}

async fn process(
    db: &DatabaseConnection,
    progress: &ImportProgress,
    job: ImportJob,
) -> Result<(), ServiceError> {
    let ImportJob {
        import_id,
        request,
        bytes,
        created_by,
        teams,
    } = job;

    // 1. Read and check the whole file; nothing is stored yet.
    let (records, errors) = match imports::table::read(&bytes) {
        Ok((table, mut errors)) => {
            let (records, more) = imports::bases::check(&table);
            errors.extend(more);
            (records, errors)
        }
        Err(error) => (Vec::new(), vec![error]),
    };
    drop(bytes);
    let total = (records.len() + errors.len()) as u32;
    if !errors.is_empty() {
        let mut errors = errors;
        errors.sort_by_key(|e| e.line);
        let errors_total = errors.len();
        errors.truncate(MAX_REPORTED_ERRORS);
        base_imports::Entity::update_many()
            .col_expr(
                base_imports::Column::Status,
                ImportStatus::Rechazada.code().into(),
            )
            .col_expr(base_imports::Column::RowsTotal, (total as i32).into())
            .col_expr(base_imports::Column::RowsProcessed, (total as i32).into())
            .col_expr(
                base_imports::Column::Errors,
                serde_json::to_string(&ErrorsJson {
                    total: errors_total,
                    first: errors,
                })
                .unwrap_or_default()
                .into(),
            )
            .col_expr(base_imports::Column::FinishedAt, Some(Utc::now()).into())
            .filter(base_imports::Column::Id.eq(import_id))
            .exec(db)
            .await?;
        return Ok(());
    }
    base_imports::Entity::update_many()
        .col_expr(base_imports::Column::RowsTotal, (total as i32).into())
        .col_expr(base_imports::Column::HeartbeatAt, Utc::now().into())
        .filter(base_imports::Column::Id.eq(import_id))
        .exec(db)
        .await?;
    progress.set(import_id, 0, total);

    // 2. Store everything in one transaction.
    let now = Utc::now();
    let txn = db::begin_write(db).await?;
    let base = match bases::Entity::find()
        .filter(bases::Column::Name.eq(request.base_name.as_str()))
        .lock_exclusive()
        .one(&txn)
        .await?
    {
        Some(base) => base,
        None => {
            let segments: BTreeSet<&str> = records.iter().map(|r| r.segmento.code()).collect();
            bases::Entity::insert(bases::ActiveModel {
                id: NotSet,
                name: Set(request.base_name.clone()),
                kind: Set(request.kind.code().into()),
                segments: Set(segments.into_iter().collect::<Vec<_>>().join(",")),
                valid_from: Set(request.valid_from),
                valid_to: Set(request.valid_to),
                status: Set(BaseStatus::Activa.code().into()),
                contact_policy: Set(
                    serde_json::to_string(&ContactPolicy::default()).unwrap_or_default()
                ),
                retry_rules: Set(serde_json::to_string(&RetryRules::default()).unwrap_or_default()),
                created_by: Set(created_by),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .exec_with_returning(&txn)
            .await?
        }
    };
    if !teams.is_empty() {
        base_teams::Entity::insert_many(teams.iter().map(|supervisor| base_teams::ActiveModel {
            base_id: Set(base.id),
            supervisor_id: Set(*supervisor),
        }))
        .on_conflict(
            OnConflict::columns([base_teams::Column::BaseId, base_teams::Column::SupervisorId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    }

    let mut inserted: u64 = 0;
    for (batch_number, batch) in records.chunks(BATCH).enumerate() {
        let models = batch
            .iter()
            .map(|record| new_record(base.id, import_id, record, now));
        inserted += base_records::Entity::insert_many(models)
            .on_conflict(
                OnConflict::columns([base_records::Column::BaseId, base_records::Column::Cuenta])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        progress.set(
            import_id,
            ((batch_number + 1) * BATCH).min(records.len()) as u32,
            total,
        );
    }
    let inserted = inserted as i32;
    base_imports::Entity::update_many()
        .col_expr(
            base_imports::Column::Status,
            ImportStatus::Completada.code().into(),
        )
        .col_expr(base_imports::Column::BaseId, Some(base.id).into())
        .col_expr(base_imports::Column::RowsProcessed, (total as i32).into())
        .col_expr(base_imports::Column::RowsInserted, inserted.into())
        .col_expr(
            base_imports::Column::RowsDuplicated,
            (total as i32 - inserted).into(),
        )
        .col_expr(base_imports::Column::FinishedAt, Some(Utc::now()).into())
        .filter(base_imports::Column::Id.eq(import_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

fn new_record(
    base_id: i64,
    import_id: i64,
    record: &NewRecord,
    now: chrono::DateTime<Utc>,
) -> base_records::ActiveModel {
    let list = |items: &[String]| (!items.is_empty()).then(|| items.join("|"));
    base_records::ActiveModel {
        id: NotSet,
        base_id: Set(base_id),
        cuenta: Set(record.cuenta.clone()),
        segmento: Set(record.segmento.code().into()),
        nombre: Set(record.nombre.clone()),
        documento: Set(record.documento.clone()),
        telefonos: Set(record.telefonos.join("|")),
        ciudad: Set(record.ciudad.clone()),
        servicios: Set(list(&record.servicios)),
        plan: Set(record.plan.clone()),
        antiguedad_meses: Set(record.antiguedad_meses),
        valor_mensual_centavos: Set(record.valor_mensual_centavos),
        motivo: Set(record.motivo.clone()),
        nota_encuesta: Set(record.nota_encuesta),
        fecha_evento: Set(record.fecha_evento),
        ofrecimientos: Set(list(&record.ofrecimientos)),
        prioridad: Set(record.prioridad),
        queue_order: Set(super::queue::queue_order(record.fecha_evento)),
        extra: Set((!record.extra.is_empty())
            .then(|| serde_json::to_string(&record.extra).unwrap_or_default())),
        status: Set(RecordStatus::Pendiente.code().into()),
        attempts: Set(0),
        last_result: Set(None),
        last_attempt_at: Set(None),
        next_attempt_at: Set(None),
        callback_at: Set(None),
        owner_agent_id: Set(None),
        lease_agent_id: Set(None),
        lease_expires_at: Set(None),
        import_id: Set(Some(import_id)),
        line_number: Set(record.line as i32),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// The supervisors named by login; unknown or non-supervisor logins are a
/// field error.
async fn supervisor_ids(
    db: &impl ConnectionTrait,
    logins: &[String],
) -> Result<Vec<i64>, ServiceError> {
    let mut ids = Vec::new();
    for login in logins
        .iter()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty())
    {
        let user = users::Entity::find()
            .filter(users::Column::Login.eq(login.as_str()))
            .one(db)
            .await?;
        match user {
            Some(user) if user.role == Role::Supervisor.code() && user.active => ids.push(user.id),
            Some(_) => {
                return Err(ServiceError::invalid(
                    "equipos",
                    format!("«{login}» no es un supervisor activo."),
                ));
            }
            None => {
                return Err(ServiceError::invalid(
                    "equipos",
                    format!("No existe el usuario «{login}»."),
                ));
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The stored error report.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct ErrorsJson {
    total: usize,
    first: Vec<RowError>,
}

fn parse_errors(json: &str) -> (Vec<ImportRowError>, u32) {
    let parsed: ErrorsJson = serde_json::from_str(json)
        .or_else(|_| {
            serde_json::from_str::<Vec<RowError>>(json).map(|first| ErrorsJson {
                total: first.len(),
                first,
            })
        })
        .unwrap_or_default();
    (
        parsed
            .first
            .into_iter()
            .map(|e| ImportRowError {
                line: e.line,
                column: e.column,
                message: e.message,
            })
            .collect(),
        parsed.total as u32,
    )
}

/// An import as the API shows it; `live` is this instance's progress.
fn view(row: base_imports::Model, live: Option<(u32, u32)>) -> ImportView {
    let (errors, errors_total) = parse_errors(&row.errors);
    let (processed, total) = live.unwrap_or((row.rows_processed as u32, row.rows_total as u32));
    ImportView {
        id: row.id,
        base_id: row.base_id,
        base_name: row.base_name,
        file_name: row.file_name,
        status: ImportStatus::from_code(&row.status),
        rows_total: total,
        rows_processed: processed,
        rows_inserted: row.rows_inserted as u32,
        rows_duplicated: row.rows_duplicated as u32,
        errors,
        errors_total,
        created_at: row.created_at,
        finished_at: row.finished_at,
    }
}

/// One import, if the actor may see it (its author, admins, or leaders of a
/// team that works its base). An import whose server died is failed here.
pub async fn get(
    db: &DatabaseConnection,
    progress: &ImportProgress,
    actor: &Actor,
    id: i64,
) -> Result<ImportView, ServiceError> {
    actor.require(Capability::ManageBases)?;
    let mut row = base_imports::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("La importación no existe.".into()))?;
    if actor.role != Role::Admin && row.created_by != Some(actor.id) {
        return Err(ServiceError::Forbidden);
    }
    let live = progress.get(id);
    if row.status == ImportStatus::Procesando.code()
        && live.is_none()
        && Utc::now() - row.heartbeat_at > Duration::minutes(STALE_AFTER_MINUTES)
    {
        base_imports::Entity::update_many()
            .col_expr(base_imports::Column::Status, ImportStatus::Fallida.code().into())
            .col_expr(
                base_imports::Column::Errors,
                serde_json::to_string(&[RowError::new(0, None, "El servidor se detuvo durante la importación; no se guardó nada. Cargue el archivo de nuevo.")])
                    .unwrap_or_default()
                    .into(),
            )
            .filter(base_imports::Column::Id.eq(id))
            .filter(base_imports::Column::Status.eq(ImportStatus::Procesando.code()))
            .exec(db)
            .await?;
        row = base_imports::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or_else(|| ServiceError::NotFound("La importación no existe.".into()))?;
    }
    Ok(view(row, live))
}

/// The latest imports the actor started (all, for admins), newest first.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<ImportView>, ServiceError> {
    actor.require(Capability::ManageBases)?;
    let mut query = base_imports::Entity::find()
        .order_by_desc(base_imports::Column::Id)
        .limit(50);
    if actor.role != Role::Admin {
        query = query.filter(base_imports::Column::CreatedBy.eq(actor.id));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|row| view(row, None))
        .collect())
}
