//! The authorization matrix: every endpoint, every role (and nobody), the
//! expected answer — another team's data included. A last check makes sure
//! no documented endpoint is missing from the matrix.

use crate::common::{PASSWORD, Reply, Session, TestApp, build, open_events};
use crate::on_both_databases;
use axum::body::Body;
use axum::http::{Method, header};
use serde_json::{Value, json};
use std::collections::BTreeSet;

on_both_databases!(
    every_endpoint_answers_every_role_as_the_matrix_says,
    supervisors_see_only_their_own_team
);

/// Who makes the request: a demo login, or nobody.
const ANON: &str = "-";
const EVERYONE: [&str; 12] = [
    ANON,
    "admin",
    "gerente",
    "coordinador",
    "supervisor1",
    "supervisor2",
    "asesor1",
    "asesor2",
    "asesor3",
    "backoffice",
    "calidad",
    "asesor4",
];

/// Data of team 2 (supervisor2's) that the cases point at: supervisor1 must
/// never reach it.
struct Fixture {
    asesor3: i64,
    team2_base: i64,
    team2_import: i64,
    /// A record of team 2 that asesor3 holds.
    held_by_asesor3: i64,
    /// A record of team 2 that asesor4 holds.
    held_by_asesor4: i64,
    /// The published procedure version and a draft copy of it.
    procedure: i64,
    draft: i64,
    /// asesor3's case (team 2), in follow-up.
    case_of_asesor3: i64,
    /// Two slots of the team-2 customers' zone (Pereira) and the visit
    /// asesor3's call booked in the first.
    slot_a: i64,
    slot_b: i64,
    visit: i64,
    incident: i64,
    /// An escalation of asesor3's case.
    escalation: i64,
    /// An event of supervisor2's calendar.
    event_of_supervisor2: i64,
    /// asesor3's idea, approved and delivered to the client.
    delivered_idea_of_asesor3: i64,
    /// An action plan of supervisor2's barómetro, owned by asesor3.
    plan_of_supervisor2: i64,
}

/// asesor3's call in progress on the record they hold.
const ASESOR3_CALL: &str = "matriz-guia-asesor3";

/// What a case sends.
enum Payload {
    None,
    Json(fn(&str) -> Value),
    Csv(fn(&str) -> String),
}

struct Case {
    method: Method,
    /// The path as the OpenAPI document writes it.
    template: &'static str,
    /// The concrete path (ids filled in, query added).
    path: fn(&Fixture, &str) -> String,
    payload: Payload,
    /// Expected status per login; absent logins expect `default`.
    expect: &'static [(&'static str, u16)],
    default: u16,
}

