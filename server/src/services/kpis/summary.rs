//! The summaries that make the KPI engine fast at tens of millions of facts
//! (tables `kpi_daily` and `kpi_contact_days`, see their migration), kept
//! exact in the same transaction as every write of a fact, and rebuilt from
//! the facts when they are first created or the FCR window changes. The
//! integration tests prove them equal to a full recomputation.

use super::sql::Sql;
use crate::db::entities::app_settings;
use crate::services::ServiceError;
use app::domain::local_time::local_date;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, EntityTrait, sea_query::OnConflict};
use std::collections::BTreeMap;

/// Marks a database whose summaries were filled from its facts.
const BUILT_KEY: &str = "kpi_summaries";

/// The previous day of a record's first day with attempts.
pub fn no_previous_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1, 1, 1).expect("year 1 exists")
}

/// Where a fact is counted in `kpi_daily`. Sources without a tipo_base or a
/// segmento leave them empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DayKey {
    pub day: NaiveDate,
    pub agent_login: String,
    pub tipo_base: String,
    pub segmento: String,
}

impl DayKey {
    pub fn new(day: NaiveDate, agent_login: &str, tipo_base: &str, segmento: &str) -> Self {
        DayKey {
            day,
            agent_login: agent_login.to_string(),
            tipo_base: tipo_base.to_string(),
            segmento: segmento.to_string(),
        }
    }
}

/// The counters of one `kpi_daily` row (or a change to them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub spc: i64,
    pub spc_recontacted: i64,
    pub retention_requests: i64,
    pub retention_retained: i64,
    pub nps_answers: i64,
    pub nps_promoters: i64,
    pub nps_detractors: i64,
    pub satisfaction_answers: i64,
    pub satisfaction_satisfied: i64,
    pub evaluations: i64,
    /// Monitoring scores in thousandths of a point, so sums stay exact.
    pub score_milli: i64,
    pub scheduled: i64,
    pub absent: i64,
}

/// The column names, in the order of [`Counters::values`].
pub const COUNTER_COLUMNS: [&str; 13] = [
    "spc",
    "spc_recontacted",
    "retention_requests",
    "retention_retained",
    "nps_answers",
    "nps_promoters",
    "nps_detractors",
    "satisfaction_answers",
    "satisfaction_satisfied",
    "evaluations",
    "score_milli",
    "scheduled",
    "absent",
];

impl Counters {
    pub fn values(&self) -> [i64; 13] {
        [
            self.spc,
            self.spc_recontacted,
            self.retention_requests,
            self.retention_retained,
            self.nps_answers,
            self.nps_promoters,
            self.nps_detractors,
            self.satisfaction_answers,
            self.satisfaction_satisfied,
            self.evaluations,
            self.score_milli,
            self.scheduled,
            self.absent,
        ]
    }

    fn add(&mut self, other: &Counters) {
        let sum: Vec<i64> = self
            .values()
            .iter()
            .zip(other.values())
            .map(|(a, b)| a + b)
            .collect();
        *self = Counters::from_values(&sum);
    }

    pub fn from_values(v: &[i64]) -> Counters {
        Counters {
            spc: v[0],
            spc_recontacted: v[1],
            retention_requests: v[2],
            retention_retained: v[3],
            nps_answers: v[4],
            nps_promoters: v[5],
            nps_detractors: v[6],
            satisfaction_answers: v[7],
            satisfaction_satisfied: v[8],
            evaluations: v[9],
            score_milli: v[10],
            scheduled: v[11],
            absent: v[12],
        }
    }

    pub fn is_zero(&self) -> bool {
        self.values().iter().all(|v| *v == 0)
    }

    /// A closed SPC interaction, recontacted or not yet.
    pub fn spc(recontacted: bool) -> Counters {
        Counters {
            spc: 1,
            spc_recontacted: i64::from(recontacted),
            ..Counters::default()
        }
    }

    /// One service's retention outcome.
    pub fn retention(retained: bool) -> Counters {
        Counters {
            retention_requests: 1,
            retention_retained: i64::from(retained),
            ..Counters::default()
        }
    }

    /// One survey answer (either score may be missing).
    pub fn survey(nps: Option<i16>, satisfaction: Option<i16>) -> Counters {
        Counters {
            nps_answers: i64::from(nps.is_some()),
            nps_promoters: i64::from(nps.is_some_and(|n| n >= 9)),
            nps_detractors: i64::from(nps.is_some_and(|n| n <= 6)),
            satisfaction_answers: i64::from(satisfaction.is_some()),
            satisfaction_satisfied: i64::from(satisfaction.is_some_and(|s| s >= 4)),
            ..Counters::default()
        }
    }

