//! The dialer's webhook and the live alert it raises in the agent's tab.

use crate::common::{DIALER_SECRET, Reply, TestApp, open_events};
use crate::on_both_databases;
use crate::queue::{row, team1_base};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};
use server::settings::Settings;
use std::time::Duration;

on_both_databases!(
    the_dialer_needs_its_secret,
    an_answered_call_puts_the_customer_in_front_of_the_agent_once,
    the_dialer_cannot_route_a_customer_to_the_wrong_agent,
    attempt_results_from_the_dialer_are_recorded_once,
    an_answered_call_reaches_the_agents_open_tab_and_only_theirs,
    the_alert_reaches_a_tab_served_by_another_instance,
    a_reconnecting_tab_gets_the_alert_it_missed,
    a_tab_opening_just_after_the_call_still_gets_it,
);

async fn post_event(app: &TestApp, secret: Option<&str>, event: Value) -> Reply {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/dialer/events")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(secret) = secret {
        request = request.header("x-faro-dialer-secret", secret);
    }
    app.call(request.body(Body::from(event.to_string())).unwrap())
        .await
}

fn answered(event_id: &str, agent: &str, record: i64) -> Value {
    json!({"event_id": event_id, "kind": "CONTESTADA", "agent": agent, "record_id": record})
}

/// A team-1 base with three customers; answers the id of cuenta 101.
async fn customers(app: &TestApp) -> (i64, i64) {
    let base = team1_base(
        app,
        "Marcador",
        &format!("{}{}{}", row(101, 0, ""), row(102, 0, ""), row(103, 0, "")),
    )
    .await;
    let id = app
        .count(
            "base_records",
            &format!("base_id = {base} AND cuenta = '101'"),
        )
        .await;
    assert_eq!(id, 1);
    let record = record_id(app, base, "101").await;
    (base, record)
}

