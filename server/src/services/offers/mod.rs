//! The offer catalog and retention policies (admin) with their history
//! (SPEC §4). What calls present and retain is in [`calls`]; the conversion
//! report in [`report`].

pub mod calls;
pub mod report;

use super::authz::Actor;
use super::error::ServiceError;
use super::typifications::line_errors;
use super::users::refs_by_id;
use crate::db::{
    self,
    entities::{catalog_changes, offers, retention_policies},
};
use crate::imports::{offers as rows, table};
use app::api::offers::{CatalogChange, OfferImport};
use app::domain::bases::BaseKind;
use app::domain::offers::{
    Offer, RetentionPolicy, normalize_offer_code, offer_problems, policy_problems,
};
use app::domain::role::Capability;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::OnConflict,
};
use serde_json::Value;

pub const DEFAULT_FILE: &[u8] = include_bytes!("../../../../procedures/ofertas.csv");

const OFFER: &str = "OFERTA";
const POLICY: &str = "POLITICA";

/// The campaigns' policies a new installation starts with.
fn default_policies() -> Vec<RetentionPolicy> {
    let policy = |code: &str, name: &str, kind: BaseKind, max_level: u8| RetentionPolicy {
        code: code.into(),
        name: name.into(),
        base_kind: kind,
        segment: None,
        max_level,
        offers: Vec::new(),
        active: true,
    };
    vec![
        policy(
            "RET_CANCELACIONES",
            "Retención de cancelaciones",
            BaseKind::Cancelaciones,
            4,
        ),
        policy(
            "RET_ABANDONOS",
            "Retención en abandonos",
            BaseKind::Abandonos,
            3,
        ),
        policy(
            "RET_DETRACTORES",
            "Retención en detractores",
            BaseKind::Detractores,
            3,
        ),
        policy(
            "FID_FIDELIZACION",
            "Fidelización",
            BaseKind::Fidelizacion,
            3,
        ),
        policy(
            "FID_BROWNFIELD",
            "Brownfield: migración a FTTH",
            BaseKind::Brownfield,
            2,
        ),
    ]
}

