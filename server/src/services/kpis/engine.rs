//! The KPI engine: SPEC §5's formulas as aggregate SQL over the fact tables,
//! with every filter rule there. A filter a KPI's data does not carry makes
//! it "no aplica"; a zero denominator gives no value.

use super::sql::Sql;
use super::team::agents_of;
use crate::services::ServiceError;
use app::api::kpis::{KpiPart, KpiReport, KpiSettings, KpiValue, QualityValue};
use app::domain::kpis::{Kpi, KpiFilters, Period, ratio};
use sea_orm::{ConnectionTrait, QueryResult};

/// The agents a request is about: everyone, or these logins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agents {
    All,
    Only(Vec<String>),
}

/// The seven indicators for a period and filters.
pub async fn compute(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    settings: &KpiSettings,
) -> Result<KpiReport, ServiceError> {
    let agents = resolve_agents(db, filters).await?;
    let goal = |kpi: Kpi| settings.goals.get(&kpi).copied();
    let applies = |kpi: Kpi| kpi.applies(filters);

    let contactabilidad = if applies(Kpi::Contactabilidad) {
        let (num, den) = contactabilidad(db, period, filters, &agents).await?;
        KpiValue::counted(num, den, 1.0, goal(Kpi::Contactabilidad))
    } else {
        KpiValue::not_applicable(goal(Kpi::Contactabilidad))
    };
    let efectividad = if applies(Kpi::Efectividad) {
        let (num, den) = efectividad(db, period, filters, &agents).await?;
        KpiValue::counted(num, den, 1.0, goal(Kpi::Efectividad))
    } else {
        KpiValue::not_applicable(goal(Kpi::Efectividad))
    };
    let nps = if applies(Kpi::Nps) {
        let (num, den) = nps(db, period, &agents).await?;
        KpiValue::counted(num, den, 100.0, goal(Kpi::Nps))
    } else {
        KpiValue::not_applicable(goal(Kpi::Nps))
    };
    let fcr = if applies(Kpi::Fcr) {
        let (num, den) = fcr(db, period, filters, &agents, settings.fcr_window_hours).await?;
        KpiValue::counted(num, den, 1.0, goal(Kpi::Fcr))
    } else {
        KpiValue::not_applicable(goal(Kpi::Fcr))
    };
    let ausentismo = if applies(Kpi::Ausentismo) {
        let (num, den) = ausentismo(db, period, &agents).await?;
        KpiValue::counted(num, den, 1.0, goal(Kpi::Ausentismo))
    } else {
        KpiValue::not_applicable(goal(Kpi::Ausentismo))
    };
    let rotacion = if applies(Kpi::Rotacion) {
        let (num, den) = rotacion(db, period, filters.team.as_deref()).await?;
        KpiValue::counted(num, den, 1.0, goal(Kpi::Rotacion))
    } else {
        KpiValue::not_applicable(goal(Kpi::Rotacion))
    };
    let calidad_mec = if applies(Kpi::CalidadMec) {
        quality(db, period, &agents, settings).await?
    } else {
        QualityValue {
            total: KpiValue::not_applicable(goal(Kpi::CalidadMec)),
            emitida: empty_part(),
            percibida: empty_part(),
        }
    };
    Ok(KpiReport {
        contactabilidad,
        efectividad,
        nps,
        fcr,
        ausentismo,
        rotacion,
        calidad_mec,
    })
}

fn empty_part() -> KpiPart {
    KpiPart {
        value: None,
        numerator: None,
        denominator: None,
    }
}

/// The team filter becomes its agents; the agent filter narrows it (an
/// agent outside the team asked leaves nobody).
pub async fn resolve_agents(
    db: &impl ConnectionTrait,
    filters: &KpiFilters,
) -> Result<Agents, ServiceError> {
    let mut agents = match &filters.team {
        Some(team) => Agents::Only(agents_of(db, team).await?),
        None => Agents::All,
    };
    if let Some(agent) = &filters.agent {
        agents = match agents {
            Agents::All => Agents::Only(vec![agent.clone()]),
            Agents::Only(list) => Agents::Only(list.into_iter().filter(|a| a == agent).collect()),
        };
    }
    Ok(agents)
}

