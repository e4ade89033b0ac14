//! The logged-in session as the app sees it, and the layout that requires one.
//!
//! The server knows the session before it renders (its middleware puts a
//! [`SessionInfo`] in the request) and writes it into the page as a small
//! JSON "bootstrap"; the browser reads that same JSON before hydrating. Both
//! sides therefore render the same markup synchronously, with no loading
//! state and no second request.

use crate::api::auth::SessionInfo;
use crate::components::app_shell::AppShell;
use crate::paths::page;
use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, Redirect},
    hooks::use_location,
};
use serde::{Deserialize, Serialize};

/// The id of the `<script type="application/json">` holding the bootstrap.
pub const BOOTSTRAP_ELEMENT_ID: &str = "faro-bootstrap";

/// The pre-session CSRF token the server issued to this browser (also in the
/// `faro_csrf` cookie); the login request must echo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginCsrfToken(pub String);

/// What the page needs to know before it renders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bootstrap {
    /// `None` when nobody is logged in.
    pub session: Option<SessionInfo>,
    /// The token the login form must echo.
    pub login_csrf: Option<String>,
}

impl Bootstrap {
    /// JSON safe to place inside a `<script>` element.
    pub fn to_script_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| "{}".into())
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }

    /// The bootstrap of the request being rendered (server side).
    #[cfg(feature = "ssr")]
    pub fn current() -> Bootstrap {
        Bootstrap {
            session: request_extension::<SessionInfo>(),
            login_csrf: request_extension::<LoginCsrfToken>().map(|token| token.0),
        }
    }

    /// The bootstrap the server wrote into this page (browser side).
    #[cfg(not(feature = "ssr"))]
    pub fn current() -> Bootstrap {
        #[cfg(feature = "hydrate")]
        {
            document()
                .get_element_by_id(BOOTSTRAP_ELEMENT_ID)
                .and_then(|element| element.text_content())
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default()
        }
        #[cfg(not(feature = "hydrate"))]
        Bootstrap::default()
    }
}

/// Shares the bootstrap with every component; call once, in `App`.
pub fn provide_bootstrap() {
    provide_context(Bootstrap::current());
}

/// The bootstrap of this page.
pub fn use_bootstrap() -> Bootstrap {
    use_context::<Bootstrap>().unwrap_or_default()
}

/// A value the server's middleware attached to the request being rendered.
#[cfg(feature = "ssr")]
pub fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<T>().cloned())
}

/// Sets the HTTP status of the page being rendered on the server (a no-op in
/// the browser).
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// Every signed-in page: sends visitors without a session to the login page
/// (returning here afterwards), otherwise renders the app shell around the page.
#[component]
pub fn SignedInLayout() -> impl IntoView {
    match use_bootstrap().session {
        Some(session) => view! { <AppShell session><Outlet /></AppShell> }.into_any(),
        None => {
            let location = use_location();
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            view! { <Redirect path=page::login_then(&here) /> }.into_any()
        }
    }
}

/// The session of the signed-in user; only valid inside [`SignedInLayout`].
pub fn use_session() -> SessionInfo {
    expect_context::<SessionInfo>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the token holds, the JSON never ends its <script> early
        /// and reads back to the same value.
        #[test]
        fn any_token_survives_the_script_element(token in any::<String>()) {
            let bootstrap = Bootstrap { session: None, login_csrf: Some(token) };
            let json = bootstrap.to_script_json();
            prop_assert!(!json.to_lowercase().contains("</script"));
            prop_assert!(!json.contains("<!--"));
            let back: Bootstrap = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, bootstrap);
        }
    }

    #[test]
    fn script_json_cannot_close_its_script_element() {
        let bootstrap = Bootstrap {
            session: None,
            login_csrf: Some("</script><script>alert(1)</script>".into()),
        };
        let json = bootstrap.to_script_json();
        assert!(!json.contains("</script>"));
        let back: Bootstrap = serde_json::from_str(&json).unwrap();
        assert_eq!(back, bootstrap);
    }
}
