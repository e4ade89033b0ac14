//! Importing bases: encodings, separators, bad rows, re-imports, size, and
//! who may import what.

use crate::common::TestApp;
use crate::on_both_databases;
use axum::http::{Method, StatusCode};
use serde_json::json;

on_both_databases!(
    an_import_lands_whole_with_its_offers_and_extra_columns,
    windows_1252_with_semicolons_and_utf8_with_bom_read_the_same,
    a_file_with_bad_rows_is_refused_whole_with_a_report_per_line,
    importing_the_same_file_again_adds_nothing,
    a_later_file_adds_only_new_customers,
    a_hundred_thousand_rows_import,
    supervisors_import_for_their_own_team_only,
    leaders_see_and_pause_the_bases_of_their_teams,
);

pub const HEADER: &str = "cuenta,segmento,nombre,documento,telefonos,ciudad,servicios,plan,antiguedad_meses,valor_mensual,motivo,nota_encuesta,fecha_evento,ofrecimientos,prioridad";

/// A base file of `n` customers, `cuenta` from `first`.
pub fn base_file(first: u32, n: u32) -> Vec<u8> {
    let mut file = String::from(HEADER);
    file.push('\n');
    for i in first..first + n {
        file.push_str(&format!(
            "{i},{seg},Cliente {i},{doc},310{phone:07}|601{phone:07},Bogotá,INTERNET|TV,Plan {p},{ant},\"{val_thousands}.{val_units:03},50\",Cancelación,{nota},2026-11-{day:02},DESC20|UPG300,{prio}\n",
            seg = if i % 2 == 0 { "HOGAR" } else { "MOVIL" },
            doc = 10_000_000 + i,
            phone = i % 10_000_000,
            p = i % 7,
            ant = i % 120,
            val_thousands = 100 + i % 200,
            val_units = i % 1000,
            nota = i % 11,
            day = 1 + i % 28,
            prio = i % 3,
        ));
    }
    file.into_bytes()
}

async fn an_import_lands_whole_with_its_offers_and_extra_columns(app: TestApp) {
    let admin = app.login_as("admin").await;
    let file = format!(
        "{HEADER},Asesor anterior\n7001,HOGAR,María Peña,52111222,310 555 1234|6015551234,Bogotá,INTERNET|TV,Triple 300,36,189.900,Fallas,4,15/11/2026,DESC20|UPG300,5,Luis\n"
    );
    let view = app
        .import_base(&admin, "nombre=Fidelizacion+Noviembre&tipo_base=fidelizacion&equipos=supervisor1,supervisor2&archivo=nov.csv", file.into_bytes())
        .await;
    assert_eq!(view["status"], "COMPLETADA", "{view}");
    assert_eq!(view["rows_inserted"], 1);
    assert_eq!(view["file_name"], "nov.csv");
    let bases = app.get("/api/v1/bases", Some(&admin)).await.json();
    let base = &bases[0];
    assert_eq!(base["name"], "Fidelizacion Noviembre");
    assert_eq!(base["kind"], "FIDELIZACION");
    assert_eq!(base["segments"], json!(["HOGAR"]));
    assert_eq!(base["status"], "ACTIVA");
    assert_eq!(base["counters"]["pendientes"], 1);
    assert_eq!(base["teams"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.count("base_records", "cuenta = '7001' AND ofrecimientos = 'DESC20|UPG300' AND valor_mensual_centavos = 18990000 AND telefonos = '3105551234|6015551234' AND extra LIKE '%Asesor anterior%'").await,
        1
    );
}

async fn windows_1252_with_semicolons_and_utf8_with_bom_read_the_same(app: TestApp) {
    let admin = app.login_as("admin").await;
    let text = "cuenta;segmento;nombre;telefonos;valor_mensual\n8001;MÓVIL;José Núñez;3105550000;150.000,50\n";
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    let view = app
        .import_base(
            &admin,
            "nombre=Abandonos+1252&tipo_base=ABANDONOS&equipos=supervisor1",
            cp1252.into_owned(),
        )
        .await;
    assert_eq!(view["status"], "COMPLETADA", "{view}");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.replace("8001", "8002").as_bytes());
    let view = app
        .import_base(
            &admin,
            "nombre=Abandonos+BOM&tipo_base=ABANDONOS&equipos=supervisor1",
            bom,
        )
        .await;
    assert_eq!(view["status"], "COMPLETADA", "{view}");
    assert_eq!(
        app.count(
            "base_records",
            "nombre = 'José Núñez' AND segmento = 'MOVIL' AND valor_mensual_centavos = 15000050"
        )
        .await,
        2
    );
}

