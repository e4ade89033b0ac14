//! The ideas board through the API: agents and supervisors propose (a
//! resent proposal lands once), leaders decide within their teams and never
//! on their own idea, the coordinador delivers approved ideas to the client
//! and records its answers, and every step is kept in the history.

use crate::common::{Session, TestApp};
use crate::on_both_databases;
use axum::http::Method;
use serde_json::{Value, json};

on_both_databases!(
    ideas_go_from_proposal_to_the_clients_answer,
    bad_ideas_and_steps_are_refused_and_change_nothing,
    the_board_is_scoped_to_each_leaders_teams,
);

async fn propose(app: &TestApp, who: &Session, client_id: &str, title: &str) -> Value {
    let reply = app
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(
                json!({"client_id": client_id, "area": "PROCESO", "title": title,
                        "description": "Quitar la doble validación de datos en la bienvenida."}),
            ),
            Some(who),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
    reply.json()
}

async fn step(app: &TestApp, who: &Session, id: i64, body: Value) -> crate::common::Reply {
    app.send(
        Method::POST,
        &format!("/api/v1/ideas/{id}/steps"),
        Some(body),
        Some(who),
    )
    .await
}

async fn board(app: &TestApp, who: &Session) -> Vec<Value> {
    let reply = app.get("/api/v1/ideas", Some(who)).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
    reply.json().as_array().unwrap().clone()
}

async fn ideas_go_from_proposal_to_the_clients_answer(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    let idea = propose(&app, &agent, "idea-1", "Bienvenida más corta").await;
    assert_eq!(idea["status"], "PROPUESTA");
    assert_eq!(idea["author"]["login"], "asesor1");
    assert_eq!(idea["actions"], json!([]));
    // The tablet resends: still one idea.
    let again = propose(&app, &agent, "idea-1", "Bienvenida más corta").await;
    assert_eq!(again["id"], idea["id"]);
    assert_eq!(app.count("ideas", "1 = 1").await, 1);
    let id = idea["id"].as_i64().unwrap();

    let supervisor = app.login_as("supervisor1").await;
    let seen = board(&app, &supervisor).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["actions"], json!(["APROBAR", "DESCARTAR"]));
    let approved = step(
        &app,
        &supervisor,
        id,
        json!({"action": "APROBAR", "note": "Se ejecuta en diciembre."}),
    )
    .await;
    assert_eq!(approved.status.as_u16(), 200, "{}", approved.text());
    assert_eq!(approved.json()["status"], "APROBADA");
    // A retried approval answers the idea as it stands, with no new step.
    let retried = step(
        &app,
        &supervisor,
        id,
        json!({"action": "APROBAR", "note": "Se ejecuta en diciembre."}),
    )
    .await;
    assert_eq!(retried.status.as_u16(), 200, "{}", retried.text());
    assert_eq!(app.count("idea_events", "1 = 1").await, 2);
    // The supervisor does not deliver: that is the coordinador's circuit.
    let refused = step(&app, &supervisor, id, json!({"action": "ENTREGAR"})).await;
    assert_eq!(refused.status.as_u16(), 403);

    let coordinador = app.login_as("coordinador").await;
    let delivered = step(
        &app,
        &coordinador,
        id,
        json!({"action": "ENTREGAR", "note": "Circuito del 2 de diciembre."}),
    )
    .await;
    assert_eq!(delivered.status.as_u16(), 200, "{}", delivered.text());
    assert_eq!(delivered.json()["status"], "ENTREGADA");
    assert_eq!(delivered.json()["actions"], json!(["RESPUESTA_CLIENTE"]));
    let answered = step(
        &app,
        &coordinador,
        id,
        json!({"action": "RESPUESTA_CLIENTE", "client_status": "EN_ESTUDIO",
               "note": "El cliente lo revisa con su área de procesos."}),
    )
    .await;
    assert_eq!(answered.status.as_u16(), 200, "{}", answered.text());
    let later = step(
        &app,
        &coordinador,
        id,
        json!({"action": "RESPUESTA_CLIENTE", "client_status": "IMPLEMENTADA",
               "note": "Implementada desde el nuevo guion."}),
    )
    .await;
    let later = later.json();
    assert_eq!(later["status"], "ENTREGADA");
    assert_eq!(later["client_status"], "IMPLEMENTADA");
    let history = later["history"].as_array().unwrap();
    let steps: Vec<_> = history.iter().map(|h| h["action"].clone()).collect();
    assert_eq!(
        steps,
        [
            json!(null),
            json!("APROBAR"),
            json!("ENTREGAR"),
            json!("RESPUESTA_CLIENTE"),
            json!("RESPUESTA_CLIENTE")
        ]
    );
    assert_eq!(history[1]["actor"]["login"], "supervisor1");
    assert_eq!(history[3]["client_status"], "EN_ESTUDIO");

    // The agent follows their idea to the client's answer.
    let mine = board(&app, &agent).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["client_status"], "IMPLEMENTADA");
    assert_eq!(mine[0]["actions"], json!([]));
}

