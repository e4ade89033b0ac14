//! Benchmark of the base import and the queue (`bash scripts/bench.sh`):
//! imports 100,000 rows into a fresh database, then 50 agents at once ask
//! for the next customer and record an attempt, for a fixed time.
//!
//! `cargo run --release -p server --example queue_bench -- DATABASE_URL [SECONDS]`
//! prints one JSON line: import seconds and rows/s, claims/s, and a check that
//! no record went to two agents.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::api::bases::UpdateBaseRequest;
use app::api::queue::AttemptRequest;
use app::domain::bases::{AttemptResult, BaseKind};
use app::domain::contact_policy::{ContactPolicy, DayWindow};
use chrono::{NaiveTime, Utc};
use server::services::base_imports::{self, ImportProgress, ImportRequest, Importer};
use server::services::users::find_by_login;
use server::services::{bases, demo, queue, sessions};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

const ROWS: usize = 100_000;
const AGENTS: usize = 50;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let seconds: u64 = args.next().map(|s| s.parse().unwrap()).unwrap_or(10);
    let db = server::db::connect(&url).await.expect("connect");
    server::db::migrate(&db).await.expect("migrate");
    demo::seed(&db, demo::DEFAULT_DEMO_PASSWORD)
        .await
        .expect("seed");
    let logins = common::add_agents(&db, "carga", AGENTS).await;

    // 1. Import.
    let mut csv = String::from(
        "cuenta;segmento;nombre;documento;telefonos;ciudad;servicios;plan;antiguedad_meses;valor_mensual;motivo;fecha_evento;ofrecimientos;prioridad\n",
    );
    for i in 0..ROWS {
        csv.push_str(&format!(
            "{};HOGAR;Cliente Número {i};{};{}|{};Bogotá;INTERNET|TV;Doble Play;{};99.900;Abandono;{:02}/11/2026;DESC10|UPGRADE;{}\n",
            70_000_000 + i,
            10_000_000 + i,
            3_000_000_000u64 + i as u64,
            6_010_000_000u64 + i as u64,
            i % 120,
            1 + i % 28,
            i % 4
        ));
    }
    let bytes = csv.into_bytes();
    let started = Instant::now();
    let (_, job) = base_imports::start(
        &db,
        Importer::CommandLine,
        ImportRequest {
            base_name: "Carga".into(),
            kind: BaseKind::Abandonos,
            teams: vec!["supervisor1".into()],
            file_name: "carga.csv".into(),
            valid_from: None,
            valid_to: None,
        },
        bytes,
    )
    .await
    .unwrap();
    let view = base_imports::run(&db, &ImportProgress::default(), job.unwrap())
        .await
        .unwrap();
    let import_seconds = started.elapsed().as_secs_f64();
    assert_eq!(view.rows_inserted as usize, ROWS, "{view:?}");

    // Calls allowed at any hour, so the figure does not depend on the clock.
    let admin = sessions::actor_of(&find_by_login(&db, "admin").await.unwrap()).unwrap();
    let always = ContactPolicy {
        windows: (1..=7)
            .map(|weekday| DayWindow {
                weekday,
                start: NaiveTime::from_hms_opt(0, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(23, 59, 59).unwrap(),
            })
            .collect(),
        skip_holidays: false,
    };
    bases::update(
        &db,
        &admin,
        view.base_id.unwrap(),
        UpdateBaseRequest {
            contact_policy: Some(always),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // 2. Fifty agents: next customer, then "no contesta", as fast as they can.
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let claimed = Arc::new(std::sync::Mutex::new(Vec::<i64>::new()));
    let mut tasks = Vec::new();
    let started = Instant::now();
    for login in &logins {
        let actor = sessions::actor_of(&find_by_login(&db, login).await.unwrap()).unwrap();
        let db = db.clone();
        let claimed = claimed.clone();
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                let next = queue::claim_next(&db, &actor, Utc::now()).await.unwrap();
                let record = next.record.expect("records left");
                n += 1;
                queue::record_attempt(
                    &db,
                    &actor,
                    record.id,
                    AttemptRequest {
                        result: AttemptResult::NoContesta,
                        callback_at: None,
                        notes: None,
                        request_id: format!("{}-{n}", actor.login),
                    },
                    Utc::now(),
                )
                .await
                .unwrap();
                claimed.lock().unwrap().push(record.id);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let claimed = claimed.lock().unwrap();
    let unique: HashSet<_> = claimed.iter().collect();
    println!(
        "{{\"backend\": \"{}\", \"import_rows\": {ROWS}, \"import_seconds\": {:.2}, \"import_rows_per_sec\": {:.0}, \"agents\": {AGENTS}, \"claims\": {}, \"claims_per_sec\": {:.1}, \"same_record_twice\": {}}}",
        server::db::backend_name(&db),
        import_seconds,
        ROWS as f64 / import_seconds,
        claimed.len(),
        claimed.len() as f64 / elapsed,
        claimed.len() - unique.len()
    );
    assert_eq!(claimed.len(), unique.len(), "a record went to two agents");
}
