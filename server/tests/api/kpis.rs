//! The indicators: imports of the seven sources, the engine against
//! hand-computed fixtures (period edges, NPS boundaries, the FCR window edge,
//! zero denominators, "no aplica"), own calls feeding the figures, the
//! detractor loop, and who may see what.

use crate::common::{Session, TestApp};
use crate::on_both_databases;
use crate::queue::{row, team1_base_of_kind};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

const AGENTES: &str = "login,nombre,rol,supervisor,fecha_ingreso,fecha_retiro
r1,Uno,asesor,supervisor1,2024-01-10,
r2,Dos,asesor,supervisor1,2024-06-01,2025-03-15
r3,Tres,asesor,supervisor2,2025-03-10,
r4,Cuatro,asesor,supervisor2,2024-01-01,2025-03-31
r5,Cinco,asesor,supervisor2,2024-01-01,2025-04-01
c1,Coordinadora,coordinador,,2020-01-01,2025-03-05
";

const GESTION: &str = "fecha_hora;cuenta;tipo_base;segmento;asesor;resultado
2025-03-01 00:00:00;A1;FIDELIZACION;HOGAR;r1;NO_CONTESTA
01/03/2025 08:00;A1;FIDELIZACION;HOGAR;r1;CONTACTADO
2025-03-02 09:00;A1;DETRACTORES;HOGAR;r1;NO_CONTESTA
2025-03-31 23:59:59;A2;FIDELIZACION;MOVIL;r3;CONTACTADO
2025-04-01 00:00:00;A3;FIDELIZACION;MOVIL;r3;CONTACTADO
2025-02-28 23:59:59;A4;FIDELIZACION;HOGAR;r1;CONTACTADO
2025-03-05 10:00;A5;CANCELACIONES;MOVIL;r2;BUZON
2025-03-06 10:00;A5;CANCELACIONES;MOVIL;r3;Contactado
";

const RETENCION: &str = "id,fecha_cierre,cuenta,asesor,segmento,servicio,resultado,oferta
R1,2025-03-03 10:00,A5,r2,HOGAR,INTERNET,RETENIDO,DESC10
R2,2025-03-03 10:00,A5,r2,HOGAR,TV,CANCELACION_RADICADA,
R3,2025-03-31 23:59:59,A6,r3,MOVIL,MOVIL,RETENIDO,
R4,2025-04-01 00:00,A6,r3,MOVIL,MOVIL,RETENIDO,
";

const ENCUESTAS: &str = "id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion
E1,2025-03-01,A1,r1,6,5,
E2,2025-03-02,A1,r1,7,4,
E3,2025-03-03,A2,r3,8,3,
E4,2025-03-04,A2,r3,9,,
E5,31/03/2025,A5,r2,10,2,
E6,2025-03-15,A5,r2,,5,
E7,2025-04-01,A5,r2,0,1,
";

const MONITOREO: &str = "id,fecha,asesor,nota,evaluador,id_interaccion
M1,2025-03-01,r1,80,calidad,
M2,2025-03-31,r1,\"90,5\",calidad,
M3,2025-03-10,r3,70,calidad,
M4,2025-02-28,r3,0,calidad,
";

const ASISTENCIA: &str = "fecha,asesor,programado,ausente,motivo
2025-03-01,r1,SI,NO,
2025-03-02,r1,SI,SI,Incapacidad
2025-03-02,r3,Sí,no,
2025-03-03,r3,NO,NO,
2025-04-01,r1,SI,SI,
";

const INTERACCIONES: &str = "id,fecha_hora,cuenta,asesor,tipo_base,segmento,tipificacion,spc,cun
I1,2025-03-01 10:00:00,B1,r1,FIDELIZACION,HOGAR,FALLA_INTERNET,SI,
I2,2025-03-08 10:00:00,B1,r3,DETRACTORES,MOVIL,FALLA_INTERNET,NO,
I3,2025-03-02 10:00:00,B2,r1,FIDELIZACION,HOGAR,FACTURACION,SI,
I4,2025-03-09 10:00:01,B2,r1,FIDELIZACION,HOGAR,FACTURACION,NO,
I5,2025-03-03 10:00,B3,r3,CANCELACIONES,MOVIL,FACTURACION,SI,
I6,2025-03-04 10:00,B3,r3,CANCELACIONES,MOVIL,PORTABILIDAD,SI,
I7,2025-03-31 20:00,B4,r1,FIDELIZACION,HOGAR,FALLA_TV,SI,
I8,2025-04-02 09:00,B4,r2,FIDELIZACION,HOGAR,FALLA_TV,NO,
I9,2025-02-27 10:00,B5,r1,FIDELIZACION,HOGAR,FALLA_TV,SI,
";

async fn import(app: &TestApp, session: &Session, kind: &str, csv: &str) -> crate::common::Reply {
    app.send_bytes(
        Method::POST,
        &format!("/api/v1/kpi-imports/{kind}"),
        csv.as_bytes().to_vec(),
        session,
    )
    .await
}

async fn import_all(app: &TestApp) {
    let admin = app.login_as("admin").await;
    for (kind, csv) in [
        ("agentes", AGENTES),
        ("gestion", GESTION),
        ("retencion", RETENCION),
        ("encuestas", ENCUESTAS),
        ("monitoreo", MONITOREO),
        ("asistencia", ASISTENCIA),
        ("interacciones", INTERACCIONES),
    ] {
        let reply = import(app, &admin, kind, csv).await;
        assert_eq!(reply.status, StatusCode::OK, "{kind}: {}", reply.text());
    }
}

async fn kpis(app: &TestApp, session: &Session, query: &str) -> Value {
    let reply = app
        .get(&format!("/api/v1/kpis?{query}"), Some(session))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.text());
    reply.json()
}

const MARCH: &str = "from=2025-03-01&to=2025-03-31";

fn close(actual: &Value, expected: f64) {
    let value = actual
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {actual}"));
    assert!((value - expected).abs() < 1e-9, "{value} ≠ {expected}");
}

