//! Leaders' management practices through the API: the catalog, the
//! calendar (repeats, conflicts, planning a week, moving and cancelling),
//! practices recorded (idempotent, validated, the agent's feedback),
//! adherence with its roll-up, and the `.ics` feed read by a real
//! iCalendar parser.

use crate::common::{Session, TestApp, build, call_router};
use crate::on_both_databases;
use app::domain::local_time::to_local;
use axum::http::Method;
use serde_json::{Value, json};

on_both_databases!(
    the_catalog_is_the_procedures_and_admin_editable,
    a_calendar_holds_repeats_conflicts_and_moves,
    planning_a_week_fills_it_once,
    recording_practices_is_validated_idempotent_and_seen_by_the_agent,
    adherence_counts_done_over_due_with_roll_up,
    the_ics_feed_parses_and_its_token_can_be_retired,
);

fn event(request_id: &str, title: &str, starts_at: &str, minutes: u32) -> Value {
    json!({"request_id": request_id, "kind": null, "title": title, "starts_at": starts_at,
           "minutes": minutes, "participants": [], "notes": "", "repeat": null})
}

async fn calendar(app: &TestApp, session: &Session, from: &str, to: &str) -> Vec<Value> {
    let reply = app
        .get(
            &format!("/api/v1/calendar?from={from}&to={to}"),
            Some(session),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
    reply.json()["events"].as_array().unwrap().clone()
}

async fn the_catalog_is_the_procedures_and_admin_editable(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let catalog = app.get("/api/v1/practices", Some(&supervisor)).await.json();
    let catalog = catalog.as_array().unwrap();
    assert_eq!(catalog.len(), 9);
    let functions = catalog
        .iter()
        .find(|p| p["kind"] == "CONFIRMACION_FUNCIONES")
        .unwrap();
    assert_eq!(
        functions["goal_text"],
        "coordinador: 3 a la semana · gerente: 1 a la semana"
    );

    let admin = app.login_as("admin").await;
    // A goal of zero and an agent as responsible: refused, nothing changed.
    let bad = app
        .send(
            Method::PUT,
            "/api/v1/practices/DIALOGO_DIARIO",
            Some(json!({"frequency": "DIARIA", "duration_minutes": 15,
                        "goals": [{"role": "asesor", "times": 0}], "active": true})),
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status.as_u16(), 422);
    assert!(
        bad.error_message().contains("solo supervisores"),
        "{}",
        bad.text()
    );
    assert_eq!(app.count("practice_catalog", "1 = 1").await, 0);

    let saved = app
        .send(
            Method::PUT,
            "/api/v1/practices/DIALOGO_DIARIO",
            Some(json!({"frequency": "DIARIA", "duration_minutes": 20,
                        "goals": [{"role": "supervisor", "times": 2}], "active": true})),
            Some(&admin),
        )
        .await;
    assert_eq!(saved.status.as_u16(), 200, "{}", saved.text());
    assert_eq!(saved.json()["goal_text"], "supervisor: 2 al día");
    assert_eq!(
        app.count(
            "catalog_changes",
            "entity = 'PRACTICA' AND code = 'DIALOGO_DIARIO'"
        )
        .await,
        1
    );
    let again = app.get("/api/v1/practices", Some(&supervisor)).await.json();
    let daily = again
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "DIALOGO_DIARIO")
        .unwrap()
        .clone();
    assert_eq!(daily["duration_minutes"], 20);

    // A supervisor may read the catalog but not change it.
    let refused = app
        .send(
            Method::PUT,
            "/api/v1/practices/DIALOGO_DIARIO",
            Some(json!({"frequency": "DIARIA", "duration_minutes": 15,
                        "goals": [{"role": "supervisor", "times": 1}], "active": true})),
            Some(&supervisor),
        )
        .await;
    assert_eq!(refused.status.as_u16(), 403);
    // Nor a gerente, who runs practices under the catalog.
    let gerente = app.login_as("gerente").await;
    let refused = app
        .send(
            Method::PUT,
            "/api/v1/practices/CONFIRMACION_FUNCIONES",
            Some(json!({"frequency": "SEMANAL", "duration_minutes": 30,
                        "goals": [{"role": "gerente", "times": 0}], "active": false})),
            Some(&gerente),
        )
        .await;
    assert_eq!(refused.status.as_u16(), 403);
    assert_eq!(app.count("catalog_changes", "entity = 'PRACTICA'").await, 1);

    // The practices' history, apart from the offers'.
    let history = app
        .get("/api/v1/offers/history?entity=PRACTICA", Some(&admin))
        .await;
    assert_eq!(history.status.as_u16(), 200, "{}", history.text());
    let history = history.json();
    let lines = history.as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["code"], "DIALOGO_DIARIO");
    assert_eq!(lines[0]["by"]["login"], "admin");
    assert!(
        lines[0]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "Duración: 15 → 20 min"),
        "{lines:?}"
    );
}

