//! The authorization matrix: every endpoint, every role (and nobody), the
//! expected answer — another team's data included. A last check makes sure
//! no documented endpoint is missing from the matrix.

use crate::common::{Session, TestApp};
use crate::on_both_databases;
use axum::http::Method;
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

struct Case {
    method: Method,
    /// Path template as in the OpenAPI document (`{id}` = asesor3, team 2).
    template: &'static str,
    body: fn(&str) -> Option<Value>,
    /// Expected status per login; absent logins expect `default`.
    expect: &'static [(&'static str, u16)],
    default: u16,
}

fn no_body(_: &str) -> Option<Value> {
    None
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            method: Method::GET,
            template: "/healthz",
            body: no_body,
            expect: &[],
            default: 200,
        },
        Case {
            method: Method::GET,
            template: "/readyz",
            body: no_body,
            expect: &[],
            default: 200,
        },
        Case {
            method: Method::GET,
            template: "/api/v1/auth/csrf",
            body: no_body,
            expect: &[],
            default: 200,
        },
        Case {
            method: Method::POST,
            template: "/api/v1/auth/login",
            // Each caller signs in as themself; nobody signs in as asesor1.
            body: |who| {
                Some(
                    json!({"login": if who == ANON { "asesor1" } else { who }, "password": crate::common::PASSWORD}),
                )
            },
            expect: &[],
            default: 200,
        },
        Case {
            method: Method::GET,
            template: "/api/v1/me",
            body: no_body,
            expect: &[(ANON, 401)],
            default: 200,
        },
        Case {
            method: Method::PUT,
            template: "/api/v1/me/password",
            body: |_| {
                Some(
                    json!({"current_password": crate::common::PASSWORD, "new_password": "frase nueva y larga"}),
                )
            },
            expect: &[(ANON, 401)],
            default: 204,
        },
        Case {
            method: Method::GET,
            template: "/api/v1/users",
            body: no_body,
            expect: &[
                (ANON, 401),
                ("admin", 200),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor1", 200),
                ("supervisor2", 200),
            ],
            default: 403,
        },
        Case {
            method: Method::POST,
            template: "/api/v1/users",
            body: |who| {
                Some(json!({
                    "login": format!("nuevo-{}", who.replace('-', "x")), "name": "Persona Nueva", "role": "calidad",
                    "password": "una frase bien larga"
                }))
            },
            expect: &[(ANON, 401), ("admin", 201)],
            default: 403,
        },
        Case {
            method: Method::GET,
            template: "/api/v1/users/{id}",
            body: no_body,
            // asesor3 is in supervisor2's team: supervisor1 must not see them.
            expect: &[
                (ANON, 401),
                ("admin", 200),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor2", 200),
                ("supervisor1", 403),
            ],
            default: 403,
        },
        Case {
            method: Method::PATCH,
            template: "/api/v1/users/{id}",
            body: |_| Some(json!({"name": "Valentina Ríos Paz"})),
            expect: &[(ANON, 401), ("admin", 200)],
            default: 403,
        },
        Case {
            method: Method::PUT,
            template: "/api/v1/users/{id}/password",
            body: |_| Some(json!({"password": "clave restablecida 1"})),
            expect: &[(ANON, 401), ("admin", 204)],
            default: 403,
        },
        Case {
            method: Method::GET,
            template: "/api/v1/teams",
            body: no_body,
            expect: &[
                (ANON, 401),
                ("admin", 200),
                ("gerente", 200),
                ("coordinador", 200),
                ("supervisor1", 200),
                ("supervisor2", 200),
            ],
            default: 403,
        },
        Case {
            method: Method::GET,
            template: "/api/v1/security-events",
            body: no_body,
            expect: &[(ANON, 401), ("admin", 200)],
            default: 403,
        },
        Case {
            method: Method::POST,
            template: "/api/v1/auth/logout",
            body: no_body,
            expect: &[(ANON, 401)],
            default: 204,
        },
        Case {
            method: Method::GET,
            template: "/api/v1/openapi.json",
            body: no_body,
            expect: &[],
            default: 200,
        },
    ]
}

async fn every_endpoint_answers_every_role_as_the_matrix_says(app: TestApp) {
    let target = app.user_id("asesor3").await;
    let mut failures = Vec::new();
    let mut forbidden_expected = 0;
    for case in cases() {
        let path = case.template.replace("{id}", &target.to_string());
        for who in EVERYONE {
            // A fresh session per request: logout, password changes and the
            // like must not leak from one case into the next.
            let session: Option<Session> = match who {
                ANON => None,
                login if case.template == "/api/v1/auth/login" => {
                    let _ = login;
                    None
                }
                login => Some(app.login_as(login).await),
            };
            let reply = if case.template == "/api/v1/auth/login" {
                let body = (case.body)(who).unwrap();
                app.try_login(
                    body["login"].as_str().unwrap(),
                    body["password"].as_str().unwrap(),
                )
                .await
            } else if case.method == Method::GET {
                app.get(&path, session.as_ref()).await
            } else if who == ANON {
                // Nobody, but with a valid pre-session token: the refusal
                // must come from authentication, not from CSRF.
                let csrf = app.login_csrf().await;
                let mut request = crate::common::build(
                    case.method.clone(),
                    &path,
                    (case.body)(who),
                    None,
                    Some(&csrf),
                );
                request.headers_mut().insert(
                    axum::http::header::COOKIE,
                    format!("faro_csrf={csrf}").parse().unwrap(),
                );
                app.call(request).await
            } else {
                app.send(
                    case.method.clone(),
                    &path,
                    (case.body)(who),
                    session.as_ref(),
                )
                .await
            };
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
                let code = reply.error_code();
                assert!(
                    !code.is_empty(),
                    "{} {} as {who}: error without JSON body",
                    case.method,
                    case.template
                );
                assert!(!reply.error_message().is_empty());
            }
            // Password changes would make the next login fail: put it back.
            if reply.status.is_success() && case.template.ends_with("/password") {
                let login = if case.template.contains("{id}") {
                    "asesor3"
                } else {
                    who
                };
                server::services::users::set_password_by_login(
                    &app.db,
                    login,
                    crate::common::PASSWORD,
                )
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
    // Every refusal is in the security log.
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
        documented.len() >= 12,
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