fn plain(template: &'static str) -> fn(&Fixture, &str) -> String {
    // Each template is its own path when it has no placeholder.
    match template {
        "/api/v1/users/{id}" => |f, _| format!("/api/v1/users/{}", f.asesor3),
        "/api/v1/users/{id}/password" => |f, _| format!("/api/v1/users/{}/password", f.asesor3),
        "/api/v1/bases/{id}" => |f, _| format!("/api/v1/bases/{}", f.team2_base),
        "/api/v1/bases/imports/{id}" => |f, _| format!("/api/v1/bases/imports/{}", f.team2_import),
        "/api/v1/records/{id}/card" => |f, _| format!("/api/v1/records/{}/card", f.held_by_asesor3),
        "/api/v1/records/{id}/reveal" => {
            |f, _| format!("/api/v1/records/{}/reveal", f.held_by_asesor3)
        }
        "/api/v1/records/{id}/keepalive" => {
            |f, _| format!("/api/v1/records/{}/keepalive", f.held_by_asesor3)
        }
        "/api/v1/records/{id}/attempts" => {
            |f, _| format!("/api/v1/records/{}/attempts", f.held_by_asesor4)
        }
        "/api/v1/records/{id}/release" => {
            |f, _| format!("/api/v1/records/{}/release", f.held_by_asesor4)
        }
        "/api/v1/records/open" => {
            |f, _| format!("/api/v1/records/open?cuenta=55&base={}", f.team2_base)
        }
        "/api/v1/excluded-numbers/{phone}" => |_, _| "/api/v1/excluded-numbers/3105559999".into(),
        "/api/v1/queue/next" => |_, _| "/api/v1/queue/next".into(),
        "/api/v1/queue/current" => |_, _| "/api/v1/queue/current".into(),
        "/api/v1/queue/callbacks" => |_, _| "/api/v1/queue/callbacks".into(),
        "/api/v1/me/state" => |_, _| "/api/v1/me/state".into(),
        "/api/v1/settings/floor" => |_, _| "/api/v1/settings/floor".into(),
        "/api/v1/excluded-numbers" => |_, _| "/api/v1/excluded-numbers".into(),
        "/api/v1/dialer/events" => |_, _| "/api/v1/dialer/events".into(),
        "/api/v1/events" => |_, _| "/api/v1/events".into(),
        "/api/v1/team/live" => |_, _| "/api/v1/team/live".into(),
        "/api/v1/team/reassign" => |_, _| "/api/v1/team/reassign".into(),
        "/api/v1/procedures" => |_, _| "/api/v1/procedures".into(),
        "/api/v1/procedures/{id}" => |f, _| format!("/api/v1/procedures/{}", f.procedure),
        "/api/v1/procedures/{id}/file" => |f, _| format!("/api/v1/procedures/{}/file", f.draft),
        "/api/v1/procedures/{id}/copy" => |f, _| format!("/api/v1/procedures/{}/copy", f.procedure),
        "/api/v1/procedures/{id}/publish" => {
            |f, _| format!("/api/v1/procedures/{}/publish", f.draft)
        }
        "/api/v1/procedures/validate" => |_, _| "/api/v1/procedures/validate".into(),
        "/api/v1/procedures/import" => |_, _| "/api/v1/procedures/import".into(),
        "/api/v1/typifications" => |_, _| "/api/v1/typifications".into(),
        "/api/v1/typifications/{code}" => |_, _| "/api/v1/typifications/MATRIZ_UNO".into(),
        "/api/v1/typifications/import" => |_, _| "/api/v1/typifications/import".into(),
        "/api/v1/offers" => |_, _| "/api/v1/offers".into(),
        "/api/v1/offers/{code}" => |_, _| "/api/v1/offers/MATRIZ_OFERTA".into(),
        "/api/v1/offers/import" => |_, _| "/api/v1/offers/import".into(),
        "/api/v1/offers/history" => |_, _| "/api/v1/offers/history".into(),
        "/api/v1/retention-policies" => |_, _| "/api/v1/retention-policies".into(),
        "/api/v1/retention-policies/{code}" => {
            |_, _| "/api/v1/retention-policies/MATRIZ_POLITICA".into()
        }
        "/api/v1/reports/retention" => |_, _| "/api/v1/reports/retention".into(),
        // The record travels in the body; the path carries it to `request`.
        "/api/v1/interactions" => {
            |f, _| format!("/api/v1/interactions?registro={}", f.held_by_asesor3)
        }
        "/api/v1/interactions/{key}" => |_, _| format!("/api/v1/interactions/{ASESOR3_CALL}"),
        "/api/v1/interactions/{key}/close" => {
            |_, _| format!("/api/v1/interactions/{ASESOR3_CALL}/close")
        }
        "/api/v1/interactions/{key}/abandon" => {
            |_, _| format!("/api/v1/interactions/{ASESOR3_CALL}/abandon")
        }
        "/api/v1/interactions/repeat" => |f, _| {
            format!(
                "/api/v1/interactions/repeat?registro={}&campo=numero_inc&valor=INC0001234",
                f.held_by_asesor3
            )
        },
        "/api/v1/cases" => |_, _| "/api/v1/cases".into(),
        "/api/v1/cases/{id}" => |f, _| format!("/api/v1/cases/{}", f.case_of_asesor3),
        "/api/v1/cases/{id}/reassign" => {
            |f, _| format!("/api/v1/cases/{}/reassign", f.case_of_asesor3)
        }
        "/api/v1/visit-slots" => |_, _| "/api/v1/visit-slots".into(),
        "/api/v1/visit-slots/{id}" => |f, _| format!("/api/v1/visit-slots/{}", f.slot_b),
        "/api/v1/visit-slots/import" => |_, _| "/api/v1/visit-slots/import".into(),
        "/api/v1/records/{id}/visit-slots" => |f, _| {
            format!(
                "/api/v1/records/{}/visit-slots?interaction={ASESOR3_CALL}",
                f.held_by_asesor3
            )
        },
        // The slot travels in the body; the path carries it to `request`.
        "/api/v1/visits" => |f, _| format!("/api/v1/visits?slot={}&cupo={}", f.slot_a, f.slot_a),
        "/api/v1/visits/{id}/reschedule" => {
            |f, _| format!("/api/v1/visits/{}/reschedule?cupo={}", f.visit, f.slot_b)
        }
        "/api/v1/visits/{id}/cancel" => |f, _| format!("/api/v1/visits/{}/cancel", f.visit),
        "/api/v1/incidents" => |_, _| "/api/v1/incidents".into(),
        "/api/v1/incidents/{id}" => |f, _| format!("/api/v1/incidents/{}", f.incident),
        "/api/v1/incidents/{id}/close" => |f, _| format!("/api/v1/incidents/{}/close", f.incident),
        "/api/v1/incidents/{id}/customers" => {
            |f, _| format!("/api/v1/incidents/{}/customers", f.incident)
        }
        "/api/v1/escalations" => |_, _| "/api/v1/escalations".into(),
        "/api/v1/escalations/{id}/take" => {
            |f, _| format!("/api/v1/escalations/{}/take", f.escalation)
        }
        "/api/v1/escalations/{id}/answer" => {
            |f, _| format!("/api/v1/escalations/{}/answer", f.escalation)
        }
        "/api/v1/escalations/{id}/resolve" => {
            |f, _| format!("/api/v1/escalations/{}/resolve", f.escalation)
        }
        "/api/v1/escalation-slas" => |_, _| "/api/v1/escalation-slas".into(),
        "/api/v1/kpis" => |_, _| "/api/v1/kpis?from=2025-03-01&to=2025-03-31".into(),
        "/api/v1/kpis/settings" => |_, _| "/api/v1/kpis/settings".into(),
        "/api/v1/kpi-imports/{kind}" => |_, _| "/api/v1/kpi-imports/asistencia".into(),
        "/api/v1/kpis/series" => |_, _| "/api/v1/kpis/series?from=2025-03-01&to=2025-03-07".into(),
        "/api/v1/kpis/breakdown" => {
            |_, _| "/api/v1/kpis/breakdown?from=2025-03-01&to=2025-03-07&by=asesor".into()
        }
        "/api/v1/kpis/records" => {
            |_, _| "/api/v1/kpis/records?from=2025-03-01&to=2025-03-07&kpi=contactabilidad".into()
        }
        "/api/v1/kpis/export" => {
            |_, _| "/api/v1/kpis/export?from=2025-03-01&to=2025-03-07&formato=xlsx".into()
        }
        "/api/v1/monitoring" => |_, _| "/api/v1/monitoring".into(),
        "/api/v1/monitoring/checklist" => |_, _| "/api/v1/monitoring/checklist".into(),
        "/api/v1/monitoring/agents" => |_, _| "/api/v1/monitoring/agents".into(),
        "/api/v1/monitoring/interactions" => {
            |_, _| "/api/v1/monitoring/interactions?agent=asesor1".into()
        }
        "/healthz" => |_, _| "/healthz".into(),
        "/readyz" => |_, _| "/readyz".into(),
        "/api/v1/auth/csrf" => |_, _| "/api/v1/auth/csrf".into(),
        "/api/v1/auth/login" => |_, _| "/api/v1/auth/login".into(),
        "/api/v1/auth/logout" => |_, _| "/api/v1/auth/logout".into(),
        "/api/v1/me" => |_, _| "/api/v1/me".into(),
        "/api/v1/me/password" => |_, _| "/api/v1/me/password".into(),
        "/api/v1/users" => |_, _| "/api/v1/users".into(),
        "/api/v1/teams" => |_, _| "/api/v1/teams".into(),
        "/api/v1/security-events" => |_, _| "/api/v1/security-events".into(),
        "/api/v1/bases" => |_, _| "/api/v1/bases".into(),
        "/api/v1/bases/imports" => |_, _| "/api/v1/bases/imports".into(),
        "/api/v1/openapi.json" => |_, _| "/api/v1/openapi.json".into(),
        "/api/v1/practices" => |_, _| "/api/v1/practices".into(),
        "/api/v1/practices/{kind}" => |_, _| "/api/v1/practices/DIALOGO_DIARIO".into(),
        "/api/v1/calendar" => |_, _| "/api/v1/calendar?from=2026-11-23&to=2026-11-29".into(),
        "/api/v1/calendar/{id}" => |f, _| format!("/api/v1/calendar/{}", f.event_of_supervisor2),
        "/api/v1/calendar/plan-week" => |_, _| "/api/v1/calendar/plan-week".into(),
        "/api/v1/calendar/feed" => |_, _| "/api/v1/calendar/feed".into(),
        "/api/v1/practice-records" => {
            |_, _| "/api/v1/practice-records?from=2026-11-01&to=2026-11-30".into()
        }
        "/api/v1/practice-records/mine" => |_, _| "/api/v1/practice-records/mine".into(),
        "/api/v1/adherence" => |_, _| "/api/v1/adherence?weeks=4".into(),
        "/api/v1/ideas" => |_, _| "/api/v1/ideas".into(),
        "/api/v1/barometer-plans" => |_, _| "/api/v1/barometer-plans".into(),
        "/api/v1/barometer-plans/{id}/follow-ups" => |f, _| {
            format!(
                "/api/v1/barometer-plans/{}/follow-ups",
                f.plan_of_supervisor2
            )
        },
        "/api/v1/ideas/{id}/steps" => {
            |f, _| format!("/api/v1/ideas/{}/steps", f.delivered_idea_of_asesor3)
        }
        other => panic!("no path for {other}"),
    }
}

