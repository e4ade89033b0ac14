//! The barómetro through the API: the survey results and action plans are
//! recorded with the meeting (validated in Spanish, nothing stored when
//! anything is wrong), and each plan is followed up — idempotently — until
//! closed, by its leader, its owner and the leaders above, never by another
//! team's leader.

use crate::common::{Session, TestApp};
use crate::on_both_databases;
use app::domain::local_time::to_local;
use axum::http::Method;
use serde_json::{Value, json};

on_both_databases!(
    a_barometro_records_its_plans_and_they_are_followed_until_closed,
    a_bad_barometro_is_refused_whole,
);

fn barometro(client_id: &str, questions: Value, plans: Value) -> Value {
    let started = to_local(chrono::Utc::now() - chrono::Duration::hours(2));
    json!({"client_id": client_id, "kind": "BAROMETRO", "event_id": null,
           "started_at": started.format("%Y-%m-%dT%H:%M:%S").to_string(),
           "minutes": 60, "participants": [], "notes": "Encuesta de clima del semestre.",
           "details": {"tipo": "barometro", "period": "2026-2", "respondents": 12,
                       "questions": questions, "plans": plans}})
}

fn in_days(days: i64) -> String {
    (to_local(chrono::Utc::now()).date() + chrono::Duration::days(days)).to_string()
}

async fn plans(app: &TestApp, who: &Session) -> Vec<Value> {
    let reply = app.get("/api/v1/barometer-plans", Some(who)).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
    reply.json().as_array().unwrap().clone()
}

async fn follow(app: &TestApp, who: &Session, id: i64, body: Value) -> crate::common::Reply {
    app.send(
        Method::POST,
        &format!("/api/v1/barometer-plans/{id}/follow-ups"),
        Some(body),
        Some(who),
    )
    .await
}

async fn a_barometro_records_its_plans_and_they_are_followed_until_closed(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let asesor1 = app.user_id("asesor1").await;
    let record = barometro(
        "barometro-1",
        json!([{"question": "Reconocimiento", "favorable": 38},
               {"question": "Herramientas de trabajo", "favorable": 52},
               {"question": "Relación con el líder", "favorable": 91}]),
        json!([{"question": "Reconocimiento", "action": "Reconocer en el diálogo del viernes",
                "owner_id": supervisor.user_id, "due": in_days(14)},
               {"question": "Herramientas de trabajo", "action": "Pedir diademas nuevas",
                "owner_id": asesor1, "due": in_days(30)}]),
    );
    let saved = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some(record.clone()),
            Some(&supervisor),
        )
        .await;
    assert_eq!(saved.status.as_u16(), 200, "{}", saved.text());
    assert_eq!(saved.json()["details"]["questions"][0]["favorable"], 38);
    // A resent record stores its plans once.
    let again = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some(record),
            Some(&supervisor),
        )
        .await;
    assert_eq!(again.status.as_u16(), 200);
    assert_eq!(app.count("barometer_plans", "1 = 1").await, 2);

    let list = plans(&app, &supervisor).await;
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["question"], "Reconocimiento");
    assert_eq!(list[0]["status"], "ABIERTA");
    assert_eq!(list[0]["overdue"], false);
    assert_eq!(list[1]["owner"]["login"], "asesor1");
    let id = list[0]["id"].as_i64().unwrap();

    // The agent who owns a plan sees and follows that one only; another
    // agent sees none and cannot follow it.
    let owner = app.login_as("asesor1").await;
    let own = plans(&app, &owner).await;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["question"], "Herramientas de trabajo");
    let own_id = own[0]["id"].as_i64().unwrap();
    let owner_note = follow(
        &app,
        &owner,
        own_id,
        json!({"client_id": "o-1", "note": "Pedido radicado a soporte."}),
    )
    .await;
    assert_eq!(owner_note.status.as_u16(), 200, "{}", owner_note.text());
    assert_eq!(
        owner_note.json()["follow_ups"][0]["author"]["login"],
        "asesor1"
    );
    let not_theirs = follow(
        &app,
        &owner,
        id,
        json!({"client_id": "o-2", "note": "Hola"}),
    )
    .await;
    assert_eq!(not_theirs.status.as_u16(), 404);
    let bystander = app.login_as("asesor2").await;
    assert!(plans(&app, &bystander).await.is_empty());
    let refused = follow(
        &app,
        &bystander,
        own_id,
        json!({"client_id": "o-3", "note": "Hola"}),
    )
    .await;
    assert_eq!(refused.status.as_u16(), 404);

    // Another team's supervisor does not find it.
    let other = app.login_as("supervisor2").await;
    assert!(plans(&app, &other).await.is_empty());
    let refused = follow(
        &app,
        &other,
        id,
        json!({"client_id": "s-x", "note": "Hola"}),
    )
    .await;
    assert_eq!(refused.status.as_u16(), 404);

    let progress = follow(
        &app,
        &supervisor,
        id,
        json!({"client_id": "s-1", "note": "Primer reconocimiento hecho."}),
    )
    .await;
    assert_eq!(progress.status.as_u16(), 200, "{}", progress.text());
    let resent = follow(
        &app,
        &supervisor,
        id,
        json!({"client_id": "s-1", "note": "Primer reconocimiento hecho."}),
    )
    .await;
    assert_eq!(resent.status.as_u16(), 200);
    assert_eq!(resent.json()["follow_ups"].as_array().unwrap().len(), 1);

    // The coordinador follows the plans of the supervisors and closes one.
    let coordinador = app.login_as("coordinador").await;
    assert_eq!(plans(&app, &coordinador).await.len(), 2);
    let no_result = follow(
        &app,
        &coordinador,
        id,
        json!({"client_id": "s-2", "note": " ", "close": true}),
    )
    .await;
    assert_eq!(no_result.status.as_u16(), 422);
    assert!(
        no_result.error_message().contains("resultado"),
        "{}",
        no_result.text()
    );
    let closed = follow(
        &app,
        &coordinador,
        id,
        json!({"client_id": "s-3", "note": "El equipo reconoce el cambio.", "close": true}),
    )
    .await;
    assert_eq!(closed.status.as_u16(), 200, "{}", closed.text());
    let closed = closed.json();
    assert_eq!(closed["status"], "CERRADA");
    assert!(closed["closed_at"].is_string());
    assert_eq!(closed["follow_ups"][1]["author"]["login"], "coordinador");
    let late = follow(
        &app,
        &supervisor,
        id,
        json!({"client_id": "s-4", "note": "Otro avance."}),
    )
    .await;
    assert_eq!(late.status.as_u16(), 409);
    assert_eq!(app.count("barometer_follow_ups", "1 = 1").await, 3);
    // Open plans come first.
    assert_eq!(plans(&app, &supervisor).await[0]["status"], "ABIERTA");
}