async fn a_file_with_bad_rows_is_refused_whole_with_a_report_per_line(app: TestApp) {
    let admin = app.login_as("admin").await;
    let file = "cuenta,segmento,nombre,telefonos,nota_encuesta\n9001,HOGAR,Ana,3105551234,9\n9002,PYME,Luis,3105551235,5\n9003,HOGAR,,123,11\n";
    let view = app
        .import_base(
            &admin,
            "nombre=Detractores+Malos&tipo_base=DETRACTORES&equipos=supervisor1",
            file.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(view["status"], "RECHAZADA");
    assert_eq!(view["rows_inserted"], 0);
    let errors = view["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["line"] == 3
            && e["column"] == "segmento"
            && e["message"].as_str().unwrap().contains("«PYME» no existe")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e["line"] == 4 && e["column"] == "nombre")
    );
    assert!(
        errors
            .iter()
            .any(|e| e["line"] == 4 && e["column"] == "nota_encuesta")
    );
    assert_eq!(
        view["errors_total"].as_u64().unwrap() as usize,
        errors.len()
    );
    // Nothing landed: not the good row, not even the base.
    assert_eq!(app.count("base_records", "1 = 1").await, 0);
    assert_eq!(app.count("bases", "1 = 1").await, 0);
}

async fn importing_the_same_file_again_adds_nothing(app: TestApp) {
    let admin = app.login_as("admin").await;
    let query = "nombre=Cancelaciones+Dic&tipo_base=CANCELACIONES&equipos=supervisor2";
    let first = app.import_base(&admin, query, base_file(1, 50)).await;
    assert_eq!(first["rows_inserted"], 50);
    // Uploaded again (a retried request, a double click): the same import.
    let again = app
        .send_bytes(
            Method::POST,
            &format!("/api/v1/bases/imports?{query}"),
            base_file(1, 50),
            &admin,
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["id"], first["id"]);
    assert_eq!(app.count("base_records", "1 = 1").await, 50);
}

async fn a_later_file_adds_only_new_customers(app: TestApp) {
    let admin = app.login_as("admin").await;
    let query = "nombre=Brownfield+Zona+Norte&tipo_base=BROWNFIELD&equipos=supervisor1";
    app.import_base(&admin, query, base_file(1, 30)).await;
    let second = app.import_base(&admin, query, base_file(21, 30)).await;
    assert_eq!(second["status"], "COMPLETADA");
    assert_eq!(second["rows_inserted"], 20);
    assert_eq!(second["rows_duplicated"], 10);
    assert_eq!(app.count("base_records", "1 = 1").await, 50);
    // The same name with another kind is refused.
    let clash = app
        .send_bytes(
            Method::POST,
            "/api/v1/bases/imports?nombre=Brownfield+Zona+Norte&tipo_base=ABANDONOS",
            base_file(100, 1),
            &admin,
        )
        .await;
    assert_eq!(clash.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        clash
            .error_message()
            .contains("ya existe y es de tipo BROWNFIELD"),
        "{}",
        clash.text()
    );
}

async fn a_hundred_thousand_rows_import(app: TestApp) {
    let admin = app.login_as("admin").await;
    let view = app
        .import_base(
            &admin,
            "nombre=Fidelizacion+Masiva&tipo_base=FIDELIZACION&equipos=supervisor1",
            base_file(1, 100_000),
        )
        .await;
    assert_eq!(view["status"], "COMPLETADA", "{}", view["errors"]);
    assert_eq!(view["rows_inserted"], 100_000);
    assert_eq!(view["rows_total"], 100_000);
    assert_eq!(app.count("base_records", "1 = 1").await, 100_000);
}