    /// One monitoring evaluation.
    pub fn evaluation(score: f64) -> Counters {
        Counters {
            evaluations: 1,
            score_milli: score_milli(score),
            ..Counters::default()
        }
    }

    /// One attendance row.
    pub fn attendance(scheduled: bool, absent: bool) -> Counters {
        Counters {
            scheduled: i64::from(scheduled),
            absent: i64::from(scheduled && absent),
            ..Counters::default()
        }
    }
}

pub fn score_milli(score: f64) -> i64 {
    (score * 1_000.0).round() as i64
}

/// Whether an interaction's recontact gap falls in the FCR window.
pub fn recontacted(gap_micros: Option<i64>, window_hours: u32) -> bool {
    gap_micros.is_some_and(|gap| gap <= i64::from(window_hours) * 3_600 * 1_000_000)
}

/// Changes to `kpi_daily`, gathered and written at once.
#[derive(Debug, Default)]
pub struct DailyChanges {
    rows: BTreeMap<DayKey, Counters>,
}

impl DailyChanges {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, key: DayKey, change: Counters) {
        self.rows.entry(key).or_default().add(&change);
    }

    pub fn subtract(&mut self, key: DayKey, change: Counters) {
        let negated: Vec<i64> = change.values().iter().map(|v| -v).collect();
        self.add(key, Counters::from_values(&negated));
    }

    /// Adds the changes to the table, in the caller's transaction.
    pub async fn write(self, db: &impl ConnectionTrait) -> Result<(), ServiceError> {
        for (key, change) in self.rows {
            if change.is_zero() {
                continue;
            }
            let mut sql = Sql::new(db.get_database_backend());
            sql.push("INSERT INTO kpi_daily (day, agent_login, tipo_base, segmento");
            for column in COUNTER_COLUMNS {
                sql.push(", ").push(column);
            }
            sql.push(") VALUES (")
                .bind(key.day)
                .push(", ")
                .bind(key.agent_login)
                .push(", ")
                .bind(key.tipo_base)
                .push(", ")
                .bind(key.segmento);
            for value in change.values() {
                sql.push(", ").bind(value);
            }
            sql.push(") ON CONFLICT (day, agent_login, tipo_base, segmento) DO UPDATE SET ");
            for (i, column) in COUNTER_COLUMNS.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push(&format!(
                    "{column} = kpi_daily.{column} + excluded.{column}"
                ));
            }
            db.execute_raw(sql.statement()).await?;
        }
        Ok(())
    }
}

// ------------------------------------------------------------ contact days

/// One cell of `kpi_contact_days`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChainCell {
    pub chain: String,
    pub tipo_base: String,
    pub segmento: String,
    pub day: NaiveDate,
    pub prev_day: NaiveDate,
}

/// A record: contactabilidad's unit.
pub type Record = (String, String);

/// The SQL that counts the chain cells the attempts of these records make
/// (all records when `None`): the same query fills the table from scratch
/// and keeps it exact record by record.
fn chain_cells_sql(backend: DbBackend, records: Option<&[Record]>) -> Sql {
    let mut sql = Sql::new(backend);
    let chains = [
        ("any", false, false),
        ("contacted", true, false),
        ("any_seg", false, true),
        ("contacted_seg", true, true),
    ];
    sql.push(&format!(
        "SELECT chain, tipo_base, segmento, day, COALESCE(prev_day, '{}') AS prev_day, \
         COUNT(*) AS n FROM (",
        no_previous_day()
    ));
    for (i, (chain, contacted, by_segment)) in chains.into_iter().enumerate() {
        if i > 0 {
            sql.push(" UNION ALL ");
        }
        let (segment, partition) = if by_segment {
            ("segmento", "cuenta, tipo_base, segmento")
        } else {
            ("''", "cuenta, tipo_base")
        };
        sql.push(&format!(
            "SELECT '{chain}' AS chain, tipo_base, {segment} AS segmento, day, \
             LAG(day) OVER (PARTITION BY {partition} ORDER BY day) AS prev_day \
             FROM (SELECT DISTINCT cuenta, tipo_base, {segment} AS segmento, day \
             FROM kpi_contacts WHERE 1 = 1"
        ));
        if contacted {
            sql.push(" AND contacted");
        }
        if let Some(records) = records {
            sql.push(" AND (");
            for (j, (cuenta, tipo_base)) in records.iter().enumerate() {
                if j > 0 {
                    sql.push(" OR ");
                }
                sql.push("(cuenta = ")
                    .bind(cuenta.clone())
                    .push(" AND tipo_base = ")
                    .bind(tipo_base.clone())
                    .push(")");
            }
            sql.push(")");
        }
        sql.push(") d");
    }
    sql.push(") x GROUP BY chain, tipo_base, segmento, day, prev_day");
    sql
}