async fn a_calendar_holds_repeats_conflicts_and_moves(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let asesor1 = app.user_id("asesor1").await;
    let asesor3 = app.user_id("asesor3").await;

    // Three a week, Monday/Wednesday/Friday, for two weeks: six events.
    let repeated = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(
                json!({"request_id": "serie-1", "kind": "CONFIRMACION_PROCESO", "title": "",
                        "starts_at": "2026-11-23T10:00:00", "minutes": null,
                        "participants": [asesor1], "notes": "", "repeat": {
                            "frequency": "SEMANAL", "weekdays": [1, 3, 5], "until": "2026-12-04"}}),
            ),
            Some(&supervisor),
        )
        .await;
    assert_eq!(repeated.status.as_u16(), 200, "{}", repeated.text());
    let events = repeated.json();
    assert_eq!(events.as_array().unwrap().len(), 6);
    assert_eq!(events[0]["title"], "Confirmación de proceso");
    assert_eq!(events[0]["minutes"], 30);
    assert_eq!(events[0]["participants"][0]["login"], "asesor1");
    // Retried: the same six events, nothing new.
    let retried = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(
                json!({"request_id": "serie-1", "kind": "CONFIRMACION_PROCESO", "title": "",
                        "starts_at": "2026-11-23T10:00:00", "minutes": null,
                        "participants": [asesor1], "notes": "", "repeat": {
                            "frequency": "SEMANAL", "weekdays": [1, 3, 5], "until": "2026-12-04"}}),
            ),
            Some(&supervisor),
        )
        .await;
    assert_eq!(retried.json(), events);
    assert_eq!(app.count("calendar_events", "1 = 1").await, 6);

    // Another team's agent cannot be invited; nothing is created.
    let outsider = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(json!({"request_id": "ajeno", "kind": null, "title": "Café",
                        "starts_at": "2026-11-24T09:00:00", "minutes": 30,
                        "participants": [asesor3], "notes": "", "repeat": null})),
            Some(&supervisor),
        )
        .await;
    assert_eq!(outsider.status.as_u16(), 422);
    assert!(outsider.error_message().contains("de su equipo"));
    // A practice of another role is refused.
    let other_role = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(
                json!({"request_id": "funciones", "kind": "CONFIRMACION_FUNCIONES", "title": "",
                        "starts_at": "2026-11-24T09:00:00", "minutes": null,
                        "participants": [], "notes": "", "repeat": null}),
            ),
            Some(&supervisor),
        )
        .await;
    assert_eq!(other_role.status.as_u16(), 422);
    assert_eq!(app.count("calendar_events", "1 = 1").await, 6);

    // A free item overlapping Monday's confirmación is flagged on both.
    let overlap = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(event("cruce", "Capacitación", "2026-11-23T10:15:00", 60)),
            Some(&supervisor),
        )
        .await
        .json();
    let training = overlap[0]["id"].as_i64().unwrap();
    let monday = events[0]["id"].as_i64().unwrap();
    assert_eq!(overlap[0]["conflicts_with"], json!([monday]));
    let week = calendar(&app, &supervisor, "2026-11-23", "2026-11-29").await;
    assert_eq!(week.len(), 4);
    let first = week.iter().find(|e| e["id"] == monday).unwrap();
    assert_eq!(first["conflicts_with"], json!([training]));

    // Moved to 11:00 the conflict is gone; cancelled it leaves the calendar.
    let moved = app
        .send(
            Method::PUT,
            &format!("/api/v1/calendar/{training}"),
            Some(
                json!({"starts_at": "2026-11-23T11:00:00", "minutes": 60, "title": "Capacitación",
                        "participants": [], "notes": "Sala 2", "cancelled": false}),
            ),
            Some(&supervisor),
        )
        .await;
    assert_eq!(moved.status.as_u16(), 200, "{}", moved.text());
    assert_eq!(moved.json()["conflicts_with"], json!([]));
    assert_eq!(moved.json()["starts_at"], "2026-11-23T11:00:00");
    let cancelled = app
        .send(
            Method::PUT,
            &format!("/api/v1/calendar/{training}"),
            Some(
                json!({"starts_at": "2026-11-23T11:00:00", "minutes": 60, "title": "Capacitación",
                        "participants": [], "notes": "", "cancelled": true}),
            ),
            Some(&supervisor),
        )
        .await;
    assert_eq!(cancelled.json()["status"], "CANCELADA");
    assert_eq!(
        calendar(&app, &supervisor, "2026-11-23", "2026-11-29")
            .await
            .len(),
        3
    );

    // Another supervisor neither sees nor moves it; the coordinador sees it.
    let other = app.login_as("supervisor2").await;
    let peek = app
        .get(
            &format!(
                "/api/v1/calendar?from=2026-11-23&to=2026-11-29&leader={}",
                app.user_id("supervisor1").await
            ),
            Some(&other),
        )
        .await;
    assert_eq!(peek.status.as_u16(), 403);
    let coordinador = app.login_as("coordinador").await;
    let seen = app
        .get(
            &format!(
                "/api/v1/calendar?from=2026-11-23&to=2026-11-29&leader={}",
                app.user_id("supervisor1").await
            ),
            Some(&coordinador),
        )
        .await;
    assert_eq!(seen.status.as_u16(), 200);
    assert_eq!(seen.json()["events"].as_array().unwrap().len(), 3);
    let hijack = app
        .send(
            Method::PUT,
            &format!("/api/v1/calendar/{monday}"),
            Some(
                json!({"starts_at": "2026-11-23T12:00:00", "minutes": 30, "title": "x",
                        "participants": [], "notes": "", "cancelled": true}),
            ),
            Some(&other),
        )
        .await;
    assert_eq!(hijack.status.as_u16(), 404);

    // A range beyond two months is refused in Spanish.
    let long = app
        .get(
            "/api/v1/calendar?from=2026-01-01&to=2026-12-31",
            Some(&supervisor),
        )
        .await;
    assert_eq!(long.status.as_u16(), 422);
    assert!(long.error_message().contains("hasta 62 días"));
}

