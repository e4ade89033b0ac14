//! Health checks and the API documentation.

use crate::common::TestApp;
use crate::on_both_databases;
use axum::http::StatusCode;

on_both_databases!(
    health_and_readiness_answer,
    openapi_document_and_browsable_page_are_served
);

async fn health_and_readiness_answer(app: TestApp) {
    let health = app.get("/healthz", None).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json()["status"], "ok");
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json()["check"], "base_de_datos");

    let agent = app.login_as("asesor1").await;
    // With the database gone, the instance is not ready (but still alive).
    app.db.clone().close().await.unwrap();
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready.json()["status"], "no_disponible");
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    // A signed-in browser gets a Spanish page, the API a JSON error.
    let page = app.page("/cola", Some(&agent)).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.text()
            .contains("Faro no está disponible en este momento")
    );
    let api = app.get("/api/v1/me", Some(&agent)).await;
    assert!(api.status.is_server_error());
    assert!(!api.error_message().is_empty());
}

async fn openapi_document_and_browsable_page_are_served(app: TestApp) {
    let doc = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(doc.status, StatusCode::OK);
    let doc = doc.json();
    assert_eq!(doc["info"]["title"], "Faro API");
    for path in [
        "/api/v1/auth/login",
        "/api/v1/me",
        "/api/v1/users/{id}",
        "/healthz",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["sesion"]["in"],
        "cookie"
    );
    let page = app.get("/api/v1/docs/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("swagger-ui"));
}
