//! The offer selector in calls: the customer's facts and the catalog sent to
//! the guide, the offers a call could present when it started, and — in the
//! close's transaction — the presentations and per-service outcomes, checked
//! against the catalog and the ladder.

use super::{all_policies, catalog};
use crate::db::entities::{
    base_records, interactions, offer_presentations, offer_snapshots, retention_outcomes,
};
use crate::services::error::ServiceError;
use crate::services::kpis::summary::{self, Counters, DailyChanges};
use app::api::offers::OfferContext;
use app::domain::bases::{BaseKind, Segment};
use app::domain::local_time::local_date;
use app::domain::offers::{
    CustomerProfile, OfferAnswer, Presentation, RetentionResult, check_presentations,
    eligible_codes, parse_presentations, parse_services,
};
use app::domain::procedure::{Answers, CallContext, FieldKind, Procedure};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ConnectionTrait, EntityTrait,
    sea_query::OnConflict,
};
use std::collections::BTreeSet;
use std::str::FromStr;

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

/// The selector's data for one call: the active offers that could concern
/// the customer's segment (the browser judges the rest, so it can say why
/// the others do not apply) and the campaign's policies.
pub async fn context_for(
    db: &impl ConnectionTrait,
    record: &base_records::Model,
    tipo_base: &str,
    now: DateTime<Utc>,
) -> Result<OfferContext, ServiceError> {
    let customer = profile_of(record, tipo_base);
    let mut catalog = catalog(db).await?;
    catalog.retain(|o| {
        o.active
            && (o.segment.is_none() || customer.segment.is_none() || o.segment == customer.segment)
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

/// Keeps the offers the customer is eligible for as the call starts.
pub async fn snapshot_at_start(
    txn: &impl ConnectionTrait,
    interaction_id: i64,
    record: &base_records::Model,
    tipo_base: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let customer = profile_of(record, tipo_base);
    let codes = eligible_codes(
        &catalog(txn).await?,
        &all_policies(txn).await?,
        &customer,
        local_date(now),
    );
    offer_snapshots::Entity::insert(offer_snapshots::ActiveModel {
        interaction_id: Set(interaction_id),
        eligible: Set(serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into())),
        taken_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(offer_snapshots::Column::InteractionId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

async fn eligible_at_start(
    txn: &impl ConnectionTrait,
    interaction_id: i64,
) -> Result<Option<BTreeSet<String>>, ServiceError> {
    Ok(offer_snapshots::Entity::find_by_id(interaction_id)
        .one(txn)
        .await?
        .and_then(|s| serde_json::from_str(&s.eligible).ok()))
}

/// What a closed call presented and retained, checked and stored in the
/// close's transaction (a refused check rolls the whole close back). The
/// presentations are judged against the catalog (the browser's copy of an
/// offer is not trusted) and what the call could see when it started.
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
        let started = eligible_at_start(txn, interaction.id).await?;
        for field in offer_fields {
            let given = answers.get(&field.id).map_or("", String::as_str);
            let shown = parse_presentations(given)
                .and_then(|shown| {
                    check_presentations(
                        &catalog,
                        &policies,
                        &customer,
                        &shown,
                        local_date(now),
                        started.as_ref(),
                    )
                })
                .map_err(|problem| {
                    ServiceError::invalid(&field.id, format!("«{}»: {problem}", field.label))
                })?;
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
    for field in &on_path {
        let Some(service) = field.outcome_of else {
            continue;
        };
        let Some(result) = answers
            .get(&field.id)
            .and_then(|v| RetentionResult::from_str(v).ok())
        else {
            continue;
        };
        // The offer that kept this service, when one did (else: desisted).
        let offer = (result == RetentionResult::Retenido)
            .then(|| {
                accepted
                    .iter()
                    .find(|p| p.services.is_empty() || p.services.contains(&service))
                    .map(|p| p.offer.clone())
            })
            .flatten();
        let summary_key = summary::retention_key(now, agent_login, &interaction.segmento);
        let inserted = retention_outcomes::Entity::insert(retention_outcomes::ActiveModel {
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
        if inserted > 0 {
            let mut changes = DailyChanges::new();
            changes.add(
                summary_key,
                Counters::retention(result == RetentionResult::Retenido),
            );
            changes.write(txn).await?;
        }
    }
    Ok(())
}
