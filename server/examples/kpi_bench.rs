//! Benchmark of the KPI engine at scale (`bash scripts/bench-kpis.sh`).
//!
//! Fills a database with a year of generated KPI facts — `INTERACTIONS`
//! closed interactions with exact recontact links, 1.4 attempts per
//! interaction, retention outcomes for the cancellation calls, surveys,
//! monitoring and attendance for 200 agents in 20 teams — unless it already
//! holds that many, then times the seven indicators for one month as the API
//! computes them (without filters and with a team filter) and, for
//! comparison, plain SQL over the raw rows. Prints one JSON line with
//! p50/p95/p99 in milliseconds.
//!
//! `cargo run --release -p server --example kpi_bench -- DATABASE_URL INTERACTIONS [RUNS [--refill]]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::domain::kpis::{KpiFilters, Period};
use app::domain::local_time::local_date;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, Statement,
};
use server::db::entities::{
    kpi_agents, kpi_attendance, kpi_contacts, kpi_interactions, kpi_monitoring, kpi_surveys,
    retention_outcomes,
};
use server::services::kpis::{engine, settings, summary};
use std::time::Instant;

const AGENTS: usize = 200;
const TEAM_SIZE: usize = 10;
const KINDS: [&str; 5] = [
    "FIDELIZACION",
    "ABANDONOS",
    "DETRACTORES",
    "CANCELACIONES",
    "BROWNFIELD",
];
const TYPIFICATIONS: [&str; 8] = [
    "SAC_RESUELTO",
    "SAC_PENDIENTE",
    "FALLA_PUNTUAL",
    "FALLA_MASIVA",
    "VISITA_TECNICA",
    "PQR",
    "RETENCION",
    "FIDELIZADO",
];
const SERVICES: [&str; 3] = ["INTERNET", "TV", "TELEFONIA"];
/// Rows per INSERT statement and per transaction.
const BATCH: usize = 1_000;
const PER_TRANSACTION: usize = 50;

/// A small deterministic generator (same data every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn agent(i: usize) -> String {
    format!("kb_a{i:03}")
}

fn team(i: usize) -> String {
    format!("kb_s{:02}", i / TEAM_SIZE)
}

fn year_start() -> DateTime<Utc> {
    // 05:00 UTC is midnight in Bogotá: the generated year is a local year.
    Utc.with_ymd_and_hms(2026, 1, 1, 5, 0, 0).unwrap()
}

/// Buffers rows of one table and writes them in multi-row INSERTs.
struct Writer<A: sea_orm::ActiveModelTrait + Send> {
    rows: Vec<A>,
    statements: usize,
    written: u64,
}

impl<A> Writer<A>
where
    A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
{
    fn new() -> Self {
        Writer {
            rows: Vec::with_capacity(BATCH),
            statements: 0,
            written: 0,
        }
    }

    async fn push(&mut self, txn: &impl ConnectionTrait, row: A) {
        self.rows.push(row);
        if self.rows.len() == BATCH {
            self.flush(txn).await;
        }
    }

    async fn flush(&mut self, txn: &impl ConnectionTrait) {
        if self.rows.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.rows);
        self.written += rows.len() as u64;
        <A::Entity as EntityTrait>::insert_many(rows)
            .exec_without_returning(txn)
            .await
            .expect("insert");
        self.statements += 1;
    }
}

/// One generated closed interaction before its recontact link.
struct Call {
    at: DateTime<Utc>,
    agent: usize,
    kind: &'static str,
    typification: &'static str,
    spc: bool,
}

#[derive(Default)]
struct Generated {
    interactions: u64,
    contacts: u64,
    outcomes: u64,
    surveys: u64,
    evaluations: u64,
    attendance: u64,
    seconds: f64,
    rebuild_seconds: f64,
}