/// value, numerator, denominator.
fn figure(report: &Value, kpi: &str, value: f64, numerator: f64, denominator: f64) {
    let k = &report[kpi];
    assert_eq!(k["applies"], true, "{kpi}: {k}");
    close(&k["value"], value);
    close(&k["numerator"], numerator);
    close(&k["denominator"], denominator);
}

async fn every_kpi_matches_its_hand_computed_figure(app: TestApp) {
    import_all(&app).await;
    let gerente = app.login_as("gerente").await;
    let all = kpis(&app, &gerente, MARCH).await;
    let keys: Vec<&String> = all.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "ausentismo",
            "calidad_mec",
            "contactabilidad",
            "efectividad",
            "fcr",
            "nps",
            "rotacion"
        ]
    );
    // (A1,FID) ✓, (A1,DET) ✗, (A2,FID) ✓ at 23:59:59, (A5,CAN) ✓; 00:00 of
    // April and 23:59:59 of February are out.
    figure(&all, "contactabilidad", 0.75, 3.0, 4.0);
    figure(&all, "efectividad", 2.0 / 3.0, 2.0, 3.0);
    // 6 detractor, 7 and 8 passive, 9 and 10 promoters; E6 has no score.
    figure(&all, "nps", 20.0, 1.0, 5.0);
    // SPC: I1 (recontacted exactly 7 × 24 h later), I3 (one second past
    // the window), I5 and I6 (other typification), I7 (recontacted after
    // the period, within the window).
    figure(&all, "fcr", 0.6, 3.0, 5.0);
    figure(&all, "ausentismo", 1.0 / 3.0, 1.0, 3.0);
    // Retired r2 and r4; active 4 on the 1st, 3 on the 31st.
    figure(&all, "rotacion", 2.0 / 3.5, 2.0, 3.5);
    let quality = &all["calidad_mec"];
    close(&quality["emitida"]["value"], 2.405 / 3.0);
    close(&quality["emitida"]["denominator"], 3.0);
    close(&quality["percibida"]["value"], 0.6);
    close(&quality["percibida"]["numerator"], 3.0);
    close(&quality["value"], 0.4 * (2.405 / 3.0) + 0.6 * 0.6);
    close(&quality["goal"], 0.9);
    assert_eq!(all["fcr"]["goal"], Value::Null);

    // One agent: the attempts of others on the same record do not count.
    let r2 = kpis(&app, &gerente, &format!("{MARCH}&agent=r2")).await;
    figure(&r2, "contactabilidad", 0.0, 0.0, 1.0);
    figure(&r2, "efectividad", 0.5, 1.0, 2.0);
    assert_eq!(r2["rotacion"]["applies"], false);
    assert_eq!(r2["rotacion"]["value"], Value::Null);
    let r1 = kpis(&app, &gerente, &format!("{MARCH}&agent=R1")).await;
    figure(&r1, "contactabilidad", 0.5, 1.0, 2.0);
    figure(&r1, "nps", -50.0, -1.0, 2.0);
    figure(&r1, "fcr", 1.0 / 3.0, 1.0, 3.0);
    close(&r1["calidad_mec"]["value"], 0.4 * 0.8525 + 0.6 * 1.0);

    // Teams: the roster's supervisor.
    let team2 = kpis(&app, &gerente, &format!("{MARCH}&team=supervisor2")).await;
    figure(&team2, "contactabilidad", 1.0, 2.0, 2.0);
    figure(&team2, "rotacion", 0.5, 1.0, 2.0);
    let team1 = kpis(&app, &gerente, &format!("{MARCH}&team=supervisor1")).await;
    figure(&team1, "rotacion", 1.0 / 1.5, 1.0, 1.5);
    // An agent outside the team asked leaves nobody: no value, not 0.
    let nobody = kpis(
        &app,
        &gerente,
        &format!("{MARCH}&team=supervisor1&agent=r3"),
    )
    .await;
    assert_eq!(nobody["contactabilidad"]["value"], Value::Null);
    close(&nobody["contactabilidad"]["denominator"], 0.0);

    // "No aplica": a filter the data does not carry.
    let by_kind = kpis(&app, &gerente, &format!("{MARCH}&tipo_base=FIDELIZACION")).await;
    figure(&by_kind, "contactabilidad", 1.0, 2.0, 2.0);
    figure(&by_kind, "fcr", 1.0 / 3.0, 1.0, 3.0);
    for kpi in [
        "efectividad",
        "nps",
        "ausentismo",
        "rotacion",
        "calidad_mec",
    ] {
        assert_eq!(by_kind[kpi]["applies"], false, "{kpi}");
        assert_eq!(by_kind[kpi]["value"], Value::Null, "{kpi}");
        assert_eq!(by_kind[kpi]["numerator"], Value::Null, "{kpi}");
    }
    let by_segment = kpis(&app, &gerente, &format!("{MARCH}&segmento=MOVIL")).await;
    figure(&by_segment, "efectividad", 1.0, 1.0, 1.0);
    figure(&by_segment, "fcr", 1.0, 2.0, 2.0);
    assert_eq!(by_segment["nps"]["applies"], false);

    // Zero denominators: no value, never 0.
    let empty = kpis(&app, &gerente, "from=2023-01-01&to=2023-01-31").await;
    for kpi in [
        "contactabilidad",
        "efectividad",
        "nps",
        "fcr",
        "ausentismo",
        "rotacion",
        "calidad_mec",
    ] {
        assert_eq!(empty[kpi]["applies"], true, "{kpi}");
        assert_eq!(empty[kpi]["value"], Value::Null, "{kpi}");
    }

    // One day: the edges of the 31st.
    let last_day = kpis(&app, &gerente, "from=2025-03-31&to=2025-03-31").await;
    figure(&last_day, "contactabilidad", 1.0, 1.0, 1.0);
    figure(&last_day, "efectividad", 1.0, 1.0, 1.0);
}

