//! Field operations on real databases: the agenda never overbooked under
//! concurrency, visits booked from a call, moved, kept on the case and
//! given back; outages that block booking, link contacts and call them back
//! when closed; escalations from the close to the back office and back.

use crate::common::{Session, TestApp, build, call_router};
use crate::guide::start;
use crate::on_both_databases;
use crate::queue::{row, team1_base};
use app::domain::local_time::{bogota, local_date};
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use serde_json::{Value, json};

on_both_databases!(
    fifty_concurrent_bookings_never_overbook_a_slot,
    visits_moved_both_ways_at_once_never_deadlock,
    a_visit_is_booked_moved_retried_kept_on_the_case_and_given_back,
    the_agenda_is_opened_by_form_and_csv_whole_or_not_at_all,
    an_outage_blocks_booking_links_contacts_and_its_closing_calls_back,
    escalations_go_from_the_close_to_the_back_office_and_back_to_the_agent,
    only_the_back_office_and_the_admin_work_the_queue
);

/// The first day the slots opened here are open: tomorrow, so that no
/// franja of it is over whatever the hour the tests run at (a franja of
/// today is over from 12:00 or 18:00 Bogotá on).
fn first_day() -> String {
    in_days(1)
}

fn in_days(days: i64) -> String {
    (local_date(Utc::now()) + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn callback_in_days(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .with_timezone(&bogota())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Opens `capacity` places a franja in a zone from tomorrow for `days` days;
/// answers the slots.
async fn open_slots(app: &TestApp, zone: &str, days: i64, capacity: i32) -> Vec<Value> {
    let admin = app.login_as("admin").await;
    let reply = app
        .send(
            Method::POST,
            "/api/v1/visit-slots",
            Some(
                json!({"zone": zone, "from": first_day(), "to": in_days(days),
                "franjas": ["AM", "PM"], "capacity": capacity, "skip_holidays": false}),
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let listed = app
        .get(
            &format!(
                "/api/v1/visit-slots?zone={}&from={}&to={}",
                zone.replace(' ', "+"),
                first_day(),
                in_days(days)
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text());
    listed.json().as_array().unwrap().clone()
}

async fn open_record(app: &TestApp, agent: &Session, cuenta: u32, base: i64) -> i64 {
    let reply = app
        .send(
            Method::POST,
            &format!("/api/v1/records/open?cuenta={cuenta}&base={base}"),
            None,
            Some(agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()["record"]["id"].as_i64().unwrap()
}

/// A support call of a customer in Cali held by the agent; answers the
/// record id.
async fn support_call(app: &TestApp, agent: &Session, cuenta: u32, key: &str) -> i64 {
    let base = team1_base(
        app,
        &format!("Soporte {cuenta}"),
        &row(cuenta, 1, "01/11/2026"),
    )
    .await;
    let record = open_record(app, agent, cuenta, base).await;
    start(app, agent, record, key).await;
    record
}

async fn book(app: &TestApp, agent: &Session, key: &str, slot: i64) -> crate::common::Reply {
    app.send(
        Method::POST,
        "/api/v1/visits",
        Some(json!({"interaction_key": key, "slot_id": slot, "kind": "OT", "motivo": "Sin señal en el cable módem"})),
        Some(agent),
    )
    .await
}

async fn slot_booked(app: &TestApp, slot: i64) -> i64 {
    app.count("visit_slots", &format!("id = {slot} AND booked = 1"))
        .await
        + 2 * app
            .count("visit_slots", &format!("id = {slot} AND booked = 2"))
            .await
}

/// The answers of a support call that ends as `resolution` says, plus
/// `extra` (visit fields, case state …).
fn support_answers(resolution: &str, extra: Value) -> Value {
    let mut answers = json!({
        "habla_con_titular": "SI",
        "cuenta_validada": "SI",
        "estado_servicio": "CON_FALLA",
        "requerimiento": "SOPORTE",
        "servicio_afectado": "INTERNET",
        "tipo_falla": "PUNTUAL",
        "falla_confirmada": "SI",
        "servicios_asociados": "NO",
        "sin_masiva_en_zona": "SI",
        "cm_enganchado": "NO",
        "vecinos_con_senal": "SI",
        "solucionado": "NO",
        "resolucion": resolution,
        "datos_escalamiento": "Equipo sin sincronizar; reinicio hecho. Contacto en la tarde.",
        "tipificacion": "SOP_ESCALADO_DIME",
        "spc": "NO",
        "notas": "Escalado",
        "resolucion_informada": "SI",
        "sin_mas_solicitudes": "SI",
        "estado_caso": "ESCALAMIENTOS",
        "devolucion": callback_in_days(3),
    });
    for (key, value) in extra.as_object().unwrap() {
        answers[key] = value.clone();
    }
    answers
}

fn visit_answers(slot_answer: &str) -> Value {
    support_answers(
        "VISITA",
        json!({
            "tipo_visita": "OT",
            "motivo_visita": "Sin señal en el cable módem",
            "direccion_confirmada": "SI",
            "cupo_visita": slot_answer,
            "numero_orden": "77001234",
            "datos_sin_cupo": "Puede recibir la visita cualquier mañana.",
            "tipificacion": "SOP_VISITA_TECNICA",
            "estado_caso": if slot_answer.starts_with('{') { "VISITAS" } else { "ESCALAMIENTOS" },
        }),
    )
}

/// `count` agents of team 1, each on a call with a customer in Cali;
/// answers their sessions and call keys.
async fn agents_on_calls(
    app: &TestApp,
    prefix: &str,
    first_cuenta: u32,
    count: u32,
) -> Vec<(Session, String)> {
    let rows: String = (0..count)
        .map(|i| row(first_cuenta + i, 1, "01/11/2026"))
        .collect();
    let base = team1_base(app, &format!("Agenda {prefix}"), &rows).await;
    let hash = server::services::passwords::hash("Clave.Prueba.2026".into())
        .await
        .unwrap();
    let mut calls = Vec::new();
    for i in 0..count {
        let login = format!("{prefix}{i:02}");
        server::services::users::insert_user(
            &app.db,
            server::services::users::NewUser {
                login: &login,
                name: &format!("Agente {i}"),
                role: app::domain::role::Role::Asesor,
                reports_to: Some("supervisor1"),
                password_hash: hash.clone(),
            },
        )
        .await
        .unwrap();
        let agent = app.session_for(&login).await;
        let record = open_record(app, &agent, first_cuenta + i, base).await;
        let key = format!("{prefix}-llamada-{i:03}");
        start(app, &agent, record, &key).await;
        calls.push((agent, key));
    }
    calls
}

async fn fifty_concurrent_bookings_never_overbook_a_slot(app: TestApp) {
    let slots = open_slots(&app, "Cali", 1, 10).await;
    let slot = slots[0]["id"].as_i64().unwrap();
    let calls = agents_on_calls(&app, "reserva", 8100, 50).await;
    let mut tasks = Vec::new();
    for (agent, key) in calls {
        let router = app.router();
        tasks.push(tokio::spawn(async move {
            let body = json!({"interaction_key": key, "slot_id": slot, "kind": "LLS", "motivo": "Sin servicio"});
            call_router(
                &router,
                build(Method::POST, "/api/v1/visits", Some(body), Some(&agent), Some(&agent.csrf)),
            )
            .await
        }));
    }
    let mut booked = 0;
    let mut full = 0;
    for task in tasks {
        let reply = task.await.unwrap();
        match reply.status {
            StatusCode::OK => booked += 1,
            StatusCode::CONFLICT => {
                assert!(
                    reply.error_message().contains("ya no tiene lugar"),
                    "{}",
                    reply.text()
                );
                full += 1;
            }
            other => panic!("unexpected {other}: {}", reply.text()),
        }
    }
    assert_eq!((booked, full), (10, 40));
    assert_eq!(
        app.count(
            "visit_slots",
            &format!("id = {slot} AND booked = 10 AND capacity = 10")
        )
        .await,
        1
    );
    assert_eq!(
        app.count(
            "visits",
            &format!("slot_id = {slot} AND status = 'AGENDADA'")
        )
        .await,
        10
    );
}

/// Half the calls move their visit from A to B while the other half move
/// from B to A: each move locks both slots, in the same order, so none
/// waits for the other forever (PostgreSQL would abort one as a deadlock).
async fn visits_moved_both_ways_at_once_never_deadlock(app: TestApp) {
    let slots = open_slots(&app, "Cali", 1, 20).await;
    let (a, b) = (
        slots[0]["id"].as_i64().unwrap(),
        slots[1]["id"].as_i64().unwrap(),
    );
    let calls = agents_on_calls(&app, "cruce", 8700, 20).await;
    for (n, (agent, key)) in calls.iter().enumerate() {
        let first = if n % 2 == 0 { a } else { b };
        assert_eq!(book(&app, agent, key, first).await.status, StatusCode::OK);
    }
    for round in 0..3 {
        let mut tasks = Vec::new();
        for (n, (agent, key)) in calls.iter().cloned().enumerate() {
            let router = app.router();
            let to = if (n + round) % 2 == 0 { b } else { a };
            tasks.push(tokio::spawn(async move {
                let body = json!({"interaction_key": key, "slot_id": to, "kind": "LLS", "motivo": "Sin servicio"});
                call_router(
                    &router,
                    build(Method::POST, "/api/v1/visits", Some(body), Some(&agent), Some(&agent.csrf)),
                )
                .await
            }));
        }
        for task in tasks {
            let reply = task.await.unwrap();
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        }
        assert_eq!(
            app.count("visit_slots", &format!("id IN ({a}, {b}) AND booked = 10"))
                .await,
            2
        );
    }
}

async fn a_visit_is_booked_moved_retried_kept_on_the_case_and_given_back(app: TestApp) {
    let slots = open_slots(&app, "Cali", 2, 1).await;
    let (first, second) = (
        slots[0]["id"].as_i64().unwrap(),
        slots[1]["id"].as_i64().unwrap(),
    );
    let agent = app.login_as("asesor1").await;
    let record = support_call(&app, &agent, 8201, "visita-agendada-0001").await;

    // The guide sees the zone's agenda.
    let shown = app
        .get(
            &format!("/api/v1/records/{record}/visit-slots?interaction=visita-agendada-0001"),
            Some(&agent),
        )
        .await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.text());
    let shown = shown.json();
    assert_eq!(shown["place"]["zone"], "Cali");
    assert!(shown["blocked_by"].is_null());
    assert_eq!(shown["slots"].as_array().unwrap().len(), 4);

    // Booked; the same request again changes nothing; another slot moves it.
    let booked = book(&app, &agent, "visita-agendada-0001", first).await;
    assert_eq!(booked.status, StatusCode::OK, "{}", booked.text());
    let visit = booked.json()["id"].as_i64().unwrap();
    let again = book(&app, &agent, "visita-agendada-0001", first).await;
    assert_eq!(again.json()["id"].as_i64(), Some(visit));
    assert_eq!(slot_booked(&app, first).await, 1);
    let moved = book(&app, &agent, "visita-agendada-0001", second).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved.json()["id"].as_i64(), Some(visit));
    assert_eq!(
        (
            slot_booked(&app, first).await,
            slot_booked(&app, second).await
        ),
        (0, 1)
    );

    // A full slot is refused in Spanish; so is another zone's slot.
    let other = app.login_as("asesor2").await;
    support_call(&app, &other, 8202, "visita-agendada-0002").await;
    let refused = book(&app, &other, "visita-agendada-0002", second).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.error_message().contains("ya no tiene lugar"));
    let bogota_slot = open_slots(&app, "Bogotá", 1, 1).await[0]["id"]
        .as_i64()
        .unwrap();
    let wrong_zone = book(&app, &other, "visita-agendada-0002", bogota_slot).await;
    assert_eq!(wrong_zone.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong_zone.text().contains("no es de la zona del cliente"));

    // The close keeps it on the case with its order number.
    let value = json!({"visit": visit, "slot": second, "zone": "Cali",
        "date": moved.json()["slot"]["date"], "franja": moved.json()["slot"]["franja"]})
    .to_string();
    let closed =
        crate::guide::close(&app, &agent, "visita-agendada-0001", visit_answers(&value)).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let case = closed.json()["case"]["id"].as_i64().unwrap();
    assert_eq!(closed.json()["case"]["state"], "VISITAS");
    let view = app
        .get(&format!("/api/v1/cases/{case}"), Some(&agent))
        .await
        .json();
    assert_eq!(view["visits"][0]["order_number"], "77001234");
    assert_eq!(view["visits"][0]["kind"], "OT");
    assert!(
        view["events"]
            .to_string()
            .contains("Visita OT orden 77001234")
    );

    // Rescheduling needs a reason; with one, the places move.
    let no_reason = app
        .send(
            Method::POST,
            &format!("/api/v1/visits/{visit}/reschedule"),
            Some(json!({"slot_id": first, "reason": " "})),
            Some(&agent),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (
            slot_booked(&app, first).await,
            slot_booked(&app, second).await
        ),
        (0, 1)
    );
    let rescheduled = app
        .send(
            Method::POST,
            &format!("/api/v1/visits/{visit}/reschedule"),
            Some(json!({"slot_id": first, "reason": "El cliente viaja"})),
            Some(&agent),
        )
        .await;
    assert_eq!(rescheduled.status, StatusCode::OK, "{}", rescheduled.text());
    assert_eq!(
        (
            slot_booked(&app, first).await,
            slot_booked(&app, second).await
        ),
        (1, 0)
    );
    // Another team's agent may not touch it; the back office cancels it.
    let stranger = app.login_as("asesor3").await;
    let forbidden = app
        .send(
            Method::POST,
            &format!("/api/v1/visits/{visit}/cancel"),
            Some(json!({"reason": "No"})),
            Some(&stranger),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let backoffice = app.login_as("backoffice").await;
    let cancelled = app
        .send(
            Method::POST,
            &format!("/api/v1/visits/{visit}/cancel"),
            Some(json!({"reason": "Falla resuelta remotamente"})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    assert_eq!(cancelled.json()["status"], "CANCELADA");
    assert_eq!(slot_booked(&app, first).await, 0);
    let events = app
        .get(&format!("/api/v1/cases/{case}"), Some(&agent))
        .await
        .json()["events"]
        .to_string();
    assert!(
        events.contains("reprogramada") && events.contains("cancelada"),
        "{events}"
    );

    // A call abandoned after booking gives its place back.
    let booked = book(&app, &other, "visita-agendada-0002", first).await;
    assert_eq!(booked.status, StatusCode::OK, "{}", booked.text());
    assert_eq!(slot_booked(&app, first).await, 1);
    let abandoned = app
        .send(
            Method::POST,
            "/api/v1/interactions/visita-agendada-0002/abandon",
            None,
            Some(&other),
        )
        .await;
    assert_eq!(
        abandoned.status,
        StatusCode::NO_CONTENT,
        "{}",
        abandoned.text()
    );
    assert_eq!(slot_booked(&app, first).await, 0);
}

async fn the_agenda_is_opened_by_form_and_csv_whole_or_not_at_all(app: TestApp) {
    let backoffice = app.login_as("backoffice").await;
    // Bad input: nothing opened, every problem named.
    let bad = app
        .send(
            Method::POST,
            "/api/v1/visit-slots",
            Some(json!({"zone": "", "from": in_days(-1), "to": in_days(3), "franjas": [], "capacity": 900})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.text();
    assert!(
        text.contains("Indique la zona")
            && text.contains("ya pasó")
            && text.contains("Elija al menos una franja"),
        "{text}"
    );
    assert_eq!(app.count("visit_slots", "1 = 1").await, 0);

    let csv = format!(
        "zona;fecha;franja;capacidad\nPereira;{};AM;4\nPereira;{};tarde;4\nPereira;{};PM;-1\n",
        local_date(Utc::now()).format("%d/%m/%Y"),
        in_days(1),
        in_days(1)
    );
    let refused = app
        .send_bytes(
            Method::POST,
            "/api/v1/visit-slots/import",
            csv.into_bytes(),
            &backoffice,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text();
    assert!(
        text.contains("Línea 3") && text.contains("Línea 4"),
        "{text}"
    );
    assert_eq!(app.count("visit_slots", "1 = 1").await, 0);

    let good = format!(
        "zona,fecha,franja,capacidad\nPereira,{},AM,4\npereira,{},PM,2\n",
        local_date(Utc::now()).format("%d/%m/%Y"),
        in_days(1)
    );
    let imported = app
        .send_bytes(
            Method::POST,
            "/api/v1/visit-slots/import",
            good.clone().into_bytes(),
            &backoffice,
        )
        .await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.text());
    assert_eq!(imported.json(), json!({"created": 2, "updated": 0}));
    // Again: the same slots, updated (no duplicates).
    let again = app
        .send_bytes(
            Method::POST,
            "/api/v1/visit-slots/import",
            good.into_bytes(),
            &backoffice,
        )
        .await;
    assert_eq!(again.json(), json!({"created": 0, "updated": 2}));
    assert_eq!(app.count("visit_slots", "zone_key = 'PEREIRA'").await, 2);

    // Capacity never below what is booked.
    let slot = open_slots(&app, "Cali", 1, 1).await[0]["id"]
        .as_i64()
        .unwrap();
    let agent = app.login_as("asesor1").await;
    support_call(&app, &agent, 8301, "agenda-capacidad-01").await;
    assert_eq!(
        book(&app, &agent, "agenda-capacidad-01", slot).await.status,
        StatusCode::OK
    );
    let lowered = app
        .send(
            Method::PATCH,
            &format!("/api/v1/visit-slots/{slot}"),
            Some(json!({"capacity": 0, "active": true})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(lowered.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(lowered.text().contains("ya tiene 1 visitas agendadas"));
    let closed = app
        .send(
            Method::PATCH,
            &format!("/api/v1/visit-slots/{slot}"),
            Some(json!({"capacity": 3, "active": false})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    assert_eq!(closed.json()["active"], false);
}

fn incident(number: &str, zones: &[&str]) -> Value {
    json!({
        "number": number,
        "priority": "ALTA",
        "description": "Corte de fibra troncal",
        "zones": zones,
        "nodes": [],
        "starts_at": (Utc::now() - Duration::hours(1)).to_rfc3339(),
        "expected_end": (Utc::now() + Duration::hours(5)).to_rfc3339(),
    })
}

async fn an_outage_blocks_booking_links_contacts_and_its_closing_calls_back(app: TestApp) {
    let slot = open_slots(&app, "Cali", 1, 5).await[0]["id"]
        .as_i64()
        .unwrap();
    let backoffice = app.login_as("backoffice").await;
    let bad = app
        .send(
            Method::POST,
            "/api/v1/incidents",
            Some(incident("INC12", &[])),
            Some(&backoffice),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text().contains("INC seguido de 6 a 12 dígitos")
            && bad.text().contains("al menos una zona")
    );
    assert_eq!(app.count("incidents", "1 = 1").await, 0);
    let created = app
        .send(
            Method::POST,
            "/api/v1/incidents",
            Some(incident("inc 000555111", &["CALI", "Jamundí"])),
            Some(&backoffice),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text());
    let incident_id = created.json()["id"].as_i64().unwrap();
    assert_eq!(created.json()["number"], "INC000555111");
    let repeated = app
        .send(
            Method::POST,
            "/api/v1/incidents",
            Some(incident("INC000555111", &["Cali"])),
            Some(&backoffice),
        )
        .await;
    assert_eq!(repeated.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The guide is told before troubleshooting; booking is blocked.
    let agent = app.login_as("asesor1").await;
    let base = team1_base(&app, "Clientes en Cali", &row(8401, 1, "01/11/2026")).await;
    let record = open_record(&app, &agent, 8401, base).await;
    let started = start(&app, &agent, record, "aviso-masivo-000001").await;
    let outages = &started["field"]["outages"];
    assert_eq!(outages[0]["incident"]["number"], "INC000555111");
    assert_eq!(outages[0]["previous_contacts"], 0);
    let blocked = book(&app, &agent, "aviso-masivo-000001", slot).await;
    assert_eq!(blocked.status, StatusCode::CONFLICT);
    assert!(
        blocked.error_message().contains("INC000555111"),
        "{}",
        blocked.text()
    );
    let shown = app
        .get(
            &format!("/api/v1/records/{record}/visit-slots?interaction=aviso-masivo-000001"),
            Some(&agent),
        )
        .await
        .json();
    assert_eq!(shown["blocked_by"]["number"], "INC000555111");
    assert_eq!(slot_booked(&app, slot).await, 0);

    // The call closes linked to the notice, in follow-up.
    let answers = support_answers(
        "DIAGNOSTICADOR_SECTOR",
        json!({"tipo_falla": "MASIVA", "prioridad_aviso": "ALTA", "afectacion_zona": "Sin servicio en el barrio",
            "numero_inc": "INC000555111", "ya_llamo_mismo_aviso": "NO", "tipificacion": "SOP_FALLA_MASIVA",
            "estado_caso": "SOPORTE"}),
    );
    let closed = crate::guide::close(&app, &agent, "aviso-masivo-000001", answers.clone()).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let case = closed.json()["case"]["id"].as_i64().unwrap();
    assert_eq!(
        app.count("incident_contacts", &format!("incident_id = {incident_id}"))
            .await,
        1
    );
    // A retried close links once.
    crate::guide::close(&app, &agent, "aviso-masivo-000001", answers).await;
    assert_eq!(
        app.count("incident_contacts", &format!("incident_id = {incident_id}"))
            .await,
        1
    );

    // The customer calls again: flagged as a repeat caller.
    let record = open_record(&app, &agent, 8401, base).await;
    let again = start(&app, &agent, record, "aviso-masivo-000002").await;
    assert_eq!(again["field"]["outages"][0]["previous_contacts"], 1);
    app.send(
        Method::POST,
        "/api/v1/interactions/aviso-masivo-000002/abandon",
        None,
        Some(&agent),
    )
    .await;

    // Closing the notice lists the customer and brings the callback to now.
    let before = Utc::now();
    let closure = app
        .send(
            Method::POST,
            &format!("/api/v1/incidents/{incident_id}/close"),
            None,
            Some(&backoffice),
        )
        .await;
    assert_eq!(closure.status, StatusCode::OK, "{}", closure.text());
    let closure = closure.json();
    assert_eq!(closure["incident"]["status"], "CERRADO");
    assert_eq!(closure["customers"][0]["cuenta"], "8401");
    assert_eq!(closure["customers"][0]["case_id"].as_i64(), Some(case));
    let callback: chrono::DateTime<Utc> =
        serde_json::from_value(closure["customers"][0]["callback_at"].clone()).unwrap();
    assert!(callback <= Utc::now() && callback >= before - Duration::seconds(5));
    let events = app
        .get(&format!("/api/v1/cases/{case}"), Some(&agent))
        .await
        .json()["events"]
        .to_string();
    assert!(events.contains("Aviso INC000555111 cerrado"), "{events}");
    // Booking is open again once the notice is closed.
    let record = open_record(&app, &agent, 8401, base).await;
    start(&app, &agent, record, "aviso-masivo-000003").await;
    assert_eq!(
        book(&app, &agent, "aviso-masivo-000003", slot).await.status,
        StatusCode::OK
    );
    // A closed notice is no longer edited.
    let edit = app
        .send(
            Method::PUT,
            &format!("/api/v1/incidents/{incident_id}"),
            Some(incident("INC000555111", &["Cali"])),
            Some(&backoffice),
        )
        .await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
}

async fn escalations_go_from_the_close_to_the_back_office_and_back_to_the_agent(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    support_call(&app, &agent, 8501, "escalamiento-dime-01").await;
    let answers = support_answers("DIME", json!({}));
    let closed = crate::guide::close(&app, &agent, "escalamiento-dime-01", answers.clone()).await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let case = closed.json()["case"]["id"].as_i64().unwrap();
    // A retried close escalates once.
    crate::guide::close(&app, &agent, "escalamiento-dime-01", answers).await;
    assert_eq!(
        app.count("escalations", &format!("case_id = {case}")).await,
        1
    );

    let backoffice = app.login_as("backoffice").await;
    let queue = app
        .get(
            "/api/v1/escalations?status=PENDIENTE&kind=DIME",
            Some(&backoffice),
        )
        .await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text());
    let item = queue.json()[0].clone();
    let id = item["id"].as_i64().unwrap();
    assert_eq!(item["case_id"].as_i64(), Some(case));
    assert_eq!(item["owner"]["login"], "asesor1");
    assert!(
        item["data"]
            .as_str()
            .unwrap()
            .contains("Datos del escalamiento: Equipo sin sincronizar")
    );
    let created: chrono::DateTime<Utc> =
        serde_json::from_value(item["created_at"].clone()).unwrap();
    let due: chrono::DateTime<Utc> = serde_json::from_value(item["due_at"].clone()).unwrap();
    assert_eq!(due - created, Duration::hours(48));

    // Answering before taking is refused; taking twice by another is too.
    let early = app
        .send(
            Method::POST,
            &format!("/api/v1/escalations/{id}/answer"),
            Some(json!({"text": "Hola"})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    let taken = app
        .send(
            Method::POST,
            &format!("/api/v1/escalations/{id}/take"),
            None,
            Some(&backoffice),
        )
        .await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.text());
    assert_eq!(taken.json()["status"], "EN_GESTION");
    let admin = app.login_as("admin").await;
    let stolen = app
        .send(
            Method::POST,
            &format!("/api/v1/escalations/{id}/take"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(stolen.status, StatusCode::CONFLICT);
    assert!(
        stolen.error_message().contains("Paola Castro ya tomó"),
        "{}",
        stolen.text()
    );

    // An empty answer changes nothing; a real one reaches the case, sets
    // its callback and alerts the agent.
    let empty = app
        .send(
            Method::POST,
            &format!("/api/v1/escalations/{id}/answer"),
            Some(json!({"text": "  "})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("escalation_answers", "1 = 1").await, 0);
    let callback = Utc::now() + Duration::hours(4);
    let answered = app
        .send(
            Method::POST,
            &format!("/api/v1/escalations/{id}/answer"),
            Some(json!({"text": "Inventario corregido en DIME.", "callback_at": callback.to_rfc3339()})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.text());
    assert_eq!(
        answered.json()["answers"][0]["text"],
        "Inventario corregido en DIME."
    );
    assert_eq!(
        app.count(
            "alerts",
            &format!("kind = 'escalamiento' AND user_id = {}", agent.user_id)
        )
        .await,
        1
    );
    let view = app
        .get(&format!("/api/v1/cases/{case}"), Some(&agent))
        .await
        .json();
    assert!(
        view["events"]
            .to_string()
            .contains("Inventario corregido en DIME.")
    );
    assert_eq!(
        view["escalations"][0]["answers"][0]["by"]["login"],
        "backoffice"
    );
    let stored: chrono::DateTime<Utc> =
        serde_json::from_value(view["summary"]["callback_at"].clone()).unwrap();
    assert!((stored - callback).num_seconds().abs() <= 1);

    let resolved = app
        .send(
            Method::POST,
            &format!("/api/v1/escalations/{id}/resolve"),
            Some(json!({"text": "Servicio activo."})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.text());
    assert_eq!(resolved.json()["status"], "RESUELTA");
    let late = app
        .send(
            Method::POST,
            &format!("/api/v1/escalations/{id}/answer"),
            Some(json!({"text": "Otra"})),
            Some(&backoffice),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);

    // The admin's SLA applies to the next escalation; no slot escalates too.
    let slas = app
        .send(
            Method::PUT,
            "/api/v1/escalation-slas",
            Some(json!([{"kind": "SIN_CUPO", "hours": 6}])),
            Some(&admin),
        )
        .await;
    assert_eq!(slas.status, StatusCode::OK, "{}", slas.text());
    let bad = app
        .send(
            Method::PUT,
            "/api/v1/escalation-slas",
            Some(json!([{"kind": "DIME", "hours": 0}])),
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    support_call(&app, &agent, 8502, "escalamiento-sin-cupo").await;
    let closed = crate::guide::close(
        &app,
        &agent,
        "escalamiento-sin-cupo",
        visit_answers("SIN_CUPO"),
    )
    .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let queue = app
        .get("/api/v1/escalations?kind=SIN_CUPO", Some(&backoffice))
        .await
        .json();
    let created: chrono::DateTime<Utc> =
        serde_json::from_value(queue[0]["created_at"].clone()).unwrap();
    let due: chrono::DateTime<Utc> = serde_json::from_value(queue[0]["due_at"].clone()).unwrap();
    assert_eq!(due - created, Duration::hours(6));
    assert!(
        queue[0]["data"]
            .as_str()
            .unwrap()
            .contains("Puede recibir la visita cualquier mañana.")
    );
    // Overdue filter: nothing is overdue yet.
    let overdue = app
        .get("/api/v1/escalations?overdue=true", Some(&backoffice))
        .await
        .json();
    assert_eq!(overdue.as_array().unwrap().len(), 0);
}

async fn only_the_back_office_and_the_admin_work_the_queue(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    support_call(&app, &agent, 8601, "roles-escalamiento-1").await;
    let closed = crate::guide::close(
        &app,
        &agent,
        "roles-escalamiento-1",
        support_answers("DIME", json!({})),
    )
    .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text());
    let id = app
        .get("/api/v1/escalations", Some(&app.login_as("admin").await))
        .await
        .json()[0]["id"]
        .as_i64()
        .unwrap();
    for login in ["asesor1", "supervisor1", "gerente", "calidad"] {
        let who = app.login_as(login).await;
        assert_eq!(
            app.get("/api/v1/escalations", Some(&who)).await.status,
            StatusCode::FORBIDDEN,
            "{login}"
        );
        let take = app
            .send(
                Method::POST,
                &format!("/api/v1/escalations/{id}/take"),
                None,
                Some(&who),
            )
            .await;
        assert_eq!(take.status, StatusCode::FORBIDDEN, "{login}");
        let incident = app
            .send(
                Method::POST,
                "/api/v1/incidents",
                Some(incident("INC000777000", &["Cali"])),
                Some(&who),
            )
            .await;
        assert_eq!(incident.status, StatusCode::FORBIDDEN, "{login}");
        let slots = app
            .send(
                Method::POST,
                "/api/v1/visit-slots",
                Some(json!({"zone": "Cali", "from": first_day(), "to": first_day(), "franjas": ["AM"], "capacity": 1})),
                Some(&who),
            )
            .await;
        assert_eq!(slots.status, StatusCode::FORBIDDEN, "{login}");
    }
    let backoffice = app.login_as("backoffice").await;
    let slas = app
        .send(
            Method::PUT,
            "/api/v1/escalation-slas",
            Some(json!([{"kind": "DIME", "hours": 5}])),
            Some(&backoffice),
        )
        .await;
    assert_eq!(slas.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("incidents", "1 = 1").await, 0);
    assert_eq!(app.count("visit_slots", "1 = 1").await, 0);
    assert_eq!(app.count("escalations", "status = 'PENDIENTE'").await, 1);
}
