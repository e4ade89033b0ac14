//! The dashboard's views over the engine: a trend (one report per day, week
//! or month of the period), a breakdown (one report per team or agent) and
//! the records behind one figure (the last level of the drill-down).

use super::engine::{self, Agents};
use super::team::agents_of;
use crate::db::entities::{
    kpi_agents, kpi_attendance, kpi_contacts, kpi_interactions, kpi_monitoring, kpi_surveys,
    retention_outcomes, users,
};
use crate::services::ServiceError;
use app::api::kpis::{
    BreakdownBy, BreakdownRow, Granularity, KpiRecord, KpiRecords, KpiSettings, SeriesPoint,
};
use app::domain::kpis::{Kpi, KpiFilters, NpsClass, Period, nps_class};
use app::domain::local_time::format_date_time;
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::BTreeMap;

/// The most buckets one trend may have.
pub const MAX_BUCKETS: usize = 400;
/// The most records one drill-down lists.
pub const RECORDS_LIMIT: u64 = 200;

/// The period cut into days, ISO weeks (Monday first) or calendar months,
/// the first and last clipped to the period.
pub fn buckets(period: Period, by: Granularity) -> Vec<(String, Period)> {
    let mut out = Vec::new();
    let mut start = period.from;
    while start <= period.to {
        let natural_end = match by {
            Granularity::Dia => start,
            Granularity::Semana => {
                start + Duration::days(6 - i64::from(start.weekday().num_days_from_monday()))
            }
            Granularity::Mes => last_of_month(start),
        };
        let end = natural_end.min(period.to);
        let label = match by {
            Granularity::Dia => start.format("%d/%m").to_string(),
            Granularity::Semana => {
                format!(
                    "Sem {} ({})",
                    start.iso_week().week(),
                    start.format("%d/%m")
                )
            }
            Granularity::Mes => format!("{} {}", MONTHS[start.month0() as usize], start.year()),
        };
        out.push((
            label,
            Period {
                from: start,
                to: end,
            },
        ));
        start = end + Duration::days(1);
    }
    out
}

const MONTHS: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
];

fn last_of_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).expect("the first of a month exists")
        - Duration::days(1)
}

/// One report per bucket.
pub async fn series(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    by: Granularity,
    settings: &KpiSettings,
) -> Result<Vec<SeriesPoint>, ServiceError> {
    let buckets = buckets(period, by);
    if buckets.len() > MAX_BUCKETS {
        return Err(ServiceError::invalid(
            "by",
            format!(
                "El periodo tiene {} grupos; elija semanas o meses (máximo {MAX_BUCKETS}).",
                buckets.len()
            ),
        ));
    }
    let mut out = Vec::with_capacity(buckets.len());
    for (label, bucket) in buckets {
        out.push(SeriesPoint {
            label,
            from: bucket.from,
            to: bucket.to,
            report: engine::compute(db, bucket, filters, settings).await?,
        });
    }
    Ok(out)
}

/// One report per team (supervisor) or per agent, within the filters.
pub async fn breakdown(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    by: BreakdownBy,
    settings: &KpiSettings,
) -> Result<Vec<BreakdownRow>, ServiceError> {
    let names = names(db).await?;
    let members: Vec<String> = match by {
        BreakdownBy::Equipo => match &filters.team {
            Some(team) => vec![team.clone()],
            None => teams(db).await?,
        },
        BreakdownBy::Asesor => {
            let mut agents = match &filters.team {
                Some(team) => agents_of(db, team).await?,
                None => all_agents(db).await?,
            };
            if let Some(agent) = &filters.agent {
                agents.retain(|a| a == agent);
            }
            agents
        }
    };
    let mut out = Vec::with_capacity(members.len());
    for login in members {
        let scoped = match by {
            BreakdownBy::Equipo => KpiFilters {
                team: Some(login.clone()),
                ..filters.clone()
            },
            BreakdownBy::Asesor => KpiFilters {
                agent: Some(login.clone()),
                ..filters.clone()
            },
        };
        out.push(BreakdownRow {
            name: names.get(&login).cloned().unwrap_or_else(|| login.clone()),
            report: engine::compute(db, period, &scoped, settings).await?,
            login,
        });
    }
    Ok(out)
}

