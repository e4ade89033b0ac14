//! The offer catalog and retention policies (admin), their history, the
//! selector's data for the guide, what a closed call presented and
//! retained, and the conversion report (SPEC §4).

use super::authz::{self, Actor, UserScope};
use super::error::ServiceError;
use super::typifications::line_errors;
use super::users::refs_by_id;
use crate::db::{
    self,
    entities::{
        base_records, catalog_changes, interactions, offer_presentations, offers,
        retention_outcomes, retention_policies,
    },
};
use crate::imports::{offers as rows, table};
use app::api::offers::{
    CatalogChange, Conversion, OfferContext, OfferImport, OfferRow, RetentionReport, RungRow,
    ServiceRow,
};
use app::domain::bases::{BaseKind, Segment};
use app::domain::local_time::{bogota, local_date};
use app::domain::offers::{
    CustomerProfile, Offer, OfferAnswer, Presentation, RetentionPolicy, RetentionResult, Service,
    check_ladder, normalize_offer_code, offer_problems, parse_needs, parse_presentations,
    parse_services, policy_problems,
};
use app::domain::procedure::{Answers, CallContext, FieldKind, Procedure};
use app::domain::role::Capability;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::OnConflict,
};
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;

pub const DEFAULT_FILE: &[u8] = include_bytes!("../../../procedures/ofertas.csv");

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