fn agent_condition(sql: &mut Sql, column: &str, agents: &Agents) {
    if let Agents::Only(list) = agents {
        sql.push(" AND ").in_list(column, list);
    }
}

fn day_range(sql: &mut Sql, period: Period) {
    sql.push(" AND day >= ")
        .bind(period.from)
        .push(" AND day <= ")
        .bind(period.to);
}

async fn one_row(db: &impl ConnectionTrait, sql: &Sql) -> Result<QueryResult, ServiceError> {
    db.query_one_raw(sql.statement())
        .await?
        .ok_or_else(|| ServiceError::Internal("una consulta de agregados no devolvió fila".into()))
}

fn count(row: &QueryResult, column: &str) -> Result<f64, ServiceError> {
    Ok(row.try_get::<Option<i64>>("", column)?.unwrap_or(0) as f64)
}

/// Records (cuenta, tipo_base) with a CONTACTADO attempt ÷ records with an
/// attempt, over the attempts in the period that match the filters.
async fn contactabilidad(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    agents: &Agents,
) -> Result<(f64, f64), ServiceError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT COUNT(*) AS den, SUM(c) AS num FROM (SELECT cuenta, tipo_base, \
         MAX(CASE WHEN contacted THEN 1 ELSE 0 END) AS c FROM kpi_contacts WHERE 1 = 1",
    );
    day_range(&mut sql, period);
    agent_condition(&mut sql, "agent_login", agents);
    if let Some(kind) = filters.tipo_base {
        sql.push(" AND tipo_base = ").bind(kind.code());
    }
    if let Some(segment) = filters.segmento {
        sql.push(" AND segmento = ").bind(segment.code());
    }
    sql.push(" GROUP BY cuenta, tipo_base) records");
    let row = one_row(db, &sql).await?;
    Ok((count(&row, "num")?, count(&row, "den")?))
}

/// Services retained ÷ services with a cancellation request, by close date.
async fn efectividad(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    agents: &Agents,
) -> Result<(f64, f64), ServiceError> {
    let (start, end) = period.instants();
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT COUNT(*) AS den, SUM(CASE WHEN result = 'RETENIDO' THEN 1 ELSE 0 END) AS num \
         FROM retention_outcomes WHERE closed_at >= ",
    )
    .bind(start)
    .push(" AND closed_at < ")
    .bind(end);
    agent_condition(&mut sql, "agent_login", agents);
    if let Some(segment) = filters.segmento {
        sql.push(" AND segmento = ").bind(segment.code());
    }
    let row = one_row(db, &sql).await?;
    Ok((count(&row, "num")?, count(&row, "den")?))
}

/// Promoters − detractors over answers with a score (× 100 by the caller).
async fn nps(
    db: &impl ConnectionTrait,
    period: Period,
    agents: &Agents,
) -> Result<(f64, f64), ServiceError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT COUNT(*) AS den, SUM(CASE WHEN nps >= 9 THEN 1 ELSE 0 END) AS promoters, \
         SUM(CASE WHEN nps <= 6 THEN 1 ELSE 0 END) AS detractors \
         FROM kpi_surveys WHERE nps IS NOT NULL",
    );
    day_range(&mut sql, period);
    agent_condition(&mut sql, "agent_login", agents);
    let row = one_row(db, &sql).await?;
    Ok((
        count(&row, "promoters")? - count(&row, "detractors")?,
        count(&row, "den")?,
    ))
}