async fn a_bad_barometro_is_refused_whole(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let foreign = app.user_id("asesor3").await;
    let cases = [
        (
            barometro("b-1", json!([]), json!([])),
            "Anote las preguntas de la encuesta",
        ),
        (
            barometro(
                "b-2",
                json!([{"question": "Reconocimiento", "favorable": 38}]),
                json!([{"question": "Reconocimiento", "action": "Reconocer",
                        "owner_id": foreign, "due": in_days(10)}]),
            ),
            "responsable de cada plan",
        ),
        (
            barometro(
                "b-3",
                json!([{"question": "Reconocimiento", "favorable": 38}]),
                json!([{"question": "Otra pregunta", "action": "Reconocer",
                        "owner_id": supervisor.user_id, "due": in_days(-30)}]),
            ),
            "pregunta de la encuesta",
        ),
        (
            barometro(
                "b-4",
                json!([{"question": "Reconocimiento", "favorable": 38}]),
                json!([{"question": "Reconocimiento", "action": "Reconocer",
                        "owner_id": supervisor.user_id, "due": in_days(400)}]),
            ),
            "fecha de compromiso",
        ),
    ];
    for (body, expected) in cases {
        let reply = app
            .send(
                Method::POST,
                "/api/v1/practice-records",
                Some(body),
                Some(&supervisor),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 422, "{}", reply.text());
        assert!(
            reply.error_message().contains(expected),
            "{expected}: {}",
            reply.text()
        );
    }
    // A barómetro is not recorded as mere agreements.
    let general = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some({
                let mut body = barometro("b-5", json!([]), json!([]));
                body["details"] = json!({"tipo": "general", "agreements": "Se habló del clima."});
                body
            }),
            Some(&supervisor),
        )
        .await;
    assert_eq!(general.status.as_u16(), 422);
    assert_eq!(app.count("practice_records", "1 = 1").await, 0);
    assert_eq!(app.count("barometer_plans", "1 = 1").await, 0);
}
