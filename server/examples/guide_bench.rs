//! Benchmark of the call guide's storage (`bash scripts/bench.sh`): 50 agents,
//! each on a call of their own, autosave their draft (every save a
//! transaction of its own, as in the browser) first at a floor's pace (each
//! agent every half second, faster than the guide's autosave fires while
//! typing), then as fast as they can (saturation), each phase for a fixed
//! time; then all 50 close their call at once (interaction, case and contact
//! attempt in one transaction). Prints one JSON line with save latency
//! percentiles of both phases, saves per second and close latency.
//!
//! `cargo run --release -p server --example guide_bench -- DATABASE_URL [SECONDS]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::api::guide::{InteractionDraft, StartInteraction};
use app::domain::bases::BaseKind;
use chrono::{Duration as Days, Utc};
use server::services::base_imports::{self, ImportProgress, ImportRequest, Importer};
use server::services::users::find_by_login;
use server::services::{customers, demo, interactions, sessions};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const AGENTS: usize = 50;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

/// The answers of a call left for a callback (a case is opened).
fn answers(callback: &str) -> BTreeMap<String, String> {
    [
        ("habla_con_titular", "SI"),
        ("cuenta_validada", "SI"),
        ("estado_servicio", "ACTIVO"),
        ("requerimiento", "SAC"),
        ("solicitud_sac", "Duplicado de factura"),
        ("sac_resuelta", "NO"),
        ("tipificacion", "SAC_PENDIENTE"),
        ("spc", "NO"),
        ("notas", "Llamar para confirmar"),
        ("resolucion_informada", "SI"),
        ("sin_mas_solicitudes", "SI"),
        ("estado_caso", "SOPORTE"),
        ("devolucion", callback),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
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
    let logins = common::add_agents(&db, "guia", AGENTS).await;

    let mut csv = String::from("cuenta;segmento;nombre;telefonos\n");
    for i in 0..AGENTS {
        csv.push_str(&format!(
            "{};HOGAR;Cliente {i};{}\n",
            60_000_000 + i,
            3_100_000_000u64 + i as u64
        ));
    }
    let (_, job) = base_imports::start(
        &db,
        Importer::CommandLine,
        ImportRequest {
            base_name: "Guía".into(),
            kind: BaseKind::Fidelizacion,
            teams: vec!["supervisor1".into()],
            file_name: "guia.csv".into(),
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

    let callback = (Utc::now() + Days::days(3))
        .with_timezone(&app::domain::local_time::bogota())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let paced_until = Instant::now() + Duration::from_secs(seconds);
    let deadline = paced_until + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (n, login) in logins.iter().enumerate() {
        let actor = sessions::actor_of(&find_by_login(&db, login).await.unwrap()).unwrap();
        let db = db.clone();
        let base = base.clone();
        let answers = answers(&callback);
        tasks.push(tokio::spawn(async move {
            let card = customers::open(
                &db,
                &actor,
                &(60_000_000 + n).to_string(),
                &base,
                Utc::now(),
            )
            .await
            .unwrap();
            let key = format!("bench-guia-{n:04}");
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
            let mut paced: Vec<f64> = Vec::new();
            let mut saves: Vec<f64> = Vec::new();
            let mut revision = 0i64;
            let mut given = BTreeMap::new();
            while Instant::now() < deadline {
                revision += 1;
                // The draft grows as the agent answers, then keeps changing.
                let (field, value) = answers
                    .iter()
                    .nth(revision as usize % answers.len())
                    .unwrap();
                given.insert(field.clone(), value.clone());
                let draft = InteractionDraft {
                    revision,
                    current_step: "requerimiento".into(),
                    answers: given.clone(),
                    path: vec!["bienvenida".into(), "requerimiento".into()],
                    step_seconds: BTreeMap::from([("bienvenida".into(), 30)]),
                    hold_seconds: 0,
                };
                let at = Instant::now();
                interactions::save_draft(&db, &actor, &key, draft, Utc::now())
                    .await
                    .unwrap();
                let took = at.elapsed();
                if at < paced_until {
                    paced.push(took.as_secs_f64() * 1000.0);
                    // Each agent saves every half second, as typing on a floor.
                    tokio::time::sleep(Duration::from_millis(500).saturating_sub(took)).await;
                } else {
                    saves.push(took.as_secs_f64() * 1000.0);
                }
            }
            let draft = InteractionDraft {
                revision: revision + 1,
                current_step: "cierre".into(),
                answers,
                path: vec!["bienvenida".into()],
                step_seconds: BTreeMap::new(),
                hold_seconds: 0,
            };
            let at = Instant::now();
            let closed = interactions::close(&db, &actor, &key, draft, Utc::now())
                .await
                .unwrap();
            assert!(closed.case.is_some());
            (paced, saves, at.elapsed().as_secs_f64() * 1000.0)
        }));
    }
    let mut paced: Vec<f64> = Vec::new();
    let mut saves: Vec<f64> = Vec::new();
    let mut closes = Vec::new();
    for task in tasks {
        let (p, s, c) = task.await.unwrap();
        paced.extend(p);
        saves.extend(s);
        closes.push(c);
    }
    paced.sort_by(|a, b| a.total_cmp(b));
    saves.sort_by(|a, b| a.total_cmp(b));
    closes.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{{\"backend\": \"{}\", \"agents\": {AGENTS}, \"paced_saves\": {}, \"paced_saves_per_sec\": {:.1}, \"paced_save_p50_ms\": {:.2}, \"paced_save_p99_ms\": {:.2}, \"saturated_saves\": {}, \"saturated_saves_per_sec\": {:.1}, \"saturated_save_p50_ms\": {:.2}, \"saturated_save_p99_ms\": {:.2}, \"close_50_at_once_p50_ms\": {:.2}, \"close_50_at_once_p99_ms\": {:.2}}}",
        server::db::backend_name(&db),
        paced.len(),
        paced.len() as f64 / seconds as f64,
        percentile(&paced, 0.50),
        percentile(&paced, 0.99),
        saves.len(),
        saves.len() as f64 / seconds as f64,
        percentile(&saves, 0.50),
        percentile(&saves, 0.99),
        percentile(&closes, 0.50),
        percentile(&closes, 0.99),
    );
}
