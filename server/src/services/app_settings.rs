//! Reading and writing the operation's settings (JSON per key), with
//! defaults when nothing was saved yet.

use super::authz::Actor;
use super::error::ServiceError;
use crate::db::entities::app_settings;
use app::api::settings::FloorSettings;
use app::domain::role::Capability;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, sea_query::OnConflict,
};

const FLOOR: &str = "floor";

/// The floor settings (defaults until an admin saves them).
pub async fn floor(db: &impl ConnectionTrait) -> Result<FloorSettings, ServiceError> {
    Ok(app_settings::Entity::find_by_id(FLOOR.to_string())
        .one(db)
        .await?
        .and_then(|row| serde_json::from_str(&row.value).ok())
        .unwrap_or_default())
}

/// Saves the floor settings (admin).
pub async fn save_floor(
    db: &DatabaseConnection,
    actor: &Actor,
    settings: FloorSettings,
) -> Result<FloorSettings, ServiceError> {
    actor.require(Capability::Configure)?;
    let problems = settings.problems();
    if !problems.is_empty() {
        return Err(ServiceError::Validation(
            problems
                .into_iter()
                .map(|(field, message)| (field.to_string(), message))
                .collect(),
        ));
    }
    let cleaned = FloorSettings {
        pause_reasons: settings
            .pause_reasons
            .iter()
            .map(|r| r.trim().to_string())
            .collect(),
        ..settings
    };
    app_settings::Entity::insert(app_settings::ActiveModel {
        key: Set(FLOOR.into()),
        value: Set(serde_json::to_string(&cleaned).unwrap_or_default()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(app_settings::Column::Key)
            .update_columns([app_settings::Column::Value, app_settings::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(cleaned)
}
