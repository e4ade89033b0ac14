//! The agent's queue: hand-out order, leases, retries, contact policy,
//! exclusions, concurrency, the customer card and the access log.

use crate::bases::HEADER;
use crate::common::{Session, TestApp, build, call_router};
use crate::on_both_databases;
use app::domain::local_time::bogota;
use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use server::services::queue::claim_next;
use std::collections::HashSet;

on_both_databases!(
    an_agent_holds_one_record_and_gets_it_again_until_done,
    callbacks_come_first_then_priority_then_the_oldest,
    unanswered_records_come_back_after_their_delay_and_close_at_the_limit,
    a_callback_returns_to_the_agent_who_promised_it,
    the_contact_policy_decides_when_a_base_is_called,
    paused_and_out_of_date_bases_are_not_handed_out,
    excluded_numbers_are_never_called,
    an_abandoned_lease_expires_and_the_record_moves_on,
    fifty_agents_at_once_never_get_the_same_record,
    a_resent_attempt_is_recorded_once,
    the_card_masks_personal_data_and_every_read_is_logged,
    the_screen_pop_opens_a_customer_for_the_agent,
    agents_choose_available_or_a_pause_with_a_reason,
);

/// A policy that allows calls at any time, so tests do not depend on the
/// hour they run at.
fn always() -> Value {
    let windows: Vec<Value> = (1..=7)
        .map(|d| json!({"weekday": d, "start": "00:00:00", "end": "23:59:59"}))
        .collect();
    json!({"windows": windows, "skip_holidays": false})
}

/// Imports a base for supervisor1's team (asesor1, asesor2) that may be
/// called at any time; answers its id.
pub(crate) async fn team1_base(app: &TestApp, name: &str, rows: &str) -> i64 {
    team1_base_of_kind(app, name, "ABANDONOS", rows).await
}