/// SPC interactions not recontacted within the window ÷ SPC interactions.
async fn fcr(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    agents: &Agents,
    window_hours: u32,
) -> Result<(f64, f64), ServiceError> {
    let window_micros = i64::from(window_hours) * 3_600 * 1_000_000;
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT COUNT(*) AS den, SUM(CASE WHEN gap_micros IS NOT NULL AND gap_micros <= ")
        .bind(window_micros)
        .push(" THEN 1 ELSE 0 END) AS recontacted FROM kpi_interactions WHERE spc");
    day_range(&mut sql, period);
    agent_condition(&mut sql, "agent_login", agents);
    if let Some(kind) = filters.tipo_base {
        sql.push(" AND tipo_base = ").bind(kind.code());
    }
    if let Some(segment) = filters.segmento {
        sql.push(" AND segmento = ").bind(segment.code());
    }
    let row = one_row(db, &sql).await?;
    let spc = count(&row, "den")?;
    Ok((spc - count(&row, "recontacted")?, spc))
}

/// Scheduled and absent ÷ scheduled.
async fn ausentismo(
    db: &impl ConnectionTrait,
    period: Period,
    agents: &Agents,
) -> Result<(f64, f64), ServiceError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT COUNT(*) AS den, SUM(CASE WHEN absent THEN 1 ELSE 0 END) AS num \
         FROM kpi_attendance WHERE scheduled",
    );
    day_range(&mut sql, period);
    agent_condition(&mut sql, "agent_login", agents);
    let row = one_row(db, &sql).await?;
    Ok((count(&row, "num")?, count(&row, "den")?))
}

/// Agents retired in the period ÷ the mean of the active headcount on its
/// first and last day.
async fn rotacion(
    db: &impl ConnectionTrait,
    period: Period,
    team: Option<&str>,
) -> Result<(f64, f64), ServiceError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT SUM(CASE WHEN retired_on >= ")
        .bind(period.from)
        .push(" AND retired_on <= ")
        .bind(period.to)
        .push(" THEN 1 ELSE 0 END) AS retired, SUM(CASE WHEN hired_on <= ")
        .bind(period.from)
        .push(" AND (retired_on IS NULL OR retired_on > ")
        .bind(period.from)
        .push(") THEN 1 ELSE 0 END) AS active_from, SUM(CASE WHEN hired_on <= ")
        .bind(period.to)
        .push(" AND (retired_on IS NULL OR retired_on > ")
        .bind(period.to)
        .push(") THEN 1 ELSE 0 END) AS active_to FROM kpi_agents WHERE role = 'asesor'");
    if let Some(team) = team {
        sql.push(" AND supervisor = ").bind(team.to_string());
    }
    let row = one_row(db, &sql).await?;
    let average = (count(&row, "active_from")? + count(&row, "active_to")?) / 2.0;
    Ok((count(&row, "retired")?, average))
}

/// Calidad MEC = weight × emitida + weight × percibida, no value unless both
/// parts have data.
async fn quality(
    db: &impl ConnectionTrait,
    period: Period,
    agents: &Agents,
    settings: &KpiSettings,
) -> Result<QualityValue, ServiceError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT COUNT(*) AS den, SUM(score) AS total FROM kpi_monitoring WHERE 1 = 1");
    day_range(&mut sql, period);
    agent_condition(&mut sql, "agent_login", agents);
    let row = one_row(db, &sql).await?;
    let evaluations = count(&row, "den")?;
    let score_sum = row.try_get::<Option<f64>>("", "total")?.unwrap_or(0.0) / 100.0;
    let emitida = KpiPart {
        value: ratio(score_sum, evaluations),
        numerator: Some(score_sum),
        denominator: Some(evaluations),
    };

    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT COUNT(*) AS den, SUM(CASE WHEN satisfaction >= 4 THEN 1 ELSE 0 END) AS num \
         FROM kpi_surveys WHERE satisfaction IS NOT NULL",
    );
    day_range(&mut sql, period);
    agent_condition(&mut sql, "agent_login", agents);
    let row = one_row(db, &sql).await?;
    let (satisfied, answers) = (count(&row, "num")?, count(&row, "den")?);
    let percibida = KpiPart {
        value: ratio(satisfied, answers),
        numerator: Some(satisfied),
        denominator: Some(answers),
    };

    let goal = settings.goals.get(&Kpi::CalidadMec).copied();
    let total = match (emitida.value, percibida.value) {
        (Some(e), Some(p)) => {
            let weights = settings.weight_emitida + settings.weight_percibida;
            let weighted = settings.weight_emitida * e + settings.weight_percibida * p;
            KpiValue {
                value: ratio(weighted, weights),
                numerator: Some(weighted),
                denominator: Some(weights),
                applies: true,
                goal,
            }
        }
        _ => KpiValue {
            value: None,
            numerator: None,
            denominator: None,
            applies: true,
            goal,
        },
    };
    Ok(QualityValue {
        total,
        emitida,
        percibida,
    })
}
