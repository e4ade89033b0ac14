//! The offer selector on real databases: the catalog and policies with
//! their history, CSV imports whole or not at all, what a retention call
//! presented and retained (checked against the ladder, stored once), and
//! the conversion report within the caller's team.

use crate::common::{Session, TestApp};
use crate::guide::{draft, start};
use crate::on_both_databases;
use crate::queue::team1_base_of_kind;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

on_both_databases!(
    the_shipped_catalog_and_policies_are_there_and_agents_see_active_offers,
    admin_changes_are_validated_and_kept_in_history,
    offer_imports_land_whole_or_not_at_all,
    a_retention_call_records_presentations_and_outcomes_once,
    a_skipped_rung_is_refused_and_nothing_is_stored,
    catalog_changes_during_a_call_never_block_its_close,
    the_conversion_report_counts_the_leaders_team_only
);

fn offer(code: &str, level: u8) -> Value {
    json!({
        "code": code,
        "name": format!("Oferta {code}"),
        "script": "{cliente}, le ofrecemos esto.",
        "segment": "HOGAR",
        "services": ["INTERNET"],
        "kind": if level == 1 { "BENEFICIO_ACTUAL" } else { "DESCUENTO" },
        "level": level,
        "cost": 10000,
        "duration_months": 6,
        "valid_from": null,
        "valid_to": null,
        "base_kinds": [],
        "min_tenure_months": null,
        "min_monthly_value": null,
        "max_monthly_value": null,
        "needs": ["PRECIO"],
        "active": true,
    })
}

async fn put(app: &TestApp, who: &Session, path: &str, body: Value) -> crate::common::Reply {
    app.send(Method::PUT, path, Some(body), Some(who)).await
}

async fn get(app: &TestApp, who: &Session, path: &str) -> crate::common::Reply {
    app.send(Method::GET, path, None, Some(who)).await
}

async fn the_shipped_catalog_and_policies_are_there_and_agents_see_active_offers(app: TestApp) {
    let admin = app.login_as("admin").await;
    let all = get(&app, &admin, "/api/v1/offers").await.json();
    let codes: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap())
        .collect();
    for code in [
        "BEN_PREMIUM_HOGAR",
        "DESC10",
        "DESC20",
        "DESC30",
        "FTTH_MIGRA",
        "BONO_DATOS",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let policies = get(&app, &admin, "/api/v1/retention-policies").await.json();
    assert!(
        policies
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["base_kind"] == "CANCELACIONES" && p["max_level"] == 4)
    );

    let mut retired = offer("DESC10", 2);
    retired["active"] = json!(false);
    let reply = put(&app, &admin, "/api/v1/offers/VIEJA", {
        let mut o = retired.clone();
        o["code"] = json!("VIEJA");
        o
    })
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let agent = app.login_as("asesor1").await;
    let seen = get(&app, &agent, "/api/v1/offers").await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(!seen.text().contains("\"VIEJA\""));
    assert!(seen.text().contains("\"DESC10\""));
}

