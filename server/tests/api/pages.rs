//! Server-rendered pages: redirects, roles, Spanish errors.

use crate::common::TestApp;
use crate::on_both_databases;
use axum::http::{StatusCode, header};

on_both_databases!(
    pages_send_visitors_to_the_login_page,
    login_page_is_spanish_and_carries_a_csrf_token,
    signed_in_user_sees_the_navigation_of_their_role,
    a_page_of_another_role_is_refused_and_logged,
    an_unknown_page_is_a_spanish_404,
    home_sends_each_role_to_its_first_page,
);

async fn pages_send_visitors_to_the_login_page(app: TestApp) {
    let reply = app.page("/equipo", None).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    assert_eq!(reply.headers[header::LOCATION], "/ingresar?next=/equipo");
}

async fn login_page_is_spanish_and_carries_a_csrf_token(app: TestApp) {
    let reply = app.page("/ingresar", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = reply.text();
    assert!(html.contains("lang=\"es-CO\""));
    assert!(html.contains("Ingresar"));
    assert!(html.contains("Contraseña"));
    let cookie = reply
        .set_cookie("faro_csrf")
        .expect("pre-session token cookie");
    assert!(
        html.contains(&cookie),
        "the page carries the same token as the cookie"
    );
}

async fn signed_in_user_sees_the_navigation_of_their_role(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    let html = app.page("/cola", Some(&agent)).await;
    assert_eq!(html.status, StatusCode::OK);
    let html = html.text();
    for label in [
        "Mi cola",
        "Llamada",
        "Mis casos",
        "Mis indicadores",
        "Saltar al contenido",
        "Camila Restrepo",
    ] {
        assert!(html.contains(label), "{label}");
    }
    assert!(!html.contains(">Equipo<"));
    let supervisor = app.login_as("supervisor1").await;
    let html = app.page("/equipo", Some(&supervisor)).await.text();
    for label in ["Equipo", "Indicadores", "Calendario"] {
        assert!(html.contains(label), "{label}");
    }
}

async fn a_page_of_another_role_is_refused_and_logged(app: TestApp) {
    let agent = app.login_as("asesor1").await;
    let reply = app.page("/configuracion", Some(&agent)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(
        reply
            .text()
            .contains("No tiene permiso para ver esta página")
    );
    let events = app.events("forbidden").await;
    assert_eq!(events.len(), 1);
    assert!(events[0].1.contains("/configuracion"));
}

async fn an_unknown_page_is_a_spanish_404(app: TestApp) {
    let reply = app.page("/no-existe", None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.text().contains("Página no encontrada"));
}

async fn home_sends_each_role_to_its_first_page(app: TestApp) {
    for (login, home) in [
        ("asesor1", "/cola"),
        ("supervisor1", "/equipo"),
        ("gerente", "/equipo"),
        ("backoffice", "/escalamientos"),
        ("calidad", "/monitoreo"),
        ("admin", "/configuracion"),
    ] {
        let session = app.login_as(login).await;
        let reply = app.page("/", Some(&session)).await;
        assert_eq!(reply.status, StatusCode::FOUND, "{login}");
        assert_eq!(reply.headers[header::LOCATION], home, "{login}");
    }
}
