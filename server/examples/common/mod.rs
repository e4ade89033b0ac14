//! Set-up shared by the storage benchmarks.

use app::domain::role::Role;
use sea_orm::DatabaseConnection;
use server::services::passwords;
use server::services::users::{NewUser, insert_user};

/// Adds `count` agents `PREFIX00…` to supervisor1's team; answers their logins.
pub async fn add_agents(db: &DatabaseConnection, prefix: &str, count: usize) -> Vec<String> {
    let hash = passwords::hash("clave de la prueba".into()).await.unwrap();
    let txn = server::db::begin_write(db).await.unwrap();
    let logins: Vec<String> = (0..count).map(|i| format!("{prefix}{i:02}")).collect();
    for login in &logins {
        insert_user(
            &txn,
            NewUser {
                login,
                name: login,
                role: Role::Asesor,
                reports_to: Some("supervisor1"),
                password_hash: hash.clone(),
            },
        )
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
    logins
}