/// The chain cells of some records, with their counts.
async fn chain_cells(
    db: &impl ConnectionTrait,
    records: &[Record],
) -> Result<BTreeMap<ChainCell, i64>, ServiceError> {
    let sql = chain_cells_sql(db.get_database_backend(), Some(records));
    let mut cells = BTreeMap::new();
    for row in db.query_all_raw(sql.statement()).await? {
        let cell = ChainCell {
            chain: row.try_get("", "chain")?,
            tipo_base: row.try_get("", "tipo_base")?,
            segmento: row.try_get("", "segmento")?,
            day: row.try_get("", "day")?,
            prev_day: row.try_get("", "prev_day")?,
        };
        cells.insert(cell, row.try_get::<i64>("", "n")?);
    }
    Ok(cells)
}

/// Bounds the size of one statement's record list.
const RECORDS_PER_QUERY: usize = 200;

/// The chain cells of some records, read before their attempts change;
/// [`ContactChains::write`] after the change applies the difference.
pub struct ContactChains {
    records: Vec<Record>,
    before: BTreeMap<ChainCell, i64>,
}

impl ContactChains {
    pub async fn read(
        db: &impl ConnectionTrait,
        records: Vec<Record>,
    ) -> Result<ContactChains, ServiceError> {
        let mut records = records;
        records.sort();
        records.dedup();
        let before = cells_of(db, &records).await?;
        Ok(ContactChains { records, before })
    }

    pub async fn write(self, db: &impl ConnectionTrait) -> Result<(), ServiceError> {
        let after = cells_of(db, &self.records).await?;
        let mut changes: BTreeMap<ChainCell, i64> = after;
        for (cell, n) in self.before {
            *changes.entry(cell).or_default() -= n;
        }
        add_cells(db, changes).await
    }
}

async fn cells_of(
    db: &impl ConnectionTrait,
    records: &[Record],
) -> Result<BTreeMap<ChainCell, i64>, ServiceError> {
    let mut all: BTreeMap<ChainCell, i64> = BTreeMap::new();
    for chunk in records.chunks(RECORDS_PER_QUERY) {
        for (cell, n) in chain_cells(db, chunk).await? {
            *all.entry(cell).or_default() += n;
        }
    }
    Ok(all)
}

async fn add_cells(
    db: &impl ConnectionTrait,
    changes: BTreeMap<ChainCell, i64>,
) -> Result<(), ServiceError> {
    for (cell, n) in changes {
        if n == 0 {
            continue;
        }
        let mut sql = Sql::new(db.get_database_backend());
        sql.push(
            "INSERT INTO kpi_contact_days (chain, tipo_base, segmento, day, prev_day, n) VALUES (",
        )
        .bind(cell.chain)
        .push(", ")
        .bind(cell.tipo_base)
        .push(", ")
        .bind(cell.segmento)
        .push(", ")
        .bind(cell.day)
        .push(", ")
        .bind(cell.prev_day)
        .push(", ")
        .bind(n)
        .push(
            ") ON CONFLICT (chain, day, tipo_base, segmento, prev_day) \
                 DO UPDATE SET n = kpi_contact_days.n + excluded.n",
        );
        db.execute_raw(sql.statement()).await?;
    }
    Ok(())
}

// ------------------------------------------------------------ rebuilding

/// The local (Bogotá, UTC−5 all year) date of an instant column, in SQL.
fn local_day(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => {
            format!("(({column} AT TIME ZONE 'UTC') - INTERVAL '5 hours')::date")
        }
        _ => format!("date({column}, '-5 hours')"),
    }
}