#[allow(clippy::too_many_arguments)]
async fn log_change(
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
        .map(|c| c.trim().to_uppercase())
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

/// The history of the catalog and policies, newest first (admin).
pub async fn history(
    db: &DatabaseConnection,
    actor: &Actor,
    code: Option<String>,
) -> Result<Vec<CatalogChange>, ServiceError> {
    actor.require(Capability::Configure)?;
    let mut query = catalog_changes::Entity::find()
        .order_by_desc(catalog_changes::Column::At)
        .order_by_desc(catalog_changes::Column::Id)
        .limit(500);
    if let Some(code) = code
        .map(|c| c.trim().to_uppercase())
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

// ------------------------------------------------------------------ the guide

/// What the selector knows of the customer from their record.
pub fn profile_of(record: &base_records::Model, tipo_base: &str) -> CustomerProfile {
    CustomerProfile {
        base_kind: BaseKind::from_str(tipo_base).ok(),
        segment: Segment::from_str(&record.segmento).ok(),
        services: parse_services(record.servicios.as_deref()),
        tenure_months: record.antiguedad_meses.and_then(|m| u32::try_from(m).ok()),
        monthly_value: record.valor_mensual_centavos.map(|c| c / 100),
        base_offers: record
            .ofrecimientos
            .as_deref()
            .unwrap_or("")
            .split('|')
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty())
            .collect(),
    }
}

/// Whether a procedure runs the selector at all.
pub fn uses_offers(procedure: &Procedure) -> bool {
    procedure.fields().any(|(_, f)| f.kind == FieldKind::Offers)
}

/// The selector's data for one call: offers of the customer's segment (the
/// browser judges the rest, so it can say why others do not apply).
pub async fn context_for(
    db: &impl ConnectionTrait,
    record: &base_records::Model,
    tipo_base: &str,
    now: DateTime<Utc>,
) -> Result<OfferContext, ServiceError> {
    let customer = profile_of(record, tipo_base);
    let mut catalog = catalog(db).await?;
    catalog.retain(|o| {
        (o.active || customer.base_offers.contains(&o.code))
            && (o.segment.is_none() || o.segment == customer.segment)
    });
    let mut policies = all_policies(db).await?;
    policies.retain(|p| p.active && Some(p.base_kind) == customer.base_kind);
    Ok(OfferContext {
        catalog,
        policies,
        customer,
        today: local_date(now),
    })
}

/// What a closed call presented and retained, checked and stored in the
/// close's transaction. The ladder is checked against the catalog as it is
/// now; offers retired during the call do not count against the agent.
#[allow(clippy::too_many_arguments)]
pub async fn record_close(
    txn: &impl ConnectionTrait,
    interaction: &interactions::Model,
    agent_login: &str,
    procedure: &Procedure,
    context: &CallContext,
    answers: &Answers,
    path: &[String],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let on_path: Vec<_> = path
        .iter()
        .filter_map(|id| procedure.step(id))
        .flat_map(|step| step.visible_fields(context, answers))
        .collect();
    let offer_fields: Vec<_> = on_path
        .iter()
        .filter(|f| f.kind == FieldKind::Offers)
        .collect();
    let mut accepted: Vec<Presentation> = Vec::new();
    if !offer_fields.is_empty() {
        let record = base_records::Entity::find_by_id(interaction.record_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound("El registro no existe.".into()))?;
        let customer = profile_of(&record, &interaction.tipo_base);
        let catalog = catalog(txn).await?;
        let policies = all_policies(txn).await?;
        for field in offer_fields {
            let shown = parse_presentations(answers.get(&field.id).map_or("", String::as_str))
                .map_err(|p| {
                    ServiceError::invalid(&field.id, format!("«{}»: {p}.", field.label))
                })?;
            let needs = field
                .needs_from
                .as_ref()
                .and_then(|source| answers.get(source))
                .map(|v| parse_needs(v))
                .unwrap_or_default();
            check_ladder(
                &catalog,
                &policies,
                &customer,
                &needs,
                &shown,
                local_date(now),
            )
            .map_err(|problem| ServiceError::invalid(&field.id, problem))?;
            for (seq, p) in shown.iter().enumerate() {
                offer_presentations::Entity::insert(offer_presentations::ActiveModel {
                    id: NotSet,
                    interaction_id: Set(interaction.id),
                    field_id: Set(field.id.clone()),
                    seq: Set(seq as i32),
                    agent_id: Set(interaction.agent_id),
                    tipo_base: Set(interaction.tipo_base.clone()),
                    segmento: Set(interaction.segmento.clone()),
                    offer_code: Set(p.offer.clone()),
                    offer_name: Set(p.name.chars().take(200).collect()),
                    kind: Set(p.kind.code().into()),
                    level: Set(i16::from(p.level)),
                    answer: Set(p.answer.code().into()),
                    closed_at: Set(now),
                })
                .on_conflict(
                    OnConflict::columns([
                        offer_presentations::Column::InteractionId,
                        offer_presentations::Column::FieldId,
                        offer_presentations::Column::Seq,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(txn)
                .await?;
            }
            accepted.extend(
                shown
                    .into_iter()
                    .filter(|p| p.answer == OfferAnswer::Acepta),
            );
        }
    }
    for field in on_path.iter().filter(|f| f.outcome_of.is_some()) {
        let Some(service) = field.outcome_of else {
            continue;
        };
        let Some(result) = answers
            .get(&field.id)
            .and_then(|v| RetentionResult::from_str(v).ok())
        else {
            continue;
        };
        let offer = (result == RetentionResult::Retenido)
            .then(|| {
                accepted
                    .iter()
                    .find(|p| p.services.is_empty() || p.services.contains(&service))
                    .map(|p| p.offer.clone())
            })
            .flatten();
        retention_outcomes::Entity::insert(retention_outcomes::ActiveModel {
            id: NotSet,
            source_key: Set(format!("faro:{}:{}", interaction.id, service.code())),
            interaction_id: Set(Some(interaction.id)),
            closed_at: Set(now),
            cuenta: Set(interaction.cuenta.clone()),
            agent_id: Set(Some(interaction.agent_id)),
            agent_login: Set(agent_login.into()),
            segmento: Set(interaction.segmento.clone()),
            tipo_base: Set(Some(interaction.tipo_base.clone())),
            service: Set(service.code().into()),
            result: Set(result.code().into()),
            offer_code: Set(offer),
        })
        .on_conflict(
            OnConflict::column(retention_outcomes::Column::SourceKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

// ------------------------------------------------------------------ report

/// The instants a period of Bogotá dates covers: `[from 00:00, to+1 00:00)`.
fn period(from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = |d: NaiveDate| {
        bogota()
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    };
    (start(from), start(to + chrono::Days::new(1)))
}

fn count(conversion: &mut Conversion, answer: &str) {
    conversion.presented += 1;
    match OfferAnswer::from_str(answer) {
        Ok(OfferAnswer::Acepta) => conversion.accepted += 1,
        Ok(OfferAnswer::LoPensara) => conversion.thinking += 1,
        _ => conversion.rejected += 1,
    }
}

/// Conversion per rung and per offer, and retention per service, over calls
/// closed in the period by the agents the caller may see.
pub async fn report(
    db: &DatabaseConnection,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<RetentionReport, ServiceError> {
    actor.require_any(&[Capability::ViewTeamIndicators, Capability::Configure])?;
    if to < from {
        return Err(ServiceError::invalid(
            "to",
            "La fecha final es anterior a la inicial.",
        ));
    }
    if (to - from).num_days() > 366 {
        return Err(ServiceError::invalid(
            "to",
            "El periodo puede ser de hasta un año.",
        ));
    }
    let (start, end) = period(from, to);
    let scope = authz::user_scope(db, actor).await?;

    let mut presentations = offer_presentations::Entity::find()
        .filter(offer_presentations::Column::ClosedAt.gte(start))
        .filter(offer_presentations::Column::ClosedAt.lt(end));
    let mut outcomes = retention_outcomes::Entity::find()
        .filter(retention_outcomes::Column::ClosedAt.gte(start))
        .filter(retention_outcomes::Column::ClosedAt.lt(end));
    if let UserScope::Only(ids) = &scope {
        presentations =
            presentations.filter(offer_presentations::Column::AgentId.is_in(ids.iter().copied()));
        outcomes = outcomes.filter(retention_outcomes::Column::AgentId.is_in(ids.iter().copied()));
    }

    let mut rungs: BTreeMap<u8, Conversion> = BTreeMap::new();
    let mut by_offer: BTreeMap<String, OfferRow> = BTreeMap::new();
    for p in presentations.all(db).await? {
        let level = u8::try_from(p.level).unwrap_or(0);
        count(rungs.entry(level).or_default(), &p.answer);
        let row = by_offer
            .entry(p.offer_code.clone())
            .or_insert_with(|| OfferRow {
                code: p.offer_code.clone(),
                name: p.offer_name.clone(),
                kind: p
                    .kind
                    .parse()
                    .unwrap_or(app::domain::offers::OfferKind::Descuento),
                level,
                conversion: Conversion::default(),
            });
        count(&mut row.conversion, &p.answer);
    }
    let mut services: BTreeMap<Service, ServiceRow> = BTreeMap::new();
    for o in outcomes.all(db).await? {
        let Ok(service) = Service::from_str(&o.service) else {
            continue;
        };
        let row = services.entry(service).or_insert(ServiceRow {
            service,
            requests: 0,
            retained: 0,
            cancelled: 0,
        });
        row.requests += 1;
        if o.result == RetentionResult::Retenido.code() {
            row.retained += 1;
        } else {
            row.cancelled += 1;
        }
    }
    let mut offers: Vec<OfferRow> = by_offer.into_values().collect();
    offers.sort_by(|a, b| a.level.cmp(&b.level).then(a.code.cmp(&b.code)));
    Ok(RetentionReport {
        from,
        to,
        rungs: rungs
            .into_iter()
            .map(|(level, conversion)| RungRow { level, conversion })
            .collect(),
        offers,
        services: services.into_values().collect(),
    })
}
