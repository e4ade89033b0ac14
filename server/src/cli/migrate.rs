//! `faro migrate`: applies pending migrations; seeds nothing.

pub async fn run(database_url: &str) -> Result<(), String> {
    let db = super::open_database(database_url).await?;
    println!(
        "Migraciones aplicadas en {} ({}).",
        super::redact(database_url),
        crate::db::backend_name(&db)
    );
    Ok(())
}