async fn record_id(app: &TestApp, base: i64, cuenta: &str) -> i64 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use server::db::entities::base_records;
    base_records::Entity::find()
        .filter(base_records::Column::BaseId.eq(base))
        .filter(base_records::Column::Cuenta.eq(cuenta))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn the_dialer_needs_its_secret(app: TestApp) {
    let (_, record) = customers(&app).await;
    let event = answered("e-1", "asesor1", record);
    let missing = post_event(&app, None, event.clone()).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        missing.json()["error"]["message"],
        "Falta la clave del marcador o no es correcta."
    );
    let wrong = post_event(&app, Some("otra-clave-cualquiera"), event.clone()).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    // A session cookie is not the dialer's secret.
    let admin = app.login_as("admin").await;
    let with_session = app
        .send(
            Method::POST,
            "/api/v1/dialer/events",
            Some(event.clone()),
            Some(&admin),
        )
        .await;
    assert_eq!(with_session.status, StatusCode::UNAUTHORIZED);
    // Bearer works as well.
    let bearer = app
        .call(
            Request::builder()
                .method(Method::POST)
                .uri("/api/v1/dialer/events")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::AUTHORIZATION, format!("Bearer {DIALER_SECRET}"))
                .body(Body::from(event.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(bearer.status, StatusCode::CREATED, "{}", bearer.text());
    assert_eq!(app.count("dialer_events", "1=1").await, 1);

    // Without a configured secret the webhook is off.
    let off = TestApp::with_settings(app.backend, Settings::default()).await;
    let reply = post_event(
        &off,
        Some(DIALER_SECRET),
        answered("e-2", "asesor1", record),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
}

async fn an_answered_call_puts_the_customer_in_front_of_the_agent_once(app: TestApp) {
    let (base, record) = customers(&app).await;
    let asesor1 = app.user_id("asesor1").await;
    // The agent is signed in and waiting for the dialer.
    let agent = app.login_as("asesor1").await;
    let first = post_event(
        &app,
        Some(DIALER_SECRET),
        answered("llamada-7", "asesor1", record),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_eq!(first.json()["applied"], true);
    assert_eq!(
        app.count(
            "base_records",
            &format!("id = {record} AND lease_agent_id = {asesor1}")
        )
        .await,
        1
    );
    let state = app.get("/api/v1/me/state", Some(&agent)).await.json();
    assert_eq!(state["state"], "EN_LLAMADA");
    let current = app.get("/api/v1/queue/current", Some(&agent)).await.json();
    assert_eq!(current["id"], record);

    // The dialer resends: nothing more happens.
    let again = post_event(
        &app,
        Some(DIALER_SECRET),
        answered("llamada-7", "asesor1", record),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["applied"], false);
    assert_eq!(
        app.count("alerts", &format!("user_id = {asesor1}")).await,
        1
    );
    assert_eq!(app.count("dialer_events", "1=1").await, 1);

    // By cuenta and base name; the agent's previous customer goes back.
    let other = post_event(
        &app,
        Some(DIALER_SECRET),
        json!({"event_id": "llamada-8", "kind": "CONTESTADA", "agent": "asesor1", "cuenta": "102", "base": "Marcador"}),
    )
    .await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.text());
    let second = record_id(&app, base, "102").await;
    assert_eq!(other.json()["record_id"], second);
    assert_eq!(
        app.count("base_records", &format!("lease_agent_id = {asesor1}"))
            .await,
        1
    );
    assert_eq!(
        app.count(
            "base_records",
            &format!("id = {record} AND lease_agent_id IS NULL")
        )
        .await,
        1
    );
}

async fn the_dialer_cannot_route_a_customer_to_the_wrong_agent(app: TestApp) {
    let (_, record) = customers(&app).await;
    // asesor3 is in the other team.
    let reply = post_event(
        &app,
        Some(DIALER_SECRET),
        answered("x-1", "asesor3", record),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no la trabaja el equipo")
    );
    // A supervisor is not an agent; nobody is not a user.
    for who in ["supervisor1", "nadie"] {
        let reply = post_event(&app, Some(DIALER_SECRET), answered("x-2", who, record)).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{who}");
    }
    let missing = post_event(
        &app,
        Some(DIALER_SECRET),
        answered("x-3", "asesor1", 999_999),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let no_record = post_event(
        &app,
        Some(DIALER_SECRET),
        json!({"event_id": "x-4", "kind": "CONTESTADA", "agent": "asesor1"}),
    )
    .await;
    assert_eq!(no_record.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Held by asesor2: not taken from them.
    let ok = post_event(
        &app,
        Some(DIALER_SECRET),
        answered("x-5", "asesor2", record),
    )
    .await;
    assert_eq!(ok.status, StatusCode::CREATED);
    let taken = post_event(
        &app,
        Some(DIALER_SECRET),
        answered("x-6", "asesor1", record),
    )
    .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    // Nothing of the refused events was stored.
    assert_eq!(app.count("dialer_events", "1=1").await, 1);
    assert_eq!(app.count("alerts", "1=1").await, 1);
}

async fn attempt_results_from_the_dialer_are_recorded_once(app: TestApp) {
    let (_, record) = customers(&app).await;
    let event = json!({"event_id": "r-1", "kind": "RESULTADO", "agent": "asesor1", "record_id": record, "result": "NO_CONTESTA"});
    for expected in [StatusCode::CREATED, StatusCode::OK] {
        let reply = post_event(&app, Some(DIALER_SECRET), event.clone()).await;
        assert_eq!(reply.status, expected, "{}", reply.text());
    }
    assert_eq!(
        app.count(
            "record_attempts",
            &format!("record_id = {record} AND result = 'NO_CONTESTA' AND source = 'MARCADOR'")
        )
        .await,
        1
    );
    assert_eq!(
        app.count(
            "base_records",
            &format!("id = {record} AND attempts = 1 AND next_attempt_at IS NOT NULL")
        )
        .await,
        1
    );
    let no_result = post_event(
        &app,
        Some(DIALER_SECRET),
        json!({"event_id": "r-2", "kind": "RESULTADO", "agent": "asesor1", "record_id": record}),
    )
    .await;
    assert_eq!(no_result.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("dialer_events", "1=1").await, 1);
}

async fn an_answered_call_reaches_the_agents_open_tab_and_only_theirs(app: TestApp) {
    let (_, record) = customers(&app).await;
    let router = app.router();
    let (status, _) = open_events(&router, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let asesor1 = app.login_as("asesor1").await;
    let asesor2 = app.login_as("asesor2").await;
    let (status, mut tab1) = open_events(&router, Some(&asesor1), None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, mut tab2) = open_events(&router, Some(&asesor2), None).await;

    let sent = std::time::Instant::now();
    let reply = post_event(
        &app,
        Some(DIALER_SECRET),
        answered("a-1", "asesor1", record),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let event = tab1
        .next(Duration::from_secs(1))
        .await
        .expect("the alert arrives within a second");
    println!("alert delivered in {:?}", sent.elapsed());
    assert_eq!(event.event, "llamada");
    let data: Value = serde_json::from_str(&event.data).unwrap();
    assert_eq!(data["record_id"], record);
    assert_eq!(data["cuenta"], "101");
    assert_eq!(data["nombre"], "Cliente 101");
    assert!(tab2.next(Duration::from_millis(700)).await.is_none());

    // Signed out: the stream ends at its next session check, and cannot be
    // reopened.
    app.send(Method::POST, "/api/v1/auth/logout", None, Some(&asesor1))
        .await;
    let (status, _) = open_events(&router, Some(&asesor1), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn the_alert_reaches_a_tab_served_by_another_instance(app: TestApp) {
    let (_, record) = customers(&app).await;
    let other_instance = app.second_instance().await;
    let asesor1 = app.login_as("asesor1").await;
    let (status, mut tab) = open_events(&other_instance, Some(&asesor1), None).await;
    assert_eq!(status, StatusCode::OK);
    let reply = post_event(
        &app,
        Some(DIALER_SECRET),
        answered("b-1", "asesor1", record),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let event = tab
        .next(Duration::from_secs(1))
        .await
        .expect("the other instance finds the alert within a second");
    assert_eq!(event.event, "llamada");
}

async fn a_reconnecting_tab_gets_the_alert_it_missed(app: TestApp) {
    let (base, record) = customers(&app).await;
    let asesor1 = app.login_as("asesor1").await;
    let router = app.router();
    let (_, mut tab) = open_events(&router, Some(&asesor1), None).await;
    post_event(
        &app,
        Some(DIALER_SECRET),
        answered("c-1", "asesor1", record),
    )
    .await;
    let first = tab.next(Duration::from_secs(2)).await.unwrap();
    drop(tab);
    // While the tab is away, another call is answered.
    let second = record_id(&app, base, "102").await;
    post_event(
        &app,
        Some(DIALER_SECRET),
        answered("c-2", "asesor1", second),
    )
    .await;
    let (_, mut back) = open_events(&router, Some(&asesor1), Some(&first.id)).await;
    let missed = back.next(Duration::from_secs(2)).await.unwrap();
    let data: Value = serde_json::from_str(&missed.data).unwrap();
    assert_eq!(data["record_id"], second);
    assert!(back.next(Duration::from_millis(600)).await.is_none());
}

async fn a_tab_opening_just_after_the_call_still_gets_it(app: TestApp) {
    let (_, record) = customers(&app).await;
    let asesor1 = app.login_as("asesor1").await;
    let router = app.router();
    // The call is answered while the agent's page is loading.
    post_event(
        &app,
        Some(DIALER_SECRET),
        answered("d-1", "asesor1", record),
    )
    .await;
    let (_, mut tab) = open_events(&router, Some(&asesor1), None).await;
    let event = tab
        .next(Duration::from_secs(2))
        .await
        .expect("still relevant");
    let data: Value = serde_json::from_str(&event.data).unwrap();
    assert_eq!(data["record_id"], record);
    drop(tab);

    // Once the agent recorded the attempt, a new page does not bring it back.
    let done = app
        .send(
            Method::POST,
            &format!("/api/v1/records/{record}/attempts"),
            Some(json!({"result": "CONTACTADO", "request_id": "d-1"})),
            Some(&asesor1),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let (_, mut fresh) = open_events(&router, Some(&asesor1), None).await;
    assert!(fresh.next(Duration::from_millis(600)).await.is_none());
}
