//! The indicators' settings (goals, calidad MEC's weights, the FCR window,
//! the detractor loop), kept as one JSON value; defaults until saved.

use crate::db::entities::app_settings;
use crate::services::ServiceError;
use crate::services::authz::Actor;
use app::api::kpis::KpiSettings;
use app::domain::role::Role;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, sea_query::OnConflict,
};

const KEY: &str = "kpis";

pub async fn get(db: &impl ConnectionTrait) -> Result<KpiSettings, ServiceError> {
    Ok(app_settings::Entity::find_by_id(KEY.to_string())
        .one(db)
        .await?
        .and_then(|row| serde_json::from_str(&row.value).ok())
        .unwrap_or_default())
}

/// Gerente and admin set the goals and the rules of the figures.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: KpiSettings,
) -> Result<KpiSettings, ServiceError> {
    if !matches!(actor.role, Role::Gerente | Role::Admin) {
        return Err(ServiceError::Forbidden);
    }
    let problems = settings.problems();
    if !problems.is_empty() {
        return Err(ServiceError::Validation(
            problems
                .into_iter()
                .map(|(field, message)| (field.to_string(), message))
                .collect(),
        ));
    }
    // A new FCR window recounts the recontacts, with the settings, at once.
    let txn = crate::db::begin_write(db).await?;
    let window_changed = get(&txn).await?.fcr_window_hours != settings.fcr_window_hours;
    app_settings::Entity::insert(app_settings::ActiveModel {
        key: Set(KEY.into()),
        value: Set(serde_json::to_string(&settings).unwrap_or_default()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(app_settings::Column::Key)
            .update_columns([app_settings::Column::Value, app_settings::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if window_changed {
        super::summary::rebuild_fcr(&txn, settings.fcr_window_hours).await?;
    }
    txn.commit().await?;
    Ok(settings)
}