async fn planning_a_week_fills_it_once(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let plan = |id: &'static str| {
        let app = &app;
        let supervisor = &supervisor;
        async move {
            let reply = app
                .send(
                    Method::POST,
                    "/api/v1/calendar/plan-week",
                    Some(json!({"request_id": id, "week": "2026-11-25"})),
                    Some(supervisor),
                )
                .await;
            assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
            reply.json().as_array().unwrap().clone()
        }
    };
    let planned = plan("plan-a").await;
    let count = |kind: &str| planned.iter().filter(|e| e["kind"] == kind).count();
    // 23–27 November 2026: five working days.
    assert_eq!(count("DIALOGO_DIARIO"), 5);
    assert_eq!(count("CONFIRMACION_PROCESO"), 5);
    assert_eq!(count("AGENDA_LIDER"), 1);
    assert_eq!(count("ADHERENCIA"), 1);
    assert_eq!(count("MEJORA_CONTINUA"), 1);
    assert_eq!(planned.len(), 13);
    assert!(planned.iter().all(|e| e["conflicts_with"] == json!([])));
    // The diálogo diario invites the team.
    let dialogue = planned
        .iter()
        .find(|e| e["kind"] == "DIALOGO_DIARIO")
        .unwrap();
    assert_eq!(dialogue["participants"].as_array().unwrap().len(), 2);
    // The same request again answers the same events; a new one adds none.
    assert_eq!(plan("plan-a").await, planned);
    assert!(plan("plan-b").await.is_empty());
    assert_eq!(app.count("calendar_events", "1 = 1").await, 13);

    // Copies of one request racing each other (a tablet resending while the
    // first is still on its way) plan the next week once.
    let mut copies = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let router = app.router();
        let request = build(
            Method::POST,
            "/api/v1/calendar/plan-week",
            Some(json!({"request_id": "plan-c", "week": "2026-12-02"})),
            Some(&supervisor),
            Some(&supervisor.csrf),
        );
        copies.spawn(async move { call_router(&router, request).await });
    }
    let answers: Vec<Value> = copies
        .join_all()
        .await
        .into_iter()
        .map(|reply| {
            assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());
            reply.json()
        })
        .collect();
    let next_week = answers[0].as_array().unwrap().len();
    assert!(next_week > 0);
    assert!(
        answers
            .iter()
            .all(|a| a.as_array().unwrap().len() == next_week)
    );
    assert_eq!(
        app.count("calendar_events", "1 = 1").await,
        13 + next_week as i64
    );

    // Agents and the back office do not plan.
    let agent = app.login_as("asesor1").await;
    let refused = app
        .send(
            Method::POST,
            "/api/v1/calendar/plan-week",
            Some(json!({"request_id": "plan-asesor", "week": "2026-11-25"})),
            Some(&agent),
        )
        .await;
    assert_eq!(refused.status.as_u16(), 403);
}

