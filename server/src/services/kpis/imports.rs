//! Storing the imports of the seven external sources (SPEC §5): the whole
//! file or nothing, in one transaction; a re-import adds only what is new
//! (by `id`, or the row's natural key), and the roster is updated.

use super::facts::{self, ContactFact, InteractionFact};
use super::summary::{self, Counters, DailyChanges, DayKey};
use crate::db;
use crate::db::entities::{
    kpi_agents, kpi_attendance, kpi_monitoring, kpi_surveys, retention_outcomes, users,
};
use crate::imports::kpi_sources::{self, SourceKind, SourceRows};
use crate::imports::table;
use crate::services::ServiceError;
use crate::services::typifications::line_errors;
use app::api::kpis::SourceImport;
use app::domain::offers::RetentionResult;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QuerySelect, sea_query::OnConflict,
};
use std::collections::BTreeMap;

/// Reads, checks and stores one file of a kind.
pub async fn import_file(
    db: &DatabaseConnection,
    kind: SourceKind,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<SourceImport, ServiceError> {
    let (table, mut errors) = table::read(bytes).map_err(|e| line_errors(vec![e]))?;
    let rows = match kpi_sources::check(kind, &table) {
        Ok(rows) => rows,
        Err(more) => {
            errors.extend(more);
            return Err(line_errors(sorted(errors)));
        }
    };
    if !errors.is_empty() {
        return Err(line_errors(sorted(errors)));
    }
    let mut report = SourceImport {
        kind: kind.code().to_string(),
        rows: rows.len() as u32,
        created: 0,
        updated: 0,
        unchanged: 0,
        detractors_queued: 0,
    };
    let txn = db::begin_write(db).await?;
    let table_name = match rows {
        SourceRows::Agentes(rows) => {
            for row in rows {
                let existing = kpi_agents::Entity::find_by_id(row.login.clone())
                    .one(&txn)
                    .await?;
                let model = kpi_agents::ActiveModel {
                    login: Set(row.login),
                    name: Set(row.name),
                    role: Set(row.role.code().to_string()),
                    supervisor: Set(row.supervisor),
                    hired_on: Set(row.hired_on),
                    retired_on: Set(row.retired_on),
                    updated_at: Set(now),
                };
                match existing {
                    None => {
                        kpi_agents::Entity::insert(model)
                            .exec_without_returning(&txn)
                            .await?;
                        report.created += 1;
                    }
                    Some(old) => {
                        let same = old.name == *model.name.as_ref()
                            && old.role == *model.role.as_ref()
                            && old.supervisor == *model.supervisor.as_ref()
                            && old.hired_on == *model.hired_on.as_ref()
                            && old.retired_on == *model.retired_on.as_ref();
                        if same {
                            report.unchanged += 1;
                        } else {
                            kpi_agents::Entity::update(model).exec(&txn).await?;
                            report.updated += 1;
                        }
                    }
                }
            }
            "kpi_agents"
        }
        SourceRows::Gestion(rows) => {
            let facts: Vec<ContactFact> = rows
                .into_iter()
                .map(|row| ContactFact {
                    source_key: format!(
                        "gestion:{}|{}|{}",
                        row.at.to_rfc3339(),
                        row.cuenta,
                        row.agent
                    ),
                    at: row.at,
                    cuenta: row.cuenta,
                    tipo_base: row.tipo_base.code().to_string(),
                    segmento: row.segmento.code().to_string(),
                    agent_login: row.agent,
                    result: row.result,
                })
                .collect();
            for new in facts::record_contacts(&txn, facts).await? {
                count(&mut report, new);
            }
            "kpi_contacts"
        }
        SourceRows::Interacciones(rows) => {
            for row in rows {
                let fact = InteractionFact {
                    source_key: format!("interacciones:{}", row.id),
                    at: row.at,
                    cuenta: row.cuenta,
                    agent_login: row.agent,
                    tipo_base: row.tipo_base.code().to_string(),
                    segmento: row.segmento.code().to_string(),
                    typification: row.typification,
                    spc: row.spc,
                    cun: row.cun,
                };
                count(&mut report, facts::record_interaction(&txn, fact).await?);
            }
            "kpi_interactions"
        }
        SourceRows::Retencion(rows) => {
            let agent_ids = agent_ids(&txn).await?;
            let mut changes = DailyChanges::new();
            for row in rows {
                let key = summary::retention_key(row.closed_at, &row.agent, row.segmento.code());
                let retained = row.result == RetentionResult::Retenido;
                let inserted =
                    retention_outcomes::Entity::insert(retention_outcomes::ActiveModel {
                        id: NotSet,
                        source_key: Set(format!("retencion:{}", row.id)),
                        interaction_id: Set(None),
                        closed_at: Set(row.closed_at),
                        cuenta: Set(row.cuenta),
                        agent_id: Set(agent_ids.get(&row.agent).copied()),
                        agent_login: Set(row.agent),
                        segmento: Set(row.segmento.code().to_string()),
                        tipo_base: Set(None),
                        service: Set(row.service),
                        result: Set(row.result.code().to_string()),
                        offer_code: Set(row.offer),
                    })
                    .on_conflict(
                        OnConflict::column(retention_outcomes::Column::SourceKey)
                            .do_nothing()
                            .to_owned(),
                    )
                    .exec_without_returning(&txn)
                    .await?;
                if inserted > 0 {
                    changes.add(key, Counters::retention(retained));
                }
                count(&mut report, inserted > 0);
            }
            changes.write(&txn).await?;
            "retention_outcomes"
        }
        SourceRows::Encuestas(rows) => {
            let loop_on = super::settings::get(&txn).await?.detractor_loop;
            let mut changes = DailyChanges::new();
            for row in rows {
                let (nps, day) = (row.nps, row.day);
                let key = DayKey::new(row.day, &row.agent, "", "");
                let counters =
                    Counters::survey(row.nps.map(i16::from), row.satisfaction.map(i16::from));
                let (cuenta, agent) = (row.cuenta.clone(), row.agent.clone());
                let inserted = kpi_surveys::Entity::insert(kpi_surveys::ActiveModel {
                    id: NotSet,
                    source_key: Set(format!("encuestas:{}", row.id)),
                    day: Set(row.day),
                    cuenta: Set(row.cuenta),
                    agent_login: Set(row.agent),
                    nps: Set(row.nps.map(i16::from)),
                    satisfaction: Set(row.satisfaction.map(i16::from)),
                    interaction_ref: Set(row.interaction_ref),
                    imported_at: Set(now),
                })
                .on_conflict(
                    OnConflict::column(kpi_surveys::Column::SourceKey)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
                if inserted > 0 {
                    changes.add(key, counters);
                }
                count(&mut report, inserted > 0);
                let detractor = nps.filter(|score| *score <= 6);
                if let (true, true, Some(score)) = (inserted > 0, loop_on, detractor) {
                    let answer = super::detractors::Detractor {
                        cuenta: &cuenta,
                        agent_login: &agent,
                        score,
                        day,
                    };
                    if super::detractors::queue(&txn, answer, now).await? {
                        report.detractors_queued += 1;
                    }
                }
            }
            changes.write(&txn).await?;
            "kpi_surveys"
        }
        SourceRows::Monitoreo(rows) => {
            let mut changes = DailyChanges::new();
            for row in rows {
                let key = DayKey::new(row.day, &row.agent, "", "");
                let counters = Counters::evaluation(row.score);
                let inserted = kpi_monitoring::Entity::insert(kpi_monitoring::ActiveModel {
                    id: NotSet,
                    source_key: Set(format!("monitoreo:{}", row.id)),
                    day: Set(row.day),
                    agent_login: Set(row.agent),
                    score: Set(row.score),
                    evaluator: Set(row.evaluator),
                    interaction_ref: Set(row.interaction_ref),
                    checklist: Set(None),
                    comments: Set(None),
                    created_at: Set(now),
                })
                .on_conflict(
                    OnConflict::column(kpi_monitoring::Column::SourceKey)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
                if inserted > 0 {
                    changes.add(key, counters);
                }
                count(&mut report, inserted > 0);
            }
            changes.write(&txn).await?;
            "kpi_monitoring"
        }
        SourceRows::Asistencia(rows) => {
            let mut changes = DailyChanges::new();
            for row in rows {
                let key = DayKey::new(row.day, &row.agent, "", "");
                let counters = Counters::attendance(row.scheduled, row.absent);
                let inserted = kpi_attendance::Entity::insert(kpi_attendance::ActiveModel {
                    id: NotSet,
                    day: Set(row.day),
                    agent_login: Set(row.agent),
                    scheduled: Set(row.scheduled),
                    absent: Set(row.absent),
                    reason: Set(row.reason),
                })
                .on_conflict(
                    OnConflict::columns([
                        kpi_attendance::Column::Day,
                        kpi_attendance::Column::AgentLogin,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
                if inserted > 0 {
                    changes.add(key, counters);
                }
                count(&mut report, inserted > 0);
            }
            changes.write(&txn).await?;
            "kpi_attendance"
        }
    };
    txn.commit().await?;
    if report.created > 1_000 {
        db::analyze(db, table_name).await;
    }
    Ok(report)
}

fn count(report: &mut SourceImport, new: bool) {
    if new {
        report.created += 1;
    } else {
        report.unchanged += 1;
    }
}

/// Line order, as the user reads the file.
fn sorted(mut errors: Vec<crate::imports::RowError>) -> Vec<crate::imports::RowError> {
    errors.sort_by_key(|e| e.line);
    errors
}

async fn agent_ids(db: &impl ConnectionTrait) -> Result<BTreeMap<String, i64>, ServiceError> {
    let rows: Vec<(i64, String)> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::Login)
        .filter(users::Column::Login.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, login)| (login, id)).collect())
}
