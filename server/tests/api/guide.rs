//! The call guide on real databases: starting and resuming interactions,
//! revisioned autosave, the idempotent close that records the contact and
//! opens or continues a case, versions pinned at the start of a call, the
//! procedure files, the typification catalog and case reassignment.

use crate::common::{Session, TestApp};
use crate::on_both_databases;
use crate::queue::{row, team1_base};
use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use serde_json::{Value, json};

on_both_databases!(
    a_call_solved_in_first_contact_records_the_contact_once_and_opens_no_case,
    a_follow_up_opens_a_case_and_the_callback_call_continues_it,
    autosave_keeps_the_newest_revision_and_a_fresh_tab_resumes_it,
    a_close_with_missing_answers_is_refused_and_changes_nothing,
    publishing_a_version_never_changes_a_call_in_progress,
    procedure_files_export_validate_and_import_as_drafts,
    typification_imports_land_whole_or_not_at_all,
    supervisors_reassign_cases_within_their_team,
    an_earlier_contact_for_the_same_incident_is_found,
    an_attempt_without_the_guide_discards_the_running_interaction
);

/// Answers of a SAC call: solved in the call, or left for a callback.
pub(crate) fn sac_answers(solved: bool) -> Value {
    let callback = (Utc::now() + Duration::days(2))
        .with_timezone(&app::domain::local_time::bogota())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let mut answers = json!({
        "habla_con_titular": "SI",
        "cuenta_validada": "SI",
        "estado_servicio": "ACTIVO",
        "requerimiento": "SAC",
        "solicitud_sac": "Duplicado de factura",
        "sac_resuelta": if solved { "SI" } else { "NO" },
        "tipificacion": if solved { "SAC_INFORMACION" } else { "SAC_PENDIENTE" },
        "spc": if solved { "SI" } else { "NO" },
        "notas": "Notas de la gestión",
        "tickler_ac": "SI",
        "resolucion_informada": "SI",
        "sin_mas_solicitudes": "SI",
        "estado_caso": if solved { "CERRADO" } else { "SOPORTE" },
    });
    if !solved {
        answers["devolucion"] = json!(callback);
    }
    answers
}

pub(crate) fn draft(revision: i64, step: &str, answers: Value) -> Value {
    json!({
        "revision": revision,
        "current_step": step,
        "answers": answers,
        "path": ["bienvenida", step],
        "step_seconds": {"bienvenida": 20},
        "hold_seconds": 5,
    })
}

/// A team-1 base with the given cuentas; answers its id.
async fn base(app: &TestApp, name: &str, cuentas: &[u32]) -> i64 {
    let rows: String = cuentas.iter().map(|c| row(*c, 1, "01/11/2026")).collect();
    team1_base(app, name, &rows).await
}