/// A local time already past today, as the record form sends it: early in
/// the day, so a practice starting then never runs past midnight (the
/// server refuses that) whatever hour the tests run at.
fn just_now() -> String {
    let now = to_local(chrono::Utc::now());
    let midnight = now.date().and_hms_opt(0, 0, 0).unwrap();
    let early = now.date().and_hms_opt(0, 5, 0).unwrap();
    (now - chrono::Duration::minutes(1))
        .clamp(midnight, early)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

fn confirmation(client_id: &str, agent: i64, started_at: &str) -> Value {
    json!({"client_id": client_id, "kind": "CONFIRMACION_PROCESO", "event_id": null,
           "started_at": started_at, "minutes": 30, "participants": [agent], "notes": "",
           "details": {"tipo": "confirmacion_proceso", "agent_id": agent,
                       "checklist": [
                           {"step": "bienvenida", "label": "1. Bienvenida", "weight": 10, "ok": true},
                           {"step": "validacion", "label": "2. Validación", "weight": 10, "ok": true},
                           {"step": "cierre", "label": "8. Cierre", "weight": 20, "ok": false},
                           {"step": "visita", "label": "5. Visita", "weight": 10, "ok": null}],
                       "feedback": "Buen saludo; falta el resumen al cierre."}})
}

async fn recording_practices_is_validated_idempotent_and_seen_by_the_agent(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let asesor1 = app.user_id("asesor1").await;
    let asesor3 = app.user_id("asesor3").await;
    let now = just_now();

    // An agent of another team, a future time, a missing feedback: refused,
    // nothing stored.
    let mut wrong = confirmation("c-0", asesor3, &now);
    wrong["details"]["feedback"] = json!("");
    wrong["started_at"] = json!("2099-01-01T08:00:00");
    let refused = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some(wrong),
            Some(&supervisor),
        )
        .await;
    assert_eq!(refused.status.as_u16(), 422);
    let message = refused.error_message();
    assert!(message.contains("asesor activo de su equipo"), "{message}");
    assert!(message.contains("aún no ha ocurrido"), "{message}");
    assert!(message.contains("retroalimentación"), "{message}");
    assert_eq!(app.count("practice_records", "1 = 1").await, 0);

    // Saved twice (a tablet resending after the network came back): one.
    let first = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some(confirmation("c-1", asesor1, &now)),
            Some(&supervisor),
        )
        .await;
    assert_eq!(first.status.as_u16(), 200, "{}", first.text());
    // 10 + 10 of 40 applicable points (the visit did not apply).
    assert_eq!(first.json()["score"], 50.0);
    let again = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some(confirmation("c-1", asesor1, &now)),
            Some(&supervisor),
        )
        .await;
    assert_eq!(again.json()["id"], first.json()["id"]);
    assert_eq!(app.count("practice_records", "1 = 1").await, 1);

    // The agent reads score and feedback; another agent sees nothing.
    let agent = app.login_as("asesor1").await;
    let mine = app
        .get("/api/v1/practice-records/mine", Some(&agent))
        .await
        .json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(
        mine[0]["details"]["feedback"],
        "Buen saludo; falta el resumen al cierre."
    );
    assert_eq!(mine[0]["leader"]["login"], "supervisor1");
    let other = app.login_as("asesor2").await;
    let theirs = app
        .get("/api/v1/practice-records/mine", Some(&other))
        .await
        .json();
    assert!(theirs.as_array().unwrap().is_empty());

    // Recording a planned event marks it done; it can no longer be moved.
    let planned = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(
                json!({"request_id": "dd", "kind": "DIALOGO_DIARIO", "title": "",
                        "starts_at": now, "minutes": null, "participants": [],
                        "notes": "", "repeat": null}),
            ),
            Some(&supervisor),
        )
        .await
        .json();
    let event_id = planned[0]["id"].as_i64().unwrap();
    let done = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some(json!({"client_id": "d-1", "kind": "DIALOGO_DIARIO", "event_id": event_id,
                        "started_at": now, "minutes": 15, "participants": [asesor1],
                        "notes": "Meta de contactabilidad", "details": {"tipo": "general", "agreements": "Llamar antes de las 10"}})),
            Some(&supervisor),
        )
        .await;
    assert_eq!(done.status.as_u16(), 200, "{}", done.text());
    assert_eq!(
        app.count(
            "calendar_events",
            &format!("id = {event_id} AND status = 'REALIZADA'")
        )
        .await,
        1
    );
    let moved = app
        .send(
            Method::PUT,
            &format!("/api/v1/calendar/{event_id}"),
            Some(
                json!({"starts_at": now, "minutes": 15, "title": "Diálogo diario",
                        "participants": [], "notes": "", "cancelled": true}),
            ),
            Some(&supervisor),
        )
        .await;
    assert_eq!(moved.status.as_u16(), 409);

    // The coordinador reads the team's records; the other supervisor does not.
    let coordinador = app.login_as("coordinador").await;
    let today = &now[..10];
    let listed = app
        .get(
            &format!("/api/v1/practice-records?from={today}&to={today}"),
            Some(&coordinador),
        )
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let supervisor2 = app.login_as("supervisor2").await;
    let hidden = app
        .get(
            &format!("/api/v1/practice-records?from={today}&to={today}"),
            Some(&supervisor2),
        )
        .await
        .json();
    assert!(hidden.as_array().unwrap().is_empty());
}