async fn bad_ideas_and_steps_are_refused_and_change_nothing(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    let bad = app
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(json!({"client_id": "idea-x", "area": "PRODUCTO", "title": "ab", "description": " "})),
            Some(&agent),
        )
        .await;
    assert_eq!(bad.status.as_u16(), 422);
    assert!(bad.error_message().contains("título"), "{}", bad.text());
    assert!(bad.error_message().contains("Describa"), "{}", bad.text());
    assert_eq!(app.count("ideas", "1 = 1").await, 0);

    // Calidad and back office neither propose nor read the board.
    for login in ["calidad", "backoffice"] {
        let who = app.login_as(login).await;
        let reply = app
            .send(
                Method::POST,
                "/api/v1/ideas",
                Some(
                    json!({"client_id": format!("idea-{login}"), "area": "PROCESO",
                            "title": "Una idea válida", "description": "Texto."}),
                ),
                Some(&who),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 403, "{login}");
        assert_eq!(
            app.get("/api/v1/ideas", Some(&who)).await.status.as_u16(),
            403
        );
    }

    let idea = propose(&app, &agent, "idea-2", "Tipificación más clara").await;
    let id = idea["id"].as_i64().unwrap();
    // Agents take no steps, even on their own idea.
    assert_eq!(
        step(&app, &agent, id, json!({"action": "APROBAR"}))
            .await
            .status
            .as_u16(),
        403
    );
    let supervisor = app.login_as("supervisor1").await;
    // Discarding says why.
    let no_reason = step(
        &app,
        &supervisor,
        id,
        json!({"action": "DESCARTAR", "note": "  "}),
    )
    .await;
    assert_eq!(no_reason.status.as_u16(), 422);
    assert!(
        no_reason.error_message().contains("por qué"),
        "{}",
        no_reason.text()
    );
    // A step out of order is refused.
    let coordinador = app.login_as("coordinador").await;
    let early = step(&app, &coordinador, id, json!({"action": "ENTREGAR"})).await;
    assert_eq!(early.status.as_u16(), 409, "{}", early.text());
    let no_status = step(
        &app,
        &coordinador,
        id,
        json!({"action": "RESPUESTA_CLIENTE", "note": "x"}),
    )
    .await;
    assert_eq!(no_status.status.as_u16(), 422);
    assert_eq!(app.count("idea_events", "1 = 1").await, 1);
    assert_eq!(app.count("ideas", "status = 'PROPUESTA'").await, 1);

    let discarded = step(
        &app,
        &supervisor,
        id,
        json!({"action": "DESCARTAR", "note": "Ya existe en el guion."}),
    )
    .await;
    assert_eq!(discarded.json()["status"], "DESCARTADA");
    let closed = step(&app, &supervisor, id, json!({"action": "APROBAR"})).await;
    assert_eq!(closed.status.as_u16(), 409);

    // A leader's own idea is decided by their leader.
    let own = propose(&app, &supervisor, "idea-3", "Pausas activas por turno").await;
    assert_eq!(own["actions"], json!([]));
    let own_id = own["id"].as_i64().unwrap();
    let self_approved = step(&app, &supervisor, own_id, json!({"action": "APROBAR"})).await;
    assert_eq!(self_approved.status.as_u16(), 409);
    let by_coordinador = step(&app, &coordinador, own_id, json!({"action": "APROBAR"})).await;
    assert_eq!(by_coordinador.json()["status"], "APROBADA");
}

async fn the_board_is_scoped_to_each_leaders_teams(app: TestApp) {
    let first = app.login_as("asesor1").await;
    let other = app.login_as("asesor3").await;
    let mine = propose(&app, &first, "idea-a", "Idea del equipo uno").await;
    let theirs = propose(&app, &other, "idea-b", "Idea del equipo dos").await;

    let supervisor1 = app.login_as("supervisor1").await;
    let titles: Vec<_> = board(&app, &supervisor1)
        .await
        .iter()
        .map(|i| i["title"].clone())
        .collect();
    assert_eq!(titles, [json!("Idea del equipo uno")]);
    // Another team's idea does not exist for this supervisor.
    let foreign = step(
        &app,
        &supervisor1,
        theirs["id"].as_i64().unwrap(),
        json!({"action": "APROBAR"}),
    )
    .await;
    assert_eq!(foreign.status.as_u16(), 404);
    assert_eq!(app.count("ideas", "status = 'PROPUESTA'").await, 2);

    // Agents see only their own.
    let own: Vec<_> = board(&app, &other)
        .await
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(own, [theirs["id"].clone()]);
    // The coordinador and the gerente see both teams.
    for login in ["coordinador", "gerente", "admin"] {
        let who = app.login_as(login).await;
        assert_eq!(board(&app, &who).await.len(), 2, "{login}");
    }
    // The administrator reads but takes no steps.
    let admin = app.login_as("admin").await;
    let refused = step(
        &app,
        &admin,
        mine["id"].as_i64().unwrap(),
        json!({"action": "APROBAR"}),
    )
    .await;
    assert_eq!(refused.status.as_u16(), 403);
}