/// Agents of both teams may use their own queue; nobody else has one.
const AGENTS: &[(&str, u16)] = &[
    (ANON, 401),
    ("asesor1", 200),
    ("asesor2", 200),
    ("asesor3", 200),
    ("asesor4", 200),
];

/// Who may read the customer of team 2 that asesor3 holds.
const READERS_OF_ASESOR3_RECORD: &[(&str, u16)] = &[
    (ANON, 401),
    ("admin", 200),
    ("gerente", 200),
    ("coordinador", 200),
    ("supervisor2", 200),
    ("asesor3", 200),
];

const LEADERS_AND_ADMIN: &[(&str, u16)] = &[
    (ANON, 401),
    ("admin", 200),
    ("gerente", 200),
    ("coordinador", 200),
    ("supervisor1", 200),
    ("supervisor2", 200),
];

fn cases() -> Vec<Case> {
    let case = |method: Method,
                template: &'static str,
                payload: Payload,
                expect: &'static [(&'static str, u16)],
                default: u16| Case {
        method,
        template,
        path: plain(template),
        payload,
        expect,
        default,
    };
    vec![
        case(Method::GET, "/healthz", Payload::None, &[], 200),
        case(Method::GET, "/readyz", Payload::None, &[], 200),
        case(Method::GET, "/api/v1/auth/csrf", Payload::None, &[], 200),
        // Each caller signs in as themself; nobody signs in as asesor1.
        case(Method::POST, "/api/v1/auth/login", Payload::None, &[], 200),
        case(
            Method::GET,
            "/api/v1/me",
            Payload::None,
            &[(ANON, 401)],
            200,
        ),
        case(
            Method::PUT,
            "/api/v1/me/password",
            Payload::Json(
                |_| json!({"current_password": PASSWORD, "new_password": "frase nueva y larga"}),
            ),
            &[(ANON, 401)],
            204,
        ),
        case(
            Method::GET,
            "/api/v1/users",
            Payload::None,
            LEADERS_AND_ADMIN,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/users",
            Payload::Json(|who| {
                json!({"login": format!("nuevo-{}", who.replace('-', "x")), "name": "Persona Nueva",
                       "role": "calidad", "password": "una frase bien larga"})
            }),
            &[(ANON, 401), ("admin", 201)],
            403,
        ),
        // asesor3 is in supervisor2's team: supervisor1 must not see them.
        case(
            Method::GET,
            "/api/v1/users/{id}",
            Payload::None,
            &[
                (ANON, 401),
                ("admin", 200),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor2", 200),
                ("supervisor1", 403),
            ],
            403,
        ),
        case(
            Method::PATCH,
            "/api/v1/users/{id}",
            Payload::Json(|_| json!({"name": "Valentina Ríos Paz"})),
            &[(ANON, 401), ("admin", 200)],
            403,
        ),
        case(
            Method::PUT,
            "/api/v1/users/{id}/password",
            Payload::Json(|_| json!({"password": "clave restablecida 1"})),
            &[(ANON, 401), ("admin", 204)],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/teams",
            Payload::None,
            LEADERS_AND_ADMIN,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/security-events",
            Payload::None,
            &[(ANON, 401), ("admin", 200)],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/bases",
            Payload::None,
            LEADERS_AND_ADMIN,
            403,
        ),
        // The base of team 2.
        case(
            Method::GET,
            "/api/v1/bases/{id}",
            Payload::None,
            &[
                (ANON, 401),
                ("admin", 200),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor2", 200),
                ("supervisor1", 403),
            ],
            403,
        ),
        case(
            Method::PATCH,
            "/api/v1/bases/{id}",
            Payload::Json(|_| json!({"status": "ACTIVA"})),
            &[(ANON, 401), ("admin", 200), ("supervisor2", 200)],
            403,
        ),
        Case {
            method: Method::POST,
            template: "/api/v1/bases/imports",
            path: |_, who| {
                format!(
                    "/api/v1/bases/imports?nombre=Base+de+{}&tipo_base=ABANDONOS&equipos=supervisor1",
                    who.replace('-', "x")
                )
            },
            payload: Payload::Csv(|who| {
                format!("cuenta,segmento,nombre,telefonos\n1,HOGAR,Cliente de {who},3105551234\n")
            }),
            // A supervisor imports for their own team: supervisor2 naming
            // supervisor1's team is refused.
            expect: &[
                (ANON, 401),
                ("admin", 202),
                ("supervisor1", 202),
                ("supervisor2", 403),
            ],
            default: 403,
        },
        case(
            Method::GET,
            "/api/v1/bases/imports",
            Payload::None,
            &[
                (ANON, 401),
                ("admin", 200),
                ("supervisor1", 200),
                ("supervisor2", 200),
            ],
            403,
        ),
        // supervisor2's import.
        case(
            Method::GET,
            "/api/v1/bases/imports/{id}",
            Payload::None,
            &[(ANON, 401), ("admin", 200), ("supervisor2", 200)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/queue/next",
            Payload::None,
            AGENTS,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/queue/current",
            Payload::None,
            AGENTS,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/queue/callbacks",
            Payload::None,
            AGENTS,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/records/{id}/card",
            Payload::None,
            READERS_OF_ASESOR3_RECORD,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/records/{id}/reveal",
            Payload::Json(|_| json!("telefonos")),
            READERS_OF_ASESOR3_RECORD,
            403,
        ),
        // asesor4 (same team) finds it taken; team 1 may not touch it.
        case(
            Method::POST,
            "/api/v1/records/{id}/keepalive",
            Payload::None,
            &[(ANON, 401), ("asesor3", 200), ("asesor4", 409)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/records/open",
            Payload::None,
            &[(ANON, 401), ("asesor3", 200), ("asesor4", 409)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/records/{id}/attempts",
            Payload::Json(
                |who| json!({"result": "NO_CONTESTA", "request_id": format!("matriz-{who}")}),
            ),
            &[(ANON, 401), ("asesor4", 200), ("asesor3", 409)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/records/{id}/release",
            Payload::None,
            &[(ANON, 401), ("asesor3", 204), ("asesor4", 204)],
            403,
        ),
        case(Method::GET, "/api/v1/me/state", Payload::None, AGENTS, 403),
        case(
            Method::PUT,
            "/api/v1/me/state",
            Payload::Json(|_| json!({"state": "DISPONIBLE"})),
            AGENTS,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/settings/floor",
            Payload::None,
            &[(ANON, 401)],
            200,
        ),
        case(
            Method::PUT,
            "/api/v1/settings/floor",
            Payload::Json(|_| {
                serde_json::to_value(app::api::settings::FloorSettings::default()).unwrap()
            }),
            &[(ANON, 401), ("admin", 200)],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/excluded-numbers",
            Payload::None,
            &[(ANON, 401), ("admin", 200)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/excluded-numbers",
            Payload::Json(|_| json!({"phone": "3105558888", "reason": "Solicitud del titular"})),
            &[(ANON, 401), ("admin", 200)],
            403,
        ),
        case(
            Method::DELETE,
            "/api/v1/excluded-numbers/{phone}",
            Payload::None,
            &[(ANON, 401), ("admin", 204)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/auth/logout",
            Payload::None,
            &[(ANON, 401)],
            204,
        ),
        // Only the dialer, with its secret: no session opens the webhook.
        case(
            Method::POST,
            "/api/v1/dialer/events",
            Payload::Json(
                |_| json!({"event_id": "matriz", "kind": "CONTESTADA", "agent": "asesor3", "cuenta": "55", "base": "Base del equipo 2"}),
            ),
            &[],
            401,
        ),
        // Everyone signed in has their own stream.
        case(
            Method::GET,
            "/api/v1/events",
            Payload::None,
            &[(ANON, 401)],
            200,
        ),
        case(
            Method::GET,
            "/api/v1/team/live",
            Payload::None,
            &[
                (ANON, 401),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor1", 200),
                ("supervisor2", 200),
            ],
            403,
        ),
        // Team 2's agents: their supervisor and the admin only.
        case(
            Method::POST,
            "/api/v1/team/reassign",
            Payload::Json(|_| json!({"from": "asesor3", "to": "asesor4"})),
            &[(ANON, 401), ("admin", 200), ("supervisor2", 200)],
            403,
        ),
        case(Method::GET, "/api/v1/openapi.json", Payload::None, &[], 200),
        // The guide's configuration: the admin only.
        case(
            Method::GET,
            "/api/v1/procedures",
            Payload::None,
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/procedures/{id}",
            Payload::None,
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/procedures/{id}/file",
            Payload::None,
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::PUT,
            "/api/v1/procedures/{id}/file",
            Payload::Json(|_| json!({"text": server::services::procedures::DEFAULT_FILE})),
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/procedures/{id}/copy",
            Payload::None,
            &[(ANON, 401), ("admin", 201)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/procedures/validate",
            Payload::Json(|_| json!({"text": server::services::procedures::DEFAULT_FILE})),
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/procedures/import",
            Payload::Csv(|_| server::services::procedures::DEFAULT_FILE.to_string()),
            &[(ANON, 401), ("admin", 201)],
            403,
        ),
        // Publishing the draft: once.
        case(
            Method::POST,
            "/api/v1/procedures/{id}/publish",
            Payload::None,
            ADMIN_ONLY,
            403,
        ),
        // Everyone who runs, leads or evaluates calls reads the catalog.
        case(
            Method::GET,
            "/api/v1/typifications",
            Payload::None,
            &[(ANON, 401), ("backoffice", 403)],
            200,
        ),
        case(
            Method::PUT,
            "/api/v1/typifications/{code}",
            Payload::Json(
                |_| json!({"code": "MATRIZ_UNO", "name": "Matriz", "requirement": "SAC", "spc": true, "active": true}),
            ),
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/typifications/import",
            Payload::Csv(|_| {
                "codigo,nombre,requerimiento,spc\nMATRIZ_DOS,Matriz dos,SAC,NO\n".into()
            }),
            ADMIN_ONLY,
            403,
        ),
        // The offer catalog: read by whoever runs or leads calls; only the
        // admin changes it or reads its history.
        case(
            Method::GET,
            "/api/v1/offers",
            Payload::None,
            &[(ANON, 401), ("backoffice", 403), ("calidad", 403)],
            200,
        ),
        case(
            Method::PUT,
            "/api/v1/offers/{code}",
            Payload::Json(|_| {
                json!({"code": "MATRIZ_OFERTA", "name": "Matriz", "script": "Guion", "segment": null,
                    "services": [], "kind": "DESCUENTO", "level": 2, "cost": 0, "duration_months": 0,
                    "valid_from": null, "valid_to": null, "base_kinds": [], "min_tenure_months": null,
                    "min_monthly_value": null, "max_monthly_value": null, "needs": [], "active": true})
            }),
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/offers/import",
            Payload::Csv(|_| {
                "codigo,nombre,guion,tipo,escalon\nMATRIZ_IMP,Matriz,Guion,DESCUENTO,2\n".into()
            }),
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/offers/history",
            Payload::None,
            ADMIN_ONLY,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/retention-policies",
            Payload::None,
            &[(ANON, 401), ("backoffice", 403), ("calidad", 403)],
            200,
        ),
        case(
            Method::PUT,
            "/api/v1/retention-policies/{code}",
            Payload::Json(|_| {
                json!({"code": "MATRIZ_POLITICA", "name": "Matriz", "base_kind": "ABANDONOS",
                    "segment": null, "max_level": 3, "offers": [], "active": true})
            }),
            ADMIN_ONLY,
            403,
        ),
        // Conversion: leaders (their team) and the admin.
        case(
            Method::GET,
            "/api/v1/reports/retention",
            Payload::None,
            &[
                (ANON, 401),
                ("admin", 200),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor1", 200),
                ("supervisor2", 200),
            ],
            403,
        ),
        // The agenda: kept by the back office and the admin; agents book in
        // their own call; a visit is changed by the back office, the admin,
        // its agent and that agent's supervisor.
        case(
            Method::GET,
            "/api/v1/visit-slots",
            Payload::None,
            &[(ANON, 401), ("calidad", 403)],
            200,
        ),
        case(
            Method::POST,
            "/api/v1/visit-slots",
            Payload::Json(|who| {
                json!({"zone": format!("Zona {who}"), "from": matrix_day(), "to": matrix_day(),
                    "franjas": ["AM"], "capacity": 2, "skip_holidays": false})
            }),
            BACK_OFFICE,
            403,
        ),
        case(
            Method::PATCH,
            "/api/v1/visit-slots/{id}",
            Payload::Json(|_| json!({"capacity": 6, "active": true})),
            BACK_OFFICE,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/visit-slots/import",
            Payload::Csv(|who| {
                format!(
                    "zona,fecha,franja,capacidad\nZona importada {who},{},PM,2\n",
                    matrix_day()
                )
            }),
            BACK_OFFICE,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/records/{id}/visit-slots",
            Payload::None,
            ASESOR3_OWN_CALL,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/visits",
            Payload::None,
            BACK_OFFICE,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/visits",
            Payload::Json(
                |_| json!({"interaction_key": ASESOR3_CALL, "slot_id": 0, "kind": "LLS", "motivo": "Sin señal"}),
            ),
            ASESOR3_OWN_CALL,
            403,
        ),
        // The admin moves it first; the others allowed meet "the same slot".
        case(
            Method::POST,
            "/api/v1/visits/{id}/reschedule",
            Payload::Json(|_| json!({"slot_id": 0, "reason": "Prueba de la matriz"})),
            &[
                (ANON, 401),
                ("admin", 200),
                ("supervisor2", 422),
                ("asesor3", 422),
                ("backoffice", 422),
            ],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/visits/{id}/cancel",
            Payload::Json(|_| json!({"reason": "Prueba de la matriz"})),
            &[
                (ANON, 401),
                ("admin", 200),
                ("supervisor2", 409),
                ("asesor3", 409),
                ("backoffice", 409),
            ],
            403,
        ),
        // Outages: kept by the back office and the admin, read by leaders.
        case(
            Method::GET,
            "/api/v1/incidents",
            Payload::None,
            INCIDENT_READERS,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/incidents",
            Payload::Json(|who| {
                json!({"number": format!("INC{:08}", who.len()), "priority": "MEDIA",
                    "description": "Matriz", "zones": ["Zona matriz"], "nodes": [],
                    "starts_at": "2026-01-01T00:00:00Z", "expected_end": null})
            }),
            BACK_OFFICE,
            403,
        ),
        case(
            Method::PUT,
            "/api/v1/incidents/{id}",
            Payload::Json(|who| {
                json!({"number": "INC000900001", "priority": "BAJA",
                    "description": format!("Editado por {who}"), "zones": ["Zona matriz"], "nodes": [],
                    "starts_at": "2026-01-01T00:00:00Z", "expected_end": null})
            }),
            BACK_OFFICE,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/incidents/{id}/customers",
            Payload::None,
            INCIDENT_READERS,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/incidents/{id}/close",
            Payload::None,
            BACK_OFFICE,
            403,
        ),
        // Escalations: the back office and the admin only; the admin takes
        // it first, so the back office finds it taken, then resolved.
        case(
            Method::GET,
            "/api/v1/escalations",
            Payload::None,
            BACK_OFFICE,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/escalations/{id}/take",
            Payload::None,
            &[(ANON, 401), ("admin", 200), ("backoffice", 409)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/escalations/{id}/answer",
            Payload::Json(|who| json!({"text": format!("Respuesta de {who}")})),
            &[(ANON, 401), ("admin", 200), ("backoffice", 409)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/escalations/{id}/resolve",
            Payload::Json(|who| json!({"text": format!("Resuelto por {who}")})),
            &[(ANON, 401), ("admin", 200), ("backoffice", 409)],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/escalation-slas",
            Payload::None,
            BACK_OFFICE,
            403,
        ),
        case(
            Method::PUT,
            "/api/v1/escalation-slas",
            Payload::Json(|_| json!([{"kind": "DIME", "hours": 36}])),
            ADMIN_ONLY,
            403,
        ),
        // Indicators: everyone but the back office reads (agents their own,
        // supervisors their team's); gerente and admin set goals; only the
        // admin imports the external sources.
        case(
            Method::GET,
            "/api/v1/kpis",
            Payload::None,
            &[(ANON, 401), ("backoffice", 403)],
            200,
        ),
        case(
            Method::GET,
            "/api/v1/kpis/settings",
            Payload::None,
            &[(ANON, 401), ("backoffice", 403)],
            200,
        ),
        case(
            Method::PUT,
            "/api/v1/kpis/settings",
            Payload::Json(|_| {
                json!({"goals": {"calidad_mec": 0.9, "fcr": 0.8}, "weight_emitida": 0.4,
                       "weight_percibida": 0.6, "fcr_window_hours": 168, "detractor_loop": true})
            }),
            &[(ANON, 401), ("admin", 200), ("gerente", 200)],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/kpis/series",
            Payload::None,
            KPI_READERS,
            200,
        ),
        case(
            Method::GET,
            "/api/v1/kpis/breakdown",
            Payload::None,
            KPI_READERS,
            200,
        ),
        case(
            Method::GET,
            "/api/v1/kpis/records",
            Payload::None,
            KPI_READERS,
            200,
        ),
        case(
            Method::GET,
            "/api/v1/kpis/export",
            Payload::None,
            KPI_READERS,
            200,
        ),
        case(
            Method::GET,
            "/api/v1/monitoring",
            Payload::None,
            KPI_READERS,
            200,
        ),
        case(
            Method::GET,
            "/api/v1/monitoring/checklist",
            Payload::None,
            KPI_READERS,
            200,
        ),
        // Only calidad picks whom and which call to evaluate.
        case(
            Method::GET,
            "/api/v1/monitoring/agents",
            Payload::None,
            &[(ANON, 401), ("calidad", 200)],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/monitoring/interactions",
            Payload::None,
            &[(ANON, 401), ("calidad", 200)],
            403,
        ),
        // Only calidad enters evaluations (of an agent, any team).
        case(
            Method::POST,
            "/api/v1/monitoring",
            Payload::Json(|who| {
                json!({"request_id": format!("matriz-{}", who.replace('-', "x")), "agent": "asesor3",
                       "checklist": [{"step": "bienvenida", "label": "1. Bienvenida", "weight": 10, "ok": true}],
                       "comments": ""})
            }),
            &[(ANON, 401), ("calidad", 200)],
            403,
        ),
        // Management practices: leaders plan and record their own; the
        // catalog is read by leaders and the administrator and changed by
        // admin or gerente; agents read their confirmación de proceso.
        case(
            Method::GET,
            "/api/v1/practices",
            Payload::None,
            LEADERS_AND_ADMIN,
            403,
        ),
        case(
            Method::PUT,
            "/api/v1/practices/{kind}",
            Payload::Json(|_| {
                json!({"frequency": "DIARIA", "duration_minutes": 15,
                       "goals": [{"role": "supervisor", "times": 1}], "active": true})
            }),
            &[(ANON, 401), ("admin", 200)],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/calendar",
            Payload::None,
            PRACTICE_LEADERS,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/calendar",
            Payload::Json(|who| {
                json!({"request_id": format!("matriz-{}", who.replace('-', "x")), "kind": null,
                       "title": "Agenda libre", "starts_at": "2026-11-25T15:00:00", "minutes": 30,
                       "participants": [], "notes": "", "repeat": null})
            }),
            PRACTICE_LEADERS,
            403,
        ),
        // Only the owner moves an event; other leaders do not find it.
        case(
            Method::PUT,
            "/api/v1/calendar/{id}",
            Payload::Json(|_| {
                json!({"starts_at": "2026-11-24T10:00:00", "minutes": 30, "title": "Reunión de equipo",
                       "participants": [], "notes": "", "cancelled": false})
            }),
            &[
                (ANON, 401),
                ("gerente", 404),
                ("coordinador", 404),
                ("supervisor1", 404),
                ("supervisor2", 200),
            ],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/calendar/plan-week",
            Payload::Json(
                |who| json!({"request_id": format!("matriz-plan-{}", who.replace('-', "x")), "week": "2026-11-23"}),
            ),
            PRACTICE_LEADERS,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/calendar/feed",
            Payload::None,
            PRACTICE_LEADERS,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/practice-records",
            Payload::None,
            LEADERS_AND_ADMIN,
            403,
        ),
        case(
            Method::POST,
            "/api/v1/practice-records",
            Payload::Json(|who| {
                let started = app::domain::local_time::to_local(
                    chrono::Utc::now() - chrono::Duration::hours(1),
                );
                json!({"client_id": format!("matriz-registro-{}", who.replace('-', "x")),
                       "kind": "AGENDA_LIDER", "event_id": null,
                       "started_at": started.format("%Y-%m-%dT%H:%M:%S").to_string(),
                       "minutes": 30, "participants": [], "notes": "",
                       "details": {"tipo": "general", "agreements": "Semana organizada"}})
            }),
            PRACTICE_LEADERS,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/practice-records/mine",
            Payload::None,
            AGENTS,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/adherence",
            Payload::None,
            LEADERS_AND_ADMIN,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/barometer-plans",
            Payload::None,
            PLAN_FOLLOWERS,
            403,
        ),
        // supervisor2's plan, owned by asesor3: followed by supervisor2, the
        // leaders above and its owner; another team's supervisor and the
        // other agents do not find it.
        case(
            Method::POST,
            "/api/v1/barometer-plans/{id}/follow-ups",
            Payload::Json(|who| {
                json!({"client_id": format!("matriz-seguimiento-{}", who.replace('-', "x")),
                       "note": "Avance revisado.", "close": false})
            }),
            &[
                (ANON, 401),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor1", 404),
                ("supervisor2", 200),
                ("asesor3", 200),
                ("asesor1", 404),
                ("asesor2", 404),
                ("asesor4", 404),
            ],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/ideas",
            Payload::None,
            &[(ANON, 401), ("backoffice", 403), ("calidad", 403)],
            200,
        ),
        case(
            Method::POST,
            "/api/v1/ideas",
            Payload::Json(|who| {
                json!({"client_id": format!("matriz-idea-{}", who.replace('-', "x")),
                       "area": "PROCESO", "title": "Una idea de la matriz",
                       "description": "Texto de la idea."})
            }),
            IDEA_AUTHORS,
            403,
        ),
        // The client's answer is the coordinador's (and gerente's), within
        // their teams.
        case(
            Method::POST,
            "/api/v1/ideas/{id}/steps",
            Payload::Json(|_| {
                json!({"action": "RESPUESTA_CLIENTE", "client_status": "EN_ESTUDIO",
                       "note": "El cliente lo estudia."})
            }),
            &[(ANON, 401), ("gerente", 200), ("coordinador", 200)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/kpi-imports/{kind}",
            Payload::Csv(|_| {
                "fecha,asesor,programado,ausente,motivo\n2025-03-01,asesor1,SI,NO,\n".into()
            }),
            ADMIN_ONLY,
            403,
        ),
        // The guide: the agent holding the record; the same team's other
        // agent finds it taken; another team's agents are refused.
        case(
            Method::POST,
            "/api/v1/interactions",
            Payload::Json(
                |who| json!({"record_id": 0, "key": format!("matriz-{}-inicio", who.replace('-', "x"))}),
            ),
            &[(ANON, 401), ("asesor3", 200), ("asesor4", 409)],
            403,
        ),
        case(
            Method::PUT,
            "/api/v1/interactions/{key}",
            Payload::Json(
                |_| json!({"revision": 7, "current_step": "requerimiento", "answers": {}, "path": ["bienvenida", "requerimiento"], "step_seconds": {}, "hold_seconds": 0}),
            ),
            ASESOR3_OWN_CALL,
            403,
        ),
        case(
            Method::GET,
            "/api/v1/interactions/repeat",
            Payload::None,
            &[(ANON, 401), ("asesor3", 200), ("asesor4", 409)],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/interactions/{key}/close",
            Payload::Json(
                |_| json!({"revision": 8, "current_step": "bienvenida", "answers": {}, "path": ["bienvenida"], "step_seconds": {}, "hold_seconds": 0}),
            ),
            &[
                (ANON, 401),
                ("asesor1", 404),
                ("asesor2", 404),
                ("asesor3", 422),
                ("asesor4", 404),
            ],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/interactions/{key}/abandon",
            Payload::None,
            &[
                (ANON, 401),
                ("asesor1", 404),
                ("asesor2", 404),
                ("asesor3", 204),
                ("asesor4", 404),
            ],
            403,
        ),
        case(
            Method::GET,
            "/api/v1/cases",
            Payload::None,
            &[
                (ANON, 401),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor1", 200),
                ("supervisor2", 200),
                ("asesor1", 200),
                ("asesor2", 200),
                ("asesor3", 200),
                ("asesor4", 200),
            ],
            403,
        ),
        // asesor3's case: theirs, their leaders' and the admin's.
        case(
            Method::GET,
            "/api/v1/cases/{id}",
            Payload::None,
            &[
                (ANON, 401),
                ("admin", 200),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor2", 200),
                ("asesor3", 200),
            ],
            403,
        ),
        case(
            Method::POST,
            "/api/v1/cases/{id}/reassign",
            Payload::Json(|_| json!({"owner": "asesor3"})),
            &[(ANON, 401), ("admin", 200), ("supervisor2", 200)],
            403,
        ),
    ]
}

const ADMIN_ONLY: &[(&str, u16)] = &[(ANON, 401), ("admin", 200)];

/// The leaders who run management practices (the administrator does not).
const PRACTICE_LEADERS: &[(&str, u16)] = &[
    (ANON, 401),
    ("gerente", 200),
    ("coordinador", 200),
    ("supervisor1", 200),
    ("supervisor2", 200),
];

/// Leaders follow the barómetro plans of their scope; agents their own.
const PLAN_FOLLOWERS: &[(&str, u16)] = &[
    (ANON, 401),
    ("gerente", 200),
    ("coordinador", 200),
    ("supervisor1", 200),
    ("supervisor2", 200),
    ("asesor1", 200),
    ("asesor2", 200),
    ("asesor3", 200),
    ("asesor4", 200),
];

/// Agents and the leaders below the gerente put ideas on the board.
const IDEA_AUTHORS: &[(&str, u16)] = &[
    (ANON, 401),
    ("coordinador", 200),
    ("supervisor1", 200),
    ("supervisor2", 200),
    ("asesor1", 200),
    ("asesor2", 200),
    ("asesor3", 200),
    ("asesor4", 200),
];

/// Everyone signed in but the back office (each within their scope).
const KPI_READERS: &[(&str, u16)] = &[(ANON, 401), ("backoffice", 403)];

const BACK_OFFICE: &[(&str, u16)] = &[(ANON, 401), ("admin", 200), ("backoffice", 200)];

const INCIDENT_READERS: &[(&str, u16)] = &[
    (ANON, 401),
    ("admin", 200),
    ("backoffice", 200),
    ("gerente", 200),
    ("coordinador", 200),
    ("supervisor1", 200),
    ("supervisor2", 200),
];

/// supervisor2's barómetro with one action plan, owned by asesor3.
async fn barometer_plan(app: &TestApp, supervisor2: &Session) -> i64 {
    let started =
        app::domain::local_time::to_local(chrono::Utc::now() - chrono::Duration::hours(1));
    let due = started.date() + chrono::Duration::days(30);
    let asesor3 = app.user_id("asesor3").await;
    let record = app
        .send(
            Method::POST,
            "/api/v1/practice-records",
            Some(json!({"client_id": "matriz-barometro", "kind": "BAROMETRO", "event_id": null,
                        "started_at": started.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        "minutes": 60, "participants": [], "notes": "",
                        "details": {"tipo": "barometro", "period": "2026-2", "respondents": 9,
                                    "questions": [{"question": "Reconocimiento", "favorable": 41}],
                                    "plans": [{"question": "Reconocimiento", "action": "Reconocer logros cada viernes",
                                               "owner_id": asesor3, "due": due}]}})),
            Some(supervisor2),
        )
        .await;
    assert_eq!(record.status.as_u16(), 200, "{}", record.text());
    let plans = app.get("/api/v1/barometer-plans", Some(supervisor2)).await;
    plans.json()[0]["id"].as_i64().unwrap()
}

/// An idea of asesor3 (team 2), approved by supervisor2 and delivered to
/// the client by the coordinador.
async fn delivered_idea(app: &TestApp, supervisor2: &Session) -> i64 {
    let asesor3 = app.login_as("asesor3").await;
    let idea = app
        .send(
            Method::POST,
            "/api/v1/ideas",
            Some(
                json!({"client_id": "matriz-idea-fixture", "area": "PRODUCTO",
                        "title": "Plan con más datos", "description": "Clientes lo piden."}),
            ),
            Some(&asesor3),
        )
        .await;
    assert_eq!(idea.status.as_u16(), 200, "{}", idea.text());
    let id = idea.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/ideas/{id}/steps");
    let approved = app
        .send(
            Method::POST,
            &path,
            Some(json!({"action": "APROBAR"})),
            Some(supervisor2),
        )
        .await;
    assert_eq!(approved.status.as_u16(), 200, "{}", approved.text());
    let coordinador = app.login_as("coordinador").await;
    let delivered = app
        .send(
            Method::POST,
            &path,
            Some(json!({"action": "ENTREGAR"})),
            Some(&coordinador),
        )
        .await;
    assert_eq!(delivered.status.as_u16(), 200, "{}", delivered.text());
    id
}

/// Today in Bogotá, as the agenda's forms and files write it.
/// Tomorrow: no franja of it is over, whatever the hour the matrix runs at.
fn matrix_day() -> String {
    (app::domain::local_time::local_date(chrono::Utc::now()) + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string()
}

/// Only asesor3 saves their own call; other agents get "not found".
const ASESOR3_OWN_CALL: &[(&str, u16)] = &[
    (ANON, 401),
    ("asesor1", 404),
    ("asesor2", 404),
    ("asesor3", 200),
    ("asesor4", 404),
];

async fn fixture(app: &TestApp) -> Fixture {
    let supervisor2 = app.login_as("supervisor2").await;
    let import = app
        .import_base(
            &supervisor2,
            "nombre=Base+del+equipo+2&tipo_base=DETRACTORES",
            b"cuenta,segmento,nombre,documento,telefonos,ciudad\n55,MOVIL,Ana,52111222,3105551234,Pereira\n56,MOVIL,Luis,52111333,3105551235,Pereira\n57,MOVIL,Eva,52111444,3105551236,Pereira\n".to_vec(),
        )
        .await;
    let base = import["base_id"].as_i64().unwrap();
    // asesor3's case, from a call left for a callback.
    let asesor3 = app.session_for("asesor3").await;
    let opened = app
        .send(
            Method::POST,
            &format!("/api/v1/records/open?cuenta=57&base={base}"),
            None,
            Some(&asesor3),
        )
        .await;
    let record57 = opened.json()["record"]["id"].as_i64().unwrap();
    crate::guide::start(app, &asesor3, record57, "matriz-caso-asesor3").await;
    let closed = crate::guide::close(
        app,
        &asesor3,
        "matriz-caso-asesor3",
        crate::guide::sac_answers(false),
    )
    .await;
    assert_eq!(closed.status.as_u16(), 200, "{}", closed.text());
    let case_of_asesor3 = closed.json()["case"]["id"].as_i64().unwrap();
    let mut held = Vec::new();
    for (login, cuenta) in [("asesor3", 55), ("asesor4", 56)] {
        let agent = app.session_for(login).await;
        let opened = app
            .send(
                Method::POST,
                &format!("/api/v1/records/open?cuenta={cuenta}&base={base}"),
                None,
                Some(&agent),
            )
            .await;
        assert_eq!(opened.status.as_u16(), 200, "{}", opened.text());
        held.push(opened.json()["record"]["id"].as_i64().unwrap());
    }
    crate::guide::start(app, &asesor3, held[0], ASESOR3_CALL).await;
    let admin = app.session_for("admin").await;
    // Pereira's agenda for tomorrow and the visit asesor3's call booked.
    let opened = app
        .send(
            Method::POST,
            "/api/v1/visit-slots",
            Some(
                json!({"zone": "Pereira", "from": matrix_day(), "to": matrix_day(),
                "franjas": ["AM", "PM"], "capacity": 5, "skip_holidays": false}),
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(opened.status.as_u16(), 200, "{}", opened.text());
    let slots = app
        .get("/api/v1/visit-slots?zone=Pereira", Some(&admin))
        .await
        .json();
    let slot_id = |franja: &str| {
        slots
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["franja"] == franja)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (slot_a, slot_b) = (slot_id("AM"), slot_id("PM"));
    let booked = app
        .send(
            Method::POST,
            "/api/v1/visits",
            Some(json!({"interaction_key": ASESOR3_CALL, "slot_id": slot_a, "kind": "LLS", "motivo": "Sin señal"})),
            Some(&asesor3),
        )
        .await;
    assert_eq!(booked.status.as_u16(), 200, "{}", booked.text());
    let visit = booked.json()["id"].as_i64().unwrap();
    let incident = app
        .send(
            Method::POST,
            "/api/v1/incidents",
            Some(
                json!({"number": "INC000900001", "priority": "ALTA", "description": "Matriz",
                "zones": ["Zona matriz"], "nodes": [], "starts_at": "2026-01-01T00:00:00Z",
                "expected_end": null}),
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(incident.status.as_u16(), 200, "{}", incident.text());
    let txn = server::db::begin_write(&app.db).await.unwrap();
    server::services::field_ops::escalations::open(
        &txn,
        server::services::field_ops::escalations::NewEscalation {
            kind: app::domain::field_ops::EscalationKind::Dime,
            case_id: case_of_asesor3,
            record_id: record57,
            cuenta: "57",
            zone: Some("Pereira".into()),
            interaction_id: 0,
            data: "Matriz".into(),
        },
        app.user_id("asesor3").await,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    let escalation = <server::db::entities::escalations::Entity as sea_orm::EntityTrait>::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let procedure = app.get("/api/v1/procedures", Some(&admin)).await.json()[0]["id"]
        .as_i64()
        .unwrap();
    let draft = app
        .send(
            Method::POST,
            &format!("/api/v1/procedures/{procedure}/copy"),
            None,
            Some(&admin),
        )
        .await
        .json()["summary"]["id"]
        .as_i64()
        .unwrap();
    let excluded = app
        .send(
            Method::POST,
            "/api/v1/excluded-numbers",
            Some(json!({"phone": "3105559999", "reason": "Prueba"})),
            Some(&admin),
        )
        .await;
    assert_eq!(excluded.status.as_u16(), 200);
    let supervisor2 = app.login_as("supervisor2").await;
    let event = app
        .send(
            Method::POST,
            "/api/v1/calendar",
            Some(
                json!({"request_id": "matriz-evento", "kind": null, "title": "Reunión de equipo",
                        "starts_at": "2026-11-24T09:00:00", "minutes": 30, "participants": [],
                        "notes": "", "repeat": null}),
            ),
            Some(&supervisor2),
        )
        .await;
    assert_eq!(event.status.as_u16(), 200, "{}", event.text());
    let delivered_idea_of_asesor3 = delivered_idea(app, &supervisor2).await;
    let plan_of_supervisor2 = barometer_plan(app, &supervisor2).await;
    Fixture {
        plan_of_supervisor2,
        delivered_idea_of_asesor3,
        event_of_supervisor2: event.json()[0]["id"].as_i64().unwrap(),
        asesor3: app.user_id("asesor3").await,
        team2_base: base,
        team2_import: import["id"].as_i64().unwrap(),
        held_by_asesor3: held[0],
        held_by_asesor4: held[1],
        procedure,
        draft,
        case_of_asesor3,
        slot_a,
        slot_b,
        visit,
        incident: incident.json()["id"].as_i64().unwrap(),
        escalation,
    }
}

async fn request(
    app: &TestApp,
    case: &Case,
    path: &str,
    who: &str,
    session: Option<&Session>,
) -> Reply {
    if case.template == "/api/v1/auth/login" {
        let login = if who == ANON { "asesor1" } else { who };
        return app.try_login(login, PASSWORD).await;
    }
    if case.template == "/api/v1/events" {
        // The stream never ends: only its status is looked at.
        let (status, _) = open_events(&app.router(), session, None).await;
        if status != 200 {
            return app.get(path, session).await;
        }
        return Reply {
            status,
            headers: Default::default(),
            body: Vec::new(),
        };
    }
    if case.method == Method::GET {
        return app.get(path, session).await;
    }
    // Nobody still carries a valid pre-session token: the refusal must come
    // from authentication, not from CSRF.
    let (csrf, cookie) = match session {
        Some(session) => (
            session.csrf.clone(),
            format!("faro_session={}", session.cookie),
        ),
        None => {
            let csrf = app.login_csrf().await;
            (csrf.clone(), format!("faro_csrf={csrf}"))
        }
    };
    let mut request = build(case.method.clone(), path, None, None, Some(&csrf));
    request
        .headers_mut()
        .insert(header::COOKIE, cookie.parse().unwrap());
    match &case.payload {
        Payload::None => {}
        Payload::Json(body) => {
            let mut body = body(who);
            if let Some(record) = path.split("registro=").nth(1)
                && body.get("record_id").is_some()
            {
                body["record_id"] = json!(record.parse::<i64>().unwrap());
            }
            if let Some(slot) = path.split("cupo=").nth(1)
                && body.get("slot_id").is_some()
            {
                body["slot_id"] = json!(slot.parse::<i64>().unwrap());
            }
            *request.body_mut() = Body::from(body.to_string());
            request
                .headers_mut()
                .insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        }
        Payload::Csv(body) => {
            *request.body_mut() = Body::from(body(who));
            request
                .headers_mut()
                .insert(header::CONTENT_TYPE, "text/csv".parse().unwrap());
        }
    }
    app.call(request).await
}

async fn every_endpoint_answers_every_role_as_the_matrix_says(app: TestApp) {
    let fixture = fixture(&app).await;
    let mut failures = Vec::new();
    let mut forbidden_expected = 0;
    for case in cases() {
        for who in EVERYONE {
            let path = (case.path)(&fixture, who);
            // A fresh session per request: logout, password changes and the
            // like must not leak from one case into the next.
            let session = if who == ANON || case.template == "/api/v1/auth/login" {
                None
            } else {
                Some(app.login_as(who).await)
            };
            let reply = request(&app, &case, &path, who, session.as_ref()).await;
            let expected = case
                .expect
                .iter()
                .find(|(login, _)| *login == who)
                .map(|(_, s)| *s)
                .unwrap_or(case.default);
            if expected == 403 {
                forbidden_expected += 1;
            }
            if reply.status.as_u16() != expected {
                failures.push(format!(
                    "{} {} as {who}: got {} expected {expected} — {}",
                    case.method,
                    case.template,
                    reply.status,
                    reply.text().chars().take(160).collect::<String>()
                ));
            } else if expected >= 400 {
                assert!(
                    !reply.error_code().is_empty() && !reply.error_message().is_empty(),
                    "{} {} as {who}: error without our JSON body",
                    case.method,
                    case.template
                );
            }
            // Password changes would make the next login fail: put it back.
            if reply.status.is_success() && case.template.ends_with("/password") {
                let login = if case.template.contains("{id}") {
                    "asesor3"
                } else {
                    who
                };
                server::services::users::set_password_by_login(&app.db, login, PASSWORD)
                    .await
                    .unwrap();
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix mismatches:\n{}",
        failures.join("\n")
    );
    // Every refusal of a signed-in user is in the security log.
    assert_eq!(app.events("forbidden").await.len(), forbidden_expected);
}

async fn supervisors_see_only_their_own_team(app: TestApp) {
    let supervisor = app.login_as("supervisor1").await;
    let users = app.get("/api/v1/users", Some(&supervisor)).await.json();
    let logins: BTreeSet<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["login"].as_str().unwrap())
        .collect();
    assert_eq!(
        logins,
        BTreeSet::from(["supervisor1", "asesor1", "asesor2"])
    );

    let teams = app.get("/api/v1/teams", Some(&supervisor)).await.json();
    assert_eq!(teams.as_array().unwrap().len(), 1);
    assert_eq!(teams[0]["supervisor"]["login"], "supervisor1");

    let coordinador = app.login_as("coordinador").await;
    let teams = app.get("/api/v1/teams", Some(&coordinador)).await.json();
    assert_eq!(teams.as_array().unwrap().len(), 2);
    let users = app.get("/api/v1/users", Some(&coordinador)).await.json();
    assert_eq!(
        users.as_array().unwrap().len(),
        7,
        "coordinador, 2 supervisors, 4 agents"
    );
}

/// Every operation of the OpenAPI document is in the matrix above.
#[test]
fn the_matrix_covers_every_documented_operation() {
    let documented = server::http::openapi::operations(&server::http::openapi_document());
    assert!(
        documented.len() >= 34,
        "the document lists the API: {documented:?}"
    );
    let matrix: BTreeSet<(String, String)> = cases()
        .iter()
        .map(|c| (c.method.to_string(), c.template.to_string()))
        .collect();
    let missing: Vec<_> = documented
        .iter()
        .filter(|op| !matrix.contains(*op))
        .collect();
    assert!(
        missing.is_empty(),
        "endpoints missing from the authorization matrix: {missing:?}"
    );
}
