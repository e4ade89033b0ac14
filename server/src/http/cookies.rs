//! Faro's cookies: the session id and the pre-session CSRF token.

use crate::settings::Settings;
use axum::http::{HeaderMap, HeaderValue, header};
use cookie::{Cookie, SameSite};

/// The session id. `HttpOnly`; `SameSite=Lax` so the dialer's screen-pop link
/// (a top-level navigation from another site) still opens signed in, while
/// cross-site sub-requests and form posts never carry it.
pub const SESSION: &str = "faro_session";
/// The token the login form must echo (double submit), before any session.
pub const LOGIN_CSRF: &str = "faro_csrf";

/// The value of a cookie in the request.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_string())
        .filter(|value| !value.is_empty())
}

/// Whether cookies must be `Secure`: always when configured, and whenever a
/// trusted proxy says the browser came over HTTPS.
pub fn secure(settings: &Settings, headers: &HeaderMap) -> bool {
    settings.secure_cookies
        || (settings.trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|proto| proto.eq_ignore_ascii_case("https")))
}

/// `Set-Cookie` for a new session.
pub fn session(token: &str, settings: &Settings, secure: bool) -> HeaderValue {
    build(
        SESSION,
        token,
        secure,
        Some(settings.session_absolute.num_seconds()),
        SameSite::Lax,
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session(secure: bool) -> HeaderValue {
    build(SESSION, "", secure, Some(0), SameSite::Lax)
}

/// `Set-Cookie` for the pre-session CSRF token. `Lax` like the session: with
/// `Strict`, arriving from another site (the dialer's screen-pop) would not
/// send it, a new token would be issued and open login forms would go stale.
pub fn login_csrf(token: &str, secure: bool) -> HeaderValue {
    build(LOGIN_CSRF, token, secure, None, SameSite::Lax)
}

fn build(
    name: &str,
    value: &str,
    secure: bool,
    max_age: Option<i64>,
    same_site: SameSite,
) -> HeaderValue {
    let mut cookie = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(same_site)
        .secure(secure);
    if let Some(seconds) = max_age {
        cookie = cookie.max_age(cookie::time::Duration::seconds(seconds));
    }
    // Names and values are ours (base64url tokens), always header-safe.
    HeaderValue::from_str(&cookie.build().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_is_http_only_lax_and_secure_on_https() {
        let settings = Settings::default();
        let plain = session("abc", &settings, false)
            .to_str()
            .unwrap()
            .to_string();
        assert!(plain.contains("faro_session=abc"));
        assert!(plain.contains("HttpOnly"));
        assert!(plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(
            session("abc", &settings, true)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
    }

    #[test]
    fn https_behind_a_trusted_proxy_makes_cookies_secure() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        let mut settings = Settings::default();
        assert!(
            !secure(&settings, &headers),
            "an untrusted header is ignored"
        );
        settings.trust_proxy = true;
        assert!(secure(&settings, &headers));
        assert!(!secure(&settings, &HeaderMap::new()));
        settings.secure_cookies = true;
        assert!(secure(&settings, &HeaderMap::new()));
    }

    #[test]
    fn reads_one_cookie_among_many() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; faro_session=xyz; b=2"),
        );
        assert_eq!(read(&headers, SESSION).as_deref(), Some("xyz"));
        assert_eq!(read(&headers, LOGIN_CSRF), None);
    }
}