async fn open(app: &TestApp, agent: &Session, cuenta: u32, base: i64) -> i64 {
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

pub(crate) async fn start(app: &TestApp, agent: &Session, record: i64, key: &str) -> Value {
    let reply = app
        .send(
            Method::POST,
            "/api/v1/interactions",
            Some(json!({"record_id": record, "key": key})),
            Some(agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

pub(crate) async fn close(
    app: &TestApp,
    agent: &Session,
    key: &str,
    answers: Value,
) -> crate::common::Reply {
    app.send(
        Method::POST,
        &format!("/api/v1/interactions/{key}/close"),
        Some(draft(50, "cierre", answers)),
        Some(agent),
    )
    .await
}

async fn a_call_solved_in_first_contact_records_the_contact_once_and_opens_no_case(app: TestApp) {
    let base = base(&app, "Guia SPC", &[7001]).await;
    let agent = app.login_as("asesor1").await;
    let record = open(&app, &agent, 7001, base).await;
    let started = start(&app, &agent, record, "clave-spc-000001").await;
    assert_eq!(started["interaction"]["status"], "EN_CURSO");
    assert_eq!(started["procedure"]["meta"]["version"], 1);
    assert!(started["typifications"].as_array().unwrap().len() >= 20);

    let first = close(&app, &agent, "clave-spc-000001", sac_answers(true)).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let closed = first.json();
    assert_eq!(closed["interaction"]["status"], "CERRADA");
    assert_eq!(closed["interaction"]["typification"], "SAC_INFORMACION");
    assert_eq!(closed["interaction"]["spc"], true);
    assert_eq!(
        closed["interaction"]["draft"]["path"],
        json!([
            "bienvenida",
            "requerimiento",
            "sac",
            "tipificacion",
            "cierre"
        ])
    );
    assert!(closed["case"].is_null());

    // A retried close (lost answer, double click) is the same interaction.
    let again = close(&app, &agent, "clave-spc-000001", sac_answers(true)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        again.json()["interaction"]["id"],
        closed["interaction"]["id"]
    );
    assert_eq!(
        app.count("interactions", &format!("record_id = {record}"))
            .await,
        1
    );
    assert_eq!(
        app.count(
            "record_attempts",
            &format!("record_id = {record} AND result = 'CONTACTADO'")
        )
        .await,
        1
    );
    assert_eq!(
        app.count(
            "base_records",
            &format!("id = {record} AND status = 'CONTACTADO' AND lease_agent_id IS NULL")
        )
        .await,
        1
    );
    assert_eq!(app.count("cases", "1 = 1").await, 0);
}

async fn a_follow_up_opens_a_case_and_the_callback_call_continues_it(app: TestApp) {
    let base = base(&app, "Guia casos", &[7002]).await;
    let agent = app.login_as("asesor1").await;
    let record = open(&app, &agent, 7002, base).await;
    start(&app, &agent, record, "clave-caso-00001").await;
    let reply = close(&app, &agent, "clave-caso-00001", sac_answers(false)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let case = reply.json()["case"].clone();
    assert_eq!(case["state"], "SOPORTE");
    assert!(case["callback_at"].is_string());
    let case_id = case["id"].as_i64().unwrap();

    // The callback is in the agent's queue and the case in Mis casos.
    let callbacks = app
        .get("/api/v1/queue/callbacks", Some(&agent))
        .await
        .json();
    assert!(
        callbacks
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == record)
    );
    let mine = app.get("/api/v1/cases", Some(&agent)).await.json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["cuenta"], "7002");
    // Another agent does not see it; the team's supervisor does.
    let other = app.login_as("asesor2").await;
    assert_eq!(
        app.get("/api/v1/cases", Some(&other)).await.json(),
        json!([])
    );
    assert_eq!(
        app.get(&format!("/api/v1/cases/{case_id}"), Some(&other))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let supervisor = app.login_as("supervisor1").await;
    assert_eq!(
        app.get("/api/v1/cases", Some(&supervisor))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The callback call starts with the case's history and closes it.
    open(&app, &agent, 7002, base).await;
    let resumed = start(&app, &agent, record, "clave-caso-00002").await;
    assert_eq!(resumed["case"]["summary"]["id"], case_id);
    assert_eq!(resumed["case"]["events"][0]["kind"], "ABIERTO");
    assert_eq!(resumed["interaction"]["case_id"], case_id);
    let done = close(&app, &agent, "clave-caso-00002", sac_answers(true)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["case"]["state"], "CERRADO");
    let view = app
        .get(&format!("/api/v1/cases/{case_id}"), Some(&agent))
        .await
        .json();
    assert_eq!(view["events"].as_array().unwrap().len(), 2);
    assert_eq!(view["events"][0]["kind"], "CERRADO");
    assert_eq!(view["interactions"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.get("/api/v1/cases", Some(&agent)).await.json(),
        json!([])
    );
}

async fn autosave_keeps_the_newest_revision_and_a_fresh_tab_resumes_it(app: TestApp) {
    let base = base(&app, "Guia autosave", &[7003]).await;
    let agent = app.login_as("asesor1").await;
    let record = open(&app, &agent, 7003, base).await;
    start(&app, &agent, record, "clave-auto-00001").await;
    let save = |revision: i64, value: &str| {
        app.send(
            Method::PUT,
            "/api/v1/interactions/clave-auto-00001",
            Some(draft(
                revision,
                "requerimiento",
                json!({"habla_con_titular": value}),
            )),
            Some(&agent),
        )
    };
    let saved = save(5, "SI").await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(saved.json()["revision"], 5);
    // A late, older save (a retry that arrived after a newer one) loses.
    let stale = save(3, "NO").await;
    assert_eq!(stale.json()["revision"], 5);
    // A fresh tab (another key, no local copy) resumes the same call.
    let resumed = start(&app, &agent, record, "clave-otra-pest").await;
    assert_eq!(resumed["interaction"]["key"], "clave-auto-00001");
    assert_eq!(resumed["interaction"]["draft"]["revision"], 5);
    assert_eq!(
        resumed["interaction"]["draft"]["current_step"],
        "requerimiento"
    );
    assert_eq!(
        resumed["interaction"]["draft"]["answers"]["habla_con_titular"],
        "SI"
    );
    assert_eq!(resumed["interaction"]["draft"]["hold_seconds"], 5);
    // Live view: the supervisor sees the step.
    assert_eq!(app.count("agent_states", "step LIKE '2.%'").await, 1);
    // Another agent's save is "not found".
    let other = app.login_as("asesor2").await;
    let foreign = app
        .send(
            Method::PUT,
            "/api/v1/interactions/clave-auto-00001",
            Some(draft(9, "requerimiento", json!({}))),
            Some(&other),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
}

async fn a_close_with_missing_answers_is_refused_and_changes_nothing(app: TestApp) {
    let base = base(&app, "Guia incompleta", &[7004]).await;
    let agent = app.login_as("asesor1").await;
    let record = open(&app, &agent, 7004, base).await;
    start(&app, &agent, record, "clave-falta-0001").await;
    let mut answers = sac_answers(false);
    answers.as_object_mut().unwrap().remove("devolucion");
    answers["tipificacion"] = json!("NO_EXISTE");
    let reply = close(&app, &agent, "clave-falta-0001", answers.clone()).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .error_message()
            .contains("Falta «Devolución de llamada (hora de Bogotá)»"),
        "{}",
        reply.text()
    );
    answers["devolucion"] = json!("2020-01-01T08:00");
    let past = close(&app, &agent, "clave-falta-0001", answers).await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        past.error_message().contains("no está en el catálogo"),
        "{}",
        past.text()
    );
    let mut answers = sac_answers(false);
    answers["devolucion"] = json!("2020-01-01T08:00");
    let past = close(&app, &agent, "clave-falta-0001", answers).await;
    assert!(
        past.error_message().contains("debe quedar en el futuro"),
        "{}",
        past.text()
    );
    assert_eq!(app.count("interactions", "status = 'EN_CURSO'").await, 1);
    assert_eq!(
        app.count("record_attempts", &format!("record_id = {record}"))
            .await,
        0
    );
    assert_eq!(app.count("cases", "1 = 1").await, 0);
}

async fn publishing_a_version_never_changes_a_call_in_progress(app: TestApp) {
    let base = base(&app, "Guia versiones", &[7005, 7006]).await;
    let agent = app.login_as("asesor1").await;
    let record = open(&app, &agent, 7005, base).await;
    let started = start(&app, &agent, record, "clave-vers-00001").await;
    let v1 = started["interaction"]["version_id"].as_i64().unwrap();

    let admin = app.login_as("admin").await;
    let copy = app
        .send(
            Method::POST,
            &format!("/api/v1/procedures/{v1}/copy"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(copy.status, StatusCode::CREATED, "{}", copy.text());
    let v2 = copy.json()["summary"]["id"].as_i64().unwrap();
    assert_eq!(copy.json()["summary"]["number"], 2);
    // In v2 the SAC step asks one more required thing.
    let file = app
        .get(&format!("/api/v1/procedures/{v2}/file"), Some(&admin))
        .await
        .json()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(file.contains("version = 2"));
    let edited = file.replace(
        "id = \"sac_resuelta\"",
        "id = \"sac_resuelta\"\nhelp = \"Nuevo en la versión 2\"",
    ).replace(
        "[[step.field]]\nid = \"solicitud_sac\"",
        "[[step.field]]\nid = \"canal_sac\"\nlabel = \"Canal preferido\"\nkind = \"text\"\nrequired = true\n\n[[step.field]]\nid = \"solicitud_sac\"",
    );
    let saved = app
        .send(
            Method::PUT,
            &format!("/api/v1/procedures/{v2}/file"),
            Some(json!({"text": edited})),
            Some(&admin),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(saved.json()["problems"], json!([]));
    let published = app
        .send(
            Method::POST,
            &format!("/api/v1/procedures/{v2}/publish"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    assert_eq!(
        app.count("procedure_versions", "status = 'PUBLICADA'")
            .await,
        1
    );
    assert_eq!(
        app.count("procedure_versions", "status = 'RETIRADA'").await,
        1
    );

    // The call in progress still follows v1: its answers close it.
    let done = close(&app, &agent, "clave-vers-00001", sac_answers(true)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["interaction"]["version_id"], v1);
    // A new call follows v2 and needs its new field.
    let record2 = open(&app, &agent, 7006, base).await;
    let second = start(&app, &agent, record2, "clave-vers-00002").await;
    assert_eq!(second["interaction"]["version_id"], v2);
    let refused = close(&app, &agent, "clave-vers-00002", sac_answers(true)).await;
    assert!(
        refused.error_message().contains("Falta «Canal preferido»"),
        "{}",
        refused.text()
    );
    // Published versions are not edited in place.
    let locked = app
        .send(
            Method::PUT,
            &format!("/api/v1/procedures/{v2}/file"),
            Some(json!({"text": edited})),
            Some(&admin),
        )
        .await;
    assert_eq!(locked.status, StatusCode::CONFLICT);
}

async fn procedure_files_export_validate_and_import_as_drafts(app: TestApp) {
    let admin = app.login_as("admin").await;
    let list = app.get("/api/v1/procedures", Some(&admin)).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["status"], "PUBLICADA");
    assert_eq!(list[0]["author"], "Carlos Julio Bonilla Vargas");
    assert_eq!(list[0]["approved_on"], "2022-02-07");
    let id = list[0]["id"].as_i64().unwrap();
    let file = app
        .get(&format!("/api/v1/procedures/{id}/file"), Some(&admin))
        .await
        .json()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(file, server::services::procedures::DEFAULT_FILE);

    let broken = file.replace("next = [{ to = \"cierre\" }]", "next = [{ to = \"fin\" }]");
    let report = app
        .send(
            Method::POST,
            "/api/v1/procedures/validate",
            Some(json!({"text": broken})),
            Some(&admin),
        )
        .await
        .json();
    assert_eq!(report["valid"], false);
    let problems = report["problems"].to_string();
    assert!(problems.contains("el paso «fin» no existe"), "{problems}");
    assert!(
        problems.contains("ningún camino desde el primer paso llega aquí"),
        "{problems}"
    );
    let unreadable = app
        .send(
            Method::POST,
            "/api/v1/procedures/validate",
            Some(json!({"text": "[meta]\nversion = \"x\""})),
            Some(&admin),
        )
        .await
        .json();
    assert!(
        unreadable["problems"][0]
            .as_str()
            .unwrap()
            .starts_with("El archivo no se pudo leer (línea 2)")
    );

    let imported = app
        .send_bytes(
            Method::POST,
            "/api/v1/procedures/import",
            broken.into_bytes(),
            &admin,
        )
        .await;
    assert_eq!(imported.status, StatusCode::CREATED, "{}", imported.text());
    let draft_id = imported.json()["summary"]["id"].as_i64().unwrap();
    assert_eq!(imported.json()["summary"]["status"], "BORRADOR");
    assert!(!imported.json()["problems"].as_array().unwrap().is_empty());
    let refused = app
        .send(
            Method::POST,
            &format!("/api/v1/procedures/{draft_id}/publish"),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.error_message().contains("«fin»"),
        "{}",
        refused.text()
    );
    assert_eq!(
        app.count("procedure_versions", "status = 'PUBLICADA'")
            .await,
        1
    );
}

async fn typification_imports_land_whole_or_not_at_all(app: TestApp) {
    let admin = app.login_as("admin").await;
    let before = app.count("typifications", "1 = 1").await;
    let bad = "codigo;nombre;requerimiento;spc\nNUEVA_UNO;Nueva uno;SAC;SI\n;Sin código;SAC;NO\nNUEVA_DOS;Dos;SAC;talvez\n";
    let reply = app
        .send_bytes(
            Method::POST,
            "/api/v1/typifications/import",
            bad.as_bytes().to_vec(),
            &admin,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = reply.text();
    assert!(message.contains("Línea 3"), "{message}");
    assert!(message.contains("Línea 4"), "{message}");
    assert_eq!(app.count("typifications", "1 = 1").await, before);

    let good = "codigo;nombre;requerimiento;spc\nNUEVA_UNO;Nueva uno;SAC;SI\nSAC_INFORMACION;Información brindada;SAC;SI\n";
    let reply = app
        .send_bytes(
            Method::POST,
            "/api/v1/typifications/import",
            good.as_bytes().to_vec(),
            &admin,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json(), json!({"created": 1, "updated": 1}));
    // Deactivated codes leave the guide's list but stay known.
    let off = app
        .send(Method::PUT, "/api/v1/typifications/NUEVA_UNO", Some(json!({"code": "NUEVA_UNO", "name": "Nueva uno", "requirement": "SAC", "spc": true, "active": false})), Some(&admin))
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text());
    let agent = app.login_as("asesor1").await;
    let seen = app.get("/api/v1/typifications", Some(&agent)).await.json();
    assert!(
        !seen
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["code"] == "NUEVA_UNO")
    );
    let invalid = app
        .send(
            Method::PUT,
            "/api/v1/typifications/CON%20ESPACIO",
            Some(
                json!({"code": "x", "name": "", "requirement": null, "spc": false, "active": true}),
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn supervisors_reassign_cases_within_their_team(app: TestApp) {
    let base = base(&app, "Guia reasignar", &[7007]).await;
    let agent = app.login_as("asesor1").await;
    let record = open(&app, &agent, 7007, base).await;
    start(&app, &agent, record, "clave-reas-00001").await;
    let case_id = close(&app, &agent, "clave-reas-00001", sac_answers(false))
        .await
        .json()["case"]["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/cases/{case_id}/reassign");
    let supervisor2 = app.login_as("supervisor2").await;
    let refused = app
        .send(
            Method::POST,
            &path,
            Some(json!({"owner": "asesor3"})),
            Some(&supervisor2),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let supervisor1 = app.login_as("supervisor1").await;
    let other_team = app
        .send(
            Method::POST,
            &path,
            Some(json!({"owner": "asesor3"})),
            Some(&supervisor1),
        )
        .await;
    assert_eq!(other_team.status, StatusCode::UNPROCESSABLE_ENTITY);
    let moved = app
        .send(
            Method::POST,
            &path,
            Some(json!({"owner": "asesor2"})),
            Some(&supervisor1),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved.json()["owner"]["login"], "asesor2");
    let asesor2 = app.user_id("asesor2").await;
    assert_eq!(
        app.count(
            "base_records",
            &format!("id = {record} AND owner_agent_id = {asesor2}")
        )
        .await,
        1
    );
    assert_eq!(
        app.count(
            "case_events",
            &format!("case_id = {case_id} AND kind = 'REASIGNADO'")
        )
        .await,
        1
    );
    let new_owner = app.login_as("asesor2").await;
    assert_eq!(
        app.get("/api/v1/cases", Some(&new_owner))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

async fn an_earlier_contact_for_the_same_incident_is_found(app: TestApp) {
    let base = base(&app, "Guia incidentes", &[7008]).await;
    let agent = app.login_as("asesor1").await;
    let record = open(&app, &agent, 7008, base).await;
    start(&app, &agent, record, "clave-inc-000001").await;
    let mut answers = sac_answers(true);
    answers["requerimiento"] = json!("SOPORTE");
    for (k, v) in [
        ("servicio_afectado", "INTERNET"),
        ("tipo_falla", "MASIVA"),
        ("prioridad_aviso", "ALTA"),
        ("afectacion_zona", "Sin servicio en el sector"),
        ("numero_inc", "INC000123456"),
        ("ya_llamo_mismo_aviso", "NO"),
        ("solucionado", "SI"),
        ("tipificacion", "SOP_FALLA_MASIVA"),
    ] {
        answers[k] = json!(v);
    }
    let done = close(&app, &agent, "clave-inc-000001", answers).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    assert_eq!(done.json()["interaction"]["requirement"], "SOPORTE");
    open(&app, &agent, 7008, base).await;
    let found = app
        .get(
            &format!(
                "/api/v1/interactions/repeat?registro={record}&campo=numero_inc&valor=inc000123456"
            ),
            Some(&agent),
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text());
    assert_eq!(found.json().as_array().unwrap().len(), 1);
    let none = app
        .get(
            &format!(
                "/api/v1/interactions/repeat?registro={record}&campo=numero_inc&valor=INC000999999"
            ),
            Some(&agent),
        )
        .await;
    assert_eq!(none.json(), json!([]));
}

async fn an_attempt_without_the_guide_discards_the_running_interaction(app: TestApp) {
    let base = base(&app, "Guia colgo", &[7009]).await;
    let agent = app.login_as("asesor1").await;
    let record = open(&app, &agent, 7009, base).await;
    start(&app, &agent, record, "clave-colg-00001").await;
    let reply = app
        .send(
            Method::POST,
            &format!("/api/v1/records/{record}/attempts"),
            Some(json!({"result": "NO_CONTESTA", "request_id": "colgo-1"})),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(app.count("interactions", "status = 'DESCARTADA'").await, 1);
    let late = close(&app, &agent, "clave-colg-00001", sac_answers(true)).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
}