async fn imports_are_whole_or_nothing_and_idempotent(app: TestApp) {
    let admin = app.login_as("admin").await;
    let bad = "id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion
X1,2025-03-01,A1,r1,6,5,
X2,2025-13-01,A1,r1,11,5,
X3,2025-03-01,,r1,5,9,
";
    let reply = import(&app, &admin, "encuestas", bad).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text()
    );
    let text = reply.text();
    assert!(text.contains("Línea 3"), "{text}");
    assert!(text.contains("Línea 4"), "{text}");
    assert_eq!(app.count("kpi_surveys", "1 = 1").await, 0);

    for _ in 0..2 {
        let reply = import(&app, &admin, "gestion", GESTION).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    }
    assert_eq!(app.count("kpi_contacts", "cuenta LIKE 'A%'").await, 8);
    let again = import(&app, &admin, "gestion", GESTION).await.json();
    assert_eq!(again["created"], 0);
    assert_eq!(again["unchanged"], 8);

    let first = import(&app, &admin, "agentes", AGENTES).await.json();
    assert_eq!(first["created"], 6);
    let changed = AGENTES.replace("r1,Uno,asesor,supervisor1", "r1,Uno,asesor,supervisor2");
    let second = import(&app, &admin, "agentes", &changed).await.json();
    assert_eq!(second["updated"], 1);
    assert_eq!(second["unchanged"], 5);
    assert_eq!(
        app.count("kpi_agents", "login = 'r1' AND supervisor = 'supervisor2'")
            .await,
        1
    );

    let unknown = import(&app, &admin, "nomina", AGENTES).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

