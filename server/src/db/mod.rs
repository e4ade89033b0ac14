//! Database access: connecting (SQLite or PostgreSQL), migrating, entities.

pub mod entities;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::path::Path;
use std::time::Duration;

/// Where Faro keeps its data when no `DATABASE_URL` is given.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/faro.db?mode=rwc";

/// Opens a connection pool. For SQLite, creates the file (and its folder) and
/// sets per-connection pragmas: WAL so readers never block the writer,
/// `synchronous = FULL` so an acknowledged commit survives a crash, foreign
/// keys on, and a busy timeout so concurrent writers wait instead of failing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_string());
    options
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if is_sqlite(url) {
        if let Some(folder) = sqlite_file(url)
            .and_then(|file| Path::new(file).parent())
            .filter(|folder| !folder.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(|err| {
                DbErr::Custom(format!(
                    "no se pudo crear la carpeta de la base de datos {}: {err}",
                    folder.display()
                ))
            })?;
        }
        options
            .max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|opts| {
                opts.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
            });
    } else {
        options.max_connections(32).min_connections(1);
    }
    Database::connect(options).await
}

/// Applies every pending migration, then loads the reference data a fresh
/// database needs: the shipped procedure (published), typification catalog,
/// offer catalog and retention policies, each only when its table is empty;
/// and fills the indicators' summaries from their facts the first time.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    let now = chrono::Utc::now();
    let reference = async {
        crate::services::typifications::ensure_default(db, now).await?;
        crate::services::offers::ensure_default(db, now).await?;
        crate::services::procedures::ensure_default(db, now).await?;
        let txn = begin_write(db).await?;
        crate::services::kpis::summary::ensure_built(&txn, now).await?;
        txn.commit().await?;
        Ok::<(), crate::services::ServiceError>(())
    };
    reference.await.map_err(|err| match err {
        crate::services::ServiceError::Database(err) => err,
        other => DbErr::Custom(other.to_string()),
    })
}

/// Begins a transaction that will write. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead
/// of one failing when it upgrades from reading to writing.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        isolation_level: None,
        access_mode: None,
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
    })
    .await
}

/// Refreshes the planner's statistics of a table after a bulk change. A
/// failure only costs speed, so it is logged, not returned.
pub async fn analyze(db: &DatabaseConnection, table: &str) {
    if let Err(err) = db.execute_unprepared(&format!("ANALYZE {table}")).await {
        tracing::warn!(table, error = ?err, "no se pudieron actualizar las estadísticas");
    }
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

/// Whether the URL points at SQLite.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// The database kind, for logs and the readiness answer.
pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "SQLite",
        DbBackend::Postgres => "PostgreSQL",
        _ => "otra",
    }
}

/// The file path of a `sqlite://path?options` URL.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_file_is_read_from_the_url() {
        assert_eq!(
            sqlite_file("sqlite://data/faro.db?mode=rwc"),
            Some("data/faro.db")
        );
        assert_eq!(sqlite_file("sqlite:///tmp/x.db"), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert!(!is_sqlite("postgres://localhost/faro"));
    }
}