async fn generate(db: &DatabaseConnection, target: u64) -> Generated {
    let started = Instant::now();
    let mut rng = Lcg(20_261_202);
    let start = year_start();
    let now = Utc::now();
    roster(db, &mut rng).await;

    let mut interactions = Writer::<kpi_interactions::ActiveModel>::new();
    let mut contacts = Writer::<kpi_contacts::ActiveModel>::new();
    let mut outcomes = Writer::<retention_outcomes::ActiveModel>::new();
    let mut surveys = Writer::<kpi_surveys::ActiveModel>::new();
    let mut evaluations = Writer::<kpi_monitoring::ActiveModel>::new();

    let mut txn = server::db::begin_write(db).await.unwrap();
    let mut made = 0u64;
    let mut account = 0u64;
    while made < target {
        account += 1;
        let cuenta = format!("{}", 70_000_000 + account);
        let segmento = if account.is_multiple_of(3) {
            "MOVIL"
        } else {
            "HOGAR"
        };
        // One to seven calls per account (four on average), over the year.
        let count = (1 + rng.below(7)).min(target - made);
        let mut calls: Vec<Call> = (0..count)
            .map(|_| Call {
                at: start + Duration::seconds(rng.below(365 * 86_400) as i64),
                agent: rng.below(AGENTS as u64) as usize,
                kind: KINDS[rng.below(5) as usize],
                // Few typifications per account, so recontacts happen.
                typification: TYPIFICATIONS[((account + rng.below(2)) % 8) as usize],
                spc: rng.chance(60),
            })
            .collect();
        calls.sort_by_key(|call| call.at);
        for (i, call) in calls.iter().enumerate() {
            let next = calls[i + 1..]
                .iter()
                .find(|later| later.typification == call.typification && later.at > call.at)
                .map(|later| later.at);
            made += 1;
            let key = format!("kb:{made}");
            let day = local_date(call.at);
            let agent_login = agent(call.agent);
            interactions
                .push(
                    &txn,
                    kpi_interactions::ActiveModel {
                        id: NotSet,
                        source_key: Set(key.clone()),
                        at: Set(call.at),
                        day: Set(day),
                        cuenta: Set(cuenta.clone()),
                        agent_login: Set(agent_login.clone()),
                        tipo_base: Set(call.kind.into()),
                        segmento: Set(segmento.into()),
                        typification: Set(call.typification.into()),
                        spc: Set(call.spc),
                        cun: Set(None),
                        next_at: Set(next),
                        gap_micros: Set(next.map(|n| (n - call.at).num_microseconds().unwrap())),
                    },
                )
                .await;
            let attempt =
                |suffix: &str, at: DateTime<Utc>, result: &str| kpi_contacts::ActiveModel {
                    id: NotSet,
                    source_key: Set(format!("{key}:{suffix}")),
                    at: Set(at),
                    day: Set(local_date(at)),
                    cuenta: Set(cuenta.clone()),
                    tipo_base: Set(call.kind.into()),
                    segmento: Set(segmento.into()),
                    agent_login: Set(agent_login.clone()),
                    result: Set(result.into()),
                    contacted: Set(result == "CONTACTADO"),
                };
            if rng.chance(40) {
                let earlier = call.at - Duration::hours(1 + rng.below(30) as i64);
                contacts
                    .push(&txn, attempt("n", earlier, "NO_CONTESTA"))
                    .await;
            }
            contacts
                .push(
                    &txn,
                    attempt("c", call.at - Duration::minutes(2), "CONTACTADO"),
                )
                .await;
            if call.kind == "CANCELACIONES" {
                for service in SERVICES.iter().take(1 + rng.below(2) as usize) {
                    let retained = rng.chance(45);
                    outcomes
                        .push(
                            &txn,
                            retention_outcomes::ActiveModel {
                                id: NotSet,
                                source_key: Set(format!("{key}:{service}")),
                                interaction_id: Set(None),
                                closed_at: Set(call.at),
                                cuenta: Set(cuenta.clone()),
                                agent_id: Set(None),
                                agent_login: Set(agent_login.clone()),
                                segmento: Set(segmento.into()),
                                tipo_base: Set(Some(call.kind.into())),
                                service: Set((*service).into()),
                                result: Set(if retained {
                                    "RETENIDO"
                                } else {
                                    "CANCELACION_RADICADA"
                                }
                                .into()),
                                offer_code: Set(None),
                            },
                        )
                        .await;
                }
            }
            if rng.chance(10) {
                surveys
                    .push(
                        &txn,
                        kpi_surveys::ActiveModel {
                            id: NotSet,
                            source_key: Set(key.clone()),
                            day: Set(day),
                            cuenta: Set(cuenta.clone()),
                            agent_login: Set(agent_login.clone()),
                            nps: Set(rng.chance(90).then(|| rng.below(11) as i16)),
                            satisfaction: Set(rng.chance(90).then(|| 1 + rng.below(5) as i16)),
                            interaction_ref: Set(Some(key.clone())),
                            imported_at: Set(now),
                        },
                    )
                    .await;
            }
            if rng.chance(1) {
                evaluations
                    .push(
                        &txn,
                        kpi_monitoring::ActiveModel {
                            id: NotSet,
                            source_key: Set(key.clone()),
                            day: Set(day),
                            agent_login: Set(agent_login.clone()),
                            score: Set(50.0 + rng.below(51) as f64),
                            evaluator: Set("calidad".into()),
                            interaction_ref: Set(Some(key.clone())),
                            checklist: Set(None),
                            comments: Set(None),
                            created_at: Set(now),
                        },
                    )
                    .await;
            }
        }
        if interactions.statements >= PER_TRANSACTION {
            interactions.flush(&txn).await;
            contacts.flush(&txn).await;
            outcomes.flush(&txn).await;
            surveys.flush(&txn).await;
            evaluations.flush(&txn).await;
            interactions.statements = 0;
            txn.commit().await.unwrap();
            txn = server::db::begin_write(db).await.unwrap();
        }
    }
    interactions.flush(&txn).await;
    contacts.flush(&txn).await;
    outcomes.flush(&txn).await;
    surveys.flush(&txn).await;
    evaluations.flush(&txn).await;

    let mut attendance = Writer::<kpi_attendance::ActiveModel>::new();
    let first_day = local_date(start);
    for offset in 0..365 {
        let day = first_day + Duration::days(offset);
        for i in 0..AGENTS {
            attendance
                .push(
                    &txn,
                    kpi_attendance::ActiveModel {
                        id: NotSet,
                        day: Set(day),
                        agent_login: Set(agent(i)),
                        scheduled: Set((offset + i as i64) % 7 != 0),
                        absent: Set(rng.chance(5)),
                        reason: Set(None),
                    },
                )
                .await;
        }
    }
    attendance.flush(&txn).await;
    txn.commit().await.unwrap();

    for table in [
        "kpi_interactions",
        "kpi_contacts",
        "retention_outcomes",
        "kpi_surveys",
        "kpi_monitoring",
        "kpi_attendance",
        "kpi_agents",
    ] {
        server::db::analyze(db, table).await;
    }
    Generated {
        interactions: interactions.written,
        contacts: contacts.written,
        outcomes: outcomes.written,
        surveys: surveys.written,
        evaluations: evaluations.written,
        attendance: attendance.written,
        seconds: started.elapsed().as_secs_f64(),
        rebuild_seconds: 0.0,
    }
}

