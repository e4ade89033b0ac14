//! Recognizes the signed-in user on every request and hands pages what they
//! need to render (the session, the login form's CSRF token).

use super::cookies;
use super::error::ApiError;
use crate::services::sessions::{self, random_token};
use crate::state::AppState;
use app::session::LoginCsrfToken;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

/// Marks a request whose session cookie was no longer valid.
#[derive(Debug, Clone, Copy)]
pub struct SessionEnded;

pub async fn load_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_static_file(&request) {
        // The app's own files are the same for everyone: no session lookup.
        return next.run(request).await;
    }
    let secure = cookies::secure(&state.settings, request.headers());
    let mut clear_session_cookie = false;
    if let Some(token) = cookies::read(request.headers(), cookies::SESSION) {
        match sessions::authenticate(&state.db, &state.settings, &token).await {
            Ok(Some(auth)) => {
                if is_page_request(&request) {
                    match sessions::session_info(&state.db, &state.settings, &auth).await {
                        Ok(info) => {
                            request.extensions_mut().insert(info);
                        }
                        Err(err) => return failure(&request, err),
                    }
                }
                request.extensions_mut().insert(auth);
            }
            Ok(None) => {
                clear_session_cookie = true;
                request.extensions_mut().insert(SessionEnded);
            }
            Err(err) => return failure(&request, err),
        }
    }

    let mut new_login_csrf = None;
    if is_page_request(&request) {
        let token = cookies::read(request.headers(), cookies::LOGIN_CSRF).unwrap_or_else(|| {
            let token = random_token();
            new_login_csrf = Some(token.clone());
            token
        });
        request.extensions_mut().insert(LoginCsrfToken(token));
    }

    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if clear_session_cookie {
        headers.append(header::SET_COOKIE, cookies::clear_session(secure));
    }
    if let Some(token) = new_login_csrf {
        headers.append(header::SET_COOKIE, cookies::login_csrf(&token, secure));
    }
    response
}

/// When the session cannot be checked (the database is down): JSON for the
/// API, a plain Spanish page for a browser.
fn failure(request: &Request, err: crate::services::ServiceError) -> Response {
    if !is_page_request(request) {
        return ApiError::from(err).into_response();
    }
    tracing::error!(error = ?err, "page request failed before rendering");
    (StatusCode::SERVICE_UNAVAILABLE, Html(UNAVAILABLE_PAGE)).into_response()
}

const UNAVAILABLE_PAGE: &str = r#"<!DOCTYPE html>
<html lang="es-CO"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Faro no está disponible</title><link rel="stylesheet" href="/pkg/faro.css"></head>
<body><main id="contenido" class="page page--centered"><section class="panel panel--error" role="alert">
<h1>Faro no está disponible en este momento</h1>
<p>No fue posible consultar la base de datos. Espere unos segundos y recargue la página; si el problema continúa, avise al administrador.</p>
<a class="button button--primary" href="">Recargar</a></section></main></body></html>"#;

fn is_static_file(request: &Request) -> bool {
    let path = request.uri().path();
    path.starts_with("/pkg/") || path == "/favicon.ico"
}

/// A browser asking for a page (not the API, not a static file).
fn is_page_request(request: &Request) -> bool {
    request.method() == Method::GET
        && !request.uri().path().starts_with("/api/")
        && !request.uri().path().starts_with("/pkg/")
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
}
