//! Faro's cookies: the session id and the pre-session CSRF token.

use crate::settings::Settings;
use axum::http::{HeaderMap, HeaderValue, header};
use cookie::{Cookie, SameSite};

/// The session id. `HttpOnly`; `SameSite=Lax` so the dialer's screen-pop link
/// (a top-level navigation from another site) still opens signed in, while
/// cross-site sub-requests and form posts never carry it.
pub const SESSION: &str = "faro_session";
/// The token the login form must echo (double-submit), before any session.
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

/// `Set-Cookie` for a new session.
pub fn session(token: &str, settings: &Settings) -> HeaderValue {
    build(
        SESSION,
        token,
        settings,
        Some(settings.session_absolute.num_seconds()),
        SameSite::Lax,
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session(settings: &Settings) -> HeaderValue {
    build(SESSION, "", settings, Some(0), SameSite::Lax)
}

/// `Set-Cookie` for the pre-session CSRF token; strict, it is only ever
/// needed by Faro's own login form.
pub fn login_csrf(token: &str, settings: &Settings) -> HeaderValue {
    build(LOGIN_CSRF, token, settings, None, SameSite::Strict)
}

fn build(
    name: &str,
    value: &str,
    settings: &Settings,
    max_age: Option<i64>,
    same_site: SameSite,
) -> HeaderValue {
    let mut cookie = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(same_site)
        .secure(settings.secure_cookies);
    if let Some(seconds) = max_age {
        cookie = cookie.max_age(cookie::time::Duration::seconds(seconds));
    }
    HeaderValue::from_str(&cookie.build().to_string()).expect("cookie values are header-safe")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_is_http_only_lax_and_secure_on_https() {
        let mut settings = Settings::default();
        let plain = session("abc", &settings).to_str().unwrap().to_string();
        assert!(plain.contains("faro_session=abc"));
        assert!(plain.contains("HttpOnly"));
        assert!(plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        settings.secure_cookies = true;
        assert!(
            session("abc", &settings)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
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