async fn adherence_counts_done_over_due_with_roll_up(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let now = just_now();
    let reply = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some(
                json!({"client_id": "a-1", "kind": "AGENDA_LIDER", "event_id": null,
                        "started_at": now, "minutes": 30, "participants": [], "notes": "",
                        "details": {"tipo": "general", "agreements": ""}}),
            ),
            Some(&supervisor),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text());

    let own = app
        .get("/api/v1/adherence?weeks=3", Some(&supervisor))
        .await
        .json();
    let leaders = own["leaders"].as_array().unwrap();
    assert_eq!(leaders.len(), 1, "a supervisor sees only themself");
    let week = &leaders[0]["weeks"][0];
    let agenda = week["practices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "AGENDA_LIDER")
        .unwrap();
    assert_eq!(
        (agenda["due"].as_u64(), agenda["credited"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(week["credited"], 1);
    assert!(week["due"].as_u64().unwrap() >= 2);
    assert_eq!(leaders[0]["weeks"].as_array().unwrap().len(), 3);
    assert_eq!(leaders[0]["weeks"][1]["credited"], 0);

    // The coordinador's roll-up adds their supervisors and themself.
    let coordinador = app.login_as("coordinador").await;
    let report = app
        .get("/api/v1/adherence?weeks=1", Some(&coordinador))
        .await
        .json();
    let logins: Vec<&str> = report["leaders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["leader"]["login"].as_str().unwrap())
        .collect();
    assert!(logins.contains(&"coordinador") && logins.contains(&"supervisor1"));
    assert!(!logins.contains(&"gerente"));
    let due: u64 = report["leaders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["weeks"][0]["due"].as_u64().unwrap())
        .sum();
    assert_eq!(report["roll_up"][0]["due"].as_u64(), Some(due));
    assert_eq!(report["roll_up"][0]["credited"], 1);

    let bad = app
        .get("/api/v1/adherence?weeks=99", Some(&coordinador))
        .await;
    assert_eq!(bad.status.as_u16(), 422);
    let agent = app.login_as("asesor1").await;
    assert_eq!(
        app.get("/api/v1/adherence", Some(&agent))
            .await
            .status
            .as_u16(),
        403
    );
}

async fn the_ics_feed_parses_and_its_token_can_be_retired(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let soon = to_local(chrono::Utc::now() + chrono::Duration::days(2))
        .date()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let made = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(event("ics-1", "Revisión de metas, equipo 1", &soon, 45)),
            Some(&supervisor),
        )
        .await
        .json();
    let cancelled_id = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(event(
                "ics-2",
                "Reunión cancelada",
                &soon.replace("09:00", "15:00"),
                30,
            )),
            Some(&supervisor),
        )
        .await
        .json()[0]["id"]
        .as_i64()
        .unwrap();
    app.send(
        Method::PUT,
        &format!("/api/v1/calendar/{cancelled_id}"),
        Some(json!({"starts_at": soon.replace("09:00", "15:00"), "minutes": 30,
                    "title": "Reunión cancelada", "participants": [], "notes": "", "cancelled": true})),
        Some(&supervisor),
    )
    .await;

    let link = app
        .send(
            Method::POST,
            "/api/v1/calendar/feed",
            None,
            Some(&supervisor),
        )
        .await
        .json();
    let path = link["path"].as_str().unwrap().to_string();
    assert!(path.starts_with("/ics/") && path.ends_with(".ics"));
    // No session: the token in the address is the credential.
    let feed = app.get(&path, None).await;
    assert_eq!(feed.status.as_u16(), 200);
    let body = feed.text();
    let calendar = ical::IcalParser::new(body.as_bytes())
        .next()
        .expect("one calendar")
        .expect("a valid iCalendar");
    let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(calendar.events.len(), 2);
    let goals = calendar
        .events
        .iter()
        .find(|e| property(e, "SUMMARY").as_deref() == Some("Revisión de metas\\, equipo 1"))
        .expect("the event, its comma escaped as RFC 5545 says");
    let starts = chrono::NaiveDateTime::parse_from_str(&soon, "%Y-%m-%dT%H:%M:%S").unwrap()
        + chrono::Duration::hours(5);
    assert_eq!(
        property(goals, "DTSTART"),
        Some(starts.format("%Y%m%dT%H%M%SZ").to_string())
    );
    assert_eq!(
        property(goals, "UID"),
        Some(format!("faro-evento-{}@faro", made[0]["id"]))
    );
    let cancelled = calendar
        .events
        .iter()
        .find(|e| property(e, "SUMMARY").as_deref() == Some("Reunión cancelada"))
        .unwrap();
    assert_eq!(property(cancelled, "STATUS").as_deref(), Some("CANCELLED"));
    assert_eq!(property(cancelled, "SEQUENCE").as_deref(), Some("1"));

    // A new address retires the old one; a made-up token finds nothing.
    app.send(
        Method::POST,
        "/api/v1/calendar/feed",
        None,
        Some(&supervisor),
    )
    .await;
    assert_eq!(app.get(&path, None).await.status.as_u16(), 404);
    assert_eq!(
        app.get("/ics/inventado.ics", None).await.status.as_u16(),
        404
    );
}