async fn supervisors_import_for_their_own_team_only(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let view = app
        .import_base(
            &supervisor,
            "nombre=Abandonos+Equipo+1&tipo_base=ABANDONOS",
            base_file(1, 5),
        )
        .await;
    assert_eq!(view["status"], "COMPLETADA");
    let bases = app.get("/api/v1/bases", Some(&supervisor)).await.json();
    assert_eq!(bases[0]["teams"][0]["login"], "supervisor1");

    // Not for another team, not into another team's base.
    let other = app
        .send_bytes(
            Method::POST,
            "/api/v1/bases/imports?nombre=Ajena&tipo_base=ABANDONOS&equipos=supervisor2",
            base_file(1, 5),
            &supervisor,
        )
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let admin = app.login_as("admin").await;
    app.import_base(
        &admin,
        "nombre=Base+Equipo+2&tipo_base=ABANDONOS&equipos=supervisor2",
        base_file(1, 5),
    )
    .await;
    let into_other = app
        .send_bytes(
            Method::POST,
            "/api/v1/bases/imports?nombre=Base+Equipo+2&tipo_base=ABANDONOS",
            base_file(6, 5),
            &supervisor,
        )
        .await;
    assert_eq!(into_other.status, StatusCode::FORBIDDEN);
    // Agents do not import.
    let agent = app.login_as("asesor1").await;
    let refused = app
        .send_bytes(
            Method::POST,
            "/api/v1/bases/imports?nombre=X+Y+Z&tipo_base=ABANDONOS",
            base_file(1, 1),
            &agent,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("base_records", "1 = 1").await, 10);
}

async fn leaders_see_and_pause_the_bases_of_their_teams(app: TestApp) {
    let admin = app.login_as("admin").await;
    app.import_base(
        &admin,
        "nombre=Base+Uno&tipo_base=ABANDONOS&equipos=supervisor1",
        base_file(1, 3),
    )
    .await;
    let second = app
        .import_base(
            &admin,
            "nombre=Base+Dos&tipo_base=ABANDONOS&equipos=supervisor2",
            base_file(1, 3),
        )
        .await;
    let second_id = second["base_id"].as_i64().unwrap();

    let supervisor1 = app.login_as("supervisor1").await;
    let mine = app.get("/api/v1/bases", Some(&supervisor1)).await.json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["name"], "Base Uno");
    assert_eq!(
        app.get(&format!("/api/v1/bases/{second_id}"), Some(&supervisor1))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let refused = app
        .send(
            Method::PATCH,
            &format!("/api/v1/bases/{second_id}"),
            Some(json!({"status": "PAUSADA"})),
            Some(&supervisor1),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let supervisor2 = app.login_as("supervisor2").await;
    let paused = app
        .send(
            Method::PATCH,
            &format!("/api/v1/bases/{second_id}"),
            Some(json!({"status": "PAUSADA"})),
            Some(&supervisor2),
        )
        .await;
    assert_eq!(paused.status, StatusCode::OK, "{}", paused.text());
    assert_eq!(paused.json()["status"], "PAUSADA");
    // Supervisors do not move bases between teams.
    let teams = app
        .send(
            Method::PATCH,
            &format!("/api/v1/bases/{second_id}"),
            Some(json!({"teams": ["supervisor1"]})),
            Some(&supervisor2),
        )
        .await;
    assert_eq!(teams.status, StatusCode::FORBIDDEN);
    // A bad policy changes nothing.
    let bad = app
        .send(
            Method::PATCH,
            &format!("/api/v1/bases/{second_id}"),
            Some(json!({"status": "ACTIVA", "retry_rules": {"retry_minutes": {}, "max_attempts": 0}})),
            Some(&supervisor2),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get(&format!("/api/v1/bases/{second_id}"), Some(&supervisor2))
            .await
            .json()["status"],
        "PAUSADA"
    );
    let coordinador = app.login_as("coordinador").await;
    assert_eq!(
        app.get("/api/v1/bases", Some(&coordinador))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let agent = app.login_as("asesor1").await;
    assert_eq!(
        app.get("/api/v1/bases", Some(&agent)).await.status,
        StatusCode::FORBIDDEN
    );
}
