//! What every request handler can reach.

use crate::services::base_imports::ImportProgress;
use crate::services::live::LiveHub;
use crate::settings::Settings;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Shared, cheap to clone. Holds nothing a second server instance would need:
/// sessions, lock-outs and events all live in the database.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// Progress of the imports this instance is running.
    pub imports: ImportProgress,
    /// Alerts for the open tabs this instance serves.
    pub live: LiveHub,
}