/// 200 agents in 20 teams; one in twenty retires during the year.
async fn roster(db: &DatabaseConnection, rng: &mut Lcg) {
    let txn = server::db::begin_write(db).await.unwrap();
    let mut rows = Writer::<kpi_agents::ActiveModel>::new();
    let hired = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    for i in 0..AGENTS {
        let retired = rng.chance(5).then(|| {
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(rng.below(365) as i64)
        });
        rows.push(
            &txn,
            kpi_agents::ActiveModel {
                login: Set(agent(i)),
                name: Set(format!("Asesor {i}")),
                role: Set("asesor".into()),
                supervisor: Set(Some(team(i))),
                hired_on: Set(hired),
                retired_on: Set(retired),
                updated_at: Set(Utc::now()),
            },
        )
        .await;
    }
    rows.flush(&txn).await;
    txn.commit().await.unwrap();
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

fn summary(mut samples: Vec<f64>) -> String {
    samples.sort_by(f64::total_cmp);
    format!(
        "{{\"p50_ms\": {:.2}, \"p95_ms\": {:.2}, \"p99_ms\": {:.2}, \"runs\": {}}}",
        percentile(&samples, 0.50),
        percentile(&samples, 0.95),
        percentile(&samples, 0.99),
        samples.len()
    )
}

async fn time_runs<F, Fut>(runs: usize, mut run: F) -> String
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    // Two warm-up runs: the figures are for a server that has been serving.
    run().await;
    run().await;
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        run().await;
        samples.push(started.elapsed().as_secs_f64() * 1_000.0);
    }
    summary(samples)
}

