//! Login, sessions, timeouts, CSRF, lock-out and throttling.

use crate::common::{Backend, PASSWORD, TestApp, build, call_router, session_from};
use crate::on_both_databases;
use axum::http::{Method, StatusCode, header};
use sea_orm::ConnectionTrait;
use serde_json::json;
use server::settings::Settings;

on_both_databases!(
    login_returns_the_session_and_an_http_only_cookie,
    wrong_password_is_refused_in_spanish_and_logged,
    unknown_user_is_refused_like_a_wrong_password,
    login_without_the_csrf_token_is_refused,
    login_from_another_site_is_refused,
    login_renews_the_session_id,
    account_locks_after_repeated_failures_then_opens_again,
    a_successful_login_restarts_the_failure_count,
    parallel_guesses_get_no_more_answers_than_the_limit,
    guessing_the_current_password_counts_toward_the_lock_out,
    an_address_that_fails_too_often_is_throttled,
    logout_ends_the_session,
    idle_session_expires,
    session_ends_at_its_absolute_limit,
    state_changing_request_needs_the_session_csrf_token,
    expired_session_gets_401_not_a_csrf_error,
    changing_own_password_checks_the_current_one_and_ends_other_sessions,
    disabled_user_can_no_longer_sign_in_or_use_a_session,
    a_second_instance_recognizes_the_session,
);

async fn login_returns_the_session_and_an_http_only_cookie(app: TestApp) {
    let reply = app.try_login("asesor1", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["user"]["login"], "asesor1");
    assert_eq!(body["user"]["role"], "asesor");
    assert_eq!(body["user"]["reports_to"]["login"], "supervisor1");
    let set_cookie = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("faro_session="))
        .expect("session cookie");
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("SameSite=Lax"));
    assert!(!set_cookie.contains("Secure"), "plain HTTP by default");

    let session = session_from("asesor1", &reply);
    let me = app.get("/api/v1/me", Some(&session)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["user"]["name"], "Camila Restrepo");
    assert_eq!(app.events("login_ok").await.len(), 1);
}

async fn wrong_password_is_refused_in_spanish_and_logged(app: TestApp) {
    let reply = app.try_login("asesor1", "no-es-la-clave").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "credenciales_invalidas");
    assert_eq!(reply.error_message(), "Usuario o contraseña incorrectos.");
    assert!(reply.set_cookie("faro_session").is_none());
    let failures = app.events("login_failed").await;
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].0.as_deref(), Some("asesor1"));
}

async fn unknown_user_is_refused_like_a_wrong_password(app: TestApp) {
    let reply = app.try_login("nadie", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_message(), "Usuario o contraseña incorrectos.");
    assert_eq!(app.events("login_failed").await.len(), 1);
}

async fn login_without_the_csrf_token_is_refused(app: TestApp) {
    let body = json!({ "login": "asesor1", "password": PASSWORD });
    let reply = app
        .send(Method::POST, "/api/v1/auth/login", Some(body.clone()), None)
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error_code(), "csrf_invalido");

    // A header that does not match the cookie is as bad as none.
    let mut request = build(
        Method::POST,
        "/api/v1/auth/login",
        Some(body),
        None,
        Some("inventado"),
    );
    request
        .headers_mut()
        .insert(header::COOKIE, "faro_csrf=otro".parse().unwrap());
    let reply = app.call(request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(app.events("login_ok").await.len(), 0);
}

async fn login_from_another_site_is_refused(app: TestApp) {
    let csrf = app.login_csrf().await;
    let mut request = build(
        Method::POST,
        "/api/v1/auth/login",
        Some(json!({ "login": "asesor1", "password": PASSWORD })),
        None,
        Some(&csrf),
    );
    let headers = request.headers_mut();
    headers.insert(header::COOKIE, format!("faro_csrf={csrf}").parse().unwrap());
    headers.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    headers.insert(header::HOST, "127.0.0.1:3000".parse().unwrap());
    let reply = app.call(request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error_code(), "csrf_invalido");
}

