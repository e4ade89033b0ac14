//! Administering users: creation, validation, role changes, lock-outs.

use crate::common::{PASSWORD, TestApp};
use crate::on_both_databases;
use axum::http::{Method, StatusCode};
use serde_json::json;

on_both_databases!(
    admin_creates_an_agent_who_can_then_sign_in,
    bad_user_data_gets_every_problem_in_spanish_and_changes_nothing,
    a_repeated_login_is_refused,
    role_change_is_recorded_as_a_security_event,
    a_leader_with_people_cannot_lose_the_role,
    admin_cannot_remove_their_own_admin_role,
    admin_unlocks_a_locked_account,
    admin_resets_a_password_and_ends_the_users_sessions,
);

async fn admin_creates_an_agent_who_can_then_sign_in(app: TestApp) {
    let admin = app.login_as("admin").await;
    let reply = app
        .send(
            Method::POST,
            "/api/v1/users",
            Some(json!({
                "login": "  JPerez ", "name": "Juan   Pérez", "role": "asesor",
                "reports_to": "supervisor2", "password": "caballo bateria grapa"
            })),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let user = reply.json();
    assert_eq!(user["login"], "jperez");
    assert_eq!(user["name"], "Juan Pérez");
    assert_eq!(user["reports_to"]["login"], "supervisor2");
    assert_eq!(user["active"], true);

    let agent = app.login("jperez", "caballo bateria grapa").await;
    let me = app.get("/api/v1/me", Some(&agent)).await.json();
    assert_eq!(me["user"]["role"], "asesor");
    // The new agent is in supervisor2's team.
    let supervisor = app.login_as("supervisor2").await;
    let team = app.get("/api/v1/teams", Some(&supervisor)).await.json();
    assert!(
        team[0]["agents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["login"] == "jperez")
    );
    assert_eq!(app.events("user_created").await.len(), 1);
}

async fn bad_user_data_gets_every_problem_in_spanish_and_changes_nothing(app: TestApp) {
    let admin = app.login_as("admin").await;
    let before = app
        .get("/api/v1/users", Some(&admin))
        .await
        .json()
        .as_array()
        .unwrap()
        .len();
    let reply = app
        .send(
            Method::POST,
            "/api/v1/users",
            Some(json!({"login": "josé maría", "name": "x", "role": "asesor", "reports_to": "asesor1", "password": "corta"})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.error_code(), "validacion");
    let fields: Vec<String> = reply.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    assert!(fields.contains(&"login".to_string()), "{fields:?}");
    assert!(fields.contains(&"name".to_string()));
    assert!(
        fields.contains(&"reports_to".to_string()),
        "an agent reports to a supervisor"
    );
    assert!(reply.error_message().starts_with("Revise los datos"));

    // An unknown role is a field error too, not a crash.
    let reply = app
        .send(
            Method::POST,
            "/api/v1/users",
            Some(json!({"login": "ana", "name": "Ana", "role": "jefe", "password": "una frase larga"})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.json()["error"]["fields"][0]["field"], "role");

    let after = app
        .get("/api/v1/users", Some(&admin))
        .await
        .json()
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after);
    assert_eq!(app.events("user_created").await.len(), 0);
}

async fn a_repeated_login_is_refused(app: TestApp) {
    let admin = app.login_as("admin").await;
    let reply = app
        .send(
            Method::POST,
            "/api/v1/users",
            Some(json!({"login": "ASESOR1", "name": "Otra Persona", "role": "calidad", "password": "una frase larga"})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.json()["error"]["fields"][0]["message"],
        "Ya existe un usuario «asesor1»."
    );
}

async fn role_change_is_recorded_as_a_security_event(app: TestApp) {
    let user = app.login_as("calidad").await;
    let admin = app.login_as("admin").await;
    let id = app.user_id("calidad").await;
    let reply = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(json!({"role": "backoffice"})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["role"], "backoffice");
    let events = app.events("role_change").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].0.as_deref(), Some("calidad"));
    assert!(
        events[0].1.contains("Calidad → Back office"),
        "{}",
        events[0].1
    );
    // The new role applies at once to the session already open.
    assert_eq!(
        app.get("/api/v1/me", Some(&user)).await.json()["user"]["role"],
        "backoffice"
    );
}

async fn a_leader_with_people_cannot_lose_the_role(app: TestApp) {
    let admin = app.login_as("admin").await;
    let id = app.user_id("supervisor1").await;
    let reply = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(json!({"role": "asesor", "reports_to": "supervisor2"})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.error_message().contains("personas a cargo"),
        "{}",
        reply.text()
    );
    let deactivate = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(json!({"active": false})),
            Some(&admin),
        )
        .await;
    assert_eq!(deactivate.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.events("role_change").await.len(), 0);
}

async fn admin_cannot_remove_their_own_admin_role(app: TestApp) {
    let admin = app.login_as("admin").await;
    let reply = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{}", admin.user_id),
            Some(json!({"role": "gerente"})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.error_message().contains("administrador"));
}

async fn admin_unlocks_a_locked_account(app: TestApp) {
    for _ in 0..5 {
        app.try_login("asesor3", "equivocada-123").await;
    }
    assert_eq!(
        app.try_login("asesor3", PASSWORD).await.status,
        StatusCode::LOCKED
    );
    let admin = app.login_as("admin").await;
    let id = app.user_id("asesor3").await;
    let listed = app
        .get(&format!("/api/v1/users/{id}"), Some(&admin))
        .await
        .json();
    assert!(
        listed["locked_until"].is_string(),
        "the lock-out shows in the user"
    );
    let reply = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(json!({"unlock": true})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.json()["locked_until"].is_null());
    app.login_as("asesor3").await;
}

async fn admin_resets_a_password_and_ends_the_users_sessions(app: TestApp) {
    let agent = app.login_as("asesor2").await;
    let admin = app.login_as("admin").await;
    let id = app.user_id("asesor2").await;
    let weak = app
        .send(
            Method::PUT,
            &format!("/api/v1/users/{id}/password"),
            Some(json!({"password": "asesor2-clave"})),
            Some(&admin),
        )
        .await;
    assert_eq!(
        weak.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "contains the login"
    );
    let reply = app
        .send(
            Method::PUT,
            &format!("/api/v1/users/{id}/password"),
            Some(json!({"password": "clave temporal larga"})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(&agent)).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.login("asesor2", "clave temporal larga").await;
}