/// Plain SQL over the raw rows, as an analyst would write it: a month's
/// interactions counted, contactabilidad's distinct records, and FCR with a
/// correlated EXISTS.
fn plain_sql(period: Period) -> [(&'static str, String); 3] {
    let (from, to) = (period.from, period.to);
    [
        (
            "raw_contactabilidad",
            format!(
                "SELECT COUNT(*), SUM(c) FROM (SELECT cuenta, tipo_base, \
                 MAX(CASE WHEN contacted THEN 1 ELSE 0 END) AS c FROM kpi_contacts \
                 WHERE day >= '{from}' AND day <= '{to}' GROUP BY cuenta, tipo_base) records"
            ),
        ),
        (
            "raw_count",
            format!(
                "SELECT COUNT(*), SUM(CASE WHEN spc THEN 1 ELSE 0 END) FROM kpi_interactions \
                 WHERE day >= '{from}' AND day <= '{to}'"
            ),
        ),
        (
            "raw_fcr_exists",
            format!(
                "SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM kpi_interactions l \
                 WHERE l.cuenta = i.cuenta AND l.typification = i.typification AND l.at > i.at \
                 AND l.at <= i.at + INTERVAL_7_DAYS) THEN 1 ELSE 0 END) \
                 FROM kpi_interactions i WHERE i.spc AND i.day >= '{from}' AND i.day <= '{to}'"
            ),
        ),
    ]
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let target: u64 = args.next().expect("INTERACTIONS").parse().unwrap();
    let runs: usize = args.next().map(|s| s.parse().unwrap()).unwrap_or(20);
    // `--refill`: fill the summaries again on an existing data set (to time
    // the fill, or after changing how it lays the rows out).
    let refill = args.next().as_deref() == Some("--refill");
    let db = server::db::connect(&url).await.expect("connect");
    server::db::migrate(&db).await.expect("migrate");

    let existing = kpi_interactions::Entity::find().count(&db).await.unwrap();
    let generated = if existing == 0 || refill {
        let mut generated = if existing == 0 {
            generate(&db, target).await
        } else {
            assert_eq!(existing, target, "the database holds another data set");
            Generated::default()
        };
        // The facts went in behind the write paths' back: fill the
        // summaries from them, as a first start on an existing database does.
        let started = Instant::now();
        let txn = server::db::begin_write(&db).await.unwrap();
        let window = settings::get(&txn).await.unwrap().fcr_window_hours;
        summary::rebuild(&txn, window).await.unwrap();
        txn.commit().await.unwrap();
        generated.rebuild_seconds = started.elapsed().as_secs_f64();
        // A bulk load leaves statistics stale and, on PostgreSQL, the
        // visibility map unset (index-only scans then visit the heap);
        // autovacuum catches up on a live server, the benchmark does not wait.
        for table in [
            "kpi_interactions",
            "kpi_contacts",
            "kpi_daily",
            "kpi_contact_days",
        ] {
            if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
                db.execute_unprepared(&format!("VACUUM (ANALYZE) {table}"))
                    .await
                    .unwrap();
            } else {
                server::db::analyze(&db, table).await;
            }
        }
        eprintln!(
            "generados en {:.0} s (resúmenes en {:.0} s): {} interacciones, {} intentos, {} resultados de retención, {} encuestas, {} monitoreos, {} filas de asistencia",
            generated.seconds,
            generated.rebuild_seconds,
            generated.interactions,
            generated.contacts,
            generated.outcomes,
            generated.surveys,
            generated.evaluations,
            generated.attendance
        );
        Some(generated)
    } else {
        assert_eq!(existing, target, "the database holds another data set");
        None
    };

    let period = Period::new(
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
    )
    .unwrap();
    let kpi_settings = settings::get(&db).await.unwrap();
    let all = KpiFilters::default();
    let one_team = KpiFilters {
        team: Some(team(30)),
        ..KpiFilters::default()
    };
    let report = engine::compute(&db, period, &all, &kpi_settings)
        .await
        .unwrap();
    eprintln!(
        "junio sin filtros: {}",
        serde_json::to_string(&report).unwrap()
    );

    let unfiltered = time_runs(runs, || async {
        engine::compute(&db, period, &all, &kpi_settings)
            .await
            .unwrap();
    })
    .await;
    let team_filtered = time_runs(runs, || async {
        engine::compute(&db, period, &one_team, &kpi_settings)
            .await
            .unwrap();
    })
    .await;

    let backend = db.get_database_backend();
    let seven_days = match backend {
        sea_orm::DatabaseBackend::Postgres => "INTERVAL '7 days'",
        _ => "'+7 days'",
    };
    let mut plain = Vec::new();
    for (name, sql) in plain_sql(period) {
        let sql = match backend {
            sea_orm::DatabaseBackend::Postgres => sql.replace("INTERVAL_7_DAYS", seven_days),
            // SQLite keeps instants as text: shift with datetime().
            _ => sql.replace(
                "l.at <= i.at + INTERVAL_7_DAYS",
                &format!("datetime(l.at) <= datetime(i.at, {seven_days})"),
            ),
        };
        let statement = Statement::from_string(backend, sql);
        // The correlated query is slow by nature: a few runs say enough.
        let figures = time_runs(3.min(runs), || async {
            db.query_one_raw(statement.clone()).await.unwrap();
        })
        .await;
        plain.push(format!("\"{name}\": {figures}"));
    }

    let generated = generated
        .map(|g| {
            format!(
                "{{\"seconds\": {:.0}, \"summaries_rebuild_seconds\": {:.1}, \"contacts\": {}, \"retention_outcomes\": {}, \"surveys\": {}, \"monitoring\": {}, \"attendance\": {}}}",
                g.seconds, g.rebuild_seconds, g.contacts, g.outcomes, g.surveys, g.evaluations, g.attendance
            )
        })
        .unwrap_or_else(|| "null".into());
    println!(
        "{{\"backend\": \"{}\", \"interactions\": {target}, \"period\": \"{}..{}\", \"generated\": {generated}, \"seven_kpis_no_filter\": {unfiltered}, \"seven_kpis_team\": {team_filtered}, {}}}",
        server::db::backend_name(&db),
        period.from,
        period.to,
        plain.join(", ")
    );
}