async fn only_permitted_people_see_and_import_figures(app: TestApp) {
    import_all(&app).await;
    // Agents see their own figures only, whatever they ask.
    let agent = app.login_as("asesor1").await;
    let own = kpis(&app, &agent, MARCH).await;
    assert_eq!(own["rotacion"]["applies"], false);
    for query in [
        format!("{MARCH}&agent=r1"),
        format!("{MARCH}&team=supervisor1"),
    ] {
        let reply = app
            .get(&format!("/api/v1/kpis?{query}"), Some(&agent))
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{query}");
    }
    // A supervisor: their team, not the other.
    let supervisor = app.login_as("supervisor1").await;
    let team = kpis(&app, &supervisor, MARCH).await;
    figure(&team, "rotacion", 1.0 / 1.5, 1.0, 1.5);
    for query in [
        format!("{MARCH}&team=supervisor2"),
        format!("{MARCH}&agent=r3"),
    ] {
        let reply = app
            .get(&format!("/api/v1/kpis?{query}"), Some(&supervisor))
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{query}");
    }
    let backoffice = app.login_as("backoffice").await;
    let reply = app
        .get(&format!("/api/v1/kpis?{MARCH}"), Some(&backoffice))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // Imports: admin only.
    for login in ["gerente", "supervisor1", "calidad", "asesor1"] {
        let session = app.login_as(login).await;
        let reply = import(&app, &session, "asistencia", ASISTENCIA).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{login}");
    }
    // Goals: gerente and admin.
    let mut settings = app
        .get("/api/v1/kpis/settings", Some(&supervisor))
        .await
        .json();
    settings["goals"]["fcr"] = json!(0.8);
    let reply = app
        .send(
            Method::PUT,
            "/api/v1/kpis/settings",
            Some(settings.clone()),
            Some(&supervisor),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let gerente = app.login_as("gerente").await;
    let reply = app
        .send(
            Method::PUT,
            "/api/v1/kpis/settings",
            Some(settings.clone()),
            Some(&gerente),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    close(&kpis(&app, &gerente, MARCH).await["fcr"]["goal"], 0.8);
    // The FCR window is a setting: 7 × 24 h + 1 s takes I3 as recontacted.
    settings["fcr_window_hours"] = json!(169);
    let reply = app
        .send(
            Method::PUT,
            "/api/v1/kpis/settings",
            Some(settings.clone()),
            Some(&gerente),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    figure(&kpis(&app, &gerente, MARCH).await, "fcr", 0.4, 2.0, 5.0);
    settings["weight_emitida"] = json!(0.5);
    let reply = app
        .send(
            Method::PUT,
            "/api/v1/kpis/settings",
            Some(settings),
            Some(&gerente),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.text().contains("deben sumar 100 %"),
        "{}",
        reply.text()
    );
}

async fn own_attempts_feed_contactabilidad(app: TestApp) {
    team1_base_of_kind(
        &app,
        "Base KPI",
        "FIDELIZACION",
        &(row(71, 0, "2026-11-01")),
    )
    .await;
    let agent = app.login_as("asesor1").await;
    let next = app
        .send(Method::POST, "/api/v1/queue/next", None, Some(&agent))
        .await
        .json();
    let record = next["record"]["id"].as_i64().unwrap();
    let request = server::services::sessions::random_token();
    for _ in 0..2 {
        // A retried attempt is counted once.
        let reply = app
            .send(
                Method::POST,
                &format!("/api/v1/records/{record}/attempts"),
                Some(json!({"result": "CONTACTADO", "request_id": request})),
                Some(&agent),
            )
            .await;
        assert!(reply.status.is_success(), "{}", reply.text());
    }
    assert_eq!(
        app.count(
            "kpi_contacts",
            "cuenta = '71' AND agent_login = 'asesor1' AND contacted"
        )
        .await,
        1
    );
    let today = app::domain::local_time::local_date(chrono::Utc::now());
    let own = kpis(
        &app,
        &agent,
        &format!("from={today}&to={today}&tipo_base=FIDELIZACION"),
    )
    .await;
    figure(&own, "contactabilidad", 1.0, 1.0, 1.0);
}

async fn a_detractor_gets_a_call_once(app: TestApp) {
    // The customer is known from another base; supervisor1's team works an
    // active DETRACTORES base.
    team1_base_of_kind(
        &app,
        "Base Conocidos",
        "FIDELIZACION",
        &row(81, 0, "2026-11-01"),
    )
    .await;
    let detractors = team1_base_of_kind(
        &app,
        "Detractores KPI",
        "DETRACTORES",
        &row(82, 0, "2026-11-01"),
    )
    .await;
    let admin = app.login_as("admin").await;
    let file = "id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion
D1,2025-03-01,81,asesor1,3,2,
D2,2025-03-01,82,asesor1,9,5,
D3,2025-03-01,99999,asesor1,0,1,
";
    for expected in [1, 0] {
        let reply = import(&app, &admin, "encuestas", file).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        assert_eq!(reply.json()["detractors_queued"], expected);
    }
    assert_eq!(
        app.count(
            "base_records",
            &format!("base_id = {detractors} AND cuenta = '81'")
        )
        .await,
        1
    );
    // A promoter and an unknown account are not added.
    assert_eq!(
        app.count("base_records", &format!("base_id = {detractors}"))
            .await,
        2
    );
}

on_both_databases!(
    every_kpi_matches_its_hand_computed_figure,
    imports_are_whole_or_nothing_and_idempotent,
    only_permitted_people_see_and_import_figures,
    own_attempts_feed_contactabilidad,
    a_detractor_gets_a_call_once,
);

// ------------------------------------------------------------------
// The engine against a deliberately naive reference, on random data.

/// A small deterministic generator (xorshift), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

use chrono::{Duration, NaiveDate, NaiveDateTime};

fn local(base: NaiveDate, seconds: i64) -> NaiveDateTime {
    base.and_hms_opt(0, 0, 0).unwrap() + Duration::seconds(seconds)
}

struct Generated {
    roster: Vec<(String, String, NaiveDate, Option<NaiveDate>)>,
    contacts: Vec<(NaiveDateTime, String, String, String, String, bool)>,
    interactions: Vec<(NaiveDateTime, String, String, String, String, String, bool)>,
    retention: Vec<(NaiveDateTime, String, String, bool)>,
    surveys: Vec<(NaiveDate, String, Option<u8>, Option<u8>)>,
    monitoring: Vec<(NaiveDate, String, f64)>,
    attendance: Vec<(NaiveDate, String, bool, bool)>,
}

const AGENTS: [&str; 6] = ["g0", "g1", "g2", "g3", "g4", "g5"];
const KINDS: [&str; 2] = ["FIDELIZACION", "DETRACTORES"];
const SEGMENTS: [&str; 2] = ["HOGAR", "MOVIL"];

fn generate(rng: &mut Rng) -> Generated {
    let start = NaiveDate::from_ymd_opt(2025, 2, 25).unwrap();
    let span = 40 * 86_400;
    let mut g = Generated {
        roster: Vec::new(),
        contacts: Vec::new(),
        interactions: Vec::new(),
        retention: Vec::new(),
        surveys: Vec::new(),
        monitoring: Vec::new(),
        attendance: Vec::new(),
    };
    for (i, agent) in AGENTS.iter().enumerate().take(5) {
        let hired = start + Duration::days(rng.below(30) as i64 - 10);
        let retired = (rng.below(2) == 0).then(|| hired + Duration::days(rng.below(40) as i64));
        let team = if i % 2 == 0 {
            "supervisor1"
        } else {
            "supervisor2"
        };
        g.roster
            .push((agent.to_string(), team.to_string(), hired, retired));
    }
    for _ in 0..250 {
        g.contacts.push((
            local(start, rng.below(span) as i64),
            format!("C{}", rng.below(25)),
            rng.pick(&KINDS).into(),
            rng.pick(&SEGMENTS).into(),
            rng.pick(&AGENTS).into(),
            rng.below(3) == 0,
        ));
    }
    for _ in 0..200 {
        // Whole hours, so exact seven-day gaps happen.
        let at = if let (true, Some(last)) = (rng.below(4) == 0, g.interactions.last()) {
            last.0 + Duration::hours(168 + rng.below(3) as i64 - 1)
        } else {
            local(start, rng.below(span / 3600) as i64 * 3600)
        };
        let (cuenta, typification) = match (rng.below(4) == 0, g.interactions.last()) {
            (true, Some(last)) => (last.1.clone(), last.4.clone()),
            _ => (format!("C{}", rng.below(12)), format!("T{}", rng.below(3))),
        };
        g.interactions.push((
            at,
            cuenta,
            rng.pick(&AGENTS).into(),
            rng.pick(&KINDS).into(),
            typification,
            rng.pick(&SEGMENTS).into(),
            rng.below(2) == 0,
        ));
    }
    for _ in 0..120 {
        g.retention.push((
            local(start, rng.below(span) as i64),
            rng.pick(&AGENTS).into(),
            rng.pick(&SEGMENTS).into(),
            rng.below(2) == 0,
        ));
    }
    for _ in 0..150 {
        g.surveys.push((
            start + Duration::days(rng.below(40) as i64),
            rng.pick(&AGENTS).into(),
            (rng.below(5) != 0).then(|| rng.below(11) as u8),
            (rng.below(5) != 0).then(|| 1 + rng.below(5) as u8),
        ));
    }
    for _ in 0..80 {
        g.monitoring.push((
            start + Duration::days(rng.below(40) as i64),
            rng.pick(&AGENTS).into(),
            rng.below(10_001) as f64 / 100.0,
        ));
    }
    for day in 0..40 {
        for agent in AGENTS {
            if rng.below(3) == 0 {
                let scheduled = rng.below(5) != 0;
                g.attendance.push((
                    start + Duration::days(day),
                    agent.into(),
                    scheduled,
                    scheduled && rng.below(4) == 0,
                ));
            }
        }
    }
    g
}

fn yes(value: bool) -> &'static str {
    if value { "SI" } else { "NO" }
}

/// The generated data as the seven CSV files (interactions split in two
/// files, the second imported first, so links are made out of order).
fn files(g: &Generated) -> Vec<(&'static str, String)> {
    let mut agentes = String::from("login,nombre,rol,supervisor,fecha_ingreso,fecha_retiro\n");
    for (login, team, hired, retired) in &g.roster {
        let retired = retired.map(|d| d.to_string()).unwrap_or_default();
        agentes += &format!("{login},Agente {login},asesor,{team},{hired},{retired}\n");
    }
    let mut gestion = String::from("fecha_hora,cuenta,tipo_base,segmento,asesor,resultado\n");
    let mut seen = std::collections::BTreeSet::new();
    for (at, cuenta, kind, segment, agent, contacted) in &g.contacts {
        if !seen.insert((*at, cuenta.clone(), agent.clone())) {
            continue;
        }
        let result = if *contacted {
            "CONTACTADO"
        } else {
            "NO_CONTESTA"
        };
        gestion += &format!(
            "{},{cuenta},{kind},{segment},{agent},{result}\n",
            at.format("%Y-%m-%d %H:%M:%S")
        );
    }
    let header = "id,fecha_hora,cuenta,asesor,tipo_base,segmento,tipificacion,spc,cun\n";
    let (mut first, mut second) = (String::from(header), String::from(header));
    for (i, (at, cuenta, agent, kind, typification, segment, spc)) in
        g.interactions.iter().enumerate()
    {
        let line = format!(
            "P{i},{},{cuenta},{agent},{kind},{segment},{typification},{},\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            yes(*spc)
        );
        if i % 2 == 0 {
            first += &line
        } else {
            second += &line
        }
    }
    let mut retencion =
        String::from("id,fecha_cierre,cuenta,asesor,segmento,servicio,resultado,oferta\n");
    for (i, (at, agent, segment, retained)) in g.retention.iter().enumerate() {
        let result = if *retained {
            "RETENIDO"
        } else {
            "CANCELACION_RADICADA"
        };
        retencion += &format!(
            "Q{i},{},X{i},{agent},{segment},INTERNET,{result},\n",
            at.format("%Y-%m-%d %H:%M:%S")
        );
    }
    let mut encuestas =
        String::from("id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion\n");
    for (i, (day, agent, nps, satisfaction)) in g.surveys.iter().enumerate() {
        let nps = nps.map(|n| n.to_string()).unwrap_or_default();
        let satisfaction = satisfaction.map(|n| n.to_string()).unwrap_or_default();
        encuestas += &format!("S{i},{day},Y{i},{agent},{nps},{satisfaction},\n");
    }
    let mut monitoreo = String::from("id,fecha,asesor,nota,evaluador,id_interaccion\n");
    for (i, (day, agent, score)) in g.monitoring.iter().enumerate() {
        monitoreo += &format!("M{i},{day},{agent},{score:.2},calidad,\n");
    }
    let mut asistencia = String::from("fecha,asesor,programado,ausente,motivo\n");
    for (day, agent, scheduled, absent) in &g.attendance {
        asistencia += &format!("{day},{agent},{},{},\n", yes(*scheduled), yes(*absent));
    }
    vec![
        ("agentes", agentes),
        ("gestion", gestion),
        ("interacciones", second),
        ("interacciones", first),
        ("retencion", retencion),
        ("encuestas", encuestas),
        ("monitoreo", monitoreo),
        ("asistencia", asistencia),
    ]
}

fn ratio(n: f64, d: f64) -> Option<f64> {
    (d != 0.0).then(|| n / d)
}

/// SPEC §5 read literally, one loop per KPI.
fn naive(
    g: &Generated,
    from: NaiveDate,
    to: NaiveDate,
    team: Option<&str>,
    agent: Option<&str>,
    kind: Option<&str>,
    segment: Option<&str>,
) -> Vec<(&'static str, Option<f64>)> {
    let in_team = |login: &str| match team {
        None => true,
        Some(team) => g.roster.iter().any(|(l, t, _, _)| l == login && t == team),
    };
    let who = |login: &str| in_team(login) && agent.is_none_or(|a| a == login);
    let within = |at: &NaiveDateTime| at.date() >= from && at.date() <= to;
    let mut records: std::collections::BTreeMap<(String, String), bool> = Default::default();
    for (at, cuenta, k, s, a, contacted) in &g.contacts {
        if within(at) && who(a) && kind.is_none_or(|x| x == k) && segment.is_none_or(|x| x == s) {
            *records.entry((cuenta.clone(), k.clone())).or_default() |= contacted;
        }
    }
    let contactabilidad = ratio(
        records.values().filter(|c| **c).count() as f64,
        records.len() as f64,
    );
    let kept: Vec<_> = g
        .retention
        .iter()
        .filter(|(at, a, s, _)| within(at) && who(a) && segment.is_none_or(|x| x == s))
        .collect();
    let efectividad = ratio(
        kept.iter().filter(|r| r.3).count() as f64,
        kept.len() as f64,
    );
    let scored: Vec<u8> = g
        .surveys
        .iter()
        .filter(|(d, a, _, _)| *d >= from && *d <= to && who(a))
        .filter_map(|s| s.2)
        .collect();
    let nps = ratio(
        scored.iter().filter(|s| **s >= 9).count() as f64
            - scored.iter().filter(|s| **s <= 6).count() as f64,
        scored.len() as f64,
    )
    .map(|v| v * 100.0);
    let spc: Vec<_> = g
        .interactions
        .iter()
        .filter(|(at, _, a, k, _, s, spc)| {
            *spc && within(at)
                && who(a)
                && kind.is_none_or(|x| x == k)
                && segment.is_none_or(|x| x == s)
        })
        .collect();
    let recontacted = spc
        .iter()
        .filter(|(at, cuenta, _, _, ty, _, _)| {
            g.interactions.iter().any(|(later, c, _, _, t, _, _)| {
                c == cuenta && t == ty && later > at && *later <= *at + Duration::hours(168)
            })
        })
        .count();
    let fcr = ratio(spc.len() as f64 - recontacted as f64, spc.len() as f64);
    let scheduled: Vec<_> = g
        .attendance
        .iter()
        .filter(|(d, a, s, _)| *s && *d >= from && *d <= to && who(a))
        .collect();
    let ausentismo = ratio(
        scheduled.iter().filter(|r| r.3).count() as f64,
        scheduled.len() as f64,
    );
    let roster: Vec<_> = g
        .roster
        .iter()
        .filter(|(_, t, _, _)| team.is_none_or(|x| x == t))
        .collect();
    let active = |d: NaiveDate| {
        roster
            .iter()
            .filter(|(_, _, h, r)| *h <= d && r.is_none_or(|r| r > d))
            .count() as f64
    };
    let retired = roster
        .iter()
        .filter(|(_, _, _, r)| r.is_some_and(|r| r >= from && r <= to))
        .count() as f64;
    let rotacion = ratio(retired, (active(from) + active(to)) / 2.0);
    let notes: Vec<f64> = g
        .monitoring
        .iter()
        .filter(|(d, a, _)| *d >= from && *d <= to && who(a))
        .map(|m| m.2)
        .collect();
    let emitida = ratio(notes.iter().sum::<f64>() / 100.0, notes.len() as f64);
    let answers: Vec<u8> = g
        .surveys
        .iter()
        .filter(|(d, a, _, _)| *d >= from && *d <= to && who(a))
        .filter_map(|s| s.3)
        .collect();
    let percibida = ratio(
        answers.iter().filter(|a| **a >= 4).count() as f64,
        answers.len() as f64,
    );
    let calidad = emitida.zip(percibida).map(|(e, p)| 0.4 * e + 0.6 * p);
    let applies = |carried: &[&str]| {
        [
            ("team", team.is_some()),
            ("agent", agent.is_some()),
            ("tipo_base", kind.is_some()),
            ("segmento", segment.is_some()),
        ]
        .iter()
        .all(|(f, asked)| !asked || carried.contains(f))
    };
    let gate = |carried: &[&str], v: Option<f64>| if applies(carried) { v } else { None };
    vec![
        ("contactabilidad", contactabilidad),
        (
            "efectividad",
            gate(&["team", "agent", "segmento"], efectividad),
        ),
        ("nps", gate(&["team", "agent"], nps)),
        ("fcr", fcr),
        ("ausentismo", gate(&["team", "agent"], ausentismo)),
        ("rotacion", gate(&["team"], rotacion)),
        ("calidad_mec", gate(&["team", "agent"], calidad)),
    ]
}

async fn the_engine_equals_a_naive_reference_on_random_data(app: TestApp) {
    for seed in [7u64, 2_025] {
        let app = if seed == 7 {
            &app
        } else {
            &TestApp::new(app.backend).await
        };
        let mut rng = Rng(seed);
        let g = generate(&mut rng);
        for (kind, csv) in files(&g) {
            let kind: server::imports::kpi_sources::SourceKind = kind.parse().unwrap();
            server::services::kpis::imports::import_file(
                &app.db,
                kind,
                csv.as_bytes(),
                chrono::Utc::now(),
            )
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        }
        let settings = app::api::kpis::KpiSettings::default();
        for _ in 0..25 {
            let from = NaiveDate::from_ymd_opt(2025, 2, 25).unwrap()
                + Duration::days(rng.below(40) as i64);
            let to = from + Duration::days(rng.below(20) as i64);
            let team = [None, Some("supervisor1"), Some("supervisor2")][rng.below(3) as usize];
            let agent = [None, None, Some("g0"), Some("g3"), Some("g5")][rng.below(5) as usize];
            let kind = [None, None, Some("FIDELIZACION")][rng.below(3) as usize];
            let segment = [None, None, Some("MOVIL")][rng.below(3) as usize];
            let filters = app::domain::kpis::KpiFilters {
                team: team.map(String::from),
                agent: agent.map(String::from),
                tipo_base: kind.map(|k| k.parse().unwrap()),
                segmento: segment.map(|s| s.parse().unwrap()),
            };
            let period = app::domain::kpis::Period::new(from, to).unwrap();
            let report =
                server::services::kpis::engine::compute(&app.db, period, &filters, &settings)
                    .await
                    .unwrap();
            let json = serde_json::to_value(&report).unwrap();
            for (kpi, expected) in naive(&g, from, to, team, agent, kind, segment) {
                let actual = json[kpi]["value"].as_f64();
                match (actual, expected) {
                    (None, None) => {}
                    (Some(a), Some(e)) if (a - e).abs() < 1e-9 => {}
                    _ => panic!(
                        "seed {seed}, {kpi} {from}..{to} {filters:?}: engine {actual:?}, reference {expected:?}"
                    ),
                }
            }
        }
    }
}

on_both_databases!(the_engine_equals_a_naive_reference_on_random_data);

/// Imports `csv` in three chunks, the last third first, then whole again.
async fn import_in_pieces(app: &TestApp, kind: &str, csv: &str) {
    let kind: server::imports::kpi_sources::SourceKind = kind.parse().unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let third = rows.len().div_ceil(3).max(1);
    let mut pieces: Vec<&[&str]> = rows.chunks(third).collect();
    pieces.rotate_right(1);
    for piece in pieces.into_iter().chain([rows.as_slice()]) {
        let file = format!("{header}\n{}\n", piece.join("\n"));
        server::services::kpis::imports::import_file(
            &app.db,
            kind,
            file.as_bytes(),
            chrono::Utc::now(),
        )
        .await
        .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
    }
}

async fn summaries_kept_on_every_write_equal_a_full_recomputation(app: TestApp) {
    use server::services::kpis::{facts, summary};
    let mut rng = Rng(31);
    let g = generate(&mut rng);
    let (first, second) = files(&g).into_iter().partition::<Vec<_>, _>(|(kind, _)| {
        matches!(*kind, "agentes" | "gestion" | "encuestas" | "asistencia")
    });
    for (kind, csv) in &first {
        import_in_pieces(&app, kind, csv).await;
    }
    // Own attempts and closes, out of order and twice, between imports.
    let at = |day: u32, hour: u32| {
        chrono::NaiveDate::from_ymd_opt(2025, 3, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
            .and_utc()
    };
    for (i, (day, result)) in [
        (20, "CONTACTADO"),
        (3, "NO_CONTESTA"),
        (11, "CONTACTADO"),
        (3, "CONTACTADO"),
    ]
    .into_iter()
    .enumerate()
    {
        for _ in 0..2 {
            let fact = facts::ContactFact {
                source_key: format!("propio:{i}"),
                at: at(day, 15),
                cuenta: "C0".into(),
                tipo_base: "FIDELIZACION".into(),
                segmento: if i % 2 == 0 { "HOGAR" } else { "MOVIL" }.into(),
                agent_login: "g1".into(),
                result: result.into(),
            };
            facts::record_contact(&app.db, fact).await.unwrap();
        }
    }
    for (i, day) in [12u32, 5, 8, 5].into_iter().enumerate() {
        let fact = facts::InteractionFact {
            source_key: format!("propio:{i}"),
            at: at(day, 9),
            cuenta: "C0".into(),
            agent_login: "g2".into(),
            tipo_base: "DETRACTORES".into(),
            segmento: "HOGAR".into(),
            typification: "FALLA_INTERNET".into(),
            spc: i != 2,
            cun: None,
        };
        facts::record_interaction(&app.db, fact.clone())
            .await
            .unwrap();
        facts::record_interaction(&app.db, fact).await.unwrap();
    }
    // A new FCR window recounts; the rest of the sources arrive after it.
    let gerente = app.login_as("gerente").await;
    let mut settings = app
        .get("/api/v1/kpis/settings", Some(&gerente))
        .await
        .json();
    settings["fcr_window_hours"] = json!(72);
    let saved = app
        .send(
            Method::PUT,
            "/api/v1/kpis/settings",
            Some(settings),
            Some(&gerente),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    for (kind, csv) in &second {
        import_in_pieces(&app, kind, csv).await;
    }
    let calidad = app.login_as("calidad").await;
    let checklist = app
        .get("/api/v1/monitoring/checklist", Some(&calidad))
        .await;
    let mut items = checklist.json();
    items[0]["ok"] = json!(true);
    let evaluation = json!({
        "request_id": "resumen-1", "agent": "asesor1", "interaction": null,
        "day": "2025-03-10", "checklist": items, "comments": "Bien"
    });
    for _ in 0..2 {
        let reply = app
            .send(
                Method::POST,
                "/api/v1/monitoring",
                Some(evaluation.clone()),
                Some(&calidad),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    }

    let kept = summary::snapshot(&app.db).await.unwrap();
    assert!(!kept.0.is_empty() && !kept.1.is_empty());
    let txn = sea_orm::TransactionTrait::begin(&app.db).await.unwrap();
    summary::rebuild(&txn, 72).await.unwrap();
    let recomputed = summary::snapshot(&txn).await.unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(
        kept.0, recomputed.0,
        "kpi_daily differs from a recomputation"
    );
    assert_eq!(
        kept.1, recomputed.1,
        "kpi_contact_days differs from a recomputation"
    );
}

on_both_databases!(summaries_kept_on_every_write_equal_a_full_recomputation);

// ------------------------------------------------------------------
// The dashboard's views, exports and the monitoring entry.

async fn trends_breakdowns_records_and_exports(app: TestApp) {
    import_all(&app).await;
    let gerente = app.login_as("gerente").await;
    let weeks = app
        .get(
            &format!("/api/v1/kpis/series?{MARCH}&by=semana"),
            Some(&gerente),
        )
        .await;
    assert_eq!(weeks.status, StatusCode::OK, "{}", weeks.text());
    let weeks = weeks.json();
    let weeks = weeks.as_array().unwrap();
    // 1–2 March (Sat–Sun), four whole weeks, then 31 March (Monday).
    assert_eq!(weeks.len(), 6);
    assert_eq!(weeks[0]["from"], "2025-03-01");
    assert_eq!(weeks[0]["to"], "2025-03-02");
    assert_eq!(weeks[5]["from"], "2025-03-31");
    // The buckets add up: the records of the first week are (A1,FID) ✓
    // and (A1,DET) ✗.
    figure(&weeks[0]["report"], "contactabilidad", 0.5, 1.0, 2.0);
    let bad = app
        .get(
            &format!("/api/v1/kpis/series?{MARCH}&by=hora"),
            Some(&gerente),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let teams = app
        .get(
            &format!("/api/v1/kpis/breakdown?{MARCH}&by=equipo"),
            Some(&gerente),
        )
        .await
        .json();
    let team2 = teams
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["login"] == "supervisor2")
        .unwrap();
    assert_eq!(team2["name"], "Julián Ortiz");
    figure(&team2["report"], "contactabilidad", 1.0, 2.0, 2.0);
    let agents = app
        .get(
            &format!("/api/v1/kpis/breakdown?{MARCH}&by=asesor&team=supervisor2"),
            Some(&gerente),
        )
        .await
        .json();
    let logins: Vec<&str> = agents
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["login"].as_str().unwrap())
        .collect();
    assert!(
        logins.contains(&"r3") && logins.contains(&"asesor3"),
        "{logins:?}"
    );
    assert!(!logins.contains(&"r1"), "{logins:?}");

    let records = app
        .get(
            &format!("/api/v1/kpis/records?{MARCH}&kpi=fcr&agent=r1"),
            Some(&gerente),
        )
        .await
        .json();
    assert_eq!(records["total"], 3);
    let solved: Vec<bool> = records["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["in_numerator"].as_bool().unwrap())
        .collect();
    // Newest first: I7 recontacted, I3 solved, I1 recontacted.
    assert_eq!(solved, [false, true, false]);

    let csv = app
        .get(
            &format!("/api/v1/kpis/export?{MARCH}&vista=resumen&formato=csv"),
            Some(&gerente),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = csv.text();
    assert!(text.contains("Contactabilidad;75,00 %;3;4;;Sí"), "{text}");
    let xlsx = app
        .get(
            &format!("/api/v1/kpis/export?{MARCH}&vista=desglose&by=equipo&formato=xlsx"),
            Some(&gerente),
        )
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with(b"PK"));

    // A supervisor's breakdown is their team, whatever they ask.
    let supervisor = app.login_as("supervisor1").await;
    let own = app
        .get(
            &format!("/api/v1/kpis/breakdown?{MARCH}&by=equipo"),
            Some(&supervisor),
        )
        .await
        .json();
    assert_eq!(own.as_array().unwrap().len(), 1);
    assert_eq!(own[0]["login"], "supervisor1");
    let agent = app.login_as("asesor1").await;
    let reply = app
        .get(
            &format!("/api/v1/kpis/records?{MARCH}&kpi=nps&agent=r1"),
            Some(&agent),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

async fn a_monitoring_evaluation_feeds_calidad_emitida(app: TestApp) {
    let calidad = app.login_as("calidad").await;
    let checklist = app
        .get("/api/v1/monitoring/checklist", Some(&calidad))
        .await;
    assert_eq!(checklist.status, StatusCode::OK, "{}", checklist.text());
    let mut items = checklist.json();
    let steps = items.as_array_mut().unwrap();
    assert!(steps.len() >= 8, "the guide's steps");
    // Weights 10 each: 3 done well, 1 not, the rest not applicable → 75.
    for (i, item) in steps.iter_mut().enumerate() {
        item["ok"] = match i {
            0..=2 => json!(true),
            3 => json!(false),
            _ => Value::Null,
        };
    }
    let draft = json!({
        "request_id": "monitoreo-prueba-1",
        "agent": "asesor1",
        "interaction": "llamada-123",
        "day": "2025-03-10",
        "checklist": items,
        "comments": "Buen saludo; faltó validar la cuenta.",
    });
    for _ in 0..2 {
        let reply = app
            .send(
                Method::POST,
                "/api/v1/monitoring",
                Some(draft.clone()),
                Some(&calidad),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        assert_eq!(reply.json()["score"], 75.0);
    }
    assert_eq!(
        app.count("kpi_monitoring", "agent_login = 'asesor1'").await,
        1
    );
    let gerente = app.login_as("gerente").await;
    let report = kpis(&app, &gerente, &format!("{MARCH}&agent=asesor1")).await;
    close(&report["calidad_mec"]["emitida"]["value"], 0.75);

    // The agent and their supervisor see it; the other team's does not.
    let agent = app.login_as("asesor1").await;
    let own = app.get("/api/v1/monitoring", Some(&agent)).await.json();
    assert_eq!(own[0]["comments"], "Buen saludo; faltó validar la cuenta.");
    assert_eq!(own[0]["checklist"][3]["ok"], false);
    let supervisor = app.login_as("supervisor1").await;
    let team = app
        .get("/api/v1/monitoring?agent=asesor1", Some(&supervisor))
        .await;
    assert_eq!(team.status, StatusCode::OK);
    assert_eq!(team.json().as_array().unwrap().len(), 1);
    let other = app.login_as("supervisor2").await;
    let refused = app
        .get("/api/v1/monitoring?agent=asesor1", Some(&other))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/api/v1/monitoring", Some(&other))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );

    // Bad input changes nothing; only calidad enters evaluations.
    let mut bad = draft.clone();
    bad["request_id"] = json!("monitoreo-prueba-2");
    bad["agent"] = json!("supervisor1");
    bad["checklist"] = json!([]);
    let reply = app
        .send(
            Method::POST,
            "/api/v1/monitoring",
            Some(bad),
            Some(&calidad),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = reply.text();
    assert!(text.contains("no es un asesor"), "{text}");
    assert!(text.contains("Califique al menos un paso"), "{text}");
    let mut by_supervisor = draft.clone();
    by_supervisor["request_id"] = json!("monitoreo-prueba-3");
    let reply = app
        .send(
            Method::POST,
            "/api/v1/monitoring",
            Some(by_supervisor),
            Some(&supervisor),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("kpi_monitoring", "1 = 1").await, 1);
}

async fn calidad_picks_the_agent_and_one_of_their_calls(app: TestApp) {
    let admin = app.login_as("admin").await;
    let imported = import(
        &app,
        &admin,
        "interacciones",
        "id,fecha_hora,cuenta,asesor,tipo_base,segmento,tipificacion,spc,cun\n\
         i-1,2025-03-10 09:00,100,asesor1,FIDELIZACION,HOGAR,T1,SI,\n\
         i-2,2025-03-11 10:30,200,asesor1,ABANDONOS,MOVIL,T2,NO,\n\
         i-3,2025-03-11 11:00,300,asesor3,ABANDONOS,MOVIL,T2,NO,\n",
    )
    .await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.text());
    let calidad = app.login_as("calidad").await;
    let agents = app.get("/api/v1/monitoring/agents", Some(&calidad)).await;
    assert_eq!(agents.status, StatusCode::OK, "{}", agents.text());
    let agents = agents.json();
    let camila = agents
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["login"] == "asesor1")
        .expect("asesor1 is evaluable");
    assert_eq!(camila["name"], "Camila Restrepo");
    assert_eq!(camila["team"], "Laura Gómez");
    assert!(
        agents
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["login"] != "supervisor1"),
        "only agents: {agents}"
    );

    let calls = app
        .get(
            "/api/v1/monitoring/interactions?agent=asesor1",
            Some(&calidad),
        )
        .await
        .json();
    let keys: Vec<&str> = calls
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["i-2", "i-1"], "newest first, asesor1's only");
    assert_eq!(calls[0]["typification"], "T2");
    let missing = app
        .get("/api/v1/monitoring/interactions?agent=%20", Some(&calidad))
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.text().contains("Elija el asesor"));
}

on_both_databases!(
    trends_breakdowns_records_and_exports,
    a_monitoring_evaluation_feeds_calidad_emitida,
    calidad_picks_the_agent_and_one_of_their_calls,
);
