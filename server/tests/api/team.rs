//! Equipo en vivo and reassigning an agent's customers.

use crate::common::TestApp;
use crate::on_both_databases;
use crate::queue::{row, team1_base};
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use serde_json::{Value, json};

on_both_databases!(
    the_leader_sees_each_agent_live,
    an_absent_agents_callbacks_go_to_a_colleague_of_the_team,
);

fn agent<'a>(live: &'a Value, login: &str) -> &'a Value {
    live["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agent"]["login"] == login)
        .unwrap_or_else(|| panic!("{login} not in {live}"))
}

async fn the_leader_sees_each_agent_live(app: TestApp) {
    let base = team1_base(
        &app,
        "En vivo",
        &format!("{}{}", row(201, 5, ""), row(202, 0, "")),
    )
    .await;
    let asesor1 = app.login_as("asesor1").await;
    let asesor2 = app.login_as("asesor2").await;
    let next = app
        .send(Method::POST, "/api/v1/queue/next", None, Some(&asesor1))
        .await
        .json();
    let record = next["record"]["id"].as_i64().unwrap();
    let paused = app
        .send(
            Method::PUT,
            "/api/v1/me/state",
            Some(json!({"state": "EN_PAUSA", "reason": "Almuerzo"})),
            Some(&asesor2),
        )
        .await;
    assert_eq!(paused.status, StatusCode::OK, "{}", paused.text());

    let supervisor1 = app.login_as("supervisor1").await;
    let live = app
        .get("/api/v1/team/live", Some(&supervisor1))
        .await
        .json();
    assert_eq!(live["agents"].as_array().unwrap().len(), 2, "only team 1");
    let on_call = agent(&live, "asesor1");
    assert_eq!(on_call["state"], "EN_LLAMADA");
    assert_eq!(on_call["call"]["cuenta"], "201");
    assert_eq!(on_call["call"]["base_name"], "En vivo");
    assert_eq!(on_call["long_call"], false);
    let pausing = agent(&live, "asesor2");
    assert_eq!(pausing["state"], "EN_PAUSA");
    assert_eq!(pausing["reason"], "Almuerzo");
    assert!(pausing["since"].is_string());

    // A call longer than the threshold is flagged.
    app.execute(
        "UPDATE agent_states SET since = $1 WHERE record_id = $2",
        vec![(Utc::now() - Duration::minutes(20)).into(), record.into()],
    )
    .await;
    let live = app
        .get("/api/v1/team/live", Some(&supervisor1))
        .await
        .json();
    assert_eq!(agent(&live, "asesor1")["long_call"], true);

    // Today's work per base and per agent.
    let done = app
        .send(
            Method::POST,
            &format!("/api/v1/records/{record}/attempts"),
            Some(json!({"result": "CONTACTADO", "request_id": "vivo-1"})),
            Some(&asesor1),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let live = app
        .get("/api/v1/team/live", Some(&supervisor1))
        .await
        .json();
    let asesor1_id = app.user_id("asesor1").await;
    assert_eq!(agent(&live, "asesor1")["state"], "DISPONIBLE");
    assert_eq!(agent(&live, "asesor1")["attempts_today"], 1);
    assert_eq!(agent(&live, "asesor1")["contacts_today"], 1);
    let progress = live["bases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["base_id"] == base)
        .unwrap();
    assert_eq!(progress["total"], 2);
    assert_eq!(
        progress["per_agent"],
        json!([{"agent_id": asesor1_id, "attempts": 1, "contacts": 1}])
    );

    // The coordinador sees both teams; an agent sees nothing.
    let coordinador = app.login_as("coordinador").await;
    let live = app
        .get("/api/v1/team/live", Some(&coordinador))
        .await
        .json();
    assert_eq!(live["agents"].as_array().unwrap().len(), 4);
    let forbidden = app.get("/api/v1/team/live", Some(&asesor1)).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
}

async fn an_absent_agents_callbacks_go_to_a_colleague_of_the_team(app: TestApp) {
    team1_base(
        &app,
        "Reasignar",
        &format!("{}{}", row(301, 0, ""), row(302, 0, "")),
    )
    .await;
    let asesor2 = app.user_id("asesor2").await;
    // asesor2 promised two callbacks, one already due.
    app.execute(
        &format!(
            "UPDATE base_records SET owner_agent_id = {asesor2}, callback_at = $1, next_attempt_at = $1 WHERE cuenta IN ('301', '302')"
        ),
        vec![(Utc::now() - Duration::minutes(1)).into()],
    )
    .await;
    let supervisor1 = app.login_as("supervisor1").await;
    let live = app
        .get("/api/v1/team/live", Some(&supervisor1))
        .await
        .json();
    assert_eq!(agent(&live, "asesor2")["callbacks_due"], 2);

    // Outside the supervisor's team: refused, nothing moves.
    let other_team = app
        .send(
            Method::POST,
            "/api/v1/team/reassign",
            Some(json!({"from": "asesor2", "to": "asesor3"})),
            Some(&supervisor1),
        )
        .await;
    assert_eq!(other_team.status, StatusCode::FORBIDDEN);
    let admin = app.login_as("admin").await;
    let across = app
        .send(
            Method::POST,
            "/api/v1/team/reassign",
            Some(json!({"from": "asesor2", "to": "asesor3"})),
            Some(&admin),
        )
        .await;
    assert_eq!(across.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.count("base_records", &format!("owner_agent_id = {asesor2}"))
            .await,
        2
    );

    let moved = app
        .send(
            Method::POST,
            "/api/v1/team/reassign",
            Some(json!({"from": "asesor2", "to": "asesor1"})),
            Some(&supervisor1),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved.json()["moved"], 2);
    let live = app
        .get("/api/v1/team/live", Some(&supervisor1))
        .await
        .json();
    assert_eq!(agent(&live, "asesor1")["callbacks_due"], 2);
    assert_eq!(agent(&live, "asesor2")["callbacks_due"], 0);
    // asesor1 now gets them first.
    let asesor1 = app.login_as("asesor1").await;
    let next = app
        .send(Method::POST, "/api/v1/queue/next", None, Some(&asesor1))
        .await
        .json();
    assert_eq!(next["is_callback"], true, "{next}");
}