async fn login_renews_the_session_id(app: TestApp) {
    let first = app.login_as("asesor1").await;
    let csrf = app.login_csrf().await;
    let mut request = build(
        Method::POST,
        "/api/v1/auth/login",
        Some(json!({ "login": "asesor1", "password": PASSWORD })),
        None,
        Some(&csrf),
    );
    request.headers_mut().insert(
        header::COOKIE,
        format!("faro_csrf={csrf}; faro_session={}", first.cookie)
            .parse()
            .unwrap(),
    );
    let reply = app.call(request).await;
    assert_eq!(reply.status, StatusCode::OK);
    let second = session_from("asesor1", &reply);
    assert_ne!(first.cookie, second.cookie, "a new id at every login");
    assert_eq!(
        app.get("/api/v1/me", Some(&first)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/me", Some(&second)).await.status,
        StatusCode::OK
    );
}

async fn account_locks_after_repeated_failures_then_opens_again(app: TestApp) {
    for attempt in 1..=4 {
        let reply = app.try_login("asesor2", "equivocada-123").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let locked = app.try_login("asesor2", "equivocada-123").await;
    assert_eq!(locked.status, StatusCode::LOCKED);
    assert_eq!(locked.error_code(), "cuenta_bloqueada");
    assert!(locked.error_message().contains("bloqueada"));
    assert!(locked.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(app.events("lockout").await.len(), 1);

    // Even the right password is refused while locked.
    let still = app.try_login("asesor2", PASSWORD).await;
    assert_eq!(still.status, StatusCode::LOCKED);

    // When the lock-out ends, the right password works.
    app.execute(
        "UPDATE users SET locked_until = $1 WHERE login = 'asesor2'",
        vec![(chrono::Utc::now() - chrono::Duration::seconds(1)).into()],
    )
    .await;
    app.login_as("asesor2").await;
}

async fn a_successful_login_restarts_the_failure_count(app: TestApp) {
    for _ in 0..4 {
        assert_eq!(
            app.try_login("asesor1", "equivocada-123").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    app.login_as("asesor1").await;
    // Four more mistakes are four, not eight.
    for _ in 0..4 {
        assert_eq!(
            app.try_login("asesor1", "equivocada-123").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    app.login_as("asesor1").await;
}

async fn parallel_guesses_get_no_more_answers_than_the_limit(app: TestApp) {
    let csrf = app.login_csrf().await;
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..12 {
        let router = app.router();
        let mut request = build(
            Method::POST,
            "/api/v1/auth/login",
            Some(json!({ "login": "asesor3", "password": format!("adivinanza-{n}") })),
            None,
            Some(&csrf),
        );
        request
            .headers_mut()
            .insert(header::COOKIE, format!("faro_csrf={csrf}").parse().unwrap());
        guesses.spawn(async move { call_router(&router, request).await.status });
    }
    let statuses = guesses.join_all().await;
    let refused_as_wrong = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let locked = statuses
        .iter()
        .filter(|s| **s == StatusCode::LOCKED)
        .count();
    assert_eq!(refused_as_wrong + locked, 12, "{statuses:?}");
    assert!(refused_as_wrong <= 4, "{statuses:?}");
    // Only as many passwords were actually checked as the limit allows.
    let checked = app
        .events("login_failed")
        .await
        .iter()
        .filter(|(_, detail)| detail.starts_with("Contraseña incorrecta"))
        .count();
    assert!(checked <= 5, "{checked} passwords checked");
    // And the right password is refused now too.
    assert_eq!(
        app.try_login("asesor3", PASSWORD).await.status,
        StatusCode::LOCKED
    );
}

async fn guessing_the_current_password_counts_toward_the_lock_out(app: TestApp) {
    let session = app.login_as("backoffice").await;
    let guess = |n: u32| json!({"current_password": format!("adivinanza-{n}"), "new_password": "otra frase segura"});
    for n in 0..4 {
        let reply = app
            .send(
                Method::PUT,
                "/api/v1/me/password",
                Some(guess(n)),
                Some(&session),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let reply = app
        .send(
            Method::PUT,
            "/api/v1/me/password",
            Some(guess(5)),
            Some(&session),
        )
        .await;
    assert_eq!(reply.status, StatusCode::LOCKED);
    assert_eq!(app.events("lockout").await.len(), 1);
    assert_eq!(
        app.try_login("backoffice", PASSWORD).await.status,
        StatusCode::LOCKED
    );
}

async fn an_address_that_fails_too_often_is_throttled(app: TestApp) {
    let limit = Settings::default().address_max_failures;
    // Spread over many accounts so no single account locks.
    for attempt in 0..limit {
        let login = format!("adivinanza{attempt}");
        let reply = app.try_login_from(&login, "x-x-x-x-x-x", "10.1.2.3").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let throttled = app.try_login_from("asesor1", PASSWORD, "10.1.2.3").await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.error_code(), "demasiados_intentos");
    assert!(throttled.headers.contains_key(header::RETRY_AFTER));
    // Another address is not affected.
    let elsewhere = app.try_login_from("asesor1", PASSWORD, "10.9.9.9").await;
    assert_eq!(elsewhere.status, StatusCode::OK);
}

async fn logout_ends_the_session(app: TestApp) {
    let session = app.login_as("supervisor1").await;
    let reply = app
        .send(Method::POST, "/api/v1/auth/logout", None, Some(&session))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(reply.set_cookie("faro_session").as_deref(), Some(""));
    assert_eq!(
        app.get("/api/v1/me", Some(&session)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.events("logout").await.len(), 1);
}

async fn idle_session_expires(app: TestApp) {
    let session = app.login_as("asesor1").await;
    let idle = app.settings.session_idle;
    app.execute(
        "UPDATE sessions SET last_seen_at = $1",
        vec![(chrono::Utc::now() - idle - chrono::Duration::seconds(1)).into()],
    )
    .await;
    let reply = app.get("/api/v1/me", Some(&session)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "no_autenticado");
    assert_eq!(
        reply.set_cookie("faro_session").as_deref(),
        Some(""),
        "the dead cookie is removed"
    );
}

async fn session_ends_at_its_absolute_limit(app: TestApp) {
    let session = app.login_as("asesor1").await;
    // Active a second ago, but past its absolute end.
    app.execute(
        "UPDATE sessions SET expires_at = $1",
        vec![(chrono::Utc::now() - chrono::Duration::seconds(1)).into()],
    )
    .await;
    assert_eq!(
        app.get("/api/v1/me", Some(&session)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn state_changing_request_needs_the_session_csrf_token(app: TestApp) {
    let admin = app.login_as("admin").await;
    let body = json!({"login": "nuevo1", "name": "Nuevo Uno", "role": "backoffice", "password": "una frase larga"});
    let mut request = build(
        Method::POST,
        "/api/v1/users",
        Some(body.clone()),
        Some(&admin),
        None,
    );
    let reply = app.call(request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error_code(), "csrf_invalido");

    request = build(
        Method::POST,
        "/api/v1/users",
        Some(body.clone()),
        Some(&admin),
        Some("otro-token"),
    );
    assert_eq!(app.call(request).await.status, StatusCode::FORBIDDEN);

    // The pre-session token does not stand in for the session's, even with
    // its matching cookie.
    let pre = app.login_csrf().await;
    request = build(
        Method::POST,
        "/api/v1/users",
        Some(body.clone()),
        None,
        Some(&pre),
    );
    request.headers_mut().insert(
        header::COOKIE,
        format!("faro_session={}; faro_csrf={pre}", admin.cookie)
            .parse()
            .unwrap(),
    );
    assert_eq!(app.call(request).await.status, StatusCode::FORBIDDEN);
    assert!(
        app.get("/api/v1/users", Some(&admin))
            .await
            .text()
            .find("nuevo1")
            .is_none(),
        "nothing changed"
    );

    let ok = app
        .send(Method::POST, "/api/v1/users", Some(body), Some(&admin))
        .await;
    assert_eq!(ok.status, StatusCode::CREATED);
}

async fn expired_session_gets_401_not_a_csrf_error(app: TestApp) {
    let session = app.login_as("asesor1").await;
    app.execute("DELETE FROM sessions", vec![]).await;
    let reply = app
        .send(Method::POST, "/api/v1/auth/logout", None, Some(&session))
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.error_message().contains("iniciar sesión"));
}

async fn changing_own_password_checks_the_current_one_and_ends_other_sessions(app: TestApp) {
    let here = app.login_as("calidad").await;
    let elsewhere = app.login_as("calidad").await;

    let wrong = app
        .send(
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": "no-es", "new_password": "otra frase segura"})),
            Some(&here),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong.json()["error"]["fields"][0]["field"],
        "current_password"
    );

    let short = app
        .send(
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "corta"})),
            Some(&here),
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.error_message().contains("al menos 10 caracteres"));
    app.login_as("calidad").await; // unchanged

    let ok = app
        .send(
            Method::PUT,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "otra frase segura"})),
            Some(&here),
        )
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(&here)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/me", Some(&elsewhere)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.try_login("calidad", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.login("calidad", "otra frase segura").await;
    assert_eq!(app.events("password_change").await.len(), 1);
}

async fn disabled_user_can_no_longer_sign_in_or_use_a_session(app: TestApp) {
    let agent = app.login_as("asesor4").await;
    let admin = app.login_as("admin").await;
    let id = app.user_id("asesor4").await;
    let reply = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(json!({"active": false})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        app.get("/api/v1/me", Some(&agent)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.try_login("asesor4", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.events("user_disabled").await.len(), 1);
}

async fn a_second_instance_recognizes_the_session(app: TestApp) {
    let session = app.login_as("gerente").await;
    let other = app.second_instance().await;
    let reply = call_router(
        &other,
        build(Method::GET, "/api/v1/me", None, Some(&session), None),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["user"]["login"], "gerente");
    // Logging out on the second instance ends it on the first too.
    let out = call_router(
        &other,
        build(
            Method::POST,
            "/api/v1/auth/logout",
            None,
            Some(&session),
            Some(&session.csrf),
        ),
    )
    .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(&session)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// Behind a trusted proxy, the address in the log is the one the proxy saw,
/// not whatever the client wrote first in `X-Forwarded-For`, and HTTPS at the
/// proxy makes the cookie `Secure`.
async fn the_proxy_supplies_the_client_address_and_https(backend: Backend) {
    let settings = Settings {
        trust_proxy: true,
        ..Settings::default()
    };
    let app = TestApp::with_settings(backend, settings).await;
    let csrf = app.login_csrf().await;
    let mut request = build(
        Method::POST,
        "/api/v1/auth/login",
        Some(json!({ "login": "asesor1", "password": PASSWORD })),
        None,
        Some(&csrf),
    );
    let headers = request.headers_mut();
    headers.insert(header::COOKIE, format!("faro_csrf={csrf}").parse().unwrap());
    headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7".parse().unwrap());
    headers.insert("x-forwarded-proto", "https".parse().unwrap());
    let reply = app.call(request).await;
    assert_eq!(reply.status, StatusCode::OK);
    let cookie = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("faro_session="))
        .unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
    let rows = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT ip FROM security_events WHERE kind = 'login_ok'",
        ))
        .await
        .unwrap();
    let ip: Option<String> = rows[0].try_get("", "ip").unwrap();
    assert_eq!(ip.as_deref(), Some("203.0.113.7"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_supplies_the_client_address_and_https_sqlite() {
    the_proxy_supplies_the_client_address_and_https(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_supplies_the_client_address_and_https_postgres() {
    the_proxy_supplies_the_client_address_and_https(Backend::Postgres).await;
}