fn body<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ServiceError> {
    serde_json::from_str(text)
        .map_err(|e| ServiceError::Internal(format!("stored catalog entry does not parse: {e}")))
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Loads the shipped catalog and policies when their tables are empty.
pub async fn ensure_default(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if offers::Entity::find().count(db).await? == 0 {
        let (table, _) =
            table::read(DEFAULT_FILE).map_err(|e| ServiceError::Internal(e.message))?;
        let (items, errors) = rows::check(&table);
        if !errors.is_empty() {
            return Err(ServiceError::Internal(format!("{errors:?}")));
        }
        let txn = db::begin_write(db).await?;
        for item in &items {
            upsert_offer(&txn, item, now).await?;
        }
        txn.commit().await?;
    }
    if retention_policies::Entity::find().count(db).await? == 0 {
        let txn = db::begin_write(db).await?;
        for policy in default_policies() {
            upsert_policy(&txn, &policy, now).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

async fn upsert_offer(
    db: &impl ConnectionTrait,
    offer: &Offer,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    offers::Entity::insert(offers::ActiveModel {
        code: Set(offer.code.clone()),
        level: Set(i16::from(offer.level)),
        kind: Set(offer.kind.code().into()),
        active: Set(offer.active),
        body: Set(json(offer)),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(offers::Column::Code)
            .update_columns([
                offers::Column::Level,
                offers::Column::Kind,
                offers::Column::Active,
                offers::Column::Body,
                offers::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

async fn upsert_policy(
    db: &impl ConnectionTrait,
    policy: &RetentionPolicy,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    retention_policies::Entity::insert(retention_policies::ActiveModel {
        code: Set(policy.code.clone()),
        base_kind: Set(policy.base_kind.code().into()),
        active: Set(policy.active),
        body: Set(json(policy)),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(retention_policies::Column::Code)
            .update_columns([
                retention_policies::Column::BaseKind,
                retention_policies::Column::Active,
                retention_policies::Column::Body,
                retention_policies::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The whole catalog, by rung then code.
pub async fn catalog(db: &impl ConnectionTrait) -> Result<Vec<Offer>, ServiceError> {
    offers::Entity::find()
        .order_by_asc(offers::Column::Level)
        .order_by_asc(offers::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(|m| body(&m.body))
        .collect()
}

pub async fn all_policies(db: &impl ConnectionTrait) -> Result<Vec<RetentionPolicy>, ServiceError> {
    retention_policies::Entity::find()
        .order_by_asc(retention_policies::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(|m| body(&m.body))
        .collect()
}

/// Who may read the catalog: whoever configures it, runs calls or leads.
fn require_reader(actor: &Actor) -> Result<(), ServiceError> {
    actor.require_any(&[
        Capability::Configure,
        Capability::WorkOwnQueue,
        Capability::ViewTeamIndicators,
    ])
}

/// The catalog; only the admin sees retired offers.
pub async fn list(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<Offer>, ServiceError> {
    require_reader(actor)?;
    let mut all = catalog(db).await?;
    if !actor.role.can(Capability::Configure) {
        all.retain(|o| o.active);
    }
    Ok(all)
}

pub async fn list_policies(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<RetentionPolicy>, ServiceError> {
    require_reader(actor)?;
    let mut all = all_policies(db).await?;
    if !actor.role.can(Capability::Configure) {
        all.retain(|p| p.active);
    }
    Ok(all)
}

fn validation(problems: Vec<(&'static str, String)>) -> ServiceError {
    ServiceError::Validation(
        problems
            .into_iter()
            .map(|(field, message)| (field.to_string(), message))
            .collect(),
    )
}

/// Spanish names of the fields of offers and policies, for the history.
fn field_label(key: &str) -> &str {
    match key {
        "name" => "Nombre",
        "script" => "Guion",
        "segment" => "Segmento",
        "services" => "Servicios",
        "kind" => "Tipo",
        "level" => "Escalón",
        "cost" => "Costo",
        "duration_months" => "Duración (meses)",
        "valid_from" => "Vigente desde",
        "valid_to" => "Vigente hasta",
        "base_kinds" => "Bases",
        "min_tenure_months" => "Antigüedad mínima",
        "min_monthly_value" => "Valor mensual mínimo",
        "max_monthly_value" => "Valor mensual máximo",
        "needs" => "Necesidades",
        "active" => "Activa",
        "base_kind" => "Campaña",
        "max_level" => "Hasta el escalón",
        "offers" => "Ofertas",
        other => other,
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::Bool(true) => "Sí".into(),
        Value::Bool(false) => "No".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "—".into(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// What changed between two versions of an entry, one Spanish line per field.
fn describe_changes<T: serde::Serialize>(before: Option<&T>, after: &T) -> Vec<String> {
    let after = serde_json::to_value(after).unwrap_or(Value::Null);
    let before = before.map(|b| serde_json::to_value(b).unwrap_or(Value::Null));
    let Value::Object(fields) = &after else {
        return Vec::new();
    };
    fields
        .iter()
        .filter(|(key, _)| key.as_str() != "code")
        .filter_map(|(key, new)| {
            let old = before.as_ref().and_then(|b| b.get(key)).cloned();
            match old {
                Some(old) if &old == new => None,
                Some(old) => Some(format!(
                    "{}: {} → {}",
                    field_label(key),
                    value_text(&old),
                    value_text(new)
                )),
                None if new.is_null() || new.as_array().is_some_and(Vec::is_empty) => None,
                None => Some(format!("{}: {}", field_label(key), value_text(new))),
            }
        })
        .collect()
}

fn action_of(was: Option<bool>, now_active: bool, imported: bool) -> &'static str {
    match (was, now_active) {
        (None, _) if imported => "IMPORTADA",
        (None, _) => "CREADA",
        (Some(true), false) => "RETIRADA",
        (Some(false), true) => "ACTIVADA",
        _ if imported => "IMPORTADA",
        _ => "EDITADA",
    }
}

pub(crate) async fn log_change(
    db: &impl ConnectionTrait,
    actor_id: Option<i64>,
    entity: &str,
    code: &str,
    action: &str,
    changes: Vec<String>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    catalog_changes::Entity::insert(catalog_changes::ActiveModel {
        id: NotSet,
        at: Set(now),
        actor_id: Set(actor_id),
        entity: Set(entity.into()),
        code: Set(code.into()),
        action: Set(action.into()),
        changes: Set(json(&changes)),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Stores one offer and its history line; unchanged offers leave no line.
async fn store_offer(
    db: &impl ConnectionTrait,
    actor_id: Option<i64>,
    offer: &Offer,
    imported: bool,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let before = match offers::Entity::find_by_id(offer.code.clone())
        .lock_exclusive()
        .one(db)
        .await?
    {
        Some(model) => Some(body::<Offer>(&model.body)?),
        None => None,
    };
    let changes = describe_changes(before.as_ref(), offer);
    if before.is_some() && changes.is_empty() {
        return Ok(true);
    }
    upsert_offer(db, offer, now).await?;
    let action = action_of(before.as_ref().map(|b| b.active), offer.active, imported);
    log_change(db, actor_id, OFFER, &offer.code, action, changes, now).await?;
    Ok(before.is_some())
}

/// Creates or changes one offer (activating and retiring included).
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
    offer: Offer,
    now: DateTime<Utc>,
) -> Result<Offer, ServiceError> {
    actor.require(Capability::Configure)?;
    let offer = Offer {
        code: normalize_offer_code(code),
        name: offer.name.trim().to_string(),
        script: offer.script.trim().to_string(),
        ..offer
    };
    let problems = offer_problems(&offer);
    if !problems.is_empty() {
        return Err(validation(problems));
    }
    let txn = db::begin_write(db).await?;
    store_offer(&txn, Some(actor.id), &offer, false, now).await?;
    txn.commit().await?;
    Ok(offer)
}

/// Imports a CSV whole or not at all; offers in the file are created or
/// updated, the others are left as they are.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<OfferImport, ServiceError> {
    actor.require(Capability::Configure)?;
    import_file(db, Some(actor.id), bytes, now).await
}

/// The import itself, for the admin's page and the command line.
pub async fn import_file(
    db: &DatabaseConnection,
    actor_id: Option<i64>,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<OfferImport, ServiceError> {
    let (table, mut errors) = table::read(bytes).map_err(|e| line_errors(vec![e]))?;
    let (items, more) = rows::check(&table);
    errors.extend(more);
    if !errors.is_empty() {
        return Err(line_errors(errors));
    }
    let txn = db::begin_write(db).await?;
    let mut updated = 0;
    for item in &items {
        if store_offer(&txn, actor_id, item, true, now).await? {
            updated += 1;
        }
    }
    txn.commit().await?;
    Ok(OfferImport {
        created: items.len() as u32 - updated,
        updated,
    })
}

/// Creates or changes one campaign policy.
pub async fn save_policy(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
    policy: RetentionPolicy,
    now: DateTime<Utc>,
) -> Result<RetentionPolicy, ServiceError> {
    actor.require(Capability::Configure)?;
    let mut offers: Vec<String> = policy
        .offers
        .iter()
        .map(|c| normalize_offer_code(c))
        .filter(|c| !c.is_empty())
        .collect();
    offers.sort();
    offers.dedup();
    let policy = RetentionPolicy {
        code: normalize_offer_code(code),
        name: policy.name.trim().to_string(),
        offers,
        ..policy
    };
    let txn = db::begin_write(db).await?;
    let problems = policy_problems(&policy, &catalog(&txn).await?);
    if !problems.is_empty() {
        return Err(validation(problems));
    }
    let before = match retention_policies::Entity::find_by_id(policy.code.clone())
        .lock_exclusive()
        .one(&txn)
        .await?
    {
        Some(model) => Some(body::<RetentionPolicy>(&model.body)?),
        None => None,
    };
    let changes = describe_changes(before.as_ref(), &policy);
    if before.is_none() || !changes.is_empty() {
        upsert_policy(&txn, &policy, now).await?;
        let action = action_of(before.as_ref().map(|b| b.active), policy.active, false);
        log_change(
            &txn,
            Some(actor.id),
            POLICY,
            &policy.code,
            action,
            changes,
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(policy)
}

/// The history of the catalogs (offers, policies, practices), newest first
/// (admin); `code` and `entity` narrow it.
pub async fn history(
    db: &DatabaseConnection,
    actor: &Actor,
    code: Option<String>,
    entity: Option<String>,
) -> Result<Vec<CatalogChange>, ServiceError> {
    actor.require(Capability::Configure)?;
    let mut query = catalog_changes::Entity::find()
        .order_by_desc(catalog_changes::Column::At)
        .order_by_desc(catalog_changes::Column::Id)
        .limit(500);
    if let Some(entity) = entity
        .map(|e| e.trim().to_uppercase())
        .filter(|e| !e.is_empty())
    {
        query = query.filter(catalog_changes::Column::Entity.eq(entity));
    }
    if let Some(code) = code
        .map(|c| normalize_offer_code(&c))
        .filter(|c| !c.is_empty())
    {
        query = query.filter(catalog_changes::Column::Code.eq(code));
    }
    let rows = query.all(db).await?;
    let users = refs_by_id(db, rows.iter().filter_map(|r| r.actor_id)).await?;
    Ok(rows
        .into_iter()
        .map(|row| CatalogChange {
            id: row.id,
            at: row.at,
            by: row
                .actor_id
                .and_then(|id| users.get(&id).cloned())
                .unwrap_or_else(|| app::api::auth::UserRef {
                    id: 0,
                    login: "sistema".into(),
                    name: "Línea de comandos".into(),
                }),
            entity: row.entity,
            code: row.code,
            action: row.action,
            changes: serde_json::from_str(&row.changes).unwrap_or_default(),
        })
        .collect())
}
