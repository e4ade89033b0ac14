//! Benchmark of the visit agenda under contention (`bash scripts/bench.sh`):
//! 50 agents, each on a call of their own with a customer in one zone,
//! book and re-book as fast as they can between two slots of 30 places each
//! (every booking moves the call's visit: a transaction that locks the call,
//! takes a place in one slot and frees one in the other), for a fixed time;
//! then a third slot of 25 places opens and all 50 try to book it at once.
//! Prints one JSON line: bookings per second, latency percentiles, how many
//! were refused because the slot was full, the sell-out's wall time, and
//! whether any slot ever held more visits than its capacity (it must not).
//!
//! `cargo run --release -p server --example booking_bench -- DATABASE_URL [SECONDS]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::api::field_ops::{BookVisit, SlotBatch};
use app::api::guide::StartInteraction;
use app::domain::bases::BaseKind;
use app::domain::field_ops::{Franja, VisitKind};
use app::domain::local_time::local_date;
use chrono::{Duration as Days, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::{visit_slots, visits};
use server::services::base_imports::{self, ImportProgress, ImportRequest, Importer};
use server::services::field_ops::{agenda, visits as visit_service};
use server::services::users::find_by_login;
use server::services::{ServiceError, customers, demo, interactions, sessions};
use std::time::{Duration, Instant};

const AGENTS: usize = 50;
const HOT_CAPACITY: i32 = 30;
const SELL_OUT_CAPACITY: i32 = 25;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

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
    let logins = common::add_agents(&db, "agenda", AGENTS).await;
    let admin = sessions::actor_of(&find_by_login(&db, "admin").await.unwrap()).unwrap();

    let mut csv = String::from("cuenta;segmento;nombre;telefonos;ciudad\n");
    for i in 0..AGENTS {
        csv.push_str(&format!(
            "{};HOGAR;Cliente {i};{};Cali\n",
            70_000_000 + i,
            3_200_000_000u64 + i as u64
        ));
    }
    let (_, job) = base_imports::start(
        &db,
        Importer::CommandLine,
        ImportRequest {
            base_name: "Agenda".into(),
            kind: BaseKind::Abandonos,
            teams: vec!["supervisor1".into()],
            file_name: "agenda.csv".into(),
            valid_from: None,
            valid_to: None,
        },
        csv.into_bytes(),
    )
    .await
    .unwrap();
    let view = base_imports::run(&db, &ImportProgress::default(), job.unwrap())
        .await
        .unwrap();
    let base = view.base_id.unwrap().to_string();

    // Two hot slots tomorrow (AM, PM) and a third the day after (AM).
    let tomorrow = local_date(Utc::now()) + Days::days(1);
    for (day, capacity) in [
        (tomorrow, HOT_CAPACITY),
        (tomorrow + Days::days(1), SELL_OUT_CAPACITY),
    ] {
        agenda::open(
            &db,
            &admin,
            SlotBatch {
                zone: "Cali".into(),
                from: day,
                to: day,
                franjas: if day == tomorrow {
                    vec![Franja::Am, Franja::Pm]
                } else {
                    vec![Franja::Am]
                },
                capacity,
                skip_holidays: false,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    }
    let slots = agenda::of_zone(&db, "Cali", tomorrow, 2).await.unwrap();
    let hot: Vec<i64> = slots
        .iter()
        .filter(|s| s.date == tomorrow)
        .map(|s| s.id)
        .collect();
    let sell_out = slots.iter().find(|s| s.date != tomorrow).unwrap().id;

    let mut calls = Vec::new();
    for (n, login) in logins.iter().enumerate() {
        let actor = sessions::actor_of(&find_by_login(&db, login).await.unwrap()).unwrap();
        let card = customers::open(
            &db,
            &actor,
            &(70_000_000 + n).to_string(),
            &base,
            Utc::now(),
        )
        .await
        .unwrap();
        let key = format!("bench-agenda-{n:04}");
        interactions::start(
            &db,
            &actor,
            StartInteraction {
                record_id: card.record.id,
                key: key.clone(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
        calls.push((actor, key));
    }

    let request = |key: &str, slot: i64| BookVisit {
        interaction_key: key.to_string(),
        slot_id: slot,
        kind: VisitKind::Lls,
        motivo: "Sin señal".into(),
    };
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (n, (actor, key)) in calls.iter().cloned().enumerate() {
        let db = db.clone();
        let hot = hot.clone();
        tasks.push(tokio::spawn(async move {
            let (mut took, mut full) = (Vec::new(), 0u32);
            let mut turn = n;
            while Instant::now() < deadline {
                let at = Instant::now();
                let result =
                    visit_service::book(&db, &actor, request(&key, hot[turn % 2]), Utc::now())
                        .await;
                match result {
                    Ok(_) => took.push(at.elapsed().as_secs_f64() * 1000.0),
                    Err(ServiceError::Conflict(_)) => full += 1,
                    Err(other) => panic!("booking failed: {other:?}"),
                }
                turn += 1;
            }
            (took, full)
        }));
    }
    let mut took = Vec::new();
    let mut full = 0;
    for task in tasks {
        let (t, f) = task.await.unwrap();
        took.extend(t);
        full += f;
    }
    took.sort_by(|a, b| a.total_cmp(b));

    // Every place taken is a standing visit, and no slot exceeds its capacity.
    let check = |db: sea_orm::DatabaseConnection| async move {
        let rows = visit_slots::Entity::find().all(&db).await.unwrap();
        let mut consistent = true;
        for slot in &rows {
            let standing = visits::Entity::find()
                .filter(visits::Column::SlotId.eq(slot.id))
                .filter(visits::Column::Status.eq("AGENDADA"))
                .all(&db)
                .await
                .unwrap()
                .len() as i32;
            consistent &= standing == slot.booked && slot.booked <= slot.capacity;
        }
        consistent
    };
    let consistent_after_contention = check(db.clone()).await;

    // The sell-out: 50 at once for 25 places.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (actor, key) in calls {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            visit_service::book(&db, &actor, request(&key, sell_out), Utc::now())
                .await
                .is_ok()
        }));
    }
    let mut won = 0;
    for task in tasks {
        if task.await.unwrap() {
            won += 1;
        }
    }
    let sell_out_ms = started.elapsed().as_secs_f64() * 1000.0;
    let consistent = consistent_after_contention && check(db.clone()).await;
    assert!(consistent, "a slot holds more visits than its capacity");
    assert_eq!(won, SELL_OUT_CAPACITY, "the sell-out booked {won} places");
    println!(
        "{{\"backend\": \"{}\", \"agents\": {AGENTS}, \"seconds\": {seconds}, \"bookings\": {}, \"bookings_per_sec\": {:.1}, \"booking_p50_ms\": {:.2}, \"booking_p99_ms\": {:.2}, \"refused_full\": {full}, \"sell_out_capacity\": {SELL_OUT_CAPACITY}, \"sell_out_booked\": {won}, \"sell_out_wall_ms\": {:.1}, \"never_overbooked\": {consistent}}}",
        server::db::backend_name(&db),
        took.len(),
        took.len() as f64 / seconds as f64,
        percentile(&took, 0.50),
        percentile(&took, 0.99),
        sell_out_ms,
    );
}