/// A base of the given kind for supervisor1's team, always callable.
pub(crate) async fn team1_base_of_kind(app: &TestApp, name: &str, kind: &str, rows: &str) -> i64 {
    let admin = app.login_as("admin").await;
    let file = format!("{HEADER}\n{rows}");
    let view = app
        .import_base(
            &admin,
            &format!(
                "nombre={}&tipo_base={kind}&equipos=supervisor1",
                name.replace(' ', "+")
            ),
            file.into_bytes(),
        )
        .await;
    assert_eq!(view["status"], "COMPLETADA", "{view}");
    let id = view["base_id"].as_i64().unwrap();
    let reply = app
        .send(
            Method::PATCH,
            &format!("/api/v1/bases/{id}"),
            Some(json!({"contact_policy": always()})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    id
}

/// A row of a base file.
pub(crate) fn row(cuenta: u32, prioridad: i32, fecha: &str) -> String {
    format!(
        "{cuenta},HOGAR,Cliente {cuenta},5211{cuenta:04},310555{cuenta:04},Cali,INTERNET,Plan,12,99.900,Se cayó la llamada,,{fecha},DESC10,{prioridad}\n"
    )
}

async fn next(app: &TestApp, session: &Session) -> Value {
    let reply = app
        .send(Method::POST, "/api/v1/queue/next", None, Some(session))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

fn cuenta_of(next: &Value) -> String {
    next["record"]["cuenta"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn attempt(
    app: &TestApp,
    session: &Session,
    record: i64,
    body: Value,
) -> crate::common::Reply {
    app.send(
        Method::POST,
        &format!("/api/v1/records/{record}/attempts"),
        Some(body),
        Some(session),
    )
    .await
}

fn request_id() -> String {
    server::services::sessions::random_token()
}

async fn an_agent_holds_one_record_and_gets_it_again_until_done(app: TestApp) {
    team1_base(
        &app,
        "Base Cola",
        &(row(1, 0, "2026-11-01") + &row(2, 0, "2026-11-02")),
    )
    .await;
    let agent = app.login_as("asesor1").await;
    let first = next(&app, &agent).await;
    assert_eq!(cuenta_of(&first), "1");
    assert!(first["lease_expires_at"].is_string());
    // Asking again (a double click, a reload) gives the same record.
    assert_eq!(cuenta_of(&next(&app, &agent).await), "1");
    // Someone else gets the other one; then nothing is left.
    let other = app.login_as("asesor2").await;
    assert_eq!(cuenta_of(&next(&app, &other).await), "2");
    let third = app.session_for("asesor2").await;
    let nothing = app
        .send(Method::POST, "/api/v1/queue/next", None, Some(&third))
        .await
        .json();
    assert_eq!(cuenta_of(&nothing), "2", "asesor2 still holds 2");
    let id = first["record"]["id"].as_i64().unwrap();
    let done = attempt(
        &app,
        &agent,
        id,
        json!({"result": "CONTACTADO", "request_id": request_id()}),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["status"], "CONTACTADO");
    let empty = next(&app, &agent).await;
    assert!(empty["record"].is_null());
    assert!(
        empty["message"]
            .as_str()
            .unwrap()
            .contains("No hay clientes por llamar")
    );
    // Another team's agent never sees this base.
    let outsider = app.login_as("asesor3").await;
    assert!(next(&app, &outsider).await["record"].is_null());
}

async fn callbacks_come_first_then_priority_then_the_oldest(app: TestApp) {
    let rows = row(10, 0, "2026-10-01")
        + &row(11, 5, "2026-11-20")
        + &row(12, 5, "2026-11-01")
        + &row(13, 0, "");
    team1_base(&app, "Base Orden", &rows).await;
    let agent = app.login_as("asesor1").await;
    let mut order = Vec::new();
    for _ in 0..4 {
        let given = next(&app, &agent).await;
        order.push(cuenta_of(&given));
        let id = given["record"]["id"].as_i64().unwrap();
        attempt(
            &app,
            &agent,
            id,
            json!({"result": "CONTACTADO", "request_id": request_id()}),
        )
        .await;
    }
    // Priority 5 first (older event first), then priority 0 by age; no date last.
    assert_eq!(order, ["12", "11", "10", "13"]);

    // A callback that falls due jumps the queue.
    team1_base(
        &app,
        "Base Orden Dos",
        &(row(20, 9, "2026-11-01") + &row(21, 9, "2026-11-02")),
    )
    .await;
    let given = next(&app, &agent).await;
    assert_eq!(cuenta_of(&given), "20");
    let id = given["record"]["id"].as_i64().unwrap();
    let later = Utc::now() + Duration::minutes(30);
    let reply = attempt(
        &app,
        &agent,
        id,
        json!({"result": "VOLVER_A_LLAMAR", "callback_at": later, "request_id": request_id()}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    app.execute(
        "UPDATE base_records SET callback_at = $1, next_attempt_at = $1 WHERE cuenta = '20'",
        vec![(Utc::now() - Duration::minutes(1)).into()],
    )
    .await;
    let callback = next(&app, &agent).await;
    assert_eq!(cuenta_of(&callback), "20");
    assert_eq!(callback["is_callback"], true);
}

async fn unanswered_records_come_back_after_their_delay_and_close_at_the_limit(app: TestApp) {
    let base = team1_base(&app, "Base Reintentos", &row(30, 0, "2026-11-01")).await;
    let admin = app.login_as("admin").await;
    app.send(
        Method::PATCH,
        &format!("/api/v1/bases/{base}"),
        Some(json!({"retry_rules": {"retry_minutes": {"NO_CONTESTA": 45}, "max_attempts": 2}})),
        Some(&admin),
    )
    .await;
    let agent = app.login_as("asesor1").await;
    let given = next(&app, &agent).await;
    let id = given["record"]["id"].as_i64().unwrap();
    let after = attempt(
        &app,
        &agent,
        id,
        json!({"result": "NO_CONTESTA", "request_id": request_id()}),
    )
    .await
    .json();
    assert_eq!(after["status"], "EN_GESTION");
    assert_eq!(after["attempts"], 1);
    let back_at: DateTime<Utc> = serde_json::from_value(after["next_attempt_at"].clone()).unwrap();
    let delay = back_at - Utc::now();
    assert!(
        delay > Duration::minutes(44) && delay <= Duration::minutes(45),
        "{delay}"
    );
    // Not before its time…
    assert!(next(&app, &agent).await["record"].is_null());
    // …but when it comes.
    app.execute(
        "UPDATE base_records SET next_attempt_at = $1",
        vec![(Utc::now() - Duration::seconds(1)).into()],
    )
    .await;
    let again = next(&app, &agent).await;
    assert_eq!(cuenta_of(&again), "30");
    let closed = attempt(
        &app,
        &agent,
        id,
        json!({"result": "OCUPADO", "request_id": request_id()}),
    )
    .await
    .json();
    assert_eq!(
        closed["status"], "CERRADO",
        "the second attempt is the last one"
    );
    assert_eq!(app.count("record_attempts", "1 = 1").await, 2);
    // A callback without a date is refused and changes nothing.
    app.execute(
        "UPDATE base_records SET status = 'EN_GESTION', next_attempt_at = NULL",
        vec![],
    )
    .await;
    let held = next(&app, &agent).await;
    let bad = attempt(
        &app,
        &agent,
        held["record"]["id"].as_i64().unwrap(),
        json!({"result": "VOLVER_A_LLAMAR", "request_id": request_id()}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.error_message()
            .contains("fecha y hora para volver a llamar"),
        "{}",
        bad.text()
    );
    assert_eq!(app.count("record_attempts", "1 = 1").await, 2);
}

async fn a_callback_returns_to_the_agent_who_promised_it(app: TestApp) {
    team1_base(&app, "Base Devoluciones", &row(40, 0, "2026-11-01")).await;
    let promised = app.login_as("asesor1").await;
    let given = next(&app, &promised).await;
    let id = given["record"]["id"].as_i64().unwrap();
    let at = Utc::now() + Duration::hours(2);
    attempt(
        &app,
        &promised,
        id,
        json!({"result": "VOLVER_A_LLAMAR", "callback_at": at, "request_id": request_id()}),
    )
    .await;
    let mine = app
        .get("/api/v1/queue/callbacks", Some(&promised))
        .await
        .json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    app.execute(
        "UPDATE base_records SET callback_at = $1, next_attempt_at = $1",
        vec![(Utc::now() - Duration::minutes(1)).into()],
    )
    .await;
    // Another agent of the same team does not get it…
    let other = app.login_as("asesor2").await;
    assert!(next(&app, &other).await["record"].is_null());
    // …the one who promised does.
    assert_eq!(cuenta_of(&next(&app, &promised).await), "40");
}

/// An instant in Bogotá.
fn bogota_at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    bogota()
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

async fn the_contact_policy_decides_when_a_base_is_called(app: TestApp) {
    let base = team1_base(&app, "Base Horario", &row(50, 0, "2026-11-01")).await;
    let admin = app.login_as("admin").await;
    // Back to the default policy: Mon–Fri 07–19, Sat 08–15, no holidays.
    let default =
        serde_json::to_value(app::domain::contact_policy::ContactPolicy::default()).unwrap();
    app.send(
        Method::PATCH,
        &format!("/api/v1/bases/{base}"),
        Some(json!({"contact_policy": default})),
        Some(&admin),
    )
    .await;
    let agent = app.actor("asesor1").await;

    // Tuesday 24 Nov 2026, 06:30 — too early; the message names the window.
    let early = claim_next(
        &app.db,
        &agent,
        bogota_at(2026, 11, 24, 6) + Duration::minutes(30),
    )
    .await
    .unwrap();
    assert!(early.record.is_none());
    assert!(
        early
            .message
            .as_deref()
            .unwrap()
            .contains("24/11/2026 07:00"),
        "{:?}",
        early.message
    );
    // Sunday.
    assert!(
        claim_next(&app.db, &agent, bogota_at(2026, 11, 29, 10))
            .await
            .unwrap()
            .record
            .is_none()
    );
    // Monday 16 Nov 2026 is a holiday (Independencia de Cartagena).
    assert!(
        claim_next(&app.db, &agent, bogota_at(2026, 11, 16, 10))
            .await
            .unwrap()
            .record
            .is_none()
    );
    // Saturday at 16:00: closed; at 09:00: open.
    assert!(
        claim_next(&app.db, &agent, bogota_at(2026, 11, 28, 16))
            .await
            .unwrap()
            .record
            .is_none()
    );
    let saturday = claim_next(&app.db, &agent, bogota_at(2026, 11, 28, 9))
        .await
        .unwrap();
    assert_eq!(saturday.record.unwrap().cuenta, "50");
}

async fn paused_and_out_of_date_bases_are_not_handed_out(app: TestApp) {
    let base = team1_base(&app, "Base Pausada", &row(60, 0, "2026-11-01")).await;
    let supervisor = app.login_as("supervisor1").await;
    let paused = app
        .send(
            Method::PATCH,
            &format!("/api/v1/bases/{base}"),
            Some(json!({"status": "PAUSADA"})),
            Some(&supervisor),
        )
        .await;
    assert_eq!(paused.status, StatusCode::OK);
    let agent = app.login_as("asesor1").await;
    let none = next(&app, &agent).await;
    assert!(none["record"].is_null());
    assert!(
        none["message"]
            .as_str()
            .unwrap()
            .contains("no tiene bases activas")
    );
    app.send(
        Method::PATCH,
        &format!("/api/v1/bases/{base}"),
        Some(json!({"status": "ACTIVA", "valid_from": "2020-01-01", "valid_to": "2020-12-31"})),
        Some(&supervisor),
    )
    .await;
    assert!(
        next(&app, &agent).await["record"].is_null(),
        "validity ended in 2020"
    );
    app.send(
        Method::PATCH,
        &format!("/api/v1/bases/{base}"),
        Some(json!({"valid_to": "2099-12-31"})),
        Some(&supervisor),
    )
    .await;
    assert_eq!(cuenta_of(&next(&app, &agent).await), "60");
}

async fn excluded_numbers_are_never_called(app: TestApp) {
    // Record 70 has one phone; 71 has two.
    let rows = "70,HOGAR,Ana,,3105550070,,,,,,,,2026-11-01,,9\n71,HOGAR,Luis,,3105550071|6015550071,,,,,,,,2026-11-02,,0\n";
    team1_base(&app, "Base Exclusiones", rows).await;
    let admin = app.login_as("admin").await;
    for phone in ["310 555 0070", "3105550071"] {
        let reply = app
            .send(
                Method::POST,
                "/api/v1/excluded-numbers",
                Some(json!({"phone": phone, "reason": "Solicitud del titular"})),
                Some(&admin),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    }
    let bad = app
        .send(
            Method::POST,
            "/api/v1/excluded-numbers",
            Some(json!({"phone": "12", "reason": "x"})),
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let agent = app.login_as("asesor1").await;
    // 70 (all phones excluded) is skipped despite its priority; 71 still has a number.
    let given = next(&app, &agent).await;
    assert_eq!(cuenta_of(&given), "71");
    let card = app
        .get(
            &format!("/api/v1/records/{}/card", given["record"]["id"]),
            Some(&agent),
        )
        .await
        .json();
    let phones = card["phones"].as_array().unwrap();
    assert_eq!(phones[0]["excluded"], true);
    assert_eq!(phones[1]["excluded"], false);
    assert_eq!(
        app.count("base_records", "cuenta = '70' AND status = 'CERRADO'")
            .await,
        1
    );
    let listed = app
        .get("/api/v1/excluded-numbers", Some(&admin))
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let removed = app
        .send(
            Method::DELETE,
            "/api/v1/excluded-numbers/3105550071",
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
}

async fn an_abandoned_lease_expires_and_the_record_moves_on(app: TestApp) {
    team1_base(&app, "Base Abandonada", &row(80, 0, "2026-11-01")).await;
    let first = app.login_as("asesor1").await;
    let given = next(&app, &first).await;
    let id = given["record"]["id"].as_i64().unwrap();
    let second = app.login_as("asesor2").await;
    assert!(next(&app, &second).await["record"].is_null());
    // asesor1 walked away: the lease runs out.
    app.execute(
        "UPDATE base_records SET lease_expires_at = $1",
        vec![(Utc::now() - Duration::seconds(1)).into()],
    )
    .await;
    assert_eq!(cuenta_of(&next(&app, &second).await), "80");
    // asesor1 can no longer record on it, nor keep it.
    let late = attempt(
        &app,
        &first,
        id,
        json!({"result": "CONTACTADO", "request_id": request_id()}),
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        late.error_message()
            .contains("Ya no tiene este cliente reservado")
    );
    let keep = app
        .send(
            Method::POST,
            &format!("/api/v1/records/{id}/keepalive"),
            None,
            Some(&first),
        )
        .await;
    assert_eq!(keep.status, StatusCode::CONFLICT);
    let kept = app
        .send(
            Method::POST,
            &format!("/api/v1/records/{id}/keepalive"),
            None,
            Some(&second),
        )
        .await;
    assert_eq!(kept.status, StatusCode::OK);
    // Releasing gives it back to the queue at once.
    let released = app
        .send(
            Method::POST,
            &format!("/api/v1/records/{id}/release"),
            None,
            Some(&second),
        )
        .await;
    assert_eq!(released.status, StatusCode::NO_CONTENT);
    assert_eq!(cuenta_of(&next(&app, &first).await), "80");
}

async fn fifty_agents_at_once_never_get_the_same_record(app: TestApp) {
    let mut rows = String::new();
    for cuenta in 1000..1200 {
        rows.push_str(&row(cuenta, (cuenta % 3) as i32, "2026-11-01"));
    }
    team1_base(&app, "Base Concurrencia", &rows).await;
    let mut sessions = Vec::new();
    for n in 0..50 {
        let login = format!("agente{n:02}");
        app.add_agent(&login, "supervisor1").await;
        sessions.push(app.session_for(&login).await);
    }
    let mut claims = tokio::task::JoinSet::new();
    for session in &sessions {
        let router = app.router();
        let request = build(
            Method::POST,
            "/api/v1/queue/next",
            None,
            Some(session),
            Some(&session.csrf),
        );
        claims.spawn(async move { call_router(&router, request).await });
    }
    let replies = claims.join_all().await;
    let mut handed = HashSet::new();
    for reply in replies {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        let record = reply.json()["record"]["id"]
            .as_i64()
            .expect("every agent gets a record");
        assert!(handed.insert(record), "record {record} handed out twice");
    }
    assert_eq!(handed.len(), 50);
    assert_eq!(
        app.count("base_records", "lease_agent_id IS NOT NULL")
            .await,
        50
    );
}

async fn a_resent_attempt_is_recorded_once(app: TestApp) {
    team1_base(&app, "Base Reenvio", &row(90, 0, "2026-11-01")).await;
    let agent = app.login_as("asesor1").await;
    let id = next(&app, &agent).await["record"]["id"].as_i64().unwrap();
    let body = json!({"result": "NO_CONTESTA", "request_id": "intento-90-a", "notes": "Timbró sin respuesta"});
    let first = attempt(&app, &agent, id, body.clone()).await;
    assert_eq!(first.status, StatusCode::OK);
    let again = attempt(&app, &agent, id, body).await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "the retry answers like the first"
    );
    assert_eq!(again.json()["attempts"], 1);
    assert_eq!(app.count("record_attempts", "1 = 1").await, 1);
}

async fn the_card_masks_personal_data_and_every_read_is_logged(app: TestApp) {
    team1_base(&app, "Base Ficha", &row(95, 0, "2026-11-01")).await;
    let agent = app.login_as("asesor1").await;
    let id = next(&app, &agent).await["record"]["id"].as_i64().unwrap();
    let card = app
        .get(&format!("/api/v1/records/{id}/card"), Some(&agent))
        .await;
    assert_eq!(card.status, StatusCode::OK, "{}", card.text());
    let card = card.json();
    assert_eq!(card["documento"], "****0095");
    assert_eq!(card["phones"][0]["number"], "******0095");
    assert_eq!(card["ofrecimientos"], json!(["DESC10"]));
    assert_eq!(card["motivo"], "Se cayó la llamada");
    assert_eq!(card["record"]["base_kind"], "ABANDONOS");
    assert_eq!(card["held_by_me"], true);
    assert!(
        !card.to_string().contains("3105550095"),
        "no full number in the card"
    );
    let revealed = app
        .send(
            Method::POST,
            &format!("/api/v1/records/{id}/reveal"),
            Some(json!("telefonos")),
            Some(&agent),
        )
        .await;
    assert_eq!(revealed.json()["values"], json!(["3105550095"]));
    assert_eq!(
        app.count(
            "personal_data_access",
            &format!("cuenta = '95' AND user_id = {}", agent.user_id)
        )
        .await,
        2
    );
    assert_eq!(
        app.count("personal_data_access", "what = 'telefonos'")
            .await,
        1
    );

    // Another agent, another team's supervisor, back office: refused.
    for login in ["asesor2", "supervisor2", "backoffice"] {
        let session = app.login_as(login).await;
        let refused = app
            .get(&format!("/api/v1/records/{id}/card"), Some(&session))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{login}");
    }
    // The team's supervisor reads it (and that read is logged too).
    let supervisor = app.login_as("supervisor1").await;
    assert_eq!(
        app.get(&format!("/api/v1/records/{id}/card"), Some(&supervisor))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.count(
            "personal_data_access",
            &format!("user_id = {}", supervisor.user_id)
        )
        .await,
        1
    );
}

async fn the_screen_pop_opens_a_customer_for_the_agent(app: TestApp) {
    let base = team1_base(
        &app,
        "Base Marcador",
        &(row(100, 0, "2026-11-01") + &row(101, 0, "2026-11-01")),
    )
    .await;
    let agent = app.login_as("asesor1").await;
    let opened = app
        .send(
            Method::POST,
            &format!("/api/v1/records/open?cuenta=100&base={base}"),
            None,
            Some(&agent),
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.text());
    assert_eq!(opened.json()["held_by_me"], true);
    // By name works too.
    let by_name = app
        .send(
            Method::POST,
            "/api/v1/records/open?cuenta=100&base=Base+Marcador",
            None,
            Some(&agent),
        )
        .await;
    assert_eq!(by_name.status, StatusCode::OK);
    // Another agent of the team cannot take it while asesor1 holds it.
    let other = app.login_as("asesor2").await;
    let busy = app
        .send(
            Method::POST,
            &format!("/api/v1/records/open?cuenta=100&base={base}"),
            None,
            Some(&other),
        )
        .await;
    assert_eq!(busy.status, StatusCode::CONFLICT);
    // An agent of another team may not open it at all.
    let outsider = app.login_as("asesor3").await;
    let refused = app
        .send(
            Method::POST,
            &format!("/api/v1/records/open?cuenta=101&base={base}"),
            None,
            Some(&outsider),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let missing = app
        .send(
            Method::POST,
            &format!("/api/v1/records/open?cuenta=999&base={base}"),
            None,
            Some(&agent),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing
            .error_message()
            .contains("La cuenta 999 no está en la base")
    );
    // Opening another customer gives the first one back.
    app.send(
        Method::POST,
        &format!("/api/v1/records/open?cuenta=101&base={base}"),
        None,
        Some(&agent),
    )
    .await;
    assert_eq!(
        app.count(
            "base_records",
            &format!("cuenta = '100' AND lease_agent_id = {}", agent.user_id)
        )
        .await,
        0
    );
}

async fn agents_choose_available_or_a_pause_with_a_reason(app: TestApp) {
    team1_base(&app, "Base Estados", &row(110, 0, "2026-11-01")).await;
    let agent = app.login_as("asesor1").await;
    assert_eq!(
        app.get("/api/v1/me/state", Some(&agent)).await.json()["state"],
        "DISPONIBLE"
    );
    let id = next(&app, &agent).await["record"]["id"].as_i64().unwrap();
    assert_eq!(
        app.get("/api/v1/me/state", Some(&agent)).await.json()["state"],
        "EN_LLAMADA"
    );
    attempt(
        &app,
        &agent,
        id,
        json!({"result": "CONTACTADO", "request_id": request_id()}),
    )
    .await;
    assert_eq!(
        app.get("/api/v1/me/state", Some(&agent)).await.json()["state"],
        "DISPONIBLE"
    );
    let paused = app
        .send(
            Method::PUT,
            "/api/v1/me/state",
            Some(json!({"state": "EN_PAUSA", "reason": "almuerzo"})),
            Some(&agent),
        )
        .await;
    assert_eq!(paused.status, StatusCode::OK);
    assert_eq!(paused.json()["reason"], "Almuerzo");
    let bad = app
        .send(
            Method::PUT,
            "/api/v1/me/state",
            Some(json!({"state": "EN_PAUSA", "reason": "siesta"})),
            Some(&agent),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.error_message().contains("Elija un motivo de pausa"));
    let call = app
        .send(
            Method::PUT,
            "/api/v1/me/state",
            Some(json!({"state": "EN_LLAMADA"})),
            Some(&agent),
        )
        .await;
    assert_eq!(call.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Logging out disconnects.
    app.send(Method::POST, "/api/v1/auth/logout", None, Some(&agent))
        .await;
    assert_eq!(
        app.count(
            "agent_states",
            &format!("user_id = {} AND state = 'DESCONECTADO'", agent.user_id)
        )
        .await,
        1
    );
}