/// Display names: Faro's users, else the roster's.
pub async fn names(db: &impl ConnectionTrait) -> Result<BTreeMap<String, String>, ServiceError> {
    let mut names: BTreeMap<String, String> = kpi_agents::Entity::find()
        .select_only()
        .column(kpi_agents::Column::Login)
        .column(kpi_agents::Column::Name)
        .into_tuple::<(String, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    names.extend(
        users::Entity::find()
            .select_only()
            .column(users::Column::Login)
            .column(users::Column::Name)
            .into_tuple::<(String, String)>()
            .all(db)
            .await?,
    );
    Ok(names)
}

/// Every supervisor: Faro's and the roster's.
async fn teams(db: &impl ConnectionTrait) -> Result<Vec<String>, ServiceError> {
    let mut teams: Vec<String> = users::Entity::find()
        .select_only()
        .column(users::Column::Login)
        .filter(users::Column::Role.eq("supervisor"))
        .into_tuple()
        .all(db)
        .await?;
    let rostered: Vec<Option<String>> = kpi_agents::Entity::find()
        .select_only()
        .column(kpi_agents::Column::Supervisor)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    teams.extend(rostered.into_iter().flatten());
    teams.sort();
    teams.dedup();
    Ok(teams)
}

/// Every agent: Faro's and the roster's.
async fn all_agents(db: &impl ConnectionTrait) -> Result<Vec<String>, ServiceError> {
    let mut agents: Vec<String> = users::Entity::find()
        .select_only()
        .column(users::Column::Login)
        .filter(users::Column::Role.eq("asesor"))
        .into_tuple()
        .all(db)
        .await?;
    agents.extend(
        kpi_agents::Entity::find()
            .select_only()
            .column(kpi_agents::Column::Login)
            .filter(kpi_agents::Column::Role.eq("asesor"))
            .into_tuple::<String>()
            .all(db)
            .await?,
    );
    agents.sort();
    agents.dedup();
    Ok(agents)
}

fn source_of(key: &str) -> String {
    match key.split_once(':') {
        Some(("faro", _)) => "Faro".into(),
        Some((import, _)) => format!("Importación «{import}»"),
        None => "Importación".into(),
    }
}

fn agent_filter<C: ColumnTrait>(column: C, agents: &Agents) -> Condition {
    match agents {
        Agents::All => Condition::all(),
        Agents::Only(list) => Condition::all().add(column.is_in(list.clone())),
    }
}

/// The records behind one KPI's figure, newest first.
pub async fn records(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    kpi: Kpi,
    settings: &KpiSettings,
) -> Result<KpiRecords, ServiceError> {
    if !kpi.applies(filters) {
        return Ok(KpiRecords {
            kpi,
            total: 0,
            records: Vec::new(),
        });
    }
    let agents = engine::resolve_agents(db, filters).await?;
    let (start, end) = period.instants();
    let (total, records) = match kpi {
        Kpi::Contactabilidad => {
            let mut query = kpi_contacts::Entity::find()
                .filter(kpi_contacts::Column::Day.between(period.from, period.to))
                .filter(agent_filter(kpi_contacts::Column::AgentLogin, &agents));
            if let Some(kind) = filters.tipo_base {
                query = query.filter(kpi_contacts::Column::TipoBase.eq(kind.code()));
            }
            if let Some(segment) = filters.segmento {
                query = query.filter(kpi_contacts::Column::Segmento.eq(segment.code()));
            }
            let total = query.clone().count(db).await?;
            let rows = query
                .order_by_desc(kpi_contacts::Column::At)
                .limit(RECORDS_LIMIT)
                .all(db)
                .await?;
            let records = rows
                .into_iter()
                .map(|row| KpiRecord {
                    when: format_date_time(row.at),
                    agent: row.agent_login,
                    cuenta: Some(row.cuenta),
                    detail: format!("{} · {} · {}", row.result, row.tipo_base, row.segmento),
                    in_numerator: row.contacted,
                    source: source_of(&row.source_key),
                })
                .collect();
            (total, records)
        }
        Kpi::Efectividad => {
            let mut query = retention_outcomes::Entity::find()
                .filter(retention_outcomes::Column::ClosedAt.gte(start))
                .filter(retention_outcomes::Column::ClosedAt.lt(end))
                .filter(agent_filter(
                    retention_outcomes::Column::AgentLogin,
                    &agents,
                ));
            if let Some(segment) = filters.segmento {
                query = query.filter(retention_outcomes::Column::Segmento.eq(segment.code()));
            }
            let total = query.clone().count(db).await?;
            let rows = query
                .order_by_desc(retention_outcomes::Column::ClosedAt)
                .limit(RECORDS_LIMIT)
                .all(db)
                .await?;
            let records = rows
                .into_iter()
                .map(|row| KpiRecord {
                    when: format_date_time(row.closed_at),
                    agent: row.agent_login,
                    cuenta: Some(row.cuenta),
                    detail: match &row.offer_code {
                        Some(offer) => format!("{}: {} (oferta {offer})", row.service, row.result),
                        None => format!("{}: {}", row.service, row.result),
                    },
                    in_numerator: row.result == "RETENIDO",
                    source: source_of(&row.source_key),
                })
                .collect();
            (total, records)
        }
        Kpi::Nps => {
            let query = kpi_surveys::Entity::find()
                .filter(kpi_surveys::Column::Day.between(period.from, period.to))
                .filter(kpi_surveys::Column::Nps.is_not_null())
                .filter(agent_filter(kpi_surveys::Column::AgentLogin, &agents));
            let total = query.clone().count(db).await?;
            let rows = query
                .order_by_desc(kpi_surveys::Column::Day)
                .limit(RECORDS_LIMIT)
                .all(db)
                .await?;
            let records = rows
                .into_iter()
                .map(|row| {
                    let score = row.nps.unwrap_or(0).clamp(0, 10) as u8;
                    let class = nps_class(score);
                    KpiRecord {
                        when: row.day.format("%d/%m/%Y").to_string(),
                        agent: row.agent_login,
                        cuenta: Some(row.cuenta),
                        detail: format!(
                            "NPS {score}: {}",
                            match class {
                                NpsClass::Detractor => "detractor",
                                NpsClass::Pasivo => "pasivo",
                                NpsClass::Promotor => "promotor",
                            }
                        ),
                        in_numerator: class == NpsClass::Promotor,
                        source: source_of(&row.source_key),
                    }
                })
                .collect();
            (total, records)
        }
        Kpi::Fcr => {
            let window = i64::from(settings.fcr_window_hours) * 3_600 * 1_000_000;
            let mut query = kpi_interactions::Entity::find()
                .filter(kpi_interactions::Column::Spc.eq(true))
                .filter(kpi_interactions::Column::Day.between(period.from, period.to))
                .filter(agent_filter(kpi_interactions::Column::AgentLogin, &agents));
            if let Some(kind) = filters.tipo_base {
                query = query.filter(kpi_interactions::Column::TipoBase.eq(kind.code()));
            }
            if let Some(segment) = filters.segmento {
                query = query.filter(kpi_interactions::Column::Segmento.eq(segment.code()));
            }
            let total = query.clone().count(db).await?;
            let rows = query
                .order_by_desc(kpi_interactions::Column::At)
                .limit(RECORDS_LIMIT)
                .all(db)
                .await?;
            let records = rows
                .into_iter()
                .map(|row| {
                    let recontact = row
                        .next_at
                        .filter(|_| row.gap_micros.is_some_and(|gap| gap <= window));
                    KpiRecord {
                        when: format_date_time(row.at),
                        agent: row.agent_login,
                        cuenta: Some(row.cuenta),
                        detail: match recontact {
                            Some(again) => format!(
                                "{}: volvió a llamar el {}",
                                row.typification,
                                format_date_time(again)
                            ),
                            None => format!("{}: resuelto en el primer contacto", row.typification),
                        },
                        in_numerator: recontact.is_none(),
                        source: source_of(&row.source_key),
                    }
                })
                .collect();
            (total, records)
        }
        Kpi::Ausentismo => {
            let query = kpi_attendance::Entity::find()
                .filter(kpi_attendance::Column::Scheduled.eq(true))
                .filter(kpi_attendance::Column::Day.between(period.from, period.to))
                .filter(agent_filter(kpi_attendance::Column::AgentLogin, &agents));
            let total = query.clone().count(db).await?;
            let rows = query
                .order_by_desc(kpi_attendance::Column::Day)
                .limit(RECORDS_LIMIT)
                .all(db)
                .await?;
            let records = rows
                .into_iter()
                .map(|row| KpiRecord {
                    when: row.day.format("%d/%m/%Y").to_string(),
                    agent: row.agent_login,
                    cuenta: None,
                    detail: match (row.absent, row.reason) {
                        (true, Some(reason)) => format!("Ausente: {reason}"),
                        (true, None) => "Ausente".into(),
                        (false, _) => "Asistió".into(),
                    },
                    in_numerator: row.absent,
                    source: "Importación «asistencia»".into(),
                })
                .collect();
            (total, records)
        }
        Kpi::Rotacion => {
            let mut query = kpi_agents::Entity::find()
                .filter(kpi_agents::Column::Role.eq("asesor"))
                .filter(
                    Condition::any()
                        .add(kpi_agents::Column::RetiredOn.between(period.from, period.to))
                        .add(kpi_agents::Column::HiredOn.lte(period.to)),
                );
            if let Some(team) = &filters.team {
                query = query.filter(kpi_agents::Column::Supervisor.eq(team.as_str()));
            }
            let rows = query
                .order_by_asc(kpi_agents::Column::Login)
                .all(db)
                .await?;
            let records: Vec<KpiRecord> = rows
                .into_iter()
                .filter(|row| row.retired_on.is_none_or(|r| r >= period.from))
                .map(|row| {
                    let retired = row.retired_on.is_some_and(|r| r <= period.to);
                    KpiRecord {
                        when: row.hired_on.format("%d/%m/%Y").to_string(),
                        agent: row.login,
                        cuenta: None,
                        detail: match row.retired_on {
                            Some(day) if retired => {
                                format!("{}: retiro el {}", row.name, day.format("%d/%m/%Y"))
                            }
                            _ => format!("{}: activo", row.name),
                        },
                        in_numerator: retired,
                        source: "Importación «agentes»".into(),
                    }
                })
                .take(RECORDS_LIMIT as usize)
                .collect();
            (records.len() as u64, records)
        }
        Kpi::CalidadMec => {
            let monitoring = kpi_monitoring::Entity::find()
                .filter(kpi_monitoring::Column::Day.between(period.from, period.to))
                .filter(agent_filter(kpi_monitoring::Column::AgentLogin, &agents));
            let surveys = kpi_surveys::Entity::find()
                .filter(kpi_surveys::Column::Day.between(period.from, period.to))
                .filter(kpi_surveys::Column::Satisfaction.is_not_null())
                .filter(agent_filter(kpi_surveys::Column::AgentLogin, &agents));
            let total = monitoring.clone().count(db).await? + surveys.clone().count(db).await?;
            let mut records: Vec<(NaiveDate, KpiRecord)> = monitoring
                .order_by_desc(kpi_monitoring::Column::Day)
                .limit(RECORDS_LIMIT)
                .all(db)
                .await?
                .into_iter()
                .map(|row| {
                    (
                        row.day,
                        KpiRecord {
                            when: row.day.format("%d/%m/%Y").to_string(),
                            agent: row.agent_login,
                            cuenta: None,
                            detail: format!(
                                "Monitoreo: nota {} ({})",
                                format!("{:.1}", row.score).replace('.', ","),
                                row.evaluator
                            ),
                            in_numerator: row.score >= 90.0,
                            source: source_of(&row.source_key),
                        },
                    )
                })
                .collect();
            records.extend(
                surveys
                    .order_by_desc(kpi_surveys::Column::Day)
                    .limit(RECORDS_LIMIT)
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|row| {
                        let answer = row.satisfaction.unwrap_or(0);
                        (
                            row.day,
                            KpiRecord {
                                when: row.day.format("%d/%m/%Y").to_string(),
                                agent: row.agent_login,
                                cuenta: Some(row.cuenta),
                                detail: format!("Satisfacción con el asesor: {answer} de 5"),
                                in_numerator: answer >= 4,
                                source: source_of(&row.source_key),
                            },
                        )
                    }),
            );
            records.sort_by_key(|r| std::cmp::Reverse(r.0));
            records.truncate(RECORDS_LIMIT as usize);
            (total, records.into_iter().map(|(_, r)| r).collect())
        }
    };
    Ok(KpiRecords {
        kpi,
        total,
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn buckets_cover_the_period_without_gaps_and_clip_the_ends() {
        let period = Period::new(day(2025, 2, 26), day(2025, 4, 2)).unwrap();
        for by in [Granularity::Dia, Granularity::Semana, Granularity::Mes] {
            let buckets = buckets(period, by);
            assert_eq!(buckets.first().unwrap().1.from, period.from);
            assert_eq!(buckets.last().unwrap().1.to, period.to);
            for pair in buckets.windows(2) {
                assert_eq!(pair[0].1.to + Duration::days(1), pair[1].1.from);
            }
        }
        let months = buckets(period, Granularity::Mes);
        assert_eq!(
            months.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
            ["feb 2025", "mar 2025", "abr 2025"]
        );
        assert_eq!(
            months[1].1,
            Period::new(day(2025, 3, 1), day(2025, 3, 31)).unwrap()
        );
        let weeks = buckets(period, Granularity::Semana);
        // 26/02/2025 is a Wednesday: its week ends on Sunday 02/03.
        assert_eq!(weeks[0].1.to, day(2025, 3, 2));
        assert_eq!(weeks[1].1.from.weekday(), chrono::Weekday::Mon);
        assert_eq!(buckets(period, Granularity::Dia).len(), 36);
    }
}