/// Refills both summaries from the facts, in the caller's transaction.
pub async fn rebuild(db: &impl ConnectionTrait, window_hours: u32) -> Result<(), ServiceError> {
    db.execute_unprepared("DELETE FROM kpi_daily").await?;
    db.execute_unprepared("DELETE FROM kpi_contact_days")
        .await?;
    let backend = db.get_database_backend();
    let window_micros = i64::from(window_hours) * 3_600 * 1_000_000;
    let retained = "CASE WHEN result = 'RETENIDO' THEN 1 ELSE 0 END";
    // A score in thousandths, rounded half away from zero as
    // `score_milli` rounds it (PostgreSQL's round of a double rounds half
    // to even, so it is spelled out there).
    let milli = match backend {
        DbBackend::Postgres => "CAST(FLOOR(score * 1000.0 + 0.5) AS BIGINT)",
        _ => "CAST(ROUND(score * 1000.0) AS BIGINT)",
    };
    // Each source's counters per cell, the other counters zero.
    type Counted = Vec<(&'static str, String)>;
    let sources: [(String, Counted, &str, &str); 5] = [
        (
            "day, agent_login, tipo_base, segmento".into(),
            vec![
                ("spc", "COUNT(*)".into()),
                (
                    "spc_recontacted",
                    format!(
                        "SUM(CASE WHEN gap_micros IS NOT NULL AND gap_micros <= {window_micros} THEN 1 ELSE 0 END)"
                    ),
                ),
            ],
            "kpi_interactions WHERE spc",
            "day, agent_login, tipo_base, segmento",
        ),
        (
            format!(
                "{} AS d, agent_login, '' AS t, segmento",
                local_day(backend, "closed_at")
            ),
            vec![
                ("retention_requests", "COUNT(*)".into()),
                ("retention_retained", format!("SUM({retained})")),
            ],
            "retention_outcomes",
            "d, agent_login, segmento",
        ),
        (
            "day, agent_login, '' AS t, '' AS s".into(),
            vec![
                (
                    "nps_answers",
                    "SUM(CASE WHEN nps IS NOT NULL THEN 1 ELSE 0 END)".into(),
                ),
                (
                    "nps_promoters",
                    "SUM(CASE WHEN nps >= 9 THEN 1 ELSE 0 END)".into(),
                ),
                (
                    "nps_detractors",
                    "SUM(CASE WHEN nps <= 6 THEN 1 ELSE 0 END)".into(),
                ),
                (
                    "satisfaction_answers",
                    "SUM(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END)".into(),
                ),
                (
                    "satisfaction_satisfied",
                    "SUM(CASE WHEN satisfaction >= 4 THEN 1 ELSE 0 END)".into(),
                ),
            ],
            "kpi_surveys",
            "day, agent_login",
        ),
        (
            "day, agent_login, '' AS t, '' AS s".into(),
            vec![
                ("evaluations", "COUNT(*)".into()),
                ("score_milli", format!("SUM({milli})")),
            ],
            "kpi_monitoring",
            "day, agent_login",
        ),
        (
            "day, agent_login, '' AS t, '' AS s".into(),
            vec![
                (
                    "scheduled",
                    "SUM(CASE WHEN scheduled THEN 1 ELSE 0 END)".into(),
                ),
                (
                    "absent",
                    "SUM(CASE WHEN scheduled AND absent THEN 1 ELSE 0 END)".into(),
                ),
            ],
            "kpi_attendance",
            "day, agent_login",
        ),
    ];
    let parts: Vec<String> = sources
        .iter()
        .map(|(key, counters, from, group)| {
            let columns: Vec<String> = COUNTER_COLUMNS
                .iter()
                .map(|column| {
                    let value = counters
                        .iter()
                        .find(|(name, _)| name == column)
                        .map_or("0", |(_, expression)| expression.as_str());
                    format!("{value} AS {column}")
                })
                .collect();
            format!(
                "SELECT {key}, {} FROM {from} GROUP BY {group}",
                columns.join(", ")
            )
        })
        .collect();
    let sums: Vec<String> = COUNTER_COLUMNS
        .iter()
        .map(|column| format!("SUM({column})"))
        .collect();
    // One row per cell, written once and in the key's order: a month's
    // cells sit together on disk, so reading them touches few pages.
    db.execute_unprepared(&format!(
        "INSERT INTO kpi_daily (day, agent_login, tipo_base, segmento, {}) \
         SELECT day, agent_login, tipo_base, segmento, {} FROM ({}) parts \
         GROUP BY day, agent_login, tipo_base, segmento \
         ORDER BY day, agent_login, tipo_base, segmento",
        COUNTER_COLUMNS.join(", "),
        sums.join(", "),
        parts.join(" UNION ALL ")
    ))
    .await?;
    // All records: no values to bind, one statement does it all.
    let statement = format!(
        "INSERT INTO kpi_contact_days (chain, tipo_base, segmento, day, prev_day, n) {} \
         ORDER BY chain, day, tipo_base, segmento, prev_day",
        chain_cells_sql(backend, None).statement().sql
    );
    db.execute_unprepared(&statement).await?;
    Ok(())
}

/// Recounts the recontacted SPC interactions for a new FCR window.
pub async fn rebuild_fcr(db: &impl ConnectionTrait, window_hours: u32) -> Result<(), ServiceError> {
    let window_micros = i64::from(window_hours) * 3_600 * 1_000_000;
    db.execute_unprepared("UPDATE kpi_daily SET spc_recontacted = 0")
        .await?;
    db.execute_unprepared(&format!(
        "INSERT INTO kpi_daily (day, agent_login, tipo_base, segmento, spc_recontacted) \
         SELECT day, agent_login, tipo_base, segmento, COUNT(*) FROM kpi_interactions \
         WHERE spc AND gap_micros IS NOT NULL AND gap_micros <= {window_micros} \
         GROUP BY day, agent_login, tipo_base, segmento \
         ON CONFLICT (day, agent_login, tipo_base, segmento) \
         DO UPDATE SET spc_recontacted = excluded.spc_recontacted"
    ))
    .await?;
    Ok(())
}

/// Fills the summaries from the facts once per database (on a new
/// database: nothing to count yet).
pub async fn ensure_built(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if app_settings::Entity::find_by_id(BUILT_KEY.to_string())
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let window = super::settings::get(db).await?.fcr_window_hours;
    rebuild(db, window).await?;
    app_settings::Entity::insert(app_settings::ActiveModel {
        key: Set(BUILT_KEY.into()),
        value: Set(format!("\"{}\"", local_date(now))),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(app_settings::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Both tables as rows, zero rows left out: what the tests compare.
pub async fn snapshot(
    db: &impl ConnectionTrait,
) -> Result<(BTreeMap<DayKey, Counters>, BTreeMap<ChainCell, i64>), ServiceError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT day, agent_login, tipo_base, segmento");
    for column in COUNTER_COLUMNS {
        sql.push(", ").push(column);
    }
    sql.push(" FROM kpi_daily");
    let mut daily = BTreeMap::new();
    for row in db.query_all_raw(sql.statement()).await? {
        let values: Vec<i64> = COUNTER_COLUMNS
            .iter()
            .map(|c| row.try_get::<i64>("", c))
            .collect::<Result<_, _>>()?;
        let counters = Counters::from_values(&values);
        if counters.is_zero() {
            continue;
        }
        let key = DayKey {
            day: row.try_get("", "day")?,
            agent_login: row.try_get("", "agent_login")?,
            tipo_base: row.try_get("", "tipo_base")?,
            segmento: row.try_get("", "segmento")?,
        };
        daily.insert(key, counters);
    }
    let mut cells = BTreeMap::new();
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT chain, tipo_base, segmento, day, prev_day, n FROM kpi_contact_days WHERE n <> 0",
        ))
        .await?;
    for row in rows {
        let cell = ChainCell {
            chain: row.try_get("", "chain")?,
            tipo_base: row.try_get("", "tipo_base")?,
            segmento: row.try_get("", "segmento")?,
            day: row.try_get("", "day")?,
            prev_day: row.try_get("", "prev_day")?,
        };
        cells.insert(cell, row.try_get::<i64>("", "n")?);
    }
    Ok((daily, cells))
}

/// The `kpi_daily` key of a retention outcome closed at an instant.
pub fn retention_key(closed_at: DateTime<Utc>, agent_login: &str, segmento: &str) -> DayKey {
    DayKey::new(local_date(closed_at), agent_login, "", segmento)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_counters_follow_the_nps_boundaries() {
        let six = Counters::survey(Some(6), None);
        assert_eq!(
            (six.nps_answers, six.nps_detractors, six.nps_promoters),
            (1, 1, 0)
        );
        let seven = Counters::survey(Some(7), Some(3));
        assert_eq!((seven.nps_detractors, seven.nps_promoters), (0, 0));
        assert_eq!(
            (seven.satisfaction_answers, seven.satisfaction_satisfied),
            (1, 0)
        );
        let nine = Counters::survey(Some(9), Some(4));
        assert_eq!((nine.nps_promoters, nine.satisfaction_satisfied), (1, 1));
        assert!(Counters::survey(None, None).is_zero());
    }

    #[test]
    fn the_window_edge_counts() {
        let week = 7 * 24;
        let exactly = i64::from(week) * 3_600 * 1_000_000;
        assert!(recontacted(Some(exactly), week));
        assert!(!recontacted(Some(exactly + 1), week));
        assert!(!recontacted(None, week));
    }

    #[test]
    fn changes_add_up_and_cancel() {
        let key = DayKey::new(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(), "a", "", "");
        let mut changes = DailyChanges::new();
        changes.add(key.clone(), Counters::spc(false));
        changes.subtract(key.clone(), Counters::spc(false));
        assert!(changes.rows[&key].is_zero());
        assert_eq!(score_milli(87.5), 87_500);
        assert_eq!(Counters::attendance(false, true), Counters::default());
    }
}
