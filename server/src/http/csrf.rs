//! CSRF protection of every state-changing request.
//!
//! Two independent checks: the browser's own word on where the request comes
//! from (`Sec-Fetch-Site`, `Origin`), and a token the page must echo in the
//! `X-CSRF-Token` header — the session's token when signed in, otherwise the
//! pre-session token of the `faro_csrf` cookie (double submit, for login).

use super::cookies;
use super::error::ApiError;
use super::session::SessionEnded;
use crate::services::ServiceError;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use app::api::auth::CSRF_HEADER;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

pub async fn verify_csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // The dialer authenticates with its own secret, never with a cookie, so
    // no browser can be tricked into sending its requests.
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || request.uri().path() == app::paths::api::DIALER_EVENTS
    {
        return next.run(request).await;
    }
    match check(&request, state.settings.trust_proxy) {
        Ok(()) => next.run(request).await,
        Err(err) => err.into_response(),
    }
}

fn check(request: &Request, trust_proxy: bool) -> Result<(), ApiError> {
    let headers = request.headers();
    if !same_origin(headers, trust_proxy) {
        return Err(ApiError::CrossSite);
    }
    let sent = headers
        .get(CSRF_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let session_token = request
        .extensions()
        .get::<Authenticated>()
        .map(|auth| auth.csrf_token.clone());
    if session_token.is_none()
        && request.extensions().get::<SessionEnded>().is_some()
        && !is_login(request)
    {
        // Say "your session ended" rather than "bad token".
        return Err(ApiError::Service(ServiceError::Unauthenticated));
    }
    // Signing in again from the login form, with a session still open,
    // carries the form's pre-session token.
    let login_token = (session_token.is_none() || is_login(request))
        .then(|| cookies::read(headers, cookies::LOGIN_CSRF))
        .flatten();
    let matches = |expected: &Option<String>| {
        expected.as_deref().is_some_and(|expected| {
            !sent.is_empty() && bool::from(sent.as_bytes().ct_eq(expected.as_bytes()))
        })
    };
    if matches(&session_token) || matches(&login_token) {
        Ok(())
    } else {
        Err(ApiError::Csrf)
    }
}

fn is_login(request: &Request) -> bool {
    request.uri().path() == app::paths::api::LOGIN
}

/// False when the browser says the request comes from another site. Clients
/// that send neither header (scripts, the dialer) still need the token.
/// Behind a trusted proxy that rewrites `Host`, the original host is in
/// `X-Forwarded-Host`.
fn same_origin(headers: &HeaderMap, trust_proxy: bool) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let origin_host = origin.split_once("://").map(|(_, host)| host).unwrap_or("");
            let forwarded_host = trust_proxy
                .then(|| headers.get("x-forwarded-host"))
                .flatten();
            let host = forwarded_host
                .or_else(|| headers.get(header::HOST))
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(str::trim)
                .unwrap_or_default();
            !origin_host.is_empty() && origin_host.eq_ignore_ascii_case(host)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_accepts_own_site_and_scripts() {
        assert!(same_origin(&headers(&[]), false));
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            false
        ));
        assert!(same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            false
        ));
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_host_counts() {
        let behind_proxy = headers(&[
            ("origin", "https://faro.example"),
            ("host", "10.0.0.5:3000"),
            ("x-forwarded-host", "faro.example"),
        ]);
        assert!(same_origin(&behind_proxy, true));
        assert!(
            !same_origin(&behind_proxy, false),
            "an untrusted header is ignored"
        );
    }

    #[test]
    fn same_origin_refuses_other_sites() {
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            false
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            false
        ));
        assert!(!same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000")
            ]),
            false
        ));
        assert!(!same_origin(
            &headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]),
            false
        ));
    }
}
