//! The KPI engine: SPEC §5's formulas as aggregate SQL over the summaries
//! of the fact tables (and, for a team's or an agent's contactabilidad, the
//! facts themselves), with every filter rule there. A filter a KPI's data does not carry makes
//! it "no aplica"; a zero denominator gives no value.

use super::sql::Sql;
use super::summary::{COUNTER_COLUMNS, Counters};
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
    // Every indicator but contactabilidad and rotación adds up by day: one
    // read of the daily summary serves them all. A filter an indicator does
    // not carry makes it "no aplica", so the rows it would exclude never
    // matter to the indicators that still apply.
    let sums = daily_sums(db, period, filters, &agents).await?;
    let counted = |kpi: Kpi, (num, den): (f64, f64), scale: f64| {
        if applies(kpi) {
            KpiValue::counted(num, den, scale, goal(kpi))
        } else {
            KpiValue::not_applicable(goal(kpi))
        }
    };

    let contactabilidad = if applies(Kpi::Contactabilidad) {
        let (num, den) = contactabilidad(db, period, filters, &agents).await?;
        KpiValue::counted(num, den, 1.0, goal(Kpi::Contactabilidad))
    } else {
        KpiValue::not_applicable(goal(Kpi::Contactabilidad))
    };
    let efectividad = counted(
        Kpi::Efectividad,
        (
            sums.retention_retained as f64,
            sums.retention_requests as f64,
        ),
        1.0,
    );
    let nps = counted(
        Kpi::Nps,
        (
            (sums.nps_promoters - sums.nps_detractors) as f64,
            sums.nps_answers as f64,
        ),
        100.0,
    );
    let fcr = counted(
        Kpi::Fcr,
        ((sums.spc - sums.spc_recontacted) as f64, sums.spc as f64),
        1.0,
    );
    let ausentismo = counted(
        Kpi::Ausentismo,
        (sums.absent as f64, sums.scheduled as f64),
        1.0,
    );
    let rotacion = if applies(Kpi::Rotacion) {
        let (num, den) = rotacion(db, period, filters.team.as_deref()).await?;
        KpiValue::counted(num, den, 1.0, goal(Kpi::Rotacion))
    } else {
        KpiValue::not_applicable(goal(Kpi::Rotacion))
    };
    let calidad_mec = if applies(Kpi::CalidadMec) {
        quality(&sums, settings)
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
/// attempt, over the attempts in the period that match the filters. For the
/// whole operation the chains of record-days answer (a record is in the
/// period once: on its first day there); a team's or an agent's attempts are
/// few enough to count straight.
async fn contactabilidad(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    agents: &Agents,
) -> Result<(f64, f64), ServiceError> {
    let mut sql = Sql::new(db.get_database_backend());
    if *agents == Agents::All {
        let (any, contacted) = if filters.segmento.is_some() {
            ("any_seg", "contacted_seg")
        } else {
            ("any", "contacted")
        };
        sql.push("SELECT CAST(SUM(CASE WHEN chain = ")
            .bind(any)
            .push(" THEN n ELSE 0 END) AS BIGINT) AS den, CAST(SUM(CASE WHEN chain = ")
            .bind(contacted)
            .push(" THEN n ELSE 0 END) AS BIGINT) AS num FROM kpi_contact_days WHERE chain IN (")
            .bind(any)
            .push(", ")
            .bind(contacted)
            .push(") AND prev_day < ")
            .bind(period.from);
    } else {
        sql.push(
            "SELECT COUNT(*) AS den, SUM(c) AS num FROM (SELECT cuenta, tipo_base, \
             MAX(CASE WHEN contacted THEN 1 ELSE 0 END) AS c FROM kpi_contacts WHERE 1 = 1",
        );
        agent_condition(&mut sql, "agent_login", agents);
    }
    day_range(&mut sql, period);
    if let Some(kind) = filters.tipo_base {
        sql.push(" AND tipo_base = ").bind(kind.code());
    }
    if let Some(segment) = filters.segmento {
        sql.push(" AND segmento = ").bind(segment.code());
    }
    if *agents != Agents::All {
        sql.push(" GROUP BY cuenta, tipo_base) records");
    }
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

/// The daily summary's counters over the period and filters.
async fn daily_sums(
    db: &impl ConnectionTrait,
    period: Period,
    filters: &KpiFilters,
    agents: &Agents,
) -> Result<Counters, ServiceError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT ");
    for (i, column) in COUNTER_COLUMNS.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        // PostgreSQL sums BIGINT as NUMERIC: back to an integer.
        sql.push(&format!("CAST(SUM({column}) AS BIGINT) AS {column}"));
    }
    sql.push(" FROM kpi_daily WHERE 1 = 1");
    day_range(&mut sql, period);
    agent_condition(&mut sql, "agent_login", agents);
    if let Some(kind) = filters.tipo_base {
        sql.push(" AND tipo_base = ").bind(kind.code());
    }
    if let Some(segment) = filters.segmento {
        sql.push(" AND segmento = ").bind(segment.code());
    }
    let row = one_row(db, &sql).await?;
    let values: Vec<i64> = COUNTER_COLUMNS
        .iter()
        .map(|column| Ok(count(&row, column)? as i64))
        .collect::<Result<_, ServiceError>>()?;
    Ok(Counters::from_values(&values))
}

/// Calidad MEC = weight × emitida + weight × percibida, no value unless both
/// parts have data.
fn quality(sums: &Counters, settings: &KpiSettings) -> QualityValue {
    let evaluations = sums.evaluations as f64;
    let score_sum = sums.score_milli as f64 / 1_000.0 / 100.0;
    let emitida = KpiPart {
        value: ratio(score_sum, evaluations),
        numerator: Some(score_sum),
        denominator: Some(evaluations),
    };
    let (satisfied, answers) = (
        sums.satisfaction_satisfied as f64,
        sums.satisfaction_answers as f64,
    );
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
    QualityValue {
        total,
        emitida,
        percibida,
    }
}