async fn admin_changes_are_validated_and_kept_in_history(app: TestApp) {
    let admin = app.login_as("admin").await;
    let reply = put(&app, &admin, "/api/v1/offers/nueva_1", offer("X", 2)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["code"], "NUEVA_1");

    let mut changed = offer("NUEVA_1", 2);
    changed["cost"] = json!(12000);
    changed["active"] = json!(false);
    let reply = put(&app, &admin, "/api/v1/offers/NUEVA_1", changed.clone()).await;
    assert_eq!(reply.status, StatusCode::OK);
    // Saving the same again leaves no history line.
    put(&app, &admin, "/api/v1/offers/NUEVA_1", changed).await;

    let history = get(&app, &admin, "/api/v1/offers/history?code=NUEVA_1")
        .await
        .json();
    let lines = history.as_array().unwrap();
    assert_eq!(lines.len(), 2, "{history}");
    assert_eq!(lines[0]["action"], "RETIRADA");
    assert_eq!(lines[0]["by"]["name"], "Diana Rojas");
    let changes = lines[0]["changes"].to_string();
    assert!(changes.contains("Costo: 10000 → 12000"), "{changes}");
    assert!(changes.contains("Activa: Sí → No"), "{changes}");
    assert_eq!(lines[1]["action"], "CREADA");

    // Bad input: a Spanish message per field, nothing stored.
    let mut bad = offer("MALA", 1);
    bad["kind"] = json!("DESCUENTO");
    bad["name"] = json!(" ");
    let reply = put(&app, &admin, "/api/v1/offers/MALA", bad).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = reply.text();
    assert!(text.contains("Escriba el nombre de la oferta"), "{text}");
    assert!(text.contains("escalón 1"), "{text}");
    assert_eq!(app.count("offers", "code = 'MALA'").await, 0);

    // A policy naming an unknown offer is refused; a good one is kept.
    let policy = json!({
        "code": "RET_PRUEBA", "name": "Prueba", "base_kind": "DETRACTORES",
        "segment": null, "max_level": 3, "offers": ["NO_EXISTE"], "active": true,
    });
    let reply = put(
        &app,
        &admin,
        "/api/v1/retention-policies/RET_PRUEBA",
        policy.clone(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.text().contains("NO_EXISTE"));
    let mut good = policy;
    good["offers"] = json!(["desc10", "DESC15"]);
    let reply = put(&app, &admin, "/api/v1/retention-policies/RET_PRUEBA", good).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["offers"], json!(["DESC10", "DESC15"]));
    assert_eq!(
        app.count(
            "catalog_changes",
            "code = 'RET_PRUEBA' AND entity = 'POLITICA'"
        )
        .await,
        1
    );

    // Only the admin configures.
    for login in ["asesor1", "supervisor1", "gerente", "backoffice"] {
        let who = app.login_as(login).await;
        let reply = put(&app, &who, "/api/v1/offers/NUEVA_1", offer("NUEVA_1", 2)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{login}");
        let reply = get(&app, &who, "/api/v1/offers/history").await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{login}");
    }
}

async fn offer_imports_land_whole_or_not_at_all(app: TestApp) {
    let admin = app.login_as("admin").await;
    let before = app.count("offers", "1 = 1").await;
    let good = "codigo;nombre;guion;tipo;escalon;costo;servicios;necesidades\n\
                IMP_A;Importada A;Guion A;DESCUENTO;2;5.000;INTERNET;precio\n\
                DESC10;Descuento del 10 % (nuevo nombre);Guion;DESCUENTO;2;12.990;;PRECIO\n";
    let reply = app
        .send_bytes(
            Method::POST,
            "/api/v1/offers/import",
            good.as_bytes().to_vec(),
            &admin,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json(), json!({"created": 1, "updated": 1}));
    assert_eq!(app.count("offers", "1 = 1").await, before + 1);
    assert_eq!(
        app.count("catalog_changes", "action = 'IMPORTADA'").await,
        2
    );

    // Re-importing the same file changes nothing and logs nothing.
    let reply = app
        .send_bytes(
            Method::POST,
            "/api/v1/offers/import",
            good.as_bytes().to_vec(),
            &admin,
        )
        .await;
    assert_eq!(reply.json(), json!({"created": 0, "updated": 2}));
    assert_eq!(
        app.count("catalog_changes", "action = 'IMPORTADA'").await,
        2
    );

    let bad =
        "codigo;nombre;guion;tipo;escalon\nIMP_B;B;Guion;DESCUENTO;2\nIMP_C;C;Guion;REGALO;2\n";
    let reply = app
        .send_bytes(
            Method::POST,
            "/api/v1/offers/import",
            bad.as_bytes().to_vec(),
            &admin,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.text().contains("Línea 3, columna «tipo»"),
        "{}",
        reply.text()
    );
    assert_eq!(app.count("offers", "code = 'IMP_B'").await, 0);

    let agent = app.login_as("asesor1").await;
    let reply = app
        .send_bytes(
            Method::POST,
            "/api/v1/offers/import",
            good.as_bytes().to_vec(),
            &agent,
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

/// A CANCELACIONES record of supervisor1's team, held by asesor1.
async fn cancellation_record(app: &TestApp, agent: &Session, cuenta: u32) -> i64 {
    let row = format!(
        "{cuenta},HOGAR,Cliente {cuenta},52110001,3105550001,Cali,INTERNET|TV|TELEFONIA,Triple,24,129.900,Pidió cancelar,,01/11/2026,DESC20,1\n"
    );
    let base = team1_base_of_kind(
        app,
        &format!("Cancelaciones {cuenta}"),
        "CANCELACIONES",
        &row,
    )
    .await;
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

fn shown(code: &str, name: &str, kind: &str, level: u8, answer: &str) -> Value {
    json!({"offer": code, "name": name, "kind": kind, "level": level, "services": [], "answer": answer})
}

fn retention_answers(presented: Value) -> Value {
    json!({
        "habla_con_titular": "SI",
        "cuenta_validada": "SI",
        "estado_servicio": "ACTIVO",
        "requerimiento": "RETENCION",
        "titularidad_validada": "SI",
        "servicios_cancelacion": "INTERNET|TV|TELEFONIA",
        "necesidades": "PRECIO",
        "ofrecimientos": presented.to_string(),
        "resultado_internet": "RETENIDO",
        "resultado_tv": "CANCELACION_RADICADA",
        "resultado_telefonia": "CANCELACION_RADICADA",
        "cliente_insiste": "SI",
        "fecha_cancelacion": "2026-12-31",
        "recogida_equipos": "Cinco días hábiles",
        "saldo": "CUENTA_AL_DIA",
        "tipificacion": "RET_CANCELACION",
        "spc": "SI",
        "notas": "Retuvo internet con descuento",
        "tickler_ac": "SI",
        "resolucion_informada": "SI",
        "sin_mas_solicitudes": "SI",
        "estado_caso": "CERRADO",
    })
}

fn level_two_ladder() -> Value {
    json!([
        shown(
            "BEN_PREMIUM_HOGAR",
            "Beneficios Premium Hogar",
            "BENEFICIO_ACTUAL",
            1,
            "RECHAZA"
        ),
        shown(
            "DESC10",
            "Descuento del 10 % por 6 meses",
            "DESCUENTO",
            2,
            "RECHAZA"
        ),
        shown(
            "DESC15",
            "Descuento del 15 % por 6 meses",
            "DESCUENTO",
            2,
            "ACEPTA"
        ),
    ])
}

async fn a_retention_call_records_presentations_and_outcomes_once(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    let record = cancellation_record(&app, &agent, 8101).await;
    let started = start(&app, &agent, record, "clave-ret-000001").await;
    let context = &started["offers"];
    assert_eq!(context["customer"]["base_kind"], "CANCELACIONES");
    assert_eq!(
        context["customer"]["services"],
        json!(["INTERNET", "TV", "TELEFONIA"])
    );
    assert_eq!(context["customer"]["monthly_value"], 129900);
    assert_eq!(context["customer"]["base_offers"], json!(["DESC20"]));
    // Only the customer's segment travels to the browser.
    assert!(!context["catalog"].to_string().contains("BONO_DATOS"));

    let answers = retention_answers(level_two_ladder());
    for _ in 0..2 {
        let reply = app
            .send(
                Method::POST,
                "/api/v1/interactions/clave-ret-000001/close",
                Some(draft(9, "cierre", answers.clone())),
                Some(&agent),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    }
    assert_eq!(app.count("offer_presentations", "1 = 1").await, 3);
    assert_eq!(
        app.count(
            "offer_presentations",
            "offer_code = 'DESC15' AND answer = 'ACEPTA' AND level = 2"
        )
        .await,
        1
    );
    assert_eq!(app.count("retention_outcomes", "1 = 1").await, 3);
    assert_eq!(
        app.count(
            "retention_outcomes",
            "service = 'INTERNET' AND result = 'RETENIDO' AND offer_code = 'DESC15' AND agent_login = 'asesor1' AND cuenta = '8101'"
        )
        .await,
        1
    );
    assert_eq!(
        app.count(
            "retention_outcomes",
            "result = 'CANCELACION_RADICADA' AND offer_code IS NULL"
        )
        .await,
        2
    );
}

async fn a_skipped_rung_is_refused_and_nothing_is_stored(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    let record = cancellation_record(&app, &agent, 8102).await;
    start(&app, &agent, record, "clave-ret-000002").await;
    let skipped = json!([
        shown(
            "BEN_PREMIUM_HOGAR",
            "Beneficios Premium Hogar",
            "BENEFICIO_ACTUAL",
            1,
            "RECHAZA"
        ),
        shown(
            "DESC20",
            "Descuento del 20 % por 12 meses",
            "DESCUENTO",
            3,
            "ACEPTA"
        ),
    ]);
    let reply = app
        .send(
            Method::POST,
            "/api/v1/interactions/clave-ret-000002/close",
            Some(draft(9, "cierre", retention_answers(skipped))),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.text().contains("la retención es escalonada"),
        "{}",
        reply.text()
    );
    assert_eq!(app.count("offer_presentations", "1 = 1").await, 0);
    assert_eq!(app.count("retention_outcomes", "1 = 1").await, 0);
    assert_eq!(
        app.count(
            "interactions",
            "key = 'clave-ret-000002' AND status = 'EN_CURSO'"
        )
        .await,
        1
    );
}

async fn catalog_changes_during_a_call_never_block_its_close(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    let record = cancellation_record(&app, &agent, 8104).await;
    start(&app, &agent, record, "clave-ret-000004").await;
    assert_eq!(app.count("offer_snapshots", "1 = 1").await, 1);

    // While the customer is on the line the admin adds a current benefit
    // (rung 1) the agent never saw: the close is judged by what they saw.
    let admin = app.login_as("admin").await;
    let mut benefit = offer("BEN_NUEVO", 1);
    benefit["services"] = json!([]);
    let reply = put(&app, &admin, "/api/v1/offers/BEN_NUEVO", benefit).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());

    // A forged offer is refused by name and nothing is stored.
    let mut forged = level_two_ladder();
    forged[2]["offer"] = json!("NO_EXISTE");
    let reply = app
        .send(
            Method::POST,
            "/api/v1/interactions/clave-ret-000004/close",
            Some(draft(9, "cierre", retention_answers(forged))),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.text().contains("«NO_EXISTE» no está en el catálogo"),
        "{}",
        reply.text()
    );
    assert_eq!(app.count("offer_presentations", "1 = 1").await, 0);

    // The browser's copy of an offer is not what is stored: the catalog's is.
    let mut renamed = level_two_ladder();
    renamed[1]["name"] = json!("Nombre inventado");
    let reply = app
        .send(
            Method::POST,
            "/api/v1/interactions/clave-ret-000004/close",
            Some(draft(10, "cierre", retention_answers(renamed))),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        app.count(
            "offer_presentations",
            "offer_code = 'DESC10' AND offer_name = 'Descuento del 10 % por 6 meses'"
        )
        .await,
        1
    );
}

async fn the_conversion_report_counts_the_leaders_team_only(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    let record = cancellation_record(&app, &agent, 8103).await;
    start(&app, &agent, record, "clave-ret-000003").await;
    let reply = app
        .send(
            Method::POST,
            "/api/v1/interactions/clave-ret-000003/close",
            Some(draft(9, "cierre", retention_answers(level_two_ladder()))),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());

    let leader = app.login_as("supervisor1").await;
    let reply = get(&app, &leader, "/api/v1/reports/retention").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let report = reply.json();
    assert_eq!(
        report["rungs"],
        json!([
            {"level": 1, "conversion": {"presented": 1, "accepted": 0, "thinking": 0, "rejected": 1}},
            {"level": 2, "conversion": {"presented": 2, "accepted": 1, "thinking": 0, "rejected": 1}},
        ])
    );
    let desc15 = report["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["code"] == "DESC15")
        .unwrap();
    assert_eq!(desc15["conversion"]["accepted"], 1);
    let services = &report["services"];
    assert_eq!(
        services[0],
        json!({"service": "INTERNET", "requests": 1, "retained": 1, "cancelled": 0})
    );
    assert_eq!(services.as_array().unwrap().len(), 3);

    // Another team's leader sees none of it; the gerente sees the operation.
    let other = get(
        &app,
        &app.login_as("supervisor2").await,
        "/api/v1/reports/retention",
    )
    .await
    .json();
    assert_eq!(other["rungs"], json!([]));
    let gerente = get(
        &app,
        &app.login_as("gerente").await,
        "/api/v1/reports/retention",
    )
    .await
    .json();
    assert_eq!(gerente["rungs"].as_array().unwrap().len(), 2);

    // A period before the call is empty; a reversed one is refused in Spanish.
    let empty = get(
        &app,
        &leader,
        "/api/v1/reports/retention?from=2020-01-01&to=2020-01-31",
    )
    .await
    .json();
    assert_eq!(empty["offers"], json!([]));
    let reply = get(
        &app,
        &leader,
        "/api/v1/reports/retention?from=2026-12-31&to=2026-12-01",
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.text().contains("anterior a la inicial"));

    for login in ["asesor1", "backoffice", "calidad"] {
        let reply = get(
            &app,
            &app.login_as(login).await,
            "/api/v1/reports/retention",
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{login}");
    }
}
