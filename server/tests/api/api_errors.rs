//! Bad requests get our JSON error shape with a Spanish message.

use crate::common::{TestApp, build};
use crate::on_both_databases;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};

on_both_databases!(
    unknown_api_path_is_a_json_404,
    unsupported_method_is_a_json_405,
    malformed_json_is_a_400_in_spanish,
    json_of_the_wrong_type_names_the_field,
    a_body_that_is_not_json_is_a_415,
    a_bad_path_parameter_is_a_400,
    responses_carry_hardening_headers,
);

async fn unknown_api_path_is_a_json_404(app: TestApp) {
    let reply = app.get("/api/v1/no-existe", None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.error_code(), "no_encontrado");
    assert_eq!(
        reply.error_message(),
        "Esta dirección no existe en la API de Faro."
    );
}

async fn unsupported_method_is_a_json_405(app: TestApp) {
    let admin = app.login_as("admin").await;
    let reply = app
        .send(Method::DELETE, "/api/v1/me", None, Some(&admin))
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.error_code(), "metodo_no_permitido");
}

async fn malformed_json_is_a_400_in_spanish(app: TestApp) {
    let admin = app.login_as("admin").await;
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/users")
        .header(header::COOKIE, format!("faro_session={}", admin.cookie))
        .header("x-csrf-token", &admin.csrf)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"login\": "))
        .unwrap();
    let reply = app.call(request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.error_message(),
        "El cuerpo de la solicitud no es un JSON válido."
    );
}

async fn json_of_the_wrong_type_names_the_field(app: TestApp) {
    let admin = app.login_as("admin").await;
    let reply = app
        .send(
            Method::POST,
            "/api/v1/users",
            Some(serde_json::json!({"login": 5})),
            Some(&admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.error_message().contains("«login»"),
        "{}",
        reply.text()
    );
}

async fn a_body_that_is_not_json_is_a_415(app: TestApp) {
    let admin = app.login_as("admin").await;
    let mut request = build(
        Method::POST,
        "/api/v1/users",
        None,
        Some(&admin),
        Some(&admin.csrf),
    );
    *request.body_mut() = Body::from("login=x");
    request.headers_mut().insert(
        header::CONTENT_TYPE,
        "application/x-www-form-urlencoded".parse().unwrap(),
    );
    let reply = app.call(request).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(reply.error_message().contains("JSON"));
}

async fn a_bad_path_parameter_is_a_400(app: TestApp) {
    let admin = app.login_as("admin").await;
    let reply = app.get("/api/v1/users/abc", Some(&admin)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.error_message(),
        "Parámetro no válido en la dirección o la consulta."
    );
    let missing = app.get("/api/v1/users/999999", Some(&admin)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_message(), "El usuario no existe.");
}

async fn responses_carry_hardening_headers(app: TestApp) {
    let reply = app.get("/api/v1/me", None).await;
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert_eq!(reply.headers["x-frame-options"], "DENY");
    assert_eq!(reply.headers["cache-control"], "no-store");
    assert!(
        reply.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
}
